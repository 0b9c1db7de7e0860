# The inet server's network layer at the frame level (servers/inet; handouts/inet.md): the
# grader is the host at the other end of an e1000's wire (net_common.py's Link), with its
# own MAC and the address 10.0.2.2, and checks every frame inet sends byte for byte.
#
# One boot with an e1000 on a UDP wire.  At the root shell the session writes an inet.conf
# with a static address (10.0.2.15/24, gateway 10.0.2.2) and starts inet first, with no
# driver running: the loopback interface answers inet's own echo request with no card.
# (Before that, a first inet reads an inet.conf with bad lines: each is reported with its
# number and reason, and that inet is taken down.)
# Then it starts e1000_0; inet hears of it through DS and configures it.  The steps:
#   arp        an ARP request for 10.0.2.15 gets a correct ARP reply
#   ping       echo requests of several sizes (odd ones too) get echo replies with the
#              same identifier, sequence and data, right IP and ICMP checksums
#   udp        a UDP datagram to a port (no socket holds it) gets ICMP port
#              unreachable quoting its header; one with a bad UDP checksum gets nothing
#   bad        bad IP checksums, header lengths, versions, TTL 0, truncated datagrams,
#              fragments, ICMP with a bad checksum, datagrams for another address and
#              ARP garbage, each sent more times than inet has packet buffers: no answer
#              to any of them, and inet still answers a ping afterwards
#   resolve    an echo request from a host inet does not know: inet asks for its MAC with
#              an ARP request, then replies; from a host that never answers: ARP_TRIES
#              requests a second apart, then nothing
#   kill       kill -9 e1000_0: RS restarts it, inet configures it again, pings answered
#   update     service update of e1000_0: configured again, pings answered
#   status     inet's counters (kill -USR1): no packet buffer left in use
#   restart    kill -9 of inet: RS restarts it, it finds e1000_0 already in DS, configures
#              it, asks for the peer's MAC again (its cache died with it) and answers
# A second boot runs up, arp, ping, bad and kill over an rtl8139 (inet_ip_rtl8139_*); a
# third has no card at all (inet_ip_nocard_*): /etc/inet.conf, lo, and the driver's ENXIO.
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import re
import struct
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.net_common import (BROADCAST, PEER_MAC, Link, mac_bytes, pid_of, run, step,
                                     value, wait_text)

