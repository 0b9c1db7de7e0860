/*
 * e2big - exec with an argument list larger than ARG_MAX must fail with E2BIG.
 *
 * Usage: e2big
 * Prints "e2big: execve: Argument list too long (E2BIG as expected)" and exits 0, or what
 * happened instead and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NARGS   200
#define ARGLEN  1000    /* 200 x 1000 bytes > ARG_MAX (64 KiB) */

int
main(void)
{
	static char *argv[NARGS + 1];
	char *env[] = { NULL };
	char *arg = malloc(ARGLEN);

	if (arg == NULL) {
		printf("e2big: out of memory\n");
		return 1;
	}
	memset(arg, 'x', ARGLEN - 1);
	arg[ARGLEN - 1] = '\0';
	for (int i = 0; i < NARGS; i++)
		argv[i] = arg;
	execve("/bin/true", argv, env);
	if (errno == E2BIG) {
		printf("e2big: execve: %s (E2BIG as expected)\n", strerror(errno));
		return 0;
	}
	printf("e2big: execve failed with %s, not E2BIG\n", strerror(errno));
	return 1;
}
