/*
 * sys_time.c - clock kernel calls: sys_setalarm() and sys_times().
 *
 * Protocol: SYS_SETALARM with mess_sys_setalarm asks for one notification from CLOCK after
 * `exp_time` ticks (or at tick `exp_time` when `abs_time` is set; 0 cancels) and answers how
 * much the replaced alarm had left.  SYS_TIMES with mess_sys_times reports a process's user
 * and system ticks and the ticks since boot.
 *
 * clock_time() is the wall clock of a server: PM reads the real-time clock once and
 * publishes the boot time in DS (CLOCK_BOOT_KEY, and its fraction of a second in ticks,
 * CLOCK_BOOT_TICKS_KEY); this adds the ticks since boot to it, asking DS again at most once
 * a second (root may set the clock).
 * Servers cannot ask PM itself (PM may be waiting on VFS, which may be waiting on them).
 */
#include <string.h>
#include <minnow/ds.h>
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

/* Seconds since 1970 at tick 0 and its fraction in ticks (boot_known once DS gave them),
 * as DS said at tick boot_read: asked again a second later, since root may set the clock
 * (PM_SETTIME). */
static uint32_t boot_secs, boot_frac;
static int boot_known;
static uint32_t boot_read;
static uint32_t clock_hz;

uint32_t
clock_time(void)
{
	uint32_t ticks = 0;

	if (clock_hz == 0 && (sys_gethz(&clock_hz) != OK || clock_hz == 0))
		clock_hz = 100;
	sys_times(NONE, NULL, NULL, &ticks);
	if ((!boot_known || ticks - boot_read >= clock_hz) &&
	    ds_retrieve_u32(CLOCK_BOOT_KEY, &boot_secs) == OK) {
		if (ds_retrieve_u32(CLOCK_BOOT_TICKS_KEY, &boot_frac) != OK ||
		    boot_frac >= clock_hz)
			boot_frac = 0;
		boot_known = 1;
		boot_read = ticks;
	}
	if (!boot_known)
		return ticks / clock_hz;
	return boot_secs + (uint32_t)(((uint64_t)boot_frac + ticks) / clock_hz);
}
