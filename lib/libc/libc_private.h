/**
 * @file libc_private.h
 * @brief libc's internal interfaces: the formatter, the stream structure, the kernel
 * console and process end (sysdeps.c), and the requests to VFS (vfs.c, vfs_path.c).
 *
 * Nothing here is for programs; the names start with __ so they cannot clash with theirs.
 */
#ifndef LIBC_PRIVATE_H
#define LIBC_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <minnow/vfs.h>

/* Stream flags (struct __stdio_file, flags). */
#define SF_READ         0x01    /**< opened for reading */
#define SF_WRITE        0x02    /**< opened for writing */
#define SF_EOF          0x04    /**< end of file seen */
#define SF_ERR          0x08    /**< an error occurred */
#define SF_CONSOLE      0x10    /**< output goes to the kernel console (no fd, no VFS) */
#define SF_CHECKED      0x20    /**< the console decision has been made */
#define SF_MALLOCED     0x40    /**< from fopen/fdopen: freed by fclose */

/** A stream: a buffer in front of a file descriptor (or the console). */
struct __stdio_file {
	int fd;                 /**< the descriptor */
	int flags;              /**< SF_* */
	int bufmode;            /**< _IOFBF, _IOLBF, _IONBF, or -1: decide at first use */
	int unget;              /**< a character pushed back by ungetc, or -1 */
	size_t rpos;            /**< reading: next character in buf */
	size_t rlen;            /**< reading: characters in buf */
	size_t wlen;            /**< writing: characters waiting in buf */
	struct __stdio_file *next; /**< the list of fopen'ed streams (fflush(NULL)) */
	char buf[BUFSIZ];       /**< the buffer (reading or writing, not both at once) */
};

/** The fopen'ed streams, for fflush(NULL) (fopen.c adds, fclose removes). */
extern struct __stdio_file *__libc_streams;
/** Set once the process has dup2'ed a descriptor onto fd 1 or 2 (stdio.c). */
extern int __libc_stdio_dup2;
/** dup2 made @p fd a new descriptor: if it is 1 or 2, flush that stream and decide its
 *  destination again at its next write. */
void __libc_stdio_fd_changed(int fd);
/** Write @p f's waiting characters out: 0 or EOF. */
int __libc_flush_stream(struct __stdio_file *f);

/** Output function of __libc_vformat(): consume character @p c; @p arg is the caller's. */
typedef void (*__libc_put_fn)(int c, void *arg);

/** The one printf engine: format @p fmt with @p ap, passing each character to @p put;
 *  returns the number of characters produced. */
int __libc_vformat(__libc_put_fn put, void *arg, const char *fmt, va_list ap);

/** Largest precision a floating-point conversion honours (larger ones are clamped). */
#define FMT_MAX_PREC 1100
/** Room for any floating-point conversion's text (309 integer digits, FMT_MAX_PREC more). */
#define FMT_FLOAT_BUF 1500

/** A floating-point conversion for __libc_format_float(): in, and out. */
struct __libc_float_spec {
	char conv;              /**< in: f F e E g G a A */
	int prec;               /**< in: the precision, -1 for the default */
	int alt;                /**< in: the '#' flag */
	int plus;               /**< in: the '+' flag */
	int space;              /**< in: the ' ' flag */
	int long_double;        /**< in: 'L': the argument is a long double */
	char sign;              /**< out: '-', '+', ' ', or 0 for none */
	int special;            /**< out: inf or nan (no zero padding) */
};

/** Fetch a double (or long double) from @p ap and write its conversion, without sign or
 *  padding, to @p buf (at most @p size characters); returns the length (format_float.c). */
int __libc_format_float(char *buf, size_t size, struct __libc_float_spec *fs, va_list *ap);

/** strtod's correction (strtod_exact.c): @p approx (positive, finite, within an ulp) moved
 *  to the double nearest dg[0..nd) * 10^e (digits 0..9; plus a little more if @p sticky). */
double __libc_strtod_correct(double approx, const char *dg, int nd, int e, int sticky);

/** Write @p len bytes at @p buf to the kernel console (the diagnostics call); 0 on
 *  success, -1 if the kernel refused. */
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
 *  The program break, grown with brk through VM; a static arena without VM (morecore.c). */
void *__libc_morecore(size_t bytes);

/** Set when a handler returns (signal.c): its signal's action has SA_RESTART, so a call
 *  it interrupted (EINTR) is made again (vfs.c, pm.c). */
extern volatile int __libc_restart;
/** Set when a handler returns (its trampoline): a terminal call that got EJOBCTL is then
 *  not made again unless the handler's action had SA_RESTART (vfs.c). */
extern volatile int __libc_handled;

/** Zero the @p size bytes at @p p (a request, so that no stack garbage of the caller
 *  reaches a server; @p size a constant multiple of 4, at most 64): one store per word,
 *  inline, and none for a word the caller sets next.  A 64-byte memset() costs twice as
 *  many instructions with its call. */
static inline void
__libc_clear(void *p, size_t size)
{
	uint32_t *w = p;

#pragma GCC unroll 16
	for (size_t i = 0; i < size / sizeof(*w); i++)
		w[i] = 0;
}

/** Does a VFS server run (KIF_VFS on the kernel information page)? */
int __libc_have_vfs(void);
/** Is the caller a system process (it must never wait for VFS: stdio uses the console)? */
int __libc_is_system(void);
/** Send file call @p type with *@p v to VFS; its answer (*@p v updated), or a negated
 *  errno (-ENOSYS without VFS). */
int __libc_vfs_call(int type, mess_vfs *v);
/** write() without errno: the count or a negated errno. */
int __libc_write_raw(int fd, const void *buf, size_t len);
/** A call naming @p path (relative to the directory fd @p dirfd, or AT_FDCWD) with
 *  @p flags and @p mode: the POSIX result (-1 and errno). */
int __libc_at_call(int type, int dirfd, const char *path, int flags, int mode);
/** Make @p v's name (@p second = 0) or name2 relative to the directory fd @p fd
 *  (AT_FDCWD: nothing to do). */
void __libc_set_dirfd(mess_vfs *v, int fd, int second);
/** POSIX convention: @p r >= 0 as it is, else -1 with errno = -@p r. */
int __libc_vfs_result(int r);

/** The clock rate (ticks per second) PM reports, for sysconf(_SC_CLK_TCK); 100 without PM
 *  (times.c). */
long __libc_clock_rate(void);
/** main's argv as the start-up code found it (crt0.S; NULL in a program started otherwise). */
extern char **__libc_argv;
/** getopt()'s place in argv[optind]: the next letter's index, 0 at a new word (getopt.c;
 *  getopt_long.c looks for a long option only at a new word). */
extern int __libc_optpos;

#endif /* LIBC_PRIVATE_H */
