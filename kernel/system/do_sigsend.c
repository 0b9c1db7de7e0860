/*
 * do_sigsend.c - SYS_SIGSEND: start a process's signal handler (PM's call).
 *
 * Message fields (mess_sys_sig):
 *   endpt  the process (EINVAL if not live or a kernel task)
 *   ptr    a struct sigmsg in the caller (EFAULT if unreadable): the signal, the mask to
 *          restore, the handler, libc's return trampoline, and the stack to use (0: the
 *          process's current stack)
 * The kernel saves the process's registers, its FPU state and sm_mask in a struct
 * sigcontext (the handler gets a fresh FPU; sc_fpu is left unwritten when the process had
 * no FPU state), pushes a
 * struct sigframe (minnow/sigcontext.h) below the stack pointer, and restarts the process at
 * the handler as handler(signo, 0, scp) returning to sm_sigreturn.  EFAULT if the frame does
 * not fit in writable memory; EBUSY if the process is inside an IPC call (sending, or
 * waiting for an answer that would land in the handler's registers): PM first stops it
 * with sys_runctl RC_DELAY and ends its waiting calls, so no half-finished call is lost.
 */
#include <minnow/errno.h>
#include <minnow/sigcontext.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../arch/i386/include/mmu.h"
#include "../arch/i386/fpu.h"

static void
save_context(const struct trapframe *tf, struct sigcontext *sc)
{
	sc->sc_gs = tf->tf_gs, sc->sc_fs = tf->tf_fs, sc->sc_es = tf->tf_es, sc->sc_ds = tf->tf_ds;
	sc->sc_edi = tf->tf_edi, sc->sc_esi = tf->tf_esi, sc->sc_ebp = tf->tf_ebp;
	sc->sc_ebx = tf->tf_ebx, sc->sc_edx = tf->tf_edx, sc->sc_ecx = tf->tf_ecx;
	sc->sc_eax = tf->tf_eax, sc->sc_eip = tf->tf_eip, sc->sc_cs = tf->tf_cs;
	sc->sc_eflags = tf->tf_eflags, sc->sc_esp = tf->tf_esp, sc->sc_ss = tf->tf_ss;
	sc->sc_magic = SC_MAGIC;
}

int
do_sigsend(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_sig.endpt);
	struct sigmsg sm;
	struct sigframe fr;
	uint32_t sp;

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	if (RTS_ISSET(p, RTS_SENDING | RTS_RECEIVING))
		return -EBUSY;		/* an answer would land in the handler's registers */
	if (vm_copy(caller, m->m_sys_sig.ptr, NULL, (uint32_t)&sm, sizeof(sm)) != OK)
		return -EFAULT;
	sp = sm.sm_stkptr != 0 ? sm.sm_stkptr : p->p_reg.tf_esp;
	sp = (sp - sizeof(fr)) & ~15u;
	if (sp >= KERNBASE || sm.sm_sighandler >= KERNBASE)
		return -EFAULT;
	memset(&fr, 0, sizeof(fr));
	save_context(&p->p_reg, &fr.sf_sc);
	fr.sf_sc.sc_mask[0] = sm.sm_mask[0];
	fr.sf_sc.sc_mask[1] = sm.sm_mask[1];
	fr.sf_sc.sc_fpu_valid = (uint32_t)fpu_state_get(p, fr.sf_sc.sc_fpu);
	fr.sf_retadr = sm.sm_sigreturn;
	fr.sf_signo = sm.sm_signo;
	fr.sf_scp = sp + __builtin_offsetof(struct sigframe, sf_sc);
	if (vm_copy(NULL, (uint32_t)&fr, p, sp, fr.sf_sc.sc_fpu_valid ? sizeof(fr) :
		    __builtin_offsetof(struct sigframe, sf_sc.sc_fpu)) != OK)
		return -EFAULT;
	p->p_reg.tf_esp = sp;
	fpu_proc_reset(p);			/* the handler starts with a fresh FPU */
	p->p_reg.tf_eip = sm.sm_sighandler;
	p->p_reg.tf_eflags &= ~0x100u;		/* no single-stepping into the handler */
	p->p_reg.tf_eflags &= ~0x400u;		/* and DF clear, as a function's entry has it
						   (the interrupted code's DF is in the frame) */
	return OK;
}
