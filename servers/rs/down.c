/*
 * down.c - RS_DOWN and RS_LOOKUP, and the end of a service RS started (minnow/rs.h;
 * handouts/rs.md, "Starting and stopping services").
 *
 * RS_DOWN(label): ESRCH for an unknown label, EPERM for a boot service (the system's own
 * servers and drivers, `service down vm`: not stopped), EBUSY for a service that is still
 * starting or already stopping.  Otherwise RS asks the kernel for a SIGTERM (sys_kill); RS
 * is the service's signal manager and hands it to the service's SEF (signal.c), whose
 * default handler exits.  The request stays unanswered; an alarm (sys_setalarm, one period
 * DOWN_PERIOD_MS) counts DOWN_PERIODS periods, after which the service gets SIGKILL.  A
 * service waiting out a restart back-off has no process: RS_DOWN frees its slot at once.
 *
 * service_gone() is the end of every service RS started, whatever the cause (its exit,
 * which the kernel turns into SIGABRT for RS; SIGKILL; a fault).  A death RS did not ask
 * for, of a service that was up (no `service up` waiting) and not started with -n, is a
 * crash: restart.c starts it again.  Otherwise its label leaves DS, PM
 * ends the process (PM_SRV_KILL: VFS closes its files, VM frees its memory, the kernel its
 * slot), the `service` process waiting on it is answered (OK for a down, EDEADEPT for an
 * up whose service died in its init) and the slot is freed.
 *
 * RS_LOOKUP(label), from anyone: OK with the endpoint and pid, or ESRCH.
 *
 * rs_stop() (SIGTERM, then SIGKILL from the alarm) is also how RS_REFRESH stops the old
 * instance (refresh.c).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define DOWN_PERIOD_MS  RS_ALARM_MS  /* the alarm's period */
#define DOWN_PERIODS    4       /* periods after SIGTERM before SIGKILL */

/* The service labelled label (labels only, not program names), or NULL. */
struct rproc *
rs_by_label(const char *label)
{
	int i;

	for (i = 0; i < RS_NR_PUB; i++)
		if ((rproc[i].r_flags & RS_IN_USE) && strcmp(rprocpub[i].label, label) == 0)
			return &rproc[i];
	return NULL;
}

/* The slot m's label names: OK, or EINVAL (no NUL) / ESRCH (nobody).  Every request
 * that names a label (here, refresh.c, restart.c, replica.c). */
int
rs_label_of(const message *m, struct rproc **rpp)
{
	if (memchr(m->m_rs_req.label, '\0', sizeof(m->m_rs_req.label)) == NULL)
		return -EINVAL;
	*rpp = rs_by_label(m->m_rs_req.label);
	return *rpp != NULL ? OK : -ESRCH;
}

static int alarm_pending;	/* an alarm is set and has not rung yet */

/* Arm RS's alarm for one period (services stopping here, back-offs in restart.c,
 * heartbeats), unless one is pending: setting it again would push it out, and services
 * that stop or die more often than once a period would keep it from ever ringing, so no
 * heartbeat would be checked (the fault-injection campaign saw hello killed for 32 s
 * without an answer to pings RS never sent; handouts/hardening.md, "Driver fault
 * injection"). */
void
rs_arm_alarm(void)
{
	uint32_t hz = 100;
	int r;

	if (alarm_pending)
		return;
	sys_gethz(&hz);
	if ((r = sys_setalarm(hz * DOWN_PERIOD_MS / 1000, 0, NULL)) != OK)
		printf("rs: cannot set an alarm: %s\n", rs_errname(r));
	alarm_pending = r == OK;
}

/* RS's alarm rang (main.c): the next rs_arm_alarm() sets a new one. */
void
rs_alarm_rang(void)
{
	alarm_pending = 0;
}

int
do_down(message *m)
{
	struct rproc *rp;
	int r;

	if ((r = rs_label_of(m, &rp)) != OK)
		return r;
	if (rp->r_flags & RS_BOOT_SVC)
		return -EPERM;
	if ((rp->r_flags & RS_RESTARTING) && !(rp->r_flags & RS_INITIALIZING)) {
		printf("rs: service %s stopped (it was waiting to restart)\n", rp->r_pub->label);
		restart_abandon(rp);	/* restart.c: its dead image ends */
		rs_cleanup(rp);
		return OK;
	}
	if (!(rp->r_flags & RS_ACTIVE) || (rp->r_flags & (RS_EXITING | RS_UPDATING)))
		return -EBUSY;
	if ((r = rs_stop(rp, m->m_source, 0)) != OK)
		return r;
	return -EDONTREPLY;		/* answered by service_gone() */
}

/* Begin stopping rp for caller (down, refresh: why, in flags): SIGTERM now, SIGKILL
 * from the alarm after DOWN_PERIODS periods (down_alarm).  OK, or sys_kill's error. */
int
rs_stop(struct rproc *rp, endpoint_t caller, int flags)
{
	int r;

	if ((r = sys_kill(rp->r_pub->endpoint, SIGTERM)) != OK)
		return r;
	rp->r_flags |= RS_EXITING | flags;
	rp->r_down_ticks = DOWN_PERIODS;
	rp->r_caller = caller;
	rs_arm_alarm();
	return OK;
}

/* The alarm: SIGKILL for each stopping service whose time is up; nonzero if some still
 * wait (the caller re-arms). */
int
down_alarm(void)
{
	struct rproc *rp;
	int waiting = 0;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_IN_USE) || !(rp->r_flags & RS_EXITING))
			continue;
		if (--rp->r_down_ticks > 0) {
			waiting = 1;
			continue;
		}
		printf("rs: service %s ignored SIGTERM: SIGKILL\n", rp->r_pub->label);
		sys_kill(rp->r_pub->endpoint, SIGKILL);
	}
	return waiting;
}

/* rp, a service RS started, is dead (signal signo): clean up and answer whoever waits. */
void
service_gone(struct rproc *rp, int signo)
{
	int stopping = rp->r_flags & RS_EXITING;

	rs_pci_unpublish(rp);		/* pci.c: its PCI ACL and reservations go */
	if (rp->r_flags & RS_REFRESHING) {
		refresh_gone(rp, signo);	/* refresh.c: started again at once */
		return;
	}
	if (!stopping && rp->r_caller == NONE && !(rp->r_start.flags & RS_START_NORESTART) &&
	    !rs_shutting_down) {
		service_died(rp, signo);	/* restart.c: started again */
		return;
	}
	if (stopping)
		printf("rs: service %s stopped\n", rp->r_pub->label);
	else
		rs_report_death(rp->r_pub->label, rp->r_pub->endpoint, signo);
	up_unpublish(rp);
	pm_srv_kill(rp->r_pub->endpoint);
	restart_abandon(rp);		/* restart.c: a standby replica ends too */
	rs_answer(rp, stopping ? OK : -EDEADEPT);
	rs_cleanup(rp);
}

int
do_lookup(message *m)
{
	struct rproc *rp;
	int r;

	if ((r = rs_label_of(m, &rp)) != OK)
		return r;
	m->m_rs_req.endpoint = rp->r_pub->endpoint;
	m->m_rs_req.pid = rp->r_pid;
	return OK;
}
