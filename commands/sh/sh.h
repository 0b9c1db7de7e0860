/*
 * sh.h - the shell's shared declarations: tokens, the parsed command line, variables,
 * and the functions each file provides.
 *
 * A line goes through four stages (each its own file):
 *   lex.c     text -> tokens: words (raw: quotes and $ still in them) and operators
 *             (| || & && ; newline, and redirections such as <, >, >>, 2>, 2>&1);
 *   parse.c   tokens -> a list of and-or lists of pipelines of simple commands;
 *   expand.c  each word, just before its command runs, -> fields: quotes removed,
 *             backslashes and $VAR, ${VAR}, $?, $$, $#, $0..$9, $@ substituted, then
 *             unquoted * and ? matched against file names (glob.c);
 *   exec.c    fork, process groups, pipes and redirections with dup2, exec
 *             (builtin.c has the commands the shell runs itself).
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
	T_END           /* end of the input */
};

/* Redirection operators. */
enum redir_op {
	R_IN,           /* n<file   (n = 0) */
	R_OUT,          /* n>file   (n = 1) */
	R_APPEND,       /* n>>file  (n = 1) */
	R_DUPOUT,       /* n>&m     (n = 1) */
	R_DUPIN         /* n<&m     (n = 0) */
};

struct token {
	enum tok_type type;
	char *text;             /* T_WORD: the raw word */
	int redir_fd;           /* T_REDIR: the descriptor redirected */
	enum redir_op redir_op; /* T_REDIR: how */
};

/* Tokenize line: 0 with *toks (ending in T_END) and *ntok; LEX_MORE if the line is not
 * complete (an open quote, a trailing backslash, |, && or ||); -1 after a message. */
#define LEX_MORE 1
int lex_line(const char *line, struct token **toks, int *ntok);

/* ---- the parsed line (parse.c) ---- */
struct redir {
	int fd;                 /* the descriptor redirected */
	enum redir_op op;
	char *word;             /* the raw target word */
};

struct command {
	char **words;           /* raw words (assignments first), NULL-terminated */
	int nwords;
	struct redir *redirs;
	int nredirs;
};

struct pipeline {
	struct command *cmds;
	int ncmds;
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

/* Parse tokens into *list: 0, or -1 after a syntax error message. */
int parse_tokens(struct token *toks, int ntok, struct cmdlist *list);

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
	int glob;               /* expand_word: match file names for * and ? */
};
void strvec_add(struct strvec *sv, char *s);
void strvec_free(struct strvec *sv);
/* Expand raw word into fields added to out. */
void expand_word(const char *raw, struct strvec *out);
/* Expand raw word into one string (fields joined by spaces); malloc'ed. */
char *expand_single(const char *raw);
/* Does s hold a * or ?? */
int has_wildcard(const char *s);
/* Add to out the names matching the malloc'ed pattern (which is kept or freed). */
void glob_field(char *pattern, struct strvec *out);
/* Is raw an assignment NAME=value (unquoted name)? Then the length of NAME, else 0. */
size_t assignment_name_len(const char *raw);

/* ---- variables (var.c) ---- */
void var_import(char **env);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
void var_unset(const char *name);
void var_export(const char *name);
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
/* main.c: run one command line given as text (its memory freed after, the current line's
 * kept); the shell's action for sig without a trap. */
void run_string(const char *text);
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
/* Describe wait status st of a process a signal killed: "Segmentation fault (SIGSEGV,
 * signal 11)", with " (core dumped)" when it left a core file. */
void describe_signal(int st, char *buf, size_t size);

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

/* Print "sh: " and the formatted message on stderr. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* SH_H */
