/*
 * ptraceproc.c - the cases of /test/ptracetest (ptracetest.c runs them) on signals and on
 * who traces whom (handouts/ptrace.md, "Tracer and tracee", "Stops and waitpid" and
 * "Deaths"): signals held for the tracer and passed on, T_EXIT,
 * T_ATTACH and T_DETACH and who may attach to whom, the requests' errors, TO_TRACEFORK, a
 * tracee's death told to its tracer before its parent, a tracer's death, and the uid rule.
 *
 * The cases with a tracer that is not the tracee's parent fork both from the case's
 * process: the tracee (a gate child, waiting for a byte on a pipe) and the tracer, which
 * reports what it saw on a pipe and through its exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <minnow/endpoint.h>
#include <minnow/pm.h>
#include <minnow/sysinfo.h>
#include "ptracetest.h"

#define INIT_PID        1               /* init's pid */

/* T_ATTACH of pid, and its SIGSTOP reported: 0, or -1 (FAIL printed). */
static int
attach_stopped(pid_t pid, const char *what)
{
	if (tr(T_ATTACH, pid, 0, 0) != 0)
		return fail("T_ATTACH of %s", what);
	return wait_stop(pid, SIGSTOP, what);
}

/* The hits the tracee counted of sig (it is stopped). */
static long
hits_of(pid_t pid, int sig)
{
	return tr(T_GETDATA, pid, (long)&hits[sig], 0);
}

/* While stopped on SIGUSR1: SIGUSR2 and SIGALRM sent are held; SIGUSR1 passed on, the
 * tracee stays stopped and they are reported one per stop, lowest first, each once; each
 * passed one runs its handler once, the one dropped (SIGALRM, passed as 0) never, and the
 * tracee stays stopped after that drop too (its memory still readable: not EBUSY). */
static int
signals_queued(pid_t pid)
{
	if (kill(pid, SIGUSR2) < 0 || kill(pid, SIGALRM) < 0)
		return fail("kill");
	usleep(50000);
	if (tr(T_RESUME, pid, 0, SIGUSR1) != 0)
		return fail("T_RESUME(SIGUSR1) with two more held");
	if (wait_stop(pid, SIGALRM, "the first of two held signals") < 0)
		return -1;
	if (hits_of(pid, SIGUSR1) != 1)
		return fail("the tracee ran (a handler) while it was to stay stopped");
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME(0) with one more held");
	if (hits_of(pid, SIGUSR1) != 1 || errno != 0)
		return fail("after T_RESUME(0) with a signal still held the tracee was not "
			    "stopped (T_GETDATA: errno %d)", errno);
	if (wait_stop(pid, SIGUSR2, "the second of two held signals") < 0 ||
	    tr(T_RESUME, pid, 0, SIGUSR2) != 0)
		return -1;
	usleep(100000);
	if (wait_none(pid, "after the held signals were passed") < 0 || kill(pid, SIGSTOP) < 0 ||
	    wait_stop(pid, SIGSTOP, "SIGSTOP to the tracee") < 0)
		return -1;
	if (hits_of(pid, SIGUSR1) != 2 || hits_of(pid, SIGALRM) != 0 ||
	    hits_of(pid, SIGUSR2) != 1)
		return fail("handler runs: SIGUSR1 %ld (expected 2), SIGALRM %ld (expected 0, "
			    "dropped), SIGUSR2 %ld (expected 1)", hits_of(pid, SIGUSR1),
			    hits_of(pid, SIGALRM), hits_of(pid, SIGUSR2));
	return 0;
}

/* A signal to a tracee stops it for the tracer, its handler not run; passed on, the handler
 * runs; passed as 0, it is dropped; a bad signal is EINVAL; signals_queued; a terminating
 * signal passed on terminates. */
