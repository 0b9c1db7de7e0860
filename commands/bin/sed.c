/*
 * sed - the stream editor: run a script of editing commands on each line of the input.
 *
 * Usage: sed [-n] script [file...]   or   sed [-n] -e script [-e script]... [file...]
 * Each line is read into the pattern space, every command whose address selects it runs,
 * and the pattern space is printed (unless -n).  A script is commands separated by
 * newlines or ';', each [address[,address]][!]command.  Addresses: a line number, $ (the
 * last line), /re/ (a line matching the basic regular expression re, ../lib/regex.h);
 * two addresses select a range, from a line the first selects to the next the second
 * selects; ! selects the other lines.  Commands:
 *   s/re/replacement/flags  replace the first match (& is the match, \1..\9 the groups,
 *                           \& a literal &); flags g (every match), p (print if replaced),
 *                           N (the Nth match); any character may stand for /
 *   d   delete the pattern space and start the next line     p   print the pattern space
 *   q   print (unless -n) and quit                           =   print the line number
 * Not implemented: { } blocks, a i c y n N h g x b t, -i, -f.
 * Exit status: 0; 1 for a bad script or usage; 2 if an input file could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/regex.h"
#include "../lib/getline.h"

#define MAX_CMDS 100

enum addr_kind { A_NONE, A_LINE, A_LAST, A_RE };

struct addr {
	enum addr_kind kind;
	long line;
	struct regex *re;
};

/* One command of the script. */
struct cmd {
	struct addr a1, a2;
	int neg, active;        /* !; inside a range */
	char name;              /* s d p q = */
	struct regex *re;       /* s: the pattern */
	char *rep;              /* s: the replacement */
	int global, print, nth;
};

static struct cmd cmds[MAX_CMDS];
static int ncmds, opt_n;
static long lineno;
static int last_line;                   /* the line in the pattern space is the last */
static char *space, *outbuf;
static size_t space_cap, out_cap;

static void
usage(void)
{
	fprintf(stderr, "usage: sed [-n] script [file...]\n"
		"       sed [-n] -e script [-e script]... [file...]\n");
	exit(1);
}

static void
script_error(const char *what, const char *near)
{
	fprintf(stderr, "sed: %s: %s\n", what, near);
	exit(1);
}

/* Read text delimited by delim at *p (just after the opening delimiter) into a new string,
 * keeping escapes except \delim, which becomes delim. */
static char *
delimited(const char **p, char delim, const char *script)
{
	const char *s = *p;
	char *out = malloc(strlen(s) + 1), *o = out;

	if (out == NULL)
		script_error("out of memory", script);
	for (; *s != '\0' && *s != delim; s++) {
		if (*s == '\\' && s[1] == delim) {
			s++;
		} else if (*s == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
			continue;
		} else if (*s == '\\' && s[1] != '\0') {
			*o++ = *s++;
		}
		*o++ = *s;
	}
	if (*s != delim)
		script_error("unterminated address or s command", script);
	*o = '\0';
	*p = s + 1;
	return out;
}

/* Compile the regular expression text re (empty: NULL, meaning the last one used). */
static struct regex *
compile(const char *text, const char *script)
{
	struct regex *re;
	const char *err;

	if (text[0] == '\0')
		return NULL;
	if ((re = malloc(sizeof(*re))) == NULL)
		script_error("out of memory", script);
	if (re_compile(re, text, &err) != 0)
		script_error(err, text);
	return re;
}

/* Parse an address at *p into a; 0 if there is none. */
static int
parse_addr(const char **p, struct addr *a, const char *script)
{
	char *end, *text;

	a->kind = A_NONE;
	if (**p >= '0' && **p <= '9') {
		a->kind = A_LINE;
		a->line = strtol(*p, &end, 10);
		*p = end;
	} else if (**p == '$') {
		a->kind = A_LAST;
		(*p)++;
	} else if (**p == '/' || **p == '\\') {
		if (**p == '\\')
			(*p)++;
		if (**p == '\0' || **p == '\n' || **p == '\\')
			script_error("unterminated address", script);
		text = delimited(p, *(*p)++, script);
		a->kind = A_RE;
		a->re = compile(text, script);
		free(text);
	}
	return a->kind != A_NONE;
}

