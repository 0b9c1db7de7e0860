# The malformed-frame campaign against inet (servers/inet; handouts/inet.md, "Testing";
# handouts/hardening.md, "Campaigns"): the grader, as the host 10.0.2.2 at the other end of
# an e1000's wire (inet_ip.py's Peer and frame builders), sends N frames that are each wrong
# in some way, then checks that inet is up, serving and leak-free.
#
# The kinds, in turn, each built from the seed's random numbers: IPv4 total lengths that lie,
# wrong IP, ICMP and UDP checksums, header lengths below 5 or beyond the data, random
# options, headers cut short anywhere, versions other than 4, fragments (overlapping,
# duplicated, past 65535 bytes, never completed, at random offsets), ARP packets with random
# fields, random bytes under a random EtherType, TCP segments with every one of the 256
# flag combinations (inet has no TCP here: it must survive them all the same), and valid
# datagrams with random bytes flipped.  Sources are the grader or random hosts of the
# network (inet then asks for their MACs, which nobody gives).  ARP garbage that is well
# formed may teach inet a wrong MAC for the grader (RFC 826 believes it): a true ARP reply
# sets it right before the checks.
#
# N is 5,000 in make check and 100,000 under make fuzz (MINNOW_FUZZ=full; fuzz_common.py).
# The seed (MINNOW_FUZZ_SEED) is printed in the test's log: the same seed sends the same
# frames.  Afterwards, once the reassembly timeout has passed: inet was never restarted,
# answers the grader's ping, echoes a UDP datagram through udptest's echo server (once whole,
# once in fragments), and its status line (kill -USR1) shows no packet buffer in use and no
# datagram left in the reassembly table; the system's own invariants hold (fuzz_common.py).

import random
import re
import struct
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests import fuzz_common as fz
from grader.tests.inet_ip import (CONF, ETH_ARP, ETH_IP, GUEST_IP, GUEST_MAC, PEER_IP, Peer,
                                  arp, cksum, configured, eth, icmp_echo, ip4, ipv4, ping, udp)
from grader.tests.inet_frag import echo_case, status_step
from grader.tests.inet_udp import echo_once
from grader.tests.net_common import PEER_MAC, Link, mac_bytes, pid_of, run, wait_text

FRAMES = fz.count(5000, 100000)
BURST = 32                      # frames between pauses (the card's ring holds 256)
PAUSE = 0.04
FRAG_TTL = 15                   # servers/inet/inet.h, seconds
ECHO_PORT = 7777


def rand_src(r):
    return PEER_IP if r.random() < 0.6 else "10.0.2.%d" % r.randrange(1, 255)


def good_udp(r, src):
    data = r.randbytes(r.randrange(0, 200))
    return ipv4(src, GUEST_IP, 17, udp(src, GUEST_IP, r.randrange(1, 65536),
                                       r.choice((ECHO_PORT + 1, r.randrange(1, 65536))), data),
                ident=r.randrange(65536))


def k_length(r, src):
    return ipv4(src, GUEST_IP, 1, icmp_echo(1, 1, r.randbytes(20)),
                total=r.choice((0, 1, 19, 20, 27, 49, 1500, 65535, r.randrange(65536))))


def k_ip_sum(r, src):
    return ipv4(src, GUEST_IP, 1, icmp_echo(2, 2, r.randbytes(16)), bad_sum=True)


def k_icmp_sum(r, src):
    return ipv4(src, GUEST_IP, 1, icmp_echo(3, 3, r.randbytes(r.randrange(40)), bad_sum=True))


def k_udp_sum(r, src):
    return ipv4(src, GUEST_IP, 17, udp(src, GUEST_IP, 999, ECHO_PORT, r.randbytes(30),
                                       bad_sum=True))


def k_ihl(r, src):
    ihl = r.choice((0, 1, 4, 15, r.randrange(16)))
    return ipv4(src, GUEST_IP, 1, icmp_echo(4, 4, b"x" * r.randrange(60)), ihl=ihl)