int
case_signals(void)
{
	pid_t pid;

	if (catch_hits(SIGUSR1, 0) < 0 || catch_hits(SIGUSR2, 0) < 0 || catch_hits(SIGALRM, 0) < 0)
		return fail("sigaction");
	if ((pid = start_tracee()) == 0)
		for (;;)
			pause();
	if (pid < 0 || tr(T_RESUME, pid, 0, 0) != 0)
		return pid < 0 ? -1 : fail("T_RESUME");
	usleep(50000);
	if (kill(pid, SIGUSR1) < 0 || wait_stop(pid, SIGUSR1, "SIGUSR1 to the tracee") < 0)
		return -1;
	usleep(100000);
	if (wait_none(pid, "the SIGUSR1 stop") < 0 || hits_of(pid, SIGUSR1) != 0)
		return fail("the handler ran before the tracer passed the signal");
	if (expect_err(tr(T_RESUME, pid, 0, NSIG), EINVAL, "T_RESUME(NSIG)") < 0 ||
	    expect_err(tr(T_RESUME, pid, 0, -1), EINVAL, "T_RESUME(-1)") < 0 ||
	    tr(T_RESUME, pid, 0, SIGUSR1) != 0)
		return -1;
	usleep(100000);
	if (kill(pid, SIGUSR2) < 0 || wait_stop(pid, SIGUSR2, "SIGUSR2 to the tracee") < 0)
		return -1;
	if (hits_of(pid, SIGUSR1) != 1)
		return fail("SIGUSR1 passed on ran its handler %ld times", hits_of(pid, SIGUSR1));
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME(0)");
	usleep(100000);
	if (kill(pid, SIGUSR1) < 0 || wait_stop(pid, SIGUSR1, "SIGUSR1 again") < 0)
		return -1;
	if (hits_of(pid, SIGUSR2) != 0)
		return fail("SIGUSR2 passed as 0 ran its handler");
	if (signals_queued(pid) < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, SIGTERM) != 0)
		return fail("T_RESUME(SIGTERM)");
	return wait_exit(pid, -SIGTERM, "SIGTERM passed on (its default action)");
}

/* T_EXIT ends a stopped tracee with the status the tracer gave (its low 8 bits); the pid is
 * then no tracee (ESRCH). */
int
case_exit(void)
{
	pid_t pid = start_tracee();

	if (pid == 0)
		for (;;)
			pause();
	if (pid < 0)
		return -1;
	if (tr(T_EXIT, pid, 0, 0x1A3) != 0)
		return fail("T_EXIT");
	if (wait_exit(pid, 0xA3, "after T_EXIT(0x1a3)") < 0)
		return -1;
	return expect_err(tr(T_EXIT, pid, 0, 0), ESRCH, "T_EXIT of the dead tracee");
}

/* T_ATTACH of a running child: it stops with SIGSTOP; a second T_ATTACH is EBUSY; after
 * T_DETACH it runs on.  Twice (re-attach): the first time with a SIGUSR2 held, which then
 * runs its handler, the second posting SIGUSR1 with T_DETACH; then it exits normally
 * (9 + SIGUSR1's 1 + SIGUSR2's 2). */
static int
attach_child(void)
{
	int go, round;
	pid_t pid;

	if (catch_hits(SIGUSR1, SA_RESTART) < 0 || catch_hits(SIGUSR2, SA_RESTART) < 0)
		return fail("sigaction");
	if ((pid = gate_child(&go, 9)) < 0)
		return -1;
	usleep(50000);
	for (round = 0; round < 2; round++) {
		if (attach_stopped(pid, round ? "a child, again" : "a child") < 0)
			return -1;
		if (tr(T_GETDATA, pid, (long)&word_magic, 0) != (long)0xDEADBEEF)
			return fail("T_GETDATA of the attached child");
		if (expect_err(tr(T_ATTACH, pid, 0, 0), EBUSY, "a second T_ATTACH") < 0)
			return -1;
		if (round == 0 && kill(pid, SIGUSR2) < 0)
			return fail("kill");
		usleep(50000);
		if (tr(T_DETACH, pid, 0, round ? SIGUSR1 : 0) != 0)
			return fail("T_DETACH(%d)", round ? SIGUSR1 : 0);
		usleep(50000);
		if (wait_none(pid, "the detached child") < 0)
			return -1;
	}
	release(go);
	return wait_exit_within(pid, 12, 3000, "the detached child, released (12: both "
				"signals handled)");
}

