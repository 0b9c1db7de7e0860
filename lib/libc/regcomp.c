/*
 * regcomp.c - regcomp(), regfree(), regerror(): POSIX basic and extended regular
 * expressions (handouts/libc.md, "Regular expressions") parsed into a tree of nodes, then
 * compiled into the instruction program of regex_impl.h that regexec.c runs.
 *
 * The parser is recursive descent: an ERE is branches separated by '|', a branch a
 * sequence of pieces, a piece an atom followed by any number of '*', '+', '?', '{m,n}'.
 * A BRE is a sequence of atoms, each followed by at most one '*' or '\{m,n\}'; '\(' '\)'
 * group, '\1'..'\9' refer back.  Errors follow glibc where POSIX leaves the choice open
 * ("a**" is REG_BADRPT in a BRE, a leading '*' is literal in a BRE and REG_BADRPT in an ERE,
 * an ERE's unmatched ')' is literal).  Pure: the host tests compile this file too.
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "regex_impl.h"

/* Tree node kinds. */
enum { N_EMPTY, N_CHAR, N_ANY, N_SET, N_BOL, N_EOL, N_BACKREF, N_GROUP, N_CAT, N_ALT,
       N_REPEAT };

/* A node of the parsed pattern. */
struct re_node {
	int op;                 /* N_* */
	int x;                  /* N_CHAR: the byte; N_SET: the set; N_GROUP, N_BACKREF: group */
	int min, max;           /* N_REPEAT: the counts (max -1: no limit) */
	int glo, ghi;           /* N_REPEAT: the groups inside the operand (glo > ghi: none) */
	struct re_node *kid;    /* N_GROUP, N_REPEAT: the operand; N_CAT, N_ALT: the first */
	struct re_node *last;   /* N_CAT, N_ALT: the last child */
	struct re_node *next;   /* the next child of the parent N_CAT or N_ALT */
	struct re_node *all;    /* every node, for freeing */
};

/* A group being parsed (on the C stack): a back-reference may not name it. */
struct re_open {
	int n;
	struct re_open *up;
};

/* The parser's state. */
struct re_parse {
	const char *p;          /* the next pattern byte */
	int cflags;
	int err;                /* the first error, or 0 */
	int nsub;               /* groups opened so far */
	struct re_open *open;   /* the groups not yet closed */
	struct re_node *nodes;  /* every node made */
	struct re_prog *prog;   /* sets are added here while parsing */
	int icap;               /* room in prog->inst */
};

static struct re_node *parse_ere(struct re_parse *ps, int depth);
static struct re_node *parse_bre(struct re_parse *ps, int depth);

/* A new node of kind op (NULL, and REG_ESPACE, when out of memory). */
static struct re_node *
new_node(struct re_parse *ps, int op)
{
	struct re_node *n = calloc(1, sizeof(*n));

	if (n == NULL) {
		ps->err = REG_ESPACE;
		return NULL;
	}
	n->op = op;
	n->all = ps->nodes;
	ps->nodes = n;
	return n;
}

/* Append kid to the N_CAT or N_ALT node list. */
static void
add_kid(struct re_node *list, struct re_node *kid)
{
	if (list->kid == NULL)
		list->kid = kid;
	else
		list->last->next = kid;
	list->last = kid;
}

/* Record error e unless an earlier one is there; NULL. */
static struct re_node *
fail(struct re_parse *ps, int e)
{
	if (ps->err == 0)
		ps->err = e;
	return NULL;
}

/* A node of kind op with value x. */
static struct re_node *
leaf(struct re_parse *ps, int op, int x)
{
	struct re_node *n = new_node(ps, op);

	if (n != NULL)
		n->x = x;
	return n;
}

/* Add characters lo..hi to set s. */
static void
set_range(unsigned char *s, int lo, int hi)
{
	for (int c = lo; c <= hi; c++)
		s[c / 8] |= 1 << (c % 8);
}

