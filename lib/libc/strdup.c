/*
 * strdup.c - strdup(): a malloc'ed copy of a string (its own file, so that programs using
 * only string.c do not pull in the allocator and its arena).
 */
#include <stdlib.h>
#include <string.h>

char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);

	if (copy != NULL)
		memcpy(copy, s, n);
	return copy;
}
