/*
 * sigdeliver.c - running a process's signal handlers, and the calls around them:
 * sigreturn, sigsuspend (minnow/pm.h; handouts/pm.md, "Signal handlers").
 *
 * A caught signal (mp_catch) that is not blocked waits in mp_sigpending until the process
 * is in no call at all, so that no answer can ever land in the middle of a handler and no
 * half-sent request is lost.  sig_deliver() gets it there in steps, each of which may wait
 * for an event and is then taken up again from check_pending() (signal.c):
 *   1. Stop it with sys_runctl(RC_STOP, RC_DELAY).  EBUSY: it is sending a request that
 *      its server has not received yet; the kernel raises SIGSNDELAY once the send is
 *      through (SIG_STOPPING), and PM tries again.  A process whose call PM itself is
 *      handling (pm_caller) is first answered: the after hook (pm_after) tries then.
 *   2. End the calls it may wait in: waitpid and sigsuspend (PM's own) are answered EINTR;
 *      VFS is told VFS_PM_UNPAUSE, which ends a waiting VFS call with EINTR, and PM waits
 *      for VFS's answer (VFS_CALL): VFS answers its requests in order, so after that answer
 *      the process is in no call of VFS.
 *   3. sys_sigsend() builds one frame per deliverable signal on its stack (the handler
 *      runs with its sa_mask and, without SA_NODEFER, the signal itself blocked; the frame
 *      keeps the mask to restore; SA_RESETHAND goes back to SIG_DFL), then PM lets it run.
 *      A frame that does not fit kills the process with SIGSEGV, never anything else.
 * The handler returns into libc's trampoline, which calls sigreturn(scp): PM restores the
 * mask saved in the frame and the kernel the registers (sys_sigreturn); the interrupted
 * call returns what it was answered (EINTR for an interrupted wait).
 *
 * SA_RESTART is libc's: an interrupted call returns EINTR here, and libc makes it again
 * (lib/libc/vfs.c, pm.c).  Not implemented: interrupting a call to a server other than PM
 * and VFS (the kernel refuses a frame for a process that is sending or receiving: the
 * signal stays pending until the process next calls PM).
 *
 * Entry points: sig_deliver (signal.c), sig_delay_over (signal.c, SIGSNDELAY), pm_after
 * (the loop's after hook), do_sigreturn, do_sigsuspend (table.c).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sigcontext.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

/* The process whose request PM is handling now (answered after its handler returns). */
struct mproc *pm_caller;

/* The first caught, unblocked, pending signal of rmp, or 0. */
static int
next_caught(const struct mproc *rmp)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sigismember(&rmp->mp_sigpending, sig) && sigismember(&rmp->mp_catch, sig) &&
		    !sigismember(&rmp->mp_sigmask, sig))
			return sig;
	return 0;
}

/* Step 1: stop rmp for its frames.  1 if it is stopped, 0 if the stop waits (SIGSNDELAY). */
static int
stop_for_frame(struct mproc *rmp)
{
	/* LAB(runctl) BEGIN: stop rmp outside any send: stopped (1), or wait for SIGSNDELAY (0) */
	int r = sys_delay_stop(rmp->mp_endpoint);

	if (r == -EBUSY) {
		rmp->mp_flags |= SIG_STOPPING;
		return 0;
	}
	if (r != OK)
		panic("stop_for_frame: sys_delay_stop(%d): %d", rmp->mp_endpoint, r);
	rmp->mp_flags |= SIG_STOPPED;
	return 1;
	/* LAB(runctl) STUB */
	//~ panic("LAB(runctl): stop_for_frame() does not stop %s", rmp->mp_name);
	/* LAB(runctl) END */
}

/* Step 2, PM's half: answer a waitpid or sigsuspend rmp waits in with EINTR. */
static void
end_pm_wait(struct mproc *rmp)
{
	message m;

	if (!(rmp->mp_flags & (WAITING | SIGSUSPENDED)))
		return;
	if (rmp->mp_flags & SIGSUSPENDED)
		rmp->mp_flags |= SIG_RESTORE;	/* the frame gives the old mask back */
	rmp->mp_flags &= ~(WAITING | SIGSUSPENDED);
	memset(&m, 0, sizeof(m));
	reply(rmp, -EINTR, &m);
}

