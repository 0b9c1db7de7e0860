/*
 * diff - the differences between two text files, as the lines to change in the first to
 * get the second ("normal" format).
 *
 * Usage: diff file1 file2     (either may be "-", standard input)
 * Finds a longest common subsequence of the lines (after the common first and last lines
 * are set aside) and prints each stretch that differs as one of
 *   n1[,n2]dn3    lines n1..n2 of file1 deleted (they would have followed line n3 of file2)
 *   n1an3[,n4]    lines n3..n4 of file2 added after line n1 of file1
 *   n1[,n2]cn3[,n4]  lines n1..n2 of file1 changed into lines n3..n4 of file2
 * followed by the old lines ("< line"), "---" for a change, and the new ones ("> line").
 * The table is (lines1 x lines2) ints of the differing middle: at most 4 million cells.
 * Not implemented: options (-u, -c, -b, -r), the "No newline at end of file" remark.
 * Exit status: 0 if the files are the same; 1 if they differ; 2 on trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/getline.h"

#define MAX_CELLS (4L * 1024 * 1024)

struct file {
	char **line;
	long n;
};

static void
trouble(const char *name, const char *why)
{
	fprintf(stderr, "diff: %s: %s\n", name, why);
	exit(2);
}

static void
read_file(const char *name, struct file *f)
{
	FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	char *buf = NULL;
	size_t cap = 0;
	long cap_lines = 0;

	if (in == NULL)
		trouble(name, strerror(errno));
	f->n = 0;
	f->line = NULL;
	while (read_line(in, &buf, &cap, NULL) >= 0) {
		if (f->n == cap_lines) {
			cap_lines = cap_lines * 2 + 64;
			if ((f->line = realloc(f->line, sizeof(char *) * (size_t)cap_lines)) == NULL)
				trouble(name, strerror(ENOMEM));
		}
		if ((f->line[f->n++] = strdup(buf)) == NULL)
			trouble(name, strerror(ENOMEM));
	}
	if (ferror(in))
		trouble(name, strerror(errno));
	if (in != stdin)
		fclose(in);
}

/* Print a line range "from,to" (1-based, inclusive) or "from" if it is one line. */
static void
range(long from, long to)
{
	if (to > from)
		printf("%ld,%ld", from, to);
	else
		printf("%ld", from);
}

/* Print one hunk: lines [i0, i1) of a against [j0, j1) of b. */
static void
hunk(const struct file *a, long i0, long i1, const struct file *b, long j0, long j1)
{
	if (j0 == j1) {
		range(i0 + 1, i1);
		printf("d%ld\n", j0);
	} else if (i0 == i1) {
		printf("%lda", i0);
		range(j0 + 1, j1);
		putchar('\n');
	} else {
		range(i0 + 1, i1);
		putchar('c');
		range(j0 + 1, j1);
		putchar('\n');
	}
	for (long i = i0; i < i1; i++)
		printf("< %s\n", a->line[i]);
	if (i0 != i1 && j0 != j1)
		puts("---");
	for (long j = j0; j < j1; j++)
		printf("> %s\n", b->line[j]);
}

/* Diff lines [lo, a->n - hi) of a against [lo, b->n - hi) of b: 1 if they differ. */
static int
diff_middle(const struct file *a, const struct file *b, long lo, long hi)
{
	long n = a->n - lo - hi, m = b->n - lo - hi, i, j, i0, j0;
	int *L;

#define EQ(i, j) (strcmp(a->line[lo + (i)], b->line[lo + (j)]) == 0)
#define AT(i, j) L[(i) * (m + 1) + (j)]
	if ((n + 1) * (m + 1) > MAX_CELLS)
		trouble("files", "too long and too different (not implemented)");
	if ((L = calloc((size_t)((n + 1) * (m + 1)), sizeof(int))) == NULL)
		trouble("files", strerror(ENOMEM));
	for (i = n - 1; i >= 0; i--)
		for (j = m - 1; j >= 0; j--)
			AT(i, j) = EQ(i, j) ? AT(i + 1, j + 1) + 1 :
				AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
	for (i = j = 0; i < n || j < m;) {
		if (i < n && j < m && EQ(i, j)) {
			i++, j++;
			continue;
		}
		for (i0 = i, j0 = j; (i < n || j < m) && !(i < n && j < m && EQ(i, j));)
			if (j >= m || (i < n && AT(i + 1, j) >= AT(i, j + 1)))
				i++;
			else
				j++;
		hunk(a, lo + i0, lo + i, b, lo + j0, lo + j);
	}
	free(L);
	return n > 0 || m > 0;          /* the common ends are set aside: anything left differs */
#undef EQ
#undef AT
}

int
main(int argc, char **argv)
{
	struct file a, b;
	long lo = 0, hi = 0;

	if (argc != 3 || (argv[1][0] == '-' && argv[1][1] != '\0') ||
	    (argv[2][0] == '-' && argv[2][1] != '\0')) {
		fprintf(stderr, "usage: diff file1 file2\n");
		return 2;
	}
	read_file(argv[1], &a);
	read_file(argv[2], &b);
	while (lo < a.n && lo < b.n && strcmp(a.line[lo], b.line[lo]) == 0)
		lo++;
	while (hi < a.n - lo && hi < b.n - lo &&
	       strcmp(a.line[a.n - 1 - hi], b.line[b.n - 1 - hi]) == 0)
		hi++;
	return diff_middle(&a, &b, lo, hi);
}
