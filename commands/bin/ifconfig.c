/*
 * ifconfig - show and set inet's network interfaces (handouts/inet.md, "Configuration").
 *
 *   ifconfig                   every interface: flags, MTU, address, netmask, broadcast,
 *                              MAC, driver, and its counters
 *   ifconfig IF                that interface only
 *   ifconfig IF [ADDR] [netmask MASK] [up|down]
 *                              set its address, netmask, or IFF_UP (root only)
 *
 * Speaks the configuration ioctls to inet on an AF_INET socket (SIOCGIFLIST, SIOCSIFADDR,
 * SIOCSIFNETMASK, SIOCGIFFLAGS, SIOCSIFFLAGS).  Exit status: 0, 1 if inet refused (the
 * message names the reason: EPERM for a user, ENXIO for no such interface), 2 for bad
 * arguments.
 */
#include "../lib/inetctl.h"

static struct inet_iflist ifl;

static void
usage(void)
{
	fprintf(stderr, "usage: ifconfig [IF]\n"
		"       ifconfig IF [ADDR] [netmask MASK] [up|down]\n");
	exit(2);
}

/* The flags as "UP,BROADCAST,RUNNING" in buf. */
static const char *
flag_names(short f, char *buf)
{
	buf[0] = '\0';
	if (f & IFF_UP)
		strcat(buf, "UP,");
	if (f & IFF_BROADCAST)
		strcat(buf, "BROADCAST,");
	if (f & IFF_LOOPBACK)
		strcat(buf, "LOOPBACK,");
	if (f & IFF_RUNNING)
		strcat(buf, "RUNNING,");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

static void
show(const struct inet_ifinfo *i)
{
	char fl[48];

	printf("%s: flags=%#x<%s> mtu %d\n", i->name, i->flags, flag_names(i->flags, fl),
	       i->mtu);
	if (i->addr.s_addr != 0)
		printf("\tinet %s netmask %s", addr_str(i->addr.s_addr),
		       addr_str(i->netmask.s_addr));
	else
		printf("\tinet (none)");
	if (i->broadcast.s_addr != 0)
		printf(" broadcast %s", addr_str(i->broadcast.s_addr));
	printf("%s\n", i->dhcp ? " (dhcp)" : "");
	if (!(i->flags & IFF_LOOPBACK))
		printf("\tether %s driver %s\n", mac_string(i->mac), i->label);
	printf("\tRX packets %u bytes %u errors %u dropped %u\n", i->rx_packets, i->rx_bytes,
	       i->rx_errors, i->rx_dropped);
	printf("\tTX packets %u bytes %u errors %u dropped %u\n", i->tx_packets, i->tx_bytes,
	       i->tx_errors, i->tx_dropped);
}

/* Every interface, or the one named (NULL: all): 0, 1 if inet refused or none is so named. */
static int
show_all(const char *name)
{
	int found = 0;

	if (inet_conf(SIOCGIFLIST, &ifl, "reading the interfaces") < 0)
		return 1;
	for (int k = 0; k < ifl.count; k++)
		if (name == NULL || strcmp(ifl.ifs[k].name, name) == 0) {
			show(&ifl.ifs[k]);
			found = 1;
		}
	if (!found && name != NULL)
		fprintf(stderr, "ifconfig: %s: no such interface\n", name);
	return found ? 0 : 1;
}

/* One request naming IF with its property set by the caller. */
static int
set(unsigned long req, struct ifreq *r, const char *what)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "%s: %s", r->ifr_name, what);
	return inet_conf(req, r, msg);
}

/* Set IFF_UP on or off. */
static int
set_up(struct ifreq *r, int up)
{
	if (set(SIOCGIFFLAGS, r, "reading the flags") < 0)
		return -1;
	r->ifr_flags = (short)(up ? r->ifr_flags | IFF_UP : r->ifr_flags & ~IFF_UP);
	return set(SIOCSIFFLAGS, r, up ? "up" : "down");
}

/* The settings after IF: parsed whole first, then applied in order. */
static int
configure(const char *name, int argc, char **argv)
{
	in_addr_t addr = 0, mask = 0;
	int has_addr = 0, has_mask = 0, up = -1;
	struct ifreq r;

	for (int k = 0; k < argc; k++) {
		if (strcmp(argv[k], "up") == 0 || strcmp(argv[k], "down") == 0)
			up = argv[k][0] == 'u';
		else if (strcmp(argv[k], "netmask") == 0 && k + 1 < argc && !has_mask)
			has_mask = parse_addr(argv[++k], &mask) ? 1 : (exit(2), 0);
		else if (k == 0 && argv[k][0] >= '0' && argv[k][0] <= '9')
			has_addr = parse_addr(argv[k], &addr) ? 1 : (exit(2), 0);
		else
			usage();
	}
	memset(&r, 0, sizeof(r));
	strncpy(r.ifr_name, name, IFNAMSIZ - 1);
	if (has_mask && (sa_set(&r.ifr_netmask, mask), set(SIOCSIFNETMASK, &r, "netmask")) < 0)
		return 1;
	if (has_addr && (sa_set(&r.ifr_addr, addr), set(SIOCSIFADDR, &r, "address")) < 0)
		return 1;
	return up >= 0 && set_up(&r, up) < 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	inetctl_name = "ifconfig";
	if (argc > 1 && argv[1][0] == '-')
		usage();
	if (argc > 1 && strlen(argv[1]) >= IFNAMSIZ) {
		fprintf(stderr, "ifconfig: %s: no such interface\n", argv[1]);
		return 1;
	}
	if (argc <= 2)
		return show_all(argc == 2 ? argv[1] : NULL);
	return configure(argv[1], argc - 2, argv + 2);
}