GUEST_MAC = "52:54:00:12:34:56"
GUEST_IP, PEER_IP = "10.0.2.15", "10.0.2.2"
STRANGER_MAC = bytes([0x02, 0, 0, 0, 0, 0x03])  # a host inet has not heard of
STRANGER_IP, SILENT_IP = "10.0.2.3", "10.0.2.4"
CONF = "eth0 %s 0 { addr 10.0.2.15; netmask 255.255.255.0; gateway 10.0.2.2; };"
PING_SIZES = (0, 1, 7, 56, 63, 100, 511, 1001, 1472)    # ICMP data bytes
NR_PBUF = 48                    # servers/inet/inet.h: every bad kind is sent more often
BAD_EACH = NR_PBUF + 12
ARP_TRIES = 3                   # servers/inet/inet.h
ETH_IP, ETH_ARP = 0x0800, 0x0806


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def cksum(data):
    """The Internet checksum (RFC 1071), computed here independently of inet."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(dst, src, etype, payload):
    f = dst + src + struct.pack("!H", etype) + payload
    return f + bytes(max(0, 60 - len(f)))


def arp(op, sha, spa, tha, tpa, htype=1, ptype=ETH_IP, hlen=6, plen=4):
    return struct.pack("!HHBBH", htype, ptype, hlen, plen, op) + sha + ip4(spa) + tha + \
        ip4(tpa)


def ipv4(src, dst, proto, payload, ttl=64, ident=1, frag=0, ihl=5, version=4,
         total=None, bad_sum=False, options=b""):
    hl = 20 + len(options)
    tot = hl + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, tot, ident, frag, ttl, proto, 0,
                    ip4(src), ip4(dst)) + options
    s = cksum(h)
    if bad_sum:
        s ^= 0x0101
    return h[:10] + struct.pack("!H", s) + h[12:] + payload


def icmp_echo(ident, seq, data, bad_sum=False):
    m = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    s = cksum(m) ^ (0x0101 if bad_sum else 0)
    return m[:2] + struct.pack("!H", s) + m[4:]


def udp(src, dst, sport, dport, data, bad_sum=False, no_sum=False):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, len(u))
    s = 0 if no_sum else (cksum(pseudo + u) or 0xffff)
    if bad_sum:
        s ^= 0x0101
    return u[:6] + struct.pack("!H", s) + u[8:]


class Peer:
    """The grader's end: frames sent, frames waited for (the Link's receive thread keeps
    every frame the guest sends; `seen` is how many were looked at already)."""

    def __init__(self, link):
        self.link, self.seen = link, 0
        self.guest = mac_bytes(GUEST_MAC)

    def send(self, frame):
        self.link.send(frame)

    def new_frames(self):
        with self.link.cond:
            fs = self.link.frames[self.seen:]
            self.seen = len(self.link.frames)
        return fs

    def wait(self, pred, timeout=5.0, what="a frame"):
        """The first new frame pred accepts (frames it refuses are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            with self.link.cond:
                while self.seen < len(self.link.frames):
                    f = self.link.frames[self.seen]
                    self.seen += 1
                    if pred(f):
                        return f
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CheckFailure("no %s from the guest in %.0f s" % (what, timeout))
                self.link.cond.wait(min(left, 0.2))

    def quiet(self, seconds):
        """Frames the guest sent in the next seconds (there should be none)."""
        self.new_frames()
        time.sleep(seconds)
        return self.new_frames()


def parse_ip(f):
    """(ip header, payload) of an IPv4 frame from the guest, checked: version, header
    length, total length, header checksum.  Raises CheckFailure if it is wrong."""
    if len(f) < 34 or struct.unpack("!H", f[12:14])[0] != ETH_IP:
        raise CheckFailure("not an IPv4 frame: %s" % f[:40].hex())
    ip = f[14:]
    hl = (ip[0] & 15) * 4
    tot = struct.unpack("!H", ip[2:4])[0]
    if ip[0] >> 4 != 4 or hl < 20 or tot < hl or tot > len(ip):
        raise CheckFailure("bad IPv4 header from the guest: %s" % ip[:24].hex())
    if cksum(ip[:hl]) != 0:
        raise CheckFailure("wrong IPv4 header checksum from the guest: %s" % ip[:hl].hex())
    if ip[8] == 0:
        raise CheckFailure("the guest sent a datagram with TTL 0")
    return ip[:hl], ip[hl:tot]


def is_ip_from(src, proto, icmp_type=None):
    def pred(f):
        if len(f) < 34 + 1 or struct.unpack("!H", f[12:14])[0] != ETH_IP:
            return False
        ip = f[14:]
        hl = (ip[0] & 15) * 4
        return ip[12:16] == ip4(src) and ip[9] == proto and \
            (icmp_type is None or (len(ip) > hl and ip[hl] == icmp_type))
    return pred


def is_arp(op, tpa=None):
    def pred(f):
        return len(f) >= 42 and struct.unpack("!H", f[12:14])[0] == ETH_ARP and \
            struct.unpack("!H", f[20:22])[0] == op and (tpa is None or f[38:42] == ip4(tpa))
    return pred


def ping(peer, seq, size, src_mac=PEER_MAC, src_ip=PEER_IP, ident=0x1234):
    """One echo request of size data bytes; checks the reply; returns a description."""
    data = bytes((seq * 7 + i * 13) & 0xff for i in range(size))
    peer.send(eth(peer.guest, src_mac, ETH_IP,
                  ipv4(src_ip, GUEST_IP, 1, icmp_echo(ident, seq, data), ident=seq)))
    f = peer.wait(is_ip_from(GUEST_IP, 1, 0), what="echo reply to seq %d" % seq)
    check_echo_reply(peer, f, src_mac, src_ip, ident, seq, data)
    return "echo %d: %d bytes ok" % (seq, size)


def check_echo_reply(peer, f, src_mac, src_ip, ident, seq, data):
    if f[0:6] != src_mac or f[6:12] != peer.guest:
        raise CheckFailure("echo reply %d: Ethernet addresses %s -> %s" % (
            seq, f[6:12].hex(":"), f[0:6].hex(":")))
    h, m = parse_ip(f)
    if h[16:20] != ip4(src_ip):
        raise CheckFailure("echo reply %d went to %s" % (seq, ".".join(map(str, h[16:20]))))
    if cksum(m) != 0:
        raise CheckFailure("echo reply %d: wrong ICMP checksum" % seq)
    want = struct.pack("!BBHHH", 0, 0, 0, ident, seq) + data
    if m[:2] + m[4:] != want[:2] + want[4:]:
        raise CheckFailure("echo reply %d differs from the request: %s" % (seq, m[:24].hex()))


def arp_step(peer):
    peer.send(eth(BROADCAST, PEER_MAC, ETH_ARP,
                  arp(1, PEER_MAC, PEER_IP, bytes(6), GUEST_IP)))
    f = peer.wait(is_arp(2), what="ARP reply")
    a = f[14:42]
    problems = []
    if f[0:6] != PEER_MAC or f[6:12] != peer.guest:
        problems.append("Ethernet %s -> %s" % (f[6:12].hex(":"), f[0:6].hex(":")))
    if a != arp(2, peer.guest, GUEST_IP, PEER_MAC, PEER_IP):
        problems.append("ARP body %s" % a.hex())
    if problems:
        raise CheckFailure("wrong ARP reply: " + "; ".join(problems))
    return "arp reply ok"


def ping_step(peer):
    return [ping(peer, seq, size) for seq, size in enumerate(PING_SIZES, 1)]


def udp_step(peer):
    out = []
    for port, no_sum in ((7, False), (9999, True)):
        dgram = ipv4(PEER_IP, GUEST_IP, 17,
                     udp(PEER_IP, GUEST_IP, 40000, port, b"hello, inet", no_sum=no_sum),
                     ident=0x7700 + port)
        peer.send(eth(peer.guest, PEER_MAC, ETH_IP, dgram))
        f = peer.wait(is_ip_from(GUEST_IP, 1, 3), what="ICMP unreachable for port %d" % port)
        h, m = parse_ip(f)
        if cksum(m) != 0 or m[0] != 3 or m[1] != 3:
            raise CheckFailure("port %d: not a port unreachable with a right checksum: %s"
                               % (port, m[:8].hex()))
        if m[8:8 + 28] != dgram[:28]:
            raise CheckFailure("port %d: the unreachable does not quote the datagram's "
                               "header and first 8 bytes: %s" % (port, m[8:36].hex()))
        out.append("udp port %d: unreachable ok" % port)
    peer.send(eth(peer.guest, PEER_MAC, ETH_IP, ipv4(PEER_IP, GUEST_IP, 17, udp(
        PEER_IP, GUEST_IP, 40000, 7, b"bad sum", bad_sum=True))))
    extra = peer.quiet(1.0)
    if extra:
        raise CheckFailure("the guest answered a UDP datagram with a bad checksum: %s"
                           % extra[0][:48].hex())
    out.append("udp bad checksum: no answer")
    return out


def bad_frames():
    """(kind, frame) of every malformed kind."""
    g = mac_bytes(GUEST_MAC)
    good = icmp_echo(0x4242, 1, b"x" * 32)
    full = ipv4(PEER_IP, GUEST_IP, 1, good)
    kinds = [
        ("ip checksum", ipv4(PEER_IP, GUEST_IP, 1, good, bad_sum=True)),
        ("ihl 4", ipv4(PEER_IP, GUEST_IP, 1, good, ihl=4)),
        ("ihl 15 beyond the data", ipv4(PEER_IP, GUEST_IP, 1, b"", ihl=15)),
        ("version 6", ipv4(PEER_IP, GUEST_IP, 1, good, version=6)),
        ("ttl 0", ipv4(PEER_IP, GUEST_IP, 1, good, ttl=0)),
        ("total length beyond the frame", ipv4(PEER_IP, GUEST_IP, 1, good, total=1400)),
        ("total length below the header", ipv4(PEER_IP, GUEST_IP, 1, good, total=12)),
        ("fragment", ipv4(PEER_IP, GUEST_IP, 1, good, frag=0x2000)),
        ("later fragment", ipv4(PEER_IP, GUEST_IP, 1, good, frag=0x0004)),
        ("icmp checksum", ipv4(PEER_IP, GUEST_IP, 1, icmp_echo(0x4242, 2, b"y" * 9,
                                                                bad_sum=True))),
        ("icmp truncated", ipv4(PEER_IP, GUEST_IP, 1, good[:5])),
        ("another address", ipv4(PEER_IP, "10.0.2.99", 1, good)),
        ("broadcast source", ipv4("255.255.255.255", GUEST_IP, 1, good)),
        ("loopback destination", ipv4(PEER_IP, "127.0.0.1", 1, good)),
        ("loopback source", ipv4("127.0.0.1", GUEST_IP, 1, good)),
        ("source 0.0.0.0", ipv4("0.0.0.0", GUEST_IP, 1, good)),
        ("udp length", ipv4(PEER_IP, GUEST_IP, 17, udp(PEER_IP, GUEST_IP, 1, 7, b"abc")[:4]
                            + struct.pack("!HH", 200, 0) + b"abc")),
    ]
    frames = [(k, eth(g, PEER_MAC, ETH_IP, p)) for k, p in kinds]
    arps = [
        ("arp htype 2", arp(1, PEER_MAC, PEER_IP, bytes(6), GUEST_IP, htype=2)),
        ("arp ptype", arp(1, PEER_MAC, PEER_IP, bytes(6), GUEST_IP, ptype=0x86dd)),
        ("arp hlen 5", arp(1, PEER_MAC, PEER_IP, bytes(6), GUEST_IP, hlen=5)),
        ("arp op 7", arp(7, PEER_MAC, PEER_IP, bytes(6), GUEST_IP)),
        ("arp multicast sender", arp(1, bytes([1, 0, 0x5e, 0, 0, 1]), PEER_IP, bytes(6),
                                     GUEST_IP)),
    ]
    frames += [(k, eth(BROADCAST, PEER_MAC, ETH_ARP, p)) for k, p in arps]
    # cut short and not padded to the Ethernet minimum: 14 + 20 bytes
    frames.append(("arp cut short", BROADCAST + PEER_MAC + struct.pack("!H", ETH_ARP) +
                   arp(1, PEER_MAC, PEER_IP, bytes(6), GUEST_IP)[:20]))
    frames.append(("unknown ethertype", eth(g, PEER_MAC, 0x88b5, b"garbage" * 5)))
    frames.append(("multicast Ethernet source", eth(g, bytes([3, 0, 0, 0, 0, 1]), ETH_IP,
                                                    full)))
    # shorter than the Ethernet minimum, not padded: 14 + 16 bytes of an IP header
    frames.append(("truncated header", g + PEER_MAC + struct.pack("!H", ETH_IP) + full[:16]))
    return frames


def bad_step(peer):
    frames = bad_frames()
    peer.new_frames()
    for i in range(BAD_EACH):
        for kind, f in frames:
            peer.send(f)
        if i % 8 == 7:
            time.sleep(0.05)    # the card's receive ring holds 256 frames
    extra = peer.quiet(2.0)
    if extra:
        raise CheckFailure("the guest answered a malformed frame: %s" % extra[0][:60].hex())
    return ["%d malformed frames of %d kinds: no answer" % (BAD_EACH * len(frames),
                                                            len(frames)),
            ping(peer, 100, 200)]


def resolve_step(peer):
    data = b"who are you?"
    peer.send(eth(peer.guest, STRANGER_MAC, ETH_IP,
                  ipv4(STRANGER_IP, GUEST_IP, 1, icmp_echo(0x5151, 1, data))))
    f = peer.wait(is_arp(1, STRANGER_IP), what="ARP request for %s" % STRANGER_IP)
    if f[0:6] != BROADCAST or f[14:42] != arp(1, peer.guest, GUEST_IP, bytes(6), STRANGER_IP):
        raise CheckFailure("wrong ARP request: %s" % f[:42].hex())
    peer.send(eth(peer.guest, STRANGER_MAC, ETH_ARP,
                  arp(2, STRANGER_MAC, STRANGER_IP, peer.guest, GUEST_IP)))
    f = peer.wait(is_ip_from(GUEST_IP, 1, 0), what="echo reply to %s" % STRANGER_IP)
    check_echo_reply(peer, f, STRANGER_MAC, STRANGER_IP, 0x5151, 1, data)
    out = ["arp request for an unknown host, then the reply"]
    t0 = time.monotonic()
    peer.send(eth(peer.guest, bytes([2, 0, 0, 0, 0, 4]), ETH_IP,
                  ipv4(SILENT_IP, GUEST_IP, 1, icmp_echo(0x5252, 1, data))))
    times = []
    for _ in range(ARP_TRIES):
        peer.wait(is_arp(1, SILENT_IP), timeout=3, what="ARP request for %s" % SILENT_IP)
        times.append(time.monotonic() - t0)
    extra = [f for f in peer.quiet(3.0) if is_arp(1, SILENT_IP)(f) or
             is_ip_from(GUEST_IP, 1)(f)]
    if extra:
        raise CheckFailure("after %d ARP requests the guest sent more: %s"
                           % (ARP_TRIES, extra[0][:42].hex()))
    gaps = [b - a for a, b in zip(times, times[1:])]
    if any(g < 0.4 or g > 4.0 for g in gaps):  # wide: a loaded machine delays QEMU
        raise CheckFailure("ARP retries %s s apart, want about 1 s" % gaps)
    out.append("unanswered: %d requests then nothing" % ARP_TRIES)
    return out


def configured(driver, restarts):
    """inet's line when it has configured driver's instance 0."""
    return r"^(?:# )?inet: eth0: %s_0 configured, MAC %s, address %s, restarts %d$" % (
        driver, GUEST_MAC, re.escape(GUEST_IP), restarts)


def kill_and_reconfigure(q, peer, label, driver, restarts):
    """kill -9 the service label; wait until RS restarted it and inet configured driver's
    instance 0 (the restarts count inet prints); forget the frames sent meanwhile."""
    pid = pid_of(q, label)
    mark = len(q.output)
    q.send_line("kill -9 %d" % pid)
    wait_text(q, r"^(?:# )?rs: service %s restarted" % label, mark, 60)
    wait_text(q, configured(driver, restarts), mark, 30)
    peer.new_frames()


def update_step(q, peer, driver):
    """service update of the driver's instance 0 to its own program: the new version
    announces itself like a restarted one, and inet configures it again."""
    mark = len(q.output)
    q.send_line("service update /service/%s -label %s_0" % (driver, driver))
    wait_text(q, r"^(?:# )?rs: service %s_0 updated" % driver, mark, 60)
    wait_text(q, configured(driver, 2), mark, 30)
    peer.new_frames()
    return [ping(peer, 250 + i, 333) for i in range(3)]


def kill_step(q, peer, driver):
    kill_and_reconfigure(q, peer, driver + "_0", driver, 1)
    return [ping(peer, 200 + i, 64) for i in range(5)]


def inet_restart_step(q, peer, driver):
    """kill -9 of inet itself: RS restarts it; the new inet finds the driver already in DS
    (DSF_INITIAL), configures it, and (its ARP cache gone) asks for the peer's MAC before
    its first reply."""
    kill_and_reconfigure(q, peer, "inet", driver, 0)
    data = b"after inet's restart"
    peer.send(eth(peer.guest, PEER_MAC, ETH_IP,
                  ipv4(PEER_IP, GUEST_IP, 1, icmp_echo(0x6161, 1, data))))
    f = peer.wait(is_arp(1, PEER_IP), what="ARP request for %s" % PEER_IP)
    peer.send(eth(peer.guest, PEER_MAC, ETH_ARP, arp(2, PEER_MAC, PEER_IP, peer.guest,
                                                      GUEST_IP)))
    f = peer.wait(is_ip_from(GUEST_IP, 1, 0), what="echo reply after inet's restart")
    check_echo_reply(peer, f, PEER_MAC, PEER_IP, 0x6161, 1, data)
    return ["inet restarted, %s_0 configured again, ARP, then the reply" % driver,
            ping(peer, 300, 99)]


BAD_CONF = [
    "# inet.conf with one good line and five bad ones",
    CONF % "e1000",
    "eth1 e1000 0 { };",
    "eth1 fxp 0 { addr 10.0.3.1; netmask 255.255.0.255; };",
    "eth1 fxp 0 { gateway 10.0.2.1; };",
    "eth2 rtl8139 0 { mtu 1500; };",
    "eth1 fxp 0 { default; };",
]
BAD_REPORTS = [
    (3, r"e1000_0 already on line 2"),
    (4, r"netmask is not contiguous ones then zeros"),
    (5, r"gateway must be another address inside addr/netmask"),
    (6, r"unknown option \"mtu\""),
    (7, r"a second default route \(line 2 has one\)"),
]


def conf_step(q):
    """inet started with a file of good and bad lines: each bad one reported with its
    number, the good one kept; then inet is taken down again."""
    for line in BAD_CONF:       # one command each: the console's line is short
        run(q, "echo '%s' >> /tmp/bad.conf" % line)
    start = len(q.output)
    run(q, "service up /service/inet -args conf=/tmp/bad.conf")
    wait_text(q, r"^(?:# )?inet: lo: 127\.0\.0\.1 answered", start, 30)
    out = q.output[start:]
    run(q, "service down inet")
    return out


def session(t, driver, full=True):
    """The session with driver's card (QEMU model = driver name); full: every step, else
    the smaller set a second driver runs (up, ARP, ping, bad frames, kill)."""
    link = Link(0, driver, GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=300)
    peer = Peer(link)
    results = {}
    try:
        wait_text(q, r"^# ", 0, 60)
        if full:
            step(results, "conf", lambda: conf_step(q))
        run(q, "echo '%s' > /tmp/inet.conf" % (CONF % driver))
        start = len(q.output)
        for _ in range(50):     # again while RS still frees the label of the first inet
            out = run(q, "service up /service/inet -args conf=/tmp/inet.conf")
            if "busy" not in out:
                break
            time.sleep(0.2)
        results["lo"] = wait_text(q, r"^(?:# )?inet: lo: 127\.0\.0\.1 answered .*$", start,
                                  30).group(0)
        start = len(q.output)
        out = run(q, 'service up /service/%s -label %s_0 -args "instance=0"'
                  % (driver, driver))
        if not re.search(r"^(?:# )?service %s_0 up" % driver, out, re.M):
            raise CheckFailure("service up %s_0 failed:\n%s" % (driver, out))
        results["up"] = wait_text(q, r"^(?:# )?inet: eth0: %s_0 configured, .*$" % driver,
                                  start, 30).group(0)
        step(results, "arp", lambda: arp_step(peer))
        step(results, "ping", lambda: ping_step(peer))
        if full:
            step(results, "udp", lambda: udp_step(peer))
        step(results, "bad", lambda: bad_step(peer))
        if full:
            step(results, "resolve", lambda: resolve_step(peer))
        step(results, "kill", lambda: kill_step(q, peer, driver))
        if full:
            step(results, "update", lambda: update_step(q, peer, driver))
            time.sleep(1)
            mark = len(q.output)
            step(results, "status", lambda: run(q, "kill -USR1 %d; sleep 1"
                                                % pid_of(q, "inet"))
                 + wait_text(q, r"^(?:# )?inet: eth0: .*$", mark, 10).group(0))
            step(results, "inet_restart", lambda: inet_restart_step(q, peer, driver))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on a UDP wire to the grader; start inet with a static "
         "address, then e1000_0; the grader is the peer at the frame level", timeout=300)
