# The driver fault-injection campaign (handouts/hardening.md, "Driver fault injection"):
# /test/faultinj, a service with the TRACE and KILL kernel calls, injects faults into a
# running driver (flipped text bits and bytes, flipped saved-register bits, kernel calls
# skipped, made twice or answered with a bad value through libsys's hook) while
# /test/faultload runs a workload on it; RS restarts the driver whenever it dies.
#
# One boot for every target: hello (workload: reads of /dev/hello, each line checked), the
# disk driver at_wini (workload: 16 KiB files written to /home and read back) and the
# network driver e1000 (instance e1000_0 on QEMU's card with its user network; workload:
# /test/dltest's load phase, ARP requests for the user network's gateway and their
# answers, checked); make fuzz (MINNOW_FUZZ=full) adds rtl8139 and fxp (QEMU's rtl8139 and
# i82559er, each on a user network of its own).  The
# seed (fuzz_common.SEED) is passed to faultinj and is in the log; faultinj names the seed
# and the injection number when it fails.  Counted: injections, driver crashes, faultinj's
# kills of a driver that took a whole batch of faults without dying, RS's restarts, the
# workload's rounds that failed (a clean errno) or read wrong data, and OS failures: a
# panic on the console, a service other than the target restarted, a workload that did
# not finish (a hang) or whose device did not work again after the campaign.  An earlier
# phase's target restarted in a later phase is that target's own latent fault (a corrupted
# instruction on a path only RS's pings take, say): logged, not counted as harm.

import re
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests import fuzz_common as fc

INJECTIONS = fc.count(200, 100000)
# (label, workload, share of the injections): hello's restarts are quick (-b: no
# back-off), and so are the NIC drivers'; at_wini's are slowed by RS's back-off and the
# disk workload is slower.  A NIC driver's workload is dltest (its DL_ client), "net".
NICS = (("e1000", "e1000"),) + ((("rtl8139", "rtl8139"), ("fxp", "i82559er")) if fc.FULL
                                 else ())
TARGETS = (("hello", "hello", 0.45), ("at_wini", "disk", 0.3)) + tuple(
    ("%s_0" % driver, "net", 0.25 / len(NICS)) for driver, _ in NICS)
HELLO_UP = "service down hello; service up /service/hello -dev /dev/hello -b -period 50"
NIC_UP = ('service up /service/%s -label %s_0 -args "instance=0 callers=dltest" -b '
          '-period 50')
NET_CLIENT = ('service run /test/dltest -label dltest -config /test/system.tests '
              '-args "%s %s"')
# Faults a target takes before faultinj kills it (a clean instance then): 10, faultinj's
# default; a NIC driver 50 (a second of faults), since QEMU's card brings its link up only
# 0.5 s after the driver's reset: an instance killed sooner never carries a frame.
BATCH, NET_BATCH = 10, 50
QEMU_NICS = [a for _, model in NICS for a in ("-nic", "user,model=%s" % model)]
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


def nic_up(q, driver):
    """Start driver's instance 0 and have it probe its card (its first DL_CONF: the rings
    it then holds are not counted as leaked)."""
    out = fc.run(q, NIC_UP % (driver, driver), timeout=60)
    if not re.search(r"^(?:# )?service %s_0 up" % driver, out, re.M):
        raise CheckFailure("service up %s_0 failed:\n%s" % (driver, out))
    start = len(q.output)
    fc.run(q, NET_CLIENT % ("%s_0" % driver, "conf"))
    wait_console(q, r"^(?:# )?dltest: conf %s_0 status=OK" % driver, start, 60)
    wait_console(q, r"^(?:# )?rs: service dltest \(endpoint -?\d+\) died", start, 30)


def wait_console(q, regex, start, timeout):
    """Wait until regex matches a console line after offset start (the shell's cursor is
    not used: a service prints while the shell runs commands); raise if it never does."""
    deadline = time.monotonic() + timeout
    while not re.search(regex, q.output[start:], re.M):
        if time.monotonic() > deadline or not q.running():
            raise CheckFailure("no %r on the console:\n%s" % (regex, q.output[-2000:]))
        time.sleep(0.2)


def start_load(q, label, load):
    """Start the workload load on label in the background; the console offset."""
    start = len(q.output)
    if load != "net":
        fc.run(q, "rm -f /tmp/faultload.stop; /test/faultload %s %d > /tmp/faultload.out "
                  "2>&1 &" % (load, fc.SEED))
        return start
    fc.run(q, "rm -f /tmp/faultload.stop; " + NET_CLIENT % (label, "load"))
    wait_console(q, r"^(?:# )?dltest: load %s ready" % label, start, 60)
    return start