def k_options(r, src):
    opts = r.randbytes(4 * r.randrange(1, 11))
    proto = r.choice((1, 17, 6, 99))
    body = icmp_echo(5, 5, r.randbytes(10)) if proto == 1 else r.randbytes(r.randrange(40))
    return ipv4(src, GUEST_IP, proto, body, options=opts, ihl=5 + len(opts) // 4)


def k_truncated(r, src):
    full = good_udp(r, src) if r.random() < 0.5 else \
        ipv4(src, GUEST_IP, 1, icmp_echo(6, 6, r.randbytes(30)))
    return full[:r.randrange(len(full))]


def k_version(r, src):
    return ipv4(src, GUEST_IP, 1, icmp_echo(7, 7, b""), version=r.choice((0, 5, 6, 15)))


def k_fragment(r, src):
    """A fragment of a datagram that never completes or is wrong: random offset, size,
    MF; overlapping and duplicate ones arise among the few ids used."""
    off = r.choice((0, 8, 1480, 65528, 65520, r.randrange(8192)))
    size = r.choice((1, 7, 8, 16, 1480, r.randrange(1, 1480)))
    mf = 0x2000 if r.random() < 0.7 else 0
    proto = r.choice((1, 17, 6))
    return ipv4(src, GUEST_IP, proto, r.randbytes(size), ident=r.randrange(8),
                frag=mf | off // 8)


def k_tcp(r, src, n):
    seg = struct.pack("!HHIIBBHHH", r.randrange(65536), r.choice((22, 80, 7777)),
                      r.randrange(1 << 32), r.randrange(1 << 32), r.choice((0x50, 0x60, 0xf0,
                                                                           0x10)),
                      n % 256, r.randrange(65536), 0, 0) + r.randbytes(r.randrange(24))
    pseudo = ip4(src) + ip4(GUEST_IP) + struct.pack("!BBH", 0, 6, len(seg))
    s = cksum(pseudo + seg) ^ (0x0101 if r.random() < 0.3 else 0)
    return ipv4(src, GUEST_IP, 6, seg[:16] + struct.pack("!H", s) + seg[18:])


def k_flipped(r, src):
    p = bytearray(good_udp(r, src) if r.random() < 0.5 else
                  ipv4(src, GUEST_IP, 1, icmp_echo(8, 8, r.randbytes(40))))
    for _ in range(r.randrange(1, 4)):
        p[r.randrange(len(p))] ^= 1 << r.randrange(8)
    return bytes(p)


IP_KINDS = (k_length, k_ip_sum, k_icmp_sum, k_udp_sum, k_ihl, k_options, k_truncated,
            k_version, k_fragment, k_flipped)


def frame(r, n):
    """Frame n of the campaign."""
    g = mac_bytes(GUEST_MAC)
    kind = n % (len(IP_KINDS) + 3)
    src = rand_src(r)
    if kind < len(IP_KINDS):
        return eth(g, PEER_MAC, ETH_IP, IP_KINDS[kind](r, src))
    if kind == len(IP_KINDS):
        return eth(g, PEER_MAC, ETH_IP, k_tcp(r, src, n // (len(IP_KINDS) + 3)))
    if kind == len(IP_KINDS) + 1:
        a = arp(r.choice((1, 2, r.randrange(65536))), r.randbytes(6), src, r.randbytes(6),
                r.choice((GUEST_IP, PEER_IP, "10.0.2.%d" % r.randrange(256))),
                htype=r.choice((1, r.randrange(65536))), ptype=r.choice((ETH_IP, 0x86dd)),
                hlen=r.choice((6, r.randrange(256))), plen=r.choice((4, r.randrange(256))))
        return eth(r.choice((g, b"\xff" * 6)), PEER_MAC, ETH_ARP, a[:r.randrange(8, 29)])
    return eth(g, r.choice((PEER_MAC, r.randbytes(6))), r.randrange(65536),
               r.randbytes(r.randrange(0, 1500)))


def campaign(peer, seed, n):
    r = random.Random(seed)
    for i in range(n):
        peer.send(frame(r, i))
        if i % BURST == BURST - 1:
            time.sleep(PAUSE)


def catch_up(q, n):
    """Move the console cursor fuzz_common's run() waits from past everything so far (the
    steps before used net_common's run, which keeps no cursor)."""
    q.send_line("echo fuzz-inet-mark-%d" % n)
    q.wait_any([r"^fuzz-inet-mark-%d$" % n], timeout=30)
    q.wait_prompt(fz.PROMPT, timeout=30)


@test(6, "inet survives %d malformed frames (lengths, checksums, header lengths, options, "
         "truncation, fragments, ARP garbage, random bytes, TCP with every flag "
         "combination): still answers ping and UDP, no packet buffer or reassembly left, "
         "never restarted" % FRAMES,
      timeout=fz.scaled_timeout(240, 5000, 100000))
def fuzz_inet(t):
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=fz.scaled_timeout(240, 5000, 100000))
    peer = Peer(link)
    t.log("fuzz_inet: seed %d, %d frames (MINNOW_FUZZ_SEED=%d replays them)"
          % (fz.SEED, FRAMES, fz.SEED))
    try:
        wait_text(q, r"^# ", 0, 60)
        run(q, "echo '%s' > /tmp/inet.conf" % (CONF % "e1000"))
        start = len(q.output)
        run(q, "service up /service/inet -args conf=/tmp/inet.conf")
        run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
        wait_text(q, configured("e1000", 0), start, 30)
        q.send_line("/test/udptest echo %d &" % ECHO_PORT)
        wait_text(q, r"^(?:# )?udptest: echo: bound to port %d$" % ECHO_PORT, start, 30)
        catch_up(q, 1)
        base = fz.baseline(q)
        pid = pid_of(q, "inet")
        t0 = time.monotonic()
        campaign(peer, fz.SEED, FRAMES)
        sent = time.monotonic() - t0
        time.sleep(FRAG_TTL + 2)
        # ARP garbage may have taught inet another MAC for 10.0.2.2 (RFC 826's merge
        # believes any well-formed packet): a true ARP reply sets it back
        peer.send(eth(mac_bytes(GUEST_MAC), PEER_MAC, ETH_ARP,
                      arp(2, PEER_MAC, PEER_IP, mac_bytes(GUEST_MAC), GUEST_IP)))
        time.sleep(0.5)
        peer.new_frames()
        checks = [ping(peer, 1, 56), echo_once(peer, 1, 300), echo_case(peer, 9, 3000, "in")]
        if pid_of(q, "inet") != pid or re.search(r"rs: service inet restarted",
                                                 q.output[start:]):
            raise CheckFailure("inet was restarted during the campaign")
        line = status_step(q)
        m = re.search(r"pbufs (\d+) in use.* frags (\d+)", line)
        if not m or m.group(1) != "0" or m.group(2) != "0":
            raise CheckFailure("after the campaign: %s (want 0 pbufs, 0 frags)" % line)
        catch_up(q, 2)
        figures = fz.invariants(t, q, base)
    finally:
        q.stop()
        link.close()
    counters = {k: int(v) for k, v in re.findall(
        r"\b(ip_bad|icmp_bad|udp_bad|arp_bad|eth_bad|frag_dropped|frag_timeout|unreach) (\d+)",
        line)}
    fz.record(t, "inet", frames=FRAMES, seconds=round(sent, 1), **figures, **counters)
    t.log("\n".join(checks + [line]))
    return "%d frames in %.1f s; %s; %s" % (FRAMES, sent, "; ".join(checks), line)
