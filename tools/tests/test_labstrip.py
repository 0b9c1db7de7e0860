# labstrip: skip-file   (these tests hold markers as data, not as regions of this tree)
"""Host unit tests of tools/labs/labstrip.py: the marker syntax, stripping C,
assembly and Python regions, idempotence, independence of labs, every error
the stripper reports, and the cross-checks between markers and manifests.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "labs"))
import labstrip  # noqa: E402

C_MASTER = """\
int
pre_init_paging(void)
{
\t/* LAB(boot) BEGIN: build the bootstrap page directory */
\tpd[0] = 0 | PDE_P | PDE_W | PDE_PS;
\treturn 1;
\t/* LAB(boot) STUB */
\t//~ lab_unimplemented_early("boot", "pre_init_paging: bootstrap page directory");
\t/* LAB(boot) END */
}
"""

C_STRIPPED = """\
int
pre_init_paging(void)
{
\t/* LAB(boot) BEGIN: build the bootstrap page directory */
\tlab_unimplemented_early("boot", "pre_init_paging: bootstrap page directory");
\t/* LAB(boot) END */
}
"""

ASM_MASTER = """\
\tcall\tpre_init
// LAB(boot) BEGIN
\tmovl\t%eax, %cr3
\tjmp\t*%eax
// LAB(boot) STUB
//~ call\tlab_boot_jump_missing
//~
// LAB(boot) END
\thlt
"""

ASM_STRIPPED = """\
\tcall\tpre_init
// LAB(boot) BEGIN
call\tlab_boot_jump_missing

// LAB(boot) END
\thlt
"""

PY_MASTER = """\
def score(tests):
    # LAB(grade) BEGIN: add up the points
    total = 0
    for test in tests:
        total += test.points
    return total
    # LAB(grade) STUB
    #~ raise NotImplementedError("lab grade: score()")
    #~     # an indented comment inside the stub
    # LAB(grade) END
"""

PY_STRIPPED = """\
def score(tests):
    # LAB(grade) BEGIN: add up the points
    raise NotImplementedError("lab grade: score()")
        # an indented comment inside the stub
    # LAB(grade) END
"""

TWO_LABS = """\
/* LAB(a) BEGIN */
solution_a();
/* LAB(a) STUB */
//~ stub_a();
/* LAB(a) END */
between();
/* LAB(b) BEGIN */
solution_b();
/* LAB(b) STUB */
//~ stub_b();
/* LAB(b) END */
"""


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return path


def read(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8", newline="") as handle:
        return handle.read()


def manifest(name, files, tests=("t1",), points=1, functions=None):
    return json.dumps({
        "name": name, "title": "Lab " + name, "difficulty": "easy",
        "handout": "handouts/%s.md" % name,
        "regions": [{"file": f, "function": (functions or {}).get(f, ""), "what": "x"}
                    for f in files],
        "tests": list(tests), "points": points})


class TreeCase(unittest.TestCase):
    """A temporary tree per test (no git: the stripper walks it)."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="labstrip-test-")
        self.addCleanup(shutil.rmtree, self.root)

    def make_boot_tree(self):
        for name in ("boot", "grade", "empty"):
            write(self.root, "handouts/%s.md" % name, "# %s\n" % name)
        write(self.root, "kernel/pre_init.c", C_MASTER)
        write(self.root, "kernel/head.S", ASM_MASTER)
        write(self.root, "grader/score.py", PY_MASTER)
        write(self.root, "labs/boot/manifest.json",
              manifest("boot", ["kernel/pre_init.c", "kernel/head.S"],
                       functions={"kernel/pre_init.c": "pre_init_paging"}))
        write(self.root, "labs/grade/manifest.json", manifest("grade", ["grader/score.py"]))


