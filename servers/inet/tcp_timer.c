/*
 * tcp_timer.c - TCP's timers, run from inet's clock (TICKS_PER_SEC a second, main.c)
 * (handouts/inet.md, "TCP").
 *
 * Every timer is a deadline in a control block (0: off); tcp_tick() fires those that
 * passed:
 *   retransmission  RTO per RFC 6298: SRTT and RTTVAR from one timed segment a round trip
 *                   (never a retransmitted one: Karn's rule), RTO = SRTT + 4 RTTVAR, at
 *                   least TCP_RTO_MIN (1 s), at most TCP_RTO_MAX; each timeout doubles it
 *                   (back-off) and sends again from snd_una with cwnd one MSS.  After
 *                   TCP_SYN_RETRIES for a SYN, TCP_MAXRXT for data, the connection ends
 *                   with ETIMEDOUT (and a RST once synchronised).  When the peer's
 *                   window is shut the timer hands over to the persist timer instead.
 *   delayed ACK     TCP_DELACK (200 ms) after in-order data that was not acknowledged at
 *                   once (a second full segment is acknowledged at once, tcp_in.c).
 *   persist         with the peer's window shut and data waiting: a one-byte probe past
 *                   the window, with back-off from TCP_PERSIST_MIN to TCP_PERSIST_MAX; it
 *                   never gives up while the peer answers.
 *   keepalive       SO_KEEPALIVE: after keepidle seconds without a segment, a probe
 *                   (sequence snd_una - 1, which makes the peer ACK) every keepintvl
 *                   seconds; keepcnt unanswered ones end the connection (ETIMEDOUT).  An
 *                   orphan (its socket closed) in FIN_WAIT_2 ends after TCP_ORPHAN_MAX.
 *   2MSL            TIME_WAIT lasts 2 * TCP_MSL: a short MSL of 2 s, so 4 s; the rings
 *                   go back at its start (unread bytes excepted).
 *
 * Entry points: tcp_tick(), tcp_deadline(), tcp_rtt_sample(), tcp_persist_start(),
 * tcp_keep_reset(), tcp_enter_time_wait().
 */
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

uint32_t
tcp_deadline(uint32_t ticks)
{
	uint32_t d = inet_now + (ticks > 0 ? ticks : 1);

	return d != 0 ? d : 1;
}

/* Has deadline d (not 0) passed? */
static int
expired(uint32_t d)
{
	return d != 0 && (int32_t)(inet_now - d) >= 0;
}

void
tcp_rtt_sample(struct tcb *t, uint32_t rtt)
{
	int32_t delta;

	if (t->srtt == 0) {                     /* the first: RFC 6298 2.2 */
		t->srtt = rtt << 3;
		t->rttvar = rtt << 1;
	} else {                                /* 2.3, with alpha 1/8 and beta 1/4 */
		delta = (int32_t)(rtt << 3) - (int32_t)t->srtt;
		t->srtt = (uint32_t)((int32_t)t->srtt + delta / 8);
		if (delta < 0)
			delta = -delta;
		t->rttvar = (uint32_t)((int32_t)t->rttvar + (delta / 2 - (int32_t)t->rttvar) / 4);
	}
	if (t->srtt == 0)
		t->srtt = 1;
	t->rto = (t->srtt >> 3) + (t->rttvar > 1 ? t->rttvar : 1);
	if (t->rto < TCP_RTO_MIN)
		t->rto = TCP_RTO_MIN;
	if (t->rto > TCP_RTO_MAX)
		t->rto = TCP_RTO_MAX;
}

/* The retransmission timer went off. */
static void
rexmt_fire(struct tcb *t)
{
	int synning = t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD;

	t->t_rexmt = 0;
	if (t->rxtshift >= (synning ? TCP_SYN_RETRIES : TCP_MAXRXT)) {
		tcp_drop(t, ETIMEDOUT);
		return;
	}
	t->rtt_timing = 0;                      /* Karn */
	t->snd_nxt = t->snd_una;
	if (t->snd_wnd == 0 && TCPS_SYNCED(t->state)) {
		tcp_output(t);                  /* a shut window: the persist timer probes */
		return;
	}
	t->rxtshift++;
	tcp_cc_timeout(t);
	inet_stats.tcp_rexmt++;
	tcp_rexmt_start(t);
	tcp_output(t);
}

void
tcp_persist_start(struct tcb *t)
{
	uint32_t d = TCP_PERSIST_MIN << (t->persist_shift < 6 ? t->persist_shift : 6);

	t->t_persist = tcp_deadline(d < TCP_PERSIST_MAX ? d : TCP_PERSIST_MAX);
}

/* The persist timer went off: probe the shut window with one byte. */
static void
persist_fire(struct tcb *t)
{
	t->t_persist = 0;
	if (t->snd_wnd != 0 || t->snd.len == 0)
		return;
	tcp_segment(t, t->snd_una, TH_ACK, 0, 1);
	if (SEQ_LT(t->snd_max, t->snd_una + 1))
		t->snd_max = t->snd_una + 1;
	t->persist_shift++;
	tcp_persist_start(t);
}

void
tcp_keep_reset(struct tcb *t)
{
	t->idle_since = inet_now;
	t->keep_probes = 0;
	if (t->keepalive && TCPS_SYNCED(t->state))
		t->t_keep = tcp_deadline((uint32_t)t->keepidle * TICKS_PER_SEC);
}

/* The keepalive (or orphan) timer went off. */
static void
keep_fire(struct tcb *t)
{
	t->t_keep = 0;
	if (!t->has_socket && t->state == TCPS_FIN_WAIT_2) {
		tcp_closed(t);
		return;
	}
	if (!t->keepalive || !TCPS_SYNCED(t->state))
		return;
	if (t->keep_probes >= t->keepcnt) {
		tcp_drop(t, ETIMEDOUT);
		return;
	}
	t->keep_probes++;
	tcp_segment(t, t->snd_una - 1, TH_ACK, 0, 0);
	t->t_keep = tcp_deadline((uint32_t)t->keepintvl * TICKS_PER_SEC);
}

void
tcp_enter_time_wait(struct tcb *t)
{
	t->state = TCPS_TIME_WAIT;
	t->t_rexmt = t->t_persist = t->t_keep = 0;
	tcp_release_buffers(t);
	t->t_2msl = tcp_deadline(2 * TCP_MSL);
}

/* One control block's timers. */
static void
tick_one(struct tcb *t)
{
	if (expired(t->t_delack)) {
		t->t_delack = 0;
		t->ack_now = 1;
		tcp_output(t);
	}
	if (expired(t->t_rexmt))
		rexmt_fire(t);
	if (t->in_use && expired(t->t_persist))
		persist_fire(t);
	if (t->in_use && expired(t->t_keep))
		keep_fire(t);
	if (t->in_use && expired(t->t_2msl))
		tcp_closed(t);
	else if (t->in_use && TCPS_SYNCED(t->state))
		tcp_output(t);                  /* what a full queue held back */
}

void
tcp_tick(void)
{
	tcp_each(tick_one);
}
