"""Host unit test of the request loop every server shares (lib/libsys/srv.c, minnow/srv.h)
and of the file servers' dispatch step (lib/libsys/fsreq.c, minnow/fsreq.h).

srv_harness.c compiles the two files unchanged for the host against the real headers (the
headers' i386 layout assertions are switched off: the host's pointers are wider, and only
field names matter here) with the kernel replaced by stubs, and checks: who each caller
predicate admits, row lookup (holes and out-of-range types are ENOSYS, a refused caller
EPERM), that notifications go to the notify hook and are never answered, that the answer
goes to the saved sender with the handler's result, that -EDONTREPLY and messages from the
kernel are never answered, the reply hook, that srv_loop() returns the receive error (and,
without reply and after hooks, answers through sef_reply_receive()), and
that fs_dispatch() copies the request before zeroing the reply that overlays it.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_harness import run_harness  # noqa: E402

SOURCES = ["tools/tests/srv_harness.c", "lib/libsys/srv.c", "lib/libsys/fsreq.c"]
CHECKS = 30     # "ok" lines the harness prints when everything holds


class SharedServerLoop(unittest.TestCase):
    def test_harness(self):
        run_harness(self, "srv_harness", SOURCES, CHECKS)


if __name__ == "__main__":
    unittest.main()
