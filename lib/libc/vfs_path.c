/*
 * vfs_path.c - the file calls that name a path, as requests to VFS (minnow/vfs.h): stat,
 * lstat, access, chdir, getcwd, mkdir, rmdir, unlink, link, rename, mknod, truncate, chmod,
 * chown, statvfs, getvfsstat (and open, through __libc_path_call).
 *
 * A path travels as its address and its length with the NUL; one longer than PATH_MAX is
 * refused here with ENAMETOOLONG, and an empty one with ENOENT, as POSIX wants.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <minnow/vfs.h>
#include "libc_private.h"

/* Put path into (name, name_len) of v: OK or a negated errno. */
static int
set_path(const char *path, uint32_t *name, uint32_t *name_len)
{
	size_t n;

	if (path == NULL)
		return -EFAULT;
	n = strnlen(path, PATH_MAX);
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	*name = (uint32_t)(uintptr_t)path;
	*name_len = (uint32_t)n + 1;
	return OK;
}

/* A call naming path, with flags and mode: its POSIX result. */
int
__libc_path_call(int type, const char *path, int flags, int mode)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	v.flags = flags;
	v.mode = mode;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

/* A call naming path with a buffer (buf, len). */
static int
path_buf_call(int type, const char *path, void *buf, size_t len)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)len;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

/* A call naming two paths. */
static int
two_path_call(int type, const char *a, const char *b)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(a, &v.name, &v.name_len)) != OK ||
	    (r = set_path(b, &v.name2, &v.name2_len)) != OK)
		return __libc_vfs_result(r);
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

/* A call naming path with an offset (truncate) or two ids (chown) in offset_lo/hi. */
static int
path_offset_call(int type, const char *path, uint32_t lo, int32_t hi)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	v.offset_lo = lo;
	v.offset_hi = hi;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

int stat(const char *path, struct stat *st)
{ return path_buf_call(VFS_STAT, path, st, sizeof(*st)); }
int lstat(const char *path, struct stat *st)
{ return path_buf_call(VFS_LSTAT, path, st, sizeof(*st)); }
int statvfs(const char *path, struct statvfs *buf)
{ return path_buf_call(VFS_STATVFS, path, buf, sizeof(*buf)); }
int access(const char *path, int mode) { return __libc_path_call(VFS_ACCESS, path, 0, mode); }
int chdir(const char *path) { return __libc_path_call(VFS_CHDIR, path, 0, 0); }
int chroot(const char *path) { return __libc_path_call(VFS_CHROOT, path, 0, 0); }
int mkdir(const char *path, mode_t mode)
{ return __libc_path_call(VFS_MKDIR, path, 0, (int)mode); }
int rmdir(const char *path) { return __libc_path_call(VFS_RMDIR, path, 0, 0); }
int unlink(const char *path) { return __libc_path_call(VFS_UNLINK, path, 0, 0); }
int chmod(const char *path, mode_t mode)
{ return __libc_path_call(VFS_CHMOD, path, 0, (int)mode); }
int link(const char *old, const char *new) { return two_path_call(VFS_LINK, old, new); }
int rename(const char *old, const char *new) { return two_path_call(VFS_RENAME, old, new); }
int mknod(const char *path, mode_t mode, dev_t dev)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	v.mode = (int32_t)mode;
	v.offset_lo = dev;
	return __libc_vfs_result(__libc_vfs_call(VFS_MKNOD, &v));
}

int
truncate(const char *path, off_t length)
{
	return path_offset_call(VFS_TRUNCATE, path, (uint32_t)length, (int32_t)(length >> 32));
}

int
chown(const char *path, uid_t owner, gid_t group)
{
	return path_offset_call(VFS_CHOWN, path, owner, (int32_t)group);
}

char *
getcwd(char *buf, size_t size)
{
	mess_vfs v;
	int r;

	if (buf == NULL || size == 0) {
		errno = EINVAL;
		return NULL;
	}
	memset(&v, 0, sizeof(v));
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)size;
	if ((r = __libc_vfs_call(VFS_GETCWD, &v)) < 0) {
		errno = -r;
		return NULL;
	}
	return buf;
}

int
getvfsstat(struct statvfs *buf, size_t bufsize)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)bufsize;
	return __libc_vfs_result(__libc_vfs_call(VFS_GETVFSSTAT, &v));
}

int
mount(const char *special, const char *dir, const char *label, int flags)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(special, &v.name, &v.name_len)) != OK ||
	    (r = set_path(dir, &v.name2, &v.name2_len)) != OK)
		return __libc_vfs_result(r);
	if (label == NULL)
		return __libc_vfs_result(-EFAULT);
	v.buf = (uint32_t)(uintptr_t)label;
	v.len = (uint32_t)strlen(label) + 1;
	v.flags = flags;
	return __libc_vfs_result(__libc_vfs_call(VFS_MOUNT, &v));
}

int
umount(const char *dir)
{
	return __libc_path_call(VFS_UMOUNT, dir, 0, 0);
}
