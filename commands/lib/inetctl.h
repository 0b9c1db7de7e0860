/*
 * inetctl.h - what ifconfig, route, arp, netstat and dhcpc share: the configuration ioctls
 * on an AF_INET socket (handouts/inet.md, "Configuration"), parsing addresses and MACs,
 * and the routing table as route and netstat -r print it.
 *
 * A header of static functions, included by relative path ("../lib/inetctl.h") like the
 * other commands/lib headers.  Each command sets inetctl_name to its own name for the
 * messages.  inet_conf() prints "NAME: WHAT: REASON" for a failed request (EPERM reads
 * "permission denied (root only)").
 */
#ifndef COMMANDS_INETCTL_H
#define COMMANDS_INETCTL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/route.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <minnow/inetconf.h>

static const char *inetctl_name = "inet";    /* the command's name, for messages */
static int inetctl_fd = -1;                     /* the socket, once open */

/* An AF_INET socket to ask inet through (once); exits 1 if inet is not there. */
static inline int
inet_sock(void)
{
	if (inetctl_fd < 0 && (inetctl_fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0) {
		fprintf(stderr, "%s: cannot reach inet (socket: %s)\n", inetctl_name,
			strerror(errno));
		exit(1);
	}
	return inetctl_fd;
}

/* ioctl request req with arg on the socket: 0, or -1 after "NAME: what: reason". */
static inline int
inet_conf(unsigned long req, void *arg, const char *what)
{
	if (ioctl(inet_sock(), req, arg) == 0)
		return 0;
	fprintf(stderr, "%s: %s: %s%s\n", inetctl_name, what, strerror(errno),
		errno == EPERM ? " (root only)" : "");
	return -1;
}

/* "a.b.c.d" into *a (network order): 1, or 0 after "NAME: bad address". */
static inline int
parse_addr(const char *s, in_addr_t *a)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1) {
		fprintf(stderr, "%s: bad address \"%s\" (want a.b.c.d)\n", inetctl_name, s);
		return 0;
	}
	*a = in.s_addr;
	return 1;
}

/* "xx:xx:xx:xx:xx:xx" into mac: 1, or 0 after "NAME: bad MAC". */
static inline int
parse_mac(const char *s, unsigned char *mac)
{
	for (int i = 0; i < 6; i++) {
		char *end;
		unsigned long v;

		if (s[0] == '\0' || s[0] == ':' || s[0] == '-' || s[0] == '+' || s[0] == ' ')
			break;
		v = strtoul(s, &end, 16);
		if (v > 255 || end - s > 2 || *end != (i < 5 ? ':' : '\0'))
			break;
		mac[i] = (unsigned char)v;
		if (i == 5)
			return 1;
		s = end + 1;
	}
	fprintf(stderr, "%s: bad MAC address (want xx:xx:xx:xx:xx:xx)\n", inetctl_name);
	return 0;
}

/* The address a (network order) as a sockaddr_in in sa. */
static inline void
sa_set(struct sockaddr *sa, in_addr_t a)
{
	struct sockaddr_in *in = (struct sockaddr_in *)sa;

	memset(sa, 0, sizeof(*sa));
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = a;
}

/* a (network order) as "a.b.c.d" in one of four static buffers (four to a printf). */
static inline const char *
addr_str(in_addr_t a)
{
	static char buf[4][INET_ADDRSTRLEN];
	static int k;
	struct in_addr in = { a };

	k = (k + 1) & 3;
	inet_ntop(AF_INET, &in, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* mac as "xx:xx:xx:xx:xx:xx" in a static buffer. */
static inline const char *
mac_string(const unsigned char *m)
{
	static char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		 m[4], m[5]);
	return buf;
}

/* The routing table as route and netstat -r print it: 0, or 1 if inet refused. */
static inline int
print_routes(void)
{
	static struct inet_rtlist l;

	if (inet_conf(SIOCGRTLIST, &l, "reading the routing table") < 0)
		return 1;
	printf("Destination     Gateway         Genmask         Flags Iface\n");
	for (int i = 0; i < l.count; i++) {
		const struct inet_rtinfo *r = &l.rts[i];
		char flags[4] = "U";

		if (r->flags & RTF_GATEWAY)
			strcat(flags, "G");
		if (r->flags & RTF_HOST)
			strcat(flags, "H");
		printf("%-15s %-15s %-15s %-5s %s\n", r->mask.s_addr == 0 ? "default" :
		       addr_str(r->dst.s_addr), addr_str(r->gateway.s_addr),
		       addr_str(r->mask.s_addr), flags, r->ifname);
	}
	return 0;
}

#endif /* COMMANDS_INETCTL_H */
