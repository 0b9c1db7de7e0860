# Link-level tests of the e1000 driver (drivers/net/e1000 on lib/libnetdriver;
# handouts/netdriver.md): the grader is the other end of the wire (net_common.py).
#
# One boot with two e1000 cards on two UDP wires; at the root shell the session starts the
# driver instances e1000_0 (instance=0, callers=dltest) and e1000_1 (instance=1,
# callers=dltest2), then runs /test/dltest (commands/tests/dltest.c) as a service for each
# step, the grader sending and checking frames meanwhile:
#   conf       DL_CONF answers OK and the MAC QEMU was given
#   bad        bad vectors, sizes, grants, modes and requests answered with errors; a stored
#              read completed by the grader's frame (unsolicited reply); a write in three
#              pieces reaches the grader byte for byte
#   filter     for modes none, b, m, p: frames to the card's MAC, to another MAC, broadcast
#              and multicast; only the ones the mode admits are delivered; an oversized
#              frame (1518 bytes) is counted as a receive error, not delivered
#   traffic    N frames each way, random sizes and contents from the seed, checked byte for
#              byte at both ends, and the statistics counters against the traffic
#   two        both cards at once, each with its own client and seed: each stream only on
#              its own wire
#   kill       kill -9 of e1000_0 under traffic: the client sees the driver-up event, its
#              write before DL_CONF goes unanswered, it configures again and traffic resumes;
#              no frame twice or corrupted (losses counted)
#   update     the same with `service update` of e1000_0 to its own program
#   enxio      a third instance (instance=2: there are two cards) answers DL_CONF ENXIO
# Sizes: `traffic` sends 10,000 frames each way (the proof; about 15 s under TCG);
# `two`, `kill` and `update` 1,500 (MINNOW_FUZZ=full: 10,000 too).  Guest lines may follow
# the shell's prompt on the same console line: the patterns allow a "# " before them.

import os
import re
import threading
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import (BROADCAST, KIND_END, PEER_MAC, Link, check_stream,
                                     make_frame, DIR_IN, mac_bytes, special_frame)

PROMPT = r"^# "
CLIENT_CONF = "/tmp/dltest.conf"
MACS = ("52:54:00:12:34:56", "52:54:00:12:34:57")
OTHER_MAC = bytes([0x02, 0, 0, 0, 0, 0x99])
MULTICAST = bytes([0x01, 0x00, 0x5e, 0x00, 0x00, 0x01])
NET_N = 10000                           # frames each way in `traffic`
NET_SMALL = 10000 if FULL else 1500     # in `two`, `kill` and `update`
FILTER_EACH = 5                         # frames of each kind in a filter step
SEEDS = {"traffic": SEED, "two0": SEED + 1, "two1": SEED + 2, "kill": SEED + 3,
         "update": SEED + 4, "bad": SEED + 5}
DONE_ANY = r"^(?:# )?DONE dltest \d+ passed, \d+ failed$"   # a dltest run ended
SUMMARY = r"^(?:# )?dltest: traffic %s sent=(\d+) recv=(\d+) dup=(\d+) bad=(\d+) errors=(\d+) " \
          r"acks=(\d+) restarts=(\d+) gate=(\d+)/(\d+) lost_inflight=(\d+)$"


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
    m = wait_text(q, r"^# ", start + 1, timeout)
    return q.output[start:m.start()]


def client_conf(root):
    """The entries of dltest and dltest2 in commands/tests/system.conf (one line each)."""
    with open(os.path.join(root, "commands/tests/system.conf")) as f:
        return [l.strip() for l in f if re.match(r"^service dltest2?\s", l)]


def start_client(q, label, driver, args):
    """service run /test/dltest as label with args (again while RS still frees the slot of
    the previous run); checks that it started; the console offset where it started."""
    for _ in range(50):
        start = len(q.output)
        out = run(q, 'service run /test/dltest -label %s -config %s -args "%s %s"'
                  % (label, CLIENT_CONF, driver, args))
        if "service: run /test/dltest: busy" not in out:
            break
        time.sleep(0.2)
    if not re.search(r"^(?:# )?rs: service %s up" % label, out, re.M):
        raise CheckFailure("service run dltest failed:\n%s" % out)
    return start


