"""Shared by the host unit tests that compile C files of the tree with a harness and run
it (test_srv.py, test_inet.py): build with gcc against the real headers (the i386 layout
assertions switched off), run, and check that no line starts with FAIL and that the
harness printed the expected number of "ok" lines.  Not a test module itself."""

import os
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-I" + os.path.join(ROOT, "include")]


def run_harness(case, name, sources, checks, cflags=()):
    """Build sources (paths from the tree's root) into name (with extra cflags), run it,
    and make the unittest.TestCase case check its output: no FAIL, exit 0, `checks` ok
    lines."""
    with tempfile.TemporaryDirectory(prefix="minnow-%s-" % name) as tmp:
        exe = os.path.join(tmp, name)
        build = subprocess.run(["gcc"] + CFLAGS + list(cflags) + ["-o", exe] +
                               [os.path.join(ROOT, s) for s in sources],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
        case.assertEqual(build.returncode, 0, "host build failed:\n" + build.stdout)
        run = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, timeout=20)
    lines = run.stdout.splitlines()
    case.assertEqual([l for l in lines if l.startswith("FAIL")], [], run.stdout)
    case.assertEqual(run.returncode, 0, run.stdout)
    case.assertEqual(len([l for l in lines if l.startswith("ok ")]), checks, run.stdout)
