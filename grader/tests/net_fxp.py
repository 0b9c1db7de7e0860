# PENDING (not loaded by the grader: it imports grader/tests/net_e1000.py and net_common.py,
# which are on h27-e1000, not yet merged).  Rename to net_fxp.py after that merge.
# Status when last run against h27-e1000's uncommitted files: conf, filter, oversize, enxio and
# the bad phase pass; see the fxp helper's report for the kill/update/traffic findings.
# Link-level tests of the fxp driver (drivers/net/fxp on lib/libnetdriver;
# handouts/netdriver.md, "fxp"): the grader is the other end of the wire (net_common.py),
# the in-guest client is /test/dltest, and the steps are those of net_e1000.py, whose
# helpers this module uses.
#
# One boot with two PRO/100 cards of different models on two UDP wires: an i82559ER
# (8086:1209, revision 9) found first, so fxp_0, and an i82557B (8086:1229, revision 2),
# fxp_1.  At the root shell the session starts both instances, then runs /test/dltest for
# each step, the grader sending and checking frames meanwhile:
#   conf       DL_CONF on each answers OK and the MAC QEMU was given; the driver names the
#              chip by its revision
#   bad        bad vectors, sizes, grants, modes and requests refused (fxp_0)
#   filter     modes none, b, m, p on fxp_0, and none and p on fxp_1: only the frames the
#              mode admits are delivered (QEMU's 8255x accept every broadcast: the driver's
#              own filter refuses them)
#   oversize   a 1518-byte frame on fxp_1 is a receive error, not delivered
#   traffic    NET_N frames each way on both cards at once, random sizes and contents,
#              byte for byte at both ends, each stream on its own wire; statistics exact
#   kill       kill -9 of fxp_0 (the i82559ER) under traffic: configured again, traffic
#              resumes, no frame twice or corrupted
#   update     `service update` of fxp_1 (the i82557B) under traffic, the same
#   enxio      fxp_2 (instance=2: two cards) answers DL_CONF ENXIO
# The other QEMU models (i82557a/c, i82558a/b, i82559a/b/c, i82550, i82551, i82562) are
# programmed the same way; handouts/netdriver.md, "fxp", lists what they report.

import re
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import (BROADCAST, KIND_END, PEER_MAC, Link, make_frame, DIR_IN,
                                     special_frame)
from grader.tests.net_e1000 import (FILTER_EACH, MULTICAST, OTHER_MAC, client_conf, dltest,
                                    pid_of, run, start_client, step, traffic, traffic_ok,
                                    value, wait_text)

PROMPT = r"^# "
CLIENT_CONF = "/tmp/dltest.conf"
CARDS = (("i82559er", "52:54:00:12:35:01", "82559ER", "1209", 9),
         ("i82557b", "52:54:00:12:35:02", "82557B", "1229", 2))
NET_N = 10000 if FULL else 1000         # frames each way per card in `traffic`
NET_SMALL = 2000 if FULL else 400       # in `kill` and `update`
SEEDS = {"traffic0": SEED + 11, "traffic1": SEED + 12, "kill": SEED + 13,
         "update": SEED + 14, "bad": SEED + 15}
FILTERS = (("fxp_0", "-"), ("fxp_0", "b"), ("fxp_0", "m"), ("fxp_0", "p"),
           ("fxp_1", "-"), ("fxp_1", "p"))


def client(driver):
    """The client label the instance admits (its callers= argument)."""
    return "dltest2" if driver == "fxp_1" else "dltest"


def start_bad(q, driver, seed):
    """service run dltest's bad phase; the console offset where it started.  (Its output
    says "ebusy" before the prompt comes back, so a run refused as busy is told by
    service's own message.)"""
    for _ in range(50):
        start = len(q.output)
        out = run(q, 'service run /test/dltest -label %s -config %s -args "%s bad %d"'
                  % (client(driver), CLIENT_CONF, driver, seed))
        if not re.search(r"^(?:# )?service: run .*: busy", out, re.M):
            break
        time.sleep(0.2)
    if not re.search(r"^(?:# )?rs: service %s up" % client(driver), out, re.M):
        raise CheckFailure("service run dltest failed:\n%s" % out)
    return start


