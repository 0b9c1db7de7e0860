/*
 * dltest.c - /test/dltest: a client of a network driver speaking the DL_ protocol directly
 * (minnow/dl.h; handouts/netdriver.md), as the file-system tests play VFS.  The grader is
 * the other end of the wire (grader/tests/net_common.py): QEMU hands every frame the card
 * sends to the grader's UDP socket and every datagram the grader sends to the card.
 *
 * Started from the shell as a service, `service run /test/dltest -label dltest -args
 * "LABEL PHASE ..."` (commands/tests/system.conf; the driver instance is started with
 * `callers=dltest`).  It subscribes to DS's `drv.net.LABEL`, and on each driver-up event
 * sends DL_CONF; everything goes by asynsend, answers come back as messages.  Phases:
 *   conf                 one DL_CONF; prints "dltest: conf LABEL status=S mac=M"
 *   traffic SEED NTX NRX [MODE [HOLD]]
 *                        sends NTX frames and receives NRX, both derived from SEED (below),
 *                        with flow control through the ack field; survives driver restarts
 *                        (kill -9, service update): on each driver-up event a DL_WRITEV_S
 *                        sent before DL_CONF must go unanswered (the gate), then DL_CONF
 *                        again and traffic resumes; a request in flight when the driver
 *                        died is lost.  A frame received twice, out of order or different
 *                        from what SEED says is counted, never accepted.  Without a restart
 *                        the DL_GETSTAT_S counters must match the traffic exactly, and
 *                        "dltest: traffic LABEL next=N missed=M" says the next seq it
 *                        waited for and the frames the card missed (ets_missedP).  A write
 *                        left unanswered for 8 s ends the phase: the driver stalled.
 *                        HOLD: tenths of a second without a request after "traffic
 *                        ready", so that the driver's receive ring fills up.
 *   filter MODE          DL_CONF with MODE, then counts the frames that arrive by their
 *                        destination (own, other, broadcast, multicast) until an end frame
 *   bad SEED             the bad-input cases, one request at a time, then the driver still
 *                        works: a stored read completed by the grader's frame, a write
 *                        in three pieces
 *   bench                the benchmarks of `make bench` (tools/bench.py, the other end),
 *                        in instructions (the TSC under QEMU's -icount): after idling
 *                        BENCH_WAIT clock ticks (no tick falls inside what follows),
 *                        BENCH_ROUNDS batches of BENCH_BATCH 1514-byte writes, each write
 *                        to its DL_PACK_SEND reply; the cheapest batch per frame is
 *                        printed as "bench: net_DRIVER_send N".  Then receive batches:
 *                        ack what came (the grader sends the next BENCH_BATCH frames),
 *                        idle BENCH_WAIT clock ticks while they land, time BENCH_BATCH
 *                        reads; a batch counts only if every read was answered at once
 *                        with its frame (none waited: idle time is no work); the
 *                        cheapest of BENCH_ROUNDS such batches per frame is "bench:
 *                        net_DRIVER_recv N".  Then BENCH_STREAM frames each way, untimed
 *                        here: the grader times them with its clock
 *   load                 the workload of the driver fault-injection campaign
 *                        (grader/tests/fuzz_faults.py) on a card with QEMU's user network:
 *                        rounds of one ARP request for the user network's gateway
 *                        (10.0.2.2) and its answer, until /tmp/faultload.stop exists, with
 *                        faultload's summary line (below); after an error answer (which
 *                        does not say whose) DL_CONF again, which drops a stored request;
 *                        one round per tenth of a second (a system process must not starve
 *                        the shell)
 * MODE is a string of p (promiscuous), m (multicast), b (broadcast), or "-" for none.
 * Output: "PASS/FAIL dltest_<case>" lines (commands/tests/testlib.h), the phase's summary
 * line "dltest: ..." and "DONE dltest N passed, M failed"; then the service exits.
 *
 * Frames (both directions): destination and source MAC, ethertype 0x88b5, then the header
 * "MNW1", seq (32 bits), ack (32 bits), kind (1 byte: 0 data, 1 ack only, 2 end), dir
 * (0 guest to grader, 1 grader to guest), size (16 bits), all big-endian, then the payload.
 * A data frame's size (60..1514) and payload come from xorshift32 seeded with
 * frame_seed(SEED, dir, seq); ack says how far the sender's receive side got (the highest
 * seq received plus one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minnow/dl.h>
#include <minnow/ds.h>
#include <minnow/endpoint.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/safecopies.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "testlib.h"
#include "../testprogs/xorshift.h"
#include "../bench/bench.h"

#define ETHERTYPE       0x88b5
#define HDR_SIZE        30              /* Ethernet 14 + our 16 */
#define KIND_DATA       0
#define KIND_ACK        1
#define KIND_END        2
#define DIR_OUT         0               /* guest -> grader */
#define DIR_IN          1               /* grader -> guest */
#define TICK_HZ_DIV     10              /* the alarm: every tenth of a second */
#define ACK_EVERY       16              /* an ack-only frame after this many received */
#define IDLE_SECONDS    4               /* traffic: give up after this long without frames */

static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };  /* the grader's */

static char label[32];                  /* the driver's */
static endpoint_t drv = NONE;
static uint8_t mac[6];
static uint32_t hz, now;                /* clock ticks per second; ticks since boot */
static int driver_ups;                  /* driver-up events seen */

/* The buffers the driver reads and writes, and their grants (made once per driver). */
static uint8_t txbuf[ETH_MAX_PACK_SIZE], rxbuf[ETH_MAX_PACK_SIZE];
static iovec_s_t txvec[DL_NR_IOREQ + 1], rxvec[DL_NR_IOREQ + 1];
static cp_grant_id_t txvec_g, rxvec_g;

