/*
 * vm_fork.c - VM's process memory: VM_FORK, VM_EXIT, VM_BRK, VM_INFO and page faults.
 *
 * Grader: grader/tests/vm.py boots VM and two system processes of this program, the "pm"
 * role first so that it gets slot 0 (PM_PROC_NR, whom VM takes VM_FORK and VM_EXIT from):
 *     vm_fork priv=sys pm
 *     vm_fork priv=sys parent
 * The parent asks the pm role to fork it (SENDREC, as a process asks PM).  pm calls VM_FORK,
 * which shares the parent's memory with a new process copy-on-write (the free page count
 * barely moves); pm then answers both: the parent
 * gets the child's endpoint, the child 0 (it inherited the parent's wait for pm's reply);
 * being a system process's child, it first needs privileges, which the pm role gives it
 * (sys_privctl: no RS runs in this boot).
 * Each writes its own value into the same global and reports what it reads back: separate
 * memories, and now the free page count shows the copies the writes made.  The child then grows its heap with VM_BRK, uses it, shrinks it, and touches
 * the page above the break: VM finds no region there and raises SIGSEGV, so the kernel ends
 * it.  pm finally releases the child's memory (VM_EXIT) and checks with VM_INFO that the
 * free page count is back where it was before the fork.  A third process (role textwrite,
 * module name vm_fork_tw) writes into its own program text: SIGSEGV, read-only memory.
 * A fourth (role mapper) uses VM_MMAP (anonymous and contiguous), VM_MUNMAP and VM_MAP_PHYS
 * (the VGA text buffer, once its privileges allow it) and checks VM_INFO's counts.  A fifth
 * (role malloc) runs VM out of memory where its break's growth needs a new page table (every
 * page must come back), mallocs 2 MiB through the break and fails cleanly on 200 MiB.
 * A boot of its own runs roles cowpm (in PM's slot: forks on request) and cow: parent,
 * child, grandchild and sibling write after a fork in a fixed order and check that nobody
 * else sees it, and what each write costs (see the section before main()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "testlib.h"

#define RQ_FORK   (TEST_RQ_BASE + 60)
#define RQ_REPORT (TEST_RQ_BASE + 61)
#define CHILD_SLOT 40

static volatile uint32_t shared_global = 7;

static int
vm_call(int type, message *m)
{
	m->m_type = type;
	return ipc_sendrec(VM_PROC_NR, m) == OK ? m->m_type : -EIO;
}

static int
receive_report(endpoint_t from, uint32_t *value)
{
	message m;
	int status;

	if (ipc_receive(from, &m, &status) != OK || m.m_type != RQ_REPORT)
		return -1;
	*value = m.m_u32.m_u32[0];
	m.m_type = OK;
	ipc_send(from, &m);
	return OK;
}

static void
pm_errors(endpoint_t parent)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_vm_fork.parent = 12345;
	m.m_vm_fork.slot = CHILD_SLOT;
	test_expect("vm_fork_bad_parent", vm_call(VM_FORK, &m), -EINVAL);
	m.m_vm_fork.parent = parent;
	m.m_vm_fork.slot = 0;		/* our own slot: in use */
	test_expect("vm_fork_slot_in_use", vm_call(VM_FORK, &m), -EINVAL);
	m.m_vm_proc.endpt = 12345;
	test_expect("vm_exit_bad_endpoint", vm_call(VM_EXIT, &m), -EINVAL);
}

