/*
 * tcp_in.c - TCP segment arrival, in the order of RFC 793 3.9 "SEGMENT ARRIVES"
 * (handouts/inet.md, "TCP").
 *
 * A segment shorter than its header, with a data offset outside 20..its length, or with
 * a wrong checksum (over the pseudo header: source, destination, protocol, TCP length)
 * is dropped and counted (tcp_bad); so is one to a broadcast address.  Then:
 *   no control block   RST (unless it is a RST): seq = its ACK, or seq 0 and ack = its
 *                      seq + length with ACK (RFC 793 "If the connection does not exist")
 *   LISTEN             a RST is ignored, an ACK answered with RST; a SYN makes a child in
 *                      SYN_RCVD that sends SYN-ACK.  With the listener's backlog full
 *                      the oldest half-open child (SYN_RCVD) that has waited at least
 *                      TCP_HALFOPEN_STALE for the peer's ACK makes room (freed quietly,
 *                      so a SYN flood cannot keep real clients out, while a burst of
 *                      real clients, whose handshakes end at once, is not cut short);
 *                      with none that old, or no row or buffer free, the SYN is
 *                      dropped (tcp_syn_dropped counts both; the peer tries again)
 *   SYN_SENT           the checks of the ACK and RST; a SYN with a good ACK establishes
 *                      the connection, one without it is a simultaneous open (SYN_RCVD);
 *                      a RST with a good ACK is ECONNREFUSED
 *   otherwise          the acceptability test (seq in the window), trimming to it; RST in
 *                      the window ends the connection (ECONNRESET; a listener's child goes
 *                      quietly); a SYN in the window is answered with RST (ECONNRESET);
 *                      then the ACK (tcp_ack()), the data (tcp_data()), the FIN.
 * In-order data goes into the receive ring; data beyond a hole goes to its place in the
 * ring too, as an out-of-order range (tcp.h), and is answered with an immediate
 * (duplicate) ACK; a hole's filling joins the ranges behind it.  A FIN counts when it
 * comes in order (one beyond a hole is dropped: the peer sends it again).
 *
 * Entry points: tcp_input().
 */
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

/* What tcp_input() read from a segment's header. */
struct seg {
	uint32_t src, dst;              /* addresses */
	uint16_t sport, dport;          /* ports */
	uint32_t seq, ack;              /* numbers */
	int flags;                      /* TH_* */
	uint32_t win;                   /* window */
	uint16_t mss;                   /* the MSS option (0: none) */
	const uint8_t *data;            /* the data */
	uint32_t len;                   /* its length */
};

/* The MSS option of the options at opt (n bytes), 0 if none. */
static uint16_t
parse_mss(const uint8_t *opt, size_t n)
{
	size_t i = 0;

	while (i < n && opt[i] != TCPOPT_EOL) {
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= n || opt[i + 1] < 2 || i + opt[i + 1] > n)
			break;
		if (opt[i] == TCPOPT_MSS && opt[i + 1] == 4)
			return get16(opt + i + 2);
		i += opt[i + 1];
	}
	return 0;
}

/* Check and read the segment in ip (len bytes): OK, or -1 if it is bad. */
static int
parse(const uint8_t *ip, size_t len, struct seg *s)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, tlen = len - hl, off;
	const uint8_t *th = ip + hl;

	if (len < hl || tlen < TCP_HLEN)
		return -1;
	off = (size_t)(th[TCP_OFF] >> 4) * 4;
	s->src = get32(ip + 12), s->dst = get32(ip + 16);
	if (off < TCP_HLEN || off > tlen || tcp_cksum(s->src, s->dst, th, tlen) != 0)
		return -1;
	s->sport = get16(th + TCP_SPORT), s->dport = get16(th + TCP_DPORT);
	s->seq = get32(th + TCP_SEQ), s->ack = get32(th + TCP_ACK);
	s->flags = th[TCP_FLAGS] & 0x3F;
	s->win = get16(th + TCP_WIN);
	s->mss = (s->flags & TH_SYN) ? parse_mss(th + TCP_HLEN, off - TCP_HLEN) : 0;
	s->data = th + off, s->len = (uint32_t)(tlen - off);
	return OK;
}

