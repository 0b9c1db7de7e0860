/*
 * exit.c - ending the process: exit(), _exit() and abort().
 *
 * exit() flushes stdio and hands over to __libc_exit_process() (sysdeps.c), which asks
 * PM to end the process (PM_EXIT: the status goes to the parent's wait) and falls back on
 * the sys_exit kernel call without PM.  abort() reports on stderr first; once PM delivers
 * caught signals it will raise SIGABRT instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include "libc_private.h"

void
exit(int status)
{
	fflush(NULL);
	_exit(status);
}

void
_exit(int status)
{
	__libc_exit_process(status);
}

void
abort(void)
{
	fputs("abort\n", stderr);
	fflush(NULL);
	_exit(EXIT_FAILURE);
}
