/*
 * exit.c - ending the process: exit(), _exit(), abort(), and atexit().
 *
 * exit() runs the atexit() functions (last registered first), flushes stdio and hands over to __libc_exit_process() (sysdeps.c), which asks
 * PM to end the process (PM_EXIT: the status goes to the parent's wait) and falls back on
 * the sys_exit kernel call without PM.  abort() ends the process with SIGABRT
 * (handouts/libc.md, "abort").
 */
#include <limits.h>
#include <signal.h>
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

/*
 * abort(): unblock SIGABRT and raise it, so a handler runs first; if the handler returns
 * (or the signal is ignored), put back the default action and raise it again, which ends
 * the process "killed by SIGABRT" for its parent's waitpid.  stdio is not flushed (a
 * handler may do that); _exit is the last resort should PM be unreachable.
 */
void
abort(void)
{
	sigset_t set;
	struct sigaction sa;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGABRT, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}
