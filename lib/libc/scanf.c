/*
 * scanf.c - the scanf engine: __libc_vscan() reads characters from a struct scan_src (a
 * stream or a string: scanf_io.c) as a format says.
 *
 * Each conversion is parsed into a struct conv ('*', width, length, conversion character,
 * and for %[ the set).  Numbers (%d %i %u %o %x %X %p) are first collected as text into a
 * buffer, checked character by character against what a number in that base may look
 * like (sign, "0x" prefix, digits) and then converted with strtoll/strtoull; strings
 * (%s %c %[) are copied as they are read.  The floating-point conversions go to the hook
 * __libc_scan_float (scanf_float.c).  Results: the number of assignments; EOF if the input
 * ended (an input failure) before the first conversion; a matching failure stops early.
 * Pure: the host tests compile this file too (tools/tests/test_libc.py).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

#define NUM_MAX 64      /* longest number text collected (the rest is a matching failure) */

/* One parsed conversion. */
struct conv {
	int suppress;           /* '*': read but do not assign */
	int width;              /* maximum field width (0: none) */
	enum scan_len len;
	char c;                 /* the conversion character */
	unsigned char set[32];  /* %[: bit per character */
};

/* The outcome of one conversion. */
enum { C_OK, C_MATCH_FAIL, C_INPUT_FAIL };

int
__libc_scan_get(struct scan_src *src)
{
	int c = src->get(src->arg);

	if (c < 0)
		src->eof = 1;
	else
		src->count++;
	return c;
}

void
__libc_scan_unget(struct scan_src *src, int c)
{
	src->unget(c, src->arg);
	src->count--;
}

/* Skip white space in the input. */
static void
skip_space(struct scan_src *src)
{
	int c;

	while ((c = __libc_scan_get(src)) >= 0 && isspace(c))
		;
	if (c >= 0)
		__libc_scan_unget(src, c);
}

static enum scan_len
parse_len(const char **fmt)
{
	const char *f = *fmt;
	enum scan_len len;

	switch (*f) {
	case 'h': len = f[1] == 'h' ? SL_CHAR : SL_SHORT; break;
	case 'l': len = f[1] == 'l' ? SL_LLONG : SL_LONG; break;
	case 'q': len = SL_LLONG; break;
	case 'L': len = SL_LDOUBLE; break;
	case 'j': len = SL_MAX; break;
	case 'z': len = SL_SIZE; break;
	case 't': len = SL_PTRDIFF; break;
	default: return SL_INT;
	}
	*fmt += (len == SL_CHAR || (len == SL_LLONG && *f == 'l')) ? 2 : 1;
	return len;
}

/* Parse the set of %[ (after the '['): its bits in cv->set; fmt moves past the ']'. */
static void
parse_set(const char **fmt, struct conv *cv)
{
	const unsigned char *f = (const unsigned char *)*fmt;
	int negate = *f == '^', c;

	memset(cv->set, 0, sizeof(cv->set));
	if (negate)
		f++;
	if (*f == ']')          /* a leading ']' is a member */
		cv->set[']' / 8] |= 1 << (']' % 8), f++;
	for (; *f != '\0' && *f != ']'; f++) {
		if (f[1] == '-' && f[2] != ']' && f[2] != '\0' && f[2] >= f[0]) {
			for (c = f[0]; c <= f[2]; c++)
				cv->set[c / 8] |= (unsigned char)(1 << (c % 8));
			f += 2;
		} else {
			cv->set[*f / 8] |= (unsigned char)(1 << (*f % 8));
		}
	}
	if (negate)
		for (size_t i = 0; i < sizeof(cv->set); i++)
			cv->set[i] = (unsigned char)~cv->set[i];
	*fmt = (const char *)(*f == ']' ? f + 1 : f);
}

