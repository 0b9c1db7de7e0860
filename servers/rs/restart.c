/*
 * restart.c - crash recovery: RS starts again a service `service up` started that died
 * (handouts/rs.md, "Crash recovery").
 *
 * service_died() (from down.c's service_gone, for a death RS did not ask for: an exit, a
 * fault, a panic, root's kill -9, or RS's own SIGKILL for a hang, heartbeat.c) keeps the
 * dead process frozen: the kernel holds it in RTS_SIG_PENDING for its signal manager, and
 * RS does not release it (sys_endksig) nor have PM end it.  Its endpoint, its DS label and
 * its PM pid stay; the slot is marked RS_RESTARTING.
 * Back-off: the first death is restarted at once; a death that follows soon after a start
 * (the instance lived less than BACKOFF_RESET_MS) waits 1, 2, 4, then at most 8 periods of
 * RS's alarm (RS_ALARM_MS); an instance that lived longer starts the count again; `-b`
 * (RS_START_NOBACKOFF) restarts at once every time.  A service with a recovery script
 * (`-script`) has it run instead (script.c), which asks for the restart (RS_RESTART).
 * The restart (restart_now): a replica (fork+exec of the same program with the same
 * privileges, not allowed to run; or the standby replica `-p` keeps) is swapped with the
 * dead image by vm_update (replica.c): the new code now runs under the old endpoint and
 * pid, the dead image sits in the replica's slot, and RS_INIT(SEF_INIT_RESTART) goes to
 * the endpoint.  When the init answers OK, PM ends the dead image (restart_init_ok).
 * A restart init that answers ERESTART (SEF's default, sef_cb_init_reset) gets a reset:
 * both processes end, the label leaves DS, and a fresh instance (SEF_INIT_FRESH) starts
 * with a new endpoint and pid and publishes the label again.  A restart init that fails
 * otherwise, or a replica that cannot be made or swapped, counts as a death soon after a
 * start; without a dead image to swap with, the next restart is a reset.
 * RS_RESTART (do_restart): restart a dead service now.  restart_refresh() is RS_REFRESH's
 * entry (refresh.c): an instance RS stopped on purpose is restarted at once, the same way.
 * A boot service marked sf=restart is restarted the same way, from /service/<program>
 * (boot.c); it is never reset (its endpoint is fixed: reset() refuses, and it is tried
 * again after a back-off); the other boot services are not restarted (signal.c;
 * handouts/rs.md, "Boot services").
 * RS never waits on the service: only PM, VM and VFS (core servers) are asked.
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
	/* LAB(rs-recovery) BEGIN: the back-off: periods to wait before the next restart */
	if (rp->r_start.flags & RS_START_NOBACKOFF)
		return 0;
	if (now - rp->r_start_ticks >= hz * BACKOFF_RESET_MS / 1000)
		rp->r_backoff_exp = 0;
	n = rp->r_backoff_exp == 0 ? 0 : 1 << (rp->r_backoff_exp - 1);
	if (rp->r_backoff_exp <= BACKOFF_MAX_EXP)
		rp->r_backoff_exp++;
	return n;
	/* LAB(rs-recovery) STUB */
	//~ (void)hz;
	//~ (void)now;
	//~ (void)n;
	//~ printf("rs: LAB rs-recovery: backoff_periods() of %s not implemented\n",
	//~        rp->r_pub->label);
	//~ return 1 << BACKOFF_MAX_EXP;
	/* LAB(rs-recovery) END */
}

/* End the image of a dead instance RS still holds, if any (PM_SRV_KILL). */
static void
end_dead_image(struct rproc *rp)
{
	if (rp->r_dead_ep == NONE)
		return;
	pm_srv_kill(rp->r_dead_ep);
	rp->r_dead_ep = NONE;
}

/* Start a fresh instance of rp with a new endpoint (the reset path): the processes RS
 * holds end, the label leaves DS and comes back with the new endpoint. */
static int
reset(struct rproc *rp, int type)
{
	if (rp->r_flags & RS_BOOT_SVC) {
		printf("rs: %s is a boot service: it keeps its endpoint, no reset\n",
		       rp->r_pub->label);
		return -EPERM;	/* its endpoint is fixed (minnow/endpoint.h) */
	}
	up_unpublish(rp);	/* first: a file server waiting on it gives up (DS) */
	end_dead_image(rp);
	rp->r_old_endpoint = rp->r_pub->endpoint;
	rp->r_pub->endpoint = NONE;
	rp->r_pid = -1;
	return rs_start_instance(rp, type);
}

static void schedule(struct rproc *rp);

void
restart_now(struct rproc *rp)
{
	int r;

	rp->r_backoff = 0;
	rp->r_restarts++;
	printf("rs: restarting %s (restart %d)\n", rp->r_pub->label, rp->r_restarts);
	if ((r = replica_swap(rp)) == OK)
		return;			/* RS_INIT sent to the old endpoint */
	printf("rs: %s: no replica swapped in (%s): a fresh instance\n", rp->r_pub->label,
	       rs_errname(r));
	if ((r = reset(rp, SEF_INIT_RESTART)) != OK) {
		printf("rs: cannot restart %s: %s\n", rp->r_pub->label, rs_errname(r));
		schedule(rp);
	}
}

