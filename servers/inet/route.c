/*
 * route.c - inet's routing table and the questions about addresses that IP asks
 * (handouts/inet.md, "IP").
 *
 * The table starts from inet.conf: 127.0.0.0/8 on the loopback interface; for each
 * interface with an address, its own network (on the link); and the default route
 * (0.0.0.0/0) out of the interface marked `default`, through its gateway if it has one, else
 * on the link.  route_find() picks the longest matching prefix, among the routes whose
 * interface has an address and is not down.  NR_ROUTES rows at most.
 *
 * Later changes (handouts/inet.md, "Configuration"): route_add() and route_del() for
 * SIOCADDRT/SIOCDELRT (ifconf.c) and DHCP's lease (dhcp.c); route_ifc_moved() replaces an
 * interface's own network when its address or netmask changes, and forgets the gateway
 * routes the new network no longer holds; route_get() reads a row for SIOCGRTLIST.
 *
 * Entry points: route_setup(), route_find(), route_add(), route_del(), route_get(),
 * route_ifc_moved(), ifc_of_local(), ip_is_broadcast(), ip_str().
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <string.h>
#include "glo.h"
#include "proto.h"

static struct route routes[NR_ROUTES];

const char *
ip_str(uint32_t a)
{
	static char s[2][16];
	static int k;

	k ^= 1;
	snprintf(s[k], sizeof(s[k]), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
		 a & 255);
	return s[k];
}

/* The row for net/mask (gateway too, unless any_gw), or NULL. */
static struct route *
route_row(uint32_t net, uint32_t mask, uint32_t gateway, int any_gw)
{
	for (int i = 0; i < NR_ROUTES; i++)
		if (routes[i].in_use && routes[i].net == (net & mask) && routes[i].mask == mask &&
		    (any_gw || routes[i].gateway == gateway))
			return &routes[i];
	return NULL;
}

int
route_add(uint32_t net, uint32_t mask, uint32_t gateway, struct ifc *ifc)
{
	if (route_row(net, mask, gateway, 1) != NULL)
		return -EEXIST;
	for (int i = 0; i < NR_ROUTES; i++) {
		if (!routes[i].in_use) {
			routes[i] = (struct route){ 1, net & mask, mask, gateway, ifc };
			return OK;
		}
	}
	printf("inet: routing table full; %s/%s left out\n", ip_str(net), ip_str(mask));
	return -ENOBUFS;
}

int
route_del(uint32_t net, uint32_t mask, uint32_t gateway, int any_gw)
{
	struct route *r = route_row(net, mask, gateway, any_gw);

	if (r == NULL)
		return -ESRCH;
	r->in_use = 0;
	return OK;
}

const struct route *
route_get(int i)
{
	return i >= 0 && i < NR_ROUTES && routes[i].in_use ? &routes[i] : NULL;
}

void
route_ifc_moved(struct ifc *ifc, uint32_t old_addr, uint32_t old_mask)
{
	for (int i = 0; i < NR_ROUTES; i++) {
		struct route *r = &routes[i];

		if (!r->in_use || r->ifc != ifc)
			continue;
		if (old_addr != 0 && r->gateway == 0 && r->mask == old_mask &&
		    r->net == (old_addr & old_mask))
			r->in_use = 0;          /* the old network of the interface */
		else if (r->gateway != 0 && (ifc->addr == 0 ||
			 (r->gateway & ifc->netmask) != (ifc->addr & ifc->netmask)))
			r->in_use = 0;          /* its gateway is off the new network */
	}
	if (ifc->addr != 0)
		route_add(ifc->addr, ifc->netmask, 0, ifc);
}

/* The interface of inet.conf's line c (eth_setup made them). */
static struct ifc *
ifc_of_conf(const struct conf_ifc *c)
{
	char name[8];

	snprintf(name, sizeof(name), "eth%d", c->unit);
	for (int i = 1; i < NR_IFC; i++)
		if (ifcs[i].in_use && strcmp(ifcs[i].name, name) == 0)
			return &ifcs[i];
	return NULL;
}

void
route_setup(const struct conf_ifc *c, int n)
{
	route_add(IP_LOOPBACK, 0xFF000000u, 0, &ifcs[0]);
	for (int i = 0; i < n; i++) {
		struct ifc *ifc = ifc_of_conf(&c[i]);

		if (ifc == NULL)
			continue;
		if (c[i].addr != 0)
			route_add(c[i].addr, c[i].netmask, 0, ifc);
		if (c[i].is_default && c[i].addr != 0)
			route_add(0, 0, c[i].gateway, ifc);
	}
}

const struct route *
route_find(uint32_t dst)
{
	const struct route *best = NULL;

	for (int i = 0; i < NR_ROUTES; i++) {
		const struct route *r = &routes[i];

		if (r->in_use && (dst & r->mask) == r->net && r->ifc->addr != 0 && !r->ifc->down &&
		    (best == NULL || r->mask > best->mask))
			best = r;
	}
	return best;
}

struct ifc *
ifc_of_local(uint32_t addr)
{
	for (int i = 0; i < NR_IFC; i++)
		if (ifcs[i].in_use && ifcs[i].addr != 0 && ifcs[i].addr == addr)
			return &ifcs[i];
	return NULL;
}

int
ip_is_broadcast(uint32_t addr, const struct ifc *ifc)
{
	if (addr == IP_BROADCAST)
		return 1;
	return ifc != NULL && ifc->addr != 0 && ifc->netmask != 0xFFFFFFFFu &&
	       (addr & ~ifc->netmask) == ~ifc->netmask &&
	       (addr & ifc->netmask) == (ifc->addr & ifc->netmask);
}
