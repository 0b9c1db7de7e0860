/*
 * posix_locks.c - record locks, conformance (handouts/vfs.md, "Record locks"):
 * /test/posix_locks root|user, run by grader/tests/posix_files.py as root and as user 100.
 * The cases lock a 100-byte file under /tmp as the parent and look at the locks from forked
 * children (a process never conflicts with itself); each prints PASS or FAIL (the rule and
 * the errno), and a DONE line ends the run.
 *
 * Cases: F_GETLK with no lock (F_UNLCK); a conflicting F_SETLK is EAGAIN or EACCES, a
 * range beside it is free, F_GETLK names the holder (type, start, length, pid); read locks
 * share, a write lock does not; F_UNLCK in the middle splits a lock, locking it again
 * merges them; l_len 0 reaches the end (and past it); SEEK_CUR and SEEK_END; F_SETLKW
 * waits and is woken when the lock goes; EDEADLK when two processes would wait for each
 * other; closing ANY fd of the file drops the locks, and so does exit; a signal ends an
 * F_SETLKW with EINTR; EBADF for a lock type the fd's open mode does not allow, and for a
 * bad fd; EINVAL for a bad type, whence or start, and for a device (/dev/null).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "posixfile.h"
#include "testlib.h"

static char file[64];
static int fd;                          /* the parent's O_RDWR fd on file */

/* fcntl(f, cmd) with a struct flock of type, whence, start, len; fl gets the result. */
static int
lk(int f, int cmd, int type, int whence, off_t start, off_t len, struct flock *fl)
{
	struct flock tmp;

	if (fl == NULL)
		fl = &tmp;
	memset(fl, 0, sizeof(*fl));
	fl->l_type = (short)type;
	fl->l_whence = (short)whence;
	fl->l_start = start;
	fl->l_len = len;
	return fcntl(f, cmd, fl);
}

/* Child: what F_GETLK (write lock of [start, start+len)) on its own fd reports: 0 if it is
 * type (F_UNLCK: nothing) at want_start/want_len by the parent (ppid). */
struct probe {
	off_t start, len;
	int type;
	off_t want_start, want_len;
};

static int
probe(void *arg)
{
	const struct probe *p = arg;
	struct flock fl;
	int f = open(file, O_RDWR);

	if (f < 0 || lk(f, F_GETLK, F_WRLCK, SEEK_SET, p->start, p->len, &fl) != 0)
		return 1;
	if (fl.l_type != p->type)
		return 2;
	if (p->type == F_UNLCK)
		return 0;
	if (fl.l_start != p->want_start || fl.l_len != p->want_len)
		return 3;
	return fl.l_pid == getppid() ? 0 : 4;
}

/* Run probe in a child: PASS or FAIL as name. */
static void
check_probe(const char *name, off_t start, off_t len, int type, off_t ws, off_t wl)
{
	struct probe p = { start, len, type, ws, wl };

	px_child(name, px_fork(probe, &p), 0);
}

/* Child: try F_SETLK of type over [start, start+len): 0 if the result is want (0 or an
 * errno; EAGAIN also takes EACCES). */
struct attempt {
	int type;
	off_t start, len;
	int want;
};

static int
attempt(void *arg)
{
	const struct attempt *a = arg;
	int f = open(file, O_RDWR), r;

	if (f < 0)
		return 1;
	r = lk(f, F_SETLK, a->type, SEEK_SET, a->start, a->len, NULL);
	if (a->want == 0)
		return r == 0 ? 0 : 2;
	return r == -1 && (errno == a->want || (a->want == EAGAIN && errno == EACCES)) ? 0 : 3;
}

static void
check_attempt(const char *name, int type, off_t start, off_t len, int want)
{
	struct attempt a = { type, start, len, want };

	px_child(name, px_fork(attempt, &a), 0);
}

static void
unlock_all(void)
{
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0, NULL);
}

