/**
 * @file stdio.h
 * @brief Buffered streams over file descriptors: fopen() and friends, printf() and
 * friends, stdin, stdout and stderr.
 *
 * A stream is a buffer in front of a file descriptor.  Buffering, decided at the first
 * use: @c stderr is flushed at the end of every call (one fprintf() is one write);
 * @c stdout is line-buffered on a terminal and fully buffered otherwise; streams from
 * fopen() are fully buffered; setvbuf() changes it.  Before anything is written to stderr,
 * stdout is flushed, and before stdin is read from a terminal, stdout is flushed, so
 * prompts appear and the two output streams stay in order.  exit() flushes every stream.
 *
 * The console fallback: a process with no file descriptor 1 or 2 still prints, on the
 * kernel console (sys_diagctl), instead of through VFS.  Decided at the first write to
 * stdout or stderr: without VFS; in a system process (it must never wait for VFS); in a
 * boot module (a test program: its environment is empty) unless it has dup2'ed a
 * descriptor onto fd 1 or 2 itself (as init does with /dev/console); and whenever a write
 * to fd 1 or 2 fails with EBADF or an IPC error.  A dup2 onto fd 1 or 2 makes the stream
 * decide again.  (So a program run with an empty environment, "env -i prog", prints on the
 * console even if its fd 1 is a file.)
 *
 * Conversions: %%d %%i %%u %%x %%X %%o %%c %%s %%p %%%%, flags '-' '0' '+' ' ' '#', a field
 * width and precision (numbers or '*'), length modifiers hh h l ll z t j.  No floating point
 * (user programs are built with -mgeneral-regs-only).
 *
 * Input conversions (scanf(), fscanf(), sscanf()): %%d %%i %%u %%x %%X %%o %%s %%c %%[...]
 * %%[^...] %%n %%p %%%%, '*' (assign nothing), a maximum field width, length modifiers hh h l
 * ll z t j.  No floating point (%%f %%e %%g end the conversion as a mismatch).
 */
#ifndef _POSIX_STDIO_H
#define _POSIX_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/** End of file, or an error, from the character functions. */
#define EOF     (-1)
/** Size of a stream's buffer. */
#define BUFSIZ  1024

#define _IOFBF  0       /**< setvbuf: fully buffered */
#define _IOLBF  1       /**< setvbuf: line buffered */
#define _IONBF  2       /**< setvbuf: flushed at the end of every call */

#ifndef SEEK_SET
#define SEEK_SET        0       /**< fseek: from the start */
#define SEEK_CUR        1       /**< fseek: from the current position */
#define SEEK_END        2       /**< fseek: from the end */
#endif

/** Longest file name a program should expect (PATH_MAX). */
#define FILENAME_MAX    256
/** Streams a process can have open at once (OPEN_MAX). */
#define FOPEN_MAX       32

/** A stream position (fgetpos, fsetpos). */
typedef off_t fpos_t;

/** A stream (opaque). */
typedef struct __stdio_file FILE;

/** Standard input (fd 0). */
extern FILE *stdin;
/** Standard output (fd 1): line-buffered on a terminal, else fully buffered. */
extern FILE *stdout;
/** Standard error (fd 2): flushed at the end of each call. */
extern FILE *stderr;

/** Open @p path with @p mode ("r", "w", "a", "r+", "w+", "a+", 'b' ignored): a stream, or
 *  NULL with errno. */
FILE *fopen(const char *path, const char *mode);
/** A stream on the open descriptor @p fd. */
FILE *fdopen(int fd, const char *mode);
/** Open @p path with @p mode on the stream @p f, which keeps its descriptor number (so
 *  freopen(path, "r", stdin) makes fd 0 the file): @p f, or NULL with errno (EBADF for a
 *  NULL @p path: changing the mode in place is not implemented). */
FILE *freopen(const char *path, const char *mode, FILE *f);
/** Flush and close @p f (and its descriptor); 0 or EOF. */
int fclose(FILE *f);
/** Read up to @p n items of @p size bytes: the number of whole items read. */
size_t fread(void *buf, size_t size, size_t n, FILE *f);
/** Write @p n items of @p size bytes: the number of whole items written. */
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
/** Read a line (at most @p size - 1 characters, with its '\\n') into @p buf: @p buf, or
 *  NULL at end of file or on error. */
char *fgets(char *buf, int size, FILE *f);
/** The next character as an unsigned char, or EOF. */
int fgetc(FILE *f);
/** Same as fgetc(). */
int getc(FILE *f);
/** fgetc(stdin). */
int getchar(void);
/** Push @p c back (one character): @p c, or EOF. */
int ungetc(int c, FILE *f);
/** Has end of file been seen on @p f? */
int feof(FILE *f);
/** Has an error occurred on @p f? */
int ferror(FILE *f);
/** Clear @p f's end-of-file and error indicators. */
void clearerr(FILE *f);
/** The descriptor under @p f. */
int fileno(FILE *f);
/** Set @p f's buffering (_IOFBF, _IOLBF, _IONBF); @p buf and @p size are ignored (the
 *  stream keeps its own buffer).  Only before the first I/O on @p f. */
