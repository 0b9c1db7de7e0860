/*
 * spin - a busy loop of a known size, the profiler's test workload (grader/tests/profile.py).
 *
 * Usage: spin [N]      (N: the last argument) runs spin_loop() N times round (default
 *                      1000000), prints "spin: N rounds, sum S, T ticks" and exits 0
 * spin_loop() is kept out of line, so its instructions carry its own name in the profile
 * (tools/profile.py): a profile of this program must put spin_loop at the top.  T is the
 * time-stamp counter's advance over the call: under QEMU's -icount shift=0 the instructions
 * it ran, the figure the profile's count of spin_loop must match.
 */
#include <stdio.h>
#include <stdlib.h>
#include "../bench/bench.h"

/* The loop: N rounds of a little arithmetic the compiler cannot fold away. */
__attribute__((noinline)) static unsigned
spin_loop(unsigned n)
{
	volatile unsigned sum = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		sum += i ^ (sum >> 3);
	return sum;
}

int
main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[argc - 1], NULL, 0) : 0;
	unsigned sum;
	uint64_t t0, t;

	if (n == 0)
		n = 1000000u;
	t0 = rdtsc();
	sum = spin_loop(n);
	t = rdtsc() - t0;
	printf("spin: %u rounds, sum %u, %llu ticks\n", n, sum, (unsigned long long)t);
	return 0;
}
