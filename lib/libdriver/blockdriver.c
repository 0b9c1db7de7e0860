/*
 * blockdriver.c - the block half of libdriver: blockdriver_process() turns one BDEV_*
 * request (include/minnow/bdev.h) into a call of the driver's entry point and answers it
 * with BDEV_REPLY (status and the request's id) at once.  BDEV_GATHER and BDEV_SCATTER are
 * not implemented (EINVAL).  Anything that is not a BDEV_* request goes to bdr_other.
 */
#include <string.h>
#include <minnow/errno.h>
#include "driver_priv.h"

/* Call the entry point for request m; the reply's status. */
static int
block_dispatch(const struct blockdriver *bdp, const message *m)
{
	const mess_bdev *b = &m->m_bdev;

	switch (m->m_type) {
	case BDEV_OPEN:
		return bdp->bdr_open ? bdp->bdr_open(b->minor, b->access) : -ENXIO;
	case BDEV_CLOSE:
		return bdp->bdr_close ? bdp->bdr_close(b->minor) : OK;
	case BDEV_READ:
	case BDEV_WRITE:
		if (bdp->bdr_transfer == NULL)
			return -EIO;
		return bdp->bdr_transfer(b->minor, m->m_type == BDEV_WRITE, b->pos, m->m_source,
					 b->grant, b->count, b->flags);
	case BDEV_IOCTL:
		return bdp->bdr_ioctl ? bdp->bdr_ioctl(b->minor, b->request, m->m_source, b->grant,
						       b->user) : -ENOTTY;
	default:
		return -EINVAL;	/* GATHER, SCATTER */
	}
}

void
blockdriver_process(const struct blockdriver *bdp, message *m, int ipc_status)
{
	message reply;
	int r;

	if (!IS_BDEV_RQ(m->m_type)) {
		if (bdp->bdr_other != NULL)
			bdp->bdr_other(m, ipc_status);
		return;
	}
	r = block_dispatch(bdp, m);
	if (m->m_type == BDEV_OPEN && r == OK)
		driver_mark_open(m->m_bdev.minor);
	memset(&reply, 0, sizeof(reply));
	reply.m_type = BDEV_REPLY;
	reply.m_bdev_reply.status = r;
	reply.m_bdev_reply.id = m->m_bdev.id;
	driver_send_reply(m->m_source, &reply, ipc_status);
}
