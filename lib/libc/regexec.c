/*
 * regexec.c - regexec(): run a program compiled by regcomp.c (regex_impl.h) over a string
 * and report the leftmost-longest match (handouts/libc.md, "Regular expressions").
 *
 * A pattern without back-references is matched in two passes, both linear in the string's
 * length times the program's:
 *   1. find_span() simulates the NFA (every thread at once, Thompson's way), each thread
 *      remembering where it started; a thread that reaches an instruction another thread
 *      with an earlier start already holds is dropped.  The result is the leftmost start
 *      and the longest end of a match from there.
 *   2. If the caller wants subexpressions, find_groups() searches depth first, in the
 *      program's order of preference, for the first way through the program that matches
 *      exactly that span; a (instruction, position) pair visited once is never visited
 *      again, so the search is linear too, and an iteration that matched the empty string
 *      cannot loop.
 * A pattern with back-references cannot be simulated that way: backtrack() tries every way
 * from each start in turn, keeping the longest, and gives up with REG_ESPACE after
 * RE_MAX_STEPS instructions.  Pure: the host tests compile this file too.
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "regex_impl.h"

/* The instructions a back-referencing pattern may run in one regexec() (REG_ESPACE after). */
#define RE_MAX_STEPS 4000000L

/* One regexec() call. */
struct re_run {
	const struct re_prog *g;
	const unsigned char *s; /* the subject */
	size_t n;               /* its length */
	int eflags;
	regoff_t *caps;         /* offset slots: 2i, 2i+1 for group i (1..nsub) */
};

/* A job of the depth-first searches: go on at instruction pc, position pos; or put back
 * an offset slot's old value; or take an instruction off the path being tried. */
struct re_job {
	int kind;               /* JOB_RUN, JOB_RESTORE, JOB_UNMARK */
	int a;                  /* JOB_RUN, JOB_UNMARK: pc; JOB_RESTORE: slot */
	regoff_t b;             /* JOB_RUN, JOB_UNMARK: pos; JOB_RESTORE: old value */
};

enum { JOB_RUN, JOB_RESTORE, JOB_UNMARK };

/* A stack of jobs (grows with realloc). */
struct re_stack {
	struct re_job *job;
	size_t n, cap;
};

/* Is position pos the start of a line? */
static int
at_bol(const struct re_run *r, size_t pos)
{
	if (pos == 0)
		return !(r->eflags & REG_NOTBOL);
	return (r->g->cflags & REG_NEWLINE) && r->s[pos - 1] == '\n';
}

/* Is position pos the end of a line? */
static int
at_eol(const struct re_run *r, size_t pos)
{
	if (pos == r->n)
		return !(r->eflags & REG_NOTEOL);
	return (r->g->cflags & REG_NEWLINE) && r->s[pos] == '\n';
}

/* Does consuming instruction in accept character c? */
static int
char_ok(const struct re_run *r, const struct re_inst *in, int c)
{
	switch (in->op) {
	case RI_CHAR: return c == in->x || c == in->y;
	case RI_ANY: return !(in->x && c == '\n');
	case RI_SET: return (r->g->sets[in->x][c / 8] >> (c % 8)) & 1;
	}
	return 0;
}

/* Push a job; 0, or -1 when out of memory. */
static int
push(struct re_stack *st, int kind, int a, regoff_t b)
{
	if (st->n == st->cap) {
		size_t cap = st->cap == 0 ? 64 : 2 * st->cap;
		struct re_job *j = realloc(st->job, cap * sizeof(*j));
		if (j == NULL)
			return -1;
		st->job = j;
		st->cap = cap;
	}
	st->job[st->n++] = (struct re_job){ kind, a, b };
	return 0;
}

/* The threads of one step of find_span(): their instructions and starts. */
struct re_threads {
	int *pc;
	size_t *start;
	int n;
};

/* Add the thread (pc0, start) at position pos to l, following jumps, splits and
 * assertions to the consuming instructions (and RI_MATCH) it reaches; mark[] holds gen for
 * an instruction already in l.  stack has room for 2 * ninst entries. */
