/*
 * posix_sys.c - system-level conformance: /test/posix_sys root|user, run by
 * grader/tests/posix_files.py as root and as user 100.  Work files live under
 * /tmp/psys.<uid>; every case prints PASS or FAIL (the rule and the errno), and a DONE line
 * ends the run.
 *
 * Cases: abort() and a failing assert() end a child killed by SIGABRT, also when a handler
 * returns or SIGABRT is ignored or blocked, and a handler runs first (handouts/libc.md,
 * "abort"); times(): a loop of read()s of /dev/zero gets system time, a compute loop gets
 * user time and nearly no system time, a waited child's times land in tms_cutime and
 * tms_cstime (handouts/pm.md, "Process times").
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "posixfile.h"
#include "testlib.h"

static int as_root;

/* ---- abort ---- */

static int handler_fd = -1;     /* the write end of the pipe a handler reports on */

static void abort_handler(int sig) { (void)sig; write(handler_fd, "h", 1); }

/* The child of each abort case: what to do with SIGABRT first (0 nothing, 1 a returning
 * handler that writes "h" on handler_fd, 2 SIG_IGN, 3 blocked, 4 assert). */
static int
abort_child(void *arg)
{
	int how = (int)(long)arg;
	sigset_t set;

	if (how == 1)
		signal(SIGABRT, abort_handler);
	if (how == 2)
		signal(SIGABRT, SIG_IGN);
	if (how == 3) {
		sigemptyset(&set);
		sigaddset(&set, SIGABRT);
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	if (how == 4) {		/* the assertion's message goes to the file "assert" */
		dup2(open(px_path("assert"), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
		assert(how == 5);
	}
	abort();
	return 1;
}

static void
case_abort(void)
{
	static const char *names[] = { "sys_abort_default", "sys_abort_handler_returns",
				       "sys_abort_ignored", "sys_abort_blocked", "sys_abort_assert" };
	int p[2], fd;
	char c = 0, msg[128] = "";

	for (long how = 0; how < 5; how++)
		if (how != 1)
			px_child(names[how], px_fork(abort_child, (void *)how), 1000 + SIGABRT);
	fd = open(px_path("assert"), O_RDONLY);
	test_check("sys_abort_assert_message", fd >= 0 && read(fd, msg, sizeof(msg) - 1) > 0 &&
		   strstr(msg, "how == 5") != NULL && strstr(msg, "posix_sys.c") != NULL,
		   "a failed assert must print the expression and the file on stderr (got \"%s\")",
		   msg);
	close(fd);
	unlink(px_path("assert"));
	if (!test_ok("sys_abort_handler_runs", pipe(p), "pipe"))
		return;
	handler_fd = p[1];
	px_child(names[1], px_fork(abort_child, (void *)1L), 1000 + SIGABRT);
	close(p[1]);
	test_check("sys_abort_handler_runs", read(p[0], &c, 1) == 1 && c == 'h',
		   "the SIGABRT handler must run before abort() ends the process");
	close(p[0]);
}

/* ---- times ---- */

/* Real milliseconds on the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static volatile unsigned long sink;

/* Compute for ms milliseconds of real time. */
static void
compute(int ms)
{
	long long end = now_ms() + ms;

	while (now_ms() < end)
		for (int i = 0; i < 200000; i++)
			sink += (unsigned long)i;
}

/* read() /dev/zero for ms milliseconds of real time: 1 if every read worked. */
static int
read_zero(int ms)
{
	char buf[64];
	long long end = now_ms() + ms;
	int fd = open("/dev/zero", O_RDONLY), ok = fd >= 0;

	while (ok && now_ms() < end)
		for (int i = 0; ok && i < 20; i++)
			ok = read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf);
	close(fd);
	return ok;
}

static int
times_child(void *arg)
{
	(void)arg;
	compute(150);
	return read_zero(250) ? 0 : 1;
}

static void
case_times(void)
{
	struct tms t0, t1;
	clock_t c0, c1;
	long du, ds;

	times(&t0);
	test_check("sys_times_read_ok", read_zero(400), "read of /dev/zero failed");
	times(&t1);
	ds = (long)(t1.tms_stime - t0.tms_stime);
	test_check("sys_times_stime_syscalls", ds > 0,
		   "400 ms of read(/dev/zero) must add system time (stime %ld -> %ld)",
		   (long)t0.tms_stime, (long)t1.tms_stime);
	times(&t0);
	c0 = clock();
	compute(400);
	c1 = clock();
	times(&t1);
	du = (long)(t1.tms_utime - t0.tms_utime);
	ds = (long)(t1.tms_stime - t0.tms_stime);
	test_check("sys_times_compute_utime", du > 0 && du >= 8 * ds,
		   "400 ms of computing must be user time, >= 8 times the system time "
		   "(utime +%ld, stime +%ld)", du, ds);
	test_check("sys_times_clock", c1 > c0 && (c1 - c0) / (CLOCKS_PER_SEC /
		   sysconf(_SC_CLK_TCK)) == du + ds,
		   "clock() must grow by the user plus system ticks (%ld, ticks %ld)",
		   (long)(c1 - c0), du + ds);
	times(&t0);
	px_child("sys_times_child_exit", px_fork(times_child, NULL), 0);
	times(&t1);
	test_check("sys_times_cutime_cstime", t1.tms_cutime > t0.tms_cutime &&
		   t1.tms_cstime > t0.tms_cstime,
		   "a waited child's user and system time must land in tms_cutime and "
		   "tms_cstime (cutime +%ld, cstime +%ld)",
		   (long)(t1.tms_cutime - t0.tms_cutime), (long)(t1.tms_cstime - t0.tms_cstime));
}

int
main(int argc, char **argv)
{
	as_root = px_start("posix_sys", "psys", argc, argv);
	mkdir(px_dir(), 0755);
	case_abort();
	case_times();
	rmdir(px_dir());
	return test_done();
}
