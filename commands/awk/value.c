/*
 * value.c - awk's values, variables and associative arrays.
 *
 * A Cell is a number, a string, a "strnum" (a string from input that looks like a number:
 * it compares as a number) or uninitialized (both "" and 0).  Numbers become strings with
 * CONVFMT ("%.6g"), integers as integers; strings become numbers by their leading numeric
 * prefix.  cell_compare() applies POSIX's rule: numerically when both sides are numbers,
 * strnums or uninitialized, else as strings.
 *
 * Variables are kept in one hash table of globals (var_lookup, var_install); an array is
 * a chained hash table whose elements are allocated one by one, so a Cell pointer into an
 * array stays valid until that element is deleted.  "for (k in a)" walks a sorted copy of
 * the keys (array_keys: numeric keys in numeric order, then the others by strcmp), so its
 * order is the same on every system (POSIX leaves it unspecified).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

Cell
cell_num(double d)
{
	Cell c = { C_NUM, d, NULL };
	return c;
}

Cell
cell_take(char *s)
{
	Cell c = { C_STR, 0, s };
	return c;
}

Cell
cell_str(const char *s)
{
	return cell_take(xstrdup(s));
}

Cell
cell_strn(const char *s, size_t n)
{
	return cell_take(xstrndup(s, n));
}

/* A string from input: a strnum if it looks numeric. */
Cell
cell_strnum(const char *s)
{
	Cell c = cell_str(s);
	if (looks_numeric(s)) {
		c.type = C_STRNUM;
		c.num = str_to_num(s);
	}
	return c;
}

Cell
cell_copy(const Cell *c)
{
	Cell r = *c;
	if (c->str)
		r.str = xstrdup(c->str);
	if (r.type == C_NUM && r.str) {
		free(r.str);
		r.str = NULL;
	}
	return r;
}

void
cell_free(Cell *c)
{
	free(c->str);
	c->str = NULL;
	c->type = C_UNINIT;
}

/* Replace *dst by v (v's string is taken over). */
void
cell_set(Cell *dst, Cell v)
{
	free(dst->str);
	*dst = v;
}

/* The length of a numeric prefix at s (after blanks), 0 if none; hex and inf/nan are not
 * awk numbers. */
static size_t
number_prefix(const char *s)
{
	const char *p = s;
	int digits = 0;
	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char)*p))
		p++, digits++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		const char *e = p + 1;
		if (*e == '+' || *e == '-')
			e++;
		if (isdigit((unsigned char)*e)) {
			while (isdigit((unsigned char)*e))
				e++;
			p = e;
		}
	}
	return (size_t)(p - s);
}

/* Skip the blanks at *s; the length of the numeric prefix after them. */
static size_t
number_at(const char **s)
{
	while (isspace((unsigned char)**s))
		(*s)++;
	return number_prefix(*s);
}

double
str_to_num(const char *s)
{
	char buf[64];
	size_t n = number_at(&s);
	if (n == 0)
		return 0;
	if (n < sizeof buf) {
		memcpy(buf, s, n);
		buf[n] = 0;
		return strtod(buf, NULL);
	}
	return strtod(s, NULL);
}

/* Whether s is a number with only blanks around it (a strnum). */
int
looks_numeric(const char *s)
{
	size_t n = number_at(&s);
	if (n == 0)
		return 0;
	for (s += n; isspace((unsigned char)*s); s++)
		;
	return *s == 0;
}

/* A number as a string: integers as integers, others with fmt (CONVFMT or OFMT: a
 * printf format, applied by format_number() so that any conversion in it is safe). */
char *
num_to_str(double d, const char *fmt)
{
	char buf[400];
	if (fabs(d) < 9.2e18 && d == (double)(long long)d)
		snprintf(buf, sizeof buf, "%lld", (long long)d);
	else if (isnan(d))
		snprintf(buf, sizeof buf, "%s", signbit(d) ? "-nan" : "nan");
	else if (isinf(d))
		snprintf(buf, sizeof buf, "%s", d < 0 ? "-inf" : "inf");
	else if (strcmp(fmt, "%.6g") == 0)
		snprintf(buf, sizeof buf, "%.6g", d);
	else
		return format_number(fmt, d);
	return xstrdup(buf);
}

double
cell_getnum(const Cell *c)
{
	switch (c->type) {
	case C_NUM: case C_STRNUM:
		return c->num;
	case C_STR:
		return str_to_num(c->str);
	default:
		return 0;
	}
}

/* The string form of c (cached in c for numbers). */
const char *
cell_getstr(Cell *c)
{
	if (c->type == C_UNINIT)
		return "";
	if (c->type == C_NUM && !c->str)
		c->str = num_to_str(c->num, cell_getstr(var_scalar(v_CONVFMT)));
	return c->str;
}

int
cell_true(Cell *c)
{
	switch (c->type) {
	case C_NUM: case C_STRNUM:
		return c->num != 0;
	case C_STR:
		return c->str[0] != 0;
	default:
		return 0;
	}
}

/* <0, 0, >0 as a compares with b by POSIX's rule. */
int
cell_compare(Cell *a, Cell *b)
{
	if (a->type != C_STR && b->type != C_STR) {
		double x = cell_getnum(a), y = cell_getnum(b);
		return x < y ? -1 : x > y;
	}
	return strcmp(cell_getstr(a), cell_getstr(b));
}

