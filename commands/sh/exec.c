/*
 * exec.c - running a parsed line: and-or lists, pipelines, simple commands (jobs.c waits
 * for them and keeps the jobs).
 *
 * A pipeline of n commands makes n-1 pipes and forks n children.  With job control (an
 * interactive shell on a terminal) every pipeline is its own process group (the first
 * child's pid), set by both the parent and the child with setpgid() so that neither can
 * run ahead of the other, and a foreground pipeline is made the terminal's foreground
 * group with tcsetpgrp() until it ends; then the shell takes the terminal back.  Each child
 * restores SIGINT and SIGQUIT to their defaults (background children ignore them when there
 * is no job control) and the stop signals the interactive shell ignores, connects
 * its pipe ends to fds 0 and 1 with dup2, applies its redirections and execs.  The shell
 * waits for every child of a foreground pipeline (jobs.c); the status of the last one is
 * $? (128 + n if signal n killed it, with a message such as "Segmentation fault (SIGSEGV,
 * signal 11)").  A lone builtin, function or compound command runs in the shell itself,
 * its redirections undone after; in a pipeline or in the background it runs in a child
 * (compound.c).  A here-document is a pipe holding its body (a child writes a body
 * larger than PIPE_BUF, which might not fit).  With set -x each simple command is written
 * to standard error ("+ echo hi") before it runs; with set -e a pipeline that fails outside
 * a condition (if, while, until, !, the left of && and ||) ends the shell.
 * `command [-p] name arg...` runs name past any function of that name: the words before
 * name are dropped after expansion (strip_command_word), -p searches /bin instead of PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <termios.h>
#include "sh.h"

void
describe_signal(int st, char *buf, size_t size)
{
	int sig = WTERMSIG(st);
	const char *core = WCOREDUMP(st) ? " (core dumped)" : "";

	if (sig_name(sig) != NULL)
		snprintf(buf, size, "%s (SIG%s, signal %d)%s", sig_text(sig), sig_name(sig), sig,
			 core);
	else
		snprintf(buf, size, "Killed by signal %d%s", sig, core);
}

/* ---- redirections ---- */
#define SAVED_FDS 10

/* Open the target of redirection r (already expanded to target): the new fd or -1. */
static int
open_target(const struct redir *r, const char *target)
{
	int flags = r->op == R_IN ? O_RDONLY :
	            r->op == R_APPEND ? O_WRONLY | O_CREAT | O_APPEND :
	            O_WRONLY | O_CREAT | O_TRUNC;
	int fd = open(target, flags, 0666);

	if (fd < 0)
		sh_error("%s: %s", target, strerror(errno));
	return fd;
}

/* Remember fd in saved[] (once) before it is changed. */
static void
save_fd(int fd, int *saved)
{
	if (saved == NULL || fd >= SAVED_FDS || saved[fd] != -2)
		return;
	saved[fd] = fcntl(fd, F_DUPFD, SAVED_FDS);
	if (saved[fd] >= 0)
		(void)fcntl(saved[fd], F_SETFD, FD_CLOEXEC);
}

/* A descriptor to read the here-document r's body from, or -1 after a message. */
static int
heredoc_fd(const struct redir *r)
{
	char *body = r->quoted ? strdup(r->word) : expand_heredoc(r->word);
	size_t len = body != NULL ? strlen(body) : 0;
	int p[2];
	pid_t pid = 0;

	if (body == NULL || pipe(p) < 0) {
		sh_error("here-document: %s", strerror(errno));
		free(body);
		return -1;
	}
	if (len > 512) {        /* PIPE_BUF: more might not fit, a child writes it */
		fflush(NULL);
		pid = fork();
	}
	if (pid == 0) {
		(void)write(p[1], body, len);
		if (len > 512)
			_exit(0);
	} else if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
	}
	close(p[1]);
	free(body);
	return p[0];
}

