/*
 * sockdrv.c - the test socket driver (/test/sockdrv; handouts/sockets.md, "The test
 * driver"): a service on libsockdriver (minnow/sockdriver.h) that serves the test domain
 * SOCKTEST_DOMAIN (sockdrv.h) with an in-memory loopback, so that /test/socktest can
 * exercise the whole socket path (libc -> VFS -> SDEV_ -> driver) as the file system tests
 * play VFS.  Started with `service up /test/sockdrv -config /test/system.tests`, whose
 * entry's `domain 31;` makes RS map the domain (VFS_MAPSOCKET).
 *
 * The toy protocol: an address is a port.  SOCK_DGRAM sockets exchange datagrams between
 * ports (at most 8 queued per socket; a longer one than the buffer is cut, MSG_TRUNC);
 * SOCK_STREAM sockets connect to a listening port: connect waits until the listener
 * accepts (non-blocking: EINPROGRESS, done when accepted; SO_ERROR and select's writable
 * tell), then bytes flow through a SOCKTEST_BUF buffer each way.  recv, accept, connect and
 * a send to a full buffer wait (SOCKDRIVER_SUSPEND) and are answered when the other side
 * acts; close and shutdown(SHUT_WR) give the peer end of file, and a send to a closed
 * peer is EPIPE.  Options: SO_ERROR, SO_TYPE, SO_REUSEADDR, SO_RCVBUF (level SOL_SOCKET);
 * ioctls: SOCKTEST_IOC_PENDING, SOCKTEST_IOC_PID.  Not implemented: out-of-band data,
 * MSG_PEEK, MSG_WAITALL (ignored).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/sockdriver.h>
#include "sockdrv.h"

#define NR_SOCKS        32
#define NR_DGRAMS       8
#define BACKLOG_MAX     8

struct dgram {
	uint16_t from;                  /* the sender's port */
	uint16_t len;
	uint8_t data[SOCKTEST_DGRAM_MAX];
};

/* A waiting request. */
struct waiter {
	int on;                         /* a request waits */
	struct sockdriver_call call;
	struct sockdriver_data data;
	size_t len;
};

struct tsock {
	int used, type, port;
	int listening, backlog;
	int peer;                       /* a stream's other end (-1: none) */
	int connecting;                 /* a stream waits for its listener to accept */
	int eof;                        /* the peer closed or shut down writing */
	int shut_wr;                    /* no more sending */
	int error;                      /* SO_ERROR (positive) */
	int reuse;                      /* SO_REUSEADDR */
	int queue[BACKLOG_MAX];         /* a listener's connections not accepted yet */
	int nqueue;
	uint8_t buf[SOCKTEST_BUF];      /* a stream's received bytes */
	size_t nbuf;
	struct dgram dg[NR_DGRAMS];     /* a datagram socket's queue */
	int ndg;
	int dst;                        /* a connected datagram socket's port (0: none) */
	struct waiter rd, wr, conn;     /* recv or accept; send; connect */
	unsigned int sel;               /* select ops to report when ready */
};

static struct tsock sk[NR_SOCKS];
static int next_port = 1000;

static struct tsock *
get(sockid_t id)
{
	return id >= 0 && id < NR_SOCKS && sk[id].used ? &sk[id] : NULL;
}

static int
by_port(int port, int type)
{
	int i;

	for (i = 0; i < NR_SOCKS; i++)
		if (sk[i].used && sk[i].port == port && sk[i].type == type)
			return i;
	return -1;
}

static void
set_addr(struct sockaddr *addr, socklen_t *len, int port)
{
	struct sockaddr_test *a = (struct sockaddr_test *)addr;

	a->st_family = SOCKTEST_DOMAIN;
	a->st_port = (uint16_t)port;
	*len = sizeof(*a);
}

/* The ready ops of s now. */
static unsigned int
ready(struct tsock *s)
{
	unsigned int ops = 0;

	if (s->nbuf > 0 || s->ndg > 0 || s->nqueue > 0 || s->eof || s->error)
		ops |= SDEV_OP_RD;
	if (s->type == SOCK_DGRAM || (s->peer >= 0 && !s->connecting &&
				      sk[s->peer].nbuf < SOCKTEST_BUF) || s->error || s->shut_wr)
		ops |= SDEV_OP_WR;
	if (s->error)
		ops |= SDEV_OP_ERR;
	return ops;
}

/* Tell VFS about select ops of s that became ready. */
static void
notify(struct tsock *s)
{
	unsigned int r = ready(s) & s->sel;

	if (r != 0) {
		s->sel &= ~r;
		sockdriver_reply_select((sockid_t)(s - sk), r);
	}
}

