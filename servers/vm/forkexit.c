/*
 * forkexit.c - VM_FORK, VM_EXIT and VM_BRK: a process's memory is born, dies and grows.
 *
 * VM_FORK (PM's request): a new page directory; every region of the parent is recorded for
 * the child and every present page is shared copy-on-write (share_region; the vm-cow lab):
 * mapped read-only in both, so the first write to it faults and gets a private copy.  Then
 * the kernel makes the child's slot (sys_fork, held by RTS_VMINHIBIT), VM installs its page
 * directory and releases it.  The pages where parent and child will receive PM's replies are
 * made private at once, since the kernel writes them with no fault to tell VM about.
 * VM_EXIT (PM's request): every page, page table and the directory of the process go back
 * to the free pool; PM then clears the slot (sys_clear).  Pages shared through grants
 * (safemap.c) only lose this process's reference.  Fork does not copy a safemap region into
 * the child, and gives the child its own copy of pages the parent shares through a grant.
 * VM_BRK (any process, for itself): the heap region [start of heap, new break) grows (pages
 * present at once) or shrinks (pages freed).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_W 0x002
#define PTE_U 0x004

/*
 * Share the parent's present pages of region r with the child's directory, copy-on-write:
 * both map each page read-only (a write then faults and cow_break() gives the writer its
 * own copy) and the page counts one more sharer.  Device memory is shared as it is.
 */
static int
share_region(struct vmproc *parent, uint32_t child_pd, const struct vm_region *r,
	     uint32_t *pages)
{
	/* LAB(vm-cow) BEGIN: share every present page read-only, counting the sharers */
	uint32_t va, pa;
	int err;

	for (va = r->r_start; va < r->r_start + r->r_len; va += PAGE) {
		if (pt_lookup(parent->vm_pd, va, &pa) != OK)
			continue;
		pa &= ~(PAGE - 1);
		if (r->r_flags & VR_DIRECT) {
			if ((err = pt_map(child_pd, va, pa, PTE_U | PTE_W)) != OK)
				return err;
			continue;
		}
		if (!page_share(pa))
			return -ENOMEM;
		if ((err = pt_map(child_pd, va, pa, PTE_U)) != OK ||
		    (err = pt_map(parent->vm_pd, va, pa, PTE_U)) != OK) {
			free_page(pa);
			return err;
		}
		(*pages)++;
	}
	return OK;
	/* LAB(vm-cow) STUB */
	//~ (void)parent, (void)child_pd, (void)r, (void)pages;
	//~ printf("vm: LAB(vm-cow): share_region() is not implemented\n");
	//~ return -ENOSYS;
	/* LAB(vm-cow) END */
}

/* The page where a blocked process's message will be delivered must be its own: the
 * kernel writes it without a fault to tell VM (make it private if shared copy-on-write;
 * a page mapped writable already is, or is shared through a grant and must stay so). */
static void
own_receive_buffer(struct vmproc *vmp, uint32_t addr)
{
	uint32_t va, pa;

	for (va = addr & ~(PAGE - 1); addr != 0 && va < addr + sizeof(message); va += PAGE)
		if (pt_lookup(vmp->vm_pd, va, &pa) == OK && !(pt_flags(vmp->vm_pd, va) & PTE_W))
			cow_break(vmp->vm_pd, va, pa);
}

/* The child's vmproc and page directory, before the kernel knows the child. */
static int
copy_space(struct vmproc *parent, struct vmproc *child, uint32_t *pages)
{
	const struct vm_region *r;
	int err;

	child->vm_brk_start = parent->vm_brk_start;
	child->vm_brk = parent->vm_brk;
	child->vm_stack_limit = parent->vm_stack_limit;
	for (r = parent->vm_regions; r != NULL; r = r->r_next) {
		if (r->r_flags & VR_SAFEMAP)
			continue;	/* another process's pages: not inherited */
		if ((err = region_add(child, r->r_start, r->r_len, r->r_flags)) != OK ||
		    (err = share_region(parent, child->vm_pd, r, pages)) != OK)
			return err;
	}
	return safemap_fork(parent, child);	/* pages shared through grants stay shared */
}

int
do_fork(message *m)
{
	struct vmproc *parent = vmp_of(m->m_vm_fork.parent), tmp, *child;
	struct proc_info pi;
	uint32_t pd, pages = 0;
	endpoint_t ep;
	int err;

	if (parent == NULL || m->m_vm_fork.slot < 0 || m->m_vm_fork.slot >= NR_PROCS ||
	    vmproc[m->m_vm_fork.slot].vm_inuse)
		return -EINVAL;
	if ((pd = pt_new()) == 0)
		return -ENOMEM;
	memset(&tmp, 0, sizeof(tmp));
	tmp.vm_inuse = 1;
	tmp.vm_pd = pd;
	if ((err = copy_space(parent, &tmp, &pages)) != OK ||
	    (err = sys_fork(parent->vm_endpoint, m->m_vm_fork.slot, PFF_VMINHIBIT, &ep)) != OK) {
		vmp_free(&tmp);
		return err;
	}
	child = &vmproc[m->m_vm_fork.slot];
	*child = tmp;
	child->vm_endpoint = ep;
	if (sys_getproc(parent->vm_endpoint, &pi) == OK) {	/* both wait for a reply */
		own_receive_buffer(parent, pi.pi_delivermsg);
		own_receive_buffer(child, pi.pi_delivermsg);
	}
	sys_vmctl(ep, VMCTL_SETADDRSPACE, pd);
	sys_vmctl(ep, VMCTL_CLEAR_VMINHIBIT, 0);
	m->m_vm_fork.child = ep;
	m->m_vm_fork.pages = pages;
	return OK;
}

int
do_exit(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_vm_proc.endpt);

	if (vmp == NULL)
		return -EINVAL;
	m->m_vm_proc.pages = vmp_pages(vmp);
	safemap_forget(vmp->vm_endpoint);
	vmp_free(vmp);
	return OK;
}

/* Free the pages of [start, end) in vmp's directory. */
static void
unmap_range(struct vmproc *vmp, uint32_t start, uint32_t end)
{
	uint32_t va, pa;

	for (va = start; va < end; va += PAGE) {
		if (pt_lookup(vmp->vm_pd, va, &pa) != OK)
			continue;
		pt_unmap(vmp->vm_pd, va);
		free_page(pa & ~(PAGE - 1));
	}
}

int
do_brk(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_source);
	uint32_t want = (m->m_vm_proc.addr + PAGE - 1) & ~(PAGE - 1);
	int err;

	if (vmp == NULL)
		return -EINVAL;
	if (m->m_vm_proc.addr == 0) {
		m->m_vm_proc.addr = vmp->vm_brk;
		return OK;
	}
	if (want < vmp->vm_brk_start || want > USER_MMAP_TOP)
		return -EINVAL;
	if (want > vmp->vm_brk) {
		if (region_overlaps(vmp, vmp->vm_brk, want))
			return -ENOMEM;	/* another mapping is in the way */
		if ((err = region_add(vmp, vmp->vm_brk, want - vmp->vm_brk, VR_WRITABLE)) != OK ||
		    (err = region_fill(vmp, vmp->vm_brk, want - vmp->vm_brk, VR_WRITABLE)) != OK) {
			unmap_range(vmp, vmp->vm_brk, want);	/* all or nothing */
			region_trim(vmp, vmp->vm_brk, want);
			return err;
		}
	} else {
		unmap_range(vmp, want, vmp->vm_brk);
		region_trim(vmp, want, vmp->vm_brk);
	}
	vmp->vm_brk = want;
	m->m_vm_proc.addr = want;
	return OK;
}
