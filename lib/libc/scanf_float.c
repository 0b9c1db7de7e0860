/*
 * scanf_float.c - the scanf engine's floating-point conversions (%a %e %f %g), its hook
 * __libc_scan_float (scan.h).
 *
 * Not implemented: floating point (user programs are built with -mgeneral-regs-only);
 * every floating-point conversion is a matching failure and nothing is read.  This
 * function is the engine's only floating-point dependency: reading the number (strtod's
 * rules) and storing it by `len` belongs here and nowhere else.
 */
#include <stddef.h>
#include "scan.h"

int
__libc_scan_float(struct scan_src *src, int width, enum scan_len len, void *dest)
{
	(void)src;
	(void)width;
	(void)len;
	(void)dest;
	return 0;
}
