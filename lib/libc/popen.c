/*
 * popen.c - popen() and pclose(): a command run with "/bin/sh -c" at the other end of a
 * pipe, and the stream on this end.
 *
 * The table procs[] pairs each popen stream with its child's pid, for pclose() (which
 * waits for that child) and for later children, which close the descriptors of the
 * streams still open, as POSIX asks.  The caller's end of the pipe is close-on-exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static struct {
	FILE *f;
	pid_t pid;
} procs[OPEN_MAX];

/* In the child: the pipe end on fd `want` (0 or 1), every popen stream's fd closed. */
static void
child(const char *command, int fds[2], int want)
{
	int mine = want == 0 ? fds[0] : fds[1];

	for (int i = 0; i < OPEN_MAX; i++)
		if (procs[i].f != NULL)
			close(fileno(procs[i].f));
	if (mine != want) {
		dup2(mine, want);
		close(mine);
	}
	close(want == 0 ? fds[1] : fds[0]);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

FILE *
popen(const char *command, const char *mode)
{
	int fds[2], reading, slot;
	pid_t pid;
	FILE *f;

	if (mode == NULL || (strcmp(mode, "r") != 0 && strcmp(mode, "w") != 0)) {
		errno = EINVAL;
		return NULL;
	}
	reading = mode[0] == 'r';
	for (slot = 0; slot < OPEN_MAX && procs[slot].f != NULL; slot++)
		;
	if (slot == OPEN_MAX) {
		errno = EMFILE;
		return NULL;
	}
	if (pipe(fds) < 0)
		return NULL;
	fcntl(reading ? fds[0] : fds[1], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) == 0)
		child(command, fds, reading ? 1 : 0);
	close(reading ? fds[1] : fds[0]);
	if (pid < 0 || (f = fdopen(reading ? fds[0] : fds[1], mode)) == NULL) {
		close(reading ? fds[0] : fds[1]);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return NULL;
	}
	procs[slot].f = f;
	procs[slot].pid = pid;
	return f;
}

int
pclose(FILE *f)
{
	int slot, status;
	pid_t pid;

	for (slot = 0; slot < OPEN_MAX && (f == NULL || procs[slot].f != f); slot++)
		;
	if (slot == OPEN_MAX) {
		errno = ECHILD;
		return -1;
	}
	pid = procs[slot].pid;
	procs[slot].f = NULL;
	fclose(f);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
