/*
 * grant_owner.c - memory grants and safe copies, end to end (handouts/grants.md,
 * include/minnow/safecopies.h, kernel/grant.c, lib/libsys/grant.c).
 *
 * Grader (grader/tests/grants.py) boots, with poweroff_on_exit=1:
 *     grant_owner priv=sys              module 0: the granter; runs every case
 *     grant_peer priv=sys vfs           module 1, slot VFS_PROC_NR: may make magic grants
 *     grant_peer priv=sys server        the grantee
 *     grant_peer priv=sys third         a third party
 *     grant_peer priv=sys relay         the middle of an indirect chain
 *     grant_peer user 0                 a user process; 0 is grant_owner's endpoint
 * and expects a PASS line for every case below, no FAIL line, and
 * "DONE grant_owner <n> passed, 0 failed".
 *
 * The owner waits for the four system peers' GP_HELLO, then drives them with the requests
 * of grant_proto.h: it makes grants of its buffer `obuf` (filled with a known pattern) and
 * asks a peer to copy through them; a peer reports what it read as a hash, and what a peer
 * wrote the owner checks in obuf itself.  Cases, in order (names start with grant_):
 *   direct     copy_in_range copy_offset copy_past_end copy_too_long copy_overflow
 *              copyto_readonly copyto_write copyfrom_writeonly third_party any_grantee
 *   revoke     revoke_first_copy revoke revoked_copy revoke_twice reuse_slot reuse_old_id
 *              reuse_new_id
 *   indirect   indirect_chain3 indirect_offset indirect_past_end indirect_wrong_grantee
 *              indirect_no_write indirect_root_revoked indirect_depth5 indirect_depth6
 *              indirect_selfref
 *   magic      magic_not_vfs magic_vfs_read magic_vfs_write magic_vfs_third
 *              magic_vfs_past_end magic_vfs_revoked
 *   vector     vsafecopy vsafecopy_both_self vsafecopy_no_self vsafecopy_too_many
 *              vsafecopy_stops
 *   memset     safememset safememset_readonly safememset_past_end
 *   bad args   bad_id bad_granter stale_granter index_beyond_table wrong_generation
 *              granter_without_table kernel_granter bad_local_buffer kernel_local_buffer
 *              unmapped_granted_memory try_unmapped
 *   reserved   getgrants reserved_unusable reserved_filled disabled
 *   libsys     lib_no_access lib_bad_access lib_wrapping_range lib_revoke_bad table_growth
 *              table_growth_first table_growth_last
 *   setgrant   setgrant_negative setgrant_too_big setgrant_kernel_addr
 *              setgrant_rejected_keeps_table setgrant_remove no_table_after_remove reload
 *              reload_copy
 *   hand table hand_table hand_table_copy used_not_valid index_at_table_end
 *              hand_table_reload (a table written without libsys: sys_setgrant)
 *   user       user_setgrant user_safecopy user_cpf (the user peer's GP_USER_REPORT)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/grant.h>
#include "grant_proto.h"
#include "testlib.h"

#define OWNER_SEED      42
#define NR_PEERS        4
#define KERNEL_ADDRESS  0xF0100000u
#define UNMAPPED        0x10u           /* in page 0, which is never mapped */

static endpoint_t peer[NR_ROLES];       /* by role */
static endpoint_t self;
static uint8_t obuf[GP_BUF_SIZE];       /* the memory the owner grants */
static message user_report;             /* GP_USER_REPORT, if it came early */

static void
reset_obuf(void)
{
	for (size_t i = 0; i < GP_BUF_SIZE; i++)
		obuf[i] = gp_pattern(OWNER_SEED, i);
}

/* Does obuf[off, off + n) hold gp_pattern(seed, 0 .. n-1)? */
static int
obuf_has(size_t off, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		if (obuf[off + i] != gp_pattern(seed, i))
			return 0;
	return 1;
}

/* Does obuf[off, off + n) still hold the owner's own pattern? */
static int
obuf_intact(size_t off, size_t n)
{
	for (size_t i = off; i < off + n; i++)
		if (obuf[i] != gp_pattern(OWNER_SEED, i))
			return 0;
	return 1;
}

