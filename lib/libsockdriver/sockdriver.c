/*
 * sockdriver.c - libsockdriver: the SDEV_ protocol's driver side (minnow/sdev.h) for every
 * socket driver; include/minnow/sockdriver.h is the interface and its rules
 * (handouts/sockets.md, "libsockdriver").
 *
 * The loop receives with SEF; notifications and other messages go to sdr_other, a SENDREC
 * among them is answered ENOSYS.  An SDEV_ request passes the caller check first: only VFS
 * speaks this protocol (a refused SENDREC is answered EPERM, anything else dropped).  Each
 * request is decoded here: addresses copied in from VFS's grant (at most
 * SOCKDRIVER_ADDR_MAX bytes, else EINVAL) and out into the room VFS granted (cut to it),
 * MSG_DONTWAIT folded into the entry point's nonblock; then one entry point runs and its
 * result is the answer, unless it is SOCKDRIVER_SUSPEND (answered later through
 * sockdriver_reply*()).  Every answer goes by asynsend (AMF_NOREPLY): a driver never
 * blocks on VFS.
 *
 * A server with a loop of its own (inet: srv_loop) calls sockdriver_init() once and hands
 * each message it receives that is an SDEV_ request to sockdriver_process();
 * sockdriver_task() is that loop for a driver that has nothing else to do.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/sockdriver.h>
#include <minnow/syslib.h>

static const struct sockdriver *sdr;

/* Send answer type with the fields of r to VFS. */
static void
send_answer(endpoint_t to, int type, mess_sdev_reply *r)
{
	message m;
	int e;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_sdev_reply = *r;
	if ((e = asynsend3(to, &m, AMF_NOREPLY)) != OK)
		printf("sockdriver: answer %d to %d failed (%d)\n", type, to, e);
}

/* Copy the address of len bytes at addr out to call's room: OK or EFAULT. */
static int
addr_out(const struct sockdriver_call *call, const struct sockaddr *addr, socklen_t len)
{
	socklen_t n = len < call->sc_addr_room ? len : call->sc_addr_room;

	if (addr == NULL || n == 0 || call->sc_addr_grant == GRANT_INVALID)
		return OK;
	return sys_safecopyto(call->sc_endpt, call->sc_addr_grant, 0, (vir_bytes)addr, n) == OK
	       ? OK : -EFAULT;
}

void
sockdriver_reply(const struct sockdriver_call *call, int status)
{
	mess_sdev_reply r;

	memset(&r, 0, sizeof(r));
	r.status = status;
	r.id = call->sc_id;
	send_answer(call->sc_endpt, SDEV_REPLY, &r);
}

void
sockdriver_reply_accept(const struct sockdriver_call *call, sockid_t sock,
			const struct sockaddr *addr, socklen_t len)
{
	mess_sdev_reply r;

	memset(&r, 0, sizeof(r));
	r.id = call->sc_id;
	r.sock = sock;
	r.status = sock < 0 ? sock : addr_out(call, addr, len);
	r.addr_len = sock < 0 ? 0 : len;
	if (r.status != OK && sock >= 0 && sdr->sdr_close != NULL)
		sdr->sdr_close(sock);	/* the caller will never know it */
	send_answer(call->sc_endpt, SDEV_ACCEPT_REPLY, &r);
}

void
sockdriver_reply_recv(const struct sockdriver_call *call, int status,
		      const struct sockaddr *addr, socklen_t len, int rflags)
{
	mess_sdev_reply r;

	memset(&r, 0, sizeof(r));
	r.id = call->sc_id;
	r.status = status;
	if (status >= 0) {
		r.addr_len = len;
		r.flags = rflags;
		if (addr_out(call, addr, len) != OK)
			r.status = -EFAULT;
	}
	send_answer(call->sc_endpt, SDEV_RECV_REPLY, &r);
}

void
sockdriver_reply_select(sockid_t sock, unsigned int ops)
{
	mess_sdev_reply r;

	memset(&r, 0, sizeof(r));
	r.sock = sock;
	r.status = (int32_t)ops;
	send_answer(VFS_PROC_NR, SDEV_SEL2_REPLY, &r);
}