/* A RST for a segment that belongs to no connection (RFC 793 3.4 "Reset Generation"). */
static void
reset_for(const struct seg *s)
{
	if (s->flags & TH_RST)
		return;
	if (s->flags & TH_ACK)
		tcp_respond(s->dst, s->src, s->dport, s->sport, s->ack, 0, TH_RST);
	else
		tcp_respond(s->dst, s->src, s->dport, s->sport, 0,
			    s->seq + s->len + ((s->flags & TH_SYN) ? 1 : 0) +
			    ((s->flags & TH_FIN) ? 1 : 0), TH_RST | TH_ACK);
}

/* The peer's MSS option into t, and what follows from it. */
static void
take_mss(struct tcb *t, uint16_t mss)
{
	if (mss == 0)
		mss = TCP_MSS_DEFAULT;
	if (mss < TCP_MSS_MIN)
		mss = TCP_MSS_MIN;
	t->mss = mss < TCP_MSS ? mss : TCP_MSS;
	tcp_cc_init(t);
}

/* The window fields from a segment that may update them (RFC 793 p. 72). */
static void
window_update(struct tcb *t, const struct seg *s)
{
	if (SEQ_LT(t->snd_wl1, s->seq) ||
	    (t->snd_wl1 == s->seq && SEQ_LEQ(t->snd_wl2, s->ack))) {
		t->snd_wnd = s->win;
		t->snd_wl1 = s->seq, t->snd_wl2 = s->ack;
		if (s->win > t->max_sndwnd)
			t->max_sndwnd = s->win;
		if (s->win > 0 && t->t_persist != 0) {
			t->t_persist = 0, t->persist_shift = 0;
			t->snd_nxt = t->snd_una;
		}
	}
}

/* A SYN to listener l: a child in SYN_RCVD. */
static void
listen_syn(struct tcb *l, const struct seg *s)
{
	struct tcb *c;

	if (l->qlen >= l->backlog && !tcp_evict_half_open(l)) {
		inet_stats.tcp_syn_dropped++;
		return;
	}
	if ((c = tcp_alloc()) == NULL) {
		inet_stats.tcp_syn_dropped++;
		return;
	}
	c->sndbuf = l->sndbuf, c->rcvbuf = l->rcvbuf;
	if (tcp_buffers(c) != OK) {
		tcp_free(c);
		inet_stats.tcp_syn_dropped++;
		return;
	}
	c->parent = SOCK_INDEX(tcp_id(l));
	c->accept_order = tcp_next_order();
	c->born = inet_now;
	l->qlen++;
	c->nodelay = l->nodelay, c->keepalive = l->keepalive;
	c->keepidle = l->keepidle, c->keepintvl = l->keepintvl, c->keepcnt = l->keepcnt;
	c->laddr = s->dst, c->lport = s->dport, c->faddr = s->src, c->fport = s->sport;
	c->irs = s->seq, c->rcv_nxt = s->seq + 1;
	c->iss = tcp_new_iss();
	c->snd_una = c->snd_nxt = c->snd_max = c->iss;
	c->snd_wnd = s->win, c->snd_wl1 = s->seq, c->snd_wl2 = c->iss;
	take_mss(c, s->mss);
	c->state = TCPS_SYN_RCVD;
	tcp_output(c);
}

static void
listen_input(struct tcb *l, const struct seg *s)
{
	if (s->flags & TH_RST)
		return;
	if (s->flags & TH_ACK)
		reset_for(s);
	else if (s->flags & TH_SYN)
		listen_syn(l, s);
}

