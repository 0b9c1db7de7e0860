/*
 * regex.h - the basic regular expressions (BRE) of grep and sed: re_compile() turns a
 * pattern into a list of nodes, re_exec() finds the leftmost match in a line and reports
 * where it and each \( \) group begin and end.
 *
 * The language (handouts/commands.md, "Regular expressions"): a character matches itself;
 * . any character; [set] one character of the set (ranges a-z, a leading ^ negates, a
 * leading ] is literal); ^ at the start anchors at the start of the line, $ at the end at
 * its end; x* any number of x (x a character, ., a set or a back-reference; a * at the
 * start is literal); \( \) a group (up to 9); \1..\9 what group n matched; \c the
 * character c.  Not implemented: * after a group, \{m,n\} intervals, character classes
 * such as [:alpha:].  The matcher backtracks and is greedy: among the matches that start
 * leftmost it finds the one the longest runs give, which is the longest for patterns
 * without groups under a star.
 *
 * A header of static functions, included by relative path ("../lib/regex.h"), so that each
 * command stays one file that builds for Minnow and for the host tests
 * (tools/tests/test_commands.py).
 */
#ifndef COMMANDS_REGEX_H
#define COMMANDS_REGEX_H

#include <string.h>

#define RE_MAX_NODES 256        /* nodes of one pattern */
#define RE_MAX_GROUPS 10        /* \0 (the whole match) and \1..\9 */

enum re_kind { RE_CHAR, RE_ANY, RE_SET, RE_OPEN, RE_CLOSE, RE_BACKREF, RE_BOL, RE_EOL };

/* One element of a compiled pattern; star: it may repeat any number of times. */
struct re_node {
	enum re_kind kind;
	int star;
	int arg;                        /* RE_CHAR: the character; groups: the number */
	unsigned char set[32];          /* RE_SET: a bit per character */
};

/* A compiled pattern. */
struct regex {
	struct re_node node[RE_MAX_NODES];
	int n;
	int ngroups;
};

/* Where a match (m[0]) and its groups (m[1..9]) start and end, as offsets in the line;
 * -1 for a group that took no part. */
struct re_match {
	int so, eo;
};

/* Parse the set at p (just after '['): fill node->set; the pattern after ']' or NULL. */
static const char *
re_parse_set(const char *p, struct re_node *node)
{
	int neg = 0, c, hi;

	memset(node->set, 0, sizeof(node->set));
	if (*p == '^') {
		neg = 1;
		p++;
	}
	for (int first = 1; *p != '\0' && (first || *p != ']'); first = 0) {
		c = (unsigned char)*p++;
		hi = c;
		if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
			hi = (unsigned char)p[1];
			p += 2;
		}
		for (; c <= hi; c++)
			node->set[c / 8] |= (unsigned char)(1u << (c % 8));
	}
	if (*p != ']')
		return NULL;
	if (neg)
		for (c = 0; c < 32; c++)
			node->set[c] = (unsigned char)~node->set[c];
	node->set[0] &= (unsigned char)~1u;      /* never the NUL that ends the line */
	return p + 1;
}

/* Parse an escape \x at p (after the backslash) into node; the rest of the pattern, or NULL
 * (*err says why). */
static const char *
re_parse_escape(const char *p, struct re_node *node, struct regex *re, int *open,
		int *depth, const char **err)
{
	if (*p == '(') {
		if (re->ngroups == RE_MAX_GROUPS - 1)
			return *err = "too many \\( \\) groups", NULL;
		node->kind = RE_OPEN;
		node->arg = ++re->ngroups;
		open[(*depth)++] = node->arg;
	} else if (*p == ')') {
		if (*depth == 0)
			return *err = "unmatched \\)", NULL;
		node->kind = RE_CLOSE;
		node->arg = open[--*depth];
	} else if (*p >= '1' && *p <= '9') {
		node->kind = RE_BACKREF;
		node->arg = *p - '0';
		if (node->arg > re->ngroups)
			return *err = "back-reference to a missing group", NULL;
	} else if (*p == '\0') {
		return *err = "trailing backslash", NULL;
	} else {
		node->kind = RE_CHAR;
		node->arg = (unsigned char)*p;
	}
	return p + 1;
}

/* Parse one element at p into node; the rest of the pattern, or NULL (*err says why). */
static const char *
re_parse_node(const char *pat, const char *p, struct re_node *node, struct regex *re,
	      int *open, int *depth, const char **err)
{
	memset(node, 0, sizeof(*node));
	if (*p == '^' && p == pat) {
		node->kind = RE_BOL;
		return p + 1;
	}
	if (*p == '$' && p[1] == '\0') {
		node->kind = RE_EOL;
		return p + 1;
	}
	if (*p == '.') {
		node->kind = RE_ANY;
		return p + 1;
	}
	if (*p == '[') {
		node->kind = RE_SET;
		if ((p = re_parse_set(p + 1, node)) == NULL)
			*err = "unmatched [";
		return p;
	}
	if (*p == '\\')
		return re_parse_escape(p + 1, node, re, open, depth, err);
	node->kind = RE_CHAR;
	node->arg = (unsigned char)*p;
	return p + 1;
}

