/*
 * bench.h - what the benchmark programs of `make bench` share: the time stamp counter, which
 * counts guest instructions under QEMU's -icount shift=0 (tools/bench.py).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdint.h>

/* The time stamp counter now. */
static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif /* BENCH_BENCH_H */
