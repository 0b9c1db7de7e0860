/*
 * zombie - leave a zombie child behind, for ps (grader/tests/ps.py).
 *
 * Usage: zombie [seconds]
 * Forks a child that exits at once with status 7, and never waits for it: once the child is
 * gone (the pipe it held open reads end-of-file) the parent prints "zombie: child PID
 * exited, not collected" and sleeps the given seconds (default 100), so the child stays a
 * zombie in PM's table all that time.  Exit status 1 if fork or pipe fails, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	unsigned seconds = argc > 1 ? (unsigned)atoi(argv[1]) : 100;
	int fd[2];
	char c;
	pid_t pid;

	if (argc > 2) {
		fprintf(stderr, "usage: zombie [seconds]\n");
		return 2;
	}
	if (pipe(fd) < 0 || (pid = fork()) < 0) {
		perror("zombie");
		return 1;
	}
	if (pid == 0)
		_exit(7);       /* the write end goes with the child's exit */
	close(fd[1]);
	while (read(fd[0], &c, 1) > 0)
		;
	printf("zombie: child %d exited, not collected\n", (int)pid);
	fflush(stdout);
	while (seconds > 0)
		seconds = sleep(seconds);
	return 0;
}
