/*
 * tcp.c - TCP's control blocks (RFC 793 3.2): the table of NR_TCP of them, ports and the
 * demultiplexing of arriving segments, the buffers, and the ends of a connection
 * (handouts/inet.md, "TCP").
 *
 * A row is a socket (CLOSED, bound or not), a listener (LISTEN), or a connection; a
 * connection a listener made is the listener's child (parent) until accept() takes it.
 * The socket id VFS keeps is SOCK_ID(SK_TCP, row).  A row lives until both the user has
 * closed its socket (has_socket 0) and the connection is over (CLOSED); a closed socket
 * whose connection still sends its FIN, or waits in TIME_WAIT, is an orphan.  With every
 * row taken, the orphan in TIME_WAIT nearest its end gives its row up (counted in
 * tcp_tw_recycled): a busy server's closed connections cannot lock new ones out.
 *
 * Ports are one namespace per address, as for UDP: binding a port another row holds on
 * the same or the wildcard address is EADDRINUSE, unless the binder set SO_REUSEADDR and
 * the other row is a connection (not a listener and not merely bound), such as one in
 * TIME_WAIT.  Port 0 takes an ephemeral port; ports below TCP_LOWPORT are root's.
 * An arriving segment goes to the connection of its four numbers, else to a listener on
 * its port (an exact local address before the wildcard), else nowhere (tcp_in.c answers
 * with RST).
 *
 * Entry points: tcp_alloc(), tcp_get(), tcp_at(), tcp_id(), tcp_sockrows(), tcp_state_name(),
 * tcp_free(), tcp_bind(), tcp_autobind(), tcp_lookup(), tcp_buffers(), tcp_new_iss(),
 * tcp_drop(), tcp_closed(), tcp_children_abort(), tcp_evict_half_open(),
 * tcp_first_queued(), tcp_each(), tcp_established(), tcp_release_buffers(), the ring_*()
 * helpers.
 */
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/inetconf.h>
#include "glo.h"
#include "proto.h"

static struct tcb tcbs[NR_TCP];
static uint32_t mem_used;                       /* ring bytes of all rows */
static uint16_t next_eph = UDP_EPH_FIRST;       /* where the ephemeral search starts */
static uint32_t iss_step;                       /* makes each ISS differ */

static const char *const state_names[TCPS_NSTATES] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1",
	"FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"
};

const char *
tcp_state_name(int state)
{
	return state >= 0 && state < TCPS_NSTATES ? state_names[state] : "?";
}

struct tcb *
tcp_at(int i)
{
	return i >= 0 && i < NR_TCP && tcbs[i].in_use ? &tcbs[i] : NULL;
}

/* A free row: an unused one, else the orphan in TIME_WAIT that ends first (freed), or
 * NULL. */
static struct tcb *
free_row(void)
{
	struct tcb *old = NULL;

	for (int i = 0; i < NR_TCP; i++) {
		struct tcb *t = &tcbs[i];

		if (!t->in_use)
			return t;
		if (t->state == TCPS_TIME_WAIT && !t->has_socket &&
		    (old == NULL || SEQ_LT(t->t_2msl, old->t_2msl)))
			old = t;
	}
	if (old != NULL) {
		inet_stats.tcp_tw_recycled++;
		tcp_free(old);
	}
	return old;
}

struct tcb *
tcp_alloc(void)
{
	struct tcb *t = free_row();

	if (t != NULL) {
		memset(t, 0, sizeof(*t));
		t->in_use = 1;
		t->parent = -1;
		t->sndbuf = t->rcvbuf = TCP_BUF_DEFAULT;
		t->keepidle = TCP_KEEPIDLE_DEF;
		t->keepintvl = TCP_KEEPINTVL_DEF;
		t->keepcnt = TCP_KEEPCNT_DEF;
		t->mss = TCP_MSS_DEFAULT;
		t->rto = TCP_RTO_INIT;
	}
	return t;
}

struct tcb *
tcp_get(int id)
{
	if (id < 0 || SOCK_PROTO(id) != SK_TCP)
		return NULL;
	return tcp_at(SOCK_INDEX(id));
}

int
tcp_id(const struct tcb *t)
{
	return SOCK_ID(SK_TCP, (int)(t - tcbs));
}

/* ---- ring buffers ---------------------------------------------------------------------- */