/* ---- frames -------------------------------------------------------------------------- */

static uint32_t
frame_seed(uint32_t seed, uint32_t dir, uint32_t seq)
{
	uint32_t x = seed * 2654435761u + dir * 0x9e3779b9u + seq * 0x85ebca6bu + 1;

	return x == 0 ? 1 : x;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The addresses and our header of a frame of direction dir into buf. */
static void
put_header(uint8_t *buf, uint32_t dir, uint32_t seq, uint32_t ack, int kind, size_t size)
{
	memcpy(buf, dir == DIR_OUT ? peer_mac : mac, 6);
	memcpy(buf + 6, dir == DIR_OUT ? mac : peer_mac, 6);
	buf[12] = ETHERTYPE >> 8, buf[13] = ETHERTYPE & 0xff;
	memcpy(buf + 14, "MNW1", 4);
	put32(buf + 18, seq);
	put32(buf + 22, ack);
	buf[26] = (uint8_t)kind, buf[27] = (uint8_t)dir;
	buf[28] = size >> 8, buf[29] = size & 0xff;
}

/* Data frame seq of direction dir: its size, and its bytes into buf (if not NULL). */
static size_t
make_frame(uint8_t *buf, uint32_t seed, uint32_t dir, uint32_t seq, uint32_t ack)
{
	size_t size;

	rng = frame_seed(seed, dir, seq);
	size = ETH_MIN_PACK_SIZE + below(ETH_MAX_PACK_SIZE - ETH_MIN_PACK_SIZE + 1);
	if (buf == NULL)
		return size;
	put_header(buf, dir, seq, ack, KIND_DATA, size);
	for (size_t i = HDR_SIZE; i < size; i += 4) {
		uint32_t w = rnd();

		for (size_t k = 0; k < 4 && i + k < size; k++)
			buf[i + k] = (uint8_t)(w >> (8 * k));
	}
	return size;
}

/* An ack-only frame (60 bytes) into buf. */
static size_t
make_ack(uint8_t *buf, uint32_t ack)
{
	memset(buf, 0, ETH_MIN_PACK_SIZE);
	put_header(buf, DIR_OUT, 0xffffffffu, ack, KIND_ACK, ETH_MIN_PACK_SIZE);
	return ETH_MIN_PACK_SIZE;
}

/* Is the received frame of len bytes data frame seq of the grader's stream?  0 if so,
 * else a reason. */
static const char *
check_frame(const uint8_t *f, size_t len, uint32_t seed, uint32_t *seq)
{
	static uint8_t want[ETH_MAX_PACK_SIZE];
	size_t size;

	if (len < HDR_SIZE || memcmp(f + 14, "MNW1", 4) != 0 || f[26] != KIND_DATA)
		return "not a data frame";
	*seq = get32(f + 18);
	size = make_frame(want, seed, DIR_IN, *seq, get32(f + 22));
	if (size != len)
		return "wrong size";
	if (memcmp(want + 12, f + 12, size - 12) != 0)
		return "wrong contents";
	return NULL;
}

/* ---- talking to the driver ---------------------------------------------------------- */

static void
send_dl(int type, int mode, cp_grant_id_t grant, int count)
{
	int r;

	if ((r = dl_request(drv, type, mode, grant, count)) != OK)
		printf("dltest: asynsend %d to %s: %s\n", type, label, test_errname(r));
}

/* Grants of the vectors and buffers for the driver endpoint drv (made again if it
 * changed: a restarted driver keeps its endpoint, so normally once). */
static void
make_grants(void)
{
	static endpoint_t granted = NONE;

	if (granted == drv)
		return;
	txvec_g = cpf_grant_direct(drv, (vir_bytes)txvec, sizeof(txvec), CPF_READ);
	rxvec_g = cpf_grant_direct(drv, (vir_bytes)rxvec, sizeof(rxvec), CPF_READ);
	txvec[0].iov_grant = cpf_grant_direct(drv, (vir_bytes)txbuf, sizeof(txbuf), CPF_READ);
	rxvec[0].iov_grant = cpf_grant_direct(drv, (vir_bytes)rxbuf, sizeof(rxbuf), CPF_WRITE);
	granted = drv;
}

/* Send the frame in txbuf (size bytes) as one piece. */
static void
write_frame(size_t size)
{
	txvec[0].iov_size = size;
	send_dl(DL_WRITEV_S, 0, txvec_g, 1);
}

/* Post a read into rxbuf, one piece. */
static void
post_read(void)
{
	rxvec[0].iov_size = sizeof(rxbuf);
	send_dl(DL_READV_S, 0, rxvec_g, 1);
}

/* ---- the event loop ---------------------------------------------------------------- */

enum { EV_NONE, EV_REPLY, EV_UP };

/* A DS notification: is it our driver's up event?  Sets drv. */
static int
ds_event(void)
{
	char key[DS_MAX_KEYLEN], want[DS_MAX_KEYLEN];
	int type, up = 0;
	uint32_t v;

	snprintf(want, sizeof(want), "drv.net.%s", label);
	while (ds_check(key, &type, NULL) == OK)
		if (strcmp(key, want) == 0 && ds_retrieve_u32(key, &v) == OK && v == DS_DRIVER_UP &&
		    ds_retrieve_label_endpt(label, &drv) == OK)
			up = 1;
	if (up) {
		driver_ups++;
		make_grants();
	}
	return up;
}

/* The next event: EV_REPLY (a DL_ reply in *m), EV_UP (driver up), or EV_NONE (a clock
 * tick: now advanced). */
static int
next_event(message *m)
{
	int status;

	for (;;) {
		if (sef_receive_status(ANY, m, &status) != OK)
			continue;
		if (IPC_STATUS_CALL(status) == NOTIFY && m->m_source == DS_PROC_NR) {
			if (ds_event())
				return EV_UP;
		} else if (IPC_STATUS_CALL(status) == NOTIFY && m->m_source == CLOCK) {
			sys_getuptime(&now);
			sys_setalarm(hz / TICK_HZ_DIV, 0, NULL);
			return EV_NONE;
		} else if (m->m_source == drv && m->m_type >= DL_CONF_REPLY &&
			   m->m_type <= DL_TASK_REPLY) {
			return EV_REPLY;
		}
	}
}

/* Wait up to `tenths` tenths of a second for a reply of the given type: 1 and *m, or 0.
 * A driver-up event meanwhile counts in driver_ups. */
static int
wait_reply(message *m, int type, int tenths)
{
	while (tenths > 0) {
		int ev = next_event(m);

		if (ev == EV_NONE)
			tenths--;
		else if (ev == EV_REPLY && m->m_type == type)
			return 1;
	}
	return 0;
}

/* Wait for the driver to be up (at most 10 s). */
static int
wait_up(void)
{
	message m;

	for (int t = 0; drv == NONE && t < 100; )
		if (next_event(&m) == EV_NONE)
			t++;
	return drv != NONE;
}

/* DL_CONF with mode: the status (a timeout is -ETIMEDOUT's stand-in -EIO). */
static int
conf(int mode)
{
	message m;

	send_dl(DL_CONF, mode, 0, 0);
	if (!wait_reply(&m, DL_CONF_REPLY, 50))
		return -EIO;
	if (m.m_dl.status == OK)
		memcpy(mac, m.m_dl.hwaddr, 6);
	return m.m_dl.status;
}

/* DL_GETSTAT_S into *st: OK or an error. */
static int
getstat(eth_stat_t *st)
{
	static cp_grant_id_t g = GRANT_INVALID;
	static eth_stat_t buf;
	message m;

	if (g == GRANT_INVALID)
		g = cpf_grant_direct(drv, (vir_bytes)&buf, sizeof(buf), CPF_WRITE);
	send_dl(DL_GETSTAT_S, 0, g, 0);
	if (!wait_reply(&m, DL_STAT_REPLY, 50))
		return -EIO;
	*st = buf;
	return m.m_dl.status;
}

static int
parse_mode(const char *s)
{
	int mode = 0;

	for (; *s != '\0'; s++)
		mode |= *s == 'p' ? DL_PROMISC_REQ : *s == 'm' ? DL_MULTI_REQ :
			*s == 'b' ? DL_BROAD_REQ : 0;
	return mode;
}

static const char *
mac_str(void)
{
	static char s[20];

	snprintf(s, sizeof(s), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
		 mac[4], mac[5]);
	return s;
}

/* ---- conf ------------------------------------------------------------------------------ */

static void
phase_conf(void)
{
	int r = conf(DL_NOMODE);

	printf("dltest: conf %s status=%s mac=%s\n", label, test_errname(r),
	       r == OK ? mac_str() : "-");
}

/* ---- traffic ----------------------------------------------------------------------------- */

static struct {
	uint32_t seed, ntx, nrx;
	int mode;
	uint32_t tx_next;               /* the next data frame to send */
	int tx_busy;                    /* a write in flight: 1 data, 2 ack only */
	int rx_busy;                    /* a read in flight */
	uint32_t sent, acks, recv, dup, bad, errors, lost_inflight;
	uint32_t rx_next;               /* the highest seq received, plus one */
	uint32_t acked;                 /* the ack last sent */
	uint32_t last_rx, last_ack;     /* ticks */
	uint32_t tx_since;              /* ticks: when the write in flight was sent */
	int stalled;                    /* a write went unanswered for 2 * IDLE_SECONDS */
	uint32_t tx_end;                /* ticks: when the last write was answered */
	uint32_t replies_recv;          /* DL_PACK_RECV answers */
	int gate_ok, gate_bad, restarts;
} tr;

/* Start a write and a read if none is in flight and there is something to do. */
static void
traffic_issue(void)
{
	if (!tr.tx_busy && tr.tx_next < tr.ntx) {
		write_frame(make_frame(txbuf, tr.seed, DIR_OUT, tr.tx_next++, tr.rx_next));
		tr.tx_busy = 1;
		tr.tx_since = now;
		tr.acked = tr.rx_next;
	} else if (!tr.tx_busy && (tr.rx_next - tr.acked >= ACK_EVERY ||
				   (tr.rx_next < tr.nrx && now - tr.last_ack > hz / 2))) {
		write_frame(make_ack(txbuf, tr.rx_next));
		tr.tx_busy = 2;
		tr.tx_since = now;
		tr.acked = tr.rx_next;
		tr.last_ack = now;
	}
	if (!tr.rx_busy && tr.rx_next < tr.nrx) {
		post_read();
		tr.rx_busy = 1;
	}
}

/* A received frame of len bytes in rxbuf. */
static void
traffic_frame(size_t len)
{
	uint32_t seq;
	const char *why = check_frame(rxbuf, len, tr.seed, &seq);

	tr.replies_recv++;
	if (why != NULL) {
		if (tr.bad++ < 5)
			printf("dltest: bad frame (%zu bytes): %s\n", len, why);
	} else if (seq < tr.rx_next) {
		if (tr.dup++ < 5)
			printf("dltest: frame %u again, or out of order (expected >= %u)\n", seq,
			       tr.rx_next);
	} else {
		tr.recv++;
		tr.rx_next = seq + 1;
		tr.last_rx = now;
	}
}

static void
traffic_reply(const message *m)
{
	if (m->m_type != DL_TASK_REPLY)
		return;
	if (m->m_dl.status != OK) {
		if (tr.errors++ < 5)
			printf("dltest: DL_TASK_REPLY status %s\n", test_errname(m->m_dl.status));
		tr.tx_busy = tr.rx_busy = 0;
		return;
	}
	if (m->m_dl.flags & DL_PACK_SEND) {
		if (tr.tx_busy == 1)
			tr.sent++;
		else
			tr.acks++;
		tr.tx_busy = 0;
	}
	if (m->m_dl.flags & DL_PACK_RECV) {
		tr.rx_busy = 0;
		traffic_frame((size_t)m->m_dl.count);
	}
}

/* The driver is up again: what was in flight is lost; a write before DL_CONF must go
 * unanswered (the gate); then DL_CONF. */
static void
traffic_restart(void)
{
	message m;

	tr.restarts++;
	if (tr.tx_busy == 1)
		tr.lost_inflight++;
	tr.tx_busy = tr.rx_busy = 0;
	write_frame(make_frame(txbuf, tr.seed, DIR_OUT, tr.tx_next, tr.rx_next));
	if (wait_reply(&m, DL_TASK_REPLY, 3))
		tr.gate_bad++;
	else
		tr.gate_ok++;
	if (conf(tr.mode) != OK)
		printf("dltest: DL_CONF after the restart failed\n");
	else
		printf("dltest: configured again after restart %d\n", tr.restarts);
	tr.last_rx = now;
}

/* Done: everything sent, and everything received or nothing for IDLE_SECONDS since the
 * later of the last frame and the end of sending (twice that if nothing came at all); or
 * a write unanswered for twice IDLE_SECONDS (the driver never completes it: stalled). */
static int
traffic_done(void)
{
	uint32_t since = tr.last_rx > tr.tx_end ? tr.last_rx : tr.tx_end;

	if (tr.tx_busy && now - tr.tx_since > 2 * IDLE_SECONDS * hz) {
		printf("dltest: traffic stalled: a write unanswered for %d s\n", 2 * IDLE_SECONDS);
		tr.stalled = 1;
		return 1;
	}
	if (tr.tx_next < tr.ntx || tr.tx_busy || tr.errors > 20)
		return tr.errors > 20;
	if (tr.tx_end == 0)
		tr.tx_end = now;
	return tr.rx_next >= tr.nrx || now - since > (tr.recv ? 1 : 2) * IDLE_SECONDS * hz;
}

static void
traffic_stats(const eth_stat_t *a)
{
	eth_stat_t b;
	int r = getstat(&b);

	if (tr.restarts > 0) {
		printf("dltest: statistics not compared: the driver restarted\n");
		return;
	}
	test_check("dltest_traffic_stats", r == OK &&
		   b.ets_packetT - a->ets_packetT == tr.sent + tr.acks &&
		   b.ets_packetR - a->ets_packetR == tr.replies_recv &&
		   b.ets_recvErr == a->ets_recvErr && b.ets_sendErr == a->ets_sendErr,
		   "getstat %s: packetT +%u (sent %u + acks %u), packetR +%u (received %u), "
		   "recvErr +%u, sendErr +%u", test_errname(r), b.ets_packetT - a->ets_packetT,
		   tr.sent, tr.acks, b.ets_packetR - a->ets_packetR, tr.replies_recv,
		   b.ets_recvErr - a->ets_recvErr, b.ets_sendErr - a->ets_sendErr);
	printf("dltest: traffic %s next=%u missed=%u\n", label, tr.rx_next,
	       b.ets_missedP - a->ets_missedP);
}

/* Ask nothing of the driver for tenths tenths of a second: its receive ring fills. */
static void
hold(uint32_t tenths)
{
	uint32_t until = now + tenths * (hz / TICK_HZ_DIV);
	message m;

	while (now < until)
		(void)next_event(&m);
}

static void
phase_traffic(int argc, char **argv)
{
	eth_stat_t st0;
	message m;
	int r;

	if (argc < 4) {
		test_fail("dltest_traffic", "usage: traffic SEED NTX NRX [MODE [HOLD]]");
		return;
	}
	tr.seed = strtoul(argv[1], NULL, 0);
	tr.ntx = strtoul(argv[2], NULL, 0);
	tr.nrx = strtoul(argv[3], NULL, 0);
	tr.mode = argc > 4 ? parse_mode(argv[4]) : DL_NOMODE;
	printf("dltest: traffic %s seed=%u ntx=%u nrx=%u\n", label, tr.seed, tr.ntx, tr.nrx);
	if (!test_expect("dltest_traffic_conf", r = conf(tr.mode), OK) ||
	    !test_expect("dltest_traffic_getstat", getstat(&st0), OK))
		return;
	printf("dltest: traffic ready mac=%s\n", mac_str());
	if (argc > 5)
		hold(strtoul(argv[5], NULL, 0));
	tr.last_rx = tr.last_ack = now;
	while (!traffic_done()) {
		traffic_issue();
		switch (next_event(&m)) {
		case EV_REPLY:
			traffic_reply(&m);
			break;
		case EV_UP:
			traffic_restart();
			break;
		}
	}
	printf("dltest: traffic %s sent=%u recv=%u dup=%u bad=%u errors=%u acks=%u "
	       "restarts=%d gate=%d/%d lost_inflight=%u\n", label, tr.sent, tr.recv, tr.dup,
	       tr.bad, tr.errors, tr.acks, tr.restarts, tr.gate_ok, tr.gate_ok + tr.gate_bad, tr.lost_inflight);
	test_check("dltest_traffic_clean", tr.dup == 0 && tr.bad == 0 && tr.errors == 0 &&
		   !tr.stalled, "%u duplicate, %u bad frames, %u errors%s", tr.dup, tr.bad,
		   tr.errors, tr.stalled ? ", stalled" : "");
	if (tr.restarts > 0)
		test_check("dltest_gate", tr.gate_bad == 0, "%d of %d writes before DL_CONF "
			   "were answered", tr.gate_bad, tr.gate_ok + tr.gate_bad);
	traffic_stats(&st0);
}

/* ---- filter ---------------------------------------------------------------------------- */

static void
phase_filter(int argc, char **argv)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint32_t own = 0, other = 0, bc = 0, mc = 0;
	const char *mode = argc > 1 ? argv[1] : "-";
	message m;
	int done = 0, idle = 0;

	if (!test_expect("dltest_filter_conf", conf(parse_mode(mode)), OK))
		return;
	printf("dltest: filter ready mode=%s mac=%s\n", mode, mac_str());
	post_read();
	while (!done && idle < 100) {
		int ev = next_event(&m);

		if (ev == EV_NONE) {
			idle++;
			continue;
		}
		if (ev != EV_REPLY || m.m_type != DL_TASK_REPLY || !(m.m_dl.flags & DL_PACK_RECV))
			continue;
		idle = 0;
		if (rxbuf[26] == KIND_END)
			done = 1;
		else if (memcmp(rxbuf, bcast, 6) == 0)
			bc++;
		else if (rxbuf[0] & 1)
			mc++;
		else if (memcmp(rxbuf, mac, 6) == 0)
			own++;
		else
			other++;
		if (!done)
			post_read();
	}
	printf("dltest: filter mode=%s own=%u other=%u bcast=%u mcast=%u end=%d\n", mode, own,
	       other, bc, mc, done);
}

