/*
 * pm_calls.c - PM with a VFS: the PM <-> VFS protocol seen from a user process, exec,
 * sigaction/sigprocmask, getsysinfo and gettimeofday (handouts/pm.md).
 *
 * Grader: grader/tests/pm_vfs.py boots VM, RS, DS, PM, the fake VFS (pm_vfs.c, in VFS's
 * slot) and this program as a user process.  The fake answers PM's requests (and holds
 * each FORK answer back for a few ticks) and answers this program's PMVFS_STATS questions
 * (pm_vfs.h), so the cases can check what VFS was told and when:
 *   - VFS knows this process from PM's start-up (VFS_PM_INIT);
 *   - fork: the child runs only after VFS answered its VFS_PM_FORK; exit reaches VFS;
 *     setsid and setuid reach VFS before the caller is answered; a fork VFS refuses is
 *     that error for the parent and leaks no memory; SIGKILL for a child whose FORK is
 *     still in VFS waits for VFS's answer, then kills it;
 *   - exec: errors VFS reports come back from execve (ENOEXEC, ENOENT); PM's own checks
 *     (EINVAL, ENAMETOOLONG, E2BIG, EFAULT) and libc's E2BIG; a failure after the point
 *     of no return kills the process with SIGKILL; a successful exec ("/fake/jump", where
 *     the fake VFS hands back a function of this program as pc and a static stack as sp)
 *     runs there with the new name, ignored signals still ignored, the mask kept;
 *   - sigaction: SIG_IGN makes a signal harmless, SIG_DFL restores death, errors; fork
 *     inherits SIG_IGN; sigprocmask: a blocked signal stays pending and kills on unblock,
 *     SIGKILL cannot be blocked, errors; SIGCHLD (by default, and set to SIG_IGN) neither
 *     kills nor loses the zombie: a child's exit while it is blocked, one waitpid collects
 *     the status, unblocking does not kill, then waitpid is ECHILD;
 *   - getsysinfo: this process in PM's and the kernel's tables, row rules, errors;
 *   - gettimeofday/time: a date after 2024, microseconds in range, time() agrees.
 * Children print their own PASS/FAIL lines or report through their exit status.  The
 * very first call is a fork: the fake VFS holds its answer to VFS_PM_INIT back, so PM must
 * keep the fork until VFS is ready.  A loop of 100 fork/exit/wait ends the cases (VM's free
 * pages must come back: the exit halves that wait for VFS free everything).
 *
 * With the argument "reboot" the program only calls reboot(RBT_POWEROFF): PM must have VFS
 * write everything back (the fake prints "pm_vfs: REBOOT") before the power goes off.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/sysinfo.h>
#include <minnow/vm.h>
#include "pm_vfs.h"
#include "testlib.h"

#define BAD_ADDR        ((void *)16)    /* unmapped in every user process */
#define Y2024           1704067200      /* 2024-01-01 00:00:00 UTC */
#define LOOPS           100

static uint32_t jump_stack[1024];
static struct pm_procinfo pm_rows[NR_PROCS];
static struct proc_info k_rows[NR_TASKS + NR_PROCS];

/* The fake VFS's counters into w (PMVFS_NWORDS words); 0 or a negated error. */
static int
vfs_stats(uint32_t *w)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = PMVFS_STATS;
	if ((r = ipc_sendrec(VFS_PROC_NR, &m)) != OK)
		return r;
	memcpy(w, m.m_u32.m_u32, PMVFS_NWORDS * sizeof(uint32_t));
	return OK;
}

static pid_t
do_fork(void)
{
	fflush(NULL);
	return fork();
}

static void __attribute__((noreturn))
child_exit(int code)
{
	fflush(NULL);
	_exit(code);
}

/* waitpid for pid: its status, or -1 (a FAIL of case name). */
static int
reap(const char *name, pid_t pid)
{
	int status = 0;

	if (pid < 0) {
		test_fail(name, "fork failed: errno %d", errno);
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid) {
		test_fail(name, "waitpid(%d) failed: errno %d", pid, errno);
		return -1;
	}
	return status;
}

/* PASS name if status says "exited with code", else FAIL. */
static void
expect_exit(const char *name, int status, int code)
{
	if (status != -1)
		test_check(name, !WIFSIGNALED(status) && WEXITSTATUS(status) == code,
			   "status 0x%x, want exit %d", status, code);
}