/* A pid no process has: a child's, once reaped. */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/* T_ATTACH of system processes (PM, VM, RS, TTY) is EPERM, even for root (all tried).
 * PM's pid is 0 in its own table (getsysinfo); the rule names PM, so EPERM is expected
 * there too. */
static int
attach_system(void)
{
	static struct pm_procinfo tab[64];
	static const endpoint_t sys[] = { PM_PROC_NR, VM_PROC_NR, RS_PROC_NR, VFS_PROC_NR };
	unsigned i;
	int n, k, found = 0, r = 0;

	if ((n = getsysinfo(SI_PROC_TAB, tab, sizeof(tab))) < 0)
		return fail("getsysinfo");
	n /= (int)sizeof(tab[0]);		/* bytes, whole rows */
	for (k = 0; k < n; k++)
		for (i = 0; i < sizeof(sys) / sizeof(sys[0]); i++)
			if (tab[k].endpt == sys[i]) {
				found++;
				if (tr(T_ATTACH, tab[k].pid, 0, 0) != -1 || errno != EPERM)
					r = fail("T_ATTACH of %s (pid %d) was not EPERM",
						 tab[k].name, tab[k].pid);
			}
	if (found != (int)(sizeof(sys) / sizeof(sys[0])))
		return fail("found %d of PM, VM, RS and VFS in PM's table", found);
	return r;
}

/* The pid of the process called name in PM's table, or -1. */
static pid_t
pid_of(const char *name)
{
	static struct pm_procinfo tab[64];
	int n = getsysinfo(SI_PROC_TAB, tab, sizeof(tab)), k;

	for (k = 0; n > 0 && k < n / (int)sizeof(tab[0]); k++)
		if (strcmp(tab[k].name, name) == 0)
			return tab[k].pid;
	return -1;
}

/* Root traces a service (the hello driver): it stops with SIGSTOP, its registers read;
 * T_EXIT is EPERM (RS ends services); after T_DETACH it serves /dev/hello again. */
static int
attach_service(void)
{
	pid_t pid = pid_of("hello");
	char buf[64];
	int fd;
	ssize_t n;

	if (pid < 0)
		return fail("no hello in PM's table");
	if (attach_stopped(pid, "the hello service") < 0)
		return -1;
	if (tr(T_GETUSER, pid, T_REG_EIP, 0) == -1 && errno != 0)
		return fail("T_GETUSER of hello's EIP");
	if (expect_err(tr(T_EXIT, pid, 0, 0), EPERM, "T_EXIT of a service") < 0)
		return -1;
	if (tr(T_DETACH, pid, 0, 0) != 0)
		return fail("T_DETACH of hello");
	fd = open("/dev/hello", O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0 || strncmp(buf, "Hello", 5) != 0)
		return fail("hello did not serve a read after T_DETACH");
	return 0;
}

/* T_ATTACH and T_DETACH (attach_child); EPERM for oneself, PM, VM, RS and VFS; root traces a
 * service (attach_service); ESRCH for a pid no process has; init (a user process) may be
 * attached by root and runs on. */
int
case_attach(void)
{
	int r;

	if (attach_child() < 0)
		return -1;
	if (expect_err(tr(T_ATTACH, getpid(), 0, 0), EPERM, "T_ATTACH of oneself") < 0 ||
	    expect_err(tr(T_ATTACH, dead_pid(), 0, 0), ESRCH, "T_ATTACH of a dead pid") < 0 ||
	    expect_err(tr(T_ATTACH, 31000, 0, 0), ESRCH, "T_ATTACH of pid 31000") < 0)
		return -1;
	r = attach_system();
	if (r == 0)
		r = attach_service();
	if (attach_stopped(INIT_PID, "init") < 0)
		return -1;
	if (tr(T_DETACH, INIT_PID, 0, 0) != 0)
		return fail("T_DETACH of init");
	return r;
}

