/*
 * exp_log.c - exp, log, log2, log10 and pow, with the x87's 80-bit arithmetic.
 *
 * Logarithms use FYL2X (y * log2(x)) with the constants FLDLN2 and FLDLG2.  Powers of two
 * use exp2l() below: the integer part by FSCALE, the fraction by F2XM1 (2^f - 1 for
 * |f| <= 1).  pow(x, y) is exp2(y * log2(x)) computed in 80 bits (the 64-bit product
 * keeps the result within an ulp of double) after the special cases of C99 Annex F.
 */
#include <errno.h>
#include <math.h>
#include "libm_private.h"

/* 2^x in 80 bits (any x: the overflow is the caller's to report). */
static long double
exp2l_x87(long double x)
{
	long double n, f, r;

	__asm__("frndint" : "=t"(n) : "0"(x));
	f = x - n;
	__asm__("f2xm1" : "=t"(r) : "0"(f));
	r += 1.0L;
	__asm__("fscale" : "+t"(r) : "u"(n));
	return r;
}

/* y * log2(x) in 80 bits, for x > 0. */
static long double
ylog2x(long double y, long double x)
{
	long double r;

	__asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
	return r;
}

/* The double of an 80-bit result, with ERANGE for an overflow or a total underflow. */
static double
to_double(long double r)
{
	double d = (double)r;

	if (isinf(d) || (d == 0 && r != 0))
		errno = ERANGE;
	return d;
}

double
exp(double x)
{
	if (isnan(x))
		return x;
	if (isinf(x))
		return x > 0 ? x : 0.0;
	if (x > 1000)
		return __libm_error(HUGE_VAL, ERANGE);
	if (x < -1000)
		return __libm_error(0.0, ERANGE);
	return to_double(exp2l_x87((long double)x * 1.44269504088896340735992468100189214L));
}

/* The checks every logarithm makes: NaN, negative, zero, infinity.  1: *r is the answer. */
static int
log_special(double x, double *r)
{
	if (isnan(x)) {
		*r = x;
	} else if (x < 0) {
		*r = __libm_error(NAN, EDOM);
	} else if (x == 0) {
		*r = __libm_error(-HUGE_VAL, ERANGE);
	} else if (isinf(x)) {
		*r = x;
	} else {
		return 0;
	}
	return 1;
}

double
log(double x)
{
	double r;
	long double ln2;

	if (log_special(x, &r))
		return r;
	__asm__("fldln2" : "=t"(ln2));
	return (double)ylog2x(ln2, x);
}

double
log10(double x)
{
	double r;
	long double lg2;

	if (log_special(x, &r))
		return r;
	__asm__("fldlg2" : "=t"(lg2));
	return (double)ylog2x(lg2, x);
}

double
log2(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	return (double)ylog2x(1.0L, x);
}

/* Is y an integer, and if so an odd one?  0: not an integer, 1: even, 2: odd. */
static int
int_kind(double y)
{
	if (isinf(y) || trunc(y) != y)
		return 0;
	if (fabs(y) >= 9007199254740992.0)      /* 2^53: every such double is even */
		return 1;
	return fmod(y, 2.0) != 0 ? 2 : 1;
}

/* pow for x == 0 or an infinite x or y (C99 F.9.4.4).  1: *r is the answer. */
static int
pow_special(double x, double y, int kind, double *r)
{
	if (x == 0) {
		if (y < 0)
			*r = __libm_error(kind == 2 ? 1.0 / x : HUGE_VAL, ERANGE);
		else
			*r = kind == 2 ? x : 0.0;
	} else if (isinf(y)) {
		if (fabs(x) == 1)
			*r = 1.0;
		else
			*r = (fabs(x) < 1) == (y < 0) ? HUGE_VAL : 0.0;
	} else if (isinf(x)) {
		if (x > 0)
			*r = y < 0 ? 0.0 : HUGE_VAL;
		else if (y < 0)
			*r = kind == 2 ? -0.0 : 0.0;
		else
			*r = kind == 2 ? -HUGE_VAL : HUGE_VAL;
	} else {
		return 0;
	}
	return 1;
}

double
pow(double x, double y)
{
	int kind;
	double r;
	long double p;

	if (x == 1 || y == 0)
		return 1.0;
	if (isnan(x) || isnan(y))
		return x + y;
	kind = int_kind(y);
	if (pow_special(x, y, kind, &r))
		return r;
	if (x < 0 && kind == 0)
		return __libm_error(NAN, EDOM);
	p = ylog2x(y, fabs(x));
	if (p > 20000)
		p = 20000;              /* far past the range: exp2 just overflows */
	else if (p < -20000)
		p = -20000;
	r = to_double(exp2l_x87(p));
	return kind == 2 && x < 0 ? -r : r;
}
