"""Host unit test of libc's regular expressions against glibc's.

lib/libc/regcomp.c and regexec.c are compiled for the host against include/posix/regex.h
(a temporary directory holding only that header comes first on the include path) with
regcomp/regexec/regerror/regfree renamed mn_*; regex_describe.c is compiled twice, once
for each implementation; regex_harness.c runs its table of a few hundred cases (BRE and
ERE, brackets and classes, anchors, intervals, groups and their offsets, back-references,
REG_ICASE, REG_NEWLINE, REG_NOTBOL, REG_NOTEOL, REG_NOSUB, every compile error) and
thousands of random EREs through both and prints a FAIL line for each difference (a few
listed cases must differ: handouts/libc.md, "Regular expressions").  It also checks
regerror()'s truncation and that a pathological back-referencing pattern stops with
REG_ESPACE.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_libc  # noqa: E402  (its HarnessChecks, not its tests)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror"]
RENAME = ["-D%s=mn_%s" % (f, f) for f in ("regcomp", "regexec", "regerror", "regfree")]


class RegexAgainstGlibc(test_libc.HarnessChecks, unittest.TestCase):
    MIN_CHECKS = 40000

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        inc = os.path.join(cls.tmp.name, "inc")
        os.mkdir(inc)
        os.symlink(os.path.join(ROOT, "include/posix/regex.h"), os.path.join(inc, "regex.h"))
        objs = []

        def cc(src, obj, *extra):
            out = os.path.join(cls.tmp.name, obj)
            subprocess.run(["gcc", *CFLAGS, *extra, "-c", os.path.join(ROOT, src), "-o", out],
                           check=True)
            objs.append(out)
        cc("lib/libc/regcomp.c", "regcomp.o", "-I" + inc, *RENAME)
        cc("lib/libc/regexec.c", "regexec.o", "-I" + inc, *RENAME)
        cc("tools/tests/regex_describe.c", "mn.o", "-I" + inc, *RENAME,
           "-Ddescribe=mn_describe", "-Dregex_limits=mn_regex_limits")
        cc("tools/tests/regex_describe.c", "host.o", "-Ddescribe=host_describe",
           "-Dregex_limits=host_regex_limits")
        cls.exe = os.path.join(cls.tmp.name, "regex_harness")
        subprocess.run(["gcc", *CFLAGS, "-o", cls.exe,
                        os.path.join(ROOT, "tools/tests/regex_harness.c"), *objs], check=True)
        env = dict(os.environ, LC_ALL="C")
        cls.out = subprocess.run([cls.exe], capture_output=True, text=True, env=env,
                                 timeout=120).stdout

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_table_ran(self):
        t = re.search(r"^table (\d+)$", self.out, re.M)
        self.assertIsNotNone(t, self.out[-500:])
        self.assertGreaterEqual(int(t.group(1)), 250)


if __name__ == "__main__":
    unittest.main()
