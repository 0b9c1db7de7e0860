/*
 * tcpsock.c - the libsockdriver entry points of TCP sockets (SOCK_STREAM), reached through
 * sock.c's router, speaking the SDEV_ protocol with VFS (handouts/inet.md, "TCP sockets";
 * handouts/sockets.md).
 *
 * A socket is a row of tcp.c's table; its id is SOCK_ID(SK_TCP, row).  connect() binds an
 * ephemeral port if need be, sends the SYN and waits for the handshake (non-blocking:
 * EINPROGRESS, then select writable and SO_ERROR).  listen() makes a listener with a
 * backlog of 1..TCP_BACKLOG_MAX; accept() takes the oldest established child.  send()
 * copies the user's bytes into the send ring (sockdriver_copyin) and lets tcp_out.c send
 * them; with no room it waits (or is EAGAIN, or returns what fitted).  recv() copies out
 * of the receive ring; with nothing there it waits (EAGAIN), and returns 0 at the end of
 * file.  One call of each kind (connect, accept, send, recv) may wait on a socket at a
 * time; a second is EBUSY.  A signal cancels a waiting call (EINTR, or what a send or
 * recv did so far); closing the socket ends them with EBADF.
 *
 * Errors: ECONNREFUSED (RST to our SYN), ECONNRESET (RST later, once; then end of file),
 * ETIMEDOUT, EPIPE (send after shutdown(SHUT_WR) or after a reset; VFS adds SIGPIPE),
 * ENOTCONN, EISCONN, EALREADY, EADDRINUSE, EADDRNOTAVAIL, EACCES (a port below 1024
 * without root, sock_is_root()), ENOBUFS (no row or no buffer memory).  close() with
 * unread data aborts with RST; otherwise the connection ends with FIN on its own.
 * Options: SO_REUSEADDR, SO_KEEPALIVE, SO_SNDBUF/SO_RCVBUF (TCP_BUF_MIN..TCP_BUF_MAX,
 * before the connection starts), SO_ERROR, SO_TYPE, SO_ACCEPTCONN, TCP_NODELAY,
 * TCP_MAXSEG (read only), TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT.  Not implemented:
 * urgent data (MSG_OOB is EOPNOTSUPP), SO_LINGER, MSG_WAITALL's waiting (what is there
 * is returned), ioctl (ENOTTY).
 *
 * Entry points: tcp_wakeup(), tcp_status(); the rest through tcp_sockdriver (sock.c calls
 * it).
 */
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <minnow/sockdriver.h>
#include "glo.h"
#include "proto.h"

/* ---- copying between the user and the rings ------------------------------------------- */

/* Copy n bytes of the user's data (from doff) to ring r at offset roff: OK or EFAULT. */
static int
copy_in(struct ring *r, uint32_t roff, const struct sockdriver_data *d, size_t doff,
	uint32_t n)
{
	uint32_t piece;
	uint8_t *p;

	while (n > 0) {
		p = ring_span(r, roff, n, &piece);
		if (sockdriver_copyin(d, doff, p, piece) != OK)
			return -EFAULT;
		roff += piece, doff += piece, n -= piece;
	}
	return OK;
}

/* Copy n bytes from the start of ring r to the user's data: OK or EFAULT. */
static int
copy_out(const struct ring *r, const struct sockdriver_data *d, uint32_t n)
{
	uint32_t piece, off = 0;
	const uint8_t *p;

	while (n > 0) {
		p = ring_span(r, off, n, &piece);
		if (sockdriver_copyout(d, off, p, piece) != OK)
			return -EFAULT;
		off += piece, n -= piece;
	}
	return OK;
}

/* Take as much of data[done..len) into t's send ring as fits: bytes taken or EFAULT. */
static int
take(struct tcb *t, const struct sockdriver_data *data, size_t done, size_t len)
{
	uint32_t n = ring_room(&t->snd);

	if (n > len - done)
		n = (uint32_t)(len - done);
	if (n == 0)
		return 0;
	if (copy_in(&t->snd, t->snd.len, data, done, n) != OK)
		return -EFAULT;
	t->snd.len += n;
	return (int)n;
}

/* Give up to len bytes of t's receive ring to data: bytes or EFAULT. */
static int
give(struct tcb *t, const struct sockdriver_data *data, size_t len, int flags)
{
	uint32_t n = t->rcv.len < len ? t->rcv.len : (uint32_t)len;

	if (copy_out(&t->rcv, data, n) != OK)
		return -EFAULT;
	if (!(flags & MSG_PEEK)) {
		ring_drop(&t->rcv, n);
		tcp_output(t);                  /* a window update, if it opened enough */
	}
	return (int)n;
}

