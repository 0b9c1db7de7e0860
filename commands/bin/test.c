/*
 * test, [ - evaluate a condition: exit status 0 if true, 1 if false, 2 on a syntax error.
 *
 * Usage: test expression      [ expression ]
 * Expressions: -e -f -d -r -w -x -s file; -z -n string; string; s1 = s2, s1 != s2;
 * n1 -eq -ne -lt -le -gt -ge n2 (integers); ! expr; expr -a expr; expr -o expr (-a binds
 * tighter than -o).  Invoked as "[", the last argument must be "]".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **args;     /* the words left */
static int nargs;
static int syntax_bad;

static int
syntax(const char *what)
{
	if (!syntax_bad)
		fprintf(stderr, "test: %s\n", what);
	syntax_bad = 1;
	return 0;
}

/* An integer operand; a syntax error if it is not one. */
static long
integer(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0')
		syntax("integer expected");
	return n;
}

static int
file_test(char op, const char *path)
{
	struct stat st;

	switch (op) {
	case 'r': return access(path, R_OK) == 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	}
	if (stat(path, &st) != 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 's': return st.st_size > 0;
	}
	return 0;
}

/* A binary operator at args[1]? Evaluate it (3 words). -1 if args[1] is none. */
static int
binary(void)
{
	const char *a = args[0], *op = args[1], *b = args[2];
	static const char *ops[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	long x, y;
	int k;

	if (nargs < 3)
		return -1;
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	for (k = 0; k < 6 && strcmp(op, ops[k]) != 0; k++)
		;
	if (k == 6)
		return -1;
	x = integer(a);
	y = integer(b);
	switch (k) {
	case 0: return x == y;
	case 1: return x != y;
	case 2: return x < y;
	case 3: return x <= y;
	case 4: return x > y;
	default: return x >= y;
	}
}

static int expr_or(void);

static void
shift(int n)
{
	args += n;
	nargs -= n;
}

/* primary := ! primary | ( expr ) | -op arg | a binop b | string */
static int
primary(void)
{
	int r;

	if (nargs == 0)
		return syntax("argument expected");
	if (strcmp(args[0], "!") == 0) {
		shift(1);
		return !primary();
	}
	if (strcmp(args[0], "(") == 0) {
		shift(1);
		r = expr_or();
		if (nargs == 0 || strcmp(args[0], ")") != 0)
			return syntax("')' expected");
		shift(1);
		return r;
	}
	if ((r = binary()) >= 0) {
		shift(3);
		return r;
	}
	if (nargs >= 2 && args[0][0] == '-' && args[0][1] != '\0' && args[0][2] == '\0' &&
	    strchr("efdrwxszn", args[0][1]) != NULL) {
		char op = args[0][1];
		const char *s = args[1];

		shift(2);
		if (op == 'z')
			return *s == '\0';
		if (op == 'n')
			return *s != '\0';
		return file_test(op, s);
	}
	r = args[0][0] != '\0';
	shift(1);
	return r;
}

static int
expr_and(void)
{
	int r = primary();

	while (nargs > 0 && strcmp(args[0], "-a") == 0) {
		shift(1);
		r = primary() && r;
	}
	return r;
}

static int
expr_or(void)
{
	int r = expr_and();

	while (nargs > 0 && strcmp(args[0], "-o") == 0) {
		shift(1);
		r = expr_and() || r;
	}
	return r;
}

int
main(int argc, char **argv)
{
	size_t len = strlen(argv[0]);
	int r;

	if (len > 0 && argv[0][len - 1] == '[') {        /* called as "[" */
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			fprintf(stderr, "[: missing ']'\n");
			return 2;
		}
		argc--;
	}
	args = argv + 1;
	nargs = argc - 1;
	if (nargs == 0)
		return 1;
	r = expr_or();
	if (nargs > 0)
		syntax("too many arguments");
	return syntax_bad ? 2 : !r;
}
