/*
 * trace.c - ptrace(2), PM's half: who traces whom, the stops a tracer sees, and the
 * requests it makes (PM_PTRACE; minnow/ptrace.h; handouts/ptrace.md).
 *
 * A traced process has a tracer (mp_tracer): its parent after T_OK, or whoever attached
 * with T_ATTACH.  Every signal to it but SIGKILL is held for the tracer (mp_sigtrace)
 * instead of acting: the process is stopped with sys_trace(T_STOP) (TRACE_STOPPED) and
 * the tracer's waitpid reports each held signal once, lowest first, as a stop status; the
 * tracer also gets SIGCHLD.  The kernel's events arrive the same way: SIGTRAP for a single
 * step and for a system call's entry or leave (T_SYSCALL; kernel/sctrace.c); PM adds
 * SIGTRAP (or SIGSTOP with TO_ALTEXEC, nothing with TO_NOEXEC) after a successful exec,
 * before the new program's first instruction, and SIGSTOP for a child forked with
 * TO_TRACEFORK, before it runs.  A process whose call VFS is working on (VFS_CALL) is
 * stopped once VFS has answered (trace_check, from check_pending).
 *
 * Requests (do_ptrace): T_OK (the caller's parent becomes its tracer), T_ATTACH, and, on a
 * tracee of the caller that is stopped for it (else ESRCH, EBUSY): reads and writes of its
 * memory and registers (the kernel's sys_trace), T_GETRANGE/T_SETRANGE (copied here),
 * T_SETOPT, T_EXIT (answered when the exit is complete), and the resumptions T_RESUME,
 * T_STEP, T_SYSCALL, T_DETACH, which post a signal (0: none) that then acts normally; a
 * resumption leaves the process stopped while more held signals wait to be reported.
 *
 * Deaths: a tracee's death is reported to the tracer's waitpid before its parent may
 * collect it (trace_zombie; the parent gets SIGCHLD then).  A tracer's death detaches its
 * tracees: their held signals act, and they run on (trace_tracer_exit).
 *
 * Services (root only): while traced, a system process has PM as its signal manager
 * instead of RS (sys_privctl SYS_PRIV_SET_SIGMGR, TRACE_SYSMGR), so that its kernel signals
 * (SIGTRAP of a step, a breakpoint or a system call) and RS's own signals to it reach PM,
 * which holds them for the tracer.  PM never acts on a service's signal itself: SIGKILL, or
 * a signal the tracer passes on, ends the trace (trace_sys_forward): RS becomes its manager
 * again and gets the signal (sys_kill), as do the held signals at a detach (trace_post).
 * A service stopped too long misses its heartbeats, and RS restarts it.
 *
 * Entry points: trace_detach, trace_held, trace_sys_take (ptrace.c's do_ptrace),
 * trace_sys_forward (sig_proc), trace_signal (sig_proc), trace_check (check_pending),
 * trace_waitpid (do_waitpid), trace_zombie (zombify), trace_tracer_exit (exit_proc),
 * trace_fork (new_child, answer_fork), trace_exec (exec_finish), trace_exit_answer
 * (exit_restart).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/pm.h>
#include <minnow/ptrace.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* The lowest signal held for rmp's tracer, or 0. */
static int
first_held(const struct mproc *rmp)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sigismember(&rmp->mp_sigtrace, sig))
			return sig;
	return 0;
}

/* A waitpid of the tracer finds stopped tracee cp: 1 (the stop in m) if a held signal
 * waits to be reported. */
static int
report_stop(struct mproc *cp, message *m)
{
	int sig = first_held(cp);

	if (!(cp->mp_flags & TRACE_STOPPED) || sig == 0)
		return 0;
	sigdelset(&cp->mp_sigtrace, sig);
	m->m_pm.pid = cp->mp_pid;
	m->m_pm.status = (sig << 8) | 0x7F;
	return 1;
}

/* The tracer of rmp waits: answer it if the wait is for rmp and a stop is to report. */
static void
tell_tracer(struct mproc *rmp)
{
	struct mproc *tp = rmp->mp_tracer;
	message m;

	if (!(tp->mp_flags & WAITING) || !wait_matches(tp, rmp, tp->mp_wpid))
		return;
	memset(&m, 0, sizeof(m));
	if (!report_stop(rmp, &m))
		return;
	tp->mp_flags &= ~WAITING;
	reply(tp, rmp->mp_pid, &m);
}

/* Stop rmp for its tracer (it holds a signal). */
static void
trace_stop(struct mproc *rmp)
{
	struct mproc *tp = rmp->mp_tracer;
	int r;

	if ((r = sys_trace(T_STOP, rmp->mp_endpoint, 0, NULL)) != OK)
		panic("trace_stop: sys_trace(T_STOP, %d): %d", rmp->mp_endpoint, r);
	rmp->mp_flags |= TRACE_STOPPED;
	tell_tracer(rmp);
	if (!(tp->mp_sigact[SIGCHLD].sa_flags & SA_NOCLDSTOP))
		sig_proc(tp, SIGCHLD, 0);
}

void
trace_signal(struct mproc *rmp, int sig)
{
	sigaddset(&rmp->mp_sigtrace, sig);
	if (rmp->mp_flags & TRACE_STOPPED)
		tell_tracer(rmp);	/* (the tracer may wait for this one) */
	else if (!(rmp->mp_flags & (VFS_CALL | DEFERRED)))
		trace_stop(rmp);
}

