/*
 * dsmap_test.c - DS's mapped-memory values (DSF_TYPE_MAP: ds_publish_map, ds_retrieve_map,
 * ds_map_value, ds_delete_map; servers/ds/map.c), run by grader/tests/ds.py.
 *
 * Three services of this program, by role (the first argument):
 *   reader  module 0 (PM's slot, so that it may free a dead helper's memory with VM_EXIT
 *           as PM would), label dsmrd: runs every case and prints PASS/FAIL lines, then
 *           "DONE dsmap_test ..."
 *   pub     label dsmpub: publishes dsmap.rw (two pages, DSF_MAP_WRITE), dsmap.priv
 *           (DSF_PRIV_RETRIEVE) and dsmap.ro (one page, read-only) at init, then does what the reader asks (DM_* below): read or
 *           write a word of its pages, republish or delete dsmap.ro, take its mappings back
 *           by address (sys_saferevmap_addr), exit
 *   helper  label dsmhelp: asked once, it maps dsmap.ro read-only, answers the word it
 *           reads, then writes it: SIGSEGV (RS logs the death; the page is unchanged)
 * The reader maps the values at its own fixed addresses (R_*), through DS's grants, and
 * checks with VM_INFO that withdrawing mappings loses no page and that the publisher's
 * pages come back when it has exited and the reader frees its memory (VM_EXIT).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "testlib.h"

#define PG              DS_MAP_PAGE
#define DM_SET          (TEST_RQ_BASE + 0x70)   /* pub: word a of its pages := b */
#define DM_GET          (TEST_RQ_BASE + 0x71)   /* pub: word a of its pages (reply a) */
#define DM_REPUBLISH    (TEST_RQ_BASE + 0x72)   /* pub: dsmap.ro := spare page (overwrite) */
#define DM_DELETE       (TEST_RQ_BASE + 0x73)   /* pub: ds_delete_map("dsmap.ro") */
#define DM_REVMAP       (TEST_RQ_BASE + 0x74)   /* pub: sys_saferevmap_addr(its rw page a) */
#define DM_EXIT         (TEST_RQ_BASE + 0x75)   /* pub: exit */
#define DM_WRITE_RO     (TEST_RQ_BASE + 0x76)   /* helper: map dsmap.ro, read, write it */

#define R_RW            0x80000000u     /* the reader's map of dsmap.rw (two pages) */
#define R_RO            0x80010000u     /* ... of dsmap.ro */
#define R_SPARE         0x80020000u     /* never mapped for long */
#define H_RO            0x80000000u     /* the helper's map of dsmap.ro */

/* pub's pages: rw (2), ro, and the spare page dsmap.ro is republished on. */
static volatile uint32_t pages[4][PG / 4] __attribute__((aligned(PG)));
#define RW_WORDS        (2 * PG / 4)

/* ---- the publisher ------------------------------------------------------------------- */

/* Grow pub's grant table now (libsys doubles it with malloc when full), so that its heap
 * stays put while the reader counts free pages around republish and delete. */
static void
warm_grants(void)
{
	cp_grant_id_t g[12];
	int i;

	for (i = 0; i < 12; i++)
		g[i] = cpf_grant_direct(SELF, (vir_bytes)pages, PG, CPF_READ);
	for (i = 0; i < 12; i++)
		cpf_revoke(g[i]);
}

static int
pub_init(int type, sef_init_info_t *info)
{
	int r;

	(void)type, (void)info;
	memset((void *)pages, 0, sizeof(pages));        /* every page present from now on */
	warm_grants();
	pages[0][0] = 0x1111;
	pages[1][0] = 0x2222;
	pages[2][0] = 0x3333;
	pages[3][0] = 0x4444;
	if ((r = ds_publish_map("dsmap.rw", (void *)pages[0], 2 * PG, DSF_MAP_WRITE)) != OK ||
	    (r = ds_publish_map("dsmap.priv", (void *)pages[3], PG, DSF_PRIV_RETRIEVE)) != OK ||
	    (r = ds_publish_map("dsmap.ro", (void *)pages[2], PG, 0)) != OK)
		printf("dsmap_pub: publish failed: %s\n", test_errname(r));
	return r;
}

static int
pub_handle(message *m)
{
	uint32_t *w = m->m_u32.m_u32;

	switch (m->m_type) {
	case DM_SET:
		pages[w[0] / (PG / 4)][w[0] % (PG / 4)] = w[1];
		return OK;
	case DM_GET:
		w[0] = pages[w[0] / (PG / 4)][w[0] % (PG / 4)];
		return OK;
	case DM_REPUBLISH:
		return ds_publish_map("dsmap.ro", (void *)pages[3], PG, DSF_OVERWRITE);
	case DM_DELETE:
		return ds_delete_map("dsmap.ro");
	case DM_REVMAP:
		return sys_saferevmap_addr((vir_bytes)pages[w[0]]);
	default:
		return -EINVAL;
	}
}

