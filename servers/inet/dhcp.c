/*
 * dhcp.c - inet's DHCP client (RFC 2131): an address, netmask, router and DNS server for
 * each interface whose inet.conf line has no addr (handouts/inet.md, "DHCP").
 *
 * The client of an interface waits in INIT until its driver is configured (eth.c calls
 * dhcp_driver_up()), then broadcasts a DISCOVER from 0.0.0.0 (SELECTING); the first good
 * OFFER with our xid and MAC gets a broadcast REQUEST naming the address and the server
 * (REQUESTING); the ACK binds the lease (BOUND): the interface takes the address and
 * netmask, its network's route, and, if its inet.conf line says `default`, the default
 * route via the router.  At T1 (option 58, else half the lease) a REQUEST goes to the
 * server alone (RENEWING), at T2 (option 59, else 7/8) to everyone (REBINDING), and when
 * the lease ends without an ACK the address is given up and the client starts again.  A
 * NAK starts it again at once.
 *
 * Timers run on inet's clock (dhcp_tick(), ten times a second).  An unanswered DISCOVER
 * is sent again after 4 s, then 8, 16, 32 and 64 s (RFC 2131 4.1's back-off; not
 * implemented: its random +-1 s); an unanswered REQUEST likewise, and after
 * DHCP_REQ_TRIES of them the client goes back to DISCOVER.  While renewing or rebinding
 * a REQUEST is sent again after half the time left to T2 or to the lease's end, at
 * least DHCP_MIN_RETRY.  Each exchange has a new xid.
 *
 * Receiving: ip.c hands every UDP datagram to port 68 on an interface with a client here
 * (dhcp_input()), before its own address checks, since the client may have no address
 * yet.  A datagram with a bad UDP length or checksum, a message dhcpmsg.c calls malformed,
 * one with another xid or MAC, or one the state does not expect is ignored and counted.
 *
 * The DNS server is kept with the lease; `dhcpc` (commands/bin/dhcpc.c) reads it with
 * SIOCGDHCP and writes /etc/resolv.conf (inet writes no files).  A hand-set address
 * (SIOCSIFADDR) stops the client: dhcp_stop().  On an interface taken down (ifconfig
 * down) the client sends and takes nothing; its timers run on.  The leases live in
 * inet's memory: after inet restarts, the client starts again from INIT; after a driver
 * restart a bound client keeps its lease.
 *
 * Entry points: dhcp_setup(), dhcp_driver_up(), dhcp_input(), dhcp_tick(), dhcp_info(),
 * dhcp_renew(), dhcp_stop().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/inetconf.h>
#include "dhcpmsg.h"
#include "glo.h"
#include "proto.h"

#define DHCP_FIRST_RETRY (4 * TICKS_PER_SEC)   /* the first back-off */
#define DHCP_MAX_RETRY  (64 * TICKS_PER_SEC)   /* the longest */
#define DHCP_MIN_RETRY  (60 * TICKS_PER_SEC)   /* renewing, rebinding: at least this */
#define DHCP_REQ_TRIES  4                      /* REQUESTs before DISCOVER again */
#define FOREVER         0xFFFFFFFFu            /* an infinite lease */

/** The DHCP client of one interface. */
struct dhcp_client {
	struct ifc *ifc;                /**< its interface (NULL: the row is unused) */
	int state;                      /**< DHCP_* (minnow/inetconf.h) */
	int is_default;                 /**< the default route goes through its router */
	uint32_t xid;                   /**< the exchange's transaction id */
	uint32_t next;                  /**< when to send again (ticks) */
	uint32_t backoff;               /**< the wait after the last send (ticks) */
	int tries;                      /**< REQUESTs of this exchange */
	struct dhcp_in lease;           /**< the OFFER taken, then the ACK */
	uint32_t bound_at;              /**< when the ACK came (ticks) */
	struct inet_dhcpinfo st;        /**< the counters SIOCGDHCP shows */
};

static struct dhcp_client clients[NR_ETH];
static uint32_t xid_seed;

static const char *const state_names[] = {
	"OFF", "INIT", "SELECTING", "REQUESTING", "BOUND", "RENEWING", "REBINDING",
};

static struct dhcp_client *
client_of(const struct ifc *ifc)
{
	for (int i = 0; i < NR_ETH; i++)
		if (clients[i].ifc == ifc && clients[i].state != DHCP_OFF)
			return &clients[i];
	return NULL;
}

