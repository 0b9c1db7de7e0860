/*
 * do_trace.c - SYS_TRACE: a debugger's access to a traced process (PM's ptrace half).
 *
 * Message fields (mess_sys_trace):
 *   endpt    the traced process (EINVAL if not live or a kernel task)
 *   request  T_STOP      hold it with RTS_P_STOP
 *            T_RESUME    release it (and stop single-stepping)
 *            T_STEP      release it for one instruction: the CPU's trap flag raises a debug
 *                        exception afterwards, which becomes SIGTRAP for its signal manager
 *            T_GETINS / T_GETDATA   out: the word at `address` (EFAULT if unmapped)
 *            T_SETINS / T_SETDATA   write `data` at `address`, read-only text included
 *                        (that is how a debugger plants a breakpoint); EFAULT if unmapped
 *            T_GETUSER   out: the saved register at byte offset `address` of struct
 *                        trapframe (word-aligned, inside it; else EFAULT)
 *            T_SETUSER   write a saved general register, EIP or ESP, or the user-settable
 *                        EFLAGS bits; the segment registers cannot be changed (EFAULT)
 *            else        EINVAL
 *   address, data   see request
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

#define TF_FLAG 0x100u
#define USER_EFLAGS 0x0DD5u

static int
get_user(struct proc *p, uint32_t off, uint32_t *data)
{
	if ((off & 3) || off + 4 > sizeof(struct trapframe))
		return -EFAULT;
	*data = ((uint32_t *)&p->p_reg)[off / 4];
	return OK;
}

static int
set_user(struct proc *p, uint32_t off, uint32_t data)
{
	struct trapframe *tf = &p->p_reg;
	uint32_t *reg = (uint32_t *)tf + off / 4;

	if ((off & 3) || off + 4 > sizeof(struct trapframe))
		return -EFAULT;
	if (reg == &tf->tf_eflags) {
		tf->tf_eflags = (tf->tf_eflags & ~USER_EFLAGS) | (data & USER_EFLAGS);
		return OK;
	}
	if (reg == &tf->tf_cs || reg == &tf->tf_ss || reg == &tf->tf_ds || reg == &tf->tf_es ||
	    reg == &tf->tf_fs || reg == &tf->tf_gs || reg == &tf->tf_vector || reg == &tf->tf_err)
		return -EFAULT;
	*reg = data;
	return OK;
}

int
do_trace(struct proc *caller, message *m)
{
	mess_sys_trace *t = &m->m_sys_trace;
	struct proc *p = endpoint_proc(t->endpt);

	(void)caller;
	if (p == NULL || iskernelp(p))
		return -EINVAL;
	switch (t->request) {
	case T_STOP:
		RTS_SET(p, RTS_P_STOP);
		return OK;
	case T_RESUME:
	case T_STEP:
		if (t->request == T_STEP)
			p->p_reg.tf_eflags |= TF_FLAG;
		else
			p->p_reg.tf_eflags &= ~TF_FLAG;
		RTS_UNSET(p, RTS_P_STOP);
		return OK;
	case T_GETINS:
	case T_GETDATA:
		return vm_copy(p, t->address, NULL, (uint32_t)&t->data, sizeof(t->data));
	case T_SETINS:
	case T_SETDATA:
		return vm_poke(p, t->address, &t->data, sizeof(t->data));
	case T_GETUSER:
		return get_user(p, t->address, &t->data);
	case T_SETUSER:
		return set_user(p, t->address, t->data);
	default:
		return -EINVAL;
	}
}
