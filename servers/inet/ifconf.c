/*
 * ifconf.c - the configuration requests: ioctls on any AF_INET socket that read and change
 * inet's interfaces, routing table and ARP cache, and read its sockets, counters and DHCP
 * leases (handouts/inet.md, "Configuration"; net/if.h, net/route.h, net/if_arp.h and
 * minnow/inetconf.h).
 *
 * sock.c's router gives every ioctl to ifconf_ioctl() first; a request not in the table
 * below is ENOTTY and goes on to the socket's protocol.  Each request's argument is one
 * structure whose size is in the request number (_IOR/_IOW, sys/ioctl.h): it is copied in
 * (IOC_IN), handled, and copied out (IOC_OUT) only on success.  A request that changes
 * anything is root's (sock_is_root(): EPERM for anyone else).  Bad input is an errno:
 * ENXIO no such interface, EINVAL a bad address, mask or flag, EAFNOSUPPORT an address
 * that is not AF_INET, EEXIST and ESRCH for routes and ARP entries there or not,
 * ENETUNREACH a gateway or ARP address on no interface's network.
 *
 * Entry point: ifconf_ioctl().
 */
#include <stddef.h>
#include <string.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <net/route.h>
#include <minnow/errno.h>
#include <minnow/inetconf.h>
#include "glo.h"
#include "proto.h"

/** The argument of any request, copied in and out whole. */
union conf_arg {
	struct ifreq ifr;
	struct rtentry rt;
	struct arpreq ar;
	struct inet_iflist ifl;
	struct inet_rtlist rtl;
	struct inet_arplist arl;
	struct inet_socklist skl;
	struct inet_counters cnt;
	struct inet_dhcpinfo dhcp;
};

/* Every argument fits the size field of a request number (sys/ioctl.h). */
_Static_assert(sizeof(union conf_arg) <= IOCPARM_MASK, "an ioctl argument is too big");

/** A request's handler: OK or a negative errno. */
typedef int (*conf_fn)(union conf_arg *a);

/** One request: its number, handler, and whether it is root's. */
struct conf_req {
	unsigned long request;
	conf_fn fn;
	int root;
};

/* ---- helpers ------------------------------------------------------------------------ */

/* The interface called name (NUL put at its end), or NULL. */
static struct ifc *
ifc_named(char *name)
{
	name[IFNAMSIZ - 1] = '\0';
	for (int i = 0; i < NR_IFC; i++)
		if (ifcs[i].in_use && strcmp(ifcs[i].name, name) == 0)
			return &ifcs[i];
	return NULL;
}

/* The Ethernet interface whose network holds addr, or NULL. */
static struct ifc *
ifc_on_net(uint32_t addr)
{
	for (int i = 1; i < NR_IFC; i++)
		if (ifcs[i].in_use && ifcs[i].addr != 0 &&
		    (addr & ifcs[i].netmask) == (ifcs[i].addr & ifcs[i].netmask))
			return &ifcs[i];
	return NULL;
}

/* An AF_INET address out of sa, in host order: OK or EAFNOSUPPORT. */
static int
sa_get(const struct sockaddr *sa, uint32_t *addr)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

	if (in->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	*addr = ntohl(in->sin_addr.s_addr);
	return OK;
}

/* addr (host order) into sa as an AF_INET address. */
static void
sa_put(struct sockaddr *sa, uint32_t addr)
{
	struct sockaddr_in *in = (struct sockaddr_in *)sa;

	memset(sa, 0, sizeof(*sa));
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = htonl(addr);
}

/* Is m ones, then zeros (0 too)? */
static int
mask_ok(uint32_t m)
{
	return ((~m + 1) & ~m) == 0;
}

/* Could addr be a host's own or a neighbour's address? */
static int
unicast_ok(uint32_t addr)
{
	return addr != 0 && addr != IP_BROADCAST && (addr >> 24) != 127 && (addr >> 28) < 0xE;
}

/* ---- interfaces (net/if.h) ----------------------------------------------------------- */

