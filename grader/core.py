# The grader's heart: the test registry and @test decorator, the per-test
# context object `t` that tests use to boot QEMU and check output, and the Run
# that executes tests (memoising parents, optionally in parallel), scores them
# and prints one line per test.
#
# A test is a function taking the context:
#
#     @test(5, "kernel prints its banner", lab="boot")
#     def kernel_banner(t):
#         out = t.boot(cmdline="poweroff=1", timeout=10)
#         t.match(out, r"^Minnow kernel \d+\.\d+")
#
# A check that fails raises CheckFailure; its text is the explanation shown
# under the test's FAIL line.  See grader/README.md for the whole API.

import glob
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, List

from grader import durations, procs
from grader import match as matching
from grader.gdb import run_gdb
from grader.match import CheckFailure, Skipped
from grader.qemu import SHELL_PROMPT, BootResult, Qemu, describe_status

DEFAULT_TIMEOUT = 30.0


# ----------------------------------------------------------------------------
# Registry


class Test:
    """A registered test: a function plus its points, title and tags."""

    def __init__(self, func, points, title, lab, parent, timeout):
        self.func = func
        self.name = func.__name__
        self.points = points
        self.title = title or self.name.replace("_", " ")
        self.lab = lab
        self.parent = parent
        self.timeout = timeout

    def __repr__(self):
        return "<Test %s>" % self.name


class Registry:
    """An ordered collection of tests (declaration order is report order)."""

    def __init__(self):
        self.tests = []
        self.by_name = {}

    def test(self, points=0, title=None, lab=None, parent=None,
             timeout=DEFAULT_TIMEOUT):
        """Decorator registering a test function; returns the Test."""
        def register(func):
            new = Test(func, points, title, lab, self._parent(parent), timeout)
            if new.name in self.by_name:
                raise ValueError("duplicate test name %r" % new.name)
            self.tests.append(new)
            self.by_name[new.name] = new
            return new
        return register

    def _parent(self, parent):
        if parent is None or isinstance(parent, Test):
            return parent
        if parent not in self.by_name:
            raise ValueError("parent %r must be declared before its children"
                             % parent)
        return self.by_name[parent]

    def select(self, filters=(), lab=None):
        """Tests matching any filter (substring of name or title, any case)
        and the lab tag, plus their parents, in declaration order."""
        chosen = {t.name for t in self.tests if _wanted(t, filters, lab)}
        for t in self.tests:
            if t.name in chosen:
                parent = t.parent
                while parent is not None:
                    chosen.add(parent.name)
                    parent = parent.parent
        return [t for t in self.tests if t.name in chosen]


def _wanted(t, filters, lab):
    if lab and (t.lab or "").lower() != lab.lower():
        return False
    if not filters:
        return True
    names = (t.name.lower(), t.title.lower())
    return any(f.lower() in n for f in filters for n in names)


REGISTRY = Registry()
test = REGISTRY.test


# ----------------------------------------------------------------------------
# Outcomes


@dataclass
class Outcome:
    """The result of running one test."""

    test: Test
    passed: bool
    message: str = ""
    seconds: float = 0.0
    value: Any = None
    boots: List[BootResult] = field(default_factory=list)
    skipped: bool = False         # passed stays True: nothing failed, children run

    @property
    def score(self):
        return self.test.points if self.passed and not self.skipped else 0


def _first_line(text):
    return (text.strip().splitlines() or [""])[0]


# ----------------------------------------------------------------------------
# The context object passed to each test


def _text_of(thing):
    """(text, how-the-boot-ended) for a string, BootResult, Qemu or
    GdbResult."""
    if isinstance(thing, BootResult):
        return thing.output, thing.ending()
    if isinstance(thing, Qemu):
        return thing.output, None
    return getattr(thing, "output", thing), None


