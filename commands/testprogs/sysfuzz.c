/*
 * sysfuzz - the system-call fuzzer (handouts/hardening.md, "System-call fuzzer").
 *
 * Usage: sysfuzz [-v] [-x] [-w workers] [-t hang_seconds] [-k kill_one_in] [-d ksi]
 *                [-o op,...] seed count dir...
 *        sysfuzz [-o op,...] -r worker_seed calls dir...
 *
 * The first form forks `workers` (4) worker processes, each with a seed derived from `seed`
 * and its instance number, that between them make `count` random libc calls with random
 * arguments: file calls on the scratch directories `dir...` (one on /home, one on /tmp),
 * descriptors, pipes, FIFOs, record locks, select, ioctl, signals, alarm, fork, exec of
 * files that cannot run, the break, limits and clocks; with bad pointers (NULL, kernel
 * addresses, the unmapped hole, misaligned ones, read-only text), huge and negative
 * lengths, closed and out-of-range descriptors, unknown flag bits, overlong and deep paths
 * and symbolic-link loops.  Some calls bypass libc and send VFS a file request with raw
 * name and buffer fields, as a program that does not use libc could.
 *
 * Each worker writes a 16-byte record to the parent's report pipe before every call (its
 * number and operation, the previous call's result class, the signals it has taken), so
 * the parent counts every result of every call even of a worker killed a moment later,
 * and knows which call a worker is in.  About one record in kill_one_in (300), the parent
 * sends a random worker SIGKILL, SIGSTOP (and SIGCONT a little later) or SIGINT (which a
 * worker may have caught or ignored: it then goes on), or only the kinds -d names (k, s,
 * i); a worker that dies is replaced by a new instance (a new seed), which makes the calls
 * its slot still owes, once the old one has been reaped and its last records read.  A worker whose record has not changed for
 * hang_seconds (10) while it was not stopped is a hang: the parent prints its seed, call
 * number and operation, kills it and replaces it when it is dead (-x: leaves it as it is,
 * stops the other workers and exits, for a look at the system).  Workers and the children
 * they fork take SIGALRM every 50 ms (an interval timer, set again after any call that may
 * have changed it), so a call that waits (a read of an empty pipe, a record lock, a select
 * without timeout) ends with EINTR and is not taken for a hang.
 *
 * Output: "sysfuzz: seed S, N calls, W workers, ..." first; a HANG line per hang; at the
 * end "sysfuzz: results: ok N, EBADF N, ..." (every class seen: a positive errno, or a
 * fault the worker took in libc's own code before any call) and the summary line
 *   sysfuzz: calls N, ok N, errors N, faults N, internal_errnos N, signals N,
 *            workers_killed N, workers_lost N, hangs N, bad_records N, sigint_survived N
 * (one line), where internal_errnos counts errnos from the system's own range (ERESTART,
 * EDONTREPLY ...) that must never reach a program, workers_lost counts workers that ended
 * by themselves (a signal the fuzzed calls sent them, a lowered limit), and bad_records
 * the records that did not follow their worker's previous one (a pipe that lost, doubled
 * or mixed writes of PIPE_BUF bytes or less), sigint_survived the workers that lived on
 * after the parent's SIGINT (they had caught or ignored it).  -v adds a line per operation
 * with its results by class; -o op,... makes only the operations named.  Exit status 0
 * unless a hang, an internal errno or a bad record was seen (1), or a usage error (2).
 *
 * The second form replays one worker (seed as printed in a HANG line) for `calls` calls in
 * the foreground, printing each call before it is made: the way to find what a seed broke.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <utime.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <minnow/ipcstub.h>
#include <minnow/vfs.h>
#include "xorshift.h"

#define MAX_WORKERS     16
#define MAX_ROOTS       4
#define REPORT_FD       (OPEN_MAX - 1)  /* the worker's end of the report pipe */
#define OP_END          0xffff          /* a worker's last record */
#define NO_RESULT       (-1000000)      /* prev of a worker's first record */
#define FAULT_CLASS      1000            /* class of a fault: FAULT_CLASS + signal */
#define INTERNAL_ERRNO  100             /* errnos above this are the system's own */
#define ALARM_USEC      50000           /* the workers' interval timer */
#define NCLASS          (FAULT_CLASS + NSIG)

/* What a worker tells the parent before each call. */
struct report {
	uint8_t slot;           /* which worker slot */
	uint8_t prev_op;        /* the previous call's operation */
	uint16_t op;            /* the operation about to run (OP_END: finished) */
	uint32_t call;          /* its number in this instance, from 0 */
	int32_t prev;           /* the previous call's class: 0 ok, errno, FAULT_CLASS+sig */
	uint32_t sigs;          /* signals this instance has taken so far */
};

/* ---- random numbers ---------------------------------------------------------------- */


/* A 32-bit mix (murmur3's finaliser): worker seeds from the main seed. */
static uint32_t
mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return x;
}

/* A number a call might not expect: small, a boundary, or anything. */
static int32_t
any_int(void)
{
	static const int32_t edge[] = { 0, 1, -1, 2, 0x7fffffff, (int32_t)0x80000000, 0xffff,
	                                0x10000, 4096, 4095, -4096, 255, 256, 0x7ffffffe };

	switch (below(4)) {
	case 0: return (int32_t)below(16);
	case 1: return edge[below(sizeof(edge) / sizeof(edge[0]))];
	case 2: return (int32_t)below(100000);
	default: return (int32_t)rnd();
	}
}

/* A length: small mostly, sometimes a page, 64 KiB, or huge. */
static size_t
any_len(void)
{
	static const uint32_t edge[] = { 0, 1, 4096, 4097, 65536, 0x7fffffff, 0xffffffff,
	                                 0x80000000, 0x10000000 };

	if (below(4) != 0)
		return below(below(8) == 0 ? 65536 : 600);
	return edge[below(sizeof(edge) / sizeof(edge[0]))];
}

/* ---- the worker's world: buffers, paths, descriptors -------------------------------- */

static char big[65536];                 /* the good buffer */
static char nonul[PATH_MAX * 2];        /* a "path" without a NUL */
static char *edge;                      /* EDGE_ROOM bytes at the top of the break */
#define EDGE_ROOM       4096
static const char *roots[MAX_ROOTS];
static int nroots;
static const char *paths[160];
static int npaths;
static const char *badexec[24];
static int nbadexec;
static int fds[16];                     /* descriptors calls returned lately */
static int nfds_seen;
static volatile uint32_t sigs_taken;
static sigjmp_buf fault_jmp;
static volatile int in_call;
static int verbose;                     /* the replay form: print each call */
static pid_t live_child;                /* a forked child not yet reaped, for kill */

