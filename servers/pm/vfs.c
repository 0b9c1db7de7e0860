/*
 * vfs.c - PM's side of the PM <-> VFS protocol (minnow/vfs.h;
 * handouts/pm.md, "The PM <-> VFS protocol").
 *
 * VFS keeps its own table of processes (open files, working directory, ids), so it must
 * hear of every process PM creates, changes or ends.  PM tells it with asynsend3(...,
 * AMF_NOREPLY): the kernel delivers the message when VFS next receives, PM never waits,
 * and VFS cannot take the message for the answer of a SENDREC it is making itself.  VFS
 * answers each request with a plain send of VFS_PM_*_REPLY naming the process; PM keeps at
 * most one request per process outstanding (VFS_CALL, mp_vfs_req) and finishes the
 * process's call only when the answer is in:
 *   FORK -> answer parent and child (forkexit.c fork_restart), SRV_FORK -> answer RS
 *   (service.c), EXIT -> free the memory
 *   and the slot (exit_restart), EXEC -> start the new program or answer the error
 *   (exec.c exec_restart), SETUID/SETGID/SETSID -> answer the caller, UNPAUSE -> the
 *   process is in no call of VFS: its signal frames (sigdeliver.c, from check_pending).
 * REBOOT is sent the same way, about no process.
 *
 * Start-up: if the boot image has a VFS (slot VFS_PROC_NR in use at PM's start), PM sends
 * one VFS_PM_INIT per process it knows and one with endpt NONE; until VFS answers that one
 * (vfs_state VFS_STARTING), a call that needs VFS is kept in the caller's mp_deferred and
 * replayed afterwards (run_deferred, table.c).  Without a VFS none of this happens (VFS_ABSENT).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

enum vfs_state vfs_state = VFS_ABSENT;

/* Queue m (type rq) for VFS; OK or a negated error. */
static int
vfs_send(int rq, message *m)
{
	int r;

	m->m_type = rq;
	if ((r = asynsend3(VFS_PROC_NR, m, AMF_NOREPLY)) != OK)
		printf("pm: cannot send request 0x%x to VFS: %d\n", rq, r);
	return r;
}

/*
 * Ask VFS to do request rq (VFS_PM_*) for rmp, whose fields are in *m (endpt is filled
 * here).  rmp is then VFS_CALL until the answer arrives.  OK or a negated error (the
 * request was not sent).
 */
int
tell_vfs(struct mproc *rmp, int rq, message *m)
{
	int r;

	if (rmp->mp_flags & VFS_CALL)
		panic("tell_vfs: %s (%d) already has request 0x%x out", rmp->mp_name,
		      rmp->mp_endpoint, rmp->mp_vfs_req);
	m->m_vfs_pm.endpt = rmp->mp_endpoint;
	if ((r = vfs_send(rq, m)) != OK)
		return r;
	rmp->mp_flags |= VFS_CALL;
	rmp->mp_vfs_req = rq;
	return OK;
}

/* A request about no process, with a system-wide answer (REBOOT). */
int
tell_vfs_noproc(int rq, endpoint_t ep)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_vfs_pm.endpt = ep;
	return vfs_send(rq, &m);
}

/* Start-up: tell VFS about every process in the table, then NONE. */
void
vfs_init_start(void)
{
	struct mproc *rmp;
	message m;

	vfs_state = VFS_STARTING;
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++) {
		if (!(rmp->mp_flags & IN_USE))
			continue;
		memset(&m, 0, sizeof(m));
		m.m_vfs_pm.endpt = rmp->mp_endpoint;
		m.m_vfs_pm.pid = rmp->mp_pid;
		vfs_send(VFS_PM_INIT, &m);
	}
	memset(&m, 0, sizeof(m));
	m.m_vfs_pm.endpt = NONE;
	vfs_send(VFS_PM_INIT, &m);
}

/* The entry waiting for VFS's answer to rq about ep, or NULL. */
static struct mproc *
vfs_waiter(endpoint_t ep, int rq)
{
	struct mproc *rmp;
	int slot = ENDPOINT_SLOT(ep);

	if (slot < 0 || slot >= NR_PROCS)
		return NULL;
	rmp = &mproc[slot];
	if (!(rmp->mp_flags & IN_USE) || !(rmp->mp_flags & VFS_CALL) ||
	    rmp->mp_endpoint != ep || rmp->mp_vfs_req != rq)
		return NULL;
	return rmp;
}

/* VFS answered a SETUID, SETGID or SETSID: the caller gets its result. */
static void
id_restart(struct mproc *rmp)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.pid = rmp->mp_pid;
	reply(rmp, rmp->mp_vfs_result, &m);
}

/* VFS's answer *m (from VFS_PROC_NR, type VFS_PM_*_REPLY). */
void
vfs_reply(message *m)
{
	int rq = m->m_type - 0x80;
	struct mproc *rmp;

	if (m->m_type == VFS_PM_INIT_REPLY) {
		vfs_state = VFS_READY;
		run_deferred();
		return;
	}
	if (m->m_type == VFS_PM_REBOOT_REPLY) {
		reboot_restart();
		return;
	}
	if ((rmp = vfs_waiter(m->m_vfs_pm.endpt, rq)) == NULL) {
		printf("pm: VFS answer 0x%x for %d that nobody waits for\n", m->m_type,
		       m->m_vfs_pm.endpt);
		return;
	}
	rmp->mp_flags &= ~VFS_CALL;
	switch (m->m_type) {
	case VFS_PM_FORK_REPLY:
	case VFS_PM_SRV_FORK_REPLY:
		fork_restart(rmp, m->m_vfs_pm.status);
		break;
	case VFS_PM_EXIT_REPLY:
		exit_restart(rmp);
		return;		/* no signals for the dead */
	case VFS_PM_DUMPCORE_REPLY:
		core_restart(rmp, m->m_vfs_pm.status);
		return;		/* it ends now (core.c) */
	case VFS_PM_EXEC_REPLY:
		exec_restart(rmp, m);
		break;
	case VFS_PM_UNPAUSE_REPLY:
		break;			/* check_pending: the handlers */
	default:
		id_restart(rmp);
		break;
	}
	check_pending(rmp);
}
