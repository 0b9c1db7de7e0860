/*
 * pipe.c - pipes: VFS_PIPE2, and read/write on a pipe.
 *
 * A pipe is an inode with no name on PFS (REQ_NEWNODE); its bytes live in PFS (REQ_READ /
 * REQ_WRITE at FIFO positions VFS keeps: v_rpos for the reader, v_wpos for the writer), and
 * VFS does the waiting: it knows how many bytes the pipe holds (v_size, at most PIPE_BUF)
 * and how many read and write filps are open.
 *   read   data: up to len bytes.  Empty: 0 if there are no writers, EAGAIN with
 *          O_NONBLOCK, else the reader waits.
 *   write  no readers: SIGPIPE and EPIPE.  A write of at most PIPE_BUF bytes goes in whole
 *          (waiting for room); a longer one goes in pieces as room allows.  A writer
 *          waits only while the pipe has too little room, so the pipe then holds data and
 *          a read retries it (a writer that waited with room left, after a reader had
 *          drained the pipe and waited on it empty, waited for ever).
 * A named FIFO (fifo.c) goes through the same code: its vnode (on MFS) keeps the counts
 * and positions, and its bytes live in the PFS node pipe_store() names.
 * Whenever a pipe changes (data, room, a reader or writer gone) pipe_changed() retries the
 * calls waiting on it and re-checks select.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"

/* A new PFS node (REQ_NEWNODE) holding no bytes: OK and *res, or an error.  Also fifo.c's. */
int
new_pipe_node(mode_t mode, uid_t uid, gid_t gid, struct vnode **res)
{
	message rq;
	int r;

	if (pipe_vmnt == NULL)
		return -ENFILE;
	memset(&rq, 0, sizeof(rq));
	rq.m_type = REQ_NEWNODE;
	rq.m_fs_req.mode = mode;
	rq.m_fs_req.uid = uid;
	rq.m_fs_req.gid = gid;
	if ((r = req_simple(pipe_vmnt->m_fs_e, &rq)) != OK)
		return r;
	if ((*res = get_vnode(pipe_vmnt, &rq.m_fs_reply, &r)) == NULL)
		return r;
	(*res)->v_size = 0;
	return OK;
}

int
do_pipe2(struct fproc *fp, message *m)
{
	int flags = m->m_vfs.flags, fd0, fd1, r;
	struct filp *f0, *f1;
	struct vnode *vp;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (pipe_vmnt == NULL)
		return -ENFILE;
	if ((r = get_fd(fp, 0, &fd0)) != OK)
		return r;
	fp->fp_filp[fd0] = (struct filp *)1;	/* reserved while the second is found */
	r = get_fd(fp, 0, &fd1);
	fp->fp_filp[fd0] = NULL;
	if (r != OK)
		return r;
	if ((r = new_pipe_node(S_IFIFO | 0600, fp->fp_uid, fp->fp_gid, &vp)) != OK)
		return r;
	dup_vnode(vp);
	f0 = new_filp(fp, vp, O_RDONLY | (flags & O_NONBLOCK));
	f1 = f0 != NULL ? new_filp(fp, vp, O_WRONLY | (flags & O_NONBLOCK)) : NULL;
	if (f1 == NULL) {
		if (f0 != NULL)
			close_filp(f0);
		else
			put_vnode(vp);
		put_vnode(vp);
		return -ENFILE;
	}
	fp->fp_filp[fd0] = f0;
	fp->fp_filp[fd1] = f1;
	if (flags & O_CLOEXEC)
		fp->fp_cloexec |= (1u << fd0) | (1u << fd1);
	m->m_vfs.fd = fd0;
	m->m_vfs.fd2 = fd1;
	return OK;
}

static int
suspend_on(struct fproc *fp, message *m, struct vnode *vp)
{
	if (m != &fp->fp_msg)
		fp->fp_msg = *m;
	set_blocked(fp, FP_BLOCKED_PIPE);
	fp->fp_pipe = vp;
	return SUSPEND;
}

static int
pipe_read(struct fproc *fp, message *m, struct filp *f)
{
	struct vnode *vp = f->f_vno;
	uint32_t n = m->m_vfs.len;
	int r;

	if (n == 0)
		return 0;
	if (vp->v_size == 0) {
		if (vp->v_writers == 0)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		return suspend_on(fp, m, vp);
	}
	if (n > vp->v_size)
		n = vp->v_size;
	r = req_rdwr(REQ_READ, pipe_store(vp), vp->v_rpos, fp->fp_endpoint, m->m_vfs.buf, n, NULL);
	if (r > 0) {
		vp->v_rpos += r;
		vp->v_size -= r;
		pipe_changed(vp);
	}
	return r;
}

/* Write pieces of fp's write while the pipe has room: the byte count once all of it is in
 * (with O_NONBLOCK, what fitted, or EAGAIN), SUSPEND (fp_done kept) when it must wait, or
 * EPIPE or a PFS error (the count if some went in). */
static int
pipe_write(struct fproc *fp, message *m, struct filp *f)
{
	struct vnode *vp = f->f_vno;
	uint32_t len = m->m_vfs.len, done = fp->fp_done, left, room;
	int r;

	for (;;) {
		if (vp->v_readers == 0) {
			fp->fp_done = 0;
			sys_kill(fp->fp_endpoint, SIGPIPE);
			return done > 0 ? (int)done : -EPIPE;
		}
		if ((left = len - done) == 0)
			break;
		room = PIPE_BUF - (uint32_t)vp->v_size;
		if (left <= PIPE_BUF ? room < left : room == 0) {
			if (f->f_flags & O_NONBLOCK)
				break;
			fp->fp_done = done;
			return suspend_on(fp, m, vp);	/* the pipe holds data: a read retries */
		}
		r = req_rdwr(REQ_WRITE, pipe_store(vp), vp->v_wpos, fp->fp_endpoint,
			     m->m_vfs.buf + done, left < room ? left : room, NULL);
		if (r < 0) {
			fp->fp_done = 0;
			return done > 0 ? (int)done : r;
		}
		vp->v_wpos += r;
		vp->v_size += r;
		done += r;
		pipe_changed(vp);
	}
	fp->fp_done = 0;
	return done > 0 || len == 0 ? (int)done : -EAGAIN;
}

int
pipe_rw(struct fproc *fp, message *m, struct filp *f, int writing)
{
	return writing ? pipe_write(fp, m, f) : pipe_read(fp, m, f);
}

/* vp changed: retry every call waiting on a pipe, until retries change nothing more.  A
 * pass stops at the last waiter (nr_blocked[]): only the retried process can wait again. */
void
pipe_changed(struct vnode *vp)
{
	static int busy, again;
	struct fproc *fp;
	int left;

	(void)vp;
	if (busy) {
		again = 1;
		return;
	}
	busy = 1;
	do {
		again = 0;
		left = nr_blocked[FP_BLOCKED_PIPE];
		for (fp = fproc; fp < fproc + NR_PROCS && left > 0; fp++) {
			struct filp *f;
			int r;

			if (!fp->fp_inuse || fp->fp_blocked != FP_BLOCKED_PIPE)
				continue;	/* any pipe: a retry may have changed another */
			left--;
			set_blocked(fp, FP_NOT_BLOCKED);
			f = get_filp(fp, fp->fp_msg.m_vfs.fd);
			r = pipe_rw(fp, &fp->fp_msg, f, fp->fp_msg.m_type == VFS_WRITE);
			if (r != SUSPEND)
				reply(fp, r);
		}
	} while (again);
	busy = 0;
	select_recheck();
}
