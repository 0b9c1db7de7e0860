/*
 * waittest - reads that wait in a character driver, and what a restart of the driver does
 * to them (grader/tests/chardrv.py; handouts/drivers.md, "A driver whose reads wait", and
 * handouts/vfs.md, "Driver restarts").  It uses /dev/waitdev (drivers/waitdev), which the
 * caller has started with `service up /service/waitdev -dev /dev/waitdev`.  Run as root.
 *
 * Usage: waittest basic | kill | refresh | down
 *
 * basic    echo: a write, then a read returns the same bytes; wait: a child's read waits
 *          in the driver (WAITDEV_PENDING says 1) until the parent writes, then returns
 *          those bytes; nonblock: an O_NONBLOCK read of nothing is EAGAIN; cancel: a
 *          child killed while its read waits leaves the driver's queue (the driver got
 *          CDEV_CANCEL) and the next write goes to the next read; signal: a caught
 *          SIGUSR1 ends a waiting read with EINTR (VFS_PM_UNPAUSE, CDEV_CANCEL); efault_read,
 *          efault_write, efault_wait: a bad buffer (read with data there, write, read
 *          that waited) is EFAULT and the bytes stay for the next read; alive: the driver
 *          still serves, with the pid it had at the start (it did not crash).
 * kill     a child's read waits, and the parent holds a descriptor opened before; root's
 * refresh  kill -9 of the driver (kill) or `service refresh waitdev` (refresh) restarts it.
 *          woken: the child's read returns -1 with EIO within WAKE_TRIES polls (a hang
 *          fails); new_open and new_io: a fresh open works and a write and a read on it
 *          pass the bytes; stale_read, stale_write: the old descriptor is EIO (checked
 *          after the fresh open, so that the new instance has the minor open and only
 *          VFS can refuse them; the old descriptor is O_NONBLOCK, so a wrong answer cannot
 *          hang).
 * down     a child's read waits; `service down waitdev`; woken: the read returns -1 with
 *          EIO; enxio: a new open of /dev/waitdev is ENXIO.
 *
 * Each check prints "waittest: <case> ok" or "waittest: <case> FAILED: <what>"; the last
 * line is "waittest: N ok, M failed" and the exit status is 0 only if every case held.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/rs.h>
#include <minnow/waitdev.h>

#define TESTPROG_NAME "waittest"
#include "testprog.h"

#define DEV             "/dev/waitdev"
#define POLL_US         20000u  /* between two looks at the driver or the child */
#define WAKE_TRIES      500     /* 10 s: how long a woken read may take */

static volatile uintptr_t bad_addr = 16;       /* in the unmapped first page */

