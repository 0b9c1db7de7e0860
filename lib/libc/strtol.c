/*
 * strtol.c - numbers from strings: strtol, strtoul, strtoll, strtoull, strtoimax,
 * strtoumax, atoi, atol, atoll, and abs/labs/llabs/imaxabs, div/ldiv/lldiv/imaxdiv.
 *
 * One scanner, scan_number(), reads optional white space, a sign, the base prefix ("0x"
 * for base 16 or 0, "0" for base 0) and the digits, noting overflow of an unsigned long
 * long; each function then applies its own range rules (signed_result, unsigned_result).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdlib.h>

/* What scan_number() found. */
struct scanned {
	unsigned long long value; /* magnitude (ULLONG_MAX on overflow) */
	int negative;           /* a '-' came first */
	int overflow;           /* the magnitude did not fit */
	const char *end;        /* first character not used (the start if no digits) */
};

/* Value of the digit c, or 36 if c is not one. */
static int
digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

/* Skip a "0x" prefix (only if a hex digit follows) and settle base 0. */
static const char *
skip_base_prefix(const char *s, int *base)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]);

	if ((*base == 0 || *base == 16) && hex) {
		*base = 16;
		return s + 2;
	}
	if (*base == 0)
		*base = s[0] == '0' ? 8 : 10;
	return s;
}

/* Scan a number in base (0 or 2..36); returns 0 if there were digits, -1 if not. */
static int
scan_number(const char *s, int base, struct scanned *out)
{
	const char *p = s;
	int d, any = 0;

	out->value = 0, out->negative = 0, out->overflow = 0, out->end = s;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		out->negative = *p++ == '-';
	p = skip_base_prefix(p, &base);
	for (; (d = digit_value((unsigned char)*p)) < base; p++, any = 1) {
		if (out->value > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			out->overflow = 1;
		out->value = out->overflow ? ULLONG_MAX : out->value * (unsigned)base + (unsigned)d;
	}
	if (any)
		out->end = p;
	return any ? 0 : -1;
}

/* Common argument check and scan; stores the end pointer. */
static int
scan(const char *s, char **end, int base, struct scanned *out)
{
	int r;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end != NULL)
			*end = (char *)s;
		return -1;
	}
	r = scan_number(s, base, out);
	if (end != NULL)
		*end = (char *)out->end;
	return r;
}

/* The unsigned result of n for a type whose largest value is max (ERANGE beyond). */
static unsigned long long
unsigned_result(const struct scanned *n, unsigned long long max)
{
	if (n->overflow || n->value > max) {
		errno = ERANGE;
		return max;
	}
	return n->negative ? (0 - n->value) & max : n->value;
}

/* The signed result of n for a type whose largest value is max (ERANGE beyond: max, or
 * -max - 1 for a negative number). */
static long long
signed_result(const struct scanned *n, unsigned long long max)
{
	unsigned long long limit = n->negative ? max + 1 : max;

	if (n->overflow || n->value > limit) {
		errno = ERANGE;
		return n->negative ? -(long long)max - 1 : (long long)max;
	}
	return n->negative ? (long long)(0 - n->value) : (long long)n->value;
}

unsigned long
strtoul(const char *s, char **end, int base)
{
	struct scanned n;

	if (scan(s, end, base, &n) != 0)
		return 0;
	return (unsigned long)unsigned_result(&n, ULONG_MAX);
}

long
strtol(const char *s, char **end, int base)
{
	struct scanned n;

	if (scan(s, end, base, &n) != 0)
		return 0;
	return (long)signed_result(&n, LONG_MAX);
}

unsigned long long
strtoull(const char *s, char **end, int base)
{
	struct scanned n;

	if (scan(s, end, base, &n) != 0)
		return 0;
	return unsigned_result(&n, ULLONG_MAX);
}

long long
strtoll(const char *s, char **end, int base)
{
	struct scanned n;

	if (scan(s, end, base, &n) != 0)
		return 0;
	return signed_result(&n, LLONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
long long llabs(long long n) { return n < 0 ? -n : n; }
intmax_t imaxabs(intmax_t n) { return n < 0 ? -n : n; }

imaxdiv_t imaxdiv(intmax_t num, intmax_t den) { return (imaxdiv_t){ num / den, num % den }; }
div_t div(int num, int den) { return (div_t){ num / den, num % den }; }
ldiv_t ldiv(long num, long den) { return (ldiv_t){ num / den, num % den }; }
lldiv_t lldiv(long long num, long long den) { return (lldiv_t){ num / den, num % den }; }

int
atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long
atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int
abs(int n)
{
	return n < 0 ? -n : n;
}

long
labs(long n)
{
	return n < 0 ? -n : n;
}
