/*
 * sef_test.c - a test service for SEF and RS's boot protocol (grader/tests/rs_boot.py).
 *
 * Booted as a module after VM and RS: "sef_test priv=sys label=L [sf=synch] NAME [MODE]".
 * It prints "sef_test NAME: start" first thing, then calls sef_startup(); its fresh-init
 * callback prints "sef_test NAME: init fresh (endpoint E, old endpoint O)" and checks that
 * RS's public table, read through the grant of RS_INIT, lists it under its own endpoint
 * (PASS/FAIL sef_test_NAME_table).  Then it serves forever through sef_receive(), so RS's
 * ping is answered by SEF's default callback.  MODE:
 *   fail     the init callback returns EIO (RS must panic naming the service)
 *   divzero  after init, divide by zero (RS, its signal manager, reports the death)
 *   sigterm  after init, raise SIGTERM for itself with sys_kill: RS passes it back as
 *            SIGS_SIGNAL_RECEIVED and the signal handler prints "sef_test NAME: signal 15"
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/rs.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "testlib.h"

static const char *name = "?", *mode = "";
static char casename[64];

/* Is the caller listed in RS's public table, read through the init grant? */
static void
check_table(const sef_init_info_t *info)
{
	static struct rprocpub tab[RS_NR_PUB];
	int r, i, found = 0;

	r = sys_safecopyfrom(info->rs_endpoint, info->rproctab_gid, 0, (vir_bytes)tab,
			     sizeof(tab));
	for (i = 0; r == OK && i < RS_NR_PUB; i++)
		found |= tab[i].in_use && tab[i].endpoint == info->endpoint;
	snprintf(casename, sizeof(casename), "sef_test_%s_table", name);
	test_check(casename, r == OK && found, "safecopy %s, own entry %sfound",
		   test_errname(r), found ? "" : "not ");
}

static int
init_fresh(int type, sef_init_info_t *info)
{
	(void)type;
	printf("sef_test %s: init fresh (endpoint %d, old endpoint %d)\n", name, info->endpoint,
	       info->old_endpoint);
	check_table(info);
	if (strcmp(mode, "fail") == 0) {
		printf("sef_test %s: failing init with EIO\n", name);
		return -EIO;
	}
	return OK;
}

static void
on_signal(int signo)
{
	printf("sef_test %s: signal %d\n", name, signo);
}

int
main(int argc, char **argv)
{
	volatile int zero = 0, hundred = 100;
	message m;
	int r;

	argc = test_init("sef_test", argc, argv);
	if (argc > 1)
		name = argv[1];
	if (argc > 2)
		mode = argv[2];
	printf("sef_test %s: start\n", name);
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	printf("sef_test %s: running\n", name);
	if (strcmp(mode, "divzero") == 0) {
		printf("sef_test %s: dividing by zero\n", name);
		printf("sef_test %s: not reached %d\n", name, hundred / zero);
	}
	if (strcmp(mode, "sigterm") == 0 && (r = sys_kill(sef_self(), SIGTERM)) != OK)
		printf("sef_test %s: sys_kill failed: %s\n", name, test_errname(r));
	for (;;) {
		if ((r = sef_receive(ANY, &m)) != OK)
			panic("sef_receive failed: %d", r);
		printf("sef_test %s: message %d from %d\n", name, m.m_type, m.m_source);
	}
}