static short
ifc_flags(const struct ifc *ifc)
{
	short f = ifc->down ? 0 : IFF_UP;

	if (ifc->kind == IFC_LOOP)
		return (short)(f | IFF_LOOPBACK | IFF_RUNNING);
	return (short)(f | IFF_BROADCAST | (ifc->state == DRV_UP ? IFF_RUNNING : 0));
}

static int
get_addr(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);

	if (ifc == NULL)
		return -ENXIO;
	sa_put(&a->ifr.ifr_addr, ifc->addr);
	return OK;
}

static int
get_netmask(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);

	if (ifc == NULL)
		return -ENXIO;
	sa_put(&a->ifr.ifr_netmask, ifc->netmask);
	return OK;
}

/* Give ethernet interface ifc the address addr and mask (by hand: DHCP stops). */
static void
ifc_move(struct ifc *ifc, uint32_t addr, uint32_t mask)
{
	uint32_t old_addr = ifc->addr, old_mask = ifc->netmask;

	dhcp_stop(ifc);
	ifc->addr = addr, ifc->netmask = mask;
	arp_forget_ifc(ifc);
	route_ifc_moved(ifc, old_addr, old_mask);
}

/* The classful netmask of addr (RFC 791), for an address set before any netmask. */
static uint32_t
class_mask(uint32_t addr)
{
	return addr >> 31 == 0 ? 0xFF000000u : addr >> 30 == 2 ? 0xFFFF0000u : 0xFFFFFF00u;
}

static int
set_addr(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name), *other;
	uint32_t addr;
	int r;

	if (ifc == NULL)
		return -ENXIO;
	if ((r = sa_get(&a->ifr.ifr_addr, &addr)) != OK)
		return r;
	if (ifc->kind == IFC_LOOP || (addr != 0 && !unicast_ok(addr)))
		return -EINVAL;
	if ((other = ifc_of_local(addr)) != NULL && other != ifc)
		return -EEXIST;
	ifc_move(ifc, addr, ifc->netmask != 0 ? ifc->netmask : class_mask(addr));
	return OK;
}

static int
set_netmask(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);
	uint32_t mask;
	int r;

	if (ifc == NULL)
		return -ENXIO;
	if ((r = sa_get(&a->ifr.ifr_netmask, &mask)) != OK)
		return r;
	if (ifc->kind == IFC_LOOP || mask == 0 || !mask_ok(mask))
		return -EINVAL;
	ifc_move(ifc, ifc->addr, mask);
	return OK;
}

static int
get_flags(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);

	if (ifc == NULL)
		return -ENXIO;
	a->ifr.ifr_flags = ifc_flags(ifc);
	return OK;
}

static int
set_flags(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);
	int up = (a->ifr.ifr_flags & IFF_UP) != 0;

	if (ifc == NULL)
		return -ENXIO;
	if (ifc->kind == IFC_LOOP && !up)
		return -EINVAL;         /* inet's own traffic needs lo */
	if (ifc->down == !up)
		return OK;
	ifc->down = !up;
	if (!up)
		arp_forget_ifc(ifc);
	return OK;
}

static int
get_mtu(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);

	if (ifc == NULL)
		return -ENXIO;
	a->ifr.ifr_mtu = IP_MTU;
	return OK;
}

static int
get_hwaddr(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->ifr.ifr_name);

	if (ifc == NULL)
		return -ENXIO;
	memset(&a->ifr.ifr_hwaddr, 0, sizeof(a->ifr.ifr_hwaddr));
	a->ifr.ifr_hwaddr.sa_family = ifc->kind == IFC_ETH ? 1 : 772;   /* ARPHRD_ETHER, _LOOPBACK */
	memcpy(a->ifr.ifr_hwaddr.sa_data, ifc->mac, ETH_ADDR_LEN);
	return OK;
}

