/*
 * stop.c - stopping and continuing processes: the default actions of SIGSTOP, SIGTSTP,
 * SIGTTIN, SIGTTOU and SIGCONT, and what the parent sees (handouts/pm.md, "Stop and
 * continue").
 *
 * A stop holds the process with sys_runctl(RC_STOP, RC_DELAY), never in the middle of a
 * send: if the process is sending a request its server has not taken yet, the kernel
 * answers EBUSY and raises SIGSNDELAY once the send is through (STOP_PENDING until then,
 * stop_delay_over).  A process may be stopped while it waits for an answer: the answer is
 * kept in it and it sees it when it goes on.  The stopped process is JOB_STOPPED; its
 * parent gets SIGCHLD (unless the parent's SIGCHLD action says SA_NOCLDSTOP), and a
 * waitpid with WUNTRACED reports it once (status (sig << 8) | 0x7F, STOP_REPORTED).  When
 * SIGCONT continues it, the parent gets SIGCHLD again (the same SA_NOCLDSTOP rule) and a
 * waitpid with WCONTINUED reports that once (status 0xFFFF, CONTINUED).
 * While stopped, signals wait in mp_sigpending, but SIGKILL, which ends it, and SIGCONT,
 * which lets it go on (sys_resume) before its own action runs.  A stop discards a pending
 * SIGCONT and SIGCONT discards pending stops.
 *
 * Entry points: stop_proc, stop_delay_over, continue_proc (signal.c), stopped_child
 * (forkexit.c's waitpid).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Is sig one whose default action stops the process? */
int
is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The parent of rmp, stopped (opt PM_WUNTRACED) or continued (PM_WCONTINUED): a
 * waitpid with that option is answered, SIGCHLD sent. */
static void
tell_parent_stopped(struct mproc *rmp, int opt)
{
	struct mproc *pp = &mproc[rmp->mp_parent];
	message m;

	if (!MP_LIVE(pp) || (pp->mp_flags & PM_ITSELF))
		return;
	if ((pp->mp_flags & WAITING) && (pp->mp_wopts & opt) &&
	    wait_matches(pp, rmp, pp->mp_wpid)) {
		memset(&m, 0, sizeof(m));
		if (!stopped_child(rmp, &m, opt))
			panic("tell_parent_stopped: %s has nothing to report", rmp->mp_name);
		pp->mp_flags &= ~WAITING;
		reply(pp, rmp->mp_pid, &m);
	}
	if (!(pp->mp_sigact[SIGCHLD].sa_flags & SA_NOCLDSTOP))
		sig_proc(pp, SIGCHLD, 0);
}

void
stop_proc(struct mproc *rmp, int sig)
{
	int r;

	sigdelset(&rmp->mp_sigpending, SIGCONT);
	if (rmp->mp_flags & JOB_STOPPED)
		return;
	rmp->mp_stopsig = sig;
	if ((r = sys_delay_stop(rmp->mp_endpoint)) == -EBUSY) {
		rmp->mp_flags |= STOP_PENDING;	/* SIGSNDELAY: stop_delay_over */
		return;
	}
	if (r != OK)
		panic("stop_proc: sys_delay_stop(%d): %d", rmp->mp_endpoint, r);
	rmp->mp_flags = (rmp->mp_flags & ~(STOP_PENDING | STOP_REPORTED | CONTINUED)) |
			JOB_STOPPED;
	tell_parent_stopped(rmp, PM_WUNTRACED);
}

/* SIGSNDELAY for a process whose stop waited for its send: stop it now. */
void
stop_delay_over(struct mproc *rmp)
{
	rmp->mp_flags &= ~STOP_PENDING;
	stop_proc(rmp, rmp->mp_stopsig);
}

void
continue_proc(struct mproc *rmp)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (is_stop_signal(sig))
			sigdelset(&rmp->mp_sigpending, sig);
	if (rmp->mp_flags & STOP_PENDING) {
		rmp->mp_flags &= ~STOP_PENDING;	/* the SIGSNDELAY finds nothing to do */
		return;
	}
	if (!(rmp->mp_flags & JOB_STOPPED))
		return;
	rmp->mp_flags = (rmp->mp_flags & ~(JOB_STOPPED | STOP_REPORTED)) | CONTINUED;
	if (!(rmp->mp_flags & SIG_STOPPED))
		sys_resume(rmp->mp_endpoint);	/* (a frame on its way resumes it itself) */
	tell_parent_stopped(rmp, PM_WCONTINUED);
}

/* A waitpid with options opts finds child cp: 1 (and the answer in m) if cp is stopped
 * (PM_WUNTRACED) or was continued (PM_WCONTINUED) and that is not yet reported. */
int
stopped_child(struct mproc *cp, message *m, int opts)
{
	m->m_pm.pid = cp->mp_pid;
	if ((opts & PM_WUNTRACED) &&
	    (cp->mp_flags & (JOB_STOPPED | STOP_REPORTED)) == JOB_STOPPED) {
		cp->mp_flags |= STOP_REPORTED;
		m->m_pm.status = (cp->mp_stopsig << 8) | 0x7F;
		return 1;
	}
	if ((opts & PM_WCONTINUED) && (cp->mp_flags & CONTINUED)) {
		cp->mp_flags &= ~CONTINUED;
		m->m_pm.status = 0xFFFF;
		return 1;
	}
	return 0;
}
