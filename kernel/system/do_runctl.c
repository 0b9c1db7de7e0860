/*
 * do_runctl.c - SYS_RUNCTL: stop and resume processes.
 *
 * Message fields (mess_sys_runctl):
 *   endpt   the process (EINVAL if not live; EPERM for a kernel task)
 *   action  RC_STOP: hold it with RTS_PROC_STOP;  RC_RESUME: release it;  else EINVAL
 *   flags   RC_DELAY (with RC_STOP): if the process is blocked sending a message, do not stop
 *           it in the middle of that: mark it MF_SIG_DELAY and return EBUSY.  When its send
 *           completes (or fails), the kernel raises SIGSNDELAY for its signal manager, which
 *           then stops it for good.  PM uses this to deliver signals without breaking a
 *           process's conversation with a server.  A system call whose entry a tracer saw
 *           (MF_SC_ENTERED, sctrace.c) counts as a send: it runs before the stop.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

int
do_runctl(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_runctl.endpt);

	(void)caller;
	if (p == NULL)
		return -EINVAL;
	if (iskernelp(p))
		return -EPERM;
	switch (m->m_sys_runctl.action) {
	case RC_STOP:
		if ((m->m_sys_runctl.flags & RC_DELAY) && (p->p_misc_flags & MF_SC_ENTERED)) {
			p->p_misc_flags |= MF_SIG_DELAY;	/* the call a tracer saw enter */
			return -EBUSY;				/* runs first (sctrace.c) */
		}
		/* LAB(runctl) BEGIN: stop p, or with RC_DELAY while it sends: mark it, EBUSY */
		if ((m->m_sys_runctl.flags & RC_DELAY) && RTS_ISSET(p, RTS_SENDING)) {
			p->p_misc_flags |= MF_SIG_DELAY;
			return -EBUSY;
		}
		RTS_SET(p, RTS_PROC_STOP);
		return OK;
		/* LAB(runctl) STUB */
		//~ panic("LAB(runctl): do_runctl() does not stop processes (RC_STOP)");
		/* LAB(runctl) END */
	case RC_RESUME:
		p->p_misc_flags &= ~MF_SIG_DELAY;
		RTS_UNSET(p, RTS_PROC_STOP);
		return OK;
	default:
		return -EINVAL;
	}
}