/* Step 3: one frame for sig on rmp's stack: OK, or the kernel's error. */
static int
push_frame(struct mproc *rmp, int sig)
{
	struct sigaction *sa = &rmp->mp_sigact[sig];
	const sigset_t *restore = &rmp->mp_sigmask;
	struct sigmsg sm;
	int i, r;

	if (rmp->mp_flags & SIG_RESTORE)
		restore = &rmp->mp_sigsave;
	memset(&sm, 0, sizeof(sm));
	sm.sm_signo = sig;
	sm.sm_mask[0] = restore->__bits[0];
	sm.sm_mask[1] = restore->__bits[1];
	sm.sm_sighandler = (uint32_t)sa->sa_handler;
	sm.sm_sigreturn = rmp->mp_sigreturn;
	if ((r = sys_sigsend(rmp->mp_endpoint, &sm)) != OK)
		return r;
	rmp->mp_flags &= ~SIG_RESTORE;
	sigdelset(&rmp->mp_sigpending, sig);
	for (i = 0; i < 2; i++)
		rmp->mp_sigmask.__bits[i] |= sa->sa_mask.__bits[i];
	if (!(sa->sa_flags & SA_NODEFER))
		sigaddset(&rmp->mp_sigmask, sig);
	sigdelset(&rmp->mp_sigmask, SIGKILL);
	sigdelset(&rmp->mp_sigmask, SIGSTOP);
	if (sa->sa_flags & SA_RESETHAND) {
		memset(sa, 0, sizeof(*sa));
		sigdelset(&rmp->mp_catch, sig);
	}
	return OK;
}

/* Step 3 for every deliverable signal, then let rmp run. */
static void
push_frames(struct mproc *rmp)
{
	int sig, r;

	while ((sig = next_caught(rmp)) != 0) {
		if ((r = push_frame(rmp, sig)) == -EBUSY)
			break;		/* in a call to another server: pending until PM sees it */
		if (r != OK) {
			rmp->mp_flags &= ~SIG_FLAGS;
			exit_proc(rmp, SIGSEGV);	/* no room for the frame */
			return;
		}
	}
	rmp->mp_flags &= ~SIG_STOPPED;
	sys_resume(rmp->mp_endpoint);
}

void
sig_deliver(struct mproc *rmp)
{
	message m;

	if (!MP_LIVE(rmp) || rmp == pm_caller ||
	    (rmp->mp_flags & (VFS_CALL | DEFERRED | SIG_STOPPING | JOB_STOPPED)))
		return;
	if (next_caught(rmp) == 0) {
		if (rmp->mp_flags & SIG_STOPPED)
			push_frames(rmp);	/* nothing left (made blocked meanwhile): resume */
		return;
	}
	if (!(rmp->mp_flags & SIG_STOPPED)) {
		if (!stop_for_frame(rmp))
			return;
		end_pm_wait(rmp);
		memset(&m, 0, sizeof(m));
		if (vfs_state == VFS_READY && tell_vfs(rmp, VFS_PM_UNPAUSE, &m) == OK)
			return;		/* on VFS's answer: check_pending, here again */
	}
	push_frames(rmp);
}

/* SIGSNDELAY: rmp's send is through; its delayed stop may happen now. */
void
sig_delay_over(struct mproc *rmp)
{
	rmp->mp_flags &= ~SIG_STOPPING;
	sig_deliver(rmp);
}

/* The loop's after hook: the caller has its answer; its signals may run now.  With no
 * tracer and nothing pending (after nearly every call) check_pending() would do nothing. */
void
pm_after(void)
{
	struct mproc *rmp = pm_caller;

	pm_caller = NULL;
	if (rmp != NULL && (rmp->mp_tracer != NULL || !sig_none_pending(rmp)))
		check_pending(rmp);
}

/* PM_SIGRETURN: the trampoline returns from a handler; the frame's context is at addr. */
int
do_sigreturn(message *m)
{
	struct sigcontext sc;

	if (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&sc, sizeof(sc), 0) !=
	    OK || sys_sigreturn(mp->mp_endpoint, m->m_pm.addr) != OK) {
		exit_proc(mp, SIGSEGV);		/* no context to go back to */
		return SUSPEND;
	}
	mp->mp_sigmask.__bits[0] = sc.sc_mask[0];
	mp->mp_sigmask.__bits[1] = sc.sc_mask[1];
	sigdelset(&mp->mp_sigmask, SIGKILL);
	sigdelset(&mp->mp_sigmask, SIGSTOP);
	return SUSPEND;			/* the kernel ended its wait: no answer */
}

/* PM_SIGSUSPEND: wait with the mask at addr until a handler has run (answered EINTR). */
int
do_sigsuspend(message *m)
{
	sigset_t set;

	if (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&set, sizeof(set), 0) !=
	    OK)
		return -EFAULT;
	mp->mp_sigsave = mp->mp_sigmask;
	mp->mp_sigmask = set;
	sigdelset(&mp->mp_sigmask, SIGKILL);
	sigdelset(&mp->mp_sigmask, SIGSTOP);
	mp->mp_flags |= SIGSUSPENDED;
	return SUSPEND;			/* pm_after: a pending signal may end it at once */
}
