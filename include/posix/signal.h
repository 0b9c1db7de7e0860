/**
 * @file signal.h
 * @brief Signal numbers and kill() (through PM).
 *
 * The numbers are the system's (minnow/signum.h).  Only the default actions exist yet:
 * SIGCHLD is ignored, every other signal ends the process; sigaction() and friends come
 * later.
 */
#ifndef _POSIX_SIGNAL_H
#define _POSIX_SIGNAL_H

#include <sys/types.h>
#include <minnow/signum.h>

/** Send signal @p sig (0: only check) to process @p pid (0: own group, -1: all allowed,
 *  < -1: group -pid).  0, or -1 with errno (EINVAL, EPERM, ESRCH). */
int kill(pid_t pid, int sig);

#endif /* _POSIX_SIGNAL_H */
