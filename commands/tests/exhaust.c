/*
 * exhaust.c - /test/exhaust: resource exhaustion by ordinary users (handouts/hardening.md,
 * "Resource exhaustion"), run from the root shell (grader/tests/fuzz_exhaust.py).
 *
 * Usage: exhaust SEED      run every case as root, in an order the seed shuffles; the user
 *                          side of each case is a child that setuid()s to an ordinary uid
 *        exhaust hog FD    (for mem_enomem) malloc until ENOMEM, report on FD
 *        exhaust bomb      a fork bomb as the caller: fork until fork fails, print
 *                          "bomb: <errno> after N forks", and every process waits to be
 *                          killed (the grader's `su ast -c '/test/exhaust bomb' &`)
 *
 * The cases (each: the user gets the errno, root is not harmed, the resource comes back):
 *   nproc_default   getrlimit(RLIMIT_NPROC) is CHILD_MAX, CHILD_MAX; sysconf agrees
 *   nproc_bomb      a user's processes fork until EAGAIN, at CHILD_MAX processes; root
 *                   still forks meanwhile; root's kill of the group ends them all, and
 *                   the user's slots come back
 *   nproc_lowered   a user who lowers RLIMIT_NPROC to 5 gets EAGAIN at 5 processes, and
 *                   may not raise the hard limit again (EPERM)
 *   nproc_reserve   several users together fill the process table: the last one gets
 *                   EAGAIN below its limit, since the last ROOT_SLOTS slots are root's;
 *                   root still forks two processes, a user none
 *   fd_emfile       a user opens until EMFILE, at OPEN_MAX descriptors
 *   fd_enfile       users' processes open until the filp table says ENFILE; root still
 *                   opens a file and a pipe, a user gets ENFILE for both
 *   mem_enomem      a user mallocs (and touches) until malloc says ENOMEM; sbrk of more
 *                   than is left is ENOMEM too; afterwards root forks and execs /bin/true
 * Prints PASS/FAIL per case, "DONE exhaust N passed, M failed", then "exhaust counts:"
 * with the figures (processes, descriptors, filps and KiB each user got).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "testlib.h"

#define USER_UID        100     /* ast */
#define OTHER_UID       201     /* the reserve case's users: 201, 202, ... */
#define MAX_HOLDERS     8
#define FILE_NAME       "/etc/passwd"

/* A child that ran out of something and now holds it: its pid, what it got, the error. */
struct holder {
	pid_t pid;
	int count, err;
	int before;             /* open_body: descriptors open before its first open */
	int release;            /* write end: a byte (or EOF) lets it clean up and exit */
};

static int nproc_got, fd_got, filp_got;
static unsigned long mem_got;

/* Report and wait in the child: send {count, err, before}, then wait for the release
 * pipe. */
static void
report3(int out, int in, int count, int err, int before)
{
	int msg[3] = { count, err, before };
	char c;

	write(out, msg, sizeof(msg));
	read(in, &c, 1);
}

static void
child_report(int out, int in, int count, int err)
{
	report3(out, in, count, err, 0);
}

/* The children of a process bomb: they wait until they are killed. */
static void
sleeper(void)
{
	for (;;)
		pause();
}

/* Fork until fork fails; kill and collect the children once released.  In the child of
 * start(): already the target uid. */
static int
bomb_body(int out, int in)
{
	pid_t kids[CHILD_MAX + 8];
	int n = 0, err = 0;
	pid_t p;

	while (n < CHILD_MAX + 8) {
		if ((p = fork()) < 0) {
			err = errno;
			break;
		}
		if (p == 0)
			sleeper();
		kids[n++] = p;
	}
	child_report(out, in, n, err);
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	return 0;
}

/* Open FILE_NAME until open fails; hold the descriptors until released.  The count: the
 * descriptors open then (those it had before included). */
