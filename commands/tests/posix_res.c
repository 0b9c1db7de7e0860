/*
 * posix_res.c - resource use and limits, the clock, and the set-id taint (handouts/pm.md,
 * "Process times", "Setting the clock", "Set-user-id programs", "The file size limit").
 *
 * Run from the shell (/test/posix_res), as root and as the ordinary user ast, by
 * grader/tests/posix_proc.py.  Cases (each prints PASS or FAIL, the rule and the errno):
 *   - getrusage: a bad pointer is EFAULT (PM writes the struct); ru_maxrss is nonzero and
 *     grows after 2 MiB are touched; RUSAGE_CHILDREN's ru_maxrss covers a waited-for child
 *     that touched 1 MiB;
 *   - wait4/wait3 fill the reaped child's rusage (its CPU time: 300 ms of clock() show as
 *     user plus system time; ru_maxrss); a bad
 *     rusage pointer is EFAULT and leaves the child to a later wait, whether the child had
 *     ended already or ends while the parent waits;
 *   - clock_settime/settimeofday/stime/adjtime: EINVAL for another clock or tv_nsec out of
 *     range; root moves the time of day (a file written after it carries the new time) and
 *     puts it back; a user gets EPERM;
 *   - issetugid: 0 for a plain process; 1 after setuid, kept by fork, cleared by the exec
 *     of an ordinary program; 1 in a set-user-id program (root only: it makes the copy);
 *     cuserid names the effective user;
 *   - RLIMIT_FSIZE: unlimited at first; with a 1000-byte limit a write stops at the limit,
 *     the next is EFBIG with SIGXFSZ (caught or ignored), a truncate past it is EFBIG, the
 *     default action kills with SIGXFSZ; fork and exec keep it; soft above hard is EINVAL,
 *     raising the hard one EPERM for a user.
 * The program execs itself with "report" (its exit status is issetugid()) and "fsize"
 * (status 0 if the soft RLIMIT_FSIZE is 1000).
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "testlib.h"

#define PROG "/test/posix_res"
#define SUID_COPY "/tmp/posix_res_suid"
#define BAD_PTR ((void *)0x10)
#define KIB 1024
#define LIMIT 1000

static volatile int xfsz_seen;

/* Touch n bytes of fresh memory (kept: the resident size stays up). */
static void
touch(size_t n)
{
	char *p = malloc(n);
	size_t i;

	if (p != NULL)
		for (i = 0; i < n; i += 4096)
			p[i] = 1;
}

/* A child that computes about ms of CPU time, touches kib KiB, then exits with status. */
static pid_t
busy_child(int ms, size_t kib, int status)
{
	pid_t pid = fork();
	clock_t end;

	if (pid != 0)
		return pid;
	touch(kib * KIB);
	end = clock() + (clock_t)ms * (CLOCKS_PER_SEC / 1000);
	while (clock() < end)
		;
	_exit(status);
}

static void
case_getrusage(void)
{
	struct rusage a, b;
	int st;
	pid_t pid;

	test_errno("posix_res_getrusage_efault", getrusage(RUSAGE_SELF, NULL), EFAULT,
		   "getrusage(RUSAGE_SELF, NULL) is EFAULT");
	test_errno("posix_res_getrusage_bad_pointer", getrusage(RUSAGE_SELF, BAD_PTR), EFAULT,
		   "getrusage into an unmapped address is EFAULT, not a fault");
	if (!test_ok("posix_res_maxrss", getrusage(RUSAGE_SELF, &a), "getrusage"))
		return;
	touch(2048 * KIB);
	getrusage(RUSAGE_SELF, &b);
	test_check("posix_res_maxrss", a.ru_maxrss > 0 && b.ru_maxrss >= a.ru_maxrss + 1800,
		   "ru_maxrss %ld KiB, then %ld KiB after touching 2 MiB", a.ru_maxrss,
		   b.ru_maxrss);
	pid = busy_child(0, 1024, 0);
	waitpid(pid, &st, 0);
	getrusage(RUSAGE_CHILDREN, &a);
	test_check("posix_res_children_maxrss", a.ru_maxrss >= 1024,
		   "RUSAGE_CHILDREN ru_maxrss %ld KiB after a child touched 1 MiB", a.ru_maxrss);
}

