/*
 * strings.c - the functions of <strings.h>: bcopy, bzero, bcmp, index, rindex, ffs,
 * strcasecmp and strncasecmp (tolower() of the C locale).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

void bcopy(const void *src, void *dst, size_t n) { memmove(dst, src, n); }
void bzero(void *s, size_t n) { memset(s, 0, n); }
int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
char *index(const char *s, int c) { return strchr(s, c); }
char *rindex(const char *s, int c) { return strrchr(s, c); }

int
ffs(int i)
{
	unsigned int u = (unsigned int)i;
	int bit = 1;

	if (u == 0)
		return 0;
	for (; !(u & 1); u >>= 1)
		bit++;
	return bit;
}

int
strncasecmp(const char *a, const char *b, size_t n)
{
	int ca, cb;

	for (; n > 0; n--, a++, b++) {
		ca = tolower((unsigned char)*a);
		cb = tolower((unsigned char)*b);
		if (ca != cb || ca == '\0')
			return ca - cb;
	}
	return 0;
}

int
strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}
