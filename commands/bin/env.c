/*
 * env - print the environment, or run a program in a changed one.
 *
 * Usage: env [-i] [NAME=value...] [program [arg...]]
 * -i starts from an empty environment.  Without a program the result is printed, one
 * NAME=value per line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int
main(int argc, char **argv)
{
	static char *empty[1];
	int i = 1;

	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '=') != NULL; i++) {
		char *eq = strchr(argv[i], '=');

		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) != 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i == argc) {
		for (char **e = environ; e != NULL && *e != NULL; e++)
			printf("%s\n", *e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
