/*
 * arp.c - ARP for IPv4 over Ethernet (RFC 826): the cache, its timeouts, the packets that
 * wait for an answer, and the answers to requests for our address (handouts/inet.md, "ARP").
 *
 * The cache holds NR_ARP entries, each free, pending (a request is out, up to
 * ARP_PENDING_MAX packets wait for the answer) or resolved (the MAC is known for ARP_TTL).
 * arp_output() sends an IP packet to its next hop: at once if the entry is resolved, else
 * it queues the packet and asks (a broadcast request).  An unanswered request is sent
 * again every ARP_RETRY, ARP_TRIES times in all; then the waiting packets are dropped and
 * counted.  A full cache takes the resolved entry closest to expiry; if every entry is
 * pending, the new packet is dropped.
 *
 * Receiving (RFC 826's merge): a well-formed packet (Ethernet/IPv4, lengths 6 and 4, an
 * operation of 1 or 2, a unicast sender MAC) updates the sender's entry if there is one;
 * if its target is our address the sender is added, and a request is answered with a
 * reply straight to the asker.  inet does not learn addresses from IP packets: a host that
 * pings us without ARPing first gets a request from us before its reply.  Anything
 * malformed is dropped and counted (inet_stats.arp_bad).
 *
 * By hand (SIOCSARP, SIOCDARP: ifconf.c): arp_set() makes a permanent entry, which never
 * expires, is never taken for another address, and keeps its MAC whatever the wire says;
 * arp_del() frees an entry; arp_get() reads one for SIOCGARPLIST.
 *
 * Entry points: arp_input(), arp_output(), arp_tick(), arp_forget_ifc(), arp_set(),
 * arp_del(), arp_get().
 */
#include <string.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

static struct arp_entry arp_cache[NR_ARP];

/* Has tick time t come? */
static int
due(uint32_t t)
{
	return (int32_t)(inet_now - t) >= 0;
}

static struct arp_entry *
arp_find(const struct ifc *ifc, uint32_t ip)
{
	for (int i = 0; i < NR_ARP; i++)
		if (arp_cache[i].state != ARP_FREE && arp_cache[i].ifc == ifc &&
		    arp_cache[i].ip == ip)
			return &arp_cache[i];
	return NULL;
}

/* A free entry, or the resolved one closest to expiry; NULL if all are pending. */
static struct arp_entry *
arp_alloc(void)
{
	struct arp_entry *best = NULL;

	for (int i = 0; i < NR_ARP; i++) {
		struct arp_entry *e = &arp_cache[i];

		if (e->state == ARP_FREE)
			return e;
		if (e->state == ARP_RESOLVED && !e->permanent &&
		    (best == NULL || (int32_t)(e->expire - best->expire) < 0))
			best = e;
	}
	return best;
}

static void
arp_release(struct arp_entry *e)
{
	inet_stats.arp_dropped += pq_flush(&e->pending);
	e->state = ARP_FREE;
	e->permanent = 0;
}

/* Send an ARP packet: op, to target (tha, tpa), in a frame to eth_dst (NULL: broadcast). */
static void
arp_send(struct ifc *ifc, int op, const uint8_t *tha, uint32_t tpa, const uint8_t *eth_dst)
{
	struct pbuf *p = pbuf_alloc();
	uint8_t *a;

	if (p == NULL)
		return;
	a = p->data + ETH_HLEN;
	put16(a, 1);                    /* Ethernet */
	put16(a + 2, ETH_TYPE_IP);
	a[4] = ETH_ADDR_LEN, a[5] = 4;
	put16(a + 6, (uint16_t)op);
	memcpy(a + 8, ifc->mac, ETH_ADDR_LEN);
	put32(a + 14, ifc->addr);
	if (tha != NULL)
		memcpy(a + 18, tha, ETH_ADDR_LEN);
	else
		memset(a + 18, 0, ETH_ADDR_LEN);
	put32(a + 24, tpa);
	p->len = ETH_HLEN + ARP_LEN;
	if (op == ARP_REQUEST)
		inet_stats.arp_requests++;
	eth_send(ifc, p, eth_dst, ETH_TYPE_ARP);
}

/* e has its MAC now: send what waited for it. */
static void
arp_resolved(struct arp_entry *e, const uint8_t *mac)
{
	struct pbuf *p;

	if (!e->permanent)
		memcpy(e->mac, mac, ETH_ADDR_LEN);
	e->state = ARP_RESOLVED;
	e->expire = inet_now + ARP_TTL;
	while ((p = pq_get(&e->pending)) != NULL)
		eth_send(e->ifc, p, e->mac, ETH_TYPE_IP);
}

