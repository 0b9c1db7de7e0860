/*
 * fileio.c - file calls at an offset and over vectors: pread, pwrite (VFS_PREAD,
 * VFS_PWRITE: the descriptor's position stays), readv, writev (<sys/uio.h>), and mkfifo
 * (mknod of S_IFIFO).
 *
 * readv and writev are one read() or write() of a buffer the vectors are gathered into (or
 * scattered from), so a writev to a pipe of at most PIPE_BUF bytes is as atomic as a
 * write; a single vector is passed straight through.  No vectors at all (n == 0) transfer
 * nothing: 0, once the descriptor is known to be open for that direction (EBADF if not),
 * as on BSD and Linux (POSIX lets n <= 0 fail with EINVAL; Minnow keeps EINVAL for n < 0
 * and n > IOV_MAX).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <minnow/vfs.h>
#include "libc_private.h"

/* VFS_PREAD or VFS_PWRITE of (buf, len) at off. */
static ssize_t
rw_at(int type, int fd, const void *buf, size_t len, off_t off)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)len;
	v.offset_lo = (uint32_t)off;
	v.offset_hi = (int32_t)(off >> 32);
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

ssize_t
pread(int fd, void *buf, size_t len, off_t off)
{
	return rw_at(VFS_PREAD, fd, buf, len, off);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return rw_at(VFS_PWRITE, fd, buf, len, off);
}

/* A readv or writev of no vectors: 0 if fd is open for reading (want O_RDONLY) or writing
 * (O_WRONLY), else -1 with errno EBADF. */
static ssize_t
no_vectors(int fd, int want)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	if ((fl & O_ACCMODE) != want && (fl & O_ACCMODE) != O_RDWR) {
		errno = EBADF;
		return -1;
	}
	return 0;
}

/* The bytes n vectors hold: -1 with errno EINVAL if n or the sum is out of range. */
static ssize_t
iov_total(const struct iovec *iov, int n)
{
	size_t total = 0;
	int i;

	if (n < 0 || n > IOV_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total) {
			errno = EINVAL;
			return -1;
		}
		total += iov[i].iov_len;
	}
	return (ssize_t)total;
}

/* A buffer for the total bytes of n vectors, or NULL with errno (EINVAL: n or the sum out
 * of range, ENOMEM). */
static char *
vec_buf(const struct iovec *iov, int n, ssize_t *total)
{
	return (*total = iov_total(iov, n)) < 0 ? NULL
	       : malloc(*total > 0 ? (size_t)*total : 1);
}

ssize_t
readv(int fd, const struct iovec *iov, int n)
{
	ssize_t total, got, at = 0;
	char *buf;
	int i;

	if (n == 1)
		return read(fd, iov[0].iov_base, iov[0].iov_len);
	if (n == 0)
		return no_vectors(fd, O_RDONLY);
	if ((buf = vec_buf(iov, n, &total)) == NULL)
		return -1;
	if ((got = read(fd, buf, (size_t)total)) > 0) {
		for (i = 0; i < n && at < got; i++) {
			size_t k = (size_t)(got - at) < iov[i].iov_len ? (size_t)(got - at)
			                                                 : iov[i].iov_len;
			memcpy(iov[i].iov_base, buf + at, k);
			at += (ssize_t)k;
		}
	}
	free(buf);
	return got;
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	ssize_t total, r, at = 0;
	char *buf;
	int i;

	if (n == 1)
		return write(fd, iov[0].iov_base, iov[0].iov_len);
	if (n == 0)
		return no_vectors(fd, O_WRONLY);
	if ((buf = vec_buf(iov, n, &total)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		memcpy(buf + at, iov[i].iov_base, iov[i].iov_len);
		at += (ssize_t)iov[i].iov_len;
	}
	r = write(fd, buf, (size_t)total);
	free(buf);
	return r;
}

int
mkfifo(const char *path, mode_t mode)
{
	return mknodat(AT_FDCWD, path, S_IFIFO | (mode & 07777), 0);
}

int
mkfifoat(int fd, const char *path, mode_t mode)
{
	return mknodat(fd, path, S_IFIFO | (mode & 07777), 0);
}
