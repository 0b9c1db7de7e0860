/*
 * signal.c - kill, sigaction, sigprocmask and the actions of signals (handouts/pm.md,
 * "Signals").
 *
 * PM is the signal manager of user processes: a kernel signal (a CPU exception, VM's
 * SIGSEGV for a bad page fault, any sys_kill) stops the process (RTS_SIGNALED) and reaches
 * PM as SIGKSIG; SEF fetches each process's signals (sys_getksig) and calls
 * pm_signal_manager() for each, then releases the process (sys_endksig) unless it is gone.
 * kill(2) from a process comes here as PM_KILL: pid > 0 one process, 0 the caller's group,
 * -1 every user process but PM and init, < -1 group -pid; the sender must be root or have
 * the target's real user id (EPERM); system processes cannot be targets (their signals go
 * through RS: EPERM), except that root's SIGKILL, or a signal not lethal to a system
 * process, to one pid that is a service RS started or a boot service RS restarts
 * (SF_RESTART in RS's public table) goes to RS through sys_kill (SIGKILL is the crash
 * demo: RS restarts it; the others reach the service's SEF signal callback); no live
 * target is ESRCH; signal 0 only checks.  PM itself sends SIGCHLD to a parent when a
 * child ends (forkexit.c).
 *
 * sig_proc() decides what one signal does to one process:
 *  - traced (ptrace), not SIGKILL and not passed on by the tracer (SIGF_TRACER): held for
 *    the tracer (trace.c);
 *  - ignored (SIG_IGN, or SIG_DFL of SIGCHLD and of the kernel's own numbers >= 32):
 *    dropped, at once, so it never becomes pending;
 *  - blocked (sigprocmask; never SIGKILL), or the process waits for VFS (VFS_CALL): kept
 *    in mp_sigpending; check_pending() runs them when they are unblocked or VFS answered;
 *  - caught (a handler): kept in mp_sigpending too, and sig_deliver() (sigdeliver.c) gets
 *    the process out of every call and runs the handler;
 *  - otherwise the default action: the process ends, "killed by signal N" (exit_proc),
 *    for SIGSEGV and the other core signals after VFS wrote its core file (core.c).
 * A fault the kernel reports (SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV) cannot be ignored
 * or blocked: a process that did either dies anyway, as in MINIX; a handler for it runs.
 * SIGSNDELAY from the kernel is not a signal of the process: its delayed stop happened
 * (sig_delay_over).
 *
 * sigaction(sig, new, old): SIG_DFL, SIG_IGN or a handler (the request names libc's
 * return trampoline, without which a handler is EINVAL); SIGKILL keeps SIG_DFL (EINVAL); a
 * signal number outside 1..31 is EINVAL.  Making a pending signal SIG_IGN discards it.
 * sigprocmask(how, set, old): SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK (other how with a set:
 * EINVAL); unblocked pending signals act before the answer (a deadly one means no answer),
 * their handlers right after it.  sigpending(set).  Bad addresses are EFAULT.  Across fork
 * every action and the mask are inherited and nothing is pending in the child; across exec
 * handlers return to SIG_DFL, ignored signals stay ignored, mask and pending set stay.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/pm.h>
#include <minnow/rs.h>
#include <minnow/safecopies.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/** Signals a process may send with kill and set actions for (the kernel's own start at
 *  32). */
#define NR_USER_SIGS    32

/* Is sig one whose default action is to be ignored (SIGCONT's after it continued)? */
static int
default_ignore(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig >= NR_USER_SIGS;
}

/* Does rmp ignore or block sig (the terminal's job control asks: PM_GETEPINFO)? */
int
sig_is_off(const struct mproc *rmp, int sig)
{
	return sigismember(&rmp->mp_ignore, sig) || sigismember(&rmp->mp_sigmask, sig);
}

