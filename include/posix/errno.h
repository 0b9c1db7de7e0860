/**
 * @file posix/errno.h
 * @brief errno for user programs: the error numbers plus the global @c errno.
 *
 * The numbers themselves are the system's (minnow/errno.h): positive values, which the
 * kernel, IPC and servers return negated.  POSIX-style library functions (strtol, malloc,
 * the file calls) report failure by storing the positive number in @c errno.
 * There is one thread per process, so @c errno is a plain global.
 */
#ifndef _POSIX_ERRNO_H
#define _POSIX_ERRNO_H

#include <minnow/errno.h>

/** The last error a library function reported (a positive E* number). */
extern int errno;

#endif /* _POSIX_ERRNO_H */