static int
run_pm(void)
{
	endpoint_t parent, child;
	uint32_t before, during, after, pv = 0, cv = 0;
	message m;
	int status;

	test_set_program("vm_fork_pm");
	if ((parent = test_find_peer("vm_fork")) == NONE)
		return test_done();
	pm_errors(parent);
	if (ipc_receive(parent, &m, &status) != OK || m.m_type != RQ_FORK)
		test_fail("vm_fork_request", "no fork request from the parent");
	before = test_free_pages();
	memset(&m, 0, sizeof(m));
	m.m_vm_fork.parent = parent;
	m.m_vm_fork.slot = CHILD_SLOT;
	if (!test_expect("vm_fork", vm_call(VM_FORK, &m), OK))
		return test_done();
	child = m.m_vm_fork.child;
	during = test_free_pages();
	test_check("vm_fork_shares_pages", m.m_vm_fork.pages > 10 && before - during < 10,
		   "free %u -> %u with %u pages shared: the fork copied them", before, during,
		   m.m_vm_fork.pages);
	/* a system process's child has no privileges until someone (RS) gives it some */
	test_expect("vm_fork_child_privileges", sys_privctl(child, SYS_PRIV_SET_SYS, NULL), OK);
	test_expect("vm_fork_child_allowed", sys_privctl(child, SYS_PRIV_ALLOW, NULL), OK);
	m.m_type = OK, m.m_u32.m_u32[0] = (uint32_t)child;
	ipc_send(parent, &m);
	m.m_u32.m_u32[0] = 0;
	test_expect("vm_fork_child_runs", ipc_send(child, &m), OK);
	test_expect("vm_fork_parent_report", receive_report(parent, &pv), OK);
	test_expect("vm_fork_child_report", receive_report(child, &cv), OK);
	test_check("vm_fork_separate_memory", pv == 1 && cv == 2, "parent read %u, child %u",
		   pv, cv);
	test_check("vm_fork_cow_copied_on_write", test_free_pages() < during,
		   "free %u, %u before the writes: nobody got a private copy", test_free_pages(), during);
	test_expect("vm_brk_child_report", receive_report(child, &cv), OK);
	test_check("vm_brk_used", cv == 0x5A5A, "child's heap check said %x", cv);
	while (sys_getproc(child, &(struct proc_info){0}) == OK)
		;	/* the child dies touching memory above its break */
	m.m_vm_proc.endpt = child;
	test_expect("vm_exit", vm_call(VM_EXIT, &m), OK);
	after = test_free_pages();
	test_check("vm_exit_frees_everything", after == before, "free pages before fork %u, "
		   "after exit %u", before, after);
	return test_done();
}

static void
report(endpoint_t pm, uint32_t value)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_REPORT;
	m.m_u32.m_u32[0] = value;
	ipc_sendrec(pm, &m);
}

/* The child: use a bigger heap, give it back, then touch what is no longer there. */
static void
child_heap(endpoint_t pm)
{
	message m;
	uint32_t brk0, i, ok = 1;
	volatile uint8_t *heap;

	memset(&m, 0, sizeof(m));
	vm_call(VM_BRK, &m);
	brk0 = m.m_vm_proc.addr;
	m.m_vm_proc.addr = brk0 + 3 * 4096;
	if (vm_call(VM_BRK, &m) != OK || m.m_vm_proc.addr != brk0 + 3 * 4096)
		ok = 0;
	heap = (volatile uint8_t *)brk0;
	for (i = 0; i < 3 * 4096; i++)
		heap[i] = 0x5A;
	for (i = 0; i < 3 * 4096; i++)
		ok &= heap[i] == 0x5A;
	m.m_vm_proc.addr = brk0;
	ok &= vm_call(VM_BRK, &m) == OK;
	m.m_vm_proc.addr = 4096;	/* below the heap */
	ok &= vm_call(VM_BRK, &m) == -EINVAL;
	report(pm, ok ? 0x5A5A : 0);
	printf("vm_fork_child: touching memory above the break\n");
	heap[0] = 1;
	printf("FAIL vm_fork_child_survived: wrote above the break\n");
}

static int
run_parent(void)
{
	endpoint_t pm = PM_PROC_NR;
	message m;

	test_set_program("vm_fork_parent");
	memset(&m, 0, sizeof(m));
	m.m_vm_fork.parent = 0;
	test_expect("vm_fork_not_pm", vm_call(VM_FORK, &m), -EPERM);
	memset(&m, 0, sizeof(m));
	m.m_type = RQ_FORK;
	if (ipc_sendrec(pm, &m) != OK)
		return test_done();
	if (m.m_u32.m_u32[0] == 0) {		/* the child */
		shared_global = 2;
		report(pm, shared_global);
		child_heap(pm);
		for (;;)
			;
	}
	shared_global = 1;
	report(pm, shared_global);
	return test_done();
}

