/*
 * format.c - the printf engine shared by printf, fprintf and snprintf.
 *
 * __libc_vformat() walks the format string; each conversion is parsed into a struct spec
 * (flags, width, precision, length modifier, conversion character), its argument fetched
 * with the right type, turned into digits or a string, and emitted with padding.  The
 * characters go to a caller-supplied put function, so the same code fills a buffer or a
 * stream.  Conversions: d i u o x X c s p %; flags - 0 + space #; width and precision as
 * numbers or '*'; length modifiers hh h l ll z t j L.  The floating-point conversions
 * (f F e E g G a A) are made by format_float.c (compiled with floating point, which this
 * file is not: it fetches the double itself); this file pads them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "libc_private.h"

#define F_LEFT  0x01    /* '-': pad on the right */
#define F_ZERO  0x02    /* '0': pad numbers with zeros */
#define F_PLUS  0x04    /* '+': always a sign */
#define F_SPACE 0x08    /* ' ': a space where a '+' would go */
#define F_ALT   0x10    /* '#': 0x prefix for hex, leading 0 for octal */

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_MAX,
	LEN_LDOUBLE };

/* One parsed conversion. */
struct spec {
	int flags;
	int width;
	int prec;               /* -1: none given */
	enum length len;
	char conv;
};

/* Where characters go, and how many went. */
struct sink {
	__libc_put_fn put;
	void *arg;
	int count;
};

static void
emit(struct sink *out, int c)
{
	out->put(c, out->arg);
	out->count++;
}

static void
emit_repeat(struct sink *out, int c, int n)
{
	for (; n > 0; n--)
		emit(out, c);
}

static void
emit_chars(struct sink *out, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		emit(out, s[i]);
}

static int
parse_flags(const char **fmt)
{
	int flags = 0;

	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-': flags |= F_LEFT; break;
		case '0': flags |= F_ZERO; break;
		case '+': flags |= F_PLUS; break;
		case ' ': flags |= F_SPACE; break;
		case '#': flags |= F_ALT; break;
		default: return flags;
		}
	}
}

/* A width or precision: digits, '*' (taken from the arguments), or nothing (0). */
static int
parse_count(const char **fmt, va_list *ap)
{
	int n = 0;

	if (**fmt == '*') {
		(*fmt)++;
		return va_arg(*ap, int);
	}
	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		n = n * 10 + (**fmt - '0');
	return n;
}

static enum length
parse_length(const char **fmt)
{
	const char *f = *fmt;
	enum length len = LEN_INT;

	switch (*f) {
	case 'h': len = f[1] == 'h' ? LEN_CHAR : LEN_SHORT; break;
	case 'l': len = f[1] == 'l' ? LEN_LLONG : LEN_LONG; break;
	case 'z': case 't': len = LEN_SIZE; break;
	case 'j': len = LEN_MAX; break;
	case 'L': len = LEN_LDOUBLE; break;
	default: return LEN_INT;
	}
	*fmt += (len == LEN_CHAR || len == LEN_LLONG) ? 2 : 1;
	return len;
}

/* Parse everything after a '%' up to and including the conversion character. */
static void
parse_spec(const char **fmt, va_list *ap, struct spec *sp)
{
	sp->flags = parse_flags(fmt);
	sp->width = parse_count(fmt, ap);
	if (sp->width < 0) {            /* a negative '*' width means left-justified */
		sp->flags |= F_LEFT;
		sp->width = -sp->width;
	}
	sp->prec = -1;
	if (**fmt == '.') {
		(*fmt)++;
		sp->prec = parse_count(fmt, ap);
		if (sp->prec < 0)
			sp->prec = -1;
	}
	sp->len = parse_length(fmt);
	sp->conv = **fmt;
	if (sp->conv != '\0')
		(*fmt)++;
}

static unsigned long long
fetch_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	case LEN_MAX: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long
fetch_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return va_arg(*ap, ptrdiff_t);
	case LEN_MAX: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/* Write v's digits in base to the end of buf (size 24); returns where they start.
 * Values that fit in 32 bits use 32-bit division (no libgcc call). */
static char *
to_digits(char *end, unsigned long long v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	for (; v > UINT32_MAX; v /= base)
		*--end = digits[v % base];
	for (uint32_t w = (uint32_t)v; w != 0; w /= base)
		*--end = digits[w % base];
	return end;
}