/* One row of SIOCGIFLIST. */
static void
ifc_row(const struct ifc *ifc, struct inet_ifinfo *r)
{
	memset(r, 0, sizeof(*r));
	strncpy(r->name, ifc->name, IFNAMSIZ - 1);
	strncpy(r->label, ifc->label, IFNAMSIZ - 1);
	r->addr.s_addr = htonl(ifc->addr);
	r->netmask.s_addr = htonl(ifc->netmask);
	if (ifc->kind == IFC_ETH && ifc->addr != 0)
		r->broadcast.s_addr = htonl(ifc->addr | ~ifc->netmask);
	memcpy(r->mac, ifc->mac, ETH_ADDR_LEN);
	r->flags = ifc_flags(ifc);
	r->mtu = IP_MTU;
	r->dhcp = ifc->dhcp;
	r->rx_packets = ifc->st.rx_frames, r->tx_packets = ifc->st.tx_frames;
	r->rx_bytes = ifc->st.rx_bytes, r->tx_bytes = ifc->st.tx_bytes;
	r->rx_errors = ifc->st.rx_dropped, r->tx_errors = ifc->st.tx_errors;
	r->tx_dropped = ifc->st.tx_dropped;
}

static int
list_ifs(union conf_arg *a)
{
	for (int i = 0; i < NR_IFC && a->ifl.count < INET_IF_MAX; i++)
		if (ifcs[i].in_use)
			ifc_row(&ifcs[i], &a->ifl.ifs[a->ifl.count++]);
	return OK;
}

/* ---- routes (net/route.h) ------------------------------------------------------------ */

/* A route's destination, mask and gateway out of a->rt; its interface into *ifc. */
static int
rt_parse(union conf_arg *a, uint32_t *dst, uint32_t *mask, uint32_t *gw, struct ifc **ifc)
{
	struct rtentry *rt = &a->rt;
	int r;

	*mask = 0xFFFFFFFFu, *gw = 0, *ifc = NULL;
	if ((r = sa_get(&rt->rt_dst, dst)) != OK)
		return r;
	if (!(rt->rt_flags & RTF_HOST) && rt->rt_genmask.sa_family != 0 &&
	    (r = sa_get(&rt->rt_genmask, mask)) != OK)
		return r;
	if (!(rt->rt_flags & RTF_HOST) && rt->rt_genmask.sa_family == 0)
		*mask = *dst == 0 ? 0 : class_mask(*dst);
	if (!mask_ok(*mask) || (*dst & ~*mask) != 0)
		return -EINVAL;
	if ((rt->rt_flags & RTF_GATEWAY) &&
	    ((r = sa_get(&rt->rt_gateway, gw)) != OK || !unicast_ok(*gw)))
		return r != OK ? r : -EINVAL;
	if (rt->rt_ifname[0] != '\0' && (*ifc = ifc_named(rt->rt_ifname)) == NULL)
		return -ENXIO;
	return OK;
}

static int
add_route(union conf_arg *a)
{
	uint32_t dst, mask, gw;
	struct ifc *ifc;
	int r;

	if ((r = rt_parse(a, &dst, &mask, &gw, &ifc)) != OK)
		return r;
	if (ifc == NULL)
		ifc = ifc_on_net(gw != 0 ? gw : dst);
	if (ifc == NULL || (gw != 0 && (ifc->addr == 0 ||
			    (gw & ifc->netmask) != (ifc->addr & ifc->netmask))))
		return -ENETUNREACH;
	return route_add(dst, mask, gw, ifc);
}

static int
del_route(union conf_arg *a)
{
	uint32_t dst, mask, gw;
	struct ifc *ifc;
	int r;

	if ((r = rt_parse(a, &dst, &mask, &gw, &ifc)) != OK)
		return r;
	return route_del(dst, mask, gw, !(a->rt.rt_flags & RTF_GATEWAY));
}

static int
list_routes(union conf_arg *a)
{
	const struct route *rt;

	for (int i = 0; a->rtl.count < INET_RT_MAX && i < NR_ROUTES; i++) {
		struct inet_rtinfo *o = &a->rtl.rts[a->rtl.count];

		if ((rt = route_get(i)) == NULL)
			continue;
		o->dst.s_addr = htonl(rt->net);
		o->mask.s_addr = htonl(rt->mask);
		o->gateway.s_addr = htonl(rt->gateway);
		o->flags = RTF_UP | (rt->gateway != 0 ? RTF_GATEWAY : 0) |
			   (rt->mask == 0xFFFFFFFFu ? RTF_HOST : 0);
		strncpy(o->ifname, rt->ifc->name, IFNAMSIZ - 1);
		a->rtl.count++;
	}
	return OK;
}

