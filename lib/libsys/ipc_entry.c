/*
 * ipc_entry.c - choosing how IPC enters the kernel, once per process (see ipc.S).
 *
 * Protocol (minnow/kerninfo.h): the IPC call MINIX_KERNINFO, which every process may make,
 * returns in EBX the address of the kernel information page, mapped read-only in every
 * address space.  The page names two trampolines: one enters with `int $33`, the other
 * with `sysenter` (usable when KIF_SYSENTER is set).  The sysenter one is preferred, as in
 * MINIX 3.3.  If the kernel has no such page (the call fails, or the magic is wrong), IPC
 * keeps using libsys's own `int $33` routine.
 */
#include <stdint.h>
#include <minnow/errno.h>
#include <minnow/ipc.h>
#include <minnow/kerninfo.h>
#include "ipc_entry.h"

void
_ipc_choose_entry(void)
{
	const struct minnow_kerninfo *ki;
	uint32_t page = 0;
	int r;

	__asm__ volatile("int $33"
			 : "=a"(r), "+b"(page)
			 : "a"(MINIX_KERNINFO), "c"(NONE)
			 : "edx", "memory");
	_ipc_entry = (uint32_t)_ipc_entry_int;
	if (r != OK || page == 0)
		return;
	ki = (const struct minnow_kerninfo *)page;
	if (ki->ki_magic != KERNINFO_MAGIC)
		return;
	if ((ki->ki_flags & KIF_SYSENTER) && ki->ki_ipc_sysenter != 0)
		_ipc_entry = ki->ki_ipc_sysenter;
	else if (ki->ki_ipc_int != 0)
		_ipc_entry = ki->ki_ipc_int;
}