/* Parse what follows a '%' into cv. */
static void
parse_conv(const char **fmt, struct conv *cv)
{
	cv->suppress = **fmt == '*';
	if (cv->suppress)
		(*fmt)++;
	cv->width = 0;
	while (isdigit((unsigned char)**fmt))
		cv->width = cv->width * 10 + (*(*fmt)++ - '0');
	cv->len = parse_len(fmt);
	cv->c = **fmt;
	if (cv->c != '\0')
		(*fmt)++;
	if (cv->c == '[')
		parse_set(fmt, cv);
}

/* Is c a digit of base (8, 10 or 16)? */
static int
is_digit_of(int c, int base)
{
	if (base == 16)
		return isxdigit(c);
	return c >= '0' && c < '0' + base;
}

/* Collect the text of an integer in base (0: as %i) into buf: C_OK or a failure; *base
 * is settled (8, 10 or 16). */
static int
collect_integer(struct scan_src *src, int width, int *base, char *buf)
{
	int n = 0, digits = 0, limit = width > 0 && width < NUM_MAX ? width : NUM_MAX - 1;
	int c = __libc_scan_get(src);

	if (c < 0)
		return C_INPUT_FAIL;
	if ((c == '+' || c == '-') && n < limit) {
		buf[n++] = (char)c;
		c = n < limit ? __libc_scan_get(src) : -1;
	}
	if (c == '0' && (*base == 0 || *base == 16) && n < limit) {
		buf[n++] = (char)c, digits = 1;
		c = n < limit ? __libc_scan_get(src) : -1;
		if ((c == 'x' || c == 'X') && n < limit) {
			buf[n++] = (char)c, digits = 0, *base = 16;
			c = n < limit ? __libc_scan_get(src) : -1;
		} else if (*base == 0) {
			*base = 8;
		}
	}
	if (*base == 0)
		*base = 10;
	for (; c >= 0 && n < limit && is_digit_of(c, *base); digits++) {
		buf[n++] = (char)c;
		c = n < limit ? __libc_scan_get(src) : -1;
	}
	if (c >= 0)
		__libc_scan_unget(src, c);
	buf[n] = '\0';
	return digits > 0 ? C_OK : C_MATCH_FAIL;
}

