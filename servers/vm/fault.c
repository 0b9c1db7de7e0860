/*
 * fault.c - page faults reported by the kernel (VM_PAGEFAULT).
 *
 * The kernel holds the faulting process (RTS_PAGEFAULT) and sends VM the address, the
 * CPU's error code and the faulting instruction's address on the process's behalf.  VM does
 * not track regions yet (a later issue adds them, with zero-fill and copy-on-write), so
 * every fault is a bad access: VM reports it, raises SIGSEGV for the process
 * (sys_kill: its signal manager, or the kernel's default, decides), and lets the process
 * go on (VMCTL_CLEAR_PAGEFAULT) so that the signal can take effect.  No reply is ever sent.
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"

void
do_pagefault(const message *m)
{
	const mess_vm_pagefault *pf = &m->m_vm_pagefault;

	printf("vm: endpoint %d: %s fault at 0x%08x (eip 0x%08x): no such memory, SIGSEGV\n",
	       pf->endpt, (pf->err & 2) ? "write" : "read", pf->addr, pf->eip);
	sys_kill(pf->endpt, SIGSEGV);
	sys_vmctl(pf->endpt, VMCTL_CLEAR_PAGEFAULT, 0);	/* EINVAL if it died: fine */
}