static int
mmap_call(int type, uint32_t addr, uint32_t len, int prot, int flags, uint32_t phys,
	  mess_vm_mmap *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_vm_mmap.addr = addr, m.m_vm_mmap.len = len, m.m_vm_mmap.prot = prot;
	m.m_vm_mmap.flags = flags, m.m_vm_mmap.phys = phys;
	r = vm_call(type, &m);
	if (out != NULL)
		*out = m.m_vm_mmap;
	return r;
}

/* Lazy memory: the kernel writes into untouched pages (a memory request to VM), for a
 * kernel call's answer and for a safe copy; a bad pointer is still EFAULT. */
static void
lazy_cases(uint32_t base)
{
	static const char lazy_text[] = "copied through a grant into an untouched page";
	mess_vm_mmap lm;
	struct proc_info *pi;
	uint32_t free_then;
	endpoint_t self;
	cp_grant_id_t g;

	if (!test_expect("vm_mmap_lazy", mmap_call(VM_MMAP, 0, 2 * 4096, VM_PROT_WRITE, VM_MAP_LAZY,
						   0, &lm), OK))
		return;
	free_then = test_free_pages();
	test_check("vm_mmap_lazy_takes_nothing", free_then == base, "free %u, was %u", free_then,
		   base);
	pi = (struct proc_info *)lm.addr;		/* untouched: not present yet */
	sys_whoami(&self, NULL, 0, NULL);
	test_expect("vm_lazy_kernel_call_writes", sys_getproc(self, pi), OK);
	test_check("vm_lazy_kernel_call_data", strcmp(pi->pi_name, "vm_fork") == 0,
		   "name '%s'", pi->pi_name);
	test_check("vm_lazy_one_page_taken", test_free_pages() == base - 1, "free %u, was %u",
		   test_free_pages(), base);
	test_expect("vm_lazy_bad_pointer_still_efault", sys_getproc(self, (void *)0x10), -EFAULT);
	/* a safe copy into the other page, untouched: the same memory request, then the call
	 * made again (kernel/system.c answers a safe copy in the caller's own message) */
	g = cpf_grant_direct(self, (vir_bytes)lazy_text, sizeof(lazy_text), CPF_READ);
	test_expect("vm_lazy_safecopy", sys_safecopyfrom(self, g, 0, lm.addr + 4096,
							 sizeof(lazy_text)), OK);
	test_check("vm_lazy_safecopy_data",
		   memcmp((const void *)(lm.addr + 4096), lazy_text, sizeof(lazy_text)) == 0,
		   "the bytes differ");
	cpf_revoke(g);
	mmap_call(VM_MUNMAP, lm.addr, 2 * 4096, 0, 0, 0, NULL);
}

static int
pm_gone(void *arg)
{
	(void)arg;
	return sys_getproc(PM_PROC_NR, &(struct proc_info){0}) != OK;
}