/* Is sig, reported by the kernel, a fault that ignoring or blocking cannot stop? */
static int
is_fault(int sig)
{
	return sig == SIGILL || sig == SIGTRAP || sig == SIGFPE || sig == SIGBUS ||
	       sig == SIGSEGV;
}

/* Does rmp ignore sig (SIG_IGN, or SIG_DFL of a default-ignore signal)? */
static int
ignored(const struct mproc *rmp, int sig)
{
	return sigismember(&rmp->mp_ignore, sig) ||
	       (rmp->mp_sigact[sig].sa_handler == SIG_DFL && default_ignore(sig));
}

/*
 * Signal sig reaches the live process rmp (ksig: SIGF_KERNEL, the kernel reported it;
 * SIGF_TRACER, its tracer passed it on or saw it already).  1 if rmp has
 * died of it, else 0 (ignored, pending, or nothing to do).
 */
int
sig_proc(struct mproc *rmp, int sig, int ksig)
{
	int forced = (ksig & SIGF_KERNEL) && is_fault(sig), blocked;

	if (!MP_LIVE(rmp) || sig <= 0 || sig >= NSIG)
		return 0;
	if ((rmp->mp_flags & TRACE_SYSMGR) && (sig == SIGKILL || (ksig & SIGF_TRACER))) {
		trace_sys_forward(rmp, sig);	/* a traced service: back to RS (trace.c) */
		return 1;
	}
	if (rmp->mp_tracer != NULL && sig != SIGKILL && !(ksig & SIGF_TRACER)) {
		trace_signal(rmp, sig);		/* held for the tracer (trace.c) */
		return 0;
	}
	if (sig == SIGCONT)
		continue_proc(rmp);	/* whatever its action (stop.c) */
	if (!forced && ignored(rmp, sig))
		return sig == SIGCONT ? check_pending(rmp) : 0;
	blocked = sig != SIGKILL && sigismember(&rmp->mp_sigmask, sig);
	if ((rmp->mp_flags & VFS_CALL) || (!forced && blocked) ||
	    ((rmp->mp_flags & JOB_STOPPED) && sig != SIGKILL && sig != SIGCONT)) {
		sigaddset(&rmp->mp_sigpending, sig);
		return 0;
	}
	if (!blocked && sigismember(&rmp->mp_catch, sig)) {
		sigaddset(&rmp->mp_sigpending, sig);
		sig_deliver(rmp);		/* its handler (sigdeliver.c) */
		return !MP_LIVE(rmp);
	}
	if (is_stop_signal(sig)) {
		stop_proc(rmp, sig);		/* the default action of a stop signal */
		return 0;
	}
	if (dumps_core(sig) && dump_core(rmp, sig))
		return 1;			/* it ends once VFS wrote its core (core.c) */
	exit_proc(rmp, sig & 0x7F);	/* the default action */
	return 1;
}

/* Run rmp's pending signals that are no longer blocked: 1 if rmp died of one. */
int
check_pending(struct mproc *rmp)
{
	int sig;

	if (rmp->mp_tracer != NULL)
		trace_check(rmp);	/* a signal held during a VFS call stops it now */
	if (sig_none_pending(rmp))
		return !MP_LIVE(rmp);	/* the common case, after every call: nothing */
	for (sig = 1; sig < NSIG; sig++) {
		if (!MP_LIVE(rmp) || (rmp->mp_flags & VFS_CALL))
			return !MP_LIVE(rmp);
		if (!sigismember(&rmp->mp_sigpending, sig) ||
		    (sig != SIGKILL && sigismember(&rmp->mp_sigmask, sig)) ||
		    sigismember(&rmp->mp_catch, sig))
			continue;
		sigdelset(&rmp->mp_sigpending, sig);
		if (sig_proc(rmp, sig, SIGF_TRACER))	/* (a tracer saw it already) */
			return 1;
	}
	sig_deliver(rmp);		/* the caught ones, on handlers (sigdeliver.c) */
	return !MP_LIVE(rmp);
}

