/*
 * trace - show the system calls of a program as it makes them (like strace).
 *
 * Usage: trace [-f] [-o file] command [arg...]
 *        trace [-f] [-o file] -p pid
 *
 * One line per system call: the call (its request message decoded by decode.c), its
 * arguments and its result, "read(3, "abc"..., 1024) = 57" or "= -1 ENOENT (...)".  A
 * signal the traced process gets is shown as "--- SIGINT ---" and passed on; its end as
 * "+++ exited with N +++" or "+++ killed by SIGSEGV +++".  -f follows the children it
 * forks (once there is a second process, every line starts with "[pid N]"); -o
 * writes to a file instead of standard error; -p attaches to a running process and
 * detaches on SIGINT or SIGTERM (the process runs on).
 *
 * With a command, trace forks a child that asks to be traced (ptrace T_OK) and execs the
 * command; the exec stops it (SIGTRAP).  trace then runs it with T_SYSCALL, which stops it
 * at each call's entry (the request is at EBX: read with T_GETRANGE) and leave (EAX is
 * the IPC result, the reply is where the request was), and collects every stop with
 * waitpid (handouts/ptrace.md).  trace exits with the command's exit status (128 + the
 * signal if one ended it; 127 if it could not be run, 1 on trace's own errors, 2 for a
 * bad usage).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include "../lib/signames.h"
#include "trace.h"

#define MAX_TRACEES     32

/* A traced process. */
struct tracee {
	pid_t pid;                      /* 0: a free slot */
	int started;                    /* its first stop (exec, attach, fork) was seen */
	int in_call;                    /* a call's entry was seen, not yet its leave */
	struct call call;               /* that call */
};

static struct tracee tracees[MAX_TRACEES];
static int ntraced;                     /* slots in use */
static int several;                     /* more than one process has been traced */
static int follow;                      /* -f */
static FILE *out;                       /* where the lines go */
static volatile sig_atomic_t interrupted;       /* -p: SIGINT or SIGTERM came */

static int
usage(void)
{
	fprintf(stderr, "usage: trace [-f] [-o file] command [arg...]\n"
		"       trace [-f] [-o file] -p pid\n");
	return 2;
}

/* peek_fn of decode.c: T_GETRANGE from the tracee whose pid ctx points at. */
static int
peek_tracee(void *ctx, uint32_t addr, void *buf, size_t len)
{
	struct ptrace_range r;

	r.pr_space = TS_DATA;
	r.pr_addr = addr;
	r.pr_ptr = buf;
	r.pr_size = (uint32_t)len;
	return ptrace(T_GETRANGE, *(pid_t *)ctx, (long)&r, 0) == 0 ? 0 : -1;
}

/* Register reg (T_REG_*) of a stopped tracee. */
static uint32_t
get_reg(pid_t pid, int reg)
{
	return (uint32_t)ptrace(T_GETUSER, pid, reg, 0);
}

/* One line about t, with "[pid N] " in front once -f has traced a second process. */
static void
emit(const struct tracee *t, const char *line)
{
	char pid[24] = "";

	if (follow && several)
		snprintf(pid, sizeof(pid), "[pid %d] ", (int)t->pid);
	fprintf(out, "%s%s\n", pid, line);     /* one write: lines of tracees do not mix */
	fflush(out);
}

static struct tracee *
find_tracee(pid_t pid)
{
	for (int i = 0; i < MAX_TRACEES; i++)
		if (tracees[i].pid == pid)
			return &tracees[i];
	return NULL;
}

