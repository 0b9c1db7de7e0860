# IPv4 fragments, raw ICMP sockets, ping and ICMP errors to sockets in inet
# (servers/inet/ipfrag.c, rawsock.c, dgsock.c; commands/bin/ping.c; handouts/inet.md,
# "Fragments", "Raw sockets and ping", "ICMP errors to sockets").  The grader is the host
# 10.0.2.2 at the other end of an e1000's wire (inet_ip.py's Peer and frame builders) and
# builds, cuts, reassembles and checks every datagram itself.
#
# One boot: inet.conf with 10.0.2.15/24, inet started before any driver, then:
#   ping_lo    with no driver yet: ping -c 2 127.0.0.1 (and -s 3000: fragmented through lo)
#              gets every reply, 0% loss, status 0
#   raw        udptest raw: EPROTONOSUPPORT for another protocol, EACCES for a user, root's
#              echo request to 127.0.0.1 comes back whole, IPv4 header first
#   ping_user  `su ast -c ping ...`: a clear message that raw sockets are root's, status 2
#   ping_args  bad arguments: usage, status 2; a host that is no address: status 2
#   (then e1000_0 starts and udptest echo 7777 runs in the background)
#   frag_in    the grader sends UDP datagrams to the echo server in fragments: in order,
#              reversed, with a duplicate, the largest a socket takes (8192 bytes); each
#              echo comes back (in fragments when over 1472 bytes) and is reassembled and
#              checked byte for byte by the grader.  An overlapping fragment, a missing
#              fragment and a fragment past 65535 bytes: no echo.
#   frag_out   udptest big 10.0.2.2 9999 5000: the fragments' ids, offsets, MF, sizes and
#              checksums, and the reassembled datagram byte for byte
#   ping       ping -c 3 10.0.2.2 with the grader answering (TTL 57): 3 replies with
#              ttl=57, 0% loss, status 0; the grader silent: 100% loss, status 1
#   refused    udptest refused 10.0.2.2 9998: the grader answers with port unreachable and
#              the connected socket's recv fails with ECONNREFUSED, once
#   timeout    the missing fragment's datagram (its first fragment came) is given up after
#              15 s: ICMP time exceeded, code 1, quoting the first fragment
#   status     inet's counters: datagrams reassembled and dropped counted, no datagram left
#              in the reassembly table, no packet buffer in use
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import random
import re
import struct
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.inet_ip import (CONF, ETH_IP, GUEST_IP, GUEST_MAC, PEER_IP, Peer, cksum,
                                  configured, eth, ip4, ipv4, parse_ip, udp)
from grader.tests.inet_udp import answering_arp, check_udp
from grader.tests.net_common import (PEER_MAC, Link, mac_bytes, pid_of, run, step, value,
                                     wait_text)

ECHO_PORT, PEER_PORT, SINK_PORT, CLOSED_PORT = 7777, 40001, 9999, 9998
FRAG_DATA = 1480                # payload bytes of a full fragment on Ethernet
UDP_MAX = 8192                  # servers/inet/inet.h UDP_MAX_DATA
FRAG_TTL = 15                   # servers/inet/inet.h FRAG_TTL, seconds
PING_TTL = 57                   # the TTL of the grader's echo replies
BIG_SIZE = 5000                 # udptest big's datagram


def fill(n, k):
    """Bytes the grader sends: (k * 31 + i * 7) & 0xff, as udptest's fill()."""
    return bytes((k * 31 + i * 7) & 0xff for i in range(n))


