/*
 * date - print the date and time (always UTC: there are no time zones).
 *
 * Usage: date [-u] [-d @seconds] [+format]
 * Without a format prints e.g. "Sun Dec  6 20:37:17 UTC 2026".  The format is copied with
 * each conversion replaced: %Y year, %y its last two digits, %m month 01-12, %d day 01-31,
 * %e day padded with a space, %H hour, %M minute, %S second, %s seconds since the Epoch,
 * %j day of the year 001-366, %a %A weekday (Sun, Sunday), %b %h %B month (Dec, December),
 * %Z "UTC", %T %H:%M:%S, %D %m/%d/%y, %F %Y-%m-%d, %n newline, %t tab, %% a %.  -u is
 * accepted (the time is UTC anyway); -d @seconds shows that time instead of now.
 * Not implemented: setting the date, other -d forms.
 * Exit status: 0; 1 on a usage error or when the time cannot be read.
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
	fprintf(stderr, "usage: date [-u] [-d @seconds] [+format]\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	long long secs;
	int c, have_d = 0;
	struct when w;
	char *end;

	while ((c = getopt(argc, argv, "ud:")) != -1) {
		if (c == 'd') {
			secs = strtol(optarg + 1, &end, 10);
			if (optarg[0] != '@' || end == optarg + 1 || *end != '\0')
				usage();
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