static void
hold(struct waiter *w, const struct sockdriver_call *call, const struct sockdriver_data *d,
     size_t len)
{
	w->on = 1;
	w->call = *call;
	if (d != NULL)
		w->data = *d;
	w->len = len;
}

static sockid_t
t_socket(int domain, int type, int protocol, endpoint_t user)
{
	int i;

	(void)user;
	if (domain != SOCKTEST_DOMAIN)
		return -EAFNOSUPPORT;
	if (type != SOCK_STREAM && type != SOCK_DGRAM)
		return -EPROTOTYPE;
	if (protocol != 0)
		return -EPROTONOSUPPORT;
	for (i = 0; i < NR_SOCKS && sk[i].used; i++)
		;
	if (i == NR_SOCKS)
		return -ENOBUFS;
	memset(&sk[i], 0, sizeof(sk[i]));
	sk[i].used = 1;
	sk[i].type = type;
	sk[i].peer = -1;
	return i;
}

/* The port of address addr (len bytes): > 0, or an error. */
static int
port_of(const struct sockaddr *addr, socklen_t len)
{
	const struct sockaddr_test *a = (const struct sockaddr_test *)addr;

	if (len < sizeof(*a))
		return -EINVAL;
	if (a->st_family != SOCKTEST_DOMAIN)
		return -EAFNOSUPPORT;
	if (a->st_port == 0 || a->st_port > SOCKTEST_MAX_PORT)
		return -EADDRNOTAVAIL;
	return a->st_port;
}

static int
t_bind(sockid_t id, const struct sockaddr *addr, socklen_t len, endpoint_t user)
{
	struct tsock *s = get(id);
	int port = port_of(addr, len), other;

	(void)user;
	if (s == NULL)
		return -EBADF;
	if (port < 0)
		return port;
	if (s->port != 0)
		return -EINVAL;
	if ((other = by_port(port, s->type)) >= 0 && !(s->reuse && !sk[other].listening))
		return -EADDRINUSE;
	s->port = port;
	return OK;
}

/* Give unbound s a port of its own. */
static void
autobind(struct tsock *s)
{
	while (s->port == 0) {
		if (by_port(next_port, s->type) < 0)
			s->port = next_port;
		next_port = next_port >= SOCKTEST_MAX_PORT ? 1000 : next_port + 1;
	}
}

/* A new stream socket for listener l's side of a connection from c. */
static int
new_conn(struct tsock *l, int c)
{
	sockid_t n = t_socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0, NONE);

	if (n < 0)
		return n;
	sk[n].port = l->port;
	sk[n].peer = c;
	sk[c].peer = n;
	sk[c].connecting = 1;
	l->queue[l->nqueue++] = n;
	return OK;
}

static void accept_now(struct tsock *l);

static int
t_connect(sockid_t id, const struct sockaddr *addr, socklen_t len, endpoint_t user,
	  const struct sockdriver_call *call, int nonblock)
{
	struct tsock *s = get(id);
	int port = port_of(addr, len), l, r;

	(void)user;
	if (s == NULL)
		return -EBADF;
	if (port < 0)
		return port;
	if (s->type == SOCK_DGRAM) {
		s->dst = port;
		return OK;
	}
	if (s->connecting)
		return -EALREADY;
	if (s->peer >= 0)
		return -EISCONN;
	if ((l = by_port(port, SOCK_STREAM)) < 0 || !sk[l].listening)
		return -ECONNREFUSED;
	if (sk[l].nqueue >= sk[l].backlog)
		return -ECONNREFUSED;
	autobind(s);
	if ((r = new_conn(&sk[l], id)) != OK)
		return r;
	if (!nonblock)
		hold(&s->conn, call, NULL, 0);
	accept_now(&sk[l]);
	notify(&sk[l]);
	return nonblock ? -EINPROGRESS : SOCKDRIVER_SUSPEND;
}

static int
t_listen(sockid_t id, int backlog)
{
	struct tsock *s = get(id);

	if (s == NULL)
		return -EBADF;
	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	if (s->port == 0)
		autobind(s);
	s->listening = 1;
	s->backlog = backlog < 1 ? 1 : backlog > BACKLOG_MAX ? BACKLOG_MAX : backlog;
	return OK;
}

