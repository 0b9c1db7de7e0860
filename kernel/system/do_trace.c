/*
 * do_trace.c - SYS_TRACE: a debugger's access to a traced process (PM's ptrace half).
 *
 * Message fields (mess_sys_trace):
 *   endpt    the traced process (EINVAL if not live or a kernel task)
 *   request  T_STOP      hold it with RTS_P_STOP
 *            T_RESUME    release it (no single-stepping, no system-call stops)
 *            T_STEP      release it for one instruction: the CPU's trap flag raises a debug
 *                        exception afterwards, which becomes SIGTRAP for its signal manager
 *            T_SYSCALL   release it until its next system call enters or leaves, which
 *                        becomes SIGTRAP (sctrace.c)
 *            T_GETINS / T_GETDATA   out: the word at `address` (EFAULT if unmapped)
 *            T_SETINS / T_SETDATA   write `data` at `address`, read-only text included
 *                        (that is how a debugger plants a breakpoint); EFAULT if unmapped.
 *                        A page shared since a fork gets its own copy first, so the other
 *                        sharers never see the write: the copy fails, VM is asked for the
 *                        page with VMPF_DEBUG (vmreq.c), and the call is made again
 *                        (handouts/ptrace.md, "Writing into a tracee")
 *            T_GETUSER   out: the word at byte offset `address` of the process's slot
 *                        (struct proc: the saved registers first, minnow/ptrace.h's
 *                        T_REG_*), and past the slot, of its struct priv (word-aligned,
 *                        inside them; else EFAULT)
 *            T_SETUSER   write a saved general register, EIP or ESP, or the user-settable
 *                        EFLAGS bits; the segment registers cannot be changed (EFAULT)
 *            else        EINVAL
 *   address, data   see request
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../priv.h"

#define TF_FLAG 0x100u
#define USER_EFLAGS 0x0DD5u

static int
get_user(struct proc *p, uint32_t off, uint32_t *data)
{
	if ((off & 3) || off >= sizeof(struct proc) + sizeof(struct priv))
		return -EFAULT;
	if (off < sizeof(struct proc))
		*data = ((uint32_t *)p)[off / 4];
	else
		*data = ((uint32_t *)priv(p))[(off - sizeof(struct proc)) / 4];
	return OK;
}

/* T_SETINS, T_SETDATA: write data at addr in p, with VM's help for a shared page. */
static int
poke(struct proc *caller, struct proc *p, vir_bytes addr, uint32_t data)
{
	if (vm_copy(NULL, (vir_bytes)&data, p, addr, sizeof(data)) == OK)
		return OK;	/* a private, writable page */
	if (caller->p_vmreq_target == p->p_endpoint &&
	    caller->p_vmreq_page == (copy_fault.cf_addr & ~0xFFFu))
		return vm_poke(p, addr, &data, sizeof(data));	/* VM made it private */
	copy_fault.cf_debug = 1;
	return -EFAULT;		/* kernel_call asks VM (vmreq_restart), and we come again */
}

/* Release p for T_RESUME, T_STEP or T_SYSCALL. */
static void
release(struct proc *p, int request)
{
	p->p_reg.tf_eflags &= ~TF_FLAG;
	p->p_misc_flags &= ~MF_SC_TRACE;
	if (request == T_STEP)
		p->p_reg.tf_eflags |= TF_FLAG;
	/* LAB(ptrace) BEGIN: T_SYSCALL: ask for a stop at the next entry or leave */
	if (request == T_SYSCALL)
		p->p_misc_flags |= MF_SC_TRACE;
	/* LAB(ptrace) STUB */
	//~ if (request == T_SYSCALL)
	//~ 	panic("LAB(ptrace): do_trace() does not trace system calls (T_SYSCALL)");
	/* LAB(ptrace) END */
	RTS_UNSET(p, RTS_P_STOP);
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

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	switch (t->request) {
	case T_STOP:
		RTS_SET(p, RTS_P_STOP);
		return OK;
	case T_RESUME:
	case T_STEP:
	case T_SYSCALL:
		release(p, t->request);
		return OK;
	case T_GETINS:
	case T_GETDATA:
		return vm_copy(p, t->address, NULL, (uint32_t)&t->data, sizeof(t->data));
	case T_SETINS:
	case T_SETDATA:
		return poke(caller, p, t->address, t->data);
	case T_GETUSER:
		return get_user(p, t->address, &t->data);
	case T_SETUSER:
		return set_user(p, t->address, t->data);
	default:
		return -EINVAL;
	}
}
