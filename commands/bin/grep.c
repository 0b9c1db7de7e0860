/*
 * grep - print the lines that match a pattern.
 *
 * Usage: grep [-v] [-c] [-n] [-F] pattern [file...]
 * The pattern is a simple regular expression: ^ anchors at the start, $ at the end, .
 * matches any character, x* any number of x (x a character or .), \c the character c;
 * everything else matches itself.  -F takes the pattern as a fixed string.  -v prints the
 * lines that do not match, -c only their count, -n puts the line number in front.  With
 * several files each line is prefixed with its file's name.  Exit status: 0 if a line was
 * selected, 1 if none, 2 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int opt_v, opt_c, opt_n, opt_fixed;

static int match_here(const char *re, const char *s);

/* Does one pattern element (re[0], a character or '.' or an escape) match c? */
static int
match_one(const char *re, char c)
{
	if (c == '\0')
		return 0;
	if (re[0] == '\\' && re[1] != '\0')
		return re[1] == c;
	return re[0] == '.' || re[0] == c;
}

/* The length of the pattern element at re (2 for an escape). */
static int
element_len(const char *re)
{
	return re[0] == '\\' && re[1] != '\0' ? 2 : 1;
}

/* element* followed by rest: try the longest run first. */
static int
match_star(const char *elem, const char *rest, const char *s)
{
	const char *t = s;

	while (match_one(elem, *t))
		t++;
	for (;; t--) {
		if (match_here(rest, t))
			return 1;
		if (t == s)
			return 0;
	}
}

/* Does re match at the start of s? */
static int
match_here(const char *re, const char *s)
{
	int len;

	for (;;) {
		if (re[0] == '\0')
			return 1;
		len = element_len(re);
		if (re[len] == '*')
			return match_star(re, re + len + 1, s);
		if (re[0] == '$' && re[1] == '\0')
			return *s == '\0';
		if (!match_one(re, *s))
			return 0;
		re += len;
		s++;
	}
}

static int
matches(const char *re, const char *line)
{
	if (opt_fixed)
		return strstr(line, re) != NULL;
	if (re[0] == '^')
		return match_here(re + 1, line);
	do {
		if (match_here(re, line))
			return 1;
	} while (*line++ != '\0');
	return 0;
}

/* Search stream f (called name, prefixed if show_name): the number of lines selected. */
static long
search(const char *re, FILE *f, const char *name, int show_name)
{
	char line[4096];
	long lineno = 0, selected = 0;
	size_t len;

	while (fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		lineno++;
		if (matches(re, line) == opt_v)
			continue;
		selected++;
		if (opt_c)
			continue;
		if (show_name)
			printf("%s:", name);
		if (opt_n)
			printf("%ld:", lineno);
		printf("%s\n", line);
	}
	if (opt_c)
		show_name ? printf("%s:%ld\n", name, selected) : printf("%ld\n", selected);
	return selected;
}

/* Parse options: the index of the pattern, or -1. */
static int
options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "vcnF")) != -1) {
		if (c == 'v')
			opt_v = 1;
		else if (c == 'c')
			opt_c = 1;
		else if (c == 'n')
			opt_n = 1;
		else if (c == 'F')
			opt_fixed = 1;
		else
			return -1;
	}
	return optind;
}

int
main(int argc, char **argv)
{
	int i = options(argc, argv), rc = 0;
	long selected = 0;
	const char *re;
	FILE *f;

	if (i < 0 || i >= argc) {
		fprintf(stderr, "usage: grep [-vcnF] pattern [file...]\n");
		return 2;
	}
	re = argv[i++];
	if (i == argc)
		selected = search(re, stdin, "stdin", 0);
	for (int first = i; i < argc; i++) {
		if ((f = fopen(argv[i], "r")) == NULL) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			rc = 2;
			continue;
		}
		selected += search(re, f, argv[i], argc - first > 1);
		fclose(f);
	}
	if (rc != 0)
		return rc;
	return selected > 0 ? 0 : 1;
}
