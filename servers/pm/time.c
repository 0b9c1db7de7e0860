/*
 * time.c - the time of day: PM reads the CMOS real-time clock once at start-up and adds
 * the clock ticks since then (gettimeofday).
 *
 * The RTC sits behind I/O ports 0x70 (register index) and 0x71 (data).  PM, a system
 * process, allows itself those two ports (sys_privctl SYS_PRIV_ADD_IO on SELF, so that it
 * can with or without RS: PM's module line has no io= word for RS to grant) and reads them
 * with sys_inb/sys_outb: it waits for an update in progress (register A bit 7) to end,
 * reads seconds .. year and the century (register 0x32, which QEMU keeps), in BCD unless
 * register B bit 2 says binary, 12-hour format if register B bit 1 is clear.  The date
 * becomes seconds since 1970-01-01 UTC (the RTC keeps UTC under QEMU).  boot_ticks is that
 * minus the whole seconds already elapsed, in ticks, so gettimeofday() = (boot_ticks +
 * ticks) / hz.
 * If the RTC cannot be read, boot_ticks is 0 (1970) and PM says so once.  PM publishes the
 * boot time in seconds, and its fraction in ticks (CLOCK_BOOT_TICKS_KEY), in DS
 * (CLOCK_BOOT_KEY, minnow/syslib.h) so that servers (MFS and PFS stamp file times) have the
 * time of day without asking PM: clock_time() in libsys.
 *
 * PM_GETTIMEOFDAY(addr = struct timeval): OK, or EFAULT.
 *
 * PM_SETTIME (root only, else EPERM): PM_TIME_SET sets the time of day to a struct
 * timespec (tv_nsec outside 0..999999999 or a time before 1970: EINVAL); PM_TIME_ADJUST
 * adds a struct timeval (adjtime: applied at once as one step, not slewed; tv_usec outside
 * -999999..999999: EINVAL).  Either moves boot_ticks, the time of day at tick 0 counted in
 * ticks, so the resolution is one tick; the RTC is not written (the next boot reads the old
 * clock again).  The new boot time goes to DS, where servers' clock_time() finds it within a
 * second.
 */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_SEC         0x00
#define RTC_MIN         0x02
#define RTC_HOUR        0x04
#define RTC_MDAY        0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_REG_A       0x0A
#define RTC_REG_B       0x0B
#define RTC_CENTURY     0x32
#define RTC_A_UIP       0x80    /* update in progress */
#define RTC_B_24H       0x02
#define RTC_B_BINARY    0x04

static uint32_t hz = 100;       /* clock ticks per second */
static uint64_t boot_ticks;     /* the time of day at tick 0, in ticks since 1970 */

/* RTC register reg, or -1. */
static int
rtc_read(int reg)
{
	uint32_t v;

	if (sys_outb(RTC_INDEX, (uint32_t)reg) != OK || sys_inb(RTC_DATA, &v) != OK)
		return -1;
	return (int)(v & 0xFF);
}

/* A register's value as a number (BCD unless binary). */
static int
rtc_num(int v, int binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0x0F);
}

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian). */
static uint32_t
days_since_epoch(int year, int month, int day)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	uint32_t days = 0;
	int y;

	for (y = 1970; y < year; y++)
		days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
	days += (uint32_t)before[(month - 1) % 12] + (uint32_t)(day - 1);
	if (month > 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		days++;
	return days;
}

/* Hours in 24-hour form from the RTC's hour register. */
static int
rtc_hour(int v, int regb)
{
	int binary = regb & RTC_B_BINARY, pm = v & 0x80, h = rtc_num(v & 0x7F, binary);

	if (regb & RTC_B_24H)
		return h;
	return (h % 12) + (pm ? 12 : 0);
}

