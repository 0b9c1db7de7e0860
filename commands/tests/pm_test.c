/*
 * pm_test.c - PM: fork, exit, wait/waitpid, pids, ids, sessions, kill and default signal
 * actions, seen from a user process (handouts/pm.md).
 *
 * Grader: grader/tests/pm.py boots VM, RS, DS, PM and this program as a user process
 *     pm_test priv=user
 * (RS gives it the shared user privileges; PM gives it a pid, with PM, pid 0, as parent).
 * Every child reports with its exit status (checked by the parent's wait) or prints its own
 * PASS/FAIL lines; children end with _exit() after fflush, so no stdio buffer is printed
 * twice.  Cases, in order: identities and wait without children; fork + wait (status and
 * pids both ways); copy-on-write through fork; WNOHANG with a running child, then kill
 * SIGTERM; a NULL write (SIGSEGV, status "killed by signal 11"); kill's errors; a zombie
 * collected later; an orphan re-parented (ppid 1; PM reaps it, as no init runs); sessions,
 * groups and user ids in a child; 200 fork/exit/wait with VM's free page count back to its
 * baseline; without a VFS, exec is ENOSYS while sigaction, sigprocmask and gettimeofday
 * work.  The DONE line comes last.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/vm.h>
#include "testlib.h"

#define LOOPS           200
#define POLL_LIMIT      200000

static volatile int shared_global = 1;

/* fork() with stdio flushed first (the child must not print the parent's buffer). */
static pid_t
do_fork(void)
{
	fflush(NULL);
	return fork();
}

/* The child's end: flush what it printed, leave through PM. */
static void
child_exit(int code)
{
	fflush(NULL);
	_exit(code);
}

/* waitpid for pid; the status, or -1 (reported as a failure of case name). */
static int
reap(const char *name, pid_t pid)
{
	int status = 0;
	pid_t r = waitpid(pid, &status, 0);

	if (r != pid) {
		test_fail(name, "waitpid(%d) returned %d (errno %d)", pid, r, errno);
		return -1;
	}
	return status;
}

static void
test_identity(void)
{
	int r;

	test_check("pm_getpid", getpid() > 1, "getpid() = %d", getpid());
	test_expect("pm_getppid_boot", getppid(), 0);	/* boot processes: PM's children */
	errno = 0;
	r = wait(NULL);
	test_check("pm_wait_no_children", r == -1 && errno == ECHILD, "wait: %d errno %d", r,
		   errno);
	errno = 0;
	r = waitpid(-1, NULL, WNOHANG);
	test_check("pm_waitpid_wnohang_no_children", r == -1 && errno == ECHILD,
		   "waitpid: %d errno %d", r, errno);
}

static void
test_fork_wait(void)
{
	pid_t me = getpid(), pid;
	int status;

	if ((pid = do_fork()) == 0)
		child_exit(getppid() == me ? 42 : 1);
	test_check("pm_fork", pid > 0 && pid != me, "fork() = %d (errno %d)", pid, errno);
	status = reap("pm_wait_pid", pid);
	test_check("pm_wait_exited", WIFEXITED(status) && WEXITSTATUS(status) == 42,
		   "status %#x (42: the child saw its parent's pid)", status);
	if ((pid = do_fork()) == 0)
		child_exit(getpid() % 256);
	status = reap("pm_wait_pid", pid);
	test_check("pm_child_getpid", WIFEXITED(status) && WEXITSTATUS(status) == pid % 256,
		   "child %d exited with %d", pid, WEXITSTATUS(status));
	if ((pid = do_fork()) == 0)
		child_exit(7);
	test_check("pm_wait_any", wait(&status) == pid && WEXITSTATUS(status) == 7,
		   "wait() for child %d: status %#x", pid, status);
}

static void
test_cow(void)
{
	pid_t pid;
	int status;

	shared_global = 1;
	if ((pid = do_fork()) == 0) {
		shared_global = 2;
		child_exit(shared_global);
	}
	shared_global = 3;
	status = reap("pm_cow", pid);
	test_check("pm_cow_separate", WEXITSTATUS(status) == 2 && shared_global == 3,
		   "child read %d, parent %d", WEXITSTATUS(status), shared_global);
}

