/*
 * ptracetest - ptrace conformance (grader/tests/ptrace.py; handouts/ptrace.md, "Testing
 * it"): every request and rule of the ptrace protocol (minnow/ptrace.h), checked from a
 * tracer's side through ptrace() and waitpid().
 *
 * Usage: ptracetest [CASE...]   (no CASE: all of them, in order)
 * Each case runs in a process of its own, in a process group of its own, with a watchdog:
 * a second child that, after WATCHDOG_S seconds, kills the case's whole group and prints
 * "ptracetest: CASE FAIL: watchdog ...", so a hang costs that much and no more.  A case
 * prints "ptracetest: CASE PASS" or "ptracetest: CASE FAIL: why (errno N)"; the last line
 * is "ptracetest: N passed, M failed" and the exit status is the number of failures.
 *
 * This file: the runner, the helpers and the cases on a tracee's memory and registers:
 * words of memory (memory), a breakpoint (breakpoint), registers (regs), ranges (range).
 * ptracerun.c has the cases on how a tracee runs (exec, step, syscall, sysregs),
 * ptraceproc.c those on signals and on who traces whom.  A tracee is a forked copy of this
 * program, so an address here (a variable, a function) is the same address in it; an
 * exec'd tracee runs this program again with "-exit N" (exit at once) or "-getpid"
 * (GETPIDS getpid calls, then exit 7).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <minnow/ipc.h>
#include <minnow/pm.h>
#include <minnow/vmlayout.h>
#include "ptracetest.h"

#define WATCHDOG_S      10              /* seconds a case may take */
#define UNMAPPED        0x1000          /* an address below the text: never mapped */

const char *self_path = "/test/ptracetest";
volatile int hits[NSIG];
volatile uint32_t word_magic = 0xDEADBEEF, word_ones = 0xFFFFFFFF;
static volatile uint32_t flag;
static const char *case_name = "?";

int
fail(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	printf("ptracetest: %s FAIL: ", case_name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (e != 0)
		printf(" (errno %d)", e);
	printf("\n");
	return -1;
}

/* ptrace with errno cleared first (a T_GET* word may be -1). */
long
tr(int req, pid_t pid, long addr, long data)
{
	errno = 0;
	return ptrace(req, pid, addr, data);
}

int
expect_err(long r, int err, const char *what)
{
	int e = errno;

	errno = 0;
	if (r != -1 || e != err)
		return fail("%s: answered %ld with errno %d, expected -1 with errno %d", what, r,
			    e, err);
	return 0;
}

/* A wait status in words, for FAIL lines. */
const char *
status_text(int st)
{
	static char buf[48];

	if (WIFEXITED(st))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "killed by signal %d", WTERMSIG(st));
	else if (WIFSTOPPED(st))
		snprintf(buf, sizeof(buf), "stopped by signal %d", WSTOPSIG(st));
	else
		snprintf(buf, sizeof(buf), "status %#x", st);
	return buf;
}

/* The next report of pid into *st; -1 (FAIL) if waitpid answers something else. */
static int
next_report(pid_t pid, int *st, const char *what)
{
	pid_t r;

	errno = 0;
	*st = 0;
	if ((r = waitpid(pid, st, 0)) != pid)
		return fail("%s: waitpid(%d) answered %d", what, pid, r);
	return 0;
}

/* Is st the exit with code (code < 0: the death by signal -code)?  Else -1 (FAIL). */
static int
check_exit(int st, int code, const char *what)
{
	if (code >= 0 ? !WIFEXITED(st) || WEXITSTATUS(st) != code :
	    !WIFSIGNALED(st) || WTERMSIG(st) != -code)
		return fail("%s: %s, expected %s %d", what, status_text(st),
			    code >= 0 ? "exited" : "killed by signal", code >= 0 ? code : -code);
	return 0;
}

/* The next report of pid must be a stop by sig. */
int
wait_stop(pid_t pid, int sig, const char *what)
{
	int st;

	if (next_report(pid, &st, what) < 0)
		return -1;
	if (!WIFSTOPPED(st) || WSTOPSIG(st) != sig)
		return fail("%s: %s, expected stopped by signal %d", what, status_text(st), sig);
	return 0;
}

/* The next report of pid must be its exit with code (check_exit). */
int
wait_exit(pid_t pid, int code, const char *what)
{
	int st;

	if (next_report(pid, &st, what) < 0)
		return -1;
	return check_exit(st, code, what);
}

