/*
 * grep - print the lines that match a pattern.
 *
 * Usage: grep [-v] [-c] [-n] [-F] pattern [file...]
 * The pattern is a basic regular expression (../lib/regex.h; handouts/commands.md,
 * "Regular expressions"); -F takes it as a fixed string.  -v prints the
 * lines that do not match, -c only their count, -n puts the line number in front.  With
 * several files each line is prefixed with its file's name.  Exit status: 0 if a line was
 * selected, 1 if none, 2 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/regex.h"

static int opt_v, opt_c, opt_n, opt_fixed;

/* Does line match?  re is the compiled pattern, pat the pattern as given (-F). */
static int
matches(const struct regex *re, const char *pat, const char *line)
{
	struct re_match m[RE_MAX_GROUPS];

	if (opt_fixed)
		return strstr(line, pat) != NULL;
	return re_exec(re, line, 0, m);
}

/* Search stream f (called name, prefixed if show_name): the number of lines selected. */
static long
search(const struct regex *re, const char *pat, FILE *f, const char *name, int show_name)
{
	char line[4096];
	long lineno = 0, selected = 0;
	size_t len;

	while (fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		lineno++;
		if (matches(re, pat, line) == opt_v)
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
	static struct regex re;
	const char *pat, *err;
	FILE *f;

	if (i < 0 || i >= argc) {
		fprintf(stderr, "usage: grep [-vcnF] pattern [file...]\n");
		return 2;
	}
	pat = argv[i++];
	if (!opt_fixed && re_compile(&re, pat, &err) != 0) {
		fprintf(stderr, "grep: %s: %s\n", pat, err);
		return 2;
	}
	if (i == argc)
		selected = search(&re, pat, stdin, "stdin", 0);
	for (int first = i; i < argc; i++) {
		if ((f = fopen(argv[i], "r")) == NULL) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			rc = 2;
			continue;
		}
		selected += search(&re, pat, f, argv[i], argc - first > 1);
		fclose(f);
	}
	if (rc != 0)
		return rc;
	return selected > 0 ? 0 : 1;
}
