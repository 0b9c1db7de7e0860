/**
 * @file stdlib.h
 * @brief Numbers from strings, process exit, and the memory allocator.
 *
 * malloc() and friends manage memory the library obtains in large pieces from a "core"
 * source (lib/libc/morecore.c): the program break that VM grows with brk, or a fixed arena
 * in the bss for a program booted without VM.  exit() flushes stdio and ends the process
 * (see exit()).
 */
#ifndef _POSIX_STDLIB_H
#define _POSIX_STDLIB_H

#include <stddef.h>

/** exit() status: success. */
#define EXIT_SUCCESS    0
/** exit() status: failure. */
#define EXIT_FAILURE    1

/** The environment (NULL-terminated "name=value" strings), set by the start-up code. */
extern char **environ;

/** The decimal number at the start of @p s (after white space); 0 if none. */
int atoi(const char *s);
/** atoi() for long. */
long atol(const char *s);
/** Convert the start of @p s to a long in @p base (2..36, or 0: "0x" hex, "0" octal,
 *  else decimal).  @p end (if not NULL) receives where the number ended (@p s if there
 *  was none).  Out of range: LONG_MIN or LONG_MAX and errno ERANGE. */
long strtol(const char *s, char **end, int base);
/** strtol() for unsigned long; a leading '-' negates the value as in C.  Out of range:
 *  ULONG_MAX and errno ERANGE. */
unsigned long strtoul(const char *s, char **end, int base);
/** Convert the start of @p s to a double (lib/libc/strtod.c): white space, a sign, then
 *  decimal digits with an optional point and exponent ("1.5e-3"), a hexadecimal float
 *  ("0x1.8p3"), "inf"/"infinity" or "nan" (any case).  @p end as for strtol().  A result
 *  too large is +-HUGE_VAL, one too small for a nonzero double is 0 (or a subnormal);
 *  both set errno ERANGE. */
double strtod(const char *s, char **end);
/** strtod() rounded to float. */
float strtof(const char *s, char **end);
/** strtod() as a long double (no more precise than strtod). */
long double strtold(const char *s, char **end);
/** strtod(s, NULL). */
double atof(const char *s);
/** The absolute value of @p n. */
int abs(int n);
/** The absolute value of @p n. */
long labs(long n);
/** The value of environment variable @p name, or NULL. */
char *getenv(const char *name);

/** Allocate @p size bytes (16-byte aligned); NULL and errno ENOMEM if there is no memory. */
void *malloc(size_t size);
/** Release memory from malloc(), calloc() or realloc(); NULL is ignored. */
void free(void *p);
/** Allocate @p n elements of @p size bytes, zeroed; NULL on overflow or no memory. */
void *calloc(size_t n, size_t size);
/** Resize the allocation @p p to @p size bytes, keeping its contents (moving it if needed);
 *  realloc(NULL, n) is malloc(n); on failure NULL, and @p p is left untouched. */
void *realloc(void *p, size_t size);

/** Flush stdout and stderr and end the process.  When PM runs (KIF_PM on the kernel
 *  information page) a user process exits through it (PM_EXIT) and its parent's wait sees
 *  @p status; otherwise, and for system processes, the end is sys_exit() (the kernel call
 *  of system processes) and @p status is not reported to anyone. */
void exit(int status) __attribute__((noreturn));
/** End the process at once, without flushing stdio (status as for exit()). */
void _exit(int status) __attribute__((noreturn));
/** Abnormal end: flush stdio, say "abort" on stderr, end the process. */
void abort(void) __attribute__((noreturn));


/** Sort @p n items of @p size bytes at @p base with @p cmp (negative, 0, positive). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/** Set environment variable @p name to @p value (unless it exists and !@p overwrite);
 *  0, or -1 with errno (EINVAL: bad name, ENOMEM). */
int setenv(const char *name, const char *value, int overwrite);
/** Remove @p name from the environment; 0, or -1 with errno EINVAL. */
int unsetenv(const char *name);

#endif /* _POSIX_STDLIB_H */
