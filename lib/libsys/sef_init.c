/*
 * sef_init.c - SEF's init handshake with RS (minnow/sef.h, minnow/rs.h).
 *
 * RS sends RS_INIT (mess_rs_init: type, grant of its public table, the service's endpoint
 * and its previous instance's).  SEF runs the callback for the type and answers through the
 * init-response callback, by default a `sendrec` of RS_INIT carrying the result; RS's reply
 * releases the service.  A service whose init failed ends itself (sef_exit) once RS has
 * answered; at boot RS panics instead of answering.  A restart under the dead instance's
 * own endpoint (RS swapped a replica in: old_endpoint == endpoint) first cancels every
 * IPC reference to the dead instance (SYS_STATE_CLEAR_IPC_REFS), then runs the callback,
 * which may copy state out of the dead instance's frozen image (sef_copy_state: RS names
 * it in image_endpoint until the init has answered).
 *
 * sef_copy_image takes the whole data and bss of the previous instance of the same program
 * (MFS's restart, VM's update).  Only the root system process (RS) may start a service: an
 * RS_INIT from anybody else is dropped.  RS itself runs its fresh-init callback locally (sef_init_local).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "sef_priv.h"

static sef_cb_init_t cb_fresh = sef_cb_init_null;
static sef_cb_init_t cb_lu = sef_cb_init_null;
static sef_cb_init_t cb_restart = sef_cb_init_reset;
static sef_cb_init_response_t cb_response = sef_cb_init_response_rs_reply;
static int keep_requests;	/* sef_restart_keep_requests() */

void
sef_restart_keep_requests(void)
{
	keep_requests = 1;
}

void
sef_setcb_init_fresh(sef_cb_init_t cb)
{
	cb_fresh = cb != NULL ? cb : sef_cb_init_null;
}

void
sef_setcb_init_lu(sef_cb_init_t cb)
{
	cb_lu = cb != NULL ? cb : sef_cb_init_null;
}

void
sef_setcb_init_restart(sef_cb_init_t cb)
{
	cb_restart = cb != NULL ? cb : sef_cb_init_reset;
}

void
sef_setcb_init_response(sef_cb_init_response_t cb)
{
	cb_response = cb != NULL ? cb : sef_cb_init_response_rs_reply;
}

int
sef_copy_state(const sef_init_info_t *info, void *addr, size_t len)
{
	if (info->image_endpoint == NONE || info->image_endpoint == sef_self_endpoint)
		return -ENOENT;
	return sys_vircopy(info->image_endpoint, (vir_bytes)addr, SELF, (vir_bytes)addr, len, 0);
}

extern char __data_start[], _end[], etext[];

/* What two instances must agree on for sef_copy_image: the same code (its end, where a
 * copied function pointer leads) and the same data. */
static const struct image_layout {
	uint32_t magic;
	uintptr_t text_end, data_start, end;
} image_layout = { 0x53454649, (uintptr_t)etext, (uintptr_t)__data_start, (uintptr_t)_end };

int
sef_copy_image(const sef_init_info_t *info)
{
	struct image_layout old;
	endpoint_t img = info->image_endpoint;
	int r;

	if (img == NONE || img == sef_self_endpoint)
		return -ENOENT;
	if (sys_vircopy(img, (vir_bytes)&image_layout, SELF, (vir_bytes)&old, sizeof(old),
			0) != OK || memcmp(&old, &image_layout, sizeof(old)) != 0)
		return -EINVAL;
	r = sys_vircopy(img, (vir_bytes)__data_start, SELF, (vir_bytes)__data_start,
			(size_t)(_end - __data_start), 0);
	if (r != OK || (r = cpf_reload()) != OK)
		return r;
	sef_lu_reset();
	return OK;
}

int
sef_cb_init_null(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	return OK;
}

int
sef_cb_init_reset(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	return -ERESTART;
}

