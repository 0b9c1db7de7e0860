/*
 * select.c - VFS_SELECT: wait until file descriptors are ready, or a timeout.
 *
 * The caller passes nfds, one buffer of three fd_sets (read, write, except) and a timeout in
 * milliseconds (-1: none; 0: poll).  Regular files, directories and block specials are
 * always ready, in all three sets (POSIX: "shall always select true for ready to read,
 * ready to write, and error conditions"); a pipe is readable when it holds data or has no writers, writable when it
 * has room or no readers; a character special asks its driver (CDEV_SELECT with
 * CDEV_NOTIFY; the answers mark the filps ready, device.c), and so does a socket (SDEV_SELECT,
 * socket.c).  If nothing is ready the
 * caller waits: every change of a pipe or answer of a driver re-checks the waiting
 * selects, and a clock alarm (sys_setalarm, absolute, the earliest deadline) ends those
 * whose time is up with 0.  With no fds and a timeout, select is a sleep.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "proto.h"

static uint32_t hz;

static int
fd_ready(struct filp *f, int which)
{
	struct vnode *vp = f->f_vno;

	if (S_ISFIFO(vp->v_mode)) {
		if (which == 0)
			return vp->v_size > 0 || vp->v_writers == 0;
		if (which == 1)
			return vp->v_readers == 0 || vp->v_size < PIPE_BUF;
		return 0;
	}
	if (S_ISCHR(vp->v_mode) || S_ISSOCK(vp->v_mode))	/* CDEV_OP_* == SDEV_OP_* */
		return (f->f_sel_ready & (which == 0 ? CDEV_OP_RD : which == 1 ? CDEV_OP_WR :
					  CDEV_OP_ERR)) != 0;
	return 1;	/* POSIX: a regular file is ready to read, to write and for errors */
}

/* Fill out[] with the ready fds of fp's select; their count. */
static int
sel_check(struct fproc *fp, fd_set out[3])
{
	int fd, i, n = 0;

	memset(out, 0, 3 * sizeof(fd_set));
	for (fd = 0; fd < fp->fp_sel_nfds; fd++) {
		struct filp *f = fp->fp_filp[fd];

		for (i = 0; i < 3; i++) {
			if (!FD_ISSET(fd, &fp->fp_sel_in[i]) || f == NULL || !fd_ready(f, i))
				continue;
			FD_SET(fd, &out[i]);
			n++;
		}
	}
	return n;
}

static uint32_t
now(void)
{
	uint32_t t = 0;

	sys_getuptime(&t);
	return t;
}

/* Set the alarm to the earliest deadline of a waiting select. */
static void
rearm(void)
{
	struct fproc *fp;
	uint32_t min = 0;

	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_SEL && fp->fp_sel_deadline &&
		    (min == 0 || fp->fp_sel_deadline < min))
			min = fp->fp_sel_deadline;
	sys_setalarm(min, min != 0, NULL);
}

/* Answer fp's select with n and the sets out. */
static void
sel_finish(struct fproc *fp, int n, fd_set out[3])
{
	set_blocked(fp, FP_NOT_BLOCKED);
	if (fp->fp_msg.m_vfs.buf != 0 &&
	    sys_vircopy(SELF, (vir_bytes)out, fp->fp_endpoint, fp->fp_msg.m_vfs.buf,
			3 * sizeof(fd_set), 0) != OK)
		n = -EFAULT;
	reply(fp, n);
}

