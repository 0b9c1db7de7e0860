/*
 * buf.c - inet's packet buffers: a fixed pool of NR_PBUF, and queues of them
 * (handouts/inet.md, "Packet buffers").
 *
 * Every packet inet builds or holds (a reply, a frame waiting for its driver or for an ARP
 * answer, a loopback packet) lives in one pbuf from the pool.  The pool never grows: when it
 * is empty the packet is dropped and counted (pbuf_stats), so a flood can cost packets but
 * never inet's memory.  Every queue has its own bound too (inet.h: SENDQ_MAX,
 * ARP_PENDING_MAX, LOOPQ_MAX), so one busy destination cannot take the whole pool.
 * A received frame is not copied into a pbuf: it is handled where the driver put it
 * (eth.c), and only what inet sends in answer takes a buffer.
 *
 * A datagram a socket queues may be larger than one buffer (a reassembled one, up to
 * UDP_MAX_DATA bytes): pbuf_store() keeps it in a chain, the head and the buffers its
 * `cont` links; the head's len is the whole datagram's, and pbuf_free() of the head frees
 * the chain.  pbuf_avail() says how many buffers are free (a fragmented send takes them all
 * or none).
 *
 * Entry points: pbuf_alloc(), pbuf_free(), pbuf_in_use(), pbuf_avail(), pbuf_store(),
 * pq_put(), pq_push(), pq_get(), pq_flush().
 */
#include <string.h>
#include "inet.h"
#include "glo.h"
#include "proto.h"

static struct pbuf pool[NR_PBUF];

struct pbuf *
pbuf_alloc(void)
{
	for (int i = 0; i < NR_PBUF; i++) {
		if (!pool[i].in_use) {
			pool[i].in_use = 1;
			pool[i].next = NULL;
			pool[i].len = 0;
			pool[i].nexthop = 0;
			pool[i].cont = NULL;
			inet_stats.pbuf_used++;
			if (inet_stats.pbuf_used > inet_stats.pbuf_peak)
				inet_stats.pbuf_peak = inet_stats.pbuf_used;
			return &pool[i];
		}
	}
	inet_stats.pbuf_fail++;
	return NULL;
}

void
pbuf_free(struct pbuf *p)
{
	struct pbuf *next;

	if (p == NULL)
		panic("pbuf_free: a buffer that is not allocated");
	for (; p != NULL; p = next) {
		if (!p->in_use)
			panic("pbuf_free: a buffer that is not allocated");
		next = p->cont;
		p->in_use = 0;
		inet_stats.pbuf_used--;
	}
}

unsigned int
pbuf_in_use(void)
{
	return inet_stats.pbuf_used;
}

unsigned int
pbuf_avail(void)
{
	return NR_PBUF - inet_stats.pbuf_used;
}

struct pbuf *
pbuf_store(const uint8_t *data, size_t len)
{
	size_t n = (len + sizeof(pool[0].data) - 1) / sizeof(pool[0].data);
	struct pbuf *head, *p;

	if (n > pbuf_avail() || (head = pbuf_alloc()) == NULL)
		return NULL;
	head->len = len;
	for (p = head; ; p = p->cont) {
		size_t k = len < sizeof(p->data) ? len : sizeof(p->data);

		memcpy(p->data, data, k);
		data += k, len -= k;
		if (len == 0)
			return head;
		p->cont = pbuf_alloc();
		p->cont->len = len < sizeof(p->data) ? len : sizeof(p->data);
	}
}

int
pq_put(struct pqueue *q, struct pbuf *p, unsigned int max)
{
	if (q->count >= max) {
		pbuf_free(p);
		return 0;
	}
	p->next = NULL;
	if (q->tail != NULL)
		q->tail->next = p;
	else
		q->head = p;
	q->tail = p;
	q->count++;
	return 1;
}

void
pq_push(struct pqueue *q, struct pbuf *p)
{
	p->next = q->head;
	q->head = p;
	if (q->tail == NULL)
		q->tail = p;
	q->count++;
}

struct pbuf *
pq_get(struct pqueue *q)
{
	struct pbuf *p = q->head;

	if (p == NULL)
		return NULL;
	q->head = p->next;
	if (q->head == NULL)
		q->tail = NULL;
	q->count--;
	p->next = NULL;
	return p;
}

unsigned int
pq_flush(struct pqueue *q)
{
	unsigned int n = 0;
	struct pbuf *p;

	while ((p = pq_get(q)) != NULL) {
		pbuf_free(p);
		n++;
	}
	return n;
}
