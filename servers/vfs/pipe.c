/*
 * pipe.c - pipes: VFS_PIPE2, and read/write on a pipe.
 *
 * A pipe is an inode with no name on PFS (REQ_NEWNODE), and VFS does the waiting: it knows
 * how many bytes the pipe holds (v_size, at most PIPE_BUF) and how many read and write
 * filps are open.  The bytes live in one of VFS's own buffers (pipe_bufs[], v_pbuf: a ring
 * of PIPE_BUF bytes, copied to and from the user with sys_vircopy), so a read or write is
 * one request to VFS and no message to PFS.  A pipe takes a buffer when a write finds it
 * empty and gives it back when a read empties it (or no one has it open), so NR_PIPE_BUFS
 * serve many more pipes than that; with none free, the bytes go to PFS as before (REQ_READ
 * / REQ_WRITE at FIFO positions VFS keeps: v_rpos for the reader, v_wpos for the writer)
 * until the pipe is empty again.  Their times are PFS's: VFS marks them for update
 * (v_tmarks) and passes the marks in the next REQ_STAT or REQ_UTIME, with the bytes it
 * holds as REQ_STAT's count (st_size).  A restarted PFS loses none of these bytes.
 *   read   data: up to len bytes.  Empty: 0 if there are no writers, EAGAIN with
 *          O_NONBLOCK, else the reader waits.
 *   write  no readers: SIGPIPE and EPIPE.  A write of at most PIPE_BUF bytes goes in whole
 *          (waiting for room); a longer one goes in pieces as room allows.  A writer
 *          waits only while the pipe has too little room, so the pipe then holds data and
 *          a read retries it (a writer that waited with room left, after a reader had
 *          drained the pipe and waited on it empty, waited for ever).
 * A named FIFO (fifo.c) goes through the same code: its vnode (on MFS) keeps the counts,
 * positions and buffer; bytes that go to PFS live in the node pipe_store() names.
 * Whenever a pipe changes (data, room, a reader or writer gone) pipe_changed() retries the
 * calls waiting on it and re-checks select.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"

#define NR_PIPE_BUFS    8               /* pipes holding bytes in VFS at once */

/* One of VFS's pipe buffers: the bytes of v_pbuf's pipe are data[start .. start+v_size). */
struct pipe_buf {
	int inuse;
	uint32_t start;
	uint8_t data[PIPE_BUF];
};

static struct pipe_buf pipe_bufs[NR_PIPE_BUFS];

/* A free buffer for vp, which holds no bytes; NULL if none is free (PFS keeps them). */
static struct pipe_buf *
pbuf_attach(struct vnode *vp)
{
	struct pipe_buf *pb;

	for (pb = pipe_bufs; pb < pipe_bufs + NR_PIPE_BUFS; pb++)
		if (!pb->inuse) {
			pb->inuse = 1;
			pb->start = 0;
			return vp->v_pbuf = pb;
		}
	return NULL;
}

/* vp's bytes are gone (read, or no one has it open): its buffer goes back to the pool. */
void
pipe_drop(struct vnode *vp)
{
	if (vp->v_pbuf != NULL)
		vp->v_pbuf->inuse = 0;
	vp->v_pbuf = NULL;
}

/* A REQ_STAT of vp: a PFS pipe's time marks and the bytes VFS holds for it. */
void
pipe_stat_req(const struct vnode *vp, mess_fs_req *rq)
{
	if (vp->v_vmnt != pipe_vmnt || !S_ISFIFO(vp->v_mode))
		return;
	rq->flags = vp->v_tmarks;
	rq->count = vp->v_pbuf != NULL ? (uint32_t)vp->v_size : 0;
}

/* Copy n bytes between ring index at of pb (to_user: out of the ring) and user's buf. */
static int
pbuf_copy(struct pipe_buf *pb, int to_user, uint32_t at, endpoint_t user, vir_bytes buf,
	  uint32_t n)
{
	uint32_t k;
	int r = OK;

	for (; n > 0 && r == OK; at = 0, buf += k, n -= k) {
		k = n < PIPE_BUF - at ? n : PIPE_BUF - at;
		r = to_user ? sys_vircopy(SELF, (vir_bytes)(pb->data + at), user, buf, k, 0)
			    : sys_vircopy(user, buf, SELF, (vir_bytes)(pb->data + at), k, 0);
	}
	return r == OK ? OK : -EFAULT;
}

/* Move n bytes (at most what vp holds, or its room) between vp and fp's buf: the count
 * moved, or an error.  VFS's buffer if vp has one (a write to an empty pipe takes one),
 * else PFS. */
static int
pipe_xfer(struct fproc *fp, struct vnode *vp, int writing, vir_bytes buf, uint32_t n)
{
	struct pipe_buf *pb = vp->v_pbuf;
	int r;

	if (pb == NULL && writing && vp->v_size == 0)
		pb = pbuf_attach(vp);
	if (pb == NULL)
		return req_rdwr(writing ? REQ_WRITE : REQ_READ, pipe_store(vp),
				writing ? vp->v_wpos : vp->v_rpos, fp->fp_endpoint, buf, n, NULL);
	r = pbuf_copy(pb, !writing, (pb->start + (writing ? (uint32_t)vp->v_size : 0)) % PIPE_BUF,
		      fp->fp_endpoint, buf, n);
	if (r != OK) {
		if (vp->v_size == 0)
			pipe_drop(vp);
		return r;
	}
	if (!writing)
		pb->start = (pb->start + n) % PIPE_BUF;
	if (vp->v_vmnt == pipe_vmnt)
		vp->v_tmarks |= writing ? FS_MARK_MCTIME : FS_MARK_ATIME;
	return (int)n;
}

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
	r = pipe_xfer(fp, vp, 0, m->m_vfs.buf, n);
	if (r > 0) {
		vp->v_rpos += r;
		if ((vp->v_size -= r) == 0)
			pipe_drop(vp);
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
		r = pipe_xfer(fp, vp, 1, m->m_vfs.buf + done, left < room ? left : room);
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
