/*
 * sh.h - the shell's shared declarations: tokens, the parsed command line, variables,
 * and the functions each file provides.
 *
 * A command goes through four stages (each its own file):
 *   lex.c     text -> tokens: words (raw: quotes, $ and $(...) still in them), operators
 *             (| || & && ; ;; ( ) newline, redirections such as <, >, >>, 2>&1, <<WORD)
 *             and the bodies of here-documents;
 *   parse.c   tokens -> a list of and-or lists of pipelines of commands, simple or
 *             compound (if, while, until, for, case, { }, ( ), function definitions);
 *   expand.c  each word, just before its command runs, -> fields: quotes removed,
 *             parameters, $(...) and `...` (a child's output), $((...)) (arith.c)
 *             substituted, then unquoted * ? [...] matched against file names (glob.c);
 *   exec.c    fork, process groups, pipes and redirections with dup2, exec
 *             (compound.c runs the compound commands and functions; builtin.c and
 *             lang.c have the commands the shell runs itself).
 *   jobs.c    waiting for pipelines, background jobs, job control (^Z, fg, bg, jobs).
 *   trap.c    the trap builtin and running trap actions.
 * The program is plain POSIX C: it builds for Minnow and for the host (host tests).
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>
#include <signal.h>
#include "../lib/signames.h"

/* ---- tokens (lex.c) ---- */
enum tok_type {
	T_WORD,         /* a word, raw */
	T_PIPE,         /* | */
	T_AND,          /* && */
	T_OR,           /* || */
	T_SEMI,         /* ; or a newline */
	T_AMP,          /* & */
	T_REDIR,        /* a redirection operator (redir_fd, redir_op) */
	T_END,          /* end of the input */
	T_LPAREN,       /* ( */
	T_RPAREN,       /* ) */
	T_DSEMI         /* ;; */
};

/* Redirection operators. */
enum redir_op {
	R_IN,           /* n<file   (n = 0) */
	R_OUT,          /* n>file   (n = 1) */
	R_APPEND,       /* n>>file  (n = 1) */
	R_DUPOUT,       /* n>&m     (n = 1) */
	R_DUPIN,        /* n<&m     (n = 0) */
	R_HEREDOC       /* n<<WORD, n<<-WORD (n = 0): the body from the following lines */
};

struct token {
	enum tok_type type;
	char *text;             /* T_WORD: the raw word */
	int redir_fd;           /* T_REDIR: the descriptor redirected */
	enum redir_op redir_op; /* T_REDIR: how */
	char *heredoc;          /* T_REDIR R_HEREDOC: the body */
	int heredoc_quoted;     /* ... its WORD was quoted: no expansion in the body */
	int heredoc_strip;      /* ... <<-: leading tabs removed */
	const char *start;      /* where the token starts in the text */
	const char *end;        /* just after it */
};

/* Tokenize line: 0 with *toks (ending in T_END) and *ntok; LEX_MORE if the line is not
 * complete (an open quote or $(, a trailing backslash, |, && or ||, a here-document
 * without its end line); -1 after a message. */
#define LEX_MORE 1
int lex_line(const char *line, struct token **toks, int *ntok);
/* p is just after "$(" or "${" (close ')' or '}') or "`" (close '`'): the character after
 * the matching close, or NULL if the text ends first.  Quotes and nesting are honoured. */
const char *skip_nested(const char *p, char close);

/* ---- the parsed line (parse.c) ---- */
struct redir {
	int fd;                 /* the descriptor redirected */
	enum redir_op op;
	char *word;             /* the raw target word (R_HEREDOC: the body) */
	int quoted;             /* R_HEREDOC: the body is taken literally */
};

struct cmdlist;

/* What a command is. */
enum cmd_kind {
	C_SIMPLE,       /* words and redirections */
	C_IF,           /* if cond; then body; [else/elif: other]; fi */
	C_WHILE,        /* while cond; do body; done */
	C_UNTIL,        /* until cond; do body; done */
	C_FOR,          /* for name [in words]; do body; done */
	C_CASE,         /* case words[0] in items esac */
	C_BRACE,        /* { body; } */
	C_SUBSHELL,     /* ( body ) */
	C_FUNCDEF       /* name() compound: name, text */
};

/* One "pattern|pattern) body ;;" of a case command. */
struct case_item {
	char **pats;            /* raw pattern words */
	int npats;
	struct cmdlist *body;
};

