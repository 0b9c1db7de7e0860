/*
 * expand.c - word expansion: a raw word (as lex.c found it) -> fields.
 *
 * Quotes are removed: '...' keeps everything literally; "..." substitutes parameters and
 * commands and honours \$ \" \\ \` and backslash-newline; outside quotes a backslash keeps
 * the next character literally (backslash-newline disappears).  Parameters: $NAME,
 * ${NAME}, $? (last status), $$ (the shell's pid), $! (the last background job), $#
 * (number of arguments), $0..$9 and ${10}.., $@ and $* (the arguments; "$@" makes one
 * field of each), and ${NAME:-word} ${NAME-word} ${NAME:=word} ${NAME:+word}
 * ${NAME:?word} ${#NAME} ${NAME%pat} ${NAME%%pat} ${NAME#pat} ${NAME##pat}.  $(...) and
 * `...` are the output of the commands (a child shell runs them; trailing newlines
 * removed); $((...)) is the value of the arithmetic expression (arith.c).  A '~' alone or
 * before '/' at the start of a word is $HOME.
 * The value of an unquoted substitution is split into fields at the characters of IFS
 * (default blank, tab, newline); a quoted one is not.  A word that was quoted but is
 * empty ("") still makes one empty field.  A field with an unquoted * ? or [ becomes the
 * file names it matches (glob.c) when the caller asks for that (out->glob: command words,
 * not assignments or redirection targets).  Every field is also kept as a pattern, its
 * quoted * ? [ ] \ escaped with a backslash, for globbing and case (out->pattern).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

int sh_subst_status = -1;

/* A growing string. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

/* A field being built. */
struct field {
	struct buf text;        /* the field */
	struct buf pat;         /* the same as a pattern */
	int quoted;             /* some of it was quoted: keep it even if empty */
	int wild;               /* it has an unquoted * ? [: match file names */
};