class StripText(unittest.TestCase):
    def test_c_region(self):
        self.assertEqual(labstrip.strip_text(C_MASTER, "boot", "k/pre_init.c"), C_STRIPPED)

    def test_asm_region_with_line_comments_and_column_zero_stub(self):
        self.assertEqual(labstrip.strip_text(ASM_MASTER, "boot", "k/head.S"), ASM_STRIPPED)

    def test_python_region_keeps_indentation(self):
        self.assertEqual(labstrip.strip_text(PY_MASTER, "grade", "g/score.py"), PY_STRIPPED)

    def test_other_lab_untouched(self):
        out = labstrip.strip_text(TWO_LABS, "a", "x.c")
        self.assertNotIn("solution_a();", out)
        self.assertIn("\nstub_a();\n", out)
        self.assertIn("solution_b();\n/* LAB(b) STUB */\n//~ stub_b();\n", out)
        out_b = labstrip.strip_text(TWO_LABS, "b", "x.c")
        self.assertIn("solution_a();\n/* LAB(a) STUB */\n//~ stub_a();\n", out_b)
        self.assertNotIn("solution_b();", out_b)

    def test_lab_without_region_in_file_is_a_no_op(self):
        self.assertEqual(labstrip.strip_text(C_MASTER, "other", "x.c"), C_MASTER)

    def test_idempotent_once_stripped(self):
        once = labstrip.strip_text(TWO_LABS, "a", "x.c")
        twice = labstrip.strip_text(once, "a", "x.c", stripped={"a"})
        self.assertEqual(once, twice)
        # ...and the other lab can still be stripped from the stripped text.
        both = labstrip.strip_text(once, "b", "x.c", stripped={"a"})
        self.assertNotIn("solution", both)

    def test_crlf_and_missing_final_newline(self):
        text = C_MASTER.replace("\n", "\r\n").rstrip("\r\n")
        self.assertEqual(labstrip.strip_text(text, "boot", "x.c"),
                         C_STRIPPED.replace("\n", "\r\n").rstrip("\r\n"))

    def test_form_feed_does_not_split_lines(self):
        text = "\f\n" + C_MASTER
        with self.assertRaises(labstrip.LabError) as caught:
            labstrip.parse_regions(text.replace("/* LAB(boot) STUB */", "x;"), "x.c")
        self.assertIn("x.c:5:", caught.exception.errors[0])

    def test_regions_and_descriptions(self):
        regions = labstrip.parse_regions(C_MASTER, "x.c")
        self.assertEqual(len(regions), 1)
        region = regions[0]
        self.assertEqual((region.lab, region.begin, region.stub, region.end),
                         ("boot", 4, 7, 9))
        self.assertEqual(region.description, "build the bootstrap page directory")

    def test_empty_stub_and_blank_stub_lines(self):
        text = "/* LAB(x) BEGIN */\ngone();\n/* LAB(x) STUB */\n\n/* LAB(x) END */\n"
        self.assertEqual(labstrip.strip_text(text, "x", "x.c"),
                         "/* LAB(x) BEGIN */\n\n/* LAB(x) END */\n")

    def test_marker_comment_styles(self):
        for line in ("/* LAB(k_1-x) BEGIN */", "  //LAB(k_1-x) BEGIN: words: more",
                     "\t/*LAB(k_1-x) BEGIN*/"):
            lab, kind, _ = labstrip.parse_marker(line, labstrip.C_FAMILY)
            self.assertEqual((lab, kind), ("k_1-x", "BEGIN"))
        self.assertEqual(labstrip.parse_marker("    # LAB(p) END", labstrip.HASH_FAMILY),
                         ("p", "END", ""))
        self.assertIsNone(labstrip.parse_marker("x = 1  # no marker", labstrip.HASH_FAMILY))
        # a stub line that happens to quote a marker word is still a stub line
        self.assertIsNone(labstrip.parse_marker("//~ x();", labstrip.C_FAMILY))