int setvbuf(FILE *f, char *buf, int mode, size_t size);
/** Move @p f's position (flushing it first). */
int fseek(FILE *f, long offset, int whence);
/** @p f's position. */
long ftell(FILE *f);
/** fseek() with an off_t. */
int fseeko(FILE *f, off_t offset, int whence);
/** ftell() as an off_t. */
off_t ftello(FILE *f);
/** Store @p f's position in *@p pos: 0 or -1. */
int fgetpos(FILE *f, fpos_t *pos);
/** Go back to the position *@p pos from fgetpos(). */
int fsetpos(FILE *f, const fpos_t *pos);
/** setvbuf(@p f, @p buf, @p buf ? _IOFBF : _IONBF, BUFSIZ). */
void setbuf(FILE *f, char *buf);
/** fseek(f, 0, SEEK_SET) and clearerr(f). */
void rewind(FILE *f);

/** Format to stdout; returns the number of characters produced. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** printf() with a va_list. */
int vprintf(const char *fmt, va_list ap);
/** Format to @p f. */
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** fprintf() with a va_list. */
int vfprintf(FILE *f, const char *fmt, va_list ap);
/** Format into @p buf of @p size bytes, always NUL-terminated if @p size > 0; returns the
 *  length the whole text has (a result >= @p size means it was truncated). */
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** snprintf() with a va_list. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/** Format into @p buf, which must be large enough. */
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** sprintf() with a va_list. */
int vsprintf(char *buf, const char *fmt, va_list ap);

/** Format into a malloc'ed string stored in *@p out: its length, or -1 (errno ENOMEM; then
 *  *@p out is undefined). */
int asprintf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** asprintf() with a va_list. */
int vasprintf(char **out, const char *fmt, va_list ap);
/** Format to descriptor @p fd (no stream). */
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Read from stdin by @p fmt: the number of assigned conversions, or EOF if input ended
 *  (or failed) before the first conversion. */
int scanf(const char *fmt, ...) __attribute__((format(scanf, 1, 2)));
/** scanf() from @p f. */
int fscanf(FILE *f, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
/** scanf() from the string @p s (its end is end of file). */
int sscanf(const char *s, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
/** scanf() with a va_list. */
int vscanf(const char *fmt, va_list ap);
/** fscanf() with a va_list. */
int vfscanf(FILE *f, const char *fmt, va_list ap);
/** sscanf() with a va_list. */
int vsscanf(const char *s, const char *fmt, va_list ap);

/** Run @p command with "/bin/sh -c", its standard output (@p mode "r") or input ("w")
 *  connected to the stream returned; NULL with errno (EINVAL: bad mode). */
FILE *popen(const char *command, const char *mode);
/** Close a stream from popen() and wait for its command: the wait status, or -1 with errno
 *  (ECHILD: not a popen stream). */
int pclose(FILE *f);
/** A new temporary file opened "w+", removed already (it goes when closed): NULL with errno
 *  on failure.  It is made in /tmp. */
FILE *tmpfile(void);
/** Directory of temporary files. */
#define P_tmpdir        "/tmp"
/** Bytes of the buffer ctermid() fills ("/dev/tty" and its NUL, with room to spare). */
#define L_ctermid       16
/** Bytes of a login name with its NUL: the size of cuserid()'s buffer. */
#define L_cuserid       32
/** The name of the effective user id in /etc/passwd, copied into @p s (L_cuserid bytes)
 *  or, if @p s is NULL, a static buffer; an empty string in @p s if the id has no name
 *  (then NULL if @p s is NULL).  Older POSIX; getlogin() names the real user. */
char *cuserid(char *s);
/** The path of the controlling terminal ("/dev/tty"), copied into @p s (L_ctermid bytes)
 *  or, if @p s is NULL, a static buffer. */
char *ctermid(char *s);
/** Remove the file or empty directory @p path. */
int remove(const char *path);

/** Read a line of @p f, its '\\n' included, into *@p line (a malloc'ed buffer of *@p cap
 *  bytes, or NULL: it is allocated or grown as needed): the characters read, or -1 at end
 *  of file (or on error, with errno: EINVAL, ENOMEM). */
ssize_t getline(char **line, size_t *cap, FILE *f);
/** getline() up to @p delim instead of '\\n'. */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);

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
/** Write @p f's buffered text now; fflush(NULL) flushes every stream.  0, or EOF. */
int fflush(FILE *f);

/** Print "@p s: <message for errno>" on stderr (just the message if @p s is NULL or ""). */
void perror(const char *s);
/** Rename @p old to @p new (through VFS). */
int rename(const char *old, const char *new);
/** rename() with each path relative to its directory fd (AT_FDCWD: the working
 *  directory). */
int renameat(int fd1, const char *old, int fd2, const char *new);

#endif /* _POSIX_STDIO_H */
