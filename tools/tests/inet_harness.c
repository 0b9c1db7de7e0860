/*
 * inet_harness.c - host checks of inet's pure logic (tools/tests/test_inet.py): the
 * inet.conf parser (servers/inet/conf.c), the Internet checksum (cksum.c), and the ARP
 * cache with its pending queue, retries and timeouts (arp.c, with buf.c's pool and
 * route.c's address questions), all compiled unchanged.  The Ethernet side is a stub that
 * records what ARP sends.  Prints "ok NAME" or "FAIL NAME: why" per check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../servers/inet/glo.h"
#include "../../servers/inet/proto.h"
#include "harness_check.h"

struct ifc ifcs[NR_IFC];
uint32_t inet_now;
struct inet_stats inet_stats;

/* ---- stubs: what arp.c calls outside itself ------------------------------------------ */

static struct { uint16_t type, op; uint32_t tpa; uint8_t dst[6]; } sent[64];
static int nsent;

void
eth_send(struct ifc *ifc, struct pbuf *p, const uint8_t *dst, uint16_t type)
{
	(void)ifc;
	if (nsent < 64) {
		sent[nsent].type = type;
		sent[nsent].op = type == ETH_TYPE_ARP ? get16(p->data + ETH_HLEN + 6) : 0;
		sent[nsent].tpa = type == ETH_TYPE_ARP ? get32(p->data + ETH_HLEN + 24) : 0;
		memcpy(sent[nsent].dst, dst != NULL ? dst : (const uint8_t *)"\xff\xff\xff\xff\xff\xff", 6);
		nsent++;
	}
	pbuf_free(p);
}

void
panic(const char *fmt, ...)
{
	printf("FAIL panic: %s\n", fmt);
	exit(1);
}

/* ---- inet.conf ------------------------------------------------------------------------ */

static char reports[1024];

static void
report(int line, const char *what)
{
	size_t n = strlen(reports);

	snprintf(reports + n, sizeof(reports) - n, "%d: %s\n", line, what);
}

static void
test_conf(void)
{
	struct conf_ifc c[4];
	uint32_t a;
	int n;

	reports[0] = '\0';
	n = conf_parse("# comment\n\neth0 e1000 0 { };\n"
		       "eth1 rtl8139 1 {addr 10.0.3.15;netmask 255.255.255.0;gateway 10.0.3.2;};\n",
		       c, 4, report);
	check("conf_good", n == 2 && reports[0] == '\0' && c[0].line == 3 && c[0].unit == 0 &&
	      strcmp(c[0].driver, "e1000") == 0 && c[0].instance == 0 && !c[0].is_default &&
	      c[0].addr == 0 && c[1].unit == 1 && c[1].instance == 1 &&
	      c[1].addr == 0x0A00030F && c[1].netmask == 0xFFFFFF00 && c[1].gateway == 0x0A000302 &&
	      c[1].is_default == 1, "n=%d reports=%s", n, reports);
	reports[0] = '\0';
	n = conf_parse("eth0 e1000 0 { addr 10.0.2.15; netmask 255.255.255.0; };\n"
		       "eth0 fxp 0 { };\n"                                  /* 2 */
		       "eth1 e1000 0 { };\n"                                /* 3 */
		       "eth1 fxp 0 { addr 10.0.2.300; netmask 255.0.0.0; };\n"
		       "eth1 fxp 0 { addr 10.1.1.1; netmask 255.0.255.0; };\n"
		       "eth1 fxp 0 { addr 10.1.1.1; };\n"                   /* 6 */
		       "eth1 fxp 0 { addr 10.1.1.1; netmask 255.255.0.0; gateway 10.2.0.1; };\n"
		       "eth1 fxp 0 { mtu 1500; };\n"                        /* 8 */
		       "eth9 fxp 0 { };\n"
		       "eth1 FXP 0 { };\n"                                  /* 10 */
		       "eth1 fxp 100 { };\n"
		       "eth1 fxp 0 { default; default; };\n"                /* 12 */
		       "eth1 fxp 0 { default; }\n"
		       "eth1 fxp 0 default;\n"                              /* 14 */
		       "eth1 fxp 0 { addr 10.1.1.1; addr 10.1.1.2; netmask 255.0.0.0; };\n"
		       "eth1 fxp 0 { addr 10.9.9.9; netmask 255.255.255.0; };\n",  /* 16: good */
		       c, 4, report);
	check("conf_bad_lines", n == 2 && c[1].line == 16 &&
	      strcmp(reports,
		     "2: eth0 already on line 1\n"
		     "3: e1000_0 already on line 1\n"
		     "4: addr wants an address a.b.c.d and \";\"\n"
		     "5: netmask is not contiguous ones then zeros\n"
		     "6: addr and netmask go together\n"
		     "7: gateway must be another address inside addr/netmask\n"
		     "8: unknown option \"mtu\"\n"
		     "9: bad interface \"eth9\" (eth0 to eth3)\n"
		     "10: bad driver name \"FXP\"\n"
		     "11: bad instance \"100\" (0 to 99)\n"
		     "12: default given twice or without \";\"\n"
		     "13: expected \"};\" at the end\n"
		     "14: expected \"ethN DRIVER INSTANCE { ... };\"\n"
		     "15: addr given twice\n") == 0, "n=%d, reports:\n%s", n, reports);
	reports[0] = '\0';
	n = conf_parse("eth0 a 0 { default; };\neth1 b 0 { default; };\n", c, 4, report);
	check("conf_two_defaults", n == 1 &&
	      strcmp(reports, "2: a second default route (line 1 has one)\n") == 0, "%s", reports);
	check("conf_ip", conf_ip("1.2.3.4", &a) && a == 0x01020304 && !conf_ip("1.2.3", &a) &&
	      !conf_ip("1.2.3.4.5", &a) && !conf_ip("256.1.1.1", &a) && !conf_ip("1..2.3", &a) &&
	      !conf_ip(" 1.2.3.4", &a) && !conf_ip("1.2.3.-4", &a), "dotted quads");
}

