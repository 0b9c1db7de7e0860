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
 * now, RS_PROC_NR (handouts/rs.md, "Updating RS and VM").  EINVAL: either endpoint is not a live process VM tracks, or
 * both are the same; otherwise the kernel's answer (EPERM, EBUSY; handouts/rs.md, "Live
 * update").  ENOSYS if either endpoint is VM's own: not implemented, updating VM itself
 * (VM cannot swap its own page tables through this call; handouts/rs.md, "Updating RS and
 * VM").
 */
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "proto.h"
#include "vmproc.h"

/* Exchange two vmprocs, each keeping the endpoint that names its slot. */
static void
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
		return -ENOSYS;			/* not implemented: updating VM itself */
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
