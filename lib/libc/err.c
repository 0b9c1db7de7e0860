/*
 * err.c - BSD's err(), errx(), warn(), warnx() and their va_list forms: "prog: message"
 * (": strerror(errno)" for err and warn) and a newline on stderr, as one write; err and
 * errx then exit.  "prog" is the last component of argv[0] (crt0.S keeps argv).
 */
#include <errno.h>
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libc_private.h"

/* The message, with the errno text if with_errno (err saved before anything printed). */
static void
message(const char *fmt, va_list ap, int with_errno, int saved)
{
	const char *prog = __libc_argv != NULL && __libc_argv[0] != NULL ? __libc_argv[0] : "";
	const char *slash = strrchr(prog, '/');
	char text[512];
	int n;

	n = snprintf(text, sizeof(text), "%s: ", slash != NULL ? slash + 1 : prog);
	if (fmt != NULL && n < (int)sizeof(text))
		n += vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	if (with_errno && n < (int)sizeof(text))
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%s%s", fmt != NULL ? ": " : "",
			      strerror(saved));
	fprintf(stderr, "%s\n", text);
}

void vwarn(const char *fmt, va_list ap) { message(fmt, ap, 1, errno); }
void vwarnx(const char *fmt, va_list ap) { message(fmt, ap, 0, 0); }

void
verr(int status, const char *fmt, va_list ap)
{
	vwarn(fmt, ap);
	exit(status);
}

void
verrx(int status, const char *fmt, va_list ap)
{
	vwarnx(fmt, ap);
	exit(status);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

void
errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
