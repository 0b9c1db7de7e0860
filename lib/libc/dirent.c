/*
 * dirent.c - reading directories: opendir, readdir, closedir over getdents().
 *
 * A DIR holds the open descriptor and a buffer of raw records (struct dirent of variable
 * length, d_reclen bytes each) that getdents() filled; readdir() steps through them and
 * refills the buffer when it is used up.  A place in the stream (telldir) is the number
 * of entries readdir() has returned since the start: seekdir goes back to the start and
 * reads that many again, so a place stays good while the directory does not change.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define DIRBUF_SIZE 2048

struct __dirstream {
	int fd;                 /* the open directory */
	int len;                /* bytes of records in buf */
	int pos;                /* offset of the next record */
	long count;             /* entries readdir() returned since the start */
	struct dirent entry;    /* the entry readdir() hands out (aligned, whole) */
	char buf[DIRBUF_SIZE];  /* records from getdents() */
};

DIR *
opendir(const char *path)
{
	DIR *d;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if ((d = malloc(sizeof(*d))) == NULL) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	d->len = d->pos = 0;
	d->count = 0;
	return d;
}

struct dirent *
readdir(DIR *d)
{
	struct dirent *rec;
	int n;

	if (d->pos >= d->len) {
		n = getdents(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;    /* end (errno unchanged) or an error (errno set) */
		d->len = n;
		d->pos = 0;
	}
	rec = (struct dirent *)(d->buf + d->pos);
	if (rec->d_reclen == 0 || d->pos + rec->d_reclen > d->len) {
		d->pos = d->len;        /* a broken record: stop here */
		errno = EIO;
		return NULL;
	}
	d->pos += rec->d_reclen;
	d->count++;
	d->entry.d_ino = rec->d_ino;
	d->entry.d_reclen = rec->d_reclen;
	d->entry.d_type = rec->d_type;
	d->entry.d_namlen = rec->d_namlen < sizeof(d->entry.d_name) ?
	                    rec->d_namlen : sizeof(d->entry.d_name) - 1;
	for (n = 0; n < d->entry.d_namlen; n++)
		d->entry.d_name[n] = rec->d_name[n];
	d->entry.d_name[n] = '\0';
	return &d->entry;
}

int
closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void
rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->len = d->pos = 0;
	d->count = 0;
}

long
telldir(DIR *d)
{
	return d->count;
}

void
seekdir(DIR *d, long loc)
{
	int save = errno;

	rewinddir(d);
	while (d->count < loc && readdir(d) != NULL)
		;
	errno = save;
}

int
dirfd(DIR *d)
{
	return d->fd;
}