/* Add the members of character class name (len bytes) to s: 0, or REG_ECTYPE. */
static int
set_class(unsigned char *s, const char *name, size_t len)
{
	static const struct { const char *name; int (*is)(int); } classes[] = {
		{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum },
		{ "upper", isupper }, { "lower", islower }, { "space", isspace },
		{ "blank", isblank }, { "punct", ispunct }, { "print", isprint },
		{ "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) != len || memcmp(classes[i].name, name, len) != 0)
			continue;
		for (int c = 0; c < 128; c++)
			if (classes[i].is(c))
				set_range(s, c, c);
		return 0;
	}
	return REG_ECTYPE;
}

/*
 * One element of a bracket expression at ps->p that can be a range end: a byte, [.c.] or
 * [=c=] (the "C" locale has one-byte collating elements, each its own class).  Its byte,
 * or -1 with ps->err set.
 */
static int
bracket_elem(struct re_parse *ps)
{
	const char *p = ps->p;
	const char *end;
	char kind;

	if (p[0] != '[' || (p[1] != '.' && p[1] != '=')) {
		ps->p++;
		return (unsigned char)p[0];
	}
	kind = p[1];
	for (end = p + 2; *end != '\0' && !(end[0] == kind && end[1] == ']'); end++)
		;
	if (*end == '\0') {
		fail(ps, REG_EBRACK);
		return -1;
	}
	if (end - (p + 2) != 1) {
		fail(ps, REG_ECOLLATE);
		return -1;
	}
	ps->p = end + 2;
	return (unsigned char)p[2];
}

/* [:name:] at ps->p: add the class to s; 0 or an error. */
static int
bracket_class(struct re_parse *ps, unsigned char *s)
{
	const char *name = ps->p + 2, *end = name;

	while (*end != '\0' && !(end[0] == ':' && end[1] == ']'))
		end++;
	if (*end == '\0')
		return REG_EBRACK;
	ps->p = end + 2;
	if (set_class(s, name, end - name) != 0)
		return REG_ECTYPE;
	if (ps->p[0] == '-' && ps->p[1] != ']')
		return REG_ERANGE;
	return 0;
}

/* Finish set s: both cases with REG_ICASE, complemented if neg (never '\n' with
 * REG_NEWLINE). */
static void
set_finish(struct re_parse *ps, unsigned char *s, int neg)
{
	if (ps->cflags & REG_ICASE)
		for (int c = 0; c < 256; c++)
			if (s[c / 8] & (1 << (c % 8))) {
				set_range(s, tolower(c), tolower(c));
				set_range(s, toupper(c), toupper(c));
			}
	if (!neg)
		return;
	for (int i = 0; i < 32; i++)
		s[i] = ~s[i];
	if (ps->cflags & REG_NEWLINE)
		s['\n' / 8] &= ~(1 << ('\n' % 8));
	s[0] &= ~1;             /* NUL ends the subject */
}

/* A new, empty set in the program: its index, or -1 (REG_ESPACE). */
static int
new_set(struct re_parse *ps)
{
	struct re_prog *g = ps->prog;
	unsigned char (*sets)[32] = realloc(g->sets, (g->nsets + 1) * sizeof(*sets));

	if (sets == NULL) {
		fail(ps, REG_ESPACE);
		return -1;
	}
	g->sets = sets;
	memset(sets[g->nsets], 0, 32);
	return g->nsets++;
}

/* The bracket expression after '[' at ps->p: an N_SET node. */
static struct re_node *
parse_bracket(struct re_parse *ps)
{
	int idx = new_set(ps), neg = 0, lo, hi;
	unsigned char *s;

	if (idx < 0)
		return NULL;
	s = ps->prog->sets[idx];
	if (*ps->p == '^') {
		neg = 1;
		ps->p++;
	}
	for (int first = 1; first || *ps->p != ']'; first = 0) {
		if (*ps->p == '\0')
			return fail(ps, REG_EBRACK);
		if (ps->p[0] == '[' && ps->p[1] == ':') {
			int e = bracket_class(ps, s);
			if (e != 0)
				return fail(ps, e);
			continue;
		}
		if ((lo = bracket_elem(ps)) < 0)
			return NULL;
		hi = lo;
		if (ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
			ps->p++;
			if (ps->p[0] == '[' && ps->p[1] == ':')
				return fail(ps, REG_ERANGE);
			if ((hi = bracket_elem(ps)) < 0)
				return NULL;
			if (hi < lo || (ps->p[0] == '-' && ps->p[1] != ']'))
				return fail(ps, REG_ERANGE);
		}
		set_range(s, lo, hi);
	}
	ps->p++;
	set_finish(ps, s, neg);
	return leaf(ps, N_SET, idx);
}

/* A decimal count at ps->p (at most RE_DUP_MAX + 1), or -1 if there is no digit. */
static int
parse_count(struct re_parse *ps)
{
	int n = -1;

	while (isdigit((unsigned char)*ps->p)) {
		n = (n < 0 ? 0 : n) * 10 + (*ps->p++ - '0');
		if (n > RE_DUP_MAX)
			n = RE_DUP_MAX + 1;
	}
	return n;
}

/* The interval after '{' (or "\{"): fill min, max; 0 or an error.  "{m}", "{m,}",
 * "{m,n}", "{,n}" (0 to n, as glibc) up to RE_DUP_MAX; no closing brace is REG_EBRACE,
 * anything else wrong REG_BADBR. */
static int
parse_interval(struct re_parse *ps, int *min, int *max)
{
	const char *close = ps->cflags & REG_EXTENDED ? "}" : "\\}";

	if (strstr(ps->p, close) == NULL)
		return REG_EBRACE;
	*min = parse_count(ps);
	*max = *min;
	if (*ps->p == ',') {
		ps->p++;
		*max = parse_count(ps);
		if (*min < 0)
			*min = 0;
	} else if (*min < 0) {
		return REG_BADBR;
	}
	if (strncmp(ps->p, close, strlen(close)) != 0)
		return REG_BADBR;
	ps->p += strlen(close);
	if (*min > RE_DUP_MAX || *max > RE_DUP_MAX || (*max >= 0 && *max < *min))
		return REG_BADBR;
	return 0;
}

/* Wrap atom (whose groups are glo..ghi) in an N_REPEAT node min..max. */
static struct re_node *
repeat(struct re_parse *ps, struct re_node *atom, int min, int max, int glo, int ghi)
{
	struct re_node *n = new_node(ps, N_REPEAT);

	if (n == NULL)
		return NULL;
	n->kid = atom;
	n->min = min;
	n->max = max;
	n->glo = glo;
	n->ghi = ghi;
	return n;
}

/* "\d" at ps->p (d a digit 1-9): a back-reference to a closed group. */
static struct re_node *
parse_backref(struct re_parse *ps)
{
	int n = ps->p[1] - '0';

	ps->p += 2;
	if (n > ps->nsub)
		return fail(ps, REG_ESUBREG);
	for (struct re_open *o = ps->open; o != NULL; o = o->up)
		if (o->n == n)
			return fail(ps, REG_ESUBREG);
	return leaf(ps, N_BACKREF, n);
}

/* A group: ps->p is just after its opening; parse the inside and the closing. */
static struct re_node *
parse_group(struct re_parse *ps, int depth)
{
	struct re_open me = { ++ps->nsub, ps->open };
	struct re_node *g = leaf(ps, N_GROUP, me.n), *in;
	int ere = ps->cflags & REG_EXTENDED;

	ps->open = &me;
	in = ere ? parse_ere(ps, depth + 1) : parse_bre(ps, depth + 1);
	ps->open = me.up;
	if (g == NULL || in == NULL)
		return NULL;
	g->kid = in;
	if (ere ? *ps->p != ')' : strncmp(ps->p, "\\)", 2) != 0)
		return fail(ps, REG_EPAREN);
	ps->p += ere ? 1 : 2;
	return g;
}

/* An escape "\c" at ps->p outside brackets, that is neither a group nor an interval. */
static struct re_node *
parse_escape(struct re_parse *ps)
{
	if (ps->p[1] == '\0')
		return fail(ps, REG_EESCAPE);
	if (ps->p[1] >= '1' && ps->p[1] <= '9')
		return parse_backref(ps);
	ps->p += 2;
	return leaf(ps, N_CHAR, (unsigned char)ps->p[-1]);
}

/* An ERE atom at ps->p. */
static struct re_node *
ere_atom(struct re_parse *ps, int depth)
{
	char c = *ps->p;

	switch (c) {
	case '(':
		ps->p++;
		return parse_group(ps, depth);
	case '*': case '+': case '?': case '{':
		return fail(ps, REG_BADRPT);
	case '\\':
		return parse_escape(ps);
	case '[':
		ps->p++;
		return parse_bracket(ps);
	}
	ps->p++;
	if (c == '.')
		return leaf(ps, N_ANY, 0);
	if (c == '^' || c == '$')
		return leaf(ps, c == '^' ? N_BOL : N_EOL, 0);
	return leaf(ps, N_CHAR, (unsigned char)c);
}

/* An ERE piece: an atom and its repetitions. */
static struct re_node *
ere_piece(struct re_parse *ps, int depth)
{
	int g0 = ps->nsub, min, max, e;
	struct re_node *atom = ere_atom(ps, depth);

	while (atom != NULL && strchr("*+?{", *ps->p) != NULL && *ps->p != '\0') {
		if (atom->op == N_BOL || atom->op == N_EOL)
			return fail(ps, REG_BADRPT);
		switch (*ps->p++) {
		case '*': min = 0; max = -1; break;
		case '+': min = 1; max = -1; break;
		case '?': min = 0; max = 1; break;
		default:
			if ((e = parse_interval(ps, &min, &max)) != 0)
				return fail(ps, e);
		}
		atom = repeat(ps, atom, min, max, g0 + 1, ps->nsub);
	}
	return atom;
}

/* An ERE (or the inside of a group at depth > 0): branches separated by '|'.  It ends at
 * the end of the pattern or, inside a group, at ')'. */
static struct re_node *
parse_ere(struct re_parse *ps, int depth)
{
	struct re_node *alt = new_node(ps, N_ALT), *cat = NULL, *piece;

	while (alt != NULL && ps->err == 0) {
		if (cat == NULL && (cat = new_node(ps, N_CAT)) == NULL)
			return NULL;
		if (*ps->p == '\0' || (*ps->p == ')' && depth > 0))
			break;
		if (*ps->p == '|') {
			ps->p++;
			add_kid(alt, cat);
			cat = NULL;
			continue;
		}
		if ((piece = ere_piece(ps, depth)) == NULL)
			return NULL;
		add_kid(cat, piece);
	}
	if (ps->err != 0)
		return NULL;
	add_kid(alt, cat);
	return alt;
}

/* A BRE atom at ps->p (not '*' or "\{", which the caller handles). */
static struct re_node *
bre_atom(struct re_parse *ps, int depth)
{
	char c = *ps->p;

	if (c == '\\' && ps->p[1] == '(') {
		ps->p += 2;
		return parse_group(ps, depth);
	}
	if (c == '\\' && ps->p[1] == ')')
		return fail(ps, REG_EPAREN);
	if (c == '\\')
		return parse_escape(ps);
	ps->p++;
	if (c == '[')
		return parse_bracket(ps);
	if (c == '.')
		return leaf(ps, N_ANY, 0);
	return leaf(ps, N_CHAR, (unsigned char)c);
}

/* Is ps->p at the end of a BRE (or of the group being parsed at depth > 0)? */
static int
bre_end(const char *p, int depth)
{
	return *p == '\0' || (depth > 0 && p[0] == '\\' && p[1] == ')');
}

/* A BRE atom and its repetition ('*' or "\{m,n\}"; a second one is REG_BADRPT). */
static struct re_node *
bre_piece(struct re_parse *ps, int depth, int first)
{
	int g0 = ps->nsub, min, max = -1, e;
	struct re_node *atom;

	if (*ps->p == '$' && bre_end(ps->p + 1, depth)) {
		ps->p++;
		return leaf(ps, N_EOL, 0);
	}
	if (first && *ps->p == '*') {
		ps->p++;
		return leaf(ps, N_CHAR, '*');
	}
	if (strncmp(ps->p, "\\{", 2) == 0)
		return fail(ps, REG_BADRPT);
	if ((atom = bre_atom(ps, depth)) == NULL)
		return NULL;
	if (*ps->p == '*') {
		ps->p++;
		min = 0;
	} else if (strncmp(ps->p, "\\{", 2) == 0) {
		ps->p += 2;
		if ((e = parse_interval(ps, &min, &max)) != 0)
			return fail(ps, e);
	} else {
		return atom;
	}
	if (*ps->p == '*' || strncmp(ps->p, "\\{", 2) == 0)
		return fail(ps, REG_BADRPT);
	return repeat(ps, atom, min, max, g0 + 1, ps->nsub);
}

/* A BRE (or the inside of a "\( \)" group at depth > 0): a leading '^' anchors, a '$'
 * before the end anchors, '*' first is literal. */
static struct re_node *
parse_bre(struct re_parse *ps, int depth)
{
	struct re_node *cat = new_node(ps, N_CAT), *piece;
	int first = 1;

	if (cat != NULL && *ps->p == '^') {
		ps->p++;
		if ((piece = leaf(ps, N_BOL, 0)) == NULL)
			return NULL;
		add_kid(cat, piece);
	}
	while (cat != NULL && !bre_end(ps->p, depth)) {
		if ((piece = bre_piece(ps, depth, first)) == NULL)
			return NULL;
		add_kid(cat, piece);
		first = 0;
	}
	return ps->err != 0 ? NULL : cat;
}

/* Append instruction op x y to the program: its index, or -1 (REG_ESPACE). */
static int
emit(struct re_parse *ps, int op, int x, int y)
{
	struct re_prog *g = ps->prog;

	if (ps->err != 0)
		return -1;
	if (g->ninst >= RE_MAX_INST) {
		fail(ps, REG_ESPACE);
		return -1;
	}
	if (g->ninst == ps->icap) {
		int cap = ps->icap == 0 ? 16 : 2 * ps->icap;
		struct re_inst *in = realloc(g->inst, cap * sizeof(*in));
		if (in == NULL) {
			fail(ps, REG_ESPACE);
			return -1;
		}
		g->inst = in;
		ps->icap = cap;
	}
	g->inst[g->ninst] = (struct re_inst){ op, x, y };
	return g->ninst++;
}

/* The other case of letter c under REG_ICASE, else c. */
static int
other_case(struct re_parse *ps, int c)
{
	if (!(ps->cflags & REG_ICASE))
		return c;
	return isupper(c) ? tolower(c) : toupper(c);
}

static void gen(struct re_parse *ps, struct re_node *n);

/* Set the y (or, for RI_JMP, x) target of the jumps list[0..n-1] to the next instruction. */
static void
patch(struct re_parse *ps, const int *list, int n)
{
	for (int i = 0; i < n && ps->err == 0; i++) {
		struct re_inst *in = &ps->prog->inst[list[i]];
		if (in->op == RI_JMP)
			in->x = ps->prog->ninst;
		else
			in->y = ps->prog->ninst;
	}
}

/* Code for the alternation n: SPLIT to each branch but the last, each ending in a JMP
 * past the others. */
static void
gen_alt(struct re_parse *ps, struct re_node *n)
{
	int nk = 0, *jmps, split;

	for (struct re_node *k = n->kid; k != NULL; k = k->next)
		nk++;
	if ((jmps = malloc(nk * sizeof(int))) == NULL) {
		fail(ps, REG_ESPACE);
		return;
	}
	nk = 0;
	for (struct re_node *k = n->kid; k != NULL && ps->err == 0; k = k->next) {
		if (k->next == NULL) {
			gen(ps, k);
			break;
		}
		split = emit(ps, RI_SPLIT, ps->prog->ninst + 1, 0);
		gen(ps, k);
		jmps[nk++] = emit(ps, RI_JMP, 0, 0);
		if (split >= 0)
			patch(ps, &split, 1);
	}
	patch(ps, jmps, nk);
	free(jmps);
}

/* One iteration of repetition n: its groups cleared first if it can repeat, so that a
 * group reports only what it matched in the last iteration. */
static void
gen_iteration(struct re_parse *ps, struct re_node *n)
{
	if (n->glo <= n->ghi && n->max != 1)
		emit(ps, RI_CLEAR, n->glo, n->ghi);
	gen(ps, n->kid);
}

/* Code for repetition n: min copies, then either a loop (x+: body; SPLIT body, out) or
 * max - min optional copies, each skipping to the end. */
static void
gen_repeat(struct re_parse *ps, struct re_node *n)
{
	int fixed = n->max < 0 && n->min > 0 ? n->min - 1 : n->min;
	int i, body, split, *skips;

	for (i = 0; i < fixed && ps->err == 0; i++)
		gen_iteration(ps, n);
	if (n->max < 0) {
		split = n->min == 0 ? emit(ps, RI_SPLIT, ps->prog->ninst + 1, 0) : -1;
		body = ps->prog->ninst;
		gen_iteration(ps, n);
		emit(ps, RI_SPLIT, body, ps->prog->ninst + 1);
		if (split >= 0)
			patch(ps, &split, 1);
		return;
	}
	if ((skips = malloc((n->max - n->min + 1) * sizeof(int))) == NULL) {
		fail(ps, REG_ESPACE);
		return;
	}
	for (i = 0; i < n->max - n->min && ps->err == 0; i++) {
		skips[i] = emit(ps, RI_SPLIT, ps->prog->ninst + 1, 0);
		gen_iteration(ps, n);
	}
	patch(ps, skips, i);
	free(skips);
}

/* Append the code of node n. */
static void
gen(struct re_parse *ps, struct re_node *n)
{
	if (ps->err != 0)
		return;
	switch (n->op) {
	case N_CHAR: emit(ps, RI_CHAR, n->x, other_case(ps, n->x)); break;
	case N_ANY: emit(ps, RI_ANY, (ps->cflags & REG_NEWLINE) != 0, 0); break;
	case N_SET: emit(ps, RI_SET, n->x, 0); break;
	case N_BOL: emit(ps, RI_BOL, 0, 0); break;
	case N_EOL: emit(ps, RI_EOL, 0, 0); break;
	case N_BACKREF:
		ps->prog->backrefs = 1;
		emit(ps, RI_BACKREF, n->x, 0);
		break;
	case N_GROUP:
		emit(ps, RI_SAVE, 2 * n->x, 0);
		gen(ps, n->kid);
		emit(ps, RI_SAVE, 2 * n->x + 1, 0);
		break;
	case N_CAT:
		for (struct re_node *k = n->kid; k != NULL; k = k->next)
			gen(ps, k);
		break;
	case N_ALT: gen_alt(ps, n); break;
	case N_REPEAT: gen_repeat(ps, n); break;
	}
}

/* Free the program g. */
static void
free_prog(struct re_prog *g)
{
	if (g == NULL)
		return;
	free(g->inst);
	free(g->sets);
	free(g);
}

int
regcomp(regex_t *preg, const char *pattern, int cflags)
{
	struct re_parse ps = { .p = pattern, .cflags = cflags };
	struct re_node *root;

	if ((ps.prog = calloc(1, sizeof(*ps.prog))) == NULL)
		return REG_ESPACE;
	root = cflags & REG_EXTENDED ? parse_ere(&ps, 0) : parse_bre(&ps, 0);
	if (root != NULL) {
		gen(&ps, root);
		emit(&ps, RI_MATCH, 0, 0);
	} else if (ps.err == 0) {
		ps.err = REG_BADPAT;
	}
	while (ps.nodes != NULL) {
		struct re_node *n = ps.nodes;
		ps.nodes = n->all;
		free(n);
	}
	if (ps.err != 0) {
		free_prog(ps.prog);
		return ps.err;
	}
	ps.prog->nsub = ps.nsub;
	ps.prog->cflags = cflags;
	preg->re_nsub = ps.nsub;
	preg->re_prog = ps.prog;
	return 0;
}

void
regfree(regex_t *preg)
{
	free_prog(preg->re_prog);
	preg->re_prog = NULL;
}

size_t
regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size)
{
	static const char *const msg[] = {
		"Success", "No match", "Invalid regular expression",
		"Invalid collating element", "Invalid character class name",
		"Trailing backslash", "Invalid back reference", "Unmatched [ or [^",
		"Unmatched ( or \\(", "Unmatched \\{", "Invalid content of \\{\\}",
		"Invalid range end", "Out of memory or too many steps",
		"Invalid preceding regular expression",
	};
	const char *m = errcode >= 0 && errcode < (int)(sizeof(msg) / sizeof(msg[0])) ?
		msg[errcode] : "Unknown error";
	size_t len = strlen(m);

	(void)preg;
	if (errbuf_size > 0) {
		size_t n = len < errbuf_size - 1 ? len : errbuf_size - 1;
		memcpy(errbuf, m, n);
		errbuf[n] = '\0';
	}
	return len + 1;
}
