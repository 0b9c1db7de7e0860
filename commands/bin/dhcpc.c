/*
 * dhcpc - the DHCP lease of an interface (handouts/inet.md, "DHCP").  The client itself
 * runs inside inet (servers/inet/dhcp.c); this command shows what it holds, asks it to
 * renew, and writes the DNS server it learnt into /etc/resolv.conf (inet writes no files).
 *
 *   dhcpc [IF]                 the state, address, netmask, router, DNS server, server,
 *                              lease time, T1, T2, seconds since the ACK, and the counts
 *                              of messages sent, taken and ignored (IF: eth0)
 *   dhcpc -r [IF]              renew now (root): a REQUEST to the server, or, without a
 *                              lease, a new DISCOVER
 *   dhcpc -w SECONDS [IF]      wait up to SECONDS for a lease, then write
 *                              "nameserver DNS" into /etc/resolv.conf (if the lease names
 *                              one) and show the lease
 *
 * Speaks SIOCGDHCP and SIOCSDHCPRENEW (minnow/inetconf.h) to inet on an AF_INET socket.
 * Exit status: 0; 1 if inet refused, the interface has no DHCP client, the wait ran out
 * or resolv.conf could not be written; 2 for bad arguments.
 */
#include "../lib/inetctl.h"

#define RESOLV_CONF     "/etc/resolv.conf"

static void
usage(void)
{
	fprintf(stderr, "usage: dhcpc [IF]\n       dhcpc -r [IF]\n       dhcpc -w SECONDS [IF]\n");
	exit(2);
}

/* The client of ifname into d: 0, or 1 if inet refused. */
static int
get(const char *ifname, struct inet_dhcpinfo *d)
{
	memset(d, 0, sizeof(*d));
	strncpy(d->ifname, ifname, IFNAMSIZ - 1);
	return inet_conf(SIOCGDHCP, d, ifname) < 0 ? 1 : 0;
}

static int
show(const struct inet_dhcpinfo *d)
{
	if (d->state == DHCP_OFF) {
		fprintf(stderr, "dhcpc: %s: no DHCP client (a static address?)\n", d->ifname);
		return 1;
	}
	printf("%s: %s xid %#x\n", d->ifname, d->state_name, d->xid);
	if (d->state >= DHCP_BOUND) {
		printf("address %s netmask %s\n", addr_str(d->addr.s_addr),
		       addr_str(d->netmask.s_addr));
		printf("router %s dns %s server %s\n", addr_str(d->router.s_addr),
		       addr_str(d->dns.s_addr), addr_str(d->server.s_addr));
		printf("lease %u s t1 %u s t2 %u s since %u s\n", d->lease, d->t1, d->t2,
		       d->since);
	}
	printf("sent discover %u request %u; taken offer %u ack %u nak %u; ignored %u\n",
	       d->discovers, d->requests, d->offers, d->acks, d->naks, d->ignored);
	return 0;
}

/* "nameserver DNS" into /etc/resolv.conf: 0, or 1.  Written into a file of its own and
 * renamed over it, so a reader (or another dhcpc) never sees it half written. */
static int
write_resolv(const struct inet_dhcpinfo *d)
{
	char tmp[64];
	FILE *f;
	int bad;

	if (d->dns.s_addr == 0)
		return 0;
	snprintf(tmp, sizeof(tmp), "%s.%d", RESOLV_CONF, (int)getpid());
	if ((f = fopen(tmp, "w")) == NULL) {
		fprintf(stderr, "dhcpc: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	fprintf(f, "; written by dhcpc from %s's lease\nnameserver %s\n", d->ifname,
		addr_str(d->dns.s_addr));
	bad = fclose(f) != 0;
	if (bad || rename(tmp, RESOLV_CONF) != 0) {
		fprintf(stderr, "dhcpc: %s: %s\n", RESOLV_CONF, strerror(errno));
		unlink(tmp);
		return 1;
	}
	return 0;
}

/* Wait up to secs for a lease on ifname, then write resolv.conf and show it. */
static int
wait_lease(const char *ifname, long secs)
{
	struct inet_dhcpinfo d;

	for (long t = 0;; t++) {
		if (get(ifname, &d) != 0)
			return 1;
		if (d.state == DHCP_OFF || d.state >= DHCP_BOUND)
			break;
		if (t >= secs) {
			fprintf(stderr, "dhcpc: %s: no lease after %ld s (%s)\n", ifname, secs,
				d.state_name);
			return 1;
		}
		sleep(1);
	}
	return d.state == DHCP_OFF ? show(&d) : write_resolv(&d) | show(&d);
}

int
main(int argc, char **argv)
{
	struct inet_dhcpinfo d;
	const char *ifname = "eth0";
	char *end;
	long secs;

	inetctl_name = "dhcpc";
	if (argc >= 2 && strcmp(argv[1], "-r") == 0 && argc <= 3) {
		if (get(argc == 3 ? argv[2] : ifname, &d) != 0)
			return 1;
		return inet_conf(SIOCSDHCPRENEW, &d, "renew") < 0 ? 1 : 0;
	}
	if (argc >= 3 && strcmp(argv[1], "-w") == 0 && argc <= 4) {
		secs = strtol(argv[2], &end, 10);
		if (*end != '\0' || end == argv[2] || secs < 0 || secs > 100000)
			usage();
		return wait_lease(argc == 4 ? argv[3] : ifname, secs);
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		usage();
	if (argc == 2 && strlen(argv[1]) >= IFNAMSIZ) {
		fprintf(stderr, "dhcpc: %s: %s\n", argv[1], strerror(ENXIO));
		return 1;
	}
	if (get(argc == 2 ? argv[1] : ifname, &d) != 0)
		return 1;
	return show(&d);
}
