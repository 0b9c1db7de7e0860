/*
 * posixfile.c - helpers shared by the file conformance programs (posixfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "posixfile.h"
#include "testlib.h"

/* The errors file calls give, by name. */
static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" }, { ENXIO, "ENXIO" },
	{ EBADF, "EBADF" }, { EDEADLK, "EDEADLK" }, { EACCES, "EACCES" }, { EEXIST, "EEXIST" },
	{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { ESPIPE, "ESPIPE" },
	{ EPIPE, "EPIPE" }, { EAGAIN, "EAGAIN" }, { ENOLCK, "ENOLCK" }, { EFAULT, "EFAULT" },
	{ EOVERFLOW, "EOVERFLOW" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
};

static const char *
errname(int e)
{
	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == e)
			return errnames[i].name;
	return strerror(e);
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
		test_fail(name, "errno %s, want %s", errname(got), errname(e));
	else
		test_fail(name, "succeeded (%d), want -1 with errno %s", r, errname(e));
	return 0;
}

int
px_ok(const char *name, int r)
{
	if (r != -1) {
		test_pass(name);
		return 1;
	}
	test_fail(name, "failed: errno %s", errname(errno));
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
