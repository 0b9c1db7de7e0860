/*
 * request.c - DL_WRITEV_S and DL_READV_S: the client's vector copied in and checked, one
 * frame moved by the card code, and store-and-complete (handouts/netdriver.md, "Sequence
 * charts").
 *
 * A request's vector comes through the grant in the message: count 1..DL_NR_IOREQ
 * elements (else EINVAL), copied with sys_safecopyfrom (its error is the answer).  A write's
 * pieces must add up to a frame of ETH_MIN_PACK_SIZE..ETH_MAX_PACK_SIZE bytes, a read's to
 * at least ETH_MAX_PACK_SIZE (else EINVAL).  The card code then moves the frame with
 * netdriver_copyin() / netdriver_copyout(), which walk the pieces; a piece whose grant the
 * kernel refuses makes the request fail with the kernel's error.
 *
 * Store-and-complete.  If the card code answers SUSPEND (no room to send, nothing
 * received), the checked request is stored, one write and one read at most, and the client
 * gets DL_TASK_REPLY without the flag now.  netdriver_send() / netdriver_recv(), which the
 * card code calls when an interrupt made room or brought a frame, retry the stored request;
 * when it completes the client gets an unsolicited DL_TASK_REPLY with DL_PACK_SEND, or
 * DL_PACK_RECV and the frame's size in count (or an error in status).  A second write or
 * read while one is stored is answered EBUSY; one before the card is up ENXIO.
 *
 * Storing (ndr_do_writev, ndr_do_readv) and completing (netdriver_send, netdriver_recv) are
 * the netdriver lab's (labs/netdriver; handouts/netdriver.md, "The netdriver lab"); the
 * vector's checks and the copy helpers are given.
 *
 * Entry points: ndr_do_writev(), ndr_do_readv(), ndr_forget_stored() (netdriver.c);
 * netdriver_copyin(), netdriver_copyout(), netdriver_send(), netdriver_recv() (the card code).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/netdriver.h>
#include <minnow/syslib.h>
#include "netdriver_priv.h"

static struct netdriver_data wdata, rdata;      /* the stored write and read */
static int w_stored, r_stored;

/* Answer a write or read: DL_TASK_REPLY with status, flags and the frame size. */
static void
task_reply(endpoint_t dst, int status, int flags, int count, int ipc_status)
{
	message reply;

	memset(&reply, 0, sizeof(reply));
	reply.m_type = DL_TASK_REPLY;
	reply.m_dl.status = status;
	reply.m_dl.flags = flags;
	reply.m_dl.count = count;
	ndr_reply(dst, &reply, ipc_status);
}

/* Copy in and check the vector of request m into d: OK or the error to answer. */
static int
get_vector(const message *m, struct netdriver_data *d, int write)
{
	uint64_t size = 0;
	int r;

	if (m->m_dl.count < 1 || m->m_dl.count > DL_NR_IOREQ)
		return -EINVAL;
	d->endpt = m->m_source;
	d->count = (unsigned int)m->m_dl.count;
	r = sys_safecopyfrom(m->m_source, m->m_dl.grant, 0, (vir_bytes)d->iovec,
			     d->count * sizeof(iovec_s_t));
	if (r != OK)
		return r;
	for (unsigned int i = 0; i < d->count; i++)
		size += d->iovec[i].iov_size;
	if (write && (size < ETH_MIN_PACK_SIZE || size > ETH_MAX_PACK_SIZE))
		return -EINVAL;
	if (!write && size < ETH_MAX_PACK_SIZE)
		return -EINVAL;
	d->size = size > ETH_MAX_PACK_SIZE ? ETH_MAX_PACK_SIZE : (size_t)size;
	return OK;
}

/* Checks common to both requests: OK, or the error to answer. */
static int
precheck(int stored)
{
	if (ndr_card != OK)
		return -ENXIO;
	if (stored)
		return -EBUSY;
	return OK;
}

void
ndr_forget_stored(void)
{
	w_stored = r_stored = 0;
}

