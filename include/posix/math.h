/**
 * @file math.h
 * @brief The math library (lib/libm, linked into every user program): double-precision
 * elementary functions, HUGE_VAL, INFINITY, NAN and the classification macros.
 *
 * Errors follow C99 with math_errhandling == MATH_ERRNO: a domain error (sqrt(-1),
 * log(-1), pow(-2, 0.5)) returns NaN with errno EDOM; a pole error (log(0), pow(0, -1))
 * returns an infinity with errno ERANGE; an overflow returns +-HUGE_VAL with errno ERANGE.
 * The functions are written with x87 instructions (fsqrt, fsin, fpatan, fyl2x, f2xm1) in
 * 80-bit precision and are accurate to about an ulp of double.  Only doubles: the float
 * and long double variants (sinf, sinl, ...) are not implemented.
 */
#ifndef _MATH_H
#define _MATH_H

/** Positive infinity (double): what an overflowing function returns. */
#define HUGE_VAL   (__builtin_huge_val())
/** Positive infinity (float). */
#define INFINITY   (__builtin_inff())
/** A quiet NaN (float). */
#define NAN        (__builtin_nanf(""))
/** Errors are reported through errno. */
#define MATH_ERRNO 1
/** How libm reports errors. */
#define math_errhandling MATH_ERRNO

/** fpclassify(): a NaN. */
#define FP_NAN       0
/** fpclassify(): an infinity. */
#define FP_INFINITE  1
/** fpclassify(): a zero. */
#define FP_ZERO      2
/** fpclassify(): a subnormal number. */
#define FP_SUBNORMAL 3
/** fpclassify(): a normal number. */
#define FP_NORMAL    4

/** Is @p x a NaN? */
#define isnan(x)     __builtin_isnan(x)
/** Is @p x an infinity? */
#define isinf(x)     __builtin_isinf(x)
/** Is @p x finite? */
#define isfinite(x)  __builtin_isfinite(x)
/** Is @p x normal (not zero, subnormal, infinite or NaN)? */
#define isnormal(x)  __builtin_isnormal(x)
/** Is @p x's sign bit set (also for -0.0 and NaNs)? */
#define signbit(x)   __builtin_signbit(x)
/** The class of @p x: FP_NAN, FP_INFINITE, FP_ZERO, FP_SUBNORMAL or FP_NORMAL. */
#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, \
					   FP_ZERO, (x))

/** e (POSIX XSI constants follow). */
#define M_E        2.7182818284590452354
/** log2(e) */
#define M_LOG2E    1.4426950408889634074
/** log10(e) */
#define M_LOG10E   0.43429448190325182765
/** ln(2) */
#define M_LN2      0.69314718055994530942
/** ln(10) */
#define M_LN10     2.30258509299404568402
/** pi */
#define M_PI       3.14159265358979323846
/** pi/2 */
#define M_PI_2     1.57079632679489661923
/** pi/4 */
#define M_PI_4     0.78539816339744830962
/** 1/pi */
#define M_1_PI     0.31830988618379067154
/** 2/pi */
#define M_2_PI     0.63661977236758134308
/** sqrt(2) */
#define M_SQRT2    1.41421356237309504880
/** 1/sqrt(2) */
#define M_SQRT1_2  0.70710678118654752440

/** Square root; NaN and EDOM for @p x < 0. */
double sqrt(double x);
/** @p x to the power @p y (C99 Annex F special cases). */
double pow(double x, double y);
/** e to the @p x; ERANGE on overflow. */
double exp(double x);
/** Natural logarithm; -inf and ERANGE for 0, NaN and EDOM below 0. */
double log(double x);
/** Base-10 logarithm (errors as log). */
double log10(double x);
/** Base-2 logarithm (errors as log). */
double log2(double x);
/** Sine of @p x radians. */
double sin(double x);
/** Cosine of @p x radians. */
double cos(double x);
/** Tangent of @p x radians. */
double tan(double x);
/** Arc tangent, in [-pi/2, pi/2]. */
double atan(double x);
/** Arc tangent of @p y / @p x, using both signs for the quadrant: in [-pi, pi]. */
double atan2(double y, double x);
/** Arc sine, in [-pi/2, pi/2]; NaN and EDOM outside [-1, 1]. */
double asin(double x);
/** Arc cosine, in [0, pi]; NaN and EDOM outside [-1, 1]. */
double acos(double x);
/** Largest integer not above @p x. */
double floor(double x);
/** Smallest integer not below @p x. */
double ceil(double x);
/** @p x rounded to the nearest integer, halfway cases away from zero. */
double round(double x);
/** @p x with its fractional part dropped. */
double trunc(double x);
/** Absolute value. */
double fabs(double x);
/** Remainder of @p x / @p y with the sign of @p x (exact); NaN and EDOM for @p y == 0. */
double fmod(double x, double y);
/** The IEEE remainder x - n*y, n the quotient rounded to nearest (ties to even), exact;
 *  NaN and EDOM for @p y == 0 or infinite @p x. */
double remainder(double x, double y);
/** @p x rounded to an integer in the current rounding mode (fesetround, <fenv.h>); raises
 *  FE_INEXACT if that changed it. */
double rint(double x);
/** rint() without raising FE_INEXACT. */
double nearbyint(double x);
/** Split @p x into its fractional part (returned) and integral part (*@p iptr). */
double modf(double x, double *iptr);
/** Split @p x into a fraction in [0.5, 1) (returned) and a power of 2 (*@p exp). */
double frexp(double x, int *exp);
/** @p x times 2 to the @p exp; ERANGE on overflow. */
double ldexp(double x, int exp);
/** sqrt(x*x + y*y) without undue overflow. */
double hypot(double x, double y);

#endif /* _MATH_H */