/* ---- bad input ------------------------------------------------------------------------- */

/* Send a request and expect its DL_TASK_REPLY to have status want (want 1: any error). */
static int
expect_task(const char *name, int type, cp_grant_id_t grant, int count, int want)
{
	message m;

	send_dl(type, 0, grant, count);
	if (!wait_reply(&m, DL_TASK_REPLY, 30)) {
		test_fail(name, "no DL_TASK_REPLY in 3 s");
		return 0;
	}
	if (want == 1)
		return test_check(name, m.m_dl.status < 0, "status %s, want an error",
				  test_errname(m.m_dl.status));
	return test_check(name, m.m_dl.status == want && m.m_dl.flags == 0, "status %s flags %d, "
			  "want %s flags 0", test_errname(m.m_dl.status), m.m_dl.flags,
			  test_errname(want));
}

/* Sizes and vectors the driver must refuse, with the kernel's errors for bad grants. */
static void
bad_vectors(void)
{
	txvec[0].iov_size = 100;
	expect_task("dltest_bad_count0", DL_WRITEV_S, txvec_g, 0, -EINVAL);
	for (int i = 0; i <= DL_NR_IOREQ; i++)
		txvec[i] = txvec[0];
	txvec[0].iov_size = 60;
	expect_task("dltest_bad_count65", DL_WRITEV_S, txvec_g, DL_NR_IOREQ + 1, -EINVAL);
	txvec[0].iov_size = 59;
	expect_task("dltest_bad_size59", DL_WRITEV_S, txvec_g, 1, -EINVAL);
	txvec[0].iov_size = 1515;
	expect_task("dltest_bad_size1515", DL_WRITEV_S, txvec_g, 1, -EINVAL);
	txvec[0].iov_size = 1000;
	txvec[1].iov_size = 515;
	expect_task("dltest_bad_size1515_pieces", DL_WRITEV_S, txvec_g, 2, -EINVAL);
	expect_task("dltest_bad_vector_grant", DL_WRITEV_S, 0x7ffff000, 1, 1);
	txvec[1] = txvec[0];
	txvec[1].iov_grant = 0x7ffff000;
	txvec[0].iov_size = txvec[1].iov_size = 100;
	expect_task("dltest_bad_piece_grant", DL_WRITEV_S, txvec_g, 2, 1);
	rxvec[0].iov_size = ETH_MAX_PACK_SIZE - 1;
	expect_task("dltest_bad_read_short", DL_READV_S, rxvec_g, 1, -EINVAL);
	expect_task("dltest_bad_read_count0", DL_READV_S, rxvec_g, 0, -EINVAL);
}

