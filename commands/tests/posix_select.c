/*
 * posix_select.c - select(), conformance: /test/posix_select root|user, run by
 * grader/tests/posix_files.py as root and as user 100 (handouts/vfs.md, "Pipes" and the
 * select rules there).  Every case prints PASS or FAIL (the rule and the errno), and a DONE
 * line ends the run.
 *
 * Cases: an empty pipe is not readable (a zero timeout returns 0 at once, its set
 * cleared); one byte makes it readable, and only it among two pipes; a pipe's write end is
 * writable; a read end whose writers are gone is readable (end of file); a timeout waits
 * about as long as asked; a write by another process wakes a select without a timeout; a
 * regular file is readable, writable and "exceptional" at once; /dev/zero and /dev/null
 * are always ready to read and write; select with no descriptors sleeps for its
 * timeout; a closed descriptor is EBADF, a negative nfds or a bad timeout EINVAL; a signal
 * ends a waiting select with EINTR.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "posixfile.h"
#include "testlib.h"

/* select() on fd for reading (rd) or writing, with timeout ms (-1: none): its result. */
static int
one(int fd, int rd, int ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
	fd_set set;

	FD_ZERO(&set);
	FD_SET(fd, &set);
	return select(fd + 1, rd ? &set : NULL, rd ? NULL : &set, NULL, ms < 0 ? NULL : &tv);
}

/* Milliseconds since some fixed time (the monotonic clock). */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void
case_pipes(void)
{
	int p[2], q[2], n;
	fd_set set;
	struct timeval zero = { 0, 0 };

	pipe(p);
	pipe(q);
	FD_ZERO(&set);
	FD_SET(p[0], &set);
	n = select(p[0] + 1, &set, NULL, NULL, &zero);
	test_check("select_empty_pipe", n == 0 && !FD_ISSET(p[0], &set),
		   "an empty pipe must not be readable (got %d)", n);
	write(q[1], "x", 1);
	FD_ZERO(&set);
	FD_SET(p[0], &set);
	FD_SET(q[0], &set);
	n = select((p[0] > q[0] ? p[0] : q[0]) + 1, &set, NULL, NULL, &zero);
	test_check("select_readable_one_of_two", n == 1 && FD_ISSET(q[0], &set) &&
		   !FD_ISSET(p[0], &set), "only the pipe with a byte is readable (got %d)", n);
	test_check("select_write_end_writable", one(p[1], 0, 0) == 1,
		   "a pipe with room must be writable");
	close(p[1]);
	n = one(p[0], 1, 0);
	test_check("select_eof_readable", n == 1 && read(p[0], &n, 1) == 0,
		   "a read end without writers is readable and reads end of file");
	close(p[0]);
	close(q[0]);
	close(q[1]);
}

static void
case_timeouts(void)
{
	int p[2];
	long t0, ms;
	struct timeval tv = { 0, 300000 };

	pipe(p);
	t0 = now_ms();
	test_check("select_timeout_returns_0", one(p[0], 1, 300) == 0, "want 0 at the timeout");
	ms = now_ms() - t0;
	test_check("select_timeout_waits", ms >= 250 && ms < 3000,
		   "a 300 ms timeout waited %ld ms", ms);
	t0 = now_ms();
	test_check("select_no_fds_sleeps", select(0, NULL, NULL, NULL, &tv) == 0 &&
		   now_ms() - t0 >= 250, "select(0, ..., 300 ms) must sleep and return 0");
	close(p[0]);
	close(p[1]);
}

/* The child of case_wakeup: write a byte to fd after 200 ms. */
static int
late_writer(void *arg)
{
	usleep(200000);
	return write(*(int *)arg, "w", 1) == 1 ? 0 : 1;
}

static void
case_wakeup(void)
{
	int p[2], n;
	pid_t pid;

	pipe(p);
	pid = px_fork(late_writer, &p[1]);
	px_alarm(PX_WATCHDOG);
	n = one(p[0], 1, -1);
	px_alarm(0);
	test_check("select_woken_by_write", n == 1, "a write by another process must end the "
		   "wait (got %d, errno %s)", n, n < 0 ? test_errname(-errno) : "-");
	px_child("select_writer_done", pid, 0);
	close(p[0]);
	close(p[1]);
}

/* /dev/zero and /dev/null never block: select must say so at once, without a timeout. */
static void
case_devices(void)
{
	int z = open("/dev/zero", O_RDONLY), nl = open("/dev/null", O_WRONLY);

	test_check("select_dev_zero_readable", z >= 0 && one(z, 1, 1000) == 1,
		   "select for reading /dev/zero must return 1 at once");
	test_check("select_dev_null_writable", nl >= 0 && one(nl, 0, 1000) == 1,
		   "select for writing /dev/null must return 1 at once");
	close(z);
	close(nl);
}

static void
case_file_and_errors(void)
{
	int fd = px_file(px_path("f"), 10), p[2], n;
	fd_set set;
	struct timeval bad = { 0, 2000000 }, zero = { 0, 0 };

	test_check("select_file_ready", one(fd, 1, 0) == 1 && one(fd, 0, 0) == 1,
		   "a regular file is always readable and writable");
	FD_ZERO(&set);
	FD_SET(fd, &set);
	n = select(fd + 1, NULL, NULL, &set, &zero);
	test_check("select_file_except_ready", n == 1 && FD_ISSET(fd, &set),
		   "a regular file always selects true for error conditions too (got %d)", n);
	close(fd);
	case_devices();
	px_errno("select_closed_ebadf", one(fd, 1, 0), EBADF);
	FD_ZERO(&set);
	px_errno("select_negative_nfds_einval", select(-1, &set, NULL, NULL, &zero), EINVAL);
	pipe(p);
	FD_ZERO(&set);
	FD_SET(p[0], &set);
	px_errno("select_bad_timeout_einval", select(p[0] + 1, &set, NULL, NULL, &bad), EINVAL);
	px_interruptible(SIGALRM);
	alarm(1);
	n = one(p[0], 1, -1);
	test_check("select_signal_eintr", n == -1 && errno == EINTR,
		   "a signal must end the wait with EINTR (got %d)", n);
	alarm(0);
	close(p[0]);
	close(p[1]);
	unlink(px_path("f"));
}

int
main(int argc, char **argv)
{
	px_start("posix_select", "psel", argc, argv);
	mkdir(px_dir(), 0755);
	case_pipes();
	case_timeouts();
	case_wakeup();
	case_file_and_errors();
	rmdir(px_dir());
	return test_done();
}