def dltest(q, label, driver, args, client_timeout=120):
    """service run /test/dltest; wait for its DONE line; the console text of the run."""
    start = start_client(q, label, driver, args)
    m = wait_text(q, r"^(?:# )?DONE dltest \d+ passed, \d+ failed$", start, client_timeout)
    return q.output[start:m.end()]


def traffic(q, links, streams, kill=None, hold_until_conf=False):
    """Run traffic on each (label, driver, link, seed, n) of streams at once; kill, if
    given, is typed at the shell once a quarter of the first stream is sent, while the
    grader holds its next frames back until RS says the driver is back (restarted or
    updated; with hold_until_conf, until the client has configured it again too): the
    restart lands while frames flow, however fast the rest goes.  Returns
    {driver: (console text of its run, seqs the grader got, frames the grader sent)}."""
    starts = {}
    for label, driver, link, seed, n in streams:
        starts[driver] = start_client(q, label, driver, "traffic %d %d %d" % (seed, n, n))
    pumps = []
    for label, driver, link, seed, n in streams:
        wait_text(q, r"^(?:# )?dltest: traffic %s seed" % driver, starts[driver])
        wait_text(q, r"^(?:# )?dltest: traffic ready", starts[driver], unless=DONE_ANY)
    resume = threading.Event()
    for i, (label, driver, link, seed, n) in enumerate(streams):
        hold = (n // 4, resume) if kill is not None and i == 0 else None
        pumps.append(link.pump_thread(seed, n, hold=hold))
    if kill is not None:
        first, driver, n = streams[0][2], streams[0][1], streams[0][4]
        deadline = time.monotonic() + 60
        while first.sent < n // 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        mark = len(q.output)
        kill()
        wait_text(q, r"^rs: service %s (?:restarted|updated)" % re.escape(driver), mark, 60)
        if hold_until_conf:
            wait_text(q, r"^(?:# )?dltest: configured again after restart", mark, 60)
        resume.set()
    for label, driver, link, seed, n in streams:
        wait_text(q, SUMMARY % re.escape(driver), starts[driver], 240)
        wait_text(q, r"^(?:# )?DONE dltest", starts[driver], 30)
    for th, stop in pumps:
        stop.set()
        th.join(5)
    out = {}
    for label, driver, link, seed, n in streams:
        out[driver] = (q.output[starts[driver]:], check_stream(link, seed), link.sent)
    return out


def step(results, name, func):
    """Run one step of the session; its value or the CheckFailure into results."""
    t0 = time.monotonic()
    try:
        results[name] = func()
    except CheckFailure as e:
        results[name] = e
    results[name + "_seconds"] = time.monotonic() - t0


def filter_step(q, link, mode):
    start = start_client(q, "dltest", "e1000_0", "filter " + mode)
    wait_text(q, r"^(?:# )?dltest: filter ready mode=%s" % re.escape(mode), start,
              unless=DONE_ANY)
    seq = 0
    for dst in (link.guest_mac, OTHER_MAC, BROADCAST, MULTICAST):
        for _ in range(FILTER_EACH):
            link.send(make_frame(SEEDS["bad"], DIR_IN, seq, dst, PEER_MAC))
            seq += 1
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
    return q.output[start:end]


def oversize_step(q, link):
    """An oversized frame (1518 bytes, a VLAN-sized frame the card accepts) is a receive
    error, not delivered; the statistics say so."""
    start = start_client(q, "dltest", "e1000_0", "filter -")
    wait_text(q, r"^(?:# )?dltest: filter ready mode=-", start, unless=DONE_ANY)
    big = make_frame(SEEDS["bad"], DIR_IN, 0, link.guest_mac, PEER_MAC)
    big = (big + bytes(1518))[:1518]
    link.send(big)
    link.send(make_frame(SEEDS["bad"], DIR_IN, 1, link.guest_mac, PEER_MAC))
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
    return q.output[start:end]


def pid_of(q, label):
    out = run(q, "service lookup %s" % label)
    m = re.search(r"pid (\d+)", out)
    if not m:
        raise CheckFailure("service lookup %s printed no pid:\n%s" % (label, out))
    return int(m.group(1))


def session(t):
    links = [Link(0, "e1000", MACS[0]), Link(1, "e1000", MACS[1])]
    q = t.launch(extra_args=links[0].qemu_args() + links[1].qemu_args(), timeout=600)
    results = {}
    try:
        wait_text(q, PROMPT, 0, 60)
        run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(t.config.root)))
        for i in range(2):
            out = run(q, 'service up /service/e1000 -label e1000_%d -args "instance=%d '
                         'callers=dltest%s"' % (i, i, "2" if i else ""))
            if not re.search(r"^(?:# )?service e1000_%d up" % i, out, re.M):
                raise CheckFailure("service up e1000_%d failed:\n%s" % (i, out))
        step(results, "conf", lambda: dltest(q, "dltest", "e1000_0", "conf"))

        def bad():
            start = start_client(q, "dltest", "e1000_0", "bad %d" % SEEDS["bad"])
            wait_text(q, r"^(?:# )?dltest: bad waiting for frame 0$", start, 60,
                      unless=DONE_ANY)
            links[0].send(make_frame(SEEDS["bad"], DIR_IN, 0, links[0].guest_mac, PEER_MAC))
            end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
            return q.output[start:end], check_stream(links[0], SEEDS["bad"])
        step(results, "bad", bad)
        for mode in ("-", "b", "m", "p"):
            step(results, "filter" + mode, lambda: filter_step(q, links[0], mode))
        step(results, "oversize", lambda: oversize_step(q, links[0]))
        for link in links:
            link.reset()
        step(results, "traffic", lambda: traffic(q, links, [
            ("dltest", "e1000_0", links[0], SEEDS["traffic"], NET_N)]))
        for link in links:
            link.reset()
        step(results, "two", lambda: traffic(q, links, [
            ("dltest", "e1000_0", links[0], SEEDS["two0"], NET_SMALL),
            ("dltest2", "e1000_1", links[1], SEEDS["two1"], NET_SMALL)]))
        links[0].reset()
        pid = pid_of(q, "e1000_0")
        step(results, "kill", lambda: traffic(q, links, [
            ("dltest", "e1000_0", links[0], SEEDS["kill"], NET_SMALL)],
            kill=lambda: q.send_line("kill -9 %d" % pid)))
        links[0].reset()
        step(results, "update", lambda: traffic(q, links, [
            ("dltest", "e1000_0", links[0], SEEDS["update"], NET_SMALL)],
            kill=lambda: q.send_line("service update /service/e1000 -label e1000_0")))
        step(results, "enxio", lambda: run(q, 'service up /service/e1000 -label e1000_2 '
                                              '-args "instance=2 callers=dltest"') +
             dltest(q, "dltest", "e1000_2", "conf"))
    finally:
        q.stop()
        for link in links:
            link.close()
    results["console"] = q.output
    return results