struct command {
	enum cmd_kind kind;
	char **words;           /* raw words (assignments first), NULL-terminated; C_FOR:
				   the words after "in"; C_CASE: the subject */
	int nwords;
	struct redir *redirs;
	int nredirs;
	struct cmdlist *cond;   /* C_IF, C_WHILE, C_UNTIL */
	struct cmdlist *body;   /* C_IF (then), loops, C_BRACE, C_SUBSHELL */
	struct cmdlist *other;  /* C_IF: the else part (an elif is an if in it), or NULL */
	char *name;             /* C_FOR: the variable; C_FUNCDEF: the function */
	int has_in;             /* C_FOR: "in" given (else "$@") */
	char *text;             /* C_FUNCDEF: the body's source text */
	struct case_item *items;        /* C_CASE */
	int nitems;
};

struct pipeline {
	struct command *cmds;
	int ncmds;
	int negate;             /* ! pipeline */
};

/* p[0] op[0] p[1] op[1] ... : op is T_AND or T_OR. */
struct andor {
	struct pipeline *pls;
	enum tok_type *ops;
	int npls;
	int background;         /* ended by & */
	char *text;             /* its words, for job messages */
};

struct cmdlist {
	struct andor *items;
	int n;
};

/* Parse tokens into *list: 0; PARSE_MORE if the tokens end inside a command (more lines
 * are needed: "if true"), without a message; or -1 after a syntax error message. */
#define PARSE_MORE 1
int parse_tokens(struct token *toks, int ntok, struct cmdlist *list);
/* Is the raw word w the reserved word r (unquoted)? */
int is_word(const struct token *t, const char *r);

/* ---- memory of one line: freed together when the line is done (parse.c) ---- */
void *line_alloc(size_t size);
char *line_strdup(const char *s);
void line_free_all(void);
/* A mark, and freeing what was allocated since it (a trap's line inside another line). */
void *line_mark(void);
void line_free_to(void *mark);

/* ---- expansion (expand.c) ---- */
/* A growing NULL-terminated array of malloc'ed strings. */
struct strvec {
	char **v;
	int n;
	int cap;
	int glob;               /* expand_word: match file names for * ? [ */
	int pattern;            /* expand_word: a pattern (case): quoted specials escaped */
	int nosplit;            /* expand_word: no field splitting (assignments, targets) */
};
void strvec_add(struct strvec *sv, char *s);
void strvec_free(struct strvec *sv);
/* Expand raw word into fields added to out. */
void expand_word(const char *raw, struct strvec *out);
/* Expand raw word into one string (fields joined by spaces); malloc'ed. */
char *expand_single(const char *raw);
/* Expand raw as a pattern (case, ${v#p}): one malloc'ed string, quoted specials escaped. */
char *expand_pattern(const char *raw);
/* Expand the body of a here-document: $, `...` and \ as inside "...", nothing else. */
char *expand_heredoc(const char *body);
/* Run the command text in a child and return its standard output without the trailing
 * newlines (malloc'ed); its status goes to sh_subst_status. */
char *command_output(const char *text);
extern int sh_subst_status;     /* the status of the last $(...) or -1 */
/* IFS (default blank, tab, newline). */
const char *ifs_chars(void);
/* Does s hold a * ? or [? */
int has_wildcard(const char *s);
/* Does name match pattern pat (* ? [...] with ! or ^, \ quotes the next character)? */
int pattern_match(const char *pat, const char *name);
/* Add to out the names matching pattern (glob escapes), else literal (both malloc'ed; the
 * ones not kept are freed). */
void glob_field(char *pattern, char *literal, struct strvec *out);
/* arith.c: the value of the arithmetic expression text ($((...)) after expansion); 0 and
 * a message in *err if it is bad. */
long arith_eval(const char *text, const char **err);
/* Is raw an assignment NAME=value (unquoted name)? Then the length of NAME, else 0. */
size_t assignment_name_len(const char *raw);

/* ---- variables (var.c) ---- */
void var_import(char **env);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
/* Unset name: 0, or -1 after a message if it is read-only. */
int var_unset(const char *name);
void var_export(const char *name);
/* readonly: is name read-only; make it so (0, -1: bad name); list them as readonly does. */
int var_readonly(const char *name);
int var_set_readonly(const char *name);
void var_print_readonly(void);
/* Function scopes for local: a frame per running function (push when it starts, pop
 * when it ends: the saved variables come back); make name local in the innermost frame
 * (0, or -1 outside any function). */
