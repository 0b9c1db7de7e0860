/*
 * alarm.c - the real-time interval timer of each process: setitimer/getitimer with
 * ITIMER_REAL, and alarm(3) built on it in libc (PM_ITIMER, minnow/pm.h; handouts/pm.md,
 * "Alarms").
 *
 * A process's timer is mp_alarm, the clock tick (sys_getuptime) at which it expires (0:
 * none), and mp_interval, the ticks it is set again for after each expiry (0: once).  PM
 * keeps one kernel alarm, at the earliest expiry of all (sys_setalarm, absolute); the
 * clock's notification (pm_notify) sends SIGALRM to every process whose time has come,
 * sets the periodic ones again and arms the alarm for the next one.  Times are rounded up
 * to whole ticks, so a timer never expires early; a value of a few microseconds still
 * waits one tick.  A child does not inherit the timer (fork clears it), exec keeps it,
 * exit ends it.
 *
 * PM_ITIMER(how = ITIMER_REAL, addr = new struct itimerval or 0, addr2 = where the old
 * one goes or 0): OK; EINVAL for another timer or a value out of range (negative, or
 * microseconds not below 1000000), EFAULT for a bad address.
 */
#include <string.h>
#include <sys/time.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Ticks of tv, rounded up. */
static uint32_t
to_ticks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * 1000000u + (uint64_t)tv->tv_usec;
	uint32_t hz = pm_hz();

	return (uint32_t)((us * hz + 999999u) / 1000000u);
}

/* ticks as a struct timeval. */
static void
to_timeval(uint32_t ticks, struct timeval *tv)
{
	uint32_t hz = pm_hz();

	tv->tv_sec = ticks / hz;
	tv->tv_usec = (ticks % hz) * (1000000u / hz);
}

/* Now, in clock ticks. */
static uint32_t
now(void)
{
	uint32_t t = 0;

	(void)sys_getuptime(&t);
	return t;
}

/* Arm the kernel alarm for the earliest timer of all (none: cancel it). */
static void
arm_next(void)
{
	struct mproc *rmp;
	uint32_t next = 0;

	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++)
		if (MP_LIVE(rmp) && rmp->mp_alarm != 0 && (next == 0 || rmp->mp_alarm < next))
			next = rmp->mp_alarm;
	(void)sys_setalarm(next, next != 0, NULL);
}

/* rmp's timer as a struct itimerval (time left, interval). */
static void
timer_of(const struct mproc *rmp, struct itimerval *it, uint32_t t)
{
	memset(it, 0, sizeof(*it));
	if (rmp->mp_alarm != 0)
		to_timeval(rmp->mp_alarm > t ? rmp->mp_alarm - t : 1, &it->it_value);
	to_timeval(rmp->mp_interval, &it->it_interval);
}

/* Is tv a valid time? */
static int
valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

int
do_itimer(message *m)
{
	struct itimerval new, old;
	uint32_t t = now();

	if (m->m_pm.how != ITIMER_REAL)
		return -EINVAL;
	if (m->m_pm.addr != 0 &&
	    (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&new, sizeof(new), 0)
	     != OK))
		return -EFAULT;
	if (m->m_pm.addr != 0 && (!valid(&new.it_value) || !valid(&new.it_interval)))
		return -EINVAL;
	timer_of(mp, &old, t);
	if (m->m_pm.addr2 != 0 &&
	    sys_vircopy(SELF, (vir_bytes)&old, mp->mp_endpoint, m->m_pm.addr2, sizeof(old), 0)
	    != OK)
		return -EFAULT;
	if (m->m_pm.addr == 0)
		return OK;
	mp->mp_interval = to_ticks(&new.it_interval);
	mp->mp_alarm = 0;
	if (new.it_value.tv_sec != 0 || new.it_value.tv_usec != 0)
		mp->mp_alarm = t + to_ticks(&new.it_value);
	arm_next();
	return OK;
}

/* rmp ends or forks: no timer (a child starts without one). */
void
alarm_clear(struct mproc *rmp)
{
	rmp->mp_alarm = rmp->mp_interval = 0;
}

/* The clock's notification: SIGALRM to every process whose timer expired. */
void
pm_notify(const message *m)
{
	struct mproc *rmp;
	uint32_t t = now();

	if (m->m_source != CLOCK)
		return;
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++) {
		if (!MP_LIVE(rmp) || rmp->mp_alarm == 0 || rmp->mp_alarm > t)
			continue;
		rmp->mp_alarm = rmp->mp_interval != 0 ? t + rmp->mp_interval : 0;
		sig_proc(rmp, SIGALRM, 0);
	}
	arm_next();
}
