/*
 * builtin.c - awk's built-in functions, printf formatting and the regular expression cache.
 *
 * call_builtin() runs one N_BUILTIN node: length substr index split sub gsub match sprintf
 * sin cos atan2 exp log sqrt int rand srand tolower toupper system close fflush.
 * format() implements printf and sprintf: each conversion (%c %d %i %o %x %X %u %e %E %f
 * %F %g %G %a %A %s %%, flags "-+ #0", width and precision as numbers or "*") is handed to
 * the C library's snprintf with the argument converted to the type it wants (integers
 * as long long).  Regular expressions are POSIX extended ones (<regex.h>, REG_EXTENDED);
 * re_compile() keeps every compiled expression by its text, so a dynamic regex ("$1 ~ x")
 * is compiled once.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include "awk.h"

static const char *const names[] = {
	"length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "sin",
	"cos", "atan2", "exp", "log", "sqrt", "int", "rand", "srand", "tolower", "toupper",
	"system", "close", "fflush",
};

int
builtin_lookup(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/* ---- regular expressions ------------------------------------------------------------------ */

struct recache {
	char *src;
	regex_t re;
	struct recache *next;
};
static struct recache *recache[64];

regex_t *
re_compile(const char *s)
{
	unsigned h = 0;
	const char *p;
	struct recache *e;
	int r;
	for (p = s; *p; p++)
		h = h * 31 + (unsigned char)*p;
	for (e = recache[h % 64]; e; e = e->next)
		if (strcmp(e->src, s) == 0)
			return &e->re;
	e = xmalloc(sizeof *e);
	r = regcomp(&e->re, s, REG_EXTENDED);
	if (r != 0) {
		char msg[128];
		regerror(r, &e->re, msg, sizeof msg);
		awk_error("bad regular expression /%s/: %s", s, msg);
	}
	e->src = xstrdup(s);
	e->next = recache[h % 64];
	recache[h % 64] = e;
	return &e->re;
}

/* The regular expression of n: a literal's, or n's string value compiled. */
regex_t *
re_of(Node *n)
{
	regex_t *re;
	char *s;
	if (n->type == N_REGEX)
		return n->re;
	s = eval_str(n);
	re = re_compile(s);
	free(s);
	return re;
}

/* Whether re matches in s; the match's offsets in *so, *eo (if not NULL). */
int
re_match(regex_t *re, const char *s, int eflags, size_t *so, size_t *eo)
{
	regmatch_t m[1];
	if (regexec(re, s, 1, m, eflags) != 0)
		return 0;
	if (so) {
		*so = (size_t)m[0].rm_so;
		*eo = (size_t)m[0].rm_eo;
	}
	return 1;
}

/* ---- printf ------------------------------------------------------------------------------- */

static void
append_fmt(Buf *b, const char *spec, ...)
{
	char small[256];
	va_list ap, ap2;
	int n;
	va_start(ap, spec);
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, spec, ap);
	if (n < 0)
		awk_error("bad printf format %s", spec);
	if ((size_t)n < sizeof small)
		buf_add(b, small, (size_t)n);
	else {
		char *big = xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, spec, ap2);
		buf_add(b, big, (size_t)n);
		free(big);
	}
	va_end(ap2);
	va_end(ap);
}

static long long
to_ll(double d)
{
	if (d >= 9.2e18)
		return LLONG_MAX;
	if (d <= -9.2e18)
		return LLONG_MIN;
	return (long long)d;
}

/* printf's arguments: expressions still to evaluate, or one number (format_number). */
struct args {
	Node *nodes;
	const Cell *num;
};

/* The next printf argument (an uninitialized value past the last). */
static Cell
next_arg(struct args *args)
{
	Cell c = { C_UNINIT, 0, NULL };
	if (args->nodes) {
		c = eval(args->nodes);
		args->nodes = args->nodes->next;
	} else if (args->num) {
		c = *args->num;
		args->num = NULL;
	}
	return c;
}

