/*
 * printf.c - the kernel's formatted output.
 *
 * kvprintf() is the one formatter; kprintf() sends its characters to the console (serial,
 * VGA) and to the diagnostics buffer (kmess.c), ksnprintf() to a buffer.  Supported: %d %i
 * %u %x %X %o %p %s %c %%, the flags '-' and '0', a field width, and the length modifiers
 * l and ll.
 */
#include "kernel.h"

struct fmtspec {
	int left;       /* '-' flag */
	int zero;       /* '0' flag */
	int width;
	int lng;        /* number of 'l's */
};

static int
emit_padded(kputc_fn out, void *arg, const char *s, int len, const struct fmtspec *fs)
{
	int pad = fs->width > len ? fs->width - len : 0, n = 0;
	char padc = (fs->zero && !fs->left) ? '0' : ' ';

	if (padc == '0' && len > 0 && s[0] == '-') {
		out('-', arg), n++;
		s++, len--;
	}
	if (!fs->left)
		for (; pad > 0; pad--, n++)
			out(padc, arg);
	for (int i = 0; i < len; i++, n++)
		out(s[i], arg);
	for (; pad > 0; pad--, n++)
		out(' ', arg);
	return n;
}

static int
format_number(char *buf, unsigned long long v, unsigned base, int upper, int negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	if (negative)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	return len;
}

static unsigned long long
take_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long
take_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *
parse_spec(const char *f, struct fmtspec *fs)
{
	fs->left = fs->zero = fs->width = fs->lng = 0;
	for (;; f++) {
		if (*f == '-')
			fs->left = 1;
		else if (*f == '0')
			fs->zero = 1;
		else
			break;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		fs->width = fs->width * 10 + (*f - '0');
	for (; *f == 'l'; f++)
		fs->lng++;
	return f;
}

static int
convert(kputc_fn out, void *arg, char conv, struct fmtspec *fs, va_list *ap)
{
	char buf[32];
	const char *s;
	int len;

	switch (conv) {
	case 'd': case 'i': {
		long long v = take_signed(ap, fs->lng);
		len = format_number(buf, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				    10, 0, v < 0);
		return emit_padded(out, arg, buf, len, fs);
	}
	case 'u': case 'x': case 'X': case 'o': {
		unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
		len = format_number(buf, take_unsigned(ap, fs->lng), base, conv == 'X', 0);
		return emit_padded(out, arg, buf, len, fs);
	}
	case 'p': {	/* always "0x" and 8 hex digits */
		char hex[16];
		int h = format_number(hex, (uintptr_t)va_arg(*ap, void *), 16, 0, 0);

		len = 0;
		buf[len++] = '0', buf[len++] = 'x';
		for (int i = h; i < 8; i++)
			buf[len++] = '0';
		memcpy(buf + len, hex, (size_t)h);
		return emit_padded(out, arg, buf, len + h, fs);
	}
	case 's':
		s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		return emit_padded(out, arg, s, (int)strlen(s), fs);
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		return emit_padded(out, arg, buf, 1, fs);
	default:	/* %% and unknown conversions print themselves */
		buf[0] = conv;
		return emit_padded(out, arg, buf, 1, fs);
	}
}

int
kvprintf(kputc_fn out, void *arg, const char *fmt, va_list ap)
{
	struct fmtspec fs;
	va_list aq;
	int n = 0;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out(*fmt, arg), n++;
			continue;
		}
		fmt = parse_spec(fmt + 1, &fs);
		if (*fmt == '\0')
			break;
		n += convert(out, arg, *fmt, &fs, &aq);
	}
	va_end(aq);
	return n;
}

static void
kprintf_putc(int c, void *arg)
{
	(void)arg;
	cons_putc(c);
	kmess_putc(c);
}

int
vkprintf(const char *fmt, va_list ap)
{
	return kvprintf(kprintf_putc, NULL, fmt, ap);
}

int
kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(kprintf_putc, NULL, fmt, ap);
	va_end(ap);
	return n;
}

struct bufout {
	char *buf;
	size_t size, len;
};

static void
buf_putc(int c, void *arg)
{
	struct bufout *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = (char)c;
	b->len++;
}

int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct bufout b = { buf, size, 0 };
	va_list ap;

	va_start(ap, fmt);
	kvprintf(buf_putc, &b, fmt, ap);
	va_end(ap);
	if (size > 0)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return (int)b.len;
}