int
sockdriver_copyin(const struct sockdriver_data *data, size_t off, void *ptr, size_t len)
{
	if (len == 0)
		return OK;
	if (data->sd_grant == GRANT_INVALID || off + len > data->sd_len || off + len < off)
		return -EFAULT;
	return sys_safecopyfrom(data->sd_endpt, data->sd_grant, off, (vir_bytes)ptr, len) == OK
	       ? OK : -EFAULT;
}

int
sockdriver_copyout(const struct sockdriver_data *data, size_t off, const void *ptr,
		   size_t len)
{
	if (len == 0)
		return OK;
	if (data->sd_grant == GRANT_INVALID || off + len > data->sd_len || off + len < off)
		return -EFAULT;
	return sys_safecopyto(data->sd_endpt, data->sd_grant, off, (vir_bytes)ptr, len) == OK
	       ? OK : -EFAULT;
}

/* Copy request s's address into buf: OK (none: *len 0), EINVAL (too long) or EFAULT. */
static int
addr_in(endpoint_t from, const mess_sdev *s, struct sockaddr_storage *buf, socklen_t *len)
{
	memset(buf, 0, sizeof(*buf));
	*len = 0;
	if (s->addr_grant == GRANT_INVALID || s->addr_len == 0)
		return OK;
	if (s->addr_len > SOCKDRIVER_ADDR_MAX)
		return -EINVAL;
	if (sys_safecopyfrom(from, s->addr_grant, 0, (vir_bytes)buf, s->addr_len) != OK)
		return -EFAULT;
	*len = s->addr_len;
	return OK;
}

/* The call and data of request m. */
static void
decode(const message *m, struct sockdriver_call *call, struct sockdriver_data *data)
{
	const mess_sdev *s = &m->m_sdev;

	call->sc_endpt = m->m_source;
	call->sc_id = s->id;
	call->sc_user = s->user;
	call->sc_addr_grant = s->addr_grant;
	call->sc_addr_room = s->addr_len > SOCKDRIVER_ADDR_MAX ? SOCKDRIVER_ADDR_MAX
							      : s->addr_len;
	data->sd_endpt = m->m_source;
	data->sd_grant = s->grant;
	data->sd_len = s->len;
}

/* Does request s not wait (the socket's O_NONBLOCK, or MSG_DONTWAIT)? */
static int
nonblocking(const mess_sdev *s, int msg_flags)
{
	return (s->flags & SDEV_NONBLOCK) || (msg_flags & MSG_DONTWAIT);
}

static void
do_socket(const message *m, const struct sockdriver_call *call)
{
	const mess_sdev *s = &m->m_sdev;
	mess_sdev_reply r;
	sockid_t id = sdr->sdr_socket == NULL ? -EAFNOSUPPORT :
		      sdr->sdr_socket(s->param[0], s->param[1], s->param[2], s->user);

	memset(&r, 0, sizeof(r));
	r.id = call->sc_id;
	r.status = id < 0 ? id : OK;
	r.sock = id < 0 ? -1 : id;
	send_answer(call->sc_endpt, SDEV_SOCKET_REPLY, &r);
}

/* bind and connect: OK, an error or SUSPEND. */
static int
do_addr_in(const message *m, const struct sockdriver_call *call)
{
	const mess_sdev *s = &m->m_sdev;
	struct sockaddr_storage a;
	socklen_t len;
	int r;

	if ((r = addr_in(m->m_source, s, &a, &len)) != OK)
		return r;
	if (m->m_type == SDEV_BIND)
		return sdr->sdr_bind == NULL ? -EOPNOTSUPP :
		       sdr->sdr_bind(s->sock, (struct sockaddr *)&a, len, s->user);
	return sdr->sdr_connect == NULL ? -EOPNOTSUPP :
	       sdr->sdr_connect(s->sock, (struct sockaddr *)&a, len, s->user, call,
				nonblocking(s, 0));
}

