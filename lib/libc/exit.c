/*
 * exit.c - ending the process: exit(), _exit(), abort(), and atexit().
 *
 * exit() runs the atexit() functions (last registered first), flushes stdio and hands over to __libc_exit_process() (sysdeps.c), which asks
 * PM to end the process (PM_EXIT: the status goes to the parent's wait) and falls back on
 * the sys_exit kernel call without PM.  abort() reports on stderr first; once PM delivers
 * caught signals it will raise SIGABRT instead.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "libc_private.h"

/** main's argv, recorded by crt0.S (err.c names the program with argv[0]). */
char **__libc_argv;

static void (*exit_fns[ATEXIT_MAX])(void);
static int nr_exit_fns;

int
atexit(void (*fn)(void))
{
	if (nr_exit_fns == ATEXIT_MAX)
		return -1;
	exit_fns[nr_exit_fns++] = fn;
	return 0;
}

void
exit(int status)
{
	while (nr_exit_fns > 0)
		exit_fns[--nr_exit_fns]();
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
