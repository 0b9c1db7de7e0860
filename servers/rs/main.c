/*
 * main.c - RS, the reincarnation server: start-up and the request loop.
 *
 * RS is the root of the service tree (minix-design.md section 9).  Its SEF fresh init
 * (boot.c) gives every boot service its privileges and starts it with the SEF init
 * handshake; SEF also makes RS the signal manager of all services (signal.c).  The loop
 * then serves:
 *   RS_INIT          a service's answer to its init request (init.c)
 *   notifications    from a pinged service: its answer ("rs: X answered ping")
 *   RS_GETSYSINFO    anyone, users included: the service table (request.c)
 *   RS_UP ... RS_LOOKUP  EPERM for a caller that is not a system service, else ENOSYS
 *                    (starting, stopping, restarting and updating services come in later
 *                    issues; so does the periodic heartbeat, RS only pings each service
 *                    once when boot ends)
 * RS never blocks on a service: requests and replies go with asynsend3 / sendnb.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
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

	if (rp == NULL || !(rp->r_flags & RS_PINGED))
		return;
	rp->r_flags &= ~RS_PINGED;
	printf("rs: %s answered ping\n", rp->r_pub->label);
}

void
rs_dispatch(message *m, int status)
{
	if (status & IPC_FLG_MSG_FROM_KERNEL)
		return;
	if (m->m_type == NOTIFY_MESSAGE) {
		do_notify(m);
	} else if (m->m_type == RS_INIT) {
		do_init_ready(m);
	} else {
		rs_request(m);
	}
}

int
main(void)
{
	message m;
	int r, status;

	sef_setcb_init_fresh(rs_boot);
	sef_setcb_signal_manager(rs_signal_manager);
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			rs_fatal("rs: receive failed: %s", rs_errname(r));
		rs_dispatch(&m, status);
	}
}