/* PASS name if status says "killed by sig", else FAIL. */
static void
expect_killed(const char *name, int status, int sig)
{
	if (status != -1)
		test_check(name, WIFSIGNALED(status) && WTERMSIG(status) == sig,
			   "status 0x%x, want signal %d", status, sig);
}

/* -errno of a libc call's -1, or its result. */
static int
err_of(int r)
{
	return r < 0 ? -errno : r;
}

/* The first call of all: a fork that PM must keep until VFS has answered VFS_PM_INIT. */
static void
test_first_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	expect_exit("pm_calls_first_fork", reap("pm_calls_first_fork", pid), 3);
}

static void
test_vfs_init(void)
{
	uint32_t w[PMVFS_NWORDS];

	if (test_expect("pm_calls_vfs_stats", vfs_stats(w), OK))
		test_check("pm_calls_vfs_knows_me", w[PMVFS_KNOWN] == 1 && w[PMVFS_N_INIT] >= 5,
			   "known %u, %u INIT messages", w[PMVFS_KNOWN], w[PMVFS_N_INIT]);
}

/* Poll: has the fake seen more than *(uint32_t *)arg exits? */
static int
exit_seen(void *arg)
{
	uint32_t w[PMVFS_NWORDS];

	return vfs_stats(w) == OK && w[PMVFS_N_EXIT] > *(uint32_t *)arg;
}

static void
test_fork_exit(void)
{
	uint32_t w[PMVFS_NWORDS], exits;
	pid_t pid;

	vfs_stats(w);
	exits = w[PMVFS_N_EXIT];
	if ((pid = do_fork()) == 0) {
		if (vfs_stats(w) != OK)
			child_exit(3);
		child_exit(w[PMVFS_KNOWN] != 1 ? 1 : w[PMVFS_FORKED] != 1 ? 2 : 0);
	}
	expect_exit("pm_calls_fork_gated", reap("pm_calls_fork_gated", pid), 0);
	test_check("pm_calls_exit_told", test_poll(exit_seen, &exits, 2),
		   "VFS saw no VFS_PM_EXIT");
}

/* Ask the fake VFS to fail the next fork. */
static void
vfs_fail_next_fork(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = PMVFS_FAIL_FORK;
	ipc_sendrec(VFS_PROC_NR, &m);
}

static void
test_fork_refused(void)
{
	uint32_t before = test_free_pages();
	pid_t pid;

	vfs_fail_next_fork();
	if ((pid = do_fork()) == 0)
		child_exit(0);		/* must not exist */
	test_check("pm_calls_fork_refused", pid == -1 && errno == ENOMEM, "fork %d, errno %d",
		   pid, errno);
	test_check("pm_calls_fork_refused_no_leak", test_free_pages() >= before,
		   "VM free pages %u before, %u after", before, test_free_pages());
	test_expect("pm_calls_fork_refused_no_child", err_of(waitpid(-1, NULL, WNOHANG)),
		    -ECHILD);
}

/* The flags PM reports for pid (0 if it has no row). */
static uint32_t
pm_flags_of(pid_t pid)
{
	static struct pm_procinfo rows[NR_PROCS];
	int n = getsysinfo(SI_PROC_TAB, rows, sizeof(rows)), i;

	for (i = 0; i < n / (int)sizeof(rows[0]); i++)
		if (rows[i].pid == pid)
			return rows[i].flags;
	return 0;
}

/* The killer: SIGKILL pid as soon as it exists; exit 1 if it was then in a VFS call. */
static void __attribute__((noreturn))
kill_when_born(pid_t pid)
{
	int i;

	for (i = 0; i < 2000000 && kill(pid, SIGKILL) < 0; i++)
		;
	child_exit((pm_flags_of(pid) & 0x40) ? 1 : 2);	/* 0x40: PM's VFS_CALL */
}

static void
test_kill_in_fork(void)
{
	pid_t killer, victim;
	int i;

	killer = do_fork();
	if (killer == 0)
		kill_when_born(getpid() + 1);	/* pids are handed out in order */
	victim = do_fork();
	if (victim == 0) {
		for (i = 0; i < 50000000; i++)
			__asm__ volatile("");
		child_exit(0);
	}
	test_check("pm_calls_kill_in_fork_pid", victim == killer + 1, "pids %d, %d", killer,
		   victim);
	expect_exit("pm_calls_kill_in_fork_timing", reap("pm_calls_kill_in_fork", killer), 1);
	expect_killed("pm_calls_kill_in_fork", reap("pm_calls_kill_in_fork", victim), SIGKILL);
}

