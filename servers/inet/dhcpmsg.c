/*
 * dhcpmsg.c - building and parsing DHCP messages (RFC 2131 section 2, RFC 2132), the pure
 * part of inet's DHCP client (dhcp.c; handouts/inet.md, "DHCP").
 *
 * A message is BOOTP's fixed 236 bytes (op, htype, hlen, hops, xid, secs, flags, ciaddr,
 * yiaddr, siaddr, giaddr, chaddr, sname, file), the magic cookie, and options: code,
 * length, value, with 0 as a one-byte pad and 255 as the end.  What we send asks for the
 * options the client uses (parameter request list 55) and names us by MAC (client id 61);
 * the broadcast flag asks the server to broadcast its answer.
 *
 * Parsing trusts nothing: the fixed part must be a BOOTREPLY for Ethernet with the cookie;
 * every option must fit inside the message (each step moves forward, so the loop ends);
 * the options must end with 255; each option we read must have its RFC 2132 length; the
 * message type must be OFFER, ACK or NAK; an OFFER or ACK must name its server and a
 * usable address, an ACK its lease, and a netmask must be ones then zeros.  Anything else
 * is malformed (0).  Not implemented: option overload (52: options in sname and file),
 * which is ignored.
 *
 * Entry points: dhcp_build(), dhcp_parse().
 */
#include <string.h>
#include "dhcpmsg.h"
#include "inet.h"          /* get32(), put32() */

#define OPT_PAD         0
#define OPT_NETMASK     1
#define OPT_ROUTER      3
#define OPT_DNS         6
#define OPT_HOSTNAME    12
#define OPT_REQUESTED   50
#define OPT_LEASE       51
#define OPT_TYPE        53
#define OPT_SERVER      54
#define OPT_PARAMS      55
#define OPT_T1          58
#define OPT_T2          59
#define OPT_CLIENT_ID   61
#define OPT_END         255

/* Option code with a 4-byte value at *o; *o moves past it. */
static void
opt32(uint8_t **o, int code, uint32_t v)
{
	(*o)[0] = (uint8_t)code, (*o)[1] = 4;
	put32(*o + 2, v);
	*o += 6;
}

size_t
dhcp_build(uint8_t *m, const struct dhcp_out *o)
{
	static const uint8_t params[] = { OPT_NETMASK, OPT_ROUTER, OPT_DNS, OPT_LEASE,
					  OPT_SERVER, OPT_T1, OPT_T2 };
	uint8_t *p = m + DHCP_OPT_OFF;

	memset(m, 0, DHCP_MSG_MAX);
	m[0] = 1, m[1] = 1, m[2] = 6;           /* BOOTREQUEST, Ethernet, 6-byte MAC */
	put32(m + 4, o->xid);
	m[10] = o->ciaddr == 0 ? 0x80 : 0;      /* broadcast flag, until we have an address */
	put32(m + 12, o->ciaddr);
	memcpy(m + 28, o->mac, 6);
	put32(m + DHCP_FIXED_LEN, DHCP_COOKIE);
	*p++ = OPT_TYPE, *p++ = 1, *p++ = (uint8_t)o->type;
	*p++ = OPT_CLIENT_ID, *p++ = 7, *p++ = 1;
	memcpy(p, o->mac, 6), p += 6;
	if (o->requested != 0)
		opt32(&p, OPT_REQUESTED, o->requested);
	if (o->server != 0)
		opt32(&p, OPT_SERVER, o->server);
	*p++ = OPT_PARAMS, *p++ = sizeof(params);
	memcpy(p, params, sizeof(params)), p += sizeof(params);
	*p++ = OPT_HOSTNAME, *p++ = 6;
	memcpy(p, "minnow", 6), p += 6;
	*p++ = OPT_END;
	return (size_t)(p - m) < DHCP_MSG_MIN ? DHCP_MSG_MIN : (size_t)(p - m);
}

/* One option (code, len bytes at v) into in: 0 if its length is wrong. */
static int
take_option(struct dhcp_in *in, int code, const uint8_t *v, int len)
{
	uint32_t *slot = code == OPT_NETMASK ? &in->netmask : code == OPT_SERVER ? &in->server :
			 code == OPT_LEASE ? &in->lease : code == OPT_T1 ? &in->t1 :
			 code == OPT_T2 ? &in->t2 : code == OPT_ROUTER ? &in->router :
			 code == OPT_DNS ? &in->dns : NULL;

	if (code == OPT_TYPE) {
		if (len != 1)
			return 0;
		in->type = v[0];
		return 1;
	}
	if (slot == NULL)
		return 1;               /* an option we do not use */
	if (code == OPT_ROUTER || code == OPT_DNS ? len < 4 || len % 4 != 0 : len != 4)
		return 0;
	*slot = get32(v);                /* routers, servers: the first */
	return 1;
}

/* The options from m[DHCP_OPT_OFF] to m[len]: 1 if they are sound and end with 255. */
static int
parse_options(const uint8_t *m, size_t len, struct dhcp_in *in)
{
	size_t i = DHCP_OPT_OFF;

	while (i < len) {
		int code = m[i];

		if (code == OPT_END)
			return 1;
		if (code == OPT_PAD) {
			i++;
			continue;
		}
		if (i + 2 > len || i + 2 + m[i + 1] > len ||
		    !take_option(in, code, m + i + 2, m[i + 1]))
			return 0;
		i += 2 + (size_t)m[i + 1];
	}
	return 0;                       /* no end option */
}

/* A usable host address: not 0, loopback, multicast or broadcast. */
static int
host_ok(uint32_t a)
{
	return a != 0 && (a >> 24) != 127 && (a >> 28) < 0xE;
}

int
dhcp_parse(const uint8_t *m, size_t len, struct dhcp_in *in)
{
	memset(in, 0, sizeof(*in));
	if (len < DHCP_OPT_OFF || m[0] != 2 || m[1] != 1 || m[2] != 6 ||
	    get32(m + DHCP_FIXED_LEN) != DHCP_COOKIE)
		return 0;
	in->xid = get32(m + 4);
	in->yiaddr = get32(m + 16);
	memcpy(in->chaddr, m + 28, 6);
	if (!parse_options(m, len, in))
		return 0;
	if (in->netmask != 0 && ((~in->netmask + 1) & ~in->netmask) != 0)
		return 0;
	if (in->type == DHCPNAK)
		return 1;
	if (in->type != DHCPOFFER && in->type != DHCPACK)
		return 0;
	if (in->server == 0 || !host_ok(in->yiaddr))
		return 0;
	return in->type == DHCPOFFER || in->lease != 0;
}
