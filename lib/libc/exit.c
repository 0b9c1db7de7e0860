/*
 * exit.c - ending the process: exit(), _exit() and abort().
 *
 * exit() flushes stdio and hands over to __libc_exit_process() (sysdeps.c), which for now
 * makes the sys_exit kernel call.  abort() reports on stderr first; once PM exists it will
 * raise SIGABRT instead.
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