/* Run "/bin/service VERB waitdev" and wait for it: its exit status, or -1. */
static int
run_service(const char *verb)
{
	char *argv[] = { "service", (char *)verb, "waitdev", NULL };
	char *envp[] = { NULL };
	int pid = fork(), st;

	if (pid == 0) {
		execve("/bin/service", argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Wait until the driver has n reads waiting (ioctl on fd): 1 if it came to that. */
static int
wait_pending(int fd, int n)
{
	int i;

	for (i = 0; i < WAKE_TRIES; i++) {
		if (ioctl(fd, WAITDEV_PENDING, NULL) == n)
			return 1;
		usleep(POLL_US);
	}
	return 0;
}

/* Fork a child that opens the device and reads once (into a bad address if bad), prints
 * what the read returned and exits 0 if that was want: a byte count, or for want < 0 -1
 * with errno -want.  The child's pid. */
static int
reader(const char *who, int want, int bad)
{
	char buf[64];
	int pid, fd, n;

	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return pid;
	if ((fd = open(DEV, O_RDWR)) < 0) {
		printf("waittest: %s: reader: open: %s\n", who, strerror(errno));
		_exit(2);
	}
	errno = 0;
	n = (int)read(fd, bad ? (void *)bad_addr : buf, sizeof(buf));
	printf("waittest: %s: reader: read returned %d (%s)\n", who, n,
	       n < 0 ? strerror(errno) : "no error");
	if (want < 0)
		_exit(n == -1 && errno == -want ? 0 : 1);
	_exit(n == want ? 0 : 1);
}

/* Wait up to WAKE_TRIES polls for child pid: its wait status, or -1 (still running: it
 * is killed). */
static int
reap(int pid)
{
	int i, st;

	for (i = 0; i < WAKE_TRIES; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return st;
		usleep(POLL_US);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

/* Did the child end with exit status 0 (its read returned what it wanted)? */
static int
reaped_ok(int pid)
{
	int st = reap(pid);

	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Write s to fd, then read it back (O_NONBLOCK on fd makes a lost write EAGAIN, not a
 * hang): 1 if the same bytes came back. */
static int
echo(int fd, const char *s)
{
	char buf[64];
	int n = (int)strlen(s);

	memset(buf, 0, sizeof(buf));
	return write(fd, s, (size_t)n) == n && read(fd, buf, sizeof(buf)) == n &&
	       memcmp(buf, s, (size_t)n) == 0;
}

static void
on_usr1(int sig)
{
	(void)sig;
}

/* A child whose read waits in the driver until a caught SIGUSR1 ends it: it exits 0 if
 * the read returned -1 with EINTR.  Its pid. */
static int
signalled_reader(void)
{
	char buf[8];
	int pid, fd;

	fflush(stdout);
	if ((pid = fork()) != 0)
		return pid;
	signal(SIGUSR1, on_usr1);
	if ((fd = open(DEV, O_RDWR)) < 0)
		_exit(2);
	errno = 0;
	_exit(read(fd, buf, sizeof(buf)) == -1 && errno == EINTR ? 0 : 1);
}

/* A waiting read ended by a caught signal: VFS cancels it in the driver (CDEV_CANCEL), the
 * reader sees EINTR after its handler, and the driver's queue is empty again. */
static void
signal_cases(int fd)
{
	int pid = signalled_reader();

	check("signal_pending", wait_pending(fd, 1), "the child's read never waited");
	kill(pid, SIGUSR1);
	check("signal", reaped_ok(pid), "a caught SIGUSR1 did not end the waiting read with EINTR");
	check("signal_cancelled", wait_pending(fd, 0), "the interrupted read still waits");
}

/* A read that waits for the parent's write, and one cancelled by the reader's death. */
static void
wait_cases(int fd)
{
	int pid;

	pid = reader("wait", 4, 0);
	check("wait_pending", wait_pending(fd, 1), "the child's read never waited in the driver");
	check("wait", write(fd, "late", 4) == 4 && reaped_ok(pid),
	      "the waiting read did not return the 4 bytes written after it");
	pid = reader("cancel", 0, 0);
	check("cancel_pending", wait_pending(fd, 1), "the child's read never waited");
	kill(pid, SIGKILL);
	reap(pid);
	check("cancel", wait_pending(fd, 0), "the killed reader's read still waits in the driver");
	check("cancel_next", echo(fd, "after"), "bytes written after the cancel did not come back");
}

/* Bad buffers: EFAULT for the caller, the driver unharmed, the bytes kept. */
static void
efault_cases(int fd)
{
	char buf[8];
	int pid, r;

	errno = 0;
	r = write(fd, "x", 1) == 1 ? (int)read(fd, (void *)bad_addr, 8) : 0;
	check("efault_read", r == -1 && errno == EFAULT, "read into a bad buffer");
	check("efault_kept", read(fd, buf, sizeof(buf)) == 1 && buf[0] == 'x',
	      "the byte was not there for the next read");
	errno = 0;
	r = (int)write(fd, (void *)bad_addr, 8);
	check("efault_write", r == -1 && errno == EFAULT, "write from a bad buffer");
	pid = reader("efault_wait", -EFAULT, 1);
	check("efault_wait", wait_pending(fd, 1) && write(fd, "y", 1) == 1 && reaped_ok(pid),
	      "a waiting read into a bad buffer did not end with EFAULT");
	check("efault_wait_kept", read(fd, buf, sizeof(buf)) == 1 && buf[0] == 'y',
	      "the byte was not there for the next read");
}

static void
basic(void)
{
	int fd = open(DEV, O_RDWR), pid = service_pid("waitdev");
	char buf[8];

	check("open", fd >= 0 && pid > 0, "open of " DEV " with waitdev running");
	check("echo", echo(fd, "hello waitdev"), "write then read");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	errno = 0;
	check("nonblock", read(fd, buf, sizeof(buf)) == -1 && errno == EAGAIN,
	      "O_NONBLOCK read of nothing");
	fcntl(fd, F_SETFL, 0);
	wait_cases(fd);
	signal_cases(fd);
	efault_cases(fd);
	check("alive", echo(fd, "still here") && service_pid("waitdev") == pid,
	      "the driver after the bad buffers");
	close(fd);
}

/* Restart the driver (kill -9 or service refresh) under a waiting read. */
static void
restart(const char *how)
{
	struct timeval t0, t1;
	int old = open(DEV, O_RDWR), pid, fd = -1, i, r;

	check("open", old >= 0, "open of " DEV " with waitdev running");
	fcntl(old, F_SETFL, O_NONBLOCK);
	pid = reader(how, -EIO, 0);
	check("pending", wait_pending(old, 1), "the child's read never waited in the driver");
	gettimeofday(&t0, NULL);
	if (strcmp(how, "kill") == 0)
		r = kill(service_pid("waitdev"), SIGKILL);
	else
		r = run_service("refresh");
	check(how, r == 0, "restarting waitdev");
	check("woken", reaped_ok(pid), "the waiting read did not end with EIO within 10 s");
	gettimeofday(&t1, NULL);
	printf("waittest: %s to the woken read: %ld ms\n", how,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_usec - t0.tv_usec) / 1000));
	for (i = 0; i < WAKE_TRIES && (fd = open(DEV, O_RDWR | O_NONBLOCK)) < 0; i++)
		usleep(POLL_US);
	check("new_open", fd >= 0, "no open of " DEV " worked within 10 s");
	check("new_io", fd >= 0 && echo(fd, "fresh"), "write then read on the new descriptor");
	errno = 0;
	check("stale_read", read(old, &r, 1) == -1 && errno == EIO, "read on the old descriptor");
	errno = 0;
	check("stale_write", write(old, "z", 1) == -1 && errno == EIO,
	      "write on the old descriptor");
	check("stale_close", close(old) == 0, "close of the old descriptor");
	close(fd);
}

/* service down under a waiting read. */
static void
down(void)
{
	int fd = open(DEV, O_RDWR), pid;

	check("open", fd >= 0, "open of " DEV " with waitdev running");
	pid = reader("down", -EIO, 0);
	check("pending", wait_pending(fd, 1), "the child's read never waited in the driver");
	check("down", run_service("down") == 0, "service down waitdev");
	check("woken", reaped_ok(pid), "the waiting read did not end with EIO within 10 s");
	close(fd);
	errno = 0;
	fd = open(DEV, O_RDWR);
	check("enxio", fd == -1 && errno == ENXIO, "open of " DEV " after service down");
}

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (strcmp(what, "basic") == 0)
		basic();
	else if (strcmp(what, "kill") == 0 || strcmp(what, "refresh") == 0)
		restart(what);
	else if (strcmp(what, "down") == 0)
		down();
	else {
		fprintf(stderr, "usage: waittest basic | kill | refresh | down\n");
		return 2;
	}
	printf("waittest: %d ok, %d failed\n", ok, failed);
	return failed == 0 ? 0 : 1;
}
