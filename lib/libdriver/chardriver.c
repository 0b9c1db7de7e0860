/*
 * chardriver.c - the character half of libdriver: chardriver_process() turns one CDEV_*
 * request (include/minnow/cdev.h) into a call of the driver's entry point and answers it
 * (CDEV_REPLY with the id of the request, or CDEV_SEL1_REPLY for a select); entry points
 * that return -EDONTREPLY answer later through chardriver_reply_task().  Anything that is
 * not a CDEV_* request goes to the table's cdr_other entry, unanswered.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include "driver_priv.h"

/* The user of the request being handled (chardriver_user). */
static endpoint_t cur_user = NONE;

endpoint_t
chardriver_user(void)
{
	return cur_user;
}

/* Call the entry point for request m; the reply's status. */
static int
char_dispatch(const struct chardriver *cdp, const message *m)
{
	const mess_cdev *c = &m->m_cdev;

	cur_user = m->m_type == CDEV_CANCEL || m->m_type == CDEV_CLOSE ? NONE : c->user;
	switch (m->m_type) {
	case CDEV_OPEN:
		return cdp->cdr_open ? cdp->cdr_open(c->minor, c->access, c->user) : -ENXIO;
	case CDEV_CLOSE:
		return cdp->cdr_close ? cdp->cdr_close(c->minor) : OK;
	case CDEV_READ:
		return cdp->cdr_read ? cdp->cdr_read(c->minor, c->pos, m->m_source, c->grant,
						     c->count, c->flags, c->id) : -EIO;
	case CDEV_WRITE:
		return cdp->cdr_write ? cdp->cdr_write(c->minor, c->pos, m->m_source, c->grant,
						       c->count, c->flags, c->id) : -EIO;
	case CDEV_IOCTL:
		return cdp->cdr_ioctl ? cdp->cdr_ioctl(c->minor, c->request, m->m_source, c->grant,
						       c->flags, c->user, c->id) : -ENOTTY;
	case CDEV_CANCEL:
		/* Nothing suspended to cancel: no reply (the request was answered already). */
		return cdp->cdr_cancel ? cdp->cdr_cancel(c->minor, m->m_source, c->id) : -EDONTREPLY;
	case CDEV_SELECT:
		return cdp->cdr_select ? cdp->cdr_select(c->minor, c->flags, m->m_source) : -EIO;
	default:
		return -EINVAL;
	}
}

void
chardriver_process(const struct chardriver *cdp, message *m, int ipc_status)
{
	message reply;
	int r;

	if (!IS_CDEV_RQ(m->m_type)) {
		if (cdp->cdr_other != NULL)
			cdp->cdr_other(m, ipc_status);
		return;
	}
	r = char_dispatch(cdp, m);
	if (m->m_type == CDEV_OPEN && r == OK)
		driver_mark_open(m->m_cdev.minor);
	if (r == -EDONTREPLY)
		return;
	memset(&reply, 0, sizeof(reply));
	reply.m_type = m->m_type == CDEV_SELECT ? CDEV_SEL1_REPLY : CDEV_REPLY;
	reply.m_cdev_reply.status = r;
	reply.m_cdev_reply.id = m->m_cdev.id;
	reply.m_cdev_reply.minor = m->m_cdev.minor;
	driver_send_reply(m->m_source, &reply, ipc_status);
}

int
chardriver_reply_task(endpoint_t endpt, cdev_id_t id, int status)
{
	message reply;

	memset(&reply, 0, sizeof(reply));
	reply.m_type = CDEV_REPLY;
	reply.m_cdev_reply.status = status;
	reply.m_cdev_reply.id = id;
	return asynsend3(endpt, &reply, AMF_NOREPLY);
}

int
chardriver_reply_select(endpoint_t endpt, devminor_t minor, int ops)
{
	message reply;

	memset(&reply, 0, sizeof(reply));
	reply.m_type = CDEV_SEL2_REPLY;
	reply.m_cdev_reply.status = ops;
	reply.m_cdev_reply.minor = minor;
	return asynsend3(endpt, &reply, AMF_NOREPLY);
}
