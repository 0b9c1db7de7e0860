# The grader as the other end of a network card's wire, and the /test/dltest session every
# network driver's tests run (handouts/netdriver.md, "Testing at the link level"); no tests
# here.  net_e1000.py, net_rtl8139.py and net_fxp.py each describe their cards (a Card) and
# register the session's tests with register(); they hold only what differs.
# tools/bench.py (make bench) uses the Link: 1514-byte frames, flow-controlled by pump().
#
# The wire.  QEMU connects a guest NIC to a UDP socket with `-netdev dgram`: every Ethernet
# frame the card sends arrives as one datagram on the grader's socket, and every datagram
# the grader sends arrives at the card as one frame.  A Link is one such wire: the grader
# binds its socket to a free port B, picks a free port A for QEMU, and gives QEMU
#   -netdev dgram,id=nN,local...port=A,remote...port=B  -device MODEL,netdev=nN,mac=MAC
# A thread receives what the guest sends (Link.frames); Link.send() sends one frame.
#
# The frames of /test/dltest (commands/tests/dltest.c says the layout): a data frame's size
# (60..1514) and payload come from xorshift32 seeded with frame_seed(SEED, dir, seq), so
# both ends derive the same frames from the seed alone; the header carries seq, an ack
# (the sender's receive progress, for flow control), the kind and the direction.
# Link.pump() sends the grader's N frames no further than WINDOW ahead of the guest's ack
# (every driver's receive ring holds more), going on anyway when the ack stalls for STALL
# seconds (the driver is restarting: those frames are lost, which dltest counts).
# Link.reset() between steps forgets the last step's ack: a stale ack would open the window
# wide and send a whole step's frames at once.  check_stream() checks what the guest sent:
# each frame byte for byte, no seq twice, the order kept.
#
# The session (session()): one boot with two cards of the driver on two wires; at the root
# shell it starts the instances <drv>_0 (callers=dltest) and <drv>_1 (callers=dltest2),
# then runs /test/dltest as a service for each step, the grader sending and checking
# frames meanwhile:
#   conf       DL_CONF on each instance answers OK and the MAC QEMU was given
#   bad        bad vectors, sizes, grants, modes and requests answered with errors; a stored
#              read completed by the grader's frame (unsolicited reply); a write in three
#              pieces reaches the grader byte for byte
#   filter     for modes none, b, m, p: frames to the card's MAC, to another MAC, broadcast
#              and multicast; only the ones the mode admits are delivered
#   oversize   a 1518-byte frame is counted as a receive error, not delivered
#   (the driver's own steps, Card.extra_steps)
#   traffic    N frames each way on <drv>_0, random sizes and contents from the seed, checked
#              byte for byte at both ends, and the statistics counters against the traffic
#   two        both cards at once, each with its own client and seed: each stream only on
#              its own wire
#   kill       kill -9 of <drv>_0 under traffic: the grader holds its frames at a quarter of
#              the stream until RS says the driver is back, then sends the rest while the
#              client configures it again (frames in that gap are lost); the client's write
#              before DL_CONF goes unanswered, traffic resumes, no frame twice or corrupted
#   update     the same with `service update` of Card.update_instance to its own program
#   enxio      a third instance (instance=2: there are two cards) answers DL_CONF ENXIO
# Guest lines may follow the shell's prompt on the same console line: the patterns allow a
# "# " before them.

import os
import re
import socket
import struct
import threading
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import FULL, SEED

