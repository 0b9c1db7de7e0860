/*
 * safemap_owner.c - mapping memory through grants (sys_safemap, sys_saferevmap_gid/addr,
 * sys_safeunmap), end to end: kernel/system/do_safemap.c, servers/vm/safemap.c.
 *
 * Grader (grader/tests/safemap.py) boots, with vm_sanity=1:
 *     safemap_owner priv=sys            module 0: slot 0 (PM_PROC_NR), so that it may send
 *                                       VM_EXIT for its peers once they are dead, as PM would
 *     vm                                VM
 *     safemap_peer priv=sys grantee     maps the owner's pages
 *     safemap_peer priv=sys other       a third party, a relay, and a granter to the owner
 * and expects a PASS line for every case below, no FAIL line, the two SIGSEGV lines of VM
 * and the kernel for the peers, and "DONE safemap_owner <n> passed, 0 failed".
 *
 * The owner grants pages of its page-aligned buffer `opage` (or of an mmap'd page) and
 * asks a peer (safemap_proto.h) to map them and read or write a word there.  Cases, in
 * order (names start with safemap_):
 *   sharing    map peer_reads sees_owner_writes map_writable owner_sees_peer_writes
 *              peer_sees_owner_again
 *   errors     no_map_bit unaligned_offset unaligned_address unaligned_size zero_size
 *              out_of_range past_end unaligned_grant write_needs_write bad_id revoked_grant
 *              bad_granter third_party address_taken kernel_address kerninfo_address
 *              vm_refuses_direct
 *              revmap_bad_id unmap_unaligned unmap_nothing
 *   unmap      unmap unmap_twice revmap_not_granter
 *   freeing    map_mmap granter_unmap_keeps_page survives_granter_unmap last_unmap_frees
 *   indirect   indirect indirect_reads revmap_addr revmap_addr_removed
 *              revmap_addr_only_covering
 *   revoke     revmap_gid revoked_access_faults (the grantee dies: SIGSEGV)
 *              vm_exit_grantee grantee_exit_frees
 *   granter    owner_maps_peer_page owner_reads_peer_page
 *   fork       fork_granter fork_keeps_sharing fork_child_has_copy fork_child_freed
 *              (the granter forks: its child gets a copy, the sharing goes on)
 *              readonly_map readonly_reads
 *   exits      readonly_write_faults (the other peer dies: SIGSEGV) readonly_unchanged
 *              vm_exit_granter survives_granter_exit granter_exit_then_unmap_frees
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/vm.h>
#include "safemap_proto.h"
#include "testlib.h"

/* Where the peers map things (far above their heaps, far below the mmap area). */
#define X_READ          0x80000000u     /* opage page 0, read-only */
#define X_WRITE         0x80010000u     /* opage page 1, writable */
#define X_SPARE         0x80020000u     /* never mapped */
#define X_MMAP          0x80030000u     /* an mmap'd page of the owner */
#define X_INDIRECT      0x80040000u     /* through the other peer's indirect grant */
#define X_MMAP2         0x80050000u
#define X_REVOKED       0x80060000u
#define X_OTHER_RO      0x80070000u     /* the other peer's read-only map */
#define OWN_MAP         0x90000000u     /* where the owner maps the other peer's page */
#define RW_MAP          (CPF_READ | CPF_WRITE | CPF_MAP)
#define FORK_SLOT       40              /* the other peer's child */

static volatile uint32_t opage[2 * SM_PAGE / 4] __attribute__((aligned(SM_PAGE)));
static endpoint_t self, grantee, other;

/* SENDREC request type with words a..f to peer; the result, reply word A in *out. */
static int
ask(endpoint_t peer, int type, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
	uint32_t f, uint32_t *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[SM_A] = a, m.m_u32.m_u32[SM_B] = b, m.m_u32.m_u32[SM_C] = c;
	m.m_u32.m_u32[SM_D] = d, m.m_u32.m_u32[SM_E] = e, m.m_u32.m_u32[SM_F] = f;
	if ((r = ipc_sendrec(peer, &m)) != OK)
		return r;
	if (out != NULL)
		*out = m.m_u32.m_u32[SM_A];
	return m.m_type;
}