/* Copy in and check the sets; ask drivers about character specials. */
static int
sel_start(struct fproc *fp, message *m)
{
	int fd, i;

	memset(fp->fp_sel_in, 0, sizeof(fp->fp_sel_in));
	fp->fp_sel_nfds = m->m_vfs.fd;
	fp->fp_sel_pending = 0;
	if (m->m_vfs.fd < 0 || m->m_vfs.fd > OPEN_MAX)
		return -EINVAL;
	if (m->m_vfs.buf != 0 && sys_vircopy(fp->fp_endpoint, m->m_vfs.buf, SELF,
					     (vir_bytes)fp->fp_sel_in,
					     sizeof(fp->fp_sel_in), 0) != OK)
		return -EFAULT;
	for (fd = 0; fd < fp->fp_sel_nfds; fd++) {
		int ops = 0;

		for (i = 0; i < 3; i++)
			if (FD_ISSET(fd, &fp->fp_sel_in[i]))
				ops |= 1 << i;	/* CDEV_OP_RD, _WR, _ERR */
		if (ops == 0)
			continue;
		if (fp->fp_filp[fd] == NULL)
			return -EBADF;
		if (S_ISCHR(fp->fp_filp[fd]->f_vno->v_mode) ||
		    S_ISSOCK(fp->fp_filp[fd]->f_vno->v_mode)) {
			struct filp *f = fp->fp_filp[fd];

			f->f_sel_ready = 0;
			if ((S_ISSOCK(f->f_vno->v_mode) ? sock_select(f, ops) :
			     cdev_select(f, ops)) == OK)
				fp->fp_sel_pending++;
			else
				fp->fp_filp[fd]->f_sel_ready = CDEV_OP_ERR | ops;
		}
	}
	return OK;
}

int
do_select(struct fproc *fp, message *m)
{
	fd_set out[3];
	int timeout = m->m_vfs.mode, n, r;

	if ((r = sel_start(fp, m)) != OK)
		return r;
	fp->fp_msg = *m;
	n = sel_check(fp, out);
	if (n > 0 || (timeout == 0 && fp->fp_sel_pending == 0)) {
		if (m->m_vfs.buf != 0 && sys_vircopy(SELF, (vir_bytes)out, fp->fp_endpoint,
						     m->m_vfs.buf, sizeof(out), 0) != OK)
			return -EFAULT;
		return n;
	}
	if (hz == 0 && sys_gethz(&hz) != OK)
		hz = 100;
	set_blocked(fp, FP_BLOCKED_SEL);
	fp->fp_sel_poll = timeout == 0;
	fp->fp_sel_deadline = 0;
	if (timeout > 0) {
		uint64_t ticks = ((uint64_t)timeout * hz + 999) / 1000;

		fp->fp_sel_deadline = now() + (uint32_t)(ticks ? ticks : 1);
		rearm();
	}
	return SUSPEND;
}

void
select_recheck(void)
{
	struct fproc *fp;
	fd_set out[3];
	int n, left = nr_blocked[FP_BLOCKED_SEL];

	for (fp = fproc; fp < fproc + NR_PROCS && left > 0; fp++) {
		if (!fp->fp_inuse || fp->fp_blocked != FP_BLOCKED_SEL)
			continue;
		left--;
		n = sel_check(fp, out);
		if (n > 0 || (fp->fp_sel_poll && fp->fp_sel_pending == 0))
			sel_finish(fp, n, out);
	}
}

void
select_timeout(void)
{
	struct fproc *fp;
	uint32_t t = now();
	fd_set out[3];

	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_SEL && fp->fp_sel_deadline &&
		    (int32_t)(t - fp->fp_sel_deadline) >= 0)
			sel_finish(fp, sel_check(fp, out), out);
	rearm();
}

/* A driver answered a CDEV_SELECT or SDEV_SELECT: one answer fewer to wait for. */
void
select_answered(void)
{
	struct fproc *fp;

	for (fp = fproc; fp < fproc + NR_PROCS; fp++)
		if (fp->fp_inuse && fp->fp_blocked == FP_BLOCKED_SEL && fp->fp_sel_pending > 0)
			fp->fp_sel_pending--;
}

void
select_cancel(struct fproc *fp)
{
	if (fp->fp_blocked == FP_BLOCKED_SEL)
		set_blocked(fp, FP_NOT_BLOCKED);
}
