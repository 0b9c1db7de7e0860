/*
 * sysdeps.c - the two places where libc reaches the system.
 *
 * Until there are a tty driver, VFS and PM, stdio's text goes to the console through the
 * kernel's diagnostics call (sys_diagctl DIAGCTL_CODE_DIAG) and a process ends itself with
 * sys_exit() (the kernel call of system processes; the kernel also lets user processes use
 * both for now).  When PM runs (KIF_PM), a process first asks PM to end it (PM_EXIT, so its
 * parent's wait sees the status; pm.c); sys_exit stays the fallback without PM and for
 * system processes, whom PM refuses.  When write(2) arrives, only this file changes.
 */
#include <minnow/syslib.h>
#include "libc_private.h"

int
__libc_console_write(const char *buf, size_t len)
{
	return sys_diagctl_diag(buf, (int)len) == OK ? 0 : -1;
}

void
__libc_exit_process(int status)
{
	__libc_pm_exit(status);         /* PM_EXIT when PM runs; a user process ends there */
	sys_exit();                     /* no PM, or a system process: the kernel call */
	for (;;)        /* the kernel refused: nothing else can end us */
		;
}
