/*
 * forkexit.c - fork, exit and waitpid (handouts/pm.md, "fork" and "exit").
 *
 * fork: within the process limit (nproc_check, rlimit.c: RLIMIT_NPROC and the slots kept
 * for root; EAGAIN), a free slot (above the boot services' fixed ones), VM_FORK (VM copies
 * the address space copy-on-write and has the kernel make the slot with sys_fork), a new
 * pid; the parent's answer is the child's pid, the child's is 0 (it inherited the parent's
 * wait for PM's answer).  A system process's fork(2) is EPERM: RS starts services with
 * PM_SRV_FORK instead (service.c), and gives the child its privileges itself.
 *
 * With a VFS (vfs.c), fork then tells VFS (VFS_PM_FORK: the child inherits open files and
 * the working directory) and parent and child are answered only when VFS has answered
 * (fork_restart); if VFS refuses, the child is torn down and the parent gets the error.
 *
 * exit (PM_EXIT, or a signal's default action, signal.c) has two halves.  exit_proc(): the
 * process is stopped, becomes a ZOMBIE holding the wait status (a waiting parent is
 * answered at once, and gets SIGCHLD), its children are re-parented to init (pid 1; with no
 * init PM adopts them itself and releases each one as soon as it is a zombie), and VFS is
 * told (VFS_PM_EXIT: close the files, cancel a waiting call).  exit_restart(), on VFS's
 * answer (at once without VFS): VM frees the memory (VM_EXIT), the kernel the slot
 * (sys_clear); the entry is released if the parent has collected it meanwhile.
 *
 * A service RS started (SYS_PROCESS, service.c) is forked the same way (fork_child) but its
 * fork is answered to RS only, and its exit leaves no zombie and sends RS no SIGCHLD.
 *
 * waitpid(pid, options): pid > 0 that child, -1 any child, 0 any child in the caller's
 * group, < -1 any child in group -pid.  A matching zombie is collected at once; none that
 * matches at all is ECHILD; WNOHANG answers 0; otherwise the caller stays WAITING and is
 * answered by the exit of a matching child.  With addr (wait4) PM writes the collected
 * child's struct rusage there first (times.c); if it cannot, the answer is EFAULT and the
 * zombie stays.  A stopped or continued child's report writes no rusage.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include <minnow/vm.h>
#include "glo.h"
#include "proto.h"


/* Does the kernel say ep is a system process (owns its own privileges)? */
int
is_system(endpoint_t ep)
{
	struct proc_info pi;

	return sys_getproc(ep, &pi) == OK && (pi.pi_privflags & PI_SYS_PROC);
}

/* Forget an entry, or (still EXITING) leave it to exit_restart. */
static void
release(struct mproc *rmp)
{
	times_reaped(rmp);
	if (rmp->mp_flags & EXITING)
		rmp->mp_flags &= ~ZOMBIE;	/* collected: exit_restart frees it */
	else
		memset(rmp, 0, sizeof(*rmp));
}

/* Free the memory (VM_EXIT) and the kernel slot of the stopped process rmp. */
static void
free_proc(struct mproc *rmp)
{
	endpoint_t ep = rmp->mp_endpoint;
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_EXIT;
	m.m_vm_proc.endpt = ep;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK || (r = m.m_type) != OK)
		printf("pm: VM_EXIT of %s (%d) failed: %d\n", rmp->mp_name, ep, r);
	if ((r = sys_clear(ep)) != OK)
		printf("pm: sys_clear of %s (%d) failed: %d\n", rmp->mp_name, ep, r);
}

/* Would a waitpid(wpid) of parent pp collect child rmp? */
int
wait_matches(const struct mproc *pp, const struct mproc *rmp, int wpid)
{
	if (wpid > 0)
		return rmp->mp_pid == wpid;
	if (wpid == -1)
		return 1;
	if (wpid == 0)
		return rmp->mp_procgrp == pp->mp_procgrp;
	return rmp->mp_procgrp == -wpid;
}

/* Answer parent pp's waitpid with zombie rmp and release it. */
static void
collect(struct mproc *pp, struct mproc *rmp)
{
	message m;

	memset(&m, 0, sizeof(m));
	pp->mp_flags &= ~WAITING;
	if (times_put_rusage(rmp, pp->mp_wrusage) != OK) {
		reply(pp, -EFAULT, &m);		/* wait4's bad rusage: rmp stays a zombie */
		return;
	}
	m.m_pm.pid = rmp->mp_pid;
	m.m_pm.status = rmp->mp_exitstatus;
	reply(pp, rmp->mp_pid, &m);
	release(rmp);
}

/* Zombie rmp: released if PM is its parent, handed to a waiting parent, or left waiting. */
static void
tell_parent(struct mproc *rmp)
{
	struct mproc *pp = &mproc[rmp->mp_parent];

	if ((pp->mp_flags & PM_ITSELF) || (rmp->mp_flags & SYS_PROCESS))
		release(rmp);		/* RS's services leave no zombie (service.c) */
	else if ((pp->mp_flags & WAITING) && wait_matches(pp, rmp, pp->mp_wpid))
		collect(pp, rmp);
}

