/*
 * fifo.c - named FIFOs: opening one, and the PFS node that holds its bytes
 * (handouts/vfs.md, "Named FIFOs").
 *
 * A named FIFO is an inode of type S_IFIFO on an ordinary file system (mknod or mkfifo:
 * REQ_MKNOD); it holds no data there.  While it is open its vnode names a PFS node
 * (v_pipe, made with REQ_NEWNODE at the first open, given back when the last reader and
 * writer are gone, with whatever bytes were left), and reads and writes go through pipe.c
 * exactly as for a pipe: the vnode keeps the reader and writer counts and positions.
 *
 * Opening (do_open calls fifo_open with the new fd and filp in place, already counted):
 *   O_RDWR                 at once (the process is a reader and a writer).
 *   O_RDONLY               at once if there is a writer or with O_NONBLOCK; else it waits
 *                          (FP_BLOCKED_FIFO) until a writer opens.
 *   O_WRONLY               at once if there is a reader; with O_NONBLOCK and no reader ENXIO;
 *                          else it waits until a reader opens.
 * A process waiting in open counts as a reader or writer, so the other side's open goes
 * through at once and wakes it.  A signal ends the wait with EINTR and closes the fd
 * (fifo_unpause).
 *
 * Entry points: fifo_open (open.c), fifo_closed (filedes.c), fifo_unpause (pm.c),
 * pipe_store (pipe.c).
 */
#include <minnow/errno.h>
#include "proto.h"

/* The vnode whose PFS node holds vp's bytes: a pipe's own, a named FIFO's v_pipe. */
struct vnode *
pipe_store(struct vnode *vp)
{
	return vp->v_pipe != NULL ? vp->v_pipe : vp;
}

/* May the open of f, waiting on its FIFO, go on now? */
static int
other_side_open(const struct filp *f)
{
	const struct vnode *vp = f->f_vno;

	switch (f->f_flags & O_ACCMODE) {
	case O_RDONLY: return vp->v_writers > 0;
	case O_WRONLY: return vp->v_readers > 0;
	default:       return 1;
	}
}

/* Answer every open waiting on vp that may go on now. */
static void
fifo_wake(struct vnode *vp)
{
	struct fproc *fp;
	struct filp *f;

	for (fp = fproc; fp < fproc + NR_PROCS; fp++) {
		if (!fp->fp_inuse || fp->fp_blocked != FP_BLOCKED_FIFO || fp->fp_pipe != vp)
			continue;
		f = get_filp(fp, fp->fp_msg.m_vfs.fd);
		if (f == NULL || !other_side_open(f))
			continue;
		set_blocked(fp, FP_NOT_BLOCKED);
		fp->fp_pipe = NULL;
		reply(fp, fp->fp_msg.m_vfs.fd);
	}
}

/* The open of named FIFO fd (its filp counted) in fp: fd, an error, or SUSPEND. */
int
fifo_open(struct fproc *fp, message *m, int fd)
{
	struct filp *f = get_filp(fp, fd);
	struct vnode *vp = f->f_vno;
	int r;

	if (vp->v_pipe == NULL) {
		if ((r = new_pipe_node(S_IFIFO | (vp->v_mode & 07777), vp->v_uid, vp->v_gid,
				       &vp->v_pipe)) != OK) {
			close_fd(fp, fd);
			return r;
		}
		vp->v_size = vp->v_rpos = vp->v_wpos = 0;
	}
	if (other_side_open(f)) {
		fifo_wake(vp);
		return fd;
	}
	if ((f->f_flags & O_ACCMODE) == O_RDONLY && (f->f_flags & O_NONBLOCK))
		return fd;
	if (f->f_flags & O_NONBLOCK) {
		close_fd(fp, fd);
		return -ENXIO;
	}
	m->m_vfs.fd = fd;		/* the answer, when the other side opens */
	set_blocked(fp, FP_BLOCKED_FIFO);
	fp->fp_pipe = vp;
	return SUSPEND;
}

/* A filp of FIFO or pipe vp was closed: with no reader and no writer left, a named FIFO
 * gives its PFS node back (and the bytes in it). */
void
fifo_closed(struct vnode *vp)
{
	if (vp->v_pipe == NULL || vp->v_readers + vp->v_writers > 0)
		return;
	put_vnode(vp->v_pipe);
	vp->v_pipe = NULL;
	vp->v_size = vp->v_rpos = vp->v_wpos = 0;
}

/* A signal (exiting 0: EINTR) or the exit of fp ends its wait in a FIFO open. */
void
fifo_unpause(struct fproc *fp, int exiting)
{
	int fd = fp->fp_msg.m_vfs.fd;

	set_blocked(fp, FP_NOT_BLOCKED);
	fp->fp_pipe = NULL;
	if (exiting)
		return;			/* free_proc closes the fd */
	close_fd(fp, fd);
	reply(fp, -EINTR);
}
