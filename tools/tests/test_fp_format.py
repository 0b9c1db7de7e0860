"""Host unit test of libc's floating-point text: printf's %e %f %g %a (lib/libc/format.c,
format_float.c) and strtod (lib/libc/strtod.c) against the host C library, which rounds
correctly (tools/tests/fp_harness.c; handouts/kernel-calls.md, "Floating point").

The libc files are compiled unchanged for the host (strtod.c's functions renamed mn_*), so
the comparison covers tens of thousands of doubles of every magnitude, which the in-guest
test (/test/posix_fp) cannot afford.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-fno-builtin", "-I" + os.path.join(ROOT, "include"),
          "-I" + os.path.join(ROOT, "lib", "libc")]
RENAME = ["-Dstrtod=mn_strtod", "-Dstrtof=mn_strtof", "-Dstrtold=mn_strtold",
          "-Datof=mn_atof"]


class FloatText(unittest.TestCase):
    def test_against_host_libc(self):
        with tempfile.TemporaryDirectory(prefix="minnow-fp-") as tmp:
            objs = []
            for src, extra in (("lib/libc/format.c", []), ("lib/libc/format_float.c", []),
                               ("lib/libc/strtod.c", RENAME),
                               ("lib/libc/strtod_exact.c", []),
                               ("tools/tests/fp_harness.c", [])):
                obj = os.path.join(tmp, os.path.basename(src) + ".o")
                r = subprocess.run(["gcc"] + CFLAGS + extra + ["-c", "-o", obj,
                                                               os.path.join(ROOT, src)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True)
                self.assertEqual(r.returncode, 0, r.stdout)
                objs.append(obj)
            exe = os.path.join(tmp, "fp")
            r = subprocess.run(["gcc", "-o", exe] + objs, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, universal_newlines=True)
            self.assertEqual(r.returncode, 0, r.stdout)
            r = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, timeout=120)
        self.assertIn("format 0 mismatches", r.stdout, r.stdout)
        self.assertIn("strtod 0 mismatches", r.stdout, r.stdout)
        self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    unittest.main()
