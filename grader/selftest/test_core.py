# Selftests of grader/core.py and grader/report.py without booting anything:
# registry and selection (filters, --lab plus parents), parent/child
# semantics (run once, failure propagates), scoring and the summary lines,
# the JSON and Gradescope shapes, and timeout scaling.

import io
import os
import threading
import time
import unittest
from unittest import mock

from grader import core, durations, report
from grader.__main__ import make_config, parse_args
from grader.config import Config
from grader.selftest.helpers import fake_config, temp_root


def make_registry():
    """A registry with a parent, its children and two independent tests."""
    reg = core.Registry()
    calls = {"parent": 0}
    lock = threading.Lock()

    @reg.test(0, "the parent")
    def parent(t):
        with lock:
            calls["parent"] += 1
        time.sleep(0.2)
        return "parent value"

    @reg.test(3, "child one", lab="alpha", parent=parent)
    def child_one(t):
        t.assert_equal(t.parent_value, "parent value")

    @reg.test(2, "child two", parent="parent")
    def child_two(t):
        t.fail("child two is broken")

    @reg.test(5, "lonely test", lab="beta")
    def lonely(t):
        pass

    @reg.test(1, "crashes")
    def crashes(t):
        raise ZeroDivisionError("oops")

    return reg, calls


class RegistryTest(unittest.TestCase):
    def setUp(self):
        self.reg, _ = make_registry()

    def names(self, tests):
        return [t.name for t in tests]

    def test_title_defaults_to_function_name(self):
        reg = core.Registry()

        @reg.test(1)
        def prints_the_banner(t):
            pass
        self.assertEqual(prints_the_banner.title, "prints the banner")

    def test_duplicate_names_and_undeclared_parents_are_rejected(self):
        def lonely(t):
            pass
        with self.assertRaises(ValueError):
            self.reg.test(1)(lonely)
        with self.assertRaises(ValueError):
            self.reg.test(1, parent="nonexistent")(lambda t: None)

    def test_no_filters_selects_everything_in_order(self):
        self.assertEqual(self.names(self.reg.select()),
                         ["parent", "child_one", "child_two", "lonely", "crashes"])

    def test_filters_are_case_insensitive_substrings_of_name_or_title(self):
        self.assertEqual(self.names(self.reg.select(["LONELY"])), ["lonely"])
        self.assertEqual(self.names(self.reg.select(["crash", "Lonely Test"])),
                         ["lonely", "crashes"])

    def test_selected_children_bring_their_parent(self):
        self.assertEqual(self.names(self.reg.select(["child two"])),
                         ["parent", "child_two"])

    def test_lab_selects_tagged_tests_and_parents(self):
        self.assertEqual(self.names(self.reg.select(lab="ALPHA")),
                         ["parent", "child_one"])
        self.assertEqual(self.names(self.reg.select(["child"], lab="beta")), [])


