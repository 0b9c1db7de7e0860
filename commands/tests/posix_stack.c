/*
 * posix_stack.c - growing stacks and RLIMIT_STACK (handouts/vm.md, "Growing stacks").
 *
 * Run from the shell (/test/posix_stack), as root and as an ordinary user, by
 * grader/tests/posix_proc.py.  A process starts with a 64 KiB stack that VM grows on
 * demand up to the soft RLIMIT_STACK (8 MiB by default); a fault past it is SIGSEGV.
 * Cases (each prints PASS or FAIL, the rule and the errno):
 *   - the default limits: 8 MiB soft, RLIM_INFINITY hard;
 *   - deep recursion (about 2.5 MiB of frames) and two 256 KiB local arrays work;
 *   - a read(2) into stack pages never touched (the kernel copies into them: VM grows the
 *     stack for the kernel's memory request);
 *   - a signal handler with a 200 KiB local array runs on the grown stack;
 *   - setrlimit errors: soft above hard is EINVAL; raising the hard limit is EPERM for a
 *     user (root may);
 *   - a child lowers the limit to 512 KiB: 256 KiB of locals still work, an overflow
 *     then ends it with SIGSEGV, and so do two 256 KiB arrays (these cases run first: a
 *     stack already grown past a lowered limit keeps its size, it only grows no more);
 *   - the lowered limit survives exec (the program execs itself with "execcheck");
 *   - fork copies a grown stack: the child sees the parent's 1 MiB local array and its
 *     writes do not reach the parent's copy.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "testlib.h"

#define KB 1024u
#define MB (1024u * 1024)
#define DEPTH 20000

static const char *self = "/test/posix_stack";
static volatile int handled;

/* Each level keeps a 64-byte local array live; the sum proves every frame held. */
static unsigned __attribute__((noinline))
recurse(unsigned n)
{
	volatile unsigned char pad[64];
	unsigned i, s = 0;

	for (i = 0; i < sizeof(pad); i++)
		pad[i] = (unsigned char)(n + i);
	if (n > 0)
		s = recurse(n - 1);
	for (i = 0; i < sizeof(pad); i++)
		s += pad[i];
	return s;
}

/* What recurse(n) must return. */
static unsigned
expected_sum(unsigned n)
{
	unsigned s = 0, k, i;

	for (k = 0; k <= n; k++)
		for (i = 0; i < 64; i++)
			s += (unsigned char)(k + i);
	return s;
}

/* Recurse 1 KiB a level until the stack runs out (128 MiB: past any stack). */
static unsigned __attribute__((noinline))
overflow(unsigned n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	pad[sizeof(pad) - 1] = (char)n;
	if (n > 128 * 1024)
		return 0;
	return overflow(n + 1) + pad[0] + pad[sizeof(pad) - 1];
}

/* Two 256 KiB arrays, both written and read back: 1 if intact. */
static int __attribute__((noinline))
two_arrays(void)
{
	volatile unsigned char a[256 * KB], b[256 * KB];
	unsigned i;

	for (i = 0; i < sizeof(a); i += 512)
		a[i] = (unsigned char)i, b[i] = (unsigned char)~i;
	for (i = 0; i < sizeof(a); i += 512)
		if (a[i] != (unsigned char)i || b[i] != (unsigned char)~i)
			return 0;
	return 1;
}

static void
case_defaults(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_STACK, &rl) != 0) {
		test_fail("posix_stack_default_limit", "getrlimit(RLIMIT_STACK): %s",
			  strerror(errno));
		return;
	}
	test_check("posix_stack_default_limit", rl.rlim_cur == 8 * MB &&
		   rl.rlim_max == RLIM_INFINITY, "RLIMIT_STACK is %u/%u, want 8 MiB soft, "
		   "RLIM_INFINITY hard", (unsigned)rl.rlim_cur, (unsigned)rl.rlim_max);
}

static void
case_growth(void)
{
	unsigned got = recurse(DEPTH);

	test_check("posix_stack_deep_recursion", got == expected_sum(DEPTH),
		   "%d levels: sum %u, want %u", DEPTH, got, expected_sum(DEPTH));
	test_check("posix_stack_large_locals", two_arrays(),
		   "two 256 KiB local arrays: a value read back differs");
}

/* read(2) fills the deepest page of an untouched 512 KiB local array. */
static int __attribute__((noinline))
read_deep(int fd, char *want, size_t n)
{
	char buf[512 * KB];
	ssize_t r = read(fd, buf, n);

	return r == (ssize_t)n && memcmp(buf, want, n) == 0;
}

static void
case_kernel_copy(void)
{
	char pattern[4096];
	int p[2];

	memset(pattern, 'x', sizeof(pattern));
	if (pipe(p) != 0 || write(p[1], pattern, sizeof(pattern)) != (ssize_t)sizeof(pattern)) {
		test_fail("posix_stack_read_into_new_stack", "pipe/write: %s", strerror(errno));
		return;
	}
	test_check("posix_stack_read_into_new_stack", read_deep(p[0], pattern, sizeof(pattern)),
		   "read(2) into stack pages below the stack: %s", strerror(errno));
	close(p[0]);
	close(p[1]);
}

