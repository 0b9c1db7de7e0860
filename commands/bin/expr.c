/*
 * expr - evaluate an expression given as arguments and print its value.
 *
 * Usage: expr expression     (each operator and operand a separate argument)
 * From the loosest to the tightest binding:
 *   a | b     a if it is neither empty nor 0, else b
 *   a & b     a if neither is empty or 0, else 0
 *   a = b, a != b, a < b, a <= b, a > b, a >= b
 *             1 or 0: compared as integers if both are, else as strings
 *   a + b, a - b        a * b, a / b, a % b     integer arithmetic
 *   a : re    match the basic regular expression re (../lib/regex.h) at the start of a:
 *             what \( \) matched, or else the number of characters matched
 *   ( expr ), and the functions: length s, substr s pos len, index s chars, match s re
 * Exit status: 0 if the value is neither empty nor 0; 1 if it is; 2 for a bad
 * expression; 3 for another error (division by zero).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/regex.h"

static char **tok;              /* the arguments still to read */

static void
fail(int status, const char *why)
{
	fprintf(stderr, "expr: %s\n", why);
	exit(status);
}

static int
is_int(const char *s, long *v)
{
	char *end;

	if (*s == '\0')
		return 0;
	*v = strtol(s, &end, 10);
	return *end == '\0' && (s[0] == '-' ? s[1] != '\0' : 1);
}

static char *
num(long v)
{
	char *s = malloc(24);

	if (s == NULL)
		fail(3, "out of memory");
	snprintf(s, 24, "%ld", v);
	return s;
}

static int
is_null(const char *s)
{
	long v;

	return *s == '\0' || (is_int(s, &v) && v == 0);
}

/* Is the next argument op (and is there one after it)? */
static int
next_is(const char *op)
{
	return *tok != NULL && strcmp(*tok, op) == 0;
}

static char *expr_or(void);

/* a : re. */
static char *
match(const char *s, const char *pat)
{
	static struct regex re;
	struct re_match m[RE_MAX_GROUPS];
	const char *err;
	char *out;

	if (re_compile(&re, pat, &err) != 0)
		fail(2, err);
	if (!re_exec(&re, s, 0, m) || m[0].so != 0)
		return re.ngroups > 0 ? strdup("") : num(0);
	if (re.ngroups == 0)
		return num(m[0].eo);
	if (m[1].so < 0)
		return strdup("");
	out = strdup(s + m[1].so);
	out[m[1].eo - m[1].so] = '\0';
	return out;
}

/* The next argument as an operand. */
static char *
operand(void)
{
	if (*tok == NULL)
		fail(2, "syntax error: missing argument");
	return *tok++;
}

/* A function: length, substr, index, match; NULL if the next argument is none. */
static char *
function(void)
{
	char *s, *a, *b;
	long pos, len;

	if (next_is("length") && tok[1] != NULL)
		return tok++, num((long)strlen(operand()));
	if (next_is("match") && tok[1] != NULL && tok[2] != NULL)
		return tok++, s = operand(), match(s, operand());
	if (next_is("index") && tok[1] != NULL && tok[2] != NULL) {
		tok++, s = operand(), a = operand();
		return num(s[strcspn(s, a)] == '\0' ? 0 : (long)strcspn(s, a) + 1);
	}
	if (next_is("substr") && tok[1] != NULL && tok[2] != NULL && tok[3] != NULL) {
		tok++, s = operand(), a = operand(), b = operand();
		if (!is_int(a, &pos) || !is_int(b, &len) || pos < 1 || len < 0 ||
		    (size_t)pos > strlen(s))
			return strdup("");
		s = strdup(s + pos - 1);
		if ((size_t)len < strlen(s))
			s[len] = '\0';
		return s;
	}
	return NULL;
}

static char *
primary(void)
{
	char *v;

	if (next_is("(")) {
		tok++;
		v = expr_or();
		if (!next_is(")"))
			fail(2, "syntax error: missing )");
		tok++;
		return v;
	}
	if ((v = function()) != NULL)
		return v;
	return operand();
}

static char *
expr_match(void)
{
	char *v = primary();

	while (next_is(":")) {
		tok++;
		v = match(v, primary());
	}
	return v;
}

/* Integer operands of an arithmetic operator. */
static void
ints(const char *a, const char *b, long *x, long *y)
{
	if (!is_int(a, x) || !is_int(b, y))
		fail(2, "non-integer argument");
}

static char *
expr_mul(void)
{
	char *v = expr_match(), *op;
	long x, y;

	while (next_is("*") || next_is("/") || next_is("%")) {
		op = *tok++;
		ints(v, expr_match(), &x, &y);
		if (*op != '*' && y == 0)
			fail(3, "division by zero");
		v = num(*op == '*' ? x * y : *op == '/' ? x / y : x % y);
	}
	return v;
}

static char *
expr_add(void)
{
	char *v = expr_mul(), *op;
	long x, y;

	while (next_is("+") || next_is("-")) {
		op = *tok++;
		ints(v, expr_mul(), &x, &y);
		v = num(*op == '+' ? x + y : x - y);
	}
	return v;
}

static char *
expr_cmp(void)
{
	static const char *ops[] = { "=", "!=", "<", "<=", ">", ">=" };
	char *v = expr_add(), *w;
	long x, y;
	int c, i;

	for (;;) {
		for (i = 0; i < 6 && !next_is(ops[i]); i++)
			;
		if (i == 6)
			return v;
		tok++;
		w = expr_add();
		c = is_int(v, &x) && is_int(w, &y) ? (x > y) - (x < y) : strcmp(v, w);
		c = i == 0 ? c == 0 : i == 1 ? c != 0 : i == 2 ? c < 0 : i == 3 ? c <= 0 :
			i == 4 ? c > 0 : c >= 0;
		v = num(c);
	}
}

static char *
expr_and(void)
{
	char *v = expr_cmp(), *w;

	while (next_is("&")) {
		tok++;
		w = expr_cmp();
		if (is_null(v) || is_null(w))
			v = num(0);
	}
	return v;
}

static char *
expr_or(void)
{
	char *v = expr_and(), *w;

	while (next_is("|")) {
		tok++;
		w = expr_and();
		if (is_null(v))
			v = w;
	}
	return v;
}

int
main(int argc, char **argv)
{
	char *v;

	if (argc < 2)
		fail(2, "syntax error\nusage: expr expression");
	tok = argv + 1;
	v = expr_or();
	if (*tok != NULL)
		fail(2, "syntax error: unexpected argument");
	puts(v);
	return is_null(v);
}