/* ---- the ARP cache (net/if_arp.h) ---------------------------------------------------- */

static int
set_arp(union conf_arg *a)
{
	const uint8_t *mac = (const uint8_t *)a->ar.arp_ha.sa_data;
	static const uint8_t zero[ETH_ADDR_LEN];
	struct ifc *ifc;
	uint32_t ip;
	int r;

	if ((r = sa_get(&a->ar.arp_pa, &ip)) != OK)
		return r;
	if (!unicast_ok(ip) || (mac[0] & 1) || memcmp(mac, zero, ETH_ADDR_LEN) == 0)
		return -EINVAL;
	ifc = a->ar.arp_dev[0] != '\0' ? ifc_named(a->ar.arp_dev) : ifc_on_net(ip);
	if (ifc == NULL || ifc->kind != IFC_ETH)
		return a->ar.arp_dev[0] != '\0' ? -ENXIO : -ENETUNREACH;
	return arp_set(ifc, ip, mac);
}

static int
del_arp(union conf_arg *a)
{
	uint32_t ip;
	int r;

	if ((r = sa_get(&a->ar.arp_pa, &ip)) != OK)
		return r;
	return arp_del(ip);
}

/* One ARP entry as the public row. */
static void
arp_row(const struct arp_entry *e, struct inet_arpinfo *o)
{
	memset(o, 0, sizeof(*o));
	o->ip.s_addr = htonl(e->ip);
	strncpy(o->ifname, e->ifc->name, IFNAMSIZ - 1);
	if (e->state != ARP_RESOLVED)
		return;
	memcpy(o->mac, e->mac, ETH_ADDR_LEN);
	o->flags = (short)(ATF_COM | (e->permanent ? ATF_PERM : 0));
	if (!e->permanent && (int32_t)(e->expire - inet_now) > 0)
		o->expires = (e->expire - inet_now) / TICKS_PER_SEC;
}

static int
get_arp(union conf_arg *a)
{
	const struct arp_entry *e;
	struct inet_arpinfo row;
	uint32_t ip;
	int r;

	if ((r = sa_get(&a->ar.arp_pa, &ip)) != OK)
		return r;
	for (int i = 0; i < NR_ARP; i++) {
		if ((e = arp_get(i)) == NULL || e->ip != ip)
			continue;
		arp_row(e, &row);
		memset(&a->ar.arp_ha, 0, sizeof(a->ar.arp_ha));
		a->ar.arp_ha.sa_family = 1;     /* ARPHRD_ETHER */
		memcpy(a->ar.arp_ha.sa_data, row.mac, ETH_ADDR_LEN);
		a->ar.arp_flags = row.flags;
		memcpy(a->ar.arp_dev, row.ifname, IFNAMSIZ);
		return OK;
	}
	return -ENXIO;
}

static int
list_arp(union conf_arg *a)
{
	const struct arp_entry *e;

	for (int i = 0; i < NR_ARP && a->arl.count < INET_ARP_MAX; i++)
		if ((e = arp_get(i)) != NULL)
			arp_row(e, &a->arl.ents[a->arl.count++]);
	return OK;
}

/* ---- sockets, counters, DHCP --------------------------------------------------------- */

/** Each protocol's rows for SIOCGSOCKLIST, in netstat's order. */
static int (*const sockrow_fns[])(struct inet_sockrow *rows, int max) = {
	udp_sockrows,           /* udp.c */
	tcp_sockrows,           /* tcp.c */
};

static int
list_socks(union conf_arg *a)
{
	struct inet_socklist *l = &a->skl;

	for (size_t k = 0; k < sizeof(sockrow_fns) / sizeof(sockrow_fns[0]); k++) {
		int n = sockrow_fns[k](l->rows + l->count, INET_SOCK_MAX - l->count);

		l->total += n;
		l->count += n < INET_SOCK_MAX - l->count ? n : INET_SOCK_MAX - l->count;
	}
	return OK;
}

#define COUNTER(f)      { #f, offsetof(struct inet_stats, f) }

