/*
 * cksum.c - the Internet checksum (RFC 1071) of IPv4, ICMP, UDP and TCP (handouts/inet.md,
 * "IP").
 *
 * The one's complement of the one's-complement sum of the data as 16-bit big-endian words
 * (an odd last byte is padded with a zero).  A header that carries its checksum sums to
 * zero when it is right: the receive side checks inet_cksum() == 0.  UDP and TCP sum a
 * pseudo header (source, destination, protocol, length) first (inet_pseudo_cksum()):
 * cksum_add() keeps the sum open so that the parts add up before cksum_fold() closes it.
 * Pure C: the host unit test (tools/tests/test_inet.py) runs it as is.
 *
 * Entry points: cksum_add(), cksum_fold(), inet_cksum(), inet_pseudo_cksum().
 */
#include "cksum.h"

uint32_t
cksum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (; len >= 2; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len == 1)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return sum;
}

uint16_t
cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t
inet_cksum(const void *data, size_t len)
{
	return cksum_fold(cksum_add(0, data, len));
}

uint16_t
inet_pseudo_cksum(uint32_t src, uint32_t dst, int proto, const void *data, size_t len)
{
	uint8_t pseudo[12];

	pseudo[0] = (uint8_t)(src >> 24), pseudo[1] = (uint8_t)(src >> 16);
	pseudo[2] = (uint8_t)(src >> 8), pseudo[3] = (uint8_t)src;
	pseudo[4] = (uint8_t)(dst >> 24), pseudo[5] = (uint8_t)(dst >> 16);
	pseudo[6] = (uint8_t)(dst >> 8), pseudo[7] = (uint8_t)dst;
	pseudo[8] = 0, pseudo[9] = (uint8_t)proto;
	pseudo[10] = (uint8_t)(len >> 8), pseudo[11] = (uint8_t)len;
	return cksum_fold(cksum_add(cksum_add(0, pseudo, sizeof(pseudo)), data, len));
}
