/*
 * inet.h - the inet server's types and limits: packet buffers, interfaces, routes, the
 * ARP cache, and the layouts of the headers it reads and writes (Ethernet, ARP, IPv4,
 * ICMP, UDP) as byte offsets (handouts/inet.md); TCP's are in tcp.h.
 *
 * Headers are never overlaid with C structures: a frame's bytes are read and written with
 * get16()/put16()/get32()/put32(), which take and give numbers in host order and do the
 * network (big-endian) order on the wire, so no field depends on alignment or packing.
 * IPv4 addresses are uint32_t in host order everywhere inside inet.
 */
#ifndef INET_INET_H
#define INET_INET_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/dl.h>
#include <minnow/endpoint.h>
#include <minnow/safecopies.h>

/* ---- limits: inet never grows past them ---------------------------------------------- */
#define NR_PBUF         48      /**< packet buffers in the pool (buf.c) */
#define NR_ETH          4       /**< Ethernet interfaces inet.conf may name (eth0..eth3) */
#define NR_IFC          (NR_ETH + 1)    /**< ... and the loopback interface */
#define NR_ROUTES       12      /**< routing table rows (ip.c) */
#define NR_ARP          32      /**< ARP cache entries (arp.c) */
#define ARP_PENDING_MAX 4       /**< packets one unresolved ARP entry may hold */
#define SENDQ_MAX       16      /**< packets an interface may queue for its driver */
#define LOOPQ_MAX       16      /**< packets the loopback interface may queue */
#define NR_UDP_SOCK     16      /**< UDP sockets at once (udp.c; one more is ENOBUFS) */
#define UDP_RCVQ_MAX    8       /**< datagrams one socket may queue (more are dropped) */
#define NR_UDP_WAIT     16      /**< recv calls waiting at once, all sockets (udpsock.c) */
#define UDP_EPH_FIRST   49152   /**< the first ephemeral port (RFC 6335) */
#define UDP_EPH_LAST    65535   /**< the last one */
#define UDP_PORT_RESERVED 1024  /**< ports below it are root's to bind */

/* ---- socket ids: the protocol in the high bits, the protocol's own row below (sock.c) -- */
#define SK_UDP          0       /**< a UDP socket (udpsock.c) */
#define SK_TCP          1       /**< a TCP socket (tcpsock.c) */
#define SK_RAW          2       /**< a raw IP socket (not implemented) */
#define NR_SK_PROTO     3       /**< protocols in sock.c's router */
#define SOCK_SHIFT      12      /**< a protocol has at most 4096 rows */
#define SOCK_ID(proto, i)  (((proto) << SOCK_SHIFT) | (i))     /**< the id of row i */
#define SOCK_PROTO(id)  ((id) >> SOCK_SHIFT)                    /**< its protocol */
#define SOCK_INDEX(id)  ((id) & ((1 << SOCK_SHIFT) - 1))        /**< its row */

/* ---- times, in ticks of inet's clock (TICKS_PER_SEC a second) -------------------------- */
#define TICKS_PER_SEC   10      /**< inet's timer runs ten times a second (main.c) */
#define ARP_TTL         (300 * TICKS_PER_SEC)   /**< a resolved entry lives 5 minutes */
#define ARP_RETRY       (1 * TICKS_PER_SEC)     /**< resend an unanswered request after 1 s */
#define ARP_TRIES       3       /**< requests before the pending packets are dropped */
#define CONF_RETRY      (2 * TICKS_PER_SEC)     /**< resend an unanswered DL_CONF */

/* ---- Ethernet ----------------------------------------------------------------------------- */
#define ETH_HLEN        14      /**< destination, source, type */
#define ETH_TYPE_IP     0x0800  /**< IPv4 */
#define ETH_TYPE_ARP    0x0806  /**< ARP */

/* ---- ARP (RFC 826), for IPv4 over Ethernet ------------------------------------------------- */
#define ARP_LEN         28      /**< htype 2, ptype 2, hlen 1, plen 1, op 2, sha 6, spa 4,
				     tha 6, tpa 4 */
#define ARP_REQUEST     1       /**< op: who has tpa? */
#define ARP_REPLY       2       /**< op: spa is at sha */

/* ---- IPv4 (RFC 791) ----------------------------------------------------------------------- */
#define IP_HLEN         20      /**< a header without options */
#define IP_PROTO_ICMP   1       /**< ICMP */
#define IP_PROTO_TCP    6       /**< TCP (tcp*.c) */
#define IP_PROTO_UDP    17      /**< UDP */
#define IP_TTL_DEFAULT  64      /**< the TTL of what inet sends */
#define IP_MF           0x2000  /**< more fragments */
#define IP_OFFMASK      0x1FFF  /**< fragment offset, in 8-byte units */
#define IP_MTU          (ETH_MAX_PACK_SIZE - ETH_HLEN)  /**< 1500 */
#define IP_LOOPBACK     0x7F000001u     /**< 127.0.0.1 */
#define IP_BROADCAST    0xFFFFFFFFu     /**< 255.255.255.255 */

/* ---- ICMP (RFC 792) and UDP (RFC 768) --------------------------------------------------- */
#define ICMP_HLEN       8       /**< type, code, checksum, 4 bytes of the type's own */
#define ICMP_ECHOREPLY  0       /**< type: echo reply */
#define ICMP_UNREACH    3       /**< type: destination unreachable */
#define ICMP_ECHO       8       /**< type: echo request */
#define ICMP_UNREACH_PROTO 2    /**< code: protocol unreachable */
#define ICMP_UNREACH_PORT  3    /**< code: port unreachable */
#define ICMP_ERR_DATA   64      /**< bytes of the offending datagram after its header */
#define UDP_HLEN        8       /**< source port, destination port, length, checksum */
#define UDP_MAX_DATA    (IP_MTU - IP_HLEN - UDP_HLEN)   /**< 1472: the most a datagram
							     carries unfragmented */