/* One conversion: spec is "%" flags width precision (already with numbers for "*"). */
static void
convert(Buf *b, char *spec, size_t sl, int conv, Cell *arg)
{
	double d = cell_getnum(arg);
	switch (conv) {
	case 'd': case 'i':
		if (isnan(d) || isinf(d)) {
			strcpy(spec + sl, "f");
			return append_fmt(b, spec, d);
		}
		strcpy(spec + sl, "lld");
		return append_fmt(b, spec, to_ll(d));
	case 'o': case 'x': case 'X': case 'u':
		sprintf(spec + sl, "ll%c", conv);
		return append_fmt(b, spec, (unsigned long long)to_ll(d));
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
		sprintf(spec + sl, "%c", conv);
		return append_fmt(b, spec, d);
	case 'c':
		strcpy(spec + sl, "c");
		if (arg->type == C_NUM)
			return append_fmt(b, spec, (int)(unsigned char)to_ll(d));
		if (!cell_getstr(arg)[0]) {
			strcpy(spec + sl, "s");
			return append_fmt(b, spec, "");
		}
		return append_fmt(b, spec, (unsigned char)cell_getstr(arg)[0]);
	default:
		strcpy(spec + sl, "s");
		return append_fmt(b, spec, cell_getstr(arg));
	}
}

/* A "*" width or precision: the next argument's value, written into spec. */
static size_t
star(char *spec, size_t sl, struct args *args)
{
	Cell c = next_arg(args);
	sl += (size_t)sprintf(spec + sl, "%d", (int)cell_getnum(&c));
	cell_free(&c);
	return sl;
}

/* Parse one conversion at fmt (just after '%') and emit it; the characters used. */
static size_t
conversion(Buf *b, const char *fmt, struct args *args)
{
	char spec[64];
	size_t sl = 1, i = 0;
	Cell arg;
	spec[0] = '%';
	while (fmt[i] && strchr("-+ #0", fmt[i]) && sl < 10)
		spec[sl++] = fmt[i++];
	if (fmt[i] == '*')
		sl = star(spec, sl, args), i++;
	while (isdigit((unsigned char)fmt[i]) && sl < 30)
		spec[sl++] = fmt[i++];
	if (fmt[i] == '.') {
		spec[sl++] = fmt[i++];
		if (fmt[i] == '*')
			sl = star(spec, sl, args), i++;
		while (isdigit((unsigned char)fmt[i]) && sl < 50)
			spec[sl++] = fmt[i++];
	}
	if (!fmt[i] || !strchr("cdiouxXeEfFgGaAs", fmt[i])) {
		buf_add(b, fmt - 1, i + 1);    /* not a conversion: copied as it is */
		return i;
	}
	arg = next_arg(args);
	convert(b, spec, sl, fmt[i], &arg);
	cell_free(&arg);
	return i + 1;
}

/* The output of format fmt for args (malloc'd; its length in *len). */
static char *
format_args(const char *fmt, struct args *args, size_t *len)
{
	Buf b = { 0 };
	buf_add(&b, "", 0);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			buf_adds(&b, fmt);
			break;
		}
		buf_add(&b, fmt, (size_t)(pct - fmt));
		if (pct[1] == '%') {
			buf_addc(&b, '%');
			fmt = pct + 2;
			continue;
		}
		fmt = pct + 1;
		fmt += conversion(&b, fmt, args);
	}
	*len = b.len;
	return buf_take(&b);
}

/* printf's output for format fmt and the argument list nodes (malloc'd; length *len). */
char *
format(const char *fmt, Node *nodes, size_t *len)
{
	struct args args = { nodes, NULL };
	return format_args(fmt, &args, len);
}

/* A number formatted by CONVFMT or OFMT, which may hold any conversion ("%d" too; "%s"
 * gives the number by "%.6g").  The argument's string is freed when it is used. */
char *
format_number(const char *fmt, double d)
{
	char buf[64];
	Cell c = cell_num(d);
	struct args args = { NULL, &c };
	snprintf(buf, sizeof buf, "%.6g", d);
	c.str = xstrdup(buf);
	size_t len;
	return format_args(fmt, &args, &len);
}

/* ---- the string functions ----------------------------------------------------------------- */

static int
nargs(Node *n)
{
	int k = 0;
	for (n = n->a[0]; n; n = n->next)
		k++;
	return k;
}

static Node *
arg(Node *n, int i)
{
	Node *a = n->a[0];
	while (i-- > 0)
		a = a->next;
	return a;
}

