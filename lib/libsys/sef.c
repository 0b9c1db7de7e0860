/*
 * sef.c - SEF's start-up and receive loop (minnow/sef.h; handouts/rs.md, "SEF: the
 * service's side").
 *
 * sef_startup() learns who the service is (sys_whoami) and does the init handshake
 * (sef_init.c): RS, the root system process, runs its own fresh-init callback at once; VM
 * goes straight to its receive loop; every other service waits for RS_INIT first.
 *
 * sef_receive_status() is the receive call of every service: it receives, gives each
 * message to the interceptors of SEF's events (init, ping, signals, live-update prepare)
 * and returns the first message none of them consumed.  A message that comes neither from
 * RS nor from SYSTEM and is no RS_INIT (a client's request) skips the interceptors: none
 * would take it.  Before each receive the service is between two requests: a live-update
 * prepare RS asked for is checked there (sef_lu.c).  sef_reply_receive() is the same with
 * the answer to the previous request sent in the same trap (REPLYREC), unless an update
 * prepare or a cancel is pending: then the answer goes out on its own first.  Pings are
 * handled here: a
 * notification from RS (whose endpoint SEF learnt from RS_INIT) calls the ping callback,
 * by default a notify back.
 */
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "sef_priv.h"

endpoint_t sef_self_endpoint = NONE;
endpoint_t sef_rs = NONE;
int sef_self_priv_flags;

static sef_cb_ping_reply_t cb_ping = sef_cb_ping_reply_pong;
static int cancelled;

void
sef_setcb_ping_reply(sef_cb_ping_reply_t cb)
{
	cb_ping = cb;
}

void
sef_cb_ping_reply_pong(endpoint_t source)
{
	ipc_notify(source);
}

endpoint_t
sef_self(void)
{
	return sef_self_endpoint;
}

endpoint_t
sef_rs_endpoint(void)
{
	return sef_rs;
}

void
sef_startup(void)
{
	int r;

	r = sys_whoami(&sef_self_endpoint, NULL, 0, &sef_self_priv_flags);
	if (r != OK)
		panic("sef_startup: sys_whoami failed: %d", r);
	if ((sef_self_priv_flags & SEF_ROOT_SYS_PROC) && sef_self_endpoint == RS_PROC_NR) {
		sef_rs = sef_self_endpoint;
		sef_init_local();
		return;
	}
	if (sef_self_priv_flags & SEF_VM_SYS_PROC)
		return;		/* VM answers RS_INIT from its receive loop */
	sef_init_wait();
}

int
sef_swapped_in(void)
{
	int r = sys_whoami(&sef_self_endpoint, NULL, 0, &sef_self_priv_flags);

	if (r == OK)
		sef_rs = sef_self_endpoint;
	return r;
}

/* A ping: a notification from RS (to anyone but RS itself), known by the IPC status word
 * (never by m_type).  Consumed? */
static int
intercept_ping(const message *m, int status)
{
	if (IPC_STATUS_CALL(status) != NOTIFY || sef_rs == NONE || m->m_source != sef_rs ||
	    sef_rs == sef_self_endpoint)
		return 0;
	if (cb_ping != NULL)
		cb_ping(m->m_source);
	return 1;
}

/* Could m be one of SEF's events?  Every interceptor wants a message from RS (ping,
 * SIGS_SIGNAL_RECEIVED, RS_LU_PREPARE), from SYSTEM (kernel signals) or of type RS_INIT
 * (which may come from any root system process): anything else, a client's request above
 * all, is the service's without asking the interceptors.  (sef_rs is NONE before RS_INIT:
 * no message comes from NONE.) */
static inline int
may_be_sef_event(const message *m)
{
	return m->m_source == sef_rs || m->m_source == SYSTEM || m->m_type == RS_INIT;
}

/* sef_receive_status() and sef_reply_receive(): the first receive also sends the answer
 * m holds to `to` (a REPLYREC; NONE: none), its result in *reply_r. */
static int
receive_loop(endpoint_t src, endpoint_t to, message *m, int *status, int *reply_r)
{
	int r, st;

	for (;;) {
		if (cancelled) {
			cancelled = 0;
			return -EINTR;
		}
		sef_lu_check();
		if (to != NONE)
			r = ipc_replyrec(to, m, &st, reply_r);
		else
			r = ipc_receive(src, m, &st);
		to = NONE;
		if (status != NULL)
			*status = st;
		if (r != OK || !may_be_sef_event(m))
			return r;
		if (sef_intercept_init(m, st) || intercept_ping(m, st) ||
		    sef_intercept_signal(m, st) || sef_intercept_lu(m, st))
			continue;
		return OK;
	}
}

int
sef_receive_status(endpoint_t src, message *m, int *status)
{
	return receive_loop(src, NONE, m, status, NULL);
}

int
sef_reply_receive(endpoint_t to, message *m, int *status, int *reply_r)
{
	*reply_r = OK;
	if (to != NONE && (cancelled || sef_lu_pending())) {
		*reply_r = ipc_sendnb(to, m);	/* answered before an update or a cancel: both */
		to = NONE;			/* happen between two requests */
	}
	return receive_loop(ANY, to, m, status, reply_r);
}

int
sef_receive(endpoint_t src, message *m)
{
	return sef_receive_status(src, m, NULL);
}

void
sef_cancel(void)
{
	cancelled = 1;
}

void
sef_exit(int status)
{
	(void)status;
	sys_exit();
	for (;;)
		;
}