class RunTest(unittest.TestCase):
    def run_tests(self, jobs, filters=()):
        reg, calls = make_registry()
        config = fake_config(temp_root(self))
        tests = reg.select(filters)
        out = io.StringIO()
        printer = core.Printer(config, out, color=False, incremental=jobs == 1)
        run = core.Run(config, tests, jobs, printer.started, printer.done)
        outcomes = run.run_all()
        printer.summary(outcomes, tests, ordered_recap=jobs > 1)
        return outcomes, calls, out.getvalue()

    def test_parent_runs_once_even_in_parallel(self):
        outcomes, calls, _ = self.run_tests(jobs=4)
        self.assertEqual(calls["parent"], 1)
        self.assertEqual(len(outcomes), 5)

    def test_results_and_scores(self):
        outcomes, _, text = self.run_tests(jobs=1)
        passed = {o.test.name: o.passed for o in outcomes}
        self.assertEqual(passed, {"parent": True, "child_one": True,
                                  "child_two": False, "lonely": True,
                                  "crashes": False})
        lines = text.splitlines()
        self.assertEqual(lines[-5:], ["Failed (2):", "  child_two: child two",
                                      "  crashes: crashes", "Score: 8/11",
                                      "3 passed, 2 failed"])
        self.assertRegex(text, r"(?m)^child two: FAIL \(\d+\.\d s\)\n"
                               r"    child two is broken$")
        self.assertRegex(text, r"(?m)^lonely test: OK \(\d+\.\d s\)$")
        self.assertIn("ZeroDivisionError: oops", text)

    def test_parallel_output_has_ordered_recap_and_same_last_lines(self):
        _, _, text = self.run_tests(jobs=3)
        lines = text.splitlines()
        recap = lines[lines.index("Summary:") + 1:lines.index("Failed (2):")]
        titles = ["the parent", "child one", "child two", "lonely test",
                  "crashes"]
        self.assertEqual(len(recap), len(titles))
        for line, title in zip(recap, titles):
            self.assertTrue(line.endswith(" " + title), line)
        self.assertEqual(lines[-1], "3 passed, 2 failed")

    def test_no_worker_waits_for_a_parent_running_elsewhere(self):
        """With two workers and a slow parent, the independent test runs during the
        parent's boot: the second worker does not take (and wait in) a child."""
        reg = core.Registry()
        events = []

        @reg.test(0, "slow parent")
        def parent(t):
            time.sleep(0.4)
            events.append("parent done")

        @reg.test(1, "child", parent=parent)
        def child(t):
            events.append("child")

        @reg.test(1, "other")
        def other(t):
            events.append("other")

        config = fake_config(temp_root(self))
        with mock.patch.object(core.durations, "load", return_value={}):
            outcomes = core.Run(config, reg.select(), 2).run_all()
        self.assertTrue(all(o.passed for o in outcomes))
        self.assertEqual(events, ["other", "parent done", "child"])

    def test_longest_expected_test_starts_first(self):
        reg = core.Registry()
        started = []

        @reg.test(1, "quick")
        def quick(t):
            started.append("quick")

        @reg.test(1, "slow")
        def slow(t):
            started.append("slow")

        @reg.test(1, "middle")
        def middle(t):
            started.append("middle")

        config = fake_config(temp_root(self))
        table = {"quick": 0.1, "slow": 90.0, "middle": 5.0}
        with mock.patch.object(core.durations, "load", return_value=table):
            core.Run(config, reg.select(), 2).run_all()
        self.assertEqual(started[0], "slow")
        self.assertEqual(sorted(started), ["middle", "quick", "slow"])

    def test_failed_parent_fails_children(self):
        reg = core.Registry()

        @reg.test(0, "broken parent")
        def parent(t):
            t.fail("no boot\nsecond line")

        @reg.test(4, "needs parent", parent=parent)
        def child(t):
            raise AssertionError("must not run")

        config = fake_config(temp_root(self))
        outcomes = core.Run(config, reg.select(), 2).run_all()
        self.assertFalse(outcomes[1].passed)
        self.assertEqual(outcomes[1].message,
                         "parent failed: broken parent: no boot")

    def test_skipped_test_scores_nothing_and_is_counted_apart(self):
        reg = core.Registry()

        @reg.test(4, "needs a tool")
        def needs_tool(t):
            t.skip("no such tool on this machine")

        @reg.test(1, "plain")
        def plain(t):
            pass

        config = fake_config(temp_root(self))
        tests = reg.select()
        out = io.StringIO()
        printer = core.Printer(config, out, color=False)
        outcomes = core.Run(config, tests, 1, printer.started, printer.done).run_all()
        printer.summary(outcomes, tests)
        self.assertTrue(outcomes[0].skipped)
        self.assertEqual(outcomes[0].score, 0)
        self.assertRegex(out.getvalue(), r"(?m)^needs a tool: SKIP \(\d+\.\d s\)\n"
                                         r"    skipped: no such tool on this machine$")
        self.assertEqual(out.getvalue().splitlines()[-2:],
                         ["Score: 1/5", "1 passed, 0 failed, 1 skipped"])
        entry = report.results(outcomes, tests)["tests"][0]
        self.assertEqual((entry["passed"], entry["skipped"]), (False, True))


