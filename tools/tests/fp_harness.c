/*
 * fp_harness.c - host harness of libc's floating-point text (tools/tests/test_fp_format.py):
 * lib/libc/format.c with format_float.c, and strtod.c (its functions renamed mn_*), are
 * compiled for the host and compared with the host C library, which rounds correctly:
 *   format   printf %e %f %g %a (precisions 0..20, flags and widths) of pseudo-random
 *            doubles of every magnitude, subnormals and specials: the same text
 *   strtod   the %.17g, %.15g and %.3e text of the same doubles, and random decimal strings
 *            of up to 19 digits with exponents: the same double and end pointer
 * Prints one line per mismatch (at most 20 each) and "format N mismatches", "strtod N
 * mismatches"; exits 1 if there were any.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*put_fn)(int c, void *arg);
int __libc_vformat(put_fn put, void *arg, const char *fmt, va_list ap);
double mn_strtod(const char *s, char **end);

struct buf {
	char s[2048];
	size_t n;
};

static void
put(int c, void *arg)
{
	struct buf *b = arg;

	if (b->n + 1 < sizeof(b->s))
		b->s[b->n++] = (char)c;
	b->s[b->n] = '\0';
}

static void
mn_format(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	b->n = 0;
	b->s[0] = '\0';
	va_start(ap, fmt);
	__libc_vformat(put, b, fmt, ap);
	va_end(ap);
}

static uint64_t rng = 0x853c49e6748fea9bULL;

static uint64_t
next(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return rng ^ (rng >> 29);
}

static double
random_double(int i)
{
	uint64_t u = next();
	double v;

	switch (i % 4) {
	case 0:                 /* any bit pattern */
		break;
	case 1:                 /* magnitudes around 1 */
		u = (u & 0x800FFFFFFFFFFFFFULL) | ((uint64_t)(1023 - 30 + (int)(next() % 60)) << 52);
		break;
	case 2:                 /* short decimals: halfway cases for %.Nf */
		return (double)(int64_t)(next() % 2000001 - 1000000) / 8.0;
	default:                /* subnormals */
		u &= 0x800FFFFFFFFFFFFFULL;
	}
	memcpy(&v, &u, sizeof(v));
	return v;
}

static int
check_format(void)
{
	static const char *const fmts[] = { "%.*e", "%.*f", "%.*g", "%#.*g", "%+.*E", "% .*G",
					     "%.*a" };
	char want[2048], fmt[32];
	struct buf got;
	int bad = 0;

	for (int i = 0; i < 20000; i++) {
		double v = random_double(i);
		int prec = (int)(next() % 21);
		const char *f = fmts[next() % (sizeof(fmts) / sizeof(fmts[0]))];

		if (f[3] == 'f' && (v > 1e30 || v < -1e30))
			prec %= 3;
		snprintf(want, sizeof(want), f, prec, v);
		mn_format(&got, f, prec, v);
		if (strcmp(want, got.s) != 0 && bad++ < 20)
			printf("format %s prec %d of %a: host \"%s\", minnow \"%s\"\n", f, prec, v,
			       want, got.s);
		snprintf(fmt, sizeof(fmt), "%%%s%d.%d%c", (i & 1) ? "-" : (i & 2) ? "0" : "+",
			 (int)(next() % 30), prec, "efgEG"[i % 5]);
		snprintf(want, sizeof(want), fmt, v);
		mn_format(&got, fmt, v);
		if (strcmp(want, got.s) != 0 && bad++ < 20)
			printf("format %s of %a: host \"%s\", minnow \"%s\"\n", fmt, v, want, got.s);
	}
	printf("format %d mismatches\n", bad);
	return bad;
}

static int
check_one_strtod(const char *s, int *bad)
{
	char *e1, *e2;
	double a = strtod(s, &e1), b = mn_strtod(s, &e2);

	if ((memcmp(&a, &b, sizeof(a)) != 0 || e1 != e2) && (*bad)++ < 20)
		printf("strtod \"%s\": host %a (%d used), minnow %a (%d used)\n", s, a,
		       (int)(e1 - s), b, (int)(e2 - s));
	return 0;
}

static int
check_strtod(void)
{
	char s[64];
	int bad = 0;

	for (int i = 0; i < 20000; i++) {
		double v = random_double(i);
		int nd = 1 + (int)(next() % 19), n = 0;

		snprintf(s, sizeof(s), "%.17g", v);
		check_one_strtod(s, &bad);
		snprintf(s, sizeof(s), "%.15g", v);
		check_one_strtod(s, &bad);
		snprintf(s, sizeof(s), "%.3e", v);
		check_one_strtod(s, &bad);
		s[n++] = (next() & 1) ? '-' : ' ';
		for (int k = 0; k < nd; k++) {
			if (k == nd / 2)
				s[n++] = '.';
			s[n++] = (char)('0' + next() % 10);
		}
		n += snprintf(s + n, sizeof(s) - (size_t)n, "e%d", (int)(next() % 600) - 300);
		check_one_strtod(s, &bad);
	}
	printf("strtod %d mismatches\n", bad);
	return bad;
}

int
main(void)
{
	int bad = check_format();

	bad += check_strtod();
	return bad != 0;
}
