/*
 * inet.c - IPv4 addresses as text (arpa/inet.h): inet_pton, inet_ntop, inet_addr,
 * inet_ntoa.  Only the dotted-decimal form with four parts of 0..255 is taken (no
 * leading zeros, no shorter forms such as "127.1": POSIX's inet_pton); AF_INET6 is
 * EAFNOSUPPORT (not implemented).  tools/tests/test_inet_addr.py checks it on the host.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

/* Parse "a.b.c.d" into the 4 bytes at out (network order): 1, or 0 if malformed. */
static int
parse4(const char *s, uint8_t out[4])
{
	int part, digits;
	unsigned v;

	for (part = 0; part < 4; part++) {
		for (v = 0, digits = 0; *s >= '0' && *s <= '9'; s++, digits++) {
			if (digits > 0 && v == 0)
				return 0;	/* a leading zero */
			v = v * 10 + (unsigned)(*s - '0');
			if (v > 255)
				return 0;
		}
		if (digits == 0 || (part < 3 && *s++ != '.'))
			return 0;
		out[part] = (uint8_t)v;
	}
	return *s == '\0';
}

int
inet_pton(int af, const char *src, void *dst)
{
	uint8_t b[4];

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (!parse4(src, b))
		return 0;
	memcpy(dst, b, 4);
	return 1;
}

const char *
inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	const uint8_t *b = src;
	char tmp[INET_ADDRSTRLEN];
	int n;

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	n = snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	if (n < 0 || (socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, (size_t)n + 1);
	return dst;
}

in_addr_t
inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_pton(AF_INET, cp, &a) == 1 ? a.s_addr : INADDR_NONE;
}

char *
inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in, buf, sizeof(buf));
	return buf;
}
