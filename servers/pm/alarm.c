/*
 * alarm.c - the interval timers of each process: setitimer/getitimer with ITIMER_REAL
 * (SIGALRM), ITIMER_VIRTUAL (SIGVTALRM) and ITIMER_PROF (SIGPROF), and alarm(3) built on
 * the first in libc (PM_ITIMER, minnow/pm.h; handouts/pm.md, "Alarms").
 *
 * Timer w of a process is mp_alarm[w], the tick of its clock at which it expires (0:
 * none), and mp_interval[w], the ticks it is set again for after each expiry (0: once).
 * The clock of ITIMER_REAL is the time since boot (sys_getuptime); that of ITIMER_VIRTUAL
 * the process's user time, of ITIMER_PROF its user plus system time (sys_times: the
 * kernel charges each tick to the process it interrupts).  A process's time never runs
 * faster than real time, so a virtual timer with r ticks left cannot expire before r real
 * ticks from now: PM keeps one kernel alarm, at the earliest such real tick of all timers
 * (sys_setalarm, absolute); the clock's notification (pm_notify) signals every process
 * whose timer has expired, sets the periodic ones again and arms the alarm for the next
 * one (a virtual timer that has not expired yet is looked at again when its remaining
 * time could have passed).  Times are rounded up to whole ticks, so a timer never expires
 * early; a value of a few microseconds still waits one tick.  A child does not inherit
 * the timers (fork clears them), exec keeps them, exit ends them.
 *
 * PM_ITIMER(how = ITIMER_*, addr = new struct itimerval or 0, addr2 = where the old one
 * goes or 0): OK; EINVAL for another timer or a value out of range (negative, microseconds
 * not below 1000000, or more than MAX_TIMER_TICKS ticks), EFAULT for a bad address.
 */
#include <string.h>
#include <sys/time.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* The longest timer value or interval, in ticks (about 124 days at 100 Hz): the clocks
 * are 32-bit tick counts, and a deadline must not wrap. */
#define MAX_TIMER_TICKS 0x40000000u

/* The signal of each timer. */
static const int timer_sig[NR_ITIMERS] = { SIGALRM, SIGVTALRM, SIGPROF };

/* Ticks of tv, rounded up (a valid() tv: at most MAX_TIMER_TICKS). */
static uint32_t
to_ticks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * 1000000u + (uint64_t)tv->tv_usec;
	uint32_t hz = pm_hz();

	return (uint32_t)((us * hz + 999999u) / 1000000u);
}

/* Is tv a valid timer value: not negative, microseconds below a second, not too long? */
static int
valid(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * 1000000u + (uint64_t)tv->tv_usec;

	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000 &&
	       (us * pm_hz() + 999999u) / 1000000u <= MAX_TIMER_TICKS;
}

/* ticks as a struct timeval. */
static void
to_timeval(uint32_t ticks, struct timeval *tv)
{
	uint32_t hz = pm_hz();

	tv->tv_sec = ticks / hz;
	tv->tv_usec = (ticks % hz) * (1000000u / hz);
}

/* The clock of timer w of rmp now, in ticks: the time since boot, or the process's user
 * (ITIMER_VIRTUAL) or user plus system (ITIMER_PROF) time. */
static uint32_t
clock_of(const struct mproc *rmp, int w)
{
	uint32_t user = 0, sys = 0, real = 0;

	(void)sys_times(w == ITIMER_REAL ? NONE : rmp->mp_endpoint, &user, &sys, &real);
	return w == ITIMER_REAL ? real : w == ITIMER_VIRTUAL ? user : user + sys;
}

/* The real tick before which timer w of rmp cannot expire (0: it is not set).  t: now. */
static uint32_t
earliest(const struct mproc *rmp, int w, uint32_t t)
{
	uint32_t c;

	if (rmp->mp_alarm[w] == 0)
		return 0;
	if (w == ITIMER_REAL)
		return rmp->mp_alarm[w];
	c = clock_of(rmp, w);
	return rmp->mp_alarm[w] > c ? t + (rmp->mp_alarm[w] - c) : t;
}

/* Arm the kernel alarm for the earliest possible expiry of all timers (none: cancel). */
static void
arm_next(void)
{
	struct mproc *rmp;
	uint32_t next = 0, t = 0, e;
	int w;

	(void)sys_getuptime(&t);
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++)
		for (w = 0; w < NR_ITIMERS && MP_LIVE(rmp); w++)
			if ((e = earliest(rmp, w, t)) != 0 && (next == 0 || e < next))
				next = e;
	(void)sys_setalarm(next, next != 0, NULL);
}

/* Timer w of rmp as a struct itimerval (time left, interval). */
static void
timer_of(const struct mproc *rmp, int w, struct itimerval *it)
{
	uint32_t c;

	memset(it, 0, sizeof(*it));
	if (rmp->mp_alarm[w] != 0) {
		c = clock_of(rmp, w);
		to_timeval(rmp->mp_alarm[w] > c ? rmp->mp_alarm[w] - c : 1, &it->it_value);
		to_timeval(rmp->mp_interval[w], &it->it_interval);
	}
}

int
do_itimer(message *m)
{
	struct itimerval new, old;
	int w = m->m_pm.how;

	if (w < 0 || w >= NR_ITIMERS)
		return -EINVAL;
	if (m->m_pm.addr != 0 &&
	    (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&new, sizeof(new), 0)
	     != OK))
		return -EFAULT;
	if (m->m_pm.addr != 0 && (!valid(&new.it_value) || !valid(&new.it_interval)))
		return -EINVAL;
	timer_of(mp, w, &old);
	if (m->m_pm.addr2 != 0 &&
	    sys_vircopy(SELF, (vir_bytes)&old, mp->mp_endpoint, m->m_pm.addr2, sizeof(old), 0)
	    != OK)
		return -EFAULT;
	if (m->m_pm.addr == 0)
		return OK;
	mp->mp_alarm[w] = mp->mp_interval[w] = 0;	/* a zero value stops it, interval too */
	if (new.it_value.tv_sec != 0 || new.it_value.tv_usec != 0) {
		mp->mp_alarm[w] = clock_of(mp, w) + to_ticks(&new.it_value);
		mp->mp_interval[w] = to_ticks(&new.it_interval);
	}
	arm_next();
	return OK;
}

/* rmp ends or forks: no timers (a child starts without them). */
void
alarm_clear(struct mproc *rmp)
{
	memset(rmp->mp_alarm, 0, sizeof(rmp->mp_alarm));
	memset(rmp->mp_interval, 0, sizeof(rmp->mp_interval));
}

/* The clock's notification: each expired timer's signal to its process. */
void
pm_notify(const message *m)
{
	struct mproc *rmp;
	uint32_t c;
	int w;

	if (m->m_source != CLOCK)
		return;
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++) {
		for (w = 0; w < NR_ITIMERS && MP_LIVE(rmp); w++) {
			if (rmp->mp_alarm[w] == 0 || rmp->mp_alarm[w] > (c = clock_of(rmp, w)))
				continue;
			rmp->mp_alarm[w] = rmp->mp_interval[w] != 0 ? c + rmp->mp_interval[w] : 0;
			sig_proc(rmp, timer_sig[w], 0);
		}
	}
	arm_next();
}
