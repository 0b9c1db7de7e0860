/*
 * ds_test.c - the data store's cases (handouts/ds.md), run by grader/tests/ds.py.
 *
 * Roles (the first positional argument):
 *   main   a service (priv=sys label=dstest): publish/retrieve/delete of each type, label
 *          lookups both ways, subscriptions with ds_check, privacy, and every error code
 *          DS can be made to give from one service ("DONE ds_test ...")
 *   subs   a second service (priv=sys label=subs sf=synch): at init it publishes
 *          subs.public, subs.private (DSF_PRIV_RETRIEVE) and subs.hidden
 *          (DSF_PRIV_SUBSCRIBE) and subscribes to u32 keys "dstest\.u32\..*"; then it logs
 *          every change it sees: "ds_subs: KEY = VALUE" or "ds_subs: KEY deleted"
 *   fill   a service (label=fill1, fill2, fill3, sf=synch): at init it publishes u32 keys
 *          "<label>.N" until DS refuses one; the refusal is ENOSPC after exactly
 *          DS_OWNER_MAX of them ("PASS ds_owner_full_<label>").  Three of them leave fewer
 *          free entries than one owner's share, so main's own filling ends in ENOMEM
 *   user   a user process (priv=user), which has no label: DS refuses it
 *          ("DONE ds_test_user ...").  A user process may not read the process table, so
 *          the second argument is DS's endpoint (its slot).  It may list the store
 *          (DS_GETSYSINFO): subs.public with its value, subs.private without (DSI_HIDDEN),
 *          and EFAULT for a buffer it does not have
 *   crash  a service (label=crasher sf=synch): publishes crasher.key at init, subscribes to
 *          "watch\.ready" and divides by zero when that key appears
 *   watch  a service (label=watch): subscribes to "crasher\..*" (DSF_INITIAL), publishes
 *          watch.ready, and checks that after the crash RS had DS drop crasher's label and
 *          entries ("DONE ds_test_watch ...")
 * The main role waits for subs' entries, so the two may start in any order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "testlib.h"

static void
expect_u32(const char *name, const char *key, uint32_t want)
{
	uint32_t v = 0;
	int r = ds_retrieve_u32(key, &v);

	test_check(name, r == OK && v == want, "retrieve %s: %s, value %u (want %u)", key,
		   test_errname(r), v, want);
}

static void
cases_u32(void)
{
	test_expect("ds_publish_u32", ds_publish_u32("dstest.num", 1234, 0), OK);
	expect_u32("ds_retrieve_u32", "dstest.num", 1234);
	test_expect("ds_publish_exists", ds_publish_u32("dstest.num", 5, 0), -EEXIST);
	expect_u32("ds_publish_exists_unchanged", "dstest.num", 1234);
	test_expect("ds_publish_overwrite", ds_publish_u32("dstest.num", 5678, DSF_OVERWRITE), OK);
	expect_u32("ds_retrieve_overwritten", "dstest.num", 5678);
	test_expect("ds_delete_u32", ds_delete_u32("dstest.num"), OK);
	test_expect("ds_retrieve_deleted", ds_retrieve_u32("dstest.num", NULL), -ESRCH);
	test_expect("ds_delete_missing", ds_delete_u32("dstest.num"), -ESRCH);
	test_expect("ds_retrieve_missing", ds_retrieve_u32("dstest.none", NULL), -ESRCH);
}

static void
cases_str_mem(void)
{
	char buf[64], small[8];
	uint8_t blob[100], back[200];
	size_t len;
	int i, r;

	test_expect("ds_publish_str", ds_publish_str("dstest.str", "hello, data store", 0), OK);
	r = ds_retrieve_str("dstest.str", buf, sizeof(buf));
	test_check("ds_retrieve_str", r == OK && strcmp(buf, "hello, data store") == 0,
		   "%s, '%s'", test_errname(r), r == OK ? buf : "");
	memset(small, 'x', sizeof(small));
	r = ds_retrieve_str("dstest.str", small, sizeof(small));
	test_check("ds_retrieve_str_truncated", r == OK && strcmp(small, "hello, ") == 0,
		   "%s, '%.8s'", test_errname(r), small);
	for (i = 0; i < 100; i++)
		blob[i] = (uint8_t)(i * 7);
	test_expect("ds_publish_mem", ds_publish_mem("dstest.mem", blob, sizeof(blob), 0), OK);
	len = sizeof(back);
	r = ds_retrieve_mem("dstest.mem", back, &len);
	test_check("ds_retrieve_mem_length", r == OK && len == 100 && memcmp(back, blob, 100) == 0,
		   "%s, length %u", test_errname(r), (unsigned)len);
	len = 10;
	memset(back, 0, sizeof(back));
	r = ds_retrieve_mem("dstest.mem", back, &len);
	test_check("ds_retrieve_mem_partial", r == OK && len == 10 &&
		   memcmp(back, blob, 10) == 0 && back[10] == 0, "%s, length %u",
		   test_errname(r), (unsigned)len);
	test_expect("ds_retrieve_wrong_type", ds_retrieve_u32("dstest.mem", NULL), -ESRCH);
	test_expect("ds_delete_str", ds_delete_str("dstest.str"), OK);
	test_expect("ds_delete_mem", ds_delete_mem("dstest.mem"), OK);
}

static void
cases_labels(void)
{
	endpoint_t ep = NONE;
	char label[16];
	int r;

	r = ds_retrieve_label_endpt("dstest", &ep);
	test_check("ds_label_endpt", r == OK && ep == sef_self(), "%s, endpoint %d (self %d)",
		   test_errname(r), ep, sef_self());
	r = ds_retrieve_label_endpt("rs", &ep);
	test_check("ds_label_rs", r == OK && ep == sef_rs_endpoint(), "%s, endpoint %d (rs %d)",
		   test_errname(r), ep, sef_rs_endpoint());
	r = ds_retrieve_label_name(label, sizeof(label), sef_self());
	test_check("ds_label_name", r == OK && strcmp(label, "dstest") == 0, "%s, '%s'",
		   test_errname(r), r == OK ? label : "");
	test_expect("ds_label_missing", ds_retrieve_label_endpt("nosuchlabel", NULL), -ESRCH);
	test_expect("ds_label_name_missing", ds_retrieve_label_name(label, sizeof(label), NONE),
		    -ESRCH);
	test_expect("ds_publish_label_not_rs", ds_publish_label("fake", sef_self(), 0), -EPERM);
	test_expect("ds_delete_label_not_rs", ds_delete_label("subs"), -EPERM);
}

/* A request with a made-up type (the library never sends one). */
static int
raw_publish_type(int type)
{
	static const char key[] = "dstest.raw";
	cp_grant_id_t g = cpf_grant_direct(proc_lookup("ds"), (vir_bytes)key, sizeof(key), CPF_READ);
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = DS_PUBLISH;
	m.m_ds.key_grant = g;
	m.m_ds.key_len = sizeof(key);
	m.m_ds.flags = type;
	r = ipc_sendrec(proc_lookup("ds"), &m);
	cpf_revoke(g);
	return r != OK ? r : m.m_type;
}