/* A pointer a call might not expect; `room` is how many good bytes it needs. */
static void *
any_ptr(size_t room)
{
	extern char etext[];
	uint32_t how = below(20);

	if (room > sizeof(big))
		how = 11 + below(9);    /* big would overflow: only pointers that fault */
	if (how < 11)
		return big + (below(sizeof(big) - room + 1) & ~3u);
	switch (how) {
	case 11: return NULL;
	case 12: return (void *)(uintptr_t)(1 + below(4095));
	case 13: return (void *)(uintptr_t)(0xF0000000u + (rnd() & 0x0ffffffcu));
	case 14: return (void *)(uintptr_t)0xFFFFFFF0u;
	case 15: return (void *)(uintptr_t)(0x40000000u + (rnd() & 0x0ffff000u));
	case 16: return room + 4 <= sizeof(big) ? big + 1 + below(3) : NULL;
	case 17: return (void *)(etext - 64 - below(1024));       /* read-only text */
	case 18: return edge + EDGE_ROOM - below(64);             /* across the break */
	default: return edge + EDGE_ROOM - below(16);
	}
}

/* A path from the pool, or now and then one libc cannot even measure. */
static const char *
any_path(void)
{
	uint32_t how = below(200);

	if (how == 0)
		return nonul;
	if (how == 1)
		return below(2) ? NULL : "";
	return paths[below(npaths)];
}

static void
remember_fd(int fd)
{
	if (fd >= 0)
		fds[nfds_seen++ % 16] = fd;
}

/* A descriptor: one a call returned lately, a small number, or one out of range; never
 * the report pipe. */
static int
any_fd(void)
{
	static const int odd[] = { -1, -2, OPEN_MAX, OPEN_MAX + 1, 1000, INT_MAX, INT_MIN,
	                           0x10000 };
	int fd;

	switch (below(6)) {
	case 0: fd = odd[below(sizeof(odd) / sizeof(odd[0]))]; break;
	case 1: case 2: fd = (int)below(OPEN_MAX); break;
	default: fd = nfds_seen ? fds[below(nfds_seen < 16 ? nfds_seen : 16)] : 3;
	}
	return fd == REPORT_FD ? -1 : fd;
}

static int
any_open_flags(void)
{
	static const int bits[] = { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK, O_NOCTTY,
	                            O_DIRECTORY, O_CLOEXEC, O_NOFOLLOW };
	int f = (int)below(4);

	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (below(4) == 0)
			f |= bits[i];
	if (below(10) == 0)
		f |= (int)rnd();
	return f;
}

static mode_t
any_mode(void)
{
	return below(8) == 0 ? (mode_t)rnd() : (mode_t)below(010000);
}

/* A signal for kill and sigaction: never the ones the harness lives by. */
static int
any_sig(void)
{
	static const int sigs[] = { 0, SIGUSR1, SIGUSR2, SIGHUP, SIGCHLD, SIGPIPE, SIGCONT,
	                            SIGTERM, SIGINT, SIGVTALRM, SIGPROF, -1, NSIG, 1000,
	                            SIGKILL, SIGSTOP };
	return sigs[below(sizeof(sigs) / sizeof(sigs[0]))];
}

/* ---- the operations ---------------------------------------------------------------- */

static int
op_open(void)
{
	int fd = open(any_path(), any_open_flags(), any_mode());
	remember_fd(fd);
	return fd;
}

static int
op_close(void)
{
	return close(any_fd());
}

static int
op_read(void)
{
	size_t n = any_len();
	return (int)read(any_fd(), any_ptr(n), n);
}

static int
op_write(void)
{
	size_t n = any_len();
	return (int)write(any_fd(), any_ptr(n), n);
}

static int
op_pread(void)
{
	size_t n = any_len();
	return (int)pread(any_fd(), any_ptr(n), n, (off_t)any_int());
}

static int
op_pwrite(void)
{
	size_t n = any_len();
	return (int)pwrite(any_fd(), any_ptr(n), n, (off_t)below(1 << 20));
}

static int
op_lseek(void)
{
	off_t off = below(4) ? (off_t)any_int() : ((off_t)any_int() << 32 | rnd());
	return lseek(any_fd(), off, below(5) - 1) < 0 ? -1 : 0;
}

static int
op_dup(void)
{
	int fd = dup(any_fd());
	remember_fd(fd);
	return fd;
}

static int
op_dup2(void)
{
	int fd = dup2(any_fd(), any_fd());
	remember_fd(fd);
	return fd;
}

static int
op_fcntl(void)
{
	static const int cmds[] = { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL,
	                            F_DUPFD_CLOEXEC, 9, -1, 1000 };
	int cmd = cmds[below(sizeof(cmds) / sizeof(cmds[0]))];
	int r = fcntl(any_fd(), cmd, any_int());

	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		remember_fd(r);
	return r;
}

static int
op_lock(void)
{
	static const int cmds[] = { F_GETLK, F_SETLK, F_SETLK, F_SETLKW };
	struct flock *fl = (struct flock *)any_ptr(sizeof(struct flock));

	if ((char *)fl >= big && (char *)fl < big + sizeof(big) - sizeof(*fl)) {
		fl->l_type = (short)(below(6) ? (int32_t)(1 + below(3)) : any_int());
		fl->l_whence = (short)(below(6) ? (int32_t)below(3) : any_int());
		fl->l_start = below(4) ? (off_t)below(64) : (off_t)any_int();
		fl->l_len = below(4) ? (off_t)below(64) : (off_t)any_int();
	}
	return fcntl(any_fd(), cmds[below(4)], fl);
}

static int
op_pipe(void)
{
	int *p = below(8) ? (int *)big : (int *)any_ptr(8);
	int r = below(2) ? pipe(p) : pipe2(p, below(2) ? O_NONBLOCK : any_int());

	if (r == 0 && p == (int *)big) {
		remember_fd(p[0]);
		remember_fd(p[1]);
	}
	return r;
}

static int
op_stat(void)
{
	return stat(any_path(), any_ptr(sizeof(struct stat)));
}

static int
op_lstat(void)
{
	return lstat(any_path(), any_ptr(sizeof(struct stat)));
}

static int
op_fstat(void)
{
	return fstat(any_fd(), any_ptr(sizeof(struct stat)));
}

static int
op_access(void)
{
	return access(any_path(), below(4) ? (int)below(8) : any_int());
}

/* A mode for chmod: mostly one that leaves the owner in (so the scratch trees stay open to
 * the other calls). */
static mode_t
chmod_mode(void)
{
	return below(4) ? 0700 | (mode_t)below(010000) : any_mode();
}

