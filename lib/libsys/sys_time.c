/*
 * sys_time.c - clock kernel calls: sys_setalarm() and sys_times().
 *
 * Protocol: SYS_SETALARM with mess_sys_setalarm asks for one notification from CLOCK after
 * `exp_time` ticks (or at tick `exp_time` when `abs_time` is set; 0 cancels) and answers how
 * much the replaced alarm had left.  SYS_TIMES with mess_sys_times reports a process's user
 * and system ticks and the ticks since boot.
 */
#include <string.h>
#include <minnow/syslib.h>

int
sys_setalarm(uint32_t exp_time, int abs_time, uint32_t *time_left)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_setalarm.exp_time = exp_time;
	m.m_sys_setalarm.abs_time = abs_time;
	r = _kernel_call(SYS_SETALARM, &m);
	if (r == OK && time_left != NULL)
		*time_left = m.m_sys_setalarm.time_left;
	return r;
}

int
sys_times(endpoint_t endpt, uint32_t *user_time, uint32_t *system_time,
	uint32_t *real_ticks)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_sys_times.endpt = endpt;
	r = _kernel_call(SYS_TIMES, &m);
	if (r != OK)
		return r;
	if (user_time != NULL)
		*user_time = m.m_sys_times.user_time;
	if (system_time != NULL)
		*system_time = m.m_sys_times.system_time;
	if (real_ticks != NULL)
		*real_ticks = m.m_sys_times.real_ticks;
	return OK;
}
