/*
 * main.c - RS, the reincarnation server: start-up and the request loop.
 *
 * RS is the root of the service tree (handouts/rs.md).  Its SEF fresh init (boot.c) gives
 * every boot service its privileges and starts it with the SEF init handshake; SEF also
 * makes RS the signal manager of all services (signal.c).  Then RS serves through the
 * shared loop (srv_loop, minnow/srv.h; boot.c also serves single messages with
 * srv_serve_one while a synchronous boot service initialises):
 *   requests         dispatched by the call table (table.c): RS_INIT (init.c),
 *                    RS_GETSYSINFO (request.c), RS_UP (up.c), RS_DOWN and RS_LOOKUP
 *                    (down.c), RS_REFRESH (refresh.c), RS_EDIT (edit.c), RS_SHUTDOWN
 *                    (shutdown.c), RS_UPDATE and RS_LU_PREPARE (update.c), RS_RESTART
 *                    (restart.c), RS_CLONE (replica.c); answered by rs_reply, or later by
 *                    rs_answer (up.c)
 *   notifications    from a pinged service: its answer (heartbeat.c; the new version of
 *                    a live update: update.c's commit); from CLOCK: the alarm of a service
 *                    being stopped or refreshed (down.c), waiting out a restart back-off
 *                    (restart.c), being updated (update.c) or due for a heartbeat
 *                    (heartbeat.c)
 * A service `service up` started that dies or hangs is restarted (restart.c); `service
 * update` replaces one by a new version (update.c).  Not implemented: restarting boot
 * services, updating boot services, heartbeats of boot services (RS pings each once when
 * boot ends).
 * RS never blocks on a service: requests and replies go with asynsend3 / sendnb.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* RS cannot go on: say why and stop the system (QEMU's panic exit status). */
void
rs_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	sys_abort(RBT_PANIC);
	panic("rs_fatal: sys_abort returned");
}

/* A notification from a service: the answer to RS's ping. */
static void
do_notify(const message *m)
{
	struct rproc *rp = rs_by_endpoint(m->m_source);

	if (m->m_source == CLOCK) {
		/* a service being stopped may need its SIGKILL, one in back-off its restart */
		rs_alarm_rang();
		if (down_alarm() | restart_alarm() | update_alarm() | heartbeat_alarm())
			rs_arm_alarm();
		return;
	}
	if (update_pong(m->m_source))
		return;			/* the new version of a live update answered (update.c) */
	if (rp == NULL || !(rp->r_flags & RS_PINGED))
		return;
	heartbeat_answer(rp);		/* heartbeat.c */
}

const struct srv_ops rs_ops = {
	.name = "rs",
	.dispatch = rs_dispatch,
	.reply = rs_reply,
	.notify = do_notify,
};

int
main(void)
{
	sef_setcb_init_fresh(rs_boot);
	sef_setcb_init_lu(rs_lu_init);		/* a new RS of RS's own update */
	sef_setcb_init_response(rs_lu_response);
	sef_setcb_signal_manager(rs_signal_manager);
	sef_startup();
	update_self_finish();			/* a new RS takes RS's slot (update_self.c) */
	rs_fatal("rs: receive failed: %s", rs_errname(srv_loop(&rs_ops)));
}
