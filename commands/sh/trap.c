/*
 * trap.c - the trap builtin: commands the shell runs when a signal arrives, or when it
 * exits (handouts/shell.md, "trap").
 *
 * Usage: trap                      list the traps set, as trap commands
 *        trap ACTION SIGNAL...     run ACTION when SIGNAL comes ("" ignores it)
 *        trap - SIGNAL...          back to the default action
 * A SIGNAL is a name (INT, SIGINT), a number, or EXIT (0: when the shell ends).  The
 * handler only notes the signal; run_traps() runs the actions between commands (after the
 * foreground command the signal interrupted has finished, or at once while the shell waits
 * for input), so an action never cuts a command in two.  $? is kept across an action (but
 * its `exit` ends the shell).
 * SIGKILL and SIGSTOP cannot be trapped; a bad signal is an error (status 1).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define EXIT_TRAP 0

static char *actions[NSIG];                     /* NULL: no trap; "": ignored */
static volatile sig_atomic_t pending[NSIG];
static volatile sig_atomic_t any_pending;

static void
on_trap(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

/* SIGNAL as a number (EXIT is 0); -1 if it names none. */
static int
trap_signal(const char *s)
{
	return strcmp(s, "EXIT") == 0 ? EXIT_TRAP : sig_byname(s);
}

/* Set sig's trap to action (NULL: the default). 0, or 1 after a message. */
static int
set_trap(int sig, const char *action, const char *name)
{
	sh_handler_t h = action == NULL ? sh_own_action(sig) :
			 action[0] == '\0' ? SIG_IGN : on_trap;

	if (sig == SIGKILL || sig == SIGSTOP) {
		sh_error("trap: %s: cannot be trapped", name);
		return 1;
	}
	if (sig != EXIT_TRAP && signal(sig, h) == SIG_ERR) {
		sh_error("trap: %s: %s", name, strerror(errno));
		return 1;
	}
	free(actions[sig]);
	actions[sig] = action == NULL ? NULL : strdup(action);
	return 0;
}

/* trap with no operands: the traps set, as commands that would set them again. */
static void
list_traps(void)
{
	for (int sig = 0; sig < NSIG; sig++)
		if (actions[sig] != NULL)
			printf("trap -- '%s' %s\n", actions[sig],
			       sig == EXIT_TRAP ? "EXIT" : sig_name(sig) != NULL ? sig_name(sig) : "?");
}

int
bi_trap(int argc, char **argv)
{
	const char *action;
	int rc = 0, i = 1, sig;

	if (argc == 1) {
		list_traps();
		return 0;
	}
	if (strcmp(argv[i], "--") == 0)
		i++;
	if (i + 1 >= argc) {
		sh_error("trap: usage: trap [ACTION | -] SIGNAL...");
		return 2;
	}
	action = strcmp(argv[i], "-") == 0 ? NULL : argv[i];
	for (i++; i < argc; i++) {
		if ((sig = trap_signal(argv[i])) < 0) {
			sh_error("trap: %s: bad signal", argv[i]);
			rc = 1;
		} else {
			rc |= set_trap(sig, action, argv[i]);
		}
	}
	return rc;
}

/* Run the actions of the signals that came; $? stays what it was. */
void
run_traps(void)
{
	static int running;
	int status = sh_status;

	if (running)
		return;			/* an action's own commands: after it */
	running = 1;
	while (any_pending) {
		any_pending = 0;
		for (int sig = 1; sig < NSIG; sig++) {
			if (!pending[sig])
				continue;
			pending[sig] = 0;
			if (actions[sig] != NULL && actions[sig][0] != '\0')
				run_string(actions[sig]);
		}
	}
	running = 0;
	if (!sh_exit_requested)
		sh_status = status;
}

/* The shell ends: the EXIT trap's action, once. */
void
run_exit_trap(void)
{
	char *action = actions[EXIT_TRAP];

	actions[EXIT_TRAP] = NULL;
	if (action != NULL && action[0] != '\0')
		run_string(action);
	free(action);
}
