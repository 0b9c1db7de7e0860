/*
 * main.c - PM, the process manager: start-up and the request loop (minix-design.md
 * section 12).
 *
 * PM keeps the POSIX view of processes (mproc[], glo.h): pids, the parent/child tree, exit
 * statuses and zombies, user and group ids, process groups and sessions.  It is the signal
 * manager of every user process (the kernel's shared user privilege names PM_PROC_NR when a
 * pm module boots): kernel signals of user processes (a fault, sys_kill) arrive as SIGKSIG
 * and SEF hands them to pm_signal_manager (signal.c).  Requests (minnow/pm.h) are dispatched
 * through pm_call_vec (table.c); each answer is a non-blocking send (reply()), so a user
 * process can never stall PM.  Files: utility.c (boot table, lookups), forkexit.c (fork,
 * exit, waitpid), exec.c (exec), getset.c (ids, groups, sessions), signal.c (kill,
 * sigaction, sigprocmask, actions), vfs.c (the PM <-> VFS protocol), misc.c (reboot,
 * getsysinfo), time.c (the RTC, gettimeofday).
 *
 * VFS's answers (VFS_PM_*_REPLY, only from VFS_PROC_NR) go to vfs_reply().  While VFS has
 * not yet answered VFS_PM_INIT, a call that needs it (fork, exit, exec, setuid, setgid,
 * setsid, reboot) is kept in the caller's entry (DEFERRED) and handled once VFS is ready;
 * so is the VFS_PM_EXIT of a process killed meanwhile (forkexit.c).
 *
 * Not here yet, precisely:
 *  - signal handlers: sigaction with a handler address is ENOSYS; delivery (sys_sigsend,
 *    sigreturn, sigsuspend, stopping a process inside a call with sys_runctl RC_DELAY, and
 *    VFS_PM_UNPAUSE for one waiting in VFS) is a later issue.  Stop/continue signals too.
 *  - alarm, ptrace, getrusage/times, setpriority: later.
 *  - fork of a system process (srv_fork for RS, VFS_PM_SRV_FORK): PM answers it EPERM.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

/*
 * Answer rmp (or, with rmp NULL, m's sender) with result in m_type.  Non-blocking: the
 * caller waits in SENDREC; a process that is not waiting loses the answer, never PM.
 */
void
reply(struct mproc *rmp, int result, message *m)
{
	endpoint_t ep = rmp != NULL ? rmp->mp_endpoint : m->m_source;
	int r;

	m->m_type = result;
	if ((r = ipc_sendnb(ep, m)) != OK)
		printf("pm: cannot answer %d: %d\n", ep, r);
}

/* Does call type need VFS (so that it must wait for VFS's start-up)? */
static int
needs_vfs(int type)
{
	return type == PM_FORK || type == PM_EXIT || type == PM_EXEC || type == PM_SETUID ||
	       type == PM_SETGID || type == PM_SETSID || type == PM_REBOOT;
}

/* Request *m of mp: the handler's answer, or SUSPEND. */
static int
call_handler(message *m)
{
	int call = m->m_type - PM_BASE;

	if (call < 0 || call >= PM_NR_CALLS || pm_call_vec[call] == NULL)
		return -ENOSYS;
	if (vfs_state == VFS_STARTING && needs_vfs(m->m_type)) {
		mp->mp_deferred = *m;
		mp->mp_flags |= DEFERRED;
		return SUSPEND;
	}
	return pm_call_vec[call](m);
}

/* One request: the handler's answer, or SUSPEND. */
static int
handle(message *m)
{
	if ((mp = mproc_of(m->m_source)) == NULL)
		return -ESRCH;
	if (mp->mp_flags & (VFS_CALL | DEFERRED))
		return -EBUSY;	/* cannot happen: its previous call is not answered yet */
	return call_handler(m);
}

/* VFS is ready: the calls kept for it now run (in slot order). */
void
run_deferred(void)
{
	struct mproc *rmp;
	message m;
	int r;

	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++) {
		if (!(rmp->mp_flags & IN_USE) || !(rmp->mp_flags & DEFERRED))
			continue;
		rmp->mp_flags &= ~DEFERRED;
		if (rmp->mp_flags & EXITING) {
			exit_tell_vfs(rmp);	/* died while VFS was starting */
			continue;
		}
		m = rmp->mp_deferred;
		mp = rmp;
		if ((r = call_handler(&m)) != SUSPEND)
			reply(rmp, r, &m);
	}
}

int
main(void)
{
	message m;
	int r, status;

	sef_setcb_init_fresh(pm_init);
	sef_setcb_signal_manager(pm_signal_manager);
	sef_startup();
	for (;;) {
		if ((r = sef_receive_status(ANY, &m, &status)) != OK)
			panic("receive failed: %d", r);
		if (m.m_type == NOTIFY_MESSAGE || (status & IPC_FLG_MSG_FROM_KERNEL))
			continue;
		if (m.m_source == VFS_PROC_NR && IS_VFS_PM_REPLY(m.m_type)) {
			vfs_reply(&m);
			continue;
		}
		if ((r = handle(&m)) != SUSPEND)
			reply(NULL, r, &m);
	}
}