def inet_ip_session(t):
    return session(t, "e1000")


@test(2, "inet: the loopback interface answers with no card; inet finds e1000_0 through "
         "DS and configures it", parent=inet_ip_session)
def inet_ip_up(t):
    t.match(value(t, "lo"),
            r"^(?:# )?inet: lo: 127\.0\.0\.1 answered echo request 1 \(100 bytes\)$")
    t.match(value(t, "up"), configured("e1000", 0))


@test(2, "inet: a bad inet.conf line is reported with its number and reason and left "
         "out; the good lines still count", parent=inet_ip_session)
def inet_ip_conf(t):
    t.match(value(t, "conf"),
            *[r"^(?:# )?inet: /tmp/bad\.conf:%d: %s \(line ignored\)$" % (n, why)
              for n, why in BAD_REPORTS],
            r"^(?:# )?inet: up: lo 127\.0\.0\.1, 1 Ethernet interface from /tmp/bad\.conf$",
            no=[r"^(?:# )?inet: /tmp/bad\.conf:[12]:"])


@test(2, "inet: an ARP request for its address gets a correct ARP reply",
      parent=inet_ip_session)
def inet_ip_arp(t):
    value(t, "arp")


@test(3, "inet: echo requests of %d sizes (odd ones too) get correct echo replies"
      % len(PING_SIZES), parent=inet_ip_session)
