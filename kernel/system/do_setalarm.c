/*
 * do_setalarm.c - SYS_SETALARM: a notification from CLOCK after some ticks.
 *
 * Message fields (mess_sys_setalarm):
 *   exp_time   ticks from now, or the absolute tick count if abs_time is set; 0 cancels
 *   abs_time   see exp_time
 *   time_left  out: ticks the previous alarm still had (0 if there was none)
 * Each system process has one alarm (in its priv); setting a new one replaces it.  When it
 * expires, clock.c sends a NOTIFY from CLOCK.  An absolute time already past fires at the
 * next tick.  EPERM for a user process (users share one priv, so they have no alarm).
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

int
do_setalarm(struct proc *caller, message *m)
{
	mess_sys_setalarm *a = &m->m_sys_setalarm;
	struct priv *pr = priv(caller);
	uint32_t now = clock_ticks;

	if (!(pr->s_flags & SYS_PROC))
		return -EPERM;
	a->time_left = pr->s_alarm_tick > now ? pr->s_alarm_tick - now : 0;
	if (a->exp_time == 0)
		pr->s_alarm_tick = 0;
	else if (a->abs_time)
		pr->s_alarm_tick = a->exp_time > now ? a->exp_time : now + 1;
	else
		pr->s_alarm_tick = now + a->exp_time;
	return OK;
}