ETHERTYPE = 0x88b5
HDR_SIZE = 30
KIND_DATA, KIND_ACK, KIND_END = 0, 1, 2
DIR_OUT, DIR_IN = 0, 1          # guest -> grader, grader -> guest
PEER_MAC = bytes([0x02, 0, 0, 0, 0, 0x01])     # the grader's end of the wire
BROADCAST = b"\xff" * 6
MASK = 0xffffffff
WINDOW = 64                     # frames the grader may be ahead of the guest's ack
                                # (fewer than any driver's receive ring holds)
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

    def wait_data(self, count, timeout=2.0):
        """Wait up to timeout seconds until count data frames have come from the guest
        (a frame the guest says it sent may still be on its way)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.data_frames()) < count and time.monotonic() < deadline:
                self.cond.wait(0.05)

    def wait_quiet(self, quiet=1.0, timeout=30.0):
        """Wait until the guest's ack has moved and then not moved for quiet seconds (it
        has taken in what it will), at most timeout seconds."""
        deadline = time.monotonic() + timeout
        while self.ack == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        last, since = self.ack, time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - since < quiet:
            time.sleep(0.05)
            if self.ack != last:
                last, since = self.ack, time.monotonic()

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


# ---- the dltest session ---------------------------------------------------------------

PROMPT = r"^# "
CLIENT_CONF = "/tmp/dltest.conf"
OTHER_MAC = bytes([0x02, 0, 0, 0, 0, 0x99])
MULTICAST = bytes([0x01, 0x00, 0x5e, 0x00, 0x00, 0x01])
FILTER_EACH = 5                         # frames of each kind in a filter step
MODES = ("-", "b", "m", "p")
NOISE = (r"^(?:# )?FAIL", r"^(?:# )?panic")
DONE_ANY = r"^(?:# )?DONE dltest \d+ passed, \d+ failed$"   # a dltest run ended
SUMMARY = r"^(?:# )?dltest: traffic %s sent=(\d+) recv=(\d+) dup=(\d+) bad=(\d+) errors=(\d+) " \
          r"acks=(\d+) restarts=(\d+) gate=(\d+)/(\d+) lost_inflight=(\d+)$"
BAD_CASES = ("bad_count0", "bad_count65", "bad_size59", "bad_size1515", "bad_size1515_pieces",
             "bad_vector_grant", "bad_piece_grant", "bad_read_short", "bad_read_count0",
             "bad_mode", "conf_again", "bad_unknown", "stored_read", "second_read_ebusy",
             "stored_read_done", "write_pieces", "stat_after")


def wait_text(q, regex, start, timeout=30, unless=None):
    """Wait until regex matches a line of the console text after offset start (a line
    start; the prompt may end the text); the match.  The console's own cursor is not used:
    the guest's services print while the shell runs commands.  unless: a regex that, found
    after start first, ends the wait at once with a failure (a client that finished before
    saying what was awaited: its DONE line, DONE_ANY)."""
    pattern = re.compile(regex, re.M)
    stop = re.compile(unless, re.M) if unless else None
    deadline = time.monotonic() + timeout
    while True:
        m = pattern.search(q.output, start)
        if m:
            return m
        early = stop.search(q.output, start) if stop else None
        if early:
            raise CheckFailure("%r came before %r; the console's end:\n%s"
                               % (early.group(0), regex, q.output[-3000:]))
        if time.monotonic() > deadline or not q.running():
            raise CheckFailure("%s waiting for %r; the console's end:\n%s"
                               % ("timed out" if q.running() else "QEMU ended", regex,
                                  q.output[-3000:]))
        time.sleep(0.05)


def run(q, command, timeout=30):
    """Type command at the prompt; its output up to the next prompt."""
    start = len(q.output)
    q.send_line(command)
    m = wait_text(q, PROMPT, start + 1, timeout)
    return q.output[start:m.start()]


def client_conf(root):
    """The entries of dltest and dltest2 in commands/tests/system.conf (one line each)."""
    with open(os.path.join(root, "commands/tests/system.conf")) as f:
        return [l.strip() for l in f if re.match(r"^service dltest2?\s", l)]


def client(driver):
    """The client label instance `driver` admits: dltest2 for <drv>_1, else dltest."""
    return "dltest2" if driver.endswith("_1") else "dltest"


def start_client(q, driver, args):
    """service run /test/dltest for driver with args (again while RS still frees the slot
    of the previous run: service says "busy"); checks that it started; the console offset
    where it started."""
    label = client(driver)
    for _ in range(50):
        start = len(q.output)
        out = run(q, 'service run /test/dltest -label %s -config %s -args "%s %s"'
                  % (label, CLIENT_CONF, driver, args))
        if not re.search(r"^(?:# )?service: run .*: busy", out, re.M):
            break
        time.sleep(0.2)
    if not re.search(r"^(?:# )?rs: service %s up" % label, out, re.M):
        raise CheckFailure("service run dltest failed:\n%s" % out)
    return start


def dltest(q, driver, args, client_timeout=120):
    """service run /test/dltest; wait for its DONE line; the console text of the run."""
    start = start_client(q, driver, args)
    m = wait_text(q, r"^(?:# )?DONE dltest \d+ passed, \d+ failed$", start, client_timeout)
    return q.output[start:m.end()]


def traffic(q, streams, kill=None):
    """Run traffic on each (driver, link, seed, n) of streams at once; kill, if given, is
    typed at the shell once a quarter of the first stream is sent, while the grader holds
    its next frames back until RS says the driver is back (restarted or updated): the
    restart lands while frames flow, however fast the rest goes.  Returns
    {driver: (console text of its run, seqs the grader got, frames the grader sent)}."""
    starts = {}
    for driver, link, seed, n in streams:
        link.reset()
        starts[driver] = start_client(q, driver, "traffic %d %d %d" % (seed, n, n))
    for driver, link, seed, n in streams:
        wait_text(q, r"^(?:# )?dltest: traffic ready", starts[driver], unless=DONE_ANY)
    resume = threading.Event()
    pumps = []
    for i, (driver, link, seed, n) in enumerate(streams):
        hold = (n // 4, resume) if kill is not None and i == 0 else None
        pumps.append(link.pump_thread(seed, n, hold=hold))
    if kill is not None:
        driver, first, n = streams[0][0], streams[0][1], streams[0][3]
        deadline = time.monotonic() + 60
        while first.sent < n // 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        mark = len(q.output)
        kill()
        wait_text(q, r"^rs: service %s (?:restarted|updated)" % re.escape(driver), mark, 60)
        resume.set()
    for driver, link, seed, n in streams:
        wait_text(q, SUMMARY % re.escape(driver), starts[driver], 240)
        wait_text(q, r"^(?:# )?DONE dltest", starts[driver], 30)
    for th, stop in pumps:
        stop.set()
        th.join(5)
    return {driver: (q.output[starts[driver]:], check_stream(link, seed), link.sent)
            for driver, link, seed, n in streams}


def step(results, name, func):
    """Run one step of the session; its value or the CheckFailure into results."""
    t0 = time.monotonic()
    try:
        results[name] = func()
    except CheckFailure as e:
        results[name] = e
    results[name + "_seconds"] = time.monotonic() - t0


def filter_run(q, link, driver, mode, groups, gap=None):
    """dltest's filter phase on driver with mode: send each group of frames (the grader
    waits for gap, a console regex, between groups), then the end frame; the run's text."""
    start = start_client(q, driver, "filter " + mode)
    wait_text(q, r"^(?:# )?dltest: filter ready mode=%s" % re.escape(mode), start,
              unless=DONE_ANY)
    for i, group in enumerate(groups):
        if i > 0 and gap is not None:
            wait_text(q, gap, start)
        for f in group:
            link.send(f)
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()   # then read q.output
    return q.output[start:end]


