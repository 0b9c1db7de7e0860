/*
 * cmp - compare two files byte by byte.
 *
 * Usage: cmp [-s] file1 file2     ("-" is standard input)
 * Prints where they first differ ("a b differ: char 5, line 2") or that one is a prefix of
 * the other ("cmp: EOF on a"); -s prints nothing.  Exit status: 0 the same, 1 different,
 * 2 trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static FILE *
open_arg(const char *name)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");

	if (f == NULL)
		fprintf(stderr, "cmp: %s: %s\n", name, strerror(errno));
	return f;
}

int
main(int argc, char **argv)
{
	int silent = 0, i = 1, a, b;
	long pos = 1, line = 1;
	FILE *f1, *f2;

	if (i < argc && strcmp(argv[i], "-s") == 0) {
		silent = 1;
		i++;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: cmp [-s] file1 file2\n");
		return 2;
	}
	if ((f1 = open_arg(argv[i])) == NULL || (f2 = open_arg(argv[i + 1])) == NULL)
		return 2;
	for (;; pos++) {
		a = getc(f1);
		b = getc(f2);
		if (a == EOF || b == EOF)
			break;
		if (a != b) {
			if (!silent)
				printf("%s %s differ: char %ld, line %ld\n", argv[i], argv[i + 1],
				       pos, line);
			return 1;
		}
		if (a == '\n')
			line++;
	}
	if (a == b)
		return 0;
	if (!silent)
		fprintf(stderr, "cmp: EOF on %s\n", a == EOF ? argv[i] : argv[i + 1]);
	return 1;
}
