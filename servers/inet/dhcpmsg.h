/*
 * dhcpmsg.h - DHCP messages as inet's client builds and parses them (dhcpmsg.c; RFC 2131
 * and RFC 2132; handouts/inet.md, "DHCP").  Plain C with no system calls, so
 * tools/tests/test_inet.py compiles it on the host too.
 */
#ifndef INET_DHCPMSG_H
#define INET_DHCPMSG_H

#include <stddef.h>
#include <stdint.h>

#define DHCP_FIXED_LEN  236     /**< op .. file: the BOOTP part */
#define DHCP_OPT_OFF    240     /**< the options, after the magic cookie */
#define DHCP_MSG_MIN    300     /**< BOOTP's smallest message: what we send is padded to it */
#define DHCP_MSG_MAX    576     /**< the most we send (RFC 2131: every client takes 576) */
#define DHCP_COOKIE     0x63825363u     /**< 99.130.83.99 */
#define DHCP_SERVER_PORT 67     /**< bootps */
#define DHCP_CLIENT_PORT 68     /**< bootpc */

/** @name Message types (option 53) */
/**@{*/
#define DHCPDISCOVER    1
#define DHCPOFFER       2
#define DHCPREQUEST     3
#define DHCPDECLINE     4
#define DHCPACK         5
#define DHCPNAK         6
/**@}*/

/** What the client sends: one DISCOVER or REQUEST. */
struct dhcp_out {
	int type;                       /**< DHCPDISCOVER or DHCPREQUEST */
	uint32_t xid;                   /**< the transaction id */
	const uint8_t *mac;             /**< the client's MAC (chaddr, client id) */
	uint32_t ciaddr;                /**< our address when renewing or rebinding, else 0 */
	uint32_t requested;             /**< option 50 (SELECTING's REQUEST), 0: none */
	uint32_t server;                /**< option 54 (SELECTING's REQUEST), 0: none */
};

/** What a server's reply says (addresses in host order; 0: not given). */
struct dhcp_in {
	int type;                       /**< option 53 */
	uint32_t xid;                   /**< the transaction id */
	uint8_t chaddr[6];              /**< the client it is for */
	uint32_t yiaddr;                /**< the address offered or leased */
	uint32_t server;                /**< option 54 */
	uint32_t netmask;               /**< option 1 */
	uint32_t router;                /**< option 3, the first */
	uint32_t dns;                   /**< option 6, the first */
	uint32_t lease;                 /**< option 51, seconds (0xFFFFFFFF: forever) */
	uint32_t t1;                    /**< option 58 */
	uint32_t t2;                    /**< option 59 */
};

/** Build message @p o at @p m (room for DHCP_MSG_MAX bytes): its length. */
size_t dhcp_build(uint8_t *m, const struct dhcp_out *o);
/** Parse the server's message @p m of @p len bytes into @p in: 1 if it is a well-formed
 *  OFFER, ACK or NAK, 0 if not (what is wrong then goes nowhere: the caller counts it). */
int dhcp_parse(const uint8_t *m, size_t len, struct dhcp_in *in);

#endif /* INET_DHCPMSG_H */
