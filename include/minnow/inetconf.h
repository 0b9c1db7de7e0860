/**
 * @file inetconf.h
 * @brief inet's own configuration requests, where no standard one exists: the lists that
 * ifconfig, route, arp and netstat print, inet's counters, and the DHCP lease
 * (handouts/inet.md, "Configuration", "DHCP").
 *
 * Each is an ioctl on any AF_INET socket whose argument is one fixed-size structure (the
 * size is in the request number: sys/ioctl.h), filled by inet.  Addresses and ports are in
 * network byte order, as in struct sockaddr_in; counts and times in host order.  Only
 * SIOCSDHCPRENEW changes anything (root only: EPERM).
 */
#ifndef _MINNOW_INETCONF_H
#define _MINNOW_INETCONF_H

#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#define INET_IF_MAX     8       /**< rows of struct inet_iflist */
#define INET_RT_MAX     16      /**< rows of struct inet_rtlist */
#define INET_ARP_MAX    32      /**< rows of struct inet_arplist */
#define INET_SOCK_MAX   64      /**< rows of struct inet_socklist */
#define INET_CNT_MAX    48      /**< rows of struct inet_counters */
#define INET_NAME_LEN   20      /**< room for a counter's or a state's name */

/** One interface, everything ifconfig shows. */
struct inet_ifinfo {
	char name[IFNAMSIZ];            /**< "lo", "eth0" */
	char label[IFNAMSIZ];           /**< its driver instance ("e1000_0"; "" for lo) */
	struct in_addr addr;            /**< its address (0: none yet) */
	struct in_addr netmask;         /**< its netmask */
	struct in_addr broadcast;       /**< its broadcast address */
	uint8_t mac[6];                 /**< its MAC (zeros for lo, or before DL_CONF) */
	short flags;                    /**< IFF_* (net/if.h) */
	int mtu;                        /**< bytes of an IP datagram, header included */
	int dhcp;                       /**< 1: its address comes from DHCP */
	uint32_t rx_packets;            /**< frames received */
	uint32_t tx_packets;            /**< frames sent */
	uint32_t rx_bytes;              /**< bytes received */
	uint32_t tx_bytes;              /**< bytes sent */
	uint32_t rx_errors;             /**< frames dropped as malformed or not for us */
	uint32_t tx_errors;             /**< writes the driver answered with an error */
	uint32_t rx_dropped;            /**< received frames not taken (not implemented: 0) */
	uint32_t tx_dropped;            /**< packets dropped: full queue, no driver */
};

/** The answer of SIOCGIFLIST. */
struct inet_iflist {
	int count;                              /**< rows used */
	struct inet_ifinfo ifs[INET_IF_MAX];    /**< lo first, then eth0, eth1, ... */
};

/** One route. */
struct inet_rtinfo {
	struct in_addr dst;             /**< the destination network */
	struct in_addr mask;            /**< its mask (0: the default route) */
	struct in_addr gateway;         /**< the next hop (0: on the link) */
	int flags;                      /**< RTF_* (net/route.h) */
	char ifname[IFNAMSIZ];          /**< the interface */
};

/** The answer of SIOCGRTLIST. */
struct inet_rtlist {
	int count;                              /**< rows used */
	struct inet_rtinfo rts[INET_RT_MAX];    /**< in table order */
};

/** One ARP cache entry. */
struct inet_arpinfo {
	struct in_addr ip;              /**< the address */
	uint8_t mac[6];                 /**< its MAC (with ATF_COM) */
	short flags;                    /**< ATF_COM, ATF_PERM (net/if_arp.h); 0: asking */
	uint32_t expires;               /**< seconds left (0 with ATF_PERM) */
	char ifname[IFNAMSIZ];          /**< the interface */
};

/** The answer of SIOCGARPLIST. */
struct inet_arplist {
	int count;                              /**< rows used */
	struct inet_arpinfo ents[INET_ARP_MAX]; /**< the entries in use */
};

