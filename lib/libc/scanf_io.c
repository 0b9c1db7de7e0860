/*
 * scanf_io.c - the scanf family over its two sources: a stream (scanf, fscanf, vscanf,
 * vfscanf: fgetc and ungetc) and a string (sscanf, vsscanf: its NUL is the end of input).
 * The engine is scanf.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include "scan.h"

static int
stream_get(void *arg)
{
	return fgetc(arg);
}

static void
stream_unget(int c, void *arg)
{
	ungetc(c, arg);
}

/* The string source: arg points at a const char * that moves on. */
static int
string_get(void *arg)
{
	const char **s = arg;

	if (**s == '\0')
		return -1;
	return (unsigned char)*(*s)++;
}

static void
string_unget(int c, void *arg)
{
	const char **s = arg;

	(void)c;
	(*s)--;
}

int
vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct scan_src src = { stream_get, stream_unget, f, 0, 0 };

	return __libc_vscan(&src, fmt, ap);
}

int
vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct scan_src src = { string_get, string_unget, &s, 0, 0 };

	return __libc_vscan(&src, fmt, ap);
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int
fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int
scanf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}

int
sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