/* SENDREC a request with words a..c; reply words A and B in w. */
static int
ask_words(endpoint_t peer, int type, uint32_t a, uint32_t b, uint32_t c, uint32_t w[2])
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_u32.m_u32[SM_A] = a, m.m_u32.m_u32[SM_B] = b, m.m_u32.m_u32[SM_C] = c;
	if ((r = ipc_sendrec(peer, &m)) != OK)
		return r;
	w[0] = m.m_u32.m_u32[SM_A];
	w[1] = m.m_u32.m_u32[SM_B];
	return m.m_type;
}

static int
peer_map(endpoint_t peer, endpoint_t granter, cp_grant_id_t g, uint32_t offset,
	uint32_t addr, uint32_t bytes, int writable)
{
	return ask(peer, SM_MAP, (uint32_t)granter, (uint32_t)g, offset, addr, bytes,
		   (uint32_t)writable, NULL);
}

/* The word at addr in peer, or 0xDEADDEAD (with the error in *r) if it could not say. */
static uint32_t
peer_read(endpoint_t peer, uint32_t addr, int *r)
{
	uint32_t v = 0xDEADDEAD;

	*r = ask(peer, SM_READ, addr, 0, 0, 0, 0, 0, &v);
	return *r == OK ? v : 0xDEADDEAD;
}

static int
vm_call(int type, message *m)
{
	m->m_type = type;
	return ipc_sendrec(VM_PROC_NR, m) == OK ? m->m_type : -EIO;
}

static uint32_t
free_pages(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	return vm_call(VM_INFO, &m) == OK ? m.m_vm_info.free_pages : 0;
}

/* A fresh writable page from VM_MMAP holding value at its start; 0 on failure. */
static volatile uint32_t *
mmap_page(uint32_t value)
{
	message m;
	volatile uint32_t *p;

	memset(&m, 0, sizeof(m));
	m.m_vm_mmap.len = SM_PAGE;
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	if (vm_call(VM_MMAP, &m) != OK)
		return NULL;
	p = (volatile uint32_t *)m.m_vm_mmap.addr;
	*p = value;
	return p;
}

static int
munmap_page(volatile uint32_t *p)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_vm_mmap.addr = (uint32_t)p;
	m.m_vm_mmap.len = SM_PAGE;
	return vm_call(VM_MUNMAP, &m);
}

/* What PM does for a dead process: its memory goes (the owner sits in PM's slot). */
static int
vm_exit(endpoint_t e)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_vm_proc.endpt = e;
	return vm_call(VM_EXIT, &m);
}

static cp_grant_id_t
grant(endpoint_t to, const volatile void *addr, size_t bytes, int access)
{
	return cpf_grant_direct(to, (vir_bytes)addr, bytes, access);
}

/* Case word: PASS if the peer read want at addr. */
static void
expect_read(const char *name, endpoint_t peer, uint32_t addr, uint32_t want)
{
	int r;
	uint32_t got = peer_read(peer, addr, &r);

	test_check(name, r == OK && got == want, "read 0x%x (%s), want 0x%x", got,
		   test_errname(r), want);
}

static void
sharing_cases(cp_grant_id_t g)
{
	int r;

	opage[0] = 0x1111;
	test_expect("safemap_map", peer_map(grantee, self, g, 0, X_READ, SM_PAGE, 0), OK);
	expect_read("safemap_peer_reads", grantee, X_READ, 0x1111);
	opage[0] = 0x2222;
	expect_read("safemap_sees_owner_writes", grantee, X_READ, 0x2222);
	test_expect("safemap_map_writable",
		    peer_map(grantee, self, g, SM_PAGE, X_WRITE, SM_PAGE, 1), OK);
	r = ask(grantee, SM_WRITE, X_WRITE + 8, 0x3333, 0, 0, 0, 0, NULL);
	test_check("safemap_owner_sees_peer_writes", r == OK && opage[1024 + 2] == 0x3333,
		   "write %s, owner sees 0x%x", test_errname(r), opage[1024 + 2]);
	opage[1024 + 2] = 0x4444;
	expect_read("safemap_peer_sees_owner_again", grantee, X_WRITE + 8, 0x4444);
}

