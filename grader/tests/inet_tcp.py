# TCP in inet (servers/inet/tcp*.c; handouts/inet.md, "TCP").  One boot as inet_udp.py's:
# inet.conf with 10.0.2.15/24, `service up /service/inet`, then e1000_0 on the grader's
# wire; the grader is the host 10.0.2.2 at the frame level and speaks TCP itself
# (tcp_peer.py), checking every segment the guest sends (checksums, numbers, options).
#   local      tcptest local: every local case over 127.0.0.1
#   local_eth  tcptest local 10.0.2.15: the same over the card's own address (through lo)
#   closed     a SYN to a port nobody listens on: RST|ACK with seq 0 and ack = SYN's seq + 1;
#              an ACK to it: RST with seq = its ack
#   handshake  tcptest server 8000 in the background; the grader connects with MSS 1000:
#              SYN-ACK with MSS 1460, the guest's segments never exceed 1000 bytes; it
#              sends 5000 bytes and FIN, the grader's FIN is acked (both ways)
#   ooo        the grader sends 3000 bytes in six segments out of order: an immediate
#              duplicate ACK for the hole, then one ACK of all; the guest's count and sum
#              are right
#   rexmt      tcptest send to the grader: the first data segment is dropped three times:
#              it comes again, the gaps between tries grow (RTO back-off); all bytes right
#   fastrexmt  a segment dropped once while later ones flow: sent again after duplicate
#              ACKs, well before any RTO (fast retransmit)
#   zerowin    the grader announces a zero window: the guest probes, and resumes when it
#              opens; all bytes right
#   flight     tcptest send to the grader, which holds its ACKs back and counts the bytes
#              in flight: the initial window (4380), one ACK of it grows cwnd by one MSS
#              (slow start), a timeout leaves one segment (cwnd one MSS), a window of
#              2000 is never exceeded; all bytes right
#   ooo_flood  40 separate out-of-order pieces (inet keeps 8 ranges), then the stream in
#              order: the count and sum are right
#   rst        a RST from the grader while the server waits in recv: ECONNRESET
#   speed      tcptest send of 1 MiB to the grader: right, and how fast (KiB/s)
#   keepalive  tcptest keep: probes a second apart; unanswered, the connection ends:
#              ETIMEDOUT, and a RST
#   syn_timeout  tcptest connect to a port where the grader stays silent: EINTR by alarm(),
#              then the SYN 6 times, gaps doubling, and ETIMEDOUT (over a minute: in a
#              boot of its own, inet_tcp_timer_session, after closed)
#   flood      500 SYNs from 500 ports: then a real client still connects and is served
#   bad        bad checksums (no answer), bad data offsets, truncated headers, every flag
#              combination with data, to the server's port and a closed one, then 200
#              random segments on a connection: inet stays up and serves a new connection
#   quit       "quit" ends the server (PASS tcptest_server)
#   status     inet's counters: retransmissions, bad segments, SYNs dropped; no pbuf
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import os
import random
import re
import subprocess
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.inet_ip import ETH_IP, GUEST_IP, PEER_IP, Peer, GUEST_MAC, eth, ipv4
from grader.tests.inet_udp import start_inet
from grader.tests.net_common import PEER_MAC, Link, pid_of, run, step, value, wait_text
from tools.tests.c_harness import CFLAGS as HOST_CFLAGS
from tools.tests.test_tcp import (CFLAGS as TCP_CFLAGS, CHECKS as TCP_CHECKS,
                                  SOURCES as TCP_SOURCES)
from grader.tests.tcp_peer import (ACK, RST, SYN, Conn, Seg, is_tcp, mss_option, next_seg,
                                   tcp, tcp_frame)

