/*
 * lu.c - the new VM's side of a live update of VM itself (minnow/rs.h; handouts/rs.md,
 * "Updating RS and VM").
 *
 * RS drives it (servers/rs/update_core.c): it starts `/service/vm lu` held, has the old VM
 * make that process fit to be VM (VM_RS_MAKEVM, update.c: every page present, the window
 * on physical memory mapped), asks the old VM to prepare (SEF parks it in its answer), and
 * swaps the two with sys_update itself: VM cannot swap its own page tables through its own
 * VM_RS_UPDATE.  So the new code starts running in VM's slot, with VM's endpoint and the
 * requests and page faults queued for VM, but with empty tables:
 *   - main() sees the argument "lu" (vm_lu_start) and, instead of taking over memory and
 *     loading the boot modules, waits for RS_INIT from RS alone (sef_await_init), so that
 *     nothing queued for VM is served before the state is in.  A second argument,
 *     "failinit" or "crash" (`service update self -label vm -args crash`), makes the init
 *     fail (EIO) or die (an invalid instruction) once it took the state, for the rollback
 *     tests: VM's failing versions must be this very program, so they are arguments;
 *   - vm_lu_init (SEF_INIT_LU) copies the old VM's whole data and bss, [__data_start, _end)
 *     of lib/user.ld, out of its image (parked in the slot the new process had):
 *     vmproc[], the regions (VM's heap is an arena in its bss), the page allocator's
 *     bitmap and counts, safemap records (sef_copy_image, which also announces the grant
 *     table again and forgets the copied prepare).  The copy is byte for byte, so both
 *     must be the same program: a layout record guards it (EINVAL).  Then the records of
 *     the two slots are swapped as for any other update (VM's slot: this address space;
 *     the other: the old VM's, which the kernel built at boot, so it gets a record with no
 *     directory: nothing of it is VM's to free);
 *   - SEF answers RS, which ends the old code through PM at once (VM's state moves on
 *     with the first request served: no rollback after that).
 * A failure before the answer leaves the old VM's memory untouched (the copy only read
 * it): RS swaps the old code back and it serves on.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"
#include "vmproc.h"

enum lu_fault { LU_NO_FAULT, LU_FAILINIT, LU_CRASH };

static enum lu_fault lu_fault;          /* the rollback tests' fault (read before the copy) */

int
vm_lu_start(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "lu") != 0)
		return 0;
	if (argc > 2 && strcmp(argv[2], "failinit") == 0)
		lu_fault = LU_FAILINIT;
	else if (argc > 2 && strcmp(argv[2], "crash") == 0)
		lu_fault = LU_CRASH;
	return 1;
}

/* The end of the init: OK, or the fault the rollback tests asked for. */
static int
lu_end(enum lu_fault fault)
{
	if (fault == LU_FAILINIT) {
		printf("vm: failing the live-update init on purpose\n");
		return -EIO;
	}
	if (fault == LU_CRASH) {
		printf("vm: crashing in the live-update init on purpose\n");
		__builtin_trap();
	}
	return OK;
}

/* After the copy: VM's slot gets this address space's record, img's the old VM's. */
static int
take_slot(endpoint_t img)
{
	struct vmproc *me = &vmproc[ENDPOINT_SLOT(VM_PROC_NR)], *them = vmp_of(img);

	if (them == NULL)
		return -EINVAL;
	if (!me->vm_inuse) {		/* the boot VM: the kernel built its memory */
		memset(me, 0, sizeof(*me));
		me->vm_inuse = 1;
		me->vm_endpoint = VM_PROC_NR;
	}
	swap_vmprocs(me, them);
	safemap_swap(VM_PROC_NR, img);
	return OK;
}

int
vm_lu_init(int type, sef_init_info_t *info)
{
	endpoint_t img = info->image_endpoint;
	enum lu_fault fault = lu_fault;		/* the copy overwrites it */
	int r;

	(void)type;
	if ((r = sef_copy_image(info)) != OK) {
		printf("vm: cannot take the old VM's state (%d): no update\n", r);
		return r;
	}
	/* from here on every variable holds the old VM's value */
	if ((r = take_slot(img)) != OK)
		return r;
	printf("vm: new version, %u pages free\n", alloc_free_pages());
	return lu_end(fault);
}