/* As wait_exit, but give up (FAIL) after ms milliseconds. */
int
wait_exit_within(pid_t pid, int code, int ms, const char *what)
{
	int st = 0, t;
	pid_t r = 0;

	errno = 0;
	for (t = 0; t < ms && (r = waitpid(pid, &st, WNOHANG)) == 0; t += 50)
		usleep(50000);
	if (r == 0)
		return fail("%s: nothing reported after %d ms", what, ms);
	if (r != pid)
		return fail("%s: waitpid(%d) answered %d", what, pid, r);
	return check_exit(st, code, what);
}

/* No report of pid is waiting, stops included (each stop is reported once, and only to
 * the tracer). */
int
wait_none(pid_t pid, const char *what)
{
	int st = 0;
	pid_t r;

	errno = 0;
	if ((r = waitpid(pid, &st, WNOHANG | WUNTRACED)) != 0)
		return fail("%s: waitpid(WNOHANG | WUNTRACED) answered %d (%s), expected 0", what,
			    r, status_text(st));
	return 0;
}

/* fork a child that asks to be traced (T_OK) and stops itself with SIGSTOP.  The child:
 * 0, once its tracer resumes it.  The parent (its tracer): its pid once that SIGSTOP was
 * reported, or -1 (FAIL printed). */
pid_t
start_tracee(void)
{
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (ptrace(T_OK, 0, 0, 0) != 0)
			_exit(90);
		raise(SIGSTOP);
		return 0;
	}
	if (pid < 0)
		return fail("fork");
	if (wait_stop(pid, SIGSTOP, "the tracee's SIGSTOP after T_OK") < 0)
		return -1;
	return pid;
}

/* fork a child that waits for one byte on a pipe (a read made again after EINTR), then
 * exits with code + the SIGUSR1s it caught + twice its SIGUSR2s.  *go: the pipe's end for
 * release(). */
pid_t
gate_child(int *go, int code)
{
	int fds[2], n;
	pid_t pid;
	char c;

	if (pipe(fds) < 0)
		return fail("pipe");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(fds[1]);
		while ((n = read(fds[0], &c, 1)) != 1)
			if (n == 0 || errno != EINTR)
				_exit(99);	/* no byte will come */
		_exit(code + hits[SIGUSR1] + 2 * hits[SIGUSR2]);
	}
	close(fds[0]);
	*go = fds[1];
	return pid < 0 ? fail("fork") : pid;
}

void
release(int go)
{
	write(go, "g", 1);
	close(go);
}

void
on_hit(int sig)
{
	hits[sig]++;
}

int
catch_hits(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hit;
	sa.sa_flags = flags;
	return sigaction(sig, &sa, NULL);
}

static int __attribute__((noinline))
bp_target(int x)
{
	return x + 1;
}
static int (*volatile bp_call)(int) = bp_target;

/* T_GETINS/T_GETDATA read words (-1 too); T_SETDATA changes a variable the tracee then
 * sees, not the tracer's; unmapped addresses are EFAULT. */
