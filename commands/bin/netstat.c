/*
 * netstat - inet's sockets, routes, interfaces and counters (handouts/inet.md,
 * "Configuration").
 *
 *   netstat [-a]       every socket: protocol, receive and send queue bytes, local and
 *                      foreign address:port, and TCP's state
 *   netstat -r         the routing table (as route prints it)
 *   netstat -i         one line per interface: MTU, packets, errors and drops each way
 *   netstat -s         inet's counters by name
 *
 * Addresses are numeric (no names are looked up).  Speaks SIOCGSOCKLIST, SIOCGRTLIST,
 * SIOCGIFLIST and SIOCGINETSTATS to inet on an AF_INET socket.  Exit status: 0, 1 if
 * inet refused, 2 for bad arguments.
 */
#include "../lib/inetctl.h"

static void
usage(void)
{
	fprintf(stderr, "usage: netstat [-a | -r | -i | -s]\n");
	exit(2);
}

/* addr:port (network order; 0: "*") in buf. */
static const char *
endpoint(struct in_addr a, in_port_t port, char *buf, size_t len)
{
	char p[8];

	snprintf(p, sizeof(p), "%u", ntohs(port));
	snprintf(buf, len, "%s:%s", a.s_addr == 0 ? "*" : addr_str(a.s_addr),
		 port == 0 ? "*" : p);
	return buf;
}

static int
sockets(void)
{
	static struct inet_socklist l;
	char local[24], foreign[24];

	if (inet_conf(SIOCGSOCKLIST, &l, "reading the sockets") < 0)
		return 1;
	printf("Proto Recv-Q Send-Q Local Address          Foreign Address        State\n");
	for (int i = 0; i < l.count; i++) {
		const struct inet_sockrow *s = &l.rows[i];

		printf("%-5s %6u %6u %-22s %-22s %s\n", s->proto == IPPROTO_TCP ? "tcp" : "udp",
		       s->rcvq, s->sndq, endpoint(s->laddr, s->lport, local, sizeof(local)),
		       endpoint(s->faddr, s->fport, foreign, sizeof(foreign)), s->state_name);
	}
	if (l.total > l.count)
		printf("(%d more sockets not shown)\n", l.total - l.count);
	return 0;
}

static int
interfaces(void)
{
	static struct inet_iflist l;

	if (inet_conf(SIOCGIFLIST, &l, "reading the interfaces") < 0)
		return 1;
	printf("Iface    MTU    RX-OK RX-ERR RX-DRP    TX-OK TX-ERR TX-DRP Flg\n");
	for (int i = 0; i < l.count; i++) {
		const struct inet_ifinfo *f = &l.ifs[i];

		printf("%-6s %5d %8u %6u %6u %8u %6u %6u %s%s%s%s\n", f->name, f->mtu,
		       f->rx_packets, f->rx_errors, f->rx_dropped, f->tx_packets, f->tx_errors,
		       f->tx_dropped, f->flags & IFF_BROADCAST ? "B" : "",
		       f->flags & IFF_LOOPBACK ? "L" : "", f->flags & IFF_RUNNING ? "R" : "",
		       f->flags & IFF_UP ? "U" : "");
	}
	return 0;
}

static int
counters(void)
{
	static struct inet_counters l;

	if (inet_conf(SIOCGINETSTATS, &l, "reading the counters") < 0)
		return 1;
	for (int i = 0; i < l.count; i++)
		printf("%-20s %u\n", l.c[i].name, l.c[i].value);
	return 0;
}

int
main(int argc, char **argv)
{
	inetctl_name = "netstat";
	if (argc == 1)
		return sockets();
	if (argc != 2 || argv[1][0] != '-' || argv[1][1] == '\0' || argv[1][2] != '\0')
		usage();
	switch (argv[1][1]) {
	case 'a':
		return sockets();
	case 'r':
		return print_routes();
	case 'i':
		return interfaces();
	case 's':
		return counters();
	default:
		usage();
		return 2;
	}
}