/* A DL_CONF with an unknown mode bit; an unknown request by SENDREC. */
static void
bad_requests(void)
{
	message m;

	send_dl(DL_CONF, 0x8, 0, 0);
	if (wait_reply(&m, DL_CONF_REPLY, 30))
		test_expect("dltest_bad_mode", m.m_dl.status, -EINVAL);
	else
		test_fail("dltest_bad_mode", "no DL_CONF_REPLY");
	test_expect("dltest_conf_again", conf(DL_NOMODE), OK);
	memset(&m, 0, sizeof(m));
	m.m_type = DL_RQ_BASE + 4;
	test_expect("dltest_bad_unknown_sendrec", ipc_sendrec(drv, &m), OK);
	test_expect("dltest_bad_unknown", m.m_type, -ENOSYS);
}

/* A read in three pieces is stored (nothing came), a second one is EBUSY, and the
 * grader's frame 0 completes the first. */
static void
bad_stored_read(uint32_t seed)
{
	static const size_t piece[3] = { 500, 500, ETH_MAX_PACK_SIZE - 1000 };
	size_t off = 0;
	message m;
	uint32_t seq;
	const char *why;

	for (int i = 0; i < 3; off += piece[i], i++) {
		rxvec[i + 1].iov_grant = cpf_grant_direct(drv, (vir_bytes)rxbuf + off, piece[i],
							  CPF_WRITE);
		rxvec[i + 1].iov_size = piece[i];
	}
	cp_grant_id_t g = cpf_grant_direct(drv, (vir_bytes)&rxvec[1], 3 * sizeof(iovec_s_t),
					   CPF_READ);
	memset(rxbuf, 0, sizeof(rxbuf));
	if (!expect_task("dltest_stored_read", DL_READV_S, g, 3, OK))
		return;
	expect_task("dltest_second_read_ebusy", DL_READV_S, rxvec_g, 1, -EBUSY);
	printf("dltest: bad waiting for frame 0\n");
	if (!wait_reply(&m, DL_TASK_REPLY, 100)) {
		test_fail("dltest_stored_read_done", "no unsolicited DL_TASK_REPLY in 10 s");
		return;
	}
	why = check_frame(rxbuf, (size_t)m.m_dl.count, seed, &seq);
	test_check("dltest_stored_read_done", m.m_dl.status == OK &&
		   (m.m_dl.flags & DL_PACK_RECV) && why == NULL && seq == 0,
		   "status %s flags %d count %d: %s", test_errname(m.m_dl.status), m.m_dl.flags,
		   m.m_dl.count, why != NULL ? why : "frame 0 expected");
}