static void
add_thread(const struct re_run *r, struct re_threads *l, int *mark, int *stack, int pc0,
	   size_t start, size_t pos, int gen)
{
	int sp = 0, pc;

	stack[sp++] = pc0;
	while (sp > 0) {
		const struct re_inst *in = &r->g->inst[pc = stack[--sp]];
		if (mark[pc] == gen)
			continue;
		mark[pc] = gen;
		switch (in->op) {
		case RI_JMP: stack[sp++] = in->x; break;
		case RI_SPLIT: stack[sp++] = in->y; stack[sp++] = in->x; break;
		case RI_SAVE: case RI_CLEAR: stack[sp++] = pc + 1; break;
		case RI_BOL: if (at_bol(r, pos)) stack[sp++] = pc + 1; break;
		case RI_EOL: if (at_eol(r, pos)) stack[sp++] = pc + 1; break;
		default:
			l->pc[l->n] = pc;
			l->start[l->n++] = start;
		}
	}
}

/* One step of find_span() at position pos: advance the threads of c over s[pos] into nx;
 * note matches in *bs, *be (-1: none yet). */
static void
step_threads(const struct re_run *r, struct re_threads *c, struct re_threads *nx,
	     int *mark, int *stack, size_t pos, int gen, regoff_t *bs, regoff_t *be)
{
	nx->n = 0;
	for (int i = 0; i < c->n; i++) {
		const struct re_inst *in = &r->g->inst[c->pc[i]];
		regoff_t st = (regoff_t)c->start[i];
		if (*bs >= 0 && st > *bs)
			continue;
		if (in->op == RI_MATCH) {
			if (*bs < 0 || st < *bs || (st == *bs && (regoff_t)pos > *be)) {
				*bs = st;
				*be = (regoff_t)pos;
			}
		} else if (pos < r->n && char_ok(r, in, r->s[pos])) {
			add_thread(r, nx, mark, stack, c->pc[i] + 1, c->start[i], pos + 1, gen);
		}
	}
}

/* Pass 1: the leftmost-longest match's span in *bs, *be: 0, REG_NOMATCH or REG_ESPACE. */
static int
find_span(const struct re_run *r, regoff_t *bs, regoff_t *be)
{
	int ni = r->g->ninst, gen = 1, err = REG_ESPACE;
	int *mark = calloc(ni, sizeof(int)), *stack = malloc(2 * ni * sizeof(int));
	struct re_threads t[2] = {
		{ malloc(ni * sizeof(int)), malloc(ni * sizeof(size_t)), 0 },
		{ malloc(ni * sizeof(int)), malloc(ni * sizeof(size_t)), 0 },
	};
	struct re_threads *c = &t[0], *nx = &t[1], *tmp;

	*bs = *be = -1;
	if (mark == NULL || stack == NULL || !t[0].pc || !t[0].start || !t[1].pc || !t[1].start)
		goto out;
	for (size_t pos = 0; pos <= r->n; pos++) {
		if (*bs < 0)
			add_thread(r, c, mark, stack, 0, pos, pos, gen);
		if (c->n == 0 && *bs >= 0)
			break;
		step_threads(r, c, nx, mark, stack, pos, ++gen, bs, be);
		tmp = c;
		c = nx;
		nx = tmp;
	}
	err = *bs >= 0 ? 0 : REG_NOMATCH;
out:
	free(mark);
	free(stack);
	for (int i = 0; i < 2; i++) {
		free(t[i].pc);
		free(t[i].start);
	}
	return err;
}

/* Run instruction pc at *pos for a depth-first search (find_groups, backtrack), with the
 * subject ending at end: the next pc (*pos advanced), -1 on failure, -2 at RI_MATCH.
 * Splits and offset changes push their jobs on st (-3: out of memory). */