/* The back-off of rp is over: its recovery script, or the restart. */
static void
restart_due(struct rproc *rp)
{
	rp->r_backoff = 0;
	if (rp->r_start.script[0] != '\0' && script_run(rp) == OK)
		return;			/* the script decides: RS_RESTART or RS_DOWN */
	restart_now(rp);
}

/* Restart rp now or after its back-off. */
static void
schedule(struct rproc *rp)
{
	int n = backoff_periods(rp);

	if (n == 0) {
		restart_due(rp);
		return;
	}
	rp->r_backoff = n;
	printf("rs: %s restarts in %d ms (back-off)\n", rp->r_pub->label, n * RS_ALARM_MS);
	rs_arm_alarm();
}

/* The instance of rp at its endpoint is dead: hold its image for the replica swap. */
static void
freeze(struct rproc *rp)
{
	/* LAB(rs-recovery) BEGIN: keep the dead image frozen under its endpoint */
	if (rp->r_dead_ep != rp->r_pub->endpoint)
		end_dead_image(rp);	/* an older image: a restart that died in its init */
	rp->r_dead_ep = rp->r_pub->endpoint;
	rp->r_old_endpoint = rp->r_pub->endpoint;
	rp->r_flags = (rp->r_flags & ~(RS_ACTIVE | RS_INITIALIZING | RS_PINGED)) | RS_RESTARTING;
	/* LAB(rs-recovery) STUB */
	//~ panic("freeze: LAB rs-recovery: keeping the dead image of %s not implemented",
	//~       rp->r_pub->label);
	/* LAB(rs-recovery) END */
}

void
service_died(struct rproc *rp, int signo)
{
	rs_report_death(rp->r_pub->label, rp->r_pub->endpoint, signo);
	strlcpy(rp->r_reason, (rp->r_flags & RS_NOPINGREPLY) ? "no-heartbeat" : "terminated",
		sizeof(rp->r_reason));
	rp->r_flags &= ~RS_NOPINGREPLY;
	freeze(rp);
	schedule(rp);
}

void
restart_init_failed(struct rproc *rp, int result)
{
	int r;

	/* LAB(rs-recovery) BEGIN: ERESTART: reset to a fresh instance; other errors: back off */
	if (result == -ERESTART) {
		printf("rs: %s refused the restart (ERESTART): reset, new endpoint\n",
		       rp->r_pub->label);
		up_unpublish(rp);	/* first: a file server waiting on it gives up */
		pm_srv_kill(rp->r_pub->endpoint);	/* the instance that refused */
		if ((r = reset(rp, SEF_INIT_FRESH)) == OK)
			return;
		printf("rs: cannot reset %s: %s\n", rp->r_pub->label, rs_errname(r));
		schedule(rp);
		return;
	}
	printf("rs: restarted %s failed its init: %s\n", rp->r_pub->label, rs_errname(result));
	freeze(rp);		/* it waits for RS's reply: swapped out like a dead image */
	schedule(rp);
	/* LAB(rs-recovery) STUB */
	//~ (void)r;
	//~ panic("restart_init_failed: LAB rs-recovery: %s answered %d, not handled",
	//~       rp->r_pub->label, result);
	/* LAB(rs-recovery) END */
}

/* The restart init of rp answered OK, or its first init did (up.c): the dead image ends,
 * heartbeats start, and a -p service gets its standby replica. */
void
restart_init_ok(struct rproc *rp)
{
	end_dead_image(rp);
	heartbeat_start(rp);
	if ((rp->r_start.flags & RS_START_REPLICA) && rp->r_replica_ep == NONE)
		replica_make(rp);
}

/* rp leaves the table (down.c): the dead image and the replica RS holds end. */
void
restart_abandon(struct rproc *rp)
{
	end_dead_image(rp);
	replica_drop(rp);
	up_unpublish(rp);
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
			restart_due(rp);
		else
			waiting = 1;
	}
	return waiting;
}

/* RS_RESTART(label): restart a dead service now (its recovery script asks). */
int
do_restart(message *m)
{
	struct rproc *rp;
	int r;

	if ((r = rs_label_of(m, &rp)) != OK)
		return r;
	if (!rs_restartable(rp))
		return -EPERM;		/* a boot service RS does not restart */
	if (!(rp->r_flags & RS_RESTARTING) || (rp->r_flags & RS_INITIALIZING))
		return -EBUSY;		/* running, or its restart is under way */
	restart_now(rp);
	return OK;
}

/* RS_REFRESH (refresh.c): rp's instance ended because RS stopped it; start it again at
 * once from a replica, whatever its back-off.  OK, or the error that left it without a
 * new instance (it is then tried again after a back-off). */
int
restart_refresh(struct rproc *rp)
{
	freeze(rp);
	restart_now(rp);
	return (rp->r_flags & RS_INITIALIZING) ? OK : -EAGAIN;
}
