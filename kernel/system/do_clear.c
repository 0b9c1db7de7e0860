/*
 * do_clear.c - SYS_CLEAR: clean up the slot of a process that has exited (PM's call).
 *
 * Message fields (mess_sys_proc):
 *   endpt  the process (EINVAL if not live or a kernel task; EPERM for the caller itself)
 * Its IPC references are cleared (partners wake with EDEADSRCDST), its interrupt hooks and
 * alarm are dropped, its system privilege structure is freed and the slot becomes free; the
 * next process in the slot gets a new generation, so the old endpoint stays dead.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../signal.h"

int
do_clear(struct proc *caller, message *m)
{
	struct proc *p = endpoint_proc(m->m_sys_proc.endpt);

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	if (p == caller)
		return -EPERM;
	proc_exit(p);
	return OK;
}
