/*
 * arith.c - arithmetic expansion: the value of the expression in $((...)), after its
 * parameters and commands were substituted (expand.c).
 *
 * Integers are long (decimal, 0x hexadecimal, 0 octal); a name stands for its variable's
 * value (unset or empty: 0).  Operators, loosest first, as in C: ?: || && | ^ & == !=
 * < <= > >= << >> + - * / % and the unary - + ! ~, with parentheses.  Not implemented:
 * assignment operators (= += ++ ...) and the comma.  Division by zero is an error.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
	const char *p;
	const char *err;
};

static long ternary(struct arith *a);

static void
blanks(struct arith *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

/* Is the operator op next?  Then skip it (not when it is the start of a longer one). */
static int
next_is(struct arith *a, const char *op)
{
	size_t n = strlen(op);

	blanks(a);
	if (strncmp(a->p, op, n) != 0)
		return 0;
	if (n == 1 && a->p[1] != '\0' && strchr("<>=&|", *op) != NULL &&
	    (a->p[1] == *op || a->p[1] == '='))
		return 0;       /* < is not <= or <<; & is not && */
	if (n == 1 && *op == '!' && a->p[1] == '=')
		return 0;
	a->p += n;
	return 1;
}

static long
number(struct arith *a)
{
	char name[128], *end;
	size_t n = 0;
	const char *v;
	long x;

	blanks(a);
	if (isdigit((unsigned char)*a->p)) {
		x = strtol(a->p, &end, 0);
		a->p = end;
		return x;
	}
	while ((isalnum((unsigned char)a->p[n]) || a->p[n] == '_') && n + 1 < sizeof(name))
		n++;
	if (n == 0) {
		a->err = *a->p != '\0' ? "syntax error" : "missing operand";
		return 0;
	}
	memcpy(name, a->p, n);
	name[n] = '\0';
	a->p += n;
	v = var_get(name);
	return v != NULL ? strtol(v, NULL, 0) : 0;
}

static long
unary(struct arith *a)
{
	long x;

	if (a->err != NULL)
		return 0;
	if (next_is(a, "-"))
		return -unary(a);
	if (next_is(a, "+"))
		return unary(a);
	if (next_is(a, "!"))
		return !unary(a);
	if (next_is(a, "~"))
		return ~unary(a);
	if (next_is(a, "(")) {
		x = ternary(a);
		if (!next_is(a, ")") && a->err == NULL)
			a->err = "missing )";
		return x;
	}
	return number(a);
}

/* The binary operators, by level (tightest last). */
static const char *const levels[][6] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
	{ "<=", ">=", "<", ">" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static long
apply(struct arith *a, const char *op, long x, long y)
{
	if ((*op == '/' || *op == '%') && y == 0) {
		a->err = "division by zero";
		return 0;
	}
	switch (op[0]) {
	case '|': return op[1] ? x || y : x | y;
	case '&': return op[1] ? x && y : x & y;
	case '^': return x ^ y;
	case '=': return x == y;
	case '!': return x != y;
	case '<': return op[1] == '=' ? x <= y : op[1] == '<' ? x << y : x < y;
	case '>': return op[1] == '=' ? x >= y : op[1] == '>' ? x >> y : x > y;
	case '+': return x + y;
	case '-': return x - y;
	case '*': return x * y;
	case '/': return x / y;
	default: return x % y;
	}
}

static long
binary(struct arith *a, int level)
{
	long x;

	if (level == NLEVELS)
		return unary(a);
	x = binary(a, level + 1);
	for (;;) {
		const char *op = NULL;

		for (int i = 0; i < 6 && levels[level][i] != NULL && op == NULL; i++)
			if (next_is(a, levels[level][i]))
				op = levels[level][i];
		if (op == NULL || a->err != NULL)
			return x;
		x = apply(a, op, x, binary(a, level + 1));
	}
}

static long
ternary(struct arith *a)
{
	long c = binary(a, 0), x, y;

	if (!next_is(a, "?"))
		return c;
	x = ternary(a);
	if (!next_is(a, ":")) {
		a->err = a->err != NULL ? a->err : "missing :";
		return 0;
	}
	y = ternary(a);
	return c ? x : y;
}

long
arith_eval(const char *text, const char **err)
{
	struct arith a = { text, NULL };
	long x = ternary(&a);

	blanks(&a);
	if (a.err == NULL && *a.p != '\0')
		a.err = "syntax error";
	*err = a.err;
	return a.err != NULL ? 0 : x;
}