/* The first queued connection of l is accepted: its client's connect completes. */
static sockid_t
take_conn(struct tsock *l)
{
	int n = l->queue[0], c = sk[n].peer;

	memmove(l->queue, l->queue + 1, (size_t)--l->nqueue * sizeof(l->queue[0]));
	if (c >= 0) {
		sk[c].connecting = 0;
		if (sk[c].conn.on) {
			sk[c].conn.on = 0;
			sockdriver_reply(&sk[c].conn.call, OK);
		}
		notify(&sk[c]);
	}
	return n;
}

/* Answer l's waiting accept if a connection is queued. */
static void
accept_now(struct tsock *l)
{
	struct sockaddr_test a;
	socklen_t len;
	int n;

	if (!l->rd.on || l->nqueue == 0)
		return;
	l->rd.on = 0;
	n = take_conn(l);
	set_addr((struct sockaddr *)&a, &len, sk[n].peer >= 0 ? sk[sk[n].peer].port : 0);
	sockdriver_reply_accept(&l->rd.call, n, (struct sockaddr *)&a, len);
}

static sockid_t
t_accept(sockid_t id, struct sockaddr *addr, socklen_t *len, endpoint_t user,
	 const struct sockdriver_call *call, int nonblock)
{
	struct tsock *s = get(id);
	int n;

	(void)user;
	if (s == NULL)
		return -EBADF;
	if (!s->listening)
		return -EINVAL;
	if (s->nqueue == 0) {
		if (nonblock)
			return -EAGAIN;
		hold(&s->rd, call, NULL, 0);
		return SOCKDRIVER_SUSPEND;
	}
	n = take_conn(s);
	set_addr(addr, len, sk[n].peer >= 0 ? sk[sk[n].peer].port : 0);
	return n;
}

/* Move up to len bytes of data into stream p's buffer: bytes, or an error. */
static int
stream_in(struct tsock *p, const struct sockdriver_data *data, size_t len)
{
	size_t n = SOCKTEST_BUF - p->nbuf;
	int r;

	if (n > len)
		n = len;
	if ((r = sockdriver_copyin(data, 0, p->buf + p->nbuf, n)) != OK)
		return r;
	p->nbuf += n;
	return (int)n;
}

static void recv_now(struct tsock *s);

static int
stream_send(struct tsock *s, const struct sockdriver_data *data, size_t len,
	    const struct sockdriver_call *call, int nonblock)
{
	struct tsock *p;
	int r;

	if (s->shut_wr || (s->peer < 0 && s->eof))
		return -EPIPE;
	if (s->peer < 0 || s->connecting)
		return -ENOTCONN;
	p = &sk[s->peer];
	if (p->nbuf == SOCKTEST_BUF && len > 0) {
		if (nonblock)
			return -EAGAIN;
		hold(&s->wr, call, data, len);
		return SOCKDRIVER_SUSPEND;
	}
	if ((r = stream_in(p, data, len)) > 0) {
		recv_now(p);
		notify(p);
	}
	return r;
}

static int
dgram_send(struct tsock *s, const struct sockdriver_data *data, size_t len,
	   const struct sockaddr *addr, socklen_t addr_len)
{
	int port = addr != NULL ? port_of(addr, addr_len) : s->dst, d, r;
	struct tsock *p;
	struct dgram *g;

	if (port < 0)
		return port;
	if (port == 0)
		return -EDESTADDRREQ;
	if (len > SOCKTEST_DGRAM_MAX)
		return -EMSGSIZE;
	autobind(s);
	if ((d = by_port(port, SOCK_DGRAM)) < 0)
		return (int)len;	/* nobody listens: the datagram is lost */
	p = &sk[d];
	if (p->ndg == NR_DGRAMS)
		return (int)len;	/* the queue is full: lost */
	g = &p->dg[p->ndg];
	if ((r = sockdriver_copyin(data, 0, g->data, len)) != OK)
		return r;
	g->from = (uint16_t)s->port;
	g->len = (uint16_t)len;
	p->ndg++;
	recv_now(p);
	notify(p);
	return (int)len;
}

static int
t_send(sockid_t id, const struct sockdriver_data *data, size_t len,
       const struct sockaddr *addr, socklen_t addr_len, int flags,
       const struct sockdriver_call *call, int nonblock)
{
	struct tsock *s = get(id);

	(void)flags;
	if (s == NULL)
		return -EBADF;
	if (s->type == SOCK_DGRAM)
		return dgram_send(s, data, len, addr, addr_len);
	return stream_send(s, data, len, call, nonblock);
}

/* Take what s holds for a receive of len bytes into data: bytes, 0 at end of file, an
 * error, or -EAGAIN if nothing is there yet. */
