/*
 * ip.c - IPv4 (RFC 791, with the host rules of RFC 1122): checking what comes in, handing
 * it to ICMP, UDP or TCP, and sending (handouts/inet.md, "IP").
 *
 * ip_input() drops silently, counting each in inet_stats, a datagram that is shorter than
 * its header, not version 4, has a header length below 20 bytes or beyond the data, a
 * total length outside header..data, a wrong header checksum, a TTL of 0 (no host sends
 * one and a router drops it before it gets here; TTL 1 is accepted, RFC 1122 3.2.1.7), a
 * source of 0.0.0.0, broadcast or multicast, or a loopback source or destination on a
 * card.  Options are skipped.  Fragments are dropped (not implemented: reassembly).  inet
 * is a host, not a router: a datagram for an address that is not ours nor a broadcast is
 * dropped (no forwarding).  What is left goes to ICMP, to UDP, to TCP, or, for any other
 * protocol, back to its sender as ICMP protocol unreachable.
 *
 * ip_output() sends a datagram whose payload is already in its pbuf: it finds the route
 * (route.c), fills in the 20-byte header (TTL 64, a fresh identification, no options) with
 * its checksum, and gives it to the loopback interface (127/8, or one of our own
 * addresses) or to ARP for the next hop: the destination on the link, else the route's
 * gateway.  It never fragments: a payload over the MTU is EINVAL (not implemented:
 * fragmentation); no route is ENXIO.
 *
 * ip_source() is the address a datagram to dst leaves from (0: no route), for UDP's
 * checksum before ip_output() runs.
 *
 * Entry points: ip_input(), ip_output(), ip_source().
 */
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

static uint16_t ip_id;          /* identification of the next datagram */

/* Is the header at pkt (len bytes of data) sound?  Its total length into *tot. */
static int
ip_header_ok(const uint8_t *pkt, size_t len, size_t *tot)
{
	size_t hl;

	if (len < IP_HLEN || pkt[0] >> 4 != 4)
		return 0;
	hl = (size_t)(pkt[0] & 15) * 4;
	*tot = get16(pkt + 2);
	if (hl < IP_HLEN || hl > len || *tot < hl || *tot > len)
		return 0;
	return inet_cksum(pkt, hl) == 0 && pkt[8] != 0;
}

/* Is src a plausible sender on ifc? */
static int
source_ok(uint32_t src, const struct ifc *ifc)
{
	if (src == 0 || src == IP_BROADCAST || (src >> 28) == 0xE || ip_is_broadcast(src, ifc))
		return 0;	/* 0: nobody to answer (not implemented: DHCP, which needs it) */
	return ifc->kind == IFC_LOOP || (src >> 24) != 127;
}

/* Is dst one of ours on ifc (*bcast: a broadcast)? */
static int
for_us(uint32_t dst, const struct ifc *ifc, int *bcast)
{
	*bcast = ip_is_broadcast(dst, ifc);
	if (ifc->kind == IFC_LOOP)
		return (dst >> 24) == 127 || ifc_of_local(dst) != NULL;
	if ((dst >> 24) == 127)
		return 0;	/* 127/8 never comes from a card (RFC 1122 3.2.1.3) */
	return *bcast || ifc_of_local(dst) != NULL;
}

void
ip_input(struct ifc *ifc, const uint8_t *pkt, size_t len)
{
	size_t tot, hl;
	uint32_t src, dst;
	int bcast;

	if (!ip_header_ok(pkt, len, &tot)) {
		inet_stats.ip_bad++;
		return;
	}
	if (get16(pkt + 6) & (IP_MF | IP_OFFMASK)) {
		inet_stats.ip_frag++;
		return;
	}
	src = get32(pkt + 12), dst = get32(pkt + 16);
	if (ifc->addr == 0 || !source_ok(src, ifc) || !for_us(dst, ifc, &bcast)) {
		inet_stats.ip_other++;
		return;
	}
	inet_stats.ip_in++;
	hl = (size_t)(pkt[0] & 15) * 4;
	switch (pkt[9]) {
	case IP_PROTO_ICMP:
		icmp_input(src, dst, pkt + hl, tot - hl);
		break;
	case IP_PROTO_UDP:
		udp_input(pkt, tot, bcast);
		break;
	case IP_PROTO_TCP:
		tcp_input(pkt, tot, bcast);
		break;
	default:
		if (!bcast)
			icmp_unreach(pkt, tot, ICMP_UNREACH_PROTO);
		break;
	}
}

/* Fill in the header of the datagram in p (payload of paylen bytes already there). */
static void
ip_header(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen)
{
	uint8_t *h = p->data + ETH_HLEN;

	h[0] = 0x45, h[1] = 0;
	put16(h + 2, (uint16_t)(IP_HLEN + paylen));
	put16(h + 4, ip_id++);
	put16(h + 6, 0);
	h[8] = IP_TTL_DEFAULT, h[9] = (uint8_t)proto;
	put16(h + 10, 0);
	put32(h + 12, src);
	put32(h + 16, dst);
	put16(h + 10, inet_cksum(h, IP_HLEN));
	p->len = ETH_HLEN + IP_HLEN + paylen;
}

uint32_t
ip_source(uint32_t dst)
{
	const struct route *r;

	if (ifc_of_local(dst) != NULL)
		return dst;
	return (r = route_find(dst)) != NULL ? r->ifc->addr : 0;
}

int
ip_output(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen)
{
	const struct route *r = route_find(dst);
	int local = ifc_of_local(dst) != NULL;

	if (IP_HLEN + paylen > IP_MTU) {
		pbuf_free(p);
		return -EINVAL;	/* too big: not implemented, fragmentation */
	}
	if (r == NULL && !local) {
		inet_stats.ip_noroute++;
		pbuf_free(p);
		return -ENXIO;		/* no route to that address */
	}
	if (src == 0)
		src = local ? dst : r->ifc->addr;
	ip_header(p, src, dst, proto, paylen);
	if (local || r->ifc->kind == IFC_LOOP)
		loop_output(p);
	else
		arp_output(r->ifc, r->gateway != 0 ? r->gateway : dst, p);
	return OK;
}
