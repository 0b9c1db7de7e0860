/*
 * table.c - inet's call table: the messages inet accepts, and from whom (handouts/inet.md).
 *
 * Two protocols come to inet's loop.  The socket protocol (SDEV_ requests, minnow/sdev.h)
 * goes whole to libsockdriver (sockdriver_process()), which admits only VFS, decodes the
 * request and calls sock.c's entry points; it answers by itself, so the loop never does.
 * The rest are the DL_ answers of inet's drivers (DL_CONF_REPLY, DL_TASK_REPLY: eth.c),
 * accepted only from the driver endpoint of one of its interfaces; DS's and the clock's
 * notifications go to main.c's notify hook.  A driver's answer is never answered back, a
 * message from anyone else is dropped, and only a caller waiting in SENDREC is told
 * ENOSYS or EPERM.
 *
 * Entry point: inet_dispatch(), the dispatch hook of the loop (main.c).
 */
#include <minnow/ipc.h>
#include <minnow/sdev.h>
#include <minnow/sockdriver.h>
#include <minnow/srv.h>
#include "proto.h"

#define CALL(type, handler, who) [(type) - DL_RS_BASE] = { #type, (who), (handler) }

static const struct inet_call inet_calls[] = {
	CALL(DL_CONF_REPLY, eth_conf_reply, eth_is_driver),     /* eth.c */
	CALL(DL_TASK_REPLY, eth_task_reply, eth_is_driver),     /* eth.c */
};

int
inet_dispatch(message *m, int status)
{
	const struct inet_call *c = SRV_ROW(inet_calls, SRV_NR(inet_calls), DL_RS_BASE,
					    m->m_type);
	int r;

	if (IS_SDEV_RQ(m->m_type)) {
		sockdriver_process(m, status);	/* sock.c; answered there */
		return -EDONTREPLY;
	}
	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return IPC_STATUS_CALL(status) == SENDREC ? r : -EDONTREPLY;
	c->handler(m);
	return -EDONTREPLY;
}
