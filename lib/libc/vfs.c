/*
 * vfs.c - the file calls on descriptors, as requests to VFS (minnow/vfs.h): read, write,
 * lseek, open, creat, close, pipe, pipe2, dup, dup2, fcntl, ioctl, fstat, fchdir, getdents,
 * fchmod, fchown, ftruncate, umask, sync, select.  The calls that name a path are in
 * vfs_path.c.
 *
 * Each call is one SENDREC of a mess_vfs to VFS_PROC_NR; VFS answers a non-negative result
 * or a negated errno, which becomes -1 with errno.  A call that a signal's handler
 * interrupted (EINTR) is sent again if the handler's action had SA_RESTART, but select.  Whether VFS runs at all is on the
 * kernel information page (KIF_VFS): without it every call fails with ENOSYS, and stdio
 * falls back to the kernel console (stdio.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <termios.h>
#include <minnow/ipcstub.h>
#include <minnow/kerninfo.h>
#include <minnow/vfs.h>
#include "libc_private.h"

#ifndef KIF_VFS
/* The kernel information page flag "a VFS server runs" (being added to minnow/kerninfo.h
 * with VFS; this fallback keeps libc building until then). */
#define KIF_VFS         0x08
#endif

int
__libc_have_vfs(void)
{
	const struct minnow_kerninfo *ki = (const struct minnow_kerninfo *)KERNINFO_ADDR;

	return (ki->ki_flags & KIF_VFS) != 0;
}

/* A call a handler with SA_RESTART interrupted is made again, but select (and so sleep and
 * nanosleep), which POSIX never restarts.  A terminal call of a background process
 * (EJOBCTL: its group was sent SIGTTIN or SIGTTOU, which stopped it) is made again when it
 * goes on, unless a handler without SA_RESTART ran meanwhile (EINTR).  *v takes the
 * answer that ends the call, so a call made again sends the request unchanged; an IPC
 * error (never EINTR or EJOBCTL) ends it with *v as it was. */
int
__libc_vfs_call(int type, mess_vfs *v)
{
	message m;
	int r;

	if (!__libc_have_vfs())
		return -ENOSYS;
	for (;;) {
		__libc_restart = 0;
		__libc_handled = 0;
		m.m_source = 0;		/* with m_type and m_vfs, all of m: nothing left to clear */
		m.m_type = type;
		m.m_vfs = *v;
		if ((r = ipc_sendrec(VFS_PROC_NR, &m)) != OK)
			return r < 0 ? r : -r;
		r = m.m_type;
		if (r == -EJOBCTL && __libc_handled && !__libc_restart)
			r = -EINTR;
		else if (r == -EJOBCTL ||
			 (r == -EINTR && __libc_restart && type != VFS_SELECT))
			continue;
		*v = m.m_vfs;
		return r;
	}
}

int
__libc_vfs_result(int r)
{
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

/* A call on descriptor fd with a buffer (buf, len). */
static int
fd_buf_call(int type, int fd, const void *buf, size_t len)
{
	mess_vfs v;

	__libc_clear(&v, sizeof(v));
	v.fd = fd;
	v.buf = (uint32_t)(uintptr_t)buf;
	v.len = (uint32_t)len;
	return __libc_vfs_call(type, &v);
}

ssize_t
read(int fd, void *buf, size_t len)
{
	return __libc_vfs_result(fd_buf_call(VFS_READ, fd, buf, len));
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	return __libc_vfs_result(fd_buf_call(VFS_WRITE, fd, buf, len));
}

int
__libc_write_raw(int fd, const void *buf, size_t len)
{
	return fd_buf_call(VFS_WRITE, fd, buf, len);
}

off_t
lseek(int fd, off_t offset, int whence)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.mode = whence;
	v.offset_lo = (uint32_t)offset;
	v.offset_hi = (int32_t)(offset >> 32);
	if ((r = __libc_vfs_call(VFS_LSEEK, &v)) < 0)
		return __libc_vfs_result(r);
	return ((off_t)v.offset_hi << 32) | v.offset_lo;
}

/* openat() with the mode (if O_CREAT) still in ap. */
static int
open_va(int fd, const char *path, int flags, va_list ap)
{
	mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;

	return __libc_at_call(VFS_OPEN, fd, path, flags, (int)mode);
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_va(AT_FDCWD, path, flags, ap);
	va_end(ap);
	return r;
}

int
openat(int fd, const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_va(fd, path, flags, ap);
	va_end(ap);
	return r;
}

int
creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* A call whose only argument is a descriptor. */
static int
fd_call(int type, int fd, int fd2)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.fd2 = fd2;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

int close(int fd) { return fd_call(VFS_CLOSE, fd, 0); }
int dup(int fd) { return fd_call(VFS_DUP, fd, 0); }

