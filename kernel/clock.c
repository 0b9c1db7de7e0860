/*
 * clock.c - the system clock: a tick counter driven by the timer interrupt.
 *
 * The rate comes from the boot parameter hz (default CLOCK_HZ_DEFAULT).  A value outside
 * what the i8253 can generate is reported and replaced by the default.  Each tick charges the
 * running process (proc_tick, from the interrupt path) and fires due alarms: a system
 * process's sys_setalarm ends in a notification from CLOCK.
 */
#include "kernel.h"
#include "priv.h"
#include "proc.h"
#include "ipc.h"

static void alarms_expire(void);
/** Set once the process and privilege tables exist (alarms need them). */
int proc_table_ready;

#define CLOCK_HZ_DEFAULT 100
#define CLOCK_HZ_MIN 19		/* the PIT's 16-bit divisor cannot go slower */
#define CLOCK_HZ_MAX 10000

volatile uint32_t clock_ticks;
uint32_t clock_hz;

void
clock_init(void)
{
	long hz = bootparam_int("hz", CLOCK_HZ_DEFAULT);

	if (hz < CLOCK_HZ_MIN || hz > CLOCK_HZ_MAX) {
		kprintf("timer: hz=%ld is out of range %d..%d; using %d\n",
			hz, CLOCK_HZ_MIN, CLOCK_HZ_MAX, CLOCK_HZ_DEFAULT);
		hz = CLOCK_HZ_DEFAULT;
	}
	clock_hz = (uint32_t)hz;
	pit_init(clock_hz);
	pic_unmask(0);
	kprintf("timer: PIT at %u Hz\n", clock_hz);
}

/* Called from the timer interrupt. */
void
clock_tick(void)
{
	clock_ticks++;
	if (proc_table_ready)
		alarms_expire();
}

/* Notify (from CLOCK) every system process whose alarm is due. */
static void
alarms_expire(void)
{
	int id;

	for (id = KERNEL_PRIV_IDS; id < NR_PRIVS; id++) {
		struct priv *pr = &priv_table[id];

		if (pr->s_alarm_tick == 0 || pr->s_alarm_tick > clock_ticks ||
		    pr->s_proc_nr == NONE)
			continue;
		pr->s_alarm_tick = 0;
		mini_notify(proc_addr(CLOCK), proc_addr(pr->s_proc_nr)->p_endpoint);
	}
}
