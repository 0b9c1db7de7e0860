#!/usr/bin/env python3
# labstrip: skip-file
"""The strip proof: show that every lab is a real lab.

For each lab of labs/*/manifest.json (or the one named with --lab) it proves:

  1. the manifest agrees with the grader: its test list is exactly the set of
     grader tests tagged with the lab (`python3 -m grader --list --json`), and
     its points are the sum of those tests' points;
  2. the handout tree (the lab stripped, written to build/strip-proof/<lab>/)
     builds with `make -s all` (its build/ seeded from the master's, so that only
     what depends on the stripped files is rebuilt);
  3. in the handout tree, with the master tree's grader/, commands/tests/ and
     tools/tests/ (the grader, the in-guest test programs and the host harnesses
     grader tests compile) copied over it (the pristine
     checker, as an instructor would grade), every scored test of the
     lab FAILS: code that still passes when its solution is gone is a broken lab;
  4. in the master tree every test of the lab passes.

The master tree is built once first, and both grader runs use --no-build.
Results of each grader run are kept next to the handout tree, in
build/strip-proof/<lab>.master.json and <lab>.stripped.json, and the stripped
tree's console logs under its own build/grade/.

Usage:   strip_proof.py [--lab NAME] [--root MASTER] [-j N] [--parallel N]
Prints one verdict per lab and exits non-zero if any lab fails its proof.  --parallel N
proves N labs at once (one build and one QEMU each; a lab's lines are printed together when
it is done): make check uses 2, one lab per core.
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import handout   # noqa: E402
import labstrip  # noqa: E402

BUILD_TIMEOUT = 600     # seconds for one `make all` (the first master build may be cold)
GRADE_TIMEOUT = 300     # seconds for one grader run of one lab
LIST_TIMEOUT = 60

# Settings that would make a run in the handout tree look at the master tree's
# files, or make's own state leaking in from a calling make.
_DROPPED_ENV = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES",
                "MINNOW_KERNEL", "MINNOW_MODULES", "MINNOW_GRADE_DIR", "MINNOW_TESTS_DIR")


class ProofFailure(Exception):
    """One step of a lab's proof failed; the message says which and why."""


def clean_env():
    env = dict(os.environ)
    for name in _DROPPED_ENV:
        env.pop(name, None)
    return env


def run(command, cwd, timeout, log=None):
    """Run command in cwd; returns (exit status, output).  A timeout is a
    ProofFailure.  The combined output is also written to log if given."""
    started = time.time()
    try:
        done = subprocess.run(command, cwd=cwd, env=clean_env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, start_new_session=True)
    except subprocess.TimeoutExpired as exc:
        raise ProofFailure("%s timed out after %d s in %s" % (" ".join(command), timeout, cwd)) \
            from exc
    output = done.stdout.decode("utf-8", "replace")
    if log:
        with open(log, "w", encoding="utf-8") as handle:
            handle.write(output)
    return done.returncode, output, time.time() - started


def tail(text, lines=15):
    return "\n".join("      | " + line for line in text.rstrip().splitlines()[-lines:])


def build(tree, jobs, what):
    command = ["make", "-s"] + (["-j%d" % jobs] if jobs > 1 else []) + ["all"]
    status, output, seconds = run(command, tree, BUILD_TIMEOUT)
    if status != 0:
        raise ProofFailure("%s: `%s` failed (exit %d):\n%s"
                           % (what, " ".join(command), status, tail(output)))
    return seconds


# --------------------------------------------------------------------------
# What the grader says

def grader_tests(root):
    """The grader's test list: [{name, title, lab, points}, ...]."""
    status, output, _ = run([sys.executable, "-m", "grader", "--list", "--json"], root,
                            LIST_TIMEOUT)
    if status != 0:
        raise ProofFailure("`python3 -m grader --list --json` failed (exit %d):\n%s"
                           % (status, tail(output)))
    start = min([i for i in (output.find("["), output.find("{")) if i >= 0] or [0])
    try:
        listing = json.loads(output[start:])
    except ValueError as exc:
        raise ProofFailure("`python3 -m grader --list --json` printed no JSON: %s" % exc) \
            from exc
    return [normalise_test(entry) for entry in _test_entries(listing)]


def _test_entries(data):
    if isinstance(data, dict):
        for key in ("tests", "results"):
            if isinstance(data.get(key), list):
                return data[key]
        raise ProofFailure("grader JSON has no test list (keys: %s)" % ", ".join(sorted(data)))
    if isinstance(data, list):
        return data
    raise ProofFailure("grader JSON is neither a list nor an object")


def _first(entry, keys, default=None):
    for key in keys:
        if key in entry and entry[key] is not None:
            return entry[key]
    return default


