/*
 * main.c - sed's options, its input and its outputs.
 *
 * Usage: sed [-n] [-i[suffix]] script [file...]
 *        sed [-n] [-i[suffix]] [-e script]... [-f script_file]... [file...]
 * The pieces of script (each -e, each -f file, in order) are joined with newlines into one
 * script (compile.c); a script whose first line is exactly "#n" acts as -n.  The files (or
 * standard input, also for "-") are one stream of lines: line numbers go on across them
 * and $ is the last line of the last file.  The input is read one line ahead so that $ is
 * known when a line is edited.  Outputs keep the input's missing final newline: a last line
 * without one is written without one (and the newline is added if more output follows).
 * Exit status: 0; 1 for a bad script or usage; 2 if an input file could not be read;
 * 4 if an output file could not be opened or written; q's own status.
 *
 * -i edits each file in place (edit_in_place): the file is its own input, with line numbers,
 * $ and the hold space afresh, and what sed would print goes to a temporary file in the same
 * directory (standard output is pointed at it), which gets the file's mode (and owner, if
 * allowed) and is then renamed over the file, so the file is always whole, old or new.  A
 * suffix keeps the old file under its name plus the suffix (a hard link made just before
 * the rename): GNU's -i.bak; BSD's separate word (-i .bak, or -i '' for none) is taken
 * when the word after a bare -i is empty or starts with '.', which no script does.  A file
 * that cannot be read (status 2) or is not a regular file (4) is skipped with a message; q
 * ends the file being edited there (the rest of it is dropped, as in GNU sed) and leaves the
 * files after it alone.  Output files of w are not redirected.
 * Not implemented: GNU's other options (-s, -E, -z) and '*' in the suffix.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
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
	fprintf(stderr, "usage: sed [-n] [-i[suffix]] script [file...]\n"
		"       sed [-n] [-i[suffix]] [-e script]... [-f script_file]... [file...]\n");
	exit(1);
}

/* Make the temporary file beside path (its name into tmp, PATH_MAX bytes): the fd, or -1. */
static int
temp_beside(const char *path, char *tmp, size_t size)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash != NULL ? (int)(slash - path) + 1 : 0;

	if ((size_t)snprintf(tmp, size, "%.*ssedXXXXXX", dirlen, path) >= size)
		return -1;
	return mkstemp(tmp);
}

/* Give the new file tmp (open on fd) path's mode and owner, keep path as path+suffix if
 * asked, and rename tmp over path: 0, or -1 with a message. */
static int
replace_file(const char *path, const char *tmp, int fd, const struct stat *st,
	     const char *suffix)
{
	char backup[PATH_MAX];

	if (fchmod(fd, st->st_mode & 07777) != 0 ||
	    (fchown(fd, st->st_uid, st->st_gid) != 0 && errno != EPERM))
		return fprintf(stderr, "sed: %s: %s\n", tmp, strerror(errno)), -1;
	if (suffix != NULL && suffix[0] != '\0') {
		if ((size_t)snprintf(backup, sizeof(backup), "%s%s", path, suffix) >=
		    sizeof(backup))
			return fprintf(stderr, "sed: %s%s: name too long\n", path, suffix), -1;
		if ((unlink(backup) != 0 && errno != ENOENT) || link(path, backup) != 0)
			return fprintf(stderr, "sed: cannot keep %s as %s: %s\n", path, backup,
				       strerror(errno)), -1;
	}
	if (rename(tmp, path) != 0)
		return fprintf(stderr, "sed: cannot rename %s: %s\n", tmp, strerror(errno)), -1;
	return 0;
}

/* Run the script over path alone with standard output in a temporary file, then put
 * that in path's place: 1 if q ended it (no more files then), else 0. */
static int
edit_file(char *path, const char *suffix)
{
	char tmp[PATH_MAX];
	struct stat st;
	int fd, saved, quit;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "sed: can't read %s: %s\n", path, strerror(errno));
		exit_status = 2;
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "sed: couldn't edit %s: not a regular file\n", path);
		exit_status = 4;
		return 0;
	}
	if ((fd = temp_beside(path, tmp, sizeof(tmp))) < 0)
		die(4, "couldn't open temporary file for %s: %s", path, strerror(errno));
	fflush(stdout);
	if ((saved = dup(1)) < 0 || dup2(fd, 1) < 0)
		die(4, "couldn't redirect the output: %s", strerror(errno));
	files = &path, nfiles = 1, file_i = 0, lineno = 0;
	ahead_len = -2, out_stdout.missing_nl = 0;
	quit = execute();
	if (in != NULL && in != stdin)
		fclose(in);
	in = NULL;
	if (fflush(stdout) != 0 || dup2(saved, 1) < 0)
		die(4, "couldn't write %s: %s", tmp, strerror(errno));
	close(saved);
	if (replace_file(path, tmp, fd, &st, suffix) != 0) {
		unlink(tmp);
		exit_status = 4;
	}
	close(fd);
	return quit;
}

/* -i: edit every file in place (at least one is needed). */
static void
edit_in_place(char **names, int n, const char *suffix)
{
	int i;

	if (n == 0)
		die(1, "no input files");
	for (i = 0; i < n; i++)
		if (edit_file(names[i], suffix))
			break;
}

/* The options (-n, -e, -f, -i[suffix]; no getopt: -i's suffix is optional): the index of
 * the first operand; *suffix is NULL without -i. */
static int
parse_options(int argc, char **argv, int *have_script, const char **suffix)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		const char *o = argv[i] + 1;

		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (; *o != '\0'; o++) {
			if (*o == 'n')
				opt_n = 1;
			else if (*o == 'i') {
				*suffix = o + 1;
				if (o[1] == '\0' && i + 1 < argc &&
				    (argv[i + 1][0] == '\0' || argv[i + 1][0] == '.'))
					*suffix = argv[++i];	/* BSD: -i '' or -i .bak */
				break;
			} else if (*o == 'e' || *o == 'f') {
				const char *arg = o[1] != '\0' ? o + 1 : i + 1 < argc ? argv[++i] :
						  NULL;

				if (arg == NULL)
					usage();
				if (*o == 'e')
					add_script(arg, NULL);
				else
					add_script(read_file(arg), arg);
				*have_script = 1;
				break;
			} else
				usage();
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	int have_script = 0, first;
	const char *suffix = NULL;

	out_stdout.f = stdout;
	out_stderr.f = stderr;
	first = parse_options(argc, argv, &have_script, &suffix);
	if (!have_script) {
		if (first >= argc)
			usage();
		add_script(argv[first++], NULL);
	}
	compile_script();
	if (suffix != NULL)
		edit_in_place(argv + first, argc - first, suffix);
	else {
		files = argv + first;
		nfiles = argc - first;
		execute();
	}
	for (struct output *o = outputs; o != NULL; o = o->next)
		if (fclose(o->f) != 0)
			die(4, "couldn't write %s: %s", o->name, strerror(errno));
	if (fflush(stdout) != 0)
		die(4, "standard output: %s", strerror(errno));
	return exit_status;
}
