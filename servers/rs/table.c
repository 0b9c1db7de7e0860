/*
 * table.c - RS's call table: message type (minnow/rs.h) -> handler, and who may send it.
 *
 *   RS_INIT            anyone: a service's answer to its init request (init.c; a sender
 *                      RS did not ask is answered EINVAL)
 *   RS_GETSYSINFO      anyone, users included: the service table (request.c)
 *   RS_UP, RS_DOWN     system services and root (EPERM for the rest): up.c, down.c
 *   RS_REFRESH, RS_EDIT, RS_SHUTDOWN   the same callers: refresh.c, edit.c, shutdown.c
 *   RS_UPDATE          the same callers: live update (update.c)
 *   RS_RESTART, RS_CLONE   the same callers: restart.c, replica.c
 *   RS_LU_PREPARE      anyone: the old version's answer to RS's prepare request
 *                      (update.c; a sender with no update pending is answered EINTR)
 *   RS_LOOKUP          anyone: label -> endpoint (down.c)
 * The PCI server's answers to RS's SET_ACL and DEL_ACL (status OK or an error in m_type,
 * sent with SENDA) go to pci.c.  A type without a row is answered ENOSYS (minnow/srv.h).  RS's service table itself, the
 * rproc[] and rprocpub[] slots, is in rproc.c.
 *
 * Entry point: rs_dispatch(), the dispatch hook of the loop (main.c).
 */
#include <minnow/rs.h>
#include "proto.h"

#define CALL(type, handler, who) [(type) - RS_RQ_BASE] = { #type, (who), (handler) }

static const struct rs_call rs_calls[] = {
	CALL(RS_UP,         do_up,            rs_root_or_system),
	CALL(RS_DOWN,       do_down,          rs_root_or_system),
	CALL(RS_REFRESH,    do_refresh,       rs_root_or_system),
	CALL(RS_RESTART,    do_restart,       rs_root_or_system),
	CALL(RS_SHUTDOWN,   do_shutdown,      rs_root_or_system),
	CALL(RS_UPDATE,     do_update,        rs_root_or_system),
	CALL(RS_CLONE,      do_clone,         rs_root_or_system),
	CALL(RS_EDIT,       do_edit,          rs_root_or_system),
	CALL(RS_LOOKUP,     do_lookup,        srv_anyone),
	CALL(RS_GETSYSINFO, do_getsysinfo,    srv_anyone),
	CALL(RS_INIT,       do_init_ready,    srv_anyone),
	CALL(RS_LU_PREPARE, do_lu_prepare,    srv_anyone),
};

int
rs_dispatch(message *m, int status)
{
	const struct rs_call *c = SRV_ROW(rs_calls, SRV_NR(rs_calls), RS_RQ_BASE, m->m_type);
	int r;

	if (rs_pci_answer(m, status))
		return -EDONTREPLY;	/* the PCI server's answer to an ACL request (pci.c) */
	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	return c->handler(m);
}
