/*
 * heartbeat.c - heartbeats: RS pings the services that have a period and kills the ones
 * that stop answering (handouts/rs.md, "Heartbeats").
 *
 * A service started with `service up -period TICKS` is pinged from RS's alarm (every
 * RS_ALARM_MS): when a period has passed since the last ping and the previous one has
 * been answered, RS sends a notification, which the service's SEF answers with a
 * notification back (sef_cb_ping_reply_pong, main.c hands it to heartbeat_answer).  Two
 * periods without an answer is a hang: RS marks it RS_NOPINGREPLY and kills it (SIGKILL
 * through the kernel, as for any crash); restart.c restarts it with the reason
 * "no-heartbeat" (the argument of its recovery script).  A hang is thus detected between
 * two periods and two periods plus one alarm period after the last answer.
 * Only running services are pinged (not while initialising, restarting, stopping or being
 * updated).
 * A boot service that RS restarts (sf=restart) gets a period with `service edit`; the other
 * boot services have none (a hang could not be recovered from).  RS pings from its alarm,
 * so a period shorter than the alarm's is taken as the alarm's (heartbeat_period): with
 * two periods shorter than one alarm period, a service that answers every ping at once
 * would still be found silent at the next alarm.
 */
#include <stdio.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Ticks since the system started. */
static uint32_t
now_ticks(void)
{
	uint32_t now = 0;

	sys_getuptime(&now);
	return now;
}

uint32_t
heartbeat_period(uint32_t ticks)
{
	uint32_t hz = 100, alarm;

	sys_gethz(&hz);
	alarm = hz * RS_ALARM_MS / 1000;
	return ticks == 0 || ticks >= alarm ? ticks : alarm;
}

/* rp has just started (its init answered OK): its heartbeat clock starts now. */
void
heartbeat_start(struct rproc *rp)
{
	rp->r_alive_ticks = rp->r_ping_ticks = now_ticks();
	rp->r_flags &= ~(RS_PINGED | RS_NOPINGREPLY);
	if (rp->r_period > 0)
		rs_arm_alarm();
}

/* rp answered a ping. */
void
heartbeat_answer(struct rproc *rp)
{
	rp->r_flags &= ~RS_PINGED;
	rp->r_alive_ticks = now_ticks();
	if (rp->r_period == 0)		/* the one ping at the end of the boot (boot.c) */
		printf("rs: %s answered ping\n", rp->r_pub->label);
}

/* One alarm for rp, a running service with a period. */
static void
check(struct rproc *rp, uint32_t now)
{
	/* LAB(rs-recovery) BEGIN: detect a hang: two periods without an answer */
	if (now - rp->r_alive_ticks >= 2 * rp->r_period) {
		printf("rs: %s did not answer its pings for %u ticks (period %u): SIGKILL\n",
		       rp->r_pub->label, (unsigned)(now - rp->r_alive_ticks),
		       (unsigned)rp->r_period);
		rp->r_flags |= RS_NOPINGREPLY;
		sys_kill(rp->r_pub->endpoint, SIGKILL);
		return;
	}
	if (!(rp->r_flags & RS_PINGED) && now - rp->r_ping_ticks >= rp->r_period) {
		rp->r_flags |= RS_PINGED;
		rp->r_ping_ticks = now;
		ipc_notify(rp->r_pub->endpoint);
	}
	/* LAB(rs-recovery) STUB */
	//~ static int said;

	//~ (void)now;
	//~ if (!said++)
	//~ 	printf("rs: LAB rs-recovery: check(): heartbeats of %s not implemented\n",
	//~ 	       rp->r_pub->label);
	/* LAB(rs-recovery) END */
}

/* The alarm: ping or kill each running service with a period; nonzero if there are any
 * (the alarm goes on). */
int
heartbeat_alarm(void)
{
	uint32_t now = now_ticks();
	struct rproc *rp;
	int any = 0;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_IN_USE) || rp->r_period == 0)
			continue;
		any = 1;
		if ((rp->r_flags & (RS_ACTIVE | RS_EXITING | RS_NOPINGREPLY | RS_UPDATING)) ==
		    RS_ACTIVE)
			check(rp, now);
	}
	return any;
}
