/*
 * ping.c - /service/ping, a small service RS starts from the root image (`service up
 * /service/ping`; handouts/rs.md, "Starting and stopping services").
 *
 * It answers every request with a sendnb of PING_REPLY (m_type) and the number of requests
 * served so far in the first word of the payload, and RS's pings through SEF's default.
 * A request whose m_type is PING_EXIT, PING_PANIC or PING_FAULT is not answered: ping
 * exits, panics or divides by zero (/test/pingreq sends them; the crash recovery tests).
 * PING_HANG is answered, then this instance stops answering RS's pings (a hang, for the
 * heartbeat tests; a restarted instance answers again).
 * Its fresh-init callback prints "ping LABEL: init fresh, endpoint E" (LABEL is its first
 * argument, or "ping"), its restart-init callback "ping LABEL: init restart, endpoint E,
 * old endpoint O"; its SIGTERM handler prints "ping LABEL: SIGTERM, exiting" and exits.
 * Modes (the second argument, `-args "LABEL MODE"`), for the tests of RS's error paths:
 *   fail     the init callback returns EIO: RS must end it and report EIO to `service up`
 *   crash    the init callback divides by zero: RS must report the death (EDEADEPT)
 *   noterm   SIGTERM is ignored: `service down` must end it with SIGKILL
 *   crashrestart  the restart-init callback divides by zero: every restart fails, and RS
 *            must back off
 *   reset    the restart-init callback is SEF's default, sef_cb_init_reset (ERESTART): RS
 *            must start a fresh instance, with a new endpoint, instead
 *   inb      the init callback reads I/O port 0x61 (sys_inb) and prints "ping LABEL: inb
 *            0x61: R" (R = 0, or the kernel's error: -ECALLDENIED without DEVIO in its
 *            system.conf entry, -EPERM without the port in its io list): the privileges
 *            RS gave it, seen from inside; every ordinary request reads and prints it
 *            again (after `service edit`, the privileges it has now)
 * Its own entry in /etc/system.conf gives it the basic calls only.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>

#define PING_REPLY 0x1      /* the m_type of every answer */
#define INB_PORT   0x61     /* mode inb: the PC's system control port B (reading is harmless) */
#define PING_EXIT  0x10     /* requests: exit(3) */
#define PING_PANIC 0x11     /*           panic() */
#define PING_FAULT 0x12     /*           divide by zero */
#define PING_HANG  0x13     /*           stop answering pings (answered) */

static const char *label = "ping", *mode = "";
static volatile int hundred = 100, zero;     /* volatile: a real division, a real fault */

/* Mode inb: read port INB_PORT and print what the kernel answered. */
static void
print_inb(void)
{
	uint32_t value;

	printf("ping %s: inb 0x%x: %d\n", label, INB_PORT, sys_inb(INB_PORT, &value));
}

static int
init_fresh(int type, sef_init_info_t *info)
{
	(void)type;
	printf("ping %s: init fresh, endpoint %d\n", label, info->endpoint);
	if (strcmp(mode, "fail") == 0) {
		printf("ping %s: failing init with EIO\n", label);
		return -EIO;
	}
	if (strcmp(mode, "inb") == 0)
		print_inb();
	if (strcmp(mode, "crash") == 0) {
		printf("ping %s: dividing by zero in init\n", label);
		return hundred / zero;
	}
	return OK;
}

static int
init_restart(int type, sef_init_info_t *info)
{
	(void)type;
	printf("ping %s: init restart, endpoint %d, old endpoint %d\n", label, info->endpoint,
	       info->old_endpoint);
	if (strcmp(mode, "crashrestart") == 0) {
		printf("ping %s: dividing by zero in restart init\n", label);
		return hundred / zero;
	}
	return OK;
}

/* The requests that end ping (the crash recovery tests). */
static void
die_on(int type)
{
	if (type == PING_EXIT) {
		printf("ping %s: exiting on request\n", label);
		sef_exit(3);
	}
	if (type == PING_PANIC)
		panic("ping %s: panic on request", label);
	if (type == PING_FAULT) {
		printf("ping %s: dividing by zero on request\n", label);
		printf("%d\n", hundred / zero);
	}
}

/* RS's ping, once ping "hangs": no answer. */
static void
no_pong(endpoint_t source)
{
	(void)source;
}

static void
on_signal(int signo)
{
	if (signo != SIGTERM) {
		printf("ping %s: signal %d\n", label, signo);
		return;
	}
	if (strcmp(mode, "noterm") == 0) {
		printf("ping %s: SIGTERM ignored\n", label);
		return;
	}
	printf("ping %s: SIGTERM, exiting\n", label);
	sef_exit(0);
}

int
main(int argc, char **argv)
{
	uint32_t served = 0;
	endpoint_t from;
	message m;
	int status;

	if (argc > 1)
		label = argv[1];
	if (argc > 2)
		mode = argv[2];
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(strcmp(mode, "reset") == 0 ? sef_cb_init_reset : init_restart);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	for (;;) {
		if (sef_receive_status(ANY, &m, &status) != OK || m.m_type == NOTIFY_MESSAGE)
			continue;
		die_on(m.m_type);
		if (strcmp(mode, "inb") == 0)
			print_inb();
		if (m.m_type == PING_HANG) {
			printf("ping %s: not answering pings any more\n", label);
			sef_setcb_ping_reply(no_pong);
		}
		from = m.m_source;
		memset(&m, 0, sizeof(m));
		m.m_type = PING_REPLY;
		m.m_u32.m_u32[0] = ++served;
		ipc_sendnb(from, &m);
	}
}