/* Zombie rmp's parent learns of the death: its wait, and SIGCHLD (after a tracer that is
 * not the parent: trace.c). */
void
zombify(struct mproc *rmp)
{
	struct mproc *pp = &mproc[rmp->mp_parent];
	int service = rmp->mp_flags & SYS_PROCESS;

	if (rmp->mp_tracer != NULL && trace_zombie(rmp))
		return;			/* the tracer's waitpid hands it on */
	tell_parent(rmp);
	if (MP_LIVE(pp) && !(pp->mp_flags & PM_ITSELF) && !service)
		sig_proc(pp, SIGCHLD, 0);
}

/* rmp's children get a new parent: init, or PM (ADOPTED) when no init runs. */
static void
reparent_children(struct mproc *rmp)
{
	struct mproc *cp, *adopter = init_mp != NULL ? init_mp : pm_mp;
	int slot = (int)(rmp - mproc);

	for (cp = mproc; cp < mproc + NR_PROCS; cp++) {
		if (!(cp->mp_flags & IN_USE) || MP_REAPED(cp) || cp == rmp ||
		    cp->mp_parent != slot)
			continue;
		cp->mp_parent = (int)(adopter - mproc);
		if (adopter == pm_mp)
			cp->mp_flags |= ADOPTED;
		if (cp->mp_flags & ZOMBIE)
			tell_parent(cp);
	}
}

void
exit_proc(struct mproc *rmp, int status)
{
	if (rmp->mp_flags & VFS_CALL)
		panic("exit_proc: %s has a VFS call out", rmp->mp_name);
	sys_stop(rmp->mp_endpoint);
	times_exit(rmp);
	rmp->mp_exitstatus = status;
	alarm_clear(rmp);
	rmp->mp_flags = (rmp->mp_flags & ~(WAITING | DEFERRED | SIG_FLAGS)) | ZOMBIE | EXITING;
	procs_in_use--;
	if (rmp == init_mp)
		init_mp = NULL;
	trace_tracer_exit(rmp);		/* its tracees run on untraced */
	reparent_children(rmp);
	if (vfs_state == VFS_STARTING)
		rmp->mp_flags |= DEFERRED;	/* VFS is told once it is ready */
	else
		exit_tell_vfs(rmp);
	zombify(rmp);
}

/* Tell VFS that the dead rmp is gone, or (no VFS, or it cannot be told) finish at once. */
void
exit_tell_vfs(struct mproc *rmp)
{
	message m;

	memset(&m, 0, sizeof(m));
	if (vfs_state == VFS_ABSENT || tell_vfs(rmp, VFS_PM_EXIT, &m) != OK)
		exit_restart(rmp);
}

/* The second half of an exit, once VFS is done with rmp: memory and slot go. */
void
exit_restart(struct mproc *rmp)
{
	free_proc(rmp);
	rmp->mp_flags &= ~EXITING;
	if (rmp->mp_flags & SRV_KILLED)
		srv_kill_answer(rmp);	/* RS waits for the end of its service (service.c) */
	if (rmp->mp_flags & TRACE_EXIT)
		trace_exit_answer(rmp);	/* its tracer's T_EXIT (trace.c) */
	if (!(rmp->mp_flags & ZOMBIE))
		memset(rmp, 0, sizeof(*rmp));	/* the parent collected it already */
}

int
do_exit(message *m)
{
	if (is_system(m->m_source))
		return -EPERM;	/* a service ends through RS (libc then uses sys_exit) */
	exit_proc(mp, (m->m_pm.status & 0xFF) << 8);
	return SUSPEND;
}

/* A free slot for a child, or -1. */
static int
free_slot(int after)
{
	int slot;

	for (slot = after + 1; slot < NR_PROCS; slot++)
		if (!(mproc[slot].mp_flags & IN_USE) && slot > INIT_PROC_NR)
			return slot;
	return -1;
}

/* A new entry in slot for mp's child, endpoint ep. */
static struct mproc *
new_child(int slot, endpoint_t ep)
{
	struct mproc *cp = &mproc[slot];

	*cp = *mp;
	/* SYS_PROCESS is not inherited: do_srv_fork sets it on RS's own children (a recovery
	 * script RS runs forks ordinary children, which its shell waits for) */
	cp->mp_flags = mp->mp_flags & ~(WAITING | ADOPTED | VFS_CALL | DEFERRED | SYS_PROCESS |
					 SIG_FLAGS);
	cp->mp_pid = get_free_pid();
	cp->mp_parent = (int)(mp - mproc);
	cp->mp_endpoint = ep;
	cp->mp_fork_parent = mp->mp_endpoint;
	sigemptyset(&cp->mp_sigpending);
	alarm_clear(cp);		/* a child starts without a timer */
	cp->mp_utime = cp->mp_stime = 0;	/* nor times of its own or its children's */
	cp->mp_child_utime = cp->mp_child_stime = 0;	/* (times.c) */
	trace_fork(cp, 0);		/* traced too with TO_TRACEFORK */
	procs_in_use++;
	return cp;
}