def inet_ip_ping(t):
    value(t, "ping")


@test(2, "inet: UDP to a closed port gets ICMP port unreachable; a bad UDP checksum gets "
         "nothing", parent=inet_ip_session)
def inet_ip_udp(t):
    value(t, "udp")


@test(3, "inet: malformed frames (IP checksum, header length, TTL 0, truncated, fragments, "
         "ARP garbage ...) are dropped silently and inet keeps answering",
      parent=inet_ip_session)
def inet_ip_bad(t):
    value(t, "bad")


@test(2, "inet: to answer a host it does not know inet sends ARP requests (%d, a second "
         "apart, when nobody answers)" % ARP_TRIES, parent=inet_ip_session)
def inet_ip_resolve(t):
    value(t, "resolve")


@test(3, "inet: kill -9 of e1000_0: RS restarts it, inet configures it again, ping works",
      parent=inet_ip_session)
def inet_ip_kill(t):
    value(t, "kill")


@test(2, "inet: service update of e1000_0: the new version is configured again, ping works",
      parent=inet_ip_session)
def inet_ip_update(t):
    value(t, "update")


@test(2, "inet: kill -9 of inet itself: RS restarts it, it finds the running e1000_0 in "
         "DS, configures it, resolves the peer again and answers", parent=inet_ip_session)