def cut(payload, ident, src=PEER_IP, dst=GUEST_IP, proto=17, size=FRAG_DATA):
    """The IPv4 fragments of payload, in order: [(offset, frame)]."""
    out = []
    for off in range(0, len(payload), size):
        piece = payload[off:off + size]
        more = 0x2000 if off + len(piece) < len(payload) else 0
        out.append((off, eth(mac_bytes(GUEST_MAC), PEER_MAC, ETH_IP,
                             ipv4(src, dst, proto, piece, ident=ident,
                                  frag=more | off // 8))))
    return out


def is_ip_udp_from_guest(f):
    return len(f) >= 34 and struct.unpack("!H", f[12:14])[0] == ETH_IP and f[23] == 17 \
        and f[26:30] == ip4(GUEST_IP)


def collect(peer, what, timeout=10):
    """One datagram from the guest, whole or in fragments: (first header, the payload
    reassembled, [(offset, length, MF)]).  Checks: one identification, offsets in 8-byte
    units, every fragment but the last a multiple of 8 bytes and at most 1480, MF on all
    but the last, DF never, each header's checksum (parse_ip)."""
    parts, ident, first = {}, None, None
    deadline = time.monotonic() + timeout
    while True:
        f = peer.wait(answering_arp(peer, is_ip_udp_from_guest),
                      timeout=max(0.1, deadline - time.monotonic()), what=what)
        h, body = parse_ip(f)
        fr = struct.unpack("!H", h[6:8])[0]
        if ident is not None and h[4:6] != ident:
            raise CheckFailure("%s: a fragment of id %s among id %s" % (what, h[4:6].hex(),
                                                                       ident.hex()))
        ident = h[4:6]
        if fr & 0x4000:
            raise CheckFailure("%s: DF set" % what)
        off, mf = (fr & 0x1fff) * 8, bool(fr & 0x2000)
        if mf and (len(body) % 8 or len(body) > FRAG_DATA):
            raise CheckFailure("%s: a fragment of %d bytes at %d" % (what, len(body), off))
        if off in parts:
            raise CheckFailure("%s: offset %d twice" % (what, off))
        parts[off] = (body, mf)
        first = h if off == 0 else first
        done, end, data = complete(parts)
        if done:
            return first, data, [(o, len(parts[o][0]), parts[o][1]) for o in sorted(parts)]


def complete(parts):
    """(whole?, end, bytes) of the fragments so far."""
    data, end = b"", 0
    for off in sorted(parts):
        body, mf = parts[off]
        if off != end:
            return False, end, None
        data += body
        end += len(body)
        if not mf:
            return True, end, data
    return False, end, None


def as_frame(h, payload):
    """A frame from the guest made of a header and a payload (for check_udp)."""
    h = h[:2] + struct.pack("!H", len(h) + len(payload)) + h[4:6] + b"\0\0" + h[8:10] + \
        b"\0\0" + h[12:]
    h = h[:10] + struct.pack("!H", cksum(h)) + h[12:]
    return PEER_MAC + bytes(6) + struct.pack("!H", ETH_IP) + h + payload


def echo_case(peer, k, size, order):
    """A datagram of size bytes in fragments sent in order ('in', 'reversed', 'dup'):
    its echo, reassembled and checked."""
    data = fill(size, k)
    frags = cut(udp(PEER_IP, GUEST_IP, PEER_PORT, ECHO_PORT, data), ident=0x4000 + k)
    frames = [f for _, f in frags]
    if order == "reversed":
        frames.reverse()
    elif order == "dup":
        frames = frames[:2] + frames[:2] + frames[2:]   # a late copy would start anew
    elif order == "shuffled":
        random.Random(k).shuffle(frames)
    peer.new_frames()
    for f in frames:
        peer.send(f)
    h, payload, parts = collect(peer, "echo of datagram %d (%d bytes, %s)" % (k, size,
                                                                             order))
    check_udp(as_frame(h, payload), ECHO_PORT, PEER_PORT, data, "echo %d" % k)
    return "echo %d: %d bytes in %d fragments (%s): back in %d fragment%s, ok" % (
        k, size, len(frags), order, len(parts), "" if len(parts) == 1 else "s")


def no_echo_case(peer, k, what, frames):
    peer.new_frames()
    for f in frames:
        peer.send(f)
    extra = [f for f in peer.quiet(2.0) if is_ip_udp_from_guest(f)]
    if extra:
        raise CheckFailure("%s: the guest answered: %s" % (what, extra[0][:60].hex()))
    return "%s: no echo" % what


def bad_frag_cases(peer):
    """Overlap, a missing fragment, past 65535: never delivered.  Returns the lines and
    the first fragment of the missing case (for the time exceeded check)."""
    data = udp(PEER_IP, GUEST_IP, PEER_PORT, ECHO_PORT, fill(4000, 50))
    frags = [f for _, f in cut(data, ident=0x5000)]
    over = ipv4(PEER_IP, GUEST_IP, 17, b"\xee" * 16, ident=0x5000, frag=0x2000 | 1472 // 8)
    out = [no_echo_case(peer, 50, "overlapping fragment", frags[:1] +
                        [eth(peer.guest, PEER_MAC, ETH_IP, over)] + frags[1:])]
    data = udp(PEER_IP, GUEST_IP, PEER_PORT, ECHO_PORT, fill(4000, 51))
    missing = [f for _, f in cut(data, ident=0x5001)]
    started = time.monotonic()
    out.append(no_echo_case(peer, 51, "middle fragment missing", missing[:1] + missing[2:]))
    huge = ipv4(PEER_IP, GUEST_IP, 17, b"\x01" * 24, ident=0x5002, frag=65520 // 8)
    out.append(no_echo_case(peer, 52, "fragment past 65535 bytes",
                            [eth(peer.guest, PEER_MAC, ETH_IP, huge)]))
    return out, (missing[0], started)


def frag_in_step(q, peer, ctx):
    mark = len(q.output)
    q.send_line("/test/udptest echo %d &" % ECHO_PORT)
    wait_text(q, r"^(?:# )?udptest: echo: bound to port %d$" % ECHO_PORT, mark, 30)
    out = [echo_case(peer, 1, 100, "in")]               # one fragment's worth, unfragmented
    out += [echo_case(peer, 2, 3000, "in"), echo_case(peer, 3, 3000, "reversed"),
            echo_case(peer, 4, 4500, "dup"), echo_case(peer, 5, 6000, "shuffled"),
            echo_case(peer, 6, UDP_MAX, "in")]
    bad, ctx["first"] = bad_frag_cases(peer)
    return out + bad


def frag_out_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    q.send_line("/test/udptest big %s %d %d" % (PEER_IP, SINK_PORT, BIG_SIZE))
    h, payload, parts = collect(peer, "the fragments of udptest big")
    check_udp(as_frame(h, payload), None, SINK_PORT, fill(BIG_SIZE, 5), "udptest big")
    want = [(0, 1480, True), (1480, 1480, True), (2960, 1480, True), (4440, 568, False)]
    if parts != want:
        raise CheckFailure("fragments (offset, length, MF) %s, want %s" % (parts, want))
    wait_text(q, r"^(?:# )?DONE udptest 1 passed, 0 failed$", mark, 30)
    return ["fragment at %d: %d bytes, MF %d" % (o, n, mf) for o, n, mf in parts] + \
        ["reassembled: %d bytes of UDP, checksum and data ok" % len(payload)]


def is_echo_request(f):
    return len(f) >= 42 and struct.unpack("!H", f[12:14])[0] == ETH_IP and f[23] == 1 and \
        f[26:30] == ip4(GUEST_IP) and f[30:34] == ip4(PEER_IP) and \
        f[14 + (f[14] & 15) * 4] == 8


def answer_pings(q, peer, mark, answer, timeout=30):
    """Answer (or not) the guest's echo requests until ping's status line; the requests
    seen (checked: checksum, 56 data bytes)."""
    seen = []
    deadline = time.monotonic() + timeout
    while not re.search(r"^(?:# )?status=\d+", q.output[mark:], re.M):
        if time.monotonic() > deadline:
            raise CheckFailure("ping did not end:\n%s" % q.output[mark:])
        try:
            f = peer.wait(answering_arp(peer, is_echo_request), timeout=0.5)
        except CheckFailure:
            continue
        h, m = parse_ip(f)
        if cksum(m) != 0 or len(m) != 8 + 56:
            raise CheckFailure("an echo request of %d bytes, checksum %s" % (
                len(m), "right" if cksum(m) == 0 else "wrong"))
        seen.append(struct.unpack("!H", m[6:8])[0])
        if answer:
            r = b"\0\0\0\0" + m[4:]
            r = r[:2] + struct.pack("!H", cksum(r)) + r[4:]
            peer.send(eth(peer.guest, PEER_MAC, ETH_IP,
                          ipv4(PEER_IP, GUEST_IP, 1, r, ttl=PING_TTL, ident=0x7000)))
    return seen


def ping_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    q.send_line("ping -c 3 -i 0.5 %s; echo status=$?" % PEER_IP)
    seen = answer_pings(q, peer, mark, True)
    wait_text(q, r"^(?:# )?status=\d+", mark, 10)
    time.sleep(0.5)
    out = q.output[mark:]
    peer.new_frames()
    mark = len(q.output)
    q.send_line("ping -c 2 -i 0.3 -W 1 %s; echo status=$?" % PEER_IP)
    unseen = answer_pings(q, peer, mark, False)
    wait_text(q, r"^(?:# )?status=\d+", mark, 10)
    time.sleep(0.5)
    return out + "requests seen: %s\n" % seen + q.output[mark:] + \
        "requests seen: %s\n" % unseen


def refused_step(q, peer):
    """The guest's datagram to CLOSED_PORT gets port unreachable from the grader."""
    peer.new_frames()
    mark = len(q.output)
    q.send_line("/test/udptest refused %s %d" % (PEER_IP, CLOSED_PORT))
    f = peer.wait(answering_arp(peer, is_ip_udp_from_guest), what="udptest refused's "
                  "datagram")
    h, u = parse_ip(f)
    quoted = h + u[:8]
    m = struct.pack("!BBHI", 3, 3, 0, 0) + quoted
    m = m[:2] + struct.pack("!H", cksum(m)) + m[4:]
    peer.send(eth(peer.guest, PEER_MAC, ETH_IP, ipv4(PEER_IP, GUEST_IP, 1, m, ident=0x7100)))
    wait_text(q, r"^(?:# )?DONE udptest \d+ passed, \d+ failed$", mark, 30)
    return q.output[mark:]


def timeout_step(peer, since, first):
    """ICMP time exceeded (11/1) quoting the first fragment of the missing case, and
    only for it (every other datagram was completed, or had no first fragment)."""
    frame, started = first
    left = started + FRAG_TTL + 3 - time.monotonic()
    if left > 0:
        time.sleep(left)
    with peer.link.cond:
        frames = [f for f in peer.link.frames[since:] if len(f) >= 42 and f[23] == 1 and
                  f[34] == 11]
    if len(frames) != 1:
        raise CheckFailure("%d ICMP time exceeded messages %d s after the first fragment, "
                           "want 1" % (len(frames), FRAG_TTL + 3))
    h, m = parse_ip(frames[0])
    if m[1] != 1 or cksum(m) != 0:
        raise CheckFailure("time exceeded code %d, checksum %04x" % (m[1], cksum(m)))
    if m[8:8 + 28] != frame[14:14 + 28]:
        raise CheckFailure("time exceeded quotes %s, not the first fragment %s"
                           % (m[8:36].hex(), frame[14:42].hex()))
    return "ICMP time exceeded, code 1, quoting the first fragment (id %s)" % m[12:14].hex()


def status_step(q):
    mark = len(q.output)
    run(q, "kill -USR1 %d; sleep 1" % pid_of(q, "inet"))
    return wait_text(q, r"^(?:# )?inet: status \(SIGUSR1\).*$", mark, 10).group(0)


def session(t):
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=400)
    peer = Peer(link)
    results, ctx = {}, {}
    try:
        wait_text(q, r"^# ", 0, 60)
        run(q, "echo '%s' > /tmp/inet.conf" % (CONF % "e1000"))
        start = len(q.output)
        run(q, "service up /service/inet -args conf=/tmp/inet.conf")
        wait_text(q, r"^(?:# )?inet: lo: 127\.0\.0\.1 answered .*$", start, 30)
        step(results, "ping_lo", lambda: run(q, "ping -c 2 -i 0.2 127.0.0.1; echo status=$?;"
                                             " ping -c 2 -i 0.2 -s 3000 127.0.0.1; "
                                             "echo status=$?", 60))
        step(results, "raw", lambda: run(q, "/test/udptest raw; echo status=$?", 60))
        step(results, "ping_user", lambda: run(q, "su ast -c 'ping -c 1 127.0.0.1'; "
                                               "echo status=$?", 30))
        step(results, "ping_args", lambda: run(
            q, "ping; echo status=$?; ping -c 0 127.0.0.1; echo status=$?; "
               "ping -x 127.0.0.1; echo status=$?; ping -s 9000 127.0.0.1; echo status=$?; "
               "ping nosuchhost; echo status=$?", 30))
        start = len(q.output)
        run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
        wait_text(q, configured("e1000", 0), start, 30)
        since = len(link.frames)
        step(results, "frag_in", lambda: frag_in_step(q, peer, ctx))
        step(results, "frag_out", lambda: frag_out_step(q, peer))
        step(results, "ping", lambda: ping_step(q, peer))
        step(results, "refused", lambda: refused_step(q, peer))
        if "first" in ctx:
            step(results, "timeout", lambda: timeout_step(peer, since, ctx["first"]))
        step(results, "status", lambda: status_step(q))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on a UDP wire to the grader; inet with a static address; "
         "ping, raw sockets and fragments", timeout=400)
def inet_frag_session(t):
    return session(t)


@test(2, "ping -c 2 127.0.0.1 (and 3000 bytes, fragmented through lo) with no driver: "
         "every reply, 0% loss, status 0", parent=inet_frag_session)
def inet_ping_lo(t):
    out = value(t, "ping_lo")
    t.match(out, r"^\d+ bytes from 127\.0\.0\.1: icmp_seq=0 ttl=64 time=[\d.]+ ms$",
            r"^\d+ bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=[\d.]+ ms$",
            r"^3008 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 ",
            r"^2 packets transmitted, 2 packets received, 0% packet loss$",
            r"^round-trip min/avg/max = [\d.]+/[\d.]+/[\d.]+ ms$")
    if out.count("status=0") != 2:
        raise CheckFailure("ping over lo did not exit 0 twice:\n%s" % out)


@test(2, "raw sockets: EPROTONOSUPPORT for another protocol, EACCES for a user; root's "
         "echo request to 127.0.0.1 makes the socket readable (select) and comes back whole, "
         "IPv4 header first; then EAGAIN",
      parent=inet_frag_session)
def inet_raw(t):
    t.match(value(t, "raw"), r"^PASS udptest_raw_proto\b", r"^PASS udptest_raw_eacces\b",
            r"^PASS udptest_raw_send\b", r"^PASS udptest_raw_select\b", r"^PASS udptest_raw\b",
            r"^PASS udptest_raw_eagain\b",
            r"^DONE udptest \d+ passed, 0 failed$", r"^status=0$", no=[r"^FAIL "])


@test(1, "ping as a user: a clear message that raw sockets are root's, status 2",
      parent=inet_frag_session)
def inet_ping_user(t):
    t.match(value(t, "ping_user"), r"^ping: raw sockets are root's only; run ping as root",
            r"^status=2$")


@test(1, "ping's bad arguments: usage and status 2; a host that is no address: a clear "
         "message, status 2", parent=inet_frag_session)
def inet_ping_args(t):
    out = value(t, "ping_args")
    t.match(out, r"^usage: ping \[-c count\] \[-i interval\] \[-s size\] \[-W timeout\] host$",
            r"^ping: bad number: 0$", r"^ping: bad number: 9000$",
            r"^ping: unknown host nosuchhost")
    if out.count("status=2") != 5:
        raise CheckFailure("want status=2 five times:\n%s" % out)


@test(4, "fragments in: datagrams in fragments (in order, reversed, with a duplicate, "
         "shuffled, 8192 bytes) reach the echo server whole, and the echo (fragmented by "
         "the guest) is right; overlapping, missing and past-65535 fragments are never "
         "delivered", parent=inet_frag_session)
def inet_frag_in(t):
    out = value(t, "frag_in")
    if len(out) != 9:
        raise CheckFailure("\n".join(out))


@test(3, "fragments out: a 5000-byte datagram leaves in 4 fragments (one id, offsets, MF, "
         "checksums) that reassemble byte for byte", parent=inet_frag_session)
def inet_frag_out(t):
    value(t, "frag_out")


@test(3, "ping -c 3 10.0.2.2 with the grader answering: 3 replies with its TTL, 0% loss, "
         "status 0; not answering: 100% loss, status 1", parent=inet_frag_session)
def inet_ping(t):
    out = value(t, "ping")
    t.match(out, *[r"^64 bytes from 10\.0\.2\.2: icmp_seq=%d ttl=%d time=[\d.]+ ms$"
                   % (s, PING_TTL) for s in range(3)],
            r"^3 packets transmitted, 3 packets received, 0% packet loss$",
            r"^status=0$", r"^(?:# )?requests seen: \[0, 1, 2\]$",
            r"^2 packets transmitted, 0 packets received, 100% packet loss$",
            r"^status=1$", r"^(?:# )?requests seen: \[0, 1\]$")


@test(2, "a connected UDP socket's recv fails with ECONNREFUSED after the grader's port "
         "unreachable, once", parent=inet_frag_session)
def inet_udp_refused(t):
    t.match(value(t, "refused"), r"^PASS udptest_refused_send\b", r"^PASS udptest_refused\b",
            r"^PASS udptest_refused_once\b", r"^DONE udptest 3 passed, 0 failed$",
            no=[r"^FAIL "])


@test(2, "a datagram whose fragments never all come is given up after 15 s: ICMP time "
         "exceeded (code 1) quoting its first fragment", parent=inet_frag_session)
def inet_frag_timeout(t):
    value(t, "timeout")


@test(1, "inet counts the reassembled and dropped fragments; afterwards the reassembly "
         "table is empty and no packet buffer is in use", parent=inet_frag_session)
def inet_frag_status(t):
    s = value(t, "status")
    m = re.search(r"pbufs (\d+) in use.*frag_reasm (\d+) frag_timeout (\d+) frag_dropped "
                  r"(\d+) frags (\d+)", s)
    if not m:
        raise CheckFailure("no counters in %r" % s)
    pbufs, reasm, tmo, dropped, frags = map(int, m.groups())
    # reassembled: 5 echo cases, ping -s 3000 over lo (2 requests, 2 replies), udptest raw
    # (request and reply); timed out: the overlap's rest, the missing case; dropped: the
    # overlap, past 65535
    if pbufs or frags or reasm != 11 or tmo != 2 or dropped != 2:
        raise CheckFailure("pbufs %d, reassembled %d, timed out %d, dropped %d, left %d: "
                           "want 0, 11, 2, 2, 0" % (pbufs, reasm, tmo, dropped, frags))
