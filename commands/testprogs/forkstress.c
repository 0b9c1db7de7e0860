/*
 * forkstress - fork N children that each exec /bin/true, and reap them all.
 *
 * Usage: forkstress [N]      (N: 50 by default)
 * Prints "forkstress: N children ran /bin/true and were reaped" and exits 0, or names
 * what went wrong (a failed fork, a child that did not exit 0) and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 50, bad = 0, st;
	char *args[] = { "true", NULL };
	char *env[] = { NULL };
	pid_t pid;

	if (n <= 0) {
		fprintf(stderr, "usage: forkstress [N]\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		if ((pid = fork()) < 0) {
			fprintf(stderr, "forkstress: fork %d: %s\n", i, strerror(errno));
			return 1;
		}
		if (pid == 0) {
			execve("/bin/true", args, env);
			fprintf(stderr, "forkstress: exec /bin/true: %s\n", strerror(errno));
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "forkstress: child %d (pid %d) ended with status 0x%x\n",
			        i, (int)pid, st);
			bad++;
		}
	}
	if (wait(&st) != -1 || errno != ECHILD) {
		fprintf(stderr, "forkstress: a child is left over\n");
		bad++;
	}
	if (bad > 0)
		return 1;
	printf("forkstress: %d children ran /bin/true and were reaped\n", n);
	return 0;
}