/* ---- the state of the socket ---------------------------------------------------------- */

static int recv_eof(const struct tcb *t);

/* The error for a send now, 0 if it may go on (or wait). */
static int
send_error(struct tcb *t)
{
	if (t->was_reset || t->fin_wanted)
		return EPIPE;
	if (t->error != 0) {
		int e = t->error;

		t->error = 0;
		return e;
	}
	switch (t->state) {
	case TCPS_ESTABLISHED: case TCPS_CLOSE_WAIT:
	case TCPS_SYN_SENT: case TCPS_SYN_RCVD:
		return 0;
	case TCPS_CLOSED: case TCPS_LISTEN:
		return t->was_connected ? EPIPE : ENOTCONN;
	default:
		return EPIPE;
	}
}

/* The answer of a recv with nothing to read: 0 (end of file), an error (taken), or 1
 * (wait). */
static int
recv_empty(struct tcb *t)
{
	if (t->error != 0) {
		int e = t->error;

		t->error = 0;
		return -e;
	}
	return recv_eof(t);
}

/* recv_empty() without the error: 0 at the end of file, ENOTCONN, or 1 (wait). */
static int
recv_eof(const struct tcb *t)
{
	if (t->fin_rcvd || t->rd_shut || (t->state == TCPS_CLOSED && t->was_connected))
		return 0;
	if (t->state == TCPS_CLOSED || t->state == TCPS_LISTEN)
		return -ENOTCONN;
	return 1;
}

/* Which of ops are ready on t now. */
static unsigned int
ready_ops(struct tcb *t, unsigned int ops)
{
	unsigned int r = 0;

	if (t->state == TCPS_LISTEN) {
		if (tcp_first_queued(t) != NULL)
			r |= SDEV_OP_RD;
		return r & ops;
	}
	if (t->rcv.len > 0 || recv_eof(t) != 1 || t->error != 0)
		r |= SDEV_OP_RD;
	if (t->state != TCPS_SYN_SENT && t->state != TCPS_SYN_RCVD &&
	    (t->error != 0 || t->state == TCPS_CLOSED || t->was_reset || t->fin_wanted ||
	     (t->snd.buf != NULL && ring_room(&t->snd) > 0)))
		r |= SDEV_OP_WR;
	if (t->error != 0)
		r |= SDEV_OP_ERR;
	return r & ops;
}

/* ---- waking waiting calls ------------------------------------------------------------- */

static void
wake_conn(struct tcb *t)
{
	struct tcp_wait *w = &t->w_conn;

	if (!w->in_use)
		return;
	if (TCPS_SYNCED(t->state)) {
		w->in_use = 0;
		sockdriver_reply(&w->call, OK);
	} else if (t->state == TCPS_CLOSED) {
		w->in_use = 0;
		sockdriver_reply(&w->call, -(t->error != 0 ? t->error : ECONNREFUSED));
		t->error = 0;
	}
}

static void
wake_send(struct tcb *t)
{
	struct tcp_wait *w = &t->w_send;
	int e, n;

	if (!w->in_use || t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD)
		return;
	if ((e = send_error(t)) != 0) {
		w->in_use = 0;
		sockdriver_reply(&w->call, w->done > 0 ? (int)w->done : -e);
		return;
	}
	if ((n = take(t, &w->data, w->done, w->len)) < 0) {
		w->in_use = 0;
		sockdriver_reply(&w->call, w->done > 0 ? (int)w->done : n);
		return;
	}
	w->done += (size_t)n;
	if (n > 0)
		tcp_output(t);
	if (w->done == w->len) {
		w->in_use = 0;
		sockdriver_reply(&w->call, (int)w->len);
	}
}

static void
wake_recv(struct tcb *t)
{
	struct tcp_wait *w = &t->w_recv;
	int r;

	if (!w->in_use)
		return;
	if (t->rcv.len > 0)
		r = give(t, &w->data, w->len, w->flags);
	else if ((r = recv_empty(t)) == 1)
		return;
	w->in_use = 0;
	sockdriver_reply_recv(&w->call, r, NULL, 0, 0);
}

/* Hand child c to its listener l's user: c becomes a socket. */
static sockid_t
hand_over(struct tcb *l, struct tcb *c, struct sockaddr *a, socklen_t *alen)
{
	c->queued = 0;
	c->parent = -1;
	c->has_socket = 1;
	l->qlen--;
	sock_addr_put(a, alen, c->faddr, c->fport);
	return tcp_id(c);
}

