/*
 * system.c - the SYSTEM task: kernel-call dispatch.
 *
 * A kernel call is `int $32` with EAX pointing at a message of type KERNEL_CALL + n
 * (minnow/com.h, layouts in minnow/kcall.h).  kernel_call() copies the message in, rejects
 * an unknown n (EBADREQUEST) or one missing from the caller's kernel-call mask
 * (ECALLDENIED), runs the handler kernel/system/do_<call>.c, and copies the message back with
 * the result in m_type.  The safe copies (SYS_SAFECOPYFROM, SYS_SAFECOPYTO) skip both copies
 * when the message lies in one writable page: their handler reads it where the caller has it
 * and writes no field, and a copy cannot change the caller's page tables (they lie outside
 * every address space but VM's window on physical memory, which no service grants), so the
 * one translation made on the way in still holds for the answer (m_source and m_type,
 * written there).  A handler returning -EDONTREPLY leaves the caller without an answer (sys_exit: the
 * caller is gone).  A copy VM must help with (a page not present yet) makes the call wait for
 * VM and run again (vmreq.c).  Signals the kernel raises are in signal.c.
 */
#include <minnow/com.h>
#include <minnow/errno.h>
#include "kernel.h"
#include "proc.h"
#include "vmreq.h"
#include "priv.h"
#include "system.h"

static kcall_handler_t call_vec[NR_SYS_CALLS] = {
	[SYS_FORK] = do_fork,
	[SYS_EXEC] = do_exec,
	[SYS_CLEAR] = do_clear,
	[SYS_PRIVCTL] = do_privctl,
	[SYS_TRACE] = do_trace,
	[SYS_KILL] = do_kill,
	[SYS_GETKSIG] = do_getksig,
	[SYS_ENDKSIG] = do_endksig,
	[SYS_SIGSEND] = do_sigsend,
	[SYS_SIGRETURN] = do_sigreturn,
	[SYS_UMAP] = do_umap,
	[SYS_VIRCOPY] = do_vircopy,
	[SYS_PHYSCOPY] = do_physcopy,
	[SYS_IRQCTL] = do_irqctl,
	[SYS_DEVIO] = do_devio,
	[SYS_SDEVIO] = do_sdevio,
	[SYS_SETALARM] = do_setalarm,
	[SYS_TIMES] = do_times,
	[SYS_GETINFO] = do_getinfo,
	[SYS_ABORT] = do_abort,
	[SYS_SAFECOPYFROM] = do_safecopy_from,
	[SYS_SAFECOPYTO] = do_safecopy_to,
	[SYS_VSAFECOPY] = do_vsafecopy,
	[SYS_SETGRANT] = do_setgrant,
	[SYS_SAFEMAP] = do_safemap,
	[SYS_SAFEREVMAP] = do_saferevmap,
	[SYS_SAFEUNMAP] = do_safeunmap,
	[SYS_VMCTL] = do_vmctl,
	[SYS_DIAGCTL] = do_diagctl,
	[SYS_RUNCTL] = do_runctl,
	[SYS_UPDATE] = do_update,
	[SYS_EXIT] = do_exit,
	[SYS_STATECTL] = do_statectl,
	[SYS_SAFEMEMSET] = do_safememset,
};

/* Kernel call n (a safe copy, allowed to the caller) on the caller's own message km, at the
 * kernel address vm_msg_ptr() gave; answered there, as kernel_call() answers. */
static int
call_in_place(struct proc *caller, message *km, int n)
{
	int r = call_vec[n](caller, km);

	if ((r == -EFAULT || caller->p_vmreq_target != NONE) && vmreq_restart(caller, r))
		return -EDONTREPLY;
	km->m_source = SYSTEM;
	km->m_type = r;
	return r;
}

int
kernel_call(struct proc *caller, uint32_t m_ptr)
{
	message *km = vm_msg_ptr(caller, m_ptr, sizeof(message));	/* one translation */
	message m;
	int n, r;

	/* both checks come before any work, so a call VM must help with can be made again */
	if (km != NULL) {
		n = km->m_type - KERNEL_CALL;
		if ((n == SYS_SAFECOPYFROM || n == SYS_SAFECOPYTO) &&
		    bit_isset(priv(caller)->s_k_call_mask, n))
			return call_in_place(caller, km, n);
		memcpy(&m, km, sizeof(m));
	} else if (vm_copy(caller, m_ptr, NULL, (uint32_t)&m, sizeof(m)) != OK ||
		 vm_check_writable(caller, m_ptr, sizeof(m)) != OK)
		return vmreq_restart(caller, -EFAULT) ? -EDONTREPLY : -EFAULT;
	n = m.m_type - KERNEL_CALL;
	if (n < 0 || n >= NR_SYS_CALLS || call_vec[n] == NULL)
		r = -EBADREQUEST;
	else if (!bit_isset(priv(caller)->s_k_call_mask, n))
		r = -ECALLDENIED;
	else
		r = call_vec[n](caller, &m);
	if (r == -EDONTREPLY ||
	    ((r == -EFAULT || caller->p_vmreq_target != NONE) && vmreq_restart(caller, r)))
		return -EDONTREPLY;	/* (vmreq_restart() has nothing to do for anything else) */
	m.m_source = SYSTEM;
	m.m_type = r;
	if (vm_copy_out(caller, m_ptr, &m, sizeof(m)) != OK)	/* (the call may unmap it) */
		return -EFAULT;
	return r;
}
