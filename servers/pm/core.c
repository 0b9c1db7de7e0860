/*
 * core.c - the default action "terminate with a core file" (handouts/pm.md, "Core
 * files").
 *
 * SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSEGV and SIGBUS end a process that
 * neither catches nor ignores them, leaving its memory and registers in a file "core" in
 * its working directory for a debugger (`gdb PROGRAM core`).  PM stops the process and asks
 * VFS to write the file (VFS_PM_DUMPCORE; servers/vfs/core.c); when VFS answers, the
 * process ends (exit_proc) with the signal in its status and, if the file was written, the
 * core flag 0x80 (WCOREDUMP), which the shell reports as "(core dumped)".  Without a VFS,
 * or for a service RS started, the process simply ends.
 *
 * The file is written only up to the process's RLIMIT_CORE (mp_core_cur, bytes; 0, the
 * default, means no core file at all: `ulimit -c unlimited` in the shell asks for them).
 * getrlimit/setrlimit read and set it (rlimit.c).
 *
 * Entry points: dumps_core, dump_core (sig_proc), core_restart (vfs.c).
 */
#include <string.h>
#include <sys/resource.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/vfs.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

int
dumps_core(int sig)
{
	return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT ||
	       sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS || sig == SIGXFSZ;
}

int
dump_core(struct mproc *rmp, int sig)
{
	message m;

	if (vfs_state != VFS_READY || (rmp->mp_flags & (SYS_PROCESS | VFS_CALL)) ||
	    rmp->mp_core_cur == 0)
		return 0;
	sys_stop(rmp->mp_endpoint);
	memset(&m, 0, sizeof(m));
	m.m_vfs_pm.ruid = (uint32_t)sig;
	m.m_vfs_pm.uid = rmp->mp_core_cur;
	if (tell_vfs(rmp, VFS_PM_DUMPCORE, &m) != OK)
		return 0;
	rmp->mp_exitstatus = sig;	/* (core_restart) */
	return 1;
}

void
core_restart(struct mproc *rmp, int status)
{
	exit_proc(rmp, (rmp->mp_exitstatus & 0x7F) | (status == OK ? 0x80 : 0));
}