static void
test_ids(void)
{
	uint32_t w0[PMVFS_NWORDS], w[PMVFS_NWORDS];
	pid_t pid;

	vfs_stats(w0);
	if ((pid = do_fork()) == 0) {
		pid_t sid = setsid();

		vfs_stats(w);
		test_check("pm_calls_setsid_told", sid == getpid() &&
			   w[PMVFS_N_SETSID] == w0[PMVFS_N_SETSID] + 1,
			   "setsid %d, %u SETSID before, %u after", sid, w0[PMVFS_N_SETSID],
			   w[PMVFS_N_SETSID]);
		test_expect("pm_calls_setuid", err_of(setuid(5)), 0);
		vfs_stats(w);
		test_check("pm_calls_setuid_told", w[PMVFS_LAST_UID] == 5 && getuid() == 5 &&
			   w[PMVFS_N_SETUID] == w0[PMVFS_N_SETUID] + 1,
			   "last uid %u, %u SETUID", w[PMVFS_LAST_UID], w[PMVFS_N_SETUID]);
		test_expect("pm_calls_setuid_eperm", err_of(setuid(0)), -EPERM);
		child_exit(0);
	}
	expect_exit("pm_calls_ids_child", reap("pm_calls_ids_child", pid), 0);
}

/* A raw PM_EXEC: PM's answer. */
static int
raw_exec(const void *path, uint32_t len, const void *frame, uint32_t len2)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = PM_EXEC;
	m.m_pm.addr = (uint32_t)path;
	m.m_pm.len = len;
	m.m_pm.addr2 = (uint32_t)frame;
	m.m_pm.len2 = len2;
	if (ipc_sendrec(PM_PROC_NR, &m) != OK)
		return -999;
	return m.m_type;
}

static void
test_exec_errors(void)
{
	static char longpath[PATH_MAX + 8], big[ARG_MAX + 16];
	char *argv[] = { "x", NULL }, *bigv[] = { big, NULL };
	uint32_t frame[4] = { 0, 0, 0, 0 };

	test_expect("pm_calls_exec_enoexec", err_of(execv("/fake/enoexec", argv)), -ENOEXEC);
	test_expect("pm_calls_exec_enoent", err_of(execv("/fake/none", argv)), -ENOENT);
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	test_expect("pm_calls_exec_enametoolong", err_of(execv(longpath, argv)),
		    -ENAMETOOLONG);
	memset(big, 'b', sizeof(big) - 1);
	test_expect("pm_calls_exec_e2big_libc", err_of(execv("/fake/jump", bigv)), -E2BIG);
	test_expect("pm_calls_exec_e2big_pm", raw_exec("/x", 3, frame, ARG_MAX + 4), -E2BIG);
	test_expect("pm_calls_exec_einval_len", raw_exec("/x", 0, frame, 16), -EINVAL);
	test_expect("pm_calls_exec_einval_nul", raw_exec("/xyz", 3, frame, 16), -EINVAL);
	test_expect("pm_calls_exec_efault", raw_exec(BAD_ADDR, 8, frame, 16), -EFAULT);
}

static void
test_exec_gone(void)
{
	char *argv[] = { "gone", NULL };
	pid_t pid;

	if ((pid = do_fork()) == 0) {
		execv("/fake/gone", argv);
		printf("FAIL pm_calls_exec_gone: execve returned, errno %d\n", errno);
		child_exit(1);
	}
	expect_killed("pm_calls_exec_gone", reap("pm_calls_exec_gone", pid), SIGKILL);
}

