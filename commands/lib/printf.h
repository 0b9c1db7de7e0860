/*
 * printf.h - the printf utility (POSIX): printf format [argument...].  One implementation
 * for the program (commands/bin/printf.c) and the shell's builtin (commands/sh/lang.c):
 * both include this file and call printf_main().
 *
 * The format is copied to standard output with its escape sequences (\\ \a \b \f \n \r
 * \t \v, \ddd: one to three octal digits) and its conversions, each taking the next
 * argument: %s %b (the argument's own escapes, \0ddd, and \c, which ends all output)
 * %c (its first character) %d %i (signed) %u %o %x %X (unsigned) %e %E %f %F %g %G
 * (floating point) and %% (a '%').  Flags - + space # 0, a width and a precision work as
 * in C, '*' takes them from the arguments.  A numeric argument is C's constant syntax
 * (decimal, 0x.. hex, 0.. octal, with a sign), or a quote followed by a character (its
 * code: 'A is 65).  A missing argument is "" or 0.  While arguments remain after a pass
 * over the format that used some, the format is used again.  A bad number ("abc", "12x",
 * out of range) prints a message on standard error and goes on with the value converted
 * so far; a bad conversion ("%z") prints a message and ends the output; either makes the
 * status 1.
 */
#ifndef COMMANDS_LIB_PRINTF_H
#define COMMANDS_LIB_PRINTF_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where printf is in its arguments, and how it is going. */
struct pf_state {
	int argc;
	char **argv;
	int next;               /* the next argument to convert */
	int status;             /* 1 after an error */
	int stop;               /* \c in a %b argument: no more output */
};

static void
pf_error(struct pf_state *st, const char *what, const char *why)
{
	fflush(stdout);
	fprintf(stderr, "printf: %s: %s\n", what, why);
	st->status = 1;
}

/* The next argument, or NULL when none is left. */
static const char *
pf_arg(struct pf_state *st)
{
	return st->next < st->argc ? st->argv[st->next++] : NULL;
}

/* The value of up to max octal digits at *pp (advanced past them). */
static int
pf_octal(const char **pp, int max)
{
	int v = 0;

	for (; max > 0 && **pp >= '0' && **pp <= '7'; max--, (*pp)++)
		v = v * 8 + (**pp - '0');
	return v;
}

/* The escape at *pp (just after a backslash; advanced past it): the character, -1 for \c
 * (only in %b, b_mode), or -2 if it is no escape (the backslash is printed as it is). */
static int
pf_escape(const char **pp, int b_mode)
{
	static const char from[] = "\\abfnrtv\"", to[] = "\\\a\b\f\n\r\t\v\"";
	const char *hit = **pp != '\0' ? strchr(from, **pp) : NULL;

	if (hit != NULL) {
		(*pp)++;
		return to[hit - from];
	}
	if (b_mode && **pp == 'c')
		return -1;
	if (b_mode && **pp == '0') {
		(*pp)++;
		return pf_octal(pp, 3) & 0xFF;
	}
	if (**pp >= '0' && **pp <= '7')
		return pf_octal(pp, 3) & 0xFF;
	return -2;
}

/* A %b argument with its escapes expanded (malloc'ed; NULL: out of memory); \c sets
 * st->stop and ends the text there. */
static char *
pf_expand_b(struct pf_state *st, const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	int c;

	if (out == NULL)
		return NULL;
	while (*s != '\0') {
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		s++;
		if ((c = pf_escape(&s, 1)) == -1) {
			st->stop = 1;
			break;
		}
		*o++ = c == -2 ? '\\' : (char)c;
	}
	*o = '\0';
	return out;
}

/* Check the conversion of numeric argument s that stopped at end (errno as strto* left
 * it): a message and status 1 if it was not all a number. */
static void
pf_check_number(struct pf_state *st, const char *s, const char *end)
{
	if (errno == ERANGE)
		pf_error(st, s, strerror(ERANGE));
	else if (end == s)
		pf_error(st, s, "expected numeric value");
	else if (*end != '\0')
		pf_error(st, s, "not completely converted");
}

/* The next argument as a number for %d %i (is_signed) or %u %o %x %X. */
static unsigned long long
pf_integer(struct pf_state *st, int is_signed)
{
	const char *s = pf_arg(st);
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0')
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = is_signed ? (unsigned long long)strtoll(s, &end, 0) : strtoull(s, &end, 0);
	pf_check_number(st, s, end);
	return v;
}