static int
case_memory(void)
{
	long w;
	pid_t pid = start_tracee();

	if (pid == 0)
		_exit(flag & 0xFF);
	if (pid < 0)
		return -1;
	if ((w = tr(T_GETDATA, pid, (long)&word_magic, 0)) != (long)0xDEADBEEF)
		return fail("T_GETDATA of 0xdeadbeef: %#lx", w);
	if ((w = tr(T_GETDATA, pid, (long)&word_ones, 0)) != -1 || errno != 0)
		return fail("T_GETDATA of the word -1: %ld", w);
	if ((w = tr(T_GETINS, pid, (long)bp_target, 0)) != *(long *)bp_target || errno)
		return fail("T_GETINS of bp_target: %#lx, not %#lx", w, *(long *)bp_target);
	if (tr(T_GETDATA, pid, (long)&flag, 0) != 0 ||
	    tr(T_SETDATA, pid, (long)&flag, 0x5A) != 0 ||
	    tr(T_GETDATA, pid, (long)&flag, 0) != 0x5A || flag != 0)
		return fail("T_SETDATA of a variable (or its tracer's copy changed)");
	if (expect_err(tr(T_GETDATA, pid, UNMAPPED, 0), EFAULT, "T_GETDATA unmapped") < 0 ||
	    expect_err(tr(T_GETINS, pid, UNMAPPED, 0), EFAULT, "T_GETINS unmapped") < 0 ||
	    expect_err(tr(T_SETDATA, pid, UNMAPPED, 1), EFAULT, "T_SETDATA unmapped") < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	return wait_exit(pid, 0x5A, "the tracee's exit with the variable set");
}

/* T_SETINS plants int3 (0xCC) in the tracee's text (not the tracer's); the tracee stops
 * with SIGTRAP just past it; the byte and EIP put back, it runs the function right. */
static int
case_breakpoint(void)
{
	long orig, eip, bp = (long)bp_target;
	pid_t pid = start_tracee();

	if (pid == 0)
		_exit(bp_call(41));
	if (pid < 0)
		return -1;
	orig = tr(T_GETINS, pid, bp, 0);
	if (tr(T_SETINS, pid, bp, (orig & ~0xFFL) | 0xCC) != 0)
		return fail("T_SETINS of int3");
	if ((tr(T_GETINS, pid, bp, 0) & 0xFF) != 0xCC || *(unsigned char *)bp_target == 0xCC)
		return fail("the int3 is not in the tracee's text, or is in the tracer's");
	if (tr(T_RESUME, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "the breakpoint") < 0)
		return -1;
	if ((eip = tr(T_GETUSER, pid, T_REG_EIP, 0)) != bp + 1)
		return fail("at the breakpoint EIP is %#lx, not %#lx", eip, bp + 1);
	if (tr(T_SETINS, pid, bp, orig) != 0 || tr(T_SETUSER, pid, T_REG_EIP, bp) != 0 ||
	    tr(T_GETUSER, pid, T_REG_EIP, 0) != bp)
		return fail("putting back the byte and EIP");
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	return wait_exit(pid, 42, "bp_target(41) after the breakpoint");
}

#define REG_MAGIC 0x5A5A1234

/* The regs tracee: EAX = 0 and CF clear at an int3; after it, EAX and CF as the tracer
 * set them?  Exit 1 + 2 (EAX right) + 4 (CF set). */
static void
regs_child(void)
{
	uint32_t eax, flags;

	__asm__ volatile("xorl %%eax, %%eax\n\tint3\n\tpushfl\n\tpopl %1"
			 : "=a"(eax), "=r"(flags) : : "cc", "memory");
	_exit(1 + (eax == REG_MAGIC ? 2 : 0) + (flags & 1 ? 4 : 0));
}

/* The register errors: segment registers and unaligned offsets are EFAULT (T_SETUSER);
 * T_GETUSER reads past the registers into the process slot, but not far past it. */
static int
regs_errors(pid_t pid)
{
	static const int segs[] = { 32, 36, 40, 44, 60, 72 };   /* GS FS ES DS CS SS */
	unsigned i;
	long cs = tr(T_GETUSER, pid, 60, 0);

	for (i = 0; i < sizeof(segs) / sizeof(segs[0]); i++)
		if (expect_err(tr(T_SETUSER, pid, segs[i], 0x23), EFAULT,
			       "T_SETUSER of a segment register") < 0)
			return fail("(the one at offset %d)", segs[i]);
	if ((cs & 3) != 3 || tr(T_GETUSER, pid, 60, 0) != cs)
		return fail("CS %#lx is not ring 3, or changed", cs);
	if (expect_err(tr(T_GETUSER, pid, 2, 0), EFAULT, "T_GETUSER unaligned") < 0 ||
	    expect_err(tr(T_SETUSER, pid, T_REG_EAX + 2, 0), EFAULT, "T_SETUSER unaligned") < 0 ||
	    expect_err(tr(T_GETUSER, pid, 0x100000, 0), EFAULT, "T_GETUSER far past") < 0)
		return -1;
	tr(T_GETUSER, pid, T_REG_SIZE, 0);
	if (errno != 0)
		return fail("T_GETUSER(T_REG_SIZE), the process slot after the registers");
	return 0;
}

/* T_GETUSER and T_SETUSER: registers read at an int3 make sense; EAX and EFLAGS written
 * there are what the tracee sees; the errors of regs_errors. */
static int
case_regs(void)
{
	long eip, esp, eax, fl;
	pid_t pid = start_tracee();

	if (pid == 0)
		regs_child();
	if (pid < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "the int3") < 0)
		return -1;
	eip = tr(T_GETUSER, pid, T_REG_EIP, 0);
	esp = tr(T_GETUSER, pid, T_REG_ESP, 0);
	eax = tr(T_GETUSER, pid, T_REG_EAX, 0);
	fl = tr(T_GETUSER, pid, T_REG_EFLAGS, 0);
	if (eip < (long)_start || eip >= (long)etext || (unsigned long)esp > USER_STACK_TOP ||
	    (unsigned long)esp < (unsigned long)etext || eax != 0 || (fl & 1))
		return fail("registers: EIP %#lx ESP %#lx EAX %#lx EFLAGS %#lx", eip, esp, eax, fl);
	if (tr(T_SETUSER, pid, T_REG_EAX, REG_MAGIC) != 0 ||
	    tr(T_SETUSER, pid, T_REG_EFLAGS, fl | 1) != 0 ||
	    tr(T_GETUSER, pid, T_REG_EAX, 0) != REG_MAGIC)
		return fail("T_SETUSER of EAX or of EFLAGS' carry");
	if (regs_errors(pid) < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	return wait_exit(pid, 7, "the tracee's view (7: EAX and CF as set)");
}

static unsigned char area[256];

/* One T_GETRANGE/T_SETRANGE: ptrace's answer. */
long
tr_range(int req, pid_t pid, int space, long addr, void *ptr, uint32_t size)
{
	struct ptrace_range pr = { space, (uint32_t)addr, ptr, size };

	return tr(req, pid, (long)&pr, 0);
}

/* The range errors: bad space or size EINVAL, bad addresses on both sides EFAULT. */
static int
range_errors(pid_t pid)
{
	unsigned char buf[16];
	long a = (long)area;

	if (expect_err(tr_range(T_GETRANGE, pid, 2, a, buf, 4), EINVAL, "space 2") < 0 ||
	    expect_err(tr_range(T_GETRANGE, pid, TS_DATA, a, buf, 0), EINVAL, "size 0") < 0 ||
	    expect_err(tr_range(T_SETRANGE, pid, TS_DATA, a, buf, 0x80000000u), EINVAL,
		       "size 0x80000000") < 0)
		return -1;
	if (expect_err(tr_range(T_GETRANGE, pid, TS_DATA, UNMAPPED, buf, 4), EFAULT,
		       "T_GETRANGE of an unmapped tracee address") < 0 ||
	    expect_err(tr_range(T_SETRANGE, pid, TS_DATA, UNMAPPED, buf, 4), EFAULT,
		       "T_SETRANGE to an unmapped tracee address") < 0 ||
	    expect_err(tr_range(T_GETRANGE, pid, TS_DATA, a, (void *)UNMAPPED, 4), EFAULT,
		       "T_GETRANGE into an unmapped tracer address") < 0 ||
	    expect_err(tr(T_GETRANGE, pid, UNMAPPED, 0), EFAULT,
		       "T_GETRANGE with an unmapped struct ptrace_range") < 0)
		return -1;
	return 0;
}

/* T_SETRANGE into text, unaligned: 5 bytes at bp_target + 1 are what the tracee's text
 * then has, its neighbours unchanged, and the tracer's own text unchanged; then put back. */
static int
range_text(pid_t pid)
{
	unsigned char set[5] = { 0x90, 0x91, 0x92, 0x93, 0x94 }, back[7];
	const unsigned char *own = (const unsigned char *)bp_target;

	if (tr_range(T_SETRANGE, pid, TS_INS, (long)own + 1, set, sizeof(set)) != 0 ||
	    tr_range(T_GETRANGE, pid, TS_INS, (long)own, back, sizeof(back)) != 0)
		return fail("T_SETRANGE of 5 bytes of text, T_GETRANGE");
	if (back[0] != own[0] || memcmp(back + 1, set, sizeof(set)) != 0 || back[6] != own[6])
		return fail("T_SETRANGE of 5 bytes of text: the text read back differs");
	if (memcmp(own + 1, set, sizeof(set)) == 0)
		return fail("T_SETRANGE into the tracee's text changed the tracer's");
	if (tr_range(T_SETRANGE, pid, TS_INS, (long)own + 1, (void *)(own + 1), 5) != 0)
		return fail("T_SETRANGE putting the text back");
	return 0;
}

/* T_GETRANGE/T_SETRANGE: data and text copied out right; data copied in is what the
 * tracee then has; range_text; range_errors. */
static int
case_range(void)
{
	unsigned char buf[sizeof(area)], text[16];
	unsigned i, ok;
	pid_t pid;

	for (i = 0; i < sizeof(area); i++)
		area[i] = (unsigned char)(i * 7);
	if ((pid = start_tracee()) == 0) {
		for (i = 0, ok = 1; i < sizeof(area); i++)
			ok &= area[i] == (unsigned char)(i ^ 0xA5);
		_exit(ok ? 0x11 : 0x12);
	}
	if (pid < 0)
		return -1;
	if (tr_range(T_GETRANGE, pid, TS_DATA, (long)area, buf, sizeof(buf)) != 0 ||
	    memcmp(buf, area, sizeof(area)) != 0)
		return fail("T_GETRANGE of a data area");
	if (tr_range(T_GETRANGE, pid, TS_INS, (long)bp_target, text, sizeof(text)) != 0 ||
	    memcmp(text, (void *)bp_target, sizeof(text)) != 0)
		return fail("T_GETRANGE of text");
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i ^ 0xA5);
	if (tr_range(T_SETRANGE, pid, TS_DATA, (long)area, buf, sizeof(buf)) != 0 ||
	    tr_range(T_GETRANGE, pid, TS_DATA, (long)area + 1, text, 4) != 0 ||
	    memcmp(text, buf + 1, 4) != 0 || area[1] != 7)
		return fail("T_SETRANGE of a data area (or the tracer's copy changed)");
	if (range_text(pid) < 0 || range_errors(pid) < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	return wait_exit(pid, 0x11, "the tracee's check of the area (0x11: as set)");
}

static const struct {
	const char *name;
	int (*run)(void);
} cases[] = {
	{ "exec", case_exec }, { "memory", case_memory }, { "breakpoint", case_breakpoint },
	{ "regs", case_regs }, { "range", case_range }, { "step", case_step },
	{ "syscall", case_syscall }, { "sysregs", case_sysregs }, { "signals", case_signals },
	{ "exit", case_exit },
	{ "attach", case_attach }, { "errors", case_errors }, { "fork", case_fork },
	{ "death", case_death }, { "tracerdeath", case_tracerdeath }, { "uid", case_uid },
};
#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

/* The watchdog of a case's process group: after WATCHDOG_S seconds it kills the group and
 * exits 0 (killed before that, it did not fire). */
static pid_t
watchdog(pid_t group)
{
	pid_t pid = fork();

	if (pid == 0) {
		sleep(WATCHDOG_S);
		kill(-group, SIGKILL);
		_exit(0);
	}
	return pid;
}

/* Run case i in a process (and group) of its own: 0 if it passed. */
static int
run_case(int i)
{
	pid_t runner, dog;
	int st = 0, dst = 0;

	fflush(stdout);
	if ((runner = fork()) == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);	/* a background group: writes even with tostop */
		case_name = cases[i].name;
		_exit(cases[i].run() == 0 ? 0 : 1);
	}
	setpgid(runner, runner);
	dog = watchdog(runner);
	while (waitpid(runner, &st, 0) != runner)
		;
	kill(-runner, SIGKILL);			/* what the case left behind */
	kill(dog, SIGKILL);
	waitpid(dog, &dst, 0);
	if (WIFEXITED(dst)) {
		printf("ptracetest: %s FAIL: watchdog: no result after %d s, its processes "
		       "killed\n", cases[i].name, WATCHDOG_S);
		return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		printf("ptracetest: %s PASS\n", cases[i].name);
		return 0;
	}
	if (!WIFEXITED(st))
		printf("ptracetest: %s FAIL: its process %s\n", cases[i].name, status_text(st));
	return -1;
}

/* The child programs exec'd by the exec and syscall cases, if argv names one. */
static void
child_program(char **argv)
{
	int i;

	if (strcmp(argv[1], "-exit") == 0 && argv[2] != NULL)
		_exit(atoi(argv[2]));
	if (strcmp(argv[1], "-getpid") != 0)
		return;
	for (i = 0; i < GETPIDS; i++)
		getpid();
	_exit(7);
}

int
main(int argc, char *argv[])
{
	int i, j, passed = 0, failed = 0;

	if (argc > 1)
		child_program(argv);
	setvbuf(stdout, NULL, _IONBF, 0);
	for (j = 1; j < argc; j++) {
		for (i = 0; i < NCASES && strcmp(argv[j], cases[i].name) != 0; i++)
			;
		if (i == NCASES) {
			printf("ptracetest: %s FAIL: no such case\n", argv[j]);
			failed++;
		}
	}
	for (i = 0; i < NCASES; i++) {
		for (j = 1; j < argc && strcmp(argv[j], cases[i].name) != 0; j++)
			;
		if (argc > 1 && j == argc)
			continue;
		run_case(i) == 0 ? passed++ : failed++;
	}
	printf("ptracetest: %d passed, %d failed\n", passed, failed);
	return failed;
}