int
sef_cb_init_crash(int type, sef_init_info_t *info)
{
	(void)info;
	panic("sef_cb_init_crash: init of type %d refused on purpose", type);
}

int
sef_cb_init_response_rs_reply(message *m)
{
	int r = ipc_sendrec(sef_rs, m);

	return r != OK ? r : m->m_type;
}

/* Is the sender of m the root system process (RS)? */
static int
from_root(const message *m)
{
	struct priv_info pi;

	if (m->m_source == sef_rs)
		return 1;
	return sys_getpriv(m->m_source, &pi, sizeof(pi)) == OK &&
	       (pi.pv_flags & SEF_ROOT_SYS_PROC);
}

/* A restart: when RS swapped a replica in under the dead instance's endpoint (the same
 * endpoint), every IPC reference to the dead instance is cancelled first (a client blocked
 * on it wakes with EDEADSRCDST, handouts/rs.md "Crash recovery"), or, for a service that
 * keeps its predecessor's state (sef_restart_keep_requests), only the waits for its
 * answers; then the callback. */
static int
restart_init(sef_init_info_t *info)
{
	int r;

	if (info->old_endpoint == info->endpoint &&
	    (r = sys_statectl(keep_requests ? SYS_STATE_CLEAR_REPLIES :
			      SYS_STATE_CLEAR_IPC_REFS)) != OK)
		return r;
	return cb_restart(SEF_INIT_RESTART, info);
}

/* Run the init callback the RS_INIT message m asks for and answer RS. */
static void
handle_init(const message *m)
{
	sef_init_info_t info;
	int type = m->m_rs_init.type, r;
	message reply;

	sef_rs = m->m_source;
	info.rproctab_gid = m->m_rs_init.rproctab_gid;
	info.endpoint = m->m_rs_init.endpoint;
	info.old_endpoint = m->m_rs_init.old_endpoint;
	info.rs_endpoint = m->m_source;
	info.image_endpoint = m->m_rs_init.image_endpoint;
	info.state = m->m_rs_init.state;
	if (type == SEF_INIT_FRESH)
		r = cb_fresh(type, &info);
	else if (type == SEF_INIT_LU)
		r = cb_lu(type, &info);
	else if (type == SEF_INIT_RESTART)
		r = restart_init(&info);
	else
		r = -EINVAL;
	memset(&reply, 0, sizeof(reply));
	reply.m_type = RS_INIT;
	reply.m_rs_init.type = type;
	reply.m_rs_init.result = r;
	reply.m_rs_init.endpoint = sef_self_endpoint;
	cb_response(&reply);
	if (r != OK)
		sef_exit(r);
}

void
sef_init_local(void)
{
	sef_init_info_t info = {
		.rproctab_gid = GRANT_INVALID,
		.endpoint = sef_self_endpoint,
		.old_endpoint = NONE,
		.rs_endpoint = sef_self_endpoint,
		.image_endpoint = NONE,
		.state = 0,
	};
	int r = cb_fresh(SEF_INIT_FRESH, &info);

	if (r != OK)
		panic("sef_init_local: fresh init failed: %d", r);
}

void
sef_await_init(void)
{
	sef_init_wait();
}

void
sef_init_wait(void)
{
	message m;
	int r, status;

	for (;;) {
		/* from RS only: the requests queued for the old version of a live update wait
		 * for the new version's loop */
		if ((r = ipc_receive(RS_PROC_NR, &m, &status)) != OK)
			panic("sef_init_wait: receive failed: %d", r);
		if (m.m_type == RS_INIT && !(status & IPC_FLG_MSG_FROM_KERNEL) && from_root(&m))
			break;
		/* anything else from RS (meant for a predecessor) is dropped */
	}
	handle_init(&m);
}

int
sef_intercept_init(message *m, int status)
{
	if (m->m_type != RS_INIT || (status & IPC_FLG_MSG_FROM_KERNEL) ||
	    m->m_source == sef_self_endpoint || !from_root(m))
		return 0;
	handle_init(m);
	return 1;
}