/* Ask the peer with `role` to do request `type`; its result, reply word A in *out. */
static int
ask(int role, int type, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
	uint32_t *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[GP_A] = a;
	m.m_u32.m_u32[GP_B] = b;
	m.m_u32.m_u32[GP_C] = c;
	m.m_u32.m_u32[GP_D] = d;
	m.m_u32.m_u32[GP_E] = e;
	if ((r = ipc_sendrec(peer[role], &m)) != OK)
		return r;
	if (out != NULL)
		*out = m.m_u32.m_u32[GP_A];
	return m.m_type;
}

/* The peer `role` copies n bytes at off of (granter, g) with sys_safecopyfrom. */
static int
copyfrom(int role, endpoint_t granter, cp_grant_id_t g, uint32_t off, uint32_t n,
	uint32_t *hash)
{
	return ask(role, GP_COPYFROM, (uint32_t)granter, (uint32_t)g, off, n, 0, hash);
}

/* Case `name`: the peer `role` reads through (granter, g) at off exactly the n bytes at want. */
static void
expect_read(const char *name, int role, endpoint_t granter, cp_grant_id_t g, uint32_t off,
	const uint8_t *want, uint32_t n)
{
	uint32_t hash = 0;
	int r = copyfrom(role, granter, g, off, n, &hash);

	if (r != OK)
		test_fail(name, "safecopyfrom: %s", test_errname(r));
	else
		test_check(name, hash == gp_hash(want, n), "the bytes read are not the granted ones");
}

/* A direct grant of n bytes of obuf at off to grantee; GRANT_INVALID reports a FAIL. */
static cp_grant_id_t
grant(const char *name, endpoint_t grantee, size_t off, size_t n, int access)
{
	cp_grant_id_t g = cpf_grant_direct(grantee, (vir_bytes)obuf + off, n, access);

	if (g == GRANT_INVALID)
		test_fail(name, "cpf_grant_direct: %s", test_errname(errno));
	return g;
}

/* Wait for every system peer's GP_HELLO (keeping a user report that comes early); 0 if
 * a peer is missing or a message is strange. */
static int
collect_peers(void)
{
	message m;
	int r;

	for (int n = 0; n < NR_PEERS; ) {
		if ((r = ipc_receive(ANY, &m, NULL)) != OK) {
			test_fail("grant_peers", "receive: %s", test_errname(r));
			return 0;
		}
		if (m.m_type == GP_USER_REPORT) {
			user_report = m;
			continue;
		}
		if (m.m_type != GP_HELLO || m.m_u32.m_u32[GP_A] >= NR_ROLES ||
		    m.m_u32.m_u32[GP_A] == 0) {
			test_fail("grant_peers", "unexpected message 0x%x from %d", m.m_type,
				m.m_source);
			return 0;
		}
		peer[m.m_u32.m_u32[GP_A]] = m.m_source;
		n++;
	}
	return 1;
}

/* 6.5: in-range copies work, one byte too far or the wrong direction is EPERM. */
static void
direct_cases(void)
{
	cp_grant_id_t g, w, any;
	int r;

	reset_obuf();
	if ((g = grant("grant_copy_in_range", peer[ROLE_SERVER], 0, 100, CPF_READ)) < 0)
		return;
	expect_read("grant_copy_in_range", ROLE_SERVER, self, g, 0, obuf, 100);
	expect_read("grant_copy_offset", ROLE_SERVER, self, g, 40, obuf + 40, 60);
	test_expect("grant_copy_past_end", copyfrom(ROLE_SERVER, self, g, 100, 1, NULL), -EPERM);
	test_expect("grant_copy_too_long", copyfrom(ROLE_SERVER, self, g, 0, 101, NULL), -EPERM);
	test_expect("grant_copy_overflow",
		copyfrom(ROLE_SERVER, self, g, 0xFFFFFFF0u, 0x20, NULL), -EPERM);
	r = ask(ROLE_SERVER, GP_COPYTO, self, g, 0, 10, 5, NULL);
	test_check("grant_copyto_readonly", r == -EPERM && obuf_intact(0, 100),
		"safecopyto on a read-only grant: %s", test_errname(r));
	w = grant("grant_copyto_write", peer[ROLE_SERVER], 0, 100, CPF_WRITE);
	r = ask(ROLE_SERVER, GP_COPYTO, self, w, 10, 50, 7, NULL);
	test_check("grant_copyto_write", r == OK && obuf_has(10, 50, 7) && obuf_intact(0, 10) &&
		obuf_intact(60, 40), "safecopyto: %s, or the wrong bytes changed", test_errname(r));
	test_expect("grant_copyfrom_writeonly", copyfrom(ROLE_SERVER, self, w, 0, 10, NULL),
		-EPERM);
	reset_obuf();
	test_expect("grant_third_party", copyfrom(ROLE_THIRD, self, g, 0, 100, NULL), -EPERM);
	any = grant("grant_any_grantee", ANY, 0, 100, CPF_READ);
	expect_read("grant_any_grantee", ROLE_THIRD, self, any, 0, obuf, 100);
	cpf_revoke(g);
	cpf_revoke(w);
	cpf_revoke(any);
}

