/*
 * route - show and change inet's routing table (handouts/inet.md, "Configuration").
 *
 *   route [-n]                                 the table
 *   route add|del default [gw GW] [dev IF]     the default route
 *   route add|del -net NET netmask MASK [gw GW] [dev IF]
 *   route add|del -host HOST [gw GW] [dev IF]
 *
 * Changes are root's.  Speaks SIOCGRTLIST, SIOCADDRT and SIOCDELRT (struct rtentry,
 * net/route.h) to inet on an AF_INET socket.  Exit status: 0, 1 if inet refused (the
 * message names the reason: EEXIST, ESRCH, ENETUNREACH, EPERM), 2 for bad arguments.
 */
#include "../lib/inetctl.h"

static void
usage(void)
{
	fprintf(stderr, "usage: route [-n]\n"
		"       route add|del default [gw GW] [dev IF]\n"
		"       route add|del -net NET netmask MASK [gw GW] [dev IF]\n"
		"       route add|del -host HOST [gw GW] [dev IF]\n");
	exit(2);
}

/* An address argument, or exit 2. */
static in_addr_t
addr_arg(const char *s)
{
	in_addr_t a;

	if (!parse_addr(s, &a))
		exit(2);
	return a;
}

/* The destination: "default", "-net NET netmask MASK" or "-host HOST"; returns the
 * index of the next argument. */
static int
destination(int argc, char **argv, struct rtentry *rt)
{
	if (argc >= 1 && strcmp(argv[0], "default") == 0) {
		sa_set(&rt->rt_dst, 0), sa_set(&rt->rt_genmask, 0);
		return 1;
	}
	if (argc >= 2 && strcmp(argv[0], "-host") == 0) {
		sa_set(&rt->rt_dst, addr_arg(argv[1]));
		rt->rt_flags |= RTF_HOST;
		return 2;
	}
	if (argc >= 4 && strcmp(argv[0], "-net") == 0 && strcmp(argv[2], "netmask") == 0) {
		sa_set(&rt->rt_dst, addr_arg(argv[1]));
		sa_set(&rt->rt_genmask, addr_arg(argv[3]));
		return 4;
	}
	usage();
	return 0;
}

/* "gw GW" and "dev IF", each at most once. */
static void
options(int argc, char **argv, struct rtentry *rt)
{
	for (int k = 0; k < argc; k += 2) {
		if (k + 1 >= argc)
			usage();
		if (strcmp(argv[k], "gw") == 0 && !(rt->rt_flags & RTF_GATEWAY)) {
			sa_set(&rt->rt_gateway, addr_arg(argv[k + 1]));
			rt->rt_flags |= RTF_GATEWAY;
		} else if (strcmp(argv[k], "dev") == 0 && rt->rt_ifname[0] == '\0' &&
			   strlen(argv[k + 1]) < IFNAMSIZ) {
			strcpy(rt->rt_ifname, argv[k + 1]);
		} else {
			usage();
		}
	}
}

int
main(int argc, char **argv)
{
	static struct rtentry rt;
	int add, n;

	inetctl_name = "route";
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-n") == 0))
		return print_routes();
	if (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "del") != 0)
		usage();
	add = argv[1][0] == 'a';
	rt.rt_flags = RTF_UP;
	n = destination(argc - 2, argv + 2, &rt);
	options(argc - 2 - n, argv + 2 + n, &rt);
	return inet_conf(add ? SIOCADDRT : SIOCDELRT, &rt, add ? "add" : "del") < 0 ? 1 : 0;
}