static void
wake_accept(struct tcb *l)
{
	struct tcp_wait *w = &l->w_acc;
	struct sockaddr_storage a;
	socklen_t alen;
	struct tcb *c;

	if (!w->in_use)
		return;
	if (l->state != TCPS_LISTEN) {
		w->in_use = 0;
		sockdriver_reply_accept(&w->call, -EINVAL, NULL, 0);
	} else if ((c = tcp_first_queued(l)) != NULL) {
		sockid_t id = hand_over(l, c, (struct sockaddr *)&a, &alen);	/* sets alen */

		w->in_use = 0;
		sockdriver_reply_accept(&w->call, id, (struct sockaddr *)&a, alen);
	}
}

void
tcp_wakeup(struct tcb *t)
{
	unsigned int r;

	if (!t->has_socket)
		return;
	wake_conn(t);
	wake_accept(t);
	wake_send(t);
	wake_recv(t);
	if (t->sel_ops != 0 && (r = ready_ops(t, t->sel_ops)) != 0) {
		t->sel_ops &= ~r;
		sockdriver_reply_select(tcp_id(t), r);
	}
}

/* Keep call as t's waiting call w: SUSPEND, or EBUSY if one waits already. */
static int
wait_on(struct tcp_wait *w, const struct sockdriver_call *call,
	const struct sockdriver_data *data, size_t len, size_t done, int flags)
{
	if (w->in_use)
		return -EBUSY;
	w->in_use = 1;
	w->call = *call;
	if (data != NULL)
		w->data = *data;
	w->len = len, w->done = done, w->flags = flags;
	return SOCKDRIVER_SUSPEND;
}

/* ---- the entry points ----------------------------------------------------------------- */

