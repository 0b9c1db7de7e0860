/*
 * cksum.h - the Internet checksum (cksum.c), kept apart so the host unit test can build it.
 */
#ifndef INET_CKSUM_H
#define INET_CKSUM_H

#include <stddef.h>
#include <stdint.h>

/** Add the @p len bytes at @p data to the open sum @p sum (16-bit big-endian words; an odd
 *  last byte counts as its word's high half).  An odd @p len must come last. */
uint32_t cksum_add(uint32_t sum, const void *data, size_t len);
/** Close an open sum: its one's complement, folded to 16 bits. */
uint16_t cksum_fold(uint32_t sum);
/** The checksum of a UDP datagram or TCP segment (@p len bytes at @p data) with the pseudo
 *  header of @p src, @p dst (host order) and @p proto: 0 when the data holds its right one. */
uint16_t inet_pseudo_cksum(uint32_t src, uint32_t dst, int proto, const void *data,
			   size_t len);
/** The Internet checksum of @p len bytes at @p data (0 over a header holding its right
 *  checksum). */
uint16_t inet_cksum(const void *data, size_t len);

#endif /* INET_CKSUM_H */