static int
op_chmod(void)
{
	return chmod(any_path(), chmod_mode());
}

static int
op_fchmod(void)
{
	return fchmod(any_fd(), chmod_mode());
}

static int
op_chown(void)
{
	uid_t u = below(2) ? 100 : (uid_t)any_int();
	gid_t g = below(2) ? 100 : (gid_t)any_int();

	return below(2) ? chown(any_path(), u, g) : fchown(any_fd(), u, g);
}

static int
op_link(void)
{
	return link(any_path(), any_path());
}

static int
op_unlink(void)
{
	return unlink(any_path());
}

static int
op_rename(void)
{
	return rename(any_path(), any_path());
}

static int
op_mkdir(void)
{
	return mkdir(any_path(), any_mode());
}

static int
op_rmdir(void)
{
	return rmdir(any_path());
}

static int
op_symlink(void)
{
	return symlink(any_path(), any_path());
}

static int
op_readlink(void)
{
	size_t n = any_len();
	return (int)readlink(any_path(), any_ptr(n), n);
}

static int
op_truncate(void)
{
	off_t len = below(3) ? (off_t)below(70000) : (off_t)any_int();
	return below(2) ? truncate(any_path(), len) : ftruncate(any_fd(), len);
}

static int
op_getdents(void)
{
	size_t n = any_len();
	return getdents(any_fd(), any_ptr(n), n);
}

static int
op_select(void)
{
	static const int counts[] = { -1, 0, 1, 5, 16, OPEN_MAX, OPEN_MAX + 1, 1000, INT_MAX };
	fd_set *sets = (fd_set *)big;
	struct timeval *tv = (struct timeval *)(big + 3 * sizeof(fd_set));
	int n = below(3) ? (int)below(OPEN_MAX + 1) : counts[below(9)];

	for (unsigned i = 0; i < 3 * sizeof(fd_set); i++)
		big[i] = (char)(below(3) ? 0 : rnd());
	FD_CLR(REPORT_FD, &sets[0]);
	FD_CLR(REPORT_FD, &sets[1]);
	tv->tv_sec = below(4) ? 0 : any_int();
	tv->tv_usec = below(4) ? (long)below(20000) : any_int();
	return select(n, below(4) ? &sets[0] : any_ptr(sizeof(fd_set)),
	              below(4) ? &sets[1] : any_ptr(sizeof(fd_set)),
	              below(4) ? &sets[2] : any_ptr(sizeof(fd_set)),
	              below(8) ? tv : below(2) ? NULL : any_ptr(sizeof(*tv)));
}

static int
op_ioctl(void)
{
	static const unsigned long reqs[] = { TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGPGRP,
	                                      TIOCSPGRP, TIOCGWINSZ, 0, 0xffffffffUL };
	unsigned long req = below(4) ? reqs[below(9)] : rnd();

	return ioctl(any_fd(), req, any_ptr(64));
}

static int
op_mkfifo(void)
{
	if (below(4) == 0)
		return mknod(any_path(), any_mode() | (mode_t)(below(2) ? S_IFCHR : rnd()),
		             (dev_t)any_int());
	return mkfifo(any_path(), any_mode());
}

static int
op_chdir(void)
{
	if (below(4) == 0)
		return fchdir(any_fd());
	return chdir(below(2) ? roots[below(nroots)] : any_path());
}

static int
op_getcwd(void)
{
	size_t n = any_len();
	return getcwd(any_ptr(n), n) == NULL ? -1 : 0;
}

static int
op_umask(void)
{
	umask(below(4) ? 022 : any_mode());
	return 0;
}

static int
op_utimes(void)
{
	struct timeval *tv = (struct timeval *)big;

	tv[0].tv_sec = any_int();
	tv[0].tv_usec = below(2) ? 0 : any_int();
	tv[1] = tv[0];
	switch (below(4)) {
	case 0: return utimes(any_path(), NULL);
	case 1: return utime(any_path(), below(2) ? NULL : any_ptr(16));
	case 2: return futimes(any_fd(), below(2) ? tv : any_ptr(2 * sizeof(*tv)));
	default: return utimes(any_path(), below(2) ? tv : any_ptr(2 * sizeof(*tv)));
	}
}

static int
op_kill(void)
{
	static const pid_t none[] = { 0x7ffffff0, -0x7ffffff0, INT_MIN, 32767 };
	int sig = any_sig();

	if (sig == SIGSTOP)
		sig = SIGCONT;          /* a stopped worker would look like a hang */
	if (below(2))
		return kill(getpid(), sig == SIGKILL ? 0 : sig);
	return kill(none[below(4)], sig);
}

static void
counting_handler(int sig)
{
	(void)sig;
	sigs_taken++;
}

static int
op_sigaction(void)
{
	struct sigaction *sa = (struct sigaction *)big;
	void *act, *old;

	memset(sa, 0, sizeof(*sa));
	switch (below(3)) {
	case 0: sa->sa_handler = counting_handler; break;
	case 1: sa->sa_handler = SIG_IGN; break;
	default: sa->sa_handler = below(4) ? SIG_DFL : (void (*)(int))(uintptr_t)rnd();
	}
	sa->sa_flags = below(2) ? SA_RESTART : any_int();
	sa->sa_mask.__bits[0] = below(2) ? 0 : rnd();
	act = below(8) ? (void *)sa : below(2) ? NULL : any_ptr(sizeof(*sa));
	old = below(2) ? NULL : any_ptr(sizeof(*sa));
	return sigaction(any_sig(), act, old);
}

static int
op_sigprocmask(void)
{
	sigset_t *set = (sigset_t *)big;

	set->__bits[0] = rnd();
	set->__bits[1] = rnd();
	return sigprocmask(below(4) ? (int)below(3) : any_int(),
	                   below(6) ? set : any_ptr(sizeof(*set)),
	                   below(2) ? NULL : any_ptr(sizeof(*set)));
}

static int
op_alarm(void)
{
	alarm(below(3));
	return 0;
}

static int
op_time(void)
{
	switch (below(5)) {
	case 0: return time(below(2) ? NULL : any_ptr(sizeof(time_t))) == (time_t)-1 ? -1 : 0;
	case 1: return gettimeofday(any_ptr(sizeof(struct timeval)), NULL);
	case 2: return clock_gettime(below(3) ? (clockid_t)below(3) : (clockid_t)any_int(),
	                             any_ptr(sizeof(struct timespec)));
	case 3: return times(any_ptr(sizeof(struct tms))) == (clock_t)-1 ? -1 : 0;
	default: {
		struct timespec *ts = (struct timespec *)big;
		ts->tv_sec = below(4) ? 0 : any_int();
		ts->tv_nsec = below(3) ? (long)below(20000000) : any_int();
		return nanosleep(below(8) ? ts : any_ptr(sizeof(*ts)),
		                 below(2) ? NULL : any_ptr(sizeof(*ts)));
	}
	}
}

