"""Host unit test of ps's states (commands/bin/ps.c; handouts/shell.md, "ps: process states").

ps_harness.c compiles ps.c unchanged for the host against the real headers (their i386
layout assertions switched off, as in test_srv.py) with getsysinfo() replaced by a stub
holding one process in each state: every RTS hold the kernel reports, each IPC call,
zombies, a process the kernel does not know, and ps itself.  A booted system shows only
some of these at a time (grader/tests/ps.py types `ps` into the real shell); here each
STATE letter and WCHAN is checked, plus -l, the usage errors and a failing PM.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import re
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-I" + os.path.join(ROOT, "include")]
SOURCES = ["commands/bin/ps.c", "tools/tests/ps_harness.c"]
ROW = re.compile(r"^\s*(-?\d+)\s+\d+\s+\d+\s+\d+\s+(\S)(s?)\s+(\S+(?: \S+)?)\s+(.*)$")
# name -> (STATE, system?, WCHAN), as the harness's tables must show them.
EXPECTED = {
    "pm": ("R", True, "-"),
    "vfs": ("S", True, "receive ANY"),
    "init": ("W", False, "sendrec pm"),
    "sender": ("S", False, "send vfs"),
    "srsend": ("S", False, "sendrec vfs"),
    "rcvfrom": ("S", False, "receive pm"),
    "stopped": ("T", False, "stopped"),
    "traced": ("T", False, "traced"),
    "nopriv": ("N", True, "nopriv"),
    "faulting": ("V", False, "pagefault"),
    "forked": ("V", False, "vminhibit"),
    "vmreq": ("V", True, "vmrequest"),
    "booting": ("V", True, "bootinhibit"),
    "signaled": ("K", False, "signal"),
    "dying": ("X", False, "dying"),
    "zombie": ("Z", False, "-"),
    "exiting": ("Z", False, "exiting"),
    "ghost": ("?", False, "-"),
    "stopsend": ("T", False, "sendrec pm"),
    "peerless": ("S", False, "receive 4242"),
    "runnable": ("R", False, "-"),
    "self": ("R", False, "-"),
}


class PsStates(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="minnow-ps-")
        cls.exe = os.path.join(cls.tmp.name, "ps")
        build = subprocess.run(["gcc"] + CFLAGS + ["-o", cls.exe] +
                               [os.path.join(ROOT, s) for s in SOURCES],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
        if build.returncode != 0:
            raise RuntimeError("host build of ps failed:\n" + build.stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ps(self, *args, env=None):
        e = dict(os.environ)
        e.update(env or {})
        return subprocess.run([self.exe] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, env=e,
                              timeout=20)

    def test_every_state(self):
        r = self.ps()
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertRegex(lines[0], r"^  PID  PPID  PGRP  UID STATE WCHAN\s+NAME$")
        got = {}
        for line in lines[1:]:
            m = ROW.match(line)
            self.assertIsNotNone(m, line)
            got[m.group(5)] = (m.group(2), m.group(3) == "s", m.group(4))
        self.assertEqual(got, EXPECTED)

    def test_long_form(self):
        r = self.ps("-l")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"(?m)^  PID  PPID  PGRP  UID STATE WCHAN\s+ENDPT\s+RTS MISC NAME$")
        # srsend: SENDING|RECEIVING (0xc), MF_REPLY_PEND; a zombie with no kernel row: "-".
        self.assertRegex(r.stdout, r"(?m)^\s+21 .* sendrec vfs\s+21\s+c\s+1 srsend$")
        self.assertRegex(r.stdout, r"(?m)^\s+30 .* signal\s+30\s+30\s+0 signaled$")
        self.assertRegex(r.stdout, r"(?m)^\s+32 .* Z\s+-\s+-99\s+-\s+- zombie$")

    def test_usage(self):
        r = self.ps("-h")
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        self.assertIn("usage: ps [-l] [-h]", r.stdout)
        for args in (["-x"], ["-l", "extra"], ["--"]):
            r = self.ps(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, "", args)
            self.assertRegex(r.stderr, r"^ps: bad argument '%s'\nusage: ps \[-l\] \[-h\]\n"
                             % re.escape(args[-1]))

    def test_pm_refuses(self):
        r = self.ps(env={"PS_HARNESS_FAIL": "1"})
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr, "ps: cannot get the process table from PM: "
                         "Function not implemented\n")


if __name__ == "__main__":
    unittest.main()