/* ESRCH for a child not traced and for a dead pid; EBUSY for a running tracee; EINVAL for
 * bad requests (T_STOP, 99) and bad signals, asked of a stopped tracee. */
int
case_errors(void)
{
	int go;
	pid_t pid, child = gate_child(&go, 0);

	if (child < 0)
		return -1;
	if (expect_err(tr(T_GETDATA, child, (long)&word_magic, 0), ESRCH,
		       "T_GETDATA of a child not traced") < 0 ||
	    expect_err(tr(T_RESUME, child, 0, 0), ESRCH, "T_RESUME of a child not traced") < 0 ||
	    expect_err(tr(T_GETDATA, dead_pid(), 0, 0), ESRCH, "T_GETDATA of a dead pid") < 0)
		return -1;
	release(go);
	if (wait_exit(child, 0, "the untraced child") < 0)
		return -1;
	if ((pid = start_tracee()) == 0)
		for (;;)
			pause();
	if (pid < 0 || tr(T_RESUME, pid, 0, 0) != 0)
		return pid < 0 ? -1 : fail("T_RESUME");
	usleep(50000);
	if (expect_err(tr(T_GETDATA, pid, (long)&word_magic, 0), EBUSY,
		       "T_GETDATA of a running tracee") < 0 ||
	    expect_err(tr(T_RESUME, pid, 0, 0), EBUSY, "T_RESUME of a running tracee") < 0)
		return -1;
	if (kill(pid, SIGUSR2) < 0 || wait_stop(pid, SIGUSR2, "SIGUSR2 to the tracee") < 0)
		return -1;
	if (expect_err(tr(T_STOP, pid, 0, 0), EINVAL, "T_STOP") < 0 ||
	    expect_err(tr(99, pid, 0, 0), EINVAL, "request 99") < 0 ||
	    expect_err(tr(T_STEP, pid, 0, NSIG), EINVAL, "T_STEP(NSIG)") < 0 ||
	    expect_err(tr(T_SYSCALL, pid, 0, -1), EINVAL, "T_SYSCALL(-1)") < 0 ||
	    expect_err(tr(T_DETACH, pid, 0, NSIG), EINVAL, "T_DETACH(NSIG)") < 0)
		return -1;
	kill(pid, SIGKILL);
	return wait_exit(pid, -SIGKILL, "SIGKILL to the stopped tracee");
}

/* The fork case's tracee: a child with TO_TRACEFORK (exit 4), then one without (exit 5);
 * exit 0 if both came back right. */
static void
fork_tracee(void)
{
	int s1 = 0, s2 = 0;
	pid_t c = fork();

	if (c == 0)
		_exit(4);
	waitpid(c, &s1, 0);
	raise(SIGSTOP);
	if ((c = fork()) == 0)
		_exit(5);
	waitpid(c, &s2, 0);
	_exit(WIFEXITED(s1) && WEXITSTATUS(s1) == 4 && WIFEXITED(s2) && WEXITSTATUS(s2) == 5 ?
	      0 : 1);
}

/* TO_TRACEFORK: the tracee's child is traced too and starts stopped with SIGSTOP, reported
 * to the tracer (its death too); without it, a child is not traced. */
