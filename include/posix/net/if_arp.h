/**
 * @file if_arp.h
 * @brief The ARP cache's requests: struct arpreq, SIOCSARP, SIOCDARP and SIOCGARP on any
 * AF_INET socket (handouts/inet.md, "Configuration").
 *
 * arp_pa is the IPv4 address (struct sockaddr_in), arp_ha the MAC (a struct sockaddr
 * whose sa_data holds the six bytes).  SIOCSARP adds or replaces a permanent entry
 * (ATF_PERM: it never expires) for an address on an interface's network; SIOCDARP deletes
 * the address's entry (ESRCH if there is none); SIOCGARP reads it (ENXIO if none).  Setting
 * and deleting need root (EPERM).  The whole cache is SIOCGARPLIST (minnow/inetconf.h).
 */
#ifndef _POSIX_NET_IF_ARP_H
#define _POSIX_NET_IF_ARP_H

#include <net/if.h>

/** @name Entry flags (arp_flags) */
/**@{*/
#define ATF_COM         0x02    /**< complete: the MAC is known */
#define ATF_PERM        0x04    /**< permanent: set by hand, never expires */
/**@}*/

/** An ARP entry: the argument of SIOCSARP, SIOCDARP and SIOCGARP. */
struct arpreq {
	struct sockaddr arp_pa;         /**< the IPv4 address */
	struct sockaddr arp_ha;         /**< its MAC (sa_data[0..5]) */
	int arp_flags;                  /**< ATF_* */
	char arp_dev[IFNAMSIZ];         /**< the interface (out; in: "" finds it) */
};

#define SIOCSARP        _IOW('i', 30, struct arpreq)    /**< set an entry (root) */
#define SIOCDARP        _IOW('i', 32, struct arpreq)    /**< delete an entry (root) */
#define SIOCGARP        _IOWR('i', 38, struct arpreq)   /**< get an entry */

#endif /* _POSIX_NET_IF_ARP_H */
