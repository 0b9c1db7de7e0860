/*
 * sock.c - inet as the socket driver of AF_INET: the router between libsockdriver and the
 * protocols' own entry points (handouts/inet.md, "Sockets in inet"; handouts/sockets.md).
 *
 * libsockdriver knows one struct sockdriver per server; inet has one per protocol
 * (udp_sockdriver in udpsock.c, tcp_sockdriver in tcpsock.c: a row of protos[] each).  A
 * socket's id says its protocol (SOCK_ID(proto, row), inet.h), so every request after socket() goes
 * to the table of SOCK_PROTO(id), with the id unchanged; an id of no protocol is EBADF.
 * socket() itself picks the protocol by type: SOCK_DGRAM is UDP, SOCK_STREAM TCP, SOCK_RAW
 * raw IP; a protocol with no table is EPROTONOSUPPORT (not implemented: raw IP
 * sockets).  An entry point a protocol leaves NULL answers as libsockdriver answers for a
 * driver without it (EOPNOTSUPP, ENOTTY, ENOPROTOOPT...).
 *
 * Shared by the protocols: sock_addr_put() and sock_addr_get() turn a struct sockaddr_in
 * into address and port (host order) and back; sock_port() checks a port to bind (our
 * address, root's ports below UDP_PORT_RESERVED, taken) and picks an ephemeral one
 * (UDP_EPH_FIRST..UDP_EPH_LAST) for port 0, in a protocol's own port space.
 *
 * Entry points: sock_setup(), sock_is_root(), sock_addr_put(), sock_addr_get(),
 * sock_port(); the rest through the router's sockdriver.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include "proto.h"

/* Each protocol's entry points; NULL: not implemented. */
static const struct sockdriver *const protos[NR_SK_PROTO] = {
	[SK_UDP] = &udp_sockdriver,
	[SK_TCP] = &tcp_sockdriver,
};

/* The table of id's protocol, or NULL. */
static const struct sockdriver *
proto_of(sockid_t id)
{
	return id >= 0 && SOCK_PROTO(id) < NR_SK_PROTO ? protos[SOCK_PROTO(id)] : NULL;
}

/* d's entry point fn, with a NULL table as a NULL entry point. */
#define ENTRY(d, fn)  ((d) != NULL ? (d)->fn : NULL)

int
sock_is_root(endpoint_t user)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = PM_GETEPINFO;
	m.m_pm.endpt = user;
	return ipc_sendrec(PM_PROC_NR, &m) == OK && m.m_type >= 0 && m.m_pm.eid == 0;
}

void
sock_addr_put(struct sockaddr *a, socklen_t *len, uint32_t addr, uint16_t port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(addr);
	memcpy(a, &sin, sizeof(sin));
	*len = sizeof(sin);
}

int
sock_addr_get(const struct sockaddr *a, socklen_t len, uint32_t *addr, uint16_t *port)
{
	struct sockaddr_in sin;

	if (len < (socklen_t)sizeof(sin))
		return -EINVAL;
	memcpy(&sin, a, sizeof(sin));
	if (sin.sin_family != AF_INET)
		return -EAFNOSUPPORT;
	*addr = ntohl(sin.sin_addr.s_addr);
	*port = ntohs(sin.sin_port);
	return OK;
}

/* A free ephemeral port of ps for addr, or 0 if all are taken. */
static uint16_t
ephemeral(const struct port_space *ps, uint32_t addr)
{
	for (unsigned int n = 0; n <= UDP_EPH_LAST - UDP_EPH_FIRST; n++) {
		uint16_t port = *ps->next;

		*ps->next = port == UDP_EPH_LAST ? UDP_EPH_FIRST : port + 1;
		if (!ps->taken(ps->self, addr, port))
			return port;
	}
	return 0;
}

int
sock_port(const struct port_space *ps, uint32_t addr, uint16_t *port, int is_root)
{
	if (addr != 0 && ifc_of_local(addr) == NULL)
		return -EADDRNOTAVAIL;
	if (*port != 0 && *port < UDP_PORT_RESERVED && !is_root)
		return -EACCES;
	if (*port == 0 && (*port = ephemeral(ps, addr)) == 0)
		return -EADDRINUSE;
	return ps->taken(ps->self, addr, *port) ? -EADDRINUSE : OK;
}

