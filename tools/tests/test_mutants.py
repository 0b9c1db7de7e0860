# labstrip: skip-file   (these tests write marker regions into temporary trees)
"""Host unit tests of tools/labs/mutants.py.

The pure parts (loading and checking mutants.json, the region check, applying and
restoring a mutant) are tested on strings and small temporary trees.  The whole check runs
on a toy master tree: one lab region in a Python file, a Makefile with the targets the tool
builds, and the stand-in grader of test_handout_proof, so the slots, the control run and the
verdicts are exercised in seconds without building Minnow or booting QEMU.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import fcntl
import io
import json
import os
import shutil
import sys
import tempfile
import time
import unittest
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "labs"))
sys.path.insert(0, HERE)
import mutants      # noqa: E402

from test_handout_proof import ANSWER_MASTER, FAKE_GRADER  # noqa: E402
from test_labstrip import manifest, read, write            # noqa: E402

C_TEXT = """\
int
f(int x)
{
	/* LAB(demo) BEGIN: f */
	if (x < 0)
		return -x;
	return x;
	/* LAB(demo) STUB */
	//~ return 0;
	/* LAB(demo) END */
}

int
g(int x)
{
	if (x < 0)
		return 0;
	/* LAB(other) BEGIN: g */
	return x + 1;
	/* LAB(other) STUB */
	//~ return 0;
	/* LAB(other) END */
}
"""


def mutant(find, replace="X", lab="demo", name="m", file="k.c"):
    return {"name": name, "what": "w", "file": file, "find": find, "replace": replace,
            "lab": lab}


class Locate(unittest.TestCase):
    def test_inside_a_solution_region(self):
        offset = mutants.locate(C_TEXT, mutant("\t\treturn -x;\n"))
        self.assertEqual(C_TEXT[offset:offset + 4], "\t\tre")
        self.assertEqual(mutants.mutate(C_TEXT, mutant("return -x;", "return x;")),
                         C_TEXT.replace("return -x;", "return x;"))

    def test_whole_solution_is_allowed_but_not_the_markers(self):
        whole = "\tif (x < 0)\n\t\treturn -x;\n\treturn x;\n"
        mutants.locate(C_TEXT, mutant(whole))
        with self.assertRaisesRegex(mutants.MutantError, "not inside a LAB\\(demo\\)"):
            mutants.locate(C_TEXT, mutant("\t/* LAB(demo) BEGIN: f */\n\tif (x < 0)"))
        with self.assertRaisesRegex(mutants.MutantError, "not inside"):
            mutants.locate(C_TEXT, mutant("\treturn x;\n\t/* LAB(demo) STUB */"))

    def test_stub_lines_and_other_code_are_outside(self):
        with self.assertRaisesRegex(mutants.MutantError, "not inside"):
            mutants.locate(C_TEXT, mutant("\t//~ return 0;\n\t/* LAB(demo) END */"))
        with self.assertRaisesRegex(mutants.MutantError, "not inside"):
            mutants.locate(C_TEXT, mutant("f(int x)"))

    def test_region_of_another_lab_is_outside(self):
        mutants.locate(C_TEXT, mutant("return x + 1;", lab="other"))
        with self.assertRaisesRegex(mutants.MutantError, "LAB\\(demo\\)"):
            mutants.locate(C_TEXT, mutant("return x + 1;"))

    def test_find_must_occur_exactly_once(self):
        with self.assertRaisesRegex(mutants.MutantError, "occurs 2 times"):
            mutants.locate(C_TEXT, mutant("if (x < 0)"))
        with self.assertRaisesRegex(mutants.MutantError, "occurs 0 times"):
            mutants.locate(C_TEXT, mutant("return y;"))


class Shapes(unittest.TestCase):
    def test_good_entry(self):
        entry = dict(mutant("a", "b"), caught_by=["t1"])
        del entry["lab"]
        self.assertEqual(mutants.shape_errors(entry), [])

    def test_bad_entries(self):
        self.assertEqual(mutants.shape_errors([]), ["is not an object"])
        bad = {"name": "Bad Name", "what": "w", "file": "f", "find": "", "replace": "",
               "extra": 1, "caught_by": "t1"}
        problems = "\n".join(mutants.shape_errors(bad))
        for text in ("unknown key 'extra'", "caught_by must be a list", "lower-case",
                     "find is empty", "replace is the same as find"):
            self.assertIn(text, problems)
        self.assertIn("needs 'replace'", "\n".join(mutants.shape_errors({"name": "a"})))


class Order(unittest.TestCase):
    def test_caught_by_first_then_the_other_scored_tests(self):
        m = dict(mutant("x"), caught_by=["t3", "not-scored", "t1"])
        self.assertEqual(mutants.test_order(m, ["t1", "t2", "t3"]), ["t3", "t1", "t2"])
        self.assertEqual(mutants.test_order(mutant("x"), ["t1", "t2"]), ["t1", "t2"])


class TreeCase(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="mutants-test-")
        self.addCleanup(shutil.rmtree, self.root)

    def quiet_main(self, argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = mutants.main(argv)
        return status, out.getvalue() + err.getvalue()

    def write_mutants(self, lab, entries):
        write(self.root, "labs/%s/mutants.json" % lab,
              json.dumps({"about": "test", "mutants": entries}))


class LoadAndApply(TreeCase):
    def test_load_reports_duplicates_and_bad_json(self):
        one = {"name": "a", "what": "w", "file": "k.c", "find": "x", "replace": "y"}
        self.write_mutants("demo", [one, one, {"name": "b"}])
        errors = []
        loaded = mutants.load_lab_mutants(self.root, "demo", errors)
        self.assertEqual([m["name"] for m in loaded], ["a"])
        self.assertEqual(loaded[0]["lab"], "demo")
        self.assertTrue(any("the name a is used twice" in e for e in errors), errors)
        self.assertTrue(any("mutant b: needs 'what'" in e for e in errors), errors)
        write(self.root, "labs/demo/mutants.json", "{nope")
        errors = []
        self.assertEqual(mutants.load_lab_mutants(self.root, "demo", errors), [])
        self.assertIn("not valid JSON", errors[0])
        self.assertEqual(mutants.load_lab_mutants(self.root, "none", errors), [])

    def test_apply_and_restore(self):
        path = write(self.root, "k.c", C_TEXT)
        old = time.time() - 1000
        os.utime(path, (old, old))
        m = mutant("return -x;", "return x;")
        original = mutants.apply_mutant(self.root, m)
        self.assertEqual(original, C_TEXT)
        self.assertIn("\t\treturn x;\n\treturn x;", read(self.root, "k.c"))
        self.assertGreater(os.path.getmtime(path), old + 500)
        mutants.restore_file(self.root, m, original)
        self.assertEqual(read(self.root, "k.c"), C_TEXT)
        self.assertGreater(os.path.getmtime(path), old + 500)   # make recompiles it

    def test_check_mutant_needs_the_file(self):
        with self.assertRaisesRegex(mutants.MutantError, "no file k.c"):
            mutants.check_mutant(self.root, mutant("x"))


TOY_MAKEFILE = (".PHONY: %s\n%s:\n\tpython3 -c \"import ast; "
                "ast.parse(open('src/answer.py').read())\"\n"
                % ((" ".join(mutants.GRADER_TARGETS),) * 2))


class WholeCheck(TreeCase):
    def setUp(self):
        super().setUp()
        write(self.root, "src/answer.py", ANSWER_MASTER)
        write(self.root, "grader/__init__.py", "")
        write(self.root, "grader/__main__.py", FAKE_GRADER)
        write(self.root, "Makefile", TOY_MAKEFILE)
        write(self.root, "labs/demo/manifest.json",
              manifest("demo", ["src/answer.py"], tests=("answer_boots", "answer_right",
                                                          "answer_type"), points=6,
                       functions={"src/answer.py": "answer"}))
        write(self.root, "handouts/demo.md", "# demo\n")
        write(self.root, "build/keep.o", "seed")

    def entries(self, *pairs):
        return [{"name": name, "what": "w", "file": "src/answer.py", "find": "return 42",
                 "replace": replace} for name, replace in pairs]

    def test_verdicts(self):
        self.write_mutants("demo", self.entries(
            ("off-by-one", "return 41"), ("wrong-type", "return 42.0"),
            ("equivalent", "return 6 * 7"), ("syntax", "return 42 +"),
            ("raises", "raise ValueError")) + [
            {"name": "missing", "what": "w", "file": "src/answer.py", "find": "return 43",
             "replace": "return 0"}])
        status, out = self.quiet_main(["--root", self.root, "-j", "2"])
        self.assertEqual(status, 1, out)
        self.assertIn("demo control: all 3 test(s) pass unmutated", out)
        self.assertRegex(out, r"demo/off-by-one: CAUGHT by answer_right \(build")
        self.assertRegex(out, r"demo/wrong-type: CAUGHT by answer_type \(")
        self.assertIn("demo/equivalent: SURVIVED: all 2 scored test(s) pass", out)
        self.assertIn("demo/syntax: BROKEN: does not build", out)
        self.assertIn("demo/missing: BROKEN: find text occurs 0 times", out)
        self.assertRegex(out, r"demo/raises: CAUGHT by answer_right, answer_type")
        self.assertIn("lab demo: FAILED: 1 survived; 2 broken (3 of 6 mutant(s) caught)", out)
        self.assertEqual(read(self.root, "src/answer.py"), ANSWER_MASTER)   # master intact
        self.assertFalse(any(n.startswith("slot")
                             for n in os.listdir(os.path.join(self.root, "build", "mutants"))))

    def test_all_caught_passes_and_keep_leaves_the_slots(self):
        self.write_mutants("demo", self.entries(*[("m%d" % i, "return %d" % i)
                                                  for i in range(mutants.MIN_MUTANTS)]))
        status, out = self.quiet_main(["--root", self.root, "--keep"])
        self.assertEqual(status, 0, out)
        self.assertIn("lab demo: OK (5 of 5 mutant(s) caught)", out)
        slot = os.path.join(self.root, "build", "mutants", "slot0")
        self.assertEqual(read(slot, "src/answer.py"), ANSWER_MASTER)    # restored
        self.assertEqual(read(slot, "build/keep.o"), "seed")             # build/ seeded
        self.assertTrue(os.path.exists(os.path.join(self.root, "build", "mutants", "results",
                                                    "demo.m0.json")))

    def test_sample_runs_one_per_lab_and_still_fails_on_a_broken_one(self):
        entries = self.entries(*[("m%d" % i, "return %d" % i) for i in range(5)])
        self.write_mutants("demo", entries)
        status, out = self.quiet_main(["--root", self.root, "--sample", "1"])
        self.assertEqual(status, 0, out)                    # toy tree: seed 0, runs m0
        self.assertIn("mutants: a sample of 1 per lab (seed 00000000", out)
        self.assertIn("lab demo: OK (1 of 1 mutant(s) caught, a sample of 5)", out)
        self.assertEqual(out.count(": CAUGHT by"), 1)
        entries[3]["find"] = "return 43"                    # m3 broken, not drawn
        self.write_mutants("demo", entries)
        status, out = self.quiet_main(["--root", self.root, "--sample", "1"])
        self.assertEqual(status, 1, out)
        self.assertIn("demo/m3: BROKEN: find text occurs 0 times", out)

    def test_no_control_takes_the_scored_tests_from_the_list(self):
        self.write_mutants("demo", self.entries(*[("m%d" % i, "return %d" % i)
                                                  for i in range(5)]))
        status, out = self.quiet_main(["--root", self.root, "--sample", "1", "--no-control"])
        self.assertEqual(status, 0, out)
        self.assertNotIn("control: all", out)
        self.assertRegex(out, r"demo/m0: CAUGHT by answer_right")
        self.assertEqual(mutants.listed_scored(self.root, ["demo"]),
                         {"demo": ["answer_right", "answer_type"]})   # answer_boots: 0 points

    def test_sample_rotates_with_the_seed(self):
        found = {"a": [{"name": str(i)} for i in range(4)], "b": [{"name": "only"}]}
        names = lambda seed, n: {lab: [m["name"] for m in ms]
                                 for lab, ms in mutants.sample(found, n, seed, {}).items()}
        self.assertEqual(names(0, 1), {"a": ["0"], "b": ["only"]})
        self.assertEqual(names(6, 1), {"a": ["2"], "b": ["only"]})
        self.assertEqual(names(3, 2), {"a": ["0", "3"], "b": ["only"]})
        self.assertEqual(names(0, 9), {"a": ["0", "1", "2", "3"], "b": ["only"]})

    def test_all_tests_runs_the_whole_lab_once(self):
        self.write_mutants("demo", self.entries(("raises", "raise ValueError")))
        status, out = self.quiet_main(["--root", self.root, "--mutant", "raises",
                                       "--all-tests"])
        self.assertEqual(status, 0, out)
        self.assertRegex(out, r"demo/raises: CAUGHT by answer_right, answer_type")

    def test_too_few_mutants_and_one_mutant(self):
        self.write_mutants("demo", self.entries(("off-by-one", "return 41")))
        status, out = self.quiet_main(["--root", self.root])
        self.assertEqual(status, 1, out)
        self.assertIn("1 mutant(s), fewer than 5", out)
        status, out = self.quiet_main(["--root", self.root, "--mutant", "off-by-one"])
        self.assertEqual(status, 0, out)        # one mutant on its own: no count rule
        status, out = self.quiet_main(["--root", self.root, "--mutant", "nosuch"])
        self.assertEqual(status, 1)
        self.assertIn("no mutant nosuch", out)

    def test_failing_control_runs_no_mutant(self):
        write(self.root, "src/answer.py", ANSWER_MASTER.replace("return 42", "return 42 if False else 4.2"))
        self.write_mutants("demo", self.entries(("off-by-one", "return 41")))
        status, out = self.quiet_main(["--root", self.root])
        self.assertEqual(status, 1, out)
        self.assertIn("demo control: without any mutant, tests fail: answer_right", out)
        self.assertIn("1 not run", out)

    def test_one_run_at_a_time(self):
        self.write_mutants("demo", self.entries(("off-by-one", "return 41")))
        os.makedirs(os.path.join(self.root, "build", "mutants"))
        with open(os.path.join(self.root, "build", "mutants", ".lock"), "w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            status, out = self.quiet_main(["--root", self.root])
        self.assertEqual(status, 1)
        self.assertIn("another mutants.py run is using", out)

    def test_list(self):
        self.write_mutants("demo", self.entries(("a", "return 1")) + [
            {"name": "b", "what": "w", "file": "src/answer.py", "find": "def answer",
             "replace": "def question"}])
        status, out = self.quiet_main(["--root", self.root, "--list"])
        self.assertEqual(status, 1)
        self.assertIn("lab demo: 2 mutant(s)", out)
        self.assertIn("demo/b: BROKEN: find text (src/answer.py:1-1) is not inside", out)


if __name__ == "__main__":
    unittest.main()
