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
 * exit, waitpid), getset.c (ids, groups, sessions), signal.c (kill, default actions),
 * misc.c (reboot).
 *
 * Not here yet, precisely:
 *  - exec (PM_EXEC) and the PM->VFS protocol (fork, exit, setuid, setsid reported to VFS and
 *    VFS's answers before PM answers the process): come with VFS.
 *  - caught signals: sigaction, sigprocmask, sigsuspend, sigreturn, and the delivery of a
 *    handler frame through sys_sigsend/sys_sigreturn: later.  Today every signal takes its
 *    default action: SIGCHLD (and signal 0) is ignored, every other one ends the process
 *    with a "killed by signal N" status; stop/continue signals are not implemented.
 *  - SIGCHLD to the parent on a child's exit (ignored by default, so nothing visible is
 *    missing until handlers exist): later.
 *  - alarm, the delay calls (sys_runctl RC_DELAY around a signalled process that is in a
 *    call to a server), ptrace, getrusage/times, setpriority: later.
 *  - fork of a system process (its child waits for privileges from RS): comes with RS's
 *    fork support; PM answers it EPERM today.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
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

/* One request: the handler's answer, or SUSPEND. */
static int
handle(message *m)
{
	int call = m->m_type - PM_BASE;

	if ((mp = mproc_of(m->m_source)) == NULL)
		return -ESRCH;
	if (call < 0 || call >= PM_NR_CALLS || pm_call_vec[call] == NULL)
		return -ENOSYS;
	return pm_call_vec[call](m);
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
		if ((r = handle(&m)) != SUSPEND)
			reply(NULL, r, &m);
	}
}
