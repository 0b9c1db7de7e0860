/*
 * libc_harness.c - host harness of tools/tests/test_libc.py: Minnow's pure libc files
 * (format.c, scanf.c, strftime.c, gmtime.c, compiled for the host with mn_ names, see
 * libc_rename.h) against the host's C library on the same inputs.
 *
 * Each check prints "FAIL <what>: minnow <x> host <y>" when the two differ, or when a
 * known answer is wrong; the last line is "checks N failed M".  Run with TZ=UTC.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

/* Minnow's functions (the files are compiled against this host's headers). */
typedef void (*put_fn)(int c, void *arg);
int __libc_vformat(put_fn put, void *arg, const char *fmt, va_list ap);
struct scan_src {
	int (*get)(void *arg);
	void (*unget)(int c, void *arg);
	void *arg;
	int count;
	int eof;
};
int __libc_vscan(struct scan_src *src, const char *fmt, va_list ap);
size_t mn_strftime(char *buf, size_t max, const char *fmt, const struct tm *tm);
struct tm *mn_gmtime_r(const time_t *t, struct tm *tm);
time_t mn_timegm(struct tm *tm);
char *mn_asctime_r(const struct tm *tm, char *buf);

typedef char str32[32];
typedef void *ptr_t;

static int checks, failed;

static void
check_str(const char *what, const char *mine, const char *host)
{
	checks++;
	if (strcmp(mine, host) != 0) {
		failed++;
		printf("FAIL %s: minnow \"%s\" host \"%s\"\n", what, mine, host);
	}
}

static void
check_long(const char *what, long long mine, long long host)
{
	checks++;
	if (mine != host) {
		failed++;
		printf("FAIL %s: minnow %lld host %lld\n", what, mine, host);
	}
}

/* ---- printf ---- */
struct buf { char *p; size_t n, len; };

static void
buf_put(int c, void *arg)
{
	struct buf *b = arg;

	if (b->len + 1 < b->n)
		b->p[b->len] = (char)c;
	b->len++;
}

static int __attribute__((format(printf, 3, 4)))
mn_snprintf(char *s, size_t n, const char *fmt, ...)
{
	struct buf b = { s, n, 0 };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __libc_vformat(buf_put, &b, fmt, ap);
	va_end(ap);
	s[b.len < n ? b.len : n - 1] = '\0';
	return r;
}

#define FMT(fmt, ...) do {						\
	char a_[128], b_[128];						\
	int ra_ = mn_snprintf(a_, sizeof(a_), fmt, __VA_ARGS__);	\
	int rb_ = snprintf(b_, sizeof(b_), fmt, __VA_ARGS__);		\
	check_str("printf " fmt, a_, b_);				\
	check_long("printf length " fmt, ra_, rb_);			\
} while (0)

static void
test_printf(void)
{
	int x = 0;

	FMT("%lld %lld", LLONG_MIN, LLONG_MAX);
	FMT("%llu %llx %llX %llo", ULLONG_MAX, 0x123456789abcdefULL, 0xfedcba9876543210ULL,
	    01234567012345670ULL);
	FMT("%zu %zd %zx", (size_t)-1, (ssize_t)-5, (size_t)4096);
	FMT("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
	FMT("%hhd %hhu %hhx", 300, 511, -1);
	FMT("%hd %hu", 70000, -1);
	FMT("%td", (ptrdiff_t)-77);
	FMT("[%-20lld] [%020lld] [%+lld] [% lld]", -42LL, -42LL, 42LL, 42LL);
	FMT("[%#llx] [%#llo] [%#x] [%#o]", 255ULL, 8ULL, 0, 0);
	FMT("[%.0d] [%5.3d] [%-5.3d] [%.10lld]", 0, 7, -7, -12345LL);
	FMT("[%*d] [%-*d] [%.*d]", 6, 12, 6, 12, 4, 12);
	FMT("[%10s] [%-10s] [%.2s] [%c] [%5c]", "abc", "abc", "abc", 'z', 'y');
	FMT("%p", (void *)&x);
	FMT("%d%%%u", -1, 1u);
	FMT("%ld %lu", LONG_MIN, ULONG_MAX);
}

/* ---- scanf ---- */
static int
str_get(void *arg)
{
	const char **s = arg;

	return **s == '\0' ? -1 : (unsigned char)*(*s)++;
}

static void
str_unget(int c, void *arg)
{
	(void)c;
	(*(const char **)arg)--;
}

static int
mn_sscanf(const char *s, const char *fmt, ...)
{
	struct scan_src src = { str_get, str_unget, &s, 0, 0 };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __libc_vscan(&src, fmt, ap);
	va_end(ap);
	return r;
}

/* One conversion into a value of type T, sentinel-filled, compared byte for byte. */
#define SCAN1(T, in, fmt) do {						\
	T a_, b_;							\
	memset(&a_, 0x5a, sizeof(a_));					\
	memset(&b_, 0x5a, sizeof(b_));					\
	check_long("sscanf result \"" in "\" " fmt, mn_sscanf(in, fmt, &a_),	\
		   sscanf(in, fmt, &b_));				\
	check_long("sscanf value \"" in "\" " fmt, memcmp(&a_, &b_, sizeof(a_)), 0); \
} while (0)

