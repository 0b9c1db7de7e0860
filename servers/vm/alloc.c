/*
 * alloc.c - VM's physical page allocator.
 *
 * One bit per 4 KiB page of the RAM VM manages: the usable ranges of the multiboot memory
 * map, up to the end of the kernel's direct map (kinfo.direct_top), minus everything below
 * kinfo.boot_alloc_end (the kernel, the boot modules, and the pages the kernel gave VM
 * itself).  The boot modules' own pages are freed once VM has loaded them (boot.c), with
 * the packed copy of a module the kernel unpacked.
 * Pages are physically fragmented at will (alloc_contig serves DMA buffers).  Each allocated
 * page counts its mappings: fork shares pages copy-on-write, and free_page() drops one
 * reference, freeing the page with the last.  VM_INFO (do_info) tells anyone the counts
 * (and a process's present pages).
 */
#include <string.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define MAX_PAGES (0x10000000u / PAGE)	/* 256 MiB of physical address space */

static uint32_t page_map[MAX_PAGES / 32];	/* bit set: free */
static uint8_t page_refs[MAX_PAGES];		/* mappings of each allocated page */
static uint32_t nfree, ntotal, search_from;

static int
is_free(uint32_t n)
{
	return (page_map[n / 32] >> (n % 32)) & 1u;
}

static void
mark_free(uint32_t n)
{
	if (!is_free(n)) {
		page_map[n / 32] |= 1u << (n % 32);
		nfree++;
	}
}

/* Give VM the pages of [start, end) (rounded inwards) to manage from now on. */
void
free_range(uint32_t start, uint32_t end)
{
	uint32_t n;

	for (n = (start + PAGE - 1) / PAGE; n < end / PAGE && n < MAX_PAGES; n++) {
		if (!is_free(n))
			ntotal++;
		mark_free(n);
	}
}

void
alloc_init(void)
{
	uint32_t i, top = vm_kinfo.direct_top;

	for (i = 0; i < vm_kinfo.mmap_count; i++) {
		const struct kinfo_mmap *m = &vm_kinfo.mmap[i];
		uint64_t s = m->mm_addr, e = m->mm_addr + m->mm_len;

		if (m->mm_type != 1 || e <= vm_kinfo.boot_alloc_end || s >= top)
			continue;
		if (s < vm_kinfo.boot_alloc_end)
			s = vm_kinfo.boot_alloc_end;
		if (e > top)
			e = top;
		free_range((uint32_t)s, (uint32_t)e);
	}
}

/* A zeroed page, or 0 when memory is exhausted. */
uint32_t
alloc_page(void)
{
	uint32_t n, i;

	for (i = 0; i < MAX_PAGES; i++) {
		n = (search_from + i) % MAX_PAGES;
		if (!is_free(n))
			continue;
		page_map[n / 32] &= ~(1u << (n % 32));
		page_refs[n] = 1;
		nfree--;
		search_from = n + 1;
		memset(phys_ptr(n * PAGE), 0, PAGE);
		return n * PAGE;
	}
	return 0;
}

/* Drop one reference to an allocated page; the last one frees it. */
void
free_page(uint32_t pa)
{
	uint32_t n = pa / PAGE;

	if (n >= MAX_PAGES || is_free(n))
		return;
	if (page_refs[n] > 1) {
		page_refs[n]--;
		return;
	}
	page_refs[n] = 0;
	mark_free(n);
}

/* One more mapping shares the page (copy-on-write); 0 if it cannot be counted. */
int
page_share(uint32_t pa)
{
	uint32_t n = pa / PAGE;

	if (n >= MAX_PAGES || is_free(n) || page_refs[n] == 255)
		return 0;
	page_refs[n]++;
	return 1;
}

/* How many mappings share the page. */
uint32_t
page_refcount(uint32_t pa)
{
	return pa / PAGE < MAX_PAGES ? page_refs[pa / PAGE] : 0;
}

uint32_t
alloc_free_pages(void)
{
	return nfree;
}

uint32_t
alloc_total_pages(void)
{
	return ntotal;
}

/* VM_INFO: free and total pages (mess_vm_info), for tests and `free`; with VM_INFO_PROC
 * also a process's present pages (PM's ru_maxrss). */
int
do_info(message *m)
{
	struct vmproc *vmp = NULL;

	if (m->m_vm_info.flags & VM_INFO_PROC) {
		if ((vmp = vmp_of(m->m_vm_info.endpt)) == NULL)
			return -EINVAL;
	}
	memset(&m->m_vm_info, 0, sizeof(m->m_vm_info));
	if (vmp != NULL)
		m->m_vm_info.proc_pages = vmp_pages(vmp);
	m->m_vm_info.free_pages = nfree;
	m->m_vm_info.total_pages = ntotal;
	m->m_vm_info.page_size = PAGE;
	return OK;
}

/* n physically contiguous zeroed pages (for DMA); the first page's address, or 0. */
uint32_t
alloc_contig(uint32_t n)
{
	uint32_t start, k;

	for (start = 0; start + n <= MAX_PAGES; start++) {
		for (k = 0; k < n && is_free(start + k); k++)
			;
		if (k < n) {
			start += k;	/* the page at start + k is taken: jump past it */
			continue;
		}
		for (k = 0; k < n; k++) {
			page_map[(start + k) / 32] &= ~(1u << ((start + k) % 32));
			page_refs[start + k] = 1;
			memset(phys_ptr((start + k) * PAGE), 0, PAGE);
		}
		nfree -= n;
		return start * PAGE;
	}
	return 0;
}