/* Give r a buffer of size bytes within TCP_MEM_MAX: OK or ENOBUFS. */
static int
ring_alloc(struct ring *r, uint32_t size)
{
	if (r->buf != NULL)
		return OK;
	if (mem_used + size > TCP_MEM_MAX || (r->buf = malloc(size)) == NULL)
		return -ENOBUFS;
	mem_used += size;
	r->size = size, r->start = 0, r->len = 0;
	return OK;
}

static void
ring_release(struct ring *r)
{
	if (r->buf != NULL) {
		free(r->buf);
		mem_used -= r->size;
	}
	memset(r, 0, sizeof(*r));
}

uint32_t
ring_room(const struct ring *r)
{
	return r->size - r->len;
}

/* The contiguous piece at offset off of r (at most n bytes): its address, *piece bytes. */
uint8_t *
ring_span(const struct ring *r, uint32_t off, uint32_t n, uint32_t *piece)
{
	uint32_t at = (r->start + off) % r->size;

	*piece = n < r->size - at ? n : r->size - at;
	return r->buf + at;
}

void
ring_write(struct ring *r, uint32_t off, const uint8_t *src, uint32_t n)
{
	uint32_t piece;
	uint8_t *p;

	while (n > 0) {
		p = ring_span(r, off, n, &piece);
		memcpy(p, src, piece);
		src += piece, off += piece, n -= piece;
	}
}

void
ring_read(const struct ring *r, uint32_t off, uint8_t *dst, uint32_t n)
{
	uint32_t piece;
	const uint8_t *p;

	while (n > 0) {
		p = ring_span(r, off, n, &piece);
		memcpy(dst, p, piece);
		dst += piece, off += piece, n -= piece;
	}
}

void
ring_drop(struct ring *r, uint32_t n)
{
	r->start = (r->start + n) % r->size;
	r->len -= n;
}

int
tcp_buffers(struct tcb *t)
{
	int r;

	if ((r = ring_alloc(&t->snd, t->sndbuf)) != OK)
		return r;
	if ((r = ring_alloc(&t->rcv, t->rcvbuf)) != OK) {
		ring_release(&t->snd);
		return r;
	}
	return OK;
}

void
tcp_release_buffers(struct tcb *t)
{
	ring_release(&t->snd);
	if (t->rcv.len == 0)
		ring_release(&t->rcv);          /* unread bytes stay for the user */
}

void
tcp_free(struct tcb *t)
{
	struct tcb *p = tcp_at(t->parent);

	if (p != NULL && p->state == TCPS_LISTEN)
		p->qlen--;
	ring_release(&t->snd);
	ring_release(&t->rcv);
	t->in_use = 0;
}

/* ---- ports --------------------------------------------------------------------------- */

/* Does a row other than self (a struct tcb) hold port on addr, for self's bind? */
static int
port_taken(const void *self, uint32_t addr, uint16_t port)
{
	const struct tcb *me = self;

	for (int i = 0; i < NR_TCP; i++) {
		const struct tcb *t = &tcbs[i];

		if (t == me || !t->in_use || t->lport != port)
			continue;
		if (t->laddr != 0 && addr != 0 && t->laddr != addr)
			continue;
		if (me->reuseaddr && t->state != TCPS_LISTEN && t->state != TCPS_CLOSED)
			continue;
		return 1;
	}
	return 0;
}

int
tcp_bind(struct tcb *t, uint32_t addr, uint16_t port, int is_root)
{
	struct port_space ps = { &next_eph, port_taken, t };
	int r;

	if (t->lport != 0)
		return -EINVAL;
	if ((r = sock_port(&ps, addr, &port, is_root)) != OK)
		return r;
	t->laddr = addr, t->lport = port;
	return OK;
}

int
tcp_autobind(struct tcb *t)
{
	return t->lport != 0 ? OK : tcp_bind(t, 0, 0, 0);
}

/* Is a connection with these four numbers there already (other than self)? */
int
tcp_tuple_used(const struct tcb *self, uint32_t laddr, uint16_t lport, uint32_t faddr,
	       uint16_t fport)
{
	for (int i = 0; i < NR_TCP; i++) {
		const struct tcb *t = &tcbs[i];

		if (t != self && t->in_use && t->lport == lport && t->fport == fport &&
		    t->faddr == faddr && t->laddr == laddr && t->state != TCPS_CLOSED)
			return 1;
	}
	return 0;
}