/* Emit prefix (sign, 0x) and ndigits digits with precision zeros and width padding. */
static void
emit_number(struct sink *out, const struct spec *sp, const char *prefix, const char *digits,
	int ndigits)
{
	int plen = (int)strlen(prefix), zeros = 0, pad;

	if (sp->prec > ndigits)
		zeros = sp->prec - ndigits;
	else if (sp->prec < 0 && (sp->flags & (F_ZERO | F_LEFT)) == F_ZERO)
		zeros = sp->width - plen - ndigits;
	if (zeros < 0)
		zeros = 0;
	pad = sp->width - plen - zeros - ndigits;
	if (!(sp->flags & F_LEFT))
		emit_repeat(out, ' ', pad);
	emit_chars(out, prefix, plen);
	emit_repeat(out, '0', zeros);
	emit_chars(out, digits, ndigits);
	if (sp->flags & F_LEFT)
		emit_repeat(out, ' ', pad);
}

/* The prefix of a number: its sign for d/i, 0x for # hex and %p, 0 for # octal. */
static const char *
number_prefix(const struct spec *sp, int negative, int nonzero)
{
	if (sp->conv == 'd' || sp->conv == 'i')
		return negative ? "-" : (sp->flags & F_PLUS) ? "+" : (sp->flags & F_SPACE) ? " " : "";
	if (sp->conv == 'p' || (nonzero && (sp->flags & F_ALT) && sp->conv == 'x'))
		return "0x";
	if (nonzero && (sp->flags & F_ALT) && sp->conv == 'X')
		return "0X";
	if (nonzero && (sp->flags & F_ALT) && sp->conv == 'o')
		return "0";
	return "";
}

static void
convert_integer(struct sink *out, const struct spec *sp, va_list *ap)
{
	char buf[24], *end = buf + sizeof(buf), *start;
	unsigned long long v;
	unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'u' || sp->conv == 'd' ||
		sp->conv == 'i') ? 10 : 16;
	int negative = 0;

	if (sp->conv == 'd' || sp->conv == 'i') {
		long long s = fetch_signed(sp->len, ap);

		negative = s < 0;
		v = negative ? 0ULL - (unsigned long long)s : (unsigned long long)s;
	} else if (sp->conv == 'p') {
		v = (uintptr_t)va_arg(*ap, void *);
	} else {
		v = fetch_unsigned(sp->len, ap);
	}
	start = to_digits(end, v, base, sp->conv == 'X');
	if (v == 0 && sp->prec != 0)
		*--start = '0';
	emit_number(out, sp, number_prefix(sp, negative, v != 0), start, (int)(end - start));
}

static void
emit_padded_text(struct sink *out, const struct spec *sp, const char *s, int n)
{
	int pad = sp->width - n;

	if (!(sp->flags & F_LEFT))
		emit_repeat(out, ' ', pad);
	emit_chars(out, s, n);
	if (sp->flags & F_LEFT)
		emit_repeat(out, ' ', pad);
}

/* A floating-point conversion: format_float.c makes the text, the sign is padded like a
 * number's prefix (zeros go after it; none for inf and nan).  Not inlined: its buffer is
 * only on the stack while it runs. */
static void __attribute__((noinline))
convert_float(struct sink *out, const struct spec *sp, va_list *ap)
{
	char buf[FMT_FLOAT_BUF], sign[2] = { 0, 0 };
	struct __libc_float_spec fs = {
		.conv = sp->conv, .prec = sp->prec, .alt = (sp->flags & F_ALT) != 0,
		.plus = (sp->flags & F_PLUS) != 0, .space = (sp->flags & F_SPACE) != 0,
		.long_double = sp->len == LEN_LDOUBLE,
	};
	struct spec pad = *sp;
	int n = __libc_format_float(buf, sizeof(buf), &fs, ap);

	sign[0] = fs.sign;
	pad.prec = -1;
	if (fs.special)
		pad.flags &= ~F_ZERO;
	emit_number(out, &pad, sign, buf, n);
}

/* One conversion; an unknown one is printed as it was written. */
static void
convert(struct sink *out, const struct spec *sp, va_list *ap)
{
	const char *s;
	char c;

	switch (sp->conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
		convert_integer(out, sp, ap);
		break;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		convert_float(out, sp, ap);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		emit_padded_text(out, sp, s,
			(int)(sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s)));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit_padded_text(out, sp, &c, 1);
		break;
	case '%':
		emit(out, '%');
		break;
	default:
		emit(out, '%');
		if (sp->conv != '\0')
			emit(out, sp->conv);
	}
}

int
__libc_vformat(__libc_put_fn put, void *arg, const char *fmt, va_list ap)
{
	struct sink out = { put, arg, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			emit(&out, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &aq, &sp);
		convert(&out, &sp, &aq);
	}
	va_end(aq);
	return out.count;
}
