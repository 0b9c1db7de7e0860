/*
 * read.c - data calls: VFS_READ, VFS_WRITE, VFS_PREAD, VFS_PWRITE, VFS_LSEEK, VFS_GETDENTS,
 * VFS_IOCTL.
 *
 * A regular file's data moves between its file server and the user's buffer directly
 * (REQ_READ / REQ_WRITE over a magic grant naming the user); VFS keeps the position in the
 * filp (O_APPEND: every write at the end).  A pipe goes to pipe.c, a character special to
 * its driver (device.c), a socket to its socket driver (socket.c: lseek, pread and pwrite
 * are ESPIPE), a block special to its driver in whole blocks (bdev.c; lseek's
 * SEEK_END is EINVAL there: VFS does not know the device's size).  A directory is read
 * with getdents only (read: EISDIR).
 *
 * The file size limit (RLIMIT_FSIZE, VFS_FSIZE: VFS keeps it, not PM, since VFS enforces
 * it) bounds where a regular file may be written or truncated to: a write that would pass
 * it writes what fits; one that cannot write a byte, and a truncate past it, send the
 * process SIGXFSZ and fail with EFBIG (POSIX: the error is seen when the signal is caught
 * or ignored).  Pipes and devices have no size.  Only root raises the hard limit (EPERM);
 * the soft one may not pass it (EINVAL).
 */
#include <string.h>
#include <sys/resource.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"

/* The filp for a data call, checked for the access it needs (EBADF). */
static struct filp *
io_filp(struct fproc *fp, int fd, int writing)
{
	struct filp *f = get_filp(fp, fd);
	int acc;

	if (f == NULL)
		return NULL;
	acc = f->f_flags & O_ACCMODE;
	if (writing ? acc == O_RDONLY : acc == O_WRONLY)
		return NULL;
	return f;
}

/* Is size past fp's file size limit?  Then it gets SIGXFSZ (1). */
int
fsize_exceeded(struct fproc *fp, uint64_t size)
{
	if (fp->fp_fsize_cur == RLIM_INFINITY || size <= fp->fp_fsize_cur)
		return 0;
	sys_kill(fp->fp_endpoint, SIGXFSZ);
	return 1;
}

/* Shorten a write of *len bytes at pos to fp's file size limit: OK, or EFBIG (and SIGXFSZ)
 * if not one byte fits. */
static int
fsize_fit(struct fproc *fp, uint64_t pos, uint32_t *len)
{
	if (fp->fp_fsize_cur == RLIM_INFINITY || pos + *len <= fp->fp_fsize_cur)
		return OK;
	if (fsize_exceeded(fp, pos + 1))
		return -EFBIG;
	*len = (uint32_t)(fp->fp_fsize_cur - pos);
	return OK;
}

/* VFS_FSIZE: read (and with VFS_FSIZE_SET set) the caller's RLIMIT_FSIZE. */
int
do_fsize(struct fproc *fp, message *m)
{
	uint32_t cur = m->m_vfs.offset_lo, max = (uint32_t)m->m_vfs.offset_hi;

	if (m->m_vfs.flags & VFS_FSIZE_SET) {
		if (cur > max)
			return -EINVAL;
		if (max > fp->fp_fsize_max && fp->fp_uid != 0)
			return -EPERM;
		fp->fp_fsize_cur = cur;
		fp->fp_fsize_max = max;
	}
	m->m_vfs.offset_lo = fp->fp_fsize_cur;
	m->m_vfs.offset_hi = (int32_t)fp->fp_fsize_max;
	return OK;
}

