/*
 * glob.c - patterns: matching (case, ${v#pat}) and pathname expansion, where a field with
 * an unquoted * ? or [ becomes the sorted names that match it.
 *
 * * matches any run of characters, ? one character, [...] one character of the set:
 * single characters and ranges a-z, the set negated by a leading ! or ^, a ] first in
 * the set is an ordinary member; a [ without its ] is an ordinary character.  A backslash
 * makes the next character ordinary (expand.c escapes quoted characters this way).
 * Only the last component of a file name pattern may hold wildcards ("/bin/c*", "*.c",
 * "d/[ab]x"); the directory part is taken literally.  Names starting with '.' match only a
 * pattern that starts with '.'.  A pattern that matches nothing stays as it is (quotes
 * removed), as POSIX sh does.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* pat at '[': does c match the set?  *endp after the ']'; NULL if there is no ']' (the
 * '[' is then an ordinary character). */
static int
bracket(const char *pat, char c, const char **endp)
{
	const char *p = pat + 1;
	int neg = 0, hit = 0;

	if (*p == '!' || *p == '^')
		neg = 1, p++;
	for (const char *first = p; *p != '\0' && (*p != ']' || p == first); p++) {
		char lo = *p, hi;

		if (lo == '\\' && p[1] != '\0')
			lo = *++p;
		hi = lo;
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			hi = p[2] == '\\' && p[3] != '\0' ? p[3] : p[2];
			p += p[2] == '\\' ? 3 : 2;
		}
		if ((unsigned char)c >= (unsigned char)lo && (unsigned char)c <= (unsigned char)hi)
			hit = 1;
	}
	if (*p != ']') {
		*endp = NULL;
		return 0;
	}
	*endp = p + 1;
	return hit != neg;
}

int
pattern_match(const char *pat, const char *name)
{
	const char *end;

	for (;; pat++, name++) {
		switch (*pat) {
		case '\0':
			return *name == '\0';
		case '*':
			for (const char *n = name; ; n++) {
				if (pattern_match(pat + 1, n))
					return 1;
				if (*n == '\0')
					return 0;
			}
		case '?':
			if (*name == '\0')
				return 0;
			break;
		case '[':
			if (*name == '\0')
				return 0;
			if (bracket(pat, *name, &end)) {
				pat = end - 1;
				break;
			}
			if (end != NULL)
				return 0;
			if (*name != '[')
				return 0;
			break;
		case '\\':
			if (pat[1] != '\0')
				pat++;
			/* fall through */
		default:
			if (*pat != *name)
				return 0;
		}
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
has_wildcard(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* The directory part of literal (up to its last '/'), opened; NULL for wildcards in a
 * directory part (not implemented) or an unreadable directory. */
static DIR *
open_dir(const char *pattern, const char *pat, size_t dirlen, const char *literal)
{
	char dir[1024];

	for (const char *s = pattern; s < pat; s++)
		if (*s == '*' || *s == '?' || *s == '[')
			return NULL;    /* wildcards in a directory part: not implemented */
	if (dirlen == 0)
		return opendir(".");
	snprintf(dir, sizeof(dir), "%.*s", (int)dirlen, literal);
	return opendir(dir);
}

void
glob_field(char *pattern, char *literal, struct strvec *out)
{
	char *slash = strrchr(pattern, '/'), *lslash = strrchr(literal, '/'), *full;
	const char *pat = slash != NULL ? slash + 1 : pattern;
	size_t dirlen = lslash != NULL ? (size_t)(lslash - literal) + 1 : 0;
	int first = out->n;
	struct dirent *e;
	DIR *d = open_dir(pattern, pat, dirlen, literal);

	while (d != NULL && (e = readdir(d)) != NULL) {
		if ((e->d_name[0] == '.' && pat[0] != '.') || !pattern_match(pat, e->d_name))
			continue;
		full = malloc(dirlen + strlen(e->d_name) + 1);
		if (full == NULL)
			break;
		memcpy(full, literal, dirlen);
		strcpy(full + dirlen, e->d_name);
		strvec_add(out, full);
	}
	if (d != NULL)
		closedir(d);
	free(pattern);
	if (out->n == first) {
		strvec_add(out, literal);
		return;
	}
	qsort(out->v + first, (size_t)(out->n - first), sizeof(char *), by_name);
	free(literal);
}