static void
test_scanf_one(void)
{
	SCAN1(int, "  42", "%d");
	SCAN1(int, "-17xyz", "%d");
	SCAN1(int, "+5", "%d");
	SCAN1(int, "abc", "%d");
	SCAN1(int, "", "%d");
	SCAN1(int, "   ", "%d");
	SCAN1(int, "-", "%d");
	SCAN1(int, "0x1F", "%i");
	SCAN1(int, "017", "%i");
	SCAN1(int, "-0x10", "%i");
	SCAN1(int, "0", "%i");
	SCAN1(int, "12345", "%3d");
	SCAN1(unsigned, "ff", "%x");
	SCAN1(unsigned, "0XfF", "%x");
	SCAN1(unsigned, "777", "%o");
	SCAN1(unsigned, "4294967295", "%u");
	SCAN1(long long, "-9223372036854775808", "%lld");
	SCAN1(unsigned long long, "18446744073709551615", "%llu");
	SCAN1(long long, "123456789012", "%lld");
	SCAN1(long, "-99", "%ld");
	SCAN1(short, "-300", "%hd");
	SCAN1(signed char, "65", "%hhd");
	SCAN1(intmax_t, "-5", "%jd");
	SCAN1(size_t, "77", "%zu");
	SCAN1(str32, "  hello world", "%s");
	SCAN1(str32, "hello", "%3s");
	SCAN1(str32, "abcdef", "%c");
	SCAN1(str32, " abcdef", "%4c");
	SCAN1(str32, "abc123", "%[a-z]");
	SCAN1(str32, "abc123", "%[^0-9]");
	SCAN1(str32, "]]x", "%[]]");
	SCAN1(str32, "a-b", "%[a-]");
	SCAN1(str32, "123", "%[a-z]");
	SCAN1(str32, "", "%s");
	SCAN1(int, "x5", "x%d");
	SCAN1(int, "y5", "x%d");
	SCAN1(int, "%7", "%%%d");
	SCAN1(ptr_t, "0x1234", "%p");
	SCAN1(double, "3.25", "%lf");
	SCAN1(double, "  -1.5e3xyz", "%lf");
	SCAN1(double, ".5", "%lf");
	SCAN1(double, "1e", "%lf");
	SCAN1(double, "-", "%lf");
	SCAN1(double, "inf", "%lf");
	SCAN1(double, "-Infinity!", "%lf");
	SCAN1(double, "0x1.8p3", "%lf");
	SCAN1(double, "123456", "%3lf");
	SCAN1(float, "2.5", "%f");
	SCAN1(float, "7e-2", "%g");
	SCAN1(long double, "1.25", "%Lf");
	SCAN1(double, "abc", "%lf");
}

static void
test_scanf_many(void)
{
	int a = 0, b = 0, n1 = -1, n2 = -1, c = 0, d = 0, m1 = -1, m2 = -1;
	char s1[16] = "", s2[16] = "";

	check_long("sscanf %d %*d %d %n",
		   mn_sscanf("1 2 3 rest", "%d %*d %d %n", &a, &b, &n1),
		   sscanf("1 2 3 rest", "%d %*d %d %n", &c, &d, &n2));
	check_long("sscanf values", a * 100 + b * 10 + n1, c * 100 + d * 10 + n2);
	check_long("sscanf mixed", mn_sscanf("key=val;9", "%[^=]=%[^;];%n%d", s1, s2, &m1, &a),
		   sscanf("key=val;9", "%[^=]=%[^;];%n%d", s1 + 8, s2 + 8, &m2, &c));
	check_str("sscanf mixed s1", s1, s1 + 8);
	check_str("sscanf mixed s2", s2, s2 + 8);
	check_long("sscanf mixed n", m1 * 10 + a, m2 * 10 + c);
	check_long("sscanf stops at mismatch", mn_sscanf("5 x 6", "%d %d %d", &a, &b, &n1),
		   sscanf("5 x 6", "%d %d %d", &c, &d, &n2));
}

