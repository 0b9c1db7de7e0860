/*
 * tcp_out.c - TCP's sending side (RFC 793 3.7, RFC 1122 4.2.3, RFC 5681): what may be
 * sent now, cutting it into segments, the retransmission timer's start and stop, and
 * congestion control (handouts/inet.md, "TCP").
 *
 * What may be sent: the usable window is min(the peer's window, cwnd) less what is in
 * flight (snd_nxt - snd_una); from the unsent bytes of the send ring, segments of at
 * most the peer's MSS go out.  A segment shorter than the MSS goes only when it is the
 * last of the data and either nothing is in flight or TCP_NODELAY is set (Nagle, RFC 896
 * and RFC 1122 4.2.3.4).  FIN rides on the segment that ends the data (or alone) once the
 * user shut down the sending side.  An ACK with nothing else goes when one is due
 * (ack_now: out-of-order data, a second full segment, the delayed-ACK timer) or when the
 * window we announce can open by at least min(2 MSS, half the buffer).
 *
 * Congestion control (RFC 5681): cwnd starts at min(4 MSS, max(2 MSS, 4380)) (3.1);
 * below ssthresh each ACK of new data adds up to one MSS (slow start), above it about one
 * MSS a round trip (congestion avoidance).  The third duplicate ACK retransmits the
 * oldest segment and halves the flight into ssthresh with cwnd = ssthresh + 3 MSS
 * (fast retransmit); each further duplicate adds one MSS, an ACK of part of the flight
 * sends the next hole again (NewReno, RFC 6582), and the ACK of all of it sets cwnd to
 * ssthresh (fast recovery).  A timeout sets ssthresh the same way and cwnd to one MSS.
 *
 * At most TCP_BURST segments leave per call, and none while fewer than PBUF_RESERVE
 * packet buffers are free: the rest goes when the next ACK (or tick) calls again.
 *
 * Entry points: tcp_output(), tcp_segment(), tcp_send_rst(), tcp_respond(), tcp_cksum(),
 * tcp_rcv_window(), tcp_cc_init(), tcp_cc_ack(), tcp_cc_dupack(), tcp_cc_timeout(),
 * tcp_rexmt_start(), tcp_rexmt_stop().
 */
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

#define TCP_BURST       8       /* segments one call sends at most */
#define PBUF_RESERVE    8       /* packet buffers TCP leaves for everybody else */
#define IW_BYTES        4380    /* RFC 5681 3.1 */

uint16_t
tcp_cksum(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len)
{
	return inet_pseudo_cksum(src, dst, IP_PROTO_TCP, seg, len);
}

/* ---- congestion control (RFC 5681) ---------------------------------------------------- */

void
tcp_cc_init(struct tcb *t)
{
	uint32_t two = 2u * t->mss;

	t->cwnd = 4u * t->mss < (two > IW_BYTES ? two : IW_BYTES) ? 4u * t->mss :
		  (two > IW_BYTES ? two : IW_BYTES);
	t->ssthresh = TCP_BUF_MAX;
	t->dupacks = 0, t->in_recovery = 0;
}

/* ssthresh after a loss: half the flight, at least two segments (RFC 5681 (4)). */
static uint32_t
half_flight(const struct tcb *t)
{
	uint32_t flight = t->snd_max - t->snd_una;

	return flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
}

void
tcp_cc_ack(struct tcb *t, uint32_t acked)
{
	if (t->in_recovery) {
		if (SEQ_GEQ(t->snd_una, t->recover)) {
			t->in_recovery = 0;             /* full ACK: deflate */
			t->cwnd = t->ssthresh;
		} else {                                /* partial ACK: the next hole */
			tcp_segment(t, t->snd_una, TH_ACK, 0, t->mss);
			t->cwnd = t->cwnd > acked ? t->cwnd - acked + t->mss : t->mss;
		}
		return;
	}
	if (t->cwnd < t->ssthresh)
		t->cwnd += acked < t->mss ? acked : t->mss;
	else
		t->cwnd += t->mss * t->mss / t->cwnd > 0 ? t->mss * t->mss / t->cwnd : 1;
	if (t->cwnd > 4u * TCP_BUF_MAX)
		t->cwnd = 4u * TCP_BUF_MAX;
}

void
tcp_cc_dupack(struct tcb *t)
{
	if (++t->dupacks < 3) {
		return;
	} else if (t->dupacks == 3 && !t->in_recovery) {
		t->ssthresh = half_flight(t);
		t->recover = t->snd_max;
		t->in_recovery = 1;
		t->rtt_timing = 0;
		tcp_segment(t, t->snd_una, TH_ACK, 0, t->mss);
		inet_stats.tcp_rexmt++;
		t->cwnd = t->ssthresh + 3u * t->mss;
	} else if (t->in_recovery) {
		t->cwnd += t->mss;
	}
}

