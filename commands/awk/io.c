/*
 * io.c - awk's input and output: records, the main input, and named streams.
 *
 * read_record() reads one record by RS: a newline or any single character ends it; RS ""
 * is paragraph mode (records are separated by blank lines, leading newlines skipped); a
 * longer RS is an extended regular expression, as in gawk and mawk (read_regex_record):
 * the input is read a line at a time into the stream's pending text until the leftmost
 * non-empty match of RS ends before the text read so far does (so that more input could
 * not lengthen it) or the input ends; the record is the text before the match, and the
 * text after it waits for the next record.  The pending text belongs to its FILE and is
 * dropped when the file is closed (rs_forget).  Not implemented: RT, and text read ahead
 * for a regular-expression RS is not seen if RS becomes a single character mid-file.
 *
 * The main input (main_getline) walks ARGV[1] ... ARGV[ARGC-1] as they are when it gets
 * there: "var=value" operands are assignments made at that point, "-" is standard input,
 * and with no file operand at all it reads standard input.  A file that cannot be opened
 * is an error (exit 2).
 *
 * Streams: print/printf "> file", ">> file", "| command" and getline "< file",
 * "command |" open a stream on first use, named by its file or command string, and keep
 * it open until close(name) or the end of the program (then pipes are waited for).
 * "/dev/stdout", "-" and "/dev/stderr" name the standard streams.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "awk.h"

struct stream {
	char *name;
	int kind;
	FILE *f;
	struct stream *next;
};

/* Text read past a regular-expression RS's record, per input FILE. */
struct pending {
	FILE *f;
	Buf b;
	size_t off;               /* where the unread text starts in b */
	struct pending *next;
};

static struct stream *streams;
static struct pending *pendings;
static FILE *cur_in;              /* the main input file, NULL between files */
static int argi = 1;              /* the next ARGV index to look at */
static int used_file, input_done;