/** One socket, as netstat shows it.  Each protocol fills its own rows. */
struct inet_sockrow {
	int proto;                      /**< IPPROTO_UDP, IPPROTO_TCP */
	struct in_addr laddr;           /**< local address (0: any) */
	in_port_t lport;                /**< local port (0: not bound) */
	struct in_addr faddr;           /**< foreign address (0: none) */
	in_port_t fport;                /**< foreign port */
	int state;                      /**< the protocol's state number (UDP: 0) */
	char state_name[INET_NAME_LEN]; /**< its name ("ESTABLISHED"; UDP: "") */
	uint32_t rcvq;                  /**< bytes waiting to be received */
	uint32_t sndq;                  /**< bytes waiting to be sent (or acknowledged) */
};

/** The answer of SIOCGSOCKLIST. */
struct inet_socklist {
	int count;                                      /**< rows used */
	int total;                                      /**< sockets in all (> count: cut) */
	struct inet_sockrow rows[INET_SOCK_MAX];        /**< UDP's, then TCP's */
};

/** inet's counters by name: the answer of SIOCGINETSTATS (netstat -s). */
struct inet_counters {
	int count;                                      /**< rows used */
	struct {
		char name[INET_NAME_LEN];               /**< "ip_in" */
		uint32_t value;                         /**< its value */
	} c[INET_CNT_MAX];                              /**< the counters */
};

/** @name DHCP client states (struct inet_dhcpinfo's state; RFC 2131 4.4) */
/**@{*/
#define DHCP_OFF        0       /**< the interface has a static address, or none */
#define DHCP_INIT       1       /**< waiting for the driver; then DISCOVER */
#define DHCP_SELECTING  2       /**< DISCOVER sent, waiting for an OFFER */
#define DHCP_REQUESTING 3       /**< REQUEST sent, waiting for the ACK */
#define DHCP_BOUND      4       /**< leased */
#define DHCP_RENEWING   5       /**< past T1: REQUEST to the server */
#define DHCP_REBINDING  6       /**< past T2: REQUEST to everyone */
/**@}*/

/** The DHCP client of one interface: SIOCGDHCP fills it for ifname. */
struct inet_dhcpinfo {
	char ifname[IFNAMSIZ];          /**< in: the interface */
	int state;                      /**< DHCP_* */
	char state_name[INET_NAME_LEN]; /**< "BOUND" */
	struct in_addr addr;            /**< the leased address */
	struct in_addr netmask;         /**< option 1 */
	struct in_addr router;          /**< option 3 (0: none) */
	struct in_addr dns;             /**< option 6, the first (0: none) */
	struct in_addr server;          /**< option 54, the server */
	uint32_t lease;                 /**< option 51, seconds */
	uint32_t t1;                    /**< renewal time, seconds after the ACK */
	uint32_t t2;                    /**< rebinding time, seconds after the ACK */
	uint32_t since;                 /**< seconds since the ACK */
	uint32_t xid;                   /**< the transaction id in use */
	uint32_t discovers;             /**< DISCOVERs sent */
	uint32_t requests;              /**< REQUESTs sent */
	uint32_t offers;                /**< OFFERs taken */
	uint32_t acks;                  /**< ACKs taken */
	uint32_t naks;                  /**< NAKs taken */
	uint32_t ignored;               /**< replies ignored: malformed, wrong xid or MAC */
};

/** @name Requests (ioctl on an AF_INET socket) */
/**@{*/
#define SIOCGIFLIST     _IOR('n', 1, struct inet_iflist)        /**< every interface */
#define SIOCGRTLIST     _IOR('n', 2, struct inet_rtlist)        /**< the routing table */
#define SIOCGARPLIST    _IOR('n', 3, struct inet_arplist)       /**< the ARP cache */
#define SIOCGSOCKLIST   _IOR('n', 4, struct inet_socklist)      /**< every socket */
#define SIOCGINETSTATS  _IOR('n', 5, struct inet_counters)      /**< inet's counters */
#define SIOCGDHCP       _IOWR('n', 6, struct inet_dhcpinfo)     /**< a DHCP lease */
#define SIOCSDHCPRENEW  _IOW('n', 7, struct inet_dhcpinfo)      /**< renew it now (root) */
/**@}*/

#endif /* _MINNOW_INETCONF_H */