def filter_step(q, link, driver, mode):
    """dltest's filter phase on driver: each kind of destination FILTER_EACH times."""
    start = start_client(q, client(driver), driver, "filter " + mode)
    wait_text(q, r"^(?:# )?dltest: filter ready mode=%s" % re.escape(mode), start)
    seq = 0
    for dst in (link.guest_mac, OTHER_MAC, BROADCAST, MULTICAST):
        for _ in range(FILTER_EACH):
            link.send(make_frame(SEEDS["bad"], DIR_IN, seq, dst, PEER_MAC))
            seq += 1
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()   # then read q.output
    return q.output[start:end]


def oversize_step(q, link, driver):
    """A 1518-byte frame (QEMU's 8255x pass up to 1518 bytes whole), then a good one."""
    start = start_client(q, client(driver), driver, "filter -")
    wait_text(q, r"^(?:# )?dltest: filter ready mode=-", start)
    big = make_frame(SEEDS["bad"], DIR_IN, 0, link.guest_mac, PEER_MAC)
    link.send((big + bytes(1518))[:1518])
    link.send(make_frame(SEEDS["bad"], DIR_IN, 1, link.guest_mac, PEER_MAC))
    link.send(special_frame(KIND_END, link.guest_mac))
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()   # then read q.output
    return q.output[start:end]


def start_instances(q):
    for i in range(2):
        out = run(q, 'service up /service/fxp -label fxp_%d -args "instance=%d '
                     'callers=dltest%s"' % (i, i, "2" if i else ""))
        if not re.search(r"^(?:# )?service fxp_%d up" % i, out, re.M):
            raise CheckFailure("service up fxp_%d failed:\n%s" % (i, out))


def session(t):
    links = [Link(i, model, mac) for i, (model, mac, _, _, _) in enumerate(CARDS)]
    q = t.launch(extra_args=links[0].qemu_args() + links[1].qemu_args(), timeout=300)
    results = {}
    try:
        wait_text(q, PROMPT, 0, 60)
        run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(t.config.root)))
        step(results, "up", lambda: start_instances(q) or q.output)
        for i in range(2):
            step(results, "conf%d" % i,
                 lambda: dltest(q, client("fxp_%d" % i), "fxp_%d" % i, "conf"))

        def bad():
            start = start_bad(q, "fxp_0", SEEDS["bad"])
            wait_text(q, r"^(?:# )?dltest: bad waiting for frame 0$", start, 60)
            links[0].send(make_frame(SEEDS["bad"], DIR_IN, 0, links[0].guest_mac, PEER_MAC))
            end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
            return q.output[start:end]
        step(results, "bad", bad)
        for driver, mode in FILTERS:
            link = links[int(driver[-1])]
            step(results, "filter%s%s" % (driver, mode),
                 lambda: filter_step(q, link, driver, mode))
        step(results, "oversize", lambda: oversize_step(q, links[1], "fxp_1"))
        for link in links:
            link.frames.clear()
        step(results, "traffic", lambda: traffic(q, links, [
            ("dltest", "fxp_0", links[0], SEEDS["traffic0"], NET_N),
            ("dltest2", "fxp_1", links[1], SEEDS["traffic1"], NET_N)]))
        links[0].frames.clear()
        pid = pid_of(q, "fxp_0")
        # not implemented: frames that reach an 8255x between its restart and the client's
        # DL_CONF stall QEMU's receive unit for good (seen: after a kill the new instance
        # got no frame at all); the grader holds its frames until the client configured it
        # again (hold_until_conf), which the e1000 and rtl8139 tests do not need.
        step(results, "kill", lambda: traffic(q, links, [
            ("dltest", "fxp_0", links[0], SEEDS["kill"], NET_SMALL)],
            kill=lambda: q.send_line("kill -9 %d" % pid), hold_until_conf=True))
        links[1].frames.clear()
        step(results, "update", lambda: traffic(q, links, [
            ("dltest2", "fxp_1", links[1], SEEDS["update"], NET_SMALL)],
            kill=lambda: q.send_line("service update /service/fxp -label fxp_1"),
            hold_until_conf=True))
        step(results, "enxio", lambda: run(q, 'service up /service/fxp -label fxp_2 '
                                              '-args "instance=2 callers=dltest"') +
             dltest(q, "dltest", "fxp_2", "conf"))
    finally:
        q.stop()
        for link in links:
            link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an i82559ER and an i82557B on UDP wires to the grader; start fxp_0 and "
         "fxp_1; run /test/dltest's steps", timeout=300)