static int
dfs_step(const struct re_run *r, struct re_stack *st, int pc, size_t *pos, size_t end)
{
	const struct re_inst *in = &r->g->inst[pc];

	switch (in->op) {
	case RI_CHAR: case RI_ANY: case RI_SET:
		if (*pos >= end || !char_ok(r, in, r->s[*pos]))
			return -1;
		(*pos)++;
		return pc + 1;
	case RI_BOL: return at_bol(r, *pos) ? pc + 1 : -1;
	case RI_EOL: return at_eol(r, *pos) ? pc + 1 : -1;
	case RI_JMP: return in->x;
	case RI_SPLIT: return push(st, JOB_RUN, in->y, (regoff_t)*pos) ? -3 : in->x;
	case RI_SAVE:
		if (push(st, JOB_RESTORE, in->x, r->caps[in->x]))
			return -3;
		r->caps[in->x] = (regoff_t)*pos;
		return pc + 1;
	case RI_CLEAR:
		for (int s = 2 * in->x; s <= 2 * in->y + 1; s++) {
			if (push(st, JOB_RESTORE, s, r->caps[s]))
				return -3;
			r->caps[s] = -1;
		}
		return pc + 1;
	case RI_MATCH: return -2;
	}
	return -1;                      /* RI_BACKREF: backref_step() */
}

/* Is bit i of the bitmap set?  Set it. */
static int
test_and_set(unsigned char *bits, size_t i)
{
	int was = (bits[i / 8] >> (i % 8)) & 1;

	bits[i / 8] |= 1 << (i % 8);
	return was;
}

/* Clear bit i of the bitmap. */
static void
clear_bit(unsigned char *bits, size_t i)
{
	bits[i / 8] &= ~(1 << (i % 8));
}

/* Pass 2: the groups of the first way (in order of preference) to match exactly s..e,
 * into r->caps: 0 or REG_ESPACE. */
static int
find_groups(const struct re_run *r, size_t s, size_t e)
{
	size_t width = e - s + 1;
	unsigned char *seen = calloc((r->g->ninst * width + 7) / 8, 1);
	struct re_stack st = { 0 };
	int err = REG_ESPACE, pc;

	if (seen == NULL || push(&st, JOB_RUN, 0, (regoff_t)s))
		goto out;
	while (st.n > 0) {
		struct re_job j = st.job[--st.n];
		size_t pos = (size_t)j.b;
		if (j.kind == JOB_RESTORE) {
			r->caps[j.a] = j.b;
			continue;
		}
		for (pc = j.a; pc >= 0; pc = dfs_step(r, &st, pc, &pos, e))
			if (test_and_set(seen, (size_t)pc * width + (pos - s)))
				break;
		if (pc == -3)
			goto out;
		if (pc == -2 && pos == e) {
			err = 0;
			goto out;
		}
	}
out:
	free(seen);
	free(st.job);
	return err;
}

/* RI_BACKREF at *pos: the next pc (*pos past the repeated text) or -1. */
static int
backref_step(const struct re_run *r, int pc, size_t *pos)
{
	int g = r->g->inst[pc].x;
	regoff_t so = r->caps[2 * g], eo = r->caps[2 * g + 1];
	size_t len;

	if (so < 0 || eo < so)
		return -1;
	len = (size_t)(eo - so);
	if (len > r->n - *pos)
		return -1;
	for (size_t i = 0; i < len; i++) {
		int a = r->s[so + i], b = r->s[*pos + i];
		if (a != b && !((r->g->cflags & REG_ICASE) && tolower(a) == tolower(b)))
			return -1;
	}
	*pos += len;
	return pc + 1;
}

/* Search the program from start for back-referencing patterns: every way, keeping in
 * best (and *be) the longest match; a split already on the path being tried at the same
 * position ends that path (an empty iteration does not loop).  0 when done, REG_ESPACE. */
