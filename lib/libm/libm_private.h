/*
 * libm_private.h - what libm's files share: the bits of a double and errno reporting.
 */
#ifndef LIBM_PRIVATE_H
#define LIBM_PRIVATE_H

#include <stdint.h>

/* The IEEE 754 bits of a double. */
static inline uint64_t
__libm_bits(double x)
{
	union { double d; uint64_t u; } v = { .d = x };
	return v.u;
}

static inline double
__libm_from_bits(uint64_t u)
{
	union { double d; uint64_t u; } v = { .u = u };
	return v.d;
}

/* Return @p r after setting errno to @p err (EDOM, ERANGE). */
double __libm_error(double r, int err);

#endif /* LIBM_PRIVATE_H */
