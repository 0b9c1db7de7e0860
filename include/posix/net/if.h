/**
 * @file if.h
 * @brief Network interfaces: names, flags and struct ifreq, the argument of the interface
 * ioctls on any AF_INET socket (handouts/inet.md, "Configuration").
 *
 * Each request names one interface in ifr_name ("lo", "eth0") and gets or sets one of its
 * properties.  Addresses travel as struct sockaddr_in (AF_INET, network byte order), the MAC
 * as a struct sockaddr whose sa_data holds the six bytes.  Setting needs an effective uid of
 * 0 (EPERM); an unknown interface is ENXIO, a bad value EINVAL.  The list of every
 * interface with its counters is SIOCGIFLIST (minnow/inetconf.h): struct ifconf's pointer
 * to a buffer elsewhere cannot travel in one grant, so Minnow has no SIOCGIFCONF.
 */
#ifndef _POSIX_NET_IF_H
#define _POSIX_NET_IF_H

#include <sys/ioctl.h>
#include <sys/socket.h>

#define IFNAMSIZ        16      /**< room for an interface name and its NUL */

/** @name Interface flags (ifr_flags) */
/**@{*/
#define IFF_UP          0x0001  /**< administratively up (SIOCSIFFLAGS may change only it) */
#define IFF_BROADCAST   0x0002  /**< has a broadcast address (Ethernet) */
#define IFF_LOOPBACK    0x0008  /**< the loopback interface */
#define IFF_RUNNING     0x0040  /**< its driver is configured: frames flow */
/**@}*/

/** One interface's property: the argument of the SIOC*IF* requests. */
struct ifreq {
	char ifr_name[IFNAMSIZ];                /**< the interface: "eth0" */
	union {
		struct sockaddr ifru_addr;      /**< an address (struct sockaddr_in) */
		struct sockaddr ifru_netmask;   /**< a netmask (struct sockaddr_in) */
		struct sockaddr ifru_hwaddr;    /**< the MAC: sa_data[0..5] */
		short ifru_flags;               /**< IFF_* */
		int ifru_mtu;                   /**< the MTU in bytes */
	} ifr_ifru;                             /**< the property */
};
#define ifr_addr        ifr_ifru.ifru_addr      /**< SIOCGIFADDR, SIOCSIFADDR */
#define ifr_netmask     ifr_ifru.ifru_netmask   /**< SIOCGIFNETMASK, SIOCSIFNETMASK */
#define ifr_hwaddr      ifr_ifru.ifru_hwaddr    /**< SIOCGIFHWADDR */
#define ifr_flags       ifr_ifru.ifru_flags     /**< SIOCGIFFLAGS, SIOCSIFFLAGS */
#define ifr_mtu         ifr_ifru.ifru_mtu       /**< SIOCGIFMTU */

/** @name Interface requests (ioctl on an AF_INET socket, argument struct ifreq *) */
/**@{*/
#define SIOCSIFADDR     _IOW('i', 12, struct ifreq)   /**< set the address (root) */
#define SIOCSIFFLAGS    _IOW('i', 16, struct ifreq)   /**< set IFF_UP (root) */
#define SIOCGIFFLAGS    _IOWR('i', 17, struct ifreq)  /**< get the flags */
#define SIOCSIFNETMASK  _IOW('i', 22, struct ifreq)   /**< set the netmask (root) */
#define SIOCGIFADDR     _IOWR('i', 33, struct ifreq)  /**< get the address */
#define SIOCGIFNETMASK  _IOWR('i', 37, struct ifreq)  /**< get the netmask */
#define SIOCGIFMTU      _IOWR('i', 51, struct ifreq)  /**< get the MTU */
#define SIOCGIFHWADDR   _IOWR('i', 52, struct ifreq)  /**< get the MAC (Minnow: Linux's name) */
/**@}*/

#endif /* _POSIX_NET_IF_H */
