/*
 * sockreply.c - a socket driver's answers (minnow/sdev.h; handouts/sockets.md): the
 * answer to a suspended socket call (SDEV_REPLY, SDEV_SOCKET_REPLY, SDEV_ACCEPT_REPLY,
 * SDEV_RECV_REPLY), select events (SDEV_SEL1_REPLY, SDEV_SEL2_REPLY), and the cancel of a
 * waiting call when its caller gets a signal or exits.  socket.c sends the requests.
 *
 * An answer is checked before the caller sees it (more bytes than asked, an error below
 * -EMAX_STATUS, a name longer than the room: EIO); socket and accept give the new fd its
 * socket id or give the fd back; a send answered EPIPE sends the caller SIGPIPE unless
 * MSG_NOSIGNAL; a new socket nobody waits for any more is closed again.
 */
#include <string.h>
#include <sys/socket.h>
#include <minnow/errno.h>
#include <minnow/sdev.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "proto.h"

#define EMAX_STATUS     1000    /* a driver's error is a small number */

/* A driver's status as the caller may see it: EIO if the protocol does not allow it. */
static int
sane(const struct fproc *fp, int status)
{
	int op = fp->fp_cdev_op;

	if (status < -EMAX_STATUS)
		return -EIO;
	if ((op == SDEV_SEND || op == SDEV_RECV) && status > 0 &&
	    (uint32_t)status > fp->fp_sdev_len)
		return -EIO;
	if ((op == SDEV_GETSOCKOPT && status > 0 && (uint32_t)status > fp->fp_sdev_len) ||
	    ((op == SDEV_GETSOCKNAME || op == SDEV_GETPEERNAME) && status > 0 &&
	     (uint32_t)status > fp->fp_sdev_room))
		return -EIO;
	return status;
}

/* socket or accept answered: the new fd gets the driver's socket id, or goes. */
static void
finish_new(struct fproc *fp, const mess_sdev_reply *r, int status)
{
	int fd = fp->fp_sdev_fd;
	message out;

	if (status == OK && (r == NULL || r->sock < 0))
		status = -EIO;
	if (status != OK) {
		drop_fd(fp, fd);
		reply(fp, status < 0 ? status : -EIO);
		return;
	}
	fp->fp_filp[fd]->f_sock = r->sock;
	memset(&out, 0, sizeof(out));
	out.m_vfs.offset_lo = r->addr_len;
	reply_msg(fp, &out, fd);
}

/* fp's call is answered with status (r: the whole answer, NULL when VFS ends the call). */
void
sdev_finish(struct fproc *fp, const mess_sdev_reply *r, int status)
{
	int op = fp->fp_cdev_op;
	message out;

	set_blocked(fp, FP_NOT_BLOCKED);
	sock_revoke(&fp->fp_grant);
	sock_revoke(&fp->fp_addr_grant);
	status = sane(fp, status);
	if (op == SDEV_SOCKET || op == SDEV_ACCEPT) {
		finish_new(fp, r, status);
		return;
	}
	memset(&out, 0, sizeof(out));
	if (op == SDEV_SEND && status == -EPIPE && !(fp->fp_msg.m_vfs.flags & MSG_NOSIGNAL))
		sys_kill(fp->fp_endpoint, SIGPIPE);
	if (op == SDEV_RECV && r != NULL) {
		out.m_vfs.offset_lo = r->addr_len > fp->fp_sdev_room ? fp->fp_sdev_room
								     : r->addr_len;
		out.m_vfs.offset_hi = r->flags & MSG_TRUNC;
	}
	if ((op == SDEV_GETSOCKOPT || op == SDEV_GETSOCKNAME || op == SDEV_GETPEERNAME) &&
	    status >= 0) {
		out.m_vfs.offset_lo = (uint32_t)status;
		status = OK;
	}
	reply_msg(fp, &out, status);
}

/* SDEV_REPLY, _SOCKET_REPLY, _ACCEPT_REPLY, _RECV_REPLY (fp unused): finish the call that
 * waits for it; a new socket nobody waits for any more is closed. */
int
do_sdev_reply(struct fproc *fp, message *m)
{
	const mess_sdev_reply *r = &m->m_sdev_reply;

	if ((fp = waiting_for(FP_BLOCKED_SDEV, m->m_source, m->m_sdev_reply.id)) != NULL) {
		sdev_finish(fp, r, r->status);
	} else if ((m->m_type == SDEV_SOCKET_REPLY || m->m_type == SDEV_ACCEPT_REPLY) &&
		   r->status == OK && r->sock >= 0) {
		sdev_close(m->m_source, r->sock);	/* its caller is gone */
	}
	return SUSPEND;			/* an answer: never answered */
}

/* SDEV_SEL1_REPLY, SDEV_SEL2_REPLY (fp unused): a socket's ready ops. */
int
do_sdev_select_reply(struct fproc *fp, message *m)
{
	const mess_sdev_reply *r = &m->m_sdev_reply;
	struct filp *f;

	(void)fp;
	for (f = filp; f < filp + NR_FILPS; f++) {
		if (f->f_count == 0 || !S_ISSOCK(f->f_vno->v_mode) ||
		    sock_endpt(f) != m->m_source || f->f_sock != r->sock)
			continue;
		if (r->status > 0)
			f->f_sel_ready |= r->status & (SDEV_OP_RD | SDEV_OP_WR | SDEV_OP_ERR);
		else if (r->status < 0)
			f->f_sel_ready |= SDEV_OP_ERR;
	}
	if (m->m_type == SDEV_SEL1_REPLY)
		select_answered();
	select_recheck();
	return SUSPEND;
}

/* fp waits for a socket driver and got a signal (or exits): SDEV_CANCEL; the driver's
 * answer ends the call.  With the driver gone, or fp exiting, the call ends here. */
void
sdev_cancel(struct fproc *fp, int exiting)
{
	mess_sdev s;

	if (fp->fp_blocked != FP_BLOCKED_SDEV)
		return;
	if (is_sock_driver(fp->fp_cdev_e) && !fp->fp_cancelled) {
		memset(&s, 0, sizeof(s));
		s.sock = fp->fp_sdev_sock;
		s.id = fp->fp_cdev_id;
		s.user = fp->fp_endpoint;
		sdev_send(fp->fp_cdev_e, SDEV_CANCEL, &s);
		fp->fp_cancelled = 1;
	}
	if (exiting || !is_sock_driver(fp->fp_cdev_e)) {
		set_blocked(fp, FP_NOT_BLOCKED);
		sock_revoke(&fp->fp_grant);
		sock_revoke(&fp->fp_addr_grant);
		if (fp->fp_cdev_op == SDEV_SOCKET || fp->fp_cdev_op == SDEV_ACCEPT)
			drop_fd(fp, fp->fp_sdev_fd);
		if (!exiting)
			reply(fp, -EINTR);
	}
}