class MarkerErrors(unittest.TestCase):
    """Every malformed file raises LabError with file:line messages."""

    def errors(self, text, path="f.c", stripped=()):
        with self.assertRaises(labstrip.LabError) as caught:
            labstrip.parse_regions(textwrap.dedent(text), path, stripped)
        return caught.exception.errors

    def assertError(self, text, where, words, path="f.c"):
        errors = self.errors(text, path)
        self.assertTrue(any(e.startswith(where) and words in e for e in errors),
                        "no %r error at %s in %s" % (words, where, errors))

    def test_begin_without_end(self):
        self.assertError("""\
            /* LAB(a) BEGIN */
            x();
            /* LAB(a) STUB */
            """, "f.c:1:", "has no END")

    def test_end_without_begin(self):
        self.assertError("x();\n/* LAB(a) END */\n", "f.c:2:", "without a BEGIN")

    def test_stub_without_begin(self):
        self.assertError("/* LAB(a) STUB */\n", "f.c:1:", "without a BEGIN")

    def test_nesting(self):
        self.assertError("""\
            /* LAB(a) BEGIN */
            /* LAB(b) BEGIN */
            /* LAB(b) STUB */
            /* LAB(b) END */
            /* LAB(a) STUB */
            /* LAB(a) END */
            """, "f.c:2:", "nested")

    def test_nesting_same_lab(self):
        self.assertError("/* LAB(a) BEGIN */\n/* LAB(a) BEGIN */\n", "f.c:2:", "nested")

    def test_stub_missing(self):
        self.assertError("/* LAB(a) BEGIN */\nx();\n/* LAB(a) END */\n",
                         "f.c:1:", "no STUB")

    def test_stub_missing_allowed_for_stripped_lab_only(self):
        text = "/* LAB(a) BEGIN */\nx();\n/* LAB(a) END */\n"
        self.assertEqual(len(labstrip.parse_regions(text, "f.c", stripped={"a"})), 1)
        self.errors(text, stripped={"b"})

    def test_second_stub(self):
        self.assertError("/* LAB(a) BEGIN */\n/* LAB(a) STUB */\n/* LAB(a) STUB */\n"
                         "/* LAB(a) END */\n", "f.c:3:", "second")

    def test_mismatched_names(self):
        self.assertError("/* LAB(a) BEGIN */\n/* LAB(b) STUB */\n/* LAB(a) STUB */\n"
                         "/* LAB(b) END */\n", "f.c:2:", "inside the LAB(a) region")

    def test_uncommented_line_among_stub_lines(self):
        self.assertError("/* LAB(a) BEGIN */\n/* LAB(a) STUB */\n//~ ok();\nlive();\n"
                         "/* LAB(a) END */\n", "f.c:4:", "stub line")

    def test_wrong_stub_prefix_for_language(self):
        self.assertError("# LAB(a) BEGIN\n# LAB(a) STUB\n//~ x()\n# LAB(a) END\n",
                         "f.py:3:", "'#~ '", path="f.py")

    def test_marker_beside_code(self):
        self.assertError("x(); /* LAB(a) END */\n", "f.c:1:", "malformed")

    def test_lower_case_marker(self):
        self.assertError("/* lab(a) begin */\n", "f.c:1:", "malformed")

    def test_hash_marker_in_c_file(self):
        self.assertError("# LAB(a) BEGIN\n", "f.S:1:", "cannot hold a marker", path="f.S")

    def test_c_marker_in_python_file(self):
        self.assertError("/* LAB(a) BEGIN */\n", "f.py:1:", "cannot hold a marker",
                         path="f.py")

    def test_text_after_marker_needs_colon(self):
        self.assertError("/* LAB(a) BEGIN does things */\n", "f.c:1:", "colon")

    def test_description_only_on_begin(self):
        self.assertError("/* LAB(a) BEGIN */\n/* LAB(a) STUB: no */\n", "f.c:2:",
                         "only a BEGIN")

    def test_all_errors_reported_at_once(self):
        errors = self.errors("/* LAB(a) END */\n/* LAB(b) STUB */\n")
        self.assertEqual(len(errors), 2)


