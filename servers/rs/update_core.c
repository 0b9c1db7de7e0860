/*
 * update_core.c - RS_UPDATE of VM itself: refused with ENOSYS
 * (minnow/rs.h; handouts/rs.md, "Updating RS and VM").
 *
 * do_update() (update.c) sends an update of RS itself to update_self.c and asks
 * update_core_refused() about the rest.  `service update ... -label vm` is answered
 * ENOSYS, with a console line that says why; nothing is created and no service is
 * disturbed.  Not implemented: live update of VM.  An ordinary update has VM swap the two
 * processes and its own records of them (VM_RS_UPDATE); VM cannot swap its own page
 * tables through its own request, and its state is every address space, region, page
 * table and free list, which would have to be handed over as memory.
 * The other core servers (PM, VFS) stay EPERM as boot services (update.c, target()).
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/endpoint.h>
#include "glo.h"
#include "proto.h"

/* ENOSYS if label names VM (a console line says so); else OK. */
int
update_core_refused(const char *label)
{
	struct rproc *rp = rs_by_label(label);

	if (rp == NULL || rp->r_pub->endpoint != VM_PROC_NR)
		return OK;		/* update.c answers ESRCH or goes on */
	printf("rs: update of %s refused: not implemented: live update of VM itself\n",
	       rp->r_pub->label);
	return -ENOSYS;
}
