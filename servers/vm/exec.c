/*
 * exec.c - VM's half of exec: VM_EXEC_NEWMEM, VM_EXEC_MAP and VM_EXEC_DONE (minnow/vm.h).
 *
 * Only VFS sends them (EPERM for anyone else: table.c): VFS has found, read and checked the new
 * program, and now builds its memory in three steps.
 *   NEWMEM  every page, page table and region of the process goes back to the free pool and
 *           the process gets a fresh page directory (holding only the kernel information
 *           page): the point of no return.  Only the stack limit stays (RLIMIT_STACK).
 *           Before it, len (the bytes the new segments need at once) is checked against
 *           the free pages plus the process's own present pages: more is ENOMEM with the
 *           process untouched (a check of the gross case: pages it shares are counted too).
 *   MAP     one zero-filled region at exactly [addr, addr+len), present at once, or page by
 *           page when first touched with VM_MAP_LAZY (the stack: the region ending at
 *           USER_STACK_TOP, which later faults grow, region.c stack_grow).  Until DONE every such
 *           region is writable, so that VFS can copy the program in with sys_vircopy; a
 *           region asked for without VM_PROT_WRITE is marked VR_EXEC_RO.
 *   DONE    the VR_EXEC_RO regions become read-only (their present pages are re-mapped
 *           without the write bit) and the heap starts at the given break.
 */
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_U 0x004

int
do_exec_newmem(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_vm_exec.endpt);
	endpoint_t ep;
	uint32_t pd, limit;

	if (vmp == NULL)
		return -EINVAL;
	if (m->m_vm_exec.len / PAGE > alloc_free_pages() + vmp_pages(vmp))
		return -ENOMEM;
	if ((pd = pt_new()) == 0)
		return -ENOMEM;
	ep = vmp->vm_endpoint;
	limit = vmp->vm_stack_limit;
	safemap_forget(ep);
	vmp_free(vmp);
	vmp = vmp_new(ep, pd);
	if (vmp == NULL)
		panic("do_exec_newmem: slot of %d taken", ep);
	vmp->vm_stack_limit = limit;	/* RLIMIT_STACK survives exec */
	return sys_vmctl(ep, VMCTL_SETADDRSPACE, pd);
}

/* Does [start, end) overlap a region of vmp? */
static int
overlaps_any(struct vmproc *vmp, uint32_t start, uint32_t end)
{
	const struct vm_region *r;

	for (r = vmp->vm_regions; r != NULL; r = r->r_next)
		if (start < r->r_start + r->r_len && r->r_start < end)
			return 1;
	return 0;
}

int
do_exec_map(message *m)
{
	mess_vm_exec *me = &m->m_vm_exec;
	struct vmproc *vmp = vmp_of(me->endpt);
	uint32_t flags;
	int err;

	if (vmp == NULL || ((me->addr | me->len) & (PAGE - 1)) || me->len == 0 ||
	    me->addr + me->len < me->addr || me->addr + me->len > USER_TOP ||
	    overlaps_any(vmp, me->addr, me->addr + me->len))
		return -EINVAL;
	flags = VR_WRITABLE | ((me->prot & VM_PROT_WRITE) ? 0 : VR_EXEC_RO);
	if ((err = region_add(vmp, me->addr, me->len, flags)) != OK)
		return err;
	if (!(me->flags & VM_MAP_LAZY) &&
	    (err = region_fill(vmp, me->addr, me->len, VR_WRITABLE)) != OK)
		return err;	/* the process is past saving: its exit frees what it has */
	return OK;
}

int
do_exec_done(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_vm_exec.endpt);
	struct vm_region *r;
	uint32_t va, pa, brk;

	if (vmp == NULL)
		return -EINVAL;
	for (r = vmp->vm_regions; r != NULL; r = r->r_next) {
		if (!(r->r_flags & VR_EXEC_RO))
			continue;
		r->r_flags &= ~(VR_EXEC_RO | VR_WRITABLE);
		for (va = r->r_start; va < r->r_start + r->r_len; va += PAGE)
			if (pt_lookup(vmp->vm_pd, va, &pa) == OK)
				pt_map(vmp->vm_pd, va, pa & ~(PAGE - 1), PTE_U);
	}
	brk = (m->m_vm_exec.addr + PAGE - 1) & ~(PAGE - 1);
	vmp->vm_brk_start = vmp->vm_brk = brk;
	return OK;
}
