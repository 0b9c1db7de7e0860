"""Host unit test of inet's pure logic (servers/inet; handouts/inet.md): the inet.conf
parser (conf.c), the Internet checksum (cksum.c), and the ARP cache (arp.c, with buf.c's
pool and route.c) against a stub Ethernet layer.

inet_harness.c compiles the files unchanged for the host against the real headers (the
i386 layout assertions switched off) and checks: good lines and every kind of bad line
with its exact report, dotted quads; RFC 1071's example, a real IPv4 header, an odd
length, a sum in two parts; ARP's single request for many packets, its bounded pending
queue, the reply that sends them, the cache, expiry, retries then drop, answers to
requests for our address and garbage dropped.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-I" + os.path.join(ROOT, "include")]
SOURCES = ["tools/tests/inet_harness.c", "servers/inet/conf.c", "servers/inet/cksum.c",
           "servers/inet/arp.c", "servers/inet/buf.c", "servers/inet/route.c"]
CHECKS = 18     # "ok" lines the harness prints when everything holds


class InetLogic(unittest.TestCase):
    def test_harness(self):
        with tempfile.TemporaryDirectory(prefix="minnow-inet-") as tmp:
            exe = os.path.join(tmp, "inet_harness")
            build = subprocess.run(["gcc"] + CFLAGS + ["-o", exe] +
                                   [os.path.join(ROOT, s) for s in SOURCES],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True)
            self.assertEqual(build.returncode, 0, "host build failed:\n" + build.stdout)
            run = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=20)
        lines = run.stdout.splitlines()
        failed = [l for l in lines if l.startswith("FAIL")]
        self.assertEqual(failed, [], run.stdout)
        self.assertEqual(run.returncode, 0, run.stdout)
        self.assertEqual(len([l for l in lines if l.startswith("ok ")]), CHECKS, run.stdout)


if __name__ == "__main__":
    unittest.main()
