/*
 * field.c - the current record ($0), its fields ($1 ... $NF) and the special variables.
 *
 * set_record() stores a new $0 and splits it at once by the FS of that moment (so a new FS
 * applies from the next record on, as POSIX says).  Splitting (split_list, also used by
 * split()): FS " " splits at runs of blanks and newlines, ignoring them at both ends; any
 * other single character splits at that character; "" splits into characters; a longer FS
 * is an extended regular expression.  In paragraph mode (RS "") a newline always
 * separates fields too.  Assigning a field past NF extends the record; assigning a field
 * or NF rebuilds $0 from the fields joined by OFS; assigning $0 splits it again.
 */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

Var *v_NF, *v_NR, *v_FNR, *v_FS, *v_OFS, *v_ORS, *v_RS, *v_FILENAME, *v_SUBSEP, *v_RSTART,
	*v_RLENGTH, *v_CONVFMT, *v_OFMT, *v_ENVIRON, *v_ARGC, *v_ARGV;

static Cell rec0;                /* $0 */
static Cell *fields;             /* fields[1..nf] */
static int nf, fields_cap;
static Cell empty;               /* a field past NF */

Cell *
record(void)
{
	return &rec0;
}

static void
list_add(char ***list, size_t *n, const char *s, size_t len)
{
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrndup(s, len);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t
split_blanks(const char *s, char ***list)
{
	size_t n = 0;
	for (;;) {
		const char *start;
		while (is_blank(*s))
			s++;
		if (!*s)
			return n;
		for (start = s; *s && !is_blank(*s); s++)
			;
		list_add(list, &n, start, (size_t)(s - start));
	}
}

static size_t
split_char(const char *s, char c, char ***list)
{
	size_t n = 0;
	const char *p;
	if (!*s)
		return 0;
	while ((p = strchr(s, c)) != NULL) {
		list_add(list, &n, s, (size_t)(p - s));
		s = p + 1;
	}
	list_add(list, &n, s, strlen(s));
	return n;
}

static size_t
split_regex(const char *s, regex_t *re, char ***list)
{
	size_t n = 0, so, eo;
	const char *p = s;
	if (!*s)
		return 0;
	while (*p && re_match(re, p, p > s ? REG_NOTBOL : 0, &so, &eo) && eo > so) {
		list_add(list, &n, p, so);
		p += eo;
	}
	list_add(list, &n, p, strlen(p));
	return n;
}

/* In paragraph mode a newline separates fields besides fs: the regex "\n|fs". */
static char *
paragraph_fs(const char *fs)
{
	Buf b = { 0 };
	buf_adds(&b, "\n|");
	if (strlen(fs) == 1 && !strchr("\\^$.[]|()*+?{}", fs[0]))
		buf_adds(&b, fs);
	else if (strlen(fs) == 1)
		buf_addc(&b, '\\'), buf_adds(&b, fs);
	else
		buf_adds(&b, fs);
	return buf_take(&b);
}

/* Split s by field separator fs (is_regex: fs came from a regex literal) into a malloc'd
 * list of malloc'd strings; the count is returned. */
size_t
split_list(const char *s, const char *fs, int is_regex, char ***list)
{
	size_t n = 0;
	*list = NULL;
	if (!is_regex && strcmp(fs, " ") == 0)
		return split_blanks(s, list);
	if (!is_regex && cell_getstr(var_scalar(v_RS))[0] == 0) {
		char *re = paragraph_fs(fs);
		n = split_regex(s, re_compile(re), list);
		free(re);
		return n;
	}
	if (!is_regex && fs[0] == 0) {
		for (; *s; s++)
			list_add(list, &n, s, 1);
		return n;
	}
	if (!is_regex && fs[1] == 0 && fs[0] != '\\')
		return split_char(s, fs[0], list);
	return split_regex(s, re_compile(fs), list);
}

static void
clear_fields(void)
{
	int i;
	for (i = 1; i <= nf; i++)
		cell_free(&fields[i]);
	nf = 0;
}

static void
grow_fields(int n)
{
	if (n + 1 <= fields_cap)
		return;
	fields_cap = n + 16;
	fields = xrealloc(fields, (size_t)fields_cap * sizeof *fields);
}

static void
split_record(void)
{
	char **list;
	size_t n, i;
	n = split_list(cell_getstr(&rec0), cell_getstr(var_scalar(v_FS)), 0, &list);
	clear_fields();
	grow_fields((int)n);
	for (i = 0; i < n; i++) {
		fields[i + 1] = cell_strnum(list[i]);
		free(list[i]);
	}
	free(list);
	nf = (int)n;
	var_setnum(v_NF, nf);
}

void
set_record(const char *s, size_t n)
{
	char *copy = xstrndup(s, n);
	cell_set(&rec0, cell_strnum(copy));
	free(copy);
	split_record();
}

Cell *
field_get(int i)
{
	if (i == 0)
		return &rec0;
	if (i <= nf)
		return &fields[i];
	return &empty;
}

static void
rebuild(void)
{
	Buf b = { 0 };
	const char *ofs = cell_getstr(var_scalar(v_OFS));
	int i;
	buf_add(&b, "", 0);
	for (i = 1; i <= nf; i++) {
		if (i > 1)
			buf_adds(&b, ofs);
		buf_adds(&b, cell_getstr(&fields[i]));
	}
	cell_set(&rec0, cell_take(buf_take(&b)));
}

/* Make the record have n fields (new ones empty). */
static void
set_nf(int n)
{
	int i;
	if (n < 0)
		awk_error("NF set to a negative value");
	grow_fields(n);
	for (i = nf + 1; i <= n; i++)
		fields[i] = cell_str("");
	for (i = n + 1; i <= nf; i++)
		cell_free(&fields[i]);
	nf = n;
}

void
field_set(int i, Cell v)
{
	if (i == 0) {
		const char *s = cell_getstr(&v);
		set_record(s, strlen(s));
		cell_free(&v);
		return;
	}
	if (i > nf) {
		set_nf(i);
		var_setnum(v_NF, nf);
	}
	cell_set(&fields[i], v);
	rebuild();
}

/* NF was assigned: cut or extend the fields and rebuild $0. */
void
nf_changed(void)
{
	set_nf((int)cell_getnum(&v_NF->val));
	rebuild();
}

/* split(s, a, fs): a's old elements go; the fields become a[1..n] (strnums). */
size_t
split_into(const char *s, Array *a, const char *fs, int is_regex)
{
	char **list;
	size_t n, i;
	char key[32];
	n = split_list(s, fs, is_regex, &list);
	array_clear(a);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%zu", i + 1);
		cell_set(array_get(a, key), cell_strnum(list[i]));
		free(list[i]);
	}
	free(list);
	return n;
}
