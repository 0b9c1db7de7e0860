/*
 * spin - a busy loop of a known size, the profiler's test workload (grader/tests/profile.py).
 *
 * Usage: spin [N]      (N: the last argument) runs spin_loop() N times round (default 1000000), prints
 *                      "spin: N rounds, sum S" and exits 0
 * spin_loop() is kept out of line, so its instructions carry its own name in the profile
 * (tools/profile.py): a profile of this program must put spin_loop at the top.
 */
#include <stdio.h>
#include <stdlib.h>

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

	if (n == 0)
		n = 1000000u;

	printf("spin: %u rounds, sum %u\n", n, spin_loop(n));
	return 0;
}
