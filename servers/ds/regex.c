/*
 * regex.c - the small regular expressions of DS subscriptions.
 *
 * A pattern always matches a whole key (as if written ^...$).  Operators: `.` (any
 * character), `[abc]`, `[a-z]`, `[^...]` (a class; `]` right after `[` or `[^` is a member),
 * `*`, `+`, `?` after an atom, `\x` (x literally), a leading `^` and a trailing `$` (both
 * redundant).  Every other character matches itself.  Matching backtracks, greedily; keys
 * are short, so that is cheap.  A pattern is invalid (DS answers EINVAL) if it is empty, a
 * class is not closed, a `\` ends it, or a quantifier has no atom before it.
 */
#include <stddef.h>
#include "proto.h"

/* The end of the atom starting at p, or NULL if it is malformed. */
static const char *
atom_end(const char *p)
{
	const char *q;

	if (*p == '\\')
		return p[1] != '\0' ? p + 2 : NULL;
	if (*p != '[')
		return p + 1;
	q = p + 1;
	if (*q == '^')
		q++;
	if (*q == ']')
		q++;
	while (*q != '\0' && *q != ']')
		q++;
	return *q == ']' ? q + 1 : NULL;
}

/* Does the class at p ("[...]") contain c? */
static int
class_has(const char *p, char c)
{
	const char *q = p + 1;
	int neg = 0, hit = 0, first = 1;

	if (*q == '^')
		neg = 1, q++;
	while (*q != ']' || first) {
		if (q[1] == '-' && q[2] != '\0' && q[2] != ']') {
			hit |= (c >= q[0] && c <= q[2]);
			q += 3;
		} else {
			hit |= (c == *q);
			q++;
		}
		first = 0;
	}
	return hit ^ neg;
}

static int
atom_matches(const char *p, char c)
{
	if (*p == '.')
		return 1;
	if (*p == '\\')
		return p[1] == c;
	if (*p == '[')
		return class_has(p, c);
	return *p == c;
}

static int
is_quantifier(char c)
{
	return c == '*' || c == '+' || c == '?';
}

/* Does pattern p match all of s? */
static int
match_here(const char *p, const char *s)
{
	const char *e;
	int n, min, max;

	if (*p == '\0' || (p[0] == '$' && p[1] == '\0'))
		return *s == '\0';
	e = atom_end(p);
	if (!is_quantifier(*e))
		return *s != '\0' && atom_matches(p, *s) && match_here(e, s + 1);
	min = *e == '+';
	max = *e == '?' ? 1 : DS_MAX_KEYLEN;
	for (n = 0; s[n] != '\0' && n < max && atom_matches(p, s[n]); n++)
		;
	for (; n >= min; n--)
		if (match_here(e + 1, s + n))
			return 1;
	return 0;
}

int
regex_valid(const char *pattern)
{
	const char *p = pattern;

	if (*p == '^')
		p++;
	if (*p == '\0')
		return 0;
	while (*p != '\0') {
		if (p[0] == '$' && p[1] == '\0')
			break;
		if (is_quantifier(*p) || (p = atom_end(p)) == NULL)
			return 0;
		if (is_quantifier(*p))
			p++;
	}
	return 1;
}

int
regex_match(const char *pattern, const char *s)
{
	if (*pattern == '^')
		pattern++;
	return match_here(pattern, s);
}