static void
run_pub(void)
{
	message m;
	int type;

	for (;;) {
		if (sef_receive(ANY, &m) != OK)
			continue;
		type = m.m_type;
		m.m_type = pub_handle(&m);
		ipc_send(m.m_source, &m);
		if (type == DM_EXIT)
			sys_exit();
	}
}

/* ---- the helper ---------------------------------------------------------------------- */

static void
run_helper(void)
{
	volatile uint32_t *p = (volatile uint32_t *)H_RO;
	size_t len = 0;
	message m;

	for (;;) {
		if (sef_receive(ANY, &m) != OK || m.m_type != DM_WRITE_RO)
			continue;
		m.m_type = ds_map_value("dsmap.ro", (void *)H_RO, &len, 0);
		m.m_u32.m_u32[0] = m.m_type == OK ? p[0] : 0;
		ipc_send(m.m_source, &m);
		if (m.m_type == OK)
			p[0] = 0xBAD;   /* read-only: SIGSEGV */
	}
}

/* ---- the reader: helpers ------------------------------------------------------------- */

static endpoint_t pub_ep = NONE, ds_ep = NONE;

/* Ask process ep to do type with words a, b; the result (the reply's first word in *out). */
static int
ask(endpoint_t ep, int type, uint32_t a, uint32_t b, uint32_t *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[0] = a;
	m.m_u32.m_u32[1] = b;
	if ((r = ipc_sendrec(ep, &m)) != OK)
		return r;
	if (out != NULL)
		*out = m.m_u32.m_u32[0];
	return m.m_type;
}

static uint32_t
word(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

static int
published(void *arg)
{
	cp_grant_id_t g;
	size_t size;

	(void)arg;
	return ds_retrieve_map("dsmap.ro", &g, &size, NULL, NULL) == OK;
}

static int
label_gone(void *label)
{
	endpoint_t ep;

	return ds_retrieve_label_endpt(label, &ep) == -ESRCH;
}

/* What PM does for a dead process: its memory goes (the reader sits in PM's slot). */
static int
vm_exit(endpoint_t e)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_EXIT;
	m.m_vm_proc.endpt = e;
	return ipc_sendrec(VM_PROC_NR, &m) == OK ? m.m_type : -EIO;
}

/* A raw DS_PUBLISH of a map value: grant over [addr, addr + gbytes) with access, size
 * claimed len (the checks libsys makes first are skipped). */
static int
raw_publish(const char *key, void *addr, size_t gbytes, int access, uint32_t len)
{
	cp_grant_id_t kg, vg;
	message m;
	int r;

	kg = cpf_grant_direct(ds_ep, (vir_bytes)key, strlen(key) + 1, CPF_READ);
	vg = cpf_grant_direct(ds_ep, (vir_bytes)addr, gbytes, access);
	memset(&m, 0, sizeof(m));
	m.m_type = DS_PUBLISH;
	m.m_ds.key_grant = kg;
	m.m_ds.key_len = (int)strlen(key) + 1;
	m.m_ds.flags = DSF_TYPE_MAP;
	m.m_ds.val_grant = vg;
	m.m_ds.val_len = len;
	r = ipc_sendrec(ds_ep, &m);
	cpf_revoke(kg);
	cpf_revoke(vg);
	return r != OK ? r : m.m_type;
}

/* ---- the reader: cases --------------------------------------------------------------- */

static void
retrieve_cases(void)
{
	cp_grant_id_t g, g2;
	endpoint_t granter;
	size_t size;
	int r, flags;

	r = ds_retrieve_map("dsmap.rw", &g, &size, &granter, &flags);
	test_check("dsmap_retrieve", r == OK && size == 2 * PG && granter == ds_ep &&
		   flags == (DSF_TYPE_MAP | DSF_MAP_WRITE), "%s, size %u, granter %d, flags %#x",
		   test_errname(r), (unsigned)size, granter, flags);
	r = ds_retrieve_map("dsmap.rw", &g2, &size, NULL, NULL);
	test_check("dsmap_retrieve_same_grant", r == OK && g2 == g, "%s, grant %d then %d",
		   test_errname(r), g, g2);
	r = ds_retrieve_map("dsmap.ro", &g, &size, NULL, &flags);
	test_check("dsmap_retrieve_ro", r == OK && size == PG && flags == DSF_TYPE_MAP,
		   "%s, size %u, flags %#x", test_errname(r), (unsigned)size, flags);
	test_expect("dsmap_ro_map_writable", sys_safemap(ds_ep, g, 0, R_SPARE, PG, 1), -EPERM);
	r = ds_retrieve_map("dsmap.rw", &g, &size, NULL, NULL);
	test_expect("dsmap_map_beyond_size", sys_safemap(ds_ep, g, 0, R_SPARE, 3 * PG, 0),
		    -EPERM);
}

