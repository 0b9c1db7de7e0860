/*
 * uniq - report or omit repeated lines: adjacent equal lines of the input become one.
 *
 * Usage: uniq [-c] [-d | -u] [input [output]]
 * -c puts the number of times the line occurred in front of it; -d prints only the lines
 * that were repeated, -u only those that were not.
 * Exit status: 0; 1 if a file could not be opened; 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/getline.h"

static int opt_c, opt_d, opt_u;

/* Print line (seen count times) if the options select it. */
static void
emit(FILE *out, const char *line, long count)
{
	if ((opt_d && count == 1) || (opt_u && count > 1))
		return;
	if (opt_c)
		fprintf(out, "%7ld %s\n", count, line);
	else
		fprintf(out, "%s\n", line);
}

static void
uniq(FILE *in, FILE *out)
{
	char *prev = NULL, *cur = NULL, *t;
	size_t prev_cap = 0, cur_cap = 0, tc;
	long count = 0;

	while (read_line(in, &cur, &cur_cap, NULL) >= 0) {
		if (count > 0 && strcmp(prev, cur) == 0) {
			count++;
			continue;
		}
		if (count > 0)
			emit(out, prev, count);
		t = prev, prev = cur, cur = t;
		tc = prev_cap, prev_cap = cur_cap, cur_cap = tc;
		count = 1;
	}
	if (count > 0)
		emit(out, prev, count);
	free(prev);
	free(cur);
}

int
main(int argc, char **argv)
{
	FILE *in = stdin, *out = stdout;
	int c;

	while ((c = getopt(argc, argv, "cdu")) != -1) {
		if (c == 'c')
			opt_c = 1;
		else if (c == 'd')
			opt_d = 1;
		else if (c == 'u')
			opt_u = 1;
		else
			break;
	}
	if (c != -1 || argc - optind > 2) {
		fprintf(stderr, "usage: uniq [-c] [-d | -u] [input [output]]\n");
		return 2;
	}
	if (optind < argc && strcmp(argv[optind], "-") != 0 &&
	    (in = fopen(argv[optind], "r")) == NULL) {
		fprintf(stderr, "uniq: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	if (optind + 1 < argc && (out = fopen(argv[optind + 1], "w")) == NULL) {
		fprintf(stderr, "uniq: %s: %s\n", argv[optind + 1], strerror(errno));
		return 1;
	}
	uniq(in, out);
	return fclose(out) == 0 ? 0 : 1;
}
