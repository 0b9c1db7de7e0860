/*
 * sanity.c - VM checks its own bookkeeping (boot parameter vm_sanity=1).
 *
 * After every request VM can recount the world and panic at the first inconsistency, so a
 * bug shows where it happens instead of as a corrupted process later.  The tests run with it
 * on.  Checked:
 *   - every process's regions are page-aligned, sorted and do not overlap;
 *   - every page a page table maps (outside device regions and the kernel information page)
 *     is allocated, and its reference count equals the number of mappings of it: no page is
 *     both free and in use, none leaks, none is shared without being counted;
 *   - every page directory and page table is allocated and used once;
 *   - every mapping made through a grant (safemap.c) has its own region in the grantee,
 *     with every page present.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/kerninfo.h>
#include <minnow/syslib.h>
#include <minnow/vmlayout.h>
#include "glo.h"
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define MAX_PAGES (0x10000000u / PAGE)
#define PTE_P 0x001

static uint8_t mappings[MAX_PAGES];
int vm_sanity;

static void
check_regions(const struct vmproc *vmp)
{
	const struct vm_region *r;
	uint32_t last_end = 0;

	for (r = vmp->vm_regions; r != NULL; r = r->r_next) {
		if ((r->r_start | r->r_len) & (PAGE - 1) || r->r_len == 0)
			panic("sanity: endpoint %d: region 0x%x+0x%x not page-aligned",
			      vmp->vm_endpoint, r->r_start, r->r_len);
		if (r->r_start < last_end)
			panic("sanity: endpoint %d: region 0x%x overlaps the one below",
			      vmp->vm_endpoint, r->r_start);
		last_end = r->r_start + r->r_len;
	}
}

static void
count(uint32_t pa, endpoint_t e, uint32_t va)
{
	uint32_t n = pa / PAGE;

	if (n >= MAX_PAGES || page_refcount(pa) == 0)
		panic("sanity: endpoint %d: 0x%x maps page 0x%x, which is free", e, va, pa);
	mappings[n]++;
}

static void
count_process(struct vmproc *vmp)
{
	uint32_t *pd = phys_ptr(vmp->vm_pd), i, j;

	if (vmp->vm_pd == 0)
		return;			/* the boot VM after an update of VM: not VM's memory */
	count(vmp->vm_pd, vmp->vm_endpoint, 0);
	for (i = 0; i < USER_TOP >> 22; i++) {
		uint32_t *pt;

		if (!pt_is_table(pd[i]))
			continue;
		count(pd[i] & ~(PAGE - 1), vmp->vm_endpoint, i << 22);
		pt = phys_ptr(pd[i] & ~(PAGE - 1));
		for (j = 0; j < 1024; j++) {
			uint32_t va = (i << 22) | (j << 12);
			const struct vm_region *r = region_find(vmp, va);

			if (!(pt[j] & PTE_P) || va == KERNINFO_ADDR)
				continue;
			if (r == NULL)
				panic("sanity: endpoint %d: 0x%x is mapped outside every region",
				      vmp->vm_endpoint, va);
			if (!(r->r_flags & VR_DIRECT))
				count(pt[j] & ~(PAGE - 1), vmp->vm_endpoint, va);
		}
	}
}

void
sanity_check(void)
{
	uint32_t n;
	int s;

	if (!vm_sanity)
		return;
	memset(mappings, 0, sizeof(mappings));
	for (s = 0; s < NR_PROCS; s++) {
		if (!vmproc[s].vm_inuse)
			continue;
		check_regions(&vmproc[s]);
		count_process(&vmproc[s]);
	}
	safemap_sanity();
	for (n = 0; n < MAX_PAGES; n++)
		if (mappings[n] != page_refcount(n * PAGE))
			panic("sanity: page 0x%x has %u references but %u mappings",
			      n * PAGE, page_refcount(n * PAGE), mappings[n]);
}
