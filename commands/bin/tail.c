/*
 * tail - the last lines of a file (or of standard input).
 *
 * Usage: tail [-n count] [-count] [file]     (count: 10 by default)
 * The whole input is read into memory and the last count lines are printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read all of fd into a malloc'ed buffer: its length, or -1 with errno. */
static long
slurp(int fd, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;

	if (buf == NULL)
		return -1;
	while ((n = read(fd, buf + len, cap - len)) > 0) {
		len += (size_t)n;
		if (len == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (bigger == NULL) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (n < 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return (long)len;
}

/* Print the last n lines of buf[0..len). */
static void
print_tail(const char *buf, long len, long n)
{
	long start = len;

	if (start > 0 && buf[start - 1] == '\n')
		start--;                /* the final newline ends the last line */
	while (start > 0) {
		if (buf[start - 1] == '\n' && --n == 0)
			break;
		start--;
	}
	if (n == 0 && start == len)
		return;
	fwrite(buf + start, 1, (size_t)(len - start), stdout);
}

int
main(int argc, char **argv)
{
	long n = 10, len;
	int i = 1, fd = 0;
	char *buf, *end;
	const char *name = "stdin";

	if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
		n = strtol(argv[i + 1], &end, 10);
		i += *end == '\0' && *argv[i + 1] != '\0' ? 2 : argc;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		n = strtol(argv[i] + 1 + (argv[i][1] == 'n'), &end, 10);
		i += *end == '\0' ? 1 : argc;
	}
	if (i > argc || n < 0 || argc - i > 1) {
		fprintf(stderr, "usage: tail [-n count] [file]\n");
		return 2;
	}
	if (i < argc && (fd = open(name = argv[i], O_RDONLY)) < 0) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return 1;
	}
	if ((len = slurp(fd, &buf)) < 0) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return 1;
	}
	if (n > 0)
		print_tail(buf, len, n);
	free(buf);
	return 0;
}
