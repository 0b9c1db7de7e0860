/*
 * rlimit.c - getrlimit(2) and setrlimit(2): PM_GETRLIMIT and PM_SETRLIMIT (minnow/pm.h,
 * <sys/resource.h>; handouts/pm.md, "Core files").
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <minnow/pm.h>
#include "pm_call.h"

int
getrlimit(int res, struct rlimit *rl)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = res;
	if ((r = __libc_pm_call(PM_GETRLIMIT, &m)) < 0)
		return __libc_posix_result(r);
	if (rl == NULL)
		return __libc_posix_result(-EFAULT);
	rl->rlim_cur = m.m_pm.len;
	rl->rlim_max = m.m_pm.len2;
	return 0;
}

int
setrlimit(int res, const struct rlimit *rl)
{
	message m;

	if (rl == NULL)
		return __libc_posix_result(-EFAULT);
	memset(&m, 0, sizeof(m));
	m.m_pm.how = res;
	m.m_pm.len = rl->rlim_cur;
	m.m_pm.len2 = rl->rlim_max;
	return __libc_posix_result(__libc_pm_call(PM_SETRLIMIT, &m));
}
