/*
 * do_sigreturn.c - SYS_SIGRETURN: a process returns from its signal handler (PM's call).
 *
 * Message fields (mess_sys_sig):
 *   endpt  the process (EINVAL if not live or a kernel task)
 *   ptr    the struct sigcontext in the process that sys_sigsend saved (EFAULT if
 *          unreadable, EINVAL if its magic is wrong)
 * The saved registers come back, except that nothing a handler wrote into the context can
 * raise the process's privilege: the segment registers are forced to the user selectors and
 * only the arithmetic, direction and trap flags are taken from the saved EFLAGS (interrupts
 * stay enabled, the I/O privilege level stays 0), and the FPU state comes back from sc_fpu
 * (its MXCSR's reserved bits cleared, which FXRSTOR would fault on).  If the process is waiting in SENDREC
 * for the caller (it asked PM to return from the handler), that wait ends without a reply
 * message, which would overwrite the restored registers.
 */
#include <minnow/errno.h>
#include <minnow/sigcontext.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/include/mmu.h"
#include "../arch/i386/fpu.h"

#define USER_EFLAGS 0x0DD5u	/* CF PF AF ZF SF TF DF OF */
#define SC_FPU_OFFSET __builtin_offsetof(struct sigcontext, sc_fpu)

int
do_sigreturn(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_sig.endpt);
	struct trapframe *tf;
	struct sigcontext sc;

	(void)caller;
	if (p == NULL || iskernelp(p))
		return -EINVAL;
	if (vm_copy(p, m->m_sys_sig.ptr, NULL, (uint32_t)&sc, SC_FPU_OFFSET) != OK)
		return -EFAULT;
	if (sc.sc_fpu_valid && vm_copy(p, m->m_sys_sig.ptr + SC_FPU_OFFSET, NULL,
				       (uint32_t)sc.sc_fpu, sizeof(sc.sc_fpu)) != OK)
		return -EFAULT;
	if (sc.sc_magic != SC_MAGIC)
		return -EINVAL;
	tf = &p->p_reg;
	tf->tf_edi = sc.sc_edi, tf->tf_esi = sc.sc_esi, tf->tf_ebp = sc.sc_ebp;
	tf->tf_ebx = sc.sc_ebx, tf->tf_edx = sc.sc_edx, tf->tf_ecx = sc.sc_ecx;
	tf->tf_eax = sc.sc_eax, tf->tf_eip = sc.sc_eip, tf->tf_esp = sc.sc_esp;
	tf->tf_eflags = (sc.sc_eflags & USER_EFLAGS) | 0x202;
	tf->tf_cs = SEL_UCODE;
	tf->tf_ss = tf->tf_ds = tf->tf_es = tf->tf_fs = tf->tf_gs = SEL_UDATA;
	if (sc.sc_fpu_valid)
		fpu_state_set(p, sc.sc_fpu);	/* MXCSR's reserved bits cleared */
	else
		fpu_proc_reset(p);
	if (RTS_ISSET(p, RTS_RECEIVING) && !RTS_ISSET(p, RTS_SENDING) &&
	    p->p_getfrom_e == caller->p_endpoint) {
		p->p_misc_flags &= ~MF_REPLY_PEND;
		p->p_getfrom_e = NONE;
		RTS_UNSET(p, RTS_RECEIVING);
	}
	return OK;
}
