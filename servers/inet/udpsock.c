/*
 * udpsock.c - the libsockdriver entry points of UDP sockets (SOCK_DGRAM), reached through
 * sock.c's router, speaking the SDEV_ protocol with VFS (handouts/inet.md, "UDP sockets";
 * handouts/sockets.md).
 *
 * A socket is a row of udp.c's table; its id is SOCK_ID(SK_UDP, the row's index).  A
 * datagram protocol other than UDP is EPROTONOSUPPORT.
 * Sending copies the user's bytes (up to UDP_MAX_DATA: 8192; more is EMSGSIZE) into a
 * buffer and hands them to udp.c, which sends them in fragments when they are over the
 * MTU: it never waits (ARP's wait is inet's own, arp.c).  Receiving is dgsock.c's: the
 * oldest queued datagram; with none it waits (one of NR_DG_WAIT waiting calls for all
 * sockets; more is ENOBUFS), or with MSG_DONTWAIT / O_NONBLOCK is EAGAIN.  A datagram that
 * arrives while a recv waits goes straight to it, else to the socket's queue
 * (UDP_RCVQ_MAX datagrams, UDP_RCVQ_BYTES bytes; beyond them, or with no packet buffer,
 * it is dropped and counted).  A signal cancels a waiting recv (EINTR); closing the
 * socket ends its waiting recvs with EBADF.  An ICMP error udp.c reports for a connected
 * socket (ECONNREFUSED for port unreachable) fails its next recv or send once.  Binding a
 * port below UDP_PORT_RESERVED asks PM for the caller's effective uid (PM_GETEPINFO).
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
	static uint8_t dgram[UDP_HLEN + UDP_MAX_DATA];
	uint32_t dst;
	uint16_t dport;
	int r;

	(void)flags, (void)call, (void)nonblock;
	if (s == NULL)
		return -EBADF;
	if (s->rq.error != 0)
		return dg_take_error(&s->rq);
	if ((r = destination(s, a, alen, &dst, &dport)) != OK)
		return r;
	if (len > UDP_MAX_DATA)
		return -EMSGSIZE;
	if ((r = udp_autobind(s)) != OK)
		return r;
	if ((r = sockdriver_copyin(data, 0, dgram + UDP_HLEN, len)) != OK)
		return r;
	r = udp_output(s, dgram, len, dst, dport);
	return r == OK ? (int)len : r;
}

static int
u_recv(sockid_t sock, const struct sockdriver_data *data, size_t len, struct sockaddr *a,
       socklen_t *alen, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	struct udp_sock *s = udp_get(sock);

	if (s == NULL)
		return -EBADF;
	return dg_recv(sock, &s->rq, data, len, a, alen, rflags, flags, call, nonblock);
}

void
sock_deliver(struct udp_sock *s, uint32_t src, uint16_t sport, const uint8_t *data,
	     size_t len)
{
	if (dg_deliver(udp_id(s), &s->rq, src, sport, data, len, UDP_RCVQ_MAX,
		       UDP_RCVQ_BYTES))
		inet_stats.udp_in++;
	else
		inet_stats.udp_dropped++;
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
	udp_free(s);		/* its queue and waiting recvs go with it */
	return OK;
}

static unsigned int
u_select(sockid_t sock, unsigned int ops, int notify)
{
	struct udp_sock *s = udp_get(sock);

	return s == NULL ? ops : dg_select(&s->rq, ops, notify);
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
	.sdr_cancel = dg_cancel,
	.sdr_select = u_select,
};