/* Anonymous, contiguous and device mappings. */
static int
run_mapper(void)
{
	mess_vm_mmap mm, cm, dm;
	uint32_t base, i, ok = 1, pa = 0;
	struct priv_range vga = { 0xB8000, 0xB8FFF };
	volatile uint32_t *p;

	test_set_program("vm_fork_mapper");
	/* count pages only once the fork test is over, and after a first mapping has made
	 * the page table that maps this part of the address space */
	test_poll(pm_gone, NULL, 20);
	if (mmap_call(VM_MMAP, 0, 4096, VM_PROT_WRITE, 0, 0, &mm) == OK)
		mmap_call(VM_MUNMAP, mm.addr, 4096, 0, 0, 0, NULL);
	base = test_free_pages();
	test_expect("vm_mmap_zero_length", mmap_call(VM_MMAP, 0, 0, VM_PROT_WRITE, 0, 0, NULL),
		    -EINVAL);
	if (!test_expect("vm_mmap", mmap_call(VM_MMAP, 0, 3 * 4096, VM_PROT_WRITE, 0, 0, &mm), OK))
		return test_done();
	p = (volatile uint32_t *)mm.addr;
	for (i = 0; i < 3 * 1024; i++)
		ok &= p[i] == 0, p[i] = i;
	for (i = 0; i < 3 * 1024; i++)
		ok &= p[i] == i;
	test_check("vm_mmap_zeroed_and_usable", ok, "memory did not read back");
	test_check("vm_mmap_counts", test_free_pages() == base - 3, "free %u, was %u", test_free_pages(), base);
	test_expect("vm_mmap_contig", mmap_call(VM_MMAP, 0, 4 * 4096, VM_PROT_WRITE, VM_MAP_CONTIG,
						0, &cm), OK);
	test_expect("vm_mmap_contig_umap", sys_umap(SELF, cm.addr, 4 * 4096, &pa), OK);
	test_check("vm_mmap_contig_phys", pa == cm.phys_out && pa != 0, "umap 0x%x, mmap said 0x%x",
		   pa, cm.phys_out);
	test_expect("vm_munmap_wrong_length", mmap_call(VM_MUNMAP, mm.addr, 4096, 0, 0, 0, NULL),
		    -EINVAL);
	test_expect("vm_munmap", mmap_call(VM_MUNMAP, mm.addr, 3 * 4096, 0, 0, 0, NULL), OK);
	test_expect("vm_munmap_contig", mmap_call(VM_MUNMAP, cm.addr, 4 * 4096, 0, 0, 0, NULL), OK);
	test_check("vm_munmap_frees", test_free_pages() == base, "free %u, was %u", test_free_pages(), base);
	lazy_cases(base);
	test_expect("vm_map_phys_not_allowed", mmap_call(VM_MAP_PHYS, 0, 4096, 0, 0, 0xB8000, NULL),
		    -EPERM);
	sys_privctl(SELF, SYS_PRIV_ADD_MEM, &vga);
	if (test_expect("vm_map_phys", mmap_call(VM_MAP_PHYS, 0, 4096, 0, 0, 0xB8000, &dm), OK))
		test_check("vm_map_phys_reads_vga", (*(volatile uint16_t *)dm.addr >> 8) == 0x07,
			   "first cell 0x%x: not the kernel's grey on black",
			   *(volatile uint16_t *)dm.addr);
	test_expect("vm_munmap_phys", mmap_call(VM_MUNMAP, dm.addr, 4096, 0, 0, 0, NULL), OK);
	test_check("vm_munmap_phys_keeps_device_pages", test_free_pages() == base, "free %u, was %u",
		   test_free_pages(), base);
	return test_done();
}

#define TABLE_SPAN (4u * 1024 * 1024)	/* the memory one page table maps */
#define CHUNK 4096u			/* pages of one filler mapping at most (16 MiB) */
#define FILLERS 256

/* Take free pages with eager mmaps until @p want remain (big ones, then page by page);
 * the mappings go into addr[] and len[]; returns how many. */
static uint32_t
take_pages(uint32_t want, uint32_t *addr, uint32_t *len)
{
	uint32_t n = 0, free_now, pages;
	mess_vm_mmap mm;

	while (n < FILLERS && (free_now = test_free_pages()) > want) {
		pages = free_now - want > 64 ? free_now - want - 32 : 1;	/* 32: page tables */
		if (pages > CHUNK)
			pages = CHUNK;
		if (mmap_call(VM_MMAP, 0, pages * 4096, VM_PROT_WRITE, 0, 0, &mm) != OK)
			break;
		addr[n] = mm.addr, len[n++] = pages * 4096;
	}
	return n;
}

/*
 * Run VM out of memory exactly where the break's growth needs a new page table: take free
 * pages until just enough remain for the pages up to the next 4 MiB boundary and one more;
 * then ask for the break past the boundary.  The page beyond it is allocated and its page
 * table is not: the growth fails (ENOMEM) and must give every page back, that one too.
 * Nothing else allocates meanwhile (this boot runs VM and this test), and the process has
 * not used memory above its break yet (page tables, once made, stay).
 */