static void
argument_cases(cp_grant_id_t g)
{
	cp_grant_id_t nomap = grant(grantee, opage, SM_PAGE, CPF_READ | CPF_WRITE);
	cp_grant_id_t ro = grant(grantee, opage, SM_PAGE, CPF_READ | CPF_MAP);
	cp_grant_id_t odd = grant(grantee, (const volatile uint8_t *)opage + 16, SM_PAGE, RW_MAP);
	cp_grant_id_t dead = grant(grantee, opage, SM_PAGE, RW_MAP);

	cpf_revoke(dead);
	test_expect("safemap_no_map_bit", peer_map(grantee, self, nomap, 0, X_SPARE, SM_PAGE, 0),
		    -EPERM);
	test_expect("safemap_unaligned_offset",
		    peer_map(grantee, self, g, 100, X_SPARE, SM_PAGE, 0), -EINVAL);
	test_expect("safemap_unaligned_address",
		    peer_map(grantee, self, g, 0, X_SPARE + 8, SM_PAGE, 0), -EINVAL);
	test_expect("safemap_unaligned_size", peer_map(grantee, self, g, 0, X_SPARE, 100, 0),
		    -EINVAL);
	test_expect("safemap_zero_size", peer_map(grantee, self, g, 0, X_SPARE, 0, 0), -EINVAL);
	test_expect("safemap_out_of_range",
		    peer_map(grantee, self, g, SM_PAGE, X_SPARE, 2 * SM_PAGE, 0), -EPERM);
	test_expect("safemap_past_end",
		    peer_map(grantee, self, g, 2 * SM_PAGE, X_SPARE, SM_PAGE, 0), -EPERM);
	test_expect("safemap_unaligned_grant",
		    peer_map(grantee, self, odd, 0, X_SPARE, SM_PAGE, 0), -EINVAL);
	test_expect("safemap_write_needs_write",
		    peer_map(grantee, self, ro, 0, X_SPARE, SM_PAGE, 1), -EPERM);
	test_expect("safemap_bad_id", peer_map(grantee, self, GRANT_INVALID, 0, X_SPARE,
		    SM_PAGE, 0), -EINVAL);
	test_expect("safemap_revoked_grant", peer_map(grantee, self, dead, 0, X_SPARE, SM_PAGE,
		    0), -EPERM);
	test_expect("safemap_bad_granter", peer_map(grantee, 12345, g, 0, X_SPARE, SM_PAGE, 0),
		    -EINVAL);
	test_expect("safemap_third_party", peer_map(other, self, g, 0, X_SPARE, SM_PAGE, 0),
		    -EPERM);
	test_expect("safemap_address_taken", peer_map(grantee, self, g, 0, X_READ, SM_PAGE, 0),
		    -EINVAL);
	test_expect("safemap_kernel_address", peer_map(grantee, self, g, 0, 0xF0000000u,
		    SM_PAGE, 0), -EINVAL);
	test_expect("safemap_kerninfo_address", peer_map(grantee, self, g, 0, 0xEFFFF000u,
		    SM_PAGE, 0), -EINVAL);
	cpf_revoke(nomap), cpf_revoke(ro), cpf_revoke(odd);
}

static void
refusal_cases(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_vm_safemap.owner = self;
	m.m_vm_safemap.owner_addr = (uint32_t)opage;
	m.m_vm_safemap.addr = OWN_MAP;
	m.m_vm_safemap.bytes = SM_PAGE;
	test_expect("safemap_vm_refuses_direct", vm_call(VM_SAFEMAP, &m), -EPERM);
	test_expect("safemap_revmap_bad_id", sys_saferevmap_gid(GRANT_INVALID), -EINVAL);
	test_expect("safemap_unmap_unaligned",
		    ask(grantee, SM_UNMAP, X_READ + 8, 0, 0, 0, 0, 0, NULL), -EINVAL);
	test_expect("safemap_unmap_nothing",
		    ask(grantee, SM_UNMAP, X_SPARE, 0, 0, 0, 0, 0, NULL), -EINVAL);
}

static void
unmap_cases(cp_grant_id_t g)
{
	test_expect("safemap_unmap", ask(grantee, SM_UNMAP, X_READ, 0, 0, 0, 0, 0, NULL), OK);
	test_expect("safemap_unmap_twice", ask(grantee, SM_UNMAP, X_READ, 0, 0, 0, 0, 0, NULL),
		    -EINVAL);
	/* the other peer has no mapping through its own grant g: nothing happens */
	if (ask(other, SM_REVMAP, (uint32_t)g, 0, 0, 0, 0, 0, NULL) != OK)
		test_fail("safemap_revmap_not_granter", "the other peer's revmap failed");
	else
		expect_read("safemap_revmap_not_granter", grantee, X_WRITE + 8, 0x4444);
}