/* Store integer v at the argument of length len. */
static void
store_integer(va_list *ap, enum scan_len len, unsigned long long v)
{
	switch (len) {
	case SL_CHAR: *va_arg(*ap, signed char *) = (signed char)v; break;
	case SL_SHORT: *va_arg(*ap, short *) = (short)v; break;
	case SL_LONG: *va_arg(*ap, long *) = (long)v; break;
	case SL_LLONG: case SL_LDOUBLE: *va_arg(*ap, long long *) = (long long)v; break;
	case SL_MAX: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
	case SL_SIZE: *va_arg(*ap, size_t *) = (size_t)v; break;
	case SL_PTRDIFF: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

static int
conv_integer(struct scan_src *src, const struct conv *cv, va_list *ap)
{
	char buf[NUM_MAX];
	int base = cv->c == 'd' || cv->c == 'u' ? 10 : cv->c == 'o' ? 8 : cv->c == 'i' ? 0 : 16;
	int r = collect_integer(src, cv->width, &base, buf);
	unsigned long long v;

	if (r != C_OK || cv->suppress)
		return r;
	if (cv->c == 'd' || cv->c == 'i')
		v = (unsigned long long)strtoll(buf, NULL, base);
	else
		v = strtoull(buf, NULL, base);
	if (cv->c == 'p')
		*va_arg(*ap, void **) = (void *)(uintptr_t)v;
	else
		store_integer(ap, cv->len, v);
	return C_OK;
}

/* Is c in cv's set (%[), or (for %s) not white space? */
static int
accepts(const struct conv *cv, int c)
{
	if (cv->c == 's')
		return !isspace(c);
	return (cv->set[c / 8] >> (c % 8)) & 1;
}

/* %s and %[: the longest run of accepted characters (at least one), NUL-terminated. */
static int
conv_string(struct scan_src *src, const struct conv *cv, va_list *ap)
{
	char *dst = cv->suppress ? NULL : va_arg(*ap, char *);
	int n = 0, c = 0;

	while ((cv->width == 0 || n < cv->width) && (c = __libc_scan_get(src)) >= 0) {
		if (!accepts(cv, c)) {
			__libc_scan_unget(src, c);
			break;
		}
		if (dst != NULL)
			dst[n] = (char)c;
		n++;
	}
	if (n == 0)
		return c < 0 ? C_INPUT_FAIL : C_MATCH_FAIL;
	if (dst != NULL)
		dst[n] = '\0';
	return C_OK;
}

/* %c: exactly width (default 1) characters, no NUL added. */
static int
conv_chars(struct scan_src *src, const struct conv *cv, va_list *ap)
{
	char *dst = cv->suppress ? NULL : va_arg(*ap, char *);
	int want = cv->width > 0 ? cv->width : 1, c;

	for (int n = 0; n < want; n++) {
		if ((c = __libc_scan_get(src)) < 0)
			return n == 0 ? C_INPUT_FAIL : C_MATCH_FAIL;
		if (dst != NULL)
			dst[n] = (char)c;
	}
	return C_OK;
}

/* %a %e %f %g: through the floating-point hook. */
static int
conv_float(struct scan_src *src, const struct conv *cv, va_list *ap)
{
	void *dst = cv->suppress ? NULL : va_arg(*ap, void *);
	int r;

	if ((r = __libc_scan_float(src, cv->width, cv->len, dst)) < 0)
		return C_INPUT_FAIL;
	return r > 0 ? C_OK : C_MATCH_FAIL;
}

/* One conversion (white space skipped where it should be). */
static int
convert(struct scan_src *src, const struct conv *cv, va_list *ap)
{
	if (cv->c != 'c' && cv->c != '[' && cv->c != 'n')
		skip_space(src);
	switch (cv->c) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
		return conv_integer(src, cv, ap);
	case 's': case '[':
		return conv_string(src, cv, ap);
	case 'c':
		return conv_chars(src, cv, ap);
	case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		return conv_float(src, cv, ap);
	default:
		return C_MATCH_FAIL;
	}
}

/* Match the literal character f of the format: C_OK or a failure. */
static int
match_literal(struct scan_src *src, int f)
{
	int c = __libc_scan_get(src);

	if (c == f)
		return C_OK;
	if (c < 0)
		return C_INPUT_FAIL;
	__libc_scan_unget(src, c);
	return C_MATCH_FAIL;
}

/* One step of the format at *fmt: a run of white space, a literal, or a conversion
 * (assigned counted in *assigned, done set once a conversion happened). */
static int
step(struct scan_src *src, const char **fmt, va_list *ap, int *assigned, int *done)
{
	struct conv cv;
	int r;

	if (isspace((unsigned char)**fmt)) {
		while (isspace((unsigned char)**fmt))
			(*fmt)++;
		skip_space(src);
		return C_OK;
	}
	if (**fmt != '%' || (*fmt)[1] == '%') {
		if (**fmt == '%') {
			(*fmt)++;
			skip_space(src);
		}
		return match_literal(src, (unsigned char)*(*fmt)++);
	}
	(*fmt)++;
	parse_conv(fmt, &cv);
	if (cv.c == 'n') {
		if (!cv.suppress)
			store_integer(ap, cv.len, (unsigned long long)src->count);
		return C_OK;
	}
	if ((r = convert(src, &cv, ap)) == C_OK) {
		*done = 1;
		*assigned += !cv.suppress;
	}
	return r;
}

int
__libc_vscan(struct scan_src *src, const char *fmt, va_list ap)
{
	int assigned = 0, done = 0, r = C_OK;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt != '\0' && r == C_OK)
		r = step(src, &fmt, &aq, &assigned, &done);
	va_end(aq);
	return r == C_INPUT_FAIL && !done ? -1 : assigned;
}
