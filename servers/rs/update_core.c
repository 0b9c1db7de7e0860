/*
 * update_core.c - RS_UPDATE of RS and VM themselves: refused with ENOSYS
 * (minnow/rs.h; handouts/rs.md, "Updating RS and VM").
 *
 * do_update() (update.c) asks update_core_refused() first.  `service update ... -label rs`
 * and `-label vm` are answered ENOSYS, with a console line that says why; nothing is
 * created and no service is disturbed.  Not implemented: live update of RS itself and of
 * VM.  The update of an ordinary service relies on three things these two lack:
 *   - an updater outside the update: RS drives every step, VM swaps the two processes.
 *     RS cannot drive its own swap: vm_update() is a sendrec to VM, and the kernel swaps
 *     only processes that are held or receiving, so a calling RS is never swappable; and
 *     VM cannot swap its own page tables through its own VM_RS_UPDATE.
 *   - a state it can save in DS: RS's state is the whole service table (rproc[],
 *     rprocpub[], the update in progress), VM's is every address space, region, page
 *     table and free list; neither fits DS, both would be handed over as memory.
 *   - a program on disk: RS and VM are boot modules, and `self` names the path RS_UP was
 *     given, which boot services do not have.
 * The other core servers (PM, VFS) stay EPERM as boot services (update.c, target()).
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/endpoint.h>
#include "glo.h"
#include "proto.h"

/* ENOSYS if label names RS or VM (a console line says so); else OK. */
int
update_core_refused(const char *label)
{
	struct rproc *rp = rs_by_label(label);
	endpoint_t ep;

	if (rp == NULL)
		return OK;		/* update.c answers ESRCH */
	ep = rp->r_pub->endpoint;
	if (ep != rs_self && ep != VM_PROC_NR)
		return OK;
	printf("rs: update of %s refused: not implemented: live update of %s itself\n",
	       rp->r_pub->label, ep == rs_self ? "RS" : "VM");
	return -ENOSYS;
}
