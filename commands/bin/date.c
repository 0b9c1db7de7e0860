/*
 * date - print the date and time (always UTC: there are no time zones).
 *
 * Usage: date [-u] [-d @seconds | -s time] [+format]
 * Without a format prints e.g. "Sun Dec  6 20:37:17 UTC 2026".  The format is copied with
 * each conversion replaced: %Y year, %y its last two digits, %m month 01-12, %d day 01-31,
 * %e day padded with a space, %H hour, %M minute, %S second, %s seconds since the Epoch,
 * %j day of the year 001-366, %a %A weekday (Sun, Sunday), %b %h %B month (Dec, December),
 * %Z "UTC", %T %H:%M:%S, %D %m/%d/%y, %F %Y-%m-%d, %n newline, %t tab, %% a %.  -u is
 * accepted (the time is UTC anyway); -d @seconds shows that time instead of now.  -s sets
 * the clock (clock_settime: root only) to @seconds or "YYYY-MM-DD HH:MM[:SS]" and prints
 * the new time, as GNU date does (handouts/pm.md, "Setting the clock").
 * Not implemented: other -d and -s forms.
 * Exit status: 0; 1 on a usage error, a bad -s time, or when the time cannot be read or
 * set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A broken-down time. */
struct when {
	long long secs;
	long year;
	int mon, mday, yday, wday, hour, min, sec;
};

static const char *days[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
			      "Friday", "Saturday" };
static const char *months[] = { "January", "February", "March", "April", "May", "June",
				"July", "August", "September", "October", "November",
				"December" };

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Break secs (since 1970-01-01 00:00:00 UTC) into w. */
static void
breakdown(long long secs, struct when *w)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long long days = secs / 86400, rem = secs % 86400;

	if (rem < 0)
		rem += 86400, days--;
	w->secs = secs;
	w->hour = (int)(rem / 3600);
	w->min = (int)(rem / 60 % 60);
	w->sec = (int)(rem % 60);
	w->wday = (int)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
	for (w->year = 1970; days < 0 || days >= 365 + leap(w->year);) {
		long step = days < 0 ? -1 : 1;

		days -= step * (365 + leap(step < 0 ? w->year - 1 : w->year));
		w->year += step;
	}
	w->yday = (int)days;
	for (w->mon = 0; days >= mdays[w->mon] + (w->mon == 1 && leap(w->year)); w->mon++)
		days -= mdays[w->mon] + (w->mon == 1 && leap(w->year));
	w->mday = (int)days + 1;
}

/* Print the conversion %c of w; 0 if c is not one. */
static int
convert(char c, const struct when *w)
{
	switch (c) {
	case 'Y': printf("%ld", w->year); break;
	case 'y': printf("%02ld", w->year % 100); break;
	case 'm': printf("%02d", w->mon + 1); break;
	case 'd': printf("%02d", w->mday); break;
	case 'e': printf("%2d", w->mday); break;
	case 'H': printf("%02d", w->hour); break;
	case 'M': printf("%02d", w->min); break;
	case 'S': printf("%02d", w->sec); break;
	case 's': printf("%lld", w->secs); break;
	case 'j': printf("%03d", w->yday + 1); break;
	case 'a': printf("%.3s", days[w->wday]); break;
	case 'A': printf("%s", days[w->wday]); break;
	case 'b': case 'h': printf("%.3s", months[w->mon]); break;
	case 'B': printf("%s", months[w->mon]); break;
	case 'Z': printf("UTC"); break;
	case 'n': putchar('\n'); break;
	case 't': putchar('\t'); break;
	case '%': putchar('%'); break;
	default: return 0;
	}
	return 1;
}

static void
format(const char *f, const struct when *w)
{
	for (; *f != '\0'; f++) {
		if (*f != '%' || f[1] == '\0') {
			putchar(*f);
			continue;
		}
		f++;
		if (*f == 'T')
			format("%H:%M:%S", w);
		else if (*f == 'D')
			format("%m/%d/%y", w);
		else if (*f == 'F')
			format("%Y-%m-%d", w);
		else if (!convert(*f, w))
			printf("%%%c", *f);
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: date [-u] [-d @seconds | -s time] [+format]\n");
	exit(1);
}

/* Days from 1970-01-01 to y-m-d (the proleptic Gregorian calendar). */
static long long
days_from_civil(long y, int m, int d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	long long days = 0;
	long k;

	for (k = 1970; k < y; k++)
		days += 365 + leap(k);
	for (k = y; k < 1970; k++)
		days -= 365 + leap(k);
	return days + before[m - 1] + (m > 2 && leap(y)) + d - 1;
}

/* The seconds -s's s names ("@N" or "YYYY-MM-DD HH:MM[:SS]"), or -1 if it is bad. */
static long long
parse_time(const char *s)
{
	long y;
	int mo, d, h, mi, sec = 0, n = 0;
	char *end;
	long long v;

	if (s[0] == '@') {
		v = strtoll(s + 1, &end, 10);
		return end == s + 1 || *end != '\0' || v < 0 ? -1 : v;
	}
	if (sscanf(s, "%ld-%d-%d %d:%d%n", &y, &mo, &d, &h, &mi, &n) != 5)
		return -1;
	if (s[n] == ':' && sscanf(s + n, ":%d%n", &sec, &n) == 1)
		;
	else if (s[n] != '\0')
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 ||
	    h < 0 || mi < 0 || sec < 0)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/* date -s s: set the clock; the new time in seconds, or exit 1. */
static long long
set_time(const char *s)
{
	struct timespec ts;
	long long secs = parse_time(s);

	if (secs < 0) {
		fprintf(stderr, "date: invalid date '%s'\n", s);
		exit(1);
	}
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = 0;
	if (clock_settime(CLOCK_REALTIME, &ts) != 0) {
		fprintf(stderr, "date: cannot set date: %s\n", strerror(errno));
		exit(1);
	}
	return secs;
}

int
main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	long long secs;
	int c, have_d = 0;
	struct when w;
	char *end;

	while ((c = getopt(argc, argv, "ud:s:")) != -1) {
		if (c == 'd' && !have_d) {
			secs = strtol(optarg + 1, &end, 10);
			if (optarg[0] != '@' || end == optarg + 1 || *end != '\0')
				usage();
			have_d = 1;
		} else if (c == 's' && !have_d) {
			secs = set_time(optarg);
			have_d = 1;
		} else if (c != 'u') {
			usage();
		}
	}
	if (optind < argc && argv[optind][0] == '+')
		fmt = argv[optind++] + 1;
	if (optind < argc)
		usage();
	if (!have_d && (secs = (long long)time(NULL)) == -1) {
		fprintf(stderr, "date: cannot read the time: %s\n", strerror(errno));
		return 1;
	}
	breakdown(secs, &w);
	format(fmt, &w);
	putchar('\n');
	return 0;
}
