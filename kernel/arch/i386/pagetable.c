/*
 * pagetable.c - process page tables, physical pages for boot processes, and copies between
 * address spaces.
 *
 * Every process has its own two-level i386 page table.  Its page directory shares the
 * kernel's entries (PDX(KERNBASE) and up: supervisor-only, global), so the kernel is mapped
 * in every address space; the entries below KERNBASE are the process's own.  Page tables
 * and pages are reached by the kernel through its direct map of physical memory (KP2V), so
 * walking or filling another process's page table never needs that process's CR3.
 *
 * vm_copy() is the one way bytes cross address spaces in the kernel (IPC delivery, kernel
 * calls' copies): it translates each side's pages through the owner's page table and copies
 * through the direct map, one translation per run of physically consecutive pages on each
 * side (run_start(): a page-directory and a page-table entry read, then one test per eight
 * further entries of the same page table).  A page that is not present (or not writable,
 * for the destination) makes it fail with -EFAULT (kernel functions return OK or a negated
 * error); kernel/vmreq.c then asks VM to bring the page in and has the caller make its trap
 * again.
 *
 * The pages the kernel itself gives processes (VM's image, and every boot process when no
 * VM is booted) come from a simple bump allocator over the free RAM above the kernel and
 * the boot modules (phys_alloc_page).
 */
#include <minnow/errno.h>
#include <minnow/fastcopy.h>
#include <minnow/kerninfo.h>
#include <minnow/kinfo.h>
#include <minnow/vmlayout.h>
#include "../../kernel.h"
#include "../../proc.h"
#include "mmu.h"
#include "vmpage.h"
#include "x86.h"

extern uint32_t kernel_pgdir[NPDENTRIES];

static uint32_t alloc_next, alloc_end;

/* Start the boot page allocator above everything the loader placed in memory. */
void
phys_alloc_init(uint32_t top)
{
	uint32_t i, start = kinfo.kern_phys_end;

	for (i = 0; i < kinfo.mods_recorded; i++)
		if (kinfo.mods[i].mod_end > start)
			start = kinfo.mods[i].mod_end;
	alloc_next = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	alloc_end = top;
	kinfo.boot_alloc_start = alloc_next;
}

/* A zeroed physical page, or 0 when memory is exhausted. */
uint32_t
phys_alloc_page(void)
{
	uint32_t pa;

	if (alloc_next + PAGE_SIZE > alloc_end)
		return 0;
	pa = alloc_next;
	alloc_next += PAGE_SIZE;
	kinfo.boot_alloc_end = alloc_next;
	memset(KP2V(pa), 0, PAGE_SIZE);
	return pa;
}

/* A new page directory holding the kernel's mappings and the kernel information page
 * (read-only for the process); 0 if out of memory. */
uint32_t
pt_new(void)
{
	uint32_t pd = phys_alloc_page();
	int i;

	if (pd == 0)
		return 0;
	for (i = PDX(KERNBASE); i < NPDENTRIES; i++)
		((uint32_t *)KP2V(pd))[i] = kernel_pgdir[i];
	if (pt_map(pd, KERNINFO_ADDR, kinfo_page_phys(), PTE_U) != OK)
		return 0;
	return pd;
}

