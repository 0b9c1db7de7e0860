# Selftests of the command line (`python3 -m grader`), run as a subprocess
# in a temporary "repository" with fake test modules (--tests-dir) and the
# fake QEMU: output format and exit status, --list, --json, --gradescope,
# filters and --lab, the build step, and that interrupting the grader with
# SIGINT or SIGTERM leaves no QEMU (or QEMU child) running.

import json
import os
import signal
import subprocess
import sys
import unittest

from grader.selftest.helpers import (FAKE_QEMU, FIXTURES, REPO_ROOT,
                                     fake_qemu_command, read_pids, temp_root,
                                     wait_dead)

FAILING_MAKEFILE = "all:\n\t@echo compiler says no\n\t@exit 3\n"


class CliTest(unittest.TestCase):
    def setUp(self):
        self.root = temp_root(self)
        self.pidfile = os.path.join(self.root, "pids")

    def env(self):
        env = dict(os.environ, PYTHONPATH=REPO_ROOT, MINNOW_QEMU=fake_qemu_command(),
                   MINNOW_KERNEL=FAKE_QEMU, NO_COLOR="1",
                   FAKE_QEMU_PIDFILE=self.pidfile)
        for name in ("MINNOW_TIMEOUT_SCALE", "MINNOW_DETERMINISTIC",
                     "MINNOW_TESTS_DIR"):
            env.pop(name, None)
        return env

    def argv(self, fixture, *args):
        return [sys.executable, "-m", "grader", "--tests-dir",
                os.path.join(FIXTURES, fixture)] + list(args)

    def grade(self, fixture, *args):
        return subprocess.run(self.argv(fixture, *args), cwd=self.root,
                              env=self.env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=60)

    def write(self, name, text):
        with open(os.path.join(self.root, name), "w") as f:
            f.write(text)

    def test_output_format_and_exit_status_on_failure(self):
        p = self.grade("mixed", "--no-build")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        lines = p.stdout.splitlines()
        self.assertRegex(lines[0], r"^fake boot: OK \(\d+\.\d s\)$")
        self.assertRegex(p.stdout, r"(?m)^fake missing line: FAIL \(\d+\.\d s\)\n"
                                   r"    MISSING '\^never printed'$")
        self.assertIn("    (console log: build/grade/fake_boot.log)", lines)
        self.assertEqual(lines[-4:], ["Failed (1):",
                                      "  fake_missing: fake missing line",
                                      "Score: 7/10", "3 passed, 1 failed"])
        self.assertTrue(os.path.exists(
            os.path.join(self.root, "build/grade/fake_boot.log")))

    def test_all_pass_exits_zero_in_parallel(self):
        p = self.grade("allpass", "--no-build", "-j", "2")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(p.stdout.splitlines()[-2:],
                         ["Score: 10/10", "2 passed, 0 failed"])
        self.assertNotIn("Failed", p.stdout)

    def test_list_does_not_build_or_boot(self):
        self.write("Makefile", FAILING_MAKEFILE)
        p = self.grade("mixed", "--list")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout, r"(?m)^fake_missing\s+demo\s+3\s+fake missing line$")
        self.assertFalse(os.path.exists(self.pidfile))
        p = self.grade("mixed", "--list", "--json")
        listed = json.loads(p.stdout)
        self.assertEqual([t["name"] for t in listed],
                         ["fake_boot", "fake_banner", "fake_missing", "fake_panic"])
        self.assertEqual(listed[1]["parent"], "fake_boot")

    def test_json_and_gradescope_files(self):
        p = self.grade("mixed", "--no-build", "--json", "r.json",
                       "--gradescope", "g.json")
        self.assertEqual(p.returncode, 1)
        with open(os.path.join(self.root, "r.json")) as f:
            results = json.load(f)
        with open(os.path.join(self.root, "g.json")) as f:
            gradescope = json.load(f)
        self.assertEqual((results["score"], results["max_score"]), (7, 10))
        self.assertEqual(len(results["tests"]), 4)
        self.assertEqual(gradescope["score"], 7)
        self.assertIn("execution_time", gradescope)
        missing = gradescope["tests"][2]
        self.assertEqual((missing["name"], missing["score"], missing["max_score"]),
                         ("fake missing line", 0, 3))
        self.assertIn("MISSING", missing["output"])

    def test_filters_and_lab(self):
        p = self.grade("mixed", "--no-build", "--lab", "demo")
        self.assertEqual(p.stdout.splitlines()[-1], "2 passed, 1 failed")
        self.assertIn("fake boot: OK", p.stdout)
        self.assertNotIn("fake banner", p.stdout)
        p = self.grade("mixed", "--no-build", "BANNER")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout.splitlines()[-1], "2 passed, 0 failed")
        p = self.grade("mixed", "--no-build", "--lab")   # empty LAB: all tests
        self.assertEqual(p.stdout.splitlines()[-1], "3 passed, 1 failed")

    def test_no_matching_tests_and_usage_errors_exit_2(self):
        p = self.grade("mixed", "--no-build", "nothing-like-this")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no tests match: filter 'nothing-like-this'", p.stderr)
        self.assertEqual(self.grade("mixed", "-j", "0").returncode, 2)

    def test_build_failure_aborts(self):
        self.write("Makefile", FAILING_MAKEFILE)
        p = self.grade("allpass")
        self.assertEqual(p.returncode, 2)
        self.assertIn("compiler says no", p.stdout)
        self.assertIn("build failed", p.stdout)
        self.assertFalse(os.path.exists(self.pidfile))

    def test_build_success_runs_tests(self):
        self.write("Makefile", "all:\n\t@true\n")
        p = self.grade("allpass", "fake power-off")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def interrupt(self, sig):
        proc = subprocess.Popen(self.argv("hang", "--no-build"), cwd=self.root,
                                env=self.env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, universal_newlines=True)
        try:
            pids = read_pids(self.pidfile, 2)   # fake QEMU and its child
            proc.send_signal(sig)
            out, _ = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
        self.assertEqual(wait_dead(pids, timeout=2), [], "processes survived")
        self.assertEqual(proc.returncode, 128 + sig)
        self.assertIn("grader: interrupted", out)
        self.assertRegex(out, r"(?m)^Failed \(1\):\n  \w+: .*\nScore: ")
        self.assertEqual(out.splitlines()[-1], "0 passed, 1 failed")

    def test_sigint_leaves_no_process(self):
        self.interrupt(signal.SIGINT)

    def test_sigterm_leaves_no_process(self):
        self.interrupt(signal.SIGTERM)


if __name__ == "__main__":
    unittest.main()
