/*
 * sysdeps.c - the two places where libc reaches the system.
 *
 * Until there are a tty driver, VFS and PM, stdio's text goes to the console through the
 * kernel's diagnostics call (sys_diagctl DIAGCTL_CODE_DIAG) and a process ends itself with
 * sys_exit() (the kernel call of system processes; the kernel also lets user processes use
 * both for now).  When write(2) and PM's exit arrive, only this file changes.
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
	(void)status;   /* nobody collects it yet */
	sys_exit();
	for (;;)        /* the kernel refused: nothing else can end us */
		;
}
