/*
 * scan.h - the scanf engine's interface (internal to libc): where its characters come
 * from (struct scan_src: a stream or a string, scanf_io.c), the engine itself
 * (__libc_vscan, scanf.c) and its hook for the floating-point conversions
 * (__libc_scan_float, scanf_float.c).  Plain C with no libc internals, so that the host
 * tests compile the engine too.
 */
#ifndef LIBC_SCAN_H
#define LIBC_SCAN_H

#include <stdarg.h>

/** Where the engine reads: get() returns the next character (an unsigned char) or -1 at
 *  the end, unget() pushes back the last one (at most one at a time). */
struct scan_src {
	int (*get)(void *arg);          /**< next character, or -1 */
	void (*unget)(int c, void *arg); /**< push @p c back */
	void *arg;                      /**< theirs */
	int count;                      /**< characters consumed so far (%n) */
	int eof;                        /**< get() has returned -1 */
};

/** The next character of @p src (counted), or -1. */
int __libc_scan_get(struct scan_src *src);
/** Push @p c (not -1) back into @p src (uncounted). */
void __libc_scan_unget(struct scan_src *src, int c);

/** Read from @p src by @p fmt (the scanf rules, stdio.h): the number of assignments, or
 *  -1 (EOF) if the input ended before the first conversion. */
int __libc_vscan(struct scan_src *src, const char *fmt, va_list ap);

/** Lengths of a conversion's argument (hh h l ll L j z t). */
enum scan_len { SL_INT, SL_CHAR, SL_SHORT, SL_LONG, SL_LLONG, SL_LDOUBLE, SL_MAX, SL_SIZE,
		SL_PTRDIFF };

/** The floating-point conversions %%a %%e %%f %%g (and capitals): read at most @p width
 *  characters (0: no limit) from @p src, white space already skipped, and store the value
 *  in *@p dest (float, double with SL_LONG, long double with SL_LDOUBLE) unless @p dest
 *  is NULL.  Returns 1 if a number was read, 0 for a matching failure, -1 at end of
 *  input.  This is the floating-point hook: scanf_float.c. */
int __libc_scan_float(struct scan_src *src, int width, enum scan_len len, void *dest);

#endif /* LIBC_SCAN_H */