def normalise_test(entry):
    """One test of a grader list or result, whatever the exact key names:
    {name, title, lab, points, passed (None if not a result)}."""
    name = _first(entry, ("name", "id", "test"))
    title = _first(entry, ("title", "name"), name)
    points = _first(entry, ("max_points", "max_score", "points"), 0)
    status = _first(entry, ("status", "outcome", "result"))
    if isinstance(status, str):
        passed = status.strip().lower() in ("passed", "pass", "ok", "success")
    elif isinstance(_first(entry, ("passed", "ok")), bool):
        passed = _first(entry, ("passed", "ok"))
    elif "score" in entry and points:
        passed = entry["score"] >= points
    else:
        passed = None
    return {"name": name, "title": title, "lab": entry.get("lab"),
            "points": points, "passed": passed}


def grade(tree, lab, result_file, extra_args):
    """Run the grader for lab in tree; returns {test name: normalised result}."""
    if os.path.exists(result_file):
        os.remove(result_file)
    command = [sys.executable, "-m", "grader", "--lab", lab, "--json", result_file,
               "--no-build"] + list(extra_args)
    status, output, seconds = run(command, tree, GRADE_TIMEOUT,
                                  log=os.path.splitext(result_file)[0] + ".log")
    if not os.path.exists(result_file):
        raise ProofFailure("`%s` in %s wrote no JSON (exit %d):\n%s"
                           % (" ".join(command), tree, status, tail(output)))
    with open(result_file, encoding="utf-8") as handle:
        results = [normalise_test(e) for e in _test_entries(json.load(handle))]
    return {r["name"]: r for r in results}, status, output, seconds


# --------------------------------------------------------------------------
# The proof of one lab

def check_manifest(manifest, tests):
    """Step 1: the manifest's tests and points against the grader's list."""
    tagged = {t["name"]: t for t in tests if t["lab"] == manifest["name"]}
    problems = []
    listed = set(manifest["tests"])
    if len(listed) != len(manifest["tests"]):
        problems.append("the manifest lists a test twice")
    for name in sorted(listed - set(tagged)):
        problems.append("manifest test %s is not a grader test of lab %s" % (name, manifest["name"]))
    for name in sorted(set(tagged) - listed):
        problems.append("grader test %s (lab %s) is missing from the manifest"
                        % (name, manifest["name"]))
    total = sum(t["points"] for t in tagged.values())
    if total != manifest["points"]:
        problems.append("manifest points %s, but the lab's grader tests add up to %s"
                        % (manifest["points"], total))
    if not tagged:
        problems.append("the grader has no test tagged with lab %s" % manifest["name"])
    if problems:
        raise ProofFailure("manifest labs/%s/manifest.json disagrees with the grader:\n      "
                           % manifest["name"] + "\n      ".join(problems))
    return tagged


#: The checking code that grades a tree: the grader itself, the in-guest test programs
#: (testlib.c and every commands/tests/ program printing PASS/FAIL) and the host harnesses
#: that grader tests compile (tools/tests/, e.g. the tcp lab's tcp_harness.c).  A
#: submission is graded with the master's copies, so that editing a checker cannot make a
#: test pass.
PRISTINE_DIRS = ("grader/", "commands/tests/", "tools/tests/")


def overlay_pristine_grader(root, tree):
    """Replace the handout tree's checking code (PRISTINE_DIRS) by the master tree's."""
    for top in PRISTINE_DIRS:
        shutil.rmtree(os.path.join(tree, top), ignore_errors=True)
    names = [n for n in labstrip.list_tree(root) if n.startswith(PRISTINE_DIRS)]
    handout.copy_tree(root, tree, names)


#: Parts of the master's build/ that a handout tree's build does not need.
_UNSEEDED_BUILD = ("strip-proof", "mutants", "handout", "grade", "docs")


def seed_build(root, tree):
    """Start the handout tree's build/ as a copy of the master's, modification times kept:
    the stripped files are newer than every object, so make rebuilds exactly what depends
    on them (through the .d files), and the rest is the master's build."""
    source = os.path.join(root, "build")
    inside = os.path.realpath(tree) + os.sep

    def ignore(directory, names):
        at_top = os.path.samefile(directory, source)
        return [n for n in names if (at_top and n in _UNSEEDED_BUILD) or
                inside.startswith(os.path.realpath(os.path.join(directory, n)) + os.sep)]

    if os.path.isdir(source) and not os.path.exists(os.path.join(tree, "build")):
        shutil.copytree(source, os.path.join(tree, "build"), symlinks=True, ignore=ignore)


