"""Host unit test of inet's pure logic (servers/inet; handouts/inet.md): the inet.conf
parser (conf.c), the Internet checksum (cksum.c), and the ARP cache (arp.c, with buf.c's
pool and route.c) against a stub Ethernet layer.

inet_harness.c compiles the files unchanged for the host against the real headers (the
i386 layout assertions switched off) and checks: good lines and every kind of bad line
with its exact report, dotted quads; RFC 1071's example, a real IPv4 header, an odd
length, a sum in two parts, a TCP segment's sum with its pseudo header; ARP's single request for many packets, its bounded pending
queue, the reply that sends them, the cache, expiry, retries then drop, answers to
requests for our address and garbage dropped.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_harness import run_harness  # noqa: E402

SOURCES = ["tools/tests/inet_harness.c", "servers/inet/conf.c", "servers/inet/cksum.c",
           "servers/inet/arp.c", "servers/inet/buf.c", "servers/inet/route.c"]
CHECKS = 19     # "ok" lines the harness prints when everything holds


class InetLogic(unittest.TestCase):
    def test_harness(self):
        run_harness(self, "inet_harness", SOURCES, CHECKS)


if __name__ == "__main__":
    unittest.main()
