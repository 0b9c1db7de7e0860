# Machine-readable output: the test list (--list, --list --json), the
# grader's own results file (--json FILE) and Gradescope's results.json
# (--gradescope FILE).  A file name of "-" means standard output.

import json
import sys


def test_info(t):
    """A registered test as a plain dict."""
    return {"name": t.name, "title": t.title, "lab": t.lab,
            "points": t.points, "parent": t.parent.name if t.parent else None,
            "timeout": t.timeout}


def list_text(tests):
    """A table of tests: name, lab, points, title."""
    rows = [(t.name, t.lab or "-", str(t.points), t.title) for t in tests]
    header = ("NAME", "LAB", "POINTS", "TITLE")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(3)]
    fmt = "%-{}s  %-{}s  %{}s  %s".format(*widths)
    return "\n".join(fmt % row for row in [header] + rows)


def list_json(tests):
    return json.dumps([test_info(t) for t in tests], indent=2)


def results(outcomes, tests):
    """The --json document: every selected test, run or not."""
    by_name = {o.test.name: o for o in outcomes}
    entries = [_result_entry(t, by_name.get(t.name)) for t in tests]
    return {"tests": entries,
            "score": sum(e["points"] for e in entries),
            "max_score": sum(e["max_points"] for e in entries)}


def _result_entry(t, outcome):
    ran = outcome is not None
    return {"name": t.name, "title": t.title, "lab": t.lab,
            "points": outcome.score if ran else 0, "max_points": t.points,
            "passed": bool(ran and outcome.passed and not outcome.skipped),
            "skipped": bool(ran and outcome.skipped),
            "output": outcome.message if ran else "not run (interrupted)",
            "seconds": round(outcome.seconds, 3) if ran else 0.0}


def gradescope(outcomes, tests, elapsed):
    """Gradescope's results.json shape."""
    doc = results(outcomes, tests)
    entries = [{"name": e["title"], "score": e["points"],
                "max_score": e["max_points"], "output": e["output"],
                "status": "passed" if e["passed"] else "failed"}
               for e in doc["tests"]]
    return {"score": doc["score"], "tests": entries,
            "execution_time": int(round(elapsed))}


def write(path, document):
    """Write a JSON document to path, or stdout for '-'."""
    text = document if isinstance(document, str) else json.dumps(document, indent=2)
    if path == "-":
        sys.stdout.write(text + "\n")
        return
    with open(path, "w") as f:
        f.write(text + "\n")
