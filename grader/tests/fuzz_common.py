# What every robustness campaign shares (handouts/hardening.md, "Campaigns"): how big a run
# is, where its figures go, and the invariants checked after it.
#
# A campaign is a grader test named fuzz_<campaign>.  It runs at one of two sizes:
#   - check: the short slice `make check` runs (the default);
#   - full:  what `make fuzz` runs (MINNOW_FUZZ=full in the environment).
# count(check, full) picks the number for this run; scaled_timeout() stretches a timeout by
# the same factor.  Every campaign is reproducible from its seed: MINNOW_FUZZ_SEED (default
# a fixed number) is passed to the in-guest tool, and the seed is in the test's log.
#
# record() writes a campaign's figures (counts of operations, crashes, restarts, failures)
# as JSON to build/grade/fuzz/<campaign>.json; tools/fuzz_table.py prints them as the table
# `make fuzz` ends with.
#
# Invariants (baseline() before the campaign, invariants() after it), typed into the root
# shell of the campaign's boot:
#   - the system answers: a command runs and the prompt comes back;
#   - every service RS listed before the campaign is listed after it (sysinfo -r), none
#     left in a restart;
#   - VM's free pages are back to the baseline (free), give or take `slack` pages a
#     campaign names for memory it legitimately keeps (a cache it grew);
#   - VM's own bookkeeping checks pass (free -s, VM_SANITY: every mapped page counted,
#     regions sound);
#   - no panic and no "failed" line from a server on the console.

import json
import os
import re
import time

from grader.match import CheckFailure

PROMPT = r"^# "
FULL = os.environ.get("MINNOW_FUZZ", "").strip().lower() == "full"
SEED = int(os.environ.get("MINNOW_FUZZ_SEED", "20261207"), 0)


def count(check, full):
    """The number of operations for this run: check in make check, full in make fuzz."""
    return full if FULL else check


def scaled_timeout(seconds, check, full):
    """A timeout for check operations stretched in proportion for a full run."""
    return seconds if not FULL else int(seconds * max(1.0, full / float(check)))


def record(t, campaign, **figures):
    """Write the campaign's figures for tools/fuzz_table.py and to the test's log."""
    figures = dict(figures, campaign=campaign, size="full" if FULL else "check", seed=SEED)
    out = os.path.join(t.config.path(t.config.grade_dir), "fuzz")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, campaign + ".json"), "w") as f:
        json.dump(figures, f, indent=1, sort_keys=True)
    t.log("fuzz figures: %s" % json.dumps(figures, sort_keys=True))
    return figures


def run(q, command, timeout=120):
    """Type command at the root prompt and return its output (the echo line stripped)."""
    start = len(q.output)
    q.send_line(command)
    q.wait_prompt(PROMPT, timeout=timeout)
    text = q.output[start:]
    text = text[:text.rfind("# ")]
    return text.split("\n", 1)[1] if "\n" in text else ""


def free_pages(q):
    text = run(q, "free")
    m = re.search(r"^free\s+(\d+)", text, re.M)
    if not m:
        raise CheckFailure("no 'free' line from free:\n%s" % text)
    return int(m.group(1))


def vm_sanity(q):
    """VM's bookkeeping checks, run now (free -s): CheckFailure unless they pass."""
    text = run(q, "free -s")
    m = re.search(r"^vm sanity: (.*)$", text, re.M)
    if not m or not m.group(1).startswith("ok "):
        raise CheckFailure("VM's sanity checks after the campaign: %s"
                           % (m.group(0) if m else "no verdict from free -s:\n" + text))
    return m.group(1)


def services(q):
    """{label: state} from sysinfo -r."""
    rows = {}
    for line in run(q, "sysinfo -r").splitlines():
        m = re.match(r"^(\S+)\s+-?\d+\s+\S+\s+\S+\s+\d+\s+\d+\s*(.*)$", line)
        if m and m.group(1) != "LABEL":
            rows[m.group(1)] = m.group(2)
    if not rows:
        raise CheckFailure("sysinfo -r listed no service")
    return rows


def baseline(q):
    """What invariants() compares against, taken before the campaign."""
    run(q, "sync")
    return {"free": free_pages(q), "services": services(q), "start": len(q.output)}


def invariants(t, q, base, slack=0):
    """Check the invariants after a campaign; raise CheckFailure naming the first broken one.
    Returns the figures (free pages before and after) for record()."""
    t0 = time.monotonic()
    if run(q, "echo alive").strip() != "alive":
        raise CheckFailure("the shell did not answer after the campaign")
    after = services(q)
    lost = sorted(set(base["services"]) - set(after))
    if lost:
        raise CheckFailure("services gone after the campaign: %s" % ", ".join(lost))
    run(q, "sync")
    free = free_pages(q)
    vm_sanity(q)
    if free + slack < base["free"]:
        raise CheckFailure("free pages %d after the campaign, %d before (slack %d): %d "
                           "leaked" % (free, base["free"], slack, base["free"] - free))
    console = q.output[base["start"]:]
    bad = re.search(r"^.*(panic|PANIC).*$", console, re.M)
    if bad:
        raise CheckFailure("a panic on the console during the campaign: %s" % bad.group(0))
    t.log("invariants held (%.1f s): free %d -> %d pages, %d services"
          % (time.monotonic() - t0, base["free"], free, len(after)))
    return {"free_before": base["free"], "free_after": free, "services": len(after)}
