/*
 * compile.c - sed's script compiler: the text of the script -> cmds[].
 *
 * The pieces of the script (add_script(): each -e, each -f file) are joined with newlines
 * and parsed as one text, so that a command's text may go on in the next -e (`-e 'a\'
 * -e text`).  A script is commands separated by newlines or ';' (blanks around them are
 * ignored, # starts a comment), each [address[,address]][!]command:
 *   addresses   N (a line), $ (the last line), /re/ or \cREc (a line re matches; the empty
 *               re is the last one used); "\n" in re is a newline, "\c" the delimiter
 *   { ... }     a block, run when the address selects the line; } ends it (blocks nest)
 *   a i c text  the text: "a\" and lines ending in "\" (POSIX), or "a text" (one line)
 *   s/re/rep/flags, y/abc/xyz/, : b t T label, r w file, q [status], and the commands of
 *               one letter: = d D g G h H l n N p P x
 * The regular expressions are those of ../lib/regex.h; re_search() runs one.  An error
 * prints where it was found, as "sed: -e expression #1, char 5: unknown command: `k'" (or
 * "sed: file f line 2: ..." for -f), and exits with status 1.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sed.h"
#include "../lib/regex.h"

_Static_assert(RE_MAX_GROUPS == SED_GROUPS, "sed.h's SED_GROUPS is regex.h's RE_MAX_GROUPS");

struct cmd *cmds;
int ncmds;
static int cmds_cap;

/* Where each piece of the script starts in script[]; file: its -f file (NULL for -e). */
struct piece {
	size_t start;
	const char *file;
};

static char *script;
static size_t script_len;
static struct piece *pieces;
static int npieces;
static const char *p;                   /* the parse position in script[] */
static int open_blocks[64], depth;      /* the indexes of the open { */

/* Add a piece of script (file: the -f file it came from, or NULL for -e). */
void
add_script(const char *text, const char *file)
{
	size_t len = strlen(text);

	if ((script = realloc(script, script_len + len + 2)) == NULL ||
	    (pieces = realloc(pieces, sizeof(*pieces) * (size_t)(npieces + 1))) == NULL)
		die(4, "out of memory");
	if (npieces > 0)
		script[script_len++] = '\n';
	pieces[npieces].start = script_len;
	pieces[npieces++].file = file;
	memcpy(script + script_len, text, len + 1);
	script_len += len;
}

/* Report an error in the script at the parse position (after the characters read). */
static void
bad(const char *fmt, ...)
{
	size_t off = (size_t)(p - script);
	int i = npieces - 1, line = 1;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	while (i > 0 && pieces[i].start > off)
		i--;
	if (pieces[i].file == NULL)
		die(1, "-e expression #%d, char %ld: %s", i + 1, (long)(off - pieces[i].start),
		    msg);
	for (size_t k = pieces[i].start; k < off; k++)
		line += script[k] == '\n';
	die(1, "file %s line %d: %s", pieces[i].file, line, msg);
}

static void
skip_blanks(void)
{
	while (*p == ' ' || *p == '\t')
		p++;
}

