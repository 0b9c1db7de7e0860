/*
 * sleep.c - sleep, usleep and nanosleep: a select() on no descriptors with a timeout, so
 * VFS's timer does the waiting (and a signal ends it early with EINTR).
 */
#include <errno.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/time.h>

/* Wait for tv; 0, or -1 with errno. */
static int
wait_for(struct timeval *tv)
{
	return select(0, NULL, NULL, NULL, tv) < 0 ? -1 : 0;
}

unsigned int
sleep(unsigned int seconds)
{
	struct timeval tv = { (time_t)seconds, 0 };

	return wait_for(&tv) == 0 ? 0 : seconds;
}

int
usleep(unsigned int usec)
{
	struct timeval tv = { (time_t)(usec / 1000000), (int32_t)(usec % 1000000) };

	return wait_for(&tv);
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct timeval tv;

	if (req == NULL || req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L) {
		errno = EINVAL;
		return -1;
	}
	tv.tv_sec = req->tv_sec;
	tv.tv_usec = (int32_t)((req->tv_nsec + 999) / 1000);
	if (wait_for(&tv) == 0)
		return 0;
	if (rem != NULL) {
		rem->tv_sec = 0;
		rem->tv_nsec = 0;
	}
	return -1;
}