/* The driver still works: frame 0 in three pieces, and the statistics. */
static void
bad_still_works(uint32_t seed)
{
	size_t size = make_frame(txbuf, seed, DIR_OUT, 0, 0), cut[3] = { 7, 100, 0 };
	size_t off = 0;
	eth_stat_t st;
	message m;

	cut[2] = size - 107;
	for (int i = 0; i < 3; off += cut[i], i++) {
		txvec[i + 1].iov_grant = cpf_grant_direct(drv, (vir_bytes)txbuf + off, cut[i],
							  CPF_READ);
		txvec[i + 1].iov_size = cut[i];
	}
	cp_grant_id_t g = cpf_grant_direct(drv, (vir_bytes)&txvec[1], 3 * sizeof(iovec_s_t),
					   CPF_READ);
	send_dl(DL_WRITEV_S, 0, g, 3);
	if (wait_reply(&m, DL_TASK_REPLY, 30))
		test_check("dltest_write_pieces", m.m_dl.status == OK &&
			   (m.m_dl.flags & DL_PACK_SEND), "status %s flags %d",
			   test_errname(m.m_dl.status), m.m_dl.flags);
	else
		test_fail("dltest_write_pieces", "no DL_TASK_REPLY");
	test_expect("dltest_stat_after", getstat(&st), OK);
	printf("dltest: bad done packetT=%u packetR=%u\n", st.ets_packetT, st.ets_packetR);
}