def filter_frames(link, seed):
    """FILTER_EACH frames to the card's MAC, to another MAC, broadcast and multicast."""
    frames = []
    for dst in (link.guest_mac, OTHER_MAC, BROADCAST, MULTICAST):
        for _ in range(FILTER_EACH):
            frames.append(make_frame(seed, DIR_IN, len(frames), dst, PEER_MAC))
    return frames


def long_step(q, link, driver, seed, size, gap=None):
    """A frame of size bytes to the card, then a good one (after the console says gap)."""
    big = make_frame(seed, DIR_IN, 0, link.guest_mac, PEER_MAC)
    good = make_frame(seed, DIR_IN, 1, link.guest_mac, PEER_MAC)
    return filter_run(q, link, driver, "-", [[(big + bytes(size))[:size]], [good]], gap)


def bad_step(q, link, driver, seed):
    """dltest's bad phase; the grader's frame completes its stored read.  (text, seqs)."""
    link.reset()
    start = start_client(q, driver, "bad %d" % seed)
    wait_text(q, r"^(?:# )?dltest: bad waiting for frame 0$", start, 60, unless=DONE_ANY)
    link.send(make_frame(seed, DIR_IN, 0, link.guest_mac, PEER_MAC))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
    link.wait_data(1)
    return q.output[start:end], check_stream(link, seed)


