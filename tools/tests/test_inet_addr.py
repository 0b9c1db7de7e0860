"""Host unit test of libc's IPv4 text conversions (lib/libc/inet.c: inet_pton, inet_ntop,
inet_addr, inet_ntoa; handouts/sockets.md) against the host's C library.

inet_addr_harness.c is linked with lib/libc/inet.c compiled unchanged for the host, its
functions renamed mn_* on the command line; it compares both on edge cases (leading
zeros, parts past 255, too few or too many parts, stray characters), 20,000 random dotted
quads and digit-and-dot strings, and inet_ntop into buffers too small (ENOSPC).  Any
difference is a FAIL line.

Run from the repository root:  python3 -m unittest tools.tests.test_inet_addr
"""

import os
import subprocess
import tempfile
import unittest

from tools.tests.test_libc import HarnessChecks

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RENAME = ["-Dinet_pton=mn_inet_pton", "-Dinet_ntop=mn_inet_ntop", "-Dinet_addr=mn_inet_addr",
          "-Dinet_ntoa=mn_inet_ntoa"]
SHAPES = ["1.2.3.4\n", "1.2.3.4\t", "+1.2.3.4", "1.2.3.4.", "1 .2.3.4", "4294967295"]


class InetAgainstHost(HarnessChecks, unittest.TestCase):
    MIN_CHECKS = 50000

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        obj = os.path.join(cls.tmp.name, "inet.o")
        flags = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror"]
        subprocess.run(["gcc", *flags, *RENAME, "-c", os.path.join(ROOT, "lib/libc/inet.c"),
                        "-o", obj], check=True)
        exe = os.path.join(cls.tmp.name, "inet_addr_harness")
        subprocess.run(["gcc", *flags, "-o", exe,
                        os.path.join(ROOT, "tools/tests/inet_addr_harness.c"), obj], check=True)
        cls.out = subprocess.run([exe, *SHAPES], capture_output=True, text=True).stdout

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_a_bad_line_fails(self):
        """The checks can fail: a harness output with a FAIL line is caught."""
        saved = self.out
        self.out = "FAIL inet_pton(\"x\"): minnow 1 host 0\nchecks 60000 failed 1\n"
        with self.assertRaises(AssertionError):
            self.test_no_difference()
        self.out = saved