static int
op_brk(void)
{
	char *now = sbrk(0);

	switch (below(5)) {
	case 0: return brk(now);
	case 1: return brk(below(2) ? (void *)(uintptr_t)0xF0000000u : now + 0x40000000);
	case 2:
		if (sbrk((intptr_t)(below(2) ? 0x7fffffff : any_int())) == (void *)-1)
			return -1;
		return brk(now);
	default:
		if (sbrk(4096 * (1 + below(4))) == (void *)-1)
			return -1;
		return brk(now);
	}
}

static int
op_rlimit(void)
{
	static const int res[] = { RLIMIT_CORE, RLIMIT_STACK, -1, 99, 0, 1, 2 };
	struct rlimit *rl = (struct rlimit *)big;
	int which = res[below(7)];

	if (below(2))
		return getrlimit(which, below(6) ? rl : any_ptr(sizeof(*rl)));
	if (which == RLIMIT_STACK)
		which = RLIMIT_CORE;   /* a tiny stack would only make workers die */
	rl->rlim_cur = below(2) ? 0 : (rlim_t)any_int();
	rl->rlim_max = below(2) ? 0 : (rlim_t)any_int();
	return setrlimit(which, below(6) ? rl : any_ptr(sizeof(*rl)));
}

static int
op_ids(void)
{
	switch (below(4)) {
	case 0: return setuid(below(2) ? 0 : (uid_t)any_int());
	case 1: return setgid(below(2) ? 0 : (gid_t)any_int());
	case 2: return getgroups(below(2) ? 0 : any_int(), any_ptr(64));
	default: return getpid() > 0 && getppid() > 0 ? 0 : -1;
	}
}

static int
op_statvfs(void)
{
	if (below(2))
		return statvfs(any_path(), any_ptr(sizeof(struct statvfs)));
	return getvfsstat(any_ptr(sizeof(struct statvfs)), any_len());
}

static int
op_execve(void)
{
	char **argv = (char **)big, **envp = argv + 4;

	argv[0] = "x";
	argv[1] = below(4) ? NULL : (char *)any_ptr(8);
	argv[2] = NULL;
	envp[0] = below(2) ? NULL : "A=1";
	envp[1] = NULL;
	return execve(below(8) ? badexec[below(nbadexec)] : any_path(),
	              below(6) ? argv : any_ptr(16), below(6) ? envp : any_ptr(8));
}

static int run_call(unsigned op);
static unsigned pick_child_op(void);

/* fork: the child makes a few random calls (not fork) and exits; the worker waits for it
 * (a wait the interval timer interrupts is made again).  The child keeps the harness's
 * timer like a worker (run_call), so that none of its calls can wait for ever: one that
 * did would keep the worker in this wait, a hang of the fuzzer's own making. */
static int
op_fork(void)
{
	struct itimerval it = { { 0, ALARM_USEC }, { 0, ALARM_USEC } };
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		in_call = 0;    /* a fault before the child's own first call ends it */
		setitimer(ITIMER_REAL, &it, NULL);
		for (unsigned i = below(4); i > 0; i--)
			run_call(pick_child_op());
		_exit(0);
	}
	live_child = pid;
	if (below(4) == 0)
		kill(pid, any_sig() == SIGKILL ? SIGKILL : SIGUSR1);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	live_child = 0;
	return 0;
}

/* A file request sent to VFS directly, with raw name and buffer fields: a path whose
 * address is bad or whose length is wrong, a buffer anywhere. */
static int
op_raw_vfs(void)
{
	static const int types[] = { VFS_STAT, VFS_LSTAT, VFS_OPEN, VFS_ACCESS, VFS_CHDIR,
	                             VFS_MKDIR, VFS_RMDIR, VFS_UNLINK, VFS_LINK, VFS_RENAME,
	                             VFS_MKNOD, VFS_TRUNCATE, VFS_CHMOD, VFS_CHOWN,
	                             VFS_STATVFS, VFS_READLINK, VFS_SYMLINK, VFS_UTIMENS,
	                             VFS_READ, VFS_WRITE, VFS_FSTAT, VFS_GETDENTS, VFS_IOCTL,
	                             VFS_GETCWD, VFS_SELECT, VFS_PREAD, VFS_PWRITE, VFS_FCNTL };
	const char *p = paths[below(npaths)];
	message m;
	int r, type;

	memset(&m, 0, sizeof(m));
	m.m_type = types[below(sizeof(types) / sizeof(types[0]))];
	m.m_vfs.fd = any_fd();
	m.m_vfs.fd2 = any_fd();
	m.m_vfs.name = below(3) ? (uint32_t)(uintptr_t)p : (uint32_t)(uintptr_t)any_ptr(64);
	m.m_vfs.name_len = below(2) ? strlen(p) + 1 : (uint32_t)any_len();
	m.m_vfs.name2 = (uint32_t)(uintptr_t)(below(2) ? paths[below(npaths)] : any_ptr(8));
	m.m_vfs.name2_len = (uint32_t)(below(2) ? 1 + below(PATH_MAX) : any_len());
	m.m_vfs.len = (uint32_t)any_len();
	m.m_vfs.buf = (uint32_t)(uintptr_t)any_ptr(m.m_vfs.len);
	m.m_vfs.flags = below(2) ? any_open_flags() : any_int();
	m.m_vfs.mode = any_int();
	m.m_vfs.offset_lo = (uint32_t)any_int();
	m.m_vfs.offset_hi = below(2) ? 0 : any_int();
	if (m.m_type == VFS_WRITE || m.m_type == VFS_PWRITE)
		m.m_vfs.len &= 0xffff;   /* no file grows by gigabytes from the text */
	if (m.m_type == VFS_SELECT)
		m.m_vfs.mode = (int32_t)below(20);
	type = m.m_type;
	if ((r = ipc_sendrec(VFS_PROC_NR, &m)) != 0) {
		errno = r < 0 ? -r : r;
		return -1;
	}
	if (m.m_type < 0) {
		errno = -m.m_type;
		return -1;
	}
	if (type == VFS_OPEN)
		remember_fd(m.m_type);
	return 0;
}

