# The exec fuzzer (handouts/hardening.md, "Exec fuzzer"): /test/execfuzz, run by the ordinary
# user ast, writes mutated copies of /bin/true (bit flips, byte runs, and targeted ELF header
# and program header fields) and executes each.  Every file must give an execve error (most of
# them ENOEXEC), or run and exit, or die of a signal; never a watchdog (an exec or a wait that
# does not come back), never a server that dies, never a panic.  One boot: baseline, the
# campaign, the invariants (grader/tests/fuzz_common.py), the figures for tools/fuzz_table.py.
# A failure names the seed and the file number: `/test/execfuzz SEED 1 N` replays file N.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import (PROMPT, SEED, baseline, count, invariants, record, run,
                                      scaled_timeout)

FILES = count(100, 1000)
# Figures of the summary line, in its order.
FIELDS = ("files", "execve_failed", "enoexec", "enomem", "einval", "other_errno", "exited",
          "exit0", "signalled", "sigsegv", "sigill", "sigalrm", "sigkill", "other_signal",
          "watchdog", "failed")
SERVER_DIED = r"^rs: service \S+ \(endpoint -?\d+\) died .*$"


def summary(text):
    m = re.search(r"^DONE execfuzz seed=\d+ (.*)$", text, re.M)
    if not m:
        return None
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(1))}


def last_file(text):
    found = re.findall(r"^execfuzz (\d+) ", text, re.M)
    return found[-1] if found else "?"


@test(5, "exec fuzzer: the ordinary user ast executes %d mutated ELF files (seed %d); each "
         "gives an execve error, runs, or dies of a signal; no server dies, nothing hangs, no "
         "page leaks" % (FILES, SEED), timeout=scaled_timeout(150, 100, 1000))
def fuzz_exec(t):
    q = t.launch(timeout=scaled_timeout(150, 100, 1000))
    q.wait_prompt(PROMPT)
    base = baseline(q)
    t.log("seed %d, %d files" % (SEED, FILES))
    command = "su ast -c '/test/execfuzz %d %d'" % (SEED, FILES)
    try:
        text = run(q, command, timeout=scaled_timeout(100, 100, 1000))
    except CheckFailure as e:
        raise CheckFailure("no prompt after the campaign (seed %d): a hang at file %s; "
                           "replay: /test/execfuzz %d 1 %s\n%s"
                           % (SEED, last_file(q.output), SEED, last_file(q.output), e))
    figures = summary(text)
    if figures is None:
        raise CheckFailure("no summary line from execfuzz (seed %d, last file %s)"
                           % (SEED, last_file(text)))
    died = re.findall(SERVER_DIED, q.output[base["start"]:], re.M)
    inv = invariants(t, q, base)
    q.stop()
    record(t, "exec", operations=figures["files"], panics=0, hangs=figures["watchdog"],
           leaked_pages=max(0, inv["free_before"] - inv["free_after"]),
           server_crashes=len(died), **{k: figures[k] for k in FIELDS
                                        if k not in ("files", "watchdog")})
    if died:
        raise CheckFailure("a server died during the campaign (seed %d): %s"
                           % (SEED, "; ".join(died)))
    bad = re.findall(r"^execfuzz (\d+) (\S+): (watchdog|FAILED.*)$", text, re.M)
    if bad or figures["failed"] or figures["watchdog"]:
        raise CheckFailure("seed %d: %s" % (SEED, "; ".join(
            "file %s (%s): %s" % b for b in bad) or "failed=%d" % figures["failed"]))
    if figures["files"] != FILES or figures["enoexec"] == 0 or figures["exit0"] == 0:
        raise CheckFailure("seed %d: %d of %d files run, %d ENOEXEC, %d exited 0"
                           % (SEED, figures["files"], FILES, figures["enoexec"],
                              figures["exit0"]))
