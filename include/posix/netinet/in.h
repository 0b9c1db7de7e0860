/**
 * @file in.h
 * @brief Internet addresses: struct sockaddr_in, the protocol numbers, the special
 * addresses and byte order (handouts/sockets.md).
 */
#ifndef _POSIX_NETINET_IN_H
#define _POSIX_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint16_t in_port_t;             /**< a port, network byte order */
typedef uint32_t in_addr_t;             /**< an IPv4 address, network byte order */

/** An IPv4 address. */
struct in_addr {
	in_addr_t s_addr;               /**< network byte order */
};

/** An IPv4 socket address (AF_INET). */
struct sockaddr_in {
	sa_family_t sin_family;         /**< AF_INET */
	in_port_t sin_port;             /**< the port, network byte order */
	struct in_addr sin_addr;        /**< the address */
	uint8_t sin_zero[8];            /**< zero */
};

#define IPPROTO_IP      0       /**< IP (the default protocol) */
#define IPPROTO_ICMP    1       /**< ICMP */
#define IPPROTO_TCP     6       /**< TCP */
#define IPPROTO_UDP     17      /**< UDP */
#define IPPROTO_RAW     255     /**< raw IP */

#define INADDR_ANY       ((in_addr_t)0x00000000)        /**< any local address */
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)        /**< the broadcast address */
#define INADDR_NONE      ((in_addr_t)0xffffffff)        /**< inet_addr's error */
#define INADDR_LOOPBACK  ((in_addr_t)0x7f000001)        /**< 127.0.0.1 (host order) */
#define INET_ADDRSTRLEN  16     /**< "255.255.255.255" and its NUL */

/** @p x in network byte order (big-endian; the i386 is little-endian). */
static inline uint16_t htons(uint16_t x) { return (uint16_t)(x << 8 | x >> 8); }
/** @p x in host byte order. */
static inline uint16_t ntohs(uint16_t x) { return htons(x); }
/** @p x in network byte order. */
static inline uint32_t htonl(uint32_t x)
{
	return x << 24 | (x & 0xff00) << 8 | (x >> 8 & 0xff00) | x >> 24;
}
/** @p x in host byte order. */
static inline uint32_t ntohl(uint32_t x) { return htonl(x); }

#endif /* _POSIX_NETINET_IN_H */
