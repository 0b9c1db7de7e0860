/*
 * update.c - VM_RS_UPDATE: RS swaps two processes, and VM's records follow the code
 * (minnow/vm.h; handouts/rs.md, "Live update" and "Crash recovery").
 *
 * Live update and a restart from a replica both end with the new code running under the
 * old instance's endpoint.  The kernel's sys_update() exchanges the two processes' slots
 * except what names a slot (endpoint, slot number, caller queue, ...): the page directory
 * travels with the code.  VM keeps its own per-slot record of each address space
 * (struct vmproc) and of the mappings made through grants (safemap.c), so it makes the
 * kernel call itself and then swaps its records the same way: after the call, the old
 * endpoint's vmproc describes the new code's memory and the other slot's the old code's,
 * which RS then ends through PM (VM_EXIT frees exactly that memory).
 *
 * Only RS may ask (table.c), and the new RS of RS's own live update, to swap itself into
 * RS's slot (src RS_PROC_NR, dst the caller, which has the root-system privilege): the
 * caller is one of the two swapped processes, so the answer goes to the endpoint it has
 * now, RS_PROC_NR (handouts/rs.md, "Updating RS and VM").  EINVAL: either endpoint is
 * not a live process VM tracks, or both are the same; otherwise the kernel's answer (EPERM,
 * EBUSY; handouts/rs.md, "Live update").  ENOSYS if either endpoint is VM's own: VM
 * cannot swap its own page tables through this call; in a live update of VM, RS makes the
 * sys_update call itself and the new VM swaps the records in its init (lu.c;
 * handouts/rs.md, "Updating RS and VM").
 * VM_RS_MAKEVM readies the new VM's address space for that update (do_rs_makevm), VM_RS_PIN
 * RS's own (do_rs_pin).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include <minnow/vmlayout.h>
#include "glo.h"
#include "proto.h"
#include "vmproc.h"

#define PAGE 4096u
#define PTE_W 0x002

/* Exchange two vmprocs, each keeping the endpoint that names its slot. */
void
swap_vmprocs(struct vmproc *a, struct vmproc *b)
{
	struct vmproc tmp = *a;

	*a = *b;
	*b = tmp;
	b->vm_endpoint = a->vm_endpoint;
	a->vm_endpoint = tmp.vm_endpoint;
}

/* May m's sender ask for this swap: RS, or a new RS swapping itself into RS's slot? */
int
rs_update_caller(const message *m, int status)
{
	struct priv_info pi;

	if (srv_rs_only(m, status))
		return 1;
	return m->m_vm_update.src == RS_PROC_NR && m->m_vm_update.dst == m->m_source &&
	       sys_getpriv(m->m_source, &pi, sizeof(pi)) == OK &&
	       (pi.pv_flags & SEF_ROOT_SYS_PROC);
}

int
do_rs_update(message *m)
{
	endpoint_t src = m->m_vm_update.src, dst = m->m_vm_update.dst;
	struct vmproc *a = vmp_of(src), *b = vmp_of(dst);
	int r;

	if (src == VM_PROC_NR || dst == VM_PROC_NR)
		return -ENOSYS;			/* VM's own update: RS and lu.c */
	if (a == NULL || b == NULL || a == b)
		return -EINVAL;
	if ((r = sys_update(src, dst)) != OK)
		return r;
	swap_vmprocs(a, b);
	safemap_swap(src, dst);
	if (m->m_source != dst)
		return OK;
	srv_reply("vm", src, m, OK);	/* the new RS: it now has RS's endpoint */
	return -EDONTREPLY;
}

/* Does vmp run this very program: the same text, page for page, at the same addresses? */
static int
same_program(struct vmproc *vmp)
{
	extern char etext[];
	uint32_t va, pa;

	for (va = USER_TEXT_BASE; va < (uint32_t)etext; va += PAGE) {
		uint32_t n = (uint32_t)etext - va < PAGE ? (uint32_t)etext - va : PAGE;

		if (pt_lookup(vmp->vm_pd, va, &pa) != OK ||
		    memcmp(phys_ptr(pa & ~(PAGE - 1)), (void *)va, n) != 0)
			return 0;
	}
	return 1;
}

/* Make every page of vmp's regions present, the writable ones private and writable: no
 * fault left for vmp to take (device and safemap regions are left as they are). */
static int
pin_all(struct vmproc *vmp)
{
	struct vm_region *r;
	uint32_t va, pa;

	for (r = vmp->vm_regions; r != NULL; r = r->r_next) {
		if (r->r_flags & (VR_DIRECT | VR_SAFEMAP))
			continue;
		for (va = r->r_start; va < r->r_start + r->r_len; va += PAGE) {
			if (pt_lookup(vmp->vm_pd, va, &pa) != OK) {
				if (region_fill(vmp, va, PAGE, r->r_flags) != OK)
					return -ENOMEM;
			} else if ((r->r_flags & VR_WRITABLE) &&
				   !(pt_flags(vmp->vm_pd, va) & PTE_W) &&
				   cow_break(vmp->vm_pd, va, pa) != OK) {
				return -ENOMEM;
			}
		}
	}
	return OK;
}

/* VM_RS_PIN (RS): RS's own pages, all present and private, before it updates VM: while VM
 * is parked or being replaced, nobody would serve a fault of RS's, and VM, sending RS its
 * prepare answer, would wait for an RS that waits for it. */
int
do_rs_pin(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_source);

	return vmp == NULL ? -EINVAL : pin_all(vmp);
}

/* VM_RS_MAKEVM (RS): make the process fit to become VM.  Once swapped into VM's slot it
 * runs on this address space and cannot fault (VM would have to serve its own fault), so
 * every page of every region becomes present with its region's rights, and the window on
 * physical memory is mapped, as the kernel made it in VM's own (handouts/rs.md,
 * "Updating RS and VM").  It must run this very program (ENOEXEC): the new VM takes the
 * old one's data byte for byte (lu.c). */
int
do_rs_makevm(message *m)
{
	struct vmproc *vmp = vmp_of(m->m_vm_update.src);
	int err;

	if (vmp == NULL || vmp->vm_endpoint == VM_PROC_NR || vmp->vm_pd == 0)
		return -EINVAL;
	if ((err = pin_all(vmp)) != OK)
		return err;
	if (!same_program(vmp))
		return -ENOEXEC;
	if (region_overlaps(vmp, VM_PHYS_WINDOW, VM_PHYS_WINDOW + vm_kinfo.direct_top))
		return -EINVAL;
	pt_map_window(vmp->vm_pd);
	return OK;
}
