# Link-level tests of the rtl8139 driver (drivers/net/rtl8139 on lib/libnetdriver;
# handouts/netdriver.md, "rtl8139"): the grader is the other end of the wire
# (net_common.py), with the session steps of the e1000 tests (net_e1000.py) run against two
# Realtek 8139 cards.
#
# One boot with two rtl8139 cards on two UDP wires; at the root shell the session starts
# rtl8139_0 (instance=0, callers=dltest) and rtl8139_1 (instance=1, callers=dltest2), then
# runs /test/dltest (commands/tests/dltest.c) as a service for each step:
#   conf       DL_CONF answers OK and the MAC QEMU was given
#   bad        bad vectors, sizes, grants, modes and requests refused, the driver unharmed;
#              a stored read completed by the interrupt; a write in three pieces
#   filter     modes none, b, m, p against frames to the card, to another MAC, broadcast
#              and multicast (RCR's APM, AB, AM with MAR all ones, AAP)
#   oversize   a 1518-byte frame: the chip stores it with a sound header whose length is
#              no Ethernet frame's; counted, skipped, the next frame delivered
#   huge       a 9000-byte datagram: a length the chip never stores, so the header cannot
#              be trusted; counted, the receiver restarted on an empty ring, the next
#              frame (sent once the driver has said so) delivered
#   traffic    10,000 frames each way, random sizes and contents, byte for byte at both
#              ends, the statistics against the traffic; the 32 KiB receive ring wraps
#              about 240 times (logged)
#   two        both cards at once, each stream on its own wire
#   kill       kill -9 of rtl8139_0 under traffic; update: `service update` of it
#   enxio      instance=2 with two cards answers DL_CONF ENXIO
# `two` sends 1,500 frames each way (MINNOW_FUZZ=full: 10,000), `kill` and `update` 10,000
# (so that the kill lands while frames flow).

import re
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import (DIR_IN, HDR_SIZE, KIND_END, PEER_MAC, Link, make_frame,
                                     special_frame)
from grader.tests.net_e1000 import (BROADCAST, CLIENT_CONF, FILTER_EACH, MULTICAST,
                                    OTHER_MAC, PROMPT, client_conf, dltest, pid_of, run,
                                    start_client, step, traffic, traffic_ok, value, wait_text)

MACS = ("52:54:00:12:34:66", "52:54:00:12:34:67")
NET_N = 10000
NET_SMALL = 10000 if FULL else 1500
NET_RESTART = 10000                     # long enough that `kill` lands mid-stream
RING = 32768
SEEDS = {"traffic": SEED + 10, "two0": SEED + 11, "two1": SEED + 12, "kill": SEED + 13,
         "update": SEED + 14, "bad": SEED + 15}
NOISE = (r"^(?:# )?FAIL", r"^(?:# )?panic")


def filter_run(q, link, mode, frames, gap=None):
    """dltest's filter phase on rtl8139_0 with mode; send frames (a list of lists: the
    grader waits for gap, a console regex, between them), then the end frame."""
    start = start_client(q, "dltest", "rtl8139_0", "filter " + mode)
    wait_text(q, r"^(?:# )?dltest: filter ready mode=%s" % re.escape(mode), start)
    for i, group in enumerate(frames):
        if i > 0 and gap is not None:
            wait_text(q, gap, start)
        for f in group:
            link.send(f)
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
    return q.output[start:end]


def filter_step(q, link, mode):
    seq, frames = 0, []
    for dst in (link.guest_mac, OTHER_MAC, BROADCAST, MULTICAST):
        for _ in range(FILTER_EACH):
            frames.append(make_frame(SEEDS["bad"], DIR_IN, seq, dst, PEER_MAC))
            seq += 1
    return filter_run(q, link, mode, [frames])


def long_step(q, link, size, gap):
    """A frame of size bytes to the card, then a good one (after the console says gap)."""
    big = make_frame(SEEDS["bad"], DIR_IN, 0, link.guest_mac, PEER_MAC)
    big = (big + bytes(size))[:size]
    good = make_frame(SEEDS["bad"], DIR_IN, 1, link.guest_mac, PEER_MAC)
    return filter_run(q, link, "-", [[big], [good]], gap)