@test(0, "boot with two e1000 cards on UDP wires to the grader; start e1000_0 and e1000_1; "
         "run /test/dltest's steps", timeout=600)
def net_e1000_session(t):
    r = session(t)
    for k, v in r.items():
        if k.endswith("_seconds"):
            t.log("%s: %.1f s" % (k, v))
    return r


def value(t, name):
    v = t.parent_value.get(name)
    if isinstance(v, CheckFailure):
        raise v
    if v is None:
        raise CheckFailure("the session did not reach step %s" % name)
    return v


@test(2, "e1000: DL_CONF answers OK and the card's MAC", lab="netdriver",
      parent=net_e1000_session)
def net_e1000_conf(t):
    t.match(value(t, "conf"), r"^(?:# )?dltest: conf e1000_0 status=OK mac=%s$" % MACS[0],
            no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(3, "e1000: bad vectors, sizes, grants, modes and requests refused with errors, the "
         "driver unharmed; a stored read completed by the interrupt; a write in pieces",
      lab="netdriver", parent=net_e1000_session)
def net_e1000_bad(t):
    out, seqs = value(t, "bad")
    cases = ("bad_count0", "bad_count65", "bad_size59", "bad_size1515",
             "bad_size1515_pieces", "bad_vector_grant", "bad_piece_grant", "bad_read_short",
             "bad_read_count0", "bad_mode", "conf_again", "bad_unknown", "stored_read",
             "second_read_ebusy", "stored_read_done", "write_pieces", "stat_after")
    t.match(out, *[r"^(?:# )?PASS dltest_%s$" % c for c in cases],
            r"^(?:# )?DONE dltest %d passed, 0 failed$" % (len(cases) + 2), no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])
    if seqs != [0]:
        raise CheckFailure("the grader got frames %r from the write in pieces, want [0]"
                           % seqs)