/* 6.5: a revoked grant fails at once; a reused slot does not honour the old id. */
static void
revoke_cases(void)
{
	cp_grant_id_t g, g2;

	reset_obuf();
	if ((g = grant("grant_revoke_first_copy", peer[ROLE_SERVER], 0, 64, CPF_READ)) < 0)
		return;
	expect_read("grant_revoke_first_copy", ROLE_SERVER, self, g, 0, obuf, 64);
	test_expect("grant_revoke", cpf_revoke(g), OK);
	test_expect("grant_revoked_copy", copyfrom(ROLE_SERVER, self, g, 0, 64, NULL), -EPERM);
	test_expect("grant_revoke_twice", cpf_revoke(g), -EINVAL);
	if ((g2 = grant("grant_reuse_slot", peer[ROLE_SERVER], 64, 64, CPF_READ)) < 0)
		return;
	test_check("grant_reuse_slot", GRANT_INDEX(g2) == GRANT_INDEX(g) && g2 != g,
		"old id 0x%x, new id 0x%x: want the same slot, another id", g, g2);
	test_expect("grant_reuse_old_id", copyfrom(ROLE_SERVER, self, g, 0, 64, NULL), -EPERM);
	expect_read("grant_reuse_new_id", ROLE_SERVER, self, g2, 0, obuf + 64, 64);
	cpf_revoke(g2);
}

/* A chain in the owner's own table: a direct grant to itself, `levels` indirect grants on
 * top (to itself, the last to the server).  The ids go in ids[0 .. levels]. */
static int
make_chain(int levels, cp_grant_id_t *ids)
{
	ids[0] = cpf_grant_direct(self, (vir_bytes)obuf, 32, CPF_READ);
	for (int i = 1; i <= levels; i++)
		ids[i] = cpf_grant_indirect(i == levels ? peer[ROLE_SERVER] : self, self, ids[i - 1]);
	for (int i = 0; i <= levels; i++)
		if (ids[i] == GRANT_INVALID)
			return 0;
	return 1;
}

/* Case `name`: a chain of `levels` indirect grants gives `want` (OK: the right bytes). */
static void
chain_case(const char *name, int levels, int want)
{
	cp_grant_id_t ids[GRANT_MAX_INDIRECT + 2];

	if (!make_chain(levels, ids))
		test_fail(name, "making the chain: %s", test_errname(errno));
	else if (want == OK)
		expect_read(name, ROLE_SERVER, self, ids[levels], 0, obuf, 32);
	else
		test_expect(name, copyfrom(ROLE_SERVER, self, ids[levels], 0, 32, NULL), want);
	for (int i = 0; i <= levels; i++)
		cpf_revoke(ids[i]);
}

/* An indirect grant that names itself: the kernel must give up with ELOOP. */
static void
selfref_case(void)
{
	cp_grant_id_t r;

	if (cpf_getgrants(&r, 1) != 1 || cpf_setgrant_indirect(r, ANY, self, r) != OK) {
		test_fail("grant_indirect_selfref", "making the grant: %s", test_errname(errno));
		return;
	}
	test_expect("grant_indirect_selfref", copyfrom(ROLE_SERVER, self, r, 0, 8, NULL), -ELOOP);
	cpf_revoke(r);
}