static void
cases_errors(void)
{
	char key[DS_MAX_KEYLEN + 8];
	int i, r, n;

	test_expect("ds_key_too_short", ds_publish_u32("k", 1, 0), -EINVAL);
	memset(key, 'k', sizeof(key) - 1);
	key[DS_MAX_KEYLEN] = '\0';	/* 80 characters: 81 bytes with the NUL */
	test_expect("ds_key_too_long", ds_publish_u32(key, 1, 0), -EINVAL);
	test_expect("ds_unknown_type", raw_publish_type(0x80), -EINVAL);
	test_expect("ds_two_types", raw_publish_type(DSF_TYPE_U32 | DSF_TYPE_STR), -EINVAL);
	test_expect("ds_private_retrieve", ds_retrieve_u32("subs.private", NULL), -EPERM);
	expect_u32("ds_public_retrieve", "subs.public", 1);
	test_expect("ds_overwrite_not_owner", ds_publish_u32("subs.public", 9, DSF_OVERWRITE),
		    -EPERM);
	test_expect("ds_delete_not_owner", ds_delete_u32("subs.public"), -EPERM);
	for (i = 0, r = OK; i < 2 * NR_SYS_PROCS + 1 && r == OK; i++) {
		snprintf(key, sizeof(key), "dstest.fill.%d", i);
		r = ds_publish_u32(key, i, 0);
	}
	/* the fill services hold 3 * DS_OWNER_MAX entries: the store is full before this
	 * service reaches its own share */
	test_check("ds_table_full", r == -ENOMEM && i - 1 < DS_OWNER_MAX,
		   "%s after %d entries of this service, want ENOMEM before %d", test_errname(r),
		   i - 1, DS_OWNER_MAX);
	for (n = i - 1, i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "dstest.fill.%d", i);
		ds_delete_u32(key);
	}
	test_expect("ds_table_usable_again", ds_publish_u32("dstest.after", 1, 0), OK);
}

