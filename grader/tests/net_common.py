# The grader as the other end of a network card's wire (handouts/netdriver.md, "Testing at
# the link level"); no tests here.  Used by net_e1000.py (and the fxp and rtl8139 tests)
# and by tools/bench.py (make bench: 1514-byte frames, flow-controlled by pump()).
#
# QEMU connects a guest NIC to a UDP socket with `-netdev dgram`: every Ethernet frame the
# card sends arrives as one datagram on the grader's socket, and every datagram the grader
# sends arrives at the card as one frame.  A Link is one such wire: the grader binds its
# socket to a free port B, picks a free port A for QEMU, and gives QEMU
#   -netdev dgram,id=nN,local...port=A,remote...port=B  -device MODEL,netdev=nN,mac=MAC
# A thread receives what the guest sends (Link.frames); Link.send() sends one frame.
#
# The frames of /test/dltest (commands/tests/dltest.c says the layout): a data frame's size
# (60..1514) and payload come from xorshift32 seeded with frame_seed(SEED, dir, seq), so
# both ends derive the same frames from the seed alone; the header carries seq, an ack
# (the sender's receive progress, for flow control), the kind and the direction.
# Link.pump() sends the grader's N frames no further than WINDOW ahead of the guest's ack
# (the card's receive ring holds 256 frames), going on anyway when the ack stalls for half
# a second (the driver is restarting: those frames are lost, which dltest counts).
# check_stream() checks what the guest sent: each frame byte for byte, no seq twice, the
# order kept.

import socket
import struct
import threading
import time

from grader.match import CheckFailure

ETHERTYPE = 0x88b5
HDR_SIZE = 30
KIND_DATA, KIND_ACK, KIND_END = 0, 1, 2
DIR_OUT, DIR_IN = 0, 1          # guest -> grader, grader -> guest
PEER_MAC = bytes([0x02, 0, 0, 0, 0, 0x01])     # the grader's end of the wire
BROADCAST = b"\xff" * 6
MASK = 0xffffffff
WINDOW = 64                     # frames the grader may be ahead of the guest's ack
STALL = 2.0                     # seconds without ack progress before pump goes on


def mac_bytes(mac):
    """'52:54:00:12:34:56' -> 6 bytes."""
    return bytes(int(x, 16) for x in mac.split(":"))


