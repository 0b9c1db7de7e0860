/*
 * table.c - PM's call table: message type (minnow/pm.h) -> handler, who may send it, and
 * whether it needs VFS; and PM's dispatch hook for the shared loop (minnow/srv.h).
 *
 * Every call may come from any process (the handlers check what a caller may do: root for
 * setuid, a parent for waitpid, ...) but PM_SRV_*, from RS only (srv_rs_only, else EPERM);
 * the caller must be in PM's table (else ESRCH) and have no call of its own still
 * unanswered (EBUSY: cannot happen, a caller waits in SENDREC).  A type without a row is
 * answered ENOSYS.  A call that needs VFS (fork, exit, exec, setuid, setgid, setsid,
 * reboot) made while VFS has not yet answered VFS_PM_INIT is kept in the
 * caller's entry (DEFERRED) and run by run_deferred() once VFS is ready.  VFS's answers to
 * PM's requests (VFS_PM_*_REPLY, from VFS only) go to vfs_reply() (vfs.c).
 *
 * Entry points: pm_dispatch(), the dispatch hook of the loop (main.c); run_deferred()
 * (vfs.c, when VFS answers VFS_PM_INIT).
 */
#include <minnow/pm.h>
#include <minnow/vfs.h>
#include "proto.h"

#define CALL_BY(type, handler, vfs, who) [(type) - PM_BASE] = { #type, (who), (handler), (vfs) }
#define CALL(type, handler, vfs) CALL_BY(type, handler, vfs, srv_anyone)
#define NEEDS_VFS 1

static const struct pm_call pm_calls[] = {
	CALL(PM_EXIT,         do_exit,        NEEDS_VFS), /* _exit(2) */
	CALL(PM_FORK,         do_fork,        NEEDS_VFS), /* fork(2) */
	CALL(PM_WAITPID,      do_waitpid,     0),         /* waitpid(2), wait(2) */
	CALL(PM_GETPID,       do_getpid,      0),         /* getpid(2), getppid(2) */
	CALL(PM_GETUID,       do_getuid,      0),         /* getuid(2), geteuid(2) */
	CALL(PM_GETGID,       do_getgid,      0),         /* getgid(2), getegid(2) */
	CALL(PM_SETUID,       do_setid,       NEEDS_VFS), /* setuid(2) */
	CALL(PM_SETGID,       do_setid,       NEEDS_VFS), /* setgid(2) */
	CALL(PM_SETSID,       do_setsid,      NEEDS_VFS), /* setsid(2) */
	CALL(PM_GETPGRP,      do_getpgrp,     0),         /* getpgrp(2) */
	CALL(PM_SETPGID,      do_setpgid,     0),         /* setpgid(2) */
	CALL(PM_KILL,         do_kill,        0),         /* kill(2) */
	CALL(PM_REBOOT,       do_reboot,      NEEDS_VFS), /* reboot(2) */
	CALL(PM_EXEC,         do_exec,        NEEDS_VFS), /* execve(2) */
	CALL(PM_SIGACTION,    do_sigaction,   0),         /* sigaction(2), signal(3) */
	CALL(PM_SIGPROCMASK,  do_sigprocmask, 0),         /* sigprocmask(2) */
	CALL(PM_GETSYSINFO,   do_getsysinfo,  0),         /* getsysinfo: ps, sysinfo */
	CALL(PM_GETTIMEOFDAY, do_gettimeofday, 0),        /* gettimeofday(2), time(3) */
	/* RS only (service.c): srv_fork, a program for its child, end one of its services */
	CALL_BY(PM_SRV_FORK, do_srv_fork, NEEDS_VFS, srv_rs_only),
	CALL_BY(PM_SRV_EXEC, do_srv_exec, NEEDS_VFS, srv_rs_only),
	CALL_BY(PM_SRV_KILL, do_srv_kill, NEEDS_VFS, srv_rs_only),
	CALL(PM_GETEPINFO,    do_getepinfo,   0),         /* endpoint -> pid, uid */
	CALL(PM_SIGRETURN,    do_sigreturn,   0),         /* libc's handler trampoline */
	CALL(PM_SIGPENDING,   do_sigpending,  0),         /* sigpending(2) */
	CALL(PM_SIGSUSPEND,   do_sigsuspend,  0),         /* sigsuspend(2), pause(2) */
	CALL(PM_ITIMER,       do_itimer,      0),         /* setitimer(2), alarm(3) */
	CALL(PM_PTRACE,       do_ptrace,      0),         /* ptrace(2) (ptrace.c) */
	CALL(PM_GETRLIMIT,    do_getrlimit,   0),         /* getrlimit(2) (rlimit.c) */
	CALL(PM_SETRLIMIT,    do_setrlimit,   0),         /* setrlimit(2) (rlimit.c) */
	CALL(PM_SETEUID,      do_setid,       NEEDS_VFS), /* seteuid(2) */
	CALL(PM_SETEGID,      do_setid,       NEEDS_VFS), /* setegid(2) */
	CALL(PM_TIMES,        do_times,       0),         /* times(2), clock(3) (time.c) */
	CALL(PM_GETGROUPS,    do_getgroups,   0),         /* getgroups(2) (getset.c) */
	CALL(PM_SETGROUPS,    do_setgroups,   NEEDS_VFS), /* setgroups(2) (getset.c) */
	CALL(PM_SETTIME,      do_settime,     0),         /* clock_settime(2), adjtime (time.c) */
	CALL(PM_ISSETUGID,    do_issetugid,   0),         /* issetugid(2) (getset.c) */
};

/* Run m's handler for mp (its row c), or keep m in mp's entry while VFS is starting:
 * the answer, or SUSPEND. */
static int
call(const struct pm_call *c, message *m)
{
	if (vfs_state == VFS_STARTING && c->needs_vfs) {
		mp->mp_deferred = *m;
		mp->mp_flags |= DEFERRED;
		return SUSPEND;
	}
	return c->handler(m);
}

/* VFS_PM_*_REPLY: VFS answers one of PM's requests; PM never answers it. */
static int
vfs_answer(message *m, int status)
{
	int r;

	if ((r = srv_admit("VFS_PM_*_REPLY", srv_vfs_only, m, status)) != OK)
		return r;
	vfs_reply(m);
	return SUSPEND;
}

int
pm_dispatch(message *m, int status)
{
	const struct pm_call *c = SRV_ROW(pm_calls, SRV_NR(pm_calls), PM_BASE, m->m_type);
	int r;

	if (IS_VFS_PM_REPLY(m->m_type))
		return vfs_answer(m, status);
	if ((r = SRV_ADMIT(c, m, status)) != OK)
		return r;
	if ((mp = mproc_of(m->m_source)) == NULL)
		return -ESRCH;
	if (mp->mp_flags & (VFS_CALL | DEFERRED))
		return -EBUSY;	/* cannot happen: its previous call is not answered yet */
	pm_caller = mp;		/* its caught signals wait for the answer (pm_after) */
	return call(c, m);
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
		r = call(SRV_ROW(pm_calls, SRV_NR(pm_calls), PM_BASE, m.m_type), &m);
		if (r != SUSPEND)
			reply(rmp, r, &m);
	}
}
