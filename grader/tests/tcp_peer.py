# The grader as a TCP peer at the frame level (for inet_tcp.py): building segments to the
# guest (10.0.2.15) from 10.0.2.2, reading and checking the guest's (IP and TCP checksums,
# ports), and a small connection object that keeps the numbers of one connection so a
# test can drop, reorder or hold back segments on purpose.  Written from RFC 793's
# header layout; it shares nothing with inet's code.

import random
import struct
import time

from grader.match import CheckFailure
from grader.tests.inet_ip import ETH_IP, GUEST_IP, PEER_IP, cksum, eth, ip4, ipv4, parse_ip
from grader.tests.inet_udp import answering_arp
from grader.tests.net_common import PEER_MAC

FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


def mss_option(mss):
    return struct.pack("!BBH", 2, 4, mss)


def tcp(src, dst, sport, dport, seq, ack, flags, win=8192, data=b"", opts=b"",
        bad_sum=False, off=None):
    """A TCP segment with a right checksum (or a wrong one with bad_sum); off: the data
    offset field in words (default: header and options)."""
    hl = 20 + len(opts)
    words = hl // 4 if off is None else off
    h = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                    words << 4, flags, win, 0, 0) + opts
    seg = h + data
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(seg))
    s = cksum(pseudo + seg) ^ (0x0101 if bad_sum else 0)
    return seg[:16] + struct.pack("!H", s) + seg[18:]


def tcp_frame(peer, sport, dport, seq, ack, flags, **kw):
    """The Ethernet frame of a segment from the grader to the guest."""
    seg = tcp(PEER_IP, GUEST_IP, sport, dport, seq, ack, flags, **kw)
    return eth(peer.guest, PEER_MAC, ETH_IP, ipv4(PEER_IP, GUEST_IP, 6, seg))


class Seg:
    """A segment the guest sent, checked: IP header, TCP checksum, data offset."""

    def __init__(self, f):
        h, t = parse_ip(f)
        if h[9] != 6 or h[12:16] != ip4(GUEST_IP) or h[16:20] != ip4(PEER_IP):
            raise CheckFailure("not a TCP segment from the guest to us: %s" % h.hex())
        pseudo = h[12:20] + struct.pack("!BBH", 0, 6, len(t))
        if len(t) < 20 or cksum(pseudo + t) != 0:
            raise CheckFailure("wrong TCP checksum from the guest: %s" % t[:20].hex())
        (self.sport, self.dport, self.seq, self.ack, off, self.flags, self.win, _,
         _) = struct.unpack("!HHIIBBHHH", t[:20])
        hl = (off >> 4) * 4
        if hl < 20 or hl > len(t):
            raise CheckFailure("bad data offset %d from the guest" % hl)
        self.opts, self.data = t[20:hl], t[hl:]
        self.len = len(self.data) + (1 if self.flags & SYN else 0) + \
            (1 if self.flags & FIN else 0)

    def mss(self):
        """The MSS option's value, or None."""
        i, o = 0, self.opts
        while i < len(o) and o[i] != 0:
            if o[i] == 1:
                i += 1
                continue
            if i + 1 >= len(o) or o[i + 1] < 2:
                break
            if o[i] == 2 and o[i + 1] == 4:
                return struct.unpack("!H", o[i + 2:i + 4])[0]
            i += o[i + 1]
        return None

    def __str__(self):
        names = "".join(n for b, n in ((SYN, "S"), (ACK, "A"), (FIN, "F"), (RST, "R"),
                                         (PSH, "P")) if self.flags & b)
        return "%d->%d %s seq=%d ack=%d win=%d len=%d" % (self.sport, self.dport, names,
                                                         self.seq, self.ack, self.win,
                                                         len(self.data))


def is_tcp(sport=None, dport=None):
    """A predicate: a TCP frame from the guest with these ports."""
    def pred(f):
        if len(f) < 54 or struct.unpack("!H", f[12:14])[0] != ETH_IP or f[23] != 6:
            return False
        hl = (f[14] & 15) * 4
        sp, dp = struct.unpack("!HH", f[14 + hl:14 + hl + 4])
        return (sport is None or sp == sport) and (dport is None or dp == dport)
    return pred


def next_seg(peer, sport=None, dport=None, timeout=5.0, what="a TCP segment"):
    """The guest's next segment with these ports (ARP requests answered on the way)."""
    return Seg(peer.wait(answering_arp(peer, is_tcp(sport, dport)), timeout=timeout,
                         what=what))


