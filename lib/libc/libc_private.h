/**
 * @file libc_private.h
 * @brief libc's internal interfaces: the formatter, the stream structure, and the two
 * places where libc reaches the system (sysdeps.c).
 *
 * Nothing here is for programs; the names start with __ so they cannot clash with theirs.
 */
#ifndef LIBC_PRIVATE_H
#define LIBC_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/** How a stream hands its buffer to the console. */
enum stream_mode {
	STREAM_LINE_BUFFERED,   /**< at each '\\n' and when full (stdout) */
	STREAM_CALL_BUFFERED    /**< at the end of every call and when full (stderr) */
};

/** A stream: a buffer waiting to be written to the console. */
struct __stdio_file {
	enum stream_mode mode;  /**< when the buffer is flushed */
	int error;              /**< set once a write failed */
	size_t len;             /**< characters waiting in @c buf */
	char buf[BUFSIZ];       /**< the waiting characters */
};

/** Output function of __libc_vformat(): consume character @p c; @p arg is the caller's. */
typedef void (*__libc_put_fn)(int c, void *arg);

/** The one printf engine: format @p fmt with @p ap, passing each character to @p put;
 *  returns the number of characters produced. */
int __libc_vformat(__libc_put_fn put, void *arg, const char *fmt, va_list ap);

/** Write @p len bytes at @p buf to the console; 0 on success, -1 if the system refused.
 *  For now the kernel's diagnostics call; later write(2) to VFS. */
int __libc_console_write(const char *buf, size_t len);
/** End the process with @p status (stdio already flushed); never returns: through PM
 *  (PM_EXIT) when it runs, else (or if PM refuses) sys_exit(). */
void __libc_exit_process(int status) __attribute__((noreturn));
/** Does a PM server run (KIF_PM on the kernel information page)? */
int __libc_have_pm(void);
/** Exit through PM with @p status; returns only if PM is absent or refused (a system
 *  process, which ends with sys_exit instead). */
void __libc_pm_exit(int status);
/** Give the allocator @p bytes more memory (a multiple of 16, 16-byte aligned), or NULL.
 *  For now carved from a static arena; later the break grown with brk through VM. */
void *__libc_morecore(size_t bytes);

#endif /* LIBC_PRIVATE_H */
