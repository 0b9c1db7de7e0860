/*
 * strtod.c - strtod, strtof, strtold, atof: decimal and hexadecimal floats from text.
 *
 * A decimal number's first MAX_DIGITS significant digits are kept.  Its first 19 digits
 * times 10^E, computed in the x87's 80-bit precision and rounded to double, are within an
 * ulp of the answer; strtod_exact.c then compares the exact decimal value with the halfway
 * points next to that double (big integers) and moves it by one if needed, so the result
 * is correctly rounded (ties to even).  Not implemented: that check for results that
 * overflow or underflow to zero (the 80-bit answer stands), and digits past MAX_DIGITS
 * count only as "something nonzero below".  A hexadecimal float's first 16 digits are
 * exact in 80 bits, so it is rounded once, correctly (later digits are dropped).
 * Compiled with floating point (lib/Makefile.inc: LIBC_FP_SRCS).
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include "libc_private.h"

#define MAX_EXP10 6000  /* beyond any double, and within 80 bits' range for 10^E * M */
#define MAX_DIGITS 800  /* significant digits kept exactly (more only set "sticky") */

/* x * 2^n in 80 bits (FSCALE). */
static long double
scale2(long double x, int n)
{
	long double r, e = n;

	__asm__("fscale" : "=t"(r) : "0"(x), "u"(e));
	return r;
}

/* 10^n in 80 bits, by squaring (exact up to 10^27). */
static long double
pow10_80(int n)
{
	long double r = 1.0L, p = 10.0L;

	for (; n > 0; n >>= 1, p *= p)
		if (n & 1)
			r *= p;
	return r;
}

static int
match_word(const char **sp, const char *word)
{
	const char *s = *sp;

	for (; *word != '\0'; s++, word++)
		if (tolower((unsigned char)*s) != *word)
			return 0;
	*sp = s;
	return 1;
}

/* The exponent part after 'e' or 'p' (if it is well-formed; else the letter is not part of
 * the number).  Saturates far past any double. */
static int
parse_exp(const char **sp)
{
	const char *s = *sp + 1;
	int neg = 0, e = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (!isdigit((unsigned char)*s))
		return 0;
	for (; isdigit((unsigned char)*s); s++)
		if (e < 100000)
			e = e * 10 + (*s - '0');
	*sp = s;
	return neg ? -e : e;
}

/* Hexadecimal digits after "0x": the value, or -1 in *ok if there are none. */
static long double
parse_hex(const char **sp, int *ok)
{
	const char *s = *sp;
	uint64_t m = 0;
	int e = 0, any = 0, dot = 0, d;

	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isxdigit((unsigned char)*s))
			break;
		d = isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10;
		any = 1;
		if (m >> 60)
			e += dot ? 0 : 4;       /* digits past 64 bits: only the magnitude counts */
		else
			m = m * 16 + (uint64_t)d, e -= dot ? 4 : 0;
	}
	*ok = any;
	if (!any)
		return 0;
	if (*s == 'p' || *s == 'P')
		e += parse_exp(&s);
	*sp = s;
	if (e > MAX_EXP10)
		e = MAX_EXP10;
	if (e < -MAX_EXP10)
		e = -MAX_EXP10;
	return scale2((long double)m, e);
}

/* A decimal number as parse_dec() reads it: the value is dg[0..nd) * 10^e (digits with
 * leading zeros dropped), plus something below the last digit if sticky. */
struct decimal {
	char dg[MAX_DIGITS];
	int nd;
	int e;
	int sticky;
};

static struct decimal dec;      /* 800 bytes: off the stack (one thread per process) */

/* Read the digits, point and exponent at *sp into dec: 0 if there are no digits. */
static int
read_decimal(const char **sp)
{
	const char *s = *sp;
	int any = 0, dot = 0;

	dec.nd = dec.e = dec.sticky = 0;
	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = 1;
		if (dec.nd == 0 && *s == '0') {
			dec.e -= dot;           /* a leading zero */
		} else if (dec.nd < MAX_DIGITS) {
			dec.dg[dec.nd++] = (char)(*s - '0');
			dec.e -= dot;
		} else {
			dec.sticky |= *s != '0';
			dec.e += !dot;          /* a dropped digit left of the point */
		}
	}
	if (!any)
		return 0;
	if (*s == 'e' || *s == 'E')
		dec.e += parse_exp(&s);
	*sp = s;
	return 1;
}

/* The first 19 digits times 10^e, in 80 bits: within an ulp or so of the double. */
static long double
approximate(void)
{
	uint64_t m = 0;
	int n = dec.nd < 19 ? dec.nd : 19, e = dec.e + (dec.nd - n);

	for (int i = 0; i < n; i++)
		m = m * 10 + (uint64_t)dec.dg[i];
	if (e > MAX_EXP10)
		e = MAX_EXP10;
	if (e < -MAX_EXP10)
		e = -MAX_EXP10;
	return e >= 0 ? (long double)m * pow10_80(e) : (long double)m / pow10_80(-e);
}

/* Decimal digits: the value, correctly rounded (strtod_exact.c), or *ok = 0 if there are
 * none. */
static long double
parse_dec(const char **sp, int *ok)
{
	long double a;
	double d;

	*ok = read_decimal(sp);
	if (!*ok || dec.nd == 0)
		return 0;
	a = approximate();
	d = (double)a;
	if (d == 0 || d - d != 0)
		return a;               /* underflow or overflow: strtod says ERANGE */
	return __libc_strtod_correct(d, dec.dg, dec.nd, dec.e, dec.sticky);
}

/* The number at s (after its sign): *ok = 0 if there is none. */
static long double
parse_number(const char **sp, int *ok)
{
	const char *s = *sp;

	*ok = 1;
	if (match_word(sp, "inf")) {
		match_word(sp, "inity");
		return __builtin_infl();
	}
	if (match_word(sp, "nan")) {
		const char *q = *sp;

		if (*q == '(') {                /* nan(n-char-sequence) */
			for (q++; isalnum((unsigned char)*q) || *q == '_'; q++)
				;
			if (*q == ')')
				*sp = q + 1;
		}
		return __builtin_nanl("");
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		long double v;

		*sp = s + 2;
		v = parse_hex(sp, ok);
		if (*ok)
			return v;
		*sp = s + 1;                    /* just "0", followed by an 'x' */
		*ok = 1;
		return 0;
	}
	return parse_dec(sp, ok);
}

long double
strtold(const char *str, char **end)
{
	const char *s = str;
	int neg = 0, ok;
	long double v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	v = parse_number(&s, &ok);
	if (end != NULL)
		*end = (char *)(ok ? s : str);
	if (!ok)
		return 0;
	return neg ? -v : v;
}

double
strtod(const char *str, char **end)
{
	long double v = strtold(str, end);
	double d = (double)v;

	if ((d - d != 0 && v - v == 0) || (d == 0 && v != 0))
		errno = ERANGE;         /* overflow to an infinity, or underflow to zero */
	return d;
}

float
strtof(const char *str, char **end)
{
	double d = strtod(str, end);
	float f = (float)d;

	if ((f - f != 0 && d - d == 0) || (f == 0 && d != 0))
		errno = ERANGE;
	return f;
}

double
atof(const char *s)
{
	return strtod(s, NULL);
}