/* Owner -> server (direct) -> relay (indirect) -> third (indirect): the third reads obuf. */
static void
indirect_cases(void)
{
	endpoint_t server = peer[ROLE_SERVER], relay = peer[ROLE_RELAY];
	uint32_t g1, g2;
	cp_grant_id_t g0;

	reset_obuf();
	if ((g0 = grant("grant_indirect_chain3", server, 0, 128, CPF_READ)) < 0)
		return;
	if (ask(ROLE_SERVER, GP_GRANT_INDIRECT, relay, self, g0, 0, 0, &g1) != OK ||
	    ask(ROLE_RELAY, GP_GRANT_INDIRECT, peer[ROLE_THIRD], server, g1, 0, 0, &g2) != OK) {
		test_fail("grant_indirect_chain3", "a peer could not pass the grant on");
		return;
	}
	expect_read("grant_indirect_chain3", ROLE_THIRD, relay, g2, 0, obuf, 128);
	expect_read("grant_indirect_offset", ROLE_THIRD, relay, g2, 100, obuf + 100, 28);
	test_expect("grant_indirect_past_end", copyfrom(ROLE_THIRD, relay, g2, 100, 29, NULL),
		-EPERM);
	test_expect("grant_indirect_wrong_grantee", copyfrom(ROLE_THIRD, server, g1, 0, 8, NULL),
		-EPERM);
	test_expect("grant_indirect_no_write", ask(ROLE_THIRD, GP_COPYTO, relay, g2, 0, 8, 3,
		NULL), -EPERM);
	cpf_revoke(g0);
	test_expect("grant_indirect_root_revoked", copyfrom(ROLE_THIRD, relay, g2, 0, 8, NULL),
		-EPERM);
	ask(ROLE_SERVER, GP_REVOKE, g1, 0, 0, 0, 0, NULL);
	ask(ROLE_RELAY, GP_REVOKE, g2, 0, 0, 0, 0, NULL);
	chain_case("grant_indirect_depth5", GRANT_MAX_INDIRECT, OK);
	chain_case("grant_indirect_depth6", GRANT_MAX_INDIRECT + 1, -ELOOP);
	selfref_case();
}

/* Magic grants through the process in VFS's slot: read, write, refused to others. */
static void
magic_vfs_cases(void)
{
	endpoint_t vfs = peer[ROLE_VFS];
	uint32_t mg;
	int r;

	reset_obuf();
	r = ask(ROLE_VFS, GP_GRANT_MAGIC, peer[ROLE_SERVER], self, (uint32_t)obuf, 100,
		CPF_READ | CPF_WRITE, &mg);
	if (r != OK) {
		test_fail("grant_magic_vfs_read", "cpf_grant_magic in VFS: %s", test_errname(r));
		return;
	}
	expect_read("grant_magic_vfs_read", ROLE_SERVER, vfs, mg, 0, obuf, 100);
	r = ask(ROLE_SERVER, GP_COPYTO, vfs, mg, 0, 20, 11, NULL);
	test_check("grant_magic_vfs_write", r == OK && obuf_has(0, 20, 11) && obuf_intact(20, 80),
		"safecopyto: %s, or the wrong bytes changed", test_errname(r));
	test_expect("grant_magic_vfs_third", copyfrom(ROLE_THIRD, vfs, mg, 0, 10, NULL), -EPERM);
	test_expect("grant_magic_vfs_past_end", copyfrom(ROLE_SERVER, vfs, mg, 95, 10, NULL),
		-EPERM);
	ask(ROLE_VFS, GP_REVOKE, mg, 0, 0, 0, 0, NULL);
	test_expect("grant_magic_vfs_revoked", copyfrom(ROLE_SERVER, vfs, mg, 0, 10, NULL),
		-EPERM);
}

/* 6.5: a magic grant made by anybody but VFS grants nothing. */
static void
magic_cases(void)
{
	cp_grant_id_t m;

	reset_obuf();
	m = cpf_grant_magic(peer[ROLE_SERVER], self, (vir_bytes)obuf, 100, CPF_READ);
	if (m == GRANT_INVALID)
		test_fail("grant_magic_not_vfs", "cpf_grant_magic: %s", test_errname(errno));
	else
		test_expect("grant_magic_not_vfs", copyfrom(ROLE_SERVER, self, m, 0, 100, NULL),
			-EPERM);
	cpf_revoke(m);
	if (peer[ROLE_VFS] != VFS_PROC_NR) {
		test_fail("grant_magic_vfs_read", "the vfs peer is endpoint %d, not VFS_PROC_NR %d",
			peer[ROLE_VFS], VFS_PROC_NR);
		return;
	}
	magic_vfs_cases();
}

