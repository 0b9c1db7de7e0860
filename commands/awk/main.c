/*
 * main.c - awk's command line, its top level, errors and memory helpers.
 *
 *   awk [-F fs] [-v var=value]... 'program' [file | var=value]...
 *   awk [-F fs] [-v var=value]... -f progfile [-f progfile]... [file | var=value]...
 *
 * main() sets up the special variables (FS OFS ORS RS NR NF FNR FILENAME SUBSEP RSTART
 * RLENGTH CONVFMT OFMT ENVIRON ARGC ARGV), makes the -v assignments, parses the program
 * and runs it (run.c).  awk_error() reports "awk: <message> at source line N" on stderr
 * and longjmps back here (top_jmp): output is flushed, pipes waited for, and awk exits 2.
 * Otherwise awk exits with the status "exit" gave (0 by default).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

extern char **environ;

static jmp_buf top_jmp;
static int parsing;

void
awk_error(const char *fmt, ...)
{
	va_list ap;
	int line = parsing ? lex.tok_line : cur_line;
	fflush(stdout);
	fputs("awk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (line > 0)
		fprintf(stderr, " at source line %d", line);
	fputs("\n", stderr);
	longjmp(top_jmp, 1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("awk: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("awk: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void
buf_addc(Buf *b, int c)
{
	char ch = (char)c;
	buf_add(b, &ch, 1);
}

void
buf_adds(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* The string built (the Buf is left empty). */
char *
buf_take(Buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

static Var *
special(const char *name, const char *value)
{
	Var *v = var_install(name);
	if (value)
		var_setstr(v, value);
	return v;
}

static void
init_specials(void)
{
	char **e;
	Array *env;
	v_FS = special("FS", " ");
	v_OFS = special("OFS", " ");
	v_ORS = special("ORS", "\n");
	v_RS = special("RS", "\n");
	v_SUBSEP = special("SUBSEP", "\034");
	v_CONVFMT = special("CONVFMT", "%.6g");
	v_OFMT = special("OFMT", "%.6g");
	v_FILENAME = special("FILENAME", "");
	v_NR = special("NR", NULL);
	v_NF = special("NF", NULL);
	v_FNR = special("FNR", NULL);
	v_RSTART = special("RSTART", NULL);
	v_RLENGTH = special("RLENGTH", NULL);
	var_setnum(v_NR, 0);
	var_setnum(v_NF, 0);
	var_setnum(v_FNR, 0);
	var_setnum(v_RSTART, 0);
	var_setnum(v_RLENGTH, -1);
	v_ENVIRON = special("ENVIRON", NULL);
	env = var_array(v_ENVIRON);
	for (e = environ; e && *e; e++) {
		char *eq = strchr(*e, '='), *name;
		if (!eq)
			continue;
		name = xstrndup(*e, (size_t)(eq - *e));
		cell_set(array_get(env, name), cell_strnum(eq + 1));
		free(name);
	}
}

static void
set_argv(int argc, char **argv)
{
	Array *a;
	char key[32];
	int i;
	v_ARGV = special("ARGV", NULL);
	v_ARGC = special("ARGC", NULL);
	a = var_array(v_ARGV);
	cell_set(array_get(a, "0"), cell_str("awk"));
	for (i = 0; i < argc; i++) {
		snprintf(key, sizeof key, "%d", i + 1);
		cell_set(array_get(a, key), cell_strnum(argv[i]));
	}
	var_setnum(v_ARGC, argc + 1);
}

static void
usage(void)
{
	fputs("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n", stderr);
	exit(2);
}

/* The text of program file path ("-": standard input) appended to b. */
static void
read_progfile(Buf *b, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char chunk[4096];
	size_t n;
	if (!f) {
		fprintf(stderr, "awk: can't open file %s\n", path);
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	buf_addc(b, '\n');
	if (f != stdin)
		fclose(f);
}

/* An option's value: the rest of argv[*i] after the letter, or the next argument. */
static const char *
optval(int argc, char **argv, int *i)
{
	if (argv[*i][2])
		return argv[*i] + 2;
	if (++*i >= argc)
		usage();
	return argv[*i];
}

static void
set_fs(const char *fs)
{
	char *v = strcmp(fs, "t") == 0 ? xstrdup("\t") : unescape(fs, strlen(fs));
	var_setstr(v_FS, v);
	free(v);
}

/* Options: -F, -v (made at once), -f; the index of the first operand. */
static int
options(int argc, char **argv, Buf *prog, int *have_prog)
{
	int i;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *v;
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		switch (argv[i][1]) {
		case 'F':
			set_fs(optval(argc, argv, &i));
			break;
		case 'v':
			v = optval(argc, argv, &i);
			if (!is_assignment(v))
				usage();
			command_assign(v);
			break;
		case 'f':
			read_progfile(prog, optval(argc, argv, &i));
			*have_prog = 1;
			break;
		default:
			fprintf(stderr, "awk: unknown option %s\n", argv[i]);
			usage();
		}
	}
	return i;
}

/* Everything but the error exit: the program's exit status. */
static int
awk_main(int argc, char **argv)
{
	Buf prog = { 0 };
	int have_prog = 0, first;
	init_specials();
	first = options(argc, argv, &prog, &have_prog);
	if (!have_prog) {
		if (first >= argc)
			usage();
		buf_adds(&prog, argv[first++]);
	}
	set_argv(argc - first, argv + first);
	parsing = 1;
	parse_program(prog.s ? prog.s : "");
	parsing = 0;
	srand(0);
	run_program();
	streams_close_all();
	return exit_code;
}

int
main(int argc, char **argv)
{
	if (setjmp(top_jmp)) {
		streams_close_all();
		return 2;
	}
	return awk_main(argc, argv);
}
