#!/usr/bin/env python3
# labstrip: skip-file   (mutants quote solution code; the marker scanner must not read this)
"""The mutant check: every lab catches plausible wrong solutions.

A lab's mutants live in labs/<lab>/mutants.json (schema in labs/README.md).  Each is a
small wrong student solution: one exact piece of text (`find`) inside a solution region of
that lab (between a `LAB(<lab>) BEGIN` line and its `STUB` line) replaced by a wrong one
(`replace`).  For each mutant this tool

  1. checks it: `find` occurs exactly once in `file`, wholly inside a solution region of the
     mutant's lab, and `replace` differs from it (else the mutant is BROKEN);
  2. applies it in a work copy of the master tree (a slot, build/mutants/slot<N>/, whose
     build/ is a copy of the master's with the same modification times, so make rebuilds
     only what the mutant touches) and builds the files the grader boots (the kernel ELF,
     the programs, the module list and the root image; not the GRUB ISO): a mutant that
     does not build is BROKEN;
  3. runs `python3 -m grader --no-build --lab <lab> --json F <test>` in the slot for one
     scored test (points > 0) of the lab at a time -- those the mutant's caught_by names
     first -- and stops at the first that fails (with --all-tests: one run of the whole
     lab, which names every test that catches it).  The slot is a copy of the master tree,
     so the grader and the in-guest tests (commands/tests/) are the master's pristine ones.
     The mutant is CAUGHT if a scored test of its lab fails, else it SURVIVED: a missing
     test;
  4. restores the file (and touches it, so the next build recompiles it).

Before the mutants of a lab run, a control run grades an unmutated slot: every test of the
lab must pass there, or a failure would prove nothing.  Slots run in parallel (-j N, one
QEMU each).  Each run's grader output and JSON are kept in build/mutants/results/.  One run
at a time per tree: a second one fails at once (build/mutants/.lock).

With --sample N only N mutants of each lab run (all are still checked statically, and a
lab still needs MIN_MUTANTS): a rotating choice, mutant (seed + k) mod count for k < N,
where the seed is the master's commit (`git rev-parse HEAD`), so one commit always runs the
same sample and successive commits walk through all of them.  `make check` runs a sample of
one per lab; `make mutants` (and CI, after `make check`) runs every mutant.

With --no-control the control runs are skipped and each lab's scored tests are its
manifest's list.  `make check` uses it for its sample: its strip proof, run just before,
has already graded every lab's tests on the unmutated master (its step 4), so a control
run would grade them a second time (about 100 s of make check's budget).

Usage:   mutants.py [--lab NAME] [--mutant NAME] [-j N] [--list] [--all-tests] [--keep]
                    [--sample N] [--no-control] [--root MASTER]
Prints one verdict per mutant and per lab; exits non-zero if any mutant survived or is
broken, a control run failed, or a lab has fewer than MIN_MUTANTS mutants.
"""

import argparse
import fcntl
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labstrip  # noqa: E402
from strip_proof import clean_env, grader_tests, normalise_test  # noqa: E402

#: Every lab needs at least this many mutants.
MIN_MUTANTS = 5
#: What the grader boots: everything of `make all` except the GRUB ISO and the host check.
GRADER_TARGETS = ("build/kernel/kernel.elf", "user-programs", "build/boot/modules.txt",
                  "build/rootfs.img")
BUILD_TIMEOUT = 900     # seconds for one build (the master's first build may be cold)
GRADE_TIMEOUT = 600     # seconds for one grader run of one lab
MUTANTS_NAME = "mutants.json"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MUTANT_KEYS = {"name": str, "what": str, "file": str, "find": str, "replace": str}
OPTIONAL_KEYS = {"caught_by": list}
#: Parts of the master's build/ a slot does not need (other tools' trees, logs, the ISO).
SLOT_SKIPPED_BUILD = ("mutants", "strip-proof", "handout", "grade", "iso", "minnow.iso",
                      "docs")


class MutantError(Exception):
    """A mutant cannot be applied (bad entry, text not found, not in a region)."""


# --------------------------------------------------------------------------
# Loading and checking mutants.json (pure: no build, no QEMU)

