/*
 * do_endksig.c - SYS_ENDKSIG: a signal manager is done with a process's signals.
 *
 * Message fields (mess_sys_ksig):
 *   endpt  the process (EINVAL if not live or if no signals were pending for it)
 * Only its signal manager may call this (EPERM).  The process may run again (RTS_SIG_PENDING
 * cleared) unless a new signal arrived meanwhile, in which case the manager was notified
 * again and the process stays stopped.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"
#include "../ipc.h"

int
do_endksig(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_ksig.endpt);

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	if (priv(p)->s_sig_mgr != caller->p_endpoint)
		return -EPERM;
	if (!RTS_ISSET(p, RTS_SIG_PENDING))
		return -EINVAL;
	if (!RTS_ISSET(p, RTS_SIGNALED)) {
		RTS_UNSET(p, RTS_SIG_PENDING);
		async_retry(p);		/* a SENDA message held back meanwhile (asyn.c) */
	}
	return OK;
}