static void
phase_bad(int argc, char **argv)
{
	uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;

	if (!test_expect("dltest_bad_conf", conf(DL_NOMODE), OK))
		return;
	bad_vectors();
	bad_requests();
	bad_stored_read(seed);
	bad_still_works(seed);
}

/* ---- bench ------------------------------------------------------------------------------ */

#define BENCH_ROUNDS    8               /* timed rounds each way: the cheapest counts */
#define BENCH_BATCH     8               /* frames per round */
#define BENCH_TRIES     32              /* receive rounds at most, to get BENCH_ROUNDS clean */
#define BENCH_WAIT      3               /* clock ticks idle before a receive round */
#define BENCH_STREAM    2000            /* frames each way of the wall-clock stream */

/* Send the frame in txbuf (size bytes) and wait until the driver says it went to the card
 * (at once, or in a stored write's later reply): 1, or 0 on an error or after 3 s. */
static int
write_done(size_t size)
{
	message m;

	write_frame(size);
	do {
		if (!wait_reply(&m, DL_TASK_REPLY, 30) || m.m_dl.status != OK)
			return 0;
	} while (!(m.m_dl.flags & DL_PACK_SEND));
	return 1;
}

/* Post a read and wait for its frame: 1 if the driver answered at once with it (the frame
 * was in the card's ring already), 0 if the read was stored and completed later, -1 on an
 * error or after 10 s. */
static int
read_done(void)
{
	message m;

	post_read();
	if (!wait_reply(&m, DL_TASK_REPLY, 100) || m.m_dl.status != OK)
		return -1;
	if (m.m_dl.flags & DL_PACK_RECV)
		return 1;
	if (!wait_reply(&m, DL_TASK_REPLY, 100) || m.m_dl.status != OK)
		return -1;
	return m.m_dl.flags & DL_PACK_RECV ? 0 : -1;
}

/* Idle for BENCH_WAIT clock ticks (host time when idle: tools/bench.py runs QEMU with
 * sleep=on), so that what follows starts just after a tick, a whole tick before the next
 * (10 million instructions at hz=100: -icount shift=0 makes one a guest nanosecond). */
static void
bench_idle(void)
{
	message m;

	sys_setalarm(BENCH_WAIT, 0, NULL);
	while (next_event(&m) != EV_NONE)
		;
}