def load_lab_mutants(root, lab, errors):
    """The mutants of lab as a list of dicts (each with "lab" added), or [] if the lab has
    no mutants.json.  Problems with the file or an entry's shape go to errors."""
    rel = "labs/%s/%s" % (lab, MUTANTS_NAME)
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        errors.append("%s: not valid JSON: %s" % (rel, exc))
        return []
    entries = data.get("mutants") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        errors.append("%s: needs an object with a \"mutants\" list" % rel)
        return []
    mutants, seen = [], set()
    for index, entry in enumerate(entries):
        problems = shape_errors(entry)
        name = entry.get("name") if isinstance(entry, dict) else None
        if not problems and name in seen:
            problems.append("the name %s is used twice" % name)
        if problems:
            errors.extend("%s: mutant %s: %s" % (rel, name or "#%d" % index, p)
                          for p in problems)
            continue
        seen.add(name)
        mutants.append(dict(entry, lab=lab))
    return mutants


def shape_errors(entry):
    """What is wrong with the keys and types of one mutants.json entry."""
    if not isinstance(entry, dict):
        return ["is not an object"]
    problems = []
    for key, kind in MUTANT_KEYS.items():
        if not isinstance(entry.get(key), kind):
            problems.append("needs %r (a %s)" % (key, kind.__name__))
    for key in sorted(set(entry) - set(MUTANT_KEYS) - set(OPTIONAL_KEYS)):
        problems.append("unknown key %r" % key)
    if "caught_by" in entry and not (isinstance(entry["caught_by"], list) and
                                     all(isinstance(t, str) for t in entry["caught_by"])):
        problems.append("caught_by must be a list of test names")
    if isinstance(entry.get("name"), str) and not NAME_RE.match(entry["name"]):
        problems.append("name must be lower-case letters, digits and '-'")
    if isinstance(entry.get("find"), str) and not entry["find"]:
        problems.append("find is empty")
    if entry.get("find") == entry.get("replace"):
        problems.append("replace is the same as find")
    return problems


def locate(text, mutant, path=None):
    """Where mutant's find text is in text: its offset.  Raises MutantError unless it occurs
    exactly once, wholly on solution lines of a region of the mutant's lab."""
    path = path or mutant["file"]
    find = mutant["find"]
    count = text.count(find)
    if count != 1:
        raise MutantError("find text occurs %d times in %s (must be exactly once)"
                          % (count, path))
    offset = text.index(find)
    first = text.count("\n", 0, offset) + 1
    last = first + find.rstrip("\n").count("\n")
    try:
        regions = labstrip.parse_regions(text, path)
    except labstrip.LabError as exc:
        raise MutantError("%s: broken markers: %s" % (path, "; ".join(exc.errors))) from exc
    for region in regions:
        if region.lab == mutant["lab"] and region.stub is not None \
                and region.begin < first and last < region.stub:
            return offset
    raise MutantError("find text (%s:%d-%d) is not inside a LAB(%s) BEGIN ... STUB solution"
                      " region" % (path, first, last, mutant["lab"]))


def mutate(text, mutant):
    """text with the mutant applied (after checking it with locate)."""
    offset = locate(text, mutant)
    return text[:offset] + mutant["replace"] + text[offset + len(mutant["find"]):]


def check_mutant(root, mutant):
    """Raises MutantError if the mutant cannot be applied to the tree at root."""
    path = os.path.join(root, mutant["file"])
    if not os.path.isfile(path):
        raise MutantError("no file %s" % mutant["file"])
    with open(path, encoding="utf-8", newline="") as handle:
        locate(handle.read(), mutant)


def apply_mutant(tree, mutant):
    """Write the mutant into the tree; returns the original text (for restore_file)."""
    path = os.path.join(tree, mutant["file"])
    with open(path, encoding="utf-8", newline="") as handle:
        original = handle.read()
    write_file(path, mutate(original, mutant))
    return original


def restore_file(tree, mutant, original):
    """Put the original text back.  The file keeps a fresh modification time, newer than
    the objects built from the mutant, so the next build recompiles it."""
    write_file(os.path.join(tree, mutant["file"]), original)