/* Where "/fake/jump" lands: a fresh stack, the old image, the new name. */
static void __attribute__((noreturn))
exec_landing(void)
{
	struct sigaction sa;
	sigset_t mask;
	int n = getsysinfo(SI_PROC_TAB, pm_rows, sizeof(pm_rows)), i, named = 0;

	for (i = 0; i < n / (int)sizeof(pm_rows[0]); i++)
		named |= pm_rows[i].pid == getpid() && strcmp(pm_rows[i].name, "jump") == 0;
	test_check("pm_calls_exec_name", named, "no row for pid %d named jump", getpid());
	test_check("pm_calls_exec_ign_kept", sigaction(SIGINT, NULL, &sa) == 0 &&
		   sa.sa_handler == SIG_IGN, "SIGINT action %p", (void *)sa.sa_handler);
	test_check("pm_calls_exec_mask_kept", sigprocmask(SIG_BLOCK, NULL, &mask) == 0 &&
		   sigismember(&mask, SIGHUP) == 1, "SIGHUP not blocked after exec");
	child_exit(42);
}

static void
test_exec_jump(void)
{
	char pc[16], sp[16], *argv[] = { "jump", pc, sp, NULL };
	sigset_t hup;
	pid_t pid;

	if ((pid = do_fork()) == 0) {
		signal(SIGINT, SIG_IGN);
		sigemptyset(&hup);
		sigaddset(&hup, SIGHUP);
		sigprocmask(SIG_BLOCK, &hup, NULL);
		snprintf(pc, sizeof(pc), "%x", (unsigned)(uintptr_t)exec_landing);
		snprintf(sp, sizeof(sp), "%x", (unsigned)(uintptr_t)&jump_stack[1020]);
		execv("/fake/jump", argv);
		printf("FAIL pm_calls_exec_jump: execve returned, errno %d\n", errno);
		child_exit(1);
	}
	expect_exit("pm_calls_exec_jump", reap("pm_calls_exec_jump", pid), 42);
}

static void
test_sigaction_errors(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	test_expect("pm_calls_sigaction_zero", err_of(sigaction(0, &sa, NULL)), -EINVAL);
	test_expect("pm_calls_sigaction_range", err_of(sigaction(NSIG, &sa, NULL)), -EINVAL);
	sa.sa_handler = SIG_IGN;
	test_expect("pm_calls_sigaction_sigkill", err_of(sigaction(SIGKILL, &sa, NULL)),
		    -EINVAL);
	sa.sa_handler = (sighandler_t)test_vfs_init;
	test_expect("pm_calls_sigaction_handler", err_of(sigaction(SIGTERM, &sa, NULL)), 0);
	sa.sa_handler = SIG_DFL;
	test_check("pm_calls_sigaction_handler_old", sigaction(SIGTERM, &sa, &old) == 0 &&
		   old.sa_handler == (sighandler_t)test_vfs_init,
		   "the handler set is not the old action");
	test_expect("pm_calls_sigaction_efault", err_of(sigaction(SIGTERM, BAD_ADDR, NULL)),
		    -EFAULT);
	test_check("pm_calls_sigaction_old_dfl", sigaction(SIGTERM, NULL, &old) == 0 &&
		   old.sa_handler == SIG_DFL, "SIGTERM's action changed by failed calls");
}

static void
test_sig_ign(void)
{
	pid_t pid;

	if ((pid = do_fork()) == 0) {
		test_check("pm_calls_signal_old", signal(SIGINT, SIG_IGN) == SIG_DFL,
			   "old action not SIG_DFL");
		test_expect("pm_calls_sig_ign_kill", err_of(kill(getpid(), SIGINT)), 0);
		test_check("pm_calls_signal_old_ign", signal(SIGINT, SIG_DFL) == SIG_IGN,
			   "old action not SIG_IGN");
		kill(getpid(), SIGINT);
		child_exit(7);		/* should be dead */
	}
	expect_killed("pm_calls_sig_dfl_kills", reap("pm_calls_sig_dfl_kills", pid), SIGINT);
	signal(SIGHUP, SIG_IGN);
	if ((pid = do_fork()) == 0) {
		kill(getpid(), SIGHUP);
		child_exit(0);
	}
	expect_exit("pm_calls_sig_ign_inherited", reap("pm_calls_sig_ign_inherited", pid), 0);
	signal(SIGHUP, SIG_DFL);
}

