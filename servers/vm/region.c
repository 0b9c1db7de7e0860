/*
 * region.c - regions and per-process bookkeeping (see vmproc.h).
 *
 * region_add() records a range (merging it with a region it overlaps, whose rights it then
 * shares, as two ELF segments may share a page), region_fill() makes every page of a range
 * present now (zeroed), and vmp_free() gives back every page, page table and the page
 * directory of a process that is gone.  stack_grow() moves the bottom of the stack region
 * down on a fault below it (handouts/vm.md, "Growing stacks"); VM_STACK_LIMIT (PM) sets the
 * limit it obeys.  VM_REGION (do_region) tells VFS a process's regions one at a time, for
 * its core file.
 */
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kerninfo.h>
#include <minnow/vmlayout.h>
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_P 0x001
#define PTE_W 0x002
#define PTE_U 0x004

struct vmproc vmproc[NR_PROCS];

struct vmproc *
vmp_of(endpoint_t e)
{
	int slot = ENDPOINT_SLOT(e);

	if (slot < 0 || slot >= NR_PROCS || !vmproc[slot].vm_inuse ||
	    vmproc[slot].vm_endpoint != e)
		return NULL;
	return &vmproc[slot];
}

/* Start tracking process e with page directory pd (its slot must be free here). */
struct vmproc *
vmp_new(endpoint_t e, uint32_t pd)
{
	int slot = ENDPOINT_SLOT(e);
	struct vmproc *vmp;

	if (slot < 0 || slot >= NR_PROCS || vmproc[slot].vm_inuse)
		return NULL;
	vmp = &vmproc[slot];
	memset(vmp, 0, sizeof(*vmp));
	vmp->vm_inuse = 1;
	vmp->vm_endpoint = e;
	vmp->vm_pd = pd;
	vmp->vm_stack_limit = USER_STACK_RLIMIT;
	return vmp;
}

static int
overlaps(const struct vm_region *r, uint32_t start, uint32_t end)
{
	return start < r->r_start + r->r_len && r->r_start < end;
}

/* Record [start, start+len) with flags, merging with any region it overlaps. */
int
region_add(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags)
{
	uint32_t end = start + len;
	struct vm_region **rp, *r;

	if ((start | len) & (PAGE - 1) || len == 0 || end < start || end > USER_TOP)
		return -EINVAL;
	for (rp = &vmp->vm_regions; (r = *rp) != NULL; rp = &r->r_next) {
		if (r->r_start + r->r_len == start && r->r_flags == flags &&
		    (r->r_next == NULL || r->r_next->r_start >= end)) {
			r->r_len += len;	/* grows the region just below (the heap) */
			return OK;
		}
		if (overlaps(r, start, end)) {
			uint32_t rend = r->r_start + r->r_len;

			r->r_start = r->r_start < start ? r->r_start : start;
			r->r_len = (rend > end ? rend : end) - r->r_start;
			r->r_flags |= flags;
			return OK;
		}
		if (r->r_start > start)
			break;
	}
	if ((r = malloc(sizeof(*r))) == NULL)
		return -ENOMEM;
	r->r_start = start, r->r_len = len, r->r_flags = flags;
	r->r_next = *rp;
	*rp = r;
	return OK;
}

/* Forget [start, end) at the top of the region holding it (the heap shrinking). */
void
region_trim(struct vmproc *vmp, uint32_t start, uint32_t end)
{
	struct vm_region **rp, *r;

	for (rp = &vmp->vm_regions; (r = *rp) != NULL; rp = &r->r_next) {
		if (!overlaps(r, start, end))
			continue;
		if (r->r_start >= start) {
			*rp = r->r_next;
			free(r);
		} else {
			r->r_len = start - r->r_start;
		}
		return;
	}
}

int
region_overlaps(struct vmproc *vmp, uint32_t start, uint32_t end)
{
	const struct vm_region *r;

	for (r = vmp->vm_regions; r != NULL; r = r->r_next)
		if (overlaps(r, start, end))
			return 1;
	return 0;
}

int
region_insert(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags)
{
	uint32_t end = start + len;
	struct vm_region **rp, *r;

	if ((start | len) & (PAGE - 1) || len == 0 || end < start || end > USER_TOP ||
	    region_overlaps(vmp, start, end))
		return -EINVAL;
	for (rp = &vmp->vm_regions; *rp != NULL && (*rp)->r_start < start; rp = &(*rp)->r_next)
		;
	if ((r = malloc(sizeof(*r))) == NULL)
		return -ENOMEM;
	r->r_start = start, r->r_len = len, r->r_flags = flags;
	r->r_next = *rp;
	*rp = r;
	return OK;
}

int
region_remove(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t need_flags)
{
	struct vm_region **rp, *r;

	for (rp = &vmp->vm_regions; (r = *rp) != NULL; rp = &r->r_next) {
		if (r->r_start != start)
			continue;
		if (r->r_len != len || (r->r_flags & need_flags) != need_flags)
			return -EINVAL;
		*rp = r->r_next;
		free(r);
		return OK;
	}
	return -EINVAL;
}

struct vm_region *
region_find(struct vmproc *vmp, uint32_t addr)
{
	struct vm_region *r;

	for (r = vmp->vm_regions; r != NULL && r->r_start <= addr; r = r->r_next)
		if (addr < r->r_start + r->r_len)
			return r;
	return NULL;
}

