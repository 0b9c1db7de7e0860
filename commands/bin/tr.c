/*
 * tr - translate, delete or squeeze characters of standard input.
 *
 * Usage: tr [-cs] set1 set2    tr -d [-cs] set1 [set2]    tr -s [-c] set1
 * A set lists characters: c, a range a-z, an escape (\n \t \\ \ooo octal), a class
 * [:lower:] [:upper:] [:digit:] [:alpha:] [:alnum:] [:space:] [:punct:].  With two sets
 * each character of set1 becomes the character at the same place in set2 (set2 is
 * extended with its last character).  -c takes the complement of set1 (every character
 * not in it, in order).  -d deletes the characters of set1; -s squeezes a run of the same
 * character of the last set given (set2, or set1 alone) into one.
 * Exit status: 0; 1 on a usage error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SET_MAX 2048

struct set {
	unsigned char c[SET_MAX];
	int n;
};

static void
usage(void)
{
	fprintf(stderr, "usage: tr [-cs] set1 set2\n       tr -d [-cs] set1 [set2]\n"
		"       tr -s [-c] set1\n");
	exit(1);
}

static void
add(struct set *s, int c)
{
	if (s->n == SET_MAX)
		usage();
	s->c[s->n++] = (unsigned char)c;
}

/* A class [:name:] at p: the characters added, and *p moved past it; 0 if none. */
static int
add_class(struct set *s, const char **p)
{
	static const struct {
		const char *name;
		int (*is)(int);
	} classes[] = {
		{ "[:lower:]", islower }, { "[:upper:]", isupper }, { "[:digit:]", isdigit },
		{ "[:alpha:]", isalpha }, { "[:alnum:]", isalnum }, { "[:space:]", isspace },
		{ "[:punct:]", ispunct },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		size_t len = strlen(classes[i].name);

		if (strncmp(*p, classes[i].name, len) != 0)
			continue;
		for (int c = 0; c < 256; c++)
			if (classes[i].is(c))
				add(s, c);
		*p += len;
		return 1;
	}
	return 0;
}

/* One character of a set at *p, escapes decoded. */
static int
set_char(const char **p)
{
	const char *s = *p;
	int c = (unsigned char)*s++;

	if (c == '\\' && *s != '\0') {
		c = (unsigned char)*s++;
		if (c == 'n')
			c = '\n';
		else if (c == 't')
			c = '\t';
		else if (c >= '0' && c <= '7') {
			c -= '0';
			for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++)
				c = c * 8 + *s++ - '0';
		}
	}
	*p = s;
	return c & 0xff;
}

static void
parse_set(struct set *s, const char *p)
{
	int lo, hi;

	s->n = 0;
	while (*p != '\0') {
		if (add_class(s, &p))
			continue;
		lo = set_char(&p);
		if (p[0] == '-' && p[1] != '\0') {
			p++;
			if ((hi = set_char(&p)) < lo) {
				fprintf(stderr, "tr: range %c-%c is reversed\n", lo, hi);
				exit(1);
			}
			for (; lo <= hi; lo++)
				add(s, lo);
		} else {
			add(s, lo);
		}
	}
}

static void
complement(struct set *s)
{
	unsigned char in[256] = { 0 };

	for (int i = 0; i < s->n; i++)
		in[s->c[i]] = 1;
	s->n = 0;
	for (int c = 0; c < 256; c++)
		if (!in[c])
			add(s, c);
}

/* Fill the tables: map (set1 to set2), del (-d) and squeeze (-s). */
static void
make_tables(const struct set *s1, const struct set *s2, int nsets, int opt_d, int opt_s,
	    int *map, int *del, int *squeeze)
{
	const struct set *last = nsets == 2 ? s2 : s1;

	for (int c = 0; c < 256; c++)
		map[c] = c;
	for (int i = 0; i < s1->n; i++) {
		if (opt_d)
			del[s1->c[i]] = 1;
		else if (nsets == 2 && s2->n > 0)
			map[s1->c[i]] = s2->c[i < s2->n ? i : s2->n - 1];
	}
	for (int i = 0; i < last->n; i++)
		squeeze[last->c[i]] = opt_s;
}

int
main(int argc, char **argv)
{
	int opt_c = 0, opt_d = 0, opt_s = 0, c, last = -1, nsets;
	static struct set s1, s2;
	int map[256], del[256] = { 0 }, squeeze[256] = { 0 };

	while ((c = getopt(argc, argv, "cds")) != -1) {
		if (c == 'c')
			opt_c = 1;
		else if (c == 'd')
			opt_d = 1;
		else if (c == 's')
			opt_s = 1;
		else
			usage();
	}
	nsets = argc - optind;
	if (nsets < 1 || nsets > 2 || (nsets == 1 && !opt_d && !opt_s) ||
	    (nsets == 2 && opt_d && !opt_s))
		usage();
	parse_set(&s1, argv[optind]);
	if (opt_c)
		complement(&s1);
	if (nsets == 2)
		parse_set(&s2, argv[optind + 1]);
	make_tables(&s1, &s2, nsets, opt_d, opt_s, map, del, squeeze);
	while ((c = getchar()) != EOF) {
		if (del[c])
			continue;
		c = map[c];
		if (squeeze[c] && c == last)
			continue;
		putchar(c);
		last = c;
	}
	return 0;
}