@test(3, "e1000: receive filter: own MAC always, broadcast only with DL_BROAD_REQ, "
         "multicast with DL_MULTI_REQ, another MAC only in promiscuous mode",
      lab="netdriver", parent=net_e1000_session)
def net_e1000_filter(t):
    n = FILTER_EACH
    want = {"-": (n, 0, 0, 0), "b": (n, 0, n, 0), "m": (n, 0, 0, n), "p": (n, n, n, n)}
    for mode, (own, other, bc, mc) in want.items():
        t.match(value(t, "filter" + mode),
                r"^(?:# )?dltest: filter mode=%s own=%d other=%d bcast=%d mcast=%d end=1$"
                % (re.escape(mode), own, other, bc, mc), no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(2, "e1000: a frame longer than 1514 bytes is counted as a receive error, not "
         "delivered", lab="netdriver", parent=net_e1000_session)
def net_e1000_oversize(t):
    t.match(value(t, "oversize"),
            r"^(?:# )?dltest: filter mode=- own=1 other=0 bcast=0 mcast=0 end=1$",
            no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


def traffic_ok(t, result, driver, n, restarts=0):
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
        t.match(out, r"^(?:# )?PASS dltest_traffic_stats$", no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])
    else:
        if gate_ok != gate_n or gate_n != restarts:
            raise CheckFailure("%s: %d of %d writes before DL_CONF answered" %
                               (driver, gate_n - gate_ok, gate_n))
        if len(seqs) < gsent or recv < n // 2 or len(seqs) < n // 2:
            raise CheckFailure("%s: traffic did not resume: guest sent %d (grader got %d), "
                               "guest got %d of %d" % (driver, gsent, len(seqs), recv, n))
        t.match(out, r"^(?:# )?PASS dltest_gate$", no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(5, "e1000: %d frames each way, random sizes and contents, checked byte for byte at "
         "both ends; statistics match the traffic" % NET_N, lab="netdriver",
      parent=net_e1000_session)
def net_e1000_traffic(t):
    traffic_ok(t, value(t, "traffic"), "e1000_0", NET_N)


@test(3, "e1000: two instances on two cards, each stream on its own wire",
      lab="netdriver", parent=net_e1000_session)
def net_e1000_two(t):
    r = value(t, "two")
    traffic_ok(t, r, "e1000_0", NET_SMALL)
    traffic_ok(t, r, "e1000_1", NET_SMALL)


@test(4, "e1000: kill -9 under traffic: restarted, configured again, traffic resumes, no "
         "frame twice or corrupted", lab="netdriver", parent=net_e1000_session)
def net_e1000_kill(t):
    traffic_ok(t, value(t, "kill"), "e1000_0", NET_SMALL, restarts=1)


@test(4, "e1000: service update under traffic: configured again, traffic resumes, no frame "
         "twice or corrupted", lab="netdriver", parent=net_e1000_session)
def net_e1000_update(t):
    traffic_ok(t, value(t, "update"), "e1000_0", NET_SMALL, restarts=1)


@test(2, "e1000: an instance with no card (instance=2, two cards) answers DL_CONF ENXIO",
      parent=net_e1000_session)
def net_e1000_enxio(t):
    t.match(value(t, "enxio"), r"^(?:# )?service e1000_2 up", r"^(?:# )?dltest: conf e1000_2 status=ENXIO",
            no=[r"^(?:# )?panic"])
