/*
 * stdio_in.c - the character input functions: fgetc, getc, getchar, ungetc, fgets, fread.
 *
 * A stream reads ahead into its buffer (fill); while it holds unread characters, nothing
 * is written through it (stdio.c drops them and moves the file position back before a
 * write).  Before reading stdin, stdout is flushed, so a prompt appears before the program
 * waits for its answer.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "libc_private.h"

/* Refill f's buffer: 1 if there are characters, 0 at end of file or on error. */
static int
fill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & SF_READ)) {
		f->flags |= SF_ERR;
		errno = EBADF;
		return 0;
	}
	__libc_flush_stream(f);         /* switching from writing */
	if (f == stdin)
		__libc_flush_stream(stdout);
	do
		n = read(f->fd, f->buf, sizeof(f->buf));
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		f->flags |= n == 0 ? SF_EOF : SF_ERR;
		f->rpos = f->rlen = 0;
		return 0;
	}
	f->rpos = 0;
	f->rlen = (size_t)n;
	return 1;
}

int
fgetc(FILE *f)
{
	int c;

	if (f->unget >= 0) {
		c = f->unget;
		f->unget = -1;
		return c;
	}
	if (f->rpos >= f->rlen && !fill(f))
		return EOF;
	return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int
ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget >= 0)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~SF_EOF;
	return c;
}

char *
fgets(char *buf, int size, FILE *f)
{
	int i = 0, c;

	if (size <= 0)
		return NULL;
	while (i < size - 1 && (c = fgetc(f)) != EOF) {
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	buf[i] = '\0';
	return i > 0 ? buf : NULL;
}

size_t
fread(void *buf, size_t size, size_t n, FILE *f)
{
	char *p = buf;
	size_t total = size * n, i;
	int c;

	if (total == 0)
		return 0;
	for (i = 0; i < total && (c = fgetc(f)) != EOF; i++)
		p[i] = (char)c;
	return i / size;
}
