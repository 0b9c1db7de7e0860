"""Host unit tests of tools/compiledb.py, which turns the build's command records
(<output>.cmd) into compile_commands.json.

Run from the repository root:  python3 -m unittest tools.tests.test_compiledb
"""

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import compiledb  # noqa: E402


class CompiledbTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def record(self, output, command):
        path = os.path.join(self.dir, output + ".cmd")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(command + "\n")

    def run_main(self, *outputs):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            rc = compiledb.main(["--directory", self.dir, *outputs])
        return rc, out.getvalue(), err.getvalue()

    def test_entries_keep_the_shell_quoting(self):
        self.record("build/a.o", "gcc -m32 -DNAME='\"build/x\"' -c -o build/a.o a.c")
        self.record("build/b.o", "gcc -m32 -c -o build/b.o b.S")
        rc, out, _ = self.run_main("build/b.o", "build/a.o", "build/a.o")
        self.assertEqual(rc, 0)
        db = json.loads(out)
        self.assertEqual([e["file"] for e in db], ["a.c", "b.S"])
        self.assertEqual(db[0]["arguments"],
                         ["gcc", "-m32", '-DNAME="build/x"', "-c", "-o", "build/a.o", "a.c"])
        self.assertEqual(db[0]["directory"], os.path.abspath(self.dir))
        self.assertEqual(db[1]["output"], "build/b.o")

    def test_missing_record_is_an_error(self):
        self.record("build/a.o", "gcc -c -o build/a.o a.c")
        rc, out, err = self.run_main("build/a.o", "build/gone.o")
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("build/gone.o: no command record", err)

    def test_command_without_a_source_is_an_error(self):
        self.record("build/prog", "ld -o build/prog build/a.o")
        rc, _, err = self.run_main("build/prog")
        self.assertEqual(rc, 1)
        self.assertIn("does not end with a source", err)


if __name__ == "__main__":
    unittest.main()
