/*
 * main.c - the shell's start and its read-parse-run loop.
 *
 * Usage: sh [-i] [-e] [-x] [-c command [name [arg...]] | script [arg...]]
 * Input comes from the -c string, a script file, or standard input.  The shell is
 * interactive with -i, or when it reads standard input and that is a terminal: it then
 * prints a prompt ("# " for root, "$ " for others; "> " while a command is incomplete),
 * catches SIGINT (^C at the prompt drops the line and prints a fresh prompt; while a
 * foreground job runs, ^C ends only the job) and ignores SIGQUIT, reports finished
 * background jobs before each prompt, and, on a terminal, does job control: it leads its
 * own process group and hands the terminal to each foreground job (exec.c).
 * Standard input is read one byte at a time, so that a command run by the shell finds
 * the rest of the input where the shell stopped.  A command is read whole before it
 * runs: more lines are read while the lexer or the parser says it is not complete (an
 * open quote, an if without its fi, a here-document without its end line).  The exit
 * status is that of the last command (or of exit n).  run_string() runs text the same way
 * (functions, eval, ., $(...), traps).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <termios.h>
#include "sh.h"

extern char **environ;

int sh_status;
pid_t sh_pid;
int sh_interactive;
int sh_jobcontrol;
pid_t sh_pgrp;
char **sh_argv;
int sh_argc;
int sh_exit_requested;
int sh_background;
pid_t sh_lastbg;
const char *sh_name = "sh";
int sh_breaking;
int sh_continuing;
int sh_returning;
int sh_loopdepth;
int sh_funcdepth;
int sh_errexit;
int sh_xtrace;
int sh_noerrexit;
int sh_intr_unwind;

/* Where the lines come from. */
struct input {
	int fd;                 /* -1: from str */
	const char *str;        /* the -c string (advanced as it is used) */
};

/* One write for the whole message, so that it reaches the console in one piece. */
void
sh_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", sh_name, msg);
}

/* Append c to the malloc'ed line *buf (length *len). */
static void
line_add(char **buf, size_t *len, size_t *cap, char c)
{
	if (*len + 2 > *cap) {
		*cap = *cap * 2 + 128;
		if ((*buf = realloc(*buf, *cap)) == NULL) {
			sh_error("out of memory");
			exit(2);
		}
	}
	(*buf)[(*len)++] = c;
	(*buf)[*len] = '\0';
}

/* Set by the SIGINT handler of an interactive shell: ^C at the prompt. */
static volatile sig_atomic_t interrupted;

static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
	if (sh_loopdepth > 0)
		sh_intr_unwind = 1;     /* while a loop runs: stop it */
}

/* The shell's own action for sig, without a trap: an interactive shell catches SIGINT
 * and ignores SIGQUIT and the terminal's stops; otherwise the default. */
sh_handler_t
sh_own_action(int sig)
{
	if (!sh_interactive)
		return SIG_DFL;
	if (sig == SIGINT)
		return on_interrupt;
	if (sig == SIGQUIT || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
		return SIG_IGN;
	return SIG_DFL;
}

/* Read one line (without its newline) onto the end of *buf: 1, 0 at end of input, or -1
 * if ^C interrupted the read (the command read so far is dropped).  A trapped signal's
 * action runs at once (trap.c) and the read goes on. */
static int
read_line(struct input *in, char **buf, size_t *len, size_t *cap)
{
	size_t start = *len;
	char c;
	ssize_t n;

	line_add(buf, len, cap, '\0');
	(*len)--;
	for (;;) {
		if (in->fd < 0) {
			if (*in->str == '\0')
				return *len > start;
			c = *in->str++;
		} else if ((n = read(in->fd, &c, 1)) <= 0) {
			if (n < 0 && errno == EINTR && interrupted)
				return -1;
			if (n < 0 && errno == EINTR) {
				run_traps();
				continue;
			}
			return *len > start;
		}
		if (c == '\n')
			return 1;
		line_add(buf, len, cap, c);
	}
}

/* make bench (tools/bench.py): with MINNOW_BENCH set (init's "bench" argument), the first
 * prompt is preceded by the time stamp counter -- guest instructions since boot under
 * QEMU's -icount -- as "bench: boot_to_prompt N". */
static void
bench_first_prompt(void)
{
#if defined(__i386__) || defined(__x86_64__)
	static int done;
	uint32_t lo, hi;

	if (done || getenv("MINNOW_BENCH") == NULL)
		return;
	done = 1;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	fprintf(stderr, "bench: boot_to_prompt %llu\n",
		(unsigned long long)(((uint64_t)hi << 32) | lo));
#endif
}

static void
prompt(int more)
{
	const char *ps = more ? "> " : var_get("PS1");

	bench_first_prompt();
	if (ps == NULL)
		ps = geteuid() == 0 ? "# " : "$ ";
	fputs(ps, stderr);
	fflush(stderr);
}

/* Lex and parse buf: 0 with *list, LEX_MORE or PARSE_MORE (incomplete), -1 (error). */
static int
parse_text(const char *buf, struct cmdlist *list)
{
	struct token *toks;
	int ntok, r;

	if ((r = lex_line(buf, &toks, &ntok)) != 0)
		return r;
	return parse_tokens(toks, ntok, list);
}

/* Read a complete command (more lines while it is incomplete) and run it: 0 at end of
 * input, else 1. */
static int
one_command(struct input *in)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct cmdlist list;
	void *mark = line_mark();
	int r, more = 0;

	for (;;) {
		if (sh_interactive && in->fd >= 0)
			prompt(more);
		interrupted = 0;
		if ((r = read_line(in, &buf, &len, &cap)) < 0) {
			fputs("\n", stderr);	/* ^C: a fresh prompt, nothing run */
			line_free_to(mark);
			free(buf);
			sh_status = 130;
			return 1;
		}
		if (r == 0) {
			if (more) {
				sh_error("unexpected end of input");
				sh_status = 2;
			}
			line_free_to(mark);
			free(buf);
			return 0;
		}
		if ((r = parse_text(buf, &list)) <= 0)
			break;
		line_free_to(mark);
		line_add(&buf, &len, &cap, '\n');
		more = 1;
	}
	if (in->fd >= 0)
		sh_intr_unwind = 0;     /* a ^C typed before it does not count */
	if (r == 0)
		run_list(&list);
	else
		sh_status = 2;
	if (in->fd >= 0)
		sh_intr_unwind = 0;     /* the typed command is over */
	line_free_to(mark);
	free(buf);
	return 1;
}

