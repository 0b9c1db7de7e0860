/*
 * arp - show and change inet's ARP cache (handouts/inet.md, "Configuration").
 *
 *   arp [-a]           every entry: address, MAC (or "<incomplete>" while inet asks),
 *                      interface, and PERM for an entry set by hand or its seconds left
 *   arp -d HOST        delete HOST's entry (root)
 *   arp -s HOST MAC    a permanent entry HOST -> MAC (root)
 *
 * Speaks SIOCGARPLIST, SIOCDARP and SIOCSARP (struct arpreq, net/if_arp.h) to inet on an
 * AF_INET socket.  Exit status: 0, 1 if inet refused (ESRCH: no entry; ENETUNREACH: HOST
 * on no interface's network; EPERM), 2 for bad arguments.
 */
#include <net/if_arp.h>
#include "../lib/inetctl.h"

static void
usage(void)
{
	fprintf(stderr, "usage: arp [-a]\n       arp -d HOST\n       arp -s HOST MAC\n");
	exit(2);
}

static int
list(void)
{
	static struct inet_arplist l;

	if (inet_conf(SIOCGARPLIST, &l, "reading the ARP cache") < 0)
		return 1;
	for (int i = 0; i < l.count; i++) {
		const struct inet_arpinfo *e = &l.ents[i];

		printf("? (%s) at ", addr_str(e->ip.s_addr));
		if (!(e->flags & ATF_COM))
			printf("<incomplete> on %s\n", e->ifname);
		else if (e->flags & ATF_PERM)
			printf("%s [ether] PERM on %s\n", mac_string(e->mac), e->ifname);
		else
			printf("%s [ether] on %s (%u s)\n", mac_string(e->mac), e->ifname,
			       e->expires);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct arpreq r;
	in_addr_t a;

	inetctl_name = "arp";
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0))
		return list();
	if (argc == 3 && strcmp(argv[1], "-d") == 0) {
		if (!parse_addr(argv[2], &a))
			return 2;
		sa_set(&r.arp_pa, a);
		return inet_conf(SIOCDARP, &r, argv[2]) < 0 ? 1 : 0;
	}
	if (argc == 4 && strcmp(argv[1], "-s") == 0) {
		if (!parse_addr(argv[2], &a) ||
		    !parse_mac(argv[3], (unsigned char *)r.arp_ha.sa_data))
			return 2;
		sa_set(&r.arp_pa, a);
		r.arp_ha.sa_family = 1;         /* ARPHRD_ETHER */
		r.arp_flags = ATF_PERM | ATF_COM;
		return inet_conf(SIOCSARP, &r, argv[2]) < 0 ? 1 : 0;
	}
	usage();
	return 2;
}
