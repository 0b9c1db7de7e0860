/*
 * main.c - PM, the process manager: start-up and the request loop (handouts/pm.md).
 *
 * PM keeps the POSIX view of processes (mproc[], glo.h): pids, the parent/child tree, exit
 * statuses and zombies, user and group ids, process groups and sessions.  It is the signal
 * manager of every user process (the kernel's shared user privilege names PM_PROC_NR when a
 * pm module boots): kernel signals of user processes (a fault, sys_kill) arrive as SIGKSIG
 * and SEF hands them to pm_signal_manager (signal.c).  Requests (minnow/pm.h) are served by
 * the shared loop (srv_loop, minnow/srv.h) and dispatched through PM's call table (table.c);
 * each answer is a non-blocking send (answer(), srv_reply; VM's alone blocks), so a user
 * process can never stall PM.  Files: table.c (message type -> handler), utility.c (boot table, lookups),
 * forkexit.c (fork, exit, waitpid), exec.c (exec), service.c (RS's srv_fork, srv_exec,
 * srv_kill; getepinfo), getset.c (ids, groups, sessions), signal.c (kill, sigaction,
 * sigprocmask, actions), sigdeliver.c (handlers: getting a process out of every call, its
 * frames, sigreturn, sigsuspend), stop.c (stop, continue), alarm.c (setitimer, SIGALRM),
 * vfs.c (the PM <-> VFS protocol), misc.c (reboot, getsysinfo), time.c (the RTC,
 * gettimeofday).
 *
 * VFS's answers (VFS_PM_*_REPLY, only from VFS_PROC_NR) go to vfs_reply().  While VFS has
 * not yet answered VFS_PM_INIT, a call that needs it (fork, exit, exec, setuid, setgid,
 * setsid, reboot: a column of the table) is kept in the caller's entry (DEFERRED) and
 * handled once VFS is ready (run_deferred, table.c); so is the VFS_PM_EXIT of a process
 * killed meanwhile (forkexit.c).
 *
 * Not implemented, precisely:
 *  - ptrace, getrusage/times, setpriority.
 *  - fork of a system process by fork(2): EPERM (RS starts services with PM_SRV_FORK and
 *    PM_SRV_EXEC instead, service.c).
 */
#include <stdio.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/*
 * Answer `to` with result in m_type (the loop's reply hook).  Non-blocking: the caller
 * waits in SENDREC; a process that is not waiting loses the answer, never PM.  VM is the
 * exception: it asks PM_GETEPINFO without blocking (it must never wait on a busy PM, which
 * waits on VM; servers/vm/sanity.c) and receives the answer right after, so PM sends it
 * blocking, which cannot wait long.
 */
static void
answer(endpoint_t to, message *m, int result)
{
	int r;

	m->m_type = result;
	if (to != VM_PROC_NR) {		/* srv_reply(), without the call */
		if ((r = ipc_sendnb(to, m)) != OK)
			printf("pm: %d is not waiting for its answer (%d); dropped\n", to, r);
		return;
	}
	if ((r = ipc_send(VM_PROC_NR, m)) != OK)
		printf("pm: answer to vm failed: %d\n", r);
}

/* Answer rmp (or, with rmp NULL, m's sender) with result in m_type (answer()). */
void
reply(struct mproc *rmp, int result, message *m)
{
	answer(rmp != NULL ? rmp->mp_endpoint : m->m_source, m, result);
}

static const struct srv_ops pm_ops = {
	.name = "pm",
	.dispatch = pm_dispatch,
	.reply = answer,
	.after = pm_after,
	.notify = pm_notify,
};

int
main(void)
{
	sef_setcb_init_fresh(pm_init);
	sef_setcb_signal_manager(pm_signal_manager);
	sef_startup();
	panic("main: receive failed: %d", srv_loop(&pm_ops));
}
