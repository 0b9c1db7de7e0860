/*
 * stdio.c - the three standard streams, flushing, and the character output functions.
 *
 * A stream (libc_private.h) is a buffer in front of a file descriptor.  Its buffering is
 * decided at its first use (decide_mode): stderr is flushed at the end of every call
 * (_IONBF here means "one write per call", not one per character), stdout is line-buffered
 * on a terminal and fully buffered otherwise, fopen'ed streams are fully buffered.
 * Before anything goes to stderr, stdout is flushed, so the two stay in order.
 *
 * The console fallback (check_console, write_out): a process without VFS, a system process
 * (which must never wait for VFS), a boot module (a test program: empty environment) that
 * has not dup2'ed a descriptor onto fd 1/2 itself, and a process whose write to fd 1 or 2
 * fails with EBADF or an IPC error print on the kernel console through
 * __libc_console_write() (sysdeps.c) instead.  The decision is made at the first write and
 * made again after a dup2 onto fd 1 or 2 (init opening /dev/console).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "libc_private.h"

static struct __stdio_file stdin_file = { .fd = 0, .flags = SF_READ, .bufmode = -1,
                                          .unget = -1 };
static struct __stdio_file stdout_file = { .fd = 1, .flags = SF_WRITE, .bufmode = -1,
                                           .unget = -1 };
static struct __stdio_file stderr_file = { .fd = 2, .flags = SF_WRITE, .bufmode = _IONBF,
                                           .unget = -1 };

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;
struct __stdio_file *__libc_streams;
int __libc_stdio_dup2;

/* Would error r (negated) on fd 1 or 2 mean "there is no such output: use the console"?
 * Yes for no such descriptor, no VFS, and any IPC failure (VFS unreachable, dead, or the
 * caller itself sitting in VFS's slot, as test programs that play VFS do). */
static int
no_output(FILE *f, int r)
{
	if (f->fd != 1 && f->fd != 2)
		return 0;
	switch (-r) {
	case EBADF: case ENOSYS: case ELOCKED: case EBADCALL: case ECALLDENIED:
	case EDEADSRCDST: case ENOTREADY: case EBADREQUEST: case ETRAPDENIED:
	case EDEADEPT: case EBADEPT:
		return 1;
	default:
		return 0;
	}
}

/* Was the process started by the kernel as a boot module (or forked from one)?  Those
 * have an empty environment; programs exec'd by init and the shell have PATH at least. */
static int
boot_process(void)
{
	return environ == NULL || environ[0] == NULL;
}

/* Should f's output go to the console?  Decided at the first write, for fd 1 and 2:
 * without VFS, in a system process, and in a boot process (a test program, whose VFS may
 * be a test playing VFS) that has not put a descriptor there itself with dup2. */
static void
check_console(FILE *f)
{
	if (f->flags & SF_CHECKED)
		return;
	f->flags |= SF_CHECKED;
	if ((f->fd == 1 || f->fd == 2) && (!__libc_have_vfs() || __libc_is_system() ||
	                                   (boot_process() && !__libc_stdio_dup2)))
		f->flags |= SF_CONSOLE;
}

void
__libc_stdio_fd_changed(int fd)
{
	FILE *f = fd == 1 ? stdout : fd == 2 ? stderr : NULL;

	if (fd == 1 || fd == 2)
		__libc_stdio_dup2 = 1;
	if (f == NULL)
		return;
	__libc_flush_stream(f);
	f->flags &= ~(SF_CHECKED | SF_CONSOLE);
	if (f == stdout)
		f->bufmode = -1;
}

/* Pick f's buffering at its first use: stdout is line-buffered on a terminal and on the
 * console (whole lines, even when several processes print), fully buffered otherwise. */
static void
decide_mode(FILE *f)
{
	if (f->bufmode >= 0)
		return;
	f->bufmode = _IOFBF;
	if (f != stdout)
		return;
	check_console(f);
	if ((f->flags & SF_CONSOLE) || isatty(1))
		f->bufmode = _IOLBF;
	else if (no_output(f, -errno)) {
		f->flags |= SF_CONSOLE;
		f->bufmode = _IOLBF;
	}
}

