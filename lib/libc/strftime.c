/*
 * strftime.c - broken-down time as text: strftime(), asctime(), ctime() (the C locale).
 *
 * strftime() writes through struct out, which counts what fits in the caller's buffer;
 * each conversion either prints a number with a width and a pad character (put_num),
 * names (day and month names, AM/PM), or expands to another format (%c, %D, %F, %r, %R,
 * %T, %x, %X), formatted recursively.  ISO 8601 weeks (%G, %g, %V) follow the rule "week
 * 1 holds the year's first Thursday".  Pure functions: the host tests compile this file
 * too (tools/tests/test_libc.py).
 */
#include <stddef.h>
#include <time.h>

static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"
};

/* The caller's buffer and how much has gone into it (len may pass max: then it failed). */
struct out {
	char *buf;
	size_t max;
	size_t len;
};

static void
put_char(struct out *o, char c)
{
	if (o->len < o->max)
		o->buf[o->len] = c;
	o->len++;
}

static void
put_str(struct out *o, const char *s, size_t n)
{
	for (; *s != '\0' && n > 0; s++, n--)
		put_char(o, *s);
}

/* v in decimal, at least width digits padded with pad ('0' or ' '; 0: none). */
static void
put_num(struct out *o, long long v, int width, char pad)
{
	char digits[24];
	int n = 0;

	if (v < 0) {
		put_char(o, '-');
		v = -v;
		width--;
	}
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (; width > n && pad != 0; width--)
		put_char(o, pad);
	while (n > 0)
		put_char(o, digits[--n]);
}

/* Weeks (52 or 53) of ISO year y. */
static int
iso_weeks(long long y)
{
	long long p = (y + y / 4 - y / 100 + y / 400) % 7;
	long long q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;

	return (p == 4 || q == 3) ? 53 : 52;
}

/* ISO 8601 week number of tm, and its ISO year in *year. */
static int
iso_week(const struct tm *tm, long long *year)
{
	int wday = (tm->tm_wday + 6) % 7, week = (tm->tm_yday - wday + 10) / 7;

	*year = tm->tm_year + 1900LL;
	if (week < 1) {
		(*year)--;
		week = iso_weeks(*year);
	} else if (week > iso_weeks(*year)) {
		(*year)++;
		week = 1;
	}
	return week;
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

/* The expansion of the composite conversion c, or NULL. */
static const char *
composite(char c)
{
	switch (c) {
	case 'c': return "%a %b %e %H:%M:%S %Y";
	case 'D': case 'x': return "%m/%d/%y";
	case 'F': return "%Y-%m-%d";
	case 'r': return "%I:%M:%S %p";
	case 'R': return "%H:%M";
	case 'T': case 'X': return "%H:%M:%S";
	default: return NULL;
	}
}

/* The numeric conversions: 1 if c was one (and is printed). */
static int
convert_number(struct out *o, char c, const struct tm *tm)
{
	long long year = tm->tm_year + 1900LL, iso_year;
	int week = iso_week(tm, &iso_year), hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
	struct tm copy;

	switch (c) {
	case 'C': put_num(o, year / 100, 2, '0'); break;
	case 'd': put_num(o, tm->tm_mday, 2, '0'); break;
	case 'e': put_num(o, tm->tm_mday, 2, ' '); break;
	case 'g': put_num(o, iso_year % 100, 2, '0'); break;
	case 'G': put_num(o, iso_year, 0, 0); break;
	case 'H': put_num(o, tm->tm_hour, 2, '0'); break;
	case 'I': put_num(o, hour12, 2, '0'); break;
	case 'j': put_num(o, tm->tm_yday + 1, 3, '0'); break;
	case 'm': put_num(o, tm->tm_mon + 1, 2, '0'); break;
	case 'M': put_num(o, tm->tm_min, 2, '0'); break;
	case 's': copy = *tm; put_num(o, timegm(&copy), 0, 0); break;
	case 'S': put_num(o, tm->tm_sec, 2, '0'); break;
	case 'u': put_num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 0, 0); break;
	case 'U': put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
	case 'V': put_num(o, week, 2, '0'); break;
	case 'w': put_num(o, tm->tm_wday, 0, 0); break;
	case 'W': put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
	case 'y': put_num(o, year % 100, 2, '0'); break;
	case 'Y': put_num(o, year, 0, 0); break;
	default: return 0;
	}
	return 1;
}

/* One conversion character c (after '%' and any E or O modifier). */
static void
convert(struct out *o, char c, const struct tm *tm)
{
	const char *sub = composite(c);
	int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;

	if (sub != NULL) {
		format(o, sub, tm);
		return;
	}
	if (convert_number(o, c, tm))
		return;
	switch (c) {
	case 'a': put_str(o, day_names[wday], 3); break;
	case 'A': put_str(o, day_names[wday], (size_t)-1); break;
	case 'b': case 'h': put_str(o, month_names[mon], 3); break;
	case 'B': put_str(o, month_names[mon], (size_t)-1); break;
	case 'n': put_char(o, '\n'); break;
	case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM", 2); break;
	case 't': put_char(o, '\t'); break;
	case 'z': put_str(o, "+0000", 5); break;
	case 'Z': put_str(o, "UTC", 3); break;
	case '%': put_char(o, '%'); break;
	default:        /* unknown: printed as written */
		put_char(o, '%');
		if (c != '\0')
			put_char(o, c);
	}
}

static void
format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			put_char(o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		convert(o, *fmt, tm);
		if (*fmt == '\0')
			break;
	}
}

size_t
strftime(char *buf, size_t max, const char *fmt, const struct tm *tm)
{
	struct out o = { buf, max, 0 };

	format(&o, fmt, tm);
	if (o.len >= max) {
		if (max > 0)
			buf[0] = '\0';
		return 0;
	}
	buf[o.len] = '\0';
	return o.len;
}

char *
asctime_r(const struct tm *tm, char *buf)
{
	strftime(buf, 26, "%a %b %e %H:%M:%S %Y\n", tm);
	return buf;
}

char *
asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *
ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return asctime_r(gmtime_r(t, &tm), buf);
}

char *
ctime(const time_t *t)
{
	static char buf[26];

	return ctime_r(t, buf);
}