static void
buf_add(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap * 2 + 32;
		b->s = realloc(b->s, b->cap);
		if (b->s == NULL) {
			sh_error("out of memory");
			exit(2);
		}
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

/* The string built so far (malloc'ed, the caller's); b starts again empty. */
static char *
buf_take(struct buf *b)
{
	char *s = b->s != NULL ? b->s : strdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	if (s == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	return s;
}

void
strvec_add(struct strvec *sv, char *s)
{
	if (sv->n + 1 >= sv->cap) {
		sv->cap = sv->cap * 2 + 8;
		sv->v = realloc(sv->v, sizeof(char *) * (size_t)sv->cap);
		if (sv->v == NULL) {
			sh_error("out of memory");
			exit(2);
		}
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strvec_free(struct strvec *sv)
{
	for (int i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

/* Add c to the field; quoted: it stands for itself in the pattern too. */
static void
field_add(struct field *f, char c, int quoted)
{
	buf_add(&f->text, c);
	if (quoted && strchr("*?[]\\", c) != NULL)
		buf_add(&f->pat, '\\');
	buf_add(&f->pat, c);
}

/* End the current field: add it to out if it has anything (or was quoted). */
static void
field_end(struct field *f, struct strvec *out)
{
	if (f->text.len > 0 || f->quoted) {
		if (out->pattern)
			strvec_add(out, buf_take(&f->pat));
		else if (f->wild && out->glob)
			glob_field(buf_take(&f->pat), buf_take(&f->text), out);
		else
			strvec_add(out, buf_take(&f->text));
	}
	f->text.len = f->pat.len = 0;
	f->quoted = 0;
	f->wild = 0;
}

const char *
ifs_chars(void)
{
	const char *ifs = var_get("IFS");

	return ifs != NULL ? ifs : " \t\n";
}

/* Add value to the field; unquoted values are split into fields at IFS characters. */
static void
add_value(struct field *f, const char *value, int quoted, struct strvec *out)
{
	const char *ifs = ifs_chars();

	for (; *value != '\0'; value++) {
		if (quoted || out->nosplit || strchr(ifs, *value) == NULL) {
			field_add(f, *value, quoted);
			f->wild |= !quoted && strchr("*?[", *value) != NULL;
		} else if (strchr(" \t\n", *value) != NULL) {
			field_end(f, out);
		} else {
			f->quoted = 1;          /* a: b -> "a" "b"; a::b -> "a" "" "b" */
			field_end(f, out);
		}
	}
}

/* The arguments $1.. joined by sep, in a malloc'ed string. */
static char *
all_args(char sep)
{
	struct buf b = { NULL, 0, 0 };

	for (int i = 1; i < sh_argc; i++) {
		if (i > 1 && sep != '\0')
			buf_add(&b, sep);
		for (const char *a = sh_argv[i]; *a != '\0'; a++)
			buf_add(&b, *a);
	}
	return buf_take(&b);
}

char *
command_output(const char *text)
{
	struct buf b = { NULL, 0, 0 };
	int p[2], st;
	char chunk[256];
	ssize_t n;
	pid_t pid;

	fflush(NULL);
	if (pipe(p) < 0 || (pid = fork()) < 0) {
		sh_error("command substitution: %s", strerror(errno));
		sh_subst_status = 2;
		return buf_take(&b);
	}
	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		sh_interactive = sh_jobcontrol = 0;
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		run_string(text);
		run_exit_trap();
		fflush(NULL);
		_exit(sh_status);
	}
	close(p[1]);
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR))
		for (ssize_t i = 0; i < n; i++)
			buf_add(&b, chunk[i]);
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sh_subst_status = sh_status = status_of(st);
	while (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	return buf_take(&b);
}

/* `...` from p (after the opening quote) to end (after the closing one): the command
 * with its \$ \` \\ unquoted, malloc'ed. */
static char *
backquoted(const char *p, const char *end)
{
	struct buf b = { NULL, 0, 0 };

	for (; p < end - 1; p++) {
		if (*p == '\\' && strchr("$`\\", p[1]) != NULL)
			p++;
		buf_add(&b, *p);
	}
	return buf_take(&b);
}

/* The value of parameter name[0..len) (special ones in buf), or NULL if it is unset. */
static const char *
param_value(const char *name, size_t len, char *buf, size_t size)
{
	char n[128];
	const char *v;

	if (len == 1 && strchr("?$#!", *name) != NULL) {
		int x = *name == '?' ? sh_status : *name == '$' ? (int)sh_pid :
		        *name == '#' ? (sh_argc > 0 ? sh_argc - 1 : 0) : (int)sh_lastbg;

		if (*name == '!' && sh_lastbg == 0)
			return NULL;
		snprintf(buf, size, "%d", x);
		return buf;
	}
	if (isdigit((unsigned char)*name)) {
		int i = atoi(name);

		return i < sh_argc ? sh_argv[i] : NULL;
	}
	if (len == 1 && (*name == '@' || *name == '*')) {
		char *a = all_args(' ');

		snprintf(buf, size, "%s", a);
		free(a);
		return sh_argc > 1 ? buf : NULL;
	}
	if (len >= sizeof(n))
		len = sizeof(n) - 1;
	memcpy(n, name, len);
	n[len] = '\0';
	v = var_get(n);
	return v;
}

/* ${v%pat} ${v%%pat} ${v#pat} ${v##pat}: v without the matching suffix or prefix. */
static void
trim(char *v, const char *pat, int suffix, int longest, char *buf, size_t size)
{
	size_t len = strlen(v);

	for (size_t k = 0; k <= len; k++) {
		size_t cut = longest ? len - k : k;     /* the shortest or the longest first */
		char save;
		int hit;

		if (suffix) {
			hit = pattern_match(pat, v + (len - cut));
		} else {
			save = v[cut];
			v[cut] = '\0';
			hit = pattern_match(pat, v);
			v[cut] = save;
		}
		if (hit) {
			snprintf(buf, size, "%.*s", (int)(len - cut), suffix ? v : v + cut);
			return;
		}
	}
	snprintf(buf, size, "%s", v);
}

/* ${v-w} ${v=w} ${v?w} ${v+w} (op), with or without ':' (isset says which counts):
 * the value (NULL: nothing), in buf if computed. */
static const char *
param_op(char op, int isset, const char *v, const char *word, const char *name, size_t len,
	 char *buf, size_t size)
{
	char n[128], *w;

	if ((op == '+') != isset)
		return op == '+' ? NULL : v;
	w = expand_single(word);
	snprintf(buf, size, "%s", w);
	free(w);
	snprintf(n, sizeof(n), "%.*s", (int)len, name);
	if (op == '=' && var_set(n, buf, 0) != 0)
		sh_error("%s: cannot assign", n);
	if (op == '?') {
		sh_error("%s: %s", n, *buf != '\0' ? buf : "parameter not set");
		if (!sh_interactive)
			exit(2);
		return NULL;
	}
	return buf;
}

/* ${...}: p after "${", end after the "}": the value (NULL: nothing, as for an unset
 * variable), in buf if computed. */
static const char *
braced(const char *p, const char *end, char *buf, size_t size)
{
	const char *name = p, *v, *op;
	char word[1024];
	size_t len;
	int colon;

	if (*p == '#' && p + 2 < end && end[-2] != '#') {      /* ${#NAME} */
		v = param_value(p + 1, (size_t)(end - p - 2), buf, size);
		snprintf(buf, size, "%d", v != NULL ? (int)strlen(v) : 0);
		return buf;
	}
	if (isalpha((unsigned char)*p) || *p == '_')
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
	else if (isdigit((unsigned char)*p))
		while (isdigit((unsigned char)*p))
			p++;
	else
		p++;
	len = (size_t)(p - name);
	v = param_value(name, len, buf, size);
	if (*p == '}')
		return v;
	colon = *p == ':';
	op = p + colon;
	p = op + 1 + (op[1] == op[0] && (*op == '%' || *op == '#'));  /* the word */
	snprintf(word, sizeof(word), "%.*s", (int)(end - 1 - p), p);
	if (*op == '%' || *op == '#') {
		char *copy = strdup(v != NULL ? v : ""), *pat = expand_pattern(word);

		trim(copy, pat, *op == '%', op[1] == op[0], buf, size);
		free(copy);
		free(pat);
		return buf;
	}
	return param_op(*op, v != NULL && (!colon || *v != '\0'), v, word, name, len, buf, size);
}

/* The text [from, to), malloc'ed. */
static char *
copy_text(const char *from, const char *to)
{
	struct buf b = { NULL, 0, 0 };

	while (from < to)
		buf_add(&b, *from++);
	return buf_take(&b);
}

/* $(...) or $((...)): p at the first '(', end after the last ')'; the value, malloc'ed. */
static char *
paren_subst(const char *p, const char *end)
{
	char *text = copy_text(p + 1, end - 1), *expr, *v;
	const char *err = NULL;
	char num[32];
	long n;

	if (p[1] != '(' || end[-2] != ')') {
		v = command_output(text);
		free(text);
		return v;
	}
	text[strlen(text) - 1] = '\0';         /* $((...)) */
	expr = expand_heredoc(text + 1);
	n = arith_eval(expr, &err);
	if (err != NULL)
		sh_error("arithmetic: %s: %s", expr, err);
	snprintf(num, sizeof(num), "%ld", n);
	free(expr);
	free(text);
	return strdup(num);
}

/* A '$' at *pp: substitute (or keep the '$'). */
static void
dollar(const char **pp, struct field *f, int quoted, struct strvec *out)
{
	static char buf[4096];
	const char *p = *pp + 1, *end, *v = NULL;
	char *owned = NULL;

	if (*p == '(' && (end = skip_nested(p + 1, ')')) != NULL) {
		v = owned = paren_subst(p, end);
		*pp = end;
	} else if (*p == '{' && (end = skip_nested(p + 1, '}')) != NULL) {
		v = braced(p + 1, end, buf, sizeof(buf));
		*pp = end;
	} else if (*p == '@' || *p == '*') {
		v = owned = all_args(quoted ? ifs_chars()[0] : ' ');
		*pp = p + 1;
	} else if (strchr("?$#!", *p) != NULL || isdigit((unsigned char)*p)) {
		v = param_value(p, 1, buf, sizeof(buf));
		*pp = p + 1;
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		for (end = p; isalnum((unsigned char)*end) || *end == '_'; end++)
			;
		v = param_value(p, (size_t)(end - p), buf, sizeof(buf));
		*pp = end;
	} else {
		field_add(f, '$', quoted);
		*pp = p;
		return;
	}
	if (v != NULL)
		add_value(f, v, quoted, out);
	free(owned);
}

/* "$@": one field for each argument. */
static void
quoted_at(struct field *f, int quoted_before, struct strvec *out)
{
	if (sh_argc <= 1) {
		f->quoted = quoted_before;      /* "$@" without arguments: no field */
		return;
	}
	for (int i = 1; i < sh_argc; i++) {
		if (i > 1)
			field_end(f, out);
		f->quoted = 1;
		for (const char *a = sh_argv[i]; *a != '\0'; a++)
			field_add(f, *a, 1);
	}
}

/* A `...` at *pp: the commands' output. */
static void
backquote(const char **pp, struct field *f, int quoted, struct strvec *out)
{
	const char *end = skip_nested(*pp + 1, '`');
	char *cmd, *v;

	if (end == NULL) {
		field_add(f, *(*pp)++, quoted);
		return;
	}
	cmd = backquoted(*pp + 1, end);
	v = command_output(cmd);
	add_value(f, v, quoted, out);
	free(v);
	free(cmd);
	*pp = end;
}

/* Inside "..." (heredoc: a here-document's body, where " is an ordinary character),
 * starting after the opening quote; *pp ends after the closing one. */
static void
double_quoted(const char **pp, struct field *f, struct strvec *out, int heredoc)
{
	const char *p = *pp;
	int before = f->quoted;

	f->quoted = 1;
	while (*p != '\0' && (heredoc || *p != '"')) {
		if (*p == '\\' && p[1] != '\0' && strchr(heredoc ? "$`\\\n" : "$\"\\`\n", p[1])) {
			if (p[1] != '\n')
				field_add(f, p[1], 1);
			p += 2;
		} else if (!heredoc && strncmp(p, "$@\"", 3) == 0 && p == *pp) {
			quoted_at(f, before, out);
			p += 2;
		} else if (*p == '$') {
			dollar(&p, f, 1, out);
		} else if (*p == '`') {
			backquote(&p, f, 1, out);
		} else {
			field_add(f, *p++, 1);
		}
	}
	*pp = *p == '"' ? p + 1 : p;
}

void
expand_word(const char *raw, struct strvec *out)
{
	struct field f;
	const char *p = raw, *home = var_get("HOME");

	memset(&f, 0, sizeof(f));
	if (p[0] == '~' && (p[1] == '\0' || p[1] == '/')) {
		add_value(&f, home != NULL ? home : "/", 1, out);
		p++;
	}
	while (*p != '\0') {
		if (*p == '\\') {
			if (p[1] != '\n' && p[1] != '\0')
				field_add(&f, p[1], 1);
			f.quoted = 1;
			p += p[1] != '\0' ? 2 : 1;
		} else if (*p == '\'') {
			f.quoted = 1;
			for (p++; *p != '\0' && *p != '\''; p++)
				field_add(&f, *p, 1);
			if (*p == '\'')
				p++;
		} else if (*p == '"') {
			p++;
			double_quoted(&p, &f, out, 0);
		} else if (*p == '$') {
			dollar(&p, &f, 0, out);
		} else if (*p == '`') {
			backquote(&p, &f, 0, out);
		} else {
			f.wild |= *p == '*' || *p == '?' || *p == '[';
			field_add(&f, *p++, 0);
		}
	}
	field_end(&f, out);
	free(f.text.s);
	free(f.pat.s);
}

/* Expand raw with the given mode and join the fields with spaces. */
static char *
expand_joined(const char *raw, int pattern)
{
	struct strvec sv = { NULL, 0, 0, 0, pattern, 1 };
	struct buf b = { NULL, 0, 0 };

	expand_word(raw, &sv);
	for (int i = 0; i < sv.n; i++) {
		if (i > 0)
			buf_add(&b, ' ');
		for (const char *s = sv.v[i]; *s != '\0'; s++)
			buf_add(&b, *s);
	}
	strvec_free(&sv);
	return buf_take(&b);
}

char *
expand_single(const char *raw)
{
	return expand_joined(raw, 0);
}

char *
expand_pattern(const char *raw)
{
	return expand_joined(raw, 1);
}

char *
expand_heredoc(const char *body)
{
	struct strvec sv = { NULL, 0, 0, 0, 0, 1 };
	struct field f;
	const char *p = body;
	char *s;

	memset(&f, 0, sizeof(f));
	double_quoted(&p, &f, &sv, 1);
	s = buf_take(&f.text);
	free(f.text.s);
	free(f.pat.s);
	strvec_free(&sv);
	return s;
}

size_t
assignment_name_len(const char *raw)
{
	size_t n = 0;

	if (!isalpha((unsigned char)raw[0]) && raw[0] != '_')
		return 0;
	while (isalnum((unsigned char)raw[n]) || raw[n] == '_')
		n++;
	return raw[n] == '=' ? n : 0;
}
