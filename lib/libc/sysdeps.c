/*
 * sysdeps.c - where libc reaches the kernel directly: the console and the end of a process.
 *
 * The console is the kernel's diagnostics call (sys_diagctl DIAGCTL_CODE_DIAG): stdio
 * falls back on it for a process with no fd 1/2, without VFS, or a system process (stdio.c).
 * A process ends itself by asking PM (PM_EXIT, so its parent's wait sees the status; pm.c);
 * sys_exit stays the fallback without PM and for system processes, whom PM refuses.
 */
#include <minnow/syslib.h>
#include "libc_private.h"

/* kernel/priv.h SYS_PROC: the privilege flag of a system process. */
#define PRIV_SYS_PROC   0x01

int
__libc_console_write(const char *buf, size_t len)
{
	return sys_diagctl_diag(buf, (int)len) == OK ? 0 : -1;
}

/* A user process may not make the GET_WHOAMI kernel call (ECALLDENIED): not a system one. */
int
__libc_is_system(void)
{
	static int known = -1;
	endpoint_t ep;
	char name[16];
	int flags;

	if (known < 0)
		known = sys_whoami(&ep, name, sizeof(name), &flags) == OK &&
		        (flags & PRIV_SYS_PROC) != 0;
	return known;
}

void
__libc_exit_process(int status)
{
	__libc_pm_exit(status);         /* PM_EXIT when PM runs; a user process ends there */
	sys_exit();                     /* no PM, or a system process: the kernel call */
	for (;;)        /* the kernel refused: nothing else can end us */
		;
}