/* f's pending text (made empty if new). */
static struct pending *
pending_of(FILE *f)
{
	struct pending *p;

	for (p = pendings; p; p = p->next)
		if (p->f == f)
			return p;
	p = xmalloc(sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->f = f;
	p->next = pendings;
	pendings = p;
	return p;
}

/* f is being closed: its pending text goes. */
static void
rs_forget(FILE *f)
{
	struct pending **pp, *p;

	for (pp = &pendings; (p = *pp) != NULL; pp = &p->next)
		if (p->f == f) {
			*pp = p->next;
			free(p->b.s);
			free(p);
			return;
		}
}

/* Add one more line of f (or what is left of it) to p's text: 0 at end of file. */
static int
pending_more(struct pending *p)
{
	int c, got = 0;

	if (p->off > 0) {	/* drop the text already handed out */
		memmove(p->b.s, p->b.s + p->off, p->b.len - p->off);
		p->b.len -= p->off;
		p->off = 0;
	}
	while ((c = getc(p->f)) != EOF) {
		buf_addc(&p->b, c);
		got = 1;
		if (c == '\n')
			break;
	}
	return got;
}

/* Read one record of f ended by a match of the regular expression rs into *rec. */
static int
read_regex_record(FILE *f, const char *rs, char **rec, size_t *cap)
{
	struct pending *p = pending_of(f);
	regex_t *re = re_compile(rs);
	regmatch_t m;
	Buf out = { *rec, 0, *cap };
	int eof = 0, found;
	size_t len;

	for (;;) {
		buf_addc(&p->b, 0);	/* NUL-terminated for regexec */
		p->b.len--;
		len = p->b.len - p->off;
		found = regexec(re, p->b.s + p->off, 1, &m, 0) == 0 && m.rm_eo > m.rm_so;
		if (found && ((size_t)m.rm_eo < len || eof))
			break;
		if (eof) {
			if (len == 0)
				return 0;
			m.rm_so = m.rm_eo = (regoff_t)len;
			break;
		}
		eof = !pending_more(p);
	}
	buf_add(&out, p->b.s + p->off, (size_t)m.rm_so);
	buf_addc(&out, 0);
	p->off += (size_t)m.rm_eo;
	*rec = out.s;
	*cap = out.cap;
	return 1;
}

/* Read one record from f into *rec (malloc'd, grown); 0 at end of file. */
int
read_record(FILE *f, char **rec, size_t *cap)
{
	const char *rs = cell_getstr(var_scalar(v_RS));
	int sep = rs[0] ? (unsigned char)rs[0] : '\n', c, para = rs[0] == 0;
	Buf b = { *rec, 0, *cap };
	if (strlen(rs) > 1)
		return read_regex_record(f, rs, rec, cap);
	if (para)
		while ((c = getc(f)) == '\n')
			;
	else
		c = getc(f);
	if (c == EOF)
		return 0;
	for (; c != EOF; c = getc(f)) {
		if (c == sep && !para)
			break;
		if (para && c == '\n' && b.len && b.s[b.len - 1] == '\n') {
			while ((c = getc(f)) == '\n')
				;
			if (c != EOF)
				ungetc(c, f);
			b.len--;
			break;
		}
		buf_addc(&b, c);
	}
	if (para && b.len && b.s[b.len - 1] == '\n')
		b.len--;
	buf_addc(&b, 0);
	*rec = b.s;
	*cap = b.cap;
	return 1;
}

int
is_assignment(const char *arg)
{
	const char *p = arg;
	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	return *p == '=';
}

/* A "var=value" operand or -v argument: value's escapes decoded, a strnum if numeric. */
void
command_assign(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name = xstrndup(arg, (size_t)(eq - arg));
	char *value = unescape(eq + 1, strlen(eq + 1));
	Var *v = var_install(name);
	if (v->kind == K_ARRAY)
		awk_error("can't assign to %s; it's an array name.", name);
	v->kind = K_SCALAR;
	cell_set(&v->val, cell_strnum(value));
	if (v == v_NF)
		nf_changed();
	free(name);
	free(value);
}

static void
incr(Var *v)
{
	var_setnum(v, cell_getnum(&v->val) + 1);
}

/* Open the next main input file (1), or say there is none (0). */
static int
open_next(void)
{
	while (argi < (int)cell_getnum(var_scalar(v_ARGC))) {
		char key[32];
		Cell *c;
		const char *arg;
		snprintf(key, sizeof key, "%d", argi++);
		c = array_find(var_array(v_ARGV), key);
		if (!c || !*(arg = cell_getstr(c)))
			continue;
		if (is_assignment(arg)) {
			command_assign(arg);
			continue;
		}
		cur_in = strcmp(arg, "-") == 0 ? stdin : fopen(arg, "r");
		if (!cur_in) {
			cur_line = 0;
			awk_error("can't open file %s", arg);
		}
		used_file = 1;
		var_setstr(v_FILENAME, arg);
		var_setnum(v_FNR, 0);
		return 1;
	}
	if (used_file)
		return 0;
	used_file = 1;
	cur_in = stdin;
	var_setnum(v_FNR, 0);
	return 1;
}

/* Close the current main input file (nextfile, or its end). */
void
nextfile(void)
{
	if (cur_in && cur_in != stdin)
		fclose(cur_in);
	if (cur_in)
		rs_forget(cur_in);
	cur_in = NULL;
}

/* The next record of the main input (NR and FNR counted): 1, or 0 at the end. */
int
main_getline(char **rec, size_t *len)
{
	while (!input_done) {
		if (!cur_in && !open_next()) {
			input_done = 1;
			break;
		}
		if (read_record(cur_in, rec, len)) {
			incr(v_NR);
			incr(v_FNR);
			return 1;
		}
		nextfile();
	}
	return 0;
}

static struct stream *
find_stream(const char *name, int output)
{
	struct stream *s;
	for (s = streams; s; s = s->next)
		if (strcmp(s->name, name) == 0 &&
		    (s->kind == G_FILE || s->kind == G_CMD) != output)
			return s;
	return NULL;
}

static struct stream *
add_stream(const char *name, int kind, FILE *f)
{
	struct stream *s = xmalloc(sizeof *s);
	s->name = xstrdup(name);
	s->kind = kind;
	s->f = f;
	s->next = streams;
	streams = s;
	return s;
}

FILE *
output_stream(int kind, const char *name)
{
	struct stream *s = find_stream(name, 1);
	FILE *f;
	if (s)
		return s->f;
	if (strcmp(name, "/dev/stdout") == 0 || strcmp(name, "-") == 0)
		f = stdout;
	else if (strcmp(name, "/dev/stderr") == 0)
		f = stderr;
	else if (kind == R_PIPE) {
		streams_flush(NULL);
		f = popen(name, "w");
	} else
		f = fopen(name, kind == R_APPEND ? "a" : "w");
	if (!f)
		awk_error("can't redirect to %s", name);
	return add_stream(name, kind, f)->f;
}

/* getline < file, command | getline: 1, 0 at the end, -1 if it cannot be opened. */
int
file_getline(int kind, const char *name, char **rec, size_t *len)
{
	struct stream *s = find_stream(name, 0);
	if (!s) {
		FILE *f;
		if (kind == G_CMD) {
			streams_flush(NULL);
			f = popen(name, "r");
		} else
			f = strcmp(name, "-") == 0 || strcmp(name, "/dev/stdin") == 0 ? stdin :
			    fopen(name, "r");
		if (!f)
			return -1;
		s = add_stream(name, kind, f);
	}
	return read_record(s->f, rec, len);
}

static int
close_one(struct stream *s)
{
	int r;
	rs_forget(s->f);
	if (s->kind == R_PIPE || s->kind == G_CMD) {
		r = pclose(s->f);
		if (r != -1)
			r = WIFEXITED(r) ? WEXITSTATUS(r) : 256 + WTERMSIG(r);
	} else if (s->f == stdout || s->f == stderr || s->f == stdin)
		r = fflush(s->f);
	else
		r = fclose(s->f);
	free(s->name);
	free(s);
	return r;
}

/* close(name): its status (a pipe: the command's exit status), -1 if none was open. */
int
stream_close(const char *name)
{
	struct stream **pp = &streams;
	int r = -1;
	while (*pp) {
		struct stream *s = *pp;
		if (strcmp(s->name, name) == 0) {
			*pp = s->next;
			r = close_one(s);
		} else
			pp = &s->next;
	}
	fflush(stdout);
	return r;
}

void
streams_close_all(void)
{
	fflush(stdout);
	while (streams) {
		struct stream *s = streams;
		streams = s->next;
		close_one(s);
	}
	fflush(stdout);
}

/* fflush(name), or every output stream (name NULL): 0, or -1 if name is not open. */
int
streams_flush(const char *name)
{
	struct stream *s;
	int r = name ? -1 : 0;
	fflush(stdout);
	fflush(stderr);
	for (s = streams; s; s = s->next)
		if (!name || strcmp(s->name, name) == 0) {
			if (s->kind != G_FILE && s->kind != G_CMD)
				fflush(s->f);
			r = 0;
		}
	return r;
}