/* A new transaction id: a linear congruential step over the last, the MAC, and the
 * kernel's clock in its own ticks (finer than inet_now). */
static uint32_t
new_xid(const struct ifc *ifc)
{
	uint32_t up = 0;

	sys_getuptime(&up);
	xid_seed = (xid_seed ^ get32(ifc->mac + 2) ^ up * 2654435761u) * 1103515245u + 12345u;
	return xid_seed;
}

/* Has tick time t come? */
static int
due(uint32_t t)
{
	return (int32_t)(inet_now - t) >= 0;
}

/* Seconds since the ACK. */
static uint32_t
since_ack(const struct dhcp_client *c)
{
	return (inet_now - c->bound_at) / TICKS_PER_SEC;
}

/* Send c's message of type to dst (IP_BROADCAST: from 0.0.0.0 or ciaddr, as a broadcast
 * frame; else routed) with the options out's other fields give. */
static void
dhcp_send(struct dhcp_client *c, struct dhcp_out *out, uint32_t dst)
{
	struct pbuf *p;
	uint8_t *u;
	size_t len;
	uint16_t sum;

	if (c->ifc->down || (p = pbuf_alloc()) == NULL)
		return;         /* taken down by hand: the timers run on, nothing is sent */
	out->xid = c->xid, out->mac = c->ifc->mac;
	u = p->data + ETH_HLEN + IP_HLEN;
	len = UDP_HLEN + dhcp_build(u + UDP_HLEN, out);
	put16(u, DHCP_CLIENT_PORT), put16(u + 2, DHCP_SERVER_PORT);
	put16(u + 4, (uint16_t)len), put16(u + 6, 0);
	sum = udp_cksum(out->ciaddr, dst, u, len);
	put16(u + 6, sum == 0 ? 0xFFFF : sum);
	out->type == DHCPDISCOVER ? c->st.discovers++ : c->st.requests++;
	if (dst != IP_BROADCAST) {
		ip_output(p, out->ciaddr, dst, IP_PROTO_UDP, len);
		return;
	}
	ip_header(p, out->ciaddr, dst, IP_PROTO_UDP, len, ip_new_id(), 0);
	eth_send(c->ifc, p, NULL, ETH_TYPE_IP);
}

/* Wait for an answer, the back-off doubling up to DHCP_MAX_RETRY. */
static void
backoff(struct dhcp_client *c)
{
	c->backoff = c->backoff == 0 ? DHCP_FIRST_RETRY :
		     c->backoff * 2 > DHCP_MAX_RETRY ? DHCP_MAX_RETRY : c->backoff * 2;
	c->next = inet_now + c->backoff;
}

static void
send_discover(struct dhcp_client *c)
{
	struct dhcp_out out = { .type = DHCPDISCOVER };

	if (c->backoff == 0)
		c->xid = new_xid(c->ifc);       /* a new exchange; the MAC is known now */
	c->state = DHCP_SELECTING;
	dhcp_send(c, &out, IP_BROADCAST);
	backoff(c);
}

/* A new exchange from DISCOVER, the back-off from its start. */
static void
restart(struct dhcp_client *c)
{
	c->backoff = 0, c->tries = 0;
	if (c->ifc->state == DRV_UP)
		send_discover(c);
	else
		c->state = DHCP_INIT;   /* dhcp_driver_up() sends it */
}

/* The REQUEST of c's state: SELECTING's broadcast naming the offer, or a renewal. */
static void
send_request(struct dhcp_client *c)
{
	struct dhcp_out out = { .type = DHCPREQUEST };

	c->tries++;
	if (c->state == DHCP_REQUESTING) {
		out.requested = c->lease.yiaddr, out.server = c->lease.server;
		dhcp_send(c, &out, IP_BROADCAST);
		backoff(c);
		return;
	}
	out.ciaddr = c->ifc->addr;
	dhcp_send(c, &out, c->state == DHCP_RENEWING ? c->lease.server : IP_BROADCAST);
}

/* The address and routes of c's interface: addr/mask (0: none) and router. */
static void
apply(struct dhcp_client *c, uint32_t addr, uint32_t mask, uint32_t router)
{
	struct ifc *ifc = c->ifc;
	uint32_t old_addr = ifc->addr, old_mask = ifc->netmask;

	if (addr != old_addr || mask != old_mask) {
		ifc->addr = addr, ifc->netmask = mask;
		arp_forget_ifc(ifc);
		route_ifc_moved(ifc, old_addr, old_mask);
	}
	if (!c->is_default)
		return;
	route_del(0, 0, 0, 1);
	if (addr != 0)
		route_add(0, 0, router != 0 && (router & mask) == (addr & mask) ? router : 0, ifc);
}

