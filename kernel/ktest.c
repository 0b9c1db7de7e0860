/*
 * ktest.c - kernel self-tests selected with the boot parameter ktest=<name>.
 *
 * They run after "boot: done" and exist so the grader can prove, in a booted kernel, what
 * cannot be seen from outside: that a kernel page fault is reported with the right CR2, that
 * the low identity mapping is really gone, that panic() names its function.
 *   ktest=pagefault   read the unmapped address 0xdead0000
 *   ktest=lowmem      read physical-and-virtual 0x00100000 (mapped only during boot)
 *   ktest=panic       call panic() directly
 *   ktest=divide      divide by zero
 *   ktest=kmess       print what the diagnostics buffer holds
 *   ktest=bench       print "bench: <name> <count>" lines for tools/bench.py: the cost of
 *                     kernel operations in TSC ticks, i.e. guest instructions under -icount
 *   ktest=timer       count KTEST_TIMER_TICKS clock ticks against the TSC and print
 *                     "ktest: timer <n> ticks at <hz> Hz took <cycles> TSC cycles"; under
 *                     QEMU's -icount shift=0 the TSC counts virtual nanoseconds, so a PIT
 *                     programmed at the wrong rate shows as the wrong number of cycles
 */
#include "kernel.h"
#include "arch/i386/include/x86.h"

#define KTEST_FAULT_ADDR 0xdead0000u
#define KTEST_LOW_ADDR   0x00100000u

static volatile uint32_t ktest_sink;

static void
ktest_pagefault(void)
{
	ktest_sink = *(volatile uint32_t *)KTEST_FAULT_ADDR;
}

static void
ktest_lowmem(void)
{
	ktest_sink = *(volatile uint32_t *)KTEST_LOW_ADDR;
}

static void
ktest_panic(void)
{
	panic("deliberate panic (ktest=panic)");
}

static void
ktest_divide(void)
{
	uint32_t eax = 1, edx = 0, zero = 0;

	/* in assembly: the compiler may legally fold a C division by zero away */
	__asm__ volatile("divl %2" : "+a"(eax), "+d"(edx) : "r"(zero));
	ktest_sink = eax;
}

static void
ktest_kmess(void)
{
	char first[80];
	size_t n = kmess_read(first, sizeof(first) - 1), i;

	for (i = 0; i < n && first[i] != '\n'; i++)
		;
	first[i] = '\0';
	kprintf("kmess: %u bytes buffered, first line: %s\n", kmess.km_size, first);
}

#define BENCH_COPY_BYTES (64 * 1024)
#define BENCH_ROUNDS 16

static char bench_src[BENCH_COPY_BYTES], bench_dst[BENCH_COPY_BYTES];

/* Cost of one call of op, the cheapest of BENCH_ROUNDS runs (interrupts can only add). */
static uint64_t
bench_min(void (*op)(void))
{
	uint64_t best = ~0ull;

	for (int i = 0; i < BENCH_ROUNDS; i++) {
		uint64_t t0 = rdtsc();
		op();
		uint64_t t = rdtsc() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

static void
bench_memcpy(void)
{
	memcpy(bench_dst, bench_src, sizeof(bench_dst));
}

static void
bench_snprintf(void)
{
	char line[80];

	ksnprintf(line, sizeof(line), "boot module %u: %s at 0x%08x, %u bytes", 3u,
		  "/boot/mod/vm", 0x00114000u, 65536u);
}

static void
ktest_bench(void)
{
	kprintf("bench: kernel_memcpy_64k %llu\n", bench_min(bench_memcpy));
	kprintf("bench: kernel_snprintf_line %llu\n", bench_min(bench_snprintf));
}

#define KTEST_TIMER_TICKS 50

/* Sleep until clock_ticks passes `after`; interrupts are off on entry and on return. */
static void
ktest_wait_tick(uint32_t after)
{
	while (clock_ticks <= after) {
		intr_enable_and_halt();		/* no window for the tick to slip in unseen */
		intr_disable();
	}
}

static void
ktest_timer(void)
{
	uint32_t start;
	uint64_t t0;

	ktest_wait_tick(clock_ticks);	/* start right after a tick */
	start = clock_ticks;
	t0 = rdtsc();
	ktest_wait_tick(start + KTEST_TIMER_TICKS - 1);
	kprintf("ktest: timer %u ticks at %u Hz took %llu TSC cycles\n", clock_ticks - start,
		clock_hz, rdtsc() - t0);
}

static const struct {
	const char *name;
	void (*run)(void);
} ktests[] = {
	{ "pagefault", ktest_pagefault },
	{ "lowmem", ktest_lowmem },
	{ "panic", ktest_panic },
	{ "divide", ktest_divide },
	{ "kmess", ktest_kmess },
	{ "bench", ktest_bench },
	{ "timer", ktest_timer },
};

void
ktest_run(void)
{
	char name[32];
	size_t i;

	if (bootparam_get("ktest", name, sizeof(name)) == NULL)
		return;
	for (i = 0; i < sizeof(ktests) / sizeof(ktests[0]); i++) {
		if (strcmp(name, ktests[i].name) == 0) {
			kprintf("ktest: running %s\n", name);
			ktests[i].run();
			kprintf("ktest: %s returned\n", name);
			return;
		}
	}
	kprintf("ktest: unknown test '%s' (known: pagefault lowmem panic divide kmess bench "
		"timer)\n", name);
}