static void
sharing_cases(void)
{
	size_t len = 0;
	uint32_t v = 0;
	int r;

	r = ds_map_value("dsmap.rw", (void *)R_RW, &len, 1);
	test_check("dsmap_map_rw", r == OK && len == 2 * PG && word(R_RW) == 0x1111 &&
		   word(R_RW + PG) == 0x2222, "%s, len %u", test_errname(r), (unsigned)len);
	r = ask(pub_ep, DM_SET, 1, 0xABCD, NULL);
	test_check("dsmap_publisher_write_seen", r == OK && word(R_RW + 4) == 0xABCD,
		   "%s, read %#x", test_errname(r), word(R_RW + 4));
	*(volatile uint32_t *)(R_RW + PG + 8) = 0x5678;
	r = ask(pub_ep, DM_GET, PG / 4 + 2, 0, &v);
	test_check("dsmap_reader_write_seen", r == OK && v == 0x5678, "%s, publisher reads %#x",
		   test_errname(r), v);
	len = 0;
	r = ds_map_value("dsmap.ro", (void *)R_RO, &len, 0);
	test_check("dsmap_map_ro", r == OK && len == PG && word(R_RO) == 0x3333,
		   "%s, len %u", test_errname(r), (unsigned)len);
}

static void
error_cases(void)
{
	static volatile uint32_t mine[PG / 4] __attribute__((aligned(PG)));
	cp_grant_id_t g;
	size_t size;

	mine[0] = 1;
	test_expect("dsmap_retrieve_missing", ds_retrieve_map("dsmap.none", &g, &size, NULL,
		    NULL), -ESRCH);
	test_expect("dsmap_other_type", ds_retrieve_u32("dsmap.rw", NULL), -ESRCH);
	test_expect("dsmap_private", ds_retrieve_map("dsmap.priv", &g, &size, NULL, NULL),
		    -EPERM);
	test_expect("dsmap_publish_unaligned", ds_publish_map("dsmap.bad", (void *)&mine[1], PG,
		    0), -EINVAL);
	test_expect("dsmap_publish_bad_size", ds_publish_map("dsmap.bad", (void *)mine, 100, 0),
		    -EINVAL);
	test_expect("dsmap_publish_size_zero", ds_publish_map("dsmap.bad", (void *)mine, 0, 0),
		    -EINVAL);
	test_expect("dsmap_ds_bad_size", raw_publish("dsmap.bad", (void *)mine, PG,
		    CPF_MAP | CPF_READ, PG + 1), -EINVAL);
	test_expect("dsmap_ds_size_beyond_grant", raw_publish("dsmap.bad", (void *)mine, PG,
		    CPF_MAP | CPF_READ, 2 * PG), -EPERM);
	test_expect("dsmap_ds_unreadable_grant", raw_publish("dsmap.bad", (void *)mine, PG,
		    CPF_MAP | CPF_WRITE, PG), -EPERM);
	test_expect("dsmap_publish_exists", ds_publish_map("dsmap.rw", (void *)mine, PG, 0),
		    -EEXIST);
	test_expect("dsmap_overwrite_not_owner", ds_publish_map("dsmap.rw", (void *)mine, PG,
		    DSF_OVERWRITE), -EPERM);
	test_expect("dsmap_delete_not_owner", ds_delete_map("dsmap.rw"), -EPERM);
	test_expect("dsmap_delete_missing", ds_delete_map("dsmap.none"), -ESRCH);
	test_expect("dsmap_own_publish", ds_publish_map("dsmap.mine", (void *)mine, PG, 0), OK);
	test_expect("dsmap_own_delete", ds_delete_map("dsmap.mine"), OK);
}

/* The helper writes its read-only mapping of dsmap.ro and dies; the page is unchanged. */
static void
readonly_case(void)
{
	endpoint_t helper;
	uint32_t v = 0;
	int r;

	if (ds_retrieve_label_endpt("dsmhelp", &helper) != OK) {
		test_fail("dsmap_readonly_write", "no helper");
		return;
	}
	r = ask(helper, DM_WRITE_RO, 0, 0, &v);
	test_check("dsmap_helper_reads", r == OK && v == 0x3333, "%s, read %#x",
		   test_errname(r), v);
	test_check("dsmap_readonly_write", test_poll(label_gone, "dsmhelp", 5) &&
		   word(R_RO) == 0x3333, "helper alive or page changed (%#x)", word(R_RO));
	test_expect("dsmap_helper_freed", vm_exit(helper), OK);
}