void
tcp_cc_timeout(struct tcb *t)
{
	t->ssthresh = half_flight(t);
	t->cwnd = t->mss;
	t->dupacks = 0, t->in_recovery = 0;
}

/* ---- the retransmission timer --------------------------------------------------------- */

void
tcp_rexmt_start(struct tcb *t)
{
	uint32_t rto = t->rto << t->rxtshift;

	t->t_rexmt = tcp_deadline(rto < TCP_RTO_MAX ? rto : TCP_RTO_MAX);
}

void
tcp_rexmt_stop(struct tcb *t)
{
	t->t_rexmt = 0;
}

/* ---- building segments ------------------------------------------------------------- */

uint32_t
tcp_rcv_window(const struct tcb *t)
{
	uint32_t room = t->rcv.buf != NULL ? ring_room(&t->rcv) : 0;

	return room > TCP_BUF_MAX ? TCP_BUF_MAX : room;
}

/* Write the header of a segment at th (hlen bytes with options). */
static void
put_header(const struct tcb *t, uint8_t *th, uint32_t seq, int flags, size_t hlen)
{
	put16(th + TCP_SPORT, t->lport);
	put16(th + TCP_DPORT, t->fport);
	put32(th + TCP_SEQ, seq);
	put32(th + TCP_ACK, (flags & TH_ACK) ? t->rcv_nxt : 0);
	th[TCP_OFF] = (uint8_t)((hlen / 4) << 4);
	th[TCP_FLAGS] = (uint8_t)flags;
	put16(th + TCP_WIN, (uint16_t)tcp_rcv_window(t));
	put16(th + TCP_SUM, 0);
	put16(th + TCP_URP, 0);
	if (flags & TH_SYN) {
		th[TCP_HLEN] = TCPOPT_MSS, th[TCP_HLEN + 1] = 4;
		put16(th + TCP_HLEN + 2, TCP_MSS);
	}
}

/* Bookkeeping of a segment that left: the window announced, ACK state, counters. */
static void
sent(struct tcb *t, int flags)
{
	if (flags & TH_ACK) {
		t->rcv_adv = t->rcv_nxt + tcp_rcv_window(t);
		t->ack_now = 0, t->t_delack = 0, t->unacked_segs = 0;
	}
	inet_stats.tcp_out++;
}

int
tcp_segment(struct tcb *t, uint32_t seq, int flags, uint32_t off, uint32_t len)
{
	struct pbuf *p;
	uint8_t *th;
	size_t hlen = (flags & TH_SYN) ? TCP_HLEN + 4 : TCP_HLEN;
	uint32_t src = t->laddr != 0 ? t->laddr : ip_source(t->faddr);

	if (len > t->snd.len - off || off > t->snd.len)
		len = off > t->snd.len ? 0 : t->snd.len - off;
	if ((p = pbuf_alloc()) == NULL)
		return -ENOBUFS;
	th = p->data + ETH_HLEN + IP_HLEN;
	put_header(t, th, seq, flags, hlen);
	if (len > 0)
		ring_read(&t->snd, off, th + hlen, len);
	put16(th + TCP_SUM, tcp_cksum(src, t->faddr, th, hlen + len));
	sent(t, flags);
	return ip_output(p, src, t->faddr, IP_PROTO_TCP, hlen + len);
}

void
tcp_send_rst(struct tcb *t)
{
	tcp_segment(t, t->snd_nxt, TH_RST | TH_ACK, 0, 0);
	inet_stats.tcp_rst_out++;
}

void
tcp_respond(uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport, uint32_t seq,
	    uint32_t ack, int flags)
{
	struct pbuf *p = pbuf_alloc();
	uint8_t *th;

	if (p == NULL)
		return;
	th = p->data + ETH_HLEN + IP_HLEN;
	put16(th + TCP_SPORT, sport);
	put16(th + TCP_DPORT, dport);
	put32(th + TCP_SEQ, seq);
	put32(th + TCP_ACK, ack);
	th[TCP_OFF] = (TCP_HLEN / 4) << 4;
	th[TCP_FLAGS] = (uint8_t)flags;
	put32(th + TCP_WIN, 0);         /* window and checksum */
	put16(th + TCP_URP, 0);
	put16(th + TCP_SUM, tcp_cksum(src, dst, th, TCP_HLEN));
	if (flags & TH_RST)
		inet_stats.tcp_rst_out++;
	inet_stats.tcp_out++;
	ip_output(p, src, dst, IP_PROTO_TCP, TCP_HLEN);
}

/* ---- what to send now ----------------------------------------------------------------- */

/* Bytes of the send ring not sent yet (snd_nxt on). */
static uint32_t
unsent(const struct tcb *t)
{
	uint32_t off = t->snd_nxt - t->snd_una;

	return off < t->snd.len ? t->snd.len - off : 0;
}