/* Compile pattern pat into re: 0, or -1 with *err a message. */
static int
re_compile(struct regex *re, const char *pat, const char **err)
{
	int open[RE_MAX_GROUPS], depth = 0;
	const char *p = pat;
	struct re_node *node;

	re->n = re->ngroups = 0;
	while (*p != '\0') {
		if (re->n == RE_MAX_NODES)
			return *err = "pattern too long", -1;
		node = &re->node[re->n];
		if (*p == '*' && re->n > 0 && !(re->n == 1 && node[-1].kind == RE_BOL)) {
			if (node[-1].kind == RE_OPEN || node[-1].kind == RE_CLOSE)
				return *err = "not implemented: * after a group", -1;
			node[-1].star = 1;
			p++;
			continue;
		}
		if ((p = re_parse_node(pat, p, node, re, open, &depth, err)) == NULL)
			return -1;
		re->n++;
	}
	if (depth != 0)
		return *err = "unmatched \\(", -1;
	return 0;
}

/* How many characters node matches at s (0 or more): -1 if it does not match there. */
static int
re_match_one(const struct re_node *node, const char *line, const char *s,
	     const struct re_match *m)
{
	int c = (unsigned char)*s, len;

	switch (node->kind) {
	case RE_CHAR:
		return c != '\0' && c == node->arg ? 1 : -1;
	case RE_ANY:
		return c != '\0' ? 1 : -1;
	case RE_SET:
		return (node->set[c / 8] >> (c % 8)) & 1 ? 1 : -1;
	case RE_BACKREF:
		if (m[node->arg].so < 0)
			return -1;
		len = m[node->arg].eo - m[node->arg].so;
		return strncmp(s, line + m[node->arg].so, (size_t)len) == 0 ? len : -1;
	default:
		return -1;
	}
}

static const char *re_match_here(const struct regex *re, int i, const char *line,
				 const char *s, struct re_match *m);

/* Node i starred at s: try the longest run first, then shorter ones.  Every repetition
 * has the same length (one character, or what the group of a back-reference matched). */
static const char *
re_match_star(const struct regex *re, int i, const char *line, const char *s,
	      struct re_match *m)
{
	const char *end;
	long n = 0;
	int len, step = 0;

	while ((len = re_match_one(&re->node[i], line, s, m)) > 0) {
		step = len;
		s += len;
		n++;
	}
	for (;; n--, s -= step) {
		if ((end = re_match_here(re, i + 1, line, s, m)) != NULL)
			return end;
		if (n == 0)
			return NULL;
	}
}

/* Does the pattern from node i match at s?  The end of the match, or NULL. */
static const char *
re_match_here(const struct regex *re, int i, const char *line, const char *s,
	      struct re_match *m)
{
	const struct re_node *node;
	struct re_match saved;
	const char *end;
	int len;

	for (; i < re->n; i++) {
		node = &re->node[i];
		if (node->star)
			return re_match_star(re, i, line, s, m);
		if (node->kind == RE_BOL || node->kind == RE_EOL) {
			if (node->kind == RE_BOL ? s != line : *s != '\0')
				return NULL;
			continue;
		}
		if (node->kind == RE_OPEN || node->kind == RE_CLOSE) {
			saved = m[node->arg];
			if (node->kind == RE_OPEN)
				m[node->arg].so = (int)(s - line);
			else
				m[node->arg].eo = (int)(s - line);
			if ((end = re_match_here(re, i + 1, line, s, m)) == NULL)
				m[node->arg] = saved;
			return end;
		}
		if ((len = re_match_one(node, line, s, m)) < 0)
			return NULL;
		s += len;
	}
	return s;
}

/* Find the leftmost match of re in line at or after offset from (^ matches only at the
 * start of line).  1 and m[0..9] filled, or 0. */
static int
re_exec(const struct regex *re, const char *line, int from, struct re_match *m)
{
	const char *s = line + from, *end;

	do {
		for (int g = 0; g < RE_MAX_GROUPS; g++)
			m[g].so = m[g].eo = -1;
		if ((end = re_match_here(re, 0, line, s, m)) != NULL) {
			m[0].so = (int)(s - line);
			m[0].eo = (int)(end - line);
			return 1;
		}
	} while (*s++ != '\0');
	return 0;
}

#endif /* COMMANDS_REGEX_H */
