"""Host unit test of libc's pure functions against the host's C library.

libc_harness.c is linked with Minnow's own lib/libc/format.c (the printf engine),
scanf.c (the scanf engine, with scanf_float.c, its floating-point hook), strftime.c and
gmtime.c, compiled unchanged for the host; libc_rename.h gives the functions the host
also has mn_ names so that the harness can call both.  It compares them on the same
inputs: printf's integer conversions with every length modifier, flags, widths and
precisions; sscanf's integer, string, %c, %[...], %n conversions, widths, '*',
literals, and the EOF/0 results at end of input and at a mismatch; gmtime, timegm
(mktime) and strftime (every conversion but %Z) on known and 2000 pseudo-random
timestamps, and mktime's normalization of out-of-range fields; plus a few known
answers.  Any difference is a FAIL line.

PortableHeaders compiles tools/tests/portable/posix_snippets.c, typical C99/POSIX code
using every header and function of this libc area, against include/posix with the user
programs' flags (-nostdinc: no host header can stand in) in strict C99 mode.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import re
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PURE = ["format", "format_float", "scanf", "scanf_float", "strftime", "gmtime"]
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-I" + os.path.join(ROOT, "include")]


class HarnessChecks:
    """The checks of a harness's output (self.out) that prints "FAIL ..." for each
    difference and "checks N failed M" last: no FAIL line, and more than MIN_CHECKS checks
    (test_regex.py uses it too)."""
    MIN_CHECKS = 10000

    def test_no_difference(self):
        fails = [l for l in self.out.splitlines() if l.startswith("FAIL")]
        self.assertEqual(fails, [], "\n".join(fails[:20]))

    def test_all_checks_ran(self):
        m = re.search(r"^checks (\d+) failed (\d+)$", self.out, re.M)
        self.assertIsNotNone(m, self.out[-500:])
        self.assertGreater(int(m.group(1)), self.MIN_CHECKS)
        self.assertEqual(int(m.group(2)), 0)


class LibcAgainstHost(HarnessChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        objs = []
        for name in PURE:
            obj = os.path.join(cls.tmp.name, name + ".o")
            subprocess.run(["gcc", *CFLAGS, "-include",
                            os.path.join(ROOT, "tools/tests/libc_rename.h"), "-c",
                            os.path.join(ROOT, "lib/libc", name + ".c"), "-o", obj],
                           check=True)
            objs.append(obj)
        cls.exe = os.path.join(cls.tmp.name, "libc_harness")
        subprocess.run(["gcc", "-std=gnu11", "-O1", "-Wall", "-Wextra", "-Wno-format",
                        "-o", cls.exe, os.path.join(ROOT, "tools/tests/libc_harness.c"),
                        *objs], check=True)
        env = dict(os.environ, TZ="UTC", LC_ALL="C")
        cls.out = subprocess.run([cls.exe], capture_output=True, text=True, env=env).stdout

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()



class PortableHeaders(unittest.TestCase):
    def test_snippets_compile(self):
        gcc_inc = subprocess.run(["gcc", "-m32", "-print-file-name=include"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        for std in ("c99", "gnu11"):
            r = subprocess.run(["gcc", "-m32", "-std=" + std, "-Wall", "-Wextra", "-Werror",
                                "-ffreestanding", "-nostdinc", "-isystem", gcc_inc,
                                "-I" + os.path.join(ROOT, "include/posix"),
                                "-I" + os.path.join(ROOT, "include"), "-fsyntax-only",
                                os.path.join(ROOT, "tools/tests/portable/posix_snippets.c")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, "-std=%s:\n%s" % (std, r.stderr))


if __name__ == "__main__":
    unittest.main()