def ring_wraps(seed, n):
    """How often n frames of the traffic step go round the 32 KiB receive ring (4-byte
    header, the frame, 4-byte CRC, rounded to 4)."""
    total = 0
    for seq in range(n):
        size = len(make_frame(seed, DIR_IN, seq, b"\0" * 6, PEER_MAC))
        total += (4 + size + 4 + 3) & ~3
    return total // RING


def session(t):
    links = [Link(0, "rtl8139", MACS[0]), Link(1, "rtl8139", MACS[1])]
    q = t.launch(extra_args=links[0].qemu_args() + links[1].qemu_args(), timeout=600)
    results = {}
    try:
        wait_text(q, PROMPT, 0, 60)
        run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(t.config.root)))
        for i in range(2):
            out = run(q, 'service up /service/rtl8139 -label rtl8139_%d -args "instance=%d '
                         'callers=dltest%s"' % (i, i, "2" if i else ""))
            if not re.search(r"^(?:# )?service rtl8139_%d up" % i, out, re.M):
                raise CheckFailure("service up rtl8139_%d failed:\n%s" % (i, out))
        step(results, "conf", lambda: dltest(q, "dltest", "rtl8139_0", "conf"))

        def bad():
            start = start_client(q, "dltest", "rtl8139_0", "bad %d" % SEEDS["bad"])
            wait_text(q, r"^(?:# )?dltest: bad waiting for frame 0$", start, 60)
            links[0].send(make_frame(SEEDS["bad"], DIR_IN, 0, links[0].guest_mac, PEER_MAC))
            end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
            return q.output[start:end]
        step(results, "bad", bad)
        for mode in ("-", "b", "m", "p"):
            step(results, "filter" + mode, lambda: filter_step(q, links[0], mode))
        step(results, "oversize", lambda: long_step(q, links[0], 1518, None))
        step(results, "huge", lambda: long_step(q, links[0], 9000,
                                                r"rtl8139: bad frame .*receiver restarted"))
        for link in links:
            link.reset()
        step(results, "traffic", lambda: traffic(q, links, [
            ("dltest", "rtl8139_0", links[0], SEEDS["traffic"], NET_N)]))
        for link in links:
            link.reset()
        step(results, "two", lambda: traffic(q, links, [
            ("dltest", "rtl8139_0", links[0], SEEDS["two0"], NET_SMALL),
            ("dltest2", "rtl8139_1", links[1], SEEDS["two1"], NET_SMALL)]))
        links[0].reset()
        pid = pid_of(q, "rtl8139_0")
        step(results, "kill", lambda: traffic(q, links, [
            ("dltest", "rtl8139_0", links[0], SEEDS["kill"], NET_RESTART)],
            kill=lambda: q.send_line("kill -9 %d" % pid)))
        links[0].reset()
        step(results, "update", lambda: traffic(q, links, [
            ("dltest", "rtl8139_0", links[0], SEEDS["update"], NET_RESTART)],
            kill=lambda: q.send_line("service update /service/rtl8139 -label rtl8139_0")))
        step(results, "enxio", lambda: run(q, 'service up /service/rtl8139 -label rtl8139_2 '
                                              '-args "instance=2 callers=dltest"') +
             dltest(q, "dltest", "rtl8139_2", "conf"))
    finally:
        q.stop()
        for link in links:
            link.close()
    results["console"] = q.output
    return results


@test(0, "boot with two rtl8139 cards on UDP wires to the grader; start rtl8139_0 and "
         "rtl8139_1; run /test/dltest's steps", timeout=600)
def net_rtl8139_session(t):
    r = session(t)
    for k, v in r.items():
        if k.endswith("_seconds"):
            t.log("%s: %.1f s" % (k, v))
    return r