/* ---- the checksum ---------------------------------------------------------------------- */

static void
test_cksum(void)
{
	/* RFC 1071's example: the sum of these words is 0xddf2, its complement 0x220d. */
	static const uint8_t rfc[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	/* An IPv4 header with its checksum (0xb861), from a real capture. */
	static const uint8_t ip[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
				      0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	uint8_t odd[3] = { 0x12, 0x34, 0x56 };
	static const uint8_t tcp[] = { 0x9c, 0x40, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02,
				       0x20, 0x00, 0, 0, 0, 0, 'a', 'b', 'c' };

	check("cksum_rfc1071", inet_cksum(rfc, sizeof(rfc)) == 0x220d, "got %#x",
	      inet_cksum(rfc, sizeof(rfc)));
	check("cksum_ip_header", inet_cksum(ip, sizeof(ip)) == 0, "got %#x",
	      inet_cksum(ip, sizeof(ip)));
	/* 0x1234 + 0x5600 = 0x6834 -> 0x97cb */
	check("cksum_odd", inet_cksum(odd, 3) == 0x97cb, "got %#x", inet_cksum(odd, 3));
	check("cksum_parts", cksum_fold(cksum_add(cksum_add(0, rfc, 4), rfc + 4, 4)) == 0x220d,
	      "an open sum in two parts");
	/* A TCP SYN 10.0.2.2:40000 -> 10.0.2.15:80 with 3 data bytes and its checksum field
	 * 0: the sum with the pseudo header (protocol 6, length 23) is 0x16db (computed by
	 * hand in Python, RFC 793 3.1). */
	check("cksum_pseudo", inet_pseudo_cksum(0x0A000202, 0x0A00020F, 6, tcp, sizeof(tcp)) ==
	      0x16db, "got %#x", inet_pseudo_cksum(0x0A000202, 0x0A00020F, 6, tcp, sizeof(tcp)));
}

/* ---- ARP ----------------------------------------------------------------------------- */

static struct ifc *
setup_ifc(void)
{
	struct ifc *e = &ifcs[1];

	memset(ifcs, 0, sizeof(ifcs));
	e->in_use = 1, e->kind = IFC_ETH, e->state = DRV_UP;
	strcpy(e->name, "eth0");
	e->addr = 0x0A00020F, e->netmask = 0xFFFFFF00;
	memcpy(e->mac, "\x52\x54\x00\x12\x34\x56", 6);
	return e;
}

/* An ARP packet (28 bytes) into a. */
static void
make_arp(uint8_t *a, int op, const uint8_t *sha, uint32_t spa, uint32_t tpa)
{
	memset(a, 0, ARP_LEN);
	put16(a, 1), put16(a + 2, ETH_TYPE_IP), a[4] = 6, a[5] = 4, put16(a + 6, (uint16_t)op);
	memcpy(a + 8, sha, 6);
	put32(a + 14, spa);
	put32(a + 24, tpa);
}

static struct pbuf *
ip_packet(void)
{
	struct pbuf *p = pbuf_alloc();

	p->len = ETH_HLEN + IP_HLEN;
	return p;
}

static void
test_arp_resolve(struct ifc *e)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 3 };
	uint8_t a[ARP_LEN];

	nsent = 0;
	for (int i = 0; i < ARP_PENDING_MAX + 2; i++)
		arp_output(e, 0x0A000203, ip_packet());
	check("arp_one_request", nsent == 1 && sent[0].op == ARP_REQUEST &&
	      sent[0].tpa == 0x0A000203 && sent[0].dst[0] == 0xff, "nsent %d", nsent);
	check("arp_pending_bounded", pbuf_in_use() == ARP_PENDING_MAX &&
	      inet_stats.arp_dropped == 2, "%u in use, %u dropped", pbuf_in_use(),
	      inet_stats.arp_dropped);
	make_arp(a, ARP_REPLY, mac, 0x0A000203, e->addr);
	arp_input(e, a, sizeof(a));
	check("arp_reply_flushes", nsent == 1 + ARP_PENDING_MAX && sent[1].type == ETH_TYPE_IP &&
	      memcmp(sent[1].dst, mac, 6) == 0 && pbuf_in_use() == 0, "nsent %d", nsent);
	arp_output(e, 0x0A000203, ip_packet());
	check("arp_cached", nsent == 2 + ARP_PENDING_MAX && sent[nsent - 1].type == ETH_TYPE_IP,
	      "nsent %d", nsent);
	inet_now += ARP_TTL;
	arp_tick();
	arp_output(e, 0x0A000203, ip_packet());
	check("arp_expires", sent[nsent - 1].op == ARP_REQUEST, "no new request after ARP_TTL");
	arp_forget_ifc(e);
	check("arp_forget", pbuf_in_use() == 0, "%u buffers in use", pbuf_in_use());
}