/* LAB(netdriver) BEGIN: answer or store (handouts/netdriver.md, "The netdriver lab") */
void
ndr_do_writev(message *m, int ipc_status)
{
	struct netdriver_data d;
	int r;

	if ((r = precheck(w_stored)) == OK && (r = get_vector(m, &d, 1)) == OK)
		r = ndr_table->ndr_send(&d, d.size);
	if (r == SUSPEND) {
		wdata = d;
		w_stored = 1;
		task_reply(m->m_source, OK, DL_NOFLAGS, 0, ipc_status);
	} else {
		task_reply(m->m_source, r, r == OK ? DL_PACK_SEND : DL_NOFLAGS, 0, ipc_status);
	}
}

void
ndr_do_readv(message *m, int ipc_status)
{
	struct netdriver_data d;
	int r;

	if ((r = precheck(r_stored)) == OK && (r = get_vector(m, &d, 0)) == OK)
		r = ndr_table->ndr_recv(&d, d.size);
	if (r == SUSPEND) {
		rdata = d;
		r_stored = 1;
		task_reply(m->m_source, OK, DL_NOFLAGS, 0, ipc_status);
	} else if (r >= 0) {
		task_reply(m->m_source, OK, DL_PACK_RECV, r, ipc_status);
	} else {
		task_reply(m->m_source, r, DL_NOFLAGS, 0, ipc_status);
	}
}
/* LAB(netdriver) STUB */
//~ void
//~ ndr_do_writev(message *m, int ipc_status)
//~ {
//~ 	(void)precheck, (void)get_vector, (void)wdata;
//~ 	/* LAB(netdriver): ndr_do_writev() is not implemented */
//~ 	task_reply(m->m_source, -ENOSYS, DL_NOFLAGS, 0, ipc_status);
//~ }
//~
//~ void
//~ ndr_do_readv(message *m, int ipc_status)
//~ {
//~ 	(void)rdata;
//~ 	/* LAB(netdriver): ndr_do_readv() is not implemented */
//~ 	task_reply(m->m_source, -ENOSYS, DL_NOFLAGS, 0, ipc_status);
//~ }
/* LAB(netdriver) END */

/* LAB(netdriver) BEGIN: complete a stored one (handouts/netdriver.md, "The netdriver lab") */
void
netdriver_send(void)
{
	int r;

	if (!w_stored || (r = ndr_table->ndr_send(&wdata, wdata.size)) == SUSPEND)
		return;
	w_stored = 0;
	task_reply(wdata.endpt, r, r == OK ? DL_PACK_SEND : DL_NOFLAGS, 0, 0);
}

void
netdriver_recv(void)
{
	int r;

	if (!r_stored || (r = ndr_table->ndr_recv(&rdata, rdata.size)) == SUSPEND)
		return;
	r_stored = 0;
	if (r >= 0)
		task_reply(rdata.endpt, OK, DL_PACK_RECV, r, 0);
	else
		task_reply(rdata.endpt, r, DL_NOFLAGS, 0, 0);
}
/* LAB(netdriver) STUB */
//~ void
//~ netdriver_send(void)
//~ {
//~ 	/* LAB(netdriver): netdriver_send() is not implemented */
//~ }
//~
//~ void
//~ netdriver_recv(void)
//~ {
//~ 	/* LAB(netdriver): netdriver_recv() is not implemented */
//~ }
/* LAB(netdriver) END */

/* Walk data's pieces from frame offset off for size bytes; copy each part with the kernel
 * (to the client if out, else from it).  OK or the kernel's error. */
static int
walk(struct netdriver_data *data, size_t off, void *ptr, size_t size, int out)
{
	uint8_t *p = ptr;

	for (unsigned int i = 0; i < data->count && size > 0; i++) {
		size_t piece = data->iovec[i].iov_size, n;
		int r;

		if (off >= piece) {
			off -= piece;
			continue;
		}
		n = piece - off < size ? piece - off : size;
		r = out ? sys_safecopyto(data->endpt, data->iovec[i].iov_grant, off, (vir_bytes)p, n)
			: sys_safecopyfrom(data->endpt, data->iovec[i].iov_grant, off, (vir_bytes)p, n);
		if (r != OK)
			return r;
		p += n;
		size -= n;
		off = 0;
	}
	return size == 0 ? OK : -EINVAL;
}

int
netdriver_copyin(struct netdriver_data *data, size_t off, void *ptr, size_t size)
{
	return walk(data, off, ptr, size, 0);
}

int
netdriver_copyout(struct netdriver_data *data, size_t off, const void *ptr, size_t size)
{
	return walk(data, off, (void *)ptr, size, 1);
}
