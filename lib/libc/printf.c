/*
 * printf.c - printf, vprintf, fprintf (streams: stdio.c) and snprintf, vsnprintf
 * (buffers); all of them are __libc_vformat() (format.c) with a different destination.
 */
#include <stdio.h>
#include "libc_private.h"

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int
vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int
fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

/* A bounded buffer being filled by vsnprintf. */
struct strbuf {
	char *buf;
	size_t size;
	size_t pos;             /* characters produced so far (may pass size) */
};

static void
strbuf_put(int c, void *arg)
{
	struct strbuf *sb = arg;

	if (sb->pos + 1 < sb->size)
		sb->buf[sb->pos] = (char)c;
	sb->pos++;
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct strbuf sb = { buf, size, 0 };
	int n = __libc_vformat(strbuf_put, &sb, fmt, ap);

	if (size > 0)
		buf[sb.pos < size ? sb.pos : size - 1] = '\0';
	return n;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* An unbounded buffer: the caller promises it is large enough. */
static void
unbounded_put(int c, void *arg)
{
	char **p = arg;

	*(*p)++ = (char)c;
}

int
vsprintf(char *buf, const char *fmt, va_list ap)
{
	char *p = buf;
	int n = __libc_vformat(unbounded_put, &p, fmt, ap);

	*p = '\0';
	return n;
}

int
sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