/* SYN_SENT (RFC 793 p. 66). */
static void
syn_sent_input(struct tcb *t, const struct seg *s)
{
	int ack_ok = (s->flags & TH_ACK) && SEQ_GT(s->ack, t->iss) &&
		     SEQ_LEQ(s->ack, t->snd_max);

	if ((s->flags & TH_ACK) && !ack_ok) {
		reset_for(s);
		return;
	}
	if (s->flags & TH_RST) {
		if (ack_ok) {
			t->error = ECONNREFUSED;
			tcp_closed(t);
		}
		return;
	}
	if (!(s->flags & TH_SYN))
		return;
	t->irs = s->seq, t->rcv_nxt = s->seq + 1;
	take_mss(t, s->mss);
	t->snd_wnd = s->win, t->snd_wl1 = s->seq, t->snd_wl2 = s->ack;
	t->max_sndwnd = s->win;
	t->ack_now = 1;
	if (ack_ok) {
		t->snd_una = s->ack;
		if (SEQ_LT(t->snd_nxt, t->snd_una))
			t->snd_nxt = t->snd_una;
		tcp_established(t);
	} else {
		t->state = TCPS_SYN_RCVD;       /* simultaneous open: SYN-ACK */
		t->snd_nxt = t->iss;
	}
	tcp_output(t);
}

/* The receive window for the acceptability test: what we announced, or more. */
static uint32_t
rcv_wnd(const struct tcb *t)
{
	uint32_t adv = t->rcv_adv - t->rcv_nxt, win = tcp_rcv_window(t);

	return SEQ_GT(t->rcv_adv, t->rcv_nxt) && adv > win ? adv : win;
}

/* RFC 793 p. 69: is the segment in the window?  Trims it to the window if so. */
static int
acceptable(const struct tcb *t, struct seg *s)
{
	uint32_t wnd = rcv_wnd(t), seglen = s->len + ((s->flags & TH_SYN) ? 1 : 0) +
		       ((s->flags & TH_FIN) ? 1 : 0), cut;

	if (seglen == 0)
		return wnd == 0 ? s->seq == t->rcv_nxt :
		       SEQ_GEQ(s->seq, t->rcv_nxt) && SEQ_LT(s->seq, t->rcv_nxt + wnd);
	if (wnd == 0)
		return 0;
	if (!(SEQ_GEQ(s->seq, t->rcv_nxt) && SEQ_LT(s->seq, t->rcv_nxt + wnd)) &&
	    !(SEQ_GEQ(s->seq + seglen - 1, t->rcv_nxt) &&
	      SEQ_LT(s->seq + seglen - 1, t->rcv_nxt + wnd)))
		return 0;
	if (SEQ_LT(s->seq, t->rcv_nxt)) {               /* the front was had already */
		if (s->flags & TH_SYN) {
			s->flags &= ~TH_SYN;
			s->seq++;
		}
		cut = t->rcv_nxt - s->seq;
		cut = cut < s->len ? cut : s->len;
		s->data += cut, s->len -= cut, s->seq += cut;
	}
	if (SEQ_GT(s->seq + s->len, t->rcv_nxt + wnd)) {        /* the tail does not fit */
		s->len = t->rcv_nxt + wnd - s->seq;
		s->flags &= ~TH_FIN;
	}
	return 1;
}

/* A RST in the window (RFC 793 p. 70). */
static void
rst_input(struct tcb *t)
{
	if (t->state == TCPS_SYN_RCVD && t->parent >= 0 && !t->has_socket) {
		tcp_free(t);                    /* back to LISTEN, for the listener */
		return;
	}
	if (t->state == TCPS_SYN_RCVD)
		t->error = ECONNREFUSED;
	else if (t->state != TCPS_CLOSING && t->state != TCPS_LAST_ACK &&
		 t->state != TCPS_TIME_WAIT)
		t->error = ECONNRESET;
	t->was_reset = 1;
	inet_stats.tcp_resets_in++;
	tcp_closed(t);
}

/* Our FIN is acknowledged: the state it leads to. */
static void
fin_acked(struct tcb *t)
{
	switch (t->state) {
	case TCPS_FIN_WAIT_1:
		t->state = TCPS_FIN_WAIT_2;
		if (!t->has_socket)
			t->t_keep = tcp_deadline(TCP_ORPHAN_MAX);
		break;
	case TCPS_CLOSING:
		tcp_enter_time_wait(t);
		break;
	case TCPS_LAST_ACK:
		tcp_closed(t);
		break;
	}
}

