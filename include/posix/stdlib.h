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
/** strtol() for long long. */
long long strtoll(const char *s, char **end, int base);
/** strtoul() for unsigned long long. */
unsigned long long strtoull(const char *s, char **end, int base);
/** atoi() for long long. */
long long atoll(const char *s);
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
long long llabs(long long n);
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
/** Give the free memory at the top of the heap back to VM (lower the program break), all but
 *  @p pad bytes of it, in whole pages (as glibc's malloc_trim): 1 if the break moved, else 0.
 *  malloc() and free() never do it themselves. */
int malloc_trim(size_t pad);

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
/** Quotient and remainder of div(). */
typedef struct {
	int quot;        /**< the quotient */
	int rem;         /**< the remainder */
} div_t;
/** Quotient and remainder of ldiv(). */
typedef struct {
	long quot;       /**< the quotient */
	long rem;        /**< the remainder */
} ldiv_t;
/** Quotient and remainder of lldiv(). */
typedef struct {
	long long quot;  /**< the quotient */
	long long rem;   /**< the remainder */
} lldiv_t;
/** @p num / @p den and @p num % @p den (truncated toward zero). */
div_t div(int num, int den);
/** div() for long. */
ldiv_t ldiv(long num, long den);
/** div() for long long. */
lldiv_t lldiv(long long num, long long den);

/** Find @p key in the @p n items of @p size bytes at @p base, sorted by @p cmp (a binary
 *  search): the item, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/** Largest value rand() returns. */
#define RAND_MAX        0x7FFFFFFF
/** A pseudo-random number 0 .. RAND_MAX (the same generator as random()). */
int rand(void);
/** Start rand()'s sequence at @p seed (the default seed is 1). */
void srand(unsigned int seed);
/** A pseudo-random number 0 .. 2^31 - 1. */
long random(void);
/** Start random()'s sequence at @p seed. */
void srandom(unsigned int seed);

/** Run @p command with "/bin/sh -c" and wait for it: its wait status, -1 with errno if
 *  the shell could not be started (127 as exit status if it could not be run);
 *  system(NULL) is non-zero if /bin/sh exists.  SIGCHLD is blocked and SIGINT, SIGQUIT
 *  ignored in the caller meanwhile. */
int system(const char *command);
/** Replace the "XXXXXX" at the end of @p tmpl by characters making a new file's name,
 *  create it (O_RDWR | O_CREAT | O_EXCL, mode 0600) and return its descriptor; -1 with
 *  errno (EINVAL: no XXXXXX; EEXIST: every name tried exists). */
int mkstemp(char *tmpl);
/** mkstemp() for a directory (mode 0700): @p tmpl, or NULL with errno. */
char *mkdtemp(char *tmpl);
/** The absolute path of @p path with no ".", ".." or repeated '/' in @p resolved (at least
 *  PATH_MAX bytes; NULL: malloc'ed): the result, or NULL with errno (ENOENT, ENOTDIR,
 *  EACCES, ENAMETOOLONG).  Every component must exist. */
char *realpath(const char *path, char *resolved);
/** Call @p fn at exit() (last registered first; at most 32): 0, or -1 if full. */
int atexit(void (*fn)(void));

/** Set environment variable @p name to @p value (unless it exists and !@p overwrite);
 *  0, or -1 with errno (EINVAL: bad name, ENOMEM). */
int setenv(const char *name, const char *value, int overwrite);
/** Remove @p name from the environment; 0, or -1 with errno EINVAL. */
int unsetenv(const char *name);

#endif /* _POSIX_STDLIB_H */
