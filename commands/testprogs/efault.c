/*
 * efault - read() into a bad address must fail with EFAULT (not crash anything).
 *
 * Usage: efault [file]      (default /etc/rc)
 * Prints "efault: read: Bad address (EFAULT as expected)" and exits 0, or what happened
 * instead and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* In the unmapped first page (volatile: the compiler must not reason about it). */
static volatile uintptr_t bad_addr = 16;

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/etc/rc";
	void *bad = (void *)bad_addr;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		printf("efault: %s: %s\n", path, strerror(errno));
		return 1;
	}
	n = read(fd, bad, 64);
	close(fd);
	if (n < 0 && errno == EFAULT) {
		printf("efault: read: %s (EFAULT as expected)\n", strerror(errno));
		return 0;
	}
	printf("efault: read returned %d (%s), not EFAULT\n", (int)n,
	       n < 0 ? strerror(errno) : "no error");
	return 1;
}
