/*
 * exhaust_srv.c - /test/exhaust_srv: the resource-exhaustion cases only a system process can
 * try (handouts/hardening.md, "Resource exhaustion"), started from the shell with
 * `service up /test/exhaust_srv -label exsrv -config FILE` (grader/tests/fuzz_exhaust.py).
 *
 * Once SEF's init is done it runs three cases, each until the resource runs out, and checks
 * the clean error and that the service can go on working afterwards:
 *   srv_ds_quota     DS entries: publish new u32 keys until DS says ENOSPC, which must come
 *                    at DS_OWNER_MAX entries (<minnow/ds.h>: a quarter of NR_DS_KEYS =
 *                    2 * NR_SYS_PROCS), not when the whole table is full; delete them all,
 *                    then a publish works again.
 *   srv_grants       the grant table: cpf_grant_direct() until GRANT_INVALID with errno
 *                    ENOSPC, at GRANT_MAX_ENTRIES grants; revoke them all, then a DS
 *                    publish (which grants DS the key) works again.
 *   srv_asynsend     asynsend3() to init, which never receives from us (it only waits for
 *                    PM's answers): ENOSPC when libsys's 64-entry table is full; a SENDA
 *                    with more entries than the kernel takes is EDOM.
 * Arguments (service up's -args) name the cases to run (ds, grants, asyn); none: all.
 * Each case prints PASS/FAIL lines, then "DONE exhaust_srv N passed, M failed" and a line
 * "exhaust_srv counts: ds=D grants=G asyn=A" with how many of each it got before the error.
 * Then it idles until RS stops it (SIGTERM).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/endpoint.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "testlib.h"

/* libsys's asynsend table (lib/libsys/asynsend.c, ASYN_NR). */
#define ASYN_ENTRIES    64

static int ds_count, grant_count, asyn_count;
static char grant_target[16];

/* Publish keys exsrv.k.N until an error: how many went in, *r the error. */
static int
fill_ds(int *r)
{
	char key[32];
	int n;

	for (n = 0; n < 4 * NR_SYS_PROCS; n++) {
		snprintf(key, sizeof(key), "exsrv.k.%d", n);
		if ((*r = ds_publish_u32(key, (uint32_t)n, 0)) != OK)
			break;
	}
	return n;
}

static void
case_ds_quota(void)
{
	char key[32];
	int r, n, i, deleted = 0;

	ds_count = n = fill_ds(&r);
	test_check("srv_ds_quota_enospc", r == -ENOSPC && n == DS_OWNER_MAX,
		   "%d entries, then %s (want %d, then ENOSPC)", n, test_errname(r), DS_OWNER_MAX);
	test_expect("srv_ds_quota_overwrite", ds_publish_u32("exsrv.k.0", 7, DSF_OVERWRITE), OK);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "exsrv.k.%d", i);
		deleted += ds_delete_u32(key) == OK;
	}
	test_check("srv_ds_quota_deleted", deleted == n, "%d of %d deleted", deleted, n);
	test_expect("srv_ds_quota_after", ds_publish_u32("exsrv.after", 1, 0), OK);
	ds_delete_u32("exsrv.after");
}

static cp_grant_id_t grant_ids[GRANT_MAX_ENTRIES];

/* Grant until an error: how many (their ids in grant_ids), *err the errno. */
static int
fill_grants(int *err)
{
	cp_grant_id_t g;
	int n = 0;

	for (errno = 0; n < GRANT_MAX_ENTRIES + 1; n++) {
		g = cpf_grant_direct(DS_PROC_NR, (vir_bytes)grant_target, sizeof(grant_target),
				     CPF_READ);
		if (g == GRANT_INVALID)
			break;
		if (n < GRANT_MAX_ENTRIES)
			grant_ids[n] = g;
	}
	*err = errno;
	return n;
}

static void
case_grants(void)
{
	int n, err, size, revoked = 0, i;

	grant_count = n = fill_grants(&err);
	size = cpf_table_size();
	test_check("srv_grants_enospc", err == ENOSPC && size == GRANT_MAX_ENTRIES &&
		   n > GRANT_MAX_ENTRIES - 8 && n <= GRANT_MAX_ENTRIES,
		   "%d grants, then %s; table of %d (want about %d, then ENOSPC)", n,
		   strerror(err), size, GRANT_MAX_ENTRIES);
	for (i = 0; i < n && i < GRANT_MAX_ENTRIES; i++)
		revoked += cpf_revoke(grant_ids[i]) == OK;
	test_check("srv_grants_revoked", revoked == n, "%d revoked of %d made", revoked, n);
	test_expect("srv_grants_after", ds_publish_u32("exsrv.back", 1, 0), OK);
	ds_delete_u32("exsrv.back");
}

static void
case_asynsend(void)
{
	static asynmsg_t big[1];
	endpoint_t init = test_find_peer("init");
	message m;
	int r = OK, n;

	if (init == NONE)
		return;
	for (n = 0; n <= ASYN_ENTRIES; n++) {
		memset(&m, 0, sizeof(m));
		m.m_type = TEST_RQ_BASE;
		if ((r = asynsend3(init, &m, AMF_NOREPLY)) != OK)
			break;
	}
	asyn_count = n;
	test_check("srv_asynsend_enospc", r == -ENOSPC && n == ASYN_ENTRIES,
		   "%d queued, then %s (want %d, then ENOSPC)", n, test_errname(r), ASYN_ENTRIES);
	test_expect("srv_asynsend_pending", asynsend_pending(), ASYN_ENTRIES);
	test_expect("srv_senda_too_big", ipc_senda(big, 1 << 20), -EDOM);
}

/* Run case name?  Every case without arguments, else only those named. */
static int
wanted(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

static void
on_signal(int signo)
{
	if (signo == SIGTERM)
		sef_exit(0);
}

int
main(int argc, char **argv)
{
	message m;
	int status;

	argc = test_init("exhaust_srv", argc, argv);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	if (wanted("ds", argc, argv))
		case_ds_quota();
	if (wanted("grants", argc, argv))
		case_grants();
	if (wanted("asyn", argc, argv))
		case_asynsend();
	test_done();
	printf("exhaust_srv counts: ds=%d grants=%d asyn=%d\n", ds_count, grant_count,
	       asyn_count);
	for (;;)
		sef_receive_status(ANY, &m, &status);
}