static double
round_half(double d)
{
	return d < 0 ? ceil(d - 0.5) : floor(d + 0.5);
}

static Cell
do_substr(Node *n)
{
	char *s = eval_str(arg(n, 0));
	double len = (double)strlen(s), m = round_half(eval_num(arg(n, 1)));
	double end = nargs(n) > 2 ? m + round_half(eval_num(arg(n, 2))) : len + 1;
	Cell r;
	if (isnan(m) || isnan(end))
		m = end = 1;
	if (m < 1)
		m = 1;
	if (end > len + 1)
		end = len + 1;
	r = end <= m ? cell_str("") : cell_strn(s + (size_t)m - 1, (size_t)(end - m));
	free(s);
	return r;
}

static Cell
do_index(Node *n)
{
	char *s = eval_str(arg(n, 0)), *t = eval_str(arg(n, 1));
	char *p = strstr(s, t);
	Cell r = cell_num(p ? (double)(p - s + 1) : 0);
	free(s);
	free(t);
	return r;
}

static Cell
do_length(Node *n)
{
	Node *a = n->a[0];
	char *s;
	size_t len;
	if (!a)
		return cell_num((double)strlen(cell_getstr(record())));
	if (a->type == N_VAR || a->type == N_LOCAL) {
		Var *v = node_var(a);
		while (v->ref && v->kind != K_SCALAR)
			v = v->ref;
		if (v->kind == K_ARRAY)
			return cell_num((double)v->arr->count);
	}
	s = eval_str(a);
	len = strlen(s);
	free(s);
	return cell_num((double)len);
}

static Cell
do_split(Node *n)
{
	char *s = eval_str(arg(n, 0)), *fs;
	Node *fsn = nargs(n) > 2 ? arg(n, 2) : NULL;
	Array *a = node_array(arg(n, 1));
	size_t count;
	if (!fsn)
		fs = xstrdup(cell_getstr(var_scalar(v_FS)));
	else
		fs = fsn->type == N_REGEX ? xstrdup(fsn->str) : eval_str(fsn);
	count = split_into(s, a, fs, fsn && fsn->type == N_REGEX);
	free(s);
	free(fs);
	return cell_num((double)count);
}

/* The replacement text of sub/gsub for a match m of length ml: & is the match, \& a
 * literal &, \\ a backslash. */
static void
add_replacement(Buf *b, const char *repl, const char *m, size_t ml)
{
	for (; *repl; repl++) {
		if (*repl == '\\' && (repl[1] == '&' || repl[1] == '\\'))
			buf_addc(b, *++repl);
		else if (*repl == '&')
			buf_add(b, m, ml);
		else
			buf_addc(b, *repl);
	}
}

/* Substitute re in s by repl (all matches if global): the count, the result in *out. */
static int
substitute(regex_t *re, const char *repl, const char *s, int global, char **out)
{
	Buf b = { 0 };
	size_t pos = 0, len = strlen(s), so, eo, last_end = (size_t)-1;
	int count = 0;
	buf_add(&b, "", 0);
	while (pos <= len && re_match(re, s + pos, pos ? REG_NOTBOL : 0, &so, &eo)) {
		so += pos, eo += pos;
		if (so == eo && so == last_end) {      /* empty match right after a match */
			if (so >= len)
				break;
			buf_addc(&b, s[so]);
			pos = so + 1;
			continue;
		}
		buf_add(&b, s + pos, so - pos);
		add_replacement(&b, repl, s + so, eo - so);
		count++;
		last_end = eo;
		pos = eo;
		if (so == eo) {
			if (so < len)
				buf_addc(&b, s[so]);
			pos = so + 1;
		}
		if (!global)
			break;
	}
	if (pos <= len)
		buf_adds(&b, s + pos);
	*out = buf_take(&b);
	return count;
}

static Cell
do_sub(Node *n, int global)
{
	regex_t *re = re_of(arg(n, 0));
	char *repl = eval_str(arg(n, 1)), *s, *out;
	Node *target = nargs(n) > 2 ? arg(n, 2) : NULL;
	int count;
	s = target ? eval_str(target) : xstrdup(cell_getstr(record()));
	count = substitute(re, repl, s, global, &out);
	if (count > 0 && (!target || target->type == N_VAR || target->type == N_LOCAL ||
			  target->type == N_INDEX || target->type == N_FIELD)) {
		if (target)
			assign_lvalue(target, cell_take(out));
		else
			set_record(out, strlen(out)), free(out);
	} else
		free(out);
	free(s);
	free(repl);
	return cell_num(count);
}

