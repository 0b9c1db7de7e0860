/*
 * do_getksig.c - SYS_GETKSIG: a signal manager collects kernel signals.
 *
 * Message fields (mess_sys_ksig), all out:
 *   endpt   a process whose signal manager is the caller and that has signals the
 *           manager has not collected yet, or NONE when there are none left
 *   sigmap  that process's pending signals (bit n = signal n); they are cleared, and so is
 *           RTS_SIGNALED.  The process stays stopped (RTS_SIG_PENDING) until sys_endksig.
 * A manager calls this in a loop after a SYSTEM notification carrying SIGKSIG.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

int
do_getksig(struct proc *caller, message *m)
{
	struct proc *p;

	for (p = proc_addr(0); p < proc_addr(NR_PROCS); p++) {
		if (!RTS_ISSET(p, RTS_SIGNALED) || RTS_ISSET(p, RTS_SLOT_FREE) ||
		    priv(p)->s_sig_mgr != caller->p_endpoint)
			continue;
		m->m_sys_ksig.endpt = p->p_endpoint;
		m->m_sys_ksig.sigmap[0] = p->p_pending_sigs[0];
		m->m_sys_ksig.sigmap[1] = p->p_pending_sigs[1];
		p->p_pending_sigs[0] = p->p_pending_sigs[1] = 0;
		RTS_UNSET(p, RTS_SIGNALED);
		return OK;
	}
	m->m_sys_ksig.endpt = NONE;
	return OK;
}
