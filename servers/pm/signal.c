/*
 * signal.c - kill and the default actions of signals (minix-design.md sections 7 and 12.4).
 *
 * PM is the signal manager of user processes: a kernel signal (a CPU exception, VM's
 * SIGSEGV for a bad page fault, any sys_kill) stops the process (RTS_SIGNALED) and reaches
 * PM as SIGKSIG; SEF fetches each process's signals (sys_getksig) and calls
 * pm_signal_manager() for each, then releases the process (sys_endksig) unless it is gone.
 * kill(2) from a process comes here as PM_KILL: pid > 0 one process, 0 the caller's group,
 * -1 every user process but PM and init, < -1 group -pid; the sender must be root or have
 * the target's real user id (EPERM); system processes cannot be targets (their signals go
 * through RS: EPERM); no live target is ESRCH; signal 0 only checks.
 *
 * Only default actions exist yet: SIGCHLD is ignored, every other signal ends the process
 * with the wait status "killed by signal N" (exit_proc).  Handlers, masks, sigsuspend and
 * the stop signals come later (see main.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/** Privilege flag of a system process in struct proc_info (kernel/priv.h SYS_PROC). */
#define PI_SYS_PROC     0x01
/** Signals a process may send with kill (the kernel's own start at 32). */
#define NR_USER_SIGS    32

/* Is sig ignored by rmp (by default or, later, by sigaction)? */
static int
ignored(const struct mproc *rmp, int sig)
{
	return sig == SIGCHLD || ((rmp->mp_sigignore[sig / 32] >> (sig % 32)) & 1u) ||
	       sig >= NR_USER_SIGS;
}

/* Take sig's default action on rmp: 1 if rmp is gone, else 0. */
static int
sig_default(struct mproc *rmp, int sig)
{
	if (sig == 0 || ignored(rmp, sig))
		return 0;
	exit_proc(rmp, sig & 0x7F);
	return 1;
}

int
pm_signal_manager(endpoint_t target, int signo)
{
	struct mproc *rmp = mproc_of(target);

	if (rmp == NULL)
		return OK;	/* not a process PM knows: nothing to do */
	return sig_default(rmp, signo) ? -EDEADEPT : OK;
}

/* May mp signal rmp?  OK, -EPERM. */
static int
may_signal(const struct mproc *rmp)
{
	struct proc_info pi;

	if ((rmp->mp_flags & (PM_ITSELF)) || rmp == init_mp ||
	    (sys_getproc(rmp->mp_endpoint, &pi) == OK && (pi.pi_privflags & PI_SYS_PROC)))
		return -EPERM;
	if (mp->mp_effuid != 0 && mp->mp_realuid != rmp->mp_realuid &&
	    mp->mp_effuid != rmp->mp_realuid)
		return -EPERM;
	return OK;
}

/* Is rmp a target of kill(pid)? */
static int
is_target(const struct mproc *rmp, int pid)
{
	if (pid > 0)
		return rmp->mp_pid == pid;
	if (pid == 0)
		return rmp->mp_procgrp == mp->mp_procgrp;
	if (pid == -1)
		return rmp != pm_mp && rmp != init_mp;
	return rmp->mp_procgrp == -pid;
}

int
do_kill(message *m)
{
	struct mproc *rmp;
	int pid = m->m_pm.pid, sig = m->m_pm.sig, found = 0, denied = 0, self = 0;

	if (sig < 0 || sig >= NR_USER_SIGS)
		return -EINVAL;
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++) {
		if (!(rmp->mp_flags & IN_USE) || !is_target(rmp, pid))
			continue;
		if (rmp->mp_flags & ZOMBIE) {
			found++;	/* exists (as a zombie): nothing to do */
			continue;
		}
		if (may_signal(rmp) != OK) {
			denied++;
			continue;
		}
		found++;
		if (rmp == mp)
			self = 1;	/* last: the caller may not survive */
		else
			sig_default(rmp, sig);
	}
	if (self && sig_default(mp, sig))
		return SUSPEND;		/* the caller is gone: no answer */
	if (found == 0)
		return denied ? -EPERM : -ESRCH;
	return OK;
}