static void
exhaust_at_table(void)
{
	static uint32_t addr[FILLERS], len[FILLERS];
	uint32_t base, top, want, n, i, free_then;
	message m;

	memset(&m, 0, sizeof(m));
	vm_call(VM_BRK, &m);
	top = (m.m_vm_proc.addr + TABLE_SPAN) & ~(TABLE_SPAN - 1);
	want = (top - ((m.m_vm_proc.addr + 4095) & ~4095u)) / 4096 + 1;	/* up to top, +1 */
	n = take_pages(want, addr, len);	/* a dry run: the fillers' page tables stay, */
	for (i = 0; i < n; i++)			/* so the count below has them already */
		mmap_call(VM_MUNMAP, addr[i], len[i], 0, 0, 0, NULL);
	base = test_free_pages();
	n = take_pages(want, addr, len);
	free_then = test_free_pages();
	m.m_vm_proc.addr = top + 4096;		/* past the boundary: a new page table */
	test_expect("vm_malloc_exhausted_brk_fails", vm_call(VM_BRK, &m), -ENOMEM);
	for (i = 0; i < n; i++)
		mmap_call(VM_MUNMAP, addr[i], len[i], 0, 0, 0, NULL);
	test_check("vm_malloc_exhausted_gives_back", test_free_pages() == base,
		   "free %u after the failed growth, %u before (%u free for it: %u wanted)",
		   test_free_pages(), base, free_then, want);
}

/* malloc through the break: a lot of memory works, too much fails cleanly. */
static int
run_malloc(void)
{
	uint32_t before, i, ok = 1;
	char *brk0, *big;

	test_set_program("vm_fork_malloc");
	exhaust_at_table();	/* first: no page table above the break yet */
	before = test_free_pages();
	brk0 = sbrk(0);
	big = malloc(2 * 1024 * 1024);
	if (!test_check("vm_malloc_2mib", big != NULL, "malloc(2 MiB) failed"))
		return test_done();
	for (i = 0; i < 2 * 1024 * 1024; i += 4096)
		big[i] = (char)i;
	for (i = 0; i < 2 * 1024 * 1024; i += 4096)
		ok &= big[i] == (char)i;
	test_check("vm_malloc_usable", ok, "the memory did not read back");
	test_check("vm_malloc_moved_break", (char *)sbrk(0) >= brk0 + 2 * 1024 * 1024,
		   "break %p, was %p", sbrk(0), (void *)brk0);
	test_check("vm_malloc_took_pages", before - test_free_pages() >= 512, "free %u, was %u",
		   test_free_pages(), before);
	test_check("vm_malloc_too_much_fails", malloc(200u * 1024 * 1024) == NULL,
		   "malloc(200 MiB) succeeded on a 128 MiB machine");
	free(big);
	return test_done();
}

/* Write into our own program text: a read-only region. */
static int
run_textwrite(void)
{
	printf("vm_fork_textwrite: writing into the program text\n");
	*(volatile uint32_t *)(uintptr_t)&test_done = 0;	/* any code address */
	printf("FAIL vm_fork_textwrite_survived: wrote into the text\n");
	return 1;
}

/* ---- copy-on-write seen from every side: roles cowpm and cow ---------------------------
 * A boot of its own (grader/tests/vm.py, vm_cow_boot): "vm_fork priv=sys cowpm" in slot 0
 * forks whoever asks (RQ_FORK) and releases the memory of whoever it is told has ended
 * (RQ_REAP); "vm_fork priv=sys cow" is the parent P.  P fills COW_PAGES pages, each word
 * with its own value, and forks a child C; C forks a grandchild G; P then forks a sibling
 * S while C still lives.  Each side waits for the other's message (RQ_GO) before reading,
 * so every write below is known to have happened before the read that must not see it:
 *   pages 0-3   P writes after the fork, C reads the values from before it;
 *   pages 4-7   C writes, P reads its own;
 *   page 8      C writes after forking G, G and P read;  page 9  G writes, C and P read;
 *   pages 9-11  S writes, C and P read.
 * Every check also reads the other 1023 words of each page (a copy of the wrong page, or
 * of part of it, shows there).  The first write to a shared page must take exactly one
 * new page at a new physical address (sys_umap); a write to a page whose other sharer has
 * taken its own copy must keep the same page and take none.  When all have ended (sys_exit)
 * and cowpm has released their memory, VM's free page count is back where it was.
 */

