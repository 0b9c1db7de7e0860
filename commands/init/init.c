/*
 * init - the first user process (pid 1, boot slot INIT_PROC_NR): the system's start-up
 * script and a root shell on the console, for ever.
 *
 * 1. Open /dev/console as fds 0, 1 and 2 (read/write; 1 and 2 are copies of 0); at boot
 *    the tty driver may not be mapped yet, so init tries for a few seconds.
 * 2. Run "/bin/sh /etc/rc" and wait for it (reaping anything else that ends meanwhile).
 * 3. Loop: fork a child that starts a new session (setsid: no controlling terminal,
 *    its own process group), opens the console again so that it becomes the session's
 *    controlling terminal, makes its group the terminal's foreground group (tcsetpgrp)
 *    and execs "/bin/sh -i" (a root shell, prompt "# ").  init reaps every child that
 *    ends (orphans are re-parented to it by PM); when the shell ends it prints
 *    "init: shell exited, restarting" and starts another.
 * Without VFS (a boot with no file system) nothing can be opened or exec'd: init says so
 * on the kernel console (stdio's fallback) and ends; PM then adopts orphans itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <termios.h>

#define CONSOLE "/dev/console"

static char *const rc_argv[] = { "sh", "/etc/rc", NULL };
static char *const shell_argv[] = { "sh", "-i", NULL };
static char *const normal_env[] = { "PATH=/bin", "HOME=/", "TERM=minnow", NULL };
/* init's argument "bench" (tools/bench.py): the shell reports when its first prompt comes. */
static char *const bench_env[] = { "PATH=/bin", "HOME=/", "TERM=minnow", "MINNOW_BENCH=1",
				   NULL };
static char *const *shell_env = normal_env;

/* Open the console.  At boot its driver may not be mapped in VFS yet (ENXIO, ENODEV):
 * try again for about five seconds. */
static int
open_console_fd(void)
{
	int fd, tries;

	for (tries = 0; tries < 50; tries++) {
		if ((fd = open(CONSOLE, O_RDWR)) >= 0 || (errno != ENXIO && errno != ENODEV))
			return fd;
		usleep(100000);
	}
	return -1;
}

/* Make fds 0, 1, 2 the console; 0, or -1 (and a message) if it cannot be opened. */
static int
open_console(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		close(fd);
	if ((fd = open_console_fd()) < 0) {
		fprintf(stderr, "init: %s: %s\n", CONSOLE, strerror(errno));
		return -1;
	}
	if (fd != 0) {
		dup2(fd, 0);
		close(fd);
	}
	dup2(0, 1);
	dup2(0, 2);
	return 0;
}

/* Fork a child running argv; in the child, first run setup (may be NULL).  The pid, or
 * -1 after a message. */
static pid_t
spawn(char *const argv[], void (*setup)(void))
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (setup != NULL)
			setup();
		execve("/bin/sh", argv, shell_env);
		fprintf(stderr, "init: /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	return pid;
}

/* In the shell's child: a new session that owns the console as foreground group. */
static void
shell_setup(void)
{
	if (setsid() < 0)
		fprintf(stderr, "init: setsid: %s\n", strerror(errno));
	if (open_console() == 0 && tcsetpgrp(0, getpid()) < 0)
		fprintf(stderr, "init: tcsetpgrp: %s\n", strerror(errno));
}

/* Reap children until pid ends (any child if pid is -1); its wait status. */
static int
wait_for(pid_t pid)
{
	int st;
	pid_t r;

	for (;;) {
		r = wait(&st);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == pid || pid == -1)
			return st;
	}
}

int
main(int argc, char **argv)
{
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		shell_env = bench_env;
	signal(SIGINT, SIG_IGN);        /* ^C on the console must not end init */
	signal(SIGQUIT, SIG_IGN);
	if (open_console() != 0) {
		fprintf(stderr, "init: no console, so no shell; init ends (PM adopts orphans)\n");
		return 1;
	}
	if ((pid = spawn(rc_argv, NULL)) > 0)
		wait_for(pid);
	for (;;) {
		if ((pid = spawn(shell_argv, shell_setup)) < 0) {
			sleep(1);
			continue;
		}
		wait_for(pid);
		printf("init: shell exited, restarting\n");
		fflush(stdout);
	}
}
