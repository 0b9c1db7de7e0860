/*
 * vfs_path.c - the file calls that name a path, as requests to VFS (minnow/vfs.h): stat,
 * lstat, access, chdir, getcwd, mkdir, rmdir, unlink, link, rename, mknod, truncate, chmod,
 * chown, lchown, statvfs, getvfsstat (and open and openat, through __libc_at_call), and their *at
 * forms: fstatat, faccessat, mkdirat, unlinkat, linkat, renameat, mknodat, fchmodat,
 * fchownat.
 *
 * A path travels as its address and its length with the NUL; one longer than PATH_MAX is
 * refused here with ENAMETOOLONG, and an empty one with ENOENT, as POSIX wants.  An *at call
 * names its directory fd in the same request (mess_vfs dirfd, VFS_AT_DIRFD); the plain call
 * is the *at one with AT_FDCWD.  The flags go to VFS in the request, which refuses unknown
 * ones (EINVAL); the two that choose another request (fstatat's AT_SYMLINK_NOFOLLOW: lstat,
 * unlinkat's AT_REMOVEDIR: rmdir) are checked here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

/* Make v's first (second = 0) or second name relative to the directory fd (AT_FDCWD: the
 * working directory); VFS checks fd only if the name is relative (EBADF, ENOTDIR). */
void
__libc_set_dirfd(mess_vfs *v, int fd, int second)
{
	int16_t d = fd < 0 || fd > INT16_MAX ? -1 : (int16_t)fd;

	if (fd == AT_FDCWD)
		return;
	if (second) {
		v->dirfd2 = d;
		v->at |= VFS_AT_DIRFD2;
	} else {
		v->dirfd = d;
		v->at |= VFS_AT_DIRFD;
	}
}

/* A request naming path relative to dirfd, with flags, mode and a buffer (buf, len):
 * its POSIX result. */
static int
at_call(int type, int dirfd, const char *path, int flags, int mode, void *buf, size_t len)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	__libc_set_dirfd(&v, dirfd, 0);
	v.flags = flags;
	v.mode = mode;
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)len;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

/* A call naming path relative to dirfd, with flags and mode: its POSIX result. */
int
__libc_at_call(int type, int dirfd, const char *path, int flags, int mode)
{
	return at_call(type, dirfd, path, flags, mode, NULL, 0);
}

/* A request naming two paths, each relative to its directory fd, with flags. */
static int
two_path_call(int type, int fd1, const char *a, int fd2, const char *b, int flags)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(a, &v.name, &v.name_len)) != OK ||
	    (r = set_path(b, &v.name2, &v.name2_len)) != OK)
		return __libc_vfs_result(r);
	__libc_set_dirfd(&v, fd1, 0);
	__libc_set_dirfd(&v, fd2, 1);
	v.flags = flags;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

/* A call naming path (relative to dirfd) with an offset (truncate) or two ids (chown) in
 * offset_lo/hi. */
static int
path_offset_call(int type, int dirfd, const char *path, uint32_t lo, int32_t hi, int flags)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	__libc_set_dirfd(&v, dirfd, 0);
	v.offset_lo = lo;
	v.offset_hi = hi;
	v.flags = flags;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

int
fstatat(int fd, const char *path, struct stat *st, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return __libc_vfs_result(-EINVAL);
	return at_call((flags & AT_SYMLINK_NOFOLLOW) ? VFS_LSTAT : VFS_STAT, fd, path, 0, 0,
		       st, sizeof(*st));
}

int stat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, 0); }
int lstat(const char *path, struct stat *st)
{ return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW); }
int statvfs(const char *path, struct statvfs *buf)
{ return at_call(VFS_STATVFS, AT_FDCWD, path, 0, 0, buf, sizeof(*buf)); }
int faccessat(int fd, const char *path, int mode, int flags)
{ return at_call(VFS_ACCESS, fd, path, flags, mode, NULL, 0); }
int access(const char *path, int mode) { return faccessat(AT_FDCWD, path, mode, 0); }
int chdir(const char *path) { return __libc_at_call(VFS_CHDIR, AT_FDCWD, path, 0, 0); }
int chroot(const char *path) { return __libc_at_call(VFS_CHROOT, AT_FDCWD, path, 0, 0); }
int mkdirat(int fd, const char *path, mode_t mode)
{ return at_call(VFS_MKDIR, fd, path, 0, (int)mode, NULL, 0); }
int mkdir(const char *path, mode_t mode) { return mkdirat(AT_FDCWD, path, mode); }
int rmdir(const char *path) { return unlinkat(AT_FDCWD, path, AT_REMOVEDIR); }
int unlink(const char *path) { return unlinkat(AT_FDCWD, path, 0); }

int
unlinkat(int fd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return __libc_vfs_result(-EINVAL);
	return at_call((flags & AT_REMOVEDIR) ? VFS_RMDIR : VFS_UNLINK, fd, path, 0, 0, NULL, 0);
}

int fchmodat(int fd, const char *path, mode_t mode, int flags)
{ return at_call(VFS_CHMOD, fd, path, flags, (int)mode, NULL, 0); }
int chmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }
int linkat(int fd1, const char *old, int fd2, const char *new, int flags)
{ return two_path_call(VFS_LINK, fd1, old, fd2, new, flags); }
/* link() follows a symbolic link (POSIX leaves it open; linkat without the flag does not). */
int link(const char *old, const char *new)
{ return linkat(AT_FDCWD, old, AT_FDCWD, new, AT_SYMLINK_FOLLOW); }
int renameat(int fd1, const char *old, int fd2, const char *new)
{ return two_path_call(VFS_RENAME, fd1, old, fd2, new, 0); }
int rename(const char *old, const char *new)
{ return renameat(AT_FDCWD, old, AT_FDCWD, new); }

int
mknodat(int fd, const char *path, mode_t mode, dev_t dev)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	if ((r = set_path(path, &v.name, &v.name_len)) != OK)
		return __libc_vfs_result(r);
	__libc_set_dirfd(&v, fd, 0);
	v.mode = (int32_t)mode;
	v.offset_lo = dev;
	return __libc_vfs_result(__libc_vfs_call(VFS_MKNOD, &v));
}

int mknod(const char *path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }

int
truncate(const char *path, off_t length)
{
	return path_offset_call(VFS_TRUNCATE, AT_FDCWD, path, (uint32_t)length,
				(int32_t)(length >> 32), 0);
}

int
fchownat(int fd, const char *path, uid_t owner, gid_t group, int flags)
{
	return path_offset_call(VFS_CHOWN, fd, path, owner, (int32_t)group, flags);
}

int chown(const char *path, uid_t owner, gid_t group)
{ return fchownat(AT_FDCWD, path, owner, group, 0); }
int lchown(const char *path, uid_t owner, gid_t group)
{ return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW); }

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
	return __libc_at_call(VFS_UMOUNT, AT_FDCWD, dir, 0, 0);
}
