/*
 * exec.c - sed's cycle: run the compiled script (cmds[], compile.c) on each line.
 *
 * Each cycle reads the next line into the pattern space, runs every command whose
 * addresses select it (a range is active from a line its first address selects through
 * the next its second selects; a second address that is a line number not after the first
 * line selects one line), prints the pattern space unless -n, and then writes the text
 * that a and r queued.  The hold space keeps text between cycles (h H g G x).  Commands
 * that end the cycle early: d (no printing), D (deletes the first line and starts again
 * without reading if any is left), c, q (prints, then quits), and n and N at the end of the
 * input (print and quit, as GNU sed does; POSIX lets N quit without printing).  t branches
 * if an s replaced something since the last line was read or the last t (T, from GNU, if
 * none did).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sed.h"

/* What a command tells the cycle. */
enum flow { GO_ON, END_CYCLE, DELETE, RESTART, QUIT };

/* Text queued for the end of the cycle: a's text, or r's file. */
struct queued {
	const char *text;
	int is_file;
};

static struct buf ps, hs, work;         /* pattern space, hold space, s's result */
static struct queued *queue;
static int nqueued, queue_cap;
static int replaced;                    /* for t */
static struct regex *last_re;

static void
buf_grow(struct buf *b, size_t len)
{
	if (len + 1 > b->cap) {
		b->cap = len + 1 + b->cap * 2 + 64;
		if ((b->s = realloc(b->s, b->cap)) == NULL)
			die(4, "out of memory");
	}
}

/* Make b the len bytes at s. */
void
buf_set(struct buf *b, const char *s, size_t len)
{
	buf_grow(b, len);
	memmove(b->s, s, len);
	b->len = len;
	b->s[len] = '\0';
}