static int
rw(struct fproc *fp, message *m, int writing)
{
	struct filp *f = io_filp(fp, m->m_vfs.fd, writing);
	struct vnode *vp;
	uint64_t pos;
	int r;

	if (f == NULL)
		return -EBADF;
	vp = f->f_vno;
	if ((int32_t)m->m_vfs.len < 0)
		return -EINVAL;
	if (S_ISDIR(vp->v_mode))
		return -EISDIR;
	if (S_ISFIFO(vp->v_mode))
		return pipe_rw(fp, m, f, writing);
	if (S_ISCHR(vp->v_mode))
		return cdev_io(fp, m, f, writing ? CDEV_WRITE : CDEV_READ);
	if (S_ISSOCK(vp->v_mode))
		return sock_rw(fp, m, writing);		/* socket.c */
	if (S_ISBLK(vp->v_mode))
		return m->m_vfs.len == 0 ? 0 : bdev_io(fp, m, f, writing);
	if (!S_ISREG(vp->v_mode))
		return -ENXIO;
	if (m->m_vfs.len == 0)
		return 0;
	if (writing && (f->f_flags & O_APPEND))
		f->f_pos = vp->v_size;
	if (writing && (r = fsize_fit(fp, (uint64_t)f->f_pos, &m->m_vfs.len)) != OK)
		return r;
	if (!writing && (uint64_t)f->f_pos >= (uint64_t)vp->v_size)
		return 0;
	r = req_rdwr(writing ? REQ_WRITE : REQ_READ, vp, f->f_pos, fp->fp_endpoint,
		     m->m_vfs.buf, m->m_vfs.len, &pos);
	if (r > 0)
		f->f_pos += r;
	return r;
}

int
do_read(struct fproc *fp, message *m)
{
	return rw(fp, m, 0);
}

int
do_write(struct fproc *fp, message *m)
{
	return rw(fp, m, 1);
}

/* The 64-bit offset of m (offset_lo, offset_hi). */
static int64_t
msg_offset(const message *m)
{
	return (int64_t)(((uint64_t)(uint32_t)m->m_vfs.offset_hi << 32) | m->m_vfs.offset_lo);
}

/* VFS_PREAD, VFS_PWRITE: rw() at the message's offset; the filp's position is kept and
 * O_APPEND ignored.  Only regular files and block specials can do it (else ESPIPE). */
static int
rw_at(struct fproc *fp, message *m, int writing)
{
	struct filp *f = io_filp(fp, m->m_vfs.fd, writing);
	int64_t off = msg_offset(m);
	off_t save;
	int flags, r;

	if (f == NULL)
		return -EBADF;
	if (S_ISFIFO(f->f_vno->v_mode) || S_ISCHR(f->f_vno->v_mode) ||
	    S_ISSOCK(f->f_vno->v_mode))
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	save = f->f_pos, flags = f->f_flags;
	f->f_pos = off;
	f->f_flags &= ~O_APPEND;
	r = rw(fp, m, writing);
	f->f_pos = save, f->f_flags = flags;
	return r;
}

int
do_pread(struct fproc *fp, message *m)
{
	return rw_at(fp, m, 0);
}

int
do_pwrite(struct fproc *fp, message *m)
{
	return rw_at(fp, m, 1);
}

int
do_lseek(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);
	int64_t off = msg_offset(m), base;

	if (f == NULL)
		return -EBADF;
	if (S_ISFIFO(f->f_vno->v_mode) || S_ISSOCK(f->f_vno->v_mode))
		return -ESPIPE;
	switch (m->m_vfs.mode) {
	case 0: base = 0; break;                        /* SEEK_SET */
	case 1: base = f->f_pos; break;                 /* SEEK_CUR */
	case 2:                                         /* SEEK_END */
		if (S_ISBLK(f->f_vno->v_mode))
			return -EINVAL;         /* the device's size is unknown */
		base = f->f_vno->v_size;
		break;
	default: return -EINVAL;
	}
	if (base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	m->m_vfs.offset_lo = (uint32_t)f->f_pos;
	m->m_vfs.offset_hi = (int32_t)((uint64_t)f->f_pos >> 32);
	return OK;
}

int
do_getdents(struct fproc *fp, message *m)
{
	struct filp *f = io_filp(fp, m->m_vfs.fd, 0);
	uint64_t pos;
	int r;

	if (f == NULL)
		return -EBADF;
	if (!S_ISDIR(f->f_vno->v_mode))
		return -ENOTDIR;
	if (m->m_vfs.len == 0 || (int32_t)m->m_vfs.len < 0)
		return -EINVAL;
	r = req_getdents(f->f_vno, f->f_pos, fp->fp_endpoint, m->m_vfs.buf, m->m_vfs.len, &pos);
	if (r >= 0)
		f->f_pos = pos;
	return r;
}

int
do_ioctl(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);

	if (f == NULL)
		return -EBADF;
	if (S_ISSOCK(f->f_vno->v_mode))
		return sock_ioctl(fp, m);		/* socket.c */
	if (!S_ISCHR(f->f_vno->v_mode))
		return -ENOTTY;
	return cdev_io(fp, m, f, CDEV_IOCTL);
}