class DurationsTest(unittest.TestCase):
    def test_table_from_results_keeps_passed_tests(self):
        doc = {"tests": [{"name": "a", "passed": True, "seconds": 12.345},
                         {"name": "b", "passed": False, "seconds": 3.0}]}
        self.assertEqual(durations.from_results(doc), {"a": 12.3})

    def test_unknown_tests_and_bad_files(self):
        reg, _ = make_registry()
        tests = {t.name: t for t in reg.select()}
        self.assertEqual(durations.expected({}, tests["lonely"]), durations.DEFAULT_SECONDS)
        self.assertEqual(durations.expected({}, tests["child_one"]), 0.0)
        self.assertEqual(durations.expected({"lonely": 7.0}, tests["lonely"]), 7.0)
        path = os.path.join(temp_root(self), "d.json")
        with open(path, "w") as f:
            f.write("not json")
        self.assertEqual(durations.load(path), {})
        self.assertEqual(durations.load(path + ".missing"), {})


class ReportTest(unittest.TestCase):
    def setUp(self):
        reg, _ = make_registry()
        self.tests = reg.select()
        config = fake_config(temp_root(self))
        self.outcomes = core.Run(config, self.tests).run_all()

    def test_json_shape(self):
        doc = report.results(self.outcomes, self.tests)
        self.assertEqual(doc["score"], 8)
        self.assertEqual(doc["max_score"], 11)
        first = doc["tests"][1]
        self.assertEqual(set(first), {"name", "title", "lab", "points", "max_points",
                                      "passed", "skipped", "output", "seconds"})
        self.assertEqual((first["name"], first["lab"], first["points"],
                          first["max_points"], first["passed"]),
                         ("child_one", "alpha", 3, 3, True))

    def test_gradescope_shape(self):
        doc = report.gradescope(self.outcomes, self.tests, 12.4)
        self.assertEqual(set(doc), {"score", "tests", "execution_time"})
        self.assertEqual(doc["score"], 8)
        self.assertEqual(doc["execution_time"], 12)
        child_two = doc["tests"][2]
        self.assertEqual(child_two["name"], "child two")
        self.assertEqual((child_two["score"], child_two["max_score"]), (0, 2))
        self.assertIn("child two is broken", child_two["output"])
        self.assertEqual(child_two["status"], "failed")

    def test_tests_not_run_count_as_failed(self):
        doc = report.results(self.outcomes[:2], self.tests)
        self.assertEqual(doc["tests"][4]["output"], "not run (interrupted)")
        self.assertFalse(doc["tests"][4]["passed"])


class TimeoutScaleTest(unittest.TestCase):
    def test_environment_sets_the_scale(self):
        with mock.patch.dict(os.environ, {"MINNOW_TIMEOUT_SCALE": "2.5"}):
            self.assertEqual(Config().scaled(10), 25.0)
        with mock.patch.dict(os.environ, {"MINNOW_TIMEOUT_SCALE": ""}):
            self.assertEqual(Config().scaled(10), 10.0)

    def test_option_overrides_environment(self):
        with mock.patch.dict(os.environ, {"MINNOW_TIMEOUT_SCALE": "2.5"}):
            config = make_config(parse_args(["--timeout-scale", "4"]))
        self.assertEqual(config.scaled(3), 12.0)

    def test_deterministic_from_environment(self):
        with mock.patch.dict(os.environ, {"MINNOW_DETERMINISTIC": "1"}):
            self.assertTrue(Config().deterministic)
        with mock.patch.dict(os.environ, {"MINNOW_DETERMINISTIC": "0"}):
            self.assertFalse(Config().deterministic)


if __name__ == "__main__":
    unittest.main()