/* The operations, with weights: the file calls most often. */
static const struct {
	const char *name;
	int (*fn)(void);
	unsigned weight;
} ops[] = {
	{ "open", op_open, 10 }, { "close", op_close, 6 }, { "read", op_read, 6 },
	{ "write", op_write, 6 }, { "pread", op_pread, 2 }, { "pwrite", op_pwrite, 2 },
	{ "lseek", op_lseek, 3 }, { "dup", op_dup, 2 }, { "dup2", op_dup2, 2 },
	{ "fcntl", op_fcntl, 3 }, { "lock", op_lock, 4 }, { "pipe", op_pipe, 2 },
	{ "stat", op_stat, 3 }, { "lstat", op_lstat, 2 }, { "fstat", op_fstat, 2 },
	{ "access", op_access, 1 }, { "chmod", op_chmod, 2 }, { "fchmod", op_fchmod, 1 },
	{ "chown", op_chown, 2 }, { "link", op_link, 3 }, { "unlink", op_unlink, 4 },
	{ "rename", op_rename, 4 }, { "mkdir", op_mkdir, 3 }, { "rmdir", op_rmdir, 3 },
	{ "symlink", op_symlink, 3 }, { "readlink", op_readlink, 2 },
	{ "truncate", op_truncate, 2 }, { "getdents", op_getdents, 2 },
	{ "select", op_select, 2 }, { "ioctl", op_ioctl, 2 }, { "mkfifo", op_mkfifo, 2 },
	{ "chdir", op_chdir, 2 }, { "getcwd", op_getcwd, 1 }, { "umask", op_umask, 1 },
	{ "utimes", op_utimes, 2 }, { "statvfs", op_statvfs, 1 }, { "raw_vfs", op_raw_vfs, 8 },
	{ "kill", op_kill, 1 }, { "sigaction", op_sigaction, 2 },
	{ "sigprocmask", op_sigprocmask, 1 }, { "alarm", op_alarm, 1 }, { "time", op_time, 2 },
	{ "brk", op_brk, 1 }, { "rlimit", op_rlimit, 1 }, { "ids", op_ids, 1 },
	{ "execve", op_execve, 1 }, { "fork", op_fork, 1 },
};
#define NOPS    (sizeof(ops) / sizeof(ops[0]))
#define OP_FORK (NOPS - 1)              /* the child of a fork runs the others only */

static unsigned char disabled[NOPS];   /* -o: the operations left out */

/* -o list: only the operations named in the comma-separated list; 0, or -1 if a name is
 * unknown. */
static int
only_ops(char *list)
{
	memset(disabled, 1, sizeof(disabled));
	for (char *name = strtok(list, ","); name != NULL; name = strtok(NULL, ",")) {
		unsigned i;

		for (i = 0; i < NOPS && strcmp(ops[i].name, name) != 0; i++)
			;
		if (i == NOPS)
			return -1;
		disabled[i] = 0;
	}
	return 0;
}

/* A random operation by weight, among those not left out. */
static unsigned
pick_op(void)
{
	static unsigned total;
	unsigned w;

	if (total == 0)
		for (unsigned i = 0; i < NOPS; i++)
			total += disabled[i] ? 0 : ops[i].weight;
	w = below(total);
	for (unsigned i = 0; i < NOPS; i++) {
		if (disabled[i])
			continue;
		if (w < ops[i].weight)
			return i;
		w -= ops[i].weight;
	}
	return 0;
}

/* An operation for the child of a fork: any but fork. */
static unsigned
pick_child_op(void)
{
	unsigned op;

	while ((op = pick_op()) == OP_FORK && !disabled[OP_FORK] && below(64) != 0)
		;
	return op == OP_FORK ? 0 : op;
}

/* Run operation op: its class, 0 (success), a positive errno or FAULT_CLASS + the signal
 * of a fault taken inside libc (a pointer libc itself followed). */
static int
run_op(unsigned which)
{
	volatile unsigned op = which < NOPS ? which : 0;
	volatile int fault;
	int r;

	if ((fault = sigsetjmp(fault_jmp, 1)) != 0) {
		in_call = 0;
		return FAULT_CLASS + fault;
	}
	in_call = 1;
	errno = 0;
	r = ops[op].fn();
	in_call = 0;
	return r >= 0 ? 0 : errno > 0 ? errno : EINVAL;
}

static void
fault_handler(int sig)
{
	sigs_taken++;
	if (in_call)
		siglongjmp(fault_jmp, sig);
	_exit(100 + sig);
}

/* The handlers and timer the harness lives by, set again after calls that may change
 * them (sigaction, sigprocmask, alarm). */
