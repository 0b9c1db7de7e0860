/*
 * lang.c - the builtins of the shell language and the positional parameters: read,
 * shift, set, return, break, continue, eval, . (source), local, and, to save a fork, echo,
 * printf, true, false, test and [ (they behave as the programs in /bin; echo and printf
 * are the same code, commands/lib/echo.h and printf.h).  getopts is getopts.c.
 *
 * The positional parameters ($0, $1, ...) are one malloc'ed array (sh_argv, sh_argc; $0
 * first); a function call puts its arguments in a new one and gives the old one back
 * when it returns (params_set, params_restore).
 * read [-r] name...: one line from standard input, read a byte at a time (the rest stays
 * for the next reader); without -r a backslash quotes the next character and a
 * backslash-newline joins lines.  The line is split at IFS characters into the names,
 * the last name getting the rest; the status is 1 at end of file.
 * test/[ (the same as /bin/test): -e -f -d -r -w -x -s -n -z, = != < >, -eq -ne -lt -le -gt
 * -ge, ! and -a -o (not implemented: parentheses).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"
#include "../lib/echo.h"
#include "../lib/printf.h"

/* ---- positional parameters ---- */
static int params_owned;        /* sh_argv is ours (not main's argv) */

struct params
params_set(char **args, int n)
{
	struct params old = { params_owned ? sh_argv : NULL, sh_argc };
	char **v = calloc((size_t)n + 2, sizeof(char *));

	if (v == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	v[0] = strdup(sh_argv[0]);
	for (int i = 0; i < n; i++)
		v[i + 1] = strdup(args[i]);
	sh_argv = v;
	sh_argc = n + 1;
	params_owned = 1;
	return old;
}

void
params_restore(struct params old)
{
	for (int i = 0; i < sh_argc; i++)
		free(sh_argv[i]);
	free(sh_argv);
	sh_argv = old.v;
	sh_argc = old.n;
}

/* ---- builtins ---- */
static int
bi_shift(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 0 || n > sh_argc - 1) {
		sh_error("shift: can't shift that many");
		return 1;
	}
	for (int i = 1; i <= n; i++)
		free(sh_argv[i]);
	memmove(sh_argv + 1, sh_argv + 1 + n, sizeof(char *) * (size_t)(sh_argc - n));
	sh_argc -= n;
	return 0;
}

/* set [-ex] [+ex] [--] [arg...] */
static int
bi_set(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o != '\0'; o++) {
			if (*o == 'e')
				sh_errexit = argv[i][0] == '-';
			else if (*o == 'x')
				sh_xtrace = argv[i][0] == '-';
			else {
				sh_error("set: -%c: not implemented", *o);
				return 2;
			}
		}
	}
	if (i < argc || (i > 1 && strcmp(argv[i - 1], "--") == 0)) {
		struct params old = params_set(argv + i, argc - i);

		for (int k = 0; old.v != NULL && k < old.n; k++)
			free(old.v[k]);
		free(old.v);
	}
	return 0;
}

/* break [n], continue [n] */
static int
bi_break(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 1) {
		sh_error("%s: %s: bad number", argv[0], argv[1]);
		return 1;
	}
	if (sh_loopdepth == 0)
		return 0;
	if (n > sh_loopdepth)
		n = sh_loopdepth;
	*(argv[0][0] == 'b' ? &sh_breaking : &sh_continuing) = n;
	return 0;
}

static int
bi_return(int argc, char **argv)
{
	int st = argc > 1 ? atoi(argv[1]) & 0xFF : sh_status;

	if (sh_funcdepth == 0) {
		sh_error("return: not in a function");
		return 1;
	}
	sh_returning = 1;
	sh_status = st;
	return st;
}