struct tcb *
tcp_lookup(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport)
{
	struct tcb *listener = NULL;

	for (int i = 0; i < NR_TCP; i++) {
		struct tcb *t = &tcbs[i];

		if (!t->in_use || t->lport != dport)
			continue;
		if (t->state != TCPS_LISTEN && t->state != TCPS_CLOSED &&
		    t->faddr == src && t->fport == sport && t->laddr == dst)
			return t;
		if (t->state == TCPS_LISTEN && (t->laddr == dst ||
		    (t->laddr == 0 && listener == NULL)))
			listener = t;
	}
	return listener;
}

uint32_t
tcp_new_iss(void)
{
	iss_step += 64000 + (iss_step >> 7);
	return inet_now * 250000u + iss_step * 2654435761u;
}

/* ---- the end of a connection --------------------------------------------------------- */

void
tcp_closed(struct tcb *t)
{
	t->state = TCPS_CLOSED;
	t->t_rexmt = t->t_persist = t->t_delack = t->t_keep = t->t_2msl = 0;
	if (!t->has_socket) {
		tcp_free(t);
		return;
	}
	tcp_wakeup(t);
}

void
tcp_drop(struct tcb *t, int err)
{
	if (TCPS_SYNCED(t->state) || t->state == TCPS_SYN_RCVD)
		tcp_send_rst(t);
	t->error = err;
	tcp_closed(t);
}

void
tcp_children_abort(const struct tcb *listener)
{
	int row = (int)(listener - tcbs);

	for (int i = 0; i < NR_TCP; i++)
		if (tcbs[i].in_use && tcbs[i].parent == row && !tcbs[i].has_socket) {
			tcbs[i].parent = -1;
			tcp_drop(&tcbs[i], ECONNABORTED);
		}
}

int
tcp_evict_half_open(const struct tcb *listener)
{
	int row = (int)(listener - tcbs);
	struct tcb *old = NULL;

	for (int i = 0; i < NR_TCP; i++) {
		struct tcb *t = &tcbs[i];

		if (t->in_use && t->parent == row && t->state == TCPS_SYN_RCVD &&
		    inet_now - t->born >= TCP_HALFOPEN_STALE &&
		    (old == NULL || SEQ_LT(t->accept_order, old->accept_order)))
			old = t;
	}
	if (old == NULL)
		return 0;
	inet_stats.tcp_syn_dropped++;
	tcp_free(old);
	return 1;
}

/* The queued child of listener that came first, or NULL. */
struct tcb *
tcp_first_queued(const struct tcb *listener)
{
	int row = (int)(listener - tcbs);
	struct tcb *best = NULL;

	for (int i = 0; i < NR_TCP; i++) {
		struct tcb *t = &tcbs[i];

		if (t->in_use && t->parent == row && t->queued &&
		    (best == NULL || SEQ_LT(t->accept_order, best->accept_order)))
			best = t;
	}
	return best;
}

/* Run fn on every row in use (the timer, the output kick). */
void
tcp_each(void (*fn)(struct tcb *t))
{
	for (int i = 0; i < NR_TCP; i++)
		if (tcbs[i].in_use)
			fn(&tcbs[i]);
}

uint32_t
tcp_next_order(void)
{
	static uint32_t order;

	return order++;
}

void
tcp_established(struct tcb *t)
{
	struct tcb *l = tcp_at(t->parent);

	t->state = TCPS_ESTABLISHED;
	t->was_connected = 1;
	t->rxtshift = 0;
	if (t->snd_una == t->snd_max)
		tcp_rexmt_stop(t);
	tcp_keep_reset(t);
	if (l != NULL && l->state == TCPS_LISTEN) {
		t->queued = 1;
		t->accept_order = tcp_next_order();
		tcp_wakeup(l);
	}
	tcp_wakeup(t);
}

int
tcp_sockrows(struct inet_sockrow *rows, int max)
{
	int n = 0;

	for (int i = 0; i < NR_TCP; i++) {
		const struct tcb *t = tcp_at(i);

		if (t == NULL)
			continue;
		if (n < max) {
			memset(&rows[n], 0, sizeof(rows[n]));
			rows[n].proto = IPPROTO_TCP;
			rows[n].laddr.s_addr = htonl(t->laddr);
			rows[n].lport = htons(t->lport);
			rows[n].faddr.s_addr = htonl(t->faddr);
			rows[n].fport = htons(t->fport);
			rows[n].state = t->state;
			strlcpy(rows[n].state_name, tcp_state_name(t->state),
				sizeof(rows[n].state_name));
			rows[n].rcvq = t->rcv.len;
			rows[n].sndq = t->snd.len;
		}
		n++;
	}
	return n;
}