static int
take(struct tsock *s, const struct sockdriver_data *data, size_t len, struct sockaddr *addr,
     socklen_t *addr_len, int *rflags)
{
	size_t n;
	int r;

	if (s->type == SOCK_DGRAM) {
		struct dgram *g = &s->dg[0];

		if (s->ndg == 0)
			return -EAGAIN;
		n = g->len < len ? g->len : len;
		*rflags = g->len > len ? MSG_TRUNC : 0;
		set_addr(addr, addr_len, g->from);
		r = sockdriver_copyout(data, 0, g->data, n);
		memmove(s->dg, s->dg + 1, (size_t)--s->ndg * sizeof(s->dg[0]));
		return r != OK ? r : (int)n;
	}
	if (s->nbuf == 0)
		return s->eof ? 0 : s->peer < 0 && !s->connecting ? -ENOTCONN : -EAGAIN;
	n = s->nbuf < len ? s->nbuf : len;
	if ((r = sockdriver_copyout(data, 0, s->buf, n)) != OK)
		return r;
	memmove(s->buf, s->buf + n, s->nbuf - n);
	s->nbuf -= n;
	return (int)n;
}

/* A sender of s's peer that waits for room may go on. */
static void
send_now(struct tsock *s)
{
	struct tsock *p;
	int r;

	if (s->peer < 0 || !(p = &sk[s->peer])->wr.on || s->nbuf == SOCKTEST_BUF)
		return;
	p->wr.on = 0;
	r = stream_in(s, &p->wr.data, p->wr.len);
	sockdriver_reply(&p->wr.call, r);
	recv_now(s);
}

/* Answer s's waiting recv if there is something to take. */
static void
recv_now(struct tsock *s)
{
	struct sockaddr_test a;
	socklen_t alen = 0;
	int rflags = 0, r;

	if (!s->rd.on || s->listening)
		return;
	if ((r = take(s, &s->rd.data, s->rd.len, (struct sockaddr *)&a, &alen, &rflags)) ==
	    -EAGAIN)
		return;
	s->rd.on = 0;
	sockdriver_reply_recv(&s->rd.call, r, (struct sockaddr *)&a, alen, rflags);
	send_now(s);
}

static int
t_recv(sockid_t id, const struct sockdriver_data *data, size_t len, struct sockaddr *addr,
       socklen_t *addr_len, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	struct tsock *s = get(id);
	int r;

	(void)flags;
	if (s == NULL)
		return -EBADF;
	if (s->listening)
		return -ENOTCONN;
	if ((r = take(s, data, len, addr, addr_len, rflags)) != -EAGAIN) {
		send_now(s);
		return r;
	}
	if (nonblock)
		return -EAGAIN;
	hold(&s->rd, call, data, len);
	return SOCKDRIVER_SUSPEND;
}

static int
t_ioctl(sockid_t id, unsigned long request, const struct sockdriver_data *data,
	endpoint_t user)
{
	struct tsock *s = get(id);
	int v;

	(void)user;
	if (s == NULL)
		return -EBADF;
	if (request == SOCKTEST_IOC_PENDING)
		v = s->type == SOCK_DGRAM ? (s->ndg ? s->dg[0].len : 0) : (int)s->nbuf;
	else if (request == SOCKTEST_IOC_PID)
		v = getpid();
	else
		return -ENOTTY;
	return sockdriver_copyout(data, 0, &v, sizeof(v));
}

static int
t_setsockopt(sockid_t id, int level, int name, const struct sockdriver_data *data,
	     socklen_t len)
{
	struct tsock *s = get(id);
	int v, r;

	if (s == NULL)
		return -EBADF;
	if (level != SOL_SOCKET || name != SO_REUSEADDR)
		return -ENOPROTOOPT;
	if (len != sizeof(int))
		return -EINVAL;
	if ((r = sockdriver_copyin(data, 0, &v, sizeof(v))) != OK)
		return r;
	s->reuse = v != 0;
	return OK;
}

static int
t_getsockopt(sockid_t id, int level, int name, const struct sockdriver_data *data,
	     socklen_t *len)
{
	struct tsock *s = get(id);
	int v;

	if (s == NULL)
		return -EBADF;
	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	switch (name) {
	case SO_ERROR: v = s->error; s->error = 0; break;
	case SO_TYPE: v = s->type; break;
	case SO_REUSEADDR: v = s->reuse; break;
	case SO_RCVBUF: v = SOCKTEST_BUF; break;
	default: return -ENOPROTOOPT;
	}
	if (*len < sizeof(v))
		return -EINVAL;
	*len = sizeof(v);
	return sockdriver_copyout(data, 0, &v, sizeof(v));
}