def inet_ip_restart(t):
    value(t, "inet_restart")


@test(1, "inet: no packet buffer is left in use once the traffic is over",
      parent=inet_ip_session)
def inet_ip_leak(t):
    t.match(value(t, "status"),
            r"^(?:# )?inet: status \(SIGUSR1\): pbufs 0 in use, peak \d+",
            r"^(?:# )?inet: eth0: e1000_0 state 2 .* restarts 2$")


# The same network layer over another driver: rtl8139 (inet talks DL_ to any of them).
@test(0, "boot with an rtl8139 on a UDP wire; start inet, then rtl8139_0", timeout=300)
def inet_ip_rtl8139_session(t):
    return session(t, "rtl8139", full=False)


@test(3, "inet over rtl8139: configured through DS; ARP reply, echo replies of %d sizes, "
         "malformed frames dropped" % len(PING_SIZES), parent=inet_ip_rtl8139_session)
def inet_ip_rtl8139(t):
    t.match(value(t, "up"), configured("rtl8139", 0))
    for name in ("arp", "ping", "bad"):
        value(t, name)


@test(2, "inet over rtl8139: kill -9 of rtl8139_0: configured again, ping works",
      parent=inet_ip_rtl8139_session)
def inet_ip_rtl8139_kill(t):
    value(t, "kill")


