/*
 * format_float.c - printf's floating-point conversions: %f %F %e %E %g %G (and %a %A).
 *
 * __libc_format_float() turns a double into text exactly: the double is m * 2^e with an
 * integer m < 2^53, so its decimal expansion is finite, and a small big-number routine
 * (base 10^9 limbs) computes all of its digits: m * 2^e for e >= 0, or m * 5^-e with -e
 * digits after the point for e < 0.  The digits are then rounded half-to-even at the
 * precision the conversion asks for (the exact value decides, as C99 requires of a
 * correctly rounded printf), and laid out as [-]ddd.ddd, [-]d.ddde+-dd, or %g's choice of
 * the two without trailing zeros.  Infinities and NaNs print as inf/nan (INF/NAN).
 * format.c calls this for the conversion and does the width and padding.
 * Not implemented: precisions above FMT_MAX_PREC (clamped), long double's extra precision
 * (%Lf converts to double first).
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include "libc_private.h"

#define LIMBS 90                /* 10^810 > 2^53 * 5^1074 and 2^1024 */
#define LIMB_RADIX 1000000000u
#define MAXDIG (LIMBS * 9)

/* A big natural number: lim[0] is the least significant base-10^9 limb. */
struct big {
	uint32_t lim[LIMBS];
	int n;
};

static void
big_mul(struct big *b, uint32_t k)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->lim[i] * k + carry;

		b->lim[i] = (uint32_t)(t % LIMB_RADIX);
		carry = t / LIMB_RADIX;
	}
	while (carry != 0 && b->n < LIMBS) {
		b->lim[b->n++] = (uint32_t)(carry % LIMB_RADIX);
		carry /= LIMB_RADIX;
	}
}

/* b = m * 2^e (e >= 0) or m * 5^-e (e < 0). */
static void
big_set(struct big *b, uint64_t m, int e)
{
	b->n = 0;
	for (; m != 0; m /= LIMB_RADIX)
		b->lim[b->n++] = (uint32_t)(m % LIMB_RADIX);
	for (; e >= 29; e -= 29)
		big_mul(b, 1u << 29);
	if (e > 0)
		big_mul(b, 1u << e);
	for (; e <= -13; e += 13)
		big_mul(b, 1220703125u);        /* 5^13 */
	for (; e < 0; e++)
		big_mul(b, 5);
}

/* The decimal digits of b into d (no leading zeros; "0" for zero); returns how many. */
static int
big_digits(const struct big *b, char *d)
{
	int len = 0;

	if (b->n == 0) {
		d[0] = '0';
		return 1;
	}
	for (int i = b->n - 1; i >= 0; i--) {
		uint32_t v = b->lim[i];
		char tmp[9];

		for (int k = 8; k >= 0; k--, v /= 10)
			tmp[k] = (char)('0' + v % 10);
		for (int k = 0; k < 9; k++)
			if (len > 0 || tmp[k] != '0' || (i == 0 && k == 8))
				d[len++] = tmp[k];
	}
	return len;
}

/* A decimal number: digits d[0..nd) with the point after position pt (pt may be <= 0
 * or > nd: zeros are implied). */
struct dec {
	char d[MAXDIG + 2];
	int nd;
	int pt;
};

static void
dec_from_double(struct dec *x, double v)
{
	union { double d; uint64_t u; } bits = { .d = v };
	int be = (int)((bits.u >> 52) & 0x7FF);
	uint64_t m = bits.u & 0x000FFFFFFFFFFFFFULL;
	struct big b;

	if (be != 0)
		m |= 1ULL << 52;
	else
		be = 1;
	be -= 1075;
	big_set(&b, m, be);
	x->nd = big_digits(&b, x->d);
	x->pt = x->nd - (be < 0 ? -be : 0);
	if (m == 0)
		x->pt = 1;
	while (x->nd > 1 && x->d[x->nd - 1] == '0')     /* trailing zeros say nothing */
		x->nd--;
}