static int
t_getsockname(sockid_t id, struct sockaddr *addr, socklen_t *len)
{
	struct tsock *s = get(id);

	if (s == NULL)
		return -EBADF;
	set_addr(addr, len, s->port);
	return OK;
}

static int
t_getpeername(sockid_t id, struct sockaddr *addr, socklen_t *len)
{
	struct tsock *s = get(id);

	if (s == NULL)
		return -EBADF;
	if (s->type == SOCK_DGRAM ? s->dst == 0 : s->peer < 0 || s->connecting)
		return -ENOTCONN;
	set_addr(addr, len, s->type == SOCK_DGRAM ? s->dst : sk[s->peer].port);
	return OK;
}

/* s's peer will send no more: end of file for it, a waiting send of s is EPIPE. */
static void
peer_gone(struct tsock *s, int closed)
{
	s->eof = 1;
	if (closed) {
		s->peer = -1;
		if (s->connecting)
			s->error = ECONNREFUSED;
		s->connecting = 0;
		if (s->conn.on) {
			s->conn.on = 0;
			sockdriver_reply(&s->conn.call, -ECONNREFUSED);
		}
		if (s->wr.on) {
			s->wr.on = 0;
			sockdriver_reply(&s->wr.call, -EPIPE);
		}
	}
	recv_now(s);
	notify(s);
}

static int
t_shutdown(sockid_t id, int how)
{
	struct tsock *s = get(id);

	if (s == NULL)
		return -EBADF;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (s->type == SOCK_STREAM && s->peer < 0)
		return -ENOTCONN;
	if (how != SHUT_RD) {
		s->shut_wr = 1;
		if (s->peer >= 0)
			peer_gone(&sk[s->peer], 0);
	}
	return OK;
}

static int
t_close(sockid_t id)
{
	struct tsock *s = get(id);
	int i;

	if (s == NULL)
		return -EBADF;
	for (i = 0; i < s->nqueue; i++)		/* connections never accepted */
		t_close(s->queue[i]);
	s->nqueue = 0;
	if (s->peer >= 0)
		peer_gone(&sk[s->peer], 1);
	s->used = 0;
	return OK;
}

/* Answer w with EINTR if it is the call VFS cancels. */
static void
cancel_one(struct waiter *w, const struct sockdriver_call *call, int accept)
{
	if (!w->on || w->call.sc_id != call->sc_id || w->call.sc_endpt != call->sc_endpt)
		return;
	w->on = 0;
	if (accept)
		sockdriver_reply_accept(&w->call, -EINTR, NULL, 0);
	else
		sockdriver_reply_recv(&w->call, -EINTR, NULL, 0, 0);
}

static void
t_cancel(sockid_t id, const struct sockdriver_call *call)
{
	struct tsock *s = get(id);

	if (s == NULL)
		return;
	cancel_one(&s->rd, call, s->listening);
	if (s->wr.on && s->wr.call.sc_id == call->sc_id) {
		s->wr.on = 0;
		sockdriver_reply(&s->wr.call, -EINTR);
	}
	if (s->conn.on && s->conn.call.sc_id == call->sc_id) {
		s->conn.on = 0;
		sockdriver_reply(&s->conn.call, -EINTR);
	}
}

static unsigned int
t_select(sockid_t id, unsigned int ops, int notify_later)
{
	struct tsock *s = get(id);
	unsigned int r;

	if (s == NULL)
		return SDEV_OP_ERR;
	r = ready(s) & ops;
	if (notify_later)
		s->sel |= ops & ~r;
	return r;
}

static const struct sockdriver tdrv = {
	.sdr_socket = t_socket,
	.sdr_bind = t_bind,
	.sdr_connect = t_connect,
	.sdr_listen = t_listen,
	.sdr_accept = t_accept,
	.sdr_send = t_send,
	.sdr_recv = t_recv,
	.sdr_ioctl = t_ioctl,
	.sdr_setsockopt = t_setsockopt,
	.sdr_getsockopt = t_getsockopt,
	.sdr_getsockname = t_getsockname,
	.sdr_getpeername = t_getpeername,
	.sdr_shutdown = t_shutdown,
	.sdr_close = t_close,
	.sdr_cancel = t_cancel,
	.sdr_select = t_select,
};

int
main(void)
{
	sockdriver_task(&tdrv);
}