def pid_of(q, label):
    """The pid `service lookup label` prints.  Its own line is awaited, not the next prompt:
    a background job's "Done" line and a fresh prompt may come first."""
    start = len(q.output)
    q.send_line("service lookup %s" % label)
    m = wait_text(q, r"^(?:# )?(?:%s: endpoint \d+, pid (\d+)|service: lookup .*)$"
                  % re.escape(label), start + 1)
    wait_text(q, PROMPT, m.end())
    if m.group(1) is None:
        raise CheckFailure("service lookup %s printed no pid:\n%s" % (label, m.group(0)))
    return int(m.group(1))


def start_instances(q, drv, count=2):
    """service up /service/<drv> as <drv>_0 .. (instance=i, callers= its client)."""
    out = ""
    for i in range(count):
        label = "%s_%d" % (drv, i)
        out += run(q, 'service up /service/%s -label %s -args "instance=%d callers=%s"'
                   % (drv, label, i, client(label)))
        if not re.search(r"^(?:# )?service %s up" % label, out, re.M):
            raise CheckFailure("service up %s failed:\n%s" % (label, out))
    return out


class Card:
    """A driver's session, described by its test file: the driver's name (its instances
    are <drv>_0 and <drv>_1), the QEMU model and MAC of each card, the frames each way in
    `traffic` and in `two`, `kill` and `update`, the instance `update` replaces
    (update_instance), the instance the oversize frame goes to, the seeds' base, the lab
    whose tests the session's are (every one but `enxio`, which no lab code decides), and
    extra_steps: (name, func(q, links)) run after `oversize`.  notes: words added to the
    titles of the tests named (conf, filter, traffic, kill, update); on_traffic(t), if set,
    logs more about a good `traffic` step."""

    def __init__(self, drv, models, macs, n_traffic, n_restart, seed, update_instance=0,
                 oversize_instance=0, extra_steps=(), notes=None, lab=None):
        self.drv, self.models, self.macs = drv, models, macs
        self.n_traffic, self.n_restart, self.seed = n_traffic, n_restart, seed
        self.update_instance, self.oversize_instance = update_instance, oversize_instance
        self.extra_steps, self.notes, self.lab = extra_steps, notes or {}, lab
        self.filters = [("%s_0" % drv, m) for m in MODES]
        self.on_traffic = None

    def label(self, i):
        return "%s_%d" % (self.drv, i)

    def note(self, name):
        return self.notes.get(name, "")


def session(t, card, timeout=600):
    """Boot with card's two cards on two wires and run every step; {step: value}."""
    links = [Link(i, model, mac) for i, (model, mac) in enumerate(zip(card.models, card.macs))]
    q = t.launch(extra_args=links[0].qemu_args() + links[1].qemu_args(), timeout=timeout)
    results = {}
    try:
        wait_text(q, PROMPT, 0, 60)
        run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(t.config.root)))
        step(results, "up", lambda: start_instances(q, card.drv))
        _session_steps(q, card, links, results)
    finally:
        q.stop()
        for link in links:
            link.close()
    results["console"] = q.output
    return results