/* The usable window: min(peer's window, cwnd) less the flight (RFC 5681 2). */
uint32_t
tcp_usable_window(const struct tcb *t)
{
	uint32_t win = t->snd_wnd < t->cwnd ? t->snd_wnd : t->cwnd;
	uint32_t flight = t->snd_nxt - t->snd_una;

	return win > flight ? win - flight : 0;
}

/* How many data bytes the next segment carries (0: none now). */
static uint32_t
next_len(const struct tcb *t)
{
	uint32_t avail = unsent(t), len = tcp_usable_window(t);

	if (len > avail)
		len = avail;
	if (len > t->mss)
		len = t->mss;
	if (len == 0 || len == t->mss)
		return len;
	if (len < avail)
		return t->max_sndwnd > 0 && len >= t->max_sndwnd / 2 ? len : 0;
	return t->nodelay || t->snd_nxt == t->snd_una ? len : 0;	/* Nagle */
}

/* Is the FIN due on a segment from snd_nxt with len bytes? */
static int
fin_due(const struct tcb *t, uint32_t len)
{
	return t->fin_wanted && t->snd_nxt - t->snd_una + len == t->snd.len &&
	       SEQ_LEQ(t->snd_nxt, t->snd_una + t->snd.len) &&
	       (t->state == TCPS_FIN_WAIT_1 || t->state == TCPS_CLOSING ||
		t->state == TCPS_LAST_ACK);
}

/* Would a window update open the window by enough to say so (RFC 1122 4.2.3.3)? */
static int
window_update_due(const struct tcb *t)
{
	uint32_t win = tcp_rcv_window(t), adv = t->rcv_adv - t->rcv_nxt;
	uint32_t step = 2u * TCP_MSS < t->rcv.size / 2 ? 2u * TCP_MSS : t->rcv.size / 2;

	return TCPS_SYNCED(t->state) && win > adv && win - adv >= step;
}

/* Send the SYN (or SYN-ACK) if it is due: 1 if the state is a SYN state. */
static int
output_syn(struct tcb *t)
{
	if (t->state != TCPS_SYN_SENT && t->state != TCPS_SYN_RCVD)
		return 0;
	if (t->snd_nxt == t->iss) {
		tcp_segment(t, t->iss, t->state == TCPS_SYN_SENT ? TH_SYN : TH_SYN | TH_ACK,
			    0, 0);
		t->snd_nxt = t->iss + 1;
		if (SEQ_GT(t->snd_nxt, t->snd_max))
			t->snd_max = t->snd_nxt;
		if (t->t_rexmt == 0)
			tcp_rexmt_start(t);
	} else if (t->ack_now && t->state == TCPS_SYN_RCVD) {
		tcp_segment(t, t->snd_nxt, TH_ACK, 0, 0);
	}
	return 1;
}

/* Send one segment from snd_nxt if one is due: 1 if one went. */
static int
output_one(struct tcb *t)
{
	uint32_t len = next_len(t), seq = t->snd_nxt;
	int flags = TH_ACK, fin = fin_due(t, len);

	if (len == 0 && !fin && !t->ack_now && !window_update_due(t))
		return 0;
	if (fin && tcp_usable_window(t) < len + 1 && t->snd_wnd != 0 && len > 0)
		fin = 0;
	flags |= fin ? TH_FIN : 0;
	flags |= len > 0 && len == unsent(t) ? TH_PSH : 0;
	if (len > 0 && !t->rtt_timing && SEQ_GEQ(seq, t->snd_max)) {
		t->rtt_timing = 1, t->rtt_seq = seq, t->rtt_start = inet_now;
	}
	if (tcp_segment(t, seq, flags, seq - t->snd_una, len) == -ENOBUFS)
		return 0;
	t->snd_nxt = seq + len + (fin ? 1 : 0);
	if (SEQ_GT(t->snd_nxt, t->snd_max))
		t->snd_max = t->snd_nxt;
	if ((len > 0 || fin) && t->t_rexmt == 0 && t->t_persist == 0)
		tcp_rexmt_start(t);
	return len > 0 || fin;
}

/* Nothing in flight, data waits and the window is shut: start the persist timer. */
static void
persist_check(struct tcb *t)
{
	if (unsent(t) > 0 && t->snd_wnd == 0 && t->snd_nxt == t->snd_una &&
	    t->t_rexmt == 0 && t->t_persist == 0)
		tcp_persist_start(t);
}

void
tcp_output(struct tcb *t)
{
	if (t->state == TCPS_CLOSED || t->state == TCPS_LISTEN || output_syn(t))
		return;
	for (int n = 0; n < TCP_BURST; n++) {
		if (pbuf_in_use() + PBUF_RESERVE > NR_PBUF)
			break;
		if (!output_one(t))
			break;
	}
	persist_check(t);
}
