# The message fuzzer campaign (handouts/hardening.md, "Message fuzzer"): one boot of the
# root shell, /test/msgfuzz run as the ordinary user ast with the campaign's seed: random
# and mutated-valid messages to PM, VFS, VM, DS and RS, messages to endpoints a user may not
# reach, kernel calls and IPC traps a user does not have, from several workers at once.
# Around it the invariants of grader/tests/fuzz_common.py (the shell answers, every service
# still up, free pages back, VM's sanity checks pass, no panic).  Asserted: every message
# was sent (the fuzzer's count equals the campaign's), no worker hung in a SENDREC, no
# message reached an endpoint a user may not reach, no answer carried an internal errno,
# every kernel call and other IPC trap was refused, the invariants hold, no process of ast
# is left (ps), and VM_SANITY refuses ast (su ast -c 'free -s').

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests import fuzz_common as fz

MESSAGES = fz.count(20000, 1000000)
WORKERS = 4
HANG_SECONDS = 5
AST_UID = 100
COMMAND = "su ast -c '/test/msgfuzz %d %d %d %d; echo status=$?'" % (
    fz.SEED, MESSAGES, WORKERS, HANG_SECONDS)
FIELDS = ("sent", "count", "ok", "errors", "denied", "elsewhere", "elsewhere_reached",
          "kcalls", "kcalls_denied", "traps", "traps_denied", "internal_errnos", "hangs",
          "deaths", "forks", "respawns", "self_corrupted")
SUMMARY = r"^msgfuzz: " + " ".join(r"%s=(\d+)" % f for f in FIELDS) + r"$"


def campaign(t, q):
    """Run the fuzzer: its output and its counters."""
    out = fz.run(q, COMMAND, timeout=fz.scaled_timeout(150, 20000, 1000000))
    t.log("seed %d, %d messages:\n%s" % (fz.SEED, MESSAGES, out))
    m = re.search(SUMMARY, out, re.M)
    if not m:
        raise CheckFailure("no summary line from msgfuzz (seed %d):\n%s" % (fz.SEED, out))
    return out, dict(zip(FIELDS, (int(g) for g in m.groups())))


@test(10, "message fuzzer: %d random and mutated-valid messages, kernel calls and IPC traps "
          "from %d workers as ast: all sent, no hang, every kernel call refused, the "
          "invariants hold (services up, pages back, VM's sanity checks pass)"
      % (MESSAGES, WORKERS), timeout=fz.scaled_timeout(240, 20000, 1000000))
def fuzz_msg(t):
    q = t.launch()
    q.wait_prompt(fz.PROMPT, timeout=120)
    base = fz.baseline(q)
    out, c = campaign(t, q)
    inv = fz.invariants(t, q, base, slack=0)
    left = [line for line in fz.run(q, "ps").splitlines()
            if re.match(r"^\s*\d+\s+\d+\s+\d+\s+%d\s" % AST_UID, line)]
    user_sanity = fz.run(q, "su ast -c 'free -s'")
    fz.record(t, "messages", operations=c["sent"], panics=0, hangs=c["hangs"],
              leaked_pages=max(0, inv["free_before"] - inv["free_after"]),
              ok=c["ok"], errors=c["errors"], denied=c["denied"], kcalls=c["kcalls"],
              kcalls_denied=c["kcalls_denied"], traps=c["traps"],
              traps_denied=c["traps_denied"], elsewhere=c["elsewhere"],
              elsewhere_reached=c["elsewhere_reached"], internal_errnos=c["internal_errnos"],
              worker_deaths=c["deaths"], forks=c["forks"], self_corrupted=c["self_corrupted"])
    if c["hangs"] or "status=0" not in out:
        t.fail("msgfuzz: %d hang(s) (seed %d):\n%s" % (c["hangs"], fz.SEED, out))
    if c["sent"] != MESSAGES or c["count"] != MESSAGES:
        t.fail("msgfuzz sent %d of %d messages (seed %d)" % (c["sent"], MESSAGES, fz.SEED))
    if c["elsewhere_reached"] or c["internal_errnos"]:
        t.fail("msgfuzz: %d message(s) reached an endpoint a user may not reach, %d answer(s) "
               "carried an internal errno (seed %d):\n%s" % (c["elsewhere_reached"],
                                                            c["internal_errnos"], fz.SEED, out))
    if left:
        t.fail("processes of ast left after the campaign (PM kept them):\n%s" % "\n".join(left))
    if not re.search(r"^vm sanity: not checked: .*", user_sanity, re.M):
        t.fail("free -s as ast was not refused (VM_SANITY is root's):\n%s" % user_sanity)
    if c["kcalls_denied"] != c["kcalls"] or c["traps_denied"] != c["traps"]:
        t.fail("a user's kernel call or IPC trap was not refused: %d of %d kernel calls, "
               "%d of %d traps (seed %d):\n%s" % (c["kcalls_denied"], c["kcalls"],
                                                   c["traps_denied"], c["traps"], fz.SEED, out))
