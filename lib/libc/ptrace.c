/*
 * ptrace.c - ptrace(2): one PM_PTRACE request to PM (minnow/pm.h, minnow/ptrace.h;
 * handouts/ptrace.md).
 */
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <minnow/pm.h>
#include "pm_call.h"

long
ptrace(int req, pid_t pid, long addr, long data)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = req;
	m.m_pm.pid = pid;
	m.m_pm.addr = (uint32_t)addr;
	m.m_pm.len = (uint32_t)data;
	if ((r = __libc_pm_call(PM_PTRACE, &m)) < 0) {
		errno = -r;
		return -1;
	}
	if (req == T_GETINS || req == T_GETDATA || req == T_GETUSER)
		return (long)m.m_pm.len;
	return 0;
}