/* Overwrite and delete of dsmap.ro by the publisher take the reader's mapping back. */
static void
withdraw_cases(void)
{
	size_t len = 0;
	cp_grant_id_t old, g;
	size_t size;
	int r;

	ds_retrieve_map("dsmap.ro", &old, &size, NULL, NULL);
	test_expect("dsmap_republish", ask(pub_ep, DM_REPUBLISH, 0, 0, NULL), OK);
	test_expect("dsmap_republish_unmaps", sys_safeunmap(R_RO), -EINVAL);
	test_expect("dsmap_republish_old_grant", sys_safemap(ds_ep, old, 0, R_RO, PG, 0), -EPERM);
	r = ds_map_value("dsmap.ro", (void *)R_RO, &len, 0);
	test_check("dsmap_republish_new_value", r == OK && word(R_RO) == 0x4444, "%s, read %#x",
		   test_errname(r), r == OK ? word(R_RO) : 0);
	ds_retrieve_map("dsmap.ro", &g, &size, NULL, NULL);
	test_expect("dsmap_delete", ask(pub_ep, DM_DELETE, 0, 0, NULL), OK);
	test_expect("dsmap_delete_unmaps", sys_safeunmap(R_RO), -EINVAL);
	test_expect("dsmap_delete_grant_revoked", sys_safemap(ds_ep, g, 0, R_RO, PG, 0), -EPERM);
	test_expect("dsmap_deleted", ds_retrieve_map("dsmap.ro", &g, &size, NULL, NULL), -ESRCH);
	test_expect("dsmap_publisher_revmap", ask(pub_ep, DM_REVMAP, 1, 0, NULL), OK);
	test_expect("dsmap_publisher_revmap_unmaps", sys_safeunmap(R_RW), -EINVAL);
	len = PG;
	r = ds_map_value("dsmap.rw", (void *)R_RW, &len, 0);
	test_check("dsmap_map_again", r == OK && len == PG && word(R_RW + 4) == 0xABCD,
		   "%s, len %u", test_errname(r), (unsigned)len);
}

/* The publisher exits: DS takes the mapping back, the entry goes, and VM_EXIT frees the
 * publisher's pages, shared ones included. */
static void
exit_cases(void)
{
	uint32_t f0, f1;
	size_t size;
	cp_grant_id_t g;

	ask(pub_ep, DM_EXIT, 0, 0, NULL);
	test_check("dsmap_exit_label_gone", test_poll(label_gone, "dsmpub", 5), "label stays");
	test_expect("dsmap_exit_unmaps", sys_safeunmap(R_RW), -EINVAL);
	test_expect("dsmap_exit_entry_gone", ds_retrieve_map("dsmap.rw", &g, &size, NULL, NULL),
		    -ESRCH);
	f0 = test_free_pages();
	test_expect("dsmap_exit_vm_exit", vm_exit(pub_ep), OK);
	f1 = test_free_pages();
	test_check("dsmap_exit_frees", f1 >= f0 + 4, "free pages %u -> %u", f0, f1);
}

static void
run_reader(void)
{
	uint32_t f0, f1;

	ds_ep = proc_lookup("ds");
	if (!test_poll(published, NULL, 10) ||
	    ds_retrieve_label_endpt("dsmpub", &pub_ep) != OK) {
		test_fail("dsmap_published", "the publisher's values never appeared");
		test_done();
		return;
	}
	retrieve_cases();
	error_cases();
	sharing_cases();
	readonly_case();
	f0 = test_free_pages();
	withdraw_cases();
	f1 = test_free_pages();
	test_check("dsmap_withdraw_no_leak", f1 == f0, "free pages %u -> %u", f0, f1);
	exit_cases();
	test_done();
}

int
main(int argc, char **argv)
{
	const char *role;

	argc = test_init("dsmap_test", argc, argv);
	role = argc > 1 ? argv[1] : "reader";
	if (strcmp(role, "pub") == 0)
		sef_setcb_init_fresh(pub_init);
	sef_startup();
	if (strcmp(role, "pub") == 0)
		run_pub();
	else if (strcmp(role, "helper") == 0)
		run_helper();
	else
		run_reader();
	for (;;)
		sef_receive(ANY, &(message){0});
}
