/*
 * time.c - the time of day from PM (PM_GETTIMEOFDAY): gettimeofday() and time().
 *
 * PM keeps the boot time (read once from the real-time clock) and adds the clock ticks
 * since boot, so the resolution is one tick.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include <minnow/pm.h>
#include "pm_call.h"

int
gettimeofday(struct timeval *tv, void *tz)
{
	message m;

	(void)tz;	/* time zones do not exist here: always UTC */
	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)tv;
	return __libc_posix_result(__libc_pm_call(PM_GETTIMEOFDAY, &m));
}

time_t
time(time_t *t)
{
	struct timeval tv;

	if (gettimeofday(&tv, NULL) < 0)
		return (time_t)-1;
	if (t != NULL)
		*t = tv.tv_sec;
	return tv.tv_sec;
}