static void
test_wnohang_kill(void)
{
	pid_t pid;
	int status = 0, r;

	if ((pid = do_fork()) == 0)
		for (;;)
			;	/* runs until killed */
	test_expect("pm_waitpid_wnohang_running", waitpid(pid, &status, WNOHANG), 0);
	test_expect("pm_kill_sigterm", kill(pid, SIGTERM), 0);
	status = reap("pm_kill_reaped", pid);
	test_check("pm_kill_killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
		   "status %#x", status);
	errno = 0;
	r = kill(pid, 0);
	test_check("pm_kill_reaped_gone", r == -1 && errno == ESRCH, "kill(%d, 0): %d errno %d",
		   pid, r, errno);
}

static void
test_sigsegv(void)
{
	pid_t pid;
	int status;

	if ((pid = do_fork()) == 0) {
		*(volatile int *)0 = 1;
		child_exit(0);		/* not reached */
	}
	status = reap("pm_sigsegv", pid);
	test_check("pm_sigsegv_signaled", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "status %#x", status);
}

static void
test_kill_errors(void)
{
	int r;

	errno = 0;
	r = kill(29999, SIGTERM);
	test_check("pm_kill_esrch", r == -1 && errno == ESRCH, "%d errno %d", r, errno);
	errno = 0;
	r = kill(getpid(), 99);
	test_check("pm_kill_einval", r == -1 && errno == EINVAL, "%d errno %d", r, errno);
	test_expect("pm_kill_self_check", kill(getpid(), 0), 0);
	test_expect("pm_kill_sigchld_ignored", kill(getpid(), SIGCHLD), 0);
}

/* Poll VM until its free page count is back to base (an exited child's memory is free). */
static int
wait_free(uint32_t base)
{
	int i;

	for (i = 0; i < POLL_LIMIT; i++)
		if (test_free_pages() == base)
			return 1;
	return 0;
}

static void
test_zombie(void)
{
	uint32_t base = test_free_pages();
	pid_t pid;
	int status, r;

	if ((pid = do_fork()) == 0)
		child_exit(5);
	test_check("pm_zombie_exited_first", wait_free(base), "free pages %u, %u before fork",
		   test_free_pages(), base);
	test_expect("pm_zombie_exists", kill(pid, 0), 0);
	status = reap("pm_zombie_reaped", pid);
	test_check("pm_zombie_status", WIFEXITED(status) && WEXITSTATUS(status) == 5,
		   "status %#x", status);
	errno = 0;
	r = kill(pid, 0);
	test_check("pm_zombie_gone", r == -1 && errno == ESRCH, "%d errno %d", r, errno);
}

/* The grandchild: wait to be orphaned, then say what getppid() says. */
static void
orphan(void)
{
	int i;

	for (i = 0; i < POLL_LIMIT && getppid() != 1; i++)
		;
	test_expect("pm_orphan_ppid_init", getppid(), 1);
	child_exit(0);
}

static void
test_reparent(void)
{
	uint32_t base = test_free_pages();
	pid_t pid, gpid;
	int status, i, r = 0;

	if ((pid = do_fork()) == 0) {
		if ((gpid = do_fork()) == 0)
			orphan();
		child_exit(gpid > 0 && gpid < 256 ? gpid : 0);
	}
	status = reap("pm_reparent_parent", pid);
	gpid = WEXITSTATUS(status);
	if (!test_check("pm_reparent_grandchild", gpid > 0, "status %#x", status))
		return;
	for (i = 0; i < POLL_LIMIT && (r = kill(gpid, 0)) == 0; i++)
		;
	test_check("pm_reparent_reaped", r == -1 && errno == ESRCH,
		   "grandchild %d still there (%d, errno %d)", gpid, r, errno);
	test_check("pm_reparent_memory", wait_free(base), "free %u, %u before", test_free_pages(),
		   base);
}

