/*
 * trig.c - sin, cos, tan, atan, atan2, asin, acos with the x87's FSIN, FCOS, FPTAN, FPATAN.
 *
 * FSIN, FCOS and FPTAN take arguments below 2^63 in magnitude; larger ones are reduced
 * first with FPREM1 modulo 2*pi (the x87's own 66-bit pi).  FPATAN (atan(y/x) with the
 * quadrant from both signs) already follows C99's atan2 table for zeros and infinities.
 */
#include <errno.h>
#include <math.h>
#include "libm_private.h"

#define C2 0x400        /* x87 status word: argument out of range / partial remainder */

/* Reduce x modulo 2*pi into FSIN's range. */
static long double
reduce(long double x)
{
	long double twopi;
	unsigned short sw;

	__asm__("fldpi; fadd %%st(0), %%st(0)" : "=t"(twopi));
	do {
		__asm__("fprem1; fnstsw %1" : "+t"(x), "=a"(sw) : "u"(twopi));
	} while (sw & C2);
	return x;
}

/* The argument FSIN, FCOS or FPTAN gets in *v; 1 with the result in *r for a NaN (itself)
 * or an infinity (NaN, EDOM), where no instruction runs. */
static int
trig_arg(double x, long double *v, double *r)
{
	if (isnan(x)) {
		*r = x;
		return 1;
	}
	if (isinf(x)) {
		*r = __libm_error(NAN, EDOM);
		return 1;
	}
	*v = fabs(x) >= 9.2e18 ? reduce(x) : (long double)x;
	return 0;
}

double
sin(double x)
{
	long double v;
	double r;

	if (trig_arg(x, &v, &r))
		return r;
	__asm__("fsin" : "+t"(v));
	return (double)v;
}

double
cos(double x)
{
	long double v;
	double r;

	if (trig_arg(x, &v, &r))
		return r;
	__asm__("fcos" : "+t"(v));
	return (double)v;
}

double
tan(double x)
{
	long double v, one;
	double r;

	if (trig_arg(x, &v, &r))
		return r;
	__asm__("fptan" : "=t"(one), "=u"(v) : "0"(v));     /* pushes 1.0 above tan(v) */
	(void)one;
	return (double)v;
}

double
atan2(double y, double x)
{
	long double r;

	if (isnan(x) || isnan(y))
		return x + y;
	__asm__("fpatan" : "=t"(r) : "0"((long double)x), "u"((long double)y) : "st(1)");
	return (double)r;
}

double
atan(double x)
{
	return atan2(x, 1.0);
}

double
asin(double x)
{
	long double s = 1.0L - (long double)x * x;

	if (isnan(x))
		return x;
	if (fabs(x) > 1)
		return __libm_error(NAN, EDOM);
	__asm__("fsqrt" : "+t"(s));
	return atan2(x, (double)s);
}

double
acos(double x)
{
	long double s = 1.0L - (long double)x * x;

	if (isnan(x))
		return x;
	if (fabs(x) > 1)
		return __libm_error(NAN, EDOM);
	__asm__("fsqrt" : "+t"(s));
	return atan2((double)s, x);
}
