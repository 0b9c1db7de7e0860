/*
 * assert.c - the failure path of assert(): report on stderr, then abort().
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void
__assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "assertion failed: %s, file %s, line %d, function %s\n",
		expr, file, line, func);
	abort();
}
