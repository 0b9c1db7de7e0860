/*
 * gmtime.c - calendar time: gmtime, localtime (the same: the system keeps UTC only),
 * mktime/timegm, tzset and tzname.
 *
 * Days and civil dates convert with the proleptic Gregorian calendar's 400-year cycle
 * (days_from_civil, civil_from_days: eras of 146097 days starting on March 1, so the leap
 * day is the last of its year).  mktime() first folds out-of-range fields into the next
 * larger unit (61 seconds is a minute and a second, month 12 is January of the next year),
 * then counts days; a result outside time_t is EOVERFLOW.  Pure functions: the host tests
 * compile this file too (tools/tests/test_libc.py).
 */
#include <errno.h>
#include <time.h>

char *tzname[2] = { "UTC", "UTC" };

void tzset(void) { }

/* floor(a / b) for b > 0. */
static long long
floor_div(long long a, long long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Days from 1970-01-01 to year-month(1..12)-day. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of day z (days since 1970-01-01) into tm's year, month, day, wday, yday. */
static void
civil_from_days(long long z, struct tm *tm)
{
	long long era, doe, yoe, y, doy, mp;
	int m, d;

	tm->tm_wday = (int)(((z % 7) + 11) % 7);        /* 1970-01-01 was a Thursday */
	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_yday = (int)(z - 719468 - days_from_civil(y, 1, 1));
}

struct tm *
gmtime_r(const time_t *t, struct tm *tm)
{
	long long secs = *t, days = floor_div(secs, 86400), rem = secs - days * 86400;

	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem % 3600 / 60);
	tm->tm_sec = (int)(rem % 60);
	tm->tm_isdst = 0;
	civil_from_days(days, tm);
	return tm;
}

struct tm *
gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm) { return gmtime_r(t, tm); }
struct tm *localtime(const time_t *t) { return gmtime(t); }

/* Fold *low into [0, base) carrying into *high. */
static void
carry(long long *low, long long *high, long long base)
{
	long long q = floor_div(*low, base);

	*high += q;
	*low -= q * base;
}

time_t
timegm(struct tm *tm)
{
	long long sec = tm->tm_sec, min = tm->tm_min, hour = tm->tm_hour;
	long long mday = tm->tm_mday, mon = tm->tm_mon, year = tm->tm_year + 1900LL, days, t;

	carry(&sec, &min, 60);
	carry(&min, &hour, 60);
	carry(&hour, &mday, 24);
	carry(&mon, &year, 12);
	days = days_from_civil(year, (int)mon + 1, 1) + mday - 1;
	t = days * 86400 + hour * 3600 + min * 60 + sec;
	if (t != (time_t)t) {
		errno = EOVERFLOW;
		return (time_t)-1;
	}
	gmtime_r(&(time_t){ (time_t)t }, tm);
	return (time_t)t;
}

time_t mktime(struct tm *tm) { return timegm(tm); }