# No card at all (-nic none): inet with the shipped /etc/inet.conf (eth0 on e1000_0).
def nocard_session(t):
    q = t.launch(extra_args=["-nic", "none"], timeout=120)
    try:
        wait_text(q, r"^# ", 0, 60)
        start = len(q.output)
        run(q, "service up /service/inet")
        wait_text(q, r"^(?:# )?inet: lo: 127\.0\.0\.1 answered .*$", start, 30)
        run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
        wait_text(q, r"^(?:# )?inet: eth0: e1000_0 has no card \(ENXIO\)$", start, 30)
        time.sleep(2.5)         # past CONF_RETRY: no DL_CONF again after ENXIO
        run(q, "service lookup inet")
        return q.output[start:]
    finally:
        q.stop()


@test(0, "boot with no network card; start inet with /etc/inet.conf, then e1000_0",
      timeout=120)
def inet_ip_nocard_session(t):
    return nocard_session(t)


@test(2, "inet with no card: /etc/inet.conf read, the loopback interface answers, the "
         "driver's ENXIO is reported and inet stays up", parent=inet_ip_nocard_session)
def inet_ip_nocard(t):
    t.match(t.parent_value,
            r"^(?:# )?inet: up: lo 127\.0\.0\.1, 1 Ethernet interface from /etc/inet\.conf$",
            r"^(?:# )?inet: lo: 127\.0\.0\.1 answered echo request 1 \(100 bytes\)$",
            r"^(?:# )?inet: eth0: e1000_0 has no card \(ENXIO\)$",
            r"^(?:# )?inet: endpoint \d+, pid \d+$",
            no=[r"panic", r"inet: .*line ignored", r"inet: eth0: e1000_0 configured"])
    if t.parent_value.count("e1000_0 has no card") != 1:
        raise CheckFailure("inet configured the card-less driver more than once:\n%s"
                           % t.parent_value)
