/*
 * do_fork.c - SYS_FORK: create a process slot as a copy of another (VM's call for PM).
 *
 * Message fields (mess_sys_fork):
 *   parent  the process to copy (EINVAL if not live or a kernel task)
 *   slot    the child's slot, which must be free (EINVAL)
 *   flags   PFF_VMINHIBIT: keep the child from running (RTS_VMINHIBIT) until VM has built
 *           its address space and calls sys_vmctl(VMCTL_CLEAR... / SETADDRSPACE)
 *   child   out: the child's endpoint (the slot's next generation)
 * The child gets the parent's registers and the parent's receive state: the parent is
 * blocked in SENDREC to PM, so PM's reply to the child is what starts it ("fork returns 0").
 * The child gets a copy of the parent's FPU state (arch/i386/fpu.c).
 * A system parent's child has no privileges yet (RTS_NO_PRIV) until RS gives it some; it
 * holds the shared user priv meanwhile.  Timers, pending signals and queues start empty.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/fpu.h"

int
do_fork(struct proc *caller, message *m)
{
	mess_sys_fork *f = &m->m_sys_fork;
	struct proc *parent = endpoint_proc(f->parent), *child;

	(void)caller;
	if (parent == NULL || iskernelp(parent))
		return -EINVAL;
	if ((child = proc_alloc_slot(f->slot)) == NULL)
		return -EINVAL;
	child->p_reg = parent->p_reg;
	child->p_cr3 = parent->p_cr3;
	child->p_priority = parent->p_priority;
	memcpy(child->p_name, parent->p_name, PROC_NAME_LEN);
	child->p_priv = &priv_table[USER_PRIV_ID];
	if (RTS_ISSET(parent, RTS_RECEIVING)) {	/* waiting for PM's reply, like the parent */
		child->p_getfrom_e = parent->p_getfrom_e;
		child->p_delivermsg_vir = parent->p_delivermsg_vir;
		child->p_misc_flags = parent->p_misc_flags & MF_REPLY_PEND;
		child->p_rts_flags |= RTS_RECEIVING;
	}
	if (priv(parent)->s_flags & SYS_PROC)
		child->p_rts_flags |= RTS_NO_PRIV;
	if (f->flags & PFF_VMINHIBIT)
		child->p_rts_flags |= RTS_VMINHIBIT;
	fpu_proc_copy(child, parent);
	f->child = child->p_endpoint;
	RTS_UNSET(child, RTS_PROC_STOP);
	return OK;
}
