/*
 * string_posix.c - the POSIX and BSD additions to <string.h>: memccpy, stpcpy, stpncpy,
 * strndup, strsep, and strcoll/strxfrm of the one locale ("C": byte order).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void *
memccpy(void *dst, const void *src, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n > 0; n--) {
		*d = *s++;
		if (*d++ == (unsigned char)c)
			return d;
	}
	return NULL;
}

char *
stpcpy(char *dst, const char *src)
{
	size_t n = strlen(src);

	memcpy(dst, src, n + 1);
	return dst + n;
}

char *
stpncpy(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n);

	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst + len;
}

char *
strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = malloc(len + 1);

	if (p == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
strsep(char **sp, const char *delim)
{
	char *s = *sp, *end;

	if (s == NULL)
		return NULL;
	end = s + strcspn(s, delim);
	if (*end == '\0') {
		*sp = NULL;
	} else {
		*end = '\0';
		*sp = end + 1;
	}
	return s;
}

int strcoll(const char *a, const char *b) { return strcmp(a, b); }

size_t
strxfrm(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n > 0)
		strlcpy(dst, src, n);
	return len;
}
