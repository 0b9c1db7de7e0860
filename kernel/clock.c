/*
 * clock.c - the system clock: a tick counter driven by the timer interrupt.
 *
 * The rate comes from the boot parameter hz (default CLOCK_HZ_DEFAULT).  A value outside
 * what the i8253 can generate is reported and replaced by the default.  The CLOCK task and
 * alarms (sys_setalarm) build on this in a later issue.
 */
#include "kernel.h"

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
}