/* Append the len bytes at s to b. */
void
buf_add(struct buf *b, const char *s, size_t len)
{
	buf_grow(b, b->len + len);
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

/* Run re (NULL: the last one used) on the pattern space from offset from. */
static int
match(struct regex *re, int from, struct span *m)
{
	if (re == NULL)
		re = last_re;
	if (re == NULL)
		die(1, "no previous regular expression");
	last_re = re;
	return re_search(re, ps.s, from, m);
}

/* Does address a select the current line? */
static int
addr_matches(const struct addr *a)
{
	struct span m[SED_GROUPS];

	if (a->kind == A_LINE)
		return lineno == a->line;
	if (a->kind == A_LAST)
		return input_last();
	return match(a->re, 0, m);
}

/* Does the range of c start at this line?  Then it stays active unless it already ended.
 * A range from line number n starts at the first line at or after n (N may have read line n
 * inside another command), but not after a line-number end, and only once (as GNU sed). */
static int
range_start(struct cmd *c)
{
	if (c->a1.kind == A_LINE) {
		if (c->closed || lineno < c->a1.line)
			return 0;
		if (c->a2.kind == A_LINE && lineno > c->a2.line && lineno != c->a1.line)
			return c->closed = 1, 0;
	} else if (!addr_matches(&c->a1)) {
		return 0;
	}
	if (c->a2.kind == A_LINE)
		c->active = c->a2.line > lineno;
	else if (c->a2.kind == A_LAST)
		c->active = !input_last();
	else
		c->active = 1;          /* a regular expression: checked from the next line */
	c->closed = !c->active && c->a1.kind == A_LINE;
	return 1;
}

/* Do c's addresses select the current line (before !)? */
static int
selects(struct cmd *c)
{
	if (c->a1.kind == A_NONE)
		return 1;
	if (c->a2.kind == A_NONE)
		return addr_matches(&c->a1);
	if (!c->active)
		return range_start(c);
	if (c->a2.kind == A_LINE && lineno > c->a2.line) {
		c->active = 0;          /* N or n went past the end */
		return range_start(c);
	}
	if (c->a2.kind == A_LINE ? lineno == c->a2.line : addr_matches(&c->a2)) {
		c->active = 0;
		c->closed = c->a1.kind == A_LINE;
	}
	return 1;
}

/* Write the pattern space (its first line only: first) to o. */
static void
write_space(struct output *o, int first)
{
	char *nl = first ? memchr(ps.s, '\n', ps.len) : NULL;

	if (nl != NULL)
		out_line(o, ps.s, (size_t)(nl - ps.s), 1);
	else
		out_line(o, ps.s, ps.len, ps.nl);
}

/* l: the pattern space unambiguously: escapes for \ and the unprintable characters, lines
 * folded at 69 characters with a \, a $ at the end. */
static void
list_space(void)
{
	static const char chars[] = "\\\a\b\f\n\r\t\v", letters[] = "\\abfnrtv";
	char rep[8];
	int col = 0;

	out_begin(&out_stdout);
	for (size_t i = 0; i < ps.len; i++) {
		int ch = (unsigned char)ps.s[i];
		const char *e = ch != 0 ? strchr(chars, ch) : NULL;

		if (e != NULL)
			sprintf(rep, "\\%c", letters[e - chars]);
		else if (isprint(ch))
			sprintf(rep, "%c", ch);
		else
			sprintf(rep, "\\%03o", ch);
		if (col + (int)strlen(rep) > 69) {
			fputs("\\\n", stdout);
			col = 0;
		}
		fputs(rep, stdout);
		col += (int)strlen(rep);
	}
	fputs("$\n", stdout);
}

/* Queue a's text or r's file for the end of the cycle. */
static void
enqueue(const char *text, int is_file)
{
	if (nqueued == queue_cap) {
		queue_cap = queue_cap * 2 + 8;
		if ((queue = realloc(queue, sizeof(*queue) * (size_t)queue_cap)) == NULL)
			die(4, "out of memory");
	}
	queue[nqueued].text = text;
	queue[nqueued++].is_file = is_file;
}

/* Write what a and r queued (a file that cannot be read is skipped, as POSIX says). */
static void
flush_queue(void)
{
	char buf[512];
	size_t n;
	FILE *f;

	for (int i = 0; i < nqueued; i++) {
		out_begin(&out_stdout);
		if (!queue[i].is_file) {
			fputs(queue[i].text, stdout);
		} else if ((f = fopen(queue[i].text, "r")) != NULL) {
			while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
				fwrite(buf, 1, n, stdout);
			fclose(f);
		}
	}
	nqueued = 0;
}

/* Append the replacement rep for match m (in the pattern space) to work. */
static void
add_replacement(const char *rep, const struct span *m)
{
	const struct span *g;

	for (; *rep != '\0'; rep++) {
		g = NULL;
		if (*rep == '&')
			g = &m[0];
		else if (*rep == '\\' && rep[1] >= '0' && rep[1] <= '9')
			g = &m[*++rep - '0'];
		else if (*rep == '\\' && rep[1] != '\0')
			rep++;
		if (g == NULL)
			buf_add(&work, rep, 1);
		else if (g->so >= 0)
			buf_add(&work, ps.s + g->so, (size_t)(g->eo - g->so));
	}
}

/* s: replace the nth match (and, with g, every later one): 1 if it replaced something.
 * An empty match right after the previous match is skipped (s/b*\/-/g: abc -> -a-c-). */
static int
substitute(const struct cmd *c)
{
	struct span m[SED_GROUPS];
	int from = 0, copied = 0, count = 0, done = 0, prev_end = -1;

	buf_set(&work, "", 0);
	while (from <= (int)ps.len && match(c->re, from, m)) {
		if (m[0].so == m[0].eo && m[0].so == prev_end) {
			from++;
			continue;
		}
		buf_add(&work, ps.s + copied, (size_t)(m[0].so - copied));
		if (++count >= c->nth) {
			add_replacement(c->rep, m);
			done = 1;
		} else {
			buf_add(&work, ps.s + m[0].so, (size_t)(m[0].eo - m[0].so));
		}
		copied = prev_end = from = m[0].eo;
		if (done && !c->global)
			break;
		if (m[0].so == m[0].eo) {
			if (from < (int)ps.len)
				buf_add(&work, ps.s + from, 1);
			copied = ++from;
		}
	}
	if (!done)
		return 0;
	if (copied < (int)ps.len)
		buf_add(&work, ps.s + copied, ps.len - (size_t)copied);
	buf_set(&ps, work.s, work.len);
	return 1;
}

/* n and N: the next line into (N: onto) the pattern space; QUIT at the end of input. */
static enum flow
next_line(int append)
{
	if (input_last())
		return QUIT;
	if (!append && !opt_n)
		write_space(&out_stdout, 0);
	flush_queue();
	input_line(&ps, append);
	replaced = 0;
	return GO_ON;
}

/* D: delete the first line; start again with the rest without reading, if any is left. */
static enum flow
delete_first(void)
{
	char *nl = memchr(ps.s, '\n', ps.len);

	if (nl == NULL)
		return DELETE;
	buf_set(&ps, nl + 1, ps.len - (size_t)(nl + 1 - ps.s));
	return RESTART;
}

/* The commands that move text between the spaces: g G h H x y. */
static void
hold_cmd(const struct cmd *c)
{
	struct buf t;

	switch (c->name) {
	case 'g': buf_set(&ps, hs.s, hs.len), ps.nl = hs.nl; break;
	case 'G': buf_add(&ps, "\n", 1), buf_add(&ps, hs.s, hs.len), ps.nl = hs.nl; break;
	case 'h': buf_set(&hs, ps.s, ps.len), hs.nl = ps.nl; break;
	case 'H': buf_add(&hs, "\n", 1), buf_add(&hs, ps.s, ps.len), hs.nl = ps.nl; break;
	case 'x': t = ps, ps = hs, hs = t; break;
	case 'y':
		for (size_t i = 0; i < ps.len; i++)
			ps.s[i] = (char)c->map[(unsigned char)ps.s[i]];
		break;
	}
}

/* Run command c (selected); *pc is the next command's index, changed by b and t. */
static enum flow
run_cmd(struct cmd *c, int *pc)
{
	switch (c->name) {
	case 'a': enqueue(c->text, 0); break;
	case 'b': *pc = c->jump; break;
	case 'c':
		if (c->a2.kind == A_NONE || !c->active)
			out_begin(&out_stdout), fputs(c->text, stdout);
		return DELETE;
	case 'd': return DELETE;
	case 'D': return delete_first();
	case 'i': out_begin(&out_stdout), fputs(c->text, stdout); break;
	case 'l': list_space(); break;
	case 'n': return next_line(0);
	case 'N': return next_line(1);
	case 'p': write_space(&out_stdout, 0); break;
	case 'P': write_space(&out_stdout, 1); break;
	case 'q': exit_status = c->status; return QUIT;
	case 'r': enqueue(c->text, 1); break;
	case 's':
		if (!substitute(c))
			break;
		replaced = 1;
		if (c->print)
			write_space(&out_stdout, 0);
		if (c->out != NULL)
			write_space(c->out, 0);
		break;
	case 't': case 'T':
		if (replaced == (c->name == 't'))
			*pc = c->jump;
		replaced = 0;
		break;
	case 'w': write_space(c->out, 0); break;
	case '=': out_begin(&out_stdout), printf("%ld\n", lineno); break;
	default: hold_cmd(c); break;        /* g G h H x y, and { } : which do nothing */
	}
	return GO_ON;
}

/* Run the script on the pattern space. */
static enum flow
run_script(void)
{
	enum flow f;

	for (int pc = 0; pc < ncmds;) {
		struct cmd *c = &cmds[pc++];

		if (selects(c) == c->neg) {
			if (c->name == '{')
				pc = c->jump;
			continue;
		}
		if ((f = run_cmd(c, &pc)) != GO_ON)
			return f;
	}
	return END_CYCLE;
}

/* The cycles, until the input ends or q: 1 if q ended them. */
int
execute(void)
{
	enum flow f = END_CYCLE;

	buf_set(&hs, "", 0);
	hs.nl = 1;
	for (;;) {
		if (f != RESTART) {
			if (input_line(&ps, 0) < 0)
				break;
			replaced = 0;
		}
		f = run_script();
		if ((f == END_CYCLE || f == QUIT) && !opt_n)
			write_space(&out_stdout, 0);
		flush_queue();
		if (f == QUIT)
			return 1;
	}
	return 0;
}
