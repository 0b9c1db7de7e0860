/*
 * pm.c - the process calls, as requests to PM (minnow/pm.h): fork, wait, waitpid, wait3,
 * wait4, getpid, getppid, the user and group ids, issetugid, sessions and process groups, kill, getsysinfo.
 * exec.c, signal.c and time.c make their requests through __libc_pm_call() (pm_call.h).
 *
 * Each is one SENDREC of a mess_pm to PM_PROC_NR; PM answers a non-negative result or a
 * negated error, which becomes -1 with errno.  A waitpid a handler with SA_RESTART
 * interrupted is made again (sigsuspend and pause never are).  Whether PM runs at all is on the kernel
 * information page (KIF_PM): without it every call fails with ENOSYS (the kernel's own
 * tests boot without PM).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/kerninfo.h>
#include <minnow/pm.h>
#include <minnow/sysinfo.h>
#include "libc_private.h"
#include "pm_call.h"

int
__libc_have_pm(void)
{
	const struct minnow_kerninfo *ki = (const struct minnow_kerninfo *)KERNINFO_ADDR;

	return (ki->ki_flags & KIF_PM) != 0;
}

/* waitpid's request *m to PM, made again while a handler with SA_RESTART interrupts it:
 * its answer (m_type), or a negated error. */
static int
pm_call_restarting(message *m)
{
	message req = *m;
	int r;

	for (;;) {
		__libc_restart = 0;
		m->m_type = PM_WAITPID;
		if ((r = ipc_sendrec(PM_PROC_NR, m)) != OK)
			return r;
		if (m->m_type != -EINTR || !__libc_restart)
			return m->m_type;
		*m = req;		/* SA_RESTART: waitpid is made again */
	}
}

/* Send request type with *m to PM: its answer (m_type), or a negated error.  Only waitpid
 * is ever made again: the others neither copy the request nor clear __libc_restart (which
 * only waitpid and VFS's calls read, each clearing it first). */
int
__libc_pm_call(int type, message *m)
{
	int r;

	if (!__libc_have_pm())
		return -ENOSYS;
	if (type == PM_WAITPID)
		return pm_call_restarting(m);
	m->m_type = type;
	if ((r = ipc_sendrec(PM_PROC_NR, m)) != OK)
		return r;
	return m->m_type;
}

/* POSIX convention: r >= 0 as it is, else -1 with errno = -r. */
int
__libc_posix_result(int r)
{
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

/* A request with no arguments; its answer in *m. */
static int
simple_call(int type, message *m)
{
	__libc_clear(m, sizeof(*m));
	return __libc_pm_call(type, m);
}

pid_t
fork(void)
{
	message m;

	return __libc_posix_result(simple_call(PM_FORK, &m));
}

/* waitpid with PM's rusage address ru (0: none): the pid, or -1 with errno. */
static pid_t
wait_call(pid_t pid, int *status, int options, uint32_t ru)
{
	message m;
	int r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return __libc_posix_result(-EINVAL);
	memset(&m, 0, sizeof(m));
	m.m_pm.pid = pid;
	m.m_pm.options = ((options & WNOHANG) ? PM_WNOHANG : 0) |
			 ((options & WUNTRACED) ? PM_WUNTRACED : 0) |
			 ((options & WCONTINUED) ? PM_WCONTINUED : 0);
	m.m_pm.addr = ru;
	if ((r = __libc_pm_call(PM_WAITPID, &m)) > 0 && status != NULL)
		*status = m.m_pm.status;
	return __libc_posix_result(r);
}

pid_t
waitpid(pid_t pid, int *status, int options)
{
	return wait_call(pid, status, options, 0);
}

/* PM writes the child's struct rusage itself, so a bad ru is EFAULT (and the child stays
 * a zombie), never a fault in libc. */
pid_t
wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return wait_call(pid, status, options, (uint32_t)ru);
}

pid_t
wait3(int *status, int options, struct rusage *ru)
{
	return wait4(-1, status, options, ru);
}

pid_t
wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t
getpid(void)
{
	message m;

	return __libc_posix_result(simple_call(PM_GETPID, &m));
}

pid_t
getppid(void)
{
	message m;
	int r = simple_call(PM_GETPID, &m);

	return __libc_posix_result(r < 0 ? r : m.m_pm.ppid);
}

/* GETUID or GETGID: the real id, or the effective one if eff. */
static uint32_t
get_id(int type, int eff)
{
	message m;
	int r = simple_call(type, &m);

	if (r < 0)
		return (uint32_t)__libc_posix_result(r);
	return eff ? m.m_pm.eid : m.m_pm.id;
}

uid_t getuid(void) { return get_id(PM_GETUID, 0); }
uid_t geteuid(void) { return get_id(PM_GETUID, 1); }
gid_t getgid(void) { return get_id(PM_GETGID, 0); }
gid_t getegid(void) { return get_id(PM_GETGID, 1); }

/* PM's answer; a failure (no PM) counts as tainted, the safe answer for a caller that
 * trusts its environment only when this is 0. */
int
issetugid(void)
{
	message m;

	return simple_call(PM_ISSETUGID, &m) != 0;
}

/* SETUID or SETGID to id. */
static int
set_id(int type, uint32_t id)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.id = id;
	return __libc_posix_result(__libc_pm_call(type, &m));
}

int setuid(uid_t uid) { return set_id(PM_SETUID, uid); }
int setgid(gid_t gid) { return set_id(PM_SETGID, gid); }
int seteuid(uid_t uid) { return set_id(PM_SETEUID, uid); }
int setegid(gid_t gid) { return set_id(PM_SETEGID, gid); }

/* PM_GETGROUPS or PM_SETGROUPS with n entries at list. */
static int
groups_call(int type, size_t n, const gid_t *list)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)list;
	m.m_pm.len = (uint32_t)n;
	return __libc_posix_result(__libc_pm_call(type, &m));
}

int
getgroups(int size, gid_t list[])
{
	if (size < 0)
		return __libc_posix_result(-EINVAL);
	return groups_call(PM_GETGROUPS, (size_t)size, list);
}

int
setgroups(size_t size, const gid_t *list)
{
	return groups_call(PM_SETGROUPS, size, list);
}

pid_t
setsid(void)
{
	message m;

	return __libc_posix_result(simple_call(PM_SETSID, &m));
}

pid_t
getpgrp(void)
{
	message m;

	return __libc_posix_result(simple_call(PM_GETPGRP, &m));
}

int
setpgid(pid_t pid, pid_t pgid)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.pid = pid;
	m.m_pm.pgid = pgid;
	return __libc_posix_result(__libc_pm_call(PM_SETPGID, &m));
}

int
kill(pid_t pid, int sig)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.pid = pid;
	m.m_pm.sig = sig;
	return __libc_posix_result(__libc_pm_call(PM_KILL, &m));
}

void
__libc_pm_exit(int status)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.status = status;
	(void)__libc_pm_call(PM_EXIT, &m);	/* returns only if PM refused (a system process) */
}

/* reboot(how): RBT_HALT, RBT_POWEROFF or RBT_PANIC (minnow/kcall.h); root only. */
int
reboot(int how)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = how;
	return __libc_posix_result(__libc_pm_call(PM_REBOOT, &m));
}

int
getsysinfo(int how, void *buf, size_t len)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = how;
	m.m_pm.addr = (uint32_t)buf;
	m.m_pm.len = (uint32_t)len;
	return __libc_posix_result(__libc_pm_call(PM_GETSYSINFO, &m));
}
