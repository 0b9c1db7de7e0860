/*
 * posixfile.c - helpers shared by the file conformance programs (posixfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "posixfile.h"
#include "testlib.h"

static char dir[64];
static char name_buf[128];

int
px_start(const char *program, const char *prefix, int argc, char **argv)
{
	int root = getuid() == 0;

	argc = test_init(program, argc, argv);
	if (argc > 1 && strcmp(argv[1], root ? "root" : "user") != 0) {
		printf("%s: running as uid %d, not as %s\n", program, (int)getuid(), argv[1]);
		exit(2);
	}
	snprintf(dir, sizeof(dir), "/tmp/%s.%d", prefix, (int)getuid());
	return root;
}

const char *
px_dir(void)
{
	return dir;
}

const char *
px_path(const char *name)
{
	snprintf(name_buf, sizeof(name_buf), "%s/%s", dir, name);
	return name_buf;
}

int
px_errno(const char *name, int r, int e)
{
	int got = errno;

	if (r == -1 && got == e) {
		test_pass(name);
		return 1;
	}
	if (r == -1)
		test_fail(name, "errno %s, want %s", test_errname(got), test_errname(e));
	else
		test_fail(name, "succeeded (%d), want -1 with errno %s", r, test_errname(e));
	return 0;
}

int
px_ok(const char *name, int r)
{
	if (r != -1) {
		test_pass(name);
		return 1;
	}
	test_fail(name, "failed: errno %s", test_errname(errno));
	return 0;
}

pid_t
px_fork(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

int
px_wait(pid_t pid)
{
	int st, r;

	if (pid < 0)
		return -1;
	px_alarm(PX_WATCHDOG);
	r = waitpid(pid, &st, 0);
	px_alarm(0);
	if (r != pid) {		/* the child hangs: end it */
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return -1;
	}
	return WIFSIGNALED(st) ? 1000 + WTERMSIG(st) : WEXITSTATUS(st);
}

int
px_child(const char *name, pid_t pid, int want)
{
	int st = px_wait(pid);

	if (st == want) {
		test_pass(name);
		return 1;
	}
	test_fail(name, "child ended with %d (want %d; < 1000: the step that failed, "
		  ">= 1000: 1000 + signal)", st, want);
	return 0;
}

int
px_blocked(pid_t pid)
{
	int st;

	usleep(200000);
	return waitpid(pid, &st, WNOHANG) == 0;
}

static void
nothing(int sig)
{
	(void)sig;
}

void
px_interruptible(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nothing;
	sigaction(sig, &sa, NULL);
}

void
px_alarm(unsigned seconds)
{
	if (seconds > 0)
		px_interruptible(SIGALRM);
	alarm(seconds);
}

int
px_file(const char *path, int len)
{
	char buf[256];
	int fd, i;

	unlink(path);
	if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644)) < 0)
		return -1;
	for (i = 0; i < len && i < (int)sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	if (write(fd, buf, (size_t)i) != i) {
		close(fd);
		return -1;
	}
	return fd;
}
