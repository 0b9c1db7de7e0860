/*
 * dgsock.c - the receive side shared by inet's datagram sockets, UDP (udpsock.c) and raw
 * (rawsock.c): bounded queues, waiting recvs, select and pending ICMP errors
 * (handouts/inet.md, "UDP sockets", "Raw sockets and ping").
 *
 * A socket's queue (struct dgq) holds at most a count and a byte total of datagrams, each
 * in a packet buffer or a chain of them (buf.c's pbuf_store()); beyond either bound, or
 * with no buffer left, a datagram is dropped and counted.  A recv with nothing queued
 * waits in one of NR_DG_WAIT rows shared by every datagram socket (the row keeps the
 * socket id, whose high bits name the protocol); a datagram that arrives while recvs wait
 * goes straight to the first (all of them with MSG_PEEK).  A signal ends a waiting recv
 * with EINTR, closing the socket ends them with EBADF.  An ICMP error told to the socket
 * (dg_error()) ends a waiting recv with it, or is kept for the next recv or send, which
 * fail with it once (the socket is also readable for select meanwhile).
 *
 * Entry points: dg_recv(), dg_deliver(), dg_error(), dg_take_error(), dg_close(),
 * dg_cancel(), dg_select().
 */
#include <string.h>
#include <netinet/in.h>
#include <minnow/sockdriver.h>
#include "glo.h"
#include "proto.h"

/* A recv that waits for a datagram. */
struct waiting {
	int in_use;                     /* the row holds a call */
	sockid_t sock;                  /* its socket */
	struct sockdriver_call call;    /* how to answer it */
	struct sockdriver_data data;    /* where the bytes go */
	size_t len;                     /* how many fit */
	int peek;                       /* MSG_PEEK: leave the datagram queued */
};

static struct waiting waiting[NR_DG_WAIT];

/* Copy datagram p (a chain) into data (room len): the bytes copied or EFAULT; MSG_TRUNC. */
static int
copy_datagram(const struct pbuf *p, const struct sockdriver_data *data, size_t len,
	      int *rflags)
{
	size_t n = p->len < len ? p->len : len, off = 0;
	const struct pbuf *b;

	*rflags = p->len > len ? MSG_TRUNC : 0;
	for (b = p; b != NULL && off < n; b = b->cont) {
		size_t k = sizeof(b->data) < n - off ? sizeof(b->data) : n - off;

		if (sockdriver_copyout(data, off, b->data, k) != OK)
			return -EFAULT;
		off += k;
	}
	return (int)n;
}

/* Keep call as a waiting recv: SUSPEND, or ENOBUFS with every row in use. */
static int
wait_recv(sockid_t sock, const struct sockdriver_call *call,
	  const struct sockdriver_data *data, size_t len, int flags)
{
	for (int i = 0; i < NR_DG_WAIT; i++)
		if (!waiting[i].in_use) {
			waiting[i] = (struct waiting){ 1, sock, *call, *data, len,
						       (flags & MSG_PEEK) != 0 };
			return SOCKDRIVER_SUSPEND;
		}
	return -ENOBUFS;
}

int
dg_take_error(struct dgq *d)
{
	int e = d->error;

	d->error = 0;
	return -e;
}

int
dg_recv(sockid_t sock, struct dgq *d, const struct sockdriver_data *data, size_t len,
	struct sockaddr *a, socklen_t *alen, int *rflags, int flags,
	const struct sockdriver_call *call, int nonblock)
{
	struct pbuf *p;
	int r;

	if (d->error != 0)
		return dg_take_error(d);
	if ((p = d->q.head) == NULL)
		return nonblock ? -EAGAIN : wait_recv(sock, call, data, len, flags);
	r = copy_datagram(p, data, len, rflags);
	sock_addr_put(a, alen, p->from, p->from_port);
	if (!(flags & MSG_PEEK)) {
		d->bytes -= p->len;
		pbuf_free(pq_get(&d->q));
	}
	return r;
}

/* Answer the first recv waiting on sock with the datagram; 1 if one took it for good. */
static int
give_to_waiting(sockid_t sock, const struct pbuf *p)
{
	struct sockaddr_storage a;
	socklen_t alen;
	int rflags, r;

	for (int i = 0; i < NR_DG_WAIT; i++) {
		struct waiting *w = &waiting[i];

		if (!w->in_use || w->sock != sock)
			continue;
		w->in_use = 0;
		r = copy_datagram(p, &w->data, w->len, &rflags);
		sock_addr_put((struct sockaddr *)&a, &alen, p->from, p->from_port);
		sockdriver_reply_recv(&w->call, r, (struct sockaddr *)&a, alen, rflags);
		if (!w->peek)
			return 1;
	}
	return 0;
}

/* Tell a select waiting on sock that it is readable. */
static void
wake_select(sockid_t sock, struct dgq *d)
{
	if (d->sel_notify) {
		d->sel_notify = 0;
		sockdriver_reply_select(sock, SDEV_OP_RD);
	}
}

int
dg_deliver(sockid_t sock, struct dgq *d, uint32_t src, uint16_t sport, const uint8_t *data,
	   size_t len, unsigned int max, size_t max_bytes)
{
	struct pbuf *p;

	if (d->q.count >= max || d->bytes + len > max_bytes ||
	    (p = pbuf_store(data, len)) == NULL) {
		d->dropped++;
		return 0;
	}
	p->from = src, p->from_port = sport;
	if (give_to_waiting(sock, p)) {
		pbuf_free(p);
		return 1;
	}
	pq_put(&d->q, p, max);
	d->bytes += len;
	wake_select(sock, d);
	return 1;
}

/* End the recvs waiting on sock with status r. */
static void
end_waiting(sockid_t sock, int r)
{
	for (int i = 0; i < NR_DG_WAIT; i++)
		if (waiting[i].in_use && waiting[i].sock == sock) {
			waiting[i].in_use = 0;
			sockdriver_reply_recv(&waiting[i].call, r, NULL, 0, 0);
		}
}

void
dg_error(sockid_t sock, struct dgq *d, int err)
{
	for (int i = 0; i < NR_DG_WAIT; i++)
		if (waiting[i].in_use && waiting[i].sock == sock) {
			end_waiting(sock, -err);
			return;
		}
	d->error = err;
	wake_select(sock, d);
}

void
dg_close(sockid_t sock, struct dgq *d)
{
	end_waiting(sock, -EBADF);
	pq_flush(&d->q);
	d->bytes = 0;
}

void
dg_cancel(sockid_t sock, const struct sockdriver_call *call)
{
	for (int i = 0; i < NR_DG_WAIT; i++) {
		struct waiting *w = &waiting[i];

		if (w->in_use && w->sock == sock && w->call.sc_id == call->sc_id &&
		    w->call.sc_endpt == call->sc_endpt) {
			w->in_use = 0;
			sockdriver_reply_recv(&w->call, -EINTR, NULL, 0, 0);
		}
	}
}

unsigned int
dg_select(struct dgq *d, unsigned int ops, int notify)
{
	unsigned int ready = ops & SDEV_OP_WR;	/* sending never waits */

	if (d->q.count > 0 || d->error != 0)
		ready |= ops & SDEV_OP_RD;
	if (notify && (ops & SDEV_OP_RD) && !(ready & SDEV_OP_RD))
		d->sel_notify = 1;
	return ready;
}
