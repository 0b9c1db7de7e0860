/*
 * sleep - wait for a number of seconds.
 *
 * Usage: sleep seconds
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 2 || (n = strtol(argv[1], &end, 10)) < 0 || *end != '\0' ||
	    *argv[1] == '\0') {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	while (n > 0)
		n = (long)sleep((unsigned)n);   /* the rest, if a signal came */
	return 0;
}