int
dup2(int fd, int fd2)
{
	int r;

	if (fd2 == 1 || fd2 == 2)       /* what is buffered belongs to the old descriptor */
		__libc_flush_stream(fd2 == 1 ? stdout : stderr);
	if ((r = fd_call(VFS_DUP2, fd, fd2)) >= 0)
		__libc_stdio_fd_changed(fd2);
	return r;
}
int fchdir(int fd) { return fd_call(VFS_FCHDIR, fd, 0); }

int
pipe2(int fds[2], int flags)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	v.flags = flags;
	if ((r = __libc_vfs_call(VFS_PIPE2, &v)) < 0)
		return __libc_vfs_result(r);
	fds[0] = v.fd;
	fds[1] = v.fd2;
	return 0;
}

int
pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int
fcntl(int fd, int cmd, ...)
{
	va_list ap;
	mess_vfs v;
	int arg = 0;

	struct flock *lk = NULL;

	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_SETFD || cmd == F_SETFL) {
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	} else if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
		va_start(ap, cmd);
		lk = va_arg(ap, struct flock *);
		va_end(ap);
	}
	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.flags = cmd;
	v.mode = arg;
	v.buf = (uint32_t)(uintptr_t)lk;
	v.len = lk != NULL ? sizeof(*lk) : 0;
	return __libc_vfs_result(__libc_vfs_call(VFS_FCNTL, &v));
}

/* The size of the argument of ioctl request req (the terminal's by name, the others'
 * from the request number, sys/ioctl.h), or 0 if it is not known here. */
static size_t
ioctl_arg_size(unsigned long req)
{
	switch (req) {
	case TCGETS: case TCSETS: case TCSETSW: case TCSETSF:
		return sizeof(struct termios);
	case TIOCGPGRP: case TIOCSPGRP:
		return sizeof(pid_t);
	case TIOCGWINSZ:
		return sizeof(struct winsize);
	default:
		return (req & IOC_INOUT) != 0 ? IOCPARM_LEN(req) : 0;	/* _IOR, _IOW */
	}
}

int
ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	mess_vfs v;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.flags = (int32_t)req;
	v.buf = (uint32_t)(uintptr_t)arg;
	v.len = (uint32_t)ioctl_arg_size(req);
	return __libc_vfs_result(__libc_vfs_call(VFS_IOCTL, &v));
}

int
fstat(int fd, struct stat *st)
{
	return __libc_vfs_result(fd_buf_call(VFS_FSTAT, fd, st, sizeof(*st)));
}

int
getdents(int fd, void *buf, size_t len)
{
	return __libc_vfs_result(fd_buf_call(VFS_GETDENTS, fd, buf, len));
}

/* A call on descriptor fd with a mode or an owner/length pair (offset_lo, offset_hi). */
static int
fd_attr_call(int type, int fd, int32_t mode, uint32_t lo, int32_t hi)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.fd = fd;
	v.mode = mode;
	v.offset_lo = lo;
	v.offset_hi = hi;
	return __libc_vfs_result(__libc_vfs_call(type, &v));
}

int fchmod(int fd, mode_t mode) { return fd_attr_call(VFS_FCHMOD, fd, (int32_t)mode, 0, 0); }
int fchown(int fd, uid_t owner, gid_t group)
{ return fd_attr_call(VFS_FCHOWN, fd, 0, (uint32_t)owner, (int32_t)group); }
int ftruncate(int fd, off_t length)
{ return fd_attr_call(VFS_FTRUNCATE, fd, 0, (uint32_t)length, (int32_t)(length >> 32)); }

mode_t
umask(mode_t mask)
{
	mess_vfs v;
	int r;

	memset(&v, 0, sizeof(v));
	v.mode = (int32_t)(mask & 0777);
	r = __libc_vfs_call(VFS_UMASK, &v);
	return r < 0 ? 022 : (mode_t)r;
}

void
sync(void)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	(void)__libc_vfs_call(VFS_SYNC, &v);
}

/* select: the three sets travel together in one buffer, in and out. */
int
select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
	fd_set sets[3];
	fd_set *user[3] = { rd, wr, ex };
	mess_vfs v;
	int r, i;

	if (nfds < 0 || nfds > FD_SETSIZE)
		return __libc_vfs_result(-EINVAL);
	for (i = 0; i < 3; i++) {
		FD_ZERO(&sets[i]);
		if (user[i] != NULL)
			sets[i] = *user[i];
	}
	memset(&v, 0, sizeof(v));
	v.fd = nfds;
	v.buf = (uint32_t)(uintptr_t)sets;
	v.len = sizeof(sets);
	v.mode = -1;
	if (timeout != NULL) {
		if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000)
			return __libc_vfs_result(-EINVAL);
		if (timeout->tv_sec >= 2000000)         /* about 23 days: the most a word holds */
			v.mode = 2000000000;
		else
			v.mode = (int32_t)(timeout->tv_sec * 1000 +
			                   (timeout->tv_usec + 999) / 1000);
	}
	if ((r = __libc_vfs_call(VFS_SELECT, &v)) < 0)
		return __libc_vfs_result(r);
	for (i = 0; i < 3; i++)
		if (user[i] != NULL)
			*user[i] = sets[i];
	return r;
}
