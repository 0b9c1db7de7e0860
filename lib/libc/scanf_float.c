/*
 * scanf_float.c - the scanf engine's floating-point conversions (%a %e %f %g), its hook
 * __libc_scan_float (scan.h).
 *
 * The number's text is taken one character at a time while it can still be the start of a
 * number by strtod's rules (a sign; decimal digits with one point and an exponent, or
 * "0x" hexadecimal digits with a "p" exponent; or "inf", "infinity", "nan" in any case),
 * at most `width` characters, into a buffer of SCAN_FLOAT_MAX; the first character that
 * cannot continue it is pushed back (the engine keeps one).  strtold() then converts the
 * buffer: if it takes none of it, the conversion fails (like "+" or "1e" followed by a
 * letter: the characters read stay consumed, as in any C library that reads one character
 * ahead).  The value is stored as float, double (l) or long double (L).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

#define SCAN_FLOAT_MAX  128     /* characters of one number kept (the rest are read, not kept) */

/* Is word w followed by c still a prefix of "infinity" or "nan" (any case)? */
static int
word_continues(const char *w, int n, int c)
{
	static const char *const words[] = { "infinity", "nan" };
	int j, k;

	for (j = 0; j < 2; j++) {
		if ((int)strlen(words[j]) <= n)
			continue;
		for (k = 0; k < n && tolower((unsigned char)w[k]) == words[j][k]; k++)
			;
		if (k == n && tolower(c) == words[j][n])
			return 1;
	}
	return 0;
}

/* Are the digits d (n characters, after the sign) followed by c still a number's start? */
static int
digits_continue(const char *d, int n, int c)
{
	int hex = n >= 2 && d[0] == '0' && tolower((unsigned char)d[1]) == 'x', exp = 0, j;
	char mark = hex ? 'p' : 'e';

	if (n == 1 && d[0] == '0' && tolower(c) == 'x')
		return 1;
	for (j = 0; j < n; j++)
		exp |= tolower((unsigned char)d[j]) == mark;
	if (tolower((unsigned char)d[n - 1]) == mark)
		return isdigit(c) || c == '+' || c == '-';
	if (c == '.')
		return !exp && memchr(d, '.', n) == NULL;
	if (tolower(c) == mark)
		return !exp;
	return hex && !exp ? isxdigit(c) : isdigit(c);
}

/* Can the text t (n characters) followed by c still begin a number? */
static int
continues(const char *t, int n, int c)
{
	int i = n > 0 && (t[0] == '+' || t[0] == '-');

	if (n == i)
		return (n == 0 && (c == '+' || c == '-')) || isdigit(c) || c == '.' ||
		       tolower(c) == 'i' || tolower(c) == 'n';
	if (isalpha((unsigned char)t[i]))
		return word_continues(t + i, n - i, c);
	return digits_continue(t + i, n - i, c);
}

int
__libc_scan_float(struct scan_src *src, int width, enum scan_len len, void *dest)
{
	char text[SCAN_FLOAT_MAX + 1], *end;
	int n = 0, c;
	long double v;

	while ((width == 0 || n < width) && (c = __libc_scan_get(src)) != -1) {
		if (!continues(text, n < SCAN_FLOAT_MAX ? n : SCAN_FLOAT_MAX, c)) {
			__libc_scan_unget(src, c);
			break;
		}
		if (n < SCAN_FLOAT_MAX)
			text[n] = (char)c;
		n++;
	}
	if (n == 0)
		return src->eof ? -1 : 0;
	text[n < SCAN_FLOAT_MAX ? n : SCAN_FLOAT_MAX] = '\0';
	v = strtold(text, &end);
	if (end == text)
		return 0;
	if (dest == NULL)
		return 1;
	if (len == SL_LDOUBLE)
		*(long double *)dest = v;
	else if (len == SL_LONG)
		*(double *)dest = (double)v;
	else
		*(float *)dest = (float)v;
	return 1;
}
