/*
 * rawsock.c - raw IP sockets (SOCK_RAW) for ICMP, reached through sock.c's router and
 * speaking the SDEV_ protocol with VFS (handouts/inet.md, "Raw sockets and ping";
 * handouts/sockets.md).  BSD semantics:
 *
 *   socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)   root's only: another caller's effective uid
 *                                             (asked of PM) is EACCES; another protocol
 *                                             (IPPROTO_RAW, UDP...) is EPROTONOSUPPORT;
 *                                             NR_RAW_SOCK at once, then ENOBUFS
 *   sendto / send                             the bytes are an ICMP message, checksum
 *                                             included (the caller's), up to IP_SEND_MAX
 *                                             bytes (EMSGSIZE beyond; fragmented over the
 *                                             MTU); inet builds the IP header
 *   recvfrom / recv                           every ICMP message that comes in for us,
 *                                             whole: the IPv4 header first, then the message
 *                                             (the sender's address, port 0)
 *   connect                                   the default destination; only its messages
 *                                             are received then
 *   bind                                      a local address: the source of what is sent
 *
 * A socket queues at most RAW_RCVQ_MAX datagrams and RAW_RCVQ_BYTES bytes (dgsock.c; more
 * are dropped); recv waits, select, EINTR and close are dgsock.c's, as for UDP.
 *
 * Entry points: raw_input(); the rest through raw_sockdriver (sock.c calls it).
 */
#include <string.h>
#include <netinet/in.h>
#include <minnow/sockdriver.h>
#include "glo.h"
#include "proto.h"

static struct raw_sock raw_socks[NR_RAW_SOCK];

/* The socket of id, or NULL. */
static struct raw_sock *
raw_get(sockid_t id)
{
	int i = SOCK_INDEX(id);

	if (id < 0 || SOCK_PROTO(id) != SK_RAW || i >= NR_RAW_SOCK || !raw_socks[i].in_use)
		return NULL;
	return &raw_socks[i];
}

/* The id of s. */
static sockid_t
raw_id(const struct raw_sock *s)
{
	return SOCK_ID(SK_RAW, (int)(s - raw_socks));
}

static sockid_t
rw_socket(int domain, int type, int protocol, endpoint_t user)
{
	(void)domain, (void)type;	/* sock.c checked them */
	if (protocol != IPPROTO_ICMP)
		return -EPROTONOSUPPORT;
	if (!sock_is_root(user))
		return -EACCES;
	for (int i = 0; i < NR_RAW_SOCK; i++)
		if (!raw_socks[i].in_use) {
			memset(&raw_socks[i], 0, sizeof(raw_socks[i]));
			raw_socks[i].in_use = 1;
			return raw_id(&raw_socks[i]);
		}
	return -ENOBUFS;
}

static int
rw_bind(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user)
{
	struct raw_sock *s = raw_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	(void)user;
	if (s == NULL)
		return -EBADF;
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	if (addr != 0 && ifc_of_local(addr) == NULL)
		return -EADDRNOTAVAIL;
	s->laddr = addr;
	return OK;
}

static int
rw_connect(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user,
	  const struct sockdriver_call *call, int nonblock)
{
	struct raw_sock *s = raw_get(sock);
	uint32_t addr;
	uint16_t port;
	int r;

	(void)user, (void)call, (void)nonblock;
	if (s == NULL)
		return -EBADF;
	if (len >= (socklen_t)sizeof(sa_family_t) && a->sa_family == AF_UNSPEC) {
		s->faddr = 0;
		return OK;
	}
	if ((r = sock_addr_get(a, len, &addr, &port)) != OK)
		return r;
	if (addr == 0)
		return -EADDRNOTAVAIL;
	s->faddr = addr;
	return OK;
}

static int
rw_send(sockid_t sock, const struct sockdriver_data *data, size_t len,
       const struct sockaddr *a, socklen_t alen, int flags,
       const struct sockdriver_call *call, int nonblock)
{
	static uint8_t msg[IP_SEND_MAX];
	struct raw_sock *s = raw_get(sock);
	uint32_t dst;
	uint16_t port;
	int r;

	(void)flags, (void)call, (void)nonblock;
	if (s == NULL)
		return -EBADF;
	if (a == NULL && (dst = s->faddr) == 0)
		return -EDESTADDRREQ;
	if (a != NULL && (r = sock_addr_get(a, alen, &dst, &port)) != OK)
		return r;
	if (len > IP_SEND_MAX)
		return -EMSGSIZE;
	if (ip_source(dst) == 0)
		return -ENETUNREACH;
	if ((r = sockdriver_copyin(data, 0, msg, len)) != OK)
		return r;
	r = ip_send(s->laddr, dst, IP_PROTO_ICMP, msg, len);
	return r == OK ? (int)len : r == -ENXIO ? -ENETUNREACH : r;
}

static int
rw_recv(sockid_t sock, const struct sockdriver_data *data, size_t len, struct sockaddr *a,
       socklen_t *alen, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	struct raw_sock *s = raw_get(sock);

	if (s == NULL)
		return -EBADF;
	return dg_recv(sock, &s->rq, data, len, a, alen, rflags, flags, call, nonblock);
}

void
raw_input(const uint8_t *ip, size_t len)
{
	size_t hl = (size_t)(ip[0] & 15) * 4;
	uint32_t src = get32(ip + 12);

	if (!icmp_ok(ip + hl, len - hl))
		return;		/* icmp.c counts it */
	for (int i = 0; i < NR_RAW_SOCK; i++) {
		struct raw_sock *s = &raw_socks[i];

		if (s->in_use && (s->faddr == 0 || s->faddr == src) &&
		    (s->laddr == 0 || s->laddr == get32(ip + 16)))
			dg_deliver(raw_id(s), &s->rq, src, 0, ip, len, RAW_RCVQ_MAX,
				   RAW_RCVQ_BYTES);
	}
}

static int
rw_getsockname(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	if (raw_get(sock) == NULL)
		return -EBADF;
	sock_addr_put(a, len, raw_get(sock)->laddr, 0);
	return OK;
}

static int
rw_close(sockid_t sock)
{
	struct raw_sock *s = raw_get(sock);

	if (s == NULL)
		return -EBADF;
	dg_close(sock, &s->rq);
	s->in_use = 0;
	return OK;
}

static unsigned int
rw_select(sockid_t sock, unsigned int ops, int notify)
{
	struct raw_sock *s = raw_get(sock);

	return s == NULL ? ops : dg_select(&s->rq, ops, notify);
}

const struct sockdriver raw_sockdriver = {
	.sdr_socket = rw_socket,
	.sdr_bind = rw_bind,
	.sdr_connect = rw_connect,
	.sdr_send = rw_send,
	.sdr_recv = rw_recv,
	.sdr_getsockname = rw_getsockname,
	.sdr_close = rw_close,
	.sdr_cancel = dg_cancel,
	.sdr_select = rw_select,
};