/** A packet buffer: one frame's bytes, from the Ethernet header on (buf.c). */
struct pbuf {
	struct pbuf *next;              /**< the next in a queue */
	size_t len;                     /**< bytes in data */
	uint32_t nexthop;               /**< ARP's pending queue: the address to resolve */
	int in_use;                     /**< allocated */
	uint32_t from;                  /**< a socket's receive queue: the sender's address */
	uint16_t from_port;             /**< ... and its port */
	uint8_t data[ETH_MAX_PACK_SIZE];        /**< the frame (a loopback packet leaves the
						     first ETH_HLEN bytes unused) */
};

/** A queue of packet buffers, with its length. */
struct pqueue {
	struct pbuf *head;              /**< the first, NULL if empty */
	struct pbuf *tail;              /**< the last */
	unsigned int count;             /**< how many */
};

/** Kinds of interface. */
enum ifc_kind { IFC_LOOP, IFC_ETH };

/** States of an Ethernet interface's driver (eth.c). */
enum drv_state {
	DRV_NONE,                       /**< no driver instance in DS */
	DRV_CONF,                       /**< DL_CONF sent, no answer yet */
	DRV_UP,                         /**< configured: frames flow */
	DRV_NOCARD                      /**< the driver answered ENXIO */
};

/** Counters of one interface (printed by inet's status line). */
struct ifc_stats {
	uint32_t rx_frames;             /**< frames received */
	uint32_t tx_frames;             /**< frames the driver sent */
	uint32_t rx_dropped;            /**< frames dropped as bad or not for us */
	uint32_t tx_dropped;            /**< packets dropped: queue full, no driver */
	uint32_t requeued;              /**< writes lost in a driver restart and sent again */
	uint32_t restarts;              /**< driver instances announced after one was configured */
};

/** An interface: the loopback one, or an Ethernet card behind a driver. */
struct ifc {
	int in_use;                     /**< configured */
	enum ifc_kind kind;             /**< IFC_LOOP or IFC_ETH */
	char name[8];                   /**< "lo", "eth0" */
	char label[16];                 /**< the driver instance, "e1000_0" (Ethernet only) */
	uint32_t addr;                  /**< its IPv4 address (0: none) */
	uint32_t netmask;               /**< its netmask */
	uint8_t mac[ETH_ADDR_LEN];      /**< the card's address (from DL_CONF_REPLY) */
	enum drv_state state;           /**< the driver's state */
	endpoint_t drv;                 /**< the driver's endpoint (NONE: none) */
	endpoint_t granted;             /**< the endpoint the grants below are for */
	uint32_t conf_sent;             /**< when DL_CONF went out (ticks) */
	int conf_pending;               /**< DL_CONFs sent and not answered yet */
	int configured_once;            /**< a DL_CONF succeeded before (restarts count) */
	struct pqueue sendq;            /**< packets waiting for the driver */
	struct pbuf *tx_busy;           /**< the packet in txbuf, being sent (NULL: none) */
	int rx_busy;                    /**< a DL_READV_S is out */
	uint8_t txbuf[ETH_MAX_PACK_SIZE];       /**< the frame being sent */
	uint8_t rxbuf[ETH_MAX_PACK_SIZE];       /**< where the driver puts a received frame */
	iovec_s_t txvec;                /**< the one-piece vector of a write */
	iovec_s_t rxvec;                /**< the one-piece vector of a read */
	cp_grant_id_t txvec_g;          /**< grant of txvec to the driver */
	cp_grant_id_t rxvec_g;          /**< grant of rxvec to the driver */
	struct ifc_stats st;            /**< counters */
};

/** A route: packets to (dst & mask) == net go out of ifc, to gateway if not 0. */
struct route {
	int in_use;                     /**< the row is used */
	uint32_t net;                   /**< destination network */
	uint32_t mask;                  /**< its mask (0: the default route) */
	uint32_t gateway;               /**< next hop (0: on the link) */
	struct ifc *ifc;                /**< the interface */
};

/** States of an ARP cache entry. */
enum arp_state { ARP_FREE, ARP_PENDING, ARP_RESOLVED };

/** An ARP cache entry (arp.c). */
struct arp_entry {
	enum arp_state state;           /**< free, waiting for a reply, or known */
	struct ifc *ifc;                /**< the interface it belongs to */
	uint32_t ip;                    /**< the address */
	uint8_t mac[ETH_ADDR_LEN];      /**< its MAC (ARP_RESOLVED) */
	uint32_t expire;                /**< RESOLVED: when it goes; PENDING: next request */
	int tries;                      /**< PENDING: requests sent */
	struct pqueue pending;          /**< PENDING: packets waiting for the answer */
};

/** A UDP socket: its addresses and its receive queue (udp.c, udpsock.c). */
struct udp_sock {
	int in_use;                     /**< the socket exists */
	uint32_t laddr;                 /**< the local address (0: any of ours) */
	uint16_t lport;                 /**< the local port (0: not bound yet) */
	uint32_t faddr;                 /**< the peer of connect() (0: none) */
	uint16_t fport;                 /**< its port */
	struct pqueue rcvq;             /**< datagrams received, payload only (from, from_port) */
	uint32_t dropped;               /**< datagrams dropped: the queue was full */
	int sel_notify;                 /**< select waits for SDEV_OP_RD */
};

/** Read a 16-bit big-endian number at @p p. */
static inline uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/** Read a 32-bit big-endian number at @p p. */
static inline uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/** Write @p v at @p p, big-endian. */
static inline void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v;
}

/** Write @p v at @p p, big-endian. */
static inline void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif /* INET_INET_H */
