# The driver fault-injection campaign (handouts/hardening.md, "Driver fault injection"):
# /test/faultinj, a service with the TRACE and KILL kernel calls, injects faults into a
# running driver (flipped text bits and bytes, flipped saved-register bits, kernel calls
# skipped, made twice or answered with a bad value through libsys's hook) while
# /test/faultload runs a workload on it; RS restarts the driver whenever it dies.
#
# One boot for both targets: hello (workload: reads of /dev/hello, each line checked) and
# the disk driver at_wini (workload: 16 KiB files written to /home and read back).  The
# seed (fuzz_common.SEED) is passed to faultinj and is in the log; faultinj names the seed
# and the injection number when it fails.  Counted: injections, driver crashes, faultinj's
# kills of a driver that took a whole batch of faults without dying, RS's restarts, the
# workload's rounds that failed (a clean errno) or read wrong data, and OS failures: a
# panic on the console, a service other than the target restarted, a workload that did
# not finish (a hang) or whose device did not work again after the campaign.
# NIC drivers: not implemented (the tree has none); faultinj takes any driver's label.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests import fuzz_common as fc

INJECTIONS = fc.count(200, 100000)
# (label, workload, share of the injections): hello's restarts are quick (-b: no
# back-off); at_wini's are slowed by RS's back-off and the disk workload is slower.
TARGETS = (("hello", "hello", 0.6), ("at_wini", "disk", 0.4))
HELLO_UP = "service down hello; service up /service/hello -dev /dev/hello -b -period 50"
INJECTED = (r"^faultinj: (\S+): (\d+) injections \((\d+) text, (\d+) byte, (\d+) reg, "
            r"(\d+) kcall\), (\d+) crashes, (\d+) kills, (\d+) restarts, seed (\d+)$")
LOAD = (r"^faultload: (\w+): (\d+) rounds, (\d+) ok, (\d+) bad, (\d+) errors "
        r"\(EIO (\d+), ENXIO (\d+), other (\d+)\)$")


def restarts_of(q):
    """{label: restart count} from service status."""
    rows = {}
    for line in fc.run(q, "service status").splitlines():
        m = re.match(r"^(\S+)\s+-?\d+\s+-?\d+\s+(\d+)\s+\d+", line)
        if m:
            rows[m.group(1)] = int(m.group(2))
    return rows


def one_target(t, q, label, load, n, timeout):
    """Inject n faults into label under the workload load; its figures."""
    fc.run(q, "rm -f /tmp/faultload.stop; /test/faultload %s %d > /tmp/faultload.out "
              "2>&1 &" % (load, fc.SEED))
    before = restarts_of(q)
    fc.run(q, "service up /test/faultinj -label faultinj -n -args '%s %d %d'"
           % (label, n, fc.SEED))
    idx, m = q.wait_any([INJECTED, r"^faultinj: FAILED: .*$"], timeout=timeout)
    if idx == 1:
        raise CheckFailure("%s (rerun with MINNOW_FUZZ_SEED=%d)" % (m.group(0), fc.SEED))
    out = fc.run(q, "touch /tmp/faultload.stop; wait; cat /tmp/faultload.out", timeout=90)
    w = re.search(LOAD, out, re.M)
    if not w:
        raise CheckFailure("the %s workload did not end with its counts:\n%s" % (load, out))
    after = restarts_of(q)
    others = sorted(s for s in before if s not in (label, "faultinj") and
                    after.get(s) != before[s])
    t.log("%s: %s; %s; other services restarted: %s"
          % (label, m.group(0), w.group(0), others or "none"))
    g = [int(x) for x in m.groups()[1:9]]
    return {"injections": g[0], "crashes": g[5], "kills": g[6], "restarts": g[7],
            "rounds": int(w.group(2)), "bad": int(w.group(4)),
            "errors": int(w.group(5)), "others": others}


@test(0, "driver fault injection: %d faults into hello and the disk driver under their "
         "workloads; RS restarts them, no panic, no other service harmed" % INJECTIONS,
      timeout=fc.scaled_timeout(240, 200, 100000))
def fuzz_faults(t):
    q = t.launch(timeout=fc.scaled_timeout(240, 200, 100000))
    q.wait_prompt(fc.PROMPT)
    t.log("seed %d, %d injections" % (fc.SEED, INJECTIONS))
    fc.run(q, HELLO_UP)
    base = fc.baseline(q)
    per = {}
    for label, load, share in TARGETS:
        n = max(1, int(INJECTIONS * share))
        per[label] = one_target(t, q, label, load, n,
                                fc.scaled_timeout(150, 200, 100000))
    # A target's own panic is one of its crashes (counted); any other is an OS failure.
    # fuzz_common's invariants() would take every panic line, so they are checked here and
    # invariants() looks at the console from now on.
    console = q.output[base["start"]:]
    targets = "|".join(label for label, _, _ in TARGETS)
    panics = [line for line in re.findall(r"^.*(?:panic|PANIC).*$", console, re.M)
              if not re.search(r"panic in (%s): " % targets, line)]
    target_panics = len(re.findall(r"panic in (?:%s): " % targets, console))
    t.log("target panics (counted as crashes): %d" % target_panics)
    base["start"] = len(q.output)
    inv = fc.invariants(t, q, base)
    total = lambda key: sum(f[key] for f in per.values())
    others = sorted(set(s for f in per.values() for s in f["others"]))
    figures = fc.record(t, "faults", operations=total("injections"), panics=len(panics),
                        hangs=0, leaked_pages=max(0, inv["free_before"] - inv["free_after"]),
                        crashes=total("crashes"), restarts=total("restarts"),
                        kills=total("kills"), workload_errors=total("errors"),
                        workload_bad=total("bad"), target_panics=target_panics,
                        os_failures=len(others) + len(panics))
    if panics:
        t.fail("a panic other than a target's: %s (seed %d)" % (panics[0], fc.SEED))
    if others:
        t.fail("services other than the targets restarted: %s (seed %d)"
               % (", ".join(others), fc.SEED))
    if figures["restarts"] != figures["crashes"] + figures["kills"]:
        t.fail("%d restarts, but %d crashes and %d kills (seed %d)"
               % (figures["restarts"], figures["crashes"], figures["kills"], fc.SEED))