/* The granter unmaps first: the page stays until the grantee's mapping goes too. */
static void
freeing_cases(void)
{
	volatile uint32_t *mm = mmap_page(0x5555);
	cp_grant_id_t gm = grant(grantee, mm, SM_PAGE, CPF_READ | CPF_MAP);
	uint32_t f0, f1, f2;

	test_expect("safemap_map_mmap", peer_map(grantee, self, gm, 0, X_MMAP, SM_PAGE, 0), OK);
	f0 = free_pages();
	munmap_page(mm);
	f1 = free_pages();
	test_check("safemap_granter_unmap_keeps_page", f1 == f0, "free pages %u -> %u", f0, f1);
	expect_read("safemap_survives_granter_unmap", grantee, X_MMAP, 0x5555);
	if (ask(grantee, SM_UNMAP, X_MMAP, 0, 0, 0, 0, 0, NULL) != OK)
		test_fail("safemap_last_unmap_frees", "unmap failed");
	f2 = free_pages();
	test_check("safemap_last_unmap_frees", f2 == f1 + 1, "free pages %u -> %u", f1, f2);
	cpf_revoke(gm);
}

/* A grant passed on by the other peer; the owner then revokes by address. */
static void
indirect_cases(void)
{
	cp_grant_id_t to_other = grant(other, opage, 2 * SM_PAGE, RW_MAP);
	uint32_t gi = (uint32_t)GRANT_INVALID;
	int r;

	r = ask(other, SM_GRANT_INDIRECT, (uint32_t)grantee, (uint32_t)self, (uint32_t)to_other,
		0, 0, 0, &gi);
	if (r == OK)
		r = peer_map(grantee, other, (cp_grant_id_t)gi, 0, X_INDIRECT, SM_PAGE, 0);
	test_expect("safemap_indirect", r, OK);
	opage[5] = 0x5151;
	expect_read("safemap_indirect_reads", grantee, X_INDIRECT + 20, 0x5151);
	test_expect("safemap_revmap_addr", sys_saferevmap_addr((vir_bytes)opage + 100), OK);
	test_expect("safemap_revmap_addr_removed",
		    ask(grantee, SM_UNMAP, X_INDIRECT, 0, 0, 0, 0, 0, NULL), -EINVAL);
	expect_read("safemap_revmap_addr_only_covering", grantee, X_WRITE + 8, 0x4444);
}

/* The owner revokes by grant id: the grantee's next access kills it; then the grantee's
 * exit must have given back its reference to a page the owner still has. */
static void
revoke_cases(cp_grant_id_t g)
{
	volatile uint32_t *mm = mmap_page(0x6666);
	cp_grant_id_t gm = grant(grantee, mm, SM_PAGE, RW_MAP);
	uint32_t f0, f1;
	int r;

	if (peer_map(grantee, self, gm, 0, X_MMAP2, SM_PAGE, 1) != OK ||
	    peer_map(grantee, self, g, 0, X_REVOKED, SM_PAGE, 0) != OK)
		test_fail("safemap_revmap_gid", "could not map");
	test_expect("safemap_revmap_gid", sys_saferevmap_gid(g), OK);
	printf("safemap_owner: the grantee now reads revoked memory (SIGSEGV expected)\n");
	peer_read(grantee, X_REVOKED, &r);
	test_expect("safemap_revoked_access_faults", r, -EDEADSRCDST);
	test_expect("safemap_vm_exit_grantee", vm_exit(grantee), OK);
	f0 = free_pages();
	munmap_page(mm);
	f1 = free_pages();
	test_check("safemap_grantee_exit_frees", f1 == f0 + 1, "free pages %u -> %u", f0, f1);
	cpf_revoke(gm);
}

/* The other peer (the granter of the owner's mapping at OWN_MAP, whose page is at
 * peer_page) forks: its child must get its own copy of the shared page, and the granter's
 * next write must still reach the owner (no copy-on-write of a page shared by safemap). */