/* Acknowledge got frames (the grader then sends the next BENCH_BATCH) and idle while they
 * land in the ring. */
static void
bench_ack(uint32_t got)
{
	write_done(make_ack(txbuf, got));
	bench_idle();
}

/* A 1514-byte frame with seq into txbuf. */
static void
bench_frame(uint32_t seq)
{
	put_header(txbuf, DIR_OUT, seq, 0, KIND_DATA, ETH_MAX_PACK_SIZE);
	memset(txbuf + HDR_SIZE, 0x5a, ETH_MAX_PACK_SIZE - HDR_SIZE);
}

/* The send batches: instructions per frame of the cheapest, or 0 (a write failed). */
static uint64_t
bench_send(void)
{
	uint64_t best = ~0ull;

	bench_frame(0);
	bench_idle();
	for (int r = 0; r < BENCH_ROUNDS; r++) {
		uint64_t t0 = rdtsc(), t;

		for (int i = 0; i < BENCH_BATCH; i++)
			if (!write_done(ETH_MAX_PACK_SIZE))
				return 0;
		if ((t = rdtsc() - t0) < best)
			best = t;
	}
	return best / BENCH_BATCH;
}

/* The receive batches: instructions per frame of the cheapest clean batch, or 0 (a read
 * failed, or no batch was clean).  *got counts the frames received. */
static uint64_t
bench_recv(uint32_t *got)
{
	uint64_t best = ~0ull;
	int clean = 0;

	for (int r = 0; r < BENCH_TRIES && clean < BENCH_ROUNDS; r++) {
		uint64_t t0, t;
		int at_once = 0, k;

		bench_ack(*got);
		t0 = rdtsc();
		for (int i = 0; i < BENCH_BATCH; i++, (*got)++) {
			if ((k = read_done()) < 0)
				return 0;
			at_once += k;
		}
		t = rdtsc() - t0;
		if (at_once < BENCH_BATCH)
			continue;               /* a read waited for its frame: idle time */
		clean++;
		if (t < best)
			best = t;
	}
	if (clean < BENCH_ROUNDS)
		printf("dltest: bench only %d of %d rounds found every frame waiting\n", clean,
		       BENCH_ROUNDS);
	return clean == 0 ? 0 : best / BENCH_BATCH;
}

/* The stream the grader times with its clock: BENCH_STREAM frames sent (seq 1), then as
 * many received from got on, acknowledged every BENCH_BATCH; 1, or 0 on an error. */
static int
bench_stream(uint32_t got)
{
	bench_frame(1);
	for (int i = 0; i < BENCH_STREAM; i++)
		if (!write_done(ETH_MAX_PACK_SIZE))
			return 0;
	for (int i = 0; i < BENCH_STREAM; i++, got++) {
		if (i % BENCH_BATCH == 0)
			write_done(make_ack(txbuf, got));
		if (read_done() < 0)
			return 0;
	}
	return write_done(make_ack(txbuf, got));
}

/* The benchmarks of tools/bench.py (the file's header): instructions per 1514-byte frame
 * sent, then per frame received (the grader sends frames once it has seen the first
 * figure), then the wall-clock stream. */
static void
phase_bench(void)
{
	char name[32], *us;
	uint64_t tx, rx;
	uint32_t got = 0;

	strlcpy(name, label, sizeof(name));
	if ((us = strrchr(name, '_')) != NULL)
		*us = '\0';                     /* e1000_0: e1000 */
	if (!test_expect("dltest_bench_conf", conf(DL_NOMODE), OK))
		return;
	printf("dltest: bench ready mac=%s\n", mac_str());
	if (!test_check("dltest_bench_send", (tx = bench_send()) != 0, "a write failed"))
		return;
	printf("bench: net_%s_send %llu\n", name, (unsigned long long)tx);
	if (!test_check("dltest_bench_recv", (rx = bench_recv(&got)) != 0,
			"a read failed, or every batch had a read wait for its frame"))
		return;
	printf("bench: net_%s_recv %llu\n", name, (unsigned long long)rx);
	printf("dltest: bench stream %d frames each way\n", BENCH_STREAM);
	test_check("dltest_bench_stream", bench_stream(got), "a write or read failed");
}

/* ---- load ------------------------------------------------------------------------------- */

#define LOAD_STOP       "/tmp/faultload.stop"
#define LOAD_FINAL      50              /* rounds that may fail after the stop */
#define LOAD_WAIT       3               /* tenths of a second a round waits */

static const uint8_t gw_ip[4] = { 10, 0, 2, 2 }, our_ip[4] = { 10, 0, 2, 15 };
static struct { int conf, tx_busy, rx_busy; uint32_t rounds, ok, bad, eio, enxio, other; } ld;

/* An ARP request "who has 10.0.2.2, tell 10.0.2.15" into txbuf: its size. */
static size_t
make_arp(void)
{
	static const uint8_t head[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };     /* Ethernet, IPv4, req */

	memset(txbuf, 0, ETH_MIN_PACK_SIZE);
	memset(txbuf, 0xff, 6);
	memcpy(txbuf + 6, mac, 6);
	txbuf[12] = 0x08, txbuf[13] = 0x06;
	memcpy(txbuf + 14, head, 8);
	memcpy(txbuf + 22, mac, 6);
	memcpy(txbuf + 28, our_ip, 4);
	memcpy(txbuf + 38, gw_ip, 4);
	return ETH_MIN_PACK_SIZE;
}