static void
harness_signals(void)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	struct itimerval it = { { 0, ALARM_USEC }, { 0, ALARM_USEC } };
	static int caught;
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = counting_handler;
	sigaction(SIGALRM, &sa, NULL);  /* no SA_RESTART: a waiting call ends with EINTR */
	if (!caught) {                  /* at first only: fuzzed sigactions may change them */
		static const int counted[] = { SIGUSR1, SIGUSR2, SIGHUP, SIGPIPE, SIGTERM,
		                               SIGVTALRM, SIGPROF, SIGCHLD };
		for (unsigned i = 0; i < sizeof(counted) / sizeof(counted[0]); i++)
			sigaction(counted[i], &sa, NULL);
		caught = 1;
	}
	sa.sa_handler = fault_handler;
	sa.sa_flags = SA_NODEFER;
	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		sigaction(faults[i], &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		sigaddset(&set, faults[i]);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Run operation op as a call of a worker or of a fork's child: run_op(), then the handlers
 * and timer the harness lives by again if the call may have changed them. */
static int
run_call(unsigned op)
{
	int r = run_op(op);

	if (ops[op].fn == op_sigaction || ops[op].fn == op_sigprocmask || ops[op].fn == op_alarm)
		harness_signals();
	return r;
}

/* ---- the pool of paths ------------------------------------------------------------- */

static const char *
join(const char *a, const char *b)
{
	static char space[16384];
	static size_t used;
	size_t n = strlen(a) + strlen(b) + 2;
	char *p;

	if (used + n > sizeof(space))
		return "/";
	p = space + used;
	used += n;
	snprintf(p, n, "%s%s%s", a, *a && *b ? "/" : "", b);
	return p;
}

static void
add_path(const char *p)
{
	if (npaths < (int)(sizeof(paths) / sizeof(paths[0])))
		paths[npaths++] = p;
}

/* A path of about len bytes under root: "d/d/d/..." (mostly ENOENT or ENAMETOOLONG). */
static const char *
long_path(const char *root, size_t len, const char *unit)
{
	static char space[4][PATH_MAX + 64];
	static int next;
	char *p = space[next++ & 3];
	size_t n = (size_t)snprintf(p, PATH_MAX + 64, "%s", root);

	while (n + strlen(unit) < len && n + strlen(unit) < PATH_MAX + 60) {
		strcpy(p + n, unit);
		n += strlen(unit);
	}
	return p;
}

static const char *const local_names[] = {
	"a", "b", "c", "d", "d/e", "d/e/f", "d/a", "l1", "l2", "self", "dl", "dl/e", "fifo",
	"x", "a/", "d/", "l1/x", "d/e/../../a", "./b", "dl/../c", "nx/a",
	"n23456789012345678901234567890123456789012345678901234567890",
	"n2345678901234567890123456789012345678901234567890123456789",
};
static const char *const global_names[] = {
	"a", "d/e", "l1", ".", "..", "/", "/etc", "/etc/passwd", "/bin/sh", "/dev/null",
	"/dev/zero", "/dev/hello", "/dev/mem", "/dev/c0d0p0", "/nonexistent/a", "/tmp",
	"/home", "//", "/./etc/../etc/passwd",
};

/* The pool: the names above under every root, a few on their own, and long paths. */
static void
make_paths(void)
{
	for (int r = 0; r < nroots; r++) {
		add_path(roots[r]);
		for (unsigned i = 0; i < sizeof(local_names) / sizeof(local_names[0]); i++)
			add_path(join(roots[r], local_names[i]));
		if (nbadexec + 6 < (int)(sizeof(badexec) / sizeof(badexec[0]))) {
			badexec[nbadexec++] = join(roots[r], "x");
			badexec[nbadexec++] = join(roots[r], "d");
			badexec[nbadexec++] = join(roots[r], "fifo");
			badexec[nbadexec++] = join(roots[r], "l1");
			badexec[nbadexec++] = join(roots[r], "nx");
		}
	}
	for (unsigned i = 0; i < sizeof(global_names) / sizeof(global_names[0]); i++)
		add_path(global_names[i]);
	add_path(long_path(roots[0], PATH_MAX - 1, "/d"));
	add_path(long_path(roots[0], PATH_MAX + 8, "/d"));
	add_path(long_path(roots[0], PATH_MAX - 1, "/."));
	add_path(long_path(roots[nroots - 1], PATH_MAX - 2, "/l1"));
	badexec[nbadexec++] = "/dev/null";
	memset(nonul, 'n', sizeof(nonul));
}

/* The scratch directories' first contents (made by the parent): a directory tree, a
 * symbolic-link loop, a link to itself, one to a directory, a FIFO and a file that looks
 * executable but is not a program. */
static void
populate(const char *root)
{
	static const char junk[] = "\177ELF\1\1\1 not really a program\n";
	int fd;

	mkdir(root, 0777);
	mkdir(join(root, "d"), 0777);
	mkdir(join(root, "d/e"), 0777);
	symlink(join(root, "l2"), join(root, "l1"));
	symlink(join(root, "l1"), join(root, "l2"));
	symlink("self", join(root, "self"));
	symlink("d", join(root, "dl"));
	mkfifo(join(root, "fifo"), 0666);
	if ((fd = open(join(root, "x"), O_WRONLY | O_CREAT | O_TRUNC, 0755)) >= 0) {
		write(fd, junk, sizeof(junk));
		close(fd);
	}
}

/* ---- a worker ---------------------------------------------------------------------- */

static void
report(int slot, unsigned prev_op, unsigned op, uint32_t call, int prev)
{
	struct report rec = { (uint8_t)slot, (uint8_t)prev_op, (uint16_t)op, call, prev,
	                      sigs_taken };

	while (write(REPORT_FD, &rec, sizeof(rec)) < 0) {
		if (errno != EINTR)
			_exit(3);       /* the parent is gone */
	}
}

/* The start of a worker: descriptors 0-2 on /dev/null (a fuzzed call must never reach the
 * console), everything else closed but the report pipe, core files off. */
static void
worker_setup(uint32_t seed, int report_fd)
{
	struct rlimit rl = { 0, 0 };

	if (report_fd >= 0 && report_fd != REPORT_FD) {
		dup2(report_fd, REPORT_FD);
		close(report_fd);
	}
	for (int fd = 0; fd < REPORT_FD; fd++)
		if (!verbose || fd != 2)
			close(fd);
	if (!verbose) {
		open("/dev/null", O_RDONLY);
		open("/dev/null", O_WRONLY);
		open("/dev/null", O_WRONLY);
	}
	setrlimit(RLIMIT_CORE, &rl);
	rng = seed ? seed : 1;
	edge = sbrk(EDGE_ROOM);
	make_paths();
	harness_signals();
}

/* Make calls calls; report before each if slot >= 0; print each in verbose mode. */
static void
worker(int slot, uint32_t seed, uint32_t calls)
{
	int prev = NO_RESULT;
	unsigned op = 0, prev_op = 0;
	uint32_t i;

	for (i = 0; i < calls; i++) {
		op = pick_op();
		if (slot >= 0)
			report(slot, prev_op, op, i, prev);
		prev_op = op;
		if (verbose)
			fprintf(stderr, "sysfuzz: seed %u call %u: %s\n", seed, i, ops[op].name);
		prev = run_call(op);
		if (verbose)
			fprintf(stderr, "sysfuzz:   -> %d\n", prev);
	}
	if (slot >= 0)
		report(slot, prev_op, OP_END, i, prev);
}

/* ---- the parent -------------------------------------------------------------------- */

struct slot {
	pid_t pid;              /* 0: none */
	uint32_t seed;          /* this instance's seed */
	uint32_t owed;          /* calls the slot still owes */
	uint32_t call;          /* the call the instance is in */
	unsigned op;
	int ended;              /* sent OP_END */
	uint32_t sigs;          /* signals reported so far */
	long last;              /* ms of its last record (or SIGCONT) */
	long cont_at;           /* stopped by the parent: when to continue it (0: running) */
	int sent;               /* the signal the parent sent to end it (SIGKILL, SIGINT), or 0 */
	long hung;              /* ms when it was killed as hung (0: not); replaced when reaped */
};

static struct slot slots[MAX_WORKERS];
static int nworkers = 4, hang_seconds = 10, kill_one_in = 300;
static int stop_at_hang;                        /* -x: leave the first hung worker as is */
static const char *disturbances = "ksi";        /* -d: SIGKILL, SIGSTOP, SIGINT */
static uint32_t main_seed, instances;
static unsigned long classes[NCLASS];
#define OP_COLS 320         /* by_op's columns: classes below 256, then 256 + a fault's signal */
static unsigned long by_op[64][OP_COLS];        /* -v: each operation's classes */
static unsigned long lost_by[NSIG + 256];       /* signal, or NSIG + exit status */
static int per_op;                              /* -v */
static unsigned long total_calls, total_sigs, killed, lost, hangs, mismatches;
static unsigned long sigint_survived;               /* the parent's SIGINT caught or ignored */
static int report_pipe[2];

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
start_worker(int k)
{
	struct slot *s = &slots[k];
	pid_t pid;

	s->seed = mix(main_seed ^ mix(++instances));
	s->call = 0;
	s->ended = 0;
	s->sigs = 0;
	s->cont_at = 0;
	s->sent = 0;
	s->hung = 0;
	s->last = now_ms();
	if ((pid = fork()) < 0) {
		printf("sysfuzz: fork of worker %d: %s\n", k, strerror(errno));
		s->pid = 0;
		return;
	}
	if (pid == 0) {
		close(report_pipe[0]);
		worker_setup(s->seed, report_pipe[1]);
		worker(k, s->seed, s->owed);
		_exit(0);
	}
	s->pid = pid;
}

static void
take_class(int c, unsigned op)
{
	if (c == NO_RESULT)
		return;
	total_calls++;
	classes[c >= 0 && c < NCLASS ? c : NCLASS - 1]++;
	if (op < NOPS && c >= 0 && c < 256)
		by_op[op][c]++;
	else if (op < NOPS && c >= FAULT_CLASS && c < NCLASS)
		by_op[op][256 + c - FAULT_CLASS]++;
}

static void
take_record(const struct report *rec)
{
	struct slot *s;

	if (rec->slot >= nworkers)
		return;
	s = &slots[rec->slot];
	if (rec->prev != NO_RESULT && (rec->prev_op != s->op || rec->call != s->call + 1) &&
	    mismatches++ < 10)
		printf("sysfuzz: record out of order: worker %d (seed %u) call %u %s after "
		       "call %u %s\n", rec->slot, s->seed, rec->call,
		       rec->prev_op < NOPS ? ops[rec->prev_op].name : "?", s->call,
		       s->op < NOPS ? ops[s->op].name : "?");
	take_class(rec->prev, rec->prev_op);
	if (rec->prev != NO_RESULT && s->owed > 0)
		s->owed--;
	total_sigs += rec->sigs - s->sigs;
	s->sigs = rec->sigs;
	s->call = rec->call;
	s->op = rec->op;
	s->ended = rec->op == OP_END;
	if (s->cont_at == 0)
		s->last = now_ms();
}

/* Read what the workers wrote, waiting up to ms for it: how many records came. */
static int
read_reports(int ms)
{
	static char buf[4096];
	static size_t have;
	struct timeval tv = { 0, ms * 1000 };
	fd_set rd;
	ssize_t n;
	int got = 0;

	FD_ZERO(&rd);
	FD_SET(report_pipe[0], &rd);
	if (select(report_pipe[0] + 1, &rd, NULL, NULL, &tv) <= 0)
		return 0;
	if ((n = read(report_pipe[0], buf + have, sizeof(buf) - have)) <= 0)
		return 0;
	have += (size_t)n;
	for (size_t i = 0; i + sizeof(struct report) <= have; i += sizeof(struct report)) {
		take_record((const struct report *)(buf + i));
		got++;
	}
	n = (ssize_t)(have % sizeof(struct report));
	memmove(buf, buf + have - (size_t)n, (size_t)n);
	have = (size_t)n;
	return got;
}

static int
slot_of(pid_t pid)
{
	for (int k = 0; k < nworkers; k++)
		if (slots[k].pid == pid)
			return k;
	return -1;
}

/* Reap the workers that ended; replace those that still owe calls.  A slot gets its new
 * worker only here, once the old one is dead and every record it wrote has been read, so
 * that no record of the old instance is taken for one of the new (a worker killed as hung
 * included: the kill does not end it at once). */
static void
reap(void)
{
	pid_t pid;
	int st, k;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		while (read_reports(0) > 0)
			;               /* every record the dead worker wrote first */
		if ((k = slot_of(pid)) < 0)
			continue;
		slots[k].pid = 0;
		if (slots[k].sent == SIGINT && !(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT))
			sigint_survived++;
		if (slots[k].hung)
			;               /* counted as a hang */
		else if (WIFSIGNALED(st) && slots[k].sent != 0 && WTERMSIG(st) == slots[k].sent)
			killed++;
		else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0 && slots[k].ended)) {
			lost++;
			lost_by[WIFSIGNALED(st) ? WTERMSIG(st) % NSIG : NSIG + WEXITSTATUS(st)]++;
		}
		if (slots[k].owed > 0)
			start_worker(k);
	}
}

