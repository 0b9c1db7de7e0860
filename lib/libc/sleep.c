/*
 * sleep.c - sleep, usleep and nanosleep: a select() on no descriptors with a timeout, so
 * VFS's timer does the waiting (and a signal ends it early with EINTR).
 *
 * nanosleep() reads the monotonic clock (ticks since boot, times.c) before and after the
 * wait; when a signal ends it early, the time not slept goes to *rem, and sleep() returns
 * the seconds not slept (rounded up).  The resolution is one clock tick.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/time.h>

/* Nanoseconds from a to b. */
static long long
ns_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - (long long)a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct timespec start, end;
	struct timeval tv;
	long long left;
	int have_start;

	if (req == NULL || req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L) {
		errno = EINVAL;
		return -1;
	}
	tv.tv_sec = req->tv_sec;
	tv.tv_usec = (suseconds_t)((req->tv_nsec + 999) / 1000);
	if (tv.tv_usec == 1000000)      /* rounded up to a whole second */
		tv.tv_sec++, tv.tv_usec = 0;
	have_start = clock_gettime(CLOCK_MONOTONIC, &start) == 0;
	if (select(0, NULL, NULL, NULL, &tv) >= 0)
		return 0;
	if (errno == EINTR && rem != NULL) {
		left = req->tv_sec * 1000000000LL + req->tv_nsec;
		if (have_start && clock_gettime(CLOCK_MONOTONIC, &end) == 0)
			left -= ns_between(&start, &end);
		if (left < 0)
			left = 0;
		rem->tv_sec = (time_t)(left / 1000000000LL);
		rem->tv_nsec = (long)(left % 1000000000LL);
		errno = EINTR;
	}
	return -1;
}

unsigned int
sleep(unsigned int seconds)
{
	struct timespec req = { (time_t)seconds, 0 }, rem;

	if (nanosleep(&req, &rem) == 0 || errno != EINTR)
		return 0;
	return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
}

int
usleep(useconds_t usec)
{
	struct timespec req = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };

	return nanosleep(&req, NULL);
}