/* Keep the first n digits (n may be <= 0), rounding half to even on the exact rest. */
static void
dec_round(struct dec *x, int n)
{
	int up;

	if (n >= x->nd)
		return;
	if (n < 0) {                    /* below a tenth of the last place kept: zero */
		x->d[0] = '0', x->nd = 1, x->pt = 1;
		return;
	}
	if (x->d[n] > '5')
		up = 1;
	else if (x->d[n] < '5')
		up = 0;
	else if (n + 1 < x->nd)
		up = 1;                         /* above the half: something nonzero follows */
	else
		up = n > 0 && ((x->d[n - 1] - '0') & 1);     /* exactly half: to even */
	x->nd = n;
	if (up) {
		int i = n - 1;

		for (; i >= 0 && x->d[i] == '9'; i--)
			x->d[i] = '0';
		if (i >= 0) {
			x->d[i]++;
		} else {                        /* 99.9 -> 100 */
			memmove(x->d + 1, x->d, (size_t)n);
			x->d[0] = '1';
			x->nd = n + 1;
			x->pt++;
		}
	}
	if (x->nd == 0)
		x->d[0] = '0', x->nd = 1, x->pt = 1;
}

/* Digit i of x (0 past the stored ones). */
static char
dec_at(const struct dec *x, int i)
{
	return i >= 0 && i < x->nd ? x->d[i] : '0';
}

static int
is_zero(const struct dec *x)
{
	return x->nd == 1 && x->d[0] == '0';
}

/* Put c at *o if there is room (the buffer's size is checked by the caller's bound). */
#define PUT(c) do { if (o < end) *o++ = (c); } while (0)

/* %f: prec digits after the point. */
static char *
emit_fixed(char *o, char *end, struct dec *x, int prec, int alt)
{
	dec_round(x, x->pt + prec);
	if (x->pt <= 0)
		PUT('0');
	for (int i = 0; i < x->pt; i++)
		PUT(dec_at(x, i));
	if (prec > 0 || alt)
		PUT('.');
	for (int i = 0; i < prec; i++)
		PUT(dec_at(x, x->pt + i));
	return o;
}

/* %e: one digit, the point, prec digits, the exponent. */
static char *
emit_exp(char *o, char *end, struct dec *x, int prec, int alt, int upper)
{
	int e;
	char eb[8];
	int n = 0;

	dec_round(x, prec + 1);
	e = is_zero(x) ? 0 : x->pt - 1;
	PUT(x->d[0]);
	if (prec > 0 || alt)
		PUT('.');
	for (int i = 1; i <= prec; i++)
		PUT(dec_at(x, i));
	PUT(upper ? 'E' : 'e');
	PUT(e < 0 ? '-' : '+');
	if (e < 0)
		e = -e;
	do {
		eb[n++] = (char)('0' + e % 10);
		e /= 10;
	} while (e != 0);
	if (n < 2)
		eb[n++] = '0';
	while (n > 0)
		PUT(eb[--n]);
	return o;
}

/* Drop the trailing zeros of the fraction in [start, o) (and the point if nothing is left),
 * leaving the exponent that may follow. */
static char *
strip_zeros(char *start, char *o)
{
	char *dot = memchr(start, '.', (size_t)(o - start));
	char *ex, *q;
	size_t exlen;

	if (dot == NULL)
		return o;
	for (ex = dot; ex < o && *ex != 'e' && *ex != 'E'; ex++)
		;
	exlen = (size_t)(o - ex);
	for (q = ex; q > dot + 1 && q[-1] == '0'; q--)
		;
	if (q == dot + 1)
		q = dot;
	memmove(q, ex, exlen);
	return q + exlen;
}