/* sys_vsafecopy: a good vector, bad elements, too many, stopping at the first failure. */
static void
vector_cases(void)
{
	cp_grant_id_t a, b;
	uint32_t hash = 0;
	int r;

	reset_obuf();
	a = grant("grant_vsafecopy", peer[ROLE_SERVER], 0, 64, CPF_READ);
	b = grant("grant_vsafecopy", peer[ROLE_SERVER], 128, 64, CPF_WRITE);
	r = ask(ROLE_SERVER, GP_VCOPY, self, a, b, 64, VC_GOOD, &hash);
	test_check("grant_vsafecopy", r == OK && hash == gp_hash(obuf, 64) &&
		memcmp(obuf + 128, obuf, 64) == 0, "vsafecopy: %s, or wrong bytes", test_errname(r));
	reset_obuf();
	test_expect("grant_vsafecopy_both_self", ask(ROLE_SERVER, GP_VCOPY, self, a, b, 64,
		VC_BOTH_SELF, NULL), -EINVAL);
	test_expect("grant_vsafecopy_no_self", ask(ROLE_SERVER, GP_VCOPY, self, a, b, 64,
		VC_NO_SELF, NULL), -EINVAL);
	test_expect("grant_vsafecopy_too_many", ask(ROLE_SERVER, GP_VCOPY, self, a, b, 64,
		VC_TOO_MANY, NULL), -EINVAL);
	r = ask(ROLE_SERVER, GP_VCOPY, self, a, b, 64, VC_STOPS, NULL);
	test_check("grant_vsafecopy_stops", r == -EPERM && obuf_has(128, 64, 99),
		"got %s, want EPERM after the first element was done", test_errname(r));
	cpf_revoke(a);
	cpf_revoke(b);
}

/* sys_safememset fills a writable grant, and nothing else. */
static void
memset_cases(void)
{
	cp_grant_id_t w, rd;
	int r, filled = 1;

	reset_obuf();
	w = grant("grant_safememset", peer[ROLE_SERVER], 0, 100, CPF_WRITE);
	rd = grant("grant_safememset_readonly", peer[ROLE_SERVER], 0, 100, CPF_READ);
	r = ask(ROLE_SERVER, GP_MEMSET, self, w, 10, 50, 0x5A, NULL);
	for (int i = 10; i < 60; i++)
		filled &= obuf[i] == 0x5A;
	test_check("grant_safememset", r == OK && filled && obuf_intact(0, 10) &&
		obuf_intact(60, 40), "safememset: %s, or the wrong bytes", test_errname(r));
	test_expect("grant_safememset_readonly", ask(ROLE_SERVER, GP_MEMSET, self, rd, 0, 10,
		0x11, NULL), -EPERM);
	test_expect("grant_safememset_past_end", ask(ROLE_SERVER, GP_MEMSET, self, w, 90, 11,
		0x11, NULL), -EPERM);
	cpf_revoke(w);
	cpf_revoke(rd);
}

/* Garbage ids and endpoints, tables that are not there, buffers that are not there. */
static void
bad_argument_cases(void)
{
	endpoint_t stale = MAKE_ENDPOINT(ENDPOINT_GEN(self) + 1, ENDPOINT_SLOT(self));
	cp_grant_id_t g, u, t;

	reset_obuf();
	if ((g = grant("grant_bad_id", peer[ROLE_SERVER], 0, 100, CPF_READ)) < 0)
		return;
	test_expect("grant_bad_id", copyfrom(ROLE_SERVER, self, GRANT_INVALID, 0, 8, NULL), -EINVAL);
	test_expect("grant_bad_granter", copyfrom(ROLE_SERVER, 0x1234567, g, 0, 8, NULL), -EINVAL);
	test_expect("grant_stale_granter", copyfrom(ROLE_SERVER, stale, g, 0, 8, NULL), -EINVAL);
	test_expect("grant_index_beyond_table", copyfrom(ROLE_SERVER, self,
		GRANT_ID(GRANT_INDEX_MASK, GRANT_GEN(g)), 0, 8, NULL), -EPERM);
	test_expect("grant_wrong_generation", copyfrom(ROLE_SERVER, self,
		GRANT_ID(GRANT_INDEX(g), GRANT_GEN(g) + 1), 0, 8, NULL), -EPERM);
	test_expect("grant_granter_without_table", copyfrom(ROLE_SERVER, peer[ROLE_THIRD],
		GRANT_ID(0, 1), 0, 8, NULL), -EPERM);
	test_expect("grant_kernel_granter", copyfrom(ROLE_SERVER, SYSTEM, 0, 0, 8, NULL), -EPERM);
	test_expect("grant_bad_local_buffer", ask(ROLE_SERVER, GP_COPYFROM, self, g, 0, 8,
		UNMAPPED, NULL), -EFAULT);
	test_expect("grant_kernel_local_buffer", ask(ROLE_SERVER, GP_COPYFROM, self, g, 0, 8,
		KERNEL_ADDRESS, NULL), -EFAULT);
	u = cpf_grant_direct(peer[ROLE_SERVER], UNMAPPED, 100, CPF_READ);
	t = cpf_grant_direct(peer[ROLE_SERVER], UNMAPPED, 100, CPF_READ | CPF_TRY);
	test_expect("grant_unmapped_granted_memory", copyfrom(ROLE_SERVER, self, u, 0, 8, NULL),
		-EFAULT);
	test_expect("grant_try_unmapped", copyfrom(ROLE_SERVER, self, t, 0, 8, NULL), -EFAULT);
	cpf_revoke(g);
	cpf_revoke(u);
	cpf_revoke(t);
}

