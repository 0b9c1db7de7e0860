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
 * Entry points: pbuf_alloc(), pbuf_free(), pbuf_in_use(), pq_put(), pq_push(), pq_get(),
 * pq_flush().
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
	if (p == NULL || !p->in_use)
		panic("pbuf_free: a buffer that is not allocated");
	p->in_use = 0;
	inet_stats.pbuf_used--;
}

unsigned int
pbuf_in_use(void)
{
	return inet_stats.pbuf_used;
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
