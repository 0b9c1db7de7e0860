# labstrip: skip-file   (these tests write marker regions into temporary trees)
"""Host unit tests of tools/labs/handout.py and tools/labs/strip_proof.py.

The handout tests copy small temporary trees, with and without git.  The strip
proof tests run the whole proof on a toy master tree that has a Makefile, one
lab region in a Python file and a tiny stand-in for the grader package, so the
proof's logic is exercised in a second without building Minnow or booting QEMU.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "labs"))
sys.path.insert(0, HERE)
import handout      # noqa: E402
import labstrip     # noqa: E402
import strip_proof  # noqa: E402

from test_labstrip import C_MASTER, C_STRIPPED, manifest, read, write  # noqa: E402

ANSWER_MASTER = """\
def answer():
    # LAB(demo) BEGIN: the answer
    return 42
    # LAB(demo) STUB
    #~ raise NotImplementedError("lab demo: answer()")
    # LAB(demo) END
"""

# A stand-in for `python3 -m grader`: --list --json prints the test list;
# --lab L --json F --no-build runs the tests of lab L and writes results to F.
FAKE_GRADER = """\
import json, sys
sys.path.insert(0, "src")
TESTS = [
    {"name": "answer_boots", "title": "boots", "lab": "demo", "points": 0},
    {"name": "answer_right", "title": "answer is 42", "lab": "demo", "points": 5},
    {"name": "answer_type", "title": "answer is an int", "lab": "demo", "points": 1},
]
def outcome(name):
    try:
        import answer
        value = answer.answer()
    except Exception:
        return name == "answer_boots"
    return {"answer_boots": True, "answer_right": value == 42,
            "answer_type": isinstance(value, int)}[name]
args = sys.argv[1:]
if "--list" in args:
    print(json.dumps(TESTS))
    sys.exit(0)
lab = args[args.index("--lab") + 1]
out = args[args.index("--json") + 1]
assert "--no-build" in args
results = [dict(t, max_points=t["points"],
                status="passed" if outcome(t["name"]) else "failed")
           for t in TESTS if t["lab"] == lab]
with open(out, "w") as handle:
    json.dump({"tests": results}, handle)
