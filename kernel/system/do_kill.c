/*
 * do_kill.c - SYS_KILL: raise a signal for a process.
 *
 * Message fields (mess_sys_kill):
 *   endpt  the process (EINVAL if not a live process; EPERM for a kernel task)
 *   sig    the signal, 1 .. NSIG-1 (else EINVAL)
 * The signal goes to the process's signal manager exactly as a CPU exception's would
 * (cause_sig): PM for user processes, RS for services, the kernel's default when none.
 */
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../signal.h"

int
do_kill(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_kill.endpt);
	int sig = m->m_sys_kill.sig;

	(void)caller;
	if (p == NULL || sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (iskernelp(p))
		return -EPERM;
	cause_sig(p, sig, "sys_kill");
	return OK;
}