static void
case_basic(void)
{
	struct flock fl;

	test_check("locks_getlk_none", lk(fd, F_GETLK, F_WRLCK, SEEK_SET, 0, 0, &fl) == 0 &&
		   fl.l_type == F_UNLCK, "F_GETLK on an unlocked file: want F_UNLCK");
	px_ok("locks_setlk_write", lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, NULL));
	check_attempt("locks_conflict_eagain", F_WRLCK, 5, 1, EAGAIN);
	check_attempt("locks_read_vs_write_eagain", F_RDLCK, 9, 5, EAGAIN);
	check_attempt("locks_beside_free", F_RDLCK, 10, 10, 0);
	check_probe("locks_getlk_holder", 0, 100, F_WRLCK, 0, 10);
	unlock_all();
	px_ok("locks_setlk_read", lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 50, NULL));
	check_attempt("locks_read_shared", F_RDLCK, 0, 50, 0);
	check_attempt("locks_read_excludes_write", F_WRLCK, 49, 1, EAGAIN);
	unlock_all();
	check_probe("locks_unlock_all", 0, 0, F_UNLCK, 0, 0);
}

static void
case_ranges(void)
{
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100, NULL);
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20, NULL);
	check_probe("locks_split_hole", 45, 10, F_UNLCK, 0, 0);
	check_probe("locks_split_left", 30, 20, F_WRLCK, 0, 40);
	check_probe("locks_split_right", 55, 20, F_WRLCK, 60, 40);
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 40, 20, NULL);
	check_probe("locks_merge", 50, 1, F_WRLCK, 0, 100);
	unlock_all();
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 50, 0, NULL);
	check_probe("locks_len0_to_end", 1000, 1, F_WRLCK, 50, 0);
	unlock_all();
	lseek(fd, 20, SEEK_SET);
	lk(fd, F_SETLK, F_WRLCK, SEEK_CUR, 5, 5, NULL);
	check_probe("locks_seek_cur", 0, 100, F_WRLCK, 25, 5);
	unlock_all();
	lk(fd, F_SETLK, F_WRLCK, SEEK_END, -10, 10, NULL);
	check_probe("locks_seek_end", 0, 100, F_WRLCK, 90, 10);
	unlock_all();
	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 30, -10, NULL);
	check_probe("locks_negative_len", 0, 100, F_WRLCK, 20, 10);
	unlock_all();
}

/* Child: F_SETLKW of a write lock on [0, 10) (after SIGUSR1 is made interruptible if arg):
 * 0 when it got it, 5 when a signal ended it with EINTR. */
static int
waiter(void *arg)
{
	int f = open(file, O_RDWR);

	if (arg != NULL)
		px_interruptible(SIGUSR1);
	if (f < 0)
		return 1;
	if (lk(f, F_SETLKW, F_WRLCK, SEEK_SET, 0, 10, NULL) == 0)
		return 0;
	return errno == EINTR ? 5 : 2;
}

static void
case_wait(void)
{
	pid_t pid;

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, NULL);
	pid = px_fork(waiter, NULL);
	test_check("locks_setlkw_waits", px_blocked(pid), "F_SETLKW on a held lock returned");
	unlock_all();
	px_child("locks_setlkw_woken", pid, 0);

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, NULL);
	pid = px_fork(waiter, "");
	test_check("locks_setlkw_waits_for_signal", px_blocked(pid), "F_SETLKW returned");
	kill(pid, SIGUSR1);
	px_child("locks_setlkw_eintr", pid, 5);
	unlock_all();
}

/* Child of the deadlock case: lock [1, 2), say so on the pipe, then wait for [0, 1). */
static int
crosser(void *arg)
{
	int *p = arg, f = open(file, O_RDWR);

	close(p[0]);
	if (f < 0 || lk(f, F_SETLK, F_WRLCK, SEEK_SET, 1, 1, NULL) != 0)
		return 1;
	write(p[1], "x", 1);
	return lk(f, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1, NULL) == 0 ? 0 : 2;
}