/* A slot for pid: NULL if all are taken. */
static struct tracee *
add_tracee(pid_t pid)
{
	struct tracee *t = find_tracee(0);

	if (t == NULL) {
		fprintf(stderr, "trace: more than %d processes: %d not traced\n",
			MAX_TRACEES, (int)pid);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	if (++ntraced > 1)
		several = 1;
	return t;
}

static void
drop_tracee(struct tracee *t)
{
	t->pid = 0;
	ntraced--;
}

/* Let t run to its next system call event, posting sig. */
static void
resume(struct tracee *t, int sig)
{
	if (ptrace(T_SYSCALL, t->pid, 0, sig) != 0 && errno != ESRCH)
		fprintf(stderr, "trace: resume %d: %s\n", (int)t->pid, strerror(errno));
}

/* Is a SIGTRAP stop of t a system call's entry or leave (not a signal)? */
static int
is_call_stop(const struct tracee *t, uint32_t eax)
{
	if (t->in_call)
		return 1;               /* its leave */
	return num_name(trace_ipc_calls, (int)eax) != NULL;    /* an entry: a primitive */
}

/* The entry of a call: keep its request; the line comes at the leave. */
static void
call_entry(struct tracee *t, uint32_t eax)
{
	struct call *c = &t->call;

	c->ipc = (int)eax;
	c->endpt = (int)get_reg(t->pid, T_REG_ECX);
	c->msgaddr = get_reg(t->pid, T_REG_EBX);
	decode_entry(c, peek_tracee, &t->pid);
	t->in_call = 1;
}

/* The leave of t's call: EAX is the IPC result, the reply is where the request was. */
static void
call_leave(struct tracee *t, uint32_t eax)
{
	struct call *c = &t->call;
	struct result r;
	char line[512];

	memset(&r, 0, sizeof(r));
	r.eax = (int)eax;
	if (c->msg_ok && c->ipc == SENDREC && c->req.m_type == PM_EXEC && eax == 0 &&
	    get_reg(t->pid, T_REG_EBX) == 0)
		r.exec_done = 1;        /* a new program: exec cleared the registers */
	else if (c->msg_ok && r.eax == 0)
		r.reply_ok = peek_tracee(&t->pid, c->msgaddr, &r.reply, sizeof(r.reply)) == 0;
	format_call(line, sizeof(line), c, &r, peek_tracee, &t->pid);
	emit(t, line);
	t->in_call = 0;
}

/* "SIGINT", or the number. */
static const char *
signame_of(int sig, char *buf, size_t size)
{
	if (sig_name(sig) != NULL)
		snprintf(buf, size, "SIG%s", sig_name(sig));
	else
		snprintf(buf, size, "signal %d", sig);
	return buf;
}

/* t stopped with sig. */
static void
stopped(struct tracee *t, int sig)
{
	char line[64], name[16];
	uint32_t eax;

	if (!t->started && (sig == SIGTRAP || sig == SIGSTOP)) {
		t->started = 1;         /* exec (T_OK), attach or fork: its calls start now */
		if (ptrace(T_SETOPT, t->pid, 0, TO_NOEXEC | (follow ? TO_TRACEFORK : 0)) != 0)
			fprintf(stderr, "trace: options of %d: %s\n", (int)t->pid,
				strerror(errno));
		resume(t, 0);
		return;
	}
	if (sig == SIGTRAP) {
		eax = get_reg(t->pid, T_REG_EAX);
		if (is_call_stop(t, eax)) {
			if (t->in_call)
				call_leave(t, eax);
			else
				call_entry(t, eax);
			resume(t, 0);
			return;
		}
	}
	snprintf(line, sizeof(line), "--- %s ---", signame_of(sig, name, sizeof(name)));
	emit(t, line);
	resume(t, sig);
}

/* t is gone with wait status st: the call it was in never returned. */
static void
ended(struct tracee *t, int st)
{
	char line[512], name[16];

	if (t->in_call) {
		format_call(line, sizeof(line), &t->call, NULL, peek_tracee, &t->pid);
		emit(t, line);
	}
	if (WIFEXITED(st))
		snprintf(line, sizeof(line), "+++ exited with %d +++", WEXITSTATUS(st));
	else
		snprintf(line, sizeof(line), "+++ killed by %s +++",
			signame_of(WTERMSIG(st), name, sizeof(name)));
	if (t->started)
		emit(t, line);
	drop_tracee(t);
}

/* One waitpid report: pid with status st.  A new pid is a child a tracee forked (-f). */
static void
report(pid_t pid, int st)
{
	struct tracee *t = find_tracee(pid);

	if (t == NULL && WIFSTOPPED(st) && (t = add_tracee(pid)) == NULL)
		ptrace(T_DETACH, pid, 0, 0);    /* no room: it runs on untraced */
	if (t == NULL)
		return;
	if (WIFSTOPPED(st))
		stopped(t, WSTOPSIG(st));
	else
		ended(t, st);
}

/* Let a stopped t go with sig posted, and say so. */
static void
let_go(struct tracee *t, int sig)
{
	if (ptrace(T_DETACH, t->pid, 0, sig) == 0)
		fprintf(stderr, "trace: process %d detached\n", (int)t->pid);
	else
		fprintf(stderr, "trace: detach %d: %s\n", (int)t->pid, strerror(errno));
}

/* Let t go (-p, interrupted): stop it if it runs (SIGSTOP), then T_DETACH.  If it cannot
 * be stopped (init takes no signals), PM lets it go when trace exits. */
static void
detach(struct tracee *t)
{
	int st, sig, sent = 0;
	pid_t r;

	for (;;) {
		r = waitpid(t->pid, &st, sent ? 0 : WNOHANG);
		if (r == 0 && !sent) {          /* it runs: stop it */
			if (kill(t->pid, SIGSTOP) != 0) {
				fprintf(stderr, "trace: process %d: %s: let go as trace exits\n",
					(int)t->pid, strerror(errno));
				break;
			}
			sent = 1;
			continue;
		}
		if (r != t->pid || !WIFSTOPPED(st))
			break;                  /* gone */
		sig = WSTOPSIG(st);
		if (sig == SIGTRAP || (sig == SIGSTOP && (sent || !t->started)))
			sig = 0;                /* a call's stop, our SIGSTOP, the attach's */
		if (!sent || WSTOPSIG(st) == SIGSTOP) {
			let_go(t, sig);
			break;
		}
		/* a stop that came before our SIGSTOP's: its signal goes on, SIGSTOP is next */
		ptrace(T_RESUME, t->pid, 0, sig);
	}
	drop_tracee(t);
}

static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* The child: be traced, run the command.  Never returns. */
static void
run_child(char **argv)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (ptrace(T_OK, 0, 0, 0) != 0) {
		fprintf(stderr, "trace: ptrace: %s\n", strerror(errno));
		_exit(1);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "trace: %s: %s\n", argv[0], errno == ENOENT ? "not found" :
		strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Start tracing: the command (argv) or process pid; the first tracee's pid, or -1. */
static pid_t
start(char **argv, pid_t pid)
{
	struct sigaction sa;

	if (argv[0] != NULL) {
		signal(SIGINT, SIG_IGN);        /* the terminal's ^C is the command's */
		signal(SIGQUIT, SIG_IGN);
		if ((pid = fork()) < 0) {
			fprintf(stderr, "trace: fork: %s\n", strerror(errno));
			return -1;
		}
		if (pid == 0)
			run_child(argv);
	} else {
		if (ptrace(T_ATTACH, pid, 0, 0) != 0) {
			fprintf(stderr, "trace: attach %d: %s\n", (int)pid, strerror(errno));
			return -1;
		}
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt;   /* no SA_RESTART: waitpid ends with EINTR */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		fprintf(stderr, "trace: process %d attached\n", (int)pid);
	}
	add_tracee(pid);
	return pid;
}

/* Follow the tracees until none is left; the wait status of first, or -1. */
static int
trace_loop(pid_t first)
{
	int st, first_st = -1;
	pid_t pid;

	while (ntraced > 0) {
		if (interrupted) {
			for (int i = 0; i < MAX_TRACEES; i++)
				if (tracees[i].pid != 0)
					detach(&tracees[i]);
			break;
		}
		if ((pid = waitpid(-1, &st, 0)) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "trace: waitpid: %s\n", strerror(errno));
			break;
		}
		if (pid == first && !WIFSTOPPED(st))
			first_st = st;
		report(pid, st);
	}
	return first_st;
}

int
main(int argc, char **argv)
{
	int i, st;
	long attach = 0;
	char *end, *file = NULL;
	pid_t first;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-f") == 0) {
			follow = 1;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			file = argv[++i];
		} else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
			attach = strtol(argv[++i], &end, 10);
			if (*end != '\0' || attach <= 0)
				return usage();
		} else {
			return usage();
		}
	}
	if ((i == argc) == (attach == 0))
		return usage();         /* one of command and -p */
	out = stderr;
	if (file != NULL && (out = fopen(file, "w")) == NULL) {
		fprintf(stderr, "trace: %s: %s\n", file, strerror(errno));
		return 1;
	}
	if (out != stderr)
		fcntl(fileno(out), F_SETFD, FD_CLOEXEC);        /* not the command's */
	if ((first = start(argv + i, (pid_t)attach)) < 0)
		return 1;
	st = trace_loop(first);
	if (out != stderr)
		fclose(out);
	if (attach != 0 || st == -1)
		return attach != 0 ? 0 : 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
