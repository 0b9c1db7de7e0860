/*
 * expand.c - word expansion: a raw word (as lex.c found it) -> fields.
 *
 * Quotes are removed: '...' keeps everything literally; "..." substitutes variables and
 * honours \$ \" \\ \` and backslash-newline; outside quotes a backslash keeps the next
 * character literally (backslash-newline disappears).  Substitutions: $NAME, ${NAME}, $?
 * (last status), $$ (the shell's pid), $! (the last background job), $# (number of arguments), $0..$9, $@ and $* (the
 * arguments joined by spaces); a '~' alone or before '/' at the start of a word is $HOME.
 * The value of an unquoted substitution is split into fields at blanks; a quoted one is
 * not.  A word that was quoted but is empty ("") still makes one empty field.  A field
 * with an unquoted * or ? becomes the file names it matches (glob.c) when the caller asks
 * for that (out->glob: command words, not assignments or redirection targets).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* A field being built. */
struct field {
	char *buf;
	size_t len;
	size_t cap;
	int quoted;             /* some of it was quoted: keep it even if empty */
	int wild;               /* it has an unquoted * or ?: match file names */
};

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

static void
field_add(struct field *f, char c)
{
	if (f->len + 1 >= f->cap) {
		f->cap = f->cap * 2 + 32;
		f->buf = realloc(f->buf, f->cap);
		if (f->buf == NULL) {
			sh_error("out of memory");
			exit(2);
		}
	}
	f->buf[f->len++] = c;
	f->buf[f->len] = '\0';
}

/* End the current field: add it to out if it has anything (or was quoted). */
static void
field_end(struct field *f, struct strvec *out)
{
	if (f->len > 0 || f->quoted) {
		field_add(f, '\0');
		if (f->wild && out->glob)
			glob_field(strdup(f->buf), out);
		else
			strvec_add(out, strdup(f->buf));
	}
	f->len = 0;
	f->quoted = 0;
	f->wild = 0;
}

/* The arguments $1.. joined by spaces, in buf. */
static const char *
all_args(char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 1; i < sh_argc; i++) {
		if (i > 1)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, sh_argv[i], size - strlen(buf) - 1);
	}
	return buf;
}

/* The value of the substitution starting after '$' at *pp (advanced past it); NULL if
 * there is none ('$' is then literal).  Values of special parameters go in buf. */
static const char *
substitution(const char **pp, char *buf, size_t size)
{
	const char *p = *pp, *end;
	char name[128];
	size_t len;

	if (*p == '?' || *p == '$' || *p == '#' || *p == '!' || isdigit((unsigned char)*p)) {
		*pp = p + 1;
		if (*p == '!')
			snprintf(buf, size, "%d", (int)sh_lastbg);
		else if (*p == '?')
			snprintf(buf, size, "%d", sh_status);
		else if (*p == '$')
			snprintf(buf, size, "%d", (int)sh_pid);
		else if (*p == '#')
			snprintf(buf, size, "%d", sh_argc > 0 ? sh_argc - 1 : 0);
		else
			return *p - '0' < sh_argc ? sh_argv[*p - '0'] : "";
		return buf;
	}
	if (*p == '@' || *p == '*') {
		*pp = p + 1;
		return all_args(buf, size);
	}
	if (*p == '{') {
		if ((end = strchr(p, '}')) == NULL)
			return NULL;
		len = (size_t)(end - p - 1);
		*pp = end + 1;
		p++;
	} else {
		for (end = p; isalnum((unsigned char)*end) || *end == '_'; end++)
			;
		if (end == p || isdigit((unsigned char)*p))
			return NULL;
		len = (size_t)(end - p);
		*pp = end;
	}
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, p, len);
	name[len] = '\0';
	p = var_get(name);
	return p != NULL ? p : "";
}

/* Add value to the field; unquoted values are split into fields at blanks. */
static void
add_value(struct field *f, const char *value, int quoted, struct strvec *out)
{
	for (; *value != '\0'; value++) {
		if (!quoted && (*value == ' ' || *value == '\t' || *value == '\n'))
			field_end(f, out);
		else
			field_add(f, *value);
	}
}

/* A '$' at *pp: substitute (or keep the '$'). */
static void
dollar(const char **pp, struct field *f, int quoted, struct strvec *out)
{
	char buf[1024];
	const char *v;

	(*pp)++;
	v = substitution(pp, buf, sizeof(buf));
	if (v == NULL)
		field_add(f, '$');
	else
		add_value(f, v, quoted, out);
}

/* Inside "...", starting after the opening quote; *pp ends after the closing one. */
static void
double_quoted(const char **pp, struct field *f, struct strvec *out)
{
	const char *p = *pp;

	f->quoted = 1;
	while (*p != '\0' && *p != '"') {
		if (*p == '\\' && p[1] != '\0' && strchr("$\"\\`\n", p[1]) != NULL) {
			if (p[1] != '\n')
				field_add(f, p[1]);
			p += 2;
		} else if (*p == '$') {
			dollar(&p, f, 1, out);
		} else {
			field_add(f, *p++);
		}
	}
	*pp = *p == '"' ? p + 1 : p;
}

void
expand_word(const char *raw, struct strvec *out)
{
	struct field f = { NULL, 0, 0, 0, 0 };
	const char *p = raw, *home = var_get("HOME");

	if (p[0] == '~' && (p[1] == '\0' || p[1] == '/')) {
		add_value(&f, home != NULL ? home : "/", 1, out);
		p++;
	}
	while (*p != '\0') {
		if (*p == '\\') {
			if (p[1] != '\n' && p[1] != '\0')
				field_add(&f, p[1]);
			f.quoted = 1;
			p += p[1] != '\0' ? 2 : 1;
		} else if (*p == '\'') {
			f.quoted = 1;
			for (p++; *p != '\0' && *p != '\''; p++)
				field_add(&f, *p);
			if (*p == '\'')
				p++;
		} else if (*p == '"') {
			p++;
			double_quoted(&p, &f, out);
		} else if (*p == '$') {
			dollar(&p, &f, 0, out);
		} else {
			f.wild |= *p == '*' || *p == '?';
			field_add(&f, *p++);
		}
	}
	field_end(&f, out);
	free(f.buf);
}

char *
expand_single(const char *raw)
{
	struct strvec sv = { NULL, 0, 0, 0 };
	size_t len = 1;
	char *s;
	int i;

	expand_word(raw, &sv);
	for (i = 0; i < sv.n; i++)
		len += strlen(sv.v[i]) + 1;
	s = malloc(len);
	if (s == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	s[0] = '\0';
	for (i = 0; i < sv.n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, sv.v[i]);
	}
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