/* The class mask of a, for a lease without option 1. */
static uint32_t
default_mask(uint32_t a)
{
	return a >> 31 == 0 ? 0xFF000000u : a >> 30 == 2 ? 0xFFFF0000u : 0xFFFFFF00u;
}

/* An ACK: the lease is ours (again). */
static void
bind_lease(struct dhcp_client *c, const struct dhcp_in *in)
{
	struct dhcp_in *l = &c->lease;

	*l = *in;
	if (l->netmask == 0)
		l->netmask = default_mask(l->yiaddr);
	if (l->lease != FOREVER && (l->t2 == 0 || l->t2 > l->lease))
		l->t2 = (uint32_t)((uint64_t)l->lease * 7 / 8);
	if (l->lease != FOREVER && (l->t1 == 0 || l->t1 > l->t2))
		l->t1 = l->lease / 2;
	c->state = DHCP_BOUND;
	c->bound_at = inet_now;
	c->backoff = 0, c->tries = 0;
	apply(c, l->yiaddr, l->netmask, l->router);
	printf("inet: %s: DHCP lease %s", c->ifc->name, ip_str(l->yiaddr));
	printf(" netmask %s", ip_str(l->netmask));
	printf(" router %s", ip_str(l->router));
	printf(" dns %s", ip_str(l->dns));
	printf(" from %s for %u s\n", ip_str(l->server), l->lease);
}

/* The lease ended, or a NAK came: no address, and DISCOVER again. */
static void
lose_lease(struct dhcp_client *c, const char *why)
{
	printf("inet: %s: DHCP: %s; asking again\n", c->ifc->name, why);
	apply(c, 0, 0, 0);
	memset(&c->lease, 0, sizeof(c->lease));
	restart(c);
}

/* A well-formed reply with our xid and MAC, in c's state. */
static void
dhcp_reply(struct dhcp_client *c, const struct dhcp_in *in)
{
	int asking = c->state >= DHCP_REQUESTING && c->state != DHCP_BOUND;

	if (c->state == DHCP_SELECTING && in->type == DHCPOFFER) {
		c->st.offers++;
		c->lease = *in;
		c->state = DHCP_REQUESTING;
		c->backoff = 0, c->tries = 0;
		send_request(c);
	} else if (asking && in->type == DHCPACK) {
		c->st.acks++;
		bind_lease(c, in);
	} else if (asking && in->type == DHCPNAK) {
		c->st.naks++;
		lose_lease(c, "NAK from the server");
	} else {
		c->st.ignored++;
	}
}

/* Is the UDP datagram u (ulen bytes) between src and dst sound? */
static int
udp_ok(uint32_t src, uint32_t dst, const uint8_t *u, size_t ulen, size_t room)
{
	return ulen >= UDP_HLEN && ulen <= room && get16(u + 4) == ulen &&
	       (get16(u + 6) == 0 || udp_cksum(src, dst, u, ulen) == 0);
}

int
dhcp_input(struct ifc *ifc, const uint8_t *pkt, size_t len)
{
	struct dhcp_client *c = client_of(ifc);
	size_t hl = (size_t)(pkt[0] & 15) * 4;
	const uint8_t *u = pkt + hl;
	struct dhcp_in in;

	if (c == NULL || ifc->down || pkt[9] != IP_PROTO_UDP || len < hl + UDP_HLEN ||
	    get16(u + 2) != DHCP_CLIENT_PORT)
		return 0;
	if (get16(u) != DHCP_SERVER_PORT ||
	    !udp_ok(get32(pkt + 12), get32(pkt + 16), u, get16(u + 4), len - hl) ||
	    !dhcp_parse(u + UDP_HLEN, get16(u + 4) - UDP_HLEN, &in) || in.xid != c->xid ||
	    memcmp(in.chaddr, ifc->mac, ETH_ADDR_LEN) != 0)
		c->st.ignored++;
	else
		dhcp_reply(c, &in);
	return 1;
}

/* Half the time left until `at` seconds after the ACK, at least DHCP_MIN_RETRY. */
static uint32_t
half_left(const struct dhcp_client *c, uint32_t at)
{
	uint32_t now = since_ack(c), left = at > now ? (at - now) / 2 * TICKS_PER_SEC : 0;

	return left > DHCP_MIN_RETRY ? left : DHCP_MIN_RETRY;
}

