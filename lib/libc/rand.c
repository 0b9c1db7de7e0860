/*
 * rand.c - pseudo-random numbers: rand/srand and random/srandom share one generator, a
 * 32-bit linear congruential one (the constants of Numerical Recipes) whose upper 31 bits
 * are the result.  The default seed is 1, as C requires; the sequence is the same on
 * every run with the same seed.
 */
#include <stdlib.h>
#include <stdint.h>

static uint32_t state = 1;

long
random(void)
{
	state = state * 1664525u + 1013904223u;
	return (long)(state >> 1);
}

void srandom(unsigned int seed) { state = seed; }
int rand(void) { return (int)random(); }
void srand(unsigned int seed) { srandom(seed); }
