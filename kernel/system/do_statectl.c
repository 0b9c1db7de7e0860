/*
 * do_statectl.c - SYS_STATECTL: a process changes its own kernel state.
 *
 * Message fields (mess_sys_proc):
 *   request  SYS_STATE_CLEAR_IPC_REFS: cancel every IPC reference to the caller: SENDA
 *            entries queued for it complete with EDEADSRCDST, pending notifications and
 *            asynchronous bits from it vanish, and every process blocked sending to it or
 *            receiving from it wakes up with EDEADSRCDST.  A restarted driver calls this
 *            (driver_announce) so no client keeps waiting on its dead predecessor.
 *            SYS_STATE_CLEAR_REPLIES: only those waiting for an answer from the caller
 *            (blocked receiving from it: their request went to its dead predecessor) wake
 *            up with EDEADSRCDST; requests not yet taken (queued senders, SENDA messages)
 *            stay for the caller.  A restart that keeps its predecessor's state serves
 *            them (sef_restart_keep_requests).
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
	case SYS_STATE_CLEAR_REPLIES:
		clear_ipc_replies(caller);
		return OK;
	default:
		return -EINVAL;
	}
}