int
run_string(const char *text)
{
	struct input in = { -1, text };

	while (!SH_UNWINDING() && one_command(&in))
		;
	return sh_status;
}

/* Set up job control on the terminal (fd 0). */
static void
start_job_control(void)
{
	sh_pgrp = getpgrp();
	if (!sh_interactive || !isatty(0))
		return;
	if (getpgrp() != getpid() && setpgid(0, 0) == 0)
		sh_pgrp = getpid();
	sh_jobcontrol = tcsetpgrp(0, sh_pgrp) == 0;
}

/* Parse the options; set up in.  Returns 0, or 2 after a usage message. */
static int
options(int argc, char **argv, struct input *in, int *force_interactive)
{
	int i = 1;

	in->fd = 0;
	in->str = NULL;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "-i") == 0) {
			*force_interactive = 1;
		} else if (strcmp(argv[i], "-e") == 0 || strcmp(argv[i], "-x") == 0) {
			*(argv[i][1] == 'e' ? &sh_errexit : &sh_xtrace) = 1;
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			in->fd = -1;
			in->str = argv[++i];
			i++;
			break;
		} else {
			sh_error("bad option %s\nusage: sh [-iex] [-c command [name arg...] | "
			         "script [arg...]]", argv[i]);
			return 2;
		}
	}
	sh_argv = argv;                 /* $0 is the shell, the script or -c's name */
	sh_argc = 1;
	if (in->fd >= 0 && i < argc) {
		if ((in->fd = open(argv[i], O_RDONLY)) < 0) {
			sh_error("%s: %s", argv[i], strerror(errno));
			return 127;
		}
		if (in->fd < 10) {      /* out of the way of the scripts' own redirections */
			int high = fcntl(in->fd, F_DUPFD, 10);

			if (high >= 0) {
				close(in->fd);
				in->fd = high;
			}
		}
		(void)fcntl(in->fd, F_SETFD, FD_CLOEXEC);
		sh_argv = argv + i;
		sh_argc = argc - i;
	} else if (in->fd < 0 && i < argc) {
		sh_argv = argv + i;
		sh_argc = argc - i;
	}
	(void)params_set(sh_argv + 1, sh_argc - 1);     /* a copy, for set and shift */
	return 0;
}

int
main(int argc, char **argv)
{
	struct input in;
	int force = 0, r;

	if ((r = options(argc, argv, &in, &force)) != 0)
		return r;
	sh_pid = getpid();
	var_import(environ);
	if (var_get("PATH") == NULL)
		var_set("PATH", "/bin", 1);
	var_set("IFS", " \t\n", 0);  /* never taken from the environment */
	sh_interactive = force || (in.fd == 0 && isatty(0));
	if (sh_interactive) {
		signal(SIGINT, sh_own_action(SIGINT));	/* ^C at the prompt: a fresh one */
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);	/* ^Z stops jobs, never the shell */
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
	}
	start_job_control();
	while (!sh_exit_requested && one_command(&in)) {
		fflush(stdout);
		run_traps();
		reap_jobs(sh_interactive);
	}
	run_exit_trap();
	fflush(NULL);
	return sh_status;
}
