/*
 * fuzz.h - what the in-guest fuzzers share (execfuzz, imgfuzz; handouts/hardening.md,
 * "Campaigns"): the generator every case is made from (xorshift32, seeded by the run's seed
 * and the case number alone, so one case replays by itself), the name of a combination of
 * mutations for the case's line, the watchdog alarm that interrupts a read or a wait which
 * does not come back, and reading the base file a case is made from.  A header of static
 * functions, like testprog.h.
 */
#ifndef TESTPROGS_FUZZ_H
#define TESTPROGS_FUZZ_H

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "xorshift.h"


/* Case i of the run seeded with seed starts here. */
static void
fuzz_seed(uint32_t seed, int i)
{
	rng = (seed ^ (uint32_t)i * 0x9e3779b9u) | 1;
}

/* The kinds a combination applied, "(a+b+c)", for the case's line ("" for a single kind). */
static char combo_names[128];

static void
combo_add(int nth, const char *name)
{
	if (nth == 0)
		combo_names[0] = '\0';
	strcat(combo_names, nth ? "+" : "(");
	strcat(combo_names, name);
}

static void
combo_end(void)
{
	strcat(combo_names, ")");
}

/* The watchdog: SIGALRM sets woke and interrupts the call in progress (no SA_RESTART). */
static volatile sig_atomic_t woke;

static void
on_alarm(int sig)
{
	(void)sig;
	woke = 1;
}

static void
watchdog_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
}

/* Read the file path whole into buf (max bytes): its size, or -1 (none, or too big). */
static long
read_base(const char *path, unsigned char *buf, size_t max)
{
	int fd = open(path, O_RDONLY);
	ssize_t got;

	if (fd < 0)
		return -1;
	got = read(fd, buf, max);
	close(fd);
	return got <= 0 || (size_t)got == max ? -1 : (long)got;
}

#endif
