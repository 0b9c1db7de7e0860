/*
 * xorshift.h - the random numbers of the in-guest fuzzers (sysfuzz, faultinj, and execfuzz
 * and imgfuzz through fuzz.h; handouts/hardening.md, "Campaigns"): xorshift32, whose
 * whole state is the one word rng, so a run is replayed from its seed alone.  The program
 * seeds rng (never with 0); rnd() gives the next word, below(n) a number in [0, n) (0 when
 * n is 0).  A header of static functions, like testprog.h.
 */
#ifndef TESTPROGS_XORSHIFT_H
#define TESTPROGS_XORSHIFT_H

#include <stdint.h>

static uint32_t rng;

static inline uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static inline uint32_t
below(uint32_t n)
{
	return n == 0 ? 0 : rnd() % n;
}

#endif
