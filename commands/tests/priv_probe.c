/*
 * priv_probe.c - /test/priv_probe: least privilege between system processes (handouts/
 * hardening.md, "Least privilege"), run in a real system as a service:
 *
 *   service run /test/priv_probe -config FILE            its entry: ipc ALL
 *   service run /test/priv_probe -label priv_narrow -args narrow -config FILE
 *                                                         its entry: ipc ds
 *
 * It does its checks in its SEF init callback, so they are printed before `service run`
 * returns, then exits.
 *
 * Wide (ipc ALL: the kernel lets it send to every driver and file server): it is not VFS,
 * so every request of their protocols is refused, with an answer because it waits in
 * SENDREC (libdriver's caller check, lib/libdriver/callers.c; the file servers' call
 * tables).  For each of memory, tty, log and hello: CDEV_OPEN of minor 1 (/dev/mem on the
 * memory driver) is EPERM (CDEV_REPLY); a SENDREC of an unknown type and of NOTIFY_MESSAGE
 * (not a notification: it was not sent with NOTIFY) are EPERM; a SEND of a CDEV_READ and of garbage returns at once (the driver
 * took the message and dropped it) and the driver still answers the next request.  The
 * memory driver's BDEV_OPEN is EPERM (BDEV_REPLY); a REQ_LOOKUP to MFS and PFS is EPERM;
 * the disk driver at_wini's BDEV_OPEN is EPERM when it runs.
 *
 * Narrow (ipc ds): the kernel refuses (ECALLDENIED) every send outside the line, and lets
 * through DS, RS, VM and PM: tty, memory, MFS, PFS and log are denied, DS answers.
 *
 * Prints PASS/FAIL per case (probe_<target>_<what>, probe_narrow_<target>_<what>) and
 * "DONE priv_probe N passed, M failed" (priv_narrow in the narrow mode).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/bdev.h>
#include <minnow/cdev.h>
#include <minnow/ds.h>
#include <minnow/endpoint.h>
#include <minnow/fsif.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "testlib.h"

/* A type nobody serves: the first of the tests' own range. */
#define UNKNOWN_TYPE    TEST_RQ_BASE

static int narrow;

/* SENDREC m to ep: the IPC result (the answer is in m). */
static int
ask(endpoint_t ep, message *m)
{
	return ipc_sendrec(ep, m);
}

/* The minor every request names: 1, /dev/mem's on the memory driver (the one a stray
 * caller must least be able to open), an ordinary one elsewhere. */
#define MINOR   1

/* A request of type type with a few fields set, as VFS would send it (MINOR, an id). */
static void
request(message *m, int type)
{
	memset(m, 0, sizeof(*m));
	m->m_type = type;
	if (IS_BDEV_RQ(type)) {
		m->m_bdev.minor = MINOR;
		m->m_bdev.id = 78;
	} else {
		m->m_cdev.minor = MINOR;
		m->m_cdev.id = 77;
	}
}

/* Was the answer m to a request of type a refusal: EPERM in the protocol's reply
 * (CDEV_REPLY, BDEV_REPLY), or as m_type for a type of no protocol? */
static int
is_eperm(int type, const message *m)
{
	if (IS_CDEV_RQ(type))
		return m->m_type == CDEV_REPLY && m->m_cdev_reply.status == -EPERM;
	if (IS_BDEV_RQ(type))
		return m->m_type == BDEV_REPLY && m->m_bdev_reply.status == -EPERM;
	return m->m_type == -EPERM;
}

/* SENDREC of a request of type to ep (labelled name): answered, with EPERM. */
static void
refused(const char *name, endpoint_t ep, int type, const char *what)
{
	char c[64];
	message m;
	int r;

	snprintf(c, sizeof(c), "probe_%s_%s", name, what);
	request(&m, type);
	r = ask(ep, &m);
	test_check(c, r == OK && is_eperm(type, &m), "SENDREC of %#x to %s: IPC %s, answer "
		   "type %d, status %d; want EPERM", type, name, test_errname(r), m.m_type,
		   m.m_cdev_reply.status);
}

/* A SEND of a CDEV_READ and of garbage: taken at once, dropped, the driver still serves. */
static void
garbage_dropped(const char *name, endpoint_t ep)
{
	char c[64];
	message m;
	int r1, r2;

	snprintf(c, sizeof(c), "probe_%s_send_dropped", name);
	request(&m, CDEV_READ);
	m.m_cdev.grant = 12345;
	m.m_cdev.count = 0x7fffffff;
	r1 = ipc_send(ep, &m);
	memset(&m, 0xA5, sizeof(m));
	r2 = ipc_send(ep, &m);
	test_check(c, r1 == OK && r2 == OK, "SEND to %s: %s, %s; want OK (taken, dropped)",
		   name, test_errname(r1), test_errname(r2));
	refused(name, ep, CDEV_OPEN, "serves_after");
}

/* Every check on the character driver labelled name (skipped if it does not run). */
static void
probe_chardev(const char *name)
{
	endpoint_t ep;

	if (ds_retrieve_label_endpt(name, &ep) != OK) {
		test_fail(name, "no DS label %s", name);
		return;
	}
	refused(name, ep, CDEV_OPEN, "cdev_open_eperm");
	refused(name, ep, UNKNOWN_TYPE, "unknown_eperm");
	refused(name, ep, NOTIFY_MESSAGE, "notify_type_eperm");
	garbage_dropped(name, ep);
}

static void
probe_wide(void)
{
	static const char *const chardevs[] = { "memory", "tty", "log", "hello" };
	endpoint_t ep;

	for (unsigned i = 0; i < sizeof(chardevs) / sizeof(chardevs[0]); i++)
		probe_chardev(chardevs[i]);
	refused("memory", MEM_PROC_NR, BDEV_OPEN, "bdev_open_eperm");
	if (ds_retrieve_label_endpt("at_wini", &ep) == OK)
		refused("at_wini", ep, BDEV_OPEN, "bdev_open_eperm");
	refused("mfs", MFS_PROC_NR, REQ_LOOKUP, "req_eperm");
	refused("pfs", PFS_PROC_NR, REQ_LOOKUP, "req_eperm");
}

/* SENDREC to ep from the narrow probe: ECALLDENIED from the kernel. */
static void
narrow_denied(const char *name, endpoint_t ep)
{
	char c[64];
	message m;

	snprintf(c, sizeof(c), "probe_narrow_%s_denied", name);
	request(&m, CDEV_OPEN);
	test_expect(c, ask(ep, &m), -ECALLDENIED);
}

static void
probe_narrow(void)
{
	message m;
	int r;

	narrow_denied("tty", TTY_PROC_NR);
	narrow_denied("memory", MEM_PROC_NR);
	narrow_denied("mfs", MFS_PROC_NR);
	narrow_denied("pfs", PFS_PROC_NR);
	request(&m, UNKNOWN_TYPE);
	r = ask(DS_PROC_NR, &m);
	test_check("probe_narrow_ds_answers", r == OK && (m.m_type == -ENOSYS ||
		   m.m_type == -EPERM), "SENDREC to DS: IPC %s, answer %d; want ENOSYS or EPERM",
		   test_errname(r), m.m_type);
}

static int
init_fresh(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	if (narrow)
		probe_narrow();
	else
		probe_wide();
	test_done();
	return OK;
}

int
main(int argc, char **argv)
{
	argc = test_init("priv_probe", argc, argv);
	narrow = argc > 1 && strcmp(argv[1], "narrow") == 0;
	if (narrow)
		test_set_program("priv_narrow");
	sef_setcb_init_fresh(init_fresh);
	sef_startup();
	return 0;
}
