/*
 * signames.h - the names and descriptions of signals for the commands that print or parse
 * them (kill, sh): sig_name() ("INT", without the SIG prefix, as kill -l lists it; NULL for
 * a number without a name), sig_text() ("Interrupt") and sig_byname() ("INT", "SIGINT" or
 * "2" -> 2).
 *
 * A header of static functions, included by relative path ("../lib/signames.h"), so that
 * the same command sources build for Minnow and, with the host's libc, for the host tests
 * (tools/tests/test_userland.py): the numbers come from <signal.h>, whichever it is.
 */
#ifndef COMMANDS_SIGNAMES_H
#define COMMANDS_SIGNAMES_H

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Signal number, name, description. */
static const struct signame {
	int sig;
	const char *name;
	const char *text;
} signames[] = {
	{ SIGHUP, "HUP", "Hangup" }, { SIGINT, "INT", "Interrupt" },
	{ SIGQUIT, "QUIT", "Quit" }, { SIGILL, "ILL", "Illegal instruction" },
	{ SIGTRAP, "TRAP", "Trace trap" }, { SIGABRT, "ABRT", "Aborted" },
	{ SIGFPE, "FPE", "Floating point exception" }, { SIGKILL, "KILL", "Killed" },
	{ SIGBUS, "BUS", "Bus error" }, { SIGSEGV, "SEGV", "Segmentation fault" },
	{ SIGPIPE, "PIPE", "Broken pipe" }, { SIGALRM, "ALRM", "Alarm clock" },
	{ SIGTERM, "TERM", "Terminated" }, { SIGSTOP, "STOP", "Stopped (signal)" },
	{ SIGTSTP, "TSTP", "Stopped" }, { SIGCONT, "CONT", "Continued" },
	{ SIGCHLD, "CHLD", "Child exited" }, { SIGTTIN, "TTIN", "Stopped (tty input)" },
	{ SIGTTOU, "TTOU", "Stopped (tty output)" },
	{ SIGXFSZ, "XFSZ", "File size limit exceeded" },
	{ SIGUSR1, "USR1", "User defined signal 1" },
	{ SIGUSR2, "USR2", "User defined signal 2" },
};
#define NR_SIGNAMES ((int)(sizeof(signames) / sizeof(signames[0])))

/* sig's entry, or NULL. */
static inline const struct signame *
sig_entry(int sig)
{
	for (int i = 0; i < NR_SIGNAMES; i++)
		if (signames[i].sig == sig)
			return &signames[i];
	return NULL;
}

/* "INT" for SIGINT; NULL if sig has no name here. */
static inline const char *
sig_name(int sig)
{
	const struct signame *e = sig_entry(sig);

	return e != NULL ? e->name : NULL;
}

/* "Interrupt" for SIGINT; NULL if sig has no name here. */
static inline const char *
sig_text(int sig)
{
	const struct signame *e = sig_entry(sig);

	return e != NULL ? e->text : NULL;
}

/* The signal s names: "INT", "SIGINT" or a number below NSIG; -1 if none. */
static inline int
sig_byname(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s != '\0' && *end == '\0')
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 0; i < NR_SIGNAMES; i++)
		if (strcmp(signames[i].name, s) == 0)
			return signames[i].sig;
	return -1;
}

#endif /* COMMANDS_SIGNAMES_H */
