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
	suseconds_t tv_usec;    /**< microseconds */
};

/** The time of day; @p tz must be NULL. */
int gettimeofday(struct timeval *tv, void *tz);
/** Set the time of day to *@p tv (root only: EPERM; EINVAL for tv_usec outside
 *  0..999999); @p tz is ignored (no time zones).  handouts/pm.md, "Setting the clock". */
int settimeofday(const struct timeval *tv, const void *tz);
/** Correct the time of day by *@p delta (root only, EPERM): applied at once as one step,
 *  not slewed, so *@p olddelta (unless NULL) is always 0 (BSD; handouts/pm.md, "Setting
 *  the clock"). */
int adjtime(const struct timeval *delta, struct timeval *olddelta);
/** Set the access (@p tv[0]) and modification (@p tv[1]) times of @p path; NULL @p tv:
 *  both now (utimensat() in sys/stat.h has the permission rules). */
int utimes(const char *path, const struct timeval tv[2]);
/** utimes() of the file open on @p fd (BSD): 0, or -1 with errno (EBADF, EINVAL, EPERM,
 *  EACCES). */
int futimes(int fd, const struct timeval tv[2]);
/** utimes() of @p path itself when it is a symbolic link, not of its target (BSD). */
int lutimes(const char *path, const struct timeval tv[2]);

/** An interval timer: the time left until it expires, and the period it is set again for
 *  (0: once). */
struct itimerval {
	struct timeval it_interval;     /**< period after each expiry (0: none) */
	struct timeval it_value;        /**< time left (0: disarmed) */
};
#define ITIMER_REAL     0               /**< real time: SIGALRM */
#define ITIMER_VIRTUAL  1               /**< the process's user time: SIGVTALRM */
#define ITIMER_PROF     2               /**< its user and system time: SIGPROF */

/** Set timer @p which (ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF) to *@p value (NULL: only
 *  read; a zero it_value stops it), the old one in *@p ovalue unless NULL; 0, or -1 with
 *  errno (EINVAL: another timer, a negative value, microseconds from 1000000 on or a value
 *  too long for the tick counters, about 124 days; EFAULT). */
int setitimer(int which, const struct itimerval *value, struct itimerval *ovalue);
/** The timer @p which now (time left, interval). */
int getitimer(int which, struct itimerval *value);

/** A time with nanoseconds (nanosleep). */
struct timespec {
	time_t tv_sec;          /**< seconds */
	long tv_nsec;           /**< nanoseconds (0 .. 999999999) */
};

/** Sleep for *@p req (a select() with a timeout, through VFS); 0, or -1 with errno
 *  (EINVAL: bad time; EINTR: a signal came, and *@p rem, unless NULL, is set to the time
 *  not slept). */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif /* _POSIX_SYS_TIME_H */
