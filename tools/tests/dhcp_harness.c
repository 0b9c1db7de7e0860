/*
 * dhcp_harness.c - host checks of the DHCP messages of inet's client (servers/inet/
 * dhcpmsg.c, compiled unchanged; tools/tests/test_inet.py): the DISCOVER and REQUESTs it
 * builds, byte by byte where RFC 2131 fixes them; the OFFER, ACK and NAK it takes; and
 * every kind of malformed reply it must refuse, then random garbage (the parser must end
 * and refuse it).  Linked into inet_harness.c; check() (harness_check.h) prints "ok NAME"
 * or "FAIL NAME: why" per check; test_dhcp() runs them all and returns the failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../servers/inet/dhcpmsg.h"
#include "harness_check.h"

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

int test_dhcp(void);

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The value of option code in built message m (len bytes), or NULL; its length in *olen. */
static const uint8_t *
find_opt(const uint8_t *m, size_t len, int code, int *olen)
{
	for (size_t i = DHCP_OPT_OFF; i + 1 < len && m[i] != 255;) {
		if (m[i] == 0) {
			i++;
			continue;
		}
		if (m[i] == code) {
			*olen = m[i + 1];
			return m + i + 2;
		}
		i += 2 + (size_t)m[i + 1];
	}
	return NULL;
}

static void
test_build(void)
{
	static uint8_t m[DHCP_MSG_MAX];
	struct dhcp_out o = { DHCPDISCOVER, 0xdeadbeef, mac, 0, 0, 0 };
	size_t len = dhcp_build(m, &o);
	const uint8_t *v;
	int n = 0;

	check("discover_fixed", len == DHCP_MSG_MIN && m[0] == 1 && m[1] == 1 && m[2] == 6 &&
	      be32(m + 4) == 0xdeadbeef && m[10] == 0x80 && be32(m + 12) == 0 &&
	      memcmp(m + 28, mac, 6) == 0 && be32(m + 236) == DHCP_COOKIE,
	      "len %zu op %d xid %08x flags %02x", len, m[0], be32(m + 4), m[10]);
	v = find_opt(m, len, 53, &n);
	check("discover_type", v != NULL && n == 1 && v[0] == DHCPDISCOVER, "option 53");
	v = find_opt(m, len, 61, &n);
	check("discover_client_id", v != NULL && n == 7 && v[0] == 1 && memcmp(v + 1, mac, 6) == 0,
	      "option 61");
	check("discover_no_request", find_opt(m, len, 50, &n) == NULL &&
	      find_opt(m, len, 54, &n) == NULL, "options 50/54 in a DISCOVER");
	o = (struct dhcp_out){ DHCPREQUEST, 7, mac, 0, 0x0a00020f, 0x0a000202 };
	len = dhcp_build(m, &o);
	v = find_opt(m, len, 50, &n);
	check("request_selecting", v != NULL && n == 4 && be32(v) == 0x0a00020f &&
	      (v = find_opt(m, len, 54, &n)) != NULL && be32(v) == 0x0a000202 && m[10] == 0x80,
	      "options 50, 54, broadcast flag");
	o = (struct dhcp_out){ DHCPREQUEST, 8, mac, 0x0a00020f, 0, 0 };
	len = dhcp_build(m, &o);
	check("request_renewing", be32(m + 12) == 0x0a00020f && m[10] == 0 &&
	      find_opt(m, len, 50, &n) == NULL, "ciaddr %08x flags %02x", be32(m + 12), m[10]);
}

/* A server's reply: xid 0x11223344 to mac, type, yiaddr 10.0.2.15, then opts (n bytes),
 * then the end option unless n is negative. */
static size_t
reply(uint8_t *m, int type, const uint8_t *opts, int n)
{
	size_t len = DHCP_OPT_OFF;

	memset(m, 0, 600);
	m[0] = 2, m[1] = 1, m[2] = 6;
	m[4] = 0x11, m[5] = 0x22, m[6] = 0x33, m[7] = 0x44;
	m[16] = 10, m[17] = 0, m[18] = 2, m[19] = 15;
	memcpy(m + 28, mac, 6);
	m[236] = 99, m[237] = 130, m[238] = 83, m[239] = 99;
	m[len++] = 53, m[len++] = 1, m[len++] = (uint8_t)type;
	memcpy(m + len, opts, (size_t)(n < 0 ? -n : n));
	len += (size_t)(n < 0 ? -n : n);
	if (n >= 0)
		m[len++] = 255;
	return len;
}

/* server 10.0.2.2, mask /24, routers 10.0.2.2 and .9, pad, dns 10.0.2.3, an unknown
 * option, lease 86400, T1 100, T2 200 */
static const uint8_t good[] = {
	54, 4, 10, 0, 2, 2,   1, 4, 255, 255, 255, 0,   3, 8, 10, 0, 2, 2, 10, 0, 2, 9,
	0, 0,   6, 4, 10, 0, 2, 3,   200, 3, 1, 2, 3,   51, 4, 0, 1, 0x51, 0x80,
	58, 4, 0, 0, 0, 100,   59, 4, 0, 0, 0, 200,
};

