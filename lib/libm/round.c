/*
 * round.c - libm's exact functions: fabs, floor, ceil, round, trunc, modf, frexp, ldexp,
 * fmod, remainder, sqrt, hypot, and __libm_error (errno for every libm file).
 *
 * floor/ceil/trunc/round/modf/frexp work on the bits of the double (no rounding can occur);
 * fmod uses the x87 FPREM loop (the exact remainder), remainder FPREM1 (the IEEE one: the
 * quotient rounded to nearest, ties to even), sqrt FSQRT, ldexp FSCALE.
 */
#include <errno.h>
#include <math.h>
#include "libm_private.h"

#define EXP_MASK 0x7FF0000000000000ULL
#define MANT_MASK 0x000FFFFFFFFFFFFFULL
#define SIGN_MASK 0x8000000000000000ULL

double
__libm_error(double r, int err)
{
	errno = err;
	return r;
}

double
fabs(double x)
{
	return __libm_from_bits(__libm_bits(x) & ~SIGN_MASK);
}

double
trunc(double x)
{
	uint64_t u = __libm_bits(x);
	int e = (int)((u >> 52) & 0x7FF) - 1023;

	if (e >= 52)
		return x;                       /* integral already (or inf, NaN) */
	if (e < 0)
		return __libm_from_bits(u & SIGN_MASK);   /* |x| < 1: a signed zero */
	return __libm_from_bits(u & ~(MANT_MASK >> e));
}

double
floor(double x)
{
	double t = trunc(x);

	return (t != x && x < 0) ? t - 1.0 : t;
}

double
ceil(double x)
{
	double t = trunc(x);

	return (t != x && x > 0) ? t + 1.0 : t;
}

double
round(double x)
{
	double t = trunc(x);

	if (fabs(x - t) >= 0.5)
		t += x < 0 ? -1.0 : 1.0;
	return t;
}

double
modf(double x, double *iptr)
{
	double t = trunc(x);

	*iptr = t;
	if (isinf(x))
		return __libm_from_bits(__libm_bits(x) & SIGN_MASK);
	return __libm_from_bits((__libm_bits(x - t) & ~SIGN_MASK) | (__libm_bits(x) & SIGN_MASK));
}

double
frexp(double x, int *exp)
{
	uint64_t u = __libm_bits(x);
	int e = (int)((u >> 52) & 0x7FF);

	*exp = 0;
	if (x == 0 || isnan(x) || isinf(x))
		return x;
	if (e == 0) {                           /* subnormal: scale into the normal range */
		x *= 18014398509481984.0;       /* 2^54 */
		u = __libm_bits(x);
		e = (int)((u >> 52) & 0x7FF) - 54;
	}
	*exp = e - 1022;
	return __libm_from_bits((u & ~EXP_MASK) | (1022ULL << 52));
}

double
ldexp(double x, int exp)
{
	double r, n = (double)exp;

	__asm__("fscale" : "=t"(r) : "0"(x), "u"(n));
	if (isinf(r) && !isinf(x))
		return __libm_error(r, ERANGE);
	return r;
}

/* x reduced by y with the x87's partial remainder loop: FPREM (the quotient truncated,
 * fmod's) or, if ieee, FPREM1 (rounded to nearest, ties to even: remainder's).  Exact. */
static double
reduce(double x, double y, int ieee)
{
	double r;
	unsigned short sw;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __libm_error(NAN, EDOM);
	if (isinf(y))
		return x;
	r = x;
	do {
		if (ieee)
			__asm__("fprem1; fnstsw %1" : "+t"(r), "=a"(sw) : "u"(y));
		else
			__asm__("fprem; fnstsw %1" : "+t"(r), "=a"(sw) : "u"(y));
	} while (sw & 0x400);                   /* C2: the reduction is partial */
	return r;
}

double
fmod(double x, double y)
{
	return reduce(x, y, 0);
}

double
remainder(double x, double y)
{
	return reduce(x, y, 1);
}

double
sqrt(double x)
{
	double r;

	if (x < 0)
		return __libm_error(NAN, EDOM);
	__asm__("fsqrt" : "=t"(r) : "0"(x));
	return r;
}

double
hypot(double x, double y)
{
	long double a = fabs(x), b = fabs(y), s;
	double r;

	if (isinf(x) || isinf(y))
		return HUGE_VAL;
	if (isnan(x) || isnan(y))
		return x + y;
	s = a * a + b * b;              /* 80-bit: no overflow or underflow in between */
	__asm__("fsqrt" : "+t"(s));
	r = (double)s;
	return isinf(r) ? __libm_error(r, ERANGE) : r;
}