static int
backtrack_from(const struct re_run *r, struct re_stack *st, unsigned char *onpath,
	       size_t start, regoff_t *best, regoff_t *be, long *steps)
{
	size_t slots = 2 * (r->g->nsub + 1) * sizeof(regoff_t), w = r->n + 1, pos;
	int pc;

	if (push(st, JOB_RUN, 0, (regoff_t)start))
		return REG_ESPACE;
	while (st->n > 0) {
		struct re_job j = st->job[--st->n];
		if (j.kind == JOB_RESTORE) {
			r->caps[j.a] = j.b;
			continue;
		}
		if (j.kind == JOB_UNMARK) {
			clear_bit(onpath, (size_t)j.a * w + (size_t)j.b);
			continue;
		}
		for (pc = j.a, pos = (size_t)j.b; pc >= 0; ) {
			if (++*steps > RE_MAX_STEPS)
				return REG_ESPACE;
			if (r->g->inst[pc].op == RI_BACKREF) {
				pc = backref_step(r, pc, &pos);
				continue;
			}
			if (r->g->inst[pc].op == RI_SPLIT) {
				if (test_and_set(onpath, (size_t)pc * w + pos))
					break;
				if (push(st, JOB_UNMARK, pc, (regoff_t)pos))
					return REG_ESPACE;
			}
			pc = dfs_step(r, st, pc, &pos, r->n);
		}
		if (pc == -3)
			return REG_ESPACE;
		if (pc == -2 && (regoff_t)pos > *be) {
			*be = (regoff_t)pos;
			memcpy(best, r->caps, slots);
			if (pos == r->n)
				break;
		}
	}
	st->n = 0;
	memset(onpath, 0, (r->g->ninst * w + 7) / 8);
	return 0;
}

/* The leftmost-longest match of a back-referencing pattern: span in *bs, *be and groups
 * in r->caps; 0, REG_NOMATCH or REG_ESPACE. */
static int
backtrack(const struct re_run *r, regoff_t *bs, regoff_t *be)
{
	size_t slots = 2 * (r->g->nsub + 1);
	unsigned char *onpath = calloc((r->g->ninst * (r->n + 1) + 7) / 8, 1);
	regoff_t *best = malloc(slots * sizeof(regoff_t));
	struct re_stack st = { 0 };
	long steps = 0;
	int err = REG_ESPACE;

	*be = -1;
	if (onpath == NULL || best == NULL)
		goto out;
	for (size_t start = 0; start <= r->n; start++) {
		for (size_t i = 0; i < slots; i++)
			r->caps[i] = -1;
		if ((err = backtrack_from(r, &st, onpath, start, best, be, &steps)) != 0)
			goto out;
		if (*be >= 0) {
			*bs = (regoff_t)start;
			memcpy(r->caps, best, slots * sizeof(regoff_t));
			goto out;
		}
	}
	err = REG_NOMATCH;
out:
	free(onpath);
	free(best);
	free(st.job);
	return err;
}

int
regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t pmatch[],
	int eflags)
{
	const struct re_prog *g = preg->re_prog;
	struct re_run r = { g, (const unsigned char *)string, strlen(string), eflags, NULL };
	size_t slots;
	regoff_t bs = -1, be = -1;
	int err;

	if (g == NULL)
		return REG_BADPAT;
	if (g->cflags & REG_NOSUB)
		nmatch = 0;
	slots = 2 * ((size_t)g->nsub + 1);
	if ((r.caps = malloc(slots * sizeof(regoff_t))) == NULL)
		return REG_ESPACE;
	for (size_t i = 0; i < slots; i++)
		r.caps[i] = -1;
	if (g->backrefs)
		err = backtrack(&r, &bs, &be);
	else if ((err = find_span(&r, &bs, &be)) == 0 && nmatch > 1 && g->nsub > 0)
		err = find_groups(&r, (size_t)bs, (size_t)be);
	for (size_t i = 0; err == 0 && i < nmatch; i++) {
		int in = i == 0 || i <= (size_t)g->nsub;
		pmatch[i].rm_so = i == 0 ? bs : in ? r.caps[2 * i] : -1;
		pmatch[i].rm_eo = i == 0 ? be : in ? r.caps[2 * i + 1] : -1;
	}
	free(r.caps);
	return err;
}