/* Apply one redirection: 0 or -1 after a message. */
static int
apply_one(const struct redir *r, int *saved)
{
	char *target = r->op == R_HEREDOC ? strdup("") : expand_single(r->word), *end;
	int fd = -1, rc = 0;

	save_fd(r->fd, saved);
	if (r->op == R_HEREDOC) {
		if ((fd = heredoc_fd(r)) < 0)
			rc = -1;
		else if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	} else if (r->op == R_DUPOUT || r->op == R_DUPIN) {
		if (strcmp(target, "-") == 0) {
			close(r->fd);
		} else {
			long m = strtol(target, &end, 10);

			if (*target == '\0' || *end != '\0' || m < 0 ||
			    (m != r->fd && dup2((int)m, r->fd) < 0)) {
				sh_error("%s: Bad file descriptor", target);
				rc = -1;
			}
		}
	} else if ((fd = open_target(r, target)) < 0) {
		rc = -1;
	} else if (fd != r->fd) {
		if (dup2(fd, r->fd) < 0) {
			sh_error("%d: %s", r->fd, strerror(errno));
			rc = -1;
		}
		close(fd);
	}
	free(target);
	return rc;
}

int
apply_redirs(struct command *c, int *saved, int nsaved)
{
	for (int i = 0; saved != NULL && i < nsaved; i++)
		saved[i] = -2;
	for (int i = 0; i < c->nredirs; i++)
		if (apply_one(&c->redirs[i], saved) != 0)
			return -1;
	return 0;
}

void
restore_redirs(int *saved, int nsaved)
{
	for (int fd = 0; fd < nsaved; fd++) {
		if (saved[fd] == -2)
			continue;
		if (saved[fd] < 0) {
			close(fd);
		} else {
			dup2(saved[fd], fd);
			close(saved[fd]);
		}
	}
}

/* ---- exec ---- */
/* Exec path; errno tells why not. */
static void
try_exec(const char *path, char **argv, char **envp)
{
	execve(path, argv, envp);
}

const char *exec_search_path;

int
exec_program(char **argv, char **envp)
{
	const char *path = exec_search_path != NULL ? exec_search_path : var_get("PATH"), *p,
		   *colon;
	char full[1024];
	int err = ENOENT;

	if (strchr(argv[0], '/') != NULL) {
		try_exec(argv[0], argv, envp);
		err = errno;
	} else {
		for (p = path != NULL ? path : "/bin"; err != ENOEXEC && err != E2BIG; p = colon + 1) {
			size_t len;

			colon = strchr(p, ':');
			len = colon != NULL ? (size_t)(colon - p) : strlen(p);
			snprintf(full, sizeof(full), "%.*s%s%s", (int)len, len > 0 ? p : ".",
			         "/", argv[0]);
			try_exec(full, argv, envp);
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
			if (colon == NULL)
				break;
		}
	}
	if (err == ENOENT || err == ENOTDIR) {
		sh_error("%s: not found", argv[0]);
		return 127;
	}
	sh_error("%s: %s", argv[0], strerror(err));
	return 126;
}

/* ---- commands ---- */
/* A command's words expanded: the arguments and the NAME=value prefixes. */
struct expanded {
	struct strvec args;
	struct strvec assigns;
	int nofunc;             /* after "command": no function runs */
	int defpath;            /* after "command -p": PATH is /bin for the search */
};

/* command [-p] [--] name arg...: drop the words before name and remember that functions
 * do not count (and, with -p, the default PATH).  command -v and -V stay the builtin. */
