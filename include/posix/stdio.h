/**
 * @file stdio.h
 * @brief Formatted output to the console: printf() and friends, stdout and stderr.
 *
 * There is no file system yet, so there are exactly two streams and both end on the
 * console, through the kernel's diagnostics call (sys_diagctl DIAGCTL_CODE_DIAG):
 *  - @c stdout is line-buffered: text is handed to the kernel at each '\\n', when the
 *    buffer is full, at fflush() and at exit();
 *  - @c stderr is flushed at the end of every call (so one fprintf() is one write), and
 *    stdout is flushed before anything is written to stderr, keeping the two in order.
 *
 * Conversions: %%d %%i %%u %%x %%X %%o %%c %%s %%p %%%%, flags '-' '0' '+' ' ' '#', a field
 * width and precision (numbers or '*'), length modifiers hh h l ll z t j.  No floating point
 * (user programs are built with -mgeneral-regs-only).
 */
#ifndef _POSIX_STDIO_H
#define _POSIX_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/** End of file, or an error, from the character functions. */
#define EOF     (-1)
/** Size of a stream's buffer (one console line at most this long is written at once). */
#define BUFSIZ  256

/** A stream (opaque; only stdout and stderr exist for now). */
typedef struct __stdio_file FILE;

/** Standard output: line-buffered. */
extern FILE *stdout;
/** Standard error: flushed at the end of each call. */
extern FILE *stderr;

/** Format to stdout; returns the number of characters produced. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** printf() with a va_list. */
int vprintf(const char *fmt, va_list ap);
/** Format to @p f (stdout or stderr). */
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** fprintf() with a va_list. */
int vfprintf(FILE *f, const char *fmt, va_list ap);
/** Format into @p buf of @p size bytes, always NUL-terminated if @p size > 0; returns the
 *  length the whole text has (a result >= @p size means it was truncated). */
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** snprintf() with a va_list. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/** Write @p c to @p f; returns @p c as an unsigned char, or EOF. */
int fputc(int c, FILE *f);
/** Same as fputc(). */
int putc(int c, FILE *f);
/** Write @p c to stdout. */
int putchar(int c);
/** Write the string @p s to @p f (no newline added); returns a non-negative number or EOF. */
int fputs(const char *s, FILE *f);
/** Write @p s and a newline to stdout. */
int puts(const char *s);
/** Hand @p f's buffered text to the console now; fflush(NULL) flushes every stream.
 *  Returns 0, or EOF if the kernel refused the text. */
int fflush(FILE *f);

#endif /* _POSIX_STDIO_H */
