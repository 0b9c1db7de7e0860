/*
 * asprintf.c - formatting into memory the function allocates: asprintf(), vasprintf(),
 * and dprintf() (formatting straight to a descriptor, through such a string).
 *
 * vasprintf() formats twice: once with vsnprintf(NULL, 0) for the length, once into a
 * malloc'ed buffer of that length.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
vasprintf(char **out, const char *fmt, va_list ap)
{
	va_list aq;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0 || (*out = malloc((size_t)len + 1)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return vsnprintf(*out, (size_t)len + 1, fmt, ap);
}

int
asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}

int
dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -1;
	if (write(fd, s, (size_t)r) != r)
		r = -1;
	free(s);
	return r;
}