static void
test_parse_good(void)
{
	static uint8_t m[600];
	struct dhcp_in in;
	size_t len = reply(m, DHCPACK, good, sizeof(good));

	check("ack", dhcp_parse(m, len, &in) == 1 && in.type == DHCPACK && in.xid == 0x11223344 &&
	      in.yiaddr == 0x0a00020f && in.server == 0x0a000202 && in.netmask == 0xffffff00 &&
	      in.router == 0x0a000202 && in.dns == 0x0a000203 && in.lease == 86400 &&
	      in.t1 == 100 && in.t2 == 200 && memcmp(in.chaddr, mac, 6) == 0,
	      "type %d yiaddr %08x router %08x lease %u", in.type, in.yiaddr, in.router, in.lease);
	len = reply(m, DHCPOFFER, good, 6);     /* the server id alone */
	check("offer_minimal", dhcp_parse(m, len, &in) == 1 && in.type == DHCPOFFER &&
	      in.lease == 0 && in.netmask == 0, "type %d", in.type);
	len = reply(m, DHCPNAK, NULL, 0);
	m[16] = 0;                              /* a NAK has no yiaddr */
	check("nak", dhcp_parse(m, len, &in) == 1 && in.type == DHCPNAK, "type %d", in.type);
}

/* Each malformed reply: its name, and a change made to a good ACK. */
static void
test_parse_bad(void)
{
	static const uint8_t trunc[] = { 54, 4, 10, 0, 2, 2, 51, 40, 0, 0 };
	static const uint8_t badmask[] = { 54, 4, 10, 0, 2, 2, 1, 4, 255, 0, 255, 0,
					   51, 4, 0, 0, 1, 0 };
	static const uint8_t rtr3[] = { 54, 4, 10, 0, 2, 2, 3, 3, 10, 0, 2, 51, 4, 0, 0, 1, 0 };
	static const uint8_t nolease[] = { 54, 4, 10, 0, 2, 2 };
	static const uint8_t noserver[] = { 51, 4, 0, 0, 1, 0 };
	static uint8_t m[600];
	struct dhcp_in in;
	size_t len;
	int bad = 0;

	len = reply(m, DHCPACK, good, sizeof(good));
	bad += !dhcp_parse(m, 239, &in);                        /* short */
	m[0] = 1, bad += !dhcp_parse(m, len, &in), m[0] = 2;    /* a BOOTREQUEST */
	m[238] = 84, bad += !dhcp_parse(m, len, &in), m[238] = 83;      /* cookie */
	m[2] = 16, bad += !dhcp_parse(m, len, &in), m[2] = 6;   /* hlen */
	bad += !dhcp_parse(m, len - 1, &in);                    /* no end option */
	len = reply(m, DHCPACK, trunc, -(int)sizeof(trunc));    /* option past the end */
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, DHCPACK, badmask, sizeof(badmask));
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, DHCPACK, rtr3, sizeof(rtr3));
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, DHCPACK, nolease, sizeof(nolease));
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, DHCPOFFER, noserver, sizeof(noserver));
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, 9, good, sizeof(good));
	bad += !dhcp_parse(m, len, &in);
	len = reply(m, DHCPOFFER, good, sizeof(good));
	m[16] = 127, bad += !dhcp_parse(m, len, &in);           /* loopback yiaddr */
	m[16] = 224, bad += !dhcp_parse(m, len, &in);           /* multicast */
	memset(m + 16, 0, 4), bad += !dhcp_parse(m, len, &in);  /* none */
	m[16] = 10, m[19] = 15;
	m[DHCP_OPT_OFF + 1] = 2, bad += !dhcp_parse(m, len, &in);       /* type of 2 bytes */
	check("malformed", bad == 15, "%d of 15 malformed replies refused", bad);
}

/* Random garbage after a good header: the parser ends, and takes nothing it should not. */
static void
test_fuzz(void)
{
	static uint8_t m[600];
	struct dhcp_in in;
	unsigned int seed = 12345, taken = 0, wrong = 0;

	for (int k = 0; k < 200000; k++) {
		size_t len = DHCP_OPT_OFF + (seed % 300);

		reply(m, DHCPOFFER, NULL, 0);
		for (size_t i = DHCP_OPT_OFF; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			m[i] = (uint8_t)(seed >> 16);
		}
		if (dhcp_parse(m, len, &in)) {
			taken++;
			wrong += in.type != DHCPOFFER && in.type != DHCPACK && in.type != DHCPNAK;
		}
	}
	check("fuzz", wrong == 0, "%u of %u garbage messages taken with a bad type", wrong, taken);
}

int
test_dhcp(void)
{
	test_build();
	test_parse_good();
	test_parse_bad();
	test_fuzz();
	return failures;
}