void var_push_scope(void);
void var_pop_scope(void);
int var_in_scope(void);
int var_make_local(const char *name);
/* getopts.c, ulimit.c: the getopts and ulimit builtins. */
int bi_getopts(int argc, char **argv);
int bi_ulimit(int argc, char **argv);
/* The environment for a new program: exported variables plus the extra NAME=value
 * strings; malloc'ed (free with strvec_free). */
void var_environ(struct strvec *out, char **extra, int nextra);
int var_valid_name(const char *name, size_t len);
void var_print_exported(void);

/* ---- execution (exec.c, builtin.c) ---- */
int run_list(struct cmdlist *list);
/* jobs.c: waiting, background jobs, job control. */
void reap_jobs(int report);
int wait_jobs(pid_t pid);
void add_job(const pid_t *pids, int n, pid_t pgid, const char *text);
/* Wait for the foreground pipeline pids[0..n) of group pgid (stopped: kept as a job); $?. */
int run_foreground(const pid_t *pids, int n, pid_t pgid, const char *text);
void give_terminal(pid_t pgrp);
int status_of(int st);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_jobs(int argc, char **argv);
/* trap.c: the trap builtin; the actions of signals that came, between command lines. */
int bi_trap(int argc, char **argv);
void run_traps(void);
void run_exit_trap(void);
/* main.c: run commands given as text, as a script (its memory freed after, the current
 * line's kept): the status of the last; the shell's action for sig without a trap. */
int run_string(const char *text);
typedef void (*sh_handler_t)(int);     /* a signal action (SIG_DFL, SIG_IGN, a handler) */
sh_handler_t sh_own_action(int sig);
/* The builtin named name, or NULL. */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name);
/* Apply the redirections of c (raw targets expanded); if saved is not NULL remember the
 * old descriptors there (for builtins run in the shell itself).  0, or -1 after a message. */
int apply_redirs(struct command *c, int *saved, int nsaved);
void restore_redirs(int *saved, int nsaved);
/* Exec argv (searching PATH) with envp; returns only on failure, with the exit status to
 * use (126, 127) after printing the message. */
int exec_program(char **argv, char **envp);
/* Not NULL: the PATH exec_program searches instead of $PATH (command -p). */
extern const char *exec_search_path;
/* Describe wait status st of a process a signal killed: "Segmentation fault (SIGSEGV,
 * signal 11)", with " (core dumped)" when it left a core file. */
void describe_signal(int st, char *buf, size_t size);

/* compound.c: run command c of kind other than C_SIMPLE in this process; its status. */
int run_compound(struct command *c);
/* Run the function name (NULL: there is none -> -1) with arguments argv[1..]. */
int run_function(const char *name, int argc, char **argv);
int is_function(const char *name);
void unset_function(const char *name);
/* lang.c: the positional parameters $1.. become args[0..n) (copied); the old ones are
 * returned (to give back to params_restore). */
struct params { char **v; int n; };
struct params params_set(char **args, int n);
void params_restore(struct params old);
/* The builtins of the language: read, shift, set, return, break, continue, eval, ., test. */
builtin_fn find_lang_builtin(const char *name);

/* ---- shell state (main.c) ---- */
extern int sh_status;           /* $? */
extern pid_t sh_pid;            /* $$ */
extern int sh_interactive;      /* prompts; ignores SIGINT */
extern int sh_jobcontrol;       /* process groups and the terminal's foreground group */
extern pid_t sh_pgrp;           /* the shell's own process group */
extern char **sh_argv;          /* $0, $1, ... */
extern int sh_argc;
extern int sh_exit_requested;   /* the exit builtin ran */
extern int sh_background;       /* a subshell running a background list */
extern pid_t sh_lastbg;         /* $!: the last background job */
extern const char *sh_name;     /* for messages: "sh" */
extern int sh_breaking;         /* break n: loops still to leave */
extern int sh_continuing;       /* continue n: loops still to leave, then go on */
extern int sh_returning;        /* return ran: leave the function */
extern int sh_loopdepth;        /* loops running */
extern int sh_funcdepth;        /* functions running */
extern int sh_errexit;          /* set -e */
extern int sh_xtrace;           /* set -x */
extern int sh_noerrexit;        /* > 0: in a condition, set -e does not apply */
extern int sh_intr_unwind;      /* interactive: ^C or ^Z in a loop, the loops stop */
/* Should run_list stop (exit, break, continue, return, ^C)? */
#define SH_UNWINDING() (sh_exit_requested || sh_breaking || sh_continuing || sh_returning || \
			sh_intr_unwind)

/* Print "sh: " and the formatted message on stderr. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* SH_H */
