/*
 * udp.c - UDP (RFC 768) as far as inet has it: checking what comes in (handouts/inet.md,
 * "UDP").
 *
 * Not implemented: UDP sockets.  No port is open, so every well-formed datagram to one of
 * our addresses is answered with ICMP port unreachable (RFC 1122 3.2.2.1), and one to a
 * broadcast address is dropped without an answer.  A datagram is well formed when its
 * length field covers the 8-byte header and fits in the IP datagram, and its checksum
 * (over the pseudo header: source, destination, protocol and UDP length) is right or
 * absent (0).  Anything else is dropped and counted, never answered.
 *
 * Entry point: udp_input().
 */
#include "glo.h"
#include "proto.h"

/* The UDP checksum over the pseudo header and the datagram: 0 if it is right. */
static uint16_t
udp_cksum(uint32_t src, uint32_t dst, const uint8_t *u, size_t ulen)
{
	uint8_t pseudo[12];

	put32(pseudo, src);
	put32(pseudo + 4, dst);
	pseudo[8] = 0, pseudo[9] = IP_PROTO_UDP;
	put16(pseudo + 10, (uint16_t)ulen);
	return cksum_fold(cksum_add(cksum_add(0, pseudo, sizeof(pseudo)), u, ulen));
}

void
udp_input(const uint8_t *ip, size_t len, int to_broadcast)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, ulen;
	const uint8_t *u = ip + hl;

	if (len - hl < UDP_HLEN || (ulen = get16(u + 4)) < UDP_HLEN || ulen > len - hl ||
	    (get16(u + 6) != 0 && udp_cksum(get32(ip + 12), get32(ip + 16), u, ulen) != 0)) {
		inet_stats.udp_bad++;
		return;
	}
	if (!to_broadcast)
		icmp_unreach(ip, len, ICMP_UNREACH_PORT);
}
