/*
 * head - the first lines of files (or of standard input).
 *
 * Usage: head [-n count] [-count] [file...]     (count: 10 by default)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Copy the first n lines of fd to standard output; 0 or -1 with errno. */
static int
head(int fd, long n)
{
	char buf[4096];
	ssize_t got = 0, i;

	while (n > 0 && (got = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < got && n > 0; i++)
			if (buf[i] == '\n')
				n--;
		fwrite(buf, 1, (size_t)i, stdout);
	}
	return n > 0 && got < 0 ? -1 : 0;
}

/* A line count from s; -1 if it is not a number. */
static long
parse_count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	return (*s == '\0' || *end != '\0' || n < 0) ? -1 : n;
}

int
main(int argc, char **argv)
{
	long n = 10;
	int i = 1, rc = 0, fd;

	if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
		n = parse_count(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		n = parse_count(argv[i] + 1 + (argv[i][1] == 'n'));
		i++;
	}
	if (n < 0) {
		fprintf(stderr, "head: bad line count\nusage: head [-n count] [file...]\n");
		return 2;
	}
	if (i == argc)
		return head(0, n) == 0 ? 0 : 1;
	for (int first = i; i < argc; i++) {
		if (argc - first > 1)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		if ((fd = open(argv[i], O_RDONLY)) < 0 || head(fd, n) != 0) {
			fflush(stdout);
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return rc;
}
