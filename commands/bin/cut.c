/*
 * cut - print selected parts of each line: characters (-c) or fields (-f).
 *
 * Usage: cut -c list [file...]     cut -f list [-d delim] [-s] [file...]
 * A list is numbers and ranges separated by commas: 3, 2-5, -4 (1 to 4), 6- (6 to the end);
 * positions count from 1.  -f selects fields separated by delim (a tab by default) and
 * prints them joined by delim; a line without delim is printed whole, or not at all with
 * -s.  -c selects characters (bytes).
 * Exit status: 0; 1 if a file could not be read; 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/getline.h"

#define MAX_RANGES 64

static struct range {
	long lo, hi;
} ranges[MAX_RANGES];
static int nranges, opt_s, by_field;
static char delim = '\t';

static void
usage(void)
{
	fprintf(stderr, "usage: cut -c list [file...]\n"
		"       cut -f list [-d delim] [-s] [file...]\n");
	exit(2);
}

/* Parse one range of a list at s ("3", "2-5", "-4", "6-"); the text after it. */
static char *
parse_range(char *s, struct range *r)
{
	char *end;

	r->lo = 1;
	r->hi = 0x7fffffff;
	if (*s != '-') {
		r->lo = r->hi = strtol(s, &end, 10);
		if (end == s)
			usage();
		s = end;
	}
	if (*s == '-') {
		s++;
		r->hi = 0x7fffffff;
		if (*s >= '0' && *s <= '9')
			r->hi = strtol(s, &s, 10);
	}
	if (r->lo < 1 || r->hi < r->lo || (*s != ',' && *s != '\0'))
		usage();
	return s;
}

static void
parse_list(char *s)
{
	for (;;) {
		if (nranges == MAX_RANGES)
			usage();
		s = parse_range(s, &ranges[nranges++]);
		if (*s++ == '\0')
			return;
	}
}

static int
selected(long n)
{
	for (int i = 0; i < nranges; i++)
		if (n >= ranges[i].lo && n <= ranges[i].hi)
			return 1;
	return 0;
}

/* Print the selected fields of line. */
static void
cut_fields(const char *line)
{
	const char *p = line, *end;
	int first = 1;

	if (strchr(line, delim) == NULL) {
		if (!opt_s)
			puts(line);
		return;
	}
	for (long n = 1;; n++, p = end + 1) {
		if ((end = strchr(p, delim)) == NULL)
			end = p + strlen(p);
		if (selected(n)) {
			if (!first)
				putchar(delim);
			fwrite(p, 1, (size_t)(end - p), stdout);
			first = 0;
		}
		if (*end == '\0')
			break;
	}
	putchar('\n');
}

static void
cut(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	long len;

	while ((len = read_line(f, &line, &cap, NULL)) >= 0) {
		if (by_field) {
			cut_fields(line);
			continue;
		}
		for (long i = 0; i < len; i++)
			if (selected(i + 1))
				putchar(line[i]);
		putchar('\n');
	}
	free(line);
}

int
main(int argc, char **argv)
{
	int c, rc = 0, mode = 0;
	FILE *f;

	while ((c = getopt(argc, argv, "c:f:d:s")) != -1) {
		if (c == 'c' || c == 'f') {
			mode++;
			by_field = c == 'f';
			parse_list(optarg);
		} else if (c == 'd' && strlen(optarg) == 1) {
			delim = optarg[0];
		} else if (c == 's') {
			opt_s = 1;
		} else {
			usage();
		}
	}
	if (mode != 1)
		usage();
	if (optind == argc)
		cut(stdin);
	for (int i = optind; i < argc; i++) {
		if ((f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r")) == NULL) {
			fprintf(stderr, "cut: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		cut(f);
		if (f != stdin)
			fclose(f);
	}
	return rc;
}
