/*
 * sed.h - the stream editor's shared declarations: the compiled script, the buffers, the
 * outputs, and the functions each file provides.
 *
 * sed is three C files, built as one program (/bin/sed):
 *   main.c     the options (-n, -e, -f), the input (the files as one stream of lines, read
 *              one ahead so that $ is known) and the outputs (standard output and w files);
 *   compile.c  the script's text -> cmds[]: addresses, commands, { } blocks, labels, the
 *              arguments of s, y, a, i, c, r, w; errors name the -e expression (or the -f
 *              file's line) and the character where the problem was found;
 *   exec.c     the cycle: each line into the pattern space, the commands whose addresses
 *              select it, the hold space, the appended text, the end of the cycle.
 * The language is in handouts/commands.md, "sed".  The program is plain POSIX C: it builds
 * for Minnow and for the host (tools/tests/test_commands.py).
 */
#ifndef SED_H
#define SED_H

#include <stddef.h>
#include <stdio.h>

#define SED_GROUPS 10           /* \0 (the whole match) and \1..\9 */

struct regex;                   /* a compiled regular expression (../lib/regex.h) */

/* Where a match (m[0]) and its groups (m[1..9]) start and end; -1 for a group not used. */
struct span {
	int so, eo;
};

/* A growable string (the pattern and hold spaces): len bytes at s, NUL-terminated; nl: it
 * is written with a newline (not if it came from the input's last line, which had none;
 * the flag goes with the text through g G h H x). */
struct buf {
	char *s;
	size_t len, cap;
	int nl;
};

/* An output: standard output or a w file (one per name); missing_nl: the last line
 * written lacked its newline (the input's last line did), which is added before more. */
struct output {
	FILE *f;
	char *name;
	int missing_nl;
	struct output *next;
};

enum addr_kind { A_NONE, A_LINE, A_LAST, A_RE };

/* An address: a line number, $ or a regular expression (NULL: the last one used). */
struct addr {
	enum addr_kind kind;
	long line;
	struct regex *re;
};

/* One command of the script. */
struct cmd {
	struct addr a1, a2;
	int neg;                /* ! */
	int active;             /* a range that has started and not ended */
	int closed;             /* a range from a line number that has ended */
	char name;              /* the command letter, { or } or : */
	struct regex *re;       /* s: the pattern */
	char *rep;              /* s: the replacement (escapes kept) */
	int global, print, nth; /* s: flags g, p and N (1 by default) */
	struct output *out;     /* w, s///w: where to write */
	char *text;             /* a i c: the text; r: the file; : b t: the label */
	unsigned char *map;     /* y: the character map */
	int jump;               /* { b t: the index of the next command to run */
	int status;             /* q: the exit status */
};

/* ---- main.c: input, outputs ---- */
extern int opt_n;               /* -n (or #n): no automatic printing */
extern long lineno;             /* the number of the last line read */
extern int exit_status;
extern struct output out_stdout;
void die(int status, const char *fmt, ...);
void *xmalloc(size_t n);
int input_line(struct buf *b, int append);
int input_last(void);
struct output *open_output(const char *name);
void out_begin(struct output *o);
void out_line(struct output *o, const char *s, size_t len, int newline);

/* ---- compile.c: the script ---- */
extern struct cmd *cmds;
extern int ncmds;
void add_script(const char *text, const char *file);
void compile_script(void);
int re_search(struct regex *re, const char *s, int from, struct span *m);

/* ---- exec.c: the cycle ---- */
void buf_set(struct buf *b, const char *s, size_t len);
void buf_add(struct buf *b, const char *s, size_t len);
int execute(void);

#endif /* SED_H */