static sockid_t
t_socket(int domain, int type, int protocol, endpoint_t user)
{
	struct tcb *t;

	(void)domain, (void)type, (void)user;	/* sock.c checked them */
	if (protocol != 0 && protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;
	if ((t = tcp_alloc()) == NULL)
		return -ENOBUFS;
	t->has_socket = 1;
	return tcp_id(t);
}

static int
t_bind(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user)
{
	struct tcb *t = tcp_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	if (t == NULL)
		return -EBADF;
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	if (t->state != TCPS_CLOSED || t->was_connected)
		return -EINVAL;
	return tcp_bind(t, addr, port, port == 0 || port >= TCP_LOWPORT ? 0 :
			sock_is_root(user));
}

/* The error of a connect on t in its state, 0 if it may go on. */
static int
connect_state(const struct tcb *t)
{
	if (t->state == TCPS_LISTEN)
		return EOPNOTSUPP;
	if (t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD)
		return EALREADY;
	if (t->state != TCPS_CLOSED || t->was_connected || t->was_reset)
		return EISCONN;
	return 0;
}

/* Give t its local address for a connection to faddr:fport: OK or an error. */
static int
connect_addr(struct tcb *t, uint32_t faddr, uint16_t fport)
{
	uint32_t src = t->laddr != 0 ? t->laddr : ip_source(faddr);
	int r;

	if (src == 0)
		return -ENETUNREACH;
	if ((r = tcp_autobind(t)) != OK)
		return r;
	if (tcp_tuple_used(t, src, t->lport, faddr, fport))
		return -EADDRINUSE;
	t->laddr = src, t->faddr = faddr, t->fport = fport;
	return OK;
}

static int
t_connect(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user,
	  const struct sockdriver_call *call, int nonblock)
{
	struct tcb *t = tcp_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	(void)user;
	if (t == NULL)
		return -EBADF;
	if ((r = connect_state(t)) != 0)
		return -r;
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	if (addr == 0 || port == 0 || addr == IP_BROADCAST)
		return -EADDRNOTAVAIL;
	if ((r = tcp_buffers(t)) != OK || (r = connect_addr(t, addr, port)) != OK)
		return r;
	t->iss = tcp_new_iss();
	t->snd_una = t->snd_nxt = t->snd_max = t->iss;
	t->rcv_adv = t->rcv_nxt = 0;
	t->error = 0;
	t->state = TCPS_SYN_SENT;
	tcp_output(t);
	if (nonblock)
		return -EINPROGRESS;
	return wait_on(&t->w_conn, call, NULL, 0, 0, 0);
}

static int
t_listen(sockid_t sock, int backlog)
{
	struct tcb *t = tcp_get(sock);
	int r;

	if (t == NULL)
		return -EBADF;
	if (t->state != TCPS_CLOSED && t->state != TCPS_LISTEN)
		return -EINVAL;
	if (t->was_connected)
		return -EINVAL;
	if ((r = tcp_autobind(t)) != OK)
		return r;
	t->backlog = backlog < 1 ? 1 : backlog > TCP_BACKLOG_MAX ? TCP_BACKLOG_MAX : backlog;
	t->state = TCPS_LISTEN;
	return OK;
}

static sockid_t
t_accept(sockid_t sock, struct sockaddr *a, socklen_t *len, endpoint_t user,
	 const struct sockdriver_call *call, int nonblock)
{
	struct tcb *t = tcp_get(sock), *c;

	(void)user;
	if (t == NULL)
		return -EBADF;
	if (t->state != TCPS_LISTEN)
		return -EINVAL;
	if ((c = tcp_first_queued(t)) != NULL)
		return hand_over(t, c, a, len);
	if (nonblock)
		return -EAGAIN;
	return wait_on(&t->w_acc, call, NULL, 0, 0, 0);
}

static int
t_send(sockid_t sock, const struct sockdriver_data *data, size_t len,
       const struct sockaddr *a, socklen_t alen, int flags,
       const struct sockdriver_call *call, int nonblock)
{
	struct tcb *t = tcp_get(sock);
	int e, n = 0;

	(void)a, (void)alen;			/* a stream's address is its peer's */
	if (t == NULL)
		return -EBADF;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if ((e = send_error(t)) != 0)
		return -e;
	if (len == 0)
		return 0;
	if (TCPS_SYNCED(t->state) && (n = take(t, data, 0, len)) < 0)
		return n;
	if (n > 0)
		tcp_output(t);
	if ((size_t)n == len)
		return n;
	if (nonblock || (flags & MSG_DONTWAIT))
		return n > 0 ? n : -EAGAIN;
	return wait_on(&t->w_send, call, data, len, (size_t)n, 0);
}

static int
t_recv(sockid_t sock, const struct sockdriver_data *data, size_t len, struct sockaddr *a,
       socklen_t *alen, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	struct tcb *t = tcp_get(sock);
	int r;

	(void)a, (void)rflags;
	*alen = 0;
	if (t == NULL)
		return -EBADF;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (t->rcv.len > 0 && !t->rd_shut)
		return give(t, data, len, flags);
	if ((r = recv_empty(t)) != 1)
		return r;
	if (nonblock || (flags & MSG_DONTWAIT))
		return -EAGAIN;
	return wait_on(&t->w_recv, call, data, len, 0, flags);
}

/* The user shuts the sending side: FIN after the data (RFC 793 "CLOSE" call). */
static void
shut_write(struct tcb *t)
{
	if (t->fin_wanted)
		return;
	t->fin_wanted = 1;
	if (t->state == TCPS_ESTABLISHED || t->state == TCPS_SYN_RCVD)
		t->state = TCPS_FIN_WAIT_1;
	else if (t->state == TCPS_CLOSE_WAIT)
		t->state = TCPS_LAST_ACK;
	tcp_output(t);
}

static int
t_shutdown(sockid_t sock, int how)
{
	struct tcb *t = tcp_get(sock);

	if (t == NULL)
		return -EBADF;
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	if (!TCPS_SYNCED(t->state) && t->state != TCPS_SYN_RCVD)
		return -ENOTCONN;
	if (how != SHUT_WR)
		t->rd_shut = 1;
	if (how != SHUT_RD)
		shut_write(t);
	tcp_wakeup(t);
	return OK;
}

/* Answer every waiting call of t with err (the socket closes). */
static void
end_waits(struct tcb *t, int err)
{
	if (t->w_conn.in_use)
		sockdriver_reply(&t->w_conn.call, err);
	if (t->w_send.in_use)
		sockdriver_reply(&t->w_send.call, err);
	if (t->w_recv.in_use)
		sockdriver_reply_recv(&t->w_recv.call, err, NULL, 0, 0);
	if (t->w_acc.in_use)
		sockdriver_reply_accept(&t->w_acc.call, err, NULL, 0);
	t->w_conn.in_use = t->w_send.in_use = t->w_recv.in_use = t->w_acc.in_use = 0;
}

static int
t_close(sockid_t sock)
{
	struct tcb *t = tcp_get(sock);

	if (t == NULL)
		return -EBADF;
	end_waits(t, -EBADF);
	t->has_socket = 0;
	t->sel_ops = 0;
	if (t->state == TCPS_LISTEN)
		tcp_children_abort(t);
	if (t->state == TCPS_CLOSED || t->state == TCPS_LISTEN ||
	    t->state == TCPS_SYN_SENT) {
		tcp_free(t);
	} else if (t->rcv.len > 0) {
		tcp_drop(t, ECONNABORTED);      /* unread data: abort (RFC 2525 2.17) */
	} else {
		shut_write(t);
		if (t->state == TCPS_FIN_WAIT_2)
			t->t_keep = tcp_deadline(TCP_ORPHAN_MAX);
	}
	return OK;
}

/* Is waiting w the call VFS cancels? */
static int
is_call(const struct tcp_wait *w, const struct sockdriver_call *call)
{
	return w->in_use && w->call.sc_id == call->sc_id && w->call.sc_endpt == call->sc_endpt;
}

static void
t_cancel(sockid_t sock, const struct sockdriver_call *call)
{
	struct tcb *t = tcp_get(sock);

	if (t == NULL)
		return;
	if (is_call(&t->w_conn, call)) {
		t->w_conn.in_use = 0;           /* the connection goes on in the background */
		sockdriver_reply(&t->w_conn.call, -EINTR);
	}
	if (is_call(&t->w_acc, call)) {
		t->w_acc.in_use = 0;
		sockdriver_reply_accept(&t->w_acc.call, -EINTR, NULL, 0);
	}
	if (is_call(&t->w_send, call)) {
		t->w_send.in_use = 0;
		sockdriver_reply(&t->w_send.call,
				 t->w_send.done > 0 ? (int)t->w_send.done : -EINTR);
	}
	if (is_call(&t->w_recv, call)) {
		t->w_recv.in_use = 0;
		sockdriver_reply_recv(&t->w_recv.call, -EINTR, NULL, 0, 0);
	}
}

static unsigned int
t_select(sockid_t sock, unsigned int ops, int notify)
{
	struct tcb *t = tcp_get(sock);
	unsigned int ready;

	if (t == NULL)
		return ops;
	ready = ready_ops(t, ops);
	if (notify)
		t->sel_ops |= ops & ~ready & (SDEV_OP_RD | SDEV_OP_WR | SDEV_OP_ERR);
	return ready;
}

static int
t_name(sockid_t sock, struct sockaddr *a, socklen_t *len, int peer)
{
	struct tcb *t = tcp_get(sock);

	if (t == NULL)
		return -EBADF;
	if (peer && (t->faddr == 0 || t->state == TCPS_CLOSED || t->state == TCPS_LISTEN))
		return -ENOTCONN;
	sock_addr_put(a, len, peer ? t->faddr : t->laddr, peer ? t->fport : t->lport);
	return OK;
}

static int
t_getsockname(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	return t_name(sock, a, len, 0);
}

static int
t_getpeername(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	return t_name(sock, a, len, 1);
}

const struct sockdriver tcp_sockdriver = {
	.sdr_socket = t_socket,
	.sdr_bind = t_bind,
	.sdr_connect = t_connect,
	.sdr_listen = t_listen,
	.sdr_accept = t_accept,
	.sdr_send = t_send,
	.sdr_recv = t_recv,
	.sdr_setsockopt = tcp_setsockopt,
	.sdr_getsockopt = tcp_getsockopt,
	.sdr_getsockname = t_getsockname,
	.sdr_getpeername = t_getpeername,
	.sdr_shutdown = t_shutdown,
	.sdr_close = t_close,
	.sdr_cancel = t_cancel,
	.sdr_select = t_select,
};

void
tcp_status(struct tcb *t)
{
	printf("inet: tcp %u -> %s:%u %s snd una %u nxt %u max %u wnd %u cwnd %u queued %u "
	       "rexmt %u persist %u shift %d; rcv nxt %u adv %u queued %u/%u fin %d; waiting "
	       "recv %d send %d select %#x\n",
	       t->lport, ip_str(t->faddr), t->fport, tcp_state_name(t->state),
	       t->snd_una - t->iss, t->snd_nxt - t->iss, t->snd_max - t->iss, t->snd_wnd,
	       t->cwnd, t->snd.len, t->t_rexmt, t->t_persist, t->rxtshift, t->rcv_nxt - t->irs,
	       t->rcv_adv - t->irs, t->rcv.len, t->rcv.size, t->fin_rcvd, t->w_recv.in_use,
	       t->w_send.in_use, t->sel_ops);
}