/* %g: %e or %f by the exponent after rounding to prec significant digits. */
static char *
emit_general(char *o, char *end, struct dec *x, int prec, int alt, int upper)
{
	char *start = o;
	int e;

	if (prec == 0)
		prec = 1;
	dec_round(x, prec);
	e = is_zero(x) ? 0 : x->pt - 1;
	if (e < prec && e >= -4)
		o = emit_fixed(o, end, x, prec - 1 - e, alt);
	else
		o = emit_exp(o, end, x, prec - 1, alt, upper);
	return alt ? o : strip_zeros(start, o);
}

/* %a: 0x1.hhhhp+-d, the 13 hex digits of the fraction (trailing zeros dropped) or prec of
 * them (rounded half to even). */
static char *
emit_hex(char *o, char *end, double v, int prec, int alt, int upper)
{
	union { double d; uint64_t u; } bits = { .d = v };
	const char *hx = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int be = (int)((bits.u >> 52) & 0x7FF), lead = 1, n = 13, e;
	uint64_t f = bits.u & 0x000FFFFFFFFFFFFFULL;
	char eb[8];
	int k = 0;

	if (be == 0)
		lead = 0, be = f != 0 ? 1 : 1023;      /* subnormal: 0x0.xxxp-1022; zero: p+0 */
	e = be - 1023;
	if (prec >= 0 && prec < 13) {
		int drop = 4 * (13 - prec);
		uint64_t half = 1ULL << (drop - 1), rest = f & ((1ULL << drop) - 1);

		f >>= drop;
		if (rest > half || (rest == half && (f & 1)))
			f++;
		if (f >> (4 * prec))            /* carried into the leading digit */
			lead++, f &= (1ULL << (4 * prec)) - 1;
		n = prec;
	} else if (prec < 0) {
		for (; n > 0 && (f & 0xF) == 0; n--)
			f >>= 4;
	}
	PUT('0');
	PUT(upper ? 'X' : 'x');
	PUT(hx[lead]);
	if (n > 0 || alt)
		PUT('.');
	for (int i = n - 1; i >= 0; i--)
		PUT(i < 13 ? hx[(f >> (4 * i)) & 0xF] : '0');
	for (int i = 13; i < prec; i++)
		PUT('0');
	PUT(upper ? 'P' : 'p');
	PUT(e < 0 ? '-' : '+');
	if (e < 0)
		e = -e;
	do {
		eb[k++] = (char)('0' + e % 10);
		e /= 10;
	} while (e != 0);
	while (k > 0)
		PUT(eb[--k]);
	return o;
}

static char *
emit_special(char *o, char *end, double v, int upper)
{
	const char *s = v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");

	while (*s != '\0')
		PUT(*s++);
	return o;
}

int
__libc_format_float(char *buf, size_t size, struct __libc_float_spec *fs, va_list *ap)
{
	double v = fs->long_double ? (double)va_arg(*ap, long double) : va_arg(*ap, double);
	char *o = buf, *end = buf + size;
	int upper = fs->conv >= 'A' && fs->conv <= 'Z', conv = fs->conv | 0x20;
	int prec = fs->prec;
	union { double d; uint64_t u; } bits = { .d = v };
	static struct dec x;    /* 800 bytes: off the stack (one thread per process) */

	fs->sign = (bits.u >> 63) ? '-' : fs->plus ? '+' : fs->space ? ' ' : 0;
	if (bits.u >> 63)
		v = -v;
	fs->special = v != v || v - v != 0;
	if (fs->special)
		return (int)(emit_special(o, end, v, upper) - buf);
	if (prec > FMT_MAX_PREC)
		prec = FMT_MAX_PREC;
	if (conv == 'a')
		return (int)(emit_hex(o, end, v, prec, fs->alt, upper) - buf);
	if (prec < 0)
		prec = 6;
	dec_from_double(&x, v);
	if (conv == 'f')
		o = emit_fixed(o, end, &x, prec, fs->alt);
	else if (conv == 'e')
		o = emit_exp(o, end, &x, prec, fs->alt, upper);
	else
		o = emit_general(o, end, &x, prec, fs->alt, upper);
	return (int)(o - buf);
}
