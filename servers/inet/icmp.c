/*
 * icmp.c - ICMP (RFC 792, with RFC 1122's rules for hosts): echo both ways and destination
 * unreachable (handouts/inet.md, "ICMP").
 *
 * In: a message shorter than 8 bytes or with a wrong checksum is dropped and counted.  An
 * echo request to one of our addresses is answered with an echo reply carrying the same
 * identifier, sequence number and data (a request to a broadcast address is not answered).
 * An echo reply goes to inet's own echo client (loop.c's start-up check of the loopback
 * interface).  Other types are counted and dropped (not implemented: telling a socket of
 * an unreachable destination).
 *
 * Out: icmp_unreach() answers a datagram that cannot be delivered (a protocol inet does
 * not speak; a UDP port nobody listens on) with destination unreachable, carrying the
 * datagram's header and its first ICMP_ERR_DATA bytes.  Never about an ICMP error message,
 * a fragment or a broadcast (the callers see to the last two; ip.c drops fragments).
 * icmp_echo_send() sends an echo request of a given size.
 *
 * Entry points: icmp_input(), icmp_unreach(), icmp_echo_send().
 */
#include <string.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

/* The ICMP part of a new pbuf, or NULL. */
static uint8_t *
icmp_space(struct pbuf **pp)
{
	if ((*pp = pbuf_alloc()) == NULL)
		return NULL;
	return (*pp)->data + ETH_HLEN + IP_HLEN;
}

/* Set the checksum of the len-byte message at m, and send it from src to dst. */
static int
icmp_send(struct pbuf *p, uint8_t *m, size_t len, uint32_t src, uint32_t dst)
{
	put16(m + 2, 0);
	put16(m + 2, inet_cksum(m, len));
	return ip_output(p, src, dst, IP_PROTO_ICMP, len);
}

/* An echo request from src to our dst: the reply. */
static void
echo_reply(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len)
{
	struct pbuf *p;
	uint8_t *m;

	if (len > IP_MTU - IP_HLEN || (m = icmp_space(&p)) == NULL)
		return;
	memcpy(m, msg, len);
	m[0] = ICMP_ECHOREPLY, m[1] = 0;
	inet_stats.icmp_echoes++;
	icmp_send(p, m, len, dst, src);
}

void
icmp_input(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len)
{
	if (len < ICMP_HLEN || inet_cksum(msg, len) != 0) {
		inet_stats.icmp_bad++;
		return;
	}
	if (msg[0] == ICMP_ECHO && ifc_of_local(dst) != NULL)
		echo_reply(src, dst, msg, len);
	else if (msg[0] == ICMP_ECHOREPLY)
		loop_echo_reply(get16(msg + 4), get16(msg + 6), len);
}

/* Is the datagram at ip an ICMP error message (no error is sent about one)? */
static int
is_icmp_error(const uint8_t *ip, size_t len)
{
	size_t hl = (size_t)(ip[0] & 15) * 4;

	if (ip[9] != IP_PROTO_ICMP)
		return 0;
	return len < hl + 1 || (ip[hl] != ICMP_ECHO && ip[hl] != ICMP_ECHOREPLY);
}

void
icmp_unreach(const uint8_t *ip, size_t len, int code)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, n;
	struct pbuf *p;
	uint8_t *m;

	if (is_icmp_error(ip, len) || (m = icmp_space(&p)) == NULL)
		return;
	n = len < hl + ICMP_ERR_DATA ? len : hl + ICMP_ERR_DATA;
	m[0] = ICMP_UNREACH, m[1] = (uint8_t)code;
	memset(m + 4, 0, 4);
	memcpy(m + ICMP_HLEN, ip, n);
	inet_stats.icmp_unreach++;
	icmp_send(p, m, ICMP_HLEN + n, get32(ip + 16), get32(ip + 12));
}

int
icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t size)
{
	struct pbuf *p;
	uint8_t *m;

	if (size < ICMP_HLEN || size > IP_MTU - IP_HLEN)
		return -EINVAL;
	if ((m = icmp_space(&p)) == NULL)
		return -ENOMEM;
	m[0] = ICMP_ECHO, m[1] = 0;
	put16(m + 4, id);
	put16(m + 6, seq);
	for (size_t i = ICMP_HLEN; i < size; i++)
		m[i] = (uint8_t)i;
	return icmp_send(p, m, size, 0, dst);
}
