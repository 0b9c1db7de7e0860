/*
 * do_vmctl.c - SYS_VMCTL: VM's control of processes and address spaces.
 *
 * Message fields (mess_sys_vmctl):
 *   endpt   the process (SELF for VM itself; EINVAL if not live or a kernel task)
 *   param   VMCTL_SETADDRSPACE: install the page directory at physical address `value`
 *           (page-aligned and inside RAM, else EINVAL); it must hold the kernel's mappings
 *           (VM copies them from its own directory)
 *           VMCTL_BOOTINHIBIT_CLEAR: VM has built this boot process (clears RTS_BOOTINHIBIT)
 *           VMCTL_CLEAR_PAGEFAULT: VM resolved (or punished) its page fault: it may run
 *           again (EINVAL unless it was held by RTS_PAGEFAULT)
 *           VMCTL_CLEAR_VMINHIBIT (value2 unused): a forked child's address space is ready
 *           VMCTL_KCALL_REPLY: VM finished the kernel call the kernel forwarded to it for
 *           this process (the safemap calls, do_safemap.c): `value` is the call's result,
 *           stored in the process's message and EAX (EINVAL unless it was waiting for it)
 *           anything else: EINVAL
 *   value   see param
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../vmreq.h"
#include "../system.h"
#include "../arch/i386/include/mmu.h"

int
do_vmctl(struct proc *caller, message *m)
{
	mess_sys_vmctl *v = &m->m_sys_vmctl;
	struct proc *p = endpoint_proc(v->endpt == SELF ? caller->p_endpoint : v->endpt);

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	switch (v->param) {
	case VMCTL_SETADDRSPACE:
		if ((v->value & (PAGE_SIZE - 1)) || v->value == 0 || v->value >= kernel_direct_top())
			return -EINVAL;
		p->p_cr3 = v->value;
		return OK;
	case VMCTL_BOOTINHIBIT_CLEAR:
		RTS_UNSET(p, RTS_BOOTINHIBIT);
		return OK;
	case VMCTL_CLEAR_PAGEFAULT:
		if (!RTS_ISSET(p, RTS_PAGEFAULT))
			return -EINVAL;
		RTS_UNSET(p, RTS_PAGEFAULT);
		return OK;
	case VMCTL_CLEAR_VMINHIBIT:
		RTS_UNSET(p, RTS_VMINHIBIT);
		return OK;
	case VMCTL_KCALL_REPLY:
		return vmreq_kcall_reply(p, (int)v->value);
	default:
		return -EINVAL;
	}
}