/* The stack region of vmp (the one ending at USER_STACK_TOP, the last), or NULL. */
static struct vm_region *
stack_region(struct vmproc *vmp)
{
	struct vm_region *r = vmp->vm_regions;

	while (r != NULL && r->r_next != NULL)
		r = r->r_next;
	return r != NULL && r->r_start + r->r_len == USER_STACK_TOP ? r : NULL;
}

/*
 * addr lies in no region: if it is below the stack, within the limit
 * (the region may span at most vm_stack_limit bytes, never USER_STACK_MAX) and the grown
 * region would keep USER_STACK_GUARD away from the break and from every region below, the
 * stack now starts at addr's page (its pages appear when touched).
 */
struct vm_region *
stack_grow(struct vmproc *vmp, uint32_t addr)
{
	struct vm_region *r = stack_region(vmp);
	uint32_t page = addr & ~(PAGE - 1), limit = vmp->vm_stack_limit;

	if (r == NULL || addr >= r->r_start)
		return NULL;
	if (limit > USER_STACK_MAX)
		limit = USER_STACK_MAX;
	if (page < USER_STACK_TOP - (limit & ~(PAGE - 1)) ||
	    page < vmp->vm_brk + USER_STACK_GUARD ||
	    region_overlaps(vmp, page - USER_STACK_GUARD, r->r_start))
		return NULL;
	r->r_len += r->r_start - page;
	r->r_start = page;
	return r;
}

/* VM_STACK_LIMIT (PM): process endpt's stack may span m_vm_proc.addr bytes from now on. */
int
do_stack_limit(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_vm_proc.endpt);

	if (vmp == NULL)
		return -EINVAL;
	vmp->vm_stack_limit = m->m_vm_proc.addr;
	return OK;
}

/* Make every page of [start, start+len) present (zeroed when new) with the given rights.
 * On ENOMEM the pages mapped so far stay (the region's owner frees them with it); a new
 * page that could not be mapped (no memory for its page table) is given back. */
int
region_fill(struct vmproc *vmp, uint32_t start, uint32_t len, uint32_t flags)
{
	uint32_t va, pa, pte = PTE_U | ((flags & VR_WRITABLE) ? PTE_W : 0);
	int r, fresh;

	for (va = start; va < start + len; va += PAGE) {
		fresh = pt_lookup(vmp->vm_pd, va, &pa) != OK;
		if (!fresh)
			pa &= ~(PAGE - 1);
		else if ((pa = alloc_page()) == 0)
			return -ENOMEM;
		if ((r = pt_map(vmp->vm_pd, va, pa, pte)) != OK) {
			if (fresh)
				free_page(pa);
			return r;
		}
	}
	return OK;
}

/* Present user pages of the process (the kernel information page is not its own). */
uint32_t
vmp_pages(struct vmproc *vmp)
{
	uint32_t *pd = phys_ptr(vmp->vm_pd), n = 0, i, j, top = vmp->vm_pd != 0 ? USER_TOP >> 22 : 0;

	for (i = 0; i < top; i++) {
		uint32_t *pt;

		if (!pt_is_table(pd[i]))
			continue;
		pt = phys_ptr(pd[i] & ~(PAGE - 1));
		for (j = 0; j < 1024; j++)
			n += (pt[j] & PTE_P) && ((i << 22) | (j << 12)) != KERNINFO_ADDR;
	}
	return n;
}

/* Give back every page the process owns (not the kernel information page; a record without
 * a directory, the boot VM after an update of VM (lu.c), has only its regions to drop). */
void
vmp_free(struct vmproc *vmp)
{
	uint32_t *pd = phys_ptr(vmp->vm_pd), i, j, top = vmp->vm_pd != 0 ? USER_TOP >> 22 : 0;
	struct vm_region *r;

	for (i = 0; i < top; i++) {
		uint32_t *pt;

		if (!pt_is_table(pd[i]))
			continue;
		pt = phys_ptr(pd[i] & ~(PAGE - 1));
		for (j = 0; j < 1024; j++) {
			uint32_t va = (i << 22) | (j << 12);
			struct vm_region *rg;

			if (!(pt[j] & PTE_P) || va == KERNINFO_ADDR)
				continue;	/* (the region search only for a mapped page) */
			rg = region_find(vmp, va);
			if (!(rg && (rg->r_flags & VR_DIRECT)))
				free_page(pt[j] & ~(PAGE - 1));
		}
		free_page(pd[i] & ~(PAGE - 1));
	}
	if (vmp->vm_pd != 0)
		free_page(vmp->vm_pd);
	while ((r = vmp->vm_regions) != NULL) {
		vmp->vm_regions = r->r_next;
		free(r);
	}
	vmp->vm_inuse = 0;
}

/* VM_REGION (VFS): region number m_vm_exec.addr of process endpt, lowest first. */
int
do_region(message *m)
{
	mess_vm_exec *x = &m->m_vm_exec;
	struct vmproc *vmp = vmp_of(x->endpt);
	struct vm_region *r;
	uint32_t n = x->addr;

	if (vmp == NULL)
		return -EINVAL;
	for (r = vmp->vm_regions; r != NULL && n > 0; r = r->r_next)
		n--;
	if (r == NULL)
		return -ENOENT;
	x->addr = r->r_start;
	x->len = r->r_len;
	x->prot = (r->r_flags & VR_WRITABLE) ? VM_PROT_WRITE : 0;
	x->flags = (r->r_flags & (VR_DIRECT | VR_SAFEMAP)) ? VM_REGION_DEVICE : 0;
	return OK;
}