def free_udp_port():
    """A UDP port on 127.0.0.1 nobody uses now (for QEMU's end)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def frame_seed(seed, direction, seq):
    x = (seed * 2654435761 + direction * 0x9e3779b9 + seq * 0x85ebca6b + 1) & MASK
    return x or 1


def make_frame(seed, direction, seq, dst, src, ack=0):
    """Data frame seq of a direction, as dltest builds it (make_frame in dltest.c)."""
    x = frame_seed(seed, direction, seq)

    def rnd():
        nonlocal x
        x ^= (x << 13) & MASK
        x ^= x >> 17
        x ^= (x << 5) & MASK
        return x

    size = 60 + rnd() % (1514 - 60 + 1)
    words = (size - HDR_SIZE + 3) // 4
    payload = struct.pack("<%dI" % words, *[rnd() for _ in range(words)])
    header = dst + src + struct.pack(">H4sIIBBH", ETHERTYPE, b"MNW1", seq, ack, KIND_DATA,
                                     direction, size)
    return header + payload[:size - HDR_SIZE]


def special_frame(kind, dst, src=PEER_MAC, size=60):
    """A frame of size bytes, zeros after the header, seq all ones (KIND_END ends dltest's
    filter phase; a 1514-byte KIND_DATA one feeds its bench phase, which counts frames)."""
    f = dst + src + struct.pack(">H4sIIBBH", ETHERTYPE, b"MNW1", MASK, 0, kind, DIR_IN, size)
    return f + bytes(size - len(f))


def parse(frame):
    """(seq, ack, kind, direction, size) of a dltest frame, or None."""
    if len(frame) < HDR_SIZE or frame[14:18] != b"MNW1":
        return None
    return struct.unpack(">IIBBH", frame[18:HDR_SIZE])


class Link:
    """One wire: a NIC of model `model` with `mac` in the guest, our UDP socket here."""

    def __init__(self, index=0, model="e1000", mac="52:54:00:12:34:56"):
        self.index, self.model, self.mac = index, model, mac
        self.guest_mac = mac_bytes(mac)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.qemu_port = free_udp_port()
        self.frames = []                # every datagram the guest sent, in order
        self.times = []                 # when each arrived (time.monotonic())
        self.ack = 0                    # the highest ack the guest sent
        self.sent = 0                   # frames pump() sent
        self.cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._receive, daemon=True)
        self._thread.start()

    def qemu_args(self):
        """QEMU's options for this NIC."""
        nd = "n%d" % self.index
        return ["-netdev", "dgram,id=%s,local.type=inet,local.host=127.0.0.1,local.port=%d,"
                "remote.type=inet,remote.host=127.0.0.1,remote.port=%d"
                % (nd, self.qemu_port, self.port),
                "-device", "%s,netdev=%s,mac=%s" % (self.model, nd, self.mac)]

    def _receive(self):
        self.sock.settimeout(0.2)
        while not self._closed:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            h = parse(data)
            with self.cond:
                self.frames.append(data)
                self.times.append(time.monotonic())
                if h is not None and h[3] == DIR_OUT:
                    self.ack = max(self.ack, h[1])
                self.cond.notify_all()

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))

    def pump(self, seed, count, window=WINDOW, stop=None, hold=None, frame=None):
        """Send data frames 0..count-1 to the guest, at most window ahead of its ack.
        hold: (seq, event): before frame seq, wait until the event is set (the caller
        restarts the driver meanwhile, so that the restart lands while frames flow).
        frame: a function seq -> the frame to send (default: seed's data frame seq)."""
        last_ack, last_move = -1, time.monotonic()
        base = 0
        for seq in range(count):
            if hold is not None and seq == hold[0]:
                while not hold[1].wait(0.05):
                    if stop is not None and stop.is_set():
                        return
            with self.cond:
                while seq - max(self.ack, base) >= window:
                    if stop is not None and stop.is_set():
                        return
                    if self.ack != last_ack:
                        last_ack, last_move = self.ack, time.monotonic()
                    elif time.monotonic() - last_move > STALL:
                        base, last_move = seq, time.monotonic()   # lost: go on
                        break
                    self.cond.wait(0.05)
            self.send(frame(seq) if frame is not None else
                      make_frame(seed, DIR_IN, seq, self.guest_mac, PEER_MAC))
            self.sent = seq + 1

    def pump_thread(self, seed, count, hold=None, **kwargs):
        """pump() in a background thread (kwargs: its window and frame); returns (thread,
        stop event)."""
        stop = threading.Event()
        th = threading.Thread(target=self.pump, args=(seed, count),
                              kwargs=dict(kwargs, stop=stop, hold=hold), daemon=True)
        th.start()
        return th, stop

    def data_frames(self):
        with self.cond:
            return [f for f in self.frames if (parse(f) or (0, 0, -1))[2] == KIND_DATA]

    def reset(self):
        """Forget what earlier runs sent and received (frames, ack, count)."""
        with self.cond:
            self.frames.clear()
            self.times.clear()
            self.ack = self.sent = 0

    def close(self):
        self._closed = True
        self.sock.close()


def check_stream(link, seed, expect=None):
    """The guest's data frames on link: every one byte for byte as seed says, seqs strictly
    increasing (no duplicate).  Returns the list of seqs; raises CheckFailure otherwise.
    expect: the exact count wanted (None: any)."""
    seqs, problems = [], []
    for f in link.data_frames():
        seq, ack, kind, direction, size = parse(f)
        want = make_frame(seed, DIR_OUT, seq, PEER_MAC, link.guest_mac, ack)
        if f != want:
            problems.append("frame seq %d (%d bytes) differs from the seed's (%d bytes)"
                            % (seq, len(f), len(want)))
        elif seqs and seq <= seqs[-1]:
            problems.append("frame seq %d after seq %d (duplicate or reordered)"
                            % (seq, seqs[-1]))
        else:
            seqs.append(seq)
    if problems:
        raise CheckFailure("%d bad frames from the guest on link %d, e.g.:\n  %s"
                           % (len(problems), link.index, "\n  ".join(problems[:5])))
    if expect is not None and len(seqs) != expect:
        raise CheckFailure("the grader received %d good frames on link %d, want %d"
                           % (len(seqs), link.index, expect))
    return seqs
