/*
 * glob.c - pathname expansion: a field with an unquoted * or ? becomes the sorted names
 * that match it.
 *
 * Only the last component of a pattern may hold wildcards ("/bin/c*", "*.c", "d/?x"); the
 * directory part is taken literally.  * matches any run of characters, ? one character;
 * names starting with '.' match only a pattern that starts with '.'.  A pattern that
 * matches nothing stays as it is (as POSIX sh does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* Does name match pattern (* and ?)? */
static int
wild_match(const char *pat, const char *name)
{
	if (*pat == '\0')
		return *name == '\0';
	if (*pat == '*') {
		for (const char *n = name; ; n++) {
			if (wild_match(pat + 1, n))
				return 1;
			if (*n == '\0')
				return 0;
		}
	}
	if (*name == '\0' || (*pat != '?' && *pat != *name))
		return 0;
	return wild_match(pat + 1, name + 1);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
has_wildcard(const char *s)
{
	return strpbrk(s, "*?") != NULL;
}

void
glob_field(char *pattern, struct strvec *out)
{
	char *slash = strrchr(pattern, '/'), *full;
	const char *pat = slash != NULL ? slash + 1 : pattern;
	size_t dirlen = slash != NULL ? (size_t)(slash - pattern) + 1 : 0;
	int first = out->n;
	struct dirent *e;
	DIR *d;

	if (has_wildcard(pattern) && !has_wildcard(pat))
		d = NULL;               /* wildcards in a directory part: not supported */
	else if (dirlen == 0)
		d = opendir(".");
	else {
		char dir[1024];

		snprintf(dir, sizeof(dir), "%.*s", (int)dirlen, pattern);
		d = opendir(dir);
	}
	while (d != NULL && (e = readdir(d)) != NULL) {
		if ((e->d_name[0] == '.' && pat[0] != '.') || !wild_match(pat, e->d_name))
			continue;
		full = malloc(dirlen + strlen(e->d_name) + 1);
		if (full == NULL)
			break;
		memcpy(full, pattern, dirlen);
		strcpy(full + dirlen, e->d_name);
		strvec_add(out, full);
	}
	if (d != NULL)
		closedir(d);
	if (out->n == first)
		strvec_add(out, pattern);
	else {
		qsort(out->v + first, (size_t)(out->n - first), sizeof(char *), by_name);
		free(pattern);
	}
}
