/*
 * udp.c - UDP (RFC 768): the sockets' protocol control blocks, checking and demultiplexing
 * what comes in, and building what goes out (handouts/inet.md, "UDP sockets").
 *
 * A socket is a row of udp_socks (NR_UDP_SOCK rows; its index is the socket id VFS
 * keeps).  A row is bound to a local address (0: any of ours) and port, and may have a
 * peer from connect().  Ports are one namespace: binding a port that another socket holds
 * on the same or the wildcard address is EADDRINUSE; port 0 picks a free ephemeral one
 * (UDP_EPH_FIRST..UDP_EPH_LAST), and a port below UDP_PORT_RESERVED is root's.
 *
 * A datagram is well formed when its length field covers the 8-byte header and fits in
 * the IP datagram, and its checksum (over the pseudo header: source, destination,
 * protocol and UDP length) is right or absent (0); anything else is dropped and counted,
 * never answered.  A well-formed one goes to the best matching socket (a connected
 * socket's peer must be the sender; an exact local address beats the wildcard; a peer
 * beats none), whose queue udpsock.c keeps.  With no socket on the port the sender gets ICMP
 * port unreachable (RFC 1122 3.2.2.1), unless it went to a broadcast address.
 *
 * udp_output() writes the header and checksum (0 sent as 0xFFFF) and hands the datagram
 * to ip.c, which routes it and leaves the waiting for ARP to arp.c.
 *
 * Entry points: udp_input(), udp_output(), udp_alloc(), udp_get(), udp_id(),
 * udp_free(), udp_bind(), udp_autobind().
 */
#include <minnow/errno.h>
#include <string.h>
#include "glo.h"
#include "proto.h"

static struct udp_sock udp_socks[NR_UDP_SOCK];
static uint16_t next_eph = UDP_EPH_FIRST;       /* where the ephemeral search starts */

/* The UDP checksum over the pseudo header and the datagram: 0 if it is right. */
static uint16_t
udp_cksum(uint32_t src, uint32_t dst, const uint8_t *u, size_t ulen)
{
	return inet_pseudo_cksum(src, dst, IP_PROTO_UDP, u, ulen);
}

struct udp_sock *
udp_alloc(void)
{
	for (int i = 0; i < NR_UDP_SOCK; i++)
		if (!udp_socks[i].in_use) {
			memset(&udp_socks[i], 0, sizeof(udp_socks[i]));
			udp_socks[i].in_use = 1;
			return &udp_socks[i];
		}
	return NULL;
}

struct udp_sock *
udp_get(int id)
{
	int i = SOCK_INDEX(id);

	if (id < 0 || SOCK_PROTO(id) != SK_UDP || i >= NR_UDP_SOCK || !udp_socks[i].in_use)
		return NULL;
	return &udp_socks[i];
}

int
udp_id(const struct udp_sock *s)
{
	return SOCK_ID(SK_UDP, (int)(s - udp_socks));
}

void
udp_free(struct udp_sock *s)
{
	pq_flush(&s->rcvq);
	s->in_use = 0;
}

/* Does a socket other than self (a struct udp_sock) hold port on addr (or the wildcard)? */
static int
port_taken(const void *self, uint32_t addr, uint16_t port)
{
	for (int i = 0; i < NR_UDP_SOCK; i++) {
		const struct udp_sock *s = &udp_socks[i];

		if (s != self && s->in_use && s->lport == port &&
		    (s->laddr == 0 || addr == 0 || s->laddr == addr))
			return 1;
	}
	return 0;
}

int
udp_bind(struct udp_sock *s, uint32_t addr, uint16_t port, int is_root)
{
	struct port_space ps = { &next_eph, port_taken, s };
	int r;

	if (s->lport != 0)
		return -EINVAL;		/* bound already */
	if ((r = sock_port(&ps, addr, &port, is_root)) != OK)
		return r;
	s->laddr = addr, s->lport = port;
	return OK;
}

int
udp_autobind(struct udp_sock *s)
{
	return s->lport != 0 ? OK : udp_bind(s, 0, 0, 0);
}

/* How well s matches a datagram src:sport -> dst:dport: 0 not at all, more is better. */
static int
match(const struct udp_sock *s, uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
      int bcast)
{
	if (!s->in_use || s->lport != dport)
		return 0;
	if (s->laddr != 0 && s->laddr != dst && !bcast)
		return 0;
	if (s->faddr != 0 && (s->faddr != src || s->fport != sport))
		return 0;
	return 1 + (s->laddr != 0) + 2 * (s->faddr != 0);
}

/* The socket a datagram goes to, or NULL. */
static struct udp_sock *
lookup(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, int bcast)
{
	struct udp_sock *best = NULL;
	int best_m = 0, m;

	for (int i = 0; i < NR_UDP_SOCK; i++)
		if ((m = match(&udp_socks[i], src, sport, dst, dport, bcast)) > best_m)
			best = &udp_socks[i], best_m = m;
	return best;
}

void
udp_input(const uint8_t *ip, size_t len, int to_broadcast)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, ulen;
	const uint8_t *u = ip + hl;
	uint32_t src = get32(ip + 12), dst = get32(ip + 16);
	struct udp_sock *s;

	if (len - hl < UDP_HLEN || (ulen = get16(u + 4)) < UDP_HLEN || ulen > len - hl ||
	    (get16(u + 6) != 0 && udp_cksum(src, dst, u, ulen) != 0)) {
		inet_stats.udp_bad++;
		return;
	}
	s = lookup(src, get16(u), dst, get16(u + 2), to_broadcast);
	if (s != NULL)
		sock_deliver(s, src, get16(u), u + UDP_HLEN, ulen - UDP_HLEN);
	else if (!to_broadcast)
		icmp_unreach(ip, len, ICMP_UNREACH_PORT);
}

int
udp_output(struct udp_sock *s, struct pbuf *p, size_t len, uint32_t dst, uint16_t dport)
{
	uint8_t *u = p->data + ETH_HLEN + IP_HLEN;
	uint32_t src = s->laddr != 0 ? s->laddr : ip_source(dst);
	uint16_t sum;
	int r;

	if (src == 0) {
		pbuf_free(p);
		return -ENETUNREACH;
	}
	put16(u, s->lport);
	put16(u + 2, dport);
	put16(u + 4, (uint16_t)(UDP_HLEN + len));
	put16(u + 6, 0);
	sum = udp_cksum(src, dst, u, UDP_HLEN + len);
	put16(u + 6, sum == 0 ? 0xFFFF : sum);
	if ((r = ip_output(p, src, dst, IP_PROTO_UDP, UDP_HLEN + len)) == OK)
		inet_stats.udp_out++;
	return r == -ENXIO ? -ENETUNREACH : r;
}