static void
case_deadlock(void)
{
	int p[2];
	pid_t pid;
	char c;

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1, NULL);
	pipe(p);
	pid = px_fork(crosser, p);
	close(p[1]);
	if (read(p[0], &c, 1) != 1 || !px_blocked(pid)) {
		test_fail("locks_edeadlk", "the child did not lock its byte and wait for ours");
	} else {
		int r;

		px_alarm(PX_WATCHDOG);	/* no EDEADLK: a real deadlock, ended by SIGALRM */
		r = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1, NULL);
		px_alarm(0);
		px_errno("locks_edeadlk", r, EDEADLK);
	}
	close(p[0]);
	unlock_all();
	px_child("locks_deadlock_child_gets_lock", pid, 0);
}

/* Child: lock [0, 10), tell the parent (on p[1]), wait until it closes q[1], exit. */
static int
holder(void *arg)
{
	int *p = arg, *q = p + 2, f = open(file, O_RDWR);
	char c;

	close(p[0]);
	close(q[1]);
	if (f < 0 || lk(f, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, NULL) != 0)
		return 1;
	write(p[1], "x", 1);
	close(p[1]);
	read(q[0], &c, 1);	/* end of file when the parent closes its end */
	return 0;
}

static void
case_release(void)
{
	int other, pq[4], *p = pq, *q = pq + 2;
	pid_t pid;
	char c;

	lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10, NULL);
	other = open(file, O_RDONLY);
	close(other);
	check_attempt("locks_released_on_any_close", F_WRLCK, 0, 10, 0);
	unlock_all();

	pipe(p);
	pipe(q);
	pid = px_fork(holder, pq);
	close(p[1]);
	close(q[0]);
	read(p[0], &c, 1);
	check_attempt("locks_held_by_child", F_WRLCK, 5, 1, EAGAIN);
	close(q[1]);		/* the child exits */
	px_wait(pid);
	close(p[0]);
	check_attempt("locks_released_on_exit", F_WRLCK, 0, 10, 0);
}

static void
case_errors(void)
{
	int rd = open(file, O_RDONLY), wr = open(file, O_WRONLY);

	px_errno("locks_wrlck_on_rdonly_ebadf", lk(rd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1, NULL),
		 EBADF);
	px_errno("locks_rdlck_on_wronly_ebadf", lk(wr, F_SETLK, F_RDLCK, SEEK_SET, 0, 1, NULL),
		 EBADF);
	px_ok("locks_rdlck_on_rdonly", lk(rd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1, NULL));
	px_errno("locks_bad_fd_ebadf", lk(99, F_SETLK, F_RDLCK, SEEK_SET, 0, 1, NULL), EBADF);
	px_errno("locks_bad_type_einval", lk(fd, F_SETLK, 99, SEEK_SET, 0, 1, NULL), EINVAL);
	px_errno("locks_bad_whence_einval", lk(fd, F_SETLK, F_RDLCK, 7, 0, 1, NULL), EINVAL);
	px_errno("locks_negative_start_einval", lk(fd, F_SETLK, F_RDLCK, SEEK_SET, -5, 1, NULL),
		 EINVAL);
	close(rd);
	close(wr);
	rd = open("/dev/null", O_RDWR);
	px_errno("locks_bad_device_einval", lk(rd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1, NULL),
		 EINVAL);
	close(rd);
}

int
main(int argc, char **argv)
{
	px_start("posix_locks", "plocks", argc, argv);
	snprintf(file, sizeof(file), "%s", px_dir());
	if ((fd = px_file(file, 100)) < 0) {
		test_fail("locks_setup", "cannot make %s: errno %d", file, errno);
		return test_done();
	}
	case_basic();
	case_ranges();
	case_wait();
	case_deadlock();
	case_release();
	case_errors();
	close(fd);
	unlink(file);
	return test_done();
}
