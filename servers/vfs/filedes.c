/*
 * filedes.c - file descriptors and filps: VFS_CLOSE, VFS_DUP, VFS_DUP2, VFS_FCNTL.
 *
 * A process's fd is an index into its fp_filp[]; the filp (position, O_* flags) is shared
 * by dup and fork.  When the last fd of a filp goes, the filp lets go of its vnode: a pipe
 * loses a reader or writer (waking whoever waits on the other side), a character special
 * gets CDEV_CLOSE, a block special BDEV_CLOSE, a socket SDEV_CLOSE (socket.c).  Closing any fd of a file drops the record
 * locks the process holds on it (lock.c).
 *
 * Limits: OPEN_MAX fds per process (EMFILE), NR_FILPS filps for everyone (ENFILE), of
 * which the last FILP_ROOT_RESERVE are root's alone (handouts/vfs.md, "Open-file limits").
 */
#include <string.h>
#include <minnow/errno.h>
#include "proto.h"

struct filp filp[NR_FILPS];

struct filp *
get_filp(struct fproc *fp, int fd)
{
	if (fd < 0 || fd >= OPEN_MAX)
		return NULL;
	return fp->fp_filp[fd];
}

/* The lowest free fd >= from: OK, -EMFILE (none) or -EINVAL (from out of range). */
int
get_fd(struct fproc *fp, int from, int *fd)
{
	int i;

	if (from < 0 || from >= OPEN_MAX)
		return -EINVAL;
	for (i = from; i < OPEN_MAX; i++) {
		if (fp->fp_filp[i] == NULL) {
			*fd = i;
			return OK;
		}
	}
	return -EMFILE;
}

/* Filps in use. */
static int
filps_in_use(void)
{
	struct filp *f;
	int n = 0;

	for (f = filp; f < filp + NR_FILPS; f++)
		n += f->f_count != 0;
	return n;
}

/* A filp for fp's open of vp (taking over vp's reference); NULL when the table is full,
 * for anyone but root already when only FILP_ROOT_RESERVE are left (the caller: ENFILE). */
struct filp *
new_filp(struct fproc *fp, struct vnode *vp, int flags)
{
	struct filp *f;

	if (fp->fp_uid != 0 && filps_in_use() >= NR_FILPS - FILP_ROOT_RESERVE)
		return NULL;
	for (f = filp; f < filp + NR_FILPS; f++) {
		if (f->f_count == 0) {
			memset(f, 0, sizeof(*f));
			f->f_count = 1;
			f->f_vno = vp;
			f->f_flags = flags;
			if (S_ISFIFO(vp->v_mode)) {
				if ((flags & O_ACCMODE) != O_WRONLY)
					vp->v_readers++;
				if ((flags & O_ACCMODE) != O_RDONLY)
					vp->v_writers++;
			}
			return f;
		}
	}
	return NULL;
}

void
close_filp(struct filp *f)
{
	struct vnode *vp = f->f_vno;

	if (--f->f_count > 0)
		return;
	if (S_ISFIFO(vp->v_mode)) {
		if ((f->f_flags & O_ACCMODE) != O_WRONLY)
			vp->v_readers--;
		if ((f->f_flags & O_ACCMODE) != O_RDONLY)
			vp->v_writers--;
		pipe_changed(vp);
		if (vp->v_readers + vp->v_writers == 0)
			pipe_drop(vp);	/* no one can read its bytes any more */
		fifo_closed(vp);
	} else if (S_ISCHR(vp->v_mode)) {
		cdev_close(f);
	} else if (S_ISBLK(vp->v_mode)) {
		bdev_close(f);
	} else if (S_ISSOCK(vp->v_mode)) {
		sock_close(f);
	}
	put_vnode(vp);
	f->f_vno = NULL;
}

int
close_fd(struct fproc *fp, int fd)
{
	struct filp *f = get_filp(fp, fd);

	if (f == NULL)
		return -EBADF;
	fp->fp_filp[fd] = NULL;
	fp->fp_cloexec &= ~(1u << fd);
	lock_release(fp, f->f_vno);	/* any close drops the process's locks (lock.c) */
	close_filp(f);
	return OK;
}

int
do_close(struct fproc *fp, message *m)
{
	return close_fd(fp, m->m_vfs.fd);
}

/* Make fd2 a copy of fd (fd2 free). */
static int
dup_to(struct fproc *fp, struct filp *f, int fd2)
{
	f->f_count++;
	fp->fp_filp[fd2] = f;
	fp->fp_cloexec &= ~(1u << fd2);
	return fd2;
}

int
do_dup(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);
	int fd, r;

	if (f == NULL)
		return -EBADF;
	if ((r = get_fd(fp, 0, &fd)) != OK)
		return r;
	return dup_to(fp, f, fd);
}

int
do_dup2(struct fproc *fp, message *m)
{
	struct filp *f = get_filp(fp, m->m_vfs.fd);
	int fd2 = m->m_vfs.fd2;

	if (f == NULL || fd2 < 0 || fd2 >= OPEN_MAX)
		return -EBADF;
	if (fd2 == m->m_vfs.fd)
		return fd2;
	if (fp->fp_filp[fd2] != NULL)
		close_fd(fp, fd2);
	return dup_to(fp, f, fd2);
}

int
do_fcntl(struct fproc *fp, message *m)
{
	int fd = m->m_vfs.fd, arg = m->m_vfs.mode, nfd, r;
	struct filp *f = get_filp(fp, fd);

	if (f == NULL)
		return -EBADF;
	switch (m->m_vfs.flags) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((r = get_fd(fp, arg, &nfd)) != OK)
			return r;
		r = dup_to(fp, f, nfd);
		if (m->m_vfs.flags == F_DUPFD_CLOEXEC)
			fp->fp_cloexec |= 1u << nfd;
		return r;
	case F_GETFD:
		return (fp->fp_cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			fp->fp_cloexec |= 1u << fd;
		else
			fp->fp_cloexec &= ~(1u << fd);
		return OK;
	case F_GETFL:
		return f->f_flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(O_APPEND | O_NONBLOCK)) |
			     (arg & (O_APPEND | O_NONBLOCK));
		return OK;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return do_lock(fp, m, f);	/* lock.c */
	default:
		return -EINVAL;
	}
}
