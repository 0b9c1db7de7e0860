/*
 * harness_check.h - the check() of the host harnesses that print one line per check
 * (inet_harness.c, tcp_harness.c; tools/tests/c_harness.py counts the lines): "ok NAME",
 * or "FAIL NAME: why" with a printf-style reason, counted in failures.
 */
#ifndef HARNESS_CHECK_H
#define HARNESS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures;

static void __attribute__((format(printf, 3, 4)))
check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok %s\n", name);
		return;
	}
	failures++;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#endif /* HARNESS_CHECK_H */
