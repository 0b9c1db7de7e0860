/*
 * stdio.c - the two console streams, stdout and stderr, and the character output
 * functions.
 *
 * A stream is a buffer in front of __libc_console_write() (sysdeps.c), which for now is the
 * kernel's diagnostics call, so each flush becomes one console write: stdout flushes at
 * each '\n' (whole lines reach the console together, even when several processes print),
 * stderr at the end of every call.  Before anything goes to stderr, stdout is flushed, so
 * the two stay in the order they were written.  Every output call is bracketed by
 * stream_begin() and stream_end().
 */
#include <errno.h>
#include <stdio.h>
#include "libc_private.h"

static struct __stdio_file stdout_file = { .mode = STREAM_LINE_BUFFERED };
static struct __stdio_file stderr_file = { .mode = STREAM_CALL_BUFFERED };

FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static int
flush_stream(FILE *f)
{
	int r = 0;

	if (f->len > 0 && __libc_console_write(f->buf, f->len) != 0) {
		f->error = 1;
		r = EOF;
	}
	f->len = 0;
	return r;
}

int
fflush(FILE *f)
{
	if (f == NULL)
		return (flush_stream(stdout) | flush_stream(stderr)) ? EOF : 0;
	return flush_stream(f);
}

/* Start an output call on f: 0, or -1 (errno EBADF) if f is not a stream. */
static int
stream_begin(FILE *f)
{
	if (f != stdout && f != stderr) {
		errno = EBADF;
		return -1;
	}
	if (f == stderr)
		flush_stream(stdout);
	return 0;
}

/* End an output call: flush a call-buffered stream; EOF if a write failed. */
static int
stream_end(FILE *f)
{
	if (f->mode == STREAM_CALL_BUFFERED)
		flush_stream(f);
	return f->error ? EOF : 0;
}

/* Add one character to f's buffer (the __libc_put_fn of vfprintf). */
static void
stream_put(int c, void *arg)
{
	FILE *f = arg;

	f->buf[f->len++] = (char)c;
	if (f->len == sizeof(f->buf) || (c == '\n' && f->mode == STREAM_LINE_BUFFERED))
		flush_stream(f);
}

int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
	int n;

	if (stream_begin(f) != 0)
		return -1;
	n = __libc_vformat(stream_put, f, fmt, ap);
	return stream_end(f) == 0 ? n : -1;
}

int
fputc(int c, FILE *f)
{
	if (stream_begin(f) != 0)
		return EOF;
	stream_put(c, f);
	return stream_end(f) == 0 ? (unsigned char)c : EOF;
}

int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

int
putchar(int c)
{
	return fputc(c, stdout);
}

int
fputs(const char *s, FILE *f)
{
	if (stream_begin(f) != 0)
		return EOF;
	while (*s != '\0')
		stream_put(*s++, f);
	return stream_end(f);
}

int
puts(const char *s)
{
	if (stream_begin(stdout) != 0)
		return EOF;
	while (*s != '\0')
		stream_put(*s++, stdout);
	stream_put('\n', stdout);
	return stream_end(stdout);
}
