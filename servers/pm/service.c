/*
 * service.c - the processes RS starts from files (handouts/pm.md, "Services RS starts";
 * minnow/pm.h PM_SRV_*), and PM_GETEPINFO.
 *
 * RS starts a service in two steps, each a SENDREC to PM (PM never blocks on RS: it answers
 * with a non-blocking send, late if VFS must work first):
 *   PM_SRV_FORK   a child of RS made like a fork (fork_child: VM_FORK, the kernel holds
 *                 the child of a system process with RTS_NO_PRIV), marked SYS_PROCESS; VFS
 *                 is told with VFS_PM_SRV_FORK and, when it has answered, RS gets the
 *                 child's pid and endpoint.  The child itself is never answered: it
 *                 inherited RS's wait for PM, which the exec ends;
 *   PM_SRV_EXEC   the program at a path is loaded into that child, by the path of every
 *                 exec (exec_start: VFS_PM_EXEC, VFS reads the path and the argument frame
 *                 from the child, a copy of RS's memory at the fork, where RS put them
 *                 beforehand).  RS gets OK once sys_exec has set the child's registers, or
 *                 the exec's error (ENOENT, EACCES, ENOEXEC, ...).
 * Only RS may send PM_SRV_* (its rows in table.c: srv_rs_only; EPERM for anyone else).
 * PM_SRV_KILL ends one of those children (RS stops a service, or cleans up one that failed):
 * exit_proc as for any death, except that a SYS_PROCESS leaves no zombie and RS gets no
 * SIGCHLD (forkexit.c); RS is answered only when VFS has closed its files and VM has freed
 * its memory (exit_restart -> srv_kill_answer), so what RS reports as gone is gone.
 * Only RS may send the three (EPERM); a process that is not RS's SYS_PROCESS child is
 * EINVAL, one with a VFS request out EBUSY.
 *
 * PM_GETEPINFO (anyone): endpoint -> pid and effective uid; RS asks it to learn whether the
 * `service` command runs as root.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "glo.h"
#include "proto.h"

/* The live SYS_PROCESS child of RS that m names, or NULL. */
static struct mproc *
rs_child(const message *m)
{
	struct mproc *cp = mproc_live(m->m_pm.endpt);

	if (cp == NULL || !(cp->mp_flags & SYS_PROCESS) || cp->mp_parent != (int)(mp - mproc))
		return NULL;
	return cp;
}

int
do_srv_fork(message *m)
{
	struct mproc *cp;
	message vm;
	int r;

	(void)m;	/* RS's request carries nothing: the child is a copy of RS */
	if ((cp = fork_child(&r)) == NULL)
		return r;
	cp->mp_flags |= SYS_PROCESS;
	if (vfs_state == VFS_ABSENT) {
		srv_fork_answer(cp);
		return SUSPEND;
	}
	memset(&vm, 0, sizeof(vm));
	vm.m_vfs_pm.parent = mp->mp_endpoint;
	vm.m_vfs_pm.pid = cp->mp_pid;
	if (tell_vfs(cp, VFS_PM_SRV_FORK, &vm) != OK)
		fork_restart(cp, -EAGAIN);	/* tears the child down, answers RS */
	return SUSPEND;
}

/* VFS knows RS's new child cp: RS gets its pid and endpoint (the child nothing). */
void
srv_fork_answer(struct mproc *cp)
{
	struct mproc *pp = mproc_live(cp->mp_fork_parent);
	message m;

	if (pp == NULL)
		return;
	memset(&m, 0, sizeof(m));
	m.m_pm.pid = cp->mp_pid;
	m.m_pm.endpt = cp->mp_endpoint;
	reply(pp, cp->mp_pid, &m);
}

int
do_srv_exec(message *m)
{
	struct mproc *cp;

	if ((cp = rs_child(m)) == NULL)
		return -EINVAL;
	if (cp->mp_flags & VFS_CALL)
		return -EBUSY;
	cp->mp_fork_parent = mp->mp_endpoint;	/* who gets the answer */
	return exec_start(cp, &m->m_pm);
}

/* VFS answered the exec of RS's child rmp: start the program, and tell RS. */
void
srv_exec_answer(struct mproc *rmp, const message *m)
{
	const mess_vfs_pm *x = &m->m_vfs_pm;
	struct mproc *pp = mproc_live(rmp->mp_fork_parent);
	message rm;
	int r = x->status;

	if (r == OK)
		r = exec_finish(rmp, x);	/* ends rmp itself if sys_exec fails */
	else if (x->flags & VFS_PM_EXF_GONE)
		exit_proc(rmp, SIGKILL);	/* nothing left to run */
	if (pp == NULL)
		return;
	memset(&rm, 0, sizeof(rm));
	reply(pp, r, &rm);
}

int
do_srv_kill(message *m)
{
	struct mproc *cp;

	if ((cp = rs_child(m)) == NULL)
		return -EINVAL;
	if (cp->mp_flags & VFS_CALL)
		return -EBUSY;
	cp->mp_fork_parent = mp->mp_endpoint;	/* answered once it is all gone */
	cp->mp_flags |= SRV_KILLED;
	exit_proc(cp, SIGKILL);
	return SUSPEND;
}

/* RS's service rmp is gone, memory and slot: RS's PM_SRV_KILL gets its answer. */
void
srv_kill_answer(struct mproc *rmp)
{
	struct mproc *pp = mproc_live(rmp->mp_fork_parent);
	message m;

	rmp->mp_flags &= ~SRV_KILLED;
	if (pp == NULL)
		return;
	memset(&m, 0, sizeof(m));
	reply(pp, OK, &m);
}

int
do_getepinfo(message *m)
{
	struct mproc *rmp = mproc_live(m->m_pm.endpt);

	if (rmp == NULL)
		return -ESRCH;
	m->m_pm.eid = rmp->mp_effuid;
	m->m_pm.pgid = rmp->mp_procgrp;
	m->m_pm.options = (sig_is_off(rmp, SIGTTIN) ? PM_EP_TTIN_OFF : 0) |
			  (sig_is_off(rmp, SIGTTOU) ? PM_EP_TTOU_OFF : 0);
	return rmp->mp_pid;
}