static Cell
do_match(Node *n)
{
	char *s = eval_str(arg(n, 0));
	regex_t *re = re_of(arg(n, 1));
	size_t so, eo;
	double start = 0, len = -1;
	if (re_match(re, s, 0, &so, &eo)) {
		start = (double)so + 1;
		len = (double)(eo - so);
	}
	free(s);
	var_setnum(v_RSTART, start);
	var_setnum(v_RLENGTH, len);
	return cell_num(start);
}

static Cell
do_case(Node *n, int upper)
{
	char *s = eval_str(arg(n, 0)), *p;
	for (p = s; *p; p++)
		*p = (char)(upper ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
	return cell_take(s);
}

static Cell
do_sprintf(Node *n)
{
	char *fmt = eval_str(arg(n, 0)), *s;
	size_t len;
	s = format(fmt, arg(n, 0)->next, &len);
	free(fmt);
	return cell_take(s);
}

/* ---- numbers and the system ---------------------------------------------------------------- */

static double seed;

static Cell
do_srand(Node *n)
{
	double prev = seed;
	seed = nargs(n) ? eval_num(arg(n, 0)) : (double)time(NULL);
	srand((unsigned)(long long)seed);
	return cell_num(prev);
}

static Cell
do_system(Node *n)
{
	char *cmd = eval_str(arg(n, 0));
	int st;
	streams_flush(NULL);
	st = system(cmd);
	free(cmd);
	if (st == -1)
		return cell_num(-1);
	return cell_num(WIFEXITED(st) ? WEXITSTATUS(st) : 256 + WTERMSIG(st));
}

static Cell
do_close(Node *n)
{
	char *name = eval_str(arg(n, 0));
	int r = stream_close(name);
	free(name);
	return cell_num(r);
}

static Cell
do_fflush(Node *n)
{
	char *name;
	int r;
	if (!nargs(n))
		return cell_num(streams_flush(NULL));
	name = eval_str(arg(n, 0));
	r = streams_flush(name);
	free(name);
	return cell_num(r);
}

static Cell
do_math(Node *n)
{
	double x = eval_num(arg(n, 0)), ip;
	switch (n->op) {
	case B_SIN: return cell_num(sin(x));
	case B_COS: return cell_num(cos(x));
	case B_ATAN2: return cell_num(atan2(x, eval_num(arg(n, 1))));
	case B_EXP: return cell_num(exp(x));
	case B_LOG: return cell_num(log(x));
	case B_SQRT: return cell_num(sqrt(x));
	default:
		modf(x, &ip);
		return cell_num(ip);
	}
}

/* The fewest and most arguments of each built-in, in names[] order. */
static const unsigned char min_args[] = { 0, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 0,
	0, 1, 1, 1, 1, 0 };
static const unsigned char max_args[] = { 1, 3, 2, 3, 3, 3, 2, 255, 1, 1, 2, 1, 1, 1, 1,
	0, 1, 1, 1, 1, 1, 1 };

Cell
call_builtin(Node *n)
{
	int k = nargs(n);
	if (k < min_args[n->op] || k > max_args[n->op])
		awk_error("%s: wrong number of arguments (%d)", names[n->op], k);
	switch (n->op) {
	case B_LENGTH: return do_length(n);
	case B_SUBSTR: return do_substr(n);
	case B_INDEX: return do_index(n);
	case B_SPLIT: return do_split(n);
	case B_SUB: case B_GSUB: return do_sub(n, n->op == B_GSUB);
	case B_MATCH: return do_match(n);
	case B_SPRINTF: return do_sprintf(n);
	case B_RAND: return cell_num(rand() / ((double)RAND_MAX + 1));
	case B_SRAND: return do_srand(n);
	case B_TOLOWER: case B_TOUPPER: return do_case(n, n->op == B_TOUPPER);
	case B_SYSTEM: return do_system(n);
	case B_CLOSE: return do_close(n);
	case B_FFLUSH: return do_fflush(n);
	}
	return do_math(n);
}
