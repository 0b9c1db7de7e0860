/**
 * @file time.h
 * @brief The time of day and calendar time: time(), the broken-down time (struct tm) of
 * gmtime() and mktime(), text from strftime(), asctime() and ctime(), processor time
 * from clock(), clock_gettime(), and nanosleep().
 *
 * The system keeps UTC only: there are no time zones, so localtime() is gmtime() and
 * mktime() is timegm(); tzset() does nothing and tzname is {"UTC", "UTC"}.  time_t is 32
 * bits (it ends in January 2038).  Calendar conversions are lib/libc/gmtime.c, the text
 * ones lib/libc/strftime.c.
 */
#ifndef _POSIX_TIME_H
#define _POSIX_TIME_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/time.h>

/** Units of clock() per second. */
#define CLOCKS_PER_SEC  1000000L

/** A broken-down time. */
struct tm {
	int tm_sec;     /**< seconds 0..60 */
	int tm_min;     /**< minutes 0..59 */
	int tm_hour;    /**< hours 0..23 */
	int tm_mday;    /**< day of the month 1..31 */
	int tm_mon;     /**< month 0..11 */
	int tm_year;    /**< years since 1900 */
	int tm_wday;    /**< day of the week 0..6, Sunday 0 */
	int tm_yday;    /**< day of the year 0..365 */
	int tm_isdst;   /**< daylight saving time in effect (always 0 here) */
};

/** The current time in seconds since 1970 (UTC); also stored in *@p t unless @p t is NULL.
 *  (time_t)-1 with errno on failure (ENOSYS without PM). */
time_t time(time_t *t);
/** The processor time used, in CLOCKS_PER_SEC units, or (clock_t)-1. */
clock_t clock(void);
/** The time *@p t as UTC in a static struct tm (NULL with errno EOVERFLOW if it cannot be
 *  represented). */
struct tm *gmtime(const time_t *t);
/** gmtime() into @p tm. */
struct tm *gmtime_r(const time_t *t, struct tm *tm);
/** gmtime(): the local time zone is UTC. */
struct tm *localtime(const time_t *t);
/** gmtime_r(): the local time zone is UTC. */
struct tm *localtime_r(const time_t *t, struct tm *tm);
/** The time_t of the UTC time *@p tm, whose fields may be out of range: they are
 *  normalized in *@p tm (and tm_wday, tm_yday set).  (time_t)-1 (errno EOVERFLOW) if it
 *  does not fit. */
time_t mktime(struct tm *tm);
/** mktime() (the local time zone is UTC). */
time_t timegm(struct tm *tm);
/** Format *@p tm by @p fmt into @p buf of @p max bytes: the length, or 0 if it did not fit
 *  (the contents are then undefined).  Conversions: %%a %%A %%b %%B %%c %%C %%d %%D %%e %%F
 *  %%g %%G %%h %%H %%I %%j %%m %%M %%n %%p %%r %%R %%s %%S %%t %%T %%u %%U %%V %%w %%W %%x %%X
 *  %%y %%Y %%z %%Z %%%% (the C locale; E and O modifiers are ignored). */
size_t strftime(char *buf, size_t max, const char *fmt, const struct tm *tm);
/** "Sun Sep 16 01:03:52 1973\n" for *@p tm, in a static buffer. */
char *asctime(const struct tm *tm);
/** asctime() into @p buf (at least 26 bytes). */
char *asctime_r(const struct tm *tm, char *buf);
/** asctime(localtime(@p t)). */
char *ctime(const time_t *t);
/** ctime() into @p buf (at least 26 bytes). */
char *ctime_r(const time_t *t, char *buf);
/** @p a - @p b in seconds, as a double (a macro: libc itself is built without floating
 *  point, so there is no difftime function to call through a pointer). */
#define difftime(a, b)  ((double)(time_t)(a) - (double)(time_t)(b))

/** Time zone names (standard, daylight): both "UTC". */
extern char *tzname[2];
/** Set tzname from the time zone: it is always UTC. */
void tzset(void);

/** clock_gettime() clocks. */
typedef int clockid_t;
#define CLOCK_REALTIME  0       /**< the time of day (gettimeofday) */
#define CLOCK_MONOTONIC 1       /**< ticks since boot (times()), never set back */
/** The time of @p clock in *@p ts: 0, or -1 with errno (EINVAL: unknown clock). */
int clock_gettime(clockid_t clock, struct timespec *ts);
/** The resolution of @p clock (one clock tick) in *@p ts unless NULL: 0, or -1 (EINVAL). */
int clock_getres(clockid_t clock, struct timespec *ts);
/** Set @p clock (only CLOCK_REALTIME, else EINVAL) to *@p ts, to one clock tick: 0, or -1
 *  with errno (EPERM: not root; EINVAL: tv_nsec outside 0..999999999 or before 1970;
 *  EFAULT).  handouts/pm.md, "Setting the clock". */
int clock_settime(clockid_t clock, const struct timespec *ts);
/** Set the time of day to *@p t seconds (SVID; clock_settime's rules). */
int stime(const time_t *t);

#endif /* _POSIX_TIME_H */
