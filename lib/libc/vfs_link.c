/*
 * vfs_link.c - symbolic links and file times, as requests to VFS (minnow/vfs.h): symlink,
 * symlinkat, readlink, readlinkat (lstat is in vfs_path.c), utimensat, futimens, and utime,
 * utimes, futimes and lutimes on top of them.  A directory fd travels in the request
 * (mess_vfs dirfd).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <minnow/vfs.h>
#include "libc_private.h"

/* (name, name_len) of path in v: OK, or -1 with errno (ENOENT, ENAMETOOLONG, EFAULT). */
static int
put_path(const char *path, uint32_t *name, uint32_t *name_len)
{
	size_t n;

	if (path == NULL)
		return __libc_vfs_result(-EFAULT);
	n = strnlen(path, PATH_MAX);
	if (n >= PATH_MAX || n == 0)
		return __libc_vfs_result(n == 0 ? -ENOENT : -ENAMETOOLONG);
	*name = (uint32_t)(uintptr_t)path;
	*name_len = (uint32_t)n + 1;
	return 0;
}

int
symlinkat(const char *target, int fd, const char *path)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	if (put_path(target, &v.name, &v.name_len) < 0 ||
	    put_path(path, &v.name2, &v.name2_len) < 0)
		return -1;
	__libc_set_dirfd(&v, fd, 1);
	return __libc_vfs_result(__libc_vfs_call(VFS_SYMLINK, &v));
}

int
symlink(const char *target, const char *path)
{
	return symlinkat(target, AT_FDCWD, path);
}

ssize_t
readlinkat(int fd, const char *path, char *buf, size_t len)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	if (put_path(path, &v.name, &v.name_len) < 0)
		return -1;
	__libc_set_dirfd(&v, fd, 0);
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = len > PATH_MAX ? PATH_MAX : (uint32_t)len;
	return __libc_vfs_result(__libc_vfs_call(VFS_READLINK, &v));
}

ssize_t
readlink(const char *path, char *buf, size_t len)
{
	return readlinkat(AT_FDCWD, path, buf, len);
}

int
utimensat(int fd, const char *path, const struct timespec times[2], int flags)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	if (put_path(path, &v.name, &v.name_len) < 0)
		return -1;
	__libc_set_dirfd(&v, fd, 0);
	v.buf = (uint32_t)(uintptr_t)times;
	v.flags = flags;
	return __libc_vfs_result(__libc_vfs_call(VFS_UTIMENS, &v));
}

int
futimens(int fd, const struct timespec times[2])
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.buf = (uint32_t)(uintptr_t)times;
	return __libc_vfs_result(__libc_vfs_call(VFS_FUTIMENS, &v));
}

int
utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (times == NULL)
		return utimensat(AT_FDCWD, path, NULL, 0);
	ts[0].tv_sec = times->actime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = times->modtime;
	ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}

/* The timespecs of two timevals (NULL: NULL, both now): ts, or NULL with errno EINVAL
 * (*bad set) for a tv_usec outside [0, 10^6). */
static const struct timespec *
timeval_ts(const struct timeval tv[2], struct timespec ts[2], int *bad)
{
	int i;

	*bad = 0;
	if (tv == NULL)
		return NULL;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) {
			*bad = 1;
			errno = EINVAL;
			return NULL;
		}
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000L;
	}
	return ts;
}

/* utimensat(AT_FDCWD, path, tv as timespecs, flags). */
static int
path_utimes(const char *path, const struct timeval tv[2], int flags)
{
	struct timespec ts[2];
	const struct timespec *t;
	int bad;

	t = timeval_ts(tv, ts, &bad);
	return bad ? -1 : utimensat(AT_FDCWD, path, t, flags);
}

int
utimes(const char *path, const struct timeval tv[2])
{
	return path_utimes(path, tv, 0);
}

/* utimes() of an open file (BSD). */
int
futimes(int fd, const struct timeval tv[2])
{
	struct timespec ts[2];
	const struct timespec *t;
	int bad;

	t = timeval_ts(tv, ts, &bad);
	return bad ? -1 : futimens(fd, t);
}

/* utimes() of a symbolic link itself, not of its target (BSD). */
int
lutimes(const char *path, const struct timeval tv[2])
{
	return path_utimes(path, tv, AT_SYMLINK_NOFOLLOW);
}
