/*
 * do_statectl.c - SYS_STATECTL: a process changes its own kernel state.
 *
 * Message fields (mess_sys_proc):
 *   request  SYS_STATE_CLEAR_IPC_REFS: cancel every IPC reference to the caller: SENDA
 *            entries queued for it complete with EDEADSRCDST, pending notifications and
 *            asynchronous bits from it vanish, and every process blocked sending to it or
 *            receiving from it wakes up with EDEADSRCDST.  A restarted driver calls this
 *            (driver_announce) so no client keeps waiting on its dead predecessor.
 *            Anything else: EINVAL.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../ipc.h"

int
do_statectl(struct proc *caller, message *m)
{
	switch (m->m_sys_proc.request) {
	case SYS_STATE_CLEAR_IPC_REFS:
		clear_ipc_refs(caller);
		return OK;
	default:
		return -EINVAL;
	}
}
