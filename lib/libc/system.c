/*
 * system.c - system(): run a command line with "/bin/sh -c" and wait for it.
 *
 * As POSIX asks, the caller ignores SIGINT and SIGQUIT and blocks SIGCHLD while the
 * command runs (so a terminal's ^C reaches the command, and a SIGCHLD handler does not
 * reap it first); the child gets the caller's original actions and mask back before the
 * exec.  A child that cannot exec the shell exits with 127.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

/* Wait for pid, again after EINTR: its status, or -1. */
static int
wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int
system(const char *command)
{
	struct sigaction ign, oint, oquit;
	sigset_t chld, omask;
	pid_t pid;
	int status;

	if (command == NULL)
		return access("/bin/sh", X_OK) == 0;
	ign.sa_handler = SIG_IGN;
	ign.sa_flags = 0;
	sigemptyset(&ign.sa_mask);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &omask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		sigprocmask(SIG_SETMASK, &omask, NULL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	status = pid < 0 ? -1 : wait_child(pid);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigprocmask(SIG_SETMASK, &omask, NULL);
	return status;
}