static sockid_t
r_socket(int domain, int type, int protocol, endpoint_t user)
{
	const struct sockdriver *d;
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (domain != AF_INET)
		return -EAFNOSUPPORT;
	if (base == SOCK_DGRAM)
		d = protos[SK_UDP];
	else if (base == SOCK_STREAM)
		d = protos[SK_TCP];
	else if (base == SOCK_RAW)
		d = protos[SK_RAW];
	else
		return -EPROTOTYPE;
	if (ENTRY(d, sdr_socket) == NULL)
		return -EPROTONOSUPPORT;
	return d->sdr_socket(domain, type, protocol, user);
}

static int
r_bind(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_bind == NULL ? -EOPNOTSUPP : d->sdr_bind(sock, a, len, user);
}

static int
r_connect(sockid_t sock, const struct sockaddr *a, socklen_t len, endpoint_t user,
	  const struct sockdriver_call *call, int nonblock)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_connect == NULL ? -EOPNOTSUPP :
	       d->sdr_connect(sock, a, len, user, call, nonblock);
}

static int
r_listen(sockid_t sock, int backlog)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_listen == NULL ? -EOPNOTSUPP : d->sdr_listen(sock, backlog);
}

static sockid_t
r_accept(sockid_t sock, struct sockaddr *a, socklen_t *len, endpoint_t user,
	 const struct sockdriver_call *call, int nonblock)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_accept == NULL ? -EOPNOTSUPP :
	       d->sdr_accept(sock, a, len, user, call, nonblock);
}

static int
r_send(sockid_t sock, const struct sockdriver_data *data, size_t len,
       const struct sockaddr *a, socklen_t alen, int flags,
       const struct sockdriver_call *call, int nonblock)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_send == NULL ? -EOPNOTSUPP :
	       d->sdr_send(sock, data, len, a, alen, flags, call, nonblock);
}

static int
r_recv(sockid_t sock, const struct sockdriver_data *data, size_t len, struct sockaddr *a,
       socklen_t *alen, int *rflags, int flags, const struct sockdriver_call *call,
       int nonblock)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_recv == NULL ? -EOPNOTSUPP :
	       d->sdr_recv(sock, data, len, a, alen, rflags, flags, call, nonblock);
}

static int
r_ioctl(sockid_t sock, unsigned long request, const struct sockdriver_data *data,
	endpoint_t user)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_ioctl == NULL ? -ENOTTY : d->sdr_ioctl(sock, request, data, user);
}

static int
r_setsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
	     socklen_t len)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_setsockopt == NULL ? -ENOPROTOOPT :
	       d->sdr_setsockopt(sock, level, name, data, len);
}

static int
r_getsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
	     socklen_t *len)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_getsockopt == NULL ? -ENOPROTOOPT :
	       d->sdr_getsockopt(sock, level, name, data, len);
}

static int
r_getsockname(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_getsockname == NULL ? -EOPNOTSUPP : d->sdr_getsockname(sock, a, len);
}

static int
r_getpeername(sockid_t sock, struct sockaddr *a, socklen_t *len)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_getpeername == NULL ? -EOPNOTSUPP : d->sdr_getpeername(sock, a, len);
}

static int
r_shutdown(sockid_t sock, int how)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_shutdown == NULL ? -EOPNOTSUPP : d->sdr_shutdown(sock, how);
}

static int
r_close(sockid_t sock)
{
	const struct sockdriver *d = proto_of(sock);

	if (d == NULL)
		return -EBADF;
	return d->sdr_close == NULL ? OK : d->sdr_close(sock);
}

static void
r_cancel(sockid_t sock, const struct sockdriver_call *call)
{
	const struct sockdriver *d = proto_of(sock);

	if (ENTRY(d, sdr_cancel) != NULL)
		d->sdr_cancel(sock, call);
}

static unsigned int
r_select(sockid_t sock, unsigned int ops, int notify)
{
	const struct sockdriver *d = proto_of(sock);

	return ENTRY(d, sdr_select) == NULL ? ops : d->sdr_select(sock, ops, notify);
}

static const struct sockdriver router = {
	.sdr_socket = r_socket,
	.sdr_bind = r_bind,
	.sdr_connect = r_connect,
	.sdr_listen = r_listen,
	.sdr_accept = r_accept,
	.sdr_send = r_send,
	.sdr_recv = r_recv,
	.sdr_ioctl = r_ioctl,
	.sdr_setsockopt = r_setsockopt,
	.sdr_getsockopt = r_getsockopt,
	.sdr_getsockname = r_getsockname,
	.sdr_getpeername = r_getpeername,
	.sdr_shutdown = r_shutdown,
	.sdr_close = r_close,
	.sdr_cancel = r_cancel,
	.sdr_select = r_select,
};

void
sock_setup(void)
{
	sockdriver_init(&router);
}