/* Exec: handlers go back to SIG_DFL; ignored signals stay ignored. */
void
sig_exec_reset(struct mproc *rmp)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++) {
		if (!sigismember(&rmp->mp_catch, sig))
			continue;
		memset(&rmp->mp_sigact[sig], 0, sizeof(rmp->mp_sigact[sig]));
	}
	sigemptyset(&rmp->mp_catch);
}

int
pm_signal_manager(endpoint_t target, int signo)
{
	struct mproc *rmp = mproc_of(target);

	if (rmp == NULL)
		return OK;	/* not a process PM knows: nothing to do */
	if (signo == SIGSNDELAY) {
		/* LAB(runctl) BEGIN: the delay is over: the stop (stop.c) or the frames (sigdeliver.c) go on */
		if (MP_LIVE(rmp) && (rmp->mp_flags & STOP_PENDING))
			stop_delay_over(rmp);
		if (MP_LIVE(rmp) && (rmp->mp_flags & SIG_STOPPING))
			sig_delay_over(rmp);
		return MP_LIVE(rmp) ? OK : -EDEADEPT;
		/* LAB(runctl) STUB */
		//~ panic("LAB(runctl): pm_signal_manager() ignores SIGSNDELAY for %s", rmp->mp_name);
		/* LAB(runctl) END */
	}
	return sig_proc(rmp, signo, SIGF_KERNEL) ? -EDEADEPT : OK;
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

/* Is rmp a boot service RS restarts (SF_RESTART in RS's public table, read through the
 * grant PM got in its RS_INIT; a copy, so PM never waits on RS)? */
static int
rs_restarts(const struct mproc *rmp)
{
	static struct rprocpub tab[RS_NR_PUB];
	int i;

	if (pm_rproctab_gid == GRANT_INVALID ||
	    sys_safecopyfrom(pm_rs_ep, pm_rproctab_gid, 0, (vir_bytes)tab, sizeof(tab)) != OK)
		return 0;
	for (i = 0; i < RS_NR_PUB; i++)
		if (tab[i].in_use && tab[i].endpoint == rmp->mp_endpoint)
			return (tab[i].sys_flags & SF_RESTART) != 0;
	return 0;
}

/* Is kill(sig) from the caller root's signal to a service RS started, or to a boot
 * service RS restarts: SIGKILL, or one not lethal to a system process?  PM does not
 * signal it itself: sys_kill hands the signal to the service's signal manager, RS, which
 * restarts the service after a SIGKILL (handouts/rs.md, "Crash recovery" and "Boot
 * services") and passes the others to its SEF signal callback.  The core servers and the
 * other boot services stay EPERM. */
static int
service_kill(const struct mproc *rmp, int sig)
{
	return sig > 0 && (sig == SIGKILL || !sig_lethal_to_system(sig)) &&
	       mp->mp_effuid == 0 && !(rmp->mp_flags & (SRV_KILLED | EXITING | PM_ITSELF)) &&
	       ((rmp->mp_flags & SYS_PROCESS) || rs_restarts(rmp));
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
		if (MP_REAPED(rmp))
			continue;	/* collected: gone for everyone */
		if (rmp->mp_flags & ZOMBIE) {
			found++;	/* exists (as a zombie): nothing to do */
			continue;
		}
		if (pid > 0 && service_kill(rmp, sig)) {
			found++;
			sys_kill(rmp->mp_endpoint, sig);
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
			sig_proc(rmp, sig, 0);
	}
	if (self && sig_proc(mp, sig, 0))
		return SUSPEND;		/* the caller is gone: no answer */
	if (found == 0)
		return denied ? -EPERM : -ESRCH;
	return OK;
}

/* Copy len bytes at addr in the caller to buf (EFAULT). */
static int
copy_from_caller(vir_bytes addr, void *buf, size_t len)
{
	if (sys_vircopy(mp->mp_endpoint, addr, SELF, (vir_bytes)buf, len, 0) != OK)
		return -EFAULT;
	return OK;
}

/* Copy len bytes of buf to addr in the caller (EFAULT). */
static int
copy_to_caller(const void *buf, vir_bytes addr, size_t len)
{
	if (sys_vircopy(SELF, (vir_bytes)buf, mp->mp_endpoint, addr, len, 0) != OK)
		return -EFAULT;
	return OK;
}

/* Check a new action for sig: OK, or EINVAL (SIGKILL keeps SIG_DFL; a handler needs
 * libc's trampoline). */
static int
check_action(int sig, const struct sigaction *sa, uint32_t trampoline)
{
	if ((sig == SIGKILL || sig == SIGSTOP) && sa->sa_handler != SIG_DFL)
		return -EINVAL;
	if (sa->sa_handler != SIG_DFL && sa->sa_handler != SIG_IGN && trampoline == 0)
		return -EINVAL;
	return OK;
}

int
do_sigaction(message *m)
{
	int sig = m->m_pm.sig, r;
	struct sigaction sa;

	if (sig < 1 || sig >= NR_USER_SIGS)
		return -EINVAL;
	if (m->m_pm.addr != 0) {
		if ((r = copy_from_caller(m->m_pm.addr, &sa, sizeof(sa))) != OK ||
		    (r = check_action(sig, &sa, m->m_pm.len)) != OK)
			return r;
	}
	if (m->m_pm.addr2 != 0 &&
	    (r = copy_to_caller(&mp->mp_sigact[sig], m->m_pm.addr2, sizeof(sa))) != OK)
		return r;
	if (m->m_pm.addr == 0)
		return OK;
	sigdelset(&sa.sa_mask, SIGKILL);
	sigdelset(&sa.sa_mask, SIGSTOP);
	mp->mp_sigact[sig] = sa;
	sigdelset(&mp->mp_catch, sig);
	sigdelset(&mp->mp_ignore, sig);
	if (sa.sa_handler == SIG_IGN) {
		sigaddset(&mp->mp_ignore, sig);
		sigdelset(&mp->mp_sigpending, sig);	/* a pending one is discarded */
	} else if (sa.sa_handler != SIG_DFL) {
		sigaddset(&mp->mp_catch, sig);
		mp->mp_sigreturn = m->m_pm.len;
	}
	return OK;
}

int
do_sigpending(message *m)
{
	return copy_to_caller(&mp->mp_sigpending, m->m_pm.addr, sizeof(sigset_t));
}

/* The caller's mask after sigprocmask(how, set); how is valid. */
static void
apply_mask(int how, const sigset_t *set)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (how == SIG_BLOCK)
			mp->mp_sigmask.__bits[i] |= set->__bits[i];
		else if (how == SIG_UNBLOCK)
			mp->mp_sigmask.__bits[i] &= ~set->__bits[i];
		else
			mp->mp_sigmask.__bits[i] = set->__bits[i];
	}
	sigdelset(&mp->mp_sigmask, SIGKILL);
	sigdelset(&mp->mp_sigmask, SIGSTOP);
}

int
do_sigprocmask(message *m)
{
	int how = m->m_pm.how, r;
	sigset_t set;

	if (m->m_pm.addr != 0 && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (m->m_pm.addr != 0 && (r = copy_from_caller(m->m_pm.addr, &set, sizeof(set))) != OK)
		return r;
	if (m->m_pm.addr2 != 0 &&
	    (r = copy_to_caller(&mp->mp_sigmask, m->m_pm.addr2, sizeof(set))) != OK)
		return r;
	if (m->m_pm.addr == 0)
		return OK;
	apply_mask(how, &set);
	return check_pending(mp) ? SUSPEND : OK;	/* a deadly one: no answer; caught ones
							   run after the answer (pm_after) */
}