/* An ACK of new data: drop it from the send ring, time, grow cwnd (RFC 5681). */
static void
new_ack(struct tcb *t, const struct seg *s)
{
	uint32_t acked = s->ack - t->snd_una, data = acked;
	int fin = 0;

	if (data > t->snd.len) {                /* our FIN counts one */
		data = t->snd.len;
		fin = 1;
	}
	if (t->rtt_timing && SEQ_GT(s->ack, t->rtt_seq)) {
		t->rtt_timing = 0;
		tcp_rtt_sample(t, inet_now - t->rtt_start);
	}
	ring_drop(&t->snd, data);
	t->snd_una = s->ack;
	if (SEQ_LT(t->snd_nxt, t->snd_una))
		t->snd_nxt = t->snd_una;
	t->rxtshift = 0;
	tcp_cc_ack(t, acked);
	t->dupacks = t->in_recovery ? t->dupacks : 0;
	if (t->snd_una == t->snd_max)
		tcp_rexmt_stop(t);
	else
		tcp_rexmt_start(t);
	if (fin && t->fin_wanted)
		fin_acked(t);
}

/* The ACK field (RFC 793 p. 72): 0 if the segment is done with (dropped or answered). */
static int
ack_input(struct tcb *t, const struct seg *s)
{
	if (t->state == TCPS_SYN_RCVD) {
		if (!(SEQ_GT(s->ack, t->snd_una) && SEQ_LEQ(s->ack, t->snd_max))) {
			reset_for(s);
			return 0;
		}
		t->snd_una = s->ack;
		t->snd_wnd = s->win, t->snd_wl1 = s->seq, t->snd_wl2 = s->ack;
		t->max_sndwnd = s->win;
		tcp_established(t);
		return 1;
	}
	if (SEQ_GT(s->ack, t->snd_max)) {
		t->ack_now = 1;
		tcp_output(t);
		return 0;
	}
	if (SEQ_LEQ(s->ack, t->snd_una)) {
		if (s->ack == t->snd_una && s->len == 0 && s->win == t->snd_wnd &&
		    !(s->flags & TH_FIN) && t->snd_max != t->snd_una && t->t_persist == 0)
			tcp_cc_dupack(t);
		else
			t->dupacks = 0;
	} else {
		new_ack(t, s);
		if (t->state == TCPS_CLOSED || !t->in_use)
			return 0;
	}
	window_update(t, s);
	return 1;
}

/* Put data seq..seq+n (n bytes at d) into the receive ring at its place. */
static void
store(struct tcb *t, uint32_t seq, const uint8_t *d, uint32_t n)
{
	ring_write(&t->rcv, t->rcv.len + (seq - t->rcv_nxt), d, n);
}

/* Remember out-of-order range seq..seq+n, joining neighbours: 0 if no row was free. */
static int
ooo_add(struct tcb *t, uint32_t seq, uint32_t n)
{
	struct tcp_ooo *free_row = NULL;
	uint32_t end = seq + n;

	for (int i = 0; i < TCP_OOO_MAX; i++) {
		struct tcp_ooo *o = &t->ooo[i];

		if (o->len == 0) {
			free_row = free_row ? free_row : o;
		} else if (SEQ_LEQ(o->seq, end) && SEQ_GEQ(o->seq + o->len, seq)) {
			if (SEQ_LT(o->seq, seq))
				seq = o->seq;
			if (SEQ_GT(o->seq + o->len, end))
				end = o->seq + o->len;
			o->len = 0;
			free_row = free_row ? free_row : o;
		}
	}
	if (free_row == NULL)
		return 0;
	free_row->seq = seq, free_row->len = end - seq;
	return 1;
}

/* rcv_nxt moved: take in the ranges it reached. */
static void
ooo_join(struct tcb *t)
{
	int moved = 1;

	while (moved) {
		moved = 0;
		for (int i = 0; i < TCP_OOO_MAX; i++) {
			struct tcp_ooo *o = &t->ooo[i];
			uint32_t end = o->seq + o->len;

			if (o->len == 0 || SEQ_GT(o->seq, t->rcv_nxt))
				continue;
			if (SEQ_GT(end, t->rcv_nxt)) {
				t->rcv.len += end - t->rcv_nxt;
				t->rcv_nxt = end;
			}
			o->len = 0, moved = 1;
		}
	}
}