int
case_fork(void)
{
	int st;
	pid_t gc, pid = start_tracee();

	if (pid == 0)
		fork_tracee();
	if (pid < 0)
		return -1;
	if (tr(T_SETOPT, pid, 0, TO_TRACEFORK) != 0 || tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_SETOPT(TO_TRACEFORK), T_RESUME");
	if ((gc = waitpid(-1, &st, 0)) <= 0 || gc == pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != SIGSTOP)
		return fail("waitpid(-1) answered %d, status %#x: not the new child's SIGSTOP",
			    gc, st);
	if (tr(T_GETDATA, gc, (long)&word_magic, 0) != (long)0xDEADBEEF || tr(T_RESUME, gc, 0, 0))
		return fail("T_GETDATA, T_RESUME of the traced new child");
	if (wait_exit(gc, 4, "the traced new child") < 0 ||
	    wait_stop(pid, SIGCHLD, "SIGCHLD of the new child's death") < 0 ||
	    tr(T_RESUME, pid, 0, SIGCHLD) != 0 ||
	    wait_stop(pid, SIGSTOP, "the tracee's second SIGSTOP") < 0)
		return -1;
	if (tr(T_SETOPT, pid, 0, 0) != 0 || tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_SETOPT(0), T_RESUME");
	if (wait_stop(pid, SIGCHLD, "SIGCHLD of the untraced child's death") < 0 ||
	    tr(T_RESUME, pid, 0, SIGCHLD) != 0)
		return -1;
	return wait_exit_within(pid, 0, 3000, "the tracee (0: both children exited right)");
}

/* The death case's tracer: attach to pid (a SIGCHLD for it), say 'a' on fd, let it run
 * after a while; collect its exit late, say 'c'; exit 0 if it saw exit status 6. */
static void
death_tracer(pid_t pid, int fd)
{
	if (catch_hits(SIGCHLD, SA_RESTART) < 0 || attach_stopped(pid, "its parent's child") < 0)
		_exit(1);
	write(fd, "a", 1);
	usleep(300000);
	if (hits[SIGCHLD] < 1) {
		fail("no SIGCHLD to the tracer for its tracee's stop");
		_exit(1);
	}
	if (tr(T_RESUME, pid, 0, 0) != 0)
		_exit(1);
	usleep(600000);
	if (wait_exit(pid, 6, "the tracer's waitpid of its tracee") < 0)
		_exit(1);
	write(fd, "c", 1);
	_exit(0);
}

/* A tracee's stop is not its parent's to see; its death is told to its tracer first, the
 * parent collects it after.  The parent may not trace it meanwhile (ESRCH). */
int
case_death(void)
{
	int go, fds[2];
	char c = 0;
	pid_t tracer, pid = gate_child(&go, 6);

	if (pid < 0 || pipe(fds) < 0)
		return pid < 0 ? -1 : fail("pipe");
	if ((tracer = fork()) == 0)
		death_tracer(pid, fds[1]);
	close(fds[1]);				/* the tracer's death ends the reads */
	if (read(fds[0], &c, 1) != 1 || c != 'a')
		return fail("the tracer did not attach");
	if (wait_none(pid, "the parent, while its child is stopped for the tracer") < 0)
		return -1;
	if (expect_err(tr(T_GETDATA, pid, (long)&word_magic, 0), ESRCH,
		       "T_GETDATA of another's tracee") < 0)
		return -1;
	release(go);
	usleep(200000);
	if (wait_none(pid, "the parent, before the tracer collected its tracee") < 0)
		return -1;
	if (read(fds[0], &c, 1) != 1 || c != 'c')
		return fail("the tracer did not collect the exit");
	if (wait_exit(pid, 6, "the parent's waitpid after the tracer's") < 0)
		return -1;
	return wait_exit(tracer, 0, "the tracer");
}

/* The tracerdeath case's tracer: attach to held and, while it is stopped, send it SIGUSR1
 * (held for the tracer, not reported); attach to dies and let it run; say 'a' on fd; once
 * 'd' comes on back (dies is dead, not collected), die while the parent waits for it. */
static void
dying_tracer(pid_t held, pid_t dies, int fd, int back)
{
	char c;

	if (attach_stopped(held, "its parent's child") < 0 || kill(held, SIGUSR1) < 0 ||
	    attach_stopped(dies, "another child of its parent") < 0 ||
	    tr(T_RESUME, dies, 0, 0) != 0)
		_exit(1);
	write(fd, "a", 1);
	if (read(back, &c, 1) != 1)
		_exit(1);
	usleep(100000);				/* the parent waits for dies by now */
	_exit(0);
}

/* A tracer's death detaches its stopped tracee: the held SIGUSR1 goes to its handler, and
 * it runs on and exits normally (status 6 + the one SIGUSR1).  A tracee that died before
 * its tracer, uncollected, goes to its parent (status 4). */
int
case_tracerdeath(void)
{
	int go, go2, up[2], down[2];
	char c;
	pid_t tracer, held, dies;

	if (catch_hits(SIGUSR1, 0) < 0 || pipe(up) < 0 || pipe(down) < 0)
		return fail("sigaction, pipe");
	if ((held = gate_child(&go, 6)) < 0 || (dies = gate_child(&go2, 4)) < 0)
		return -1;
	if ((tracer = fork()) == 0)
		dying_tracer(held, dies, up[1], down[0]);
	close(up[1]);
	if (read(up[0], &c, 1) != 1)
		return fail("the tracer did not attach");
	release(go2);
	usleep(200000);
	if (wait_none(dies, "the parent, before the tracer collected its tracee") < 0)
		return -1;
	write(down[1], "d", 1);
	if (wait_exit(dies, 4, "a dead tracer's uncollected tracee, waited for") < 0 ||
	    wait_exit(tracer, 0, "the tracer") < 0)
		return -1;
	release(go);
	return wait_exit_within(held, 7, 3000, "the tracee of a dead tracer (7: SIGUSR1 caught)");
}

/* A gate child (as gate_child, exit 3) of user 100 in group 100, made by root. */
static pid_t
group_gate(int *go)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		return fail("pipe");
	if ((pid = fork()) == 0) {
		close(fds[1]);
		if (setgid(100) != 0 || setuid(100) != 0)
			_exit(98);
		_exit(read(fds[0], &c, 1) == 1 ? 3 : 99);
	}
	close(fds[0]);
	*go = fds[1];
	return pid < 0 ? fail("fork") : pid;
}

/* The uid case's tracer, user 100 in group 0: root's process, one of user 100 in group
 * 100 and a service are EPERM, its own child may be traced. */
static void
user_tracer(pid_t root_pid)
{
	int go, go2 = -1;
	pid_t pid, other = group_gate(&go2), service = pid_of("hello");

	usleep(50000);				/* other has its ids */
	if (other < 0 || setuid(100) != 0 || getuid() != 100 || geteuid() != 100) {
		fail("setuid(100)");
		_exit(1);
	}
	if (expect_err(tr(T_ATTACH, root_pid, 0, 0), EPERM, "user 100 attaching root's") < 0 ||
	    expect_err(tr(T_ATTACH, other, 0, 0), EPERM, "attaching another group's") < 0 ||
	    expect_err(tr(T_ATTACH, service, 0, 0), EPERM, "user 100 attaching a service") < 0)
		_exit(1);
	release(go2);
	if (wait_exit(other, 3, "the other group's child") < 0 || (pid = gate_child(&go, 3)) < 0)
		_exit(1);
	if (attach_stopped(pid, "user 100's own child") < 0 || tr(T_DETACH, pid, 0, 0) != 0)
		_exit(1);
	release(go);
	_exit(wait_exit(pid, 3, "user 100's detached child") < 0);
}

/* A non-root tracer may not attach to root's process, another group's or a service (EPERM)
 * but may to its own. */
int
case_uid(void)
{
	int go;
	pid_t tracer, pid = gate_child(&go, 3);

	if (pid < 0)
		return -1;
	if ((tracer = fork()) == 0)
		user_tracer(pid);
	if (wait_exit(tracer, 0, "user 100's tracer") < 0)
		return -1;
	release(go);
	return wait_exit_within(pid, 3, 3000, "root's child, released");
}
