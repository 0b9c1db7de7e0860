/*
 * tcp_harness.c - host checks of TCP's sending side (tools/tests/test_tcp.py): the usable
 * window, cutting data into segments, Nagle, the FIN, the retransmission timer with its
 * back-off, the RTO estimate (RFC 6298), slow start, congestion avoidance, fast
 * retransmit and recovery (RFC 5681) and the persist timer's start - servers/inet's
 * tcp_out.c and tcp_timer.c, with tcp.c's rings, compiled unchanged.  IP is a stub that
 * records each segment's sequence number, flags and length.  Prints "ok NAME" or
 * "FAIL NAME: why" per check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../servers/inet/glo.h"
#include "../../servers/inet/proto.h"
#include "harness_check.h"

uint32_t inet_now;
struct inet_stats inet_stats;

/* ---- stubs: what the TCP files call outside themselves -------------------------------- */

static struct pbuf pool[4];
static struct { uint32_t seq; int flags; size_t len; } segs[64];
static int nsegs;

struct pbuf *
pbuf_alloc(void)
{
	pool[0].in_use = 1;
	return &pool[0];
}

void
pbuf_free(struct pbuf *p)
{
	p->in_use = 0;
}

unsigned int
pbuf_in_use(void)
{
	return 0;
}

int
ip_output(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen)
{
	const uint8_t *th = p->data + ETH_HLEN + IP_HLEN;

	(void)src, (void)dst, (void)proto;
	if (nsegs < 64) {
		segs[nsegs].seq = get32(th + TCP_SEQ);
		segs[nsegs].flags = th[TCP_FLAGS];
		segs[nsegs].len = paylen - (size_t)(th[TCP_OFF] >> 4) * 4;
		nsegs++;
	}
	pbuf_free(p);
	return OK;
}

uint32_t
ip_source(uint32_t dst)
{
	(void)dst;
	return 0x0A00020F;
}

struct ifc *
ifc_of_local(uint32_t addr)
{
	(void)addr;
	return NULL;
}

int
sock_port(const struct port_space *ps, uint32_t addr, uint16_t *port, int is_root)
{
	(void)ps, (void)addr, (void)port, (void)is_root;
	return OK;
}

void
tcp_wakeup(struct tcb *t)
{
	(void)t;
}

/* ---- a connection to work on ---------------------------------------------------------- */

/* An established connection with mss, the peer's window and n bytes waiting to go. */
static struct tcb *
conn(uint16_t mss, uint32_t wnd, uint32_t n)
{
	static uint8_t data[20000];
	struct tcb *t = tcp_alloc();

	t->sndbuf = t->rcvbuf = 32768;
	tcp_buffers(t);
	t->state = TCPS_ESTABLISHED;
	t->laddr = 0x0A00020F, t->faddr = 0x0A000202, t->lport = 5000, t->fport = 6000;
	t->iss = 1000, t->snd_una = t->snd_nxt = t->snd_max = 1001;
	t->mss = mss;
	tcp_cc_init(t);
	t->snd_wnd = t->max_sndwnd = wnd;
	memset(data, 'x', sizeof(data));
	ring_write(&t->snd, 0, data, n);
	t->snd.len = n;
	t->rcv_adv = t->rcv_nxt + tcp_rcv_window(t);	/* the window is announced */
	nsegs = 0;
	return t;
}

static void
test_window(void)
{
	struct tcb *t = conn(1460, 10000, 0);

	check("iw_1460", t->cwnd == 4380, "cwnd %u, want 4380 (RFC 5681 3.1)", t->cwnd);
	tcp_free(t);
	t = conn(536, 10000, 0);
	check("iw_536", t->cwnd == 2144, "cwnd %u, want 4 * 536", t->cwnd);
	t->cwnd = 4380, t->snd_nxt = t->snd_una + 1000;
	check("usable", tcp_usable_window(t) == 3380, "got %u, want min(10000, 4380) - 1000",
	      tcp_usable_window(t));
	t->snd_wnd = 2000;
	check("usable_peer", tcp_usable_window(t) == 1000, "got %u, want 2000 - 1000",
	      tcp_usable_window(t));
	tcp_free(t);
}

static void
test_segments(void)
{
	struct tcb *t = conn(1000, 8192, 10000);
	int ok = 1;

	t->cwnd = 4500;
	tcp_output(t);
	for (int i = 0; i < nsegs; i++)
		ok &= segs[i].len == 1000 && segs[i].seq == 1001 + 1000u * (uint32_t)i;
	check("segments", nsegs == 4 && ok && t->snd_nxt == 5001, "%d segments, snd_nxt %u: "
	      "want 4 of 1000 (cwnd 4500), the rest held", nsegs, t->snd_nxt);
	check("rexmt_started", t->t_rexmt == inet_now + TCP_RTO_INIT, "t_rexmt %u",
	      t->t_rexmt);
	tcp_free(t);
}