/* In a child: sessions, groups, ids; prints its own lines. */
static void
ids_child(void)
{
	pid_t me = getpid();
	int r;

	test_expect("pm_setsid", setsid(), me);
	test_expect("pm_getpgrp", getpgrp(), me);
	errno = 0;
	r = setsid();
	test_check("pm_setsid_leader_eperm", r == -1 && errno == EPERM, "%d errno %d", r, errno);
	errno = 0;
	r = setpgid(0, 0);
	test_check("pm_setpgid_session_leader", r == -1 && errno == EPERM, "%d errno %d", r,
		   errno);
	test_check("pm_root_ids", getuid() == 0 && geteuid() == 0 && getgid() == 0 &&
		   getegid() == 0, "uid %u euid %u gid %u egid %u", getuid(), geteuid(),
		   getgid(), getegid());
	test_expect("pm_setgid", setgid(20), 0);
	test_expect("pm_setuid", setuid(100), 0);
	test_check("pm_setuid_ids", getuid() == 100 && geteuid() == 100 && getgid() == 20 &&
		   getegid() == 20, "uid %u euid %u gid %u", getuid(), geteuid(), getgid());
	errno = 0;
	r = setuid(0);
	test_check("pm_setuid_eperm", r == -1 && errno == EPERM, "%d errno %d", r, errno);
	test_expect("pm_setuid_same", setuid(100), 0);
	errno = 0;
	r = kill(getppid(), 0);	/* the parent is root's */
	test_check("pm_kill_eperm", r == -1 && errno == EPERM, "%d errno %d", r, errno);
	child_exit(0);
}

static void
test_ids(void)
{
	pid_t pid, c2;
	int status;

	if ((pid = do_fork()) == 0)
		ids_child();
	status = reap("pm_ids_child", pid);
	test_check("pm_ids_child_exit", WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "status %#x", status);
	/* setpgid on a child: its own group, then waitpid(-pgrp) finds it */
	if ((c2 = do_fork()) == 0) {
		int i;

		for (i = 0; i < POLL_LIMIT && getpgrp() != getpid(); i++)
			;
		child_exit(getpgrp() == getpid() ? 3 : 4);
	}
	test_expect("pm_setpgid_child", setpgid(c2, c2), 0);
	test_check("pm_waitpid_group", waitpid(-c2, &status, 0) == c2 && WEXITSTATUS(status) == 3,
		   "status %#x", status);
}

static void
test_loop(void)
{
	uint32_t base;
	pid_t pid;
	int i, bad = 0, status;

	if ((pid = do_fork()) == 0)	/* warm up: the parent's own copies are made once */
		child_exit(0);
	reap("pm_loop_warmup", pid);
	base = test_free_pages();
	for (i = 0; i < LOOPS; i++) {
		if ((pid = do_fork()) == 0)
			child_exit(i & 0xFF);
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != (i & 0xFF)) {
			if (bad++ == 0)
				test_fail("pm_loop", "round %d: pid %d status %#x errno %d", i, pid,
					  status, errno);
		}
	}
	if (bad == 0)
		test_pass("pm_loop");
	test_check("pm_loop_no_leak", test_free_pages() == base, "free pages %u, %u before %d forks",
		   test_free_pages(), base, LOOPS);
}

/* No VFS in this boot: exec has nothing to load from; PM's other new calls work alone. */
static void
test_no_vfs(void)
{
	char *argv[] = { "sh", NULL };
	struct sigaction sa;
	struct timeval tv;
	sigset_t set;
	int r;

	r = execv("/bin/sh", argv);
	test_check("pm_exec_no_vfs", r == -1 && errno == ENOSYS, "%d errno %d", r, errno);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	test_check("pm_sig_calls_no_vfs", sigaction(SIGHUP, &sa, NULL) == 0 &&
		   signal(SIGHUP, SIG_DFL) == SIG_IGN && sigprocmask(SIG_BLOCK, &set, NULL) == 0 &&
		   sigprocmask(SIG_UNBLOCK, &set, NULL) == 0, "errno %d", errno);
	test_check("pm_gettimeofday_no_vfs", gettimeofday(&tv, NULL) == 0 &&
		   tv.tv_sec >= 1704067200, "%d s, errno %d", (int)tv.tv_sec, errno);
}

int
main(int argc, char **argv)
{
	test_init("pm_test", argc, argv);
	test_identity();
	test_fork_wait();
	test_cow();
	test_wnohang_kill();
	test_sigsegv();
	test_kill_errors();
	test_zombie();
	test_reparent();
	test_ids();
	test_loop();
	test_no_vfs();
	return test_done();
}