/* ---- associative arrays ---------------------------------------------------------------- */

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

Array *
array_new(void)
{
	Array *a = xmalloc(sizeof *a);
	a->size = 16;
	a->count = 0;
	a->tab = calloc(a->size, sizeof *a->tab);
	if (!a->tab)
		awk_error("out of memory");
	return a;
}

void
array_clear(Array *a)
{
	size_t i;
	for (i = 0; i < a->size; i++) {
		Elem *e = a->tab[i], *next;
		for (; e; e = next) {
			next = e->next;
			free(e->key);
			cell_free(&e->val);
			free(e);
		}
		a->tab[i] = NULL;
	}
	a->count = 0;
}

void
array_free(Array *a)
{
	if (!a)
		return;
	array_clear(a);
	free(a->tab);
	free(a);
}

static void
array_grow(Array *a)
{
	size_t n = a->size * 4, i;
	Elem **tab = calloc(n, sizeof *tab);
	if (!tab)
		awk_error("out of memory");
	for (i = 0; i < a->size; i++) {
		Elem *e = a->tab[i], *next;
		for (; e; e = next) {
			next = e->next;
			e->next = tab[hash(e->key) % n];
			tab[hash(e->key) % n] = e;
		}
	}
	free(a->tab);
	a->tab = tab;
	a->size = n;
}

Cell *
array_find(Array *a, const char *key)
{
	Elem *e = a->tab[hash(key) % a->size];
	for (; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return &e->val;
	return NULL;
}

/* The element key of a, created (uninitialized) if missing. */
Cell *
array_get(Array *a, const char *key)
{
	Cell *c = array_find(a, key);
	Elem *e;
	if (c)
		return c;
	if (a->count >= a->size * 2)
		array_grow(a);
	e = xmalloc(sizeof *e);
	e->key = xstrdup(key);
	e->val.type = C_UNINIT;
	e->val.num = 0;
	e->val.str = NULL;
	e->next = a->tab[hash(key) % a->size];
	a->tab[hash(key) % a->size] = e;
	a->count++;
	return &e->val;
}

void
array_delete(Array *a, const char *key)
{
	Elem **pp = &a->tab[hash(key) % a->size];
	for (; *pp; pp = &(*pp)->next) {
		Elem *e = *pp;
		if (strcmp(e->key, key) == 0) {
			*pp = e->next;
			free(e->key);
			cell_free(&e->val);
			free(e);
			a->count--;
			return;
		}
	}
}

/* qsort order of keys: numbers (numerically) before other strings (by strcmp). */
static int
key_order(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	int na = looks_numeric(a), nb = looks_numeric(b);
	if (na && nb) {
		double da = str_to_num(a), db = str_to_num(b);
		if (da != db)
			return da < db ? -1 : 1;
	} else if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

/* A malloc'd copy of a's keys, sorted by key_order (for "for (k in a)": the loop sees a
 * snapshot, in an order that does not depend on the hash table). */
char **
array_keys(Array *a, size_t *n)
{
	char **keys = xmalloc((a->count + 1) * sizeof *keys);
	size_t i, k = 0;
	for (i = 0; i < a->size; i++) {
		Elem *e = a->tab[i];
		for (; e; e = e->next)
			keys[k++] = xstrdup(e->key);
	}
	qsort(keys, k, sizeof *keys, key_order);
	*n = k;
	return keys;
}

/* ---- variables --------------------------------------------------------------------------- */

#define NVARHASH 257
static struct varent {
	Var var;
	struct varent *next;
} *vartab[NVARHASH];

Var *
var_lookup(const char *name)
{
	struct varent *e = vartab[hash(name) % NVARHASH];
	for (; e; e = e->next)
		if (strcmp(e->var.name, name) == 0)
			return &e->var;
	return NULL;
}

Var *
var_install(const char *name)
{
	Var *v = var_lookup(name);
	struct varent *e;
	if (v)
		return v;
	e = xmalloc(sizeof *e);
	memset(e, 0, sizeof *e);
	e->var.name = xstrdup(name);
	e->next = vartab[hash(name) % NVARHASH];
	vartab[hash(name) % NVARHASH] = e;
	return &e->var;
}

/* v's scalar cell; an error if v is an array. */
Cell *
var_scalar(Var *v)
{
	if (v->ref && v->ref->kind == K_ARRAY)
		awk_error("can't use array %s in scalar context", v->name);
	if (v->kind == K_ARRAY)
		awk_error("can't use array %s in scalar context", v->name);
	return &v->val;
}

/* v's array (a parameter's: the caller's variable); v becomes an array if unused. */
Array *
var_array(Var *v)
{
	while (v->ref)
		v = v->ref;
	if (v->kind == K_SCALAR)
		awk_error("can't use scalar %s as array", v->name);
	if (v->kind == K_UNKNOWN) {
		v->kind = K_ARRAY;
		v->arr = array_new();
	}
	return v->arr;
}

void
var_setstr(Var *v, const char *s)
{
	v->kind = K_SCALAR;
	cell_set(&v->val, cell_str(s));
}

void
var_setnum(Var *v, double d)
{
	v->kind = K_SCALAR;
	cell_set(&v->val, cell_num(d));
}
