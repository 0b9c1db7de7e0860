/*
 * do_exec.c - SYS_EXEC: start a process's new program (PM and VM's call).
 *
 * Message fields (mess_sys_exec):
 *   endpt      the process (EINVAL if not live or a kernel task)
 *   stack_ptr  its new stack pointer (below KERNBASE, else EINVAL)
 *   ip         its new program counter (below KERNBASE, else EINVAL)
 *   name_ptr   address of its new name in the caller (0: keep the name; EFAULT if bad)
 * The registers are reset (segments, flags; the FPU to its FNINIT state) so the program starts clean; whoever built the
 * new address space has already installed it (sys_vmctl VMCTL_SETADDRSPACE).  A process
 * that asked PM for the exec waits in the receive half of its SENDREC; exec is never
 * answered, so that wait ends here (RTS_RECEIVING and MF_REPLY_PEND cleared: a stale
 * MF_REPLY_PEND would keep notifications and AMF_NOREPLY messages, such as RS_INIT for a
 * service RS starts, from its first receive) and the process
 * runs its new program as soon as nothing else holds it.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/include/mmu.h"
#include "../arch/i386/fpu.h"

int
do_exec(struct proc *caller, message *m)
{
	mess_sys_exec *x = &m->m_sys_exec;
	struct proc *p = endpoint_proc(x->endpt);
	char name[PROC_NAME_LEN];

	if (p == NULL || iskernelp(p) || x->stack_ptr >= KERNBASE || x->ip >= KERNBASE)
		return -EINVAL;
	if (x->name_ptr != 0) {
		if (vm_copy(caller, x->name_ptr, NULL, (uint32_t)name, sizeof(name)) != OK)
			return -EFAULT;
		name[PROC_NAME_LEN - 1] = '\0';
		memcpy(p->p_name, name, sizeof(name));
	}
	memset(&p->p_reg, 0, sizeof(p->p_reg));
	p->p_reg.tf_eip = x->ip;
	p->p_reg.tf_esp = x->stack_ptr;
	p->p_reg.tf_cs = SEL_UCODE;
	p->p_reg.tf_ss = p->p_reg.tf_ds = p->p_reg.tf_es = SEL_UDATA;
	p->p_reg.tf_fs = p->p_reg.tf_gs = SEL_UDATA;
	p->p_reg.tf_eflags = 0x202;
	fpu_proc_reset(p);			/* FNINIT's state at its first FPU use */
	p->p_misc_flags &= ~MF_REPLY_PEND;	/* no answer to the exec call: its SENDREC */
	RTS_UNSET(p, RTS_RECEIVING);		/* wait is over, reply-pending state and all */
	return OK;
}
