/*
 * strtod_exact.c - the last step of strtod: from a double within an ulp of a decimal
 * number to the correctly rounded one.
 *
 * __libc_strtod_correct() writes the approximation as m * 2^k and compares the decimal
 * value D * 10^e exactly with the halfway points to its neighbours, (2m+1) * 2^(k-1) above
 * and (2m-1) * 2^(k-1) below (a quarter-ulp gap below a power of two): above the upper one
 * it takes the next double up, below the lower one the next down, and on a halfway point
 * the one with an even m.  The comparison is done in big integers (base 2^32): both sides
 * are multiplied by the powers of 5 and 2 that make them integers.
 * Compiled with floating point (lib/Makefile.inc: LIBC_FP_SRCS).
 */
#include <stdint.h>
#include <string.h>
#include "libc_private.h"

#define LIMBS 400               /* 12800 bits: 800 digits times 10^1900, and shifts */

struct bigint {
	uint32_t w[LIMBS];      /* w[0] least significant */
	int n;
};

static struct bigint bx, by;    /* off the stack (one thread per process) */

static void
big_small(struct bigint *b, uint32_t mul, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * mul + carry;

		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry != 0 && b->n < LIMBS)
		b->w[b->n++] = (uint32_t)carry;
}

static void
big_pow5(struct bigint *b, int n)
{
	for (; n >= 13; n -= 13)
		big_small(b, 1220703125u, 0);           /* 5^13 */
	for (; n > 0; n--)
		big_small(b, 5, 0);
}

static void
big_shl(struct bigint *b, int bits)
{
	int words = bits / 32, r = bits % 32;

	if (b->n == 0 || b->n + words + 1 > LIMBS)
		return;
	if (r != 0) {
		b->w[b->n] = 0;
		for (int i = b->n; i > 0; i--)
			b->w[i] = (b->w[i] << r) | (b->w[i - 1] >> (32 - r));
		b->w[0] <<= r;
		b->n++;
	}
	memmove(b->w + words, b->w, (size_t)b->n * 4);
	memset(b->w, 0, (size_t)words * 4);
	b->n += words;
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
}

static int
big_cmp(const struct bigint *a, const struct bigint *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static void
big_set64(struct bigint *b, uint64_t v)
{
	b->n = 0;
	for (; v != 0; v >>= 32)
		b->w[b->n++] = (uint32_t)v;
}

/* The sign of dg * 10^e (+ a little if sticky) minus a * 2^k. */
static int
compare(const char *dg, int nd, int e, int sticky, uint64_t a, int k)
{
	int c;

	bx.n = 0;
	for (int i = 0; i < nd; i++)
		big_small(&bx, 10, (uint32_t)dg[i]);
	if (sticky)
		big_small(&bx, 10, 1), e--;
	big_set64(&by, a);
	if (e >= 0)
		big_pow5(&bx, e);       /* D * 5^e * 2^e  vs  a * 2^k */
	else
		big_pow5(&by, -e);      /* D  vs  a * 5^-e * 2^(k-e) */
	k -= e;
	if (k >= 0)
		big_shl(&by, k);
	else
		big_shl(&bx, -k);
	c = big_cmp(&bx, &by);
	return c;
}

static double
from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

double
__libc_strtod_correct(double approx, const char *dg, int nd, int e, int sticky)
{
	uint64_t u, m;
	int be, k, c;

	memcpy(&u, &approx, sizeof(u));
	be = (int)((u >> 52) & 0x7FF);
	m = u & 0x000FFFFFFFFFFFFFULL;
	if (be != 0)
		m |= 1ULL << 52;
	k = (be != 0 ? be : 1) - 1075;
	c = compare(dg, nd, e, sticky, 2 * m + 1, k - 1);
	if (c > 0 || (c == 0 && (m & 1)))
		return from_bits(u + 1);                /* past the upper halfway point */
	if (c == 0)
		return approx;
	if (m == (1ULL << 52) && be > 1)                /* the gap below is half as wide */
		c = compare(dg, nd, e, sticky, 4 * m - 1, k - 2);
	else
		c = compare(dg, nd, e, sticky, 2 * m - 1, k - 1);
	if (c < 0 || (c == 0 && (m & 1)))
		return from_bits(u - 1);                /* below the lower halfway point */
	return approx;
}
