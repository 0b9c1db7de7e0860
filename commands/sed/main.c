/*
 * main.c - sed's options, its input and its outputs.
 *
 * Usage: sed [-n] script [file...]
 *        sed [-n] [-e script]... [-f script_file]... [file...]
 * The pieces of script (each -e, each -f file, in order) are joined with newlines into one
 * script (compile.c); a script whose first line is exactly "#n" acts as -n.  The files (or
 * standard input, also for "-") are one stream of lines: line numbers go on across them
 * and $ is the last line of the last file.  The input is read one line ahead so that $ is
 * known when a line is edited.  Outputs keep the input's missing final newline: a last line
 * without one is written without one (and the newline is added if more output follows).
 * Exit status: 0; 1 for a bad script or usage; 2 if an input file could not be read;
 * 4 if an output file could not be opened or written; q's own status.
 * Not implemented: -i (editing files in place) and GNU's other options (-s, -E, -z).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sed.h"
#include "../lib/getline.h"

int opt_n;
long lineno;
int exit_status;
struct output out_stdout;
static struct output out_stderr, *outputs;

static char **files;
static int nfiles, file_i;
static FILE *in;
static char *ahead;                     /* the next line, read ahead */
static size_t ahead_cap;
static long ahead_len = -2;             /* its length; -1: none is left; -2: not read */
static int ahead_nl;                    /* it ended in a newline */

/* Print "sed: " and the message, and exit with status. */
void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("sed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		die(4, "out of memory");
	return p;
}

/* Open the next input (standard input if there are no files): 0, or -1 when none is left. */
static int
next_input(void)
{
	if (in != NULL && in != stdin)
		fclose(in);
	in = NULL;
	if (nfiles == 0 && file_i++ == 0)
		in = stdin;
	while (in == NULL && file_i < nfiles) {
		const char *name = files[file_i++];

		if (strcmp(name, "-") == 0)
			in = stdin;
		else if ((in = fopen(name, "r")) == NULL) {
			fprintf(stderr, "sed: %s: %s\n", name, strerror(errno));
			exit_status = 2;
		}
	}
	return in != NULL ? 0 : -1;
}

/* Read the line after the current one into ahead (across files). */
static void
read_ahead(void)
{
	long len = 0;

	while (in == NULL || (len = read_line(in, &ahead, &ahead_cap, &ahead_nl)) < 0) {
		if (next_input() < 0) {
			ahead_len = -1;
			return;
		}
	}
	ahead_len = len;
}

/* Read the next line into b (append: after a newline, as N does): 0, or -1 at the end. */
int
input_line(struct buf *b, int append)
{
	if (ahead_len == -2)
		read_ahead();
	if (ahead_len < 0)
		return -1;
	if (append)
		buf_add(b, "\n", 1);
	else
		buf_set(b, "", 0);
	buf_add(b, ahead, (size_t)ahead_len);
	b->nl = ahead_nl;
	lineno++;
	read_ahead();
	b->nl |= ahead_len >= 0;        /* only the last line may lack its newline */
	return 0;
}

/* Is the line read last the last line of the input? */
int
input_last(void)
{
	if (ahead_len == -2)
		read_ahead();
	return ahead_len < 0;
}

/* The output for w file name (opened, and emptied, once per name). */
struct output *
open_output(const char *name)
{
	struct output *o;

	if (strcmp(name, "/dev/stdout") == 0)
		return &out_stdout;
	if (strcmp(name, "/dev/stderr") == 0)
		return &out_stderr;
	for (o = outputs; o != NULL; o = o->next)
		if (strcmp(o->name, name) == 0)
			return o;
	o = xmalloc(sizeof(*o));
	memset(o, 0, sizeof(*o));
	if ((o->f = fopen(name, "w")) == NULL)
		die(4, "couldn't open file %s: %s", name, strerror(errno));
	o->name = strcpy(xmalloc(strlen(name) + 1), name);
	o->next = outputs;
	outputs = o;
	return o;
}

/* Before writing to o: the newline a line without one still owes. */
void
out_begin(struct output *o)
{
	if (o->missing_nl) {
		putc('\n', o->f);
		o->missing_nl = 0;
	}
}

/* Write len bytes at s to o as a line (newline: end it with a newline). */
void
out_line(struct output *o, const char *s, size_t len, int newline)
{
	out_begin(o);
	fwrite(s, 1, len, o->f);
	if (newline)
		putc('\n', o->f);
	else
		o->missing_nl = 1;
	if (o != &out_stdout)
		fflush(o->f);
}

/* Read script file name whole (-f) into a new string. */
static char *
read_file(const char *name)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	size_t len = 0, cap = 256;
	char *s = xmalloc(cap);
	int c;

	if (f == NULL)
		die(1, "couldn't open file %s: %s", name, strerror(errno));
	while ((c = getc(f)) != EOF) {
		if (len + 2 > cap && (s = realloc(s, cap *= 2)) == NULL)
			die(4, "out of memory");
		s[len++] = (char)c;
	}
	if (len > 0 && s[len - 1] == '\n')
		len--;
	s[len] = '\0';
	if (f != stdin)
		fclose(f);
	return s;
}

static void
usage(void)
{
	fprintf(stderr, "usage: sed [-n] script [file...]\n"
		"       sed [-n] [-e script]... [-f script_file]... [file...]\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	int c, have_script = 0;

	out_stdout.f = stdout;
	out_stderr.f = stderr;
	while ((c = getopt(argc, argv, "ne:f:")) != -1) {
		if (c == 'n')
			opt_n = 1;
		else if (c == 'e')
			add_script(optarg, NULL), have_script = 1;
		else if (c == 'f')
			add_script(read_file(optarg), optarg), have_script = 1;
		else
			usage();
	}
	if (!have_script) {
		if (optind >= argc)
			usage();
		add_script(argv[optind++], NULL);
	}
	compile_script();
	files = argv + optind;
	nfiles = argc - optind;
	execute();
	for (struct output *o = outputs; o != NULL; o = o->next)
		if (fclose(o->f) != 0)
			die(4, "couldn't write %s: %s", o->name, strerror(errno));
	if (fflush(stdout) != 0)
		die(4, "standard output: %s", strerror(errno));
	return exit_status;
}
