/**
 * @file err.h
 * @brief BSD's error messages: "prog: message: strerror(errno)" on stderr, then (err,
 * errx) exit.
 *
 * "prog" is the last component of argv[0], which the start-up code (lib/crt0.S) keeps.
 */
#ifndef _POSIX_ERR_H
#define _POSIX_ERR_H

#include <stdarg.h>

/** Print "prog: <fmt...>: <strerror(errno)>" and exit(@p status). */
void err(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
/** err() without the errno message. */
void errx(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
/** err() without the exit. */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** errx() without the exit. */
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** err() with a va_list. */
void verr(int status, const char *fmt, va_list ap) __attribute__((noreturn));
/** errx() with a va_list. */
void verrx(int status, const char *fmt, va_list ap) __attribute__((noreturn));
/** warn() with a va_list. */
void vwarn(const char *fmt, va_list ap);
/** warnx() with a va_list. */
void vwarnx(const char *fmt, va_list ap);

#endif /* _POSIX_ERR_H */
