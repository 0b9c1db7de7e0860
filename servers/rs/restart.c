/*
 * restart.c - crash recovery: RS starts again a service `service up` started that died
 * (handouts/rs.md, "Crash recovery").
 *
 * service_died() (from down.c's service_gone, for a death RS did not ask for) deletes the
 * label from DS, has PM end the dead process (PM_SRV_KILL) and keeps the slot, marked
 * RS_RESTARTING, with its struct rs_start, restart count and back-off.  The first death is
 * restarted at once; a death that follows soon after a start (the instance lived less than
 * BACKOFF_RESET_MS) waits 1, 2, 4, then at most 8 periods of RS's alarm (RS_ALARM_MS) before
 * the next try, so a service that cannot run is never restarted in a hot loop; an instance
 * that lived longer starts the count again.  The restart is rs_start_instance() (up.c):
 * PM forks and VFS execs the program again, RS gives it its privileges and sends
 * RS_INIT(SEF_INIT_RESTART) with the dead instance's endpoint as old_endpoint; when the
 * answer is in (up.c), the label is published again.  A restart whose init fails, or
 * whose process cannot be made, counts as a death soon after a start.
 * Not implemented: keeping the endpoint and pid (a replica swapped in with sys_update):
 * the restarted instance has a new endpoint and pid.  Not implemented: restarting boot
 * services (their death is reported, signal.c).
 * RS never waits on the service: only PM and VFS (core servers) are asked, with sendrec.
 * restart_refresh() is RS_REFRESH's entry (refresh.c): the restart of an instance RS
 * stopped on purpose, at once, without back-off.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define BACKOFF_MAX_EXP         3       /* the longest wait: 1 << 3 alarm periods */
#define BACKOFF_RESET_MS        2000    /* an instance that lived this long resets it */

/* Alarm periods to wait before restarting rp, whose instance just ended; counts the
 * death into rp's back-off. */
static int
backoff_periods(struct rproc *rp)
{
	uint32_t hz = 100, now = 0;
	int n;

	sys_gethz(&hz);
	sys_getuptime(&now);
	if (now - rp->r_start_ticks >= hz * BACKOFF_RESET_MS / 1000)
		rp->r_backoff_exp = 0;
	n = rp->r_backoff_exp == 0 ? 0 : 1 << (rp->r_backoff_exp - 1);
	if (rp->r_backoff_exp <= BACKOFF_MAX_EXP)
		rp->r_backoff_exp++;
	return n;
}

static void schedule(struct rproc *rp);

/* Start rp's program again, as a restart. */
static void
restart_now(struct rproc *rp)
{
	int r;

	rp->r_backoff = 0;
	rp->r_restarts++;
	printf("rs: restarting %s (restart %d)\n", rp->r_pub->label, rp->r_restarts);
	if ((r = rs_start_instance(rp, SEF_INIT_RESTART)) != OK) {
		printf("rs: cannot restart %s: %s\n", rp->r_pub->label, rs_errname(r));
		rp->r_pub->endpoint = NONE;
		rp->r_pid = -1;
		schedule(rp);
	}
}

/* Restart rp now or after its back-off. */
static void
schedule(struct rproc *rp)
{
	int n = backoff_periods(rp);

	if (n == 0) {
		restart_now(rp);
		return;
	}
	rp->r_backoff = n;
	printf("rs: %s restarts in %d ms (back-off)\n", rp->r_pub->label, n * RS_ALARM_MS);
	rs_arm_alarm();
}

/* The instance of rp is gone (its process ended with PM): no endpoint until the restart. */
static void
instance_gone(struct rproc *rp)
{
	pm_srv_kill(rp->r_pub->endpoint);
	rp->r_old_endpoint = rp->r_pub->endpoint;
	rp->r_pub->endpoint = NONE;
	rp->r_pid = -1;
	rp->r_flags = (rp->r_flags & ~(RS_ACTIVE | RS_INITIALIZING | RS_PINGED)) | RS_RESTARTING;
}

void
service_died(struct rproc *rp, int signo)
{
	printf("rs: service %s (endpoint %d) died of signal %d\n", rp->r_pub->label,
	       rp->r_pub->endpoint, signo);
	up_unpublish(rp);
	instance_gone(rp);
	schedule(rp);
}

void
restart_init_failed(struct rproc *rp, int result)
{
	printf("rs: restarted %s failed its init: %s\n", rp->r_pub->label, rs_errname(result));
	instance_gone(rp);
	schedule(rp);
}

/* The alarm: restart each service whose back-off is over; nonzero if some still wait. */
int
restart_alarm(void)
{
	struct rproc *rp;
	int waiting = 0;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_IN_USE) || !(rp->r_flags & RS_RESTARTING) ||
		    rp->r_backoff == 0)
			continue;
		if (--rp->r_backoff == 0)
			restart_now(rp);
		else
			waiting = 1;
	}
	return waiting;
}

/* RS_REFRESH (refresh.c): rp's instance ended because RS stopped it; start it again at
 * once, whatever its back-off.  OK, or the error that left it without a new instance (it
 * is then tried again after a back-off). */
int
restart_refresh(struct rproc *rp)
{
	up_unpublish(rp);
	instance_gone(rp);
	restart_now(rp);
	return (rp->r_flags & RS_INITIALIZING) ? OK : -EAGAIN;
}