static void
do_accept(const message *m, const struct sockdriver_call *call)
{
	const mess_sdev *s = &m->m_sdev;
	struct sockaddr_storage a;
	socklen_t len = 0;
	sockid_t id;

	memset(&a, 0, sizeof(a));
	id = sdr->sdr_accept == NULL ? -EOPNOTSUPP :
	     sdr->sdr_accept(s->sock, (struct sockaddr *)&a, &len, s->user, call,
			     nonblocking(s, 0));
	if (id != SOCKDRIVER_SUSPEND)
		sockdriver_reply_accept(call, id, (struct sockaddr *)&a, len);
}

/* send: bytes, an error or SUSPEND. */
static int
do_send(const message *m, const struct sockdriver_call *call,
	const struct sockdriver_data *data)
{
	const mess_sdev *s = &m->m_sdev;
	struct sockaddr_storage a;
	socklen_t len;
	int r;

	if (sdr->sdr_send == NULL)
		return -EOPNOTSUPP;
	if ((r = addr_in(m->m_source, s, &a, &len)) != OK)
		return r;
	return sdr->sdr_send(s->sock, data, s->len, len ? (struct sockaddr *)&a : NULL, len,
			     s->param[0], call, nonblocking(s, s->param[0]));
}

static void
do_recv(const message *m, const struct sockdriver_call *call,
	const struct sockdriver_data *data)
{
	const mess_sdev *s = &m->m_sdev;
	struct sockaddr_storage a;
	socklen_t len = 0;
	int rflags = 0, r;

	memset(&a, 0, sizeof(a));
	r = sdr->sdr_recv == NULL ? -EOPNOTSUPP :
	    sdr->sdr_recv(s->sock, data, s->len, (struct sockaddr *)&a, &len, &rflags,
			  s->param[0], call, nonblocking(s, s->param[0]));
	if (r != SOCKDRIVER_SUSPEND)
		sockdriver_reply_recv(call, r, (struct sockaddr *)&a, len, rflags);
}

/* getsockname, getpeername: the address's length, or an error. */
static int
do_name(const message *m, const struct sockdriver_call *call)
{
	int (*fn)(sockid_t, struct sockaddr *, socklen_t *) =
		m->m_type == SDEV_GETSOCKNAME ? sdr->sdr_getsockname : sdr->sdr_getpeername;
	struct sockaddr_storage a;
	socklen_t len = 0;
	int r;

	memset(&a, 0, sizeof(a));
	if (fn == NULL)
		return -EOPNOTSUPP;
	if ((r = fn(m->m_sdev.sock, (struct sockaddr *)&a, &len)) != OK)
		return r;
	if (addr_out(call, (struct sockaddr *)&a, len) != OK)
		return -EFAULT;
	return (int)(len < call->sc_addr_room ? len : call->sc_addr_room);
}

static int
do_getsockopt(const mess_sdev *s, const struct sockdriver_data *data)
{
	socklen_t len = s->len;
	int r;

	if (sdr->sdr_getsockopt == NULL)
		return -ENOPROTOOPT;
	r = sdr->sdr_getsockopt(s->sock, s->param[0], s->param[1], data, &len);
	return r == OK ? (int)(len < s->len ? len : s->len) : r;
}

static void
do_select(const message *m)
{
	const mess_sdev *s = &m->m_sdev;
	unsigned int ops = (unsigned int)s->param[0] & (SDEV_OP_RD | SDEV_OP_WR | SDEV_OP_ERR);
	mess_sdev_reply r;

	memset(&r, 0, sizeof(r));
	r.sock = s->sock;
	r.status = sdr->sdr_select == NULL ? (int32_t)ops :
		   (int32_t)sdr->sdr_select(s->sock, ops, (s->param[0] & SDEV_NOTIFY) != 0);
	send_answer(m->m_source, SDEV_SEL1_REPLY, &r);
}