#define RQ_REAP   (TEST_RQ_BASE + 62)
#define RQ_QUIT   (TEST_RQ_BASE + 63)
#define RQ_GO     (TEST_RQ_BASE + 64)
#define COW_PAGES 12
#define COW_SLOT  41		/* cowpm's first child slot */
#define V_PARENT  0xA0000000u	/* word 0 of page i after a write: V_<who> | i */
#define V_CHILD   0xC0000000u
#define V_GRAND   0x60000000u
#define V_SIBLING 0x50000000u

static volatile uint32_t cow_data[COW_PAGES][1024] __attribute__((aligned(4096)));
static endpoint_t cow_up;	/* set before each fork: the forking process, for the child */
static message cow_msg;		/* every wait receives here, after writing it (see cow_wait) */

static uint32_t
cow_seed(int page, int word)
{
	return 0x5EED0000u ^ ((uint32_t)page << 12) ^ (uint32_t)word;
}

static void
cow_fill(void)
{
	int i, j;

	for (i = 0; i < COW_PAGES; i++)
		for (j = 0; j < 1024; j++)
			cow_data[i][j] = cow_seed(i, j);
}

/* Is word 0 of every page i in [from, to) `who | i` (who 0: its seed), the rest intact? */
static int
cow_pages_are(int from, int to, uint32_t who)
{
	int i, j, ok = 1;

	for (i = from; i < to; i++) {
		ok &= cow_data[i][0] == (who ? who | (uint32_t)i : cow_seed(i, 0));
		for (j = 1; j < 1024; j++)
			ok &= cow_data[i][j] == cow_seed(i, j);
	}
	return ok;
}

static void
cow_write(int from, int to, uint32_t who)
{
	int i;

	for (i = from; i < to; i++)
		cow_data[i][0] = who | (uint32_t)i;
}

/* Wait for peer's RQ_GO and return its value.  The kernel delivers a message to a waiting
 * process without a page fault, so the buffer is written first: our own page, not one
 * still shared copy-on-write. */
static uint32_t
cow_wait(endpoint_t peer)
{
	int status;

	memset(&cow_msg, 0, sizeof(cow_msg));
	if (ipc_receive(peer, &cow_msg, &status) != OK || cow_msg.m_type != RQ_GO)
		test_fail("vm_cow_wait", "no RQ_GO from endpoint %d", peer);
	return cow_msg.m_u32.m_u32[0];
}

static void
cow_go(endpoint_t peer, uint32_t value)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_GO;
	m.m_u32.m_u32[0] = value;
	if (ipc_send(peer, &m) != OK)
		test_fail("vm_cow_go", "could not send RQ_GO to endpoint %d", peer);
}

/* Ask cowpm for a fork: the child's endpoint in the parent, 0 in the child, NONE if the
 * fork failed. */
static endpoint_t
cow_fork(void)
{
	message m;

	sys_whoami(&cow_up, NULL, 0, NULL);
	memset(&m, 0, sizeof(m));
	m.m_type = RQ_FORK;
	if (ipc_sendrec(PM_PROC_NR, &m) != OK || m.m_type != OK)
		return NONE;
	return (endpoint_t)m.m_u32.m_u32[0];
}

static phys_bytes
cow_phys(int page)
{
	phys_bytes pa = 0;

	return sys_umap(SELF, (vir_bytes)cow_data[page], 4096, &pa) == OK ? pa : 0;
}

/* Write page `page`; shared says whether another process still maps it.  A shared page
 * must become a new physical page (one page taken), a page nobody else maps must stay
 * where it is (none taken). */
static void
cow_check_write(const char *name, int page, uint32_t who, int shared)
{
	phys_bytes before = cow_phys(page), after;
	uint32_t free0 = test_free_pages(), free1;

	cow_data[page][0] = who | (uint32_t)page;
	after = cow_phys(page);
	free1 = test_free_pages();
	if (shared)
		test_check(name, before != 0 && after != before && free1 + 1 == free0,
			   "shared page 0x%x is 0x%x after the write, free %u -> %u: not one "
			   "private copy", before, after, free0, free1);
	else
		test_check(name, before != 0 && after == before && free1 == free0,
			   "page 0x%x nobody else maps is 0x%x after the write, free %u -> %u: "
			   "copied instead of reused", before, after, free0, free1);
}