def stop_load(q, load, start):
    """Stop the workload; its output (faultload's summary line)."""
    if load != "net":
        return fc.run(q, "touch /tmp/faultload.stop; wait; cat /tmp/faultload.out", timeout=90)
    fc.run(q, "touch /tmp/faultload.stop")
    wait_console(q, r"^(?:# )?DONE dltest", start, 90)
    return re.sub(r"^# ", "", q.output[start:], flags=re.M)


def one_target(t, q, label, load, n, timeout, earlier=()):
    """Inject n faults into label under the workload load; its figures.  earlier: the
    targets of the phases before, whose restarts now are their own latent faults (an
    injected fault that had not fired when its phase ended, e.g. a corrupted instruction
    on a path only RS's pings take), logged but not counted as harm to another service."""
    first = len(q.output)
    mark = start_load(q, label, load)
    before = restarts_of(q)
    fc.run(q, "service up /test/faultinj -label faultinj -n -args '%s %d %d %d'"
           % (label, n, fc.SEED, NET_BATCH if load == "net" else BATCH))
    idx, m = q.wait_any([INJECTED, r"^faultinj: FAILED: .*$"], timeout=timeout)
    if idx == 1:
        raise CheckFailure("%s (rerun with MINNOW_FUZZ_SEED=%d)" % (m.group(0), fc.SEED))
    out = stop_load(q, load, mark)
    w = re.search(LOAD, out, re.M)
    if not w:
        raise CheckFailure("the %s workload did not end with its counts:\n%s" % (load, out))
    after = restarts_of(q)
    changed = [s for s in before if after.get(s) != before[s]]
    others = sorted(s for s in changed
                    if s not in (label, "faultinj", "dltest") and s not in earlier)
    latent = sorted(s for s in changed if s in earlier)
    t.log("%s: %s; %s; other services restarted: %s; earlier targets restarted (their "
          "latent faults): %s" % (label, m.group(0), w.group(0), others or "none",
                                  latent or "none"))
    g = [int(x) for x in m.groups()[1:9]]
    if load == "net" and not re.search(r"^PASS dltest_load_works$", out, re.M):
        raise CheckFailure("%s did not carry frames again after the campaign:\n%s"
                           % (label, out[-2000:]))
    return {"injections": g[0], "crashes": g[5], "kills": g[6], "restarts": g[7],
            "rounds": int(w.group(2)), "bad": int(w.group(4)),
            "errors": int(w.group(5)), "others": others, "span": (first, len(q.output))}


def split_panics(console, offset, per, targets):
    """The console's panic lines: (the targets' own, every other).  A target's own names it
    (its label or program), or is a user-mode panic (no kernel backtrace after it) printed
    during its phase whose name is garbled: its corrupted data or text ("panic in %s: ...",
    "panic in ?: ..."), while RS restarted no other service then (checked apart).  A kernel
    panic prints "backtrace:" next and is never the target's."""
    own, other = [], []
    for m in re.finditer(r"^.*(?:panic|PANIC).*$", console, re.M):
        line, at = m.group(0), offset + m.start()
        kernel = re.match(r"\s*backtrace:", console[m.end() + 1:m.end() + 40]) is not None
        named = re.search(r"panic in (%s): " % targets, line)
        in_phase = any(a <= at < b for a, b in (f["span"] for f in per.values()))
        if not kernel and (named or (in_phase and re.search(r"panic in [^:]*: ", line))):
            own.append(line)
        else:
            other.append(line)
    return own, other


@test(0, "driver fault injection: %d faults into hello, the disk driver and %s under their "
         "workloads; RS restarts them, no panic, no other service harmed"
         % (INJECTIONS, ", ".join(driver for driver, _ in NICS)),
      timeout=fc.scaled_timeout(300, 200, 100000))
def fuzz_faults(t):
    q = t.launch(timeout=fc.scaled_timeout(300, 200, 100000), extra_args=QEMU_NICS)
    q.wait_prompt(fc.PROMPT)
    t.log("seed %d, %d injections" % (fc.SEED, INJECTIONS))
    fc.run(q, HELLO_UP)
    for driver, _ in NICS:
        nic_up(q, driver)
    base = fc.baseline(q)
    per = {}
    for label, load, share in TARGETS:
        n = max(1, int(INJECTIONS * share))
        per[label] = one_target(t, q, label, load, n,
                                fc.scaled_timeout(150, 200, 100000), earlier=list(per))
    # A target's own panic (split_panics) is one of its crashes (counted); any other is an
    # OS failure.  fuzz_common's invariants() would take every panic line, so they are
    # checked here and invariants() looks at the console from now on.
    console = q.output[base["start"]:]
    targets = "|".join([label for label, _, _ in TARGETS] + [d for d, _ in NICS])
    own, panics = split_panics(console, base["start"], per, targets)
    target_panics = len(own)
    garbled = [l for l in own if not re.search(r"panic in (%s): " % targets, l)]
    t.log("target panics (counted as crashes): %d, %d of them with a garbled name: %s"
          % (target_panics, len(garbled), garbled[:5]))
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
