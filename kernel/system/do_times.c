/*
 * do_times.c - SYS_TIMES: process and system times, in clock ticks.
 *
 * Message fields (mess_sys_times):
 *   endpt        the process (SELF for the caller; NONE for only the system times;
 *                EINVAL if not live)
 *   user_time    out: ticks it ran
 *   system_time  out: ticks system processes ran working for it (proc_tick, ipc_bill;
 *                handouts/pm.md, "Process times")
 *   real_ticks   out: ticks since boot
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

int
do_times(struct proc *caller, message *m)
{
	mess_sys_times *t = &m->m_sys_times;
	endpoint_t e = t->endpt == SELF ? caller->p_endpoint : t->endpt;
	struct proc *p;

	t->user_time = t->system_time = 0;
	if (e != NONE) {
		if ((p = endpoint_proc(e)) == NULL)
			return -EINVAL;
		t->user_time = p->p_user_ticks;
		t->system_time = p->p_sys_ticks;
	}
	t->real_ticks = clock_ticks;
	return OK;
}
