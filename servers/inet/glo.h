/*
 * glo.h - inet's globals: the interfaces, the clock and the counters (handouts/inet.md).
 */
#ifndef INET_GLO_H
#define INET_GLO_H

#include <stdint.h>
#include "inet.h"

/** inet's counters: what it dropped and why, what it answered, its buffers. */
struct inet_stats {
	uint32_t pbuf_used;             /**< packet buffers allocated now */
	uint32_t pbuf_peak;             /**< the most ever allocated at once */
	uint32_t pbuf_fail;             /**< allocations refused: the pool was empty */
	uint32_t eth_bad;               /**< frames too short or of an unknown type */
	uint32_t arp_bad;               /**< ARP packets dropped as malformed */
	uint32_t arp_replies;           /**< ARP requests for our address answered */
	uint32_t arp_requests;          /**< ARP requests sent */
	uint32_t arp_dropped;           /**< packets dropped: unresolved, or a full queue */
	uint32_t ip_in;                 /**< IPv4 datagrams for us */
	uint32_t ip_bad;                /**< dropped: version, lengths, checksum, TTL 0 */
	uint32_t frag_reasm;            /**< datagrams reassembled from fragments (ipfrag.c) */
	uint32_t frag_timeout;          /**< datagrams given up: not all fragments in time */
	uint32_t frag_dropped;          /**< fragments or datagrams dropped: bad sizes,
					     overlaps, a full table */
	uint32_t ip_other;              /**< dropped: not addressed to us (no forwarding) */
	uint32_t ip_noroute;            /**< not sent: no route to the destination */
	uint32_t icmp_bad;              /**< ICMP messages dropped: length, checksum */
	uint32_t icmp_echoes;           /**< echo requests answered */
	uint32_t icmp_unreach;          /**< ICMP errors sent (unreachable, time exceeded) */
	uint32_t icmp_errors_in;        /**< ICMP errors received about our datagrams */
	uint32_t udp_bad;               /**< UDP datagrams dropped: length, checksum */
	uint32_t udp_in;                /**< UDP datagrams given to a socket */
	uint32_t udp_out;               /**< UDP datagrams sent from a socket */
	uint32_t udp_dropped;           /**< UDP datagrams dropped: a full receive queue, no
					     packet buffer */
	uint32_t tcp_in;                /**< TCP segments taken in (checks passed) */
	uint32_t tcp_out;               /**< TCP segments sent */
	uint32_t tcp_bad;               /**< dropped: length, data offset, checksum, broadcast */
	uint32_t tcp_rexmt;             /**< segments sent again (timeout, fast retransmit) */
	uint32_t tcp_rst_out;           /**< RSTs sent */
	uint32_t tcp_resets_in;         /**< connections reset by the peer */
	uint32_t tcp_syn_dropped;       /**< SYNs dropped: backlog full, no row, no memory */
	uint32_t tcp_ooo_dropped;       /**< out-of-order segments dropped: no range free */
	uint32_t tcp_tw_recycled;       /**< TIME_WAIT orphans freed early for a new row */
};

/** The interfaces: ifcs[0] is the loopback, then eth0.. in inet.conf's order. */
extern struct ifc ifcs[NR_IFC];
/** inet's clock: ticks (TICKS_PER_SEC a second) since it started. */
extern uint32_t inet_now;
/** The counters. */
extern struct inet_stats inet_stats;

#endif /* INET_GLO_H */