static void
test_sigprocmask(void)
{
	sigset_t set, old;
	pid_t pid;

	sigemptyset(&set);
	test_expect("pm_calls_sigprocmask_how", err_of(sigprocmask(7, &set, NULL)), -EINVAL);
	test_expect("pm_calls_sigprocmask_efault",
		    err_of(sigprocmask(SIG_BLOCK, BAD_ADDR, NULL)), -EFAULT);
	if ((pid = do_fork()) == 0) {
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGKILL);
		sigprocmask(SIG_BLOCK, &set, NULL);
		sigprocmask(SIG_BLOCK, NULL, &old);
		test_check("pm_calls_sigmask_read", sigismember(&old, SIGTERM) == 1 &&
			   sigismember(&old, SIGKILL) == 0, "mask TERM %d KILL %d",
			   sigismember(&old, SIGTERM), sigismember(&old, SIGKILL));
		kill(getpid(), SIGTERM);
		test_pass("pm_calls_blocked_survives");
		fflush(NULL);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		child_exit(7);		/* should be dead */
	}
	expect_killed("pm_calls_unblock_delivers", reap("pm_calls_unblock_delivers", pid),
		      SIGTERM);
}

/* What sigchld_middle() found wrong, by its exit code (0: nothing). */
static const char *const sigchld_steps[] = {
	"nothing", "sigprocmask or sigaction failed", "fork failed",
	"waitpid did not return the child", "the child's status was not exit 5",
	"waitpid(-1, WNOHANG) afterwards was not ECHILD",
};

/*
 * In a fresh process (so that SIGCHLD killing it shows in its parent's wait status): with
 * SIGCHLD blocked, and SIG_IGN if explicit, a child exits with 5; the zombie stays until
 * one waitpid collects it with its status; SIGCHLD is unblocked (a pending one must be
 * ignored, not deadly); then no child is left (ECHILD).  Exits with the failed step.
 */
static void __attribute__((noreturn))
sigchld_middle(int explicit_ignore)
{
	struct sigaction sa;
	sigset_t set;
	int status = 0;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
	    (explicit_ignore && sigaction(SIGCHLD, &sa, NULL) != 0))
		child_exit(1);
	if ((pid = fork()) == 0)
		_exit(5);
	if (pid < 0)
		child_exit(2);
	if (waitpid(pid, &status, 0) != pid)
		child_exit(3);
	if (WIFSIGNALED(status) || WEXITSTATUS(status) != 5)
		child_exit(4);
	if (sigprocmask(SIG_UNBLOCK, &set, NULL) != 0)
		child_exit(1);
	if (waitpid(-1, &status, WNOHANG) != -1 || errno != ECHILD)
		child_exit(5);
	child_exit(0);
}

/* Case name: sigchld_middle(explicit_ignore) in a child ran to its end, alive. */
static void
expect_sigchld_ignored(const char *name, int explicit_ignore)
{
	int status;
	pid_t pid;

	if ((pid = do_fork()) == 0)
		sigchld_middle(explicit_ignore);
	if ((status = reap(name, pid)) == -1)
		return;
	if (WIFSIGNALED(status))
		test_fail(name, "killed by signal %d (SIGCHLD is %d)", WTERMSIG(status), SIGCHLD);
	else if (WEXITSTATUS(status) != 0)
		test_fail(name, "%s", WEXITSTATUS(status) < (int)(sizeof(sigchld_steps) /
			  sizeof(sigchld_steps[0])) ? sigchld_steps[WEXITSTATUS(status)] : "?");
	else
		test_pass(name);
}

