/*
 * fopen.c - streams on files: fopen, fdopen, freopen, fclose, and positioning (fseek,
 * ftell, rewind, fseeko, ftello, fgetpos, fsetpos).  A stream is malloc'ed and kept on __libc_streams so that exit() flushes it;
 * this file is separate so that programs that only print do not pull in the allocator.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc_private.h"

/* Mode string -> open flags and SF_ flags; -1 if the mode is bad. */
static int
parse_mode(const char *mode, int *oflags, int *sflags)
{
	int plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'r': *oflags = plus ? O_RDWR : O_RDONLY; break;
	case 'w': *oflags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC; break;
	case 'a': *oflags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND; break;
	default:
		return -1;
	}
	*sflags = plus ? SF_READ | SF_WRITE : mode[0] == 'r' ? SF_READ : SF_WRITE;
	return 0;
}

/* A new stream on fd with SF_ flags sflags, or NULL (ENOMEM). */
static FILE *
new_stream(int fd, int sflags)
{
	FILE *f = calloc(1, sizeof(*f));

	if (f == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	f->fd = fd;
	f->flags = sflags | SF_MALLOCED | SF_CHECKED;
	f->bufmode = -1;
	f->unget = -1;
	f->next = __libc_streams;
	__libc_streams = f;
	return f;
}

FILE *
fopen(const char *path, const char *mode)
{
	int oflags, sflags, fd;
	FILE *f;

	if (parse_mode(mode, &oflags, &sflags) != 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open(path, oflags, 0666)) < 0)
		return NULL;
	if ((f = new_stream(fd, sflags)) == NULL)
		close(fd);
	return f;
}

FILE *
fdopen(int fd, const char *mode)
{
	int oflags, sflags;

	if (parse_mode(mode, &oflags, &sflags) != 0) {
		errno = EINVAL;
		return NULL;
	}
	return new_stream(fd, sflags);
}

FILE *
freopen(const char *path, const char *mode, FILE *f)
{
	int oflags, sflags, fd;

	__libc_flush_stream(f);
	if (path == NULL || parse_mode(mode, &oflags, &sflags) != 0) {
		errno = path == NULL ? EBADF : EINVAL;	/* no mode changes in place */
		return NULL;
	}
	if ((fd = open(path, oflags, 0666)) < 0)
		return NULL;
	if (fd != f->fd) {                      /* keep the descriptor (stdin stays 0) */
		dup2(fd, f->fd);
		close(fd);
	}
	f->flags = (f->flags & (SF_MALLOCED | SF_CHECKED)) | sflags;
	f->rpos = f->rlen = f->wlen = 0;
	f->unget = -1;
	__libc_stdio_fd_changed(f->fd);         /* stdout, stderr: decide the console again */
	return f;
}

int
fclose(FILE *f)
{
	int r = __libc_flush_stream(f);
	FILE **pp;

	if (close(f->fd) != 0)
		r = EOF;
	if (!(f->flags & SF_MALLOCED))
		return r;
	for (pp = &__libc_streams; *pp != NULL; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	free(f);
	return r;
}

int
fseek(FILE *f, long offset, int whence)
{
	if (__libc_flush_stream(f) != 0)
		return -1;
	if (whence == SEEK_CUR && f->rpos < f->rlen)
		offset -= (long)(f->rlen - f->rpos) + (f->unget >= 0);
	f->rpos = f->rlen = 0;
	f->unget = -1;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~SF_EOF;
	return 0;
}

long
ftell(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return (long)(pos + (off_t)f->wlen - (off_t)(f->rlen - f->rpos) - (f->unget >= 0));
}

void
rewind(FILE *f)
{
	(void)fseek(f, 0, SEEK_SET);
	clearerr(f);
}

int fseeko(FILE *f, off_t offset, int whence) { return fseek(f, (long)offset, whence); }
off_t ftello(FILE *f) { return ftell(f); }
int fgetpos(FILE *f, fpos_t *pos) { return (*pos = ftell(f)) < 0 ? -1 : 0; }
int fsetpos(FILE *f, const fpos_t *pos) { return fseek(f, (long)*pos, SEEK_SET); }
