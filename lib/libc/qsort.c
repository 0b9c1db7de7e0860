/*
 * qsort.c - qsort(): a shell sort over bytes (no recursion, no extra memory; n is small
 * for the programs here, such as ls sorting a directory).
 */
#include <stdlib.h>

/* Swap size bytes at a and b. */
static void
swap_bytes(char *a, char *b, size_t size)
{
	while (size-- > 0) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

void
qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t gap, i, j;

	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++)
			for (j = i; j >= gap && cmp(b + (j - gap) * size, b + j * size) > 0;
			     j -= gap)
				swap_bytes(b + (j - gap) * size, b + j * size, size);
}
