# How long each test took in a recent full run (grader/durations.json), so that a parallel
# run (-j N) starts the longest tests first: the crash-recovery and TCP sessions take about
# two minutes each, and started last they would end a run long after everything else.
# Only the order depends on it: a missing, stale or unreadable file changes no result.
#
#     python3 -m grader --no-build -j 2 --json build/grade/results.json
#     python3 -m grader --update-durations build/grade/results.json   # rewrite the file
#
# A test the file does not know (a new one) is expected to take DEFAULT_SECONDS; a child
# of a parent test takes nothing once its parent's boot is done.

import json
import os
import sys

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "durations.json")
DEFAULT_SECONDS = 1.0


def load(path=PATH):
    """{test name: seconds} from path; {} if there is no readable file."""
    try:
        with open(path) as f:
            table = json.load(f)["seconds"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {k: float(v) for k, v in table.items() if isinstance(v, (int, float))}


def expected(table, test):
    """The seconds test is expected to take (its parent's boot not counted)."""
    if test.name in table:
        return table[test.name]
    return 0.0 if test.parent is not None else DEFAULT_SECONDS


def from_results(doc):
    """The table of a --json results document: each test that ran and passed, rounded."""
    return {e["name"]: round(e["seconds"], 1) for e in doc["tests"]
            if e.get("passed") and "seconds" in e}


def main(argv):
    if len(argv) != 1:
        sys.stderr.write("usage: python3 -m grader --update-durations RESULTS.json\n")
        return 2
    with open(argv[0]) as f:
        table = from_results(json.load(f))
    with open(PATH, "w") as f:
        json.dump({"about": "seconds per test of a full grader run, the longest started "
                            "first by -j N (grader/durations.py)",
                   "seconds": dict(sorted(table.items()))}, f, indent=1)
        f.write("\n")
    print("durations: %d tests, %.0f s in all, written to %s"
          % (len(table), sum(table.values()), PATH))
    return 0
