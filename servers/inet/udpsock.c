/*
 * udpsock.c - the libsockdriver entry points of UDP sockets (SOCK_DGRAM), reached through
 * sock.c's router, speaking the SDEV_ protocol with VFS (handouts/inet.md, "UDP sockets";
 * handouts/sockets.md).
 *
 * A socket is a row of udp.c's table; its id is SOCK_ID(SK_UDP, the row's index).  A
 * datagram protocol other than UDP is EPROTONOSUPPORT.
 * Sending copies the user's bytes into a packet buffer and hands it to udp.c: it never
 * waits (ARP's wait is inet's own, arp.c).  Receiving takes the oldest queued datagram;
 * with none it waits (one of NR_UDP_WAIT waiting calls for all sockets; more is
 * ENOBUFS), or with MSG_DONTWAIT / O_NONBLOCK is EAGAIN.  A datagram that arrives while a
 * recv waits goes straight to it, else to the socket's queue (UDP_RCVQ_MAX; beyond it,
 * or with no packet buffer, it is dropped and counted).  A signal cancels a waiting recv
 * (EINTR); closing the socket ends its waiting recvs with EBADF.  Binding a port below
 * UDP_PORT_RESERVED asks PM for the caller's effective uid (PM_GETEPINFO).
 *
 * Not implemented: socket options (ENOPROTOOPT), ioctl (ENOTTY), shutdown, listen and
 * accept (EOPNOTSUPP), SO_BROADCAST (broadcasts are sent without it).
 *
 * Entry points: sock_deliver(); the rest through udp_sockdriver (sock.c calls it).
 */
#include <string.h>
#include <netinet/in.h>
#include <minnow/sockdriver.h>
#include "glo.h"
#include "proto.h"

/* A recv that waits for a datagram. */
struct waiting {
	int in_use;                     /* the row holds a call */
	sockid_t sock;                  /* its socket */
	struct sockdriver_call call;    /* how to answer it */
	struct sockdriver_data data;    /* where the bytes go */
	size_t len;                     /* how many fit */
	int peek;                       /* MSG_PEEK: leave the datagram queued */
};

static struct waiting waiting[NR_UDP_WAIT];

static sockid_t
u_socket(int domain, int type, int protocol, endpoint_t user)
{
	struct udp_sock *s;

	(void)domain, (void)type, (void)user;	/* sock.c checked them */
	if (protocol != 0 && protocol != IPPROTO_UDP)
		return -EPROTONOSUPPORT;
	if ((s = udp_alloc()) == NULL)
		return -ENOBUFS;
	return udp_id(s);
}

static int
u_bind(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user)
{
	struct udp_sock *s = udp_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	if (s == NULL)
		return -EBADF;
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	return udp_bind(s, addr, port,
			port == 0 || port >= UDP_PORT_RESERVED ? 0 : sock_is_root(user));
}

static int
u_connect(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user,
	  const struct sockdriver_call *call, int nonblock)
{
	struct udp_sock *s = udp_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	(void)user, (void)call, (void)nonblock;
	if (s == NULL)
		return -EBADF;
	if (len >= (socklen_t)sizeof(sa_family_t) && a->sa_family == AF_UNSPEC) {
		s->faddr = 0, s->fport = 0;	/* dissolve the association */
		return OK;
	}
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	if (addr == 0 || port == 0)
		return -EADDRNOTAVAIL;
	if ((r = udp_autobind(s)) != OK)
		return r;
	s->faddr = addr, s->fport = port;
	return OK;
}

/* Where a datagram of s goes (addr, or the peer): OK or the error. */
static int
destination(const struct udp_sock *s, const struct sockaddr *a, socklen_t alen,
	    uint32_t *dst, uint16_t *dport)
{
	int r;

	if (a == NULL) {
		*dst = s->faddr, *dport = s->fport;
		return s->faddr != 0 ? OK : -EDESTADDRREQ;
	}
	if (s->faddr != 0)
		return -EISCONN;
	if ((r = sock_addr_get(a, alen, dst, dport)) != OK)
		return r;
	return *dst == 0 || *dport == 0 ? -EADDRNOTAVAIL : OK;
}

static int
u_send(sockid_t sock, const struct sockdriver_data *data, size_t len,
       const struct sockaddr *a, socklen_t alen, int flags,
       const struct sockdriver_call *call, int nonblock)
{
	struct udp_sock *s = udp_get(sock);
	uint32_t dst;
	uint16_t dport;
	struct pbuf *p;
	int r;

	(void)flags, (void)call, (void)nonblock;
	if (s == NULL)
		return -EBADF;
	if ((r = destination(s, a, alen, &dst, &dport)) != OK)
		return r;
	if (len > UDP_MAX_DATA)
		return -EMSGSIZE;
	if ((r = udp_autobind(s)) != OK)
		return r;
	if ((p = pbuf_alloc()) == NULL)
		return -ENOBUFS;
	if ((r = sockdriver_copyin(data, 0, p->data + ETH_HLEN + IP_HLEN + UDP_HLEN,
				   len)) != OK) {
		pbuf_free(p);
		return r;
	}
	r = udp_output(s, p, len, dst, dport);
	return r == OK ? (int)len : r;
}

/* Copy datagram p into data (room len): the bytes copied or EFAULT; MSG_TRUNC. */
static int
copy_datagram(const struct pbuf *p, const struct sockdriver_data *data, size_t len,
	      int *rflags)
{
	size_t n = p->len < len ? p->len : len;

	*rflags = p->len > len ? MSG_TRUNC : 0;
	return sockdriver_copyout(data, 0, p->data, n) == OK ? (int)n : -EFAULT;
}