void
trace_check(struct mproc *rmp)
{
	if (MP_LIVE(rmp) && !(rmp->mp_flags & (TRACE_STOPPED | VFS_CALL | DEFERRED)) &&
	    first_held(rmp) != 0)
		trace_stop(rmp);
}

int
trace_waitpid(struct mproc *cp, message *m)
{
	if (!(cp->mp_flags & ZOMBIE))
		return report_stop(cp, m);
	m->m_pm.pid = cp->mp_pid;	/* the tracer learns of the death first */
	m->m_pm.status = cp->mp_exitstatus;
	cp->mp_tracer = NULL;
	zombify(cp);			/* now the parent's turn */
	return 1;
}

int
trace_zombie(struct mproc *rmp)
{
	struct mproc *tp = rmp->mp_tracer;
	message m;

	if (tp == &mproc[rmp->mp_parent] || !MP_LIVE(tp)) {
		rmp->mp_tracer = NULL;	/* the parent's wait tells the tracer too */
		return 0;
	}
	if ((tp->mp_flags & WAITING) && wait_matches(tp, rmp, tp->mp_wpid)) {
		memset(&m, 0, sizeof(m));
		m.m_pm.pid = rmp->mp_pid;
		m.m_pm.status = rmp->mp_exitstatus;
		tp->mp_flags &= ~WAITING;
		reply(tp, rmp->mp_pid, &m);
		rmp->mp_tracer = NULL;
		return 0;
	}
	sig_proc(tp, SIGCHLD, 0);
	return 1;			/* held for the tracer's waitpid */
}

int
trace_sys_take(struct mproc *cp)
{
	endpoint_t self = PM_PROC_NR;
	int r;

	if (!is_system(cp->mp_endpoint))
		return OK;
	if ((r = sys_privctl(cp->mp_endpoint, SYS_PRIV_SET_SIGMGR, &self)) == OK)
		cp->mp_flags |= TRACE_SYSMGR;
	return r;
}

void
trace_sys_give_back(struct mproc *cp)
{
	endpoint_t rs = RS_PROC_NR;

	if (!(cp->mp_flags & TRACE_SYSMGR))
		return;
	cp->mp_flags &= ~TRACE_SYSMGR;
	if (sys_privctl(cp->mp_endpoint, SYS_PRIV_SET_SIGMGR, &rs) != OK)
		printf("pm: cannot give %s back to RS\n", cp->mp_name);
}

void
trace_post(struct mproc *cp, int sig)
{
	if (is_system(cp->mp_endpoint))
		sys_kill(cp->mp_endpoint, sig);	/* RS, its manager again, acts */
	else
		sig_proc(cp, sig, SIGF_TRACER);
}

void
trace_sys_forward(struct mproc *rmp, int sig)
{
	trace_detach(rmp, 0);
	sys_kill(rmp->mp_endpoint, sig);
}

int
trace_held(const struct mproc *rmp)
{
	return first_held(rmp) != 0;
}

void
trace_detach(struct mproc *cp, int sig)
{
	/* LAB(ptrace) BEGIN: T_DETACH: forget the tracer; held signals and sig act; it runs on */
	sigset_t held = cp->mp_sigtrace;
	int s;

	cp->mp_tracer = NULL;
	cp->mp_trace_opts = 0;
	sigemptyset(&cp->mp_sigtrace);
	trace_sys_give_back(cp);
	if (cp->mp_flags & ZOMBIE) {
		zombify(cp);		/* its death was not reported yet: to the parent */
		return;
	}
	cp->mp_flags &= ~TRACE_STOPPED;
	for (s = 1; s < NSIG && MP_LIVE(cp); s++)
		if (sigismember(&held, s) || s == sig)
			trace_post(cp, s);
	if (MP_LIVE(cp))
		sys_trace(T_RESUME, cp->mp_endpoint, 0, NULL);
	/* LAB(ptrace) STUB */
	//~ (void)sig;
	//~ panic("LAB(ptrace): trace_detach() does not release %s", cp->mp_name);
	/* LAB(ptrace) END */
}

void
trace_tracer_exit(struct mproc *rmp)
{
	struct mproc *cp;

	for (cp = mproc; cp < mproc + NR_PROCS; cp++)
		if ((cp->mp_flags & IN_USE) && cp->mp_tracer == rmp)
			trace_detach(cp, 0);
}

void
trace_fork(struct mproc *cp, int started)
{
	if (!started) {		/* the new entry: traced only with TO_TRACEFORK */
		sigemptyset(&cp->mp_sigtrace);
		if (cp->mp_tracer == NULL || !(cp->mp_trace_opts & TO_TRACEFORK)) {
			cp->mp_tracer = NULL;
			cp->mp_trace_opts = 0;
		}
		return;
	}
	if (cp->mp_tracer != NULL)
		trace_signal(cp, SIGSTOP);	/* before its first answer lets it run */
}

int
trace_exec(struct mproc *rmp, int done)
{
	int opts = rmp->mp_trace_opts;

	if (rmp->mp_tracer == NULL || (opts & TO_NOEXEC))
		return OK;
	if (!done)		/* held before the new image can run a single instruction */
		return sys_trace(T_STOP, rmp->mp_endpoint, 0, NULL);
	trace_signal(rmp, (opts & TO_ALTEXEC) ? SIGSTOP : SIGTRAP);
	return OK;
}

void
trace_exit_answer(struct mproc *rmp)
{
	struct mproc *tp = mproc_live(rmp->mp_fork_parent);
	message m;

	rmp->mp_flags &= ~TRACE_EXIT;
	memset(&m, 0, sizeof(m));
	if (tp != NULL)
		reply(tp, OK, &m);
}
