/*
 * times.c - process times from PM (PM_TIMES, handouts/pm.md, "Process times"): times(),
 * getrusage(), clock(), clock_gettime() and clock_getres(), and the clock rate for
 * sysconf(_SC_CLK_TCK).
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

/* ticks of a clock of hz ticks a second as a struct timeval. */
static void
ticks_timeval(uint32_t ticks, uint32_t hz, struct timeval *tv)
{
	tv->tv_sec = (time_t)(ticks / hz);
	tv->tv_usec = (suseconds_t)((unsigned long long)(ticks % hz) * 1000000u / hz);
}

int
getrusage(int who, struct rusage *ru)
{
	struct pm_times t;
	int r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
		errno = EINVAL;
		return -1;
	}
	if ((r = pm_times(&t)) < 0 || t.hz == 0)
		return __libc_posix_result(r < 0 ? r : -ENOSYS);
	memset(ru, 0, sizeof(*ru));
	ticks_timeval(who == RUSAGE_SELF ? t.utime : t.cutime, t.hz, &ru->ru_utime);
	ticks_timeval(who == RUSAGE_SELF ? t.stime : t.cstime, t.hz, &ru->ru_stime);
	return 0;
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