/* Slots reserved with cpf_getgrants grant nothing until filled; disabled ones neither. */
static void
reserved_cases(void)
{
	cp_grant_id_t ids[2];

	reset_obuf();
	if (!test_check("grant_getgrants", cpf_getgrants(ids, 2) == 2, "cpf_getgrants: %s",
		test_errname(errno)))
		return;
	test_expect("grant_reserved_unusable", copyfrom(ROLE_SERVER, self, ids[0], 0, 8, NULL),
		-EPERM);
	cpf_setgrant_direct(ids[0], peer[ROLE_SERVER], (vir_bytes)obuf, 100, CPF_READ);
	expect_read("grant_reserved_filled", ROLE_SERVER, self, ids[0], 0, obuf, 100);
	cpf_setgrant_disable(ids[0]);
	test_expect("grant_disabled", copyfrom(ROLE_SERVER, self, ids[0], 0, 8, NULL), -EPERM);
	cpf_revoke(ids[0]);
	cpf_revoke(ids[1]);
}

/* Case `name`: cpf_grant_direct(addr, bytes, access) must refuse with EINVAL. */
static void
expect_lib_einval(const char *name, vir_bytes addr, size_t bytes, int access)
{
	cp_grant_id_t g;

	errno = 0;
	g = cpf_grant_direct(peer[ROLE_SERVER], addr, bytes, access);
	test_check(name, g == GRANT_INVALID && errno == EINVAL, "got id 0x%x, errno %s", g,
		test_errname(errno));
}

/* The libsys side: argument checks, and a table that grows while grants stay valid. */
static void
library_cases(void)
{
	static cp_grant_id_t ids[40];
	int n, distinct = 1;

	expect_lib_einval("grant_lib_no_access", (vir_bytes)obuf, 10, 0);
	expect_lib_einval("grant_lib_bad_access", (vir_bytes)obuf, 10, CPF_READ | 0x40);
	expect_lib_einval("grant_lib_wrapping_range", 0xFFFFFF00u, 0x200, CPF_READ);
	test_expect("grant_lib_revoke_bad", cpf_revoke(GRANT_ID(1000, 3)), -EINVAL);
	reset_obuf();
	for (n = 0; n < 40; n++)
		if ((ids[n] = cpf_grant_direct(peer[ROLE_SERVER], (vir_bytes)obuf + n, 100,
		    CPF_READ)) == GRANT_INVALID)
			break;
	for (int i = 1; i < n; i++)
		distinct &= ids[i] != ids[i - 1];
	if (test_check("grant_table_growth", n == 40 && distinct && cpf_table_size() >= 40,
	    "%d grants made, table of %d entries", n, cpf_table_size())) {
		expect_read("grant_table_growth_first", ROLE_SERVER, self, ids[0], 0, obuf, 100);
		expect_read("grant_table_growth_last", ROLE_SERVER, self, ids[39], 0, obuf + 39,
			100);
	}
	for (int i = 0; i < n; i++)
		cpf_revoke(ids[i]);
}

/* sys_setgrant: bad sizes and places are refused (the old table stays), size 0 removes the
 * table, cpf_reload() puts it back. */
