/*
 * awk.h - the declarations shared by the files of awk (commands/awk).
 *
 * awk is a POSIX awk in portable C99/POSIX: lex.c turns the program text into tokens,
 * parse.c builds a tree of Nodes from them, run.c walks that tree (statements and
 * expressions), value.c holds Cells (awk values: a double, a string, or both), variables
 * and associative arrays, builtin.c the built-in functions and printf formatting, field.c
 * records and fields (splitting by FS, rebuilding $0), io.c input and output streams
 * (files, pipes, getline), main.c the command line and the top level.
 *
 * Errors: syntax and run-time errors call awk_error(), which prints
 * "awk: <message> at source line N" and longjmps to the top level (main.c), which exits 2.
 * Usage: handouts/commands.md, "awk".
 */
#ifndef AWK_H
#define AWK_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <regex.h>

/* ---- values (value.c) ---------------------------------------------------------------- */

/** Cell types: how a value compares (numbers and strnums numerically). */
enum { C_UNINIT, C_NUM, C_STR, C_STRNUM };

/** An awk value: num is valid for C_NUM and C_STRNUM, str (malloc'd, owned) for C_STR and
 *  C_STRNUM; a C_NUM may carry its string form in str as a cache. */
typedef struct Cell {
	int type;
	double num;
	char *str;
} Cell;

typedef struct Elem {
	char *key;
	Cell val;
	struct Elem *next;
} Elem;

/** An associative array: a chained hash table of Elems (their addresses never move). */
typedef struct Array {
	Elem **tab;
	size_t size, count;
} Array;

enum { K_UNKNOWN, K_SCALAR, K_ARRAY };

/** A variable: a global or a function's local; ref is the caller's variable when an
 *  array (or a variable not yet used) was passed to a function parameter. */
typedef struct Var {
	char *name;
	int kind;
	Cell val;
	Array *arr;
	struct Var *ref;
} Var;

Cell cell_num(double d);
Cell cell_str(const char *s);
Cell cell_strn(const char *s, size_t n);
Cell cell_take(char *s);
Cell cell_strnum(const char *s);
Cell cell_copy(const Cell *c);
void cell_free(Cell *c);
void cell_set(Cell *dst, Cell v);
double cell_getnum(const Cell *c);
const char *cell_getstr(Cell *c);
char *num_to_str(double d, const char *fmt);
int looks_numeric(const char *s);
double str_to_num(const char *s);
int cell_true(Cell *c);
int cell_compare(Cell *a, Cell *b);

Array *array_new(void);
void array_free(Array *a);
Cell *array_get(Array *a, const char *key);
Cell *array_find(Array *a, const char *key);
void array_delete(Array *a, const char *key);
void array_clear(Array *a);
char **array_keys(Array *a, size_t *n);

Var *var_lookup(const char *name);
Var *var_install(const char *name);
Cell *var_scalar(Var *v);
Array *var_array(Var *v);
void var_setstr(Var *v, const char *s);
void var_setnum(Var *v, double d);

/* ---- the tree (parse.c) -------------------------------------------------------------- */

enum node_type {
	N_NUM, N_STR, N_REGEX, N_VAR, N_LOCAL, N_INDEX, N_FIELD, N_GROUP,
	N_ASSIGN, N_COND, N_AND, N_OR, N_NOT, N_BINARY, N_CMP, N_MATCH, N_NOMATCH,
	N_CONCAT, N_NEG, N_PLUS, N_PREINC, N_PREDEC, N_POSTINC, N_POSTDEC, N_IN,
	N_CALL, N_BUILTIN, N_GETLINE,
	N_PRINT, N_PRINTF, N_EXPR, N_IF, N_WHILE, N_DO, N_FOR, N_FORIN, N_BLOCK,
	N_NEXT, N_NEXTFILE, N_EXIT, N_RETURN, N_BREAK, N_CONTINUE, N_DELETE,
};

/** Getline and output redirection kinds (Node.op of N_GETLINE and N_PRINT/N_PRINTF). */
enum { R_NONE, R_FILE, R_APPEND, R_PIPE, G_SIMPLE, G_FILE, G_CMD };

/** A node of the program tree: a[] are its children, next links lists (statements,
 *  arguments); op is the operator token or sub-kind; num/str/re hold constants. */
typedef struct Node {
	int type, op, line;
	struct Node *a[4];
	struct Node *next;
	double num;
	char *str;
	regex_t *re;
	Var *var;
	int index;
	struct Func *func;
} Node;

/** A user function: its parameters (the first nargs are the call's, the rest locals). */
typedef struct Func {
	char *name;
	char **params;
	int nparams;
	Node *body;
	int defined, line;
	struct Func *next;
} Func;

