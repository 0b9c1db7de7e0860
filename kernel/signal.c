/*
 * signal.c - signals the kernel raises, and the end of a process.
 *
 * cause_sig() is where every kernel-raised signal starts (CPU exceptions, sys_kill,
 * sys_exit, a delayed stop that became possible).  A process's signals go to its signal
 * manager (PM for users, RS for services): the process is held with RTS_SIGNALED |
 * RTS_SIG_PENDING, the signal joins its pending set, and the manager gets a notification
 * from SYSTEM carrying SIGKSIG; it collects the signals with sys_getksig and releases the
 * process with sys_endksig.  A self-managed process (RS, VM) gets SIGKSIGSM and its own
 * signals in the notification (a lethal one is a panic).  A process without a manager is
 * ended by the kernel (proc_exit) with a console line saying why, so a faulting test program
 * never takes the system down.
 *
 * proc_exit() ends a process for good (sys_clear, sys_exit, or here): its IPC partners wake
 * with EDEADSRCDST, its interrupt hooks and privileges go, its slot becomes free.  With the
 * boot parameter poweroff_on_exit, the last process to go powers the machine off.
 *
 * Calls out: ipc.c (mini_notify, clear_endpoint), proc.c (endpoint_proc, dequeue), priv.c
 * (priv_free), interrupt.c (irq_release).  Callers: system/do_kill.c, do_exit.c, do_clear.c,
 * arch/i386/exception.c, and ipc.c for a delayed stop (SIGSNDELAY).
 */
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "ipc.h"
#include "interrupt.h"
#include "signal.h"
#include "arch/i386/fpu.h"

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
	fpu_proc_reset(p);
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