/* Join argv[from..] with spaces (malloc'ed). */
static char *
join_args(int argc, char **argv, int from)
{
	size_t len = 1;
	char *s;

	for (int i = from; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = calloc(1, len)) == NULL)
		return NULL;
	for (int i = from; i < argc; i++) {
		if (i > from)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static int
bi_eval(int argc, char **argv)
{
	char *text = join_args(argc, argv, 1);
	int st;

	if (text == NULL)
		return 2;
	sh_status = 0;
	st = run_string(text);
	free(text);
	return st;
}

/* . file: run the file's commands in this shell. */
static int
bi_dot(int argc, char **argv)
{
	char *text = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, st;

	if (argc < 2) {
		sh_error("%s: file name required", argv[0]);
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		sh_error("%s: %s", argv[1], strerror(errno));
		return 1;
	}
	do {
		char *t = realloc(text, len + 4097);

		if (t == NULL)
			break;
		text = t;
		n = read(fd, text + len, 4096);
		len += n > 0 ? (size_t)n : 0;
	} while (n > 0);
	close(fd);
	if (text == NULL)
		return 2;
	text[len] = '\0';
	sh_funcdepth++;                 /* return leaves the file */
	st = run_string(text);
	sh_funcdepth--;
	if (sh_returning) {
		sh_returning = 0;
		st = sh_status;
	}
	free(text);
	return st;
}

/* One character of input for read: 1, 0 at end of file. */
static int
read_char(char *c)
{
	ssize_t n;

	while ((n = read(0, c, 1)) < 0 && errno == EINTR) {
		if (sh_interactive) {
			sh_intr_unwind = sh_loopdepth > 0;      /* ^C */
			return 0;
		}
		run_traps();
	}
	return n == 1;
}

/* Read one line for read into line[] (each character marked quoted[] if a backslash
 * protected it): 1, or 0 at end of file. */
static int
read_input(int raw, char *line, char *quoted, size_t size)
{
	size_t len = 0;
	char c;
	int got = 0;

	while (len + 1 < size && (got = read_char(&c)) && c != '\n') {
		quoted[len] = 0;
		if (c == '\\' && !raw) {
			if (!(got = read_char(&c)))
				break;
			if (c == '\n')
				continue;
			quoted[len] = 1;
		}
		line[len++] = c;
	}
	line[len] = '\0';
	return got;
}

/* Split line into the names: field by field at IFS, the last name the rest.  0, or -1 if
 * a name is read-only. */
static int
read_assign(char **names, int n, char *line, const char *quoted)
{
	const char *ifs = ifs_chars();
	size_t i = 0, len = strlen(line);
	int rc = 0;

#define IS_IFS(k) (!quoted[k] && line[k] != '\0' && strchr(ifs, line[k]) != NULL)
#define IS_WS(k) (IS_IFS(k) && strchr(" \t\n", line[k]) != NULL)
	for (int k = 0; k < n; k++) {
		size_t start, end;

		while (i < len && IS_WS(i))
			i++;
		start = i;
		if (k == n - 1) {
			end = len;
			while (end > start && IS_WS(end - 1))
				end--;
			i = len;
		} else {
			while (i < len && !IS_IFS(i))
				i++;
			end = i;
			while (i < len && IS_WS(i))
				i++;
			if (i < len && IS_IFS(i) && !IS_WS(i))
				i++;    /* one non-blank delimiter */
		}
		char save = line[end];

		line[end] = '\0';
		if (var_set(names[k], line + start, 0) != 0)
			rc = -1;
		line[end] = save;
	}
#undef IS_IFS
#undef IS_WS
	return rc;
}

static int
bi_read(int argc, char **argv)
{
	static char line[4096], quoted[4096];
	int raw = 0, i = 1, got;

	if (i < argc && strcmp(argv[i], "-r") == 0)
		raw = 1, i++;
	if (i >= argc) {
		sh_error("read: usage: read [-r] name...");
		return 2;
	}
	for (int k = i; k < argc; k++)
		if (!var_valid_name(argv[k], strlen(argv[k]))) {
			sh_error("read: %s: bad variable name", argv[k]);
			return 2;
		}
	got = read_input(raw, line, quoted, sizeof(line));
	if (read_assign(argv + i, argc - i, line, quoted) != 0)
		return 1;
	return got ? 0 : 1;
}

/* echo [-n] word... and printf format [arg...]: the code of /bin/echo and /bin/printf
 * (commands/lib/echo.h, printf.h), without a fork. */
static int
bi_echo(int argc, char **argv)
{
	return echo_main(argc, argv);
}

static int
bi_printf(int argc, char **argv)
{
	return printf_main(argc, argv);
}

/* local name[=value]...: in a function, name's old value and flags come back when the
 * function ends (var.c). */
static int
bi_local(int argc, char **argv)
{
	int st = 0;

	if (!var_in_scope()) {
		sh_error("local: not in a function");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t len = eq != NULL ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (eq != NULL)
			*eq = '\0';
		if (!var_valid_name(argv[i], len)) {
			sh_error("local: %s: bad variable name", argv[i]);
			st = 2;
		} else if (var_make_local(argv[i]) != 0 ||
			   (eq != NULL && var_set(argv[i], eq + 1, 0) != 0)) {
			st = 1;
		}
		if (eq != NULL)
			*eq = '=';
	}
	return st;
}

static int
bi_true(int argc, char **argv)
{
	(void)argc;
	return argv[0][0] == 'f';
}

/* ---- test ---- */
static int
file_test(char op, const char *path)
{
	struct stat st;

	if (op == 'r' || op == 'w' || op == 'x')
		return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
	if (stat(path, &st) != 0)
		return 0;
	return op == 'e' || (op == 'f' && S_ISREG(st.st_mode)) ||
	       (op == 'd' && S_ISDIR(st.st_mode)) || (op == 's' && st.st_size > 0) ||
	       (op == 'c' && S_ISCHR(st.st_mode)) || (op == 'b' && S_ISBLK(st.st_mode)) ||
	       (op == 'p' && S_ISFIFO(st.st_mode));
}

/* A test of one, two or three words: 1 true, 0 false, -1 bad. */
static int
test_simple(char **w, int n)
{
	static const char *const ints[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };

	if (n == 1)
		return w[0][0] != '\0';
	if (n == 2 && strcmp(w[0], "!") == 0)
		return w[1][0] == '\0';
	if (n == 2 && w[0][0] == '-' && w[0][1] != '\0' && w[0][2] == '\0') {
		if (w[0][1] == 'n' || w[0][1] == 'z')
			return (w[1][0] != '\0') == (w[0][1] == 'n');
		if (strchr("erwxfdscbp", w[0][1]) != NULL)
			return file_test(w[0][1], w[1]);
	}
	if (n == 3 && strcmp(w[1], "=") == 0)
		return strcmp(w[0], w[2]) == 0;
	if (n == 3 && strcmp(w[1], "!=") == 0)
		return strcmp(w[0], w[2]) != 0;
	if (n == 3 && (strcmp(w[1], "<") == 0 || strcmp(w[1], ">") == 0))
		return (strcmp(w[0], w[2]) < 0) == (w[1][0] == '<') && strcmp(w[0], w[2]) != 0;
	for (int k = 0; n == 3 && k < 6; k++) {
		long a = strtol(w[0], NULL, 10), b = strtol(w[2], NULL, 10);
		int r[] = { a == b, a != b, a < b, a <= b, a > b, a >= b };

		if (strcmp(w[1], ints[k]) == 0)
			return r[k];
	}
	if (n == 3 && strcmp(w[0], "!") == 0) {
		int r = test_simple(w + 1, 2);

		return r < 0 ? r : !r;
	}
	return n == 0 ? 0 : -1;
}

/* expr := and ('-o' and)*; and := prim ('-a' prim)*; prim := ['!'] simple */
static int
test_expr(char **w, int n)
{
	int r = 1, k;

	if (n <= 3 && (r = test_simple(w, n)) >= 0)
		return r;
	for (k = 0; k < n; k++)
		if (strcmp(w[k], "-o") == 0 && k > 0 && k < n - 1) {
			int a = test_expr(w, k), b = test_expr(w + k + 1, n - k - 1);

			return a < 0 || b < 0 ? -1 : a || b;
		}
	for (k = 0; k < n; k++)
		if (strcmp(w[k], "-a") == 0 && k > 0 && k < n - 1) {
			int a = test_expr(w, k), b = test_expr(w + k + 1, n - k - 1);

			return a < 0 || b < 0 ? -1 : a && b;
		}
	if (n > 3 && strcmp(w[0], "!") == 0)
		return (r = test_expr(w + 1, n - 1)) < 0 ? r : !r;
	return test_simple(w, n);
}

static int
bi_test(int argc, char **argv)
{
	int r;

	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_error("[: missing ]");
			return 2;
		}
		argc--;
	}
	if ((r = test_expr(argv + 1, argc - 1)) < 0) {
		sh_error("%s: bad expression", argv[0]);
		return 2;
	}
	return !r;
}

static const struct {
	const char *name;
	builtin_fn fn;
} lang_builtins[] = {
	{ "read", bi_read }, { "shift", bi_shift }, { "set", bi_set }, { "return", bi_return },
	{ "break", bi_break }, { "continue", bi_break }, { "eval", bi_eval }, { ".", bi_dot },
	{ "source", bi_dot }, { "true", bi_true }, { "false", bi_true }, { "test", bi_test },
	{ "[", bi_test }, { "echo", bi_echo }, { "printf", bi_printf }, { "local", bi_local },
	{ "getopts", bi_getopts },
};

builtin_fn
find_lang_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(lang_builtins) / sizeof(lang_builtins[0]); i++)
		if (strcmp(lang_builtins[i].name, name) == 0)
			return lang_builtins[i].fn;
	return NULL;
}
