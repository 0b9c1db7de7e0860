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
 * sys_exit).  A process's signals go to its signal manager (PM for users, RS for services:
 * later issues); a process without one is ended by the kernel with a console line saying why,
 * so a faulting test program never takes the system down.
 */
#include <minnow/com.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "system.h"

static kcall_handler_t call_vec[NR_SYS_CALLS] = {
	[SYS_GETINFO] = do_getinfo,
	[SYS_ABORT] = do_abort,
	[SYS_DIAGCTL] = do_diagctl,
	[SYS_EXIT] = do_exit,
};

int
kernel_call(struct proc *caller, uint32_t m_ptr)
{
	message m;
	int n, r;

	if (vm_copy(caller, m_ptr, NULL, (uint32_t)&m, sizeof(m)) != OK)
		return -EFAULT;
	n = m.m_type - KERNEL_CALL;
	if (n < 0 || n >= NR_SYS_CALLS || call_vec[n] == NULL)
		r = -EBADREQUEST;
	else if (!bit_isset(priv(caller)->s_k_call_mask, n))
		r = -ECALLDENIED;
	else
		r = call_vec[n](caller, &m);
	if (r == -EDONTREPLY)
		return r;
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

void
cause_sig(struct proc *p, int sig, const char *why)
{
	if (priv(p)->s_sig_mgr != NONE) {
		/* Signal managers (PM, RS) arrive in later issues. */
		panic("signal %d for %s: signal managers are not implemented", sig, p->p_name);
	}
	kprintf("kernel: %s (endpoint %d) killed by signal %d: %s\n", p->p_name,
		p->p_endpoint, sig, why);
	proc_exit(p);
}