/* Parse the flags of an s command at *p. */
static void
parse_s_flags(const char **p, struct cmd *c, const char *script)
{
	char *end;

	c->nth = 1;
	for (;; (*p)++) {
		if (**p == 'g')
			c->global = 1;
		else if (**p == 'p')
			c->print = 1;
		else if (**p >= '1' && **p <= '9') {
			c->nth = (int)strtol(*p, &end, 10);
			*p = end - 1;
		} else if (**p == '\0' || **p == ';' || **p == '\n' || **p == ' ' || **p == '}')
			return;
		else
			script_error("unknown flag of s", script);
	}
}

/* Parse the command name and its arguments at *p into c. */
static void
parse_command(const char **p, struct cmd *c, const char *script)
{
	char delim, *text;

	c->name = **p;
	if (c->name == '\0')
		script_error("missing command", script);
	(*p)++;
	if (c->name == 's') {
		if ((delim = *(*p)++) == '\0' || delim == '\\' || delim == '\n')
			script_error("unterminated s command", script);
		text = delimited(p, delim, script);
		c->re = compile(text, script);
		free(text);
		c->rep = delimited(p, delim, script);
		parse_s_flags(p, c, script);
	} else if (strchr("dpq=", c->name) == NULL) {
		script_error("unknown command", *p - 1);
	}
}

/* Parse one script (the text of one -e) into cmds[]. */
static void
parse_script(const char *script)
{
	const char *p = script;
	struct cmd *c;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n')
			p++;
		if (*p == '\0')
			return;
		if (ncmds == MAX_CMDS)
			script_error("too many commands", script);
		c = &cmds[ncmds++];
		if (parse_addr(&p, &c->a1, script) && *p == ',' && (p++, !parse_addr(&p, &c->a2,
									     script)))
			script_error("bad second address", script);
		while (*p == ' ')
			p++;
		for (; *p == '!'; p++)
			c->neg = 1;
		while (*p == ' ')
			p++;
		parse_command(&p, c, script);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0' && *p != ';' && *p != '\n')
			script_error("extra characters after command", script);
	}
}

static struct regex *last_re;

/* Match re (NULL: the last one used) against the pattern space from offset from. */
static int
match(struct regex *re, int from, struct re_match *m)
{
	if (re == NULL)
		re = last_re;
	if (re == NULL)
		script_error("no previous regular expression", "//");
	last_re = re;
	return re_exec(re, space, from, m);
}

/* Does address a select the current line? */
static int
addr_matches(struct addr *a)
{
	struct re_match m[RE_MAX_GROUPS];

	if (a->kind == A_LINE)
		return lineno == a->line;
	if (a->kind == A_LAST)
		return last_line;
	return match(a->re, 0, m);
}

/* Does command c select the current line (ranges keep their state in c->active)? */
static int
selected(struct cmd *c)
{
	int sel;

	if (c->a1.kind == A_NONE)
		sel = 1;
	else if (c->a2.kind == A_NONE)
		sel = addr_matches(&c->a1);
	else if (c->active) {
		sel = 1;
		if (c->a2.kind == A_LINE ? lineno >= c->a2.line : addr_matches(&c->a2))
			c->active = 0;
	} else if ((sel = addr_matches(&c->a1)) != 0) {
		c->active = !(c->a2.kind == A_LINE && c->a2.line <= lineno) &&
			!(c->a2.kind == A_LAST && last_line);
	}
	return sel != c->neg;
}

/* Append n bytes at s to outbuf (length *len). */
static void
out_append(size_t *len, const char *s, size_t n)
{
	while (*len + n + 1 > out_cap) {
		out_cap = out_cap * 2 + 256;
		if ((outbuf = realloc(outbuf, out_cap)) == NULL)
			script_error("out of memory", "s");
	}
	memcpy(outbuf + *len, s, n);
	*len += n;
	outbuf[*len] = '\0';
}

/* Append the replacement rep for match m to outbuf. */
static void
out_replacement(size_t *len, const char *rep, const struct re_match *m)
{
	const struct re_match *g;

	for (; *rep != '\0'; rep++) {
		g = NULL;
		if (*rep == '&')
			g = &m[0];
		else if (*rep == '\\' && rep[1] >= '1' && rep[1] <= '9')
			g = &m[*++rep - '0'];
		else if (*rep == '\\' && rep[1] != '\0')
			rep++;
		if (g == NULL)
			out_append(len, rep, 1);
		else if (g->so >= 0)
			out_append(len, space + g->so, (size_t)(g->eo - g->so));
	}
}

