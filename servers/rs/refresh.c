/*
 * refresh.c - RS_REFRESH: stop a service and start it again at once (minnow/rs.h;
 * handouts/rs.md, "Refresh, edit, run and shutdown").
 *
 * do_refresh(label) refuses an unknown label (ESRCH), a boot service RS does not restart
 * (EPERM; rs_restartable: a boot service marked sf=restart may be refreshed), one
 * starting, stopping, restarting or being updated (EBUSY) and, once RS_SHUTDOWN came,
 * every refresh (EBUSY).  Then it stops the service exactly as RS_DOWN does (down.c): SIGTERM
 * through the service's SEF, SIGKILL from RS's alarm if it has not exited after about two
 * seconds; the slot is marked RS_EXITING | RS_REFRESHING and the request stays unanswered.
 * When the instance is gone, service_gone (down.c) hands it to refresh_gone(), which has
 * restart.c start it again at once (restart_refresh: no back-off; the new instance runs
 * its restart init, SEF_INIT_RESTART, and the restart count grows).  The caller is
 * answered by up.c when that init answers: OK with the new endpoint and pid, or the
 * init's error (the service is then restarted later with the usual back-off).
 *
 * Entry points: do_refresh (table.c), refresh_gone (down.c).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

int
do_refresh(message *m)
{
	struct rproc *rp;
	int r;

	if ((r = rs_label_of(m, &rp)) != OK)
		return r;
	if (!rs_restartable(rp))
		return -EPERM;		/* a boot service RS cannot start again */
	if (!(rp->r_flags & RS_ACTIVE) ||
	    (rp->r_flags & (RS_EXITING | RS_RESTARTING | RS_UPDATING)) ||
	    rs_shutting_down)
		return -EBUSY;
	if ((r = rs_stop(rp, m->m_source, RS_REFRESHING)) != OK)
		return r;		/* (the stop is RS_DOWN's: down.c) */
	printf("rs: refreshing %s\n", rp->r_pub->label);
	return -EDONTREPLY;		/* answered when the new instance's init answers */
}

/* rp, being refreshed, is gone (signal signo): start it again now. */
void
refresh_gone(struct rproc *rp, int signo)
{
	int r;

	printf("rs: service %s (endpoint %d) ended for its refresh (signal %d)\n",
	       rp->r_pub->label, rp->r_pub->endpoint, signo);
	rp->r_flags &= ~(RS_EXITING | RS_REFRESHING);
	if ((r = restart_refresh(rp)) != OK)
		rs_answer(rp, r);	/* no new instance yet: restart.c retries it */
}
