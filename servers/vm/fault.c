/*
 * fault.c - page faults reported by the kernel (VM_PAGEFAULT).
 *
 * The kernel holds the faulting process (RTS_PAGEFAULT) and sends VM the address, the
 * CPU's error code and the faulting instruction's address on the process's behalf.  A fault
 * outside every region, or a write to a region that is not writable, is a bad access: VM
 * reports it and raises SIGSEGV for the process (sys_kill: its signal manager, or the
 * kernel's default, decides).  A fault on a missing page of a region gets a zeroed page.
 * Either way the process goes on (VMCTL_CLEAR_PAGEFAULT), so a signal can take effect.  No
 * reply is ever sent.  (Copy-on-write arrives with the vm-cow lab: VM_FORK copies eagerly.)
 *
 * The same message with VMPF_KERNEL_REQUEST is a kernel copy on behalf of the sender that
 * needs a page of process endpt (kernel/vmreq.c): VM makes it present if it lies in a region
 * and releases the sender, which makes its call again; a bad address is never punished here
 * (the retried call fails with EFAULT).
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"
#include "vmproc.h"

/* Can the fault be resolved?  OK after mapping the page, else why not. */
static const char *
resolve(const mess_vm_pagefault *pf)
{
	struct vmproc *vmp = vmp_of(pf->endpt);
	struct vm_region *r;
	uint32_t page = pf->addr & ~4095u;

	if (vmp == NULL || (r = region_find(vmp, pf->addr)) == NULL)
		return "no such memory";
	if ((pf->err & 2) && !(r->r_flags & VR_WRITABLE))
		return "write to read-only memory";
	if (pf->err & 1)
		return "protection fault";
	if (region_fill(vmp, page, 4096, r->r_flags) != OK)
		return "out of memory";
	return NULL;
}

void
do_pagefault(const message *m)
{
	const mess_vm_pagefault *pf = &m->m_vm_pagefault;
	const char *why = resolve(pf);

	/* A kernel's memory request: the requester (m_source) retries its call either way;
	 * if the page could not be made present, that retry ends in EFAULT, not a signal. */
	if (why == NULL || (pf->err & VMPF_KERNEL_REQUEST)) {
		sys_vmctl(m->m_source, VMCTL_CLEAR_PAGEFAULT, 0);
		return;
	}
	printf("vm: endpoint %d: %s fault at 0x%08x (eip 0x%08x): %s, SIGSEGV\n",
	       pf->endpt, (pf->err & 2) ? "write" : "read", pf->addr, pf->eip, why);
	sys_kill(pf->endpt, SIGSEGV);
	sys_vmctl(pf->endpt, VMCTL_CLEAR_PAGEFAULT, 0);	/* EINVAL if it died: fine */
}
