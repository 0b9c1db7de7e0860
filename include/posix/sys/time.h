/**
 * @file time.h
 * @brief struct timeval and gettimeofday() (through PM).
 */
#ifndef _POSIX_SYS_TIME_H
#define _POSIX_SYS_TIME_H

#include <sys/types.h>

/** A time in seconds and microseconds. */
struct timeval {
	time_t tv_sec;          /**< seconds */
	int32_t tv_usec;        /**< microseconds */
};

/** The time of day; @p tz must be NULL. */
int gettimeofday(struct timeval *tv, void *tz);

/** A time with nanoseconds (nanosleep). */
struct timespec {
	time_t tv_sec;          /**< seconds */
	long tv_nsec;           /**< nanoseconds (0 .. 999999999) */
};

/** Sleep for *@p req (a select() with a timeout, through VFS); 0, or -1 with errno
 *  (EINVAL: bad time; EINTR: a signal came, and *@p rem, unless NULL, is set to 0). */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif /* _POSIX_SYS_TIME_H */