/* ---- time ---- */
static const char TIME_FMT[] = "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %n "
	"%p %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %%";

static void
test_one_time(time_t t)
{
	struct tm host, mine, again;
	char a[512], b[512], what[64];

	snprintf(what, sizeof(what), "time %lld", (long long)t);
	gmtime_r(&t, &host);
	mn_gmtime_r(&t, &mine);
	check_long(what, mine.tm_year * 10000000000LL + mine.tm_mon * 100000000LL +
		   mine.tm_mday * 1000000LL + mine.tm_hour * 10000 + mine.tm_min * 100 +
		   mine.tm_sec, host.tm_year * 10000000000LL + host.tm_mon * 100000000LL +
		   host.tm_mday * 1000000LL + host.tm_hour * 10000 + host.tm_min * 100 +
		   host.tm_sec);
	check_long(what, mine.tm_wday * 1000 + mine.tm_yday, host.tm_wday * 1000 + host.tm_yday);
	again = host;
	check_long(what, mn_timegm(&again), t);
	mn_strftime(a, sizeof(a), TIME_FMT, &host);
	strftime(b, sizeof(b), TIME_FMT, &host);
	check_str(what, a, b);
	check_str(what, mn_asctime_r(&host, a), asctime_r(&host, b));
}

/* mktime()'s normalization of out-of-range fields, against the host's timegm. */
static void
test_normalize(int year, int mon, int mday, int hour, int min, int sec)
{
	struct tm a = { 0 }, b;
	char what[96];

	a.tm_year = year, a.tm_mon = mon, a.tm_mday = mday;
	a.tm_hour = hour, a.tm_min = min, a.tm_sec = sec;
	b = a;
	snprintf(what, sizeof(what), "timegm %d-%d-%d %d:%d:%d", year, mon, mday, hour, min, sec);
	check_long(what, mn_timegm(&a), timegm(&b));
	check_long(what, a.tm_year * 100000000LL + a.tm_mon * 1000000 + a.tm_mday * 10000 +
		   a.tm_yday * 10 + a.tm_wday, b.tm_year * 100000000LL + b.tm_mon * 1000000 +
		   b.tm_mday * 10000 + b.tm_yday * 10 + b.tm_wday);
}

static void
test_time(void)
{
	static const long long known[] = {
		0, 1, 86399, 86400, 951782400, 951868800, 68169599, -1, -31536000,
		2147483647LL, -2147483648LL, 1230768000, 1104537600, 1262304000, 1609459200,
		1735603200, 1703980800, 1577836800, 946684799, 4107542400LL,
	};
	struct tm tm;
	char buf[64];
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		test_one_time((time_t)known[i]);
	for (int i = 0; i < 2000; i++) {
		x = x * 1103515245u + 12345u;
		test_one_time((time_t)(int32_t)x);
	}
	test_normalize(100, 13, 0, 0, 0, -1);
	test_normalize(99, -1, 1, 25, 61, 3600);
	test_normalize(100, 1, 29, 0, 0, 0);
	test_normalize(101, 1, 29, 0, 0, 0);
	test_normalize(70, 0, -400, -50, 0, 0);
	/* Known answers, independent of the host. */
	mn_gmtime_r(&(time_t){ 951782400 }, &tm);
	mn_strftime(buf, sizeof(buf), "%Y-%m-%d %j %a %Z", &tm);
	check_str("known 2000-02-29", buf, "2000-02-29 060 Tue UTC");
	check_long("strftime too small", mn_strftime(buf, 5, "%Y-%m", &tm), 0);
	check_long("strftime exact", mn_strftime(buf, 8, "%Y-%m", &tm), 7);
}

int
main(void)
{
	test_printf();
	test_scanf_one();
	test_scanf_many();
	test_time();
	printf("checks %d failed %d\n", checks, failed);
	return failed != 0;
}
