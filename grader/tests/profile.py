# The guest profiler (tools/profile.py, handouts/profiling.md): QEMU with the profiler's
# plugin (build/tools/tbprof.so) boots /test/spin alone as a module, twice (N and 2N rounds of
# its busy loop), and the counts are checked: the plugin's total is the sum of its blocks, the
# process "spin" exists and its top function is spin_loop, spin_loop's count matches the
# instructions the guest's own time-stamp counter saw over the call (-icount shift=0: one tick
# per instruction) within 1%, and doubling the rounds doubles spin_loop's count (within a
# few instructions: the call's entry and exit).

import os

from grader.core import test
from grader.gdb import gdb_missing
from grader.qemu import EXIT_POWEROFF
from tools import profile

SPIN = "build/commands/testprogs/spin"
ROUNDS = 200000
SPIN_LINE = r"^spin: (\d+) rounds, sum \d+, (\d+) ticks"


def spin_profile(t, rounds):
    """Boot spin with the plugin: (the loop's ticks as the guest counted them, the profile's
    counts, the plugin's total)."""
    raw = os.path.join(t.tmpdir, "counts-%d.txt" % rounds)
    extra = ["-plugin", profile.plugin_arg(t.config.root, os.path.abspath(raw))]
    if not t.config.deterministic:
        extra += ["-icount", "shift=0,sleep=off"]
    out = t.boot(cmdline="poweroff_on_exit=1", modules=["%s priv=sys %d" % (SPIN, rounds)],
                 extra_args=extra, timeout=60)
    t.assert_exit(out, EXIT_POWEROFF)
    m = t.find(out, SPIN_LINE)
    if not os.path.exists(raw):
        t.fail("the plugin wrote no counts to %s" % raw)
    with open(raw) as f:
        procs, blocks, total = profile.parse_counts(f.read())
    counts = profile.aggregate(procs, blocks, profile.Symboliser(t.config.root).where)
    return int(m.group(2)), counts, total


def spin_label(t, counts):
    """The label of the spin process in the profile."""
    labels = {lb for (lb, _m, _f) in counts if lb.startswith("spin(")}
    if len(labels) != 1:
        t.fail("expected one process spin in the profile, got %s" % sorted(labels))
    return labels.pop()


@test(2, "the profiler (make profile): a busy loop's function tops its process, its count "
         "matches the guest's TSC within 1%, and doubling the loop doubles it", timeout=120)
def profile_spin(t):
    why = gdb_missing(t.config)
    if why:
        t.skip(why)
    ticks, counts, total = spin_profile(t, ROUNDS)
    if total is None or total <= 0 or sum(counts.values()) != total:
        t.fail("the plugin's total %s is not the sum of its blocks (%d)"
               % (total, sum(counts.values())))
    label = spin_label(t, counts)
    top = profile.top_functions(counts, label, 3)
    t.log("top of %s: %s; TSC over the call: %d" % (label, top, ticks))
    if top[0][:2] != ("spin", "spin_loop"):
        t.fail("the top function of spin is %s:%s, not spin:spin_loop" % top[0][:2])
    loop = top[0][2]
    if abs(loop - ticks) > ticks / 100 or loop < 3 * ROUNDS:
        t.fail("spin_loop counted %d instructions; the guest's TSC saw %d over the call"
               % (loop, ticks))
    _ticks2, counts2, _total2 = spin_profile(t, 2 * ROUNDS)
    loop2 = counts2.get((spin_label(t, counts2), "spin", "spin_loop"), 0)
    if abs(loop2 - 2 * loop) > 64:
        t.fail("spin_loop: %d instructions for %d rounds but %d for %d (not twice)"
               % (loop, ROUNDS, loop2, 2 * ROUNDS))