SERVER_PORT, CLOSED_PORT = 8000, 7
LOCAL_CASES = ("connect", "echo", "half_close", "eof", "eof_again", "zero_window",
               "econnrefused", "eaddrinuse", "timewait_inuse", "reuseaddr", "einprogress",
               "eisconn", "so_error", "eagain_accept", "eagain_recv", "eagain",
               "eintr_accept", "eintr_recv", "after_eintr", "eintr_send", "epipe",
               "sigpipe", "econnreset", "eof_after_reset", "epipe_reset", "enotconn_send",
               "enotconn_recv", "enotconn_peer", "enotconn_shutdown", "backlog", "fork",
               "dup", "close_last", "select", "select_accept", "names", "so_type",
               "nodelay", "keepalive", "rcvbuf", "sndbuf_bounded", "enoprotoopt", "maxseg",
               "acceptconn", "eaddrnotavail", "connect_port0", "eacces", "root_low",
               "memory", "after_memory", "limit", "after_limit")


def pattern(n):
    """commands/tests/tcptest.c's pattern."""
    return bytes(((i * 7 + i // 251) & 0xff) for i in range(n))


def pattern_sum(data):
    return sum(b ^ (i & 0xff) for i, b in enumerate(data)) & 0xffffffff


def closed_step(peer):
    peer.new_frames()
    peer.send(tcp_frame(peer, 40001, CLOSED_PORT, 1000, 0, SYN, opts=mss_option(1460)))
    s = next_seg(peer, CLOSED_PORT, 40001, what="RST for a SYN to a closed port")
    if s.flags & (RST | ACK | SYN) != RST | ACK or s.seq != 0 or s.ack != 1001:
        raise CheckFailure("wanted RST|ACK seq 0 ack 1001, got %s" % s)
    peer.send(tcp_frame(peer, 40002, CLOSED_PORT, 5, 777, ACK))
    r = next_seg(peer, CLOSED_PORT, 40002, what="RST for an ACK to a closed port")
    if not r.flags & RST or r.flags & ACK or r.seq != 777:
        raise CheckFailure("wanted RST seq 777, got %s" % r)
    return ["SYN -> %s" % s, "ACK -> %s" % r]


def start_server(q):
    mark = len(q.output)
    q.send_line("/test/tcptest server %d &" % SERVER_PORT)
    wait_text(q, r"^(?:# )?tcptest: server: listening on port %d$" % SERVER_PORT, mark, 30)
    time.sleep(0.5)


def handshake_step(q, peer):
    start_server(q)
    peer.new_frames()
    c = Conn(peer, 40010, SERVER_PORT)
    synack = c.connect(mss=1000)
    if c.guest_mss != 1460:
        raise CheckFailure("the SYN-ACK's MSS option is %s, want 1460" % c.guest_mss)
    c.write(b"send 5000\n")
    data, segs = c.read()
    big = [str(s) for _, s in segs if len(s.data) > 1000]
    if big:
        raise CheckFailure("segments over our MSS of 1000: %s" % big[:3])
    if data != pattern(5000):
        raise CheckFailure("%d bytes came, want the 5000 of the pattern" % len(data))
    fin = c.close()
    return ["SYN-ACK %s, MSS %d" % (synack, c.guest_mss),
            "5000 bytes in %d segments, none over 1000" % len([1 for _, s in segs if s.data]),
            "our FIN acked: %s" % fin]


def wait_ack(c, ack, what):
    s = c.seg(what=what)
    while s.ack != ack & 0xffffffff:
        s = c.seg(what=what)
    return s


def ooo_step(q, peer):
    c = Conn(peer, 40011, SERVER_PORT)
    c.connect()
    c.write(b"recv\n")
    base, data = c.snd_nxt, pattern(3000)
    wait_ack(c, base, "the ACK of the command")
    out = []
    for k in (0, 2):
        c.send(ACK, data[k * 500:(k + 1) * 500], seq=base + k * 500)
    d = wait_ack(c, base + 500, "a duplicate ACK for the hole at 500")
    out.append("hole at 500: ACK %d (%s)" % (d.ack - base, d))
    for k in (1, 4, 3, 5):
        c.send(ACK, data[k * 500:(k + 1) * 500], seq=base + k * 500)
        time.sleep(0.05)
    wait_ack(c, base + 3000, "the ACK of all 3000 bytes")
    c.snd_nxt = base + 3000
    out.append("all 3000 bytes acked")
    mark = len(q.output)
    c.close()
    answer, _ = c.read()
    want = "ok 3000 %08x\n" % pattern_sum(data)
    if answer.decode(errors="replace") != want:
        raise CheckFailure("the server answered %r, want %r" % (answer, want))
    wait_text(q, r"tcptest: server: got 3000 bytes sum %08x bad 0" % pattern_sum(data), mark,
              10)
    return out + ["answer %r" % answer]


def ooo_flood_step(q, peer):
    """40 separate out-of-order pieces (more than inet keeps ranges for), then the whole
    stream in order: the count and sum are right."""
    c = Conn(peer, 40016, SERVER_PORT)
    c.connect()
    c.write(b"recv\n")
    base, data = c.snd_nxt, pattern(4000)
    wait_ack(c, base, "the ACK of the command")
    for k in range(40):
        off = 100 * k + 50
        c.send(ACK, data[off:off + 10], seq=base + off)
        time.sleep(0.01)
    c.write(data)
    wait_ack(c, base + 4000, "the ACK of all 4000 bytes")
    c.close()
    answer, _ = c.read()
    if answer != b"ok 4000 %08x\n" % pattern_sum(data):
        raise CheckFailure("the server answered %r after the out-of-order flood" % answer)
    return "40 pieces out of order, then 4000 bytes: %r" % answer


def client_conn(q, peer, port, n, win=8192):
    """tcptest send to the grader's port: the accepted connection."""
    peer_conn = Conn(peer, port, win=win)
    q.send_line("/test/tcptest send %s %d %d" % (PEER_IP, port, n))
    peer_conn.accept()
    return peer_conn


def finish_client(q, c, n, mark):
    c.write(b"ok\n")
    c.close()
    wait_text(q, r"^(?:# )?tcptest: send: %d bytes sent, sum [0-9a-f]+; answer \"ok\"$" % n,
              mark, 20)


def rexmt_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    c = client_conn(q, peer, 9000, 20000)
    first, times = [], []

    def drop(s, k):
        if not first:
            first.append(s.seq)
        if s.seq == first[0]:
            times.append(time.monotonic())
            return len(times) <= 3
        return False
    data, _ = c.read(drop=drop, limit=40)
    finish_client(q, c, 20000, mark)
    if data != pattern(20000):
        raise CheckFailure("%d bytes came, want the 20000 of the pattern" % len(data))
    gaps = [b - a for a, b in zip(times, times[1:])]
    if len(times) < 4 or gaps[-2] < 0.8 or gaps[-1] < 1.5 * gaps[-2]:
        raise CheckFailure("tries of the dropped segment at %s: gaps %s (want >= 1 s, "
                           "doubling)" % (times, ["%.2f" % g for g in gaps]))
    return ["dropped segment sent %d times, gaps %s s" % (len(times),
                                                         " ".join("%.2f" % g for g in gaps)),
            "20000 bytes right"]


def speed_step(q, peer, n=1 << 20):
    """1 MiB from the guest to the grader (which acks every segment): right, and its
    speed (the grader's clock)."""
    peer.new_frames()
    mark = len(q.output)
    t0 = time.monotonic()
    c = client_conn(q, peer, 9004, n, win=32768)
    data, segs = c.read(limit=300)
    dt = time.monotonic() - t0
    finish_client(q, c, n, mark)
    if data != pattern(n):
        raise CheckFailure("%d bytes came, want the %d of the pattern" % (len(data), n))
    rate = n / 1024.0 / dt
    if rate < 20:
        raise CheckFailure("1 MiB took %.1f s (%.0f KiB/s): something stalls" % (dt, rate))
    return "1 MiB guest -> grader in %.1f s: %.0f KiB/s, %d segments" % (dt, rate, len(segs))


def fastrexmt_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    c = client_conn(q, peer, 9001, 60000, win=16384)
    state = {}

    def drop(s, k):
        if k == 6 and "seq" not in state:
            state.update(seq=s.seq, t0=time.monotonic())
            return True
        if s.seq == state.get("seq") and "t1" not in state:
            state["t1"] = time.monotonic()
        return False
    data, _ = c.read(drop=drop, limit=40)
    finish_client(q, c, 60000, mark)
    if data != pattern(60000):
        raise CheckFailure("%d bytes came, want the 60000 of the pattern" % len(data))
    gap = state.get("t1", 99) - state.get("t0", 0)
    if gap > 0.8:
        raise CheckFailure("the dropped segment came again after %.2f s: not a fast "
                           "retransmit (RTO is at least 1 s)" % gap)
    return ["segment 7 dropped once, sent again after %.2f s" % gap, "60000 bytes right"]


def zerowin_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    c = client_conn(q, peer, 9002, 20000)
    st = {"probes": 0}

    def shut(now):
        return "t0" in st and now - st["t0"] < 4.0

    def drop(s, k):
        if shut(time.monotonic()):
            st["probes"] += len(s.data) == 1
            return True
        return False

    def win(total):
        if total >= 4000 and "t0" not in st:
            st["t0"] = time.monotonic()
        return 0 if shut(time.monotonic()) else 8192
    data, segs = c.read(drop=drop, win=win, limit=60)
    finish_client(q, c, 20000, mark)
    if data != pattern(20000):
        raise CheckFailure("%d bytes came, want the 20000 of the pattern" % len(data))
    if st["probes"] < 1:
        raise CheckFailure("no one-byte probe while the window was shut")
    return ["window shut for 4 s: %d probes, then it resumed" % st["probes"],
            "20000 bytes right"]


IW = 4380       # the initial window for an MSS of 1460: min(4 MSS, max(2 MSS, 4380))
MSS = 1460


class Held:
    """The guest's data on connection c while the grader holds its ACKs back: top is the
    sequence number after the bytes received in order (data), acked what we acked."""

    def __init__(self, c):
        self.c, self.data = c, bytearray()
        self.top = self.acked = c.rcv_nxt

    def gather(self, quiet=0.5, first=5.0):
        """The data segments that come until none has for quiet seconds (the first may
        take first seconds); nothing is acknowledged."""
        segs, wait = [], first
        while True:
            try:
                s = self.c.seg(timeout=wait, what="data")
            except CheckFailure:
                return segs
            if s.flags & RST:
                raise CheckFailure("the guest reset the connection: %s" % s)
            if s.data:
                segs.append(s)
                if s.seq == self.top:
                    self.data += s.data
                    self.top = (self.top + len(s.data)) & 0xffffffff
            wait = quiet

    def ack(self, win):
        """Acknowledge everything received, announcing win."""
        self.c.rcv_nxt = self.acked = self.top
        self.c.send(ACK, win=win)


def flight_bytes(segs):
    return sum(len(s.data) for s in segs)


def flight_check(what, segs, want):
    got = flight_bytes(segs)
    if not want(got):
        raise CheckFailure("%s: %d bytes in flight in %d segments (%s)" % (
            what, got, len(segs), "; ".join(str(s) for s in segs[:8])))
    return "%s: %d bytes in %d segments" % (what, got, len(segs))


def flight_step(q, peer, n=30000):
    """The grader holds its ACKs back and counts what the guest sends meanwhile."""
    peer.new_frames()
    mark = len(q.output)
    c = client_conn(q, peer, 9006, n)
    h, out = Held(c), []
    out.append(flight_check("initial window", h.gather(), lambda b: b == IW))
    h.ack(8192)
    out.append(flight_check("one ACK of it (slow start: +1 MSS)", h.gather(),
                            lambda b: b == IW + MSS))
    segs = h.gather(first=10.0)         # unacknowledged: the RTO goes off
    out.append(flight_check("after the timeout (cwnd 1 MSS)", segs, lambda b: b == MSS))
    if segs[0].seq != h.acked:
        raise CheckFailure("the retransmission starts at %d, not at the first byte not "
                           "acknowledged (%d)" % (segs[0].seq, h.acked))
    h.ack(2000)
    out.append(flight_check("a window of 2000", h.gather(), lambda b: 0 < b <= 2000))
    h.ack(8192)
    rest, _ = c.read(limit=60)
    finish_client(q, c, n, mark)
    if bytes(h.data) + rest != pattern(n):
        raise CheckFailure("%d bytes came, want the %d of the pattern" % (
            len(h.data) + len(rest), n))
    return out + ["%d bytes right" % n]


def rst_step(q, peer):
    c = Conn(peer, 40012, SERVER_PORT)
    c.connect()
    mark = len(q.output)
    c.write(b"wait\n")
    wait_ack(c, c.snd_nxt, "the ACK of wait")
    c.send(RST)
    return wait_text(q, r"tcptest: server: recv: -1 Connection reset by peer", mark, 10) \
        .group(0)


def keepalive_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    c = Conn(peer, 9003)
    q.send_line("/test/tcptest keep %s %d" % (PEER_IP, 9003))
    c.accept()
    probes, t = [], time.monotonic()
    while True:
        s = c.seg(timeout=10, what="a keepalive probe")
        probes.append((time.monotonic() - t, s))
        if s.flags & RST:
            break
        if s.seq != (c.rcv_nxt - 1) & 0xffffffff or s.data:
            raise CheckFailure("not a keepalive probe: %s" % s)
        if len(probes) <= 2:
            c.send(ACK)                 # answered: the count starts again
    wait_text(q, r"tcptest: keep: recv -1 Operation timed out", mark, 10)
    return ["%.1f s: %s" % (at, s) for at, s in probes]


def syn_timeout_step(q, peer):
    """tcptest connect to a port where the grader never answers: EINTR, then the SYN sent
    1 + 5 times with doubling gaps, and ETIMEDOUT."""
    peer.new_frames()
    mark = len(q.output)
    q.send_line("/test/tcptest connect %s %d" % (PEER_IP, 9005))
    tries, t0 = [], time.monotonic()
    while time.monotonic() - t0 < 90:
        try:
            s = next_seg(peer, None, 9005, timeout=2, what="a SYN")
        except CheckFailure:
            if re.search(r"tcptest: connect: Operation timed out", q.output[mark:]):
                break
            continue
        if s.flags & SYN:
            tries.append((time.monotonic(), s.sport))
    wait_text(q, r"^(?:# )?PASS tcptest_etimedout$", mark, 10)
    wait_text(q, r"^(?:# )?PASS tcptest_eintr_connect$", mark, 5)
    times = [at for at, port in tries if port == tries[-1][1]] if tries else []
    gaps = [b - a for a, b in zip(times, times[1:])]
    if len(times) != 6 or any(b < 1.5 * a for a, b in zip(gaps, gaps[1:])):
        raise CheckFailure("SYN tries of the second connect: %d, gaps %s (want 6, doubling)"
                           % (len(times), ["%.1f" % g for g in gaps]))
    return ["EINTR, then 6 SYNs, gaps %s s, then ETIMEDOUT" % " ".join("%.1f" % g
                                                                      for g in gaps)]


def served(peer, port, n=1000):
    """A new connection from port: "recv" of n bytes answered right."""
    c = Conn(peer, port, SERVER_PORT)
    c.connect()
    data = pattern(n)
    c.write(b"recv\n" + data, mss=1000)
    wait_ack(c, c.snd_nxt, "the ACK of the data")
    c.close()
    answer, _ = c.read()
    if answer != b"ok %d %08x\n" % (n, pattern_sum(data)):
        raise CheckFailure("answer %r after the flood" % answer)
    return answer


def flood_step(q, peer):
    for k in range(500):
        peer.send(tcp_frame(peer, 20000 + k, SERVER_PORT, random.randrange(1 << 32), 0, SYN,
                            opts=mss_option(1460)))
    time.sleep(2)
    peer.new_frames()
    return "after 500 SYNs: %r" % served(peer, 40013)


def bad_frames(peer):
    frames = []
    for port in (SERVER_PORT, CLOSED_PORT):
        for flags in range(64):
            frames.append(tcp_frame(peer, 30000 + flags, port, random.randrange(1 << 32),
                                    random.randrange(1 << 32), flags, data=b"junk" * flags))
        frames.append(tcp_frame(peer, 30100, port, 1, 0, SYN, off=2))
        frames.append(tcp_frame(peer, 30101, port, 1, 0, SYN, off=15))
        frames.append(tcp_frame(peer, 30102, port, 1, 0, SYN, opts=b"\x02\x00\x05\xb4"))
        frames.append(tcp_frame(peer, 30103, port, 1, 0, SYN, opts=b"\x02\xff\x05\xb4"))
        seg = tcp(PEER_IP, GUEST_IP, 30104, port, 1, 0, SYN)
        frames.append(eth(peer.guest, PEER_MAC, ETH_IP, ipv4(PEER_IP, GUEST_IP, 6, seg[:10])))
    return frames


def fuzz_conn(peer):
    """200 random segments (flags, numbers, window, data) on an established connection."""
    c = Conn(peer, 40017, SERVER_PORT)
    c.connect()
    c.write(b"wait\n")
    rnd = random.Random(793)
    for _ in range(200):
        c.send(rnd.randrange(64), bytes(rnd.randrange(256) for _ in range(rnd.randrange(40))),
               seq=c.snd_nxt + rnd.randrange(-70000, 70000), win=rnd.randrange(65536))
        time.sleep(0.005)
    c.send(RST)


def bad_step(peer):
    peer.new_frames()
    for k in range(10):
        peer.send(tcp_frame(peer, 30200 + k, CLOSED_PORT, 1, 0, SYN, bad_sum=True))
    answer = is_tcp(CLOSED_PORT, None)
    quiet = [f for f in peer.quiet(1.5) if answer(f) and 30200 <= Seg(f).dport < 30210]
    if quiet:
        raise CheckFailure("the guest answered %d segments with bad checksums" % len(quiet))
    for f in bad_frames(peer):
        peer.send(f)
        time.sleep(0.01)        # inet reads one frame at a time: a burst loses some
    fuzz_conn(peer)
    time.sleep(2)
    peer.new_frames()
    return ["bad checksums: no answer", "%d bad or odd segments and 200 random ones on a "
            "connection, then %r" % (len(bad_frames(peer)), served(peer, 40014))]


def quit_step(q, peer):
    c = Conn(peer, 40015, SERVER_PORT)
    c.connect()
    c.write(b"quit\n")
    c.close()
    c.read()
    return wait_text(q, r"^(?:# )?PASS tcptest_server$", 0, 20).group(0)


SERVER_STEPS = ("handshake", "ooo", "ooo_flood", "rst", "flood", "bad", "quit")


def chosen_steps(t):
    """The steps whose tests this run grades (None: all of them, for inet_tcp_status,
    which counts what they did), with the listener of handshake for every step that talks
    to it and closed first, so that grading one lab's tests runs only their steps."""
    chosen = {x.name[len("inet_tcp_"):] for x in t.run.tests
              if x.name.startswith("inet_tcp_")}
    if "status" in chosen:
        return None
    if chosen & set(SERVER_STEPS):
        chosen.add("handshake")
    chosen.add("closed")        # quick, and the guest learns the grader's MAC (ARP) in it
    return chosen


# The step that waits out TCP's timers for over a minute (the SYN back-off of a connect to a
# silent peer) boots a system of its own, inet_tcp_timer_session, which a parallel run
# (-j N) runs beside the main session instead of after its other steps.
TIMER_STEPS = ("syn_timeout",)


def session(t, timers=False):
    """Boot and run the steps of inet_tcp_session (timers: of inet_tcp_timer_session) that
    this run grades; their results by step name."""
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=900)
    peer = Peer(link)
    results, chosen = {}, chosen_steps(t)
    steps = [
        ("local", lambda: run(q, "/test/tcptest local; echo status=$?", 300)),
        ("local_eth", lambda: run(q, "/test/tcptest local 10.0.2.15; echo status=$?", 300)),
        ("closed", lambda: closed_step(peer)),
        ("handshake", lambda: handshake_step(q, peer)),
        ("ooo", lambda: ooo_step(q, peer)),
        ("ooo_flood", lambda: ooo_flood_step(q, peer)),
        ("rst", lambda: rst_step(q, peer)),
        ("rexmt", lambda: rexmt_step(q, peer)),
        ("fastrexmt", lambda: fastrexmt_step(q, peer)),
        ("zerowin", lambda: zerowin_step(q, peer)),
        ("flight", lambda: flight_step(q, peer)),
        ("speed", lambda: speed_step(q, peer)),
        ("keepalive", lambda: keepalive_step(q, peer)),
        ("syn_timeout", lambda: syn_timeout_step(q, peer)),
        ("flood", lambda: flood_step(q, peer)),
        ("bad", lambda: bad_step(peer)),
        ("quit", lambda: quit_step(q, peer))]
    steps = [(name, func) for name, func in steps
             if name == "closed" or (name in TIMER_STEPS) == timers]
    try:
        start_inet(q)
        for name, func in steps:
            if chosen is None or name in chosen:
                step(results, name, func)
        if chosen is None and not timers:
            time.sleep(1)
            mark = len(q.output)
            step(results, "status", lambda: run(q, "kill -USR1 %d; sleep 1" %
                                                pid_of(q, "inet")) +
                 wait_text(q, r"^(?:# )?inet: eth0: .*$", mark, 10).group(0))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on a wire to the grader; inet and e1000_0 with a static "
         "address; /test/tcptest uses TCP sockets through libc; the grader speaks TCP at "
         "the frame level", timeout=900)
def inet_tcp_session(t):
    return session(t)


@test(0, "a second boot like the TCP session's, for the connect to a silent peer (over a "
         "minute of SYN back-off), beside the main session", timeout=300)
def inet_tcp_timer_session(t):
    return session(t, timers=True)


def local_ok(t, name):
    t.match(value(t, name), *[r"^PASS tcptest_%s\b" % c for c in LOCAL_CASES],
            r"^DONE tcptest \d+ passed, 0 failed$", r"^status=0$", no=[r"^FAIL "])


@test(6, "TCP over 127.0.0.1: connect/accept, a 1 MiB echo, half-close, a zero window, "
         "every error case, the backlog, fork, dup, select, names, options, limits",
      parent=inet_tcp_session)
def inet_tcp_local(t):
    local_ok(t, "local")


@test(2, "the same local cases over the card's own address 10.0.2.15",
      parent=inet_tcp_session)
def inet_tcp_local_eth(t):
    local_ok(t, "local_eth")


def add_step_test(name, points, title, lab=None):
    def func(t):
        v = value(t, name)
        t.log("\n".join(v) if isinstance(v, list) else str(v))
    func.__name__ = "inet_tcp_" + name
    parent = inet_tcp_timer_session if name in TIMER_STEPS else inet_tcp_session
    return test(points, title, lab=lab, parent=parent)(func)


add_step_test("closed", 2, "a SYN or an ACK to a closed port gets a RST with the right "
              "sequence and acknowledgement numbers")
add_step_test("handshake", 3, "the grader's handshake to a guest listener: SYN-ACK with MSS "
              "1460, the grader's MSS of 1000 honoured, data, FIN both ways")
add_step_test("ooo", 3, "segments out of order are reassembled byte-correct, with an "
              "immediate duplicate ACK for the hole")
add_step_test("ooo_flood", 2, "40 separate out-of-order pieces, more than inet keeps, "
              "then the stream: bounded, and byte-correct")
add_step_test("rst", 2, "a RST from the grader: the guest's waiting recv returns ECONNRESET")
add_step_test("rexmt", 3, "a dropped segment is retransmitted, with the RTO backing off",
              lab="tcp")
add_step_test("fastrexmt", 2, "a segment lost while later ones flow is sent again after "
              "three duplicate ACKs, before the RTO (fast retransmit)", lab="tcp")
add_step_test("zerowin", 3, "a zero window from the grader: the guest probes and resumes "
              "when it opens", lab="tcp")
add_step_test("flight", 4, "the bytes in flight: the initial window, slow start's growth, "
              "one MSS after a timeout, never more than the peer's window", lab="tcp")
add_step_test("speed", 1, "1 MiB from the guest to the grader arrives right, at a speed "
              "that shows no stall")
add_step_test("keepalive", 2, "SO_KEEPALIVE: probes after the idle time; unanswered, "
              "ETIMEDOUT and a RST")
add_step_test("syn_timeout", 2, "connect to a silent peer: a signal interrupts it (EINTR); "
              "then 6 SYNs with doubling gaps and ETIMEDOUT")
add_step_test("flood", 2, "a flood of 500 SYNs leaves the server serving new connections")
add_step_test("bad", 2, "bad checksums (never answered), bad offsets, truncated headers and "
              "every flag combination leave inet up and serving")
add_step_test("quit", 1, "the server ends on \"quit\"")


@test(1, "inet counts TCP segments, retransmissions, bad segments, dropped SYNs and "
         "out-of-order segments; no packet buffer stays in use", parent=inet_tcp_session)
def inet_tcp_status(t):
    text = value(t, "status")
    m = re.search(r"tcp_in (\d+) tcp_out (\d+) tcp_bad (\d+) tcp_rexmt (\d+) tcp_rst_out "
                  r"(\d+) tcp_resets_in (\d+) tcp_syn_dropped (\d+)", text)
    o = re.search(r"tcp_ooo_dropped (\d+)", text)
    if not m or int(m.group(3)) < 10 or int(m.group(4)) < 3 or int(m.group(7)) < 100 or \
            not o or int(o.group(1)) < 20:
        raise CheckFailure("inet's TCP counters: %s" % (m.group(0) if m else "missing"))
    t.match(text, r"^(?:# )?inet: status \(SIGUSR1\): pbufs 0 in use, peak \d+")


@test(5, "host: TCP's sending side compiled for the host (tools/tests/tcp_harness.c): the "
         "usable window, segments, cwnd in slow start, avoidance and recovery, the RTO "
         "estimate, its floor and back-off, a timeout, Karn's rule", lab="tcp", timeout=120)
def inet_tcp_sending_host(t):
    exe = os.path.join(t.tmpdir, "tcp_harness")
    build = subprocess.run(["gcc"] + HOST_CFLAGS + TCP_CFLAGS + ["-o", exe] +
                           [t.config.path(f) for f in TCP_SOURCES], capture_output=True,
                           text=True)
    if build.returncode != 0:
        raise CheckFailure("the host build failed:\n" + build.stdout + build.stderr)
    try:
        run = subprocess.run([exe], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        raise CheckFailure("tcp_harness did not finish in 30 s")
    t.log(run.stdout)
    lines = run.stdout.splitlines()
    bad = [line for line in lines if line.startswith("FAIL")]
    ok = len([line for line in lines if line.startswith("ok ")])
    if bad or run.returncode != 0 or ok != TCP_CHECKS:
        raise CheckFailure("%d of %d checks passed, exit %d: %s" % (
            ok, TCP_CHECKS, run.returncode, "; ".join(bad[:4]) or "checks missing"))
