/*
 * fault.c - page faults reported by the kernel (VM_PAGEFAULT).
 *
 * The kernel holds the faulting process (RTS_PAGEFAULT) and sends VM the address, the
 * CPU's error code and the faulting instruction's address on the process's behalf.  A fault
 * below the stack within its limit grows the stack (stack_grow, region.c); one outside every
 * other region, or a write to a region that is not writable, is a bad access: VM
 * reports it and raises SIGSEGV for the process (sys_kill: its signal manager, or the
 * kernel's default, decides).  A fault on a missing page of a region gets a zeroed page; a
 * write to a page shared since a fork gets its own copy (cow_break: copy-on-write).
 * Either way the process goes on (VMCTL_CLEAR_PAGEFAULT), so a signal can take effect.  No
 * reply is ever sent (do_pagefault returns -EDONTREPLY to the request loop).
 *
 * The same message with VMPF_KERNEL_REQUEST is a kernel copy on behalf of the sender that
 * needs a page of process endpt (kernel/vmreq.c): VM makes it present if it lies in a region
 * and releases the sender, which makes its call again; a bad address is never punished here
 * (the retried call fails with EFAULT).  With VMPF_DEBUG too (a debugger's write through
 * sys_trace), a shared page of a read-only region gets a read-only copy of its own
 * (debug_private), which the kernel then writes past its protection.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"
#include "vmproc.h"

#define PTE_W 0x002
#define PTE_U 0x004

/*
 * A write to a page of a writable region that is mapped read-only because it is shared
 * since a fork: give this mapping its own copy (or, if nobody else shares it any more,
 * simply make it writable).  OK or -ENOMEM.
 */
int
cow_break(uint32_t pd, uint32_t va, uint32_t pa)
{
	/* LAB(vm-cow) BEGIN: copy-on-write: copy a shared page, or reclaim a private one */
	uint32_t copy;

	pa &= ~4095u;
	if (page_refcount(pa) <= 1)
		return pt_map(pd, va, pa, PTE_U | PTE_W);
	if ((copy = alloc_page()) == 0)
		return -ENOMEM;
	memcpy(phys_ptr(copy), phys_ptr(pa), 4096);
	if (pt_map(pd, va, copy, PTE_U | PTE_W) != OK) {
		free_page(copy);
		return -ENOMEM;
	}
	free_page(pa);		/* one sharer less */
	return OK;
	/* LAB(vm-cow) STUB */
	//~ (void)pd, (void)va, (void)pa;
	//~ printf("vm: LAB(vm-cow): cow_break() is not implemented\n");
	//~ return -ENOSYS;
	/* LAB(vm-cow) END */
}

/* A debugger writes into read-only page (va, pa) of vmp (VMPF_DEBUG): if the page is
 * shared, vmp gets a read-only copy of its own, so the write reaches nobody else. */
static const char *
debug_private(struct vmproc *vmp, uint32_t va, uint32_t pa)
{
	uint32_t shared = pa & ~4095u, mine;

	if (page_refcount(shared) <= 1)
		return NULL;		/* nobody else sees it: the write may go there */
	if ((mine = alloc_page()) == 0)
		return "out of memory";
	memcpy(phys_ptr(mine), phys_ptr(shared), 4096);
	if (pt_map(vmp->vm_pd, va, mine, PTE_U) != OK) {
		free_page(mine);
		return "out of memory";
	}
	free_page(shared);	/* the other sharers keep it */
	return NULL;
}

/* Can the fault be resolved?  NULL after fixing it, else why not. */
static const char *
resolve(const mess_vm_pagefault *pf)
{
	struct vmproc *vmp = vmp_of(pf->endpt);
	struct vm_region *r;
	uint32_t page = pf->addr & ~4095u, pa;
	int write = (pf->err & 2) != 0;

	if (vmp == NULL)
		return "no such process";
	if ((r = region_find(vmp, pf->addr)) == NULL && (r = stack_grow(vmp, pf->addr)) == NULL)
		return "no such memory";
	if (write && !(r->r_flags & VR_WRITABLE) && !(pf->err & VMPF_DEBUG))
		return "write to read-only memory";
	if (pt_lookup(vmp->vm_pd, page, &pa) != OK)	/* not there yet: a zeroed page */
		return region_fill(vmp, page, 4096, r->r_flags) == OK ? NULL : "out of memory";
	if (write && !(r->r_flags & VR_WRITABLE))
		return debug_private(vmp, page, pa);
	if (!write || (r->r_flags & VR_DIRECT))
		return "protection fault";
	return cow_break(vmp->vm_pd, page, pa) == OK ? NULL : "copy-on-write failed";
}

int
do_pagefault(message *m)
{
	const mess_vm_pagefault *pf = &m->m_vm_pagefault;
	const char *why = resolve(pf);

	/* A kernel's memory request: the requester (m_source) retries its call either way;
	 * if the page could not be made present, that retry ends in EFAULT, not a signal. */
	if (why == NULL || (pf->err & VMPF_KERNEL_REQUEST)) {
		sys_vmctl(m->m_source, VMCTL_CLEAR_PAGEFAULT, 0);
		return -EDONTREPLY;
	}
	printf("vm: endpoint %d: %s fault at 0x%08x (eip 0x%08x): %s, SIGSEGV\n",
	       pf->endpt, (pf->err & 2) ? "write" : "read", pf->addr, pf->eip, why);
	sys_kill(pf->endpt, SIGSEGV);
	sys_vmctl(pf->endpt, VMCTL_CLEAR_PAGEFAULT, 0);	/* EINVAL if it died: fine */
	return -EDONTREPLY;
}
