/*
 * route.c - inet's routing table and the questions about addresses that IP asks
 * (handouts/inet.md, "IP").
 *
 * The table is built once, from inet.conf: 127.0.0.0/8 on the loopback interface; for each
 * interface with an address, its own network (on the link); and the default route
 * (0.0.0.0/0) out of the interface marked `default`, through its gateway if it has one, else
 * on the link.  route_find() picks the longest matching prefix.  NR_ROUTES rows at most.
 *
 * Entry points: route_setup(), route_find(), ifc_of_local(), ip_is_broadcast(), ip_str().
 */
#include <stdio.h>
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

static void
route_add(uint32_t net, uint32_t mask, uint32_t gateway, struct ifc *ifc)
{
	for (int i = 0; i < NR_ROUTES; i++) {
		if (!routes[i].in_use) {
			routes[i] = (struct route){ 1, net & mask, mask, gateway, ifc };
			return;
		}
	}
	printf("inet: routing table full; %s/%s left out\n", ip_str(net), ip_str(mask));
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

		if (r->in_use && (dst & r->mask) == r->net && r->ifc->addr != 0 &&
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
