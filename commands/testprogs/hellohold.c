/*
 * hellohold - a descriptor of /dev/hello held open across whatever the shell does meanwhile
 * (grader/tests/update.py; handouts/rs.md, "Live update").
 *
 * Usage: hellohold FILE
 * Opens /dev/hello, reads its line and prints "hellohold: before: LINE", then waits (one
 * second at a time, at most 120 s) until FILE exists, rewinds the same descriptor, reads
 * again and prints "hellohold: after: LINE"; exit status 0, or 1 after a message naming the
 * call that failed.  Across a live update of hello the second read must work on the old
 * descriptor and show the same count (a read does not count); across a restart it fails
 * (the new instance never opened it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DEV     "/dev/hello"

/* Read the line at position 0 of fd and print it after what: 0, or 1 if a call failed. */
static int
show(int fd, const char *what)
{
	char line[80];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) != 0) {
		printf("hellohold: %s: lseek: %s\n", what, strerror(errno));
		return 1;
	}
	if ((n = read(fd, line, sizeof(line) - 1)) < 0) {
		printf("hellohold: %s: read: %s\n", what, strerror(errno));
		return 1;
	}
	line[n] = '\0';
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	printf("hellohold: %s: %s\n", what, line);
	return 0;
}

int
main(int argc, char **argv)
{
	int fd, waited;

	if (argc != 2) {
		fprintf(stderr, "usage: hellohold FILE\n");
		return 2;
	}
	if ((fd = open(DEV, O_RDONLY)) < 0) {
		printf("hellohold: open: %s\n", strerror(errno));
		return 1;
	}
	if (show(fd, "before") != 0)
		return 1;
	fflush(stdout);
	for (waited = 0; access(argv[1], F_OK) != 0; waited++) {
		if (waited == 120) {
			printf("hellohold: %s never appeared\n", argv[1]);
			return 1;
		}
		sleep(1);
	}
	if (show(fd, "after") != 0)
		return 1;
	close(fd);
	return 0;
}
