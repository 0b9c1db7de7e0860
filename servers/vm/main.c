/*
 * main.c - VM, the memory manager: boot, then the request loop.
 *
 * At boot VM fetches the kernel's boot information, takes over the physical memory above
 * what the kernel used (alloc.c), and builds the address spaces of the other boot processes
 * (boot.c).  Then it serves requests through the shared loop (srv_loop, minnow/srv.h),
 * dispatched by its call table (table.c, which says who may send what: page faults and
 * safemap calls from the kernel, fork and exit from PM, exec from VFS, the rest from
 * anyone).  Anything else is answered with ENOSYS.  With the boot parameter vm_sanity=1,
 * VM checks its bookkeeping after every message (sanity.c, the loop's after hook) and
 * panics at the first inconsistency.  VM receives through SEF (minnow/sef.h): as in MINIX
 * its sef_startup() returns at once, since RS cannot start before VM has loaded it, and VM
 * answers RS's RS_INIT (and RS's pings) from this loop, inside sef_receive_status().  Started
 * as `/service/vm lu`, it is the new VM of a live update of VM (lu.c): no boot, its state
 * comes from the old VM.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

struct kinfo vm_kinfo;

static const struct srv_ops vm_ops = {
	.name = "vm",
	.dispatch = vm_dispatch,
	.after = sanity_check,
};

int
main(int argc, char **argv)
{
	int r;

	sef_setcb_init_lu(vm_lu_init);
	if (vm_lu_start(argc, argv)) {	/* the new VM of a live update (lu.c) */
		sef_startup();
		sef_await_init();
		panic("main: receive failed: %d", srv_loop(&vm_ops));
	}
	if ((r = sys_getkinfo(&vm_kinfo)) != OK)
		panic("main: cannot get the boot information: %d", r);
	alloc_init();
	vm_sanity = strstr(vm_kinfo.cmdline, "vm_sanity=1") != NULL;
	boot_load_all();
	printf("vm: %u of %u pages free%s\n", alloc_free_pages(), alloc_total_pages(),
	       vm_sanity ? ", sanity checks on" : "");
	sanity_check();
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&vm_ops));
}