static void
strip_command_word(struct expanded *e)
{
	int i = 1, p = 0;

	if (e->args.n < 2 || strcmp(e->args.v[0], "command") != 0)
		return;
	for (; i < e->args.n && e->args.v[i][0] == '-' && e->args.v[i][1] != '\0'; i++) {
		if (strcmp(e->args.v[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(e->args.v[i], "-p") != 0)
			return;         /* -v, -V, a bad option: the builtin */
		p = 1;
	}
	if (i >= e->args.n)
		return;
	for (int k = 0; k < i; k++)
		free(e->args.v[k]);
	memmove(e->args.v, e->args.v + i, sizeof(char *) * (size_t)(e->args.n - i + 1));
	e->args.n -= i;
	e->nofunc = 1;
	e->defpath |= p;
	strip_command_word(e);          /* command command ls */
}

static void
expand_command(struct command *c, struct expanded *e)
{
	int i = 0;

	memset(e, 0, sizeof(*e));
	if (c->kind != C_SIMPLE)
		return;
	for (; i < c->nwords && assignment_name_len(c->words[i]) > 0; i++)
		strvec_add(&e->assigns, expand_single(c->words[i]));
	e->args.glob = 1;
	for (; i < c->nwords; i++)
		expand_word(c->words[i], &e->args);
}

static void
free_expanded(struct expanded *e)
{
	strvec_free(&e->args);
	strvec_free(&e->assigns);
}

/* Set the shell variables of NAME=value strings: 0, or 2 if one is read-only (a script
 * then ends, as POSIX says for an assignment error). */
static int
set_assignments(struct strvec *a)
{
	int st = 0;

	for (int i = 0; i < a->n; i++) {
		char *eq = strchr(a->v[i], '=');

		*eq = '\0';
		if (var_set(a->v[i], eq + 1, 0) != 0)
			st = 2;
		*eq = '=';
	}
	if (st != 0 && !sh_interactive)
		sh_exit_requested = 1;
	return st;
}

/* Set the variables of NAME=value strings for one builtin or function; if old is not
 * NULL, remember their values there ("NAME=value", or "NAME" if it was unset). */
static void
swap_assignments(struct strvec *a, struct strvec *old)
{
	for (int i = 0; i < a->n; i++) {
		char *eq = strchr(a->v[i], '='), *o;
		const char *v;

		if (eq != NULL)
			*eq = '\0';
		if (old != NULL && (v = var_get(a->v[i])) != NULL &&
		    (o = malloc(strlen(a->v[i]) + strlen(v) + 2)) != NULL) {
			sprintf(o, "%s=%s", a->v[i], v);
			strvec_add(old, o);
		} else if (old != NULL) {
			strvec_add(old, strdup(a->v[i]));
		}
		if (old == NULL && var_readonly(a->v[i]))
			;               /* its setting failed: nothing to put back */
		else if (eq != NULL)
			var_set(a->v[i], eq + 1, 0);
		else
			var_unset(a->v[i]);
		if (eq != NULL)
			*eq = '=';
	}
}

/* In a child, its descriptors set: run the command (never returns). */
static void
child_run(struct command *c, struct expanded *e)
{
	struct strvec env = { NULL, 0, 0, 0, 0, 0 };
	builtin_fn fn;

	sh_interactive = sh_jobcontrol = 0;
	if (c->kind != C_SIMPLE) {
		int st = run_compound(c);

		fflush(NULL);
		_exit(sh_exit_requested ? sh_status : st);
	}
	if (apply_redirs(c, NULL, 0) != 0)
		_exit(1);
	if (e->args.n == 0)
		_exit(0);
	if (!e->nofunc && is_function(e->args.v[0])) {
		set_assignments(&e->assigns);
		int st = run_function(e->args.v[0], e->args.n, e->args.v);

		fflush(NULL);
		_exit(st);
	}
	if ((fn = find_builtin(e->args.v[0])) != NULL) {
		int st = fn(e->args.n, e->args.v);

		fflush(NULL);
		_exit(st);
	}
	var_environ(&env, e->assigns.v, e->assigns.n);
	fflush(NULL);
	if (e->defpath)
		exec_search_path = "/bin";
	_exit(exec_program(e->args.v, env.v));
}

/* In a child: become part of the job, set signals and descriptors, run the command. */
static void
child(struct command *c, struct expanded *e, int in, int out, int close_fd, pid_t pgrp,
      int bg)
{
	int ignore;

	if (sh_jobcontrol) {
		setpgid(0, pgrp);
		if (!bg)
			give_terminal(pgrp != 0 ? pgrp : getpid());
	}
	ignore = (bg && !sh_jobcontrol) || sh_background;	/* a job in its own group can
								   only get ^C after fg */
	signal(SIGINT, ignore ? SIG_IGN : SIG_DFL);
	signal(SIGQUIT, ignore ? SIG_IGN : SIG_DFL);
	signal(SIGTSTP, SIG_DFL);	/* the shell ignores the terminal's stops; jobs not */
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	if (close_fd >= 0)
		close(close_fd);
	if (in != 0) {
		dup2(in, 0);
		close(in);
	} else if (bg && !sh_jobcontrol) {
		int null = open("/dev/null", O_RDONLY);

		if (null > 0)
			dup2(null, 0), close(null);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	child_run(c, e);
}

/* A lone command run by the shell itself: assignments, redirections, builtins. */
static int
run_in_shell(struct command *c, struct expanded *e, builtin_fn fn)
{
	int saved[SAVED_FDS], st;

	if (fn != NULL && strcmp(e->args.v[0], "exec") == 0) {
		if (apply_redirs(c, NULL, 0) != 0)
			return 1;
		return fn(e->args.n, e->args.v);
	}
	if (apply_redirs(c, saved, SAVED_FDS) != 0) {
		restore_redirs(saved, SAVED_FDS);
		return 1;
	}
	if (e->args.n == 0) {
		st = set_assignments(&e->assigns);
		if (st == 0)
			st = sh_subst_status >= 0 ? sh_subst_status : 0;
	} else {
		struct strvec old = { NULL, 0, 0, 0, 0, 0 };

		swap_assignments(&e->assigns, &old);	/* IFS=: read a b */
		st = fn != NULL ? fn(e->args.n, e->args.v) :
		     run_function(e->args.v[0], e->args.n, e->args.v);
		swap_assignments(&old, NULL);
		strvec_free(&old);
	}
	fflush(stdout);
	fflush(stderr);
	restore_redirs(saved, SAVED_FDS);
	return st;
}

/* Fork the commands of pl; their pids in pids[], their group in *pgrpp (0 without job
 * control).  0, or -1 if a pipe or fork failed. */
static int
start_pipeline(struct pipeline *pl, struct expanded *ex, pid_t *pids, int bg, pid_t *pgrpp)
{
	int in = 0, p[2] = { -1, -1 }, i, rc = 0;
	pid_t pgrp = 0;

	for (i = 0; i < pl->ncmds; i++) {
		int last = i == pl->ncmds - 1;

		if (!last && pipe(p) < 0) {
			sh_error("pipe: %s", strerror(errno));
			rc = -1;
			break;
		}
		fflush(NULL);
		if ((pids[i] = fork()) == 0)
			child(&pl->cmds[i], &ex[i], in, last ? 1 : p[1], last ? -1 : p[0], pgrp, bg);
		if (pids[i] < 0) {
			sh_error("fork: %s", strerror(errno));
			rc = -1;
		} else if (sh_jobcontrol) {
			if (pgrp == 0)
				pgrp = pids[i];
			setpgid(pids[i], pgrp);
		}
		if (in != 0)
			close(in);
		if (!last) {
			close(p[1]);
			in = p[0];
		}
		if (rc != 0)
			break;
	}
	if (rc != 0 && in != 0)
		close(in);
	if (rc == 0 && !bg)
		give_terminal(pgrp);
	*pgrpp = pgrp;
	return rc;
}

static int run_pipeline_status(struct pipeline *pl, int bg, const char *text);

/* set -x: the command about to run, on standard error. */
static void
trace_command(struct expanded *e)
{
	char line[1024];
	size_t len = 0;

	snprintf(line, sizeof(line), "+");
	for (int i = 0; i < e->assigns.n + e->args.n; i++) {
		len = strlen(line);
		snprintf(line + len, sizeof(line) - len, " %s",
			 i < e->assigns.n ? e->assigns.v[i] : e->args.v[i - e->assigns.n]);
	}
	fprintf(stderr, "%s\n", line);
}

/* Does the shell itself run the lone command (a builtin in *fn, a function, no words)? */
static int
runs_in_shell(struct command *c, struct expanded *e, builtin_fn *fn)
{
	*fn = NULL;
	if (c->kind != C_SIMPLE)
		return 1;
	if (e->args.n == 0 || (!e->nofunc && is_function(e->args.v[0])))
		return 1;
	return (*fn = find_builtin(e->args.v[0])) != NULL;
}

/* Run one pipeline (bg: in the background); its status. */
static int
run_pipeline(struct pipeline *pl, int bg, const char *text)
{
	int st = run_pipeline_status(pl, bg, text);

	if (pl->negate)
		return st == 0;
	if (st != 0 && sh_errexit && !sh_noerrexit && !bg)
		sh_exit_requested = 1;
	return st;
}

/* A pipeline's status, before ! and set -e. */
static int
run_pipeline_status(struct pipeline *pl, int bg, const char *text)
{
	struct expanded *ex = calloc((size_t)pl->ncmds, sizeof(*ex));
	pid_t *pids = calloc((size_t)pl->ncmds, sizeof(*pids));
	builtin_fn fn = NULL;
	pid_t pgrp = 0;
	int st, i;

	if (ex == NULL || pids == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	sh_subst_status = -1;
	for (i = 0; i < pl->ncmds; i++) {
		expand_command(&pl->cmds[i], &ex[i]);
		if (sh_xtrace && pl->cmds[i].kind == C_SIMPLE)
			trace_command(&ex[i]);
		strip_command_word(&ex[i]);
	}
	if (pl->ncmds == 1 && !bg && pl->cmds[0].kind == C_FUNCDEF) {
		st = run_compound(&pl->cmds[0]);
	} else if (pl->ncmds == 1 && !bg && runs_in_shell(&pl->cmds[0], &ex[0], &fn)) {
		st = pl->cmds[0].kind != C_SIMPLE ? run_compound(&pl->cmds[0]) :
		     run_in_shell(&pl->cmds[0], &ex[0], fn);
	} else if (start_pipeline(pl, ex, pids, bg, &pgrp) != 0) {
		run_foreground(pids, pl->ncmds, pgrp, text);	/* jobs.c */
		st = 2;
	} else if (bg) {
		sh_lastbg = pids[pl->ncmds - 1];
		add_job(pids, pl->ncmds, pgrp, text);
		st = 0;
	} else {
		st = run_foreground(pids, pl->ncmds, pgrp, text);
		if (sh_interactive && sh_loopdepth > 0 && (st == 128 + SIGINT ||
		    st == 128 + SIGTSTP || st == 128 + SIGSTOP || st == 128 + SIGTTIN ||
		    st == 128 + SIGTTOU))
			sh_intr_unwind = 1;     /* ^C, ^Z: the loops around it stop too */
	}
	for (i = 0; i < pl->ncmds; i++)
		free_expanded(&ex[i]);
	free(ex);
	free(pids);
	return st;
}

/* Run an and-or list in the foreground. */
static int
run_andor_fg(struct andor *ao)
{
	int st, i;

	sh_noerrexit += ao->npls > 1;	/* set -e: only the last pipeline counts */
	st = run_pipeline(&ao->pls[0], 0, ao->text);
	sh_noerrexit -= ao->npls > 1;
	for (i = 1; i < ao->npls && !SH_UNWINDING(); i++) {
		if ((ao->ops[i - 1] == T_AND) != (st == 0))
			continue;
		sh_status = st;
		sh_noerrexit += i < ao->npls - 1;
		st = run_pipeline(&ao->pls[i], 0, ao->text);
		sh_noerrexit -= i < ao->npls - 1;
	}
	return st;
}

/* Run an and-or list of several pipelines in the background: a subshell does it. */
static int
run_andor_bg(struct andor *ao)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		if (sh_jobcontrol)
			setpgid(0, 0);
		sh_jobcontrol = sh_interactive = 0;
		sh_background = 1;
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		int st = run_andor_fg(ao);

		fflush(NULL);
		_exit(st);
	}
	if (sh_jobcontrol)
		setpgid(pid, pid);
	sh_lastbg = pid;
	add_job(&pid, 1, sh_jobcontrol ? pid : 0, ao->text);
	return 0;
}

int
run_list(struct cmdlist *list)
{
	for (int i = 0; i < list->n && !SH_UNWINDING(); i++) {
		struct andor *ao = &list->items[i];

		if (!ao->background)
			sh_status = run_andor_fg(ao);
		else if (ao->npls == 1)
			sh_status = run_pipeline(&ao->pls[0], 1, ao->text);
		else
			sh_status = run_andor_bg(ao);
		run_traps();		/* a trapped signal's action, between commands */
	}
	return sh_status;
}