/* Now and then: SIGKILL, SIGSTOP (SIGCONT later) or SIGINT to a random worker, one of the
 * kinds -d names (k, s, i; all three by default). */
static void
disturb(void)
{
	struct slot *s = &slots[below(nworkers)];
	long t = now_ms();

	if (s->pid == 0 || s->ended || s->cont_at > 0 || s->hung)
		return;
	switch (disturbances[below((uint32_t)strlen(disturbances))]) {
	case 'k':
		s->sent = SIGKILL;      /* a death by this signal is a kill */
		kill(s->pid, SIGKILL);
		break;
	case 's':
		kill(s->pid, SIGSTOP);
		s->cont_at = t + 50 + (long)below(400);
		break;
	default:
		/* a worker whose fuzzed sigaction caught or ignored SIGINT lives on, and goes
		 * on being watched like any other */
		s->sent = SIGINT;
		kill(s->pid, SIGINT);
	}
}

/* Worker k's record has not moved for hang_seconds: report it and kill it (reap() replaces
 * it once it is dead); with -x, leave it as it is for a look with ps and sysinfo, stop the
 * others and end the campaign. */
static void
hung(int k, long t)
{
	struct slot *s = &slots[k];

	printf("sysfuzz: HANG: worker %d (seed %u) in call %u (%s) for %ld s: replay with "
	       "sysfuzz -r %u %u\n", k, s->seed, s->call, s->op < NOPS ? ops[s->op].name : "end",
	       (t - s->last) / 1000, s->seed, s->call + 1);
	fflush(stdout);
	hangs++;
	if (stop_at_hang) {
		printf("sysfuzz: -x: worker %d (pid %d) left as it is, the others stopped\n", k,
		       (int)s->pid);
		for (int j = 0; j < nworkers; j++)
			if (j != k && slots[j].pid != 0)
				kill(slots[j].pid, SIGSTOP);
		exit(1);
	}
	s->hung = t;
	kill(s->pid, SIGKILL);
}

