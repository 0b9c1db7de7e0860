/*
 * memhog - allocate memory until there is no more, and report it.
 *
 * Usage: memhog [KiB-per-step]     (64 by default)
 * Mallocs (and touches) pieces until malloc fails, prints "memhog: ENOMEM after N KiB"
 * (or the errno it got) and exits 0: running out must be an error, not a crash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	size_t step = (size_t)(argc > 1 ? atoi(argv[1]) : 64) * 1024;
	unsigned long total = 0;
	char *p;

	if (step == 0) {
		fprintf(stderr, "usage: memhog [KiB-per-step]\n");
		return 2;
	}
	errno = 0;
	while ((p = malloc(step)) != NULL) {
		memset(p, 0xA5, step);
		total += step / 1024;
	}
	printf("memhog: %s after %lu KiB\n", errno == ENOMEM ? "ENOMEM" : strerror(errno),
	       total);
	return 0;
}