/* The next argument as a number for %e %f %g. */
static double
pf_double(struct pf_state *st)
{
	const char *s = pf_arg(st);
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtod(s, &end);
	pf_check_number(st, s, end);
	return v;
}

/* A '*' width or precision: the next argument as an int. */
static int
pf_star(struct pf_state *st)
{
	long long v = (long long)pf_integer(st, 1);

	return v > 1000000 ? 1000000 : v < -1000000 ? -1000000 : (int)v;
}

/* Print one conversion of C format spec (flags, "*.*" and the conversion letter, with
 * "ll" before integer ones) with width w, precision p and the next argument. */
static void
pf_convert(struct pf_state *st, const char *spec, char conv, int w, int p)
{
	const char *s;
	char *b;

	switch (conv) {
	case 'd': case 'i':
		printf(spec, w, p, (long long)pf_integer(st, 1));
		break;
	case 'u': case 'o': case 'x': case 'X':
		printf(spec, w, p, pf_integer(st, 0));
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		printf(spec, w, p, pf_double(st));
		break;
	case 'c':
		s = pf_arg(st);
		printf(spec, w, s != NULL ? s[0] : '\0');
		break;
	case 's':
		s = pf_arg(st);
		printf(spec, w, p, s != NULL ? s : "");
		break;
	case 'b':
		s = pf_arg(st);
		if ((b = pf_expand_b(st, s != NULL ? s : "")) == NULL) {
			pf_error(st, "%b", "out of memory");
			break;
		}
		printf(spec, w, p, b);
		free(b);
		break;
	}
}

/* One conversion at *fp (just after its '%'; advanced past it). */
static void
pf_directive(struct pf_state *st, const char **fp)
{
	const char *f = *fp, *start = f - 1;
	char spec[32], flags[8];
	size_t nflags = 0;
	int w = 0, p = -1;

	for (; *f != '\0' && strchr("-+ #0", *f) != NULL; f++)
		if (nflags < sizeof(flags) - 1)
			flags[nflags++] = *f;
	flags[nflags] = '\0';
	if (*f == '*')
		f++, w = pf_star(st);
	else
		for (; *f >= '0' && *f <= '9'; f++)
			w = w < 100000 ? w * 10 + (*f - '0') : w;
	if (*f == '.') {
		p = 0;
		if (*++f == '*')
			f++, p = pf_star(st);
		else
			for (; *f >= '0' && *f <= '9'; f++)
				p = p < 100000 ? p * 10 + (*f - '0') : p;
	}
	*fp = *f != '\0' ? f + 1 : f;
	if (*f == '\0' || strchr("diuoxXeEfFgGcsb", *f) == NULL) {
		char what[64];

		snprintf(what, sizeof(what), "%.*s", (int)(*fp - start), start);
		pf_error(st, what, "invalid directive");
		st->stop = 1;           /* as dash and bash: nothing more is printed */
		return;
	}
	snprintf(spec, sizeof(spec), "%%%s*%s%s%c", flags, *f == 'c' ? "" : ".*",
		 strchr("diuoxX", *f) != NULL ? "ll" : "", *f == 'b' ? 's' : *f);
	pf_convert(st, spec, *f, w, p);
}

/* One pass over the format: 1 if it has conversions that take arguments. */
static int
pf_pass(struct pf_state *st, const char *f)
{
	int converts = 0, c;

	while (*f != '\0' && !st->stop) {
		if (*f == '\\') {
			f++;
			c = pf_escape(&f, 0);
			putchar(c == -2 ? '\\' : c);
		} else if (*f == '%' && f[1] == '%') {
			putchar('%');
			f += 2;
		} else if (*f == '%') {
			f++;
			converts = 1;
			pf_directive(st, &f);
		} else {
			putchar(*f++);
		}
	}
	return converts;
}

/* printf [--] format [argument...]: the exit status (0; 1 after an error; 2: no format). */
static int
printf_main(int argc, char **argv)
{
	struct pf_state st = { argc, argv, 2, 0, 0 };
	int before;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
		st.argc = argc;
		st.argv = argv;
	}
	if (argc < 2) {
		fprintf(stderr, "printf: usage: printf format [argument...]\n");
		return 2;
	}
	do {
		before = st.next;
		if (!pf_pass(&st, argv[1]))
			break;
	} while (!st.stop && st.next < argc && st.next > before);
	if (fflush(stdout) != 0)
		st.status = 1;
	return st.status;
}

#endif /* COMMANDS_LIB_PRINTF_H */