/* ds_check() gives want_r; for OK, key want_key, a u32 (the only type subscribed to) and
 * the endpoint of the service with label want_owner. */
static void
expect_check(const char *name, const char *want_key, const char *want_owner, int want_r)
{
	char key[DS_MAX_KEYLEN] = "";
	endpoint_t owner = NONE, want_ep = NONE;
	int type = 0, r = ds_check(key, &type, &owner);

	if (want_r != OK) {
		test_check(name, r == want_r, "ds_check: %s (key '%s'), want %s", test_errname(r),
			   key, test_errname(want_r));
		return;
	}
	ds_retrieve_label_endpt(want_owner, &want_ep);
	test_check(name, r == OK && strcmp(key, want_key) == 0 && type == DSF_TYPE_U32 &&
		   owner == want_ep, "ds_check: %s, key '%s' want '%s', type 0x%x want 0x%x, "
		   "owner %d want %d (%s)", test_errname(r), key, want_key, type, DSF_TYPE_U32,
		   owner, want_ep, want_owner);
}

/* A subscription that names no type gets every type. */
static void
case_any_type(void)
{
	char key[DS_MAX_KEYLEN] = "";
	int type = 0, r;

	test_expect("ds_subscribe_any_type", ds_subscribe("dstest\\.any\\..*", DSF_OVERWRITE), OK);
	ds_publish_str("dstest.any.s", "s", 0);
	r = ds_check(key, &type, NULL);
	test_check("ds_check_any_type", r == OK && strcmp(key, "dstest.any.s") == 0 &&
		   type == DSF_TYPE_STR, "ds_check: %s, key '%s', type 0x%x", test_errname(r),
		   key, type);
	ds_delete_str("dstest.any.s");
}

/* A regex is 1 to DS_MAX_KEYLEN - 1 characters: "" is EINVAL, the longest one is fine. */
static void
cases_regex_length(void)
{
	char regex[DS_MAX_KEYLEN];

	test_expect("ds_subscribe_empty_regex", ds_subscribe("", DSF_OVERWRITE), -EINVAL);
	memset(regex, 'x', sizeof(regex) - 1);
	regex[sizeof(regex) - 1] = '\0';	/* 79 characters: DS_MAX_KEYLEN bytes */
	test_expect("ds_subscribe_longest_regex", ds_subscribe(regex, DSF_OVERWRITE), OK);
}

static void
cases_subscribe(void)
{
	test_expect("ds_check_no_subscription", ds_check((char[DS_MAX_KEYLEN]){0}, NULL, NULL),
		    -ESRCH);
	test_expect("ds_subscribe_bad_regex", ds_subscribe("dstest\\.[abc", 0), -EINVAL);
	test_expect("ds_subscribe_bad_regex2", ds_subscribe("*dstest", 0), -EINVAL);
	test_expect("ds_subscribe_bad_type", ds_subscribe("dstest\\..*", 0x80), -EINVAL);
	test_expect("ds_subscribe", ds_subscribe("dstest\\.sub\\.[a-c]+", DSF_TYPE_U32), OK);
	test_expect("ds_subscribe_again", ds_subscribe("dstest\\.sub\\..*", 0), -EEXIST);
	expect_check("ds_check_empty", NULL, NULL, -ENOENT);
	ds_publish_u32("dstest.sub.abc", 1, 0);
	ds_publish_u32("dstest.sub.abd", 2, 0);		/* no match */
	ds_publish_str("dstest.sub.b", "s", 0);		/* wrong type */
	expect_check("ds_check_published", "dstest.sub.abc", "dstest", OK);
	expect_check("ds_check_then_empty", NULL, NULL, -ENOENT);
	ds_publish_u32("dstest.sub.abc", 3, DSF_OVERWRITE);
	expect_check("ds_check_overwritten", "dstest.sub.abc", "dstest", OK);
	ds_publish_u32("dstest.sub.abc", 4, DSF_OVERWRITE);
	ds_delete_u32("dstest.sub.abc");
	expect_check("ds_check_deleted", NULL, NULL, -ENOENT);
	test_expect("ds_subscribe_initial",
		    ds_subscribe("subs\\..*", DSF_OVERWRITE | DSF_INITIAL | DSF_TYPE_U32), OK);
	expect_check("ds_check_initial_1", "subs.public", "subs", OK);
	expect_check("ds_check_initial_2", "subs.private", "subs", OK);
	expect_check("ds_check_initial_hidden", NULL, NULL, -ENOENT);	/* subs.hidden is private */
	case_any_type();
	cases_regex_length();
}