static void
cow_grandchild(void)
{
	endpoint_t child = cow_up;

	cow_wait(child);		/* C has written page 8 */
	test_check("vm_cow_grandchild_sees_no_child_write", cow_pages_are(8, 12, 0),
		   "a page C wrote after the fork changed here");
	test_check("vm_cow_grandchild_inherits_child_pages", cow_pages_are(0, 1, V_CHILD) &&
		   cow_pages_are(1, 4, 0) && cow_pages_are(4, 8, V_CHILD),
		   "pages 0-7 are not what C had when it forked");
	cow_write(9, 10, V_GRAND);
	cow_go(child, 0);
	exit(0);
}

/* C: pages 0-3 read after P wrote them, pages 4-7 written, then a grandchild. */
static void
cow_child(void)
{
	endpoint_t parent = cow_up, grand;

	cow_wait(parent);		/* P has written pages 0-3 */
	test_check("vm_cow_child_sees_no_parent_write", cow_pages_are(0, 4, 0),
		   "pages P wrote after the fork changed here");
	cow_check_write("vm_cow_child_reuses_sole_page", 0, V_CHILD, 0);
	cow_check_write("vm_cow_child_write_copies", 4, V_CHILD, 1);
	cow_write(5, 8, V_CHILD);
	test_check("vm_cow_child_keeps_own_writes", cow_pages_are(4, 8, V_CHILD),
		   "pages 4-7 do not read back what C wrote");
	cow_go(parent, 0);
	cow_wait(parent);		/* fork a grandchild */
	if ((grand = cow_fork()) == 0)
		cow_grandchild();
	test_check("vm_cow_fork_grandchild", grand != NONE, "the second fork failed");
	cow_write(8, 9, V_CHILD);
	cow_go(grand, 0);
	cow_wait(grand);		/* G has written page 9 */
	test_check("vm_cow_child_sees_no_grandchild_write", cow_pages_are(8, 9, V_CHILD) &&
		   cow_pages_are(9, 12, 0), "page 9 shows G's write, or page 8 lost C's");
	cow_go(parent, (uint32_t)grand);
	cow_wait(parent);		/* S has written pages 9-11 */
	test_check("vm_cow_child_sees_no_sibling_write", cow_pages_are(9, 12, 0),
		   "pages S wrote changed here");
	cow_go(parent, 0);
	exit(0);
}

static void
cow_sibling(void)
{
	test_check("vm_cow_sibling_inherits_parent_pages", cow_pages_are(0, 8, V_PARENT) &&
		   cow_pages_are(8, 12, 0), "pages 0-11 are not what P had when it forked");
	cow_write(9, 12, V_SIBLING);
	cow_go(cow_up, 0);
	exit(0);
}

static int
cow_reap(endpoint_t ep)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RQ_REAP;
	m.m_u32.m_u32[0] = (uint32_t)ep;
	return ipc_sendrec(PM_PROC_NR, &m) == OK ? m.m_type : -EIO;
}

/* P, after C: the grandchild and the sibling, then everybody's memory back. */
static void
cow_parent_rest(endpoint_t child, uint32_t before)
{
	endpoint_t grand, sib;

	cow_go(child, 0);		/* C forks G, they write pages 8 and 9 */
	grand = (endpoint_t)cow_wait(child);
	test_check("vm_cow_parent_sees_no_descendant_write", cow_pages_are(8, 12, 0),
		   "pages C or G wrote changed here");
	if ((sib = cow_fork()) == 0)
		cow_sibling();
	if (!test_check("vm_cow_fork_sibling", sib != NONE, "the third fork failed"))
		return;
	cow_wait(sib);			/* S has written pages 9-11 */
	test_check("vm_cow_parent_sees_no_sibling_write", cow_pages_are(9, 12, 0),
		   "pages S wrote changed here");
	cow_go(child, 0);		/* C reads them too, then ends */
	cow_wait(child);
	test_expect("vm_cow_reap_child", cow_reap(child), OK);
	test_expect("vm_cow_reap_grandchild", cow_reap(grand), OK);
	test_expect("vm_cow_reap_sibling", cow_reap(sib), OK);
	test_check("vm_cow_exit_frees_everything", before != 0 && test_free_pages() == before,
		   "free pages before the forks %u, after every exit %u", before,
		   test_free_pages());
}