/* Seconds since 1970 now, from the RTC: 0 if it cannot be read. */
static uint32_t
rtc_seconds(void)
{
	struct priv_range ports = { RTC_INDEX, RTC_DATA };
	int i, b, sec, min, hour, day, mon, year, cent;

	if (sys_privctl(SELF, SYS_PRIV_ADD_IO, &ports) != OK)
		return 0;
	for (i = 0; i < 100000 && (rtc_read(RTC_REG_A) & RTC_A_UIP); i++)
		;
	if ((b = rtc_read(RTC_REG_B)) < 0)
		return 0;
	sec = rtc_num(rtc_read(RTC_SEC), b & RTC_B_BINARY);
	min = rtc_num(rtc_read(RTC_MIN), b & RTC_B_BINARY);
	hour = rtc_hour(rtc_read(RTC_HOUR), b);
	day = rtc_num(rtc_read(RTC_MDAY), b & RTC_B_BINARY);
	mon = rtc_num(rtc_read(RTC_MONTH), b & RTC_B_BINARY);
	year = rtc_num(rtc_read(RTC_YEAR), b & RTC_B_BINARY);
	cent = rtc_num(rtc_read(RTC_CENTURY), b & RTC_B_BINARY);
	year += (cent >= 19 && cent <= 30) ? cent * 100 : 2000;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return 0;
	return days_since_epoch(year, mon, day) * 86400u + (uint32_t)(hour * 3600 + min * 60 +
								      sec);
}

/* Tell DS the boot time in seconds and its fraction in ticks (servers' clock_time()). */
static void
publish_boot_time(void)
{
	if (ds_publish_u32(CLOCK_BOOT_KEY, (uint32_t)(boot_ticks / hz), DSF_OVERWRITE) != OK ||
	    ds_publish_u32(CLOCK_BOOT_TICKS_KEY, (uint32_t)(boot_ticks % hz), DSF_OVERWRITE) != OK)
		printf("pm: cannot publish the boot time in DS\n");
}

/* Read the RTC once (PM's start-up) and publish the boot time. */
void
time_init(void)
{
	uint32_t now, ticks = 0;

	if (sys_gethz(&hz) != OK || hz == 0)
		hz = 100;
	now = rtc_seconds();
	if (now == 0) {
		printf("pm: cannot read the real-time clock; the time starts at 1970\n");
	} else {
		sys_times(NONE, NULL, NULL, &ticks);
		boot_ticks = ((uint64_t)now - ticks / hz) * hz;	/* whole seconds */
	}
	publish_boot_time();
}

/* Clock ticks per second. */
uint32_t
pm_hz(void)
{
	return hz;
}

int
do_gettimeofday(message *m)
{
	struct timeval tv;
	uint64_t now;
	uint32_t ticks;
	int r;

	if ((r = sys_times(NONE, NULL, NULL, &ticks)) != OK)
		return r;
	now = boot_ticks + ticks;
	tv.tv_sec = (time_t)(now / hz);
	tv.tv_usec = (int32_t)((now % hz) * (1000000u / hz));
	if (sys_vircopy(SELF, (vir_bytes)&tv, mp->mp_endpoint, m->m_pm.addr, sizeof(tv), 0) != OK)
		return -EFAULT;
	return OK;
}

/* The time of day wanted by PM_SETTIME's m, in ticks since 1970 (now: the current one):
 * OK, EFAULT or EINVAL. */
static int
settime_target(const message *m, uint64_t now, int64_t *want)
{
	struct timespec ts;
	struct timeval tv;
	int64_t usec_tick = 1000000 / hz;

	if (m->m_pm.how == PM_TIME_SET) {
		if (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&ts, sizeof(ts),
				0) != OK)
			return -EFAULT;
		if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L || ts.tv_sec < 0)
			return -EINVAL;
		*want = (int64_t)ts.tv_sec * hz + ts.tv_nsec / (1000 * usec_tick);
		return OK;
	}
	if (m->m_pm.how != PM_TIME_ADJUST)
		return -EINVAL;
	if (sys_vircopy(mp->mp_endpoint, m->m_pm.addr, SELF, (vir_bytes)&tv, sizeof(tv), 0) != OK)
		return -EFAULT;
	if (tv.tv_usec <= -1000000 || tv.tv_usec >= 1000000)
		return -EINVAL;
	*want = (int64_t)now + (int64_t)tv.tv_sec * hz + tv.tv_usec / usec_tick;
	return *want < 0 ? -EINVAL : OK;
}

int
do_settime(message *m)
{
	uint32_t ticks;
	int64_t want;
	int r;

	if (mp->mp_effuid != 0)
		return -EPERM;
	if ((r = sys_times(NONE, NULL, NULL, &ticks)) != OK)
		return r;
	if ((r = settime_target(m, boot_ticks + ticks, &want)) != OK)
		return r;
	if (want < (int64_t)ticks)
		return -EINVAL;		/* before 1970 at boot */
	boot_ticks = (uint64_t)(want - ticks);
	publish_boot_time();
	return OK;
}
