/*
 * posixfile.h - helpers shared by the file conformance programs (posix_fifo.c,
 * posix_locks.c, posix_fileio.c): errno checks, children that run one function, and the
 * check that a child is blocked in a call.
 */
#ifndef POSIXFILE_H
#define POSIXFILE_H

#include <sys/types.h>

/* test_init(program), check that argv[1] ("root" or "user", if given) is who runs it (else
 * exit 2), and name the work place /tmp/<prefix>.<uid> (not made here).  1 if root. */
int px_start(const char *program, const char *prefix, int argc, char **argv);
/* The work place (/tmp/<prefix>.<uid>). */
const char *px_dir(void);
/* The path of name in the work place (a static buffer: one at a time). */
const char *px_path(const char *name);
/* PASS if r is -1 with errno e, else FAIL naming what came (r, errno) and what was wanted. */
int px_errno(const char *name, int r, int e);
/* PASS if r is not -1, else FAIL naming errno. */
int px_ok(const char *name, int r);
/* Fork a child that exits with fn(arg) (0: all its steps held, else the failed step). */
pid_t px_fork(int (*fn)(void *), void *arg);
/* Seconds a child or a call that should not hang may take before it is ended. */
#define PX_WATCHDOG     5

/* Wait for child pid: its exit status, or 1000 + the signal that ended it; -1 (the child
 * killed) if it has not ended after PX_WATCHDOG seconds. */
int px_wait(pid_t pid);
/* PASS if child pid's status (px_wait) is want, else FAIL naming the step it stopped at. */
int px_child(const char *name, pid_t pid, int want);
/* Is child pid still running (blocked) 200 ms from now? */
int px_blocked(pid_t pid);
/* A handler for sig that does nothing and no SA_RESTART: a blocked call ends with EINTR. */
void px_interruptible(int sig);
/* SIGALRM in seconds (0: cancel), interrupting a call that hangs (EINTR) instead of
 * killing the program. */
void px_alarm(unsigned seconds);
/* fd open on a new file path holding len bytes ('a'...), O_RDWR; -1 on error. */
int px_file(const char *path, int len);

#endif
