/*
 * strsignal.c - the names and descriptions of signals: signame() ("INT", the name without
 * its SIG prefix, as kill -l lists it; NULL for a number without a name) and strsignal()
 * ("Interrupt"), and sigbyname() for the way back ("INT", "SIGINT" or "2").  One table for every program that prints signals (kill, sh).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Signal number, name, description. */
static const struct {
	int sig;
	const char *name;
	const char *text;
} sigs[] = {
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
	{ SIGUSR1, "USR1", "User defined signal 1" },
	{ SIGUSR2, "USR2", "User defined signal 2" },
};
#define NR_SIGS ((int)(sizeof(sigs) / sizeof(sigs[0])))

const char *
signame(int sig)
{
	for (int i = 0; i < NR_SIGS; i++)
		if (sigs[i].sig == sig)
			return sigs[i].name;
	return NULL;
}

char *
strsignal(int sig)
{
	static char unknown[32];

	for (int i = 0; i < NR_SIGS; i++)
		if (sigs[i].sig == sig)
			return (char *)sigs[i].text;
	snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}

int
sigbyname(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s != '\0' && *end == '\0')
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (int sig = 1; sig < NSIG; sig++)
		if (signame(sig) != NULL && strcmp(signame(sig), s) == 0)
			return sig;
	return -1;
}
