/*
 * system.c - the SYSTEM task: kernel-call dispatch, and signals the kernel raises.
 *
 * A kernel call is `int $32` with EAX pointing at a message of type KERNEL_CALL + n
 * (minnow/com.h, layouts in minnow/kcall.h).  kernel_call() copies the message in, rejects
 * an unknown n (EBADREQUEST) or one missing from the caller's kernel-call mask
 * (ECALLDENIED), runs the handler kernel/system/do_<call>.c, and copies the message back with
 * the result in m_type.  A handler returning -EDONTREPLY leaves the caller without an answer
 * (sys_exit: the caller is gone).
 *
 * cause_sig() is where every kernel-raised signal starts (CPU exceptions, sys_kill,
 * sys_exit).  A process's signals go to its signal manager (PM for users, RS for services):
 * the process is held with RTS_SIGNALED | RTS_SIG_PENDING, the signal joins its pending set,
 * and the manager gets a notification from SYSTEM carrying SIGKSIG; it collects the signals
 * with sys_getksig and releases the process with sys_endksig.  A self-managed process (RS,
 * VM) gets SIGKSIGSM and its own signals in the notification (a lethal one is a panic).  A
 * process without a manager is ended by the kernel with a console line saying why, so a
 * faulting test program never takes the system down.
 */
#include <minnow/com.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "system.h"
#include "interrupt.h"

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

int
kernel_call(struct proc *caller, uint32_t m_ptr)
{
	message m;
	int n, r;

	/* both checks come before any work, so a call VM must help with can be made again */
	if (vm_copy(caller, m_ptr, NULL, (uint32_t)&m, sizeof(m)) != OK ||
	    vm_check_writable(caller, m_ptr, sizeof(m)) != OK)
		return vmreq_restart(caller, -EFAULT) ? -EDONTREPLY : -EFAULT;
	n = m.m_type - KERNEL_CALL;
	if (n < 0 || n >= NR_SYS_CALLS || call_vec[n] == NULL)
		r = -EBADREQUEST;
	else if (!bit_isset(priv(caller)->s_k_call_mask, n))
		r = -ECALLDENIED;
	else
		r = call_vec[n](caller, &m);
	if (r == -EDONTREPLY || vmreq_restart(caller, r))
		return -EDONTREPLY;
	m.m_source = SYSTEM;
	m.m_type = r;
	if (vm_copy(NULL, (uint32_t)&m, caller, m_ptr, sizeof(m)) != OK)
		return -EFAULT;
	return r;
}

/* Count the live processes (for poweroff=exit). */
static int
live_processes(void)
{
	struct proc *p;
	int n = 0;

	for (p = proc_addr(0); p < proc_addr(NR_PROCS); p++)
		n += !RTS_ISSET(p, RTS_SLOT_FREE);
	return n;
}

void
proc_exit(struct proc *p)
{
	clear_endpoint(p);
	irq_release(p);
	if (priv(p)->s_flags & SYS_PROC)
		priv_free(priv(p));
	if (p->p_rts_flags == 0)
		dequeue(p);
	p->p_rts_flags = RTS_SLOT_FREE;
	p->p_endpoint = NONE;
	p->p_priv = NULL;
	if (live_processes() == 0 && bootparam_flag("poweroff_on_exit"))
		arch_poweroff();
}

static int
sig_lethal(int sig)
{
	return sig == SIGILL || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGABRT || sig == SIGKILL || sig == SIGTRAP;
}

/* Tell p's manager (or p itself, if self-managed) that p has kernel signals. */
static void
signal_manager(struct proc *p, int sig, endpoint_t mgr_e)
{
	struct proc *mgr;

	if (mgr_e == SELF || mgr_e == p->p_endpoint) {
		if (sig_lethal(sig))
			panic("%s, its own signal manager, got lethal signal %d", p->p_name, sig);
		bit_set(priv(p)->s_sig_pending, sig);
		bit_set(priv(p)->s_sig_pending, SIGKSIGSM);
		mini_notify(proc_addr(SYSTEM), p->p_endpoint);
		return;
	}
	bit_set(p->p_pending_sigs, sig);
	if (RTS_ISSET(p, RTS_SIGNALED))
		return;		/* the manager has been told already */
	RTS_SET(p, RTS_SIGNALED | RTS_SIG_PENDING);
	if ((mgr = endpoint_proc(mgr_e)) == NULL)
		panic("signal manager %d of %s is gone", mgr_e, p->p_name);
	bit_set(priv(mgr)->s_sig_pending, SIGKSIG);
	mini_notify(proc_addr(SYSTEM), mgr_e);
}

void
cause_sig(struct proc *p, int sig, const char *why)
{
	if (priv(p)->s_sig_mgr != NONE) {
		signal_manager(p, sig, priv(p)->s_sig_mgr);
		return;
	}
	kprintf("kernel: %s (endpoint %d) killed by signal %d: %s\n", p->p_name,
		p->p_endpoint, sig, why);
	proc_exit(p);
}
