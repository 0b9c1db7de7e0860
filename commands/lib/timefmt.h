/*
 * timefmt.h - calendar arithmetic for the commands that print or parse file times (ls -l,
 * stat, touch -t): tf_civil() splits seconds since 1970 (UTC: Minnow has no time zones)
 * into a date and a time, tf_days() is the inverse for a date, tf_format() prints
 * "YYYY-MM-DD HH:MM:SS" (or its first 16 characters, for ls).
 *
 * A header of static inline functions, included by relative path ("../lib/timefmt.h"), so that the
 * same command sources build for Minnow and, with the host's libc, for the host tests
 * (tools/tests/test_userland.py).  The days <-> date conversion is the proleptic Gregorian
 * calendar in 400-year eras (146097 days each), valid for any year the types hold.
 */
#ifndef COMMANDS_TIMEFMT_H
#define COMMANDS_TIMEFMT_H

#include <stdio.h>
#include <time.h>

/* A date and a time of day. */
struct tf_date {
	int year, month, day;           /* month 1..12, day 1..31 */
	int hour, min, sec;
};

/* Days since 1970-01-01 of year-month-day (month 1..12). */
static inline long long
tf_days(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The UTC date and time of t seconds since 1970 in *out. */
static inline void
tf_civil(long long t, struct tf_date *out)
{
	long long days = (t >= 0 ? t : t - 86399) / 86400, secs = t - days * 86400;
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(yoe + era * 400 + (out->month <= 2));
	out->hour = (int)(secs / 3600);
	out->min = (int)(secs / 60 % 60);
	out->sec = (int)(secs % 60);
}

/* t as "YYYY-MM-DD HH:MM:SS" in buf (at least 20 bytes; more for years past 9999). */
static inline void
tf_format(long long t, char *buf, size_t len)
{
	struct tf_date d;

	tf_civil(t, &d);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day, d.hour,
		 d.min, d.sec);
}

#endif /* COMMANDS_TIMEFMT_H */