/* The frame in rxbuf (len bytes): 1 the gateway's ARP answer to us, 0 another ARP answer
 * for us (wrong data), -1 anything else. */
static int
arp_answer(size_t len)
{
	if (len < 42 || rxbuf[12] != 0x08 || rxbuf[13] != 0x06 || rxbuf[21] != 2)
		return -1;
	return memcmp(rxbuf + 28, gw_ip, 4) == 0 && memcmp(rxbuf + 32, mac, 6) == 0 &&
	       memcmp(rxbuf + 38, our_ip, 4) == 0;
}

/* One round: DL_CONF if the driver is new, the request out, the answer in within LOAD_WAIT
 * tenths of a second.  1 ok, 0 bad, or -errno (-EIO: no answer in time, -ENXIO: the driver
 * restarted). */
static int
load_round(void)
{
	int sent = 0, got = -1, tenths = LOAD_WAIT, r;
	message m;

	if (!ld.conf && (r = conf(DL_NOMODE)) != OK)
		return r;
	ld.conf = 1;
	if (!ld.tx_busy) {
		write_frame(make_arp());
		ld.tx_busy = 1;
	}
	while (tenths > 0 && !(sent && got >= 0)) {
		if (!ld.rx_busy) {
			post_read();
			ld.rx_busy = 1;
		}
		switch (next_event(&m)) {
		case EV_NONE:
			tenths--;
			break;
		case EV_UP:
			ld.conf = ld.tx_busy = ld.rx_busy = 0;  /* in flight: lost */
			return -ENXIO;
		default:
			if (m.m_type != DL_TASK_REPLY)
				break;
			if (m.m_dl.status != OK) {	/* which request?  DL_CONF forgets both */
				ld.conf = ld.tx_busy = ld.rx_busy = 0;
				return m.m_dl.status;
			}
			if (m.m_dl.flags & DL_PACK_SEND) {
				sent = 1;
				ld.tx_busy = 0;
			}
			if (m.m_dl.flags & DL_PACK_RECV) {
				ld.rx_busy = 0;
				got = arp_answer((size_t)m.m_dl.count);
			}
		}
	}
	return sent && got >= 0 ? got : -EIO;
}

/* Count a round's result. */
static void
load_count(int r)
{
	ld.rounds++;
	if (r < 0 && ld.eio + ld.enxio + ld.other < 5)
		printf("dltest: load round %u: %s\n", ld.rounds, test_errname(r));
	if (r == 1)
		ld.ok++;
	else if (r == 0)
		ld.bad++;
	else if (r == -EIO)
		ld.eio++;
	else if (r == -ENXIO)
		ld.enxio++;
	else
		ld.other++;
}

/* Wait for the next tick of the alarm (a tenth of a second): dltest is a system process,
 * which the scheduler runs before the shell, so rounds back to back would starve it. */
static void
load_pause(void)
{
	message m;
	int ev;

	while ((ev = next_event(&m)) != EV_NONE)
		if (ev == EV_UP)
			ld.conf = ld.tx_busy = ld.rx_busy = 0;
}

static void
phase_load(void)
{
	int r = 0, final;

	printf("dltest: load %s ready\n", label);
	while (access(LOAD_STOP, F_OK) != 0) {
		load_count(load_round());
		load_pause();
	}
	for (final = 0; final < LOAD_FINAL && r != 1; final++) {
		load_count(r = load_round());
		load_pause();
	}
	printf("faultload: %s: %u rounds, %u ok, %u bad, %u errors (EIO %u, ENXIO %u, "
	       "other %u)\n", label, ld.rounds, ld.ok, ld.bad, ld.eio + ld.enxio + ld.other,
	       ld.eio, ld.enxio, ld.other);
	test_check("dltest_load_works", r == 1, "no round ok after the stop");
}

static void
run_phase(int argc, char **argv)
{
	if (strcmp(argv[0], "conf") == 0)
		phase_conf();
	else if (strcmp(argv[0], "traffic") == 0)
		phase_traffic(argc, argv);
	else if (strcmp(argv[0], "filter") == 0)
		phase_filter(argc, argv);
	else if (strcmp(argv[0], "bad") == 0)
		phase_bad(argc, argv);
	else if (strcmp(argv[0], "bench") == 0)
		phase_bench();
	else if (strcmp(argv[0], "load") == 0)
		phase_load();
	else
		test_fail("dltest_phase", "unknown phase %s", argv[0]);
}

static void
on_signal(int signo)
{
	if (signo == SIGTERM)
		sef_exit(0);
}

int
main(int argc, char **argv)
{
	char key[DS_MAX_KEYLEN];
	int hzv = 0;

	argc = test_init("dltest", argc, argv);
	sef_setcb_signal_handler(on_signal);
	sef_startup();
	if (argc < 3) {
		printf("usage: dltest LABEL conf|traffic|filter|bad|bench|load ...\n");
		sef_exit(1);
	}
	strlcpy(label, argv[1], sizeof(label));
	sys_getinfo(GET_HZ, NONE, NULL, 0, &hzv);
	hz = hzv > 0 ? (uint32_t)hzv : 100;
	sys_getuptime(&now);
	sys_setalarm(hz / TICK_HZ_DIV, 0, NULL);
	snprintf(key, sizeof(key), "drv\\.net\\.%s", label);
	ds_subscribe(key, DSF_INITIAL | DSF_OVERWRITE);
	if (!wait_up())
		test_fail("dltest_up", "no drv.net.%s in DS after 10 s", label);
	else
		run_phase(argc - 2, argv + 2);
	test_done();
	sef_exit(0);
}
