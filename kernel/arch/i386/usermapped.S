/*
 * usermapped.S - the kernel information page (see minnow/kerninfo.h).
 *
 * This page is part of the kernel image but is also mapped user-readable at KERNINFO_ADDR in
 * every process.  The first bytes hold struct minnow_kerninfo (kinfo_page_init fills them),
 * then come the IPC trampolines.  They run in user mode at KERNINFO_ADDR + offset, so they
 * must be position-independent: they never refer to an absolute address.
 */
#include "mmu.h"

	.section .usermapped, "awx"
	.align	4096
	.globl usermapped_start, usermapped_ipc_int, usermapped_ipc_sysenter
usermapped_start:
	.space	256			/* struct minnow_kerninfo */

/* IPC by trap: EAX = call, ECX = endpoint, EBX = message. */
usermapped_ipc_int:
	int	$33
	ret

/* IPC by sysenter: as above.  The kernel saves EDX as the process's EIP and ECX as its ESP,
 * so when it resumes the process (with iret) execution continues at our return address. */
usermapped_ipc_sysenter:
	movl	%ecx, %esi		/* the endpoint travels in ESI */
	movl	(%esp), %edx		/* where the process resumes: our return address */
	leal	4(%esp), %ecx		/* and with this stack: as if we had returned */
	sysenter

	.align	4096
