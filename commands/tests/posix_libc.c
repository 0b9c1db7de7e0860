/*
 * posix_libc - the C library's POSIX conformance test (grader/tests/posix_libc.py;
 * handouts/libc.md): stdio and scanf, the exec family with its PATH search, system and
 * popen, setjmp and sigsetjmp, the time functions, nanosleep interrupted by a signal,
 * realpath, mkstemp, getopt_long, times and clock, sysconf and pathconf, and the string,
 * sorting and path helpers.  Runs as root and as an ordinary user (asuser) alike.
 *
 * Usage: posix_libc [CASE...]   (no CASE: all of them, in order)
 * Each case prints "PASS posix_libc_CASE" or "FAIL posix_libc_CASE: why" (the first
 * check that failed: the rule, and errno's name when a call failed); the last line is
 * "DONE posix_libc N passed, M failed" and the exit status is 0 only if none failed.
 * Scratch files are /tmp/plc.<pid>.*; they are removed again.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <paths.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "posix_libc.h"

static char why[256];           /* the first failure of the running case */
static int passed, failed;
static char scratch[64];        /* /tmp/plc.<pid> */

void
fail(const char *fmt, ...)
{
	va_list ap;

	if (why[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
}


const char *
tmp(const char *suffix)
{
	static char bufs[2][96];
	static int turn;
	char *b = bufs[turn ^= 1];

	snprintf(b, sizeof(bufs[0]), "%s.%s", scratch, suffix);
	return b;
}

int
in_child(void (*fn)(void), const char *out)
{
	pid_t pid;
	int status = -1, fd;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (out != NULL && (fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		fn();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

const char *
first_line(const char *path)
{
	static char line[256];
	FILE *f = fopen(path, "r");

	line[0] = '\0';
	if (f != NULL) {
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

void
put_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd >= 0) {
		write(fd, text, strlen(text));
		close(fd);
	}
}


/* ---- the exec family ---- */

static char *const sh_env[] = { "CODE=9", "PATH=/bin", NULL };

static void exec_l(void) { execl("/bin/sh", "sh", "-c", "exit 7", (char *)NULL); }
static void exec_le(void) { execle("/bin/sh", "sh", "-c", "exit $CODE", (char *)NULL, sh_env); }

static void
exec_lp(void)
{
	setenv("PATH", "/nonexistent:/tmp:/bin", 1);
	execlp("sh", "sh", "-c", "exit 5", (char *)NULL);
}

static void
exec_vp_default(void)
{
	char *argv[] = { "sh", "-c", "exit 6", NULL };

	unsetenv("PATH");               /* the default search path has /bin */
	execvp("sh", argv);
}

/* An exec that must fail: the errno number as the exit status. */
static void exec_fail_lp(void) { execlp(tmp("none"), "x", (char *)NULL); _exit(errno); }

static void
exec_fail_search(void)
{
	char dir[96];

	snprintf(dir, sizeof(dir), "/nonexistent:%s", tmp("dir"));
	setenv("PATH", dir, 1);
	execlp("noexec", "noexec", (char *)NULL);
	_exit(errno);
}

static void
exec_fail_missing(void)
{
	setenv("PATH", "/nonexistent:/tmp", 1);
	execlp("posix-libc-no-such-program", "x", (char *)NULL);
	_exit(errno);
}

static void
exec_fail_direct(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/noexec", tmp("dir"));
	execl(path, "noexec", (char *)NULL);
	_exit(errno);
}

/* Exit status of a child running fn, or -1 if it did not exit. */
static int
exit_of(void (*fn)(void))
{
	int status = in_child(fn, NULL);

	return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
case_exec(void)
{
	char path[128];

	mkdir(tmp("dir"), 0755);
	snprintf(path, sizeof(path), "%s/noexec", tmp("dir"));
	put_file(path, "exit 0\n", 0644);
	CHECK(exit_of(exec_l) == 7, "execl /bin/sh -c 'exit 7' exits 7");
	CHECK(exit_of(exec_le) == 9, "execle passes its environment (CODE=9)");
	CHECK(exit_of(exec_lp) == 5, "execlp searches PATH past missing directories");
	CHECK(exit_of(exec_vp_default) == 6, "execvp without PATH searches /bin");
	CHECK(exit_of(exec_fail_lp) == ENOENT, "execlp of a missing path with '/' is ENOENT");
	CHECK(exit_of(exec_fail_missing) == ENOENT, "execlp of a name in no PATH directory "
	      "is ENOENT");
	CHECK(exit_of(exec_fail_search) == EACCES, "execlp finding only a file without x "
	      "bits is EACCES");
	CHECK(exit_of(exec_fail_direct) == EACCES, "execl of a file without x bits is EACCES");
	errno = 0;
	CHECK(execl(tmp("none"), "x", (char *)NULL) == -1 && errno == ENOENT,
	      "a failed execl returns -1 with ENOENT");
	unlink(path);
	rmdir(tmp("dir"));
}

/* ---- system and popen ---- */

static void
case_system(void)
{
	char cmd[128];
	int st;

	CHECK(system(NULL) != 0, "system(NULL) says a shell exists");
	st = system("exit 3");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "system(\"exit 3\") gives status 3 "
	      "(got %#x)", st);
	snprintf(cmd, sizeof(cmd), "echo from-system > %s", tmp("sys"));
	st = system(cmd);
	CHECK(st == 0, "system with a redirection gives 0 (got %#x)", st);
	CHECK_STR(first_line(tmp("sys")), "from-system", "system's command wrote the file");
	st = system("kill -9 $$");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "system reports the shell killed by "
	      "SIGKILL (got %#x)", st);
	unlink(tmp("sys"));
}

static void
case_popen(void)
{
	char line[64] = "", cmd[128];
	FILE *f;
	int st;

	f = popen("echo hello; echo world; exit 4", "r");
	CHECK(f != NULL, "popen(\"r\") starts the command");
	if (f == NULL)
		return;
	CHECK(fgets(line, sizeof(line), f) != NULL && strcmp(line, "hello\n") == 0,
	      "popen's stream reads the command's first line (got \"%s\")", line);
	CHECK(fgets(line, sizeof(line), f) != NULL && strcmp(line, "world\n") == 0,
	      "popen's stream reads the second line");
	CHECK(fgets(line, sizeof(line), f) == NULL, "then end of file");
	st = pclose(f);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "pclose gives the exit status 4 (got %#x)",
	      st);
	snprintf(cmd, sizeof(cmd), "cat > %s", tmp("pw"));
	f = popen(cmd, "w");
	CHECK(f != NULL, "popen(\"w\") starts the command");
	if (f != NULL) {
		fprintf(f, "to-cat %d\n", 42);
		CHECK(pclose(f) == 0, "pclose of cat gives 0");
	}
	CHECK_STR(first_line(tmp("pw")), "to-cat 42", "what was written reached the command");
	errno = 0;
	CHECK(popen("true", "rw") == NULL && errno == EINVAL, "popen mode \"rw\" is EINVAL");
	errno = 0;
	CHECK(pclose(stdin) == -1 && errno == ECHILD, "pclose of a stream not from popen is "
	      "ECHILD");
	unlink(tmp("pw"));
}

/* ---- setjmp and sigsetjmp ---- */

static jmp_buf jb;
static sigjmp_buf sjb;
static volatile int depth_reached;

static void
dive(int n)
{
	depth_reached = n;
	if (n == 5)
		longjmp(jb, 0);         /* 0 becomes 1 */
	if (n < 5)
		dive(n + 1);
}

static void on_usr1_jump(int sig) { (void)sig; siglongjmp(sjb, 2); }

/* Is SIGUSR1 blocked now? */
static int
usr1_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

/* sigsetjmp(sjb, savemask), SIGUSR1 whose handler jumps back: 1 if it came back. */
static int
jump_from_handler(int savemask)
{
	volatile int came_back = 0;

	if (sigsetjmp(sjb, savemask) == 0) {
		raise(SIGUSR1);
		return 0;
	}
	came_back = 1;
	return came_back;
}

/* setjmp (or _setjmp if raw) with nothing blocked, then SIGUSR2 blocked and a jump back
 * (longjmp or _longjmp): 1 if SIGUSR2 is blocked after the jump. */
static int
setjmp_mask(int raw)
{
	sigset_t usr2, cur;

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	if ((raw ? _setjmp(jb) : setjmp(jb)) == 0) {
		sigprocmask(SIG_BLOCK, &usr2, NULL);
		if (raw)
			_longjmp(jb, 1);
		longjmp(jb, 1);
	}
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR2);
}

static void
case_setjmp(void)
{
	struct sigaction sa;
	volatile int local = 1;
	sigset_t none;
	int r;

	if ((r = setjmp(jb)) == 0) {
		local = 2;
		dive(0);
	}
	CHECK(r == 1 && depth_reached == 5, "longjmp(env, 0) from 5 frames down makes setjmp "
	      "return 1 (got %d, depth %d)", r, depth_reached);
	CHECK(local == 2, "a volatile local keeps its value across longjmp");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1_jump;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	CHECK(jump_from_handler(1) && !usr1_blocked(), "siglongjmp out of a handler to "
	      "sigsetjmp(env, 1) restores the mask: SIGUSR1 not blocked");
	CHECK(jump_from_handler(0) && usr1_blocked(), "siglongjmp to sigsetjmp(env, 0) keeps "
	      "the handler's mask: SIGUSR1 still blocked");
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGUSR1, SIG_DFL);
	CHECK(setjmp_mask(0) == 0, "longjmp to setjmp restores setjmp's mask (as "
	      "sigsetjmp(env, 1)): SIGUSR2 unblocked again");
	CHECK(setjmp_mask(1) == 1, "_longjmp to _setjmp touches no mask: SIGUSR2 stays "
	      "blocked");
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* ---- sleeping, interrupted ---- */

static void on_alarm(int sig) { (void)sig; }

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
case_nanosleep(void)
{
	struct timespec req = { 2, 0 }, rem = { -1, -1 }, bad = { 0, 1000000000L };
	struct itimerval it = { { 0, 0 }, { 0, 500000 } };
	struct sigaction sa;
	long long start, slept, left;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;               /* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	start = now_ns();
	r = nanosleep(&req, &rem);
	slept = now_ns() - start;
	CHECK(r == -1 && errno == EINTR, "nanosleep ended by SIGALRM is -1 with EINTR");
	left = rem.tv_sec * 1000000000LL + rem.tv_nsec;
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L && left > 0 && left < 2000000000LL,
	      "*rem is the time not slept, 0 < rem < 2 s (got %lld ns)", left);
	CHECK(left + slept > 1850000000LL && left + slept < 2150000000LL, "slept + rem is the "
	      "request within 0.15 s (slept %lld, rem %lld ns)", slept, left);
	errno = 0;
	CHECK(nanosleep(&bad, NULL) == -1 && errno == EINVAL, "tv_nsec of 10^9 is EINVAL");
	alarm(1);
	r = (int)sleep(3);
	CHECK(r == 2 || r == 3, "sleep(3) ended by an alarm after 1 s returns the seconds left "
	      "(got %d)", r);
	req.tv_sec = 0, req.tv_nsec = 50000000;
	CHECK(nanosleep(&req, NULL) == 0, "an uninterrupted nanosleep of 50 ms returns 0");
	signal(SIGALRM, SIG_DFL);
}

/* ---- times and clock ---- */

static volatile unsigned long spin_sink;

/* Run in user mode for about ms milliseconds of real time. */
static void
spin(int ms)
{
	long long end = now_ns() + ms * 1000000LL;

	while (now_ns() < end)
		for (int i = 0; i < 100000; i++)
			spin_sink += (unsigned long)i;
}

static void spin_child(void) { spin(300); _exit(0); }

/* getrusage agrees with times() (t, read just before) to within a tick or two. */
static void
rusage_matches(const struct tms *t, long hz)
{
	struct rusage self, kids;
	long u, c;

	CHECK(getrusage(RUSAGE_SELF, &self) == 0 && getrusage(RUSAGE_CHILDREN, &kids) == 0,
	      "getrusage of RUSAGE_SELF and RUSAGE_CHILDREN (errno %d)", errno);
	u = self.ru_utime.tv_sec * hz + self.ru_utime.tv_usec * hz / 1000000;
	c = kids.ru_utime.tv_sec * hz + kids.ru_utime.tv_usec * hz / 1000000;
	CHECK(u >= (long)t->tms_utime && u <= (long)t->tms_utime + 2 && self.ru_utime.tv_usec <
	      1000000, "getrusage(RUSAGE_SELF) ru_utime is times()'s tms_utime (%ld, %ld ticks)",
	      u, (long)t->tms_utime);
	CHECK(c == (long)t->tms_cutime, "getrusage(RUSAGE_CHILDREN) ru_utime is tms_cutime "
	      "(%ld, %ld ticks)", c, (long)t->tms_cutime);
	errno = 0;
	CHECK(getrusage(5, &self) == -1 && errno == EINVAL, "getrusage(5) is EINVAL (errno %d)",
	      errno);
}

static void
case_times(void)
{
	struct tms t0, t1;
	clock_t c0, c1, e0, e1;
	long hz = sysconf(_SC_CLK_TCK);

	CHECK(hz >= 19 && hz <= 10000, "sysconf(_SC_CLK_TCK) is the clock rate (got %ld)", hz);
	e0 = times(&t0);
	c0 = clock();
	spin(300);
	e1 = times(&t1);
	c1 = clock();
	CHECK(e0 != (clock_t)-1 && e1 > e0, "times() returns the ticks since boot, growing");
	CHECK(t1.tms_utime > t0.tms_utime, "300 ms of computing adds user ticks (%ld -> %ld)",
	      (long)t0.tms_utime, (long)t1.tms_utime);
	CHECK(c0 != (clock_t)-1 && c1 > c0, "clock() grows with the time computed");
	CHECK(in_child(spin_child, NULL) == 0, "a computing child exits 0");
	times(&t1);
	CHECK(t1.tms_cutime > t0.tms_cutime, "a child waited for adds its user ticks to "
	      "tms_cutime (%ld -> %ld)", (long)t0.tms_cutime, (long)t1.tms_cutime);
	rusage_matches(&t1, hz);
}

/* ---- err.h ---- */

static void warn_child(void) { errno = ENOENT; warn("w%d", 1); warnx("x%d", 2); errx(3, "e"); }

static void
case_err(void)
{
	char line[128];
	FILE *f;
	int st = in_child(warn_child, tmp("err"));

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "errx(3, ...) exits with 3");
	f = fopen(tmp("err"), "r");
	CHECK(f != NULL, "the child's stderr file exists");
	if (f == NULL)
		return;
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "posix_libc: w1: No such file or "
	      "directory\n") == 0, "warn prints \"prog: msg: strerror\" (got \"%s\")", line);
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "posix_libc: x2\n") == 0,
	      "warnx prints \"prog: msg\"");
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "posix_libc: e\n") == 0,
	      "errx prints \"prog: msg\"");
	fclose(f);
	unlink(tmp("err"));
}