def net_fxp_session(t):
    r = session(t)
    for k, v in r.items():
        if k.endswith("_seconds"):
            t.log("%s: %.1f s" % (k, v))
    return r


@test(2, "fxp: both instances find their card (i82559ER, i82557B by revision); DL_CONF "
         "answers OK and each card's MAC", parent=net_fxp_session)
def net_fxp_conf(t):
    value(t, "up")
    for i, (model, mac, chip, did, rev) in enumerate(CARDS):
        t.match(value(t, "conf%d" % i), r"^(?:# )?%s: 8086:%s revision %d at port 0x[0-9a-f]+, "
                r"IRQ \d+$" % (chip, did, rev), r"^(?:# )?%s: MAC %s$" % (chip, mac),
                r"^(?:# )?dltest: conf fxp_%d status=OK mac=%s$" % (i, mac), no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(3, "fxp: bad vectors, sizes, grants, modes and requests refused with errors, the "
         "driver unharmed; a stored read completed by the interrupt; a write in pieces",
      parent=net_fxp_session)
def net_fxp_bad(t):
    t.match(value(t, "bad"), r"^(?:# )?PASS dltest_stored_read_done$", r"^(?:# )?PASS dltest_write_pieces$",
            r"^(?:# )?DONE dltest \d+ passed, 0 failed$", no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(3, "fxp: receive filter on both models: own MAC always, broadcast only with "
         "DL_BROAD_REQ, multicast with DL_MULTI_REQ, another MAC only in promiscuous mode",
      parent=net_fxp_session)
def net_fxp_filter(t):
    n = FILTER_EACH
    want = {"-": (n, 0, 0, 0), "b": (n, 0, n, 0), "m": (n, 0, 0, n), "p": (n, n, n, n)}
    for driver, mode in FILTERS:
        own, other, bc, mc = want[mode]
        t.match(value(t, "filter%s%s" % (driver, mode)),
                r"^(?:# )?dltest: filter mode=%s own=%d other=%d bcast=%d mcast=%d end=1$"
                % (re.escape(mode), own, other, bc, mc), no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(2, "fxp: a frame longer than 1514 bytes is counted as a receive error, not "
         "delivered", parent=net_fxp_session)
def net_fxp_oversize(t):
    t.match(value(t, "oversize"),
            r"^(?:# )?dltest: filter mode=- own=1 other=0 bcast=0 mcast=0 end=1$",
            no=[r"^(?:# )?FAIL", r"^(?:# )?panic"])


@test(5, "fxp: %d frames each way on both cards at once, byte for byte, each stream on its "
         "own wire; statistics match the traffic" % NET_N, parent=net_fxp_session)
def net_fxp_traffic(t):
    r = value(t, "traffic")
    traffic_ok(t, r, "fxp_0", NET_N)
    traffic_ok(t, r, "fxp_1", NET_N)


@test(4, "fxp: kill -9 of fxp_0 (i82559ER) under traffic: restarted, configured again, "
         "traffic resumes, no frame twice or corrupted", parent=net_fxp_session)
def net_fxp_kill(t):
    traffic_ok(t, value(t, "kill"), "fxp_0", NET_SMALL, restarts=1)


@test(4, "fxp: service update of fxp_1 (i82557B) under traffic: configured again, traffic "
         "resumes, no frame twice or corrupted", parent=net_fxp_session)
def net_fxp_update(t):
    traffic_ok(t, value(t, "update"), "fxp_1", NET_SMALL, restarts=1)


@test(2, "fxp: an instance with no card (instance=2, two cards) answers DL_CONF ENXIO",
      parent=net_fxp_session)
def net_fxp_enxio(t):
    t.match(value(t, "enxio"), r"^(?:# )?service fxp_2 up", r"^(?:# )?dltest: conf fxp_2 status=ENXIO",
            no=[r"^(?:# )?panic"])