static void
test_nagle(void)
{
	struct tcb *t = conn(1000, 8192, 100);

	tcp_output(t);
	check("nagle_idle", nsegs == 1 && segs[0].len == 100 && (segs[0].flags & TH_PSH),
	      "%d segments: a short one goes when nothing is in flight", nsegs);
	t->snd.len = 200, nsegs = 0;
	tcp_output(t);
	check("nagle_holds", nsegs == 0, "%d segments: a short one waits while 100 bytes are "
	      "in flight", nsegs);
	t->nodelay = 1;
	tcp_output(t);
	check("nodelay", nsegs == 1 && segs[0].seq == 1101 && segs[0].len == 100,
	      "%d segments with TCP_NODELAY", nsegs);
	tcp_free(t);
}

static void
test_fin(void)
{
	struct tcb *t = conn(1000, 8192, 500);

	t->fin_wanted = 1, t->state = TCPS_FIN_WAIT_1;
	tcp_output(t);
	check("fin_with_data", nsegs == 1 && (segs[0].flags & TH_FIN) && segs[0].len == 500 &&
	      t->snd_nxt == 1001 + 501, "%d segments, snd_nxt %u", nsegs, t->snd_nxt);
	nsegs = 0;
	tcp_output(t);
	check("fin_once", nsegs == 0, "%d more segments after the FIN", nsegs);
	tcp_free(t);
}

static void
test_cc(void)
{
	struct tcb *t = conn(1000, 60000, 20000);

	t->cwnd = 2000;
	tcp_cc_ack(t, 1000);
	check("slow_start", t->cwnd == 3000, "cwnd %u, want 2000 + 1 MSS", t->cwnd);
	t->cwnd = t->ssthresh = 10000;
	tcp_cc_ack(t, 1000);
	check("avoidance", t->cwnd == 10100, "cwnd %u, want 10000 + MSS*MSS/cwnd", t->cwnd);
	t->snd_nxt = t->snd_max = t->snd_una + 8000;
	tcp_cc_dupack(t), tcp_cc_dupack(t);
	check("two_dupacks", nsegs == 0 && !t->in_recovery, "%d segments after two", nsegs);
	tcp_cc_dupack(t);
	check("fast_retransmit", nsegs == 1 && segs[0].seq == t->snd_una && segs[0].len ==
	      1000 && t->ssthresh == 4000 && t->cwnd == 7000 && t->in_recovery,
	      "%d segments, ssthresh %u cwnd %u", nsegs, t->ssthresh, t->cwnd);
	tcp_cc_dupack(t);
	check("recovery_inflate", t->cwnd == 8000, "cwnd %u after a fourth", t->cwnd);
	t->snd_una += 8000;
	tcp_cc_ack(t, 8000);
	check("recovery_end", t->cwnd == 4000 && !t->in_recovery, "cwnd %u, want ssthresh",
	      t->cwnd);
	t->snd_max = t->snd_una + 3000;
	tcp_cc_timeout(t);
	check("timeout", t->cwnd == 1000 && t->ssthresh == 2000, "cwnd %u ssthresh %u",
	      t->cwnd, t->ssthresh);
	tcp_free(t);
}

static void
test_rto(void)
{
	struct tcb *t = conn(1000, 8192, 0);

	tcp_rtt_sample(t, 30);
	check("rto_first", t->srtt == 240 && t->rttvar == 60 && t->rto == 90,
	      "srtt %u rttvar %u rto %u: want R, R/2, R + 4 * R/2 (RFC 6298 2.2)", t->srtt,
	      t->rttvar, t->rto);
	tcp_rtt_sample(t, 50);
	check("rto_next", t->srtt == 260 && t->rttvar == 65 && t->rto == 97,
	      "srtt %u rttvar %u rto %u (RFC 6298 2.3)", t->srtt, t->rttvar, t->rto);
	tcp_rtt_sample(t, 0);
	tcp_rtt_sample(t, 0);
	tcp_rtt_sample(t, 0);
	t->rto = TCP_RTO_MIN, t->rxtshift = 2;
	tcp_rexmt_start(t);
	check("backoff", t->t_rexmt == inet_now + 4 * TCP_RTO_MIN, "deadline %u, now %u",
	      t->t_rexmt, inet_now);
	t->rxtshift = 12;
	tcp_rexmt_start(t);
	check("backoff_max", t->t_rexmt == inet_now + TCP_RTO_MAX, "deadline %u", t->t_rexmt);
	tcp_free(t);
}

static void
test_persist(void)
{
	struct tcb *t = conn(1000, 0, 3000);

	tcp_output(t);
	check("persist", nsegs == 0 && t->t_persist != 0 && t->t_rexmt == 0,
	      "%d segments, persist %u, rexmt %u: a shut window waits for the persist timer",
	      nsegs, t->t_persist, t->t_rexmt);
	tcp_free(t);
}

int
main(void)
{
	inet_now = 1000;
	test_window();
	test_segments();
	test_nagle();
	test_fin();
	test_cc();
	test_rto();
	test_persist();
	return failures != 0;
}