/* Continue stopped workers whose time has come; kill hung ones.  A hung worker that even
 * SIGKILL has not ended after hang_seconds is a second hang; its slot is given up to a new
 * worker then. */
static void
watch(void)
{
	long t = now_ms();

	for (int k = 0; k < nworkers; k++) {
		struct slot *s = &slots[k];

		if (s->pid == 0)
			continue;
		if (s->hung) {
			if (t - s->hung <= hang_seconds * 1000L)
				continue;
			printf("sysfuzz: HANG: worker %d (pid %d) still there %d s after SIGKILL\n",
			       k, (int)s->pid, hang_seconds);
			hangs++;
			s->pid = 0;
			if (s->owed > 0)
				start_worker(k);
		} else if (s->cont_at > 0 && t >= s->cont_at) {
			kill(s->pid, SIGCONT);
			s->cont_at = 0;
			s->last = t;
		} else if (s->cont_at == 0 && t - s->last > hang_seconds * 1000L) {
			hung(k, t);
		}
	}
}

/* ---- the summary ------------------------------------------------------------------- */

static const char *
class_name(int c)
{
	static const struct { int e; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
		{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EDEADLK, "EDEADLK" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
		{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
		{ EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" },
		{ EMLINK, "EMLINK" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ EAGAIN, "EAGAIN" }, { EOPNOTSUPP, "EOPNOTSUPP" }, { ELOOP, "ELOOP" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOTEMPTY, "ENOTEMPTY" }, { ENOLCK, "ENOLCK" },
		{ ENOSYS, "ENOSYS" }, { EOVERFLOW, "EOVERFLOW" },
	};
	static char other[24];

	if (c == 0)
		return "ok";
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == c)
			return names[i].name;
	if (c >= FAULT_CLASS)
		snprintf(other, sizeof(other), "fault_sig%d", c - FAULT_CLASS);
	else
		snprintf(other, sizeof(other), "errno%d", c);
	return other;
}

/* -v: the classes of each operation's results. */
static void
print_per_op(void)
{
	for (unsigned op = 0; op < NOPS; op++) {
		printf("sysfuzz: %s:", ops[op].name);
		for (int c = 0; c < OP_COLS; c++)
			if (by_op[op][c])
				printf(" %s %lu", class_name(c < 256 ? c : FAULT_CLASS + c - 256),
				       by_op[op][c]);
		printf("\n");
	}
}

/* The results line and the summary line; the exit status. */
static int
summary(void)
{
	unsigned long errors = 0, faults = 0, internal = 0;

	printf("sysfuzz: results:");
	for (int c = 0; c < NCLASS; c++) {
		if (classes[c] == 0)
			continue;
		printf(" %s %lu", class_name(c), classes[c]);
		if (c >= FAULT_CLASS)
			faults += classes[c];
		else if (c > 0)
			errors += classes[c];
		if (c > INTERNAL_ERRNO && c < FAULT_CLASS)
			internal += classes[c];
	}
	printf("\n");
	if (lost) {
		printf("sysfuzz: workers lost:");
		for (int i = 0; i < NSIG + 256; i++)
			if (lost_by[i])
				printf(" %s %d: %lu", i < NSIG ? "signal" : "exit", i % NSIG, lost_by[i]);
		printf("\n");
	}
	if (per_op)
		print_per_op();
	printf("sysfuzz: calls %lu, ok %lu, errors %lu, faults %lu, internal_errnos %lu, "
	       "signals %lu, workers_killed %lu, workers_lost %lu, hangs %lu, bad_records %lu, "
	       "sigint_survived %lu\n", total_calls, classes[0], errors, faults, internal,
	       total_sigs, killed, lost, hangs, mismatches, sigint_survived);
	return hangs > 0 || internal > 0 || mismatches > 0 ? 1 : 0;
}

static int
live_workers(void)
{
	int n = 0;

	for (int k = 0; k < nworkers; k++)
		n += slots[k].pid != 0;
	return n;
}

/* The campaign: start the workers, read their records, disturb, watch, replace. */
static int
campaign(uint32_t count)
{
	for (int r = 0; r < nroots; r++)
		populate(roots[r]);
	if (pipe(report_pipe) < 0) {
		printf("sysfuzz: pipe: %s\n", strerror(errno));
		return 2;
	}
	printf("sysfuzz: seed %u, %u calls, %d workers, hang after %d s, roots", main_seed,
	       count, nworkers, hang_seconds);
	for (int r = 0; r < nroots; r++)
		printf(" %s", roots[r]);
	printf("\n");
	fflush(stdout);
	rng = mix(main_seed) | 1;
	for (int k = 0; k < nworkers; k++) {
		slots[k].owed = count / nworkers + (k == 0 ? count % nworkers : 0);
		start_worker(k);
	}
	while (live_workers() > 0) {
		for (int n = read_reports(100); n > 0; n--)
			if (below(kill_one_in) == 0)
				disturb();
		watch();
		reap();
	}
	while (read_reports(0) > 0)
		;
	return summary();
}

static void
usage(void)
{
	fprintf(stderr, "usage: sysfuzz [-v] [-x] [-w workers] [-t hang_seconds] [-k kill_one_in] "
	        "[-d ksi] [-o op,...] seed count dir...\n       sysfuzz -r worker_seed calls dir...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int c, replay = 0;
	uint32_t count;

	while ((c = getopt(argc, argv, "w:t:k:d:o:rvx")) != -1) {
		switch (c) {
		case 'w': nworkers = atoi(optarg); break;
		case 't': hang_seconds = atoi(optarg); break;
		case 'k': kill_one_in = atoi(optarg); break;
		case 'r': replay = 1; break;
		case 'v': per_op = 1; break;
		case 'x': stop_at_hang = 1; break;
		case 'd': disturbances = optarg; break;
		case 'o':
			if (only_ops(optarg) < 0)
				usage();
			break;
		default: usage();
		}
	}
	if (argc - optind < 3 || nworkers < 1 || nworkers > MAX_WORKERS || hang_seconds < 1 ||
	    kill_one_in < 1 || disturbances[0] == '\0' ||
	    strspn(disturbances, "ksi") != strlen(disturbances))
		usage();
	main_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
	count = (uint32_t)strtoul(argv[optind + 1], NULL, 0);
	for (int i = optind + 2; i < argc && nroots < MAX_ROOTS; i++)
		roots[nroots++] = argv[i];
	if (!replay)
		return campaign(count);
	verbose = 1;
	worker_setup(main_seed, -1);
	worker(-1, main_seed, count);
	fprintf(stderr, "sysfuzz: replay of seed %u: %u calls made\n", main_seed, count);
	return 0;
}
