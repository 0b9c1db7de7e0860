/*
 * kill - send a signal to processes.
 *
 * Usage: kill [-SIGNAL | -s SIGNAL | -n] pid...     kill -l
 * The signal is a name (TERM, SIGTERM, KILL, ...) or a number; the default is TERM.  A
 * negative pid names a process group.  kill -l lists the signal names.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/signames.h"

static int
usage(void)
{
	fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] pid...\n       kill -l\n");
	return 2;
}

int
main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, rc = 0;
	char *end;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (int k = 1; k < NSIG; k++)
			if (sig_name(k) != NULL)
				printf("%2d %s\n", k, sig_name(k));
		return 0;
	}
	if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
		sig = sig_byname(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' &&
	           strcmp(argv[i], "--") != 0 && !(argv[i][1] >= '0' && argv[i][1] <= '9' &&
	                                            argc == 2)) {
		sig = sig_byname(argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0) {
		fprintf(stderr, "kill: %s: unknown signal\n", argv[i - 1]);
		return usage();
	}
	if (i == argc)
		return usage();
	for (; i < argc; i++) {
		long pid = strtol(argv[i], &end, 10);

		if (*argv[i] == '\0' || *end != '\0') {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			rc = 1;
		} else if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