class Conn:
    """One connection between the grader (port mine) and the guest (port theirs)."""

    def __init__(self, peer, mine, theirs=None, win=8192):
        self.peer, self.mine, self.theirs, self.win = peer, mine, theirs, win
        self.iss = random.randrange(1 << 32)
        self.snd_nxt = self.iss
        self.rcv_nxt = None
        self.guest_mss = None

    def send(self, flags, data=b"", seq=None, win=None, **kw):
        seq = self.snd_nxt if seq is None else seq
        ack = self.rcv_nxt if (flags & ACK) else 0
        self.peer.send(tcp_frame(self.peer, self.mine, self.theirs, seq, ack or 0, flags,
                                 win=self.win if win is None else win, data=data, **kw))

    def seg(self, timeout=5.0, what="a segment"):
        return next_seg(self.peer, self.theirs, self.mine, timeout, what)

    def connect(self, mss=1000):
        """Active open to the guest's port: SYN (with our MSS), SYN-ACK checked, ACK."""
        self.send(SYN, opts=mss_option(mss))
        self.snd_nxt += 1
        s = self.seg(what="the SYN-ACK")
        if s.flags & (SYN | ACK | RST) != SYN | ACK or s.ack != self.snd_nxt & 0xffffffff:
            raise CheckFailure("wanted SYN-ACK acking %d, got %s" % (self.snd_nxt, s))
        self.guest_mss = s.mss()
        self.rcv_nxt = (s.seq + 1) & 0xffffffff
        self.send(ACK)
        return s

    def accept(self, timeout=10.0):
        """Passive open: the guest's SYN to our port, SYN-ACK, its ACK."""
        s = next_seg(self.peer, None, self.mine, timeout, "the guest's SYN")
        if s.flags & (SYN | ACK) != SYN:
            raise CheckFailure("wanted a SYN, got %s" % s)
        self.theirs, self.guest_mss = s.sport, s.mss()
        self.rcv_nxt = (s.seq + 1) & 0xffffffff
        self.send(SYN | ACK, opts=mss_option(1460))
        self.snd_nxt += 1
        a = self.seg(what="the ACK of our SYN-ACK")
        if not a.flags & ACK or a.ack != self.snd_nxt & 0xffffffff:
            raise CheckFailure("wanted the ACK of our SYN, got %s" % a)
        return s

    def write(self, data, mss=1000):
        """Send data in order in segments of mss, waiting for nothing."""
        for i in range(0, len(data), mss):
            self.send(ACK | PSH, data[i:i + mss])
            self.snd_nxt += len(data[i:i + mss])

    def read(self, drop=lambda s, k: False, win=None, limit=30.0, until_fin=True):
        """The guest's bytes in order until its FIN (acked): (data, segments seen).
        drop(seg, k) may refuse the k-th data segment (no ACK, as if lost); win(total)
        gives the window to announce after total bytes."""
        data, segs, k = bytearray(), [], 0
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            s = self.seg(timeout=max(0.1, deadline - time.monotonic()), what="data")
            segs.append((time.monotonic(), s))
            if s.flags & RST:
                raise CheckFailure("the guest reset the connection: %s" % s)
            if s.data and drop(s, k):
                k += 1
                continue
            k += 1 if s.data else 0
            if s.seq == self.rcv_nxt:
                data += s.data
                self.rcv_nxt = (self.rcv_nxt + len(s.data)) & 0xffffffff
                if s.flags & FIN:
                    self.rcv_nxt = (self.rcv_nxt + 1) & 0xffffffff
            if s.len:
                self.send(ACK, win=None if win is None else win(len(data)))
            if s.flags & FIN and (s.seq + len(s.data) + 1) & 0xffffffff == self.rcv_nxt \
                    and until_fin:
                return bytes(data), segs
        raise CheckFailure("no FIN from the guest in %.0f s (%d bytes came)" % (limit,
                                                                              len(data)))

    def close(self):
        """Our FIN; the guest's ACK of it."""
        self.send(FIN | ACK)
        self.snd_nxt += 1
        a = self.seg(what="the ACK of our FIN")
        while a.ack != self.snd_nxt & 0xffffffff:
            a = self.seg(what="the ACK of our FIN")
        return a