static void
fork_cases(uint32_t peer_page)
{
	volatile uint32_t *own = (volatile uint32_t *)OWN_MAP;
	endpoint_t child = NONE;
	uint32_t v = 0;
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_vm_fork.parent = other;
	m.m_vm_fork.slot = FORK_SLOT;
	if ((r = vm_call(VM_FORK, &m)) == OK)
		child = m.m_vm_fork.child;
	test_expect("safemap_fork_granter", r, OK);
	r = ask(other, SM_SET, 0xABCD, 0, 0, 0, 0, 0, NULL);
	test_check("safemap_fork_keeps_sharing", r == OK && own[0] == 0xABCD,
		   "set %s, owner reads 0x%x", test_errname(r), own[0]);
	if (child == NONE)
		return;
	r = sys_vircopy(child, peer_page, SELF, (vir_bytes)&v, sizeof(v), 0);
	test_check("safemap_fork_child_has_copy", r == OK && v == 0x7777,
		   "vircopy %s, child has 0x%x", test_errname(r), v);
	if ((r = vm_exit(child)) == OK)
		r = sys_clear(child);
	test_check("safemap_fork_child_freed", r == OK && own[0] == 0xABCD,
		   "exit %s, owner reads 0x%x", test_errname(r), own[0]);
}

/* The other peer grants the owner its page, maps the owner's page read-only and writes
 * it (SIGSEGV); the owner keeps the dead granter's page until it unmaps it. */
static void
exit_cases(void)
{
	uint32_t w[2] = { (uint32_t)GRANT_INVALID, 0 }, f0, f1;
	cp_grant_id_t ro = grant(other, opage, SM_PAGE, CPF_READ | CPF_MAP);
	volatile uint32_t *own = (volatile uint32_t *)OWN_MAP;
	int r;

	r = ask_words(other, SM_GRANT, (uint32_t)self, CPF_READ | CPF_MAP, 0x7777, w);
	if (r == OK)
		r = sys_safemap(other, (cp_grant_id_t)w[0], 0, OWN_MAP, SM_PAGE, 0);
	test_expect("safemap_owner_maps_peer_page", r, OK);
	test_check("safemap_owner_reads_peer_page", r == OK && own[0] == 0x7777, "read 0x%x",
		   r == OK ? own[0] : 0);
	if (r == OK)
		fork_cases(w[1]);
	opage[0] = 0x8888;
	test_expect("safemap_readonly_map", peer_map(other, self, ro, 0, X_OTHER_RO, SM_PAGE, 0),
		    OK);
	expect_read("safemap_readonly_reads", other, X_OTHER_RO, 0x8888);
	printf("safemap_owner: the other peer now writes a read-only mapping (SIGSEGV expected)\n");
	r = ask(other, SM_WRITE, X_OTHER_RO, 0x9999, 0, 0, 0, 0, NULL);
	test_expect("safemap_readonly_write_faults", r, -EDEADSRCDST);
	test_check("safemap_readonly_unchanged", opage[0] == 0x8888, "owner sees 0x%x", opage[0]);
	test_expect("safemap_vm_exit_granter", vm_exit(other), OK);
	if (r == -EDEADSRCDST)
		test_check("safemap_survives_granter_exit", own[0] == 0xABCD, "read 0x%x", own[0]);
	f0 = free_pages();
	r = sys_safeunmap(OWN_MAP);
	f1 = free_pages();
	test_check("safemap_granter_exit_then_unmap_frees", r == OK && f1 == f0 + 1,
		   "unmap %s, free pages %u -> %u", test_errname(r), f0, f1);
	cpf_revoke(ro);
}

/* Wait for both peers' SM_HELLO. */
static int
meet_peers(void)
{
	message m;
	int status, n;

	for (n = 0; n < 2; n++) {
		if (ipc_receive(ANY, &m, &status) != OK || m.m_type != SM_HELLO)
			return 0;
		if (m.m_u32.m_u32[SM_A] == SM_ROLE_GRANTEE)
			grantee = m.m_source;
		else
			other = m.m_source;
	}
	return grantee != NONE && other != NONE;
}

int
main(int argc, char **argv)
{
	cp_grant_id_t g;

	(void)test_init("safemap_owner", argc, argv);
	grantee = other = NONE;
	if (sys_whoami(&self, NULL, 0, NULL) != OK || !meet_peers()) {
		test_fail("safemap_setup", "no peers");
		return test_done();
	}
	g = grant(grantee, opage, 2 * SM_PAGE, RW_MAP);
	sharing_cases(g);
	argument_cases(g);
	refusal_cases();
	unmap_cases(g);
	freeing_cases();
	indirect_cases();
	revoke_cases(g);
	exit_cases();
	return test_done();
}