def prove_lab(root, manifest, tests, jobs, extra_args, say):
    """Steps 1-4 for one lab.  Raises ProofFailure at the first failed step."""
    lab = manifest["name"]
    tagged = check_manifest(manifest, tests)
    scored = sorted(name for name, t in tagged.items() if t["points"] > 0)
    say("manifest: %d test(s), %s point(s): matches the grader"
        % (len(tagged), manifest["points"]))

    work = os.path.join(root, "build", "strip-proof")
    os.makedirs(work, exist_ok=True)
    try:
        tree, changed = handout.make_handout(root, lab, os.path.join(work, lab))
    except labstrip.LabError as exc:
        raise ProofFailure("handout failed:\n      " + "\n      ".join(exc.errors)) from exc
    if not changed:
        raise ProofFailure("stripping lab %s changed no file" % lab)
    overlay_pristine_grader(root, tree)
    seed_build(root, tree)
    say("handout: %s (stubbed: %s)" % (os.path.relpath(tree, root), ", ".join(changed)))

    seconds = build(tree, jobs, "stripped tree")
    say("build: the stripped tree builds (%.1f s)" % seconds)

    results, _, output, seconds = grade(tree, lab, os.path.join(work, lab + ".stripped.json"),
                                        extra_args)
    missing = [name for name in scored if name not in results]
    still_pass = [name for name in scored if name in results and results[name]["passed"]]
    if missing or still_pass:
        raise ProofFailure("stripped tree: %s%s\n%s" % (
            "tests not run: %s. " % ", ".join(missing) if missing else "",
            "still PASS without the solution: %s" % ", ".join(still_pass) if still_pass else "",
            tail(output)))
    say("stripped: all %d scored test(s) fail as they must (%.1f s): %s"
        % (len(scored), seconds, ", ".join(scored)))

    results, status, output, seconds = grade(root, lab, os.path.join(work, lab + ".master.json"),
                                             extra_args)
    failed = [name for name in sorted(tagged)
              if name not in results or not results[name]["passed"]]
    if failed or status != 0:
        raise ProofFailure("master tree: %s (grader exit %d)\n%s" % (
            "not passing: " + ", ".join(failed) if failed else "all listed tests pass",
            status, tail(output)))
    say("master: all %d test(s) pass (%.1f s)" % (len(tagged), seconds))


def select_labs(root, only=None):
    """The manifests to prove ({name: manifest}), or None after printing why
    there is nothing to prove (broken markers or manifests, no such lab)."""
    errors = []
    manifests = labstrip.load_manifests(root, errors)
    errors.extend(labstrip.check_tree(root) if not errors else [])
    if errors:
        for error in errors:
            print(error)
        print("strip proof: FAILED before any lab (markers or manifests are broken)")
        return None
    if only:
        if only not in manifests:
            print("strip proof: no lab %s (labs: %s)" % (only, ", ".join(sorted(manifests))))
            return None
        manifests = {only: manifests[only]}
    if not manifests:
        print("strip proof: no labs/*/manifest.json found")
        return None
    return manifests


def main(argv=None):
    parser = argparse.ArgumentParser(description="Prove that every lab strips into a real lab.")
    parser.add_argument("--lab", help="prove only this lab")
    parser.add_argument("--root", default=labstrip.default_root(), help="the master tree")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="make -j for the builds")
    parser.add_argument("--parallel", type=int, default=1, metavar="N",
                        help="prove N labs at once (default 1)")
    parser.add_argument("--grader-arg", action="append", default=[],
                        help="extra argument for both grader runs (may repeat)")
    args = parser.parse_args(argv)
    if args.parallel < 1:
        parser.error("--parallel needs a positive number")
    root = os.path.abspath(args.root)

    manifests = select_labs(root, args.lab)
    if manifests is None:
        return 1
    try:
        seconds = build(root, args.jobs, "master tree")
        print("strip proof: master tree built (%.1f s)" % seconds, flush=True)
        tests = grader_tests(root)
    except ProofFailure as exc:
        print("strip proof: FAILED before any lab: %s" % exc)
        return 1

    verdicts, lock = {}, threading.Lock()

    def prove(name):
        lines = []
        say = lines.append if args.parallel > 1 else lambda text: print(text, flush=True)
        say("strip proof: lab %s (%s)" % (name, manifests[name]["title"]))
        started = time.time()
        try:
            prove_lab(root, manifests[name], tests, args.jobs, args.grader_arg,
                      lambda text: say("    " + text))
            verdicts[name] = "PROVEN"
        except ProofFailure as exc:
            say("    FAILED: %s" % exc)
            verdicts[name] = "FAILED"
        say("lab %s: %s (%.0f s)" % (name, verdicts[name], time.time() - started))
        with lock:
            for line in lines:
                print(line, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
        list(pool.map(prove, sorted(manifests)))
    failed = sorted(n for n, v in verdicts.items() if v != "PROVEN")
    print("strip proof: %d lab(s) proven, %d failed%s" % (
        len(verdicts) - len(failed), len(failed), ": " + ", ".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