/* Make outbuf the pattern space (the old pattern space becomes the next outbuf). */
static void
swap_space(void)
{
	char *t = space;
	size_t tc = space_cap;

	space = outbuf, space_cap = out_cap;
	outbuf = t, out_cap = tc;
}

/* Run s command c on the pattern space: 1 if it replaced something.  An empty match right
 * after the previous match is skipped (s/b* /-/g turns "abc" into "-a-c-"). */
static int
substitute(struct cmd *c)
{
	struct re_match m[RE_MAX_GROUPS];
	size_t len = 0;
	int from = 0, copied = 0, count = 0, done = 0, prev_end = -1;

	out_append(&len, "", 0);
	while (match(c->re, from, m)) {
		if (m[0].so == m[0].eo && m[0].so == prev_end) {
			if (space[from] == '\0')
				break;
			from++;
			continue;
		}
		out_append(&len, space + copied, (size_t)(m[0].so - copied));
		if (++count >= c->nth) {
			out_replacement(&len, c->rep, m);
			done = 1;
		} else {
			out_append(&len, space + m[0].so, (size_t)(m[0].eo - m[0].so));
		}
		copied = prev_end = from = m[0].eo;
		if ((done && !c->global) || (m[0].so == m[0].eo && space[from++] == '\0'))
			break;
	}
	if (!done)
		return 0;
	out_append(&len, space + copied, strlen(space + copied));
	swap_space();
	return 1;
}

/* Run the script on the pattern space: 0 to go on, 1 to quit. */
static int
run_script(void)
{
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		if (!selected(c))
			continue;
		switch (c->name) {
		case 'd':
			return 2;
		case 'p':
			puts(space);
			break;
		case '=':
			printf("%ld\n", lineno);
			break;
		case 'q':
			return 1;
		case 's':
			if (substitute(c) && c->print)
				puts(space);
			break;
		}
	}
	return 0;
}

static char **files;
static int nfiles, file_i, status;
static FILE *in;

/* Open the next input (standard input if there are no files): 0, or -1 when none is left. */
static int
next_input(void)
{
	if (in != NULL && in != stdin)
		fclose(in);
	in = NULL;
	if (nfiles == 0 && file_i++ == 0)
		in = stdin;
	while (in == NULL && file_i < nfiles) {
		const char *name = files[file_i++];

		if (strcmp(name, "-") == 0)
			in = stdin;
		else if ((in = fopen(name, "r")) == NULL) {
			fprintf(stderr, "sed: %s: %s\n", name, strerror(errno));
			status = 2;
		}
	}
	return in != NULL ? 0 : -1;
}

/* Read the next line of the input (across files) into buf: its length or -1. */
static long
next_line(char **buf, size_t *cap)
{
	long len;

	while (in == NULL || (len = read_line(in, buf, cap, NULL)) < 0)
		if (next_input() < 0)
			return -1;
	return len;
}

/* The main loop: read ahead one line so that $ is known. */
static void
edit(void)
{
	char *next = NULL;
	size_t next_cap = 0, t;
	long have = next_line(&next, &next_cap);
	int r;

	while (have >= 0) {
		char *tmp = space;

		space = next, next = tmp;
		t = space_cap, space_cap = next_cap, next_cap = t;
		lineno++;
		have = next_line(&next, &next_cap);
		last_line = have < 0;
		r = run_script();
		if (r != 2 && !opt_n)
			puts(space);
		if (r == 1)
			break;
	}
}

int
main(int argc, char **argv)
{
	int c, have_e = 0;

	while ((c = getopt(argc, argv, "ne:")) != -1) {
		if (c == 'n')
			opt_n = 1;
		else if (c == 'e')
			parse_script(optarg), have_e = 1;
		else
			usage();
	}
	if (!have_e) {
		if (optind >= argc)
			usage();
		parse_script(argv[optind++]);
	}
	files = argv + optind;
	nfiles = argc - optind;
	edit();
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sed: standard output: %s\n", strerror(errno));
		return 2;
	}
	return status;
}