static void
run_main(void)
{
	uint32_t v;
	int i;

	for (i = 0; i < 500 && ds_retrieve_u32("subs.public", &v) != OK; i++)
		;	/* wait for subs's entries */
	cases_u32();
	cases_str_mem();
	cases_labels();
	cases_errors();
	cases_subscribe();
	ds_publish_u32("dstest.u32.a", 1, 0);
	ds_publish_u32("dstest.u32.b", 2, 0);
	ds_publish_u32("dstest.u32.c", 3, 0);
	ds_publish_str("dstest.u32.str", "not a u32", 0);
	ds_publish_u32("dstest.u32.gone", 4, 0);
	ds_delete_u32("dstest.u32.gone");
	test_done();
}

/* fill: publish "<label>.N" until DS refuses, at init; the refusal must be ENOSPC (the
 * per-owner share, DS_OWNER_MAX of <minnow/ds.h>) after exactly that many entries. */
static int
fill_init(int type, sef_init_info_t *info)
{
	char label[DS_MAX_KEYLEN], key[DS_MAX_KEYLEN], name[DS_MAX_KEYLEN + 16];
	int i, r = OK;

	(void)type, (void)info;
	if (ds_retrieve_label_name(label, sizeof(label), sef_self()) != OK)
		strcpy(label, "fill");
	for (i = 0; i <= DS_OWNER_MAX && r == OK; i++) {
		snprintf(key, sizeof(key), "%s.%d", label, i);
		r = ds_publish_u32(key, i, 0);
	}
	snprintf(name, sizeof(name), "ds_owner_full_%s", label);
	test_check(name, r == -ENOSPC && i - 1 == DS_OWNER_MAX,
		   "%s after %d entries, want ENOSPC after %d", test_errname(r), i - 1,
		   DS_OWNER_MAX);
	return OK;
}

/* subs: publish its entries and subscribe, at init. */
static int
subs_init(int type, sef_init_info_t *info)
{
	int r;

	(void)type, (void)info;
	if ((r = ds_publish_u32("subs.public", 1, 0)) != OK ||
	    (r = ds_publish_u32("subs.private", 2, DSF_PRIV_RETRIEVE)) != OK ||
	    (r = ds_publish_u32("subs.hidden", 3, DSF_PRIV_SUBSCRIBE)) != OK ||
	    (r = ds_subscribe("dstest\\.u32\\..*", DSF_TYPE_U32)) != OK)
		printf("ds_subs: init failed: %s\n", test_errname(r));
	return r;
}

static void
run_subs(void)
{
	char key[DS_MAX_KEYLEN];
	endpoint_t owner;
	uint32_t v;
	message m;
	int type;

	for (;;) {
		if (sef_receive(ANY, &m) != OK || m.m_type != NOTIFY_MESSAGE)
			continue;
		while (ds_check(key, &type, &owner) == OK) {
			if (ds_retrieve_u32(key, &v) == OK)
				printf("ds_subs: %s = %u\n", key, v);
			else
				printf("ds_subs: %s deleted\n", key);
		}
	}
}

/* crash: publish a key, then die when watch is ready. */
static int
crash_init(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	if (ds_publish_u32("crasher.key", 77, 0) != OK || ds_subscribe("watch\\.ready", 0) != OK)
		return -EIO;
	return OK;
}

static void
run_crash(void)
{
	volatile int zero = 0, n = 1;
	message m;

	for (;;) {
		if (sef_receive(ANY, &m) == OK && m.m_type == NOTIFY_MESSAGE &&
		    ds_retrieve_u32("watch.ready", NULL) == OK) {
			printf("ds_test crash: dividing by zero\n");
			printf("ds_test crash: not reached %d\n", n / zero);
		}
	}
}

