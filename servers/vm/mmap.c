/*
 * mmap.c - VM_MMAP, VM_MAP_PHYS and VM_MUNMAP: mappings below the stack.
 *
 * Mappings go top-down from MMAP_TOP (below the stack's room and its guard gap: vmlayout.h),
 * each in its own region, at the highest free place that fits above the heap's room.  Anonymous memory is
 * zeroed and present at once, or with VM_MAP_LAZY page by page when first touched (by the
 * process: a page fault; by the kernel copying for it: a memory request); VM_MAP_CONTIG asks for physically contiguous pages (a
 * driver's DMA buffer) and reports their physical address.  VM_MAP_PHYS maps device
 * memory, which must lie inside the caller's memory ranges (checked with the kernel,
 * sys_privctl QUERY_MEM); its pages are the device's and are never freed.  VM_MUNMAP takes
 * away one whole mapping.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_W 0x002
#define PTE_U 0x004
#define MMAP_TOP USER_MMAP_TOP
#define HEAP_ROOM (64u * 1024 * 1024)	/* kept free above the break */
#define MMAP_MAX (64u * 1024 * 1024)

/* The highest free range of len bytes below MMAP_TOP; 0 if there is none. */
static uint32_t
find_space(struct vmproc *vmp, uint32_t len)
{
	uint32_t cand = MMAP_TOP - len;
	const struct vm_region *r;
	int moved = 1;

	while (moved) {
		moved = 0;
		if (cand < vmp->vm_brk + HEAP_ROOM || cand > MMAP_TOP)
			return 0;
		for (r = vmp->vm_regions; r != NULL; r = r->r_next) {
			if (cand < r->r_start + r->r_len && r->r_start < cand + len) {
				cand = r->r_start - len;
				moved = 1;
				break;
			}
		}
	}
	return cand;
}

static int
check_len(const mess_vm_mmap *mm, uint32_t *len)
{
	if (mm->len == 0 || mm->len > MMAP_MAX)
		return -EINVAL;
	*len = (mm->len + PAGE - 1) & ~(PAGE - 1);
	return OK;
}

/* Map n pages from physical pa up at va in vmp. */
static int
map_pages(struct vmproc *vmp, uint32_t va, uint32_t pa, uint32_t len, uint32_t pte)
{
	uint32_t off;
	int err;

	for (off = 0; off < len; off += PAGE)
		if ((err = pt_map(vmp->vm_pd, va + off, pa + off, pte)) != OK)
			return err;
	return OK;
}

/* Give back the pages of a contiguous run [pa, pa+len) meant for va that were not mapped
 * there (an mmap that failed half-way: do_munmap() frees the mapped ones). */
static void
free_unmapped(struct vmproc *vmp, uint32_t va, uint32_t pa, uint32_t len)
{
	uint32_t off, mapped;

	for (off = 0; off < len; off += PAGE)
		if (pt_lookup(vmp->vm_pd, va + off, &mapped) != OK)
			free_page(pa + off);
}

int
do_mmap(message *m)
{
	mess_vm_mmap *mm = &m->m_vm_mmap;
	struct vmproc *vmp = vmp_of(m->m_source);
	uint32_t len, va, flags, pa = 0;
	int err;

	if (vmp == NULL || (err = check_len(mm, &len)) != OK)
		return vmp == NULL ? -EINVAL : err;
	if ((va = find_space(vmp, len)) == 0)
		return -ENOMEM;
	flags = VR_MMAP | ((mm->prot & VM_PROT_WRITE) ? VR_WRITABLE : 0);
	if ((mm->flags & VM_MAP_CONTIG) && (pa = alloc_contig(len / PAGE)) == 0)
		return -ENOMEM;
	if ((err = region_add(vmp, va, len, flags)) != OK) {
		if (pa != 0)
			free_unmapped(vmp, va, pa, len);	/* none is */
		return err;
	}
	if (pa != 0 && (err = map_pages(vmp, va, pa, len,
					PTE_U | ((flags & VR_WRITABLE) ? PTE_W : 0))) != OK)
		free_unmapped(vmp, va, pa, len);
	else if (pa == 0 && !(mm->flags & VM_MAP_LAZY))
		err = region_fill(vmp, va, len, flags);
	if (err != OK) {
		mm->addr = va, mm->len = len;
		do_munmap(m);
		return err;
	}
	mm->addr = va;
	mm->phys_out = pa;
	return OK;
}

int
do_map_phys(message *m)
{
	mess_vm_mmap *mm = &m->m_vm_mmap;
	struct vmproc *vmp = vmp_of(m->m_source);
	struct priv_range range;
	uint32_t len, va;
	int err;

	if (vmp == NULL || (mm->phys & (PAGE - 1)) || (err = check_len(mm, &len)) != OK)
		return -EINVAL;
	range.pr_base = mm->phys;
	range.pr_limit = mm->phys + len - 1;
	if (sys_privctl(m->m_source, SYS_PRIV_QUERY_MEM, &range) != OK)
		return -EPERM;
	if ((va = find_space(vmp, len)) == 0)
		return -ENOMEM;
	if ((err = region_add(vmp, va, len, VR_MMAP | VR_DIRECT | VR_WRITABLE)) != OK)
		return err;
	if ((err = map_pages(vmp, va, mm->phys, len, PTE_U | PTE_W)) != OK)
		return err;
	mm->addr = va;
	return OK;
}

int
do_munmap(message *m)
{
	mess_vm_mmap *mm = &m->m_vm_mmap;
	struct vmproc *vmp = vmp_of(m->m_source);
	const struct vm_region *r;
	uint32_t len, va, pa;
	int direct, err;

	if (vmp == NULL || (err = check_len(mm, &len)) != OK)
		return -EINVAL;
	if ((r = region_find(vmp, mm->addr)) == NULL || !(r->r_flags & VR_MMAP) ||
	    r->r_start != mm->addr || r->r_len != len)
		return -EINVAL;
	direct = (r->r_flags & VR_DIRECT) != 0;
	for (va = mm->addr; va < mm->addr + len; va += PAGE) {
		if (pt_lookup(vmp->vm_pd, va, &pa) != OK)
			continue;
		pt_unmap(vmp->vm_pd, va);
		if (!direct)
			free_page(pa & ~(PAGE - 1));
	}
	return region_remove(vmp, mm->addr, len, VR_MMAP);
}