/** A pattern-action rule; kind is BEGIN, END or a main rule (pat2 non-NULL: a range). */
typedef struct Rule {
	int kind;
	Node *pat, *pat2, *action;
	int in_range;
	struct Rule *next;
} Rule;

enum { RULE_BEGIN, RULE_MAIN, RULE_END };

extern Rule *rules;
void parse_program(const char *text);
Func *func_lookup(const char *name);

/* ---- lexer (lex.c) ------------------------------------------------------------------- */

enum token {
	T_EOF = 256, T_NEWLINE, T_NUMBER, T_STRING, T_ERE, T_NAME, T_FUNC_NAME, T_BUILTIN,
	T_BEGIN, T_END, T_FUNCTION, T_IF, T_ELSE, T_WHILE, T_FOR, T_DO, T_BREAK, T_CONTINUE,
	T_NEXT, T_NEXTFILE, T_EXIT, T_RETURN, T_DELETE, T_GETLINE, T_PRINT, T_PRINTF, T_IN,
	T_ADD_ASSIGN, T_SUB_ASSIGN, T_MUL_ASSIGN, T_DIV_ASSIGN, T_MOD_ASSIGN, T_POW_ASSIGN,
	T_OR, T_AND, T_MATCH_OP, T_NOMATCH, T_EQ, T_LE, T_GE, T_NE, T_INCR, T_DECR,
	T_APPEND, T_PIPE_GETLINE,
};

/** The current token: its kind, line, and text or number. */
struct lexer {
	const char *src, *pos;
	int line;
	int tok;
	int tok_line;
	char *text;
	double num;
	int builtin;
};

extern struct lexer lex;
void lex_init(const char *src);
void lex_next(void);
void lex_regex(void);
const char *token_name(int tok);
char *unescape(const char *s, size_t n);

/* ---- builtins (builtin.c) ------------------------------------------------------------ */

enum builtin {
	B_LENGTH, B_SUBSTR, B_INDEX, B_SPLIT, B_SUB, B_GSUB, B_MATCH, B_SPRINTF, B_SIN,
	B_COS, B_ATAN2, B_EXP, B_LOG, B_SQRT, B_INT, B_RAND, B_SRAND, B_TOLOWER, B_TOUPPER,
	B_SYSTEM, B_CLOSE, B_FFLUSH,
};

int builtin_lookup(const char *name);
Cell call_builtin(Node *n);
char *format(const char *fmt, Node *args, size_t *len);
char *format_number(const char *fmt, double d);

/* ---- regular expressions (regex cache in builtin.c) ------------------------------------ */

regex_t *re_compile(const char *s);
regex_t *re_of(Node *n);
int re_match(regex_t *re, const char *s, int eflags, size_t *so, size_t *eo);

/* ---- the interpreter (run.c) ------------------------------------------------------------ */

Cell eval(Node *n);
double eval_num(Node *n);
char *eval_str(Node *n);
void run_program(void);
void assign_lvalue(Node *lhs, Cell v);
Array *node_array(Node *n);
Var *node_var(Node *n);
extern int cur_line;

/* ---- records and fields (field.c) ------------------------------------------------------ */

extern Var *v_NF, *v_NR, *v_FNR, *v_FS, *v_OFS, *v_ORS, *v_RS, *v_FILENAME, *v_SUBSEP,
	*v_RSTART, *v_RLENGTH, *v_CONVFMT, *v_OFMT, *v_ENVIRON, *v_ARGC, *v_ARGV;
void set_record(const char *s, size_t n);
Cell *field_get(int i);
void field_set(int i, Cell v);
void nf_changed(void);
Cell *record(void);
size_t split_into(const char *s, Array *a, const char *fs, int is_regex);
size_t split_list(const char *s, const char *fs, int is_regex, char ***list);

/* ---- input and output (io.c) ------------------------------------------------------------ */

FILE *output_stream(int kind, const char *name);
int stream_close(const char *name);
void streams_close_all(void);
int streams_flush(const char *name);
int main_getline(char **rec, size_t *len);
int file_getline(int kind, const char *name, char **rec, size_t *len);
void nextfile(void);
int read_record(FILE *f, char **rec, size_t *len);
void command_assign(const char *arg);
int is_assignment(const char *arg);

/* ---- errors and memory (main.c) ---------------------------------------------------------- */

void awk_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/** A growable string. */
typedef struct Buf {
	char *s;
	size_t len, cap;
} Buf;

void buf_add(Buf *b, const char *s, size_t n);
void buf_addc(Buf *b, int c);
void buf_adds(Buf *b, const char *s);
char *buf_take(Buf *b);

extern sigjmp_buf next_jmp;    /* set once per record: sigsetjmp(next_jmp, 0), no call to PM */
extern jmp_buf exit_jmp;
extern int exit_code;

#endif