/* watch: see crasher.key, let crash die, see it go. */
static void
run_watch(void)
{
	endpoint_t ep;
	message m;
	int i, r = OK;

	test_set_program("ds_test_watch");
	test_expect("ds_watch_subscribe", ds_subscribe("crasher\\..*", DSF_INITIAL), OK);
	expect_check("ds_watch_initial", "crasher.key", "crasher", OK);
	test_expect("ds_watch_label", ds_retrieve_label_endpt("crasher", &ep), OK);
	test_expect("ds_watch_ready", ds_publish_u32("watch.ready", 1, 0), OK);
	for (i = 0; i < 100 && r == OK; i++) {
		if (sef_receive(ANY, &m) != OK || m.m_type != NOTIFY_MESSAGE)
			continue;
		r = ds_retrieve_u32("crasher.key", NULL);
	}
	test_expect("ds_watch_key_gone", r, -ESRCH);
	test_expect("ds_watch_check_after", ds_check((char[DS_MAX_KEYLEN]){0}, NULL, NULL),
		    -ENOENT);
	test_expect("ds_watch_label_gone", ds_retrieve_label_endpt("crasher", &ep), -ESRCH);
	test_done();
}

/* user: a process without a label; every request is refused before DS reads anything. */
static int
raw_request(endpoint_t ds, int type)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_ds.flags = DSF_TYPE_U32;
	m.m_ds.key_len = 8;
	r = ipc_sendrec(ds, &m);
	return r != OK ? r : m.m_type;
}

/* DS_GETSYSINFO into buf (len bytes): rows copied or a negated error. */
static int
list_request(endpoint_t ds, void *buf, size_t len)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = DS_GETSYSINFO;
	m.m_ds_sysinfo.addr = (uint32_t)(uintptr_t)buf;
	m.m_ds_sysinfo.len = (uint32_t)len;
	m.m_ds_sysinfo.row_size = sizeof(struct ds_entryinfo);
	r = ipc_sendrec(ds, &m);
	return r != OK ? r : m.m_type;
}

/* The row of key among the n rows, or NULL. */
static const struct ds_entryinfo *
find_row(const struct ds_entryinfo *rows, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].key, key) == 0)
			return &rows[i];
	return NULL;
}

/* A user lists the store: public values shown, another service's private one hidden. */
static void
user_list(endpoint_t ds)
{
	static struct ds_entryinfo rows[64];
	const struct ds_entryinfo *pub, *priv;
	int n = list_request(ds, rows, sizeof(rows));

	test_check("ds_user_getsysinfo", n > 0, "DS_GETSYSINFO: %s", test_errname(n));
	pub = find_row(rows, n, "subs.public");
	priv = find_row(rows, n, "subs.private");
	test_check("ds_user_getsysinfo_public", pub != NULL && pub->value == 1 &&
		   strcmp(pub->owner, "subs") == 0 && !(pub->flags & DSI_HIDDEN),
		   "subs.public row %s", pub != NULL ? "wrong" : "missing");
	test_check("ds_user_getsysinfo_private", priv != NULL && priv->value == 0 &&
		   (priv->flags & DSI_HIDDEN) && (priv->flags & DSF_PRIV_RETRIEVE),
		   "subs.private row %s", priv != NULL ? "shows its value" : "missing");
	test_expect("ds_user_getsysinfo_efault", list_request(ds, (void *)16, sizeof(rows)),
		    -EFAULT);
}

static void
run_user(endpoint_t ds)
{
	test_set_program("ds_test_user");
	test_expect("ds_user_publish", raw_request(ds, DS_PUBLISH), -EPERM);
	test_expect("ds_user_delete", raw_request(ds, DS_DELETE), -EPERM);
	test_expect("ds_user_subscribe", raw_request(ds, DS_SUBSCRIBE), -ESRCH);
	test_expect("ds_user_check", raw_request(ds, DS_CHECK), -ESRCH);
	user_list(ds);
	test_done();
}

int
main(int argc, char **argv)
{
	const char *role;

	argc = test_init("ds_test", argc, argv);
	role = argc > 1 ? argv[1] : "main";
	if (strcmp(role, "user") == 0) {
		run_user(argc > 2 ? atoi(argv[2]) : DS_PROC_NR);
		return 0;
	}
	if (strcmp(role, "subs") == 0)
		sef_setcb_init_fresh(subs_init);
	if (strcmp(role, "crash") == 0)
		sef_setcb_init_fresh(crash_init);
	if (strcmp(role, "fill") == 0)
		sef_setcb_init_fresh(fill_init);
	sef_startup();
	if (strcmp(role, "subs") == 0)
		run_subs();
	if (strcmp(role, "crash") == 0)
		run_crash();
	if (strcmp(role, "watch") == 0)
		run_watch();
	else if (strcmp(role, "main") == 0)
		run_main();
	for (;;)
		sef_receive(ANY, &(message){0});
}
