"""Host unit test of TCP's sending side (servers/inet/tcp_out.c, tcp_timer.c, with
tcp.c's rings; handouts/inet.md, "TCP").

tcp_harness.c compiles the files unchanged for the host against the real headers, with a
stub IP that records each segment, and checks: the initial window (RFC 5681 3.1), the
usable window, segments cut to the MSS and held by cwnd, Nagle and TCP_NODELAY, the FIN
riding on the last data, slow start, congestion avoidance, fast retransmit and recovery,
a timeout's cwnd, the RTO estimate (RFC 6298 2.2, 2.3), its back-off and ceiling, and a
shut window starting the persist timer.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_harness import run_harness  # noqa: E402

SOURCES = ["tools/tests/tcp_harness.c", "servers/inet/tcp.c", "servers/inet/tcp_out.c",
           "servers/inet/tcp_timer.c", "servers/inet/cksum.c"]
CHECKS = 23     # "ok" lines the harness prints when everything holds


class TcpSending(unittest.TestCase):
    def test_harness(self):
        run_harness(self, "tcp_harness", SOURCES, CHECKS)


if __name__ == "__main__":
    unittest.main()
