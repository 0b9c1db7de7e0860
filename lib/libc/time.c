/*
 * time.c - the time of day from PM (PM_GETTIMEOFDAY): gettimeofday() and time(); the
 * interval timer (PM_ITIMER): setitimer(), getitimer() and alarm().
 *
 * PM keeps the boot time (read once from the real-time clock) and adds the clock ticks
 * since boot, so the resolution is one tick; timers count whole ticks too.
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

int
setitimer(int which, const struct itimerval *value, struct itimerval *ovalue)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_pm.how = which;
	m.m_pm.addr = (uint32_t)value;
	m.m_pm.addr2 = (uint32_t)ovalue;
	return __libc_posix_result(__libc_pm_call(PM_ITIMER, &m));
}

int
getitimer(int which, struct itimerval *value)
{
	return setitimer(which, NULL, value);
}

unsigned int
alarm(unsigned int seconds)
{
	struct itimerval it, old;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	return old.it_value.tv_sec + (old.it_value.tv_usec != 0);
}
