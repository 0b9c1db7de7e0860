#!/usr/bin/env python3
"""Print the robustness campaigns' figures as one table (the end of `make fuzz`).

Every campaign (grader/tests/fuzz_*.py) writes build/grade/fuzz/<campaign>.json through
grader/tests/fuzz_common.record(): its size (check or full), its seed and counters such as
operations, driver crashes, restarts, panics, hangs and leaked pages.  This prints one row per
campaign with the counters every campaign has first and the rest after them, and exits 1 when
no campaign has written figures, any campaign reports panics, hangs, leaked pages or
corrupted files, or a campaign of `make fuzz` wrote none: a campaign whose test ended
before record() (a hang that ran out its timeout, a broken invariant) is named as missing,
not left out of a table that would otherwise say "all clean".

Usage: fuzz_table.py [DIR]    (default build/grade/fuzz)
"""
import json
import os
import sys

FAILURES = ("panics", "hangs", "leaked_pages", "corrupted_files", "os_failures")
SKIP = ("campaign", "size", "seed")
# The campaigns of `make fuzz` and their grader tests.
CAMPAIGNS = {"messages": "fuzz_msg", "syscalls": "fuzz_sys", "exec": "fuzz_exec",
             "images": "fuzz_image", "faults": "fuzz_faults", "exhaustion": "fuzz_exhaust"}


def load(folder):
    rows = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                rows.append(json.load(f))
    return rows


def describe(row):
    return ", ".join("%s %s" % (k.replace("_", " "), row[k]) for k in sorted(row)
                     if k not in SKIP and k not in FAILURES)


def main(argv):
    folder = argv[1] if len(argv) > 1 else "build/grade/fuzz"
    rows = load(folder)
    if not rows:
        print("fuzz_table: no campaign figures in %s" % folder)
        return 1
    print("%-14s %-5s %10s  %-6s %-5s %-6s  %s" % ("campaign", "size", "seed", "panics",
                                                   "hangs", "leaked", "figures"))
    bad = 0
    for row in rows:
        fails = [row.get(k, 0) for k in ("panics", "hangs", "leaked_pages")]
        bad += sum(row.get(k, 0) for k in FAILURES)
        print("%-14s %-5s %10s  %-6s %-5s %-6s  %s" % (row["campaign"], row["size"],
                                                       row["seed"], *fails, describe(row)))
    for name in sorted(set(CAMPAIGNS) - set(row["campaign"] for row in rows)):
        print("fuzz_table: no figures from %s: its test ended before recording them "
              "(build/grade/%s.log)" % (name, CAMPAIGNS[name]))
        bad += 1
    print("fuzz_table: %d campaign(s), %s" % (len(rows), "all clean" if not bad else
                                              "%d failure(s)" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