static void
on_usr1(int sig)
{
	volatile char big[200 * KB];

	big[0] = (char)sig;
	big[sizeof(big) - 1] = (char)sig;
	handled = big[0] + big[sizeof(big) - 1];
}

static void
case_handler(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	test_check("posix_stack_handler_grows", handled == 2 * SIGUSR1,
		   "a handler with a 200 KiB local array did not run to its end");
	signal(SIGUSR1, SIG_DFL);
}

/* A child runs fn; its wait status, or -1. */
static int
in_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn();
		_exit(0);
	}
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void
limits_errors(void)
{
	struct rlimit rl = { 2 * MB, 1 * MB };
	int user = geteuid() != 0;

	if (setrlimit(RLIMIT_STACK, &rl) == 0 || errno != EINVAL)
		_exit(10);		/* soft above hard */
	rl.rlim_cur = rl.rlim_max = 1 * MB;
	if (setrlimit(RLIMIT_STACK, &rl) != 0)
		_exit(11);		/* lowering is anyone's right */
	rl.rlim_max = 2 * MB;
	if (user ? setrlimit(RLIMIT_STACK, &rl) == 0 || errno != EPERM :
		   setrlimit(RLIMIT_STACK, &rl) != 0)
		_exit(12);		/* raising the hard limit: root only */
}

static void
case_errors(void)
{
	int st = in_child(limits_errors);

	test_check("posix_stack_setrlimit_errors", st == 0, "%s", st == 10 << 8 ?
		   "soft above hard: want EINVAL" : st == 11 << 8 ? "lowering both refused" :
		   st == 12 << 8 ? (geteuid() ? "raising the hard limit as a user: want EPERM" :
				    "root may raise the hard limit") : "the child died");
}

static void
set_stack_limit(rlim_t n)
{
	struct rlimit rl = { n, n }, none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);		/* no core file from the SIGSEGV */
	if (setrlimit(RLIMIT_STACK, &rl) != 0)
		_exit(20);
}

static void
lowered_overflow(void)
{
	set_stack_limit(512 * KB);
	if (!two_arrays())		/* 512 KiB of locals plus frames: past the limit */
		_exit(21);
	_exit(22);
}

static void
lowered_fits(void)
{
	volatile char a[256 * KB];

	set_stack_limit(512 * KB);
	a[0] = 1, a[sizeof(a) - 1] = 2;
	if (a[0] + a[sizeof(a) - 1] != 3)
		_exit(21);
	overflow(0);
	_exit(22);
}

static void
exec_lowered(void)
{
	char *argv[] = { (char *)self, "execcheck", NULL };

	set_stack_limit(256 * KB);
	execv(self, argv);
	_exit(23);
}

static void
case_limit(void)
{
	int st = in_child(lowered_fits);

	test_check("posix_stack_limit_segv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "256 KiB under a 512 KiB limit, then an overflow: status 0x%x, want SIGSEGV "
		   "(exit 21: the 256 KiB failed)", st);
	st = in_child(lowered_overflow);
	test_check("posix_stack_limit_arrays_segv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "two 256 KiB arrays under a 512 KiB limit: status 0x%x, want SIGSEGV", st);
	st = in_child(exec_lowered);
	test_check("posix_stack_limit_kept_by_exec", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "a 256 KiB limit across exec: status 0x%x, want SIGSEGV (exit 24: getrlimit "
		   "after exec differs, 23: exec failed)", st);
}

/* After exec: the limit is still 256 KiB and enforced. */
static int
exec_check(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur != 256 * KB)
		return 24;
	overflow(0);
	return 25;
}

static int __attribute__((noinline))
fork_grown(void)
{
	volatile unsigned char big[1 * MB];
	unsigned i;
	int status, bad = 0;
	pid_t pid;

	for (i = 0; i < sizeof(big); i += 1024)
		big[i] = (unsigned char)(i >> 10);
	if ((pid = fork()) == 0) {
		for (i = 0; i < sizeof(big); i += 1024)
			bad |= big[i] != (unsigned char)(i >> 10), big[i] = 0xEE;
		_exit(bad ? 1 : recurse(1000) == expected_sum(1000) ? 0 : 2);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	for (i = 0; i < sizeof(big); i += 1024)
		bad |= big[i] != (unsigned char)(i >> 10);
	return bad ? -2 : status;
}

int
main(int argc, char **argv)
{
	int r;

	argc = test_init("posix_stack", argc, argv);
	if (argc > 1 && strcmp(argv[1], "execcheck") == 0)
		return exec_check();
	case_defaults();
	case_errors();
	case_limit();		/* before the growth: a child keeps the stack it inherits */
	case_growth();
	case_kernel_copy();
	case_handler();
	r = fork_grown();
	test_check("posix_stack_fork_copies", r == 0, "%s (%d)", r == -2 ?
		   "the child's writes reached the parent's stack" : r == 1 << 8 ?
		   "the child saw other values in the grown stack" : "fork or the child failed",
		   r);
	return test_done();
}