static void
setgrant_cases(void)
{
	cp_grant_id_t g;

	reset_obuf();
	if ((g = grant("grant_setgrant_rejected_keeps_table", peer[ROLE_SERVER], 0, 100,
	    CPF_READ)) < 0)
		return;
	test_expect("grant_setgrant_negative", sys_setgrant(obuf, -1), -EINVAL);
	test_expect("grant_setgrant_too_big", sys_setgrant(obuf, GRANT_MAX_ENTRIES + 1), -EINVAL);
	test_expect("grant_setgrant_kernel_addr", sys_setgrant((void *)KERNEL_ADDRESS, 4), -EINVAL);
	expect_read("grant_setgrant_rejected_keeps_table", ROLE_SERVER, self, g, 0, obuf, 100);
	test_expect("grant_setgrant_remove", sys_setgrant(NULL, 0), OK);
	test_expect("grant_no_table_after_remove", copyfrom(ROLE_SERVER, self, g, 0, 8, NULL),
		-EPERM);
	test_expect("grant_reload", cpf_reload(), OK);
	expect_read("grant_reload_copy", ROLE_SERVER, self, g, 0, obuf, 100);
	cpf_revoke(g);
}

/* The user peer's report: a user process has no grant table and makes no safe copies. */
static void
user_report_cases(void)
{
	message *m = &user_report, reply;
	int r;

	if (m->m_type != GP_USER_REPORT &&
	    ((r = ipc_receive(ANY, m, NULL)) != OK || m->m_type != GP_USER_REPORT)) {
		test_fail("grant_user_setgrant", "no report from the user peer: %s, type 0x%x",
			test_errname(r), m->m_type);
		return;
	}
	test_expect_either("grant_user_setgrant", (int)m->m_u32.m_u32[GP_A], -ECALLDENIED,
		-EPERM);
	test_expect_either("grant_user_safecopy", (int)m->m_u32.m_u32[GP_B], -ECALLDENIED,
		-EPERM);
	test_check("grant_user_cpf", (cp_grant_id_t)m->m_u32.m_u32[GP_C] == GRANT_INVALID &&
		m->m_u32.m_u32[GP_D] != 0, "a user process made grant 0x%x", m->m_u32.m_u32[GP_C]);
	memset(&reply, 0, sizeof(reply));
	ipc_send(m->m_source, &reply);
}

/* A table written by hand, 2 entries long but with a third behind it: entry 0 is in use but
 * not valid (being written, or revoked), entry 1 a good direct grant, entry 2 one too. */
static void
hand_table_cases(void)
{
	static cp_grant_t hand[3];
	int i;

	reset_obuf();
	memset(hand, 0, sizeof(hand));
	for (i = 0; i < 3; i++) {
		hand[i].cp_flags = CPF_USED | CPF_VALID | CPF_DIRECT | CPF_READ;
		hand[i].cp_u.cp_direct.cp_who_to = peer[ROLE_SERVER];
		hand[i].cp_u.cp_direct.cp_start = (vir_bytes)obuf;
		hand[i].cp_u.cp_direct.cp_len = 100;
		hand[i].cp_gen = 1;
	}
	hand[0].cp_flags &= ~CPF_VALID;
	if (!test_expect("grant_hand_table", sys_setgrant(hand, 2), OK))
		return;
	expect_read("grant_hand_table_copy", ROLE_SERVER, self, GRANT_ID(1, 1), 0, obuf, 100);
	test_expect("grant_used_not_valid", copyfrom(ROLE_SERVER, self, GRANT_ID(0, 1), 0, 8,
		NULL), -EPERM);
	test_expect("grant_index_at_table_end", copyfrom(ROLE_SERVER, self, GRANT_ID(2, 1), 0, 8,
		NULL), -EPERM);
	test_expect("grant_hand_table_reload", cpf_reload(), OK);
}

int
main(int argc, char **argv)
{
	test_init("grant_owner", argc, argv);
	if (sys_whoami(&self, NULL, 0, NULL) != OK || !collect_peers())
		return test_done();
	direct_cases();
	revoke_cases();
	indirect_cases();
	magic_cases();
	vector_cases();
	memset_cases();
	bad_argument_cases();
	reserved_cases();
	library_cases();
	setgrant_cases();
	hand_table_cases();
	for (int role = 1; role < NR_ROLES; role++)
		ask(role, GP_EXIT, 0, 0, 0, 0, 0, NULL);
	user_report_cases();
	return test_done();
}