/* Map the page at va to pa in the directory pd with PTE flags; OK, -EINVAL or -ENOMEM. */
int
pt_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t flags)
{
	uint32_t *pde = (uint32_t *)KP2V(pd) + PDX(va), *pt;

	if (va >= KERNBASE || (va & (PAGE_SIZE - 1)) || (pa & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (!(*pde & PTE_P)) {
		uint32_t ptpa = phys_alloc_page();

		if (ptpa == 0)
			return -ENOMEM;
		*pde = ptpa | PTE_P | PTE_W | PTE_U;
	}
	pt = KP2V(*pde & ~(PAGE_SIZE - 1));
	pt[(va >> 12) & 0x3FF] = pa | flags | PTE_P;
	return OK;
}

/* Map all physical memory below top at VM_PHYS_WINDOW in pd, with 4 MiB user pages (VM only). */
void
pt_map_phys_window(uint32_t pd, uint32_t top)
{
	uint32_t pa;

	for (pa = 0; pa < top; pa += BIGPAGE_SIZE)
		((uint32_t *)KP2V(pd))[PDX(VM_PHYS_WINDOW + pa)] = pa | PTE_P | PTE_W | PTE_U | PTE_PS;
}

/* Translate va in directory pd; OK with *pa set, or -EFAULT if absent or not allowed. */
int
pt_lookup(uint32_t pd, uint32_t va, int write, uint32_t *pa)
{
	uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0), pde, pte;

	if (pd == 0 || va >= KERNBASE)
		return -EFAULT;
	pde = ((uint32_t *)KP2V(pd))[PDX(va)];
	if ((pde & need) != need)
		return -EFAULT;
	if (pde & PTE_PS) {	/* a 4 MiB page: VM's physical window */
		*pa = (pde & ~(BIGPAGE_SIZE - 1)) + (va & (BIGPAGE_SIZE - 1));
		return *pa < KERN_DIRECT_MAX ? OK : -EFAULT;
	}
	pte = ((uint32_t *)KP2V(pde & ~(PAGE_SIZE - 1)))[(va >> 12) & 0x3FF];
	if ((pte & need) != need || (pte & ~(PAGE_SIZE - 1)) >= KERN_DIRECT_MAX)
		return -EFAULT;
	*pa = (pte & ~(PAGE_SIZE - 1)) | (va & (PAGE_SIZE - 1));
	return OK;
}

/* The last copy that failed: whose page, where, for writing or not (see vmreq.c). */
struct copy_fault copy_fault;

/* Kernel address of byte va of p (NULL p: va is a kernel address), or NULL on EFAULT. */
static char * __attribute__((noinline))
copy_ptr(struct proc *p, vir_bytes va, int write)
{
	uint32_t pa;

	if (p == NULL)
		return (char *)va;
	if (pt_lookup(p->p_cr3, va, write, &pa) != OK) {
		copy_fault.cf_proc = p;
		copy_fault.cf_addr = va;
		copy_fault.cf_write = write;
		copy_fault.cf_debug = 0;
		return NULL;
	}
	return KP2V(pa);
}

/*
 * How many of the n page-table entries from e map the frames want, want + PAGE_SIZE, ...
 * (compared under mask: the frame and the permission bits), eight entries per test.  The
 * caller's want lies below KERN_DIRECT_MAX + BIGPAGE_SIZE, far from 2^32, so an entry below
 * k pages cannot wrap around into a false match of `e[k] - k * PAGE_SIZE`.
 */
static inline uint32_t
frames_in_row(const uint32_t *e, uint32_t n, uint32_t want, uint32_t mask)
{
	const uint32_t *q = e, *end8 = e + (n & ~7u), *end = e + n;

	for (; q < end8; q += 8, want += 8 * PAGE_SIZE)
		if (((q[0] ^ want) | ((q[1] - PAGE_SIZE) ^ want) |
		     ((q[2] - 2 * PAGE_SIZE) ^ want) | ((q[3] - 3 * PAGE_SIZE) ^ want) |
		     ((q[4] - 4 * PAGE_SIZE) ^ want) | ((q[5] - 5 * PAGE_SIZE) ^ want) |
		     ((q[6] - 6 * PAGE_SIZE) ^ want) | ((q[7] - 7 * PAGE_SIZE) ^ want)) & mask)
			break;
	for (; q < end && ((*q ^ want) & mask) == 0; q++, want += PAGE_SIZE)
		;
	return (uint32_t)(q - e);
}

/* run_start() the long way, one page: a 4 MiB page (VM's window), or a missing one. */
static char * __attribute__((noinline))
run_page(struct proc *p, vir_bytes va, size_t bytes, uint32_t need, size_t *room)
{
	size_t r = PAGE_SIZE - (va & (PAGE_SIZE - 1));

	*room = r < bytes ? r : bytes;
	return copy_ptr(p, va, (need & PTE_W) != 0);
}

/*
 * Kernel address of byte va of p (NULL p: va is a kernel address), or NULL on EFAULT, at the
 * start of a run of a copy of `bytes` bytes; *room gets how many of them one memcpy may take
 * from there: all of them for a kernel address; else to the end of va's page, and on through
 * the next pages of the same page table while they are mapped with the PTE bits need
 * (PTE_P | PTE_U, and PTE_W for a destination) to the physically next frames, as memory VM
 * hands out in one piece usually is.  One page-directory and one page-table entry read, then
 * one test per eight entries of the rest (inline: vm_copy() keeps its state in registers).
 */
static inline __attribute__((always_inline)) char *
run_start(struct proc *p, vir_bytes va, size_t bytes, uint32_t need, size_t *room)
{
	uint32_t pde, pte, frame, idx, n;
	size_t r = PAGE_SIZE - (va & (PAGE_SIZE - 1));
	const uint32_t *pt;

	if (p == NULL) {
		*room = bytes;
		return (char *)va;
	}
	pde = p->p_cr3 != 0 && va < KERNBASE ? ((uint32_t *)KP2V(p->p_cr3))[PDX(va)] : 0;
	if ((pde & (need | PTE_PS)) != need)
		return run_page(p, va, bytes, need, room);
	pt = KP2V(pde & ~(PAGE_SIZE - 1));
	idx = (va >> 12) & 0x3FF;
	pte = pt[idx];
	frame = pte & ~(PAGE_SIZE - 1);
	if ((pte & need) != need || frame >= KERN_DIRECT_MAX)
		return run_page(p, va, bytes, need, room);
	if (r < bytes) {	/* the entries worth a look: to the last byte or the table's end */
		n = (uint32_t)((bytes - r + PAGE_SIZE - 1) / PAGE_SIZE);
		if (n > NPTENTRIES - 1 - idx)
			n = NPTENTRIES - 1 - idx;
		n = frames_in_row(pt + idx + 1, n, (frame + PAGE_SIZE) | need,
				  ~(PAGE_SIZE - 1) | need);
		if (frame + (n + 1) * PAGE_SIZE > KERN_DIRECT_MAX)	/* the direct map's end */
			n = (KERN_DIRECT_MAX - frame) / PAGE_SIZE - 1;
		r += (size_t)n * PAGE_SIZE;
	}
	*room = r < bytes ? r : bytes;
	return KP2V(frame | (va & (PAGE_SIZE - 1)));
}

/*
 * Kernel address of byte va of p (NULL p: va is a kernel address), or NULL on EFAULT, for
 * an access that stays inside va's page (a message): vm_page_quick() inline; anything
 * unusual (a 4 MiB page, a missing page) the long way.
 */
static inline char *
page_ptr(struct proc *p, vir_bytes va, int write)
{
	char *k;

	if (p == NULL)
		return (char *)va;
	if (p->p_cr3 != 0 &&
	    (k = vm_page_quick(p, va, PTE_P | PTE_U | (write ? PTE_W : 0))) != NULL)
		return k;
	return copy_ptr(p, va, write);
}

/*
 * Copy bytes from (src, sa) to (dst, da); a NULL process means a kernel address.
 * Returns OK, or -EFAULT if any page of either range is missing or (dst) read-only.
 * Each side's page table is walked once per run of physically consecutive pages
 * (handouts/ipc.md, "The fast path": the copy costs); a copy inside one page on each side
 * (every IPC message) is one translation per side and one memcpy.
 */
int
vm_copy(struct proc *src, vir_bytes sa, struct proc *dst, vir_bytes da, size_t bytes)
{
	size_t sroom, droom;
	char *s = NULL, *d = NULL;

	if (bytes <= PAGE_SIZE - (sa & (PAGE_SIZE - 1)) &&
	    bytes <= PAGE_SIZE - (da & (PAGE_SIZE - 1))) {	/* one run each (a message) */
		if ((s = page_ptr(src, sa, 0)) == NULL || (d = page_ptr(dst, da, 1)) == NULL)
			return -EFAULT;
		fast_memcpy(d, s, bytes);
		return OK;
	}
	sroom = droom = 0;
	while (bytes > 0) {
		size_t chunk;

		if (sroom == 0 && (s = run_start(src, sa, bytes, PTE_P | PTE_U, &sroom)) == NULL)
			return -EFAULT;
		if (droom == 0 && (d = run_start(dst, da, bytes, PTE_P | PTE_U | PTE_W, &droom)) == NULL)
			return -EFAULT;
		chunk = sroom < droom ? sroom : droom;
		fast_memcpy(d, s, chunk);
		s += chunk, sroom -= chunk, sa += chunk;
		d += chunk, droom -= chunk, da += chunk;
		bytes -= chunk;
	}
	return OK;
}

/*
 * vm_copy(NULL, m, p, va, bytes) for the IPC delivery's copy out: the translation of a
 * destination inside one page inline, without vm_copy()'s run bookkeeping.
 */
int
vm_copy_out(struct proc *p, vir_bytes va, const void *m, size_t bytes)
{
	char *d;

	if (bytes > PAGE_SIZE - (va & (PAGE_SIZE - 1)))
		return vm_copy(NULL, (vir_bytes)m, p, va, bytes);
	if ((d = page_ptr(p, va, 1)) == NULL)
		return -EFAULT;
	fast_memcpy(d, m, bytes);
	return OK;
}

/*
 * One message of src at sa straight into dst's buffer at da, its m_source set to stamp (the
 * IPC delivery's one copy: handouts/ipc.md, "The primitives"): one inline translation per
 * side, one block copy.  OK; -EFAULT if src's message cannot be read (or, src_write, written:
 * a SENDREC's buffer takes the reply), copy_fault saying where; VM_MSG_LONG, with nothing
 * copied, if either buffer crosses a page or dst's page cannot be written: the caller then
 * copies through the kernel, which tells the cases apart.
 */
int
vm_copy_msg(struct proc *src, vir_bytes sa, int src_write, struct proc *dst, vir_bytes da,
	    endpoint_t stamp)
{
	const char *s;
	message *d;

	if (src == NULL || dst == NULL)		/* never (two processes): lets page_ptr() */
		__builtin_unreachable();	/* skip its kernel-address case */
	if ((sa & (PAGE_SIZE - 1)) > PAGE_SIZE - sizeof(message) ||
	    (da & (PAGE_SIZE - 1)) > PAGE_SIZE - sizeof(message))
		return VM_MSG_LONG;
	if ((s = page_ptr(src, sa, src_write)) == NULL)
		return -EFAULT;
	if ((d = (message *)page_ptr(dst, da, 1)) == NULL)
		return VM_MSG_LONG;
	fast_memcpy(d, s, sizeof(message));
	d->m_source = stamp;
	return OK;
}

/*
 * Kernel address of p's bytes va .. va+bytes-1 if they lie in one page that p may write
 * (a kernel call's message: read, then answered in place), else NULL: the caller then
 * takes vm_copy() and vm_check_writable(), which say what is wrong.
 */
void *
vm_msg_ptr(struct proc *p, vir_bytes va, size_t bytes)
{
	if (bytes > PAGE_SIZE - (va & (PAGE_SIZE - 1)))
		return NULL;
	return page_ptr(p, va, 1);
}

/* Write into p's memory even where p itself may not write (loading its text); OK or -EFAULT. */
int
vm_poke(struct proc *p, vir_bytes va, const void *src, size_t bytes)
{
	const char *s = src;

	while (bytes > 0) {
		size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		char *d = copy_ptr(p, va, 0);

		if (d == NULL)
			return -EFAULT;
		if (chunk > bytes)
			chunk = bytes;
		memcpy(d, s, chunk);
		va += chunk, s += chunk, bytes -= chunk;
	}
	return OK;
}

/* Can p write the bytes va .. va+bytes-1?  OK or -EFAULT (used before blocking in RECEIVE). */
int
vm_check_writable(struct proc *p, vir_bytes va, size_t bytes)
{
	size_t room;

	if (va + bytes < va)
		return -EFAULT;
	if (bytes == 0)
		return OK;
	if (bytes <= PAGE_SIZE - (va & (PAGE_SIZE - 1)))	/* one page (a message) */
		return page_ptr(p, va, 1) != NULL ? OK : -EFAULT;
	for (; bytes > 0; va += room, bytes -= room)	/* run by run, as vm_copy() */
		if (run_start(p, va, bytes, PTE_P | PTE_U | PTE_W, &room) == NULL)
			return -EFAULT;
	return OK;
}