/* Is any out-of-order range held? */
static int
ooo_any(const struct tcb *t)
{
	for (int i = 0; i < TCP_OOO_MAX; i++)
		if (t->ooo[i].len != 0)
			return 1;
	return 0;
}

/* The segment's text (RFC 793 p. 74), already trimmed to the window. */
static void
data_input(struct tcb *t, const struct seg *s)
{
	if (s->len == 0)
		return;
	if (t->rd_shut) {                       /* read side shut: taken and thrown away */
		if (s->seq == t->rcv_nxt)
			t->rcv_nxt += s->len;
		t->ack_now = 1;
		return;
	}
	if (s->seq != t->rcv_nxt) {
		if (ooo_add(t, s->seq, s->len))
			store(t, s->seq, s->data, s->len);
		else
			inet_stats.tcp_ooo_dropped++;
		t->ack_now = 1;                 /* a duplicate ACK for fast retransmit */
		return;
	}
	store(t, s->seq, s->data, s->len);
	t->rcv.len += s->len, t->rcv_nxt += s->len;
	if (ooo_any(t)) {
		ooo_join(t);
		t->ack_now = 1;
	}
	if (s->len >= t->mss && ++t->unacked_segs >= 2)
		t->ack_now = 1;
	else if (t->t_delack == 0)
		t->t_delack = tcp_deadline(TCP_DELACK);
}

/* The FIN (RFC 793 p. 75), if it came in order. */
static void
fin_input(struct tcb *t, const struct seg *s)
{
	if (!(s->flags & TH_FIN) || s->seq + s->len != t->rcv_nxt)
		return;
	t->rcv_nxt++;
	t->fin_rcvd = 1;
	t->ack_now = 1;
	switch (t->state) {
	case TCPS_SYN_RCVD:
	case TCPS_ESTABLISHED:
		t->state = TCPS_CLOSE_WAIT;
		break;
	case TCPS_FIN_WAIT_1:
		t->state = TCPS_CLOSING;
		break;
	case TCPS_FIN_WAIT_2:
		tcp_enter_time_wait(t);
		break;
	case TCPS_TIME_WAIT:
		t->t_2msl = tcp_deadline(2 * TCP_MSL);
		break;
	}
}

/* A synchronised connection (or SYN_RCVD) gets a segment. */
static void
conn_input(struct tcb *t, struct seg *s)
{
	if (!acceptable(t, s)) {
		if (!(s->flags & TH_RST)) {
			t->ack_now = 1;
			tcp_output(t);
		}
		return;
	}
	if (s->flags & TH_RST) {
		rst_input(t);
		return;
	}
	if (s->flags & TH_SYN) {
		tcp_drop(t, ECONNRESET);
		return;
	}
	if (!(s->flags & TH_ACK) || !ack_input(t, s))
		return;
	tcp_keep_reset(t);
	if (t->state == TCPS_ESTABLISHED || t->state == TCPS_FIN_WAIT_1 ||
	    t->state == TCPS_FIN_WAIT_2)
		data_input(t, s);
	fin_input(t, s);
	tcp_output(t);
	tcp_wakeup(t);
}

void
tcp_input(const uint8_t *ip, size_t len, int to_broadcast)
{
	struct seg s;
	struct tcb *t;

	if (to_broadcast || parse(ip, len, &s) != OK) {
		inet_stats.tcp_bad++;
		return;
	}
	inet_stats.tcp_in++;
	t = tcp_lookup(s.src, s.sport, s.dst, s.dport);
	if (t == NULL || t->state == TCPS_CLOSED)
		reset_for(&s);
	else if (t->state == TCPS_LISTEN)
		listen_input(t, &s);
	else if (t->state == TCPS_SYN_SENT)
		syn_sent_input(t, &s);
	else
		conn_input(t, &s);
}