/* The lease's timers: T1, T2, the end, and the renewal's resends. */
static void
lease_tick(struct dhcp_client *c)
{
	const struct dhcp_in *l = &c->lease;
	uint32_t s = since_ack(c);

	if (l->lease == FOREVER)
		return;
	if (s >= l->lease) {
		lose_lease(c, "the lease ended");
	} else if (c->state != DHCP_REBINDING && s >= l->t2) {
		c->state = DHCP_REBINDING;
		send_request(c);
		c->next = inet_now + half_left(c, l->lease);
	} else if (c->state == DHCP_BOUND && s >= l->t1) {
		c->state = DHCP_RENEWING;
		send_request(c);
		c->next = inet_now + half_left(c, l->t2);
	} else if (c->state != DHCP_BOUND && due(c->next)) {
		send_request(c);
		c->next = inet_now + half_left(c, c->state == DHCP_RENEWING ? l->t2 : l->lease);
	}
}

/* One client's clock: a resend whose time came, or the lease's timers. */
static void
client_tick(struct dhcp_client *c)
{
	switch (c->state) {
	case DHCP_INIT:
		if (c->ifc->state == DRV_UP)
			send_discover(c);
		break;
	case DHCP_SELECTING:
		if (due(c->next))
			send_discover(c);
		break;
	case DHCP_REQUESTING:
		if (due(c->next) && c->tries >= DHCP_REQ_TRIES)
			restart(c);
		else if (due(c->next))
			send_request(c);
		break;
	default:
		lease_tick(c);
		break;
	}
}

void
dhcp_tick(void)
{
	for (int i = 0; i < NR_ETH; i++)
		if (clients[i].ifc != NULL && clients[i].state != DHCP_OFF)
			client_tick(&clients[i]);
}

void
dhcp_driver_up(struct ifc *ifc)
{
	struct dhcp_client *c = client_of(ifc);

	if (c != NULL && c->state == DHCP_INIT)
		send_discover(c);
}

/* The interface of inet.conf's line c (eth_setup made them in the same order). */
void
dhcp_setup(const struct conf_ifc *conf, int n)
{
	for (int i = 0; i < n && i < NR_ETH; i++) {
		struct dhcp_client *c = &clients[i];

		memset(c, 0, sizeof(*c));
		if (conf[i].addr != 0 || !ifcs[1 + i].in_use)
			continue;
		c->ifc = &ifcs[1 + i];
		c->ifc->dhcp = 1;
		c->is_default = conf[i].is_default;
		c->state = DHCP_INIT;
	}
}

int
dhcp_info(const struct ifc *ifc, struct inet_dhcpinfo *info)
{
	const struct dhcp_client *c = client_of(ifc);
	const struct dhcp_in *l;

	if (c == NULL) {
		info->state = DHCP_OFF;
		strcpy(info->state_name, state_names[DHCP_OFF]);
		return OK;
	}
	l = &c->lease;
	*info = c->st;
	strncpy(info->ifname, ifc->name, IFNAMSIZ - 1);
	info->state = c->state;
	strcpy(info->state_name, state_names[c->state]);
	info->xid = c->xid;
	if (c->state < DHCP_BOUND)
		return OK;
	info->addr.s_addr = htonl(l->yiaddr), info->netmask.s_addr = htonl(l->netmask);
	info->router.s_addr = htonl(l->router), info->dns.s_addr = htonl(l->dns);
	info->server.s_addr = htonl(l->server);
	info->lease = l->lease, info->t1 = l->t1, info->t2 = l->t2;
	info->since = since_ack(c);
	return OK;
}

int
dhcp_renew(struct ifc *ifc)
{
	struct dhcp_client *c = client_of(ifc);

	if (c == NULL)
		return -EINVAL;         /* a static address, or none asked for */
	if (c->state < DHCP_BOUND) {
		restart(c);
		return OK;
	}
	c->xid = new_xid(ifc);
	c->state = DHCP_RENEWING;
	send_request(c);
	c->next = inet_now + half_left(c, c->lease.t2);
	return OK;
}

void
dhcp_stop(struct ifc *ifc)
{
	struct dhcp_client *c = client_of(ifc);

	if (c == NULL)
		return;
	c->state = DHCP_OFF;
	ifc->dhcp = 0;
}
