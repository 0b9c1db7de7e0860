/*
 * tee - copy standard input to standard output and to files.
 *
 * Usage: tee [-a] [file...]
 * -a appends to the files instead of truncating them.  A file that cannot be opened or
 * written is reported and the copy goes on to the others.
 * Exit status: 0; 1 if a file could not be opened or written; 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write all n bytes of buf to fd: 0 or -1 with errno. */
static int
write_all(int fd, const char *buf, ssize_t n)
{
	ssize_t done;

	for (; n > 0; buf += done, n -= done)
		if ((done = write(fd, buf, (size_t)n)) < 0)
			return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	int c, flags = O_WRONLY | O_CREAT | O_TRUNC, rc = 0, n, *fds;
	char buf[4096];
	ssize_t got;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a') {
			fprintf(stderr, "usage: tee [-a] [file...]\n");
			return 2;
		}
		flags = O_WRONLY | O_CREAT | O_APPEND;
	}
	n = argc - optind;
	if ((fds = malloc(sizeof(int) * (size_t)(n + 1))) == NULL)
		return 1;
	for (int i = 0; i < n; i++)
		if ((fds[i] = open(argv[optind + i], flags, 0666)) < 0) {
			fprintf(stderr, "tee: %s: %s\n", argv[optind + i], strerror(errno));
			rc = 1;
		}
	while ((got = read(0, buf, sizeof(buf))) > 0) {
		if (write_all(1, buf, got) < 0)
			return 1;
		for (int i = 0; i < n; i++)
			if (fds[i] >= 0 && write_all(fds[i], buf, got) < 0) {
				fprintf(stderr, "tee: %s: %s\n", argv[optind + i], strerror(errno));
				close(fds[i]);
				fds[i] = -1;
				rc = 1;
			}
	}
	if (got < 0) {
		fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
		rc = 1;
	}
	return rc;
}