/* Keep call as a waiting recv: SUSPEND, or ENOBUFS with every row in use. */
static int
wait_recv(sockid_t sock, const struct sockdriver_call *call,
	  const struct sockdriver_data *data, size_t len, int flags)
{
	for (int i = 0; i < NR_UDP_WAIT; i++)
		if (!waiting[i].in_use) {
			waiting[i] = (struct waiting){ 1, sock, *call, *data, len,
						       (flags & MSG_PEEK) != 0 };
			return SOCKDRIVER_SUSPEND;
		}
	return -ENOBUFS;
}

static int
u_recv(sockid_t sock, const struct sockdriver_data *data, size_t len, struct sockaddr *a,
       socklen_t *alen, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	struct udp_sock *s = udp_get(sock);
	struct pbuf *p;
	int r;

	if (s == NULL)
		return -EBADF;
	if ((p = s->rcvq.head) == NULL)
		return nonblock ? -EAGAIN : wait_recv(sock, call, data, len, flags);
	r = copy_datagram(p, data, len, rflags);
	sock_addr_put(a, alen, p->from, p->from_port);
	if (!(flags & MSG_PEEK))
		pbuf_free(pq_get(&s->rcvq));
	return r;
}

/* Answer the first recv waiting on sock with the datagram; 1 if one took it for good. */
static int
give_to_waiting(sockid_t sock, uint32_t src, uint16_t sport, const struct pbuf *p)
{
	struct sockaddr_storage a;
	socklen_t alen;
	int rflags, r;

	for (int i = 0; i < NR_UDP_WAIT; i++) {
		struct waiting *w = &waiting[i];

		if (!w->in_use || w->sock != sock)
			continue;
		w->in_use = 0;
		r = copy_datagram(p, &w->data, w->len, &rflags);
		sock_addr_put((struct sockaddr *)&a, &alen, src, sport);
		sockdriver_reply_recv(&w->call, r, (struct sockaddr *)&a, alen, rflags);
		if (!w->peek)
			return 1;
	}
	return 0;
}

void
sock_deliver(struct udp_sock *s, uint32_t src, uint16_t sport, const uint8_t *data,
	     size_t len)
{
	struct pbuf *p;

	if (s->rcvq.count >= UDP_RCVQ_MAX || (p = pbuf_alloc()) == NULL) {
		s->dropped++;
		inet_stats.udp_dropped++;
		return;
	}
	memcpy(p->data, data, len);
	p->len = len, p->from = src, p->from_port = sport;
	inet_stats.udp_in++;
	if (give_to_waiting(udp_id(s), src, sport, p)) {
		pbuf_free(p);
		return;
	}
	pq_put(&s->rcvq, p, UDP_RCVQ_MAX);
	if (s->sel_notify) {
		s->sel_notify = 0;
		sockdriver_reply_select(udp_id(s), SDEV_OP_RD);
	}
}

static int
u_name(sockid_t sock, struct sockaddr *a, socklen_t *len, int peer)
{
	struct udp_sock *s = udp_get(sock);

	if (s == NULL)
		return -EBADF;
	if (peer && s->faddr == 0)
		return -ENOTCONN;
	sock_addr_put(a, len, peer ? s->faddr : s->laddr, peer ? s->fport : s->lport);
	return OK;
}

static int
u_getsockname(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	return u_name(sock, a, len, 0);
}

static int
u_getpeername(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	return u_name(sock, a, len, 1);
}

static int
u_close(sockid_t sock)
{
	struct udp_sock *s = udp_get(sock);

	if (s == NULL)
		return -EBADF;
	for (int i = 0; i < NR_UDP_WAIT; i++)
		if (waiting[i].in_use && waiting[i].sock == sock) {
			waiting[i].in_use = 0;
			sockdriver_reply_recv(&waiting[i].call, -EBADF, NULL, 0, 0);
		}
	udp_free(s);
	return OK;
}

static void
u_cancel(sockid_t sock, const struct sockdriver_call *call)
{
	for (int i = 0; i < NR_UDP_WAIT; i++) {
		struct waiting *w = &waiting[i];

		if (w->in_use && w->sock == sock && w->call.sc_id == call->sc_id &&
		    w->call.sc_endpt == call->sc_endpt) {
			w->in_use = 0;
			sockdriver_reply_recv(&w->call, -EINTR, NULL, 0, 0);
		}
	}
}

static unsigned int
u_select(sockid_t sock, unsigned int ops, int notify)
{
	struct udp_sock *s = udp_get(sock);
	unsigned int ready = ops & SDEV_OP_WR;	/* sending never waits */

	if (s == NULL)
		return ops;			/* a bad id: let the call find the error */
	if (s->rcvq.count > 0)
		ready |= ops & SDEV_OP_RD;
	if (notify && (ops & SDEV_OP_RD) && !(ready & SDEV_OP_RD))
		s->sel_notify = 1;
	return ready;
}

const struct sockdriver udp_sockdriver = {
	.sdr_socket = u_socket,
	.sdr_bind = u_bind,
	.sdr_connect = u_connect,
	.sdr_send = u_send,
	.sdr_recv = u_recv,
	.sdr_getsockname = u_getsockname,
	.sdr_getpeername = u_getpeername,
	.sdr_close = u_close,
	.sdr_cancel = u_cancel,
	.sdr_select = u_select,
};