class Trees(TreeCase):
    def test_clean_tree_checks(self):
        self.make_boot_tree()
        self.assertEqual(labstrip.check_tree(self.root), [])

    def test_strip_tree(self):
        self.make_boot_tree()
        changed = labstrip.strip_tree(self.root, "boot")
        self.assertEqual(changed, ["kernel/head.S", "kernel/pre_init.c"])
        self.assertEqual(read(self.root, "kernel/pre_init.c"), C_STRIPPED)
        self.assertEqual(read(self.root, "kernel/head.S"), ASM_STRIPPED)
        self.assertEqual(read(self.root, "grader/score.py"), PY_MASTER)   # other lab
        self.assertEqual(labstrip.read_stamp(self.root), {"boot"})
        self.assertEqual(labstrip.check_tree(self.root), [])

    def test_stripped_tree_stripped_again_is_unchanged(self):
        self.make_boot_tree()
        labstrip.strip_tree(self.root, "boot")
        before = {rel: read(self.root, rel) for rel in labstrip.list_tree(self.root)}
        self.assertEqual(labstrip.strip_tree(self.root, "boot"), [])
        after = {rel: read(self.root, rel) for rel in labstrip.list_tree(self.root)}
        self.assertEqual(before, after)

    def test_second_lab_stripped_from_a_handout(self):
        self.make_boot_tree()
        labstrip.strip_tree(self.root, "boot")
        labstrip.strip_tree(self.root, "grade")
        self.assertEqual(read(self.root, "grader/score.py"), PY_STRIPPED)
        self.assertEqual(labstrip.read_stamp(self.root), {"boot", "grade"})

    def test_unknown_lab_region(self):
        self.make_boot_tree()
        write(self.root, "lib/x.c", "/* LAB(nosuch) BEGIN */\n/* LAB(nosuch) STUB */\n"
                                    "/* LAB(nosuch) END */\n")
        errors = labstrip.check_tree(self.root)
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0].startswith("lib/x.c:1:"), errors)
        self.assertIn("unknown lab", errors[0])

    def test_manifest_lab_with_no_region(self):
        self.make_boot_tree()
        write(self.root, "labs/empty/manifest.json", manifest("empty", []))
        errors = labstrip.check_tree(self.root)
        self.assertEqual(errors, ["labs/empty/manifest.json:1: lab empty has no LAB(empty) "
                                  "region anywhere in the tree"])

    def test_manifest_region_file_without_marker(self):
        self.make_boot_tree()
        write(self.root, "kernel/other.c", "int x;\n")
        write(self.root, "labs/boot/manifest.json",
              manifest("boot", ["kernel/pre_init.c", "kernel/head.S", "kernel/other.c"]))
        errors = labstrip.check_tree(self.root)
        self.assertEqual(errors, ["labs/boot/manifest.json:1: region file kernel/other.c "
                                  "has no LAB(boot) marker"])

    def test_manifest_region_file_missing(self):
        self.make_boot_tree()
        write(self.root, "labs/boot/manifest.json",
              manifest("boot", ["kernel/pre_init.c", "kernel/head.S", "kernel/gone.c"]))
        self.assertIn("does not exist", " ".join(labstrip.check_tree(self.root)))

    def test_region_in_file_the_manifest_does_not_list(self):
        self.make_boot_tree()
        write(self.root, "labs/boot/manifest.json", manifest("boot", ["kernel/pre_init.c"]))
        errors = labstrip.check_tree(self.root)
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0].startswith("kernel/head.S:2:"), errors)

    def test_manifest_function_not_in_file(self):
        self.make_boot_tree()
        write(self.root, "labs/boot/manifest.json",
              manifest("boot", ["kernel/pre_init.c", "kernel/head.S"],
                       functions={"kernel/pre_init.c": "no_such_function"}))
        self.assertIn("never mentions function no_such_function",
                      " ".join(labstrip.check_tree(self.root)))

    def test_manifest_handout_page_missing(self):
        self.make_boot_tree()
        os.remove(os.path.join(self.root, "handouts/boot.md"))
        self.assertEqual(labstrip.check_tree(self.root),
                         ["labs/boot/manifest.json:1: handout page handouts/boot.md does not exist"])

    def test_bad_manifests(self):
        self.make_boot_tree()
        write(self.root, "labs/broken/manifest.json", "{not json")
        write(self.root, "labs/shape/manifest.json", json.dumps({"name": "other"}))
        bad = json.loads(manifest("hardness", ["kernel/pre_init.c"]))
        bad["difficulty"] = "brutal"
        write(self.root, "labs/hardness/manifest.json", json.dumps(bad))
        errors = labstrip.check_tree(self.root)
        self.assertTrue(any(e.startswith("labs/broken/manifest.json:1: not valid JSON")
                            for e in errors), errors)
        self.assertTrue(any("labs/shape/manifest.json:1: missing key 'title'" in e
                            for e in errors), errors)
        self.assertIn("labs/hardness/manifest.json:1: difficulty must be one of easy, "
                      "moderate, hard", errors)

    def test_marker_errors_in_tree_carry_relative_paths(self):
        self.make_boot_tree()
        write(self.root, "kernel/bad.c", "/* LAB(boot) BEGIN */\n")
        errors = labstrip.check_tree(self.root)
        self.assertTrue(any(e.startswith("kernel/bad.c:1:") for e in errors), errors)

    def test_strip_refuses_unknown_lab_and_broken_tree(self):
        self.make_boot_tree()
        with self.assertRaises(labstrip.LabError):
            labstrip.strip_tree(self.root, "nosuch")
        write(self.root, "kernel/bad.c", "/* LAB(boot) BEGIN */\n")
        with self.assertRaises(labstrip.LabError):
            labstrip.strip_tree(self.root, "boot")
        self.assertEqual(read(self.root, "kernel/pre_init.c"), C_MASTER)   # nothing written

    def test_files_not_scanned(self):
        self.make_boot_tree()
        # Markdown, files with the skip pragma and build/ are never read.
        write(self.root, "handouts/boot.md", "```\n/* LAB(boot) BEGIN */\n```\n")
        write(self.root, "tools/quoted.py", "# labstrip: skip-file\n# LAB(zz) BEGIN\n")
        write(self.root, "build/copy.c", "/* LAB(zz) BEGIN */\n")
        self.assertEqual(labstrip.check_tree(self.root), [])

    def test_git_tree_lists_tracked_and_untracked_not_ignored(self):
        self.make_boot_tree()
        write(self.root, ".gitignore", "*.o\n")
        write(self.root, "kernel/junk.o", "x")
        write(self.root, "build/kernel.elf", "x")
        subprocess.run(["git", "init", "-q", self.root], check=True)
        subprocess.run(["git", "add", "kernel/pre_init.c"], cwd=self.root, check=True)
        names = labstrip.list_tree(self.root)
        self.assertIn("kernel/pre_init.c", names)
        self.assertIn("kernel/head.S", names)          # untracked, not ignored
        self.assertNotIn("kernel/junk.o", names)       # ignored
        self.assertFalse([n for n in names if n.startswith(("build/", ".git/"))])