@test(2, "rtl8139: DL_CONF answers OK and the MAC from IDR0..5", parent=net_rtl8139_session)
def net_rtl8139_conf(t):
    t.match(value(t, "conf"), r"^(?:# )?dltest: conf rtl8139_0 status=OK mac=%s$" % MACS[0],
            no=NOISE)


@test(3, "rtl8139: bad vectors, sizes, grants, modes and requests refused, the driver "
         "unharmed; a stored read completed by the interrupt; a write in pieces",
      parent=net_rtl8139_session)
def net_rtl8139_bad(t):
    t.match(value(t, "bad"), r"^(?:# )?PASS dltest_stored_read_done$",
            r"^(?:# )?PASS dltest_write_pieces$", r"^(?:# )?DONE dltest \d+ passed, 0 failed$",
            no=NOISE)


@test(3, "rtl8139: receive filter (RCR): own MAC always, broadcast with DL_BROAD_REQ, "
         "multicast with DL_MULTI_REQ, any MAC in promiscuous mode",
      parent=net_rtl8139_session)
def net_rtl8139_filter(t):
    n = FILTER_EACH
    want = {"-": (n, 0, 0, 0), "b": (n, 0, n, 0), "m": (n, 0, 0, n), "p": (n, n, n, n)}
    for mode, (own, other, bc, mc) in want.items():
        t.match(value(t, "filter" + mode),
                r"^(?:# )?dltest: filter mode=%s own=%d other=%d bcast=%d mcast=%d end=1$"
                % (re.escape(mode), own, other, bc, mc), no=NOISE)


@test(3, "rtl8139: bad frames in the ring are counted, never delivered: a 1518-byte frame "
         "skipped, a 9000-byte one (untrustworthy header) recovered by a receiver restart",
      parent=net_rtl8139_session)
def net_rtl8139_bad_frames(t):
    line = r"^(?:# )?dltest: filter mode=- own=1 other=0 bcast=0 mcast=0 end=1$"
    t.match(value(t, "oversize"), line,
            r"^(?:# )?rtl8139: bad frame .*length 1522\): skipped$", no=NOISE)
    t.match(value(t, "huge"), line, r"^(?:# )?rtl8139: bad frame .*receiver restarted$",
            no=NOISE)


@test(5, "rtl8139: %d frames each way, byte for byte at both ends, the receive ring "
         "wrapping round many times; statistics match the traffic" % NET_N,
      parent=net_rtl8139_session)
def net_rtl8139_traffic(t):
    traffic_ok(t, value(t, "traffic"), "rtl8139_0", NET_N)
    t.log("the grader's %d frames went round the 32 KiB ring %d times"
          % (NET_N, ring_wraps(SEEDS["traffic"], NET_N)))


@test(3, "rtl8139: two instances on two cards, each stream on its own wire",
      parent=net_rtl8139_session)
def net_rtl8139_two(t):
    r = value(t, "two")
    traffic_ok(t, r, "rtl8139_0", NET_SMALL)
    traffic_ok(t, r, "rtl8139_1", NET_SMALL)


@test(4, "rtl8139: kill -9 under traffic: restarted, configured again, traffic resumes, "
         "no frame twice or corrupted", parent=net_rtl8139_session)
def net_rtl8139_kill(t):
    traffic_ok(t, value(t, "kill"), "rtl8139_0", NET_RESTART, restarts=1)


@test(4, "rtl8139: service update under traffic: configured again, traffic resumes, no "
         "frame twice or corrupted", parent=net_rtl8139_session)
def net_rtl8139_update(t):
    traffic_ok(t, value(t, "update"), "rtl8139_0", NET_RESTART, restarts=1)


@test(2, "rtl8139: an instance with no card (instance=2, two cards) answers DL_CONF ENXIO",
      parent=net_rtl8139_session)
def net_rtl8139_enxio(t):
    t.match(value(t, "enxio"), r"^(?:# )?service rtl8139_2 up",
            r"^(?:# )?dltest: conf rtl8139_2 status=ENXIO", no=(r"^(?:# )?panic",))