def write_file(path, text):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.utime(path)


def select(root, lab=None, mutant=None):
    """(manifest names, {lab: [mutants]}, errors) for the labs to check."""
    errors = []
    manifests = labstrip.load_manifests(root, errors)
    labs = sorted(manifests)
    if lab is not None:
        if lab not in manifests:
            return [], {}, ["no lab %s (labs: %s)" % (lab, ", ".join(labs))]
        labs = [lab]
    found = {name: load_lab_mutants(root, name, errors) for name in labs}
    if mutant is not None:
        found = {name: [m for m in ms if m["name"] == mutant] for name, ms in found.items()}
        found = {name: ms for name, ms in found.items() if ms}
        if not found:
            errors.append("no mutant %s%s" % (mutant, " in lab %s" % lab if lab else ""))
    return labs, found, errors


# --------------------------------------------------------------------------
# Slots: work copies of the master tree with a seeded build/

def run(command, cwd, timeout, log=None):
    """Run command; returns (exit status or None on timeout, output, seconds)."""
    started = time.time()
    try:
        done = subprocess.run(command, cwd=cwd, env=clean_env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, start_new_session=True)
        status, output = done.returncode, done.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        status = None
        output = (exc.stdout or b"").decode("utf-8", "replace") + \
            "\n(timed out after %d s)\n" % timeout
    if log:
        with open(log, "w", encoding="utf-8") as handle:
            handle.write(output)
    return status, output, time.time() - started


def build(tree, jobs=1):
    command = ["make", "-s"] + (["-j%d" % jobs] if jobs > 1 else []) + list(GRADER_TARGETS)
    return run(command, tree, BUILD_TIMEOUT)