/* Is the ARP packet well formed (RFC 826 for Ethernet and IPv4)? */
static int
arp_ok(const uint8_t *a, size_t len)
{
	uint16_t op;

	if (len < ARP_LEN || get16(a) != 1 || get16(a + 2) != ETH_TYPE_IP ||
	    a[4] != ETH_ADDR_LEN || a[5] != 4)
		return 0;
	op = get16(a + 6);
	return (op == ARP_REQUEST || op == ARP_REPLY) && !(a[8] & 1);
}

void
arp_input(struct ifc *ifc, const uint8_t *a, size_t len)
{
	struct arp_entry *e;
	uint32_t spa, tpa;
	int merged = 0;

	if (!arp_ok(a, len)) {
		inet_stats.arp_bad++;
		return;
	}
	if (ifc->addr == 0 || ifc->down)
		return;		/* no address, or taken down: nothing to answer */
	spa = get32(a + 14), tpa = get32(a + 24);
	if (spa != 0 && spa != ifc->addr && (e = arp_find(ifc, spa)) != NULL) {
		arp_resolved(e, a + 8);
		merged = 1;
	}
	if (tpa != ifc->addr)
		return;
	if (!merged && spa != 0 && spa != ifc->addr && (e = arp_alloc()) != NULL) {
		if (e->state != ARP_FREE)
			arp_release(e);
		e->ifc = ifc, e->ip = spa;
		arp_resolved(e, a + 8);
	}
	if (get16(a + 6) == ARP_REQUEST) {
		inet_stats.arp_replies++;
		arp_send(ifc, ARP_REPLY, a + 8, spa, a + 8);
	}
}

void
arp_output(struct ifc *ifc, uint32_t nexthop, struct pbuf *p)
{
	struct arp_entry *e = arp_find(ifc, nexthop);

	if (ip_is_broadcast(nexthop, ifc)) {
		eth_send(ifc, p, NULL, ETH_TYPE_IP);
		return;
	}
	if (e != NULL && e->state == ARP_RESOLVED) {
		eth_send(ifc, p, e->mac, ETH_TYPE_IP);
		return;
	}
	if (e == NULL) {
		if ((e = arp_alloc()) == NULL) {
			pbuf_free(p);
			inet_stats.arp_dropped++;
			return;
		}
		if (e->state != ARP_FREE)
			arp_release(e);
		e->state = ARP_PENDING, e->ifc = ifc, e->ip = nexthop;
		e->tries = 1, e->expire = inet_now + ARP_RETRY;
		arp_send(ifc, ARP_REQUEST, NULL, nexthop, NULL);
	}
	if (!pq_put(&e->pending, p, ARP_PENDING_MAX))
		inet_stats.arp_dropped++;
}

void
arp_tick(void)
{
	for (int i = 0; i < NR_ARP; i++) {
		struct arp_entry *e = &arp_cache[i];

		if (e->state == ARP_FREE || e->permanent || !due(e->expire))
			continue;
		if (e->state == ARP_RESOLVED || e->tries >= ARP_TRIES) {
			arp_release(e);
			continue;
		}
		e->tries++;
		e->expire = inet_now + ARP_RETRY;
		arp_send(e->ifc, ARP_REQUEST, NULL, e->ip, NULL);
	}
}

void
arp_forget_ifc(struct ifc *ifc)
{
	for (int i = 0; i < NR_ARP; i++)
		if (arp_cache[i].state != ARP_FREE && arp_cache[i].ifc == ifc)
			arp_release(&arp_cache[i]);
}

int
arp_set(struct ifc *ifc, uint32_t ip, const uint8_t *mac)
{
	struct arp_entry *e = arp_find(ifc, ip);

	if (e == NULL) {
		if ((e = arp_alloc()) == NULL)
			return -ENOBUFS;
		if (e->state != ARP_FREE)
			arp_release(e);
		e->ifc = ifc, e->ip = ip;
	}
	memcpy(e->mac, mac, ETH_ADDR_LEN);
	e->permanent = 1;
	arp_resolved(e, mac);   /* sends what waited, if it was pending */
	return OK;
}

int
arp_del(uint32_t ip)
{
	int found = 0;

	for (int i = 0; i < NR_ARP; i++)
		if (arp_cache[i].state != ARP_FREE && arp_cache[i].ip == ip) {
			arp_release(&arp_cache[i]);
			found = 1;
		}
	return found ? OK : -ESRCH;
}

const struct arp_entry *
arp_get(int i)
{
	return i >= 0 && i < NR_ARP && arp_cache[i].state != ARP_FREE ? &arp_cache[i] : NULL;
}