def _session_steps(q, card, links, results):
    drv, seed, label = card.drv, card.seed, card.label
    for i in range(2):
        step(results, "conf%d" % i, lambda: dltest(q, label(i), "conf"))
    step(results, "bad", lambda: bad_step(q, links[0], label(0), seed + 5))
    for driver, mode in card.filters:
        link = links[int(driver[-1])]
        step(results, "filter%s%s" % (driver, mode), lambda: filter_run(
            q, link, driver, mode, [filter_frames(link, seed + 5)]))
    k = card.oversize_instance
    step(results, "oversize", lambda: long_step(q, links[k], label(k), seed + 5, 1518))
    for name, func in card.extra_steps:
        step(results, name, lambda: func(q, links))
    step(results, "traffic", lambda: traffic(q, [(label(0), links[0], seed, card.n_traffic)]))
    step(results, "two", lambda: traffic(q, [(label(i), links[i], seed + 1 + i,
                                                card.n_restart) for i in range(2)]))
    pid = pid_of(q, label(0))
    step(results, "kill", lambda: traffic(q, [(label(0), links[0], seed + 3, card.n_restart)],
                                          kill=lambda: q.send_line("kill -9 %d" % pid)))
    u = card.update_instance
    step(results, "update", lambda: traffic(
        q, [(label(u), links[u], seed + 4, card.n_restart)],
        kill=lambda: q.send_line("service update /service/%s -label %s" % (drv, label(u)))))
    step(results, "enxio", lambda: run(q, 'service up /service/%s -label %s_2 -args '
                                          '"instance=2 callers=dltest"' % (drv, drv)) +
         dltest(q, "%s_2" % drv, "conf"))


def value(t, name):
    """The session's value of step name (its CheckFailure raised)."""
    v = t.parent_value.get(name)
    if isinstance(v, CheckFailure):
        raise v
    if v is None:
        raise CheckFailure("the session did not reach step %s" % name)
    return v


def traffic_ok(t, result, driver, n, restarts=0):
    """A traffic step's result for driver is right: nothing twice or bad; without a
    restart every frame both ways and the statistics; with one, the gate held and traffic
    resumed (at least half each way)."""
    out, seqs, sent = result[driver]
    m = re.search(SUMMARY % re.escape(driver), out, re.M)
    if not m:
        raise CheckFailure("no summary line for %s:\n%s" % (driver, out[-2000:]))
    g = [int(x) for x in m.groups()]
    gsent, recv, dup, bad, errors, acks, rst, gate_ok, gate_n, inflight = g
    t.log("%s: guest sent %d, grader got %d; grader sent %d, guest got %d; restarts %d"
          % (driver, gsent, len(seqs), sent, recv, rst))
    if dup or bad or errors:
        raise CheckFailure("%s: %d duplicate, %d bad frames, %d errors" % (driver, dup, bad,
                                                                           errors))
    if rst != restarts:
        raise CheckFailure("%s: %d driver restarts seen, want %d" % (driver, rst, restarts))
    if restarts == 0:
        if gsent != n or len(seqs) != n or recv != n or sent != n:
            raise CheckFailure("%s: frames lost without a restart: guest sent %d, grader "
                               "got %d, grader sent %d, guest got %d (want %d each)"
                               % (driver, gsent, len(seqs), sent, recv, n))
        t.match(out, r"^(?:# )?PASS dltest_traffic_stats$", no=NOISE)
    else:
        if gate_ok != gate_n or gate_n != restarts:
            raise CheckFailure("%s: %d of %d writes before DL_CONF answered" %
                               (driver, gate_n - gate_ok, gate_n))
        if len(seqs) < gsent or recv < n // 2 or len(seqs) < n // 2:
            raise CheckFailure("%s: traffic did not resume: guest sent %d (grader got %d), "
                               "guest got %d of %d" % (driver, gsent, len(seqs), recv, n))
        t.match(out, r"^(?:# )?PASS dltest_gate$", no=NOISE)


def add_test(name, points, title, parent, check, lab=None):
    """Register test name (check(t), on parent's value) under parent, scoring lab."""
    def func(t):
        return check(t)
    func.__name__ = name
    return test(points, title, lab=lab, parent=parent)(func)


def register(card, title, conf_lines=lambda i: (), oversize_lines=()):
    """Register net_<drv>_session (title) and its tests for card; returns the session
    test (for the driver's own tests).  conf_lines(i): more patterns the conf step of
    instance i must print; oversize_lines: more for the oversize step."""
    drv = card.drv

    def run_session(t):
        r = session(t, card)
        for k, v in r.items():
            if k.endswith("_seconds"):
                t.log("%s: %.1f s" % (k, v))
        return r
    run_session.__name__ = "net_%s_session" % drv
    parent = test(0, title, timeout=600)(run_session)
    for name, points, what, check in _checks(card, conf_lines, oversize_lines):
        add_test("net_%s_%s" % (drv, name), points, "%s: %s" % (drv, what), parent, check,
                 lab=card.lab if name != "enxio" else None)
    return parent