def make_slot(root, slot):
    """A fresh work copy of the master tree at slot: its files and its build/ (minus
    SLOT_SKIPPED_BUILD), with modification times kept so that nothing is out of date."""
    if os.path.exists(slot):
        shutil.rmtree(slot)
    for rel in labstrip.list_tree(root):
        source, target = os.path.join(root, rel), os.path.join(slot, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        elif os.path.isfile(source):
            shutil.copy2(source, target)
    build_dir = os.path.join(root, "build")
    if os.path.isdir(build_dir):
        shutil.copytree(build_dir, os.path.join(slot, "build"), symlinks=True,
                        ignore=lambda d, names: [n for n in names if os.path.samefile(
                            d, build_dir) and n in SLOT_SKIPPED_BUILD])
    return slot


def tail(text, lines=12):
    return "\n".join("      | " + line for line in text.rstrip().splitlines()[-lines:])


# --------------------------------------------------------------------------
# Running one job (a control run or a mutant) in a slot

def grade(slot, lab, stem, tests=()):
    """Run the lab's tests in slot (only those named in tests, if any, and their parents).
    Returns (results {name: strip_proof.normalise_test() entry}, exit, output, seconds) with
    results None if the grader wrote no JSON."""
    result_file = stem + ".json"
    if os.path.exists(result_file):
        os.remove(result_file)
    command = [sys.executable, "-m", "grader", "--no-build", "--lab", lab,
               "--json", result_file] + list(tests)
    status, output, seconds = run(command, slot, GRADE_TIMEOUT, log=stem + ".log")
    try:
        with open(result_file, encoding="utf-8") as handle:
            entries = [normalise_test(e) for e in json.load(handle)["tests"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, status, output, seconds
    return {e["name"]: e for e in entries}, status, output, seconds


def scored_failures(results, lab):
    """(the lab's scored tests, those of them that failed)."""
    scored = sorted(n for n, e in results.items() if e["lab"] == lab and e["points"] > 0)
    return scored, [n for n in scored if not results[n]["passed"]]


def run_control(slot, lab, results_dir):
    """Grade the unmutated slot: (ok, text, the lab's scored tests)."""
    results, status, output, seconds = grade(slot, lab, os.path.join(results_dir,
                                                                      lab + ".control"))
    if results is None:
        return False, "control: the grader wrote no results (exit %s)\n%s" % (
            status, tail(output)), []
    failed = sorted(n for n, e in results.items() if not e["passed"])
    scored, _ = scored_failures(results, lab)
    if failed or not scored:
        return False, "control: without any mutant, %s (%.1f s)\n%s" % (
            "tests fail: " + ", ".join(failed) if failed else "the lab has no scored test",
            seconds, tail(output)), scored
    return True, "control: all %d test(s) pass unmutated (%.1f s)" % (len(results),
                                                                       seconds), scored


def test_order(mutant, scored):
    """The lab's scored tests, those the mutant's caught_by names first."""
    first = [t for t in mutant.get("caught_by", ()) if t in scored]
    return first + [t for t in scored if t not in first]


def grade_mutant(slot, mutant, results_dir, order):
    """Grade the mutated slot: one grader run per test of order, stopping at the first
    scored test that fails, or (order None) one run of the whole lab.  Returns
    (failed scored tests, scored tests run, seconds, problem or None)."""
    lab, stem = mutant["lab"], os.path.join(results_dir, "%s.%s" % (mutant["lab"],
                                                                    mutant["name"]))
    ran, seconds = set(), 0.0
    for test in (order if order is not None else [None]):
        results, status, output, took = grade(slot, lab, stem, [test] if test else [])
        seconds += took
        if results is None or (test and test not in results):
            return [], ran, seconds, "the grader %s (exit %s)\n%s" % (
                "wrote no results" if results is None else "did not run " + test,
                status, tail(output))
        scored, failed = scored_failures(results, lab)
        ran.update(scored)
        if failed:
            return failed, ran, seconds, None
    return [], ran, seconds, None


def run_mutant(slot, mutant, results_dir, order):
    """Apply, build, grade and restore one mutant: (verdict, text)."""
    label = "%s/%s" % (mutant["lab"], mutant["name"])
    try:
        original = apply_mutant(slot, mutant)
    except (MutantError, OSError) as exc:
        return "BROKEN", "%s: BROKEN: %s" % (label, exc)
    try:
        status, output, build_s = build(slot)
        if status != 0:
            return "BROKEN", "%s: BROKEN: does not build (%.1f s)\n%s" % (label, build_s,
                                                                          tail(output))
        failed, ran, grade_s, problem = grade_mutant(slot, mutant, results_dir, order)
    finally:
        restore_file(slot, mutant, original)
    times = "build %.1f s, grade %.1f s" % (build_s, grade_s)
    if problem:
        return "BROKEN", "%s: BROKEN: %s; %s" % (label, times, problem)
    if failed:
        expected = set(mutant.get("caught_by", ())) - set(failed) - \
            (set() if order is None else set(mutant.get("caught_by", ())) - ran)
        return "CAUGHT", "%s: CAUGHT by %s (%s)%s" % (
            label, ", ".join(failed), times,
            "; not by %s as caught_by says" % ", ".join(sorted(expected)) if expected else "")
    return "SURVIVED", "%s: SURVIVED: all %d scored test(s) pass (%s): %s" % (
        label, len(ran), times, mutant["what"])


# --------------------------------------------------------------------------
# The whole check

def run_jobs(jobs, slots, results_dir, scored, all_tests):
    """Run jobs [(kind, lab, mutant or None)] on the slots in parallel, one job per slot at
    a time; returns {(lab, name or None): (verdict, text)}, printing each as it comes.
    A control run records its lab's scored tests in scored[lab]; a mutant is graded one of
    those at a time (fail-fast) unless all_tests."""
    work = queue.Queue()
    for job in jobs:
        work.put(job)
    verdicts, lock = {}, threading.Lock()

    def worker(slot):
        while True:
            try:
                kind, lab, mutant = work.get_nowait()
            except queue.Empty:
                return
            if kind == "control":
                ok, text, scored[lab] = run_control(slot, lab, results_dir)
                verdict, key, text = ("PASSED" if ok else "FAILED"), (lab, None), \
                    "%s %s" % (lab, text)
            else:
                order = None if all_tests else test_order(mutant, scored[lab])
                verdict, text = run_mutant(slot, mutant, results_dir, order)
                key = (lab, mutant["name"])
            with lock:
                verdicts[key] = (verdict, text)
                print("  " + text, flush=True)

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in slots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return verdicts


def static_check(root, found):
    """Check every mutant against the master tree; returns {(lab, name): text} of the
    broken ones (they are not run)."""
    broken = {}
    for lab, mutants in sorted(found.items()):
        for mutant in mutants:
            try:
                check_mutant(root, mutant)
            except MutantError as exc:
                broken[(lab, mutant["name"])] = ("BROKEN", "%s/%s: BROKEN: %s"
                                                 % (lab, mutant["name"], exc))
    return broken


def sample_seed(root):
    """The sample's seed: the master's commit as a number (0 outside a git tree)."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=30).stdout.strip()
        return int(head[:8], 16)
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def sample(found, count, seed, broken):
    """{lab: [mutants]} with `count` mutants of each lab, rotating with `seed`, and every
    broken one (a broken mutant fails the run whether or not it was drawn)."""
    chosen = {}
    for lab, mutants in found.items():
        picks = {(seed + k) % len(mutants) for k in range(min(count, len(mutants)))}
        picks |= {i for i, m in enumerate(mutants) if (lab, m["name"]) in broken}
        chosen[lab] = [mutants[i] for i in sorted(picks)]
    return chosen


def summarise(labs, found, verdicts, whole_labs, totals=None):
    """Print one line per lab and the totals; returns the exit status.  totals: {lab:
    number of mutants} when only a sample ran (the MIN_MUTANTS rule counts them all)."""
    counts = {"CAUGHT": 0, "SURVIVED": 0, "BROKEN": 0, "NOT RUN": 0}
    bad_labs = []
    for lab in labs:
        mutants = found.get(lab, [])
        mine = [verdicts.get((lab, m["name"]), ("NOT RUN", ""))[0] for m in mutants]
        for verdict in mine:
            counts[verdict] = counts.get(verdict, 0) + 1
        problems = []
        total = totals[lab] if totals else len(mutants)
        if whole_labs and total < MIN_MUTANTS:
            problems.append("%d mutant(s), fewer than %d" % (total, MIN_MUTANTS))
        if verdicts.get((lab, None), ("PASSED",))[0] != "PASSED":
            problems.append("control run failed")
        problems += ["%d %s" % (mine.count(v), v.lower())
                     for v in ("SURVIVED", "BROKEN", "NOT RUN") if v in mine]
        bad_labs += [lab] if problems else []
        print("lab %s: %s (%d of %d mutant(s) caught%s)" % (
            lab, "FAILED: " + "; ".join(problems) if problems else "OK",
            mine.count("CAUGHT"), len(mutants),
            ", a sample of %d" % total if totals else ""))
    print("mutants: %d caught, %d survived, %d broken, %d not run; %d lab(s) OK, %d failed%s"
          % (counts["CAUGHT"], counts["SURVIVED"], counts["BROKEN"], counts["NOT RUN"],
             len(labs) - len(bad_labs),
        len(bad_labs), ": " + ", ".join(bad_labs) if bad_labs else ""))
    return 1 if bad_labs else 0


def list_mutants(labs, found, broken, whole_labs):
    """Print every lab's mutants with the static check's verdicts; 1 if any is broken or
    (whole_labs) a lab has too few."""
    few = 0
    for lab in labs:
        mutants = found.get(lab, [])
        short = whole_labs and len(mutants) < MIN_MUTANTS
        few += short
        print("lab %s: %d mutant(s)%s" % (lab, len(mutants),
                                          ", fewer than %d" % MIN_MUTANTS if short else ""))
        for m in mutants:
            bad = broken.get((lab, m["name"]))
            print("  %-32s %s%s" % (m["name"], m["what"],
                                    "\n    " + bad[1] if bad else ""))
    return 1 if broken or few else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Show that every lab's tests catch its "
                                     "mutants (labs/<lab>/mutants.json).")
    parser.add_argument("--lab", help="only this lab")
    parser.add_argument("--mutant", help="only the mutant(s) of this name")
    parser.add_argument("-j", "--jobs", type=int, default=1,
                        help="parallel slots (one build and one QEMU each)")
    parser.add_argument("--list", action="store_true", help="list and check, run nothing")
    parser.add_argument("--all-tests", action="store_true",
                        help="grade each mutant with all of its lab's tests (default: one "
                        "scored test at a time, caught_by first, stopping at a failure)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the slots (build/mutants/slot<N>/) afterwards")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="run only N mutants of each lab, chosen by the commit (0: all)")
    parser.add_argument("--no-control", action="store_true",
                        help="skip the control runs (the strip proof graded the master "
                        "already); the scored tests come from the grader's list")
    parser.add_argument("--root", default=labstrip.default_root(), help="the master tree")
    args = parser.parse_args(argv)
    if args.sample < 0:
        parser.error("--sample must be 0 (all) or more")
    root = os.path.abspath(args.root)

    labs, found, errors = select(root, args.lab, args.mutant)
    for error in errors:
        print(error)
    if errors:
        print("mutants: FAILED before any run (bad labs or mutants.json)")
        return 1
    broken = static_check(root, found)
    if args.list:
        return list_mutants(labs, found, broken, args.mutant is None)
    return check(root, labs, found, broken, args)


def check(root, labs, found, broken, args):
    """The whole check, holding build/mutants/.lock: one run at a time per tree."""
    work = os.path.join(root, "build", "mutants")
    os.makedirs(os.path.join(work, "results"), exist_ok=True)
    with open(os.path.join(work, ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print("mutants: FAILED: another mutants.py run is using %s" % work)
            return 1
        return run_check(root, work, labs, found, broken, args)


def listed_scored(root, labs):
    """{lab: its scored tests (tagged with it, points > 0), sorted} from the grader's list:
    what a control run would have found (the strip proof checks the manifests agree)."""
    tests = grader_tests(root)
    return {lab: sorted(t["name"] for t in tests if t["lab"] == lab and t["points"] > 0)
            for lab in labs}


def run_check(root, work, labs, found, broken, args):
    """Build the master, make the slots, run the control runs, then the mutants of the labs
    whose control passed; prints the verdicts and returns the exit status."""
    started = time.time()
    results_dir = os.path.join(work, "results")
    status, output, seconds = build(root, max(1, args.jobs))
    if status != 0:
        print("mutants: FAILED: the master tree does not build\n%s" % tail(output))
        return 1
    labs_run = [lab for lab in labs if found.get(lab)]
    count = max(1, min(args.jobs, len(labs_run) + sum(len(found[lab]) for lab in labs_run)))
    slots = [make_slot(root, os.path.join(work, "slot%d" % i)) for i in range(count)]
    print("mutants: master tree built (%.1f s), %d slot(s) ready (%.1f s in all)"
          % (seconds, count, time.time() - started), flush=True)
    for text in (v[1] for v in broken.values()):
        print("  " + text)
    totals = None
    if args.sample:
        seed = sample_seed(root)
        totals = {lab: len(ms) for lab, ms in found.items()}
        found = sample(found, args.sample, seed, broken)
        print("mutants: a sample of %d per lab (seed %08x, the commit); `make mutants` runs "
              "all %d" % (args.sample, seed, sum(totals.values())), flush=True)
    verdicts, scored = dict(broken), {}
    if args.no_control:
        scored.update(listed_scored(root, labs_run))
        verdicts.update({(lab, None): ("PASSED", "%s: no control run (--no-control)" % lab)
                         for lab in labs_run})
    else:
        verdicts.update(run_jobs([("control", lab, None) for lab in labs_run], slots,
                                 results_dir, scored, args.all_tests))
    passed = [lab for lab in labs_run if verdicts[(lab, None)][0] == "PASSED"]
    verdicts.update(run_jobs([("mutant", lab, m) for lab in passed for m in found[lab]
                              if (lab, m["name"]) not in broken], slots, results_dir,
                             scored, args.all_tests))
    if not args.keep:
        for slot in slots:
            shutil.rmtree(slot)
    status = summarise(labs, found, verdicts, whole_labs=args.mutant is None, totals=totals)
    print("mutants: %.0f s" % (time.time() - started))
    return status


if __name__ == "__main__":
    sys.exit(main())