sys.exit(0 if all(r["status"] == "passed" for r in results) else 1)
"""

MAKEFILE = "all:\n\tpython3 -c \"import ast; ast.parse(open('src/answer.py').read())\"\n"


class HandoutCase(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="handout-test-")
        self.addCleanup(shutil.rmtree, self.root)
        write(self.root, "kernel/pre_init.c", C_MASTER)
        write(self.root, "kernel/other.c", "int other;\n")
        write(self.root, "labs/boot/manifest.json", manifest("boot", ["kernel/pre_init.c"]))
        write(self.root, "handouts/boot.md", "# boot\n")
        write(self.root, "handouts/demo.md", "# demo\n")
        write(self.root, "build/old.o", "stale build output")

    def quiet_main(self, module, argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = module.main(argv)
        return status, out.getvalue(), err.getvalue()


class Handout(HandoutCase):
    def test_handout_without_git(self):
        out, changed = handout.make_handout(self.root, "boot")
        self.assertEqual(out, os.path.join(self.root, "build", "handout", "boot"))
        self.assertEqual(changed, ["kernel/pre_init.c"])
        self.assertEqual(read(out, "kernel/pre_init.c"), C_STRIPPED)
        self.assertEqual(read(out, "kernel/other.c"), "int other;\n")
        self.assertFalse(os.path.exists(os.path.join(out, "build")))
        self.assertEqual(read(self.root, "kernel/pre_init.c"), C_MASTER)   # master intact

    def test_handout_with_git_copies_tracked_and_untracked_not_ignored(self):
        write(self.root, ".gitignore", "*.tmp\n")
        write(self.root, "notes.tmp", "ignored")
        write(self.root, "run.sh", "#!/bin/sh\n")
        os.chmod(os.path.join(self.root, "run.sh"), 0o755)
        subprocess.run(["git", "init", "-q", self.root], check=True)
        subprocess.run(["git", "add", "kernel"], cwd=self.root, check=True)
        out, _ = handout.make_handout(self.root, "boot")
        self.assertTrue(os.path.exists(os.path.join(out, "labs/boot/manifest.json")))
        self.assertFalse(os.path.exists(os.path.join(out, "notes.tmp")))
        self.assertFalse(os.path.exists(os.path.join(out, ".git")))
        self.assertTrue(os.access(os.path.join(out, "run.sh"), os.X_OK))

    def test_mutants_stay_with_the_instructor(self):
        write(self.root, "labs/boot/mutants.json", '{"mutants": []}')
        out, _ = handout.make_handout(self.root, "boot")
        self.assertFalse(os.path.exists(os.path.join(out, "labs/boot/mutants.json")))
        self.assertTrue(os.path.exists(os.path.join(out, "labs/boot/manifest.json")))

    def test_handout_again_replaces_previous_and_restrip_is_a_no_op(self):
        out, _ = handout.make_handout(self.root, "boot")
        write(out, "kernel/student.c", "work")
        out, _ = handout.make_handout(self.root, "boot")
        self.assertFalse(os.path.exists(os.path.join(out, "kernel/student.c")))
        self.assertEqual(labstrip.strip_tree(out, "boot"), [])
        self.assertEqual(read(out, "kernel/pre_init.c"), C_STRIPPED)

    def test_refuses_to_replace_a_directory_that_is_not_a_handout(self):
        elsewhere = tempfile.mkdtemp(prefix="not-a-handout-")
        self.addCleanup(shutil.rmtree, elsewhere)
        write(elsewhere, "precious.txt", "keep me")
        with self.assertRaises(ValueError):
            handout.make_handout(self.root, "boot", elsewhere)
        self.assertEqual(read(elsewhere, "precious.txt"), "keep me")

    def test_broken_master_writes_nothing(self):
        write(self.root, "kernel/bad.c", "/* LAB(boot) BEGIN */\n")
        status, _, err = self.quiet_main(handout, ["--root", self.root, "--lab", "boot"])
        self.assertEqual(status, 1)
        self.assertIn("kernel/bad.c:1:", err)
        self.assertFalse(os.path.exists(os.path.join(self.root, "build", "handout")))

    def test_cli_reports_where(self):
        status, out, _ = self.quiet_main(handout, ["--root", self.root, "--lab", "boot"])
        self.assertEqual(status, 0)
        self.assertIn("build/handout/boot", out)
        status, _, err = self.quiet_main(handout, ["--root", self.root, "--lab", "nosuch"])
        self.assertEqual(status, 1)
        self.assertIn("no such lab", err)


class StripProof(HandoutCase):
    def setUp(self):
        super().setUp()
        shutil.rmtree(os.path.join(self.root, "kernel"))
        shutil.rmtree(os.path.join(self.root, "labs"))
        write(self.root, "Makefile", MAKEFILE)
        write(self.root, "src/answer.py", ANSWER_MASTER)
        write(self.root, "grader/__init__.py", "")
        write(self.root, "grader/__main__.py", FAKE_GRADER)
        write(self.root, "labs/demo/manifest.json",
              manifest("demo", ["src/answer.py"], ["answer_boots", "answer_right",
                                                  "answer_type"], 6))

    def prove(self):
        return self.quiet_main(strip_proof, ["--root", self.root])

    def test_good_lab_is_proven(self):
        status, out, _ = self.prove()
        self.assertEqual(status, 0, out)
        self.assertIn("lab demo: PROVEN", out)
        self.assertIn("all 2 scored test(s) fail", out)
        self.assertIn("master: all 3 test(s) pass", out)

    def test_stub_that_still_passes_is_a_broken_lab(self):
        write(self.root, "src/answer.py", ANSWER_MASTER.replace(
            'raise NotImplementedError("lab demo: answer()")', "return 42"))
        status, out, _ = self.prove()
        self.assertEqual(status, 1)
        self.assertIn("still PASS without the solution: answer_right, answer_type", out)
        self.assertIn("lab demo: FAILED", out)

    def test_stripped_tree_that_does_not_build(self):
        write(self.root, "src/answer.py", ANSWER_MASTER.replace(
            'raise NotImplementedError("lab demo: answer()")', "return ("))
        status, out, _ = self.prove()
        self.assertEqual(status, 1)
        self.assertIn("stripped tree: `make -s all` failed", out)

    def test_master_that_fails(self):
        write(self.root, "src/answer.py", ANSWER_MASTER.replace("return 42", "return 41"))
        status, out, _ = self.prove()
        self.assertEqual(status, 1)
        self.assertIn("master tree: not passing: answer_right", out)

    def test_manifest_disagreeing_with_grader(self):
        write(self.root, "labs/demo/manifest.json",
              manifest("demo", ["src/answer.py"], ["answer_right", "answer_gone"], 5))
        status, out, _ = self.prove()
        self.assertEqual(status, 1)
        self.assertIn("manifest test answer_gone is not a grader test", out)
        self.assertIn("grader test answer_boots (lab demo) is missing", out)
        self.assertIn("grader test answer_type (lab demo) is missing", out)
        self.assertIn("manifest points 5, but the lab's grader tests add up to 6", out)

    def test_parallel_proves_labs_at_once_and_keeps_their_lines_together(self):
        write(self.root, "src/other.py", ANSWER_MASTER.replace("demo", "other"))
        write(self.root, "handouts/other.md", "# other\n")
        write(self.root, "labs/other/manifest.json",
              manifest("other", ["src/other.py"], ["other_gone"], 1))
        status, out, _ = self.quiet_main(strip_proof, ["--root", self.root, "--parallel", "2"])
        self.assertEqual(status, 1, out)
        self.assertIn("strip proof: 1 lab(s) proven, 1 failed: other", out)
        lines = out.splitlines()
        for lab, verdict in (("demo", "PROVEN"), ("other", "FAILED")):
            first = lines.index(next(l for l in lines if l.startswith("strip proof: lab " + lab)))
            last = lines.index(next(l for l in lines if l.startswith("lab %s: %s" % (lab,
                                                                                  verdict))))
            self.assertTrue(all(l.startswith("    ") for l in lines[first + 1:last]), out)

    def test_one_lab_and_unknown_lab(self):
        status, out, _ = self.quiet_main(strip_proof, ["--root", self.root, "--lab", "demo"])
        self.assertEqual(status, 0, out)
        status, out, _ = self.quiet_main(strip_proof, ["--root", self.root, "--lab", "nosuch"])
        self.assertEqual(status, 1)
        self.assertIn("no lab nosuch", out)

    def test_broken_markers_stop_the_proof_before_any_build(self):
        write(self.root, "src/answer.py", ANSWER_MASTER.replace("    # LAB(demo) STUB\n", ""))
        status, out, _ = self.prove()
        self.assertEqual(status, 1)
        self.assertIn("src/answer.py:2: LAB(demo) region has no STUB line", out)
        self.assertIn("FAILED before any lab", out)

    def test_student_grader_is_replaced_by_the_pristine_one(self):
        # A lab region inside grader/ itself would change the handout's grader;
        # the proof grades with the master's copy anyway.
        out, _ = handout.make_handout(self.root, "demo", os.path.join(self.root, "build", "x"))
        write(out, "grader/__main__.py", "raise SystemExit(0)\n")
        strip_proof.overlay_pristine_grader(self.root, out)
        self.assertEqual(read(out, "grader/__main__.py"), FAKE_GRADER)

    def test_handout_build_is_seeded_from_the_master_build(self):
        out, _ = handout.make_handout(self.root, "demo", os.path.join(self.root, "build", "z"))
        write(self.root, "build/kernel/k.o", "object")
        write(self.root, "build/grade/t.log", "a log")
        source_time = os.path.getmtime(os.path.join(self.root, "build/kernel/k.o")) - 100
        os.utime(os.path.join(self.root, "build/kernel/k.o"), (source_time, source_time))
        strip_proof.seed_build(self.root, out)
        self.assertEqual(read(out, "build/kernel/k.o"), "object")
        self.assertEqual(os.path.getmtime(os.path.join(out, "build/kernel/k.o")), source_time)
        self.assertFalse(os.path.exists(os.path.join(out, "build/grade")))
        self.assertFalse(os.path.exists(os.path.join(out, "build/z")))     # no handout in it

    def test_student_in_guest_tests_are_replaced_by_the_pristine_ones(self):
        # The in-guest checkers (commands/tests/) are graded from the master too: an edited
        # testlib or an extra file there is gone after the overlay.
        write(self.root, "commands/tests/testlib.c", "int check(int ok) { return ok; }\n")
        out, _ = handout.make_handout(self.root, "demo", os.path.join(self.root, "build", "y"))
        write(out, "commands/tests/testlib.c", "int check(int ok) { return 1; }\n")
        write(out, "commands/tests/extra.c", "int planted;\n")
        strip_proof.overlay_pristine_grader(self.root, out)
        self.assertEqual(read(out, "commands/tests/testlib.c"), "int check(int ok) { return ok; }\n")
        self.assertFalse(os.path.exists(os.path.join(out, "commands/tests/extra.c")))


class ResultShapes(unittest.TestCase):
    def test_normalise_accepts_gradescope_and_plain_shapes(self):
        norm = strip_proof.normalise_test
        self.assertTrue(norm({"name": "a", "score": 2, "max_score": 2})["passed"])
        self.assertFalse(norm({"name": "a", "status": "failed", "max_score": 2})["passed"])
        self.assertTrue(norm({"name": "a", "passed": True, "points": 0})["passed"])
        self.assertEqual(norm({"name": "a", "max_points": 3, "lab": "x"})["points"], 3)
        self.assertIsNone(norm({"name": "a", "points": 3})["passed"])
        self.assertEqual(len(strip_proof._test_entries({"tests": [{}, {}]})), 2)
        with self.assertRaises(strip_proof.ProofFailure):
            strip_proof._test_entries({"score": 1})


if __name__ == "__main__":
    unittest.main()