class Context:
    """What a test function receives as `t`: boot helpers and checks."""

    def __init__(self, run, test, parent=None):
        self.run = run
        self.config = run.config
        self.test = test
        self.parent = parent          # the parent's Outcome, if any
        self.boots = []               # Qemu objects started by this test
        self._log = []
        self._tmpdir = None

    # -- files ------------------------------------------------------------

    @property
    def tmpdir(self):
        """A private temporary directory (kept if the test fails)."""
        if self._tmpdir is None:
            root = self.config.tmp_root()
            os.makedirs(root, exist_ok=True)
            for old in glob.glob(os.path.join(root, self.test.name + "-*")):
                shutil.rmtree(old, ignore_errors=True)   # an earlier run's
            self._tmpdir = tempfile.mkdtemp(prefix=self.test.name + "-", dir=root)
        return self._tmpdir

    def write_file(self, name, data):
        """Create a file in tmpdir with str or bytes content; return its
        path."""
        path = os.path.join(self.tmpdir, name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def log(self, text):
        """Add text to this test's log file."""
        self._log.append(text.rstrip("\n"))

    # -- booting ----------------------------------------------------------

    def launch(self, cmdline="", modules=None, timeout=None, halted=False,
               memory=None, extra_args=(), disk=None, persistent=False):
        """Start QEMU and return the running Qemu (see qemu.py) for
        wait_for/send/send_line/shell/wait_exit; it is stopped when the test
        ends if the test has not stopped it.  disk: the disk image (None:
        the build's build/home.img, under -snapshot unless persistent)."""
        q = Qemu(self.config, self.tmpdir, cmdline=cmdline, modules=modules,
                 timeout=self.test.timeout if timeout is None else timeout,
                 halted=halted, memory=memory, extra_args=extra_args,
                 echo=self.config.echo_console, disk=disk, persistent=persistent)
        self.boots.append(q)
        return q.start()

    def boot(self, cmdline="", modules=None, timeout=None, stop=None,
             script=None, prompt=SHELL_PROMPT, **kwargs):
        """Boot, run to the end and return the BootResult.  The run ends when
        QEMU exits, when `stop` appears, after the shell `script` (a list of
        commands typed at each `prompt`) has run, or on timeout.  Check the
        result with t.match / t.assert_exit."""
        q = self.launch(cmdline, modules, timeout, **kwargs)
        try:
            self._drive(q, stop, script, prompt)
        except CheckFailure:
            pass   # a timeout or early exit: the checks will report it
        return q.stop()

    def _drive(self, q, stop, script, prompt):
        if script is not None:
            if q.shell(script, prompt, stop):
                q.stop_reason = "the shell script finished"
                return
        if stop is not None:
            q.wait_for(stop)
            q.stop_reason = matching.quoted(stop) + " appeared"
        elif script is None:
            q.wait_exit()

    def gdb(self, qemu, commands, timeout=None, elf=None):
        """Run gdb in batch mode against qemu's gdb socket (start the boot
        with halted=True to catch it from the first instruction)."""
        result = run_gdb(self.config, qemu.gdb_socket, commands,
                         timeout or self.test.timeout, elf)
        self.log("=== gdb: %s ===\n%s" % (" ".join(result.command), result.output))
        if result.timed_out:
            self.log("=== gdb timed out ===")
        return result

    # -- parents ----------------------------------------------------------

    @property
    def parent_value(self):
        """What the parent test function returned."""
        return self._require_parent().value

    @property
    def parent_boot(self):
        """The parent's last BootResult."""
        boots = self._require_parent().boots
        if not boots:
            raise CheckFailure("parent %s did not boot" % self.test.parent.name)
        return boots[-1]

    def _require_parent(self):
        if self.parent is None:
            raise CheckFailure("test %s has no parent" % self.test.name)
        return self.parent

    # -- checks -----------------------------------------------------------

    def match(self, output, *regexes, no=()):
        """Each regex must match the start of some line of output; no `no`
        regex may match the start of any line."""
        text, ending = _text_of(output)
        matching.check_lines(text, regexes, no, ending)

    def find(self, output, regex):
        """The match object of the first line starting with regex (for
        parsing values out of output); fails with MISSING otherwise."""
        found = self.find_all(output, regex)
        if not found:
            self.match(output, regex)
        return found[0]

    def find_all(self, output, regex):
        """Match objects of every line starting with regex."""
        return matching.find_all(_text_of(output)[0], regex)

    def count(self, output, regex):
        """Number of lines starting with regex."""
        return matching.count(_text_of(output)[0], regex)

    def assert_count(self, output, regex, expected):
        """Exactly `expected` lines start with regex."""
        got = self.count(output, regex)
        if got != expected:
            text, ending = _text_of(output)
            self.fail("expected %d line(s) matching %s, found %d%s\n%s" % (
                expected, matching.quoted(regex), got,
                "\nboot ended: " + ending if ending else "", matching.tail(text)))

    def assert_equal(self, got, expected, what="value"):
        if got != expected:
            self.fail("%s: expected %r, got %r" % (what, expected, got))

    def assert_true(self, condition, message):
        if not condition:
            self.fail(message)

    def assert_exit(self, result, status):
        """The boot ended with QEMU exiting with this status (e.g.
        EXIT_POWEROFF)."""
        if result.status != status:
            self.fail("expected: %s\ngot:      %s\n%s" % (
                describe_status(status), result.ending(),
                matching.tail(result.output)))

    def fail(self, message):
        raise CheckFailure(message)

    def skip(self, why):
        """End the test as skipped (SKIP, no points, not a failure): for a host tool that
        this machine lacks, never for something the system under test did."""
        raise Skipped(why)

    # -- end of test ------------------------------------------------------

    def finish(self, passed):
        """Stop every boot, write the log, clean up; return BootResults."""
        results = [q.stop("test finished") for q in self.boots]
        results = [r for r in results if r is not None]
        self._write_log(results)
        if passed and self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
        return results

    def _write_log(self, results):
        parts = []
        for i, r in enumerate(results, 1):
            parts.append("=== boot %d: %s ===" % (i, " ".join(r.command)))
            parts.append(r.output.rstrip("\n"))
            parts.append("=== %s ===" % r.ending())
        parts += self._log
        if not parts and self.test.parent:
            parts = ["(no boot of its own: see %s.log)" % self.test.parent.name]
        if parts:
            path = self.config.log_path(self.test.name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write("\n".join(parts) + "\n")


# ----------------------------------------------------------------------------
# Running tests


class Run:
    """Runs a selection of tests once each, in parallel if jobs > 1."""

    def __init__(self, config, tests, jobs=1, on_start=None, on_done=None):
        self.config = config
        self.tests = list(tests)
        self.jobs = max(1, jobs)
        self.on_start = on_start or (lambda test: None)
        self.on_done = on_done or (lambda outcome: None)
        self._outcomes = {}
        self._locks = {t.name: threading.Lock() for t in self.tests}
        self._report_lock = threading.Lock()

    def outcome(self, test):
        """Run test (once; later calls return the memoised Outcome)."""
        lock = self._locks.setdefault(test.name, threading.Lock())
        with lock:
            if test.name not in self._outcomes:
                result = self._execute(test)
                self._outcomes[test.name] = result
                with self._report_lock:
                    self.on_done(result)
            return self._outcomes[test.name]

    def _execute(self, test):
        parent = self.outcome(test.parent) if test.parent else None
        if parent is not None and not parent.passed:
            why = "parent failed: %s: %s" % (parent.test.title,
                                            _first_line(parent.message))
            return Outcome(test, False, why)
        with self._report_lock:
            self.on_start(test)
        ctx = Context(self, test, parent)
        started = time.monotonic()
        outcome = Outcome(test, False, "interrupted")
        try:
            passed, message, value = self._call(test, ctx)
            outcome = Outcome(test, passed, message, value=value,
                              skipped=isinstance(value, Skipped))
        finally:   # stop QEMU and write the log whatever happened
            outcome.boots = self._finish(ctx, outcome)
            outcome.seconds = time.monotonic() - started
        return outcome

    def _finish(self, ctx, outcome):
        try:
            return ctx.finish(outcome.passed)
        except Exception:
            outcome.passed, outcome.message = False, _error_text()
            return []

    def _call(self, test, ctx):
        try:
            value = test.func(ctx)
            if procs.aborting():   # its boots were killed under it
                return False, "interrupted", None
            return True, "", value
        except CheckFailure as e:
            return False, str(e), None
        except Skipped as e:
            return True, "skipped: %s" % e, e
        except procs.Aborted:
            return False, "interrupted", None
        except Exception:
            return False, _error_text(), None

    def run_all(self):
        """Run every test; return Outcomes in declaration order (tests not
        run because of an interruption are missing)."""
        if self.jobs == 1:
            for t in self.tests:
                if procs.aborting():
                    break
                self.outcome(t)
        else:
            self._run_parallel()
        return [self._outcomes[t.name] for t in self.tests
                if t.name in self._outcomes]

    def _run_parallel(self):
        """The workers take tests from one schedule (see _take): a test whose parent has
        not finished is never taken, so no worker sits waiting for another's boot, and of
        the rest the longest expected goes first (durations.expected()), so that the long
        sessions start at once rather than last."""
        expected = durations.load()
        self._pending = sorted(self.tests, key=lambda t: -durations.expected(expected, t))
        self._running = set()
        self._changed = threading.Condition()
        threads = [threading.Thread(target=self._worker, daemon=True)
                   for _ in range(self.jobs)]
        for th in threads:
            th.start()
        for th in threads:
            while th.is_alive():
                if procs.aborting():
                    return
                th.join(0.1)

    def _ready(self, t):
        """May t start now: no parent, or its parent has finished (or is not scheduled)?"""
        p = t.parent
        return (p is None or p.name in self._outcomes or
                (p.name not in self._running and all(x.name != p.name for x in self._pending)))

    def _take(self):
        """The first ready test of the schedule (waiting while only children of running
        parents are left), or None when nothing is left."""
        with self._changed:
            while self._pending and not procs.aborting():
                for i, t in enumerate(self._pending):
                    if self._ready(t):
                        self._running.add(t.name)
                        return self._pending.pop(i)
                self._changed.wait(0.1)
            return None

    def _worker(self):
        while not procs.aborting():
            t = self._take()
            if t is None:
                return
            self.outcome(t)
            with self._changed:
                self._running.discard(t.name)
                self._changed.notify_all()


def _error_text():
    return "error in the test itself:\n" + traceback.format_exc().rstrip()


# ----------------------------------------------------------------------------
# Text output


class Printer:
    """Formats result lines and the summary; colour only on a terminal."""

    def __init__(self, config, stream=None, color=None, incremental=False):
        self.config = config
        self.stream = stream or sys.stdout
        if color is None:
            color = self.stream.isatty() and "NO_COLOR" not in os.environ
        self.color = color
        self.incremental = incremental   # print "title: " before running
        self._pending = None

    def _paint(self, text, code):
        return "\033[%sm%s\033[0m" % (code, text) if self.color else text

    def status(self, outcome, width=0):
        if outcome.skipped:
            return self._paint("SKIP".ljust(width), "33")
        if outcome.passed:
            return self._paint("OK".ljust(width), "32")
        return self._paint("FAIL".ljust(width), "1;31")

    def result_line(self, outcome):
        line = "%s: %s (%.1f s)" % (outcome.test.title, self.status(outcome),
                                    outcome.seconds)
        if outcome.skipped:
            return line + "\n    " + outcome.message
        if outcome.passed or not outcome.message:
            return line
        details = "\n".join("    " + l for l in outcome.message.splitlines())
        log = self._log_hint(outcome)
        return line + "\n" + details + log

    def _log_hint(self, outcome):
        name = outcome.test.name
        if not outcome.boots:
            if outcome.test.parent is None:
                return ""
            name = outcome.test.parent.name
        path = self.config.log_path(name)
        return "\n    (console log: %s)" % os.path.relpath(path)

    def print(self, text=""):
        self.stream.write(text + "\n")
        self.stream.flush()

    def started(self, test):
        if self.incremental:
            self.stream.write(test.title + ": ")
            self.stream.flush()
            self._pending = test

    def done(self, outcome):
        line = self.result_line(outcome)
        if self._pending is outcome.test:
            line = line[len(outcome.test.title) + 2:]
        elif self._pending is not None:
            self.stream.write("\n")
        self._pending = None
        self.print(line)

    def summary(self, outcomes, tests, ordered_recap=False):
        """The name of every failed test (and of every test not run), the score
        line and, last of all, the passed/failed counts."""
        if ordered_recap:
            self._recap(outcomes)
        self._failed(outcomes, tests)
        score = sum(o.score for o in outcomes)
        possible = sum(t.points for t in tests)
        skipped = sum(1 for o in outcomes if o.skipped)
        passed = sum(1 for o in outcomes if o.passed) - skipped
        failed = len(tests) - passed - skipped
        self.print("Score: %s/%s" % (_num(score), _num(possible)))
        self.print("%d passed, %d failed" % (passed, failed) +
                   (", %d skipped" % skipped if skipped else ""))

    def _failed(self, outcomes, tests):
        ran = {o.test.name: o for o in outcomes}
        failed = [(t, "" if t.name in ran else " (not run)") for t in tests
                  if t.name not in ran or not ran[t.name].passed]
        if not failed:
            return
        self.print("Failed (%d):" % len(failed))
        for t, note in failed:
            self.print("  %s: %s%s" % (t.name, t.title, note))

    def _recap(self, outcomes):
        self.print()
        self.print("Summary:")
        for o in outcomes:
            self.print("  %s %5s/%-3s %s" % (
                self.status(o, 4), _num(o.score), _num(o.test.points),
                o.test.title))


def _num(x):
    return ("%g" % x) if isinstance(x, float) else str(x)
