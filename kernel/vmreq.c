/*
 * vmreq.c - memory requests: a kernel copy that needs a page VM has not made present yet.
 *
 * VM may leave pages out until they are touched (zero-fill, copy-on-write).  A process
 * touching such a page page-faults and VM fixes it; but when the *kernel* touches it on a
 * process's behalf (copying an IPC message, a kernel call's data, a safe copy through a
 * grant) the copy just fails with EFAULT.  Rather than give the process that EFAULT, the
 * kernel asks VM to bring the page in and lets the process re-execute its trap:
 *
 *   1. the trap's result is EFAULT and the last failed copy (copy_fault) names a user page;
 *   2. the kernel sends VM a VM_PAGEFAULT with VMPF_KERNEL_REQUEST on the caller's behalf,
 *      naming the process whose page it is (the caller, or a granter), and holds the caller
 *      with RTS_PAGEFAULT;
 *   3. the caller's registers are rewound to the trap instruction (`int $32`/`int $33`, or the
 *      kernel information page's sysenter trampoline), so that when VM releases it
 *      (VMCTL_CLEAR_PAGEFAULT) it makes the same call again, this time finding the page.
 *
 * Every trap that can come here checks the caller's buffers before doing anything with a
 * side effect, so a re-executed call does its work once.  If the same page fails again, VM
 * could not help (a bad address): the caller gets EFAULT after all.
 *
 * Forwarded kernel calls.  Some kernel calls are VM's work once the kernel has checked them
 * (the safemap calls, system/do_safemap.c).  vmreq_forward() sends VM the request on the
 * caller's behalf, like a page fault, and holds the caller with RTS_VMREQUEST without
 * answering it (EDONTREPLY).  VM does the work and calls sys_vmctl(VMCTL_KCALL_REPLY) with
 * the result; vmreq_kcall_reply() then writes the result where kernel_call() would have
 * (the caller's message, whose address is still in its EAX, and EAX itself) and releases it.
 */
#include <minnow/errno.h>
#include <minnow/kerninfo.h>
#include <minnow/vm.h>
#include "kernel.h"
#include "priv.h"
#include "proc.h"
#include "vmreq.h"
#include "ipc.h"
#include "arch/i386/include/mmu.h"

extern char usermapped_start[], usermapped_ipc_sysenter[];

void
vmreq_done(struct proc *p)
{
	p->p_vmreq_target = NONE;
	p->p_vmreq_page = 0;
}

void
vmreq_rewind(struct proc *p)
{
	if (p->p_reg.tf_vector == SYSENTER_VECTOR) {
		p->p_reg.tf_eip = KERNINFO_ADDR + (uint32_t)(usermapped_ipc_sysenter - usermapped_start);
		p->p_reg.tf_esp -= 4;	/* the trampoline's return address is still there */
	} else {
		p->p_reg.tf_eip -= 2;	/* int $imm8 */
	}
}

int
vmreq_vm_running(void)
{
	struct proc *vm = proc_addr(VM_PROC_NR);

	return !RTS_ISSET(vm, RTS_SLOT_FREE) && (priv(vm)->s_flags & VM_SYS_PROC);
}

int
vmreq_restart(struct proc *p, int r)
{
	struct proc *owner = copy_fault.cf_proc, *vm = proc_addr(VM_PROC_NR);
	uint32_t page = copy_fault.cf_addr & ~(PAGE_SIZE - 1);
	message m;

	if (r != -EFAULT || owner == NULL || !vmreq_vm_running() || p == vm || owner == vm ||
	    copy_fault.cf_addr >= KERNBASE || RTS_ISSET(p, RTS_SLOT_FREE) ||
	    (p->p_vmreq_target == owner->p_endpoint && p->p_vmreq_page == page)) {
		vmreq_done(p);
		return 0;
	}
	p->p_vmreq_target = owner->p_endpoint;
	p->p_vmreq_page = page;
	memset(&m, 0, sizeof(m));
	m.m_type = VM_PAGEFAULT;
	m.m_vm_pagefault.endpt = owner->p_endpoint;
	m.m_vm_pagefault.addr = copy_fault.cf_addr;
	m.m_vm_pagefault.err = VMPF_KERNEL_REQUEST | 4u | (copy_fault.cf_write ? 2u : 0u) |
		(copy_fault.cf_debug ? VMPF_DEBUG : 0u);
	m.m_vm_pagefault.eip = p->p_reg.tf_eip;
	vmreq_rewind(p);
	sc_trace_rewound(p);
	send_from_kernel(p, vm, &m, RTS_PAGEFAULT);
	return 1;
}

int
vmreq_forward(struct proc *caller, message *m)
{
	send_from_kernel(caller, proc_addr(VM_PROC_NR), m, RTS_VMREQUEST);
	return -EDONTREPLY;
}

int
vmreq_kcall_reply(struct proc *p, int result)
{
	struct { endpoint_t source; int type; } head = { SYSTEM, result };

	if (!RTS_ISSET(p, RTS_VMREQUEST) || RTS_ISSET(p, RTS_SENDING))
		return -EINVAL;
	/* the message was checked writable when the call came in; if it went since, the
	 * result still reaches the caller in EAX */
	(void)vm_copy(NULL, (uint32_t)&head, p, p->p_reg.tf_eax, sizeof(head));
	p->p_reg.tf_eax = (uint32_t)result;
	RTS_UNSET(p, RTS_VMREQUEST);
	return OK;
}