/* The requests answered with SDEV_REPLY and a status. */
static int
simple(const message *m, const struct sockdriver_call *call,
       const struct sockdriver_data *data)
{
	const mess_sdev *s = &m->m_sdev;

	switch (m->m_type) {
	case SDEV_BIND:
	case SDEV_CONNECT:
		return do_addr_in(m, call);
	case SDEV_LISTEN:
		return sdr->sdr_listen == NULL ? -EOPNOTSUPP :
		       sdr->sdr_listen(s->sock, s->param[0]);
	case SDEV_SEND:
		return do_send(m, call, data);
	case SDEV_IOCTL:
		return sdr->sdr_ioctl == NULL ? -ENOTTY :
		       sdr->sdr_ioctl(s->sock, (unsigned long)s->param[0], data, s->user);
	case SDEV_SETSOCKOPT:
		return sdr->sdr_setsockopt == NULL ? -ENOPROTOOPT :
		       sdr->sdr_setsockopt(s->sock, s->param[0], s->param[1], data, s->len);
	case SDEV_GETSOCKOPT:
		return do_getsockopt(s, data);
	case SDEV_GETSOCKNAME:
	case SDEV_GETPEERNAME:
		return do_name(m, call);
	case SDEV_SHUTDOWN:
		return sdr->sdr_shutdown == NULL ? -EOPNOTSUPP :
		       sdr->sdr_shutdown(s->sock, s->param[0]);
	case SDEV_CLOSE:
		return sdr->sdr_close == NULL ? OK : sdr->sdr_close(s->sock);
	default:
		return -ENOSYS;
	}
}

/* An SDEV_ request from VFS. */
static void
do_request(const message *m)
{
	struct sockdriver_call call;
	struct sockdriver_data data;
	int r;

	decode(m, &call, &data);
	switch (m->m_type) {
	case SDEV_SOCKET:
		do_socket(m, &call);
		return;
	case SDEV_ACCEPT:
		do_accept(m, &call);
		return;
	case SDEV_RECV:
		do_recv(m, &call, &data);
		return;
	case SDEV_SELECT:
		do_select(m);
		return;
	case SDEV_CANCEL:
		if (sdr->sdr_cancel != NULL)
			sdr->sdr_cancel(m->m_sdev.sock, &call);
		return;		/* the cancel itself is not answered */
	}
	if ((r = simple(m, &call, &data)) != SOCKDRIVER_SUSPEND)
		sockdriver_reply(&call, r);
}

/* A message that is no SDEV_ request, or one from another than VFS. */
static void
do_other(const message *m, int ipc_status)
{
	message reply;

	if (IPC_STATUS_CALL(ipc_status) == SENDREC) {
		memset(&reply, 0, sizeof(reply));
		reply.m_type = IS_SDEV_RQ(m->m_type) ? -EPERM : -ENOSYS;
		ipc_sendnb(m->m_source, &reply);
	} else if (!IS_SDEV_RQ(m->m_type) && sdr->sdr_other != NULL) {
		sdr->sdr_other(m, ipc_status);
	}
}

void
sockdriver_init(const struct sockdriver *sdp)
{
	sdr = sdp;
}

void
sockdriver_process(const message *m, int ipc_status)
{
	if (IPC_STATUS_CALL(ipc_status) != NOTIFY && IS_SDEV_RQ(m->m_type) &&
	    m->m_source == VFS_PROC_NR)
		do_request(m);
	else if (IPC_STATUS_CALL(ipc_status) == NOTIFY && sdr->sdr_other != NULL)
		sdr->sdr_other(m, ipc_status);
	else if (IPC_STATUS_CALL(ipc_status) != NOTIFY)
		do_other(m, ipc_status);
}

void
sockdriver_task(const struct sockdriver *sdp)
{
	message m;
	int r, status;

	sockdriver_init(sdp);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_setcb_ping_reply(sef_cb_ping_reply_pong);
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK) {
			if (r != -EINTR)
				printf("sockdriver: receive failed (%d)\n", r);
			continue;
		}
		sockdriver_process(&m, status);
	}
}