/* Write len bytes at p for f: 0, or EOF with errno and the error flag. */
static int
write_out(FILE *f, const char *p, size_t len)
{
	int r;

	check_console(f);
	while (len > 0) {
		if (f->flags & SF_CONSOLE)
			return __libc_console_write(p, len) == 0 ? 0 : EOF;
		r = __libc_write_raw(f->fd, p, len);
		if (r == -EINTR)
			continue;
		if (r < 0 && no_output(f, r)) {
			f->flags |= SF_CONSOLE;
			continue;
		}
		if (r <= 0) {
			errno = r < 0 ? -r : EIO;
			f->flags |= SF_ERR;
			return EOF;
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

int
__libc_flush_stream(FILE *f)
{
	int r = 0;

	if (f->wlen > 0)
		r = write_out(f, f->buf, f->wlen);
	f->wlen = 0;
	return r;
}

int
fflush(FILE *f)
{
	int r = 0;

	if (f != NULL)
		return __libc_flush_stream(f);
	r |= __libc_flush_stream(stdout);
	r |= __libc_flush_stream(stderr);
	for (f = __libc_streams; f != NULL; f = f->next)
		r |= __libc_flush_stream(f);
	return r ? EOF : 0;
}

/* Start an output call on f: 0, or -1 (errno EBADF) if f is not open for writing. */
static int
stream_begin(FILE *f)
{
	if (f == NULL || !(f->flags & SF_WRITE)) {
		errno = EBADF;
		return -1;
	}
	decide_mode(f);
	if (f->rlen > 0) {              /* switching from reading: drop what was read ahead */
		if (f->rpos < f->rlen)
			(void)lseek(f->fd, -(off_t)(f->rlen - f->rpos), SEEK_CUR);
		f->rpos = f->rlen = 0;
		f->unget = -1;
	}
	if (f == stderr)
		__libc_flush_stream(stdout);
	return 0;
}

/* End an output call: flush an unbuffered stream; EOF if a write failed. */
static int
stream_end(FILE *f)
{
	if (f->bufmode == _IONBF)
		__libc_flush_stream(f);
	return (f->flags & SF_ERR) ? EOF : 0;
}

/* Add one character to f's buffer (the __libc_put_fn of vfprintf). */
static void
stream_put(int c, void *arg)
{
	FILE *f = arg;

	f->buf[f->wlen++] = (char)c;
	if (f->wlen == sizeof(f->buf) || (c == '\n' && f->bufmode == _IOLBF))
		__libc_flush_stream(f);
}

int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
	int n;

	if (stream_begin(f) != 0)
		return -1;
	n = __libc_vformat(stream_put, f, fmt, ap);
	return stream_end(f) == 0 ? n : -1;
}

int
fputc(int c, FILE *f)
{
	if (stream_begin(f) != 0)
		return EOF;
	stream_put(c, f);
	return stream_end(f) == 0 ? (unsigned char)c : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int
fputs(const char *s, FILE *f)
{
	if (stream_begin(f) != 0)
		return EOF;
	while (*s != '\0')
		stream_put(*s++, f);
	return stream_end(f);
}

int
puts(const char *s)
{
	if (stream_begin(stdout) != 0)
		return EOF;
	while (*s != '\0')
		stream_put(*s++, stdout);
	stream_put('\n', stdout);
	return stream_end(stdout);
}

size_t
fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	const char *p = buf;
	size_t total = size * n, i;

	if (total == 0 || stream_begin(f) != 0)
		return 0;
	for (i = 0; i < total && !(f->flags & SF_ERR); i++)
		stream_put(p[i], f);
	if (stream_end(f) != 0)
		return i / size;
	return n;
}

int
setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	(void)buf;
	(void)size;
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	f->bufmode = mode;
	return 0;
}

void
setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf != NULL ? _IOFBF : _IONBF, BUFSIZ);
}

int feof(FILE *f) { return (f->flags & SF_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & SF_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(SF_EOF | SF_ERR); }
int fileno(FILE *f) { return f->fd; }
