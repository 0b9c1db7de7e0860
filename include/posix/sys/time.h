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

#endif /* _POSIX_SYS_TIME_H */
