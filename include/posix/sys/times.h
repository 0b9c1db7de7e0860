/**
 * @file sys/times.h
 * @brief times(): the CPU time of the process and of its children, in clock ticks
 * (sysconf(_SC_CLK_TCK) per second), through PM (PM_TIMES).
 */
#ifndef _POSIX_SYS_TIMES_H
#define _POSIX_SYS_TIMES_H

#include <sys/types.h>

/** Process times in clock ticks. */
struct tms {
	clock_t tms_utime;      /**< user time of the process */
	clock_t tms_stime;      /**< system time the kernel spent for it (counted as 0) */
	clock_t tms_cutime;     /**< user time of the children waited for (and theirs) */
	clock_t tms_cstime;     /**< system time of the children waited for (and theirs) */
};

/** Fill *@p buf: the ticks since boot (the elapsed real time, from an arbitrary point), or
 *  (clock_t)-1 with errno (EFAULT; ENOSYS without PM). */
clock_t times(struct tms *buf);

#endif /* _POSIX_SYS_TIMES_H */