/* Answer the child (0) and, if it still lives, the parent (the child's pid). */
static void
answer_fork(struct mproc *cp)
{
	struct mproc *pp = mproc_live(cp->mp_fork_parent);
	message m;

	trace_fork(cp, 1);		/* a traced child stops before it runs */
	memset(&m, 0, sizeof(m));
	reply(cp, OK, &m);		/* the child: fork() returns 0 */
	if (pp != NULL) {
		m.m_pm.pid = cp->mp_pid;
		reply(pp, cp->mp_pid, &m);
	}
}

/* VFS answered VFS_PM_FORK for child cp with status. */
void
fork_restart(struct mproc *cp, int status)
{
	struct mproc *pp;
	message m;

	if (status == OK && (cp->mp_flags & SYS_PROCESS)) {
		srv_fork_answer(cp);	/* RS's child waits for its program (service.c) */
		return;
	}
	if (status == OK) {
		answer_fork(cp);
		return;
	}
	pp = mproc_live(cp->mp_fork_parent);
	sys_stop(cp->mp_endpoint);
	free_proc(cp);
	memset(cp, 0, sizeof(*cp));
	procs_in_use--;
	if (pp != NULL) {
		memset(&m, 0, sizeof(m));
		reply(pp, status < 0 ? status : -EAGAIN, &m);
	}
}

/* A slot and a VM copy of parent's address space in it (VM_FORK): the child's entry,
 * made from the caller's (mp), or NULL with *r the error. */
struct mproc *
fork_child(int *r)
{
	message vm;
	int slot = INIT_PROC_NR;

	do {		/* a slot PM thinks free may still be in the kernel's use */
		if ((slot = free_slot(slot)) < 0) {
			*r = -EAGAIN;
			return NULL;
		}
		memset(&vm, 0, sizeof(vm));
		vm.m_type = VM_FORK;
		vm.m_vm_fork.parent = mp->mp_endpoint;
		vm.m_vm_fork.slot = slot;
		if ((*r = ipc_sendrec(VM_PROC_NR, &vm)) == OK)
			*r = vm.m_type;
	} while (*r == -EINVAL);
	return *r == OK ? new_child(slot, vm.m_vm_fork.child) : NULL;
}

int
do_fork(message *m)
{
	struct mproc *cp;
	message vm;
	int r;

	if (is_system(m->m_source))
		return -EPERM;
	if ((r = nproc_check(mp)) != OK)
		return r;	/* RLIMIT_NPROC, or the slots kept for root (rlimit.c) */
	if ((cp = fork_child(&r)) == NULL)
		return r;
	if (vfs_state == VFS_ABSENT) {
		answer_fork(cp);
		return SUSPEND;		/* answered */
	}
	memset(&vm, 0, sizeof(vm));
	vm.m_vfs_pm.parent = mp->mp_endpoint;
	vm.m_vfs_pm.pid = cp->mp_pid;
	if (tell_vfs(cp, VFS_PM_FORK, &vm) != OK)
		fork_restart(cp, -EAGAIN);	/* tears the child down, answers the parent */
	return SUSPEND;			/* both answered by fork_restart */
}

int
do_waitpid(message *m)
{
	struct mproc *cp;
	int wpid = m->m_pm.pid, slot = (int)(mp - mproc), children = 0;

	for (cp = mproc; cp < mproc + NR_PROCS; cp++) {
		if (!(cp->mp_flags & IN_USE) || MP_REAPED(cp) || cp == mp ||
		    (cp->mp_parent != slot && cp->mp_tracer != mp) || !wait_matches(mp, cp, wpid))
			continue;
		children++;
		if (cp->mp_tracer == mp && trace_waitpid(cp, m))
			return (int)m->m_pm.pid;	/* a tracee's stop or death (trace.c) */
		if (cp->mp_parent != slot || cp->mp_tracer != NULL)
			continue;		/* a tracee of another, or only stopped */
		if (cp->mp_flags & ZOMBIE) {
			int pid = cp->mp_pid;

			if (times_put_rusage(cp, m->m_pm.addr) != OK)
				return -EFAULT;	/* not reaped */
			m->m_pm.pid = pid;
			m->m_pm.status = cp->mp_exitstatus;
			release(cp);
			return pid;
		}
		if (stopped_child(cp, m, m->m_pm.options))
			return cp->mp_pid;
	}
	if (children == 0)
		return -ECHILD;
	if (m->m_pm.options & PM_WNOHANG) {
		m->m_pm.pid = 0;
		return 0;
	}
	mp->mp_flags |= WAITING;
	mp->mp_wpid = wpid;
	mp->mp_wopts = m->m_pm.options;
	mp->mp_wrusage = m->m_pm.addr;
	return SUSPEND;
}
