/*
 * icmp.c - ICMP (RFC 792, with RFC 1122's rules for hosts): echo both ways, destination
 * unreachable and time exceeded out, errors in to the sockets they concern
 * (handouts/inet.md, "ICMP", "ICMP errors to sockets").
 *
 * In: a message shorter than 8 bytes or with a wrong checksum is dropped and counted.  An
 * echo request to one of our addresses is answered with an echo reply carrying the same
 * identifier, sequence number and data, up to IP_SEND_MAX bytes (sent in fragments when
 * over the MTU); a request to a broadcast address is not answered.  An echo reply goes to
 * inet's own echo client (loop.c's start-up check of the loopback interface); raw sockets
 * see every message through rawsock.c.  Destination unreachable and time exceeded quote
 * the header and first 8 bytes of the datagram they are about: icmp_error_to_proto()
 * tells that datagram's protocol (UDP: udp.c's udp_icmp_error(); TCP: not implemented,
 * nothing is told).  Other types are dropped.
 *
 * Out: icmp_error() answers a datagram that cannot be delivered (a protocol inet does not
 * speak; a UDP port nobody listens on; a reassembly that timed out) with an ICMP error
 * carrying the datagram's header and its first ICMP_ERR_DATA bytes.  Never about an ICMP
 * error message, a fragment other than the first, or a broadcast (the callers see to the
 * last two).  icmp_echo_send() sends an echo request of a given size.
 *
 * Entry points: icmp_input(), icmp_ok(), icmp_error(), icmp_unreach(),
 * icmp_error_to_proto(), icmp_echo_send().
 */
#include <string.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

static uint8_t out[IP_SEND_MAX];        /* the message being sent */

/* Set the checksum of the len-byte message in out, and send it from src to dst. */
static int
icmp_send(size_t len, uint32_t src, uint32_t dst)
{
	put16(out + 2, 0);
	put16(out + 2, inet_cksum(out, len));
	return ip_send(src, dst, IP_PROTO_ICMP, out, len);
}

/* An echo request from src to our dst: the reply. */
static void
echo_reply(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len)
{
	if (len > IP_SEND_MAX)
		return;
	memcpy(out, msg, len);
	out[0] = ICMP_ECHOREPLY, out[1] = 0;
	if (icmp_send(len, dst, src) == OK)
		inet_stats.icmp_echoes++;
}

int
icmp_ok(const uint8_t *msg, size_t len)
{
	return len >= ICMP_HLEN && inet_cksum(msg, len) == 0;
}

/* An error message about a datagram of ours (quoted after the first 8 bytes). */
static void
error_in(const uint8_t *msg, size_t len)
{
	const uint8_t *q = msg + ICMP_HLEN;
	size_t qhl;

	if (len < ICMP_HLEN + IP_HLEN + 8 || q[0] >> 4 != 4)
		return;
	qhl = (size_t)(q[0] & 15) * 4;
	if (qhl < IP_HLEN || ICMP_HLEN + qhl + 8 > len)
		return;
	icmp_error_to_proto(q[9], msg[0], msg[1], q, len - ICMP_HLEN);
}

void
icmp_input(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len)
{
	if (!icmp_ok(msg, len)) {
		inet_stats.icmp_bad++;
		return;
	}
	if (msg[0] == ICMP_ECHO && ifc_of_local(dst) != NULL)
		echo_reply(src, dst, msg, len);
	else if (msg[0] == ICMP_ECHOREPLY)
		loop_echo_reply(get16(msg + 4), get16(msg + 6), len);
	else if (msg[0] == ICMP_UNREACH || msg[0] == ICMP_TIMXCEED)
		error_in(msg, len);
}

void
icmp_error_to_proto(int proto, int type, int code, const uint8_t *ip, size_t len)
{
	inet_stats.icmp_errors_in++;
	if (proto == IP_PROTO_UDP)
		udp_icmp_error(type, code, ip, len);
	/* TCP: not implemented, nobody to tell; ICMP: raw sockets saw the message */
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
icmp_error(const uint8_t *ip, size_t len, int type, int code)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, n;

	if (is_icmp_error(ip, len))
		return;
	n = len < hl + ICMP_ERR_DATA ? len : hl + ICMP_ERR_DATA;
	out[0] = (uint8_t)type, out[1] = (uint8_t)code;
	memset(out + 4, 0, 4);
	memcpy(out + ICMP_HLEN, ip, n);
	if (icmp_send(ICMP_HLEN + n, get32(ip + 16), get32(ip + 12)) == OK)
		inet_stats.icmp_unreach++;
}

void
icmp_unreach(const uint8_t *ip, size_t len, int code)
{
	icmp_error(ip, len, ICMP_UNREACH, code);
}

int
icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t size)
{
	if (size < ICMP_HLEN || size > IP_SEND_MAX)
		return -EINVAL;
	out[0] = ICMP_ECHO, out[1] = 0;
	put16(out + 4, id);
	put16(out + 6, seq);
	for (size_t i = ICMP_HLEN; i < size; i++)
		out[i] = (uint8_t)i;
	return icmp_send(size, 0, dst);
}
