/*
 * times.c - process times from PM (PM_TIMES, handouts/pm.md, "Process times"): times(),
 * getrusage(), clock(), clock_gettime() and clock_getres(), and the clock rate for
 * sysconf(_SC_CLK_TCK); setting the clock (PM_SETTIME): clock_settime(), settimeofday(),
 * stime() and adjtime().
 *
 * CLOCK_REALTIME is gettimeofday(); CLOCK_MONOTONIC is the ticks since boot.  Both have
 * the resolution of one clock tick.
 * clock() is the process's user plus system time scaled from clock ticks to
 * CLOCKS_PER_SEC (one million) units.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <minnow/pm.h>
#include "libc_private.h"
#include "pm_call.h"

/* Ask PM for the times: 0, or a negated errno. */
static int
pm_times(struct pm_times *t)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)t;
	return __libc_pm_call(PM_TIMES, &m);
}

clock_t
times(struct tms *buf)
{
	struct pm_times t;
	int r;

	if ((r = pm_times(&t)) < 0)
		return (clock_t)__libc_posix_result(r);
	buf->tms_utime = (clock_t)t.utime;
	buf->tms_stime = (clock_t)t.stime;
	buf->tms_cutime = (clock_t)t.cutime;
	buf->tms_cstime = (clock_t)t.cstime;
	return (clock_t)t.ticks;
}

/* PM writes *ru itself (PM_TIMES with addr2), so a bad ru is EFAULT, not a fault here. */
int
getrusage(int who, struct rusage *ru)
{
	message m;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
		errno = EINVAL;
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.m_pm.how = who;
	m.m_pm.addr2 = (uint32_t)ru;
	if (ru == NULL)
		return __libc_posix_result(-EFAULT);
	return __libc_posix_result(__libc_pm_call(PM_TIMES, &m));
}

clock_t
clock(void)
{
	struct pm_times t;

	if (pm_times(&t) < 0 || t.hz == 0)
		return (clock_t)-1;
	return (clock_t)((unsigned long long)(t.utime + t.stime) * CLOCKS_PER_SEC / t.hz);
}

long
__libc_clock_rate(void)
{
	struct pm_times t;

	return pm_times(&t) < 0 || t.hz == 0 ? 100 : (long)t.hz;
}

int
clock_gettime(clockid_t clock, struct timespec *ts)
{
	struct pm_times t;
	struct timeval tv;
	int r;

	if (clock == CLOCK_REALTIME) {
		if (gettimeofday(&tv, NULL) < 0)
			return -1;
		ts->tv_sec = tv.tv_sec;
		ts->tv_nsec = tv.tv_usec * 1000L;
		return 0;
	}
	if (clock != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if ((r = pm_times(&t)) < 0 || t.hz == 0)
		return __libc_posix_result(r < 0 ? r : -ENOSYS);
	ts->tv_sec = (time_t)(t.ticks / t.hz);
	ts->tv_nsec = (long)((t.ticks % t.hz) * (1000000000u / t.hz));
	return 0;
}

int
clock_getres(clockid_t clock, struct timespec *ts)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if (ts != NULL) {
		ts->tv_sec = 0;
		ts->tv_nsec = 1000000000L / __libc_clock_rate();
	}
	return 0;
}

/* PM_SETTIME how with the struct at addr: 0, or -1 with errno. */
static int
pm_settime(int how, const void *addr)
{
	message m;

	if (addr == NULL)
		return __libc_posix_result(-EFAULT);
	memset(&m, 0, sizeof(m));
	m.m_pm.how = how;
	m.m_pm.addr = (uint32_t)addr;
	return __libc_posix_result(__libc_pm_call(PM_SETTIME, &m));
}

int
clock_settime(clockid_t clock, const struct timespec *ts)
{
	if (clock != CLOCK_REALTIME) {
		errno = EINVAL;		/* CLOCK_MONOTONIC cannot be set */
		return -1;
	}
	return pm_settime(PM_TIME_SET, ts);
}

int
settimeofday(const struct timeval *tv, const void *tz)
{
	struct timespec ts;

	(void)tz;
	if (tv == NULL)
		return 0;		/* only a time zone, which Minnow has not */
	if (tv->tv_usec < 0 || tv->tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	ts.tv_sec = tv->tv_sec;
	ts.tv_nsec = tv->tv_usec * 1000L;
	return pm_settime(PM_TIME_SET, &ts);
}

int
stime(const time_t *t)
{
	struct timespec ts;

	if (t == NULL) {
		errno = EFAULT;
		return -1;
	}
	ts.tv_sec = *t;
	ts.tv_nsec = 0;
	return pm_settime(PM_TIME_SET, &ts);
}

/* The correction is applied at once as one step (PM_TIME_ADJUST), so none is ever left
 * outstanding: *olddelta is always 0. */
int
adjtime(const struct timeval *delta, struct timeval *olddelta)
{
	if (delta != NULL && pm_settime(PM_TIME_ADJUST, delta) < 0)
		return -1;
	if (olddelta != NULL) {
		olddelta->tv_sec = 0;
		olddelta->tv_usec = 0;
	}
	return 0;
}