def _check_conf(t, card, conf_lines):
    value(t, "up")
    for i in range(2):
        t.match(value(t, "conf%d" % i), *(tuple(conf_lines(i)) + (
            r"^(?:# )?dltest: conf %s status=OK mac=%s$" % (card.label(i), card.macs[i]),)),
            no=NOISE)


def _check_bad(t):
    out, seqs = value(t, "bad")
    t.match(out, *[r"^(?:# )?PASS dltest_%s$" % c for c in BAD_CASES],
            r"^(?:# )?DONE dltest %d passed, 0 failed$" % (len(BAD_CASES) + 2), no=NOISE)
    if seqs != [0]:
        raise CheckFailure("the grader got frames %r from the write in pieces, want [0]"
                           % seqs)


def _check_filter(t, card):
    n = FILTER_EACH
    want = {"-": (n, 0, 0, 0), "b": (n, 0, n, 0), "m": (n, 0, 0, n), "p": (n, n, n, n)}
    for driver, mode in card.filters:
        own, other, bc, mc = want[mode]
        t.match(value(t, "filter%s%s" % (driver, mode)),
                r"^(?:# )?dltest: filter mode=%s own=%d other=%d bcast=%d mcast=%d end=1$"
                % (re.escape(mode), own, other, bc, mc), no=NOISE)


def _check_traffic(t, card):
    traffic_ok(t, value(t, "traffic"), card.label(0), card.n_traffic)
    if card.on_traffic is not None:
        card.on_traffic(t)


def _checks(card, conf_lines, oversize_lines):
    """(name, points, title, check) of every test of the session."""
    label, note, n, m = card.label, card.note, card.n_traffic, card.n_restart
    one = r"^(?:# )?dltest: filter mode=- own=1 other=0 bcast=0 mcast=0 end=1$"
    return (
        ("conf", 2, "DL_CONF answers OK and each card's MAC" + note("conf"),
         lambda t: _check_conf(t, card, conf_lines)),
        ("bad", 3, "bad vectors, sizes, grants, modes and requests refused with errors, the "
         "driver unharmed; a stored read completed by the interrupt; a write in pieces",
         _check_bad),
        ("filter", 3, "receive filter%s: own MAC always, broadcast only with DL_BROAD_REQ, "
         "multicast with DL_MULTI_REQ, another MAC only in promiscuous mode" % note("filter"),
         lambda t: _check_filter(t, card)),
        ("oversize", 2, "a frame longer than 1514 bytes is counted as a receive error, not "
         "delivered", lambda t: t.match(value(t, "oversize"), one, *oversize_lines, no=NOISE)),
        ("traffic", 5, "%d frames each way, random sizes and contents, checked byte for byte "
         "at both ends%s; statistics match the traffic" % (n, note("traffic")),
         lambda t: _check_traffic(t, card)),
        ("two", 3, "two instances on two cards, each stream on its own wire",
         lambda t: [traffic_ok(t, value(t, "two"), label(i), m) for i in range(2)]),
        ("kill", 4, "kill -9%s under traffic: restarted, configured again, traffic resumes, "
         "no frame twice or corrupted" % note("kill"),
         lambda t: traffic_ok(t, value(t, "kill"), label(0), m, restarts=1)),
        ("update", 4, "service update%s under traffic: configured again, traffic resumes, no "
         "frame twice or corrupted" % note("update"),
         lambda t: traffic_ok(t, value(t, "update"), label(card.update_instance), m,
                              restarts=1)),
        ("enxio", 2, "an instance with no card (instance=2, two cards) answers DL_CONF ENXIO",
         lambda t: t.match(value(t, "enxio"), r"^(?:# )?service %s_2 up" % card.drv,
                           r"^(?:# )?dltest: conf %s_2 status=ENXIO" % card.drv,
                           no=(r"^(?:# )?panic",))),
    )