/* ---- the driver ---- */

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "scanf", case_scanf }, { "printf", case_printf }, { "time", case_time },
	{ "strings", case_strings }, { "numbers", case_numbers },
	{ "getopt_long", case_getopt_long }, { "realpath", case_realpath },
	{ "mkstemp", case_mkstemp }, { "sysconf", case_sysconf }, { "headers", case_headers },
	{ "exec", case_exec }, { "system", case_system }, { "popen", case_popen },
	{ "setjmp", case_setjmp }, { "nanosleep", case_nanosleep }, { "times", case_times },
	{ "err", case_err }, { "tty", case_tty }, { "pwd", case_pwd },
};
#define NR_CASES ((int)(sizeof(cases) / sizeof(cases[0])))

static void
run(int i)
{
	why[0] = '\0';
	cases[i].fn();
	fflush(NULL);
	if (why[0] == '\0') {
		printf("PASS posix_libc_%s\n", cases[i].name);
		passed++;
	} else {
		printf("FAIL posix_libc_%s: %s\n", cases[i].name, why);
		failed++;
	}
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	int i, k;

	snprintf(scratch, sizeof(scratch), "/tmp/plc.%d", (int)getpid());
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < NR_CASES; i++) {
		for (k = 1; k < argc && strcmp(argv[k], cases[i].name) != 0; k++)
			;
		if (argc == 1 || k < argc)
			run(i);
	}
	printf("DONE posix_libc %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
