/*
 * sort - sort the lines of files (or of standard input).
 *
 * Usage: sort [-nru] [-t sep] [-k field[,field]] [file...]
 * Lines are compared by their key, by default the whole line in byte order.  -k m[,n]
 * makes the key fields m to n (1-based; without n, to the end of the line); fields are
 * separated by the character sep of -t, or else each begins at a run of blanks.  -n
 * compares keys as decimal numbers (an optional sign, digits, a fraction; anything else
 * counts as 0).  Lines whose keys are equal are ordered by the whole line.  -r reverses the
 * order, -u prints only the first of each run of lines with equal keys.
 * Exit status: 0; 1 if a file could not be read; 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/getline.h"

static int opt_n, opt_r, opt_u;
static int key_first, key_last;         /* 0: no -k; key_last 0: to the end */
static int sep = -1;                    /* -t: the separator, -1: blank runs */

struct line {
	char *text;
	long index;                     /* the order of input, for -u */
};

static struct line *lines;
static long nlines, lines_cap;

static void
usage(void)
{
	fprintf(stderr, "usage: sort [-nru] [-t sep] [-k field[,field]] [file...]\n");
	exit(2);
}

/* The start of field n (1-based) of s, or the end of s if it has fewer fields. */
static const char *
field_start(const char *s, int n)
{
	for (; n > 1 && *s != '\0'; n--) {
		if (sep >= 0) {
			while (*s != '\0' && *s != sep)
				s++;
			if (*s != '\0')
				s++;
		} else {
			while (*s == ' ' || *s == '\t')
				s++;
			while (*s != '\0' && *s != ' ' && *s != '\t')
				s++;
		}
	}
	return s;
}

/* The key of line s: its start in *start and its length. */
static size_t
key_of(const char *s, const char **start)
{
	const char *end;

	if (key_first == 0) {
		*start = s;
		return strlen(s);
	}
	*start = field_start(s, key_first);
	if (key_last == 0)
		return strlen(*start);
	end = field_start(s, key_last + 1);
	if (sep >= 0 && end > *start && *end != '\0')
		end--;                  /* not the separator that ends the last field */
	if (sep >= 0 && *end == '\0' && end > *start && end[-1] == sep)
		end--;
	return end > *start ? (size_t)(end - *start) : 0;
}

/* Compare the fractions at a and b (each at its '.' or at whatever ends the number). */
static int
frac_cmp(const char *a, const char *ae, const char *b, const char *be)
{
	int da, db;

	a += a < ae && *a == '.';
	b += b < be && *b == '.';
	for (;; a++, b++) {
		da = a < ae && *a >= '0' && *a <= '9' ? *a : '0';
		db = b < be && *b >= '0' && *b <= '9' ? *b : '0';
		if (da != db)
			return da - db;
		if ((a >= ae || *a < '0' || *a > '9') && (b >= be || *b < '0' || *b > '9'))
			return 0;
	}
}

/* Skip the blanks, the sign (*neg) and the leading zeros of the number at s. */
static const char *
num_start(const char *s, const char *end, int *neg)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if ((*neg = (s < end && *s == '-')) != 0)
		s++;
	while (s < end && *s == '0')
		s++;
	return s;
}

/* Compare two keys as decimal numbers (digit strings, so any size works). */
static int
numcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ae = a + alen, *be = b + blen, *ai, *bi;
	int aneg, bneg, r;

	a = num_start(a, ae, &aneg);
	b = num_start(b, be, &bneg);
	for (ai = a; ai < ae && *ai >= '0' && *ai <= '9'; ai++)
		;
	for (bi = b; bi < be && *bi >= '0' && *bi <= '9'; bi++)
		;
	if (ai - a != bi - b)
		r = ai - a < bi - b ? -1 : 1;
	else if ((r = memcmp(a, b, (size_t)(ai - a))) == 0)
		r = frac_cmp(ai, ae, bi, be);
	if (aneg != bneg && (r != 0 || a != ai || frac_cmp(ai, ae, "", "") != 0))
		return aneg ? -1 : 1;           /* different signs, not both zero */
	return aneg ? -r : r;
}

/* Compare the keys of lines a and b. */
static int
key_compare(const char *a, const char *b)
{
	const char *ka, *kb;
	size_t na = key_of(a, &ka), nb = key_of(b, &kb);
	int r;

	if (opt_n)
		return numcmp(ka, na, kb, nb);
	if ((r = memcmp(ka, kb, na < nb ? na : nb)) == 0)
		r = na < nb ? -1 : na > nb;
	return r;
}

/* The order of lines: by key, then (without -u) by the whole line, then as read. */
static int
compare(const void *pa, const void *pb)
{
	const struct line *la = pa, *lb = pb;
	int r = key_compare(la->text, lb->text);

	if (r == 0 && !opt_u)
		r = strcmp(la->text, lb->text);
	if (opt_r)
		r = -r;
	if (r == 0)
		r = la->index < lb->index ? -1 : la->index > lb->index;
	return r;
}

/* Read the lines of f into lines[]: 0, or -1 with errno. */
static int
read_lines(FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;

	while (read_line(f, &buf, &cap, NULL) >= 0) {
		if (nlines == lines_cap) {
			lines_cap = lines_cap * 2 + 64;
			if ((lines = realloc(lines, (size_t)lines_cap * sizeof(*lines))) == NULL)
				return -1;
		}
		lines[nlines].index = nlines;
		if ((lines[nlines++].text = strdup(buf)) == NULL)
			return -1;
	}
	free(buf);
	return ferror(f) ? -1 : 0;
}

/* Parse -k m[,n]. */
static void
parse_key(const char *s)
{
	char *end;

	key_first = (int)strtol(s, &end, 10);
	if (*end == ',')
		key_last = (int)strtol(end + 1, &end, 10);
	if (key_first < 1 || *end != '\0' || key_last < 0)
		usage();
}

static void
options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "nruk:t:")) != -1) {
		if (c == 'n')
			opt_n = 1;
		else if (c == 'r')
			opt_r = 1;
		else if (c == 'u')
			opt_u = 1;
		else if (c == 'k')
			parse_key(optarg);
		else if (c == 't' && strlen(optarg) == 1)
			sep = (unsigned char)optarg[0];
		else
			usage();
	}
}

int
main(int argc, char **argv)
{
	int rc = 0;
	FILE *f;

	options(argc, argv);
	if (optind == argc && read_lines(stdin) != 0) {
		fprintf(stderr, "sort: standard input: %s\n", strerror(errno));
		rc = 1;
	}
	for (int i = optind; i < argc; i++) {
		if ((f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r")) == NULL ||
		    read_lines(f) != 0) {
			fprintf(stderr, "sort: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
		if (f != NULL && f != stdin)
			fclose(f);
	}
	qsort(lines, (size_t)nlines, sizeof(*lines), compare);
	for (long i = 0; i < nlines; i++)
		if (!opt_u || i == 0 || key_compare(lines[i - 1].text, lines[i].text) != 0)
			puts(lines[i].text);
	return rc;
}