static void
test_sigchld(void)
{
	sigset_t set;
	pid_t pid;

	/* first in children: a PM that SIGCHLD kills fails these by name */
	expect_sigchld_ignored("pm_calls_sigchld_ignored", 0);
	expect_sigchld_ignored("pm_calls_sigchld_sig_ign", 1);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((pid = do_fork()) == 0)
		child_exit(0);
	expect_exit("pm_calls_sigchld_child", reap("pm_calls_sigchld_child", pid), 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_getsysinfo(void)
{
	int n, i, rows, me = -1, ktask = 0, kme = 0;

	n = getsysinfo(SI_PROC_TAB, pm_rows, sizeof(pm_rows));
	rows = n / (int)sizeof(pm_rows[0]);
	for (i = 0; i < rows; i++)
		if (pm_rows[i].pid == getpid() && strcmp(pm_rows[i].name, "pm_calls") == 0)
			me = i;
	test_check("pm_calls_sysinfo_proc", n > 0 && n % (int)sizeof(pm_rows[0]) == 0 &&
		   me >= 0 && pm_rows[me].ppid == getppid(), "%d bytes, my row %d", n, me);
	n = getsysinfo(SI_KPROC_TAB, k_rows, sizeof(k_rows));
	for (i = 0; me >= 0 && i < n / (int)sizeof(k_rows[0]); i++) {
		ktask |= k_rows[i].pi_endpoint == CLOCK;
		kme |= k_rows[i].pi_endpoint == pm_rows[me].endpt;
	}
	test_check("pm_calls_sysinfo_kproc", n > 0 && ktask && kme,
		   "%d bytes, clock %d, me %d", n, ktask, kme);
	test_expect("pm_calls_sysinfo_short", getsysinfo(SI_PROC_TAB, pm_rows,
		    sizeof(pm_rows[0]) - 1), 0);
	test_expect("pm_calls_sysinfo_rows", getsysinfo(SI_PROC_TAB, pm_rows,
		    2 * sizeof(pm_rows[0]) + 3), 2 * (int)sizeof(pm_rows[0]));
	test_expect("pm_calls_sysinfo_einval", err_of(getsysinfo(99, pm_rows, 64)), -EINVAL);
	test_expect("pm_calls_sysinfo_efault",
		    err_of(getsysinfo(SI_PROC_TAB, BAD_ADDR, sizeof(pm_rows))), -EFAULT);
}

static void
test_time(void)
{
	struct timeval tv, tv2;
	time_t t;

	if (!test_expect("pm_calls_gettimeofday", err_of(gettimeofday(&tv, NULL)), 0))
		return;
	test_check("pm_calls_time_2024", tv.tv_sec >= Y2024 && tv.tv_usec >= 0 &&
		   tv.tv_usec < 1000000, "%d s %d us", (int)tv.tv_sec, (int)tv.tv_usec);
	t = time(NULL);
	gettimeofday(&tv2, NULL);
	test_check("pm_calls_time_agrees", t >= tv.tv_sec && t <= tv2.tv_sec,
		   "time %d, gettimeofday %d .. %d", (int)t, (int)tv.tv_sec, (int)tv2.tv_sec);
	test_expect("pm_calls_time_efault", err_of(gettimeofday(BAD_ADDR, NULL)), -EFAULT);
}

/* Poll: are VM's free pages back to *(uint32_t *)arg? (The last child's memory goes only
 * when VFS has answered its VFS_PM_EXIT, possibly after the parent collected it.) */
static int
pages_back(void *arg)
{
	return test_free_pages() >= *(uint32_t *)arg;
}

static void
test_loop(void)
{
	uint32_t before = test_free_pages(), after;
	int i, bad = 0, status;
	pid_t pid;

	for (i = 0; i < LOOPS && !bad; i++) {
		if ((pid = do_fork()) == 0)
			_exit(i & 0x7F);
		status = reap("pm_calls_loop", pid);
		bad = status == -1 || WEXITSTATUS(status) != (i & 0x7F);
	}
	test_check("pm_calls_loop", !bad, "round %d", i);
	test_poll(pages_back, &before, 2);
	after = test_free_pages();
	test_check("pm_calls_loop_no_leak", before != 0 && after >= before,
		   "VM free pages %u before, %u after", before, after);
}

static void
test_reboot(void)
{
	printf("pm_calls: rebooting\n");
	fflush(NULL);
	reboot(RBT_POWEROFF);
	printf("pm_calls: reboot failed: errno %d\n", errno);
}

int
main(int argc, char **argv)
{
	message m;

	argc = test_init("pm_calls", argc, argv);
	test_first_fork();
	if (argc > 1 && strcmp(argv[1], "reboot") == 0) {
		test_reboot();
		return test_done();
	}
	test_vfs_init();
	test_fork_exit();
	test_ids();
	test_fork_refused();
	test_kill_in_fork();
	test_exec_errors();
	test_exec_gone();
	test_exec_jump();
	test_sigaction_errors();
	test_sig_ign();
	test_sigprocmask();
	test_sigchld();
	test_getsysinfo();
	test_time();
	test_loop();
	fflush(NULL);
	memset(&m, 0, sizeof(m));
	m.m_type = PMVFS_DONE;
	ipc_sendrec(VFS_PROC_NR, &m);
	return test_done();
}