static int
run_cow(void)
{
	endpoint_t child;
	uint32_t before;
	message m;

	test_set_program("vm_cow");
	cow_fill();
	before = test_free_pages();
	if ((child = cow_fork()) == 0)
		cow_child();
	if (test_check("vm_cow_fork", child != NONE, "VM_FORK through cowpm failed")) {
		cow_check_write("vm_cow_parent_write_copies", 0, V_PARENT, 1);
		cow_write(1, 4, V_PARENT);
		cow_go(child, 0);
		cow_wait(child);	/* C has read pages 0-3 and written pages 4-7 */
		test_check("vm_cow_parent_sees_no_child_write", cow_pages_are(4, 8, 0),
			   "pages C wrote after the fork changed here");
		test_check("vm_cow_parent_keeps_own_writes", cow_pages_are(0, 4, V_PARENT),
			   "pages 0-3 do not read back what P wrote");
		cow_check_write("vm_cow_parent_reuses_sole_page", 4, V_PARENT, 0);
		cow_write(5, 8, V_PARENT);
		cow_parent_rest(child, before);
	}
	memset(&m, 0, sizeof(m));
	m.m_type = RQ_QUIT;
	ipc_sendrec(PM_PROC_NR, &m);
	return test_done();
}

/* cowpm: fork the caller into the next slot; both get PM's usual replies. */
static void
cowpm_fork(endpoint_t parent, int slot)
{
	message m;
	endpoint_t child = NONE;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_vm_fork.parent = parent;
	m.m_vm_fork.slot = slot;
	if ((r = vm_call(VM_FORK, &m)) == OK) {
		child = m.m_vm_fork.child;
		if (sys_privctl(child, SYS_PRIV_SET_SYS, NULL) != OK ||
		    sys_privctl(child, SYS_PRIV_ALLOW, NULL) != OK)
			r = -EPERM;
	}
	memset(&m, 0, sizeof(m));
	m.m_type = r;
	m.m_u32.m_u32[0] = (uint32_t)child;
	ipc_send(parent, &m);
	if (r == OK) {
		m.m_u32.m_u32[0] = 0;
		ipc_send(child, &m);
	}
}

static int
proc_gone(void *arg)
{
	return sys_getproc(*(endpoint_t *)arg, &(struct proc_info){0}) != OK;
}

/* cowpm: once process m_u32[0] has ended, give its memory back (VM_EXIT). */
static void
cowpm_reap(message *m)
{
	endpoint_t from = m->m_source, ep = (endpoint_t)m->m_u32.m_u32[0];
	int r = -EBUSY;	/* still running after 10 s */

	if (test_poll(proc_gone, &ep, 10)) {
		memset(m, 0, sizeof(*m));
		m->m_vm_proc.endpt = ep;
		r = vm_call(VM_EXIT, m);
	}
	memset(m, 0, sizeof(*m));
	m->m_type = r;
	ipc_send(from, m);
}

static int
run_cowpm(void)
{
	message m;
	int status, slot = COW_SLOT;

	test_set_program("vm_cow_pm");
	for (;;) {
		if (ipc_receive(ANY, &m, &status) != OK)
			continue;
		if (m.m_type == RQ_FORK)
			cowpm_fork(m.m_source, slot++);
		else if (m.m_type == RQ_REAP)
			cowpm_reap(&m);
		else if (m.m_type == RQ_QUIT)
			break;
	}
	m.m_type = OK;
	ipc_send(m.m_source, &m);
	return test_done();
}

int
main(int argc, char **argv)
{
	argc = test_init("vm_fork", argc, argv);
	if (argc > 1 && strcmp(argv[1], "cowpm") == 0)
		return run_cowpm();
	if (argc > 1 && strcmp(argv[1], "cow") == 0)
		return run_cow();
	if (argc > 1 && strcmp(argv[1], "pm") == 0)
		return run_pm();
	if (argc > 1 && strcmp(argv[1], "textwrite") == 0)
		return run_textwrite();
	if (argc > 1 && strcmp(argv[1], "mapper") == 0)
		return run_mapper();
	if (argc > 1 && strcmp(argv[1], "malloc") == 0)
		return run_malloc();
	return run_parent();
}
