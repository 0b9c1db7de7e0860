/**
 * @file route.h
 * @brief The routing table's requests: struct rtentry, SIOCADDRT and SIOCDELRT on any
 * AF_INET socket (handouts/inet.md, "Configuration").
 *
 * A route sends datagrams for rt_dst/rt_genmask out of an interface, through rt_gateway
 * when RTF_GATEWAY is set; the default route has destination and mask 0.0.0.0.  The
 * interface is rt_ifname, or (empty) the one whose network holds the gateway.  Both
 * requests need root (EPERM).  Adding a route that is there already is EEXIST, deleting
 * one that is not ESRCH, a full table ENOBUFS, a gateway on no interface's network
 * ENETUNREACH, a mask that is not ones-then-zeros EINVAL.  The table is read with
 * SIOCGRTLIST (minnow/inetconf.h).  Unlike Linux, the interface is named in place
 * (rt_ifname), not through a pointer: one grant carries the whole argument.
 */
#ifndef _POSIX_NET_ROUTE_H
#define _POSIX_NET_ROUTE_H

#include <net/if.h>

/** @name Route flags (rt_flags) */
/**@{*/
#define RTF_UP          0x0001  /**< usable (always set in the table) */
#define RTF_GATEWAY     0x0002  /**< through rt_gateway, not on the link */
#define RTF_HOST        0x0004  /**< a host route (mask 255.255.255.255) */
/**@}*/

/** A route: the argument of SIOCADDRT and SIOCDELRT. */
struct rtentry {
	struct sockaddr rt_dst;         /**< destination network (struct sockaddr_in) */
	struct sockaddr rt_gateway;     /**< next hop, with RTF_GATEWAY */
	struct sockaddr rt_genmask;     /**< the destination's mask */
	unsigned short rt_flags;        /**< RTF_* */
	char rt_ifname[IFNAMSIZ];       /**< the interface, or "" to find it from the gateway */
};

#define SIOCADDRT       _IOW('r', 10, struct rtentry)   /**< add a route (root) */
#define SIOCDELRT       _IOW('r', 11, struct rtentry)   /**< delete a route (root) */

#endif /* _POSIX_NET_ROUTE_H */