class CommandLine(TreeCase):
    def run_cli(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = labstrip.main(["--root", self.root] + list(argv))
        return status, out.getvalue(), err.getvalue()

    def test_check(self):
        self.make_boot_tree()
        status, out, _ = self.run_cli("check")
        self.assertEqual(status, 0)
        self.assertIn("3 region(s) in 3 file(s)", out)
        write(self.root, "kernel/bad.c", "/* LAB(boot) END */\n")
        status, _, err = self.run_cli("check")
        self.assertEqual(status, 1)
        self.assertIn("kernel/bad.c:1:", err)

    def test_strip_refuses_git_work_tree(self):
        self.make_boot_tree()
        os.mkdir(os.path.join(self.root, ".git"))
        status, _, err = self.run_cli("strip", "--lab", "boot")
        self.assertEqual(status, 2)
        self.assertIn("git work tree", err)
        self.assertEqual(read(self.root, "kernel/pre_init.c"), C_MASTER)

    def test_strip_and_list(self):
        self.make_boot_tree()
        status, out, _ = self.run_cli("strip", "--lab", "boot")
        self.assertEqual(status, 0)
        self.assertIn("kernel/pre_init.c", out)
        status, out, _ = self.run_cli("list", "--json")
        self.assertEqual(status, 0)
        listing = json.loads(out)
        self.assertEqual(sorted(listing), ["boot", "grade"])
        self.assertEqual(len(listing["boot"]["regions"]), 2)

    def test_strip_file(self):
        path = write(self.root, "x.c", C_MASTER)
        status, out, _ = self.run_cli("strip-file", "--lab", "boot", path)
        self.assertEqual((status, out), (0, C_STRIPPED))


if __name__ == "__main__":
    unittest.main()