/* A new string of the n bytes at s. */
static char *
dup_text(const char *s, size_t n)
{
	char *t = xmalloc(n + 1);

	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/* Compile re text (the empty text: NULL, the last regular expression used). */
static struct regex *
compile_re(const char *text)
{
	struct regex *re;
	const char *err;

	if (text[0] == '\0')
		return NULL;
	re = xmalloc(sizeof(*re));
	if (re_compile(re, text, &err) != 0)
		bad("%s", err);
	return re;
}

/* Run re on s from offset from: 1 with m[] filled, or 0. */
int
re_search(struct regex *re, const char *s, int from, struct span *m)
{
	struct re_match rm[RE_MAX_GROUPS];

	if (!re_exec(re, s, from, rm))
		return 0;
	for (int g = 0; g < RE_MAX_GROUPS; g++)
		m[g].so = rm[g].so, m[g].eo = rm[g].eo;
	return 1;
}

/* Copy a bracket expression [...] at p to *o if it closes on this line: 1, or 0. */
static int
copy_bracket(char **o)
{
	const char *s = p + 1;

	s += *s == '^';
	s += *s == ']';
	for (; *s != ']'; s++) {
		if (*s == '\0' || *s == '\n')
			return 0;
		if (*s == '[' && (s[1] == ':' || s[1] == '.' || s[1] == '=')) {
			const char *end = strchr(s + 2, s[1]);

			if (end != NULL && end[1] == ']')
				s = end + 1;
		}
	}
	for (; p <= s; p++) {
		if (p[0] == '\\' && (p[1] == 'n' || p[1] == 't'))
			*(*o)++ = *++p == 'n' ? '\n' : '\t';
		else
			*(*o)++ = *p;
	}
	return 1;
}

/* Read text up to delim (p is after the opening one) into a new string, or NULL if the line
 * ends first.  \delim is delim, \n a newline, \t a tab; other escapes are kept (a regular
 * expression's, or the replacement's \1 & and \newline).  re: a [set] may hold delim. */
static char *
read_delimited(char delim, int re)
{
	char *out = xmalloc(strlen(p) * 2 + 1), *o = out;

	while (*p != delim) {
		if (*p == '\0' || *p == '\n')
			return free(out), NULL;
		if (re && *p == '[' && copy_bracket(&o))
			continue;
		if (*p == '\\') {
			p++;
			if (*p == '\0')
				return free(out), NULL;
			if (*p == 'n' && delim != 'n')
				*o++ = '\n';
			else if (*p == 't' && delim != 't')
				*o++ = '\t';
			else if (*p == delim)
				*o++ = delim;
			else
				*o++ = '\\', *o++ = *p;
			p++;
			continue;
		}
		*o++ = *p++;
	}
	p++;
	*o = '\0';
	return out;
}

/* Parse an address at p into a: 1, or 0 if there is none. */
static int
parse_addr(struct addr *a)
{
	char delim, *end, *text;

	a->kind = A_NONE;
	if (isdigit((unsigned char)*p)) {
		a->kind = A_LINE;
		a->line = strtol(p, &end, 10);
		p = end;
	} else if (*p == '$') {
		a->kind = A_LAST;
		p++;
	} else if (*p == '/' || *p == '\\') {
		p += *p == '\\';
		delim = *p;
		if (delim == '\0' || delim == '\n' || delim == '\\')
			bad("unterminated address regex");
		p++;
		if ((text = read_delimited(delim, 1)) == NULL)
			bad("unterminated address regex");
		a->kind = A_RE;
		a->re = compile_re(text);
		free(text);
	}
	return a->kind != A_NONE;
}

/* The end of a command: blanks, then ; or newline (read), or } # or the end (left). */
static void
end_of_cmd(void)
{
	skip_blanks();
	if (*p == ';' || *p == '\n')
		p++;
	else if (*p != '}' && *p != '#' && *p != '\0') {
		p++;
		bad("extra characters after command");
	}
}

/* A label (for : b t): up to a blank, ; newline or }. */
static char *
read_label(void)
{
	const char *s;

	skip_blanks();
	for (s = p; *p != '\0' && strchr(" \t\n;}", *p) == NULL; p++)
		;
	return dup_text(s, (size_t)(p - s));
}

/* A file name (for r w, s///w): the rest of the line. */
static char *
read_filename(void)
{
	const char *s;
	char *name;

	skip_blanks();
	for (s = p; *p != '\0' && *p != '\n'; p++)
		;
	if (p == s)
		bad("missing filename in r/R/w/W commands");
	name = dup_text(s, (size_t)(p - s));
	if (*p == '\n')
		p++;
	return name;
}

/* The text of a i c: "a\" newline text, "a\text" or "a text"; a line ending in \ goes on
 * to the next; \n is a newline, \t a tab, \c the character c.  Ends with a newline unless
 * it is empty. */
static char *
read_text(void)
{
	char *out = xmalloc(strlen(p) + 2), *o = out;

	skip_blanks();
	if (*p == '\\') {
		p++;
		if (*p == '\n')
			p++;
	} else if (*p == '\0' || *p == '\n') {
		bad("expected \\ after `a', `c' or `i'");
	}
	for (; *p != '\0' && *p != '\n'; p++) {
		if (*p == '\\') {
			if (*++p == '\0')
				break;
			*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else {
			*o++ = *p;
		}
	}
	if (*p == '\n')
		p++;
	if (o != out)
		*o++ = '\n';
	*o = '\0';
	return out;
}

/* The largest \N in replacement rep. */
static int
max_reference(const char *rep)
{
	int max = 0;

	for (; *rep != '\0'; rep++)
		if (*rep == '\\' && rep[1] != '\0' && (rep++, isdigit((unsigned char)*rep)) &&
		    *rep - '0' > max)
			max = *rep - '0';
	return max;
}

/* The flags of s at p: g, p, N, w file. */
static void
parse_s_flags(struct cmd *c)
{
	char *end;

	for (c->nth = 0;; p++) {
		if (*p == 'g') {
			if (c->global)
				p++, bad("multiple `g' options to `s' command");
			c->global = 1;
		} else if (*p == 'p') {
			if (c->print)
				p++, bad("multiple `p' options to `s' command");
			c->print = 1;
		} else if (isdigit((unsigned char)*p)) {
			if (c->nth != 0)
				p++, bad("multiple number options to `s' command");
			c->nth = (int)strtol(p, &end, 10);
			p = end - 1;
			if (c->nth == 0)
				p++, bad("number option to `s' command may not be zero");
		} else if (*p == 'w') {
			p++;
			c->out = open_output(read_filename());
			break;
		} else if (*p == '\0' || strchr(" \t\n;}#", *p) != NULL) {
			end_of_cmd();
			break;
		} else {
			p++;
			bad("unknown option to `s'");
		}
	}
	if (c->nth == 0)
		c->nth = 1;
}

/* s/re/replacement/flags (p is after the s). */
static void
parse_s(struct cmd *c)
{
	char delim = *p, *text;
	int refs;

	if (delim == '\0' || delim == '\n' || delim == '\\')
		bad("unterminated `s' command");
	p++;
	if ((text = read_delimited(delim, 1)) == NULL ||
	    (c->rep = read_delimited(delim, 0)) == NULL)
		bad("unterminated `s' command");
	parse_s_flags(c);
	c->re = compile_re(text);
	free(text);
	refs = max_reference(c->rep);
	if (c->re != NULL && refs > ((struct regex *)c->re)->ngroups)
		bad("invalid reference \\%d on `s' command's RHS", refs);
}

/* One string of y up to delim: \delim is delim, \n a newline, \\ a backslash. */
static char *
read_y_string(char delim)
{
	char *out = xmalloc(strlen(p) + 1), *o = out;

	for (; *p != delim; p++) {
		if (*p == '\0' || *p == '\n')
			return free(out), NULL;
		if (*p == '\\' && p[1] != '\0')
			*o++ = *++p == 'n' && delim != 'n' ? '\n' : *p;
		else
			*o++ = *p;
	}
	p++;
	*o = '\0';
	return out;
}

/* y/abc/xyz/ (p is after the y). */
static void
parse_y(struct cmd *c)
{
	char delim = *p, *from, *to;

	if (delim == '\0' || delim == '\n' || delim == '\\')
		bad("unterminated `y' command");
	p++;
	if ((from = read_y_string(delim)) == NULL || (to = read_y_string(delim)) == NULL)
		bad("unterminated `y' command");
	if (strlen(from) != strlen(to))
		bad("strings for `y' command are different lengths");
	c->map = xmalloc(256);
	for (int i = 0; i < 256; i++)
		c->map[i] = (unsigned char)i;
	for (size_t i = 0; from[i] != '\0'; i++)
		c->map[(unsigned char)from[i]] = (unsigned char)to[i];
	free(from);
	free(to);
	end_of_cmd();
}

/* { and }: blocks nest; a { not selected jumps past its }. */
static void
parse_block(struct cmd *c)
{
	if (c->name == '{') {
		if (depth == (int)(sizeof(open_blocks) / sizeof(open_blocks[0])))
			bad("blocks nested too deeply");
		open_blocks[depth++] = ncmds - 1;
		return;
	}
	if (depth == 0 || c->a1.kind != A_NONE)
		bad("unexpected `}'");
	cmds[open_blocks[--depth]].jump = ncmds;
	end_of_cmd();
}

/* The arguments of command c (its letter just read). */
static void
parse_args(struct cmd *c)
{
	int naddr = (c->a1.kind != A_NONE) + (c->a2.kind != A_NONE);

	if (naddr == 2 && strchr("q:", c->name) != NULL)
		bad("command only uses one address");
	if (c->name == ':' && naddr > 0)
		bad(": doesn't want any addresses");
	if ((c->a1.kind == A_LINE && c->a1.line == 0) || (c->a2.kind == A_LINE &&
							    c->a2.line == 0))
		bad("invalid usage of line address 0");
	switch (c->name) {
	case '{': case '}':
		parse_block(c);
		break;
	case 'a': case 'i': case 'c':
		c->text = read_text();
		break;
	case ':':
		if ((c->text = read_label())[0] == '\0')
			bad("\":\" lacks a label");
		end_of_cmd();
		break;
	case 'b': case 't': case 'T':
		c->text = read_label();
		end_of_cmd();
		break;
	case 'r':
		c->text = read_filename();
		break;
	case 'w':
		c->out = open_output(read_filename());
		break;
	case 's':
		parse_s(c);
		break;
	case 'y':
		parse_y(c);
		break;
	case 'q':
		skip_blanks();
		if (isdigit((unsigned char)*p))
			c->status = (int)strtol(p, (char **)&p, 10);
		end_of_cmd();
		break;
	default:
		if (strchr("=dDgGhHlnNpPx", c->name) == NULL)
			bad("unknown command: `%c'", c->name);
		end_of_cmd();
	}
}

/* A new command at the end of cmds[]. */
static struct cmd *
new_cmd(void)
{
	if (ncmds == cmds_cap) {
		cmds_cap = cmds_cap * 2 + 16;
		if ((cmds = realloc(cmds, sizeof(*cmds) * (size_t)cmds_cap)) == NULL)
			die(4, "out of memory");
	}
	memset(&cmds[ncmds], 0, sizeof(cmds[0]));
	return &cmds[ncmds++];
}

/* One command at p: addresses, !, the letter and its arguments. */
static void
parse_command(void)
{
	struct cmd *c = new_cmd();

	if (parse_addr(&c->a1)) {
		skip_blanks();
		if (*p == ',') {
			p++;
			skip_blanks();
			if (!parse_addr(&c->a2))
				p += *p != '\0', bad("unexpected `,'");
		}
	}
	skip_blanks();
	if (*p == '!') {
		c->neg = 1;
		p++;
		skip_blanks();
		if (*p == '!')
			p++, bad("multiple `!'s");
	}
	if (*p == '\0' || *p == '\n' || *p == ';')
		bad("missing command");
	if (*p == '#')
		p++, bad("comments don't accept any addresses");
	c->name = *p++;
	parse_args(c);
}

/* Point each b and t at its label's command (no label: the end of the script). */
static void
resolve_labels(void)
{
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		if (strchr("btT", c->name) == NULL)
			continue;
		c->jump = ncmds;
		if (c->text[0] == '\0')
			continue;
		for (int j = 0; j < ncmds && c->jump == ncmds; j++)
			if (cmds[j].name == ':' && strcmp(cmds[j].text, c->text) == 0)
				c->jump = j;
		if (c->jump == ncmds)
			die(1, "can't find label for jump to `%s'", c->text);
	}
}

/* Compile the script (every piece added) into cmds[]. */
void
compile_script(void)
{
	if (script == NULL)
		add_script("", NULL);
	if (strncmp(script, "#n", 2) == 0 && (script[2] == '\n' || script[2] == '\0'))
		opt_n = 1;
	for (p = script;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		if (*p == '#') {
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		parse_command();
	}
	if (depth > 0) {
		p = script + pieces[npieces - 1].start;
		bad("unmatched `{'");
	}
	resolve_labels();
}