static void
test_arp_retries(struct ifc *e)
{
	int requests = 0;

	nsent = 0;
	inet_stats.arp_dropped = 0;
	arp_output(e, 0x0A000204, ip_packet());
	for (int t = 0; t < 10 * ARP_RETRY; t++) {
		inet_now++;
		arp_tick();
	}
	for (int i = 0; i < nsent; i++)
		requests += sent[i].op == ARP_REQUEST && sent[i].tpa == 0x0A000204;
	check("arp_retries", requests == ARP_TRIES && inet_stats.arp_dropped == 1 &&
	      pbuf_in_use() == 0, "%d requests, %u dropped, %u in use", requests,
	      inet_stats.arp_dropped, pbuf_in_use());
}

static void
test_arp_answer(struct ifc *e)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t a[ARP_LEN];

	nsent = 0;
	make_arp(a, ARP_REQUEST, mac, 0x0A000202, e->addr);
	arp_input(e, a, sizeof(a));
	check("arp_answers", nsent == 1 && sent[0].op == ARP_REPLY && sent[0].tpa == 0x0A000202 &&
	      memcmp(sent[0].dst, mac, 6) == 0, "nsent %d", nsent);
	make_arp(a, ARP_REQUEST, mac, 0x0A000202, 0x0A000263);
	arp_input(e, a, sizeof(a));
	a[4] = 5;
	arp_input(e, a, sizeof(a));
	make_arp(a, 7, mac, 0x0A000202, e->addr);
	arp_input(e, a, sizeof(a));
	arp_input(e, a, 20);
	check("arp_garbage", nsent == 1 && inet_stats.arp_bad == 3, "nsent %d, bad %u", nsent,
	      inet_stats.arp_bad);
	arp_output(e, 0x0A000202, ip_packet());
	check("arp_learnt_from_request", nsent == 2 && sent[1].type == ETH_TYPE_IP,
	      "the asker was not cached");
}

int
main(void)
{
	struct ifc *e;

	test_conf();
	test_cksum();
	e = setup_ifc();
	test_arp_resolve(e);
	test_arp_retries(e);
	test_arp_answer(e);
	return failures != 0;
}