/** inet's counters by name (glo.h), for netstat -s. */
static const struct {
	const char *name;
	size_t off;
} counters[] = {
	COUNTER(pbuf_used), COUNTER(pbuf_peak), COUNTER(pbuf_fail), COUNTER(eth_bad),
	COUNTER(arp_bad), COUNTER(arp_replies), COUNTER(arp_requests), COUNTER(arp_dropped),
	COUNTER(ip_in), COUNTER(ip_bad), COUNTER(frag_reasm), COUNTER(frag_timeout),
	COUNTER(frag_dropped), COUNTER(ip_other), COUNTER(ip_noroute), COUNTER(icmp_bad),
	COUNTER(icmp_echoes), COUNTER(icmp_unreach), COUNTER(icmp_errors_in),
	COUNTER(udp_bad), COUNTER(udp_in), COUNTER(udp_out), COUNTER(udp_dropped),
	COUNTER(tcp_in), COUNTER(tcp_out), COUNTER(tcp_bad), COUNTER(tcp_rexmt),
	COUNTER(tcp_rst_out), COUNTER(tcp_resets_in), COUNTER(tcp_syn_dropped),
	COUNTER(tcp_ooo_dropped),
};

static int
list_counters(union conf_arg *a)
{
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]) &&
	     a->cnt.count < INET_CNT_MAX; i++) {
		int k = a->cnt.count++;

		strncpy(a->cnt.c[k].name, counters[i].name, INET_NAME_LEN - 1);
		memcpy(&a->cnt.c[k].value, (const char *)&inet_stats + counters[i].off,
		       sizeof(uint32_t));
	}
	return OK;
}

static int
get_dhcp(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->dhcp.ifname);

	return ifc == NULL ? -ENXIO : dhcp_info(ifc, &a->dhcp);
}

static int
renew_dhcp(union conf_arg *a)
{
	struct ifc *ifc = ifc_named(a->dhcp.ifname);

	return ifc == NULL ? -ENXIO : dhcp_renew(ifc);
}

/* ---- the table ------------------------------------------------------------------------ */

static const struct conf_req reqs[] = {
	{ SIOCGIFADDR, get_addr, 0 },           { SIOCSIFADDR, set_addr, 1 },
	{ SIOCGIFNETMASK, get_netmask, 0 },     { SIOCSIFNETMASK, set_netmask, 1 },
	{ SIOCGIFFLAGS, get_flags, 0 },         { SIOCSIFFLAGS, set_flags, 1 },
	{ SIOCGIFMTU, get_mtu, 0 },             { SIOCGIFHWADDR, get_hwaddr, 0 },
	{ SIOCGIFLIST, list_ifs, 0 },
	{ SIOCADDRT, add_route, 1 },            { SIOCDELRT, del_route, 1 },
	{ SIOCGRTLIST, list_routes, 0 },
	{ SIOCSARP, set_arp, 1 },               { SIOCDARP, del_arp, 1 },
	{ SIOCGARP, get_arp, 0 },               { SIOCGARPLIST, list_arp, 0 },
	{ SIOCGSOCKLIST, list_socks, 0 },       { SIOCGINETSTATS, list_counters, 0 },
	{ SIOCGDHCP, get_dhcp, 0 },             { SIOCSDHCPRENEW, renew_dhcp, 1 },
};

int
ifconf_ioctl(unsigned long request, const struct sockdriver_data *data, endpoint_t user)
{
	static union conf_arg arg;
	size_t len = IOCPARM_LEN(request);
	const struct conf_req *q = NULL;
	int r;

	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]) && q == NULL; i++)
		if (reqs[i].request == request)
			q = &reqs[i];
	if (q == NULL)
		return -ENOTTY;
	if (q->root && !sock_is_root(user))
		return -EPERM;
	if (data->sd_len < len || len > sizeof(arg))
		return -EINVAL;
	memset(&arg, 0, sizeof(arg));
	if ((request & IOC_IN) && (r = sockdriver_copyin(data, 0, &arg, len)) != OK)
		return r;
	if ((r = q->fn(&arg)) != OK)
		return r;
	return (request & IOC_OUT) ? sockdriver_copyout(data, 0, &arg, len) : OK;
}