static void
case_wait4(void)
{
	struct rusage ru;
	int st = 0;
	pid_t pid = busy_child(300, 0, 7), r;
	long ms;

	memset(&ru, 0, sizeof(ru));
	r = wait4(pid, &st, 0, &ru);
	ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	     (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
	test_check("posix_res_wait4", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7 &&
		   ms >= 250 && ms < 2000 && ru.ru_maxrss > 0, "wait4 %d (child %d) status %#x, "
		   "ru_utime + ru_stime %ld ms for 300 ms of clock(), ru_maxrss %ld (errno %s)",
		   (int)r, (int)pid, st, ms, ru.ru_maxrss, strerror(errno));
	pid = busy_child(0, 0, 3);
	usleep(100000);			/* a zombie already */
	r = wait4(pid, &st, 0, BAD_PTR);
	if (test_errno("posix_res_wait4_efault", r, EFAULT,
		       "wait4 with a bad rusage pointer is EFAULT"))
		test_check("posix_res_wait4_efault_kept", waitpid(pid, &st, WNOHANG) == pid &&
			   WEXITSTATUS(st) == 3, "the child was reaped by the failed wait4");
	pid = busy_child(200, 0, 4);	/* ends while the parent waits */
	r = wait4(pid, &st, 0, BAD_PTR);
	if (test_errno("posix_res_wait4_efault_late", r, EFAULT,
		       "a waiting wait4 with a bad rusage pointer is EFAULT"))
		test_check("posix_res_wait4_efault_late_kept",
			   waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 4,
			   "the child was reaped by the failed wait4");
	pid = busy_child(0, 0, 5);
	r = wait3(&st, 0, &ru);
	test_check("posix_res_wait3", r == pid && WEXITSTATUS(st) == 5 && ru.ru_maxrss > 0,
		   "wait3 %d (child %d) status %#x ru_maxrss %ld", (int)r, (int)pid, st,
		   ru.ru_maxrss);
}

static void
case_clock_errors(void)
{
	struct timespec ts = { 1000000000, 0 };

	test_errno("posix_res_settime_clock", clock_settime(CLOCK_MONOTONIC, &ts), EINVAL,
		   "CLOCK_MONOTONIC cannot be set");
	if (geteuid() != 0) {
		struct timeval tv = { 1, 0 };
		time_t t = time(NULL);

		ts.tv_sec = time(NULL);
		test_check("posix_res_settime_eperm",
			   clock_settime(CLOCK_REALTIME, &ts) < 0 && errno == EPERM &&
			   settimeofday(&tv, NULL) < 0 && errno == EPERM &&
			   adjtime(&tv, NULL) < 0 && errno == EPERM &&
			   stime(&t) < 0 && errno == EPERM,
			   "a user sets the clock: want EPERM from all four (errno %s)",
			   strerror(errno));
		return;
	}
	ts.tv_nsec = 1000000000L;
	test_errno("posix_res_settime_nsec", clock_settime(CLOCK_REALTIME, &ts), EINVAL,
		   "tv_nsec of 1000000000 is EINVAL");
	ts.tv_nsec = -1;
	test_errno("posix_res_settime_nsec_negative", clock_settime(CLOCK_REALTIME, &ts),
		   EINVAL, "a negative tv_nsec is EINVAL");
}

/* Root: the clock moves forward 100000 s (a file written 1.2 s later has the new time),
 * adjtime steps it, settimeofday and stime put it back. */
static void
case_clock_root(void)
{
	struct timespec now, ts;
	struct timeval d = { 5, 0 }, old = { 9, 9 }, tv;
	struct stat s;
	time_t t0 = time(NULL), t;
	int fd;

	if (geteuid() != 0)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	ts = now;
	ts.tv_sec += 100000;
	if (!test_ok("posix_res_settime", clock_settime(CLOCK_REALTIME, &ts), "clock_settime"))
		return;
	t = time(NULL);
	usleep(1200000);
	fd = open("/tmp/posix_res_time", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	write(fd, "x", 1);
	fstat(fd, &s);
	close(fd);
	unlink("/tmp/posix_res_time");
	test_check("posix_res_settime", t >= t0 + 100000 && t <= t0 + 100002 &&
		   s.st_mtime >= t0 + 100000 && s.st_mtime <= t0 + 100004,
		   "time %ld and a new file's mtime %ld after setting %ld + 100000",
		   (long)t, (long)s.st_mtime, (long)t0);
	adjtime(&d, &old);
	t = time(NULL);
	test_check("posix_res_adjtime", t >= t0 + 100005 && t <= t0 + 100008 &&
		   old.tv_sec == 0 && old.tv_usec == 0,
		   "adjtime +5 s: time %ld (start %ld), olddelta %ld.%06ld", (long)t, (long)t0,
		   (long)old.tv_sec, (long)old.tv_usec);
	tv.tv_sec = t0 + 50000, tv.tv_usec = 0;
	settimeofday(&tv, NULL);
	t = time(NULL);
	test_check("posix_res_settimeofday", t >= t0 + 50000 && t <= t0 + 50001,
		   "settimeofday to %ld: time %ld", (long)tv.tv_sec, (long)t);
	t = t0 + 2;			/* about 1.3 s passed; put the clock back near the truth */
	test_check("posix_res_stime", stime(&t) == 0 && time(NULL) - t0 >= 1 &&
		   time(NULL) - t0 <= 3, "stime back to %ld: time %ld", (long)t,
		   (long)time(NULL));
}

/* Run path with "report" after setuid(100) in a child: issetugid() of the program, or -1. */
static int
report_as_user(const char *path)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		if (setuid(100) != 0 || issetugid() != 1)
			_exit(20);
		if (fork() == 0)
			_exit(issetugid() == 1 ? 0 : 21);	/* fork keeps it */
		wait(&st);
		if (st != 0)
			_exit(21);
		execl(path, path, "report", (char *)NULL);
		_exit(22);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Copy PROG to SUID_COPY, set-user-id root: 0, or -1. */
static int
suid_copy(void)
{
	char buf[4096];
	ssize_t n;
	int in = open(PROG, O_RDONLY), out = open(SUID_COPY, O_CREAT | O_TRUNC | O_WRONLY, 0755);

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return -1;
	close(in);
	close(out);
	return chmod(SUID_COPY, 04755);
}

static void
case_issetugid(void)
{
	char buf[L_cuserid], *name;
	struct passwd *pw = getpwuid(geteuid());
	int r;

	test_check("posix_res_issetugid_plain", issetugid() == 0,
		   "a process started plainly: issetugid() %d", issetugid());
	name = cuserid(NULL);
	test_check("posix_res_cuserid", pw != NULL && name != NULL &&
		   strcmp(name, pw->pw_name) == 0 && cuserid(buf) == buf &&
		   strcmp(buf, pw->pw_name) == 0, "cuserid gives '%s', want '%s'",
		   name != NULL ? name : "(null)", pw != NULL ? pw->pw_name : "?");
	if (geteuid() != 0)
		return;
	r = report_as_user(PROG);
	test_check("posix_res_issetugid_setuid", r == 0, "setuid(100) then fork: want 1 "
		   "in both, then exec of a plain program: want 0 (got status %d)", r);
	if (!test_ok("posix_res_issetugid_suid", suid_copy(), "copy " PROG))
		return;
	r = report_as_user(SUID_COPY);
	test_check("posix_res_issetugid_suid", r == 1, "a set-user-id root program run by "
		   "uid 100: issetugid() want 1, got status %d", r);
	unlink(SUID_COPY);
}

static void
on_xfsz(int sig)
{
	(void)sig;
	xfsz_seen++;
}

/* In a child: the RLIMIT_FSIZE write and truncate rules with SIGXFSZ caught (how 1) or
 * ignored (0); the exit status is the step that failed. */
static int
fsize_rules(int caught)
{
	struct rlimit rl = { LIMIT, RLIM_INFINITY };
	char buf[600];
	int fd = open("/tmp/posix_res_fsize", O_CREAT | O_TRUNC | O_RDWR, 0644);

	signal(SIGXFSZ, caught ? on_xfsz : SIG_IGN);
	memset(buf, 'f', sizeof(buf));
	if (fd < 0 || setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 1;
	if (write(fd, buf, 600) != 600 || write(fd, buf, 600) != 400 || xfsz_seen != 0)
		return 2;		/* the second write stops at the limit, no signal */
	if (write(fd, buf, 1) != -1 || errno != EFBIG || xfsz_seen != caught)
		return 3;
	if (pwrite(fd, buf, 1, LIMIT + 100) != -1 || errno != EFBIG)
		return 4;
	if (ftruncate(fd, LIMIT + 1) != -1 || errno != EFBIG)
		return 5;
	if (truncate("/tmp/posix_res_fsize", 5000) != -1 || errno != EFBIG)
		return 6;
	if (ftruncate(fd, 500) != 0 || pwrite(fd, buf, 10, 990) != 10 ||
	    lseek(fd, 0, SEEK_END) != LIMIT)
		return 7;		/* shrinking, and writing below the limit, work */
	close(fd);
	return 0;
}

/* Run f(arg) in a child: its wait status. */
static int
in_child(int (*f)(int), int arg)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(f(arg));
	waitpid(pid, &st, 0);
	return st;
}

/* Child: over the limit with SIGXFSZ's default action. */
static int
fsize_default(int unused)
{
	struct rlimit rl = { LIMIT, RLIM_INFINITY };
	char buf[LIMIT + 1];
	int fd = open("/tmp/posix_res_fsize", O_CREAT | O_TRUNC | O_WRONLY, 0644);

	(void)unused;
	memset(buf, 'd', sizeof(buf));
	if (fd < 0 || setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 1;
	write(fd, buf, LIMIT);
	write(fd, buf, 1);
	return 2;
}

/* Child: the limit is inherited by a grandchild and kept by exec. */
static int
fsize_inherit(int unused)
{
	struct rlimit rl = { LIMIT, RLIM_INFINITY };
	int st;

	(void)unused;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 1;
	if (fork() == 0) {
		execl(PROG, PROG, "fsize", (char *)NULL);
		_exit(3);
	}
	wait(&st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 4;
}

/* Child: soft above hard, and raising the hard limit. */
static int
fsize_errors(int unused)
{
	struct rlimit rl = { 5000, 4000 };

	(void)unused;
	if (setrlimit(RLIMIT_FSIZE, &rl) != -1 || errno != EINVAL)
		return 1;
	rl.rlim_cur = rl.rlim_max = 4000;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 2;
	rl.rlim_max = 8000;
	if (geteuid() != 0)
		return setrlimit(RLIMIT_FSIZE, &rl) == -1 && errno == EPERM ? 0 : 3;
	return setrlimit(RLIMIT_FSIZE, &rl) == 0 ? 0 : 4;
}

/* The RLIMIT_FSIZE cases run in a child that exits 0 when the rule holds. */
static const struct fsize_case {
	const char *name;
	int (*run)(int);
	int arg;
	const char *rule;
} fsize_cases[] = {
	{ "posix_res_fsize_ignored", fsize_rules, 0, "SIGXFSZ ignored: a write stops at the "
	  "limit, then EFBIG; a truncate past it EFBIG" },
	{ "posix_res_fsize_caught", fsize_rules, 1, "SIGXFSZ caught: one signal, then EFBIG" },
	{ "posix_res_fsize_inherited", fsize_inherit, 0, "fork and exec keep the limit" },
	{ "posix_res_fsize_errors", fsize_errors, 0, "soft above hard EINVAL; raising the hard "
	  "limit EPERM for a user, allowed to root" },
};

static void
case_fsize(void)
{
	struct rlimit rl = { 0, 0 };
	size_t i;
	int st;

	test_check("posix_res_fsize_default", getrlimit(RLIMIT_FSIZE, &rl) == 0 &&
		   rl.rlim_cur == RLIM_INFINITY && rl.rlim_max == RLIM_INFINITY,
		   "RLIMIT_FSIZE starts unlimited (%lu %lu)", (unsigned long)rl.rlim_cur,
		   (unsigned long)rl.rlim_max);
	for (i = 0; i < sizeof(fsize_cases) / sizeof(fsize_cases[0]); i++) {
		st = in_child(fsize_cases[i].run, fsize_cases[i].arg);
		test_check(fsize_cases[i].name, st == 0, "%s (the child's wait status %#x: the "
			   "step that failed)", fsize_cases[i].rule, st);
	}
	st = in_child(fsize_default, 0);
	test_check("posix_res_fsize_kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ,
		   "a write past the limit with SIGXFSZ's default action: wait status %#x", st);
	unlink("/tmp/posix_res_fsize");
}

int
main(int argc, char **argv)
{
	struct rlimit rl;

	argc = test_init("posix_res", argc, argv);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return issetugid();
	if (argc > 1 && strcmp(argv[1], "fsize") == 0)
		return getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur == LIMIT ? 0 : 5;
	case_getrusage();
	case_wait4();
	case_clock_errors();
	case_clock_root();
	case_issetugid();
	case_fsize();
	return test_done();
}
