/*
 * hello_lutest.c - the hello driver's SEF callbacks and state hand-over, called directly
 * (grader/tests/hello.py; handouts/hello.md, "State hand-over").
 *
 * Booted as "hello_lutest priv=sys label=hello" after VM, RS and DS, linked with hello's
 * own hello.c and libdriver.  This program drives the callbacks itself, without RS's live
 * update (grader/tests/update.py tests that), and plays both versions of the driver in one
 * process: the old version counts opens and saves its state, the state is wiped as a new
 * process image would have it, and the new version's live-update init takes it back.
 * Cases (PASS/FAIL hello_lu_*, then "DONE hello_lutest ..."):
 *   fresh        fresh init: count 0, "drv.chr.hello" published (DS_DRIVER_UP)
 *   opens        three opens through hello's table: count 3; open for writing: EACCES,
 *                uncounted; minor 1: ENXIO
 *   save         hello_state_save(): "hello.lu.count" = 3 in DS
 *   wiped        after the wipe: count 0, minor 0 not open (the filter would refuse it)
 *   lu           live-update init: OK, count 3, minor 0 open again
 *   lu_deleted   the saved entries are gone from DS ("hello.lu.count", "hello.drv.open")
 *   lu_nothing   a second live-update init with nothing saved fails (ESRCH), count kept
 *   restart      restart init: OK, count 0, minor 0 not open, "hello: restarted" printed
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "../../drivers/hello/hello.h"
#include "testlib.h"

static sef_init_info_t info;

static void
case_fresh_opens(void)
{
	uint32_t up = 0;
	int r;

	r = hello_init_fresh(SEF_INIT_FRESH, &info);
	test_check("hello_lu_fresh", r == OK && hello_state.open_count == 0 &&
		   ds_retrieve_u32("drv.chr.hello", &up) == OK && up == DS_DRIVER_UP,
		   "init %s, count %u, drv.chr.hello %u", test_errname(r),
		   (unsigned)hello_state.open_count, (unsigned)up);
	for (int i = 0; i < 3; i++)
		if (hello_tab.cdr_open(HELLO_MINOR, CDEV_R_BIT, NONE) == OK)
			driver_mark_open(HELLO_MINOR);	/* what chardriver_process does */
	test_check("hello_lu_opens", hello_state.open_count == 3 &&
		   hello_tab.cdr_open(HELLO_MINOR, CDEV_R_BIT | CDEV_W_BIT, NONE) == -EACCES &&
		   hello_tab.cdr_open(1, CDEV_R_BIT, NONE) == -ENXIO &&
		   hello_state.open_count == 3, "count %u", (unsigned)hello_state.open_count);
}

static void
case_save_wipe(void)
{
	uint32_t saved = 0;
	int r = hello_state_save();

	test_check("hello_lu_save", r == OK && ds_retrieve_u32("hello.lu.count", &saved) == OK &&
		   saved == 3, "save %s, saved count %u", test_errname(r), (unsigned)saved);
	/* The new version: a fresh image (count 0, no minor open). */
	memset(&hello_state, 0, sizeof(hello_state));
	driver_announce(DRIVER_CHR);
	test_check("hello_lu_wiped", hello_state.open_count == 0 &&
		   !driver_minor_open(HELLO_MINOR), "state not wiped");
}

static void
case_lu(void)
{
	char blob[64];
	size_t len = sizeof(blob);
	uint32_t v;
	int r = hello_init_lu(SEF_INIT_LU, &info);

	test_check("hello_lu_lu", r == OK && hello_state.open_count == 3 &&
		   driver_minor_open(HELLO_MINOR), "init %s, count %u, minor 0 %s",
		   test_errname(r), (unsigned)hello_state.open_count,
		   driver_minor_open(HELLO_MINOR) ? "open" : "not open");
	test_check("hello_lu_deleted", ds_retrieve_u32("hello.lu.count", &v) == -ESRCH &&
		   ds_retrieve_mem("hello.drv.open", blob, &len) == -ESRCH,
		   "saved entries still in DS");
	r = hello_init_lu(SEF_INIT_LU, &info);
	test_check("hello_lu_nothing", r == -ESRCH && hello_state.open_count == 3,
		   "init %s (want ESRCH), count %u", test_errname(r),
		   (unsigned)hello_state.open_count);
}

static void
case_restart(void)
{
	int r = hello_init_restart(SEF_INIT_RESTART, &info);

	test_check("hello_lu_restart", r == OK && hello_state.open_count == 0 &&
		   !driver_minor_open(HELLO_MINOR), "init %s, count %u", test_errname(r),
		   (unsigned)hello_state.open_count);
}

int
main(int argc, char **argv)
{
	test_init("hello_lutest", argc, argv);
	sef_startup();
	driver_setcb_defaults(DRIVER_CHR);
	info.endpoint = sef_self();
	info.old_endpoint = NONE;
	info.rs_endpoint = sef_rs_endpoint();
	case_fresh_opens();
	case_save_wipe();
	case_lu();
	case_restart();
	test_done();
	for (;;) {	/* serve nothing; RS's pings are answered by SEF */
		message m;

		sef_receive(ANY, &m);
	}
}