static int
open_body(int out, int in)
{
	int n = 0, err = 0, before;

	for (int fd = 0; fd < OPEN_MAX; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	before = n;

	for (;;) {
		if (open(FILE_NAME, O_RDONLY) < 0) {
			err = errno;
			break;
		}
		n++;
	}
	report3(out, in, n, err, before);
	return 0;
}

/* Just hold a process slot until released. */
static int
hold_body(int out, int in)
{
	child_report(out, in, 0, 0);
	return 0;
}

static void finish(struct holder *h);

/* Start a child as uid (lowering RLIMIT_NPROC to lim if lim > 0) running body; wait for its
 * report into h.  Returns 0, or -1 if the fork or the report failed. */
static int
start(struct holder *h, uid_t uid, rlim_t lim, int (*body)(int, int))
{
	int up[2], down[2], msg[3] = { 0, 0, 0 };

	if (pipe(up) != 0)
		return -1;
	if (pipe(down) != 0) {
		close(up[0]), close(up[1]);
		return -1;
	}
	if ((h->pid = fork()) < 0) {
		close(up[0]), close(up[1]), close(down[0]), close(down[1]);
		return -1;
	}
	if (h->pid == 0) {
		struct rlimit rl = { lim, lim };

		close(up[0]), close(down[1]);
		setpgid(0, 0);
		if (setuid(uid) != 0 || (lim > 0 && setrlimit(RLIMIT_NPROC, &rl) != 0))
			_exit(3);
		_exit(body(up[1], down[0]));
	}
	close(up[1]), close(down[0]);
	h->release = down[1];
	if (read(up[0], msg, sizeof(msg)) < 2 * (int)sizeof(int)) {
		close(up[0]);
		finish(h);
		return -1;
	}
	close(up[0]);
	h->count = msg[0], h->err = msg[1], h->before = msg[2];
	return 0;
}

/* Let h clean up and collect it. */
static void
finish(struct holder *h)
{
	close(h->release);
	waitpid(h->pid, NULL, 0);
}

/* Can root fork (a child that exits 0)? */
static int
root_forks(void)
{
	int status;
	pid_t p = fork();

	if (p < 0)
		return 0;
	if (p == 0)
		_exit(0);
	return waitpid(p, &status, 0) == p && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void
case_nproc_default(void)
{
	struct rlimit rl;

	test_check("nproc_default", getrlimit(RLIMIT_NPROC, &rl) == 0 &&
		   rl.rlim_cur == CHILD_MAX && rl.rlim_max == CHILD_MAX &&
		   sysconf(_SC_CHILD_MAX) == CHILD_MAX, "getrlimit %lu/%lu, sysconf %ld (want %d)",
		   (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max,
		   sysconf(_SC_CHILD_MAX), CHILD_MAX);
}

/* Does uid own no process (a bomb of limit 2 gets its one child)?  Polled: init collects
 * the bomb's orphans after root's kill. */
static int
uid_empty(void *arg)
{
	struct holder h;
	int ok;

	if (start(&h, (uid_t)(long)arg, 2, bomb_body) != 0)
		return 0;
	ok = h.count == 1;
	finish(&h);
	return ok;
}

/* Poll cond(arg) once a second until it holds (1) or seconds have passed (0). */
static int
poll_seconds(int (*cond)(void *), void *arg, int seconds)
{
	for (; seconds > 0; seconds--) {
		if (cond(arg))
			return 1;
		sleep(1);
	}
	return cond(arg) != 0;
}

static void
case_nproc_bomb(void)
{
	struct holder h;

	if (start(&h, USER_UID, 0, bomb_body) != 0) {
		test_fail("nproc_bomb", "the bomb did not start: %s", strerror(errno));
		return;
	}
	nproc_got = h.count + 1;
	test_check("nproc_bomb", h.err == EAGAIN && h.count + 1 == CHILD_MAX,
		   "%d processes, then %s (want %d, then EAGAIN)", h.count + 1,
		   strerror(h.err), CHILD_MAX);
	test_check("nproc_bomb_root_forks", root_forks(), "root's fork failed: %s",
		   strerror(errno));
	test_check("nproc_bomb_root_kills", kill(-h.pid, SIGKILL) == 0, "kill(-%d, SIGKILL): %s",
		   (int)h.pid, strerror(errno));
	waitpid(h.pid, NULL, 0);
	close(h.release);
	test_check("nproc_bomb_slots_back", poll_seconds(uid_empty, (void *)(long)USER_UID, 20),
		   "uid %d still owns processes 20 s after the kill", USER_UID);
}

/* In the child: lowered to 5 already; raising the hard limit again must be EPERM. */
static int
raise_body(int out, int in)
{
	struct rlimit rl = { 5, CHILD_MAX };
	int r = setrlimit(RLIMIT_NPROC, &rl);

	child_report(out, in, r, r == 0 ? 0 : errno);
	return 0;
}

static void
case_nproc_lowered(void)
{
	struct holder h;

	if (start(&h, USER_UID, 5, bomb_body) == 0) {
		test_check("nproc_lowered", h.err == EAGAIN && h.count + 1 == 5,
			   "%d processes, then %s (want 5, then EAGAIN)", h.count + 1,
			   strerror(h.err));
		finish(&h);
	} else {
		test_fail("nproc_lowered", "the child did not start");
	}
	if (start(&h, USER_UID, 5, raise_body) == 0) {
		test_check("nproc_raise_denied", h.count == -1 && h.err == EPERM,
			   "setrlimit gave %d, %s (want -1, EPERM)", h.count, strerror(h.err));
		finish(&h);
	}
}

static void
case_nproc_reserve(void)
{
	struct holder h[MAX_HOLDERS], late, root[2];
	int n = 0, full = 0, total = 0;

	while (n < MAX_HOLDERS && !full) {
		if (start(&h[n], OTHER_UID + n, 0, bomb_body) != 0)
			break;
		total += h[n].count + 1;
		full = h[n].err == EAGAIN && h[n].count + 1 < CHILD_MAX;
		n++;
	}
	test_check("nproc_reserve_full", full, "%d users, %d processes, the last got %d, %s",
		   n, total, n > 0 ? h[n - 1].count : -1, n > 0 ? strerror(h[n - 1].err) : "");
	/* root's two holders use root's slots; a user's bomb forks nothing */
	if (start(&root[0], 0, 0, hold_body) == 0 && start(&root[1], 0, 0, hold_body) == 0)
		test_pass("nproc_reserve_root_forks");
	else
		test_fail("nproc_reserve_root_forks", "root's fork failed: %s", strerror(errno));
	if (start(&late, OTHER_UID + MAX_HOLDERS, 0, bomb_body) == 0) {
		test_check("nproc_reserve_user_refused", late.count == 0 && late.err == EAGAIN,
			   "a user forked %d, then %s (want 0, EAGAIN)", late.count,
			   strerror(late.err));
		finish(&late);
	}
	finish(&root[1]), finish(&root[0]);
	while (n > 0)
		finish(&h[--n]);
	test_check("nproc_reserve_back", root_forks() && uid_empty((void *)(long)OTHER_UID),
		   "the table did not come back");
}

static void
case_fd_emfile(void)
{
	struct holder h;

	if (start(&h, USER_UID, 0, open_body) != 0) {
		test_fail("fd_emfile", "the child did not start");
		return;
	}
	fd_got = h.count;
	test_check("fd_emfile", h.err == EMFILE && h.count == OPEN_MAX,
		   "%d descriptors, then %s (want %d, then EMFILE)", h.count, strerror(h.err),
		   OPEN_MAX);
	finish(&h);
}

/* In the child: open and pipe must both be ENFILE now. */
static int
enfile_body(int out, int in)
{
	int fds[2], e1, e2;

	e1 = open(FILE_NAME, O_RDONLY) < 0 ? errno : 0;
	e2 = pipe(fds) < 0 ? errno : 0;
	child_report(out, in, e1, e2);
	return 0;
}

static void
case_fd_enfile(void)
{
	struct holder h[MAX_HOLDERS], late;
	int n = 0, fd, fds[2], full = 0;

	while (n < MAX_HOLDERS && !full) {
		if (start(&h[n], USER_UID, 0, open_body) != 0)
			break;
		filp_got += h[n].count - h[n].before;	/* its own opens: new filps */
		full = h[n].err == ENFILE;
		n++;
	}
	test_check("fd_enfile", full, "%d holders, %d opens, the last: %s", n, filp_got,
		   n > 0 ? strerror(h[n - 1].err) : "");
	fd = open(FILE_NAME, O_RDONLY);
	test_check("fd_enfile_root_opens", fd >= 0 && pipe(fds) == 0, "root: %s",
		   strerror(errno));
	if (start(&late, USER_UID, 0, enfile_body) == 0) {
		test_check("fd_enfile_user_refused", late.count == ENFILE && late.err == ENFILE,
			   "open %s, pipe %s (want ENFILE, ENFILE)", strerror(late.count),
			   strerror(late.err));
		finish(&late);
	}
	close(fd), close(fds[0]), close(fds[1]);
	while (n > 0)
		finish(&h[--n]);
	if (start(&late, USER_UID, 0, open_body) == 0) {
		test_check("fd_enfile_back", late.err == EMFILE, "a user's opens ended with %s",
			   strerror(late.err));
		finish(&late);
	}
}

/* `exhaust hog FD`: malloc 64 KiB pieces (touched) until malloc fails, then sbrk past the
 * end; report {KiB, errno} on FD.  A program of its own (hog_body execs it), so that no page
 * is shared copy-on-write with its parent: with every page gone, breaking such a sharing
 * would fail too, and that write fault is a SIGSEGV. */
static int
hog(int out)
{
	unsigned long kib = 0;
	int msg[2], err;
	char *p;

	errno = 0;
	while ((p = malloc(64 * 1024)) != NULL) {
		memset(p, 0x5A, 64 * 1024);
		kib += 64;
	}
	err = errno;
	msg[0] = (int)kib;
	msg[1] = err != ENOMEM ? -err : sbrk(64 * 1024 * 1024) == (void *)-1 ? errno : 0;
	write(out, msg, sizeof(msg));
	return 0;
}

static int
hog_body(int out, int in)
{
	char fd[16];

	(void)in;
	snprintf(fd, sizeof(fd), "%d", out);
	execl("/test/exhaust", "exhaust", "hog", fd, (char *)NULL);
	return 127;
}

static void
case_mem_enomem(void)
{
	struct holder h;
	int status;
	pid_t p;

	if (start(&h, USER_UID, 0, hog_body) != 0) {
		test_fail("mem_enomem", "the hog did not start");
		return;
	}
	mem_got = (unsigned long)h.count;
	test_check("mem_enomem", h.err == ENOMEM, "%d KiB, then malloc/sbrk: %s", h.count,
		   h.err < 0 ? strerror(-h.err) : strerror(h.err));
	finish(&h);
	if ((p = fork()) == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	test_check("mem_enomem_root_runs", p > 0 && waitpid(p, &status, 0) == p &&
		   WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork/exec of /bin/true failed");
}

/* `exhaust bomb`: the shell's fork bomb. */
static int
bomb(void)
{
	int n = 0;
	pid_t p;

	while ((p = fork()) >= 0) {
		if (p == 0)
			sleeper();
		n++;
	}
	printf("bomb: %s after %d forks\n", errno == EAGAIN ? "EAGAIN" : strerror(errno), n);
	fflush(stdout);
	sleeper();
	return 0;
}

static void (*const cases[])(void) = {
	case_nproc_default, case_nproc_bomb, case_nproc_lowered, case_nproc_reserve,
	case_fd_emfile, case_fd_enfile, case_mem_enomem,
};
#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

int
main(int argc, char **argv)
{
	int order[NCASES], i, j, t, failed;
	unsigned seed;

	if (argc > 1 && strcmp(argv[1], "bomb") == 0)
		return bomb();
	if (argc > 2 && strcmp(argv[1], "hog") == 0)
		return hog(atoi(argv[2]));
	argc = test_init("exhaust", argc, argv);
	seed = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 1;
	printf("exhaust: seed %u\n", seed);
	srand(seed);
	for (i = 0; i < NCASES; i++)
		order[i] = i;
	for (i = NCASES - 1; i > 0; i--) {
		j = rand() % (i + 1);
		t = order[i], order[i] = order[j], order[j] = t;
	}
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < NCASES; i++)
		cases[order[i]]();
	failed = test_done();
	printf("exhaust counts: nproc=%d fds=%d filps=%d mem_kib=%lu cases=%d\n", nproc_got,
	       fd_got, filp_got, mem_got, NCASES);
	return failed != 0;
}
