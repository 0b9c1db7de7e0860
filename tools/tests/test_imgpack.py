"""Host unit test of the packed root image (include/minnow/imgpack.h): the kernel's unpacker
(lib/imgpack/unpack.c) and the packer the build runs on the ISO's root image
(tools/imgpack.c).

imgpack_harness.c feeds the unpacker hand-written streams: what each sequence produces
(literals, copies with and without overlap, extended fields) and every malformed stream it
must refuse.  Then the packer packs a few inputs (empty, one byte, zeros, random bytes, a
random block repeated far apart, the repeat beyond any 64 KiB window): it must exit 0 (it
unpacks its own output with the unpacker and compares), write the header the format says,
and pack the repeats and the zeros to a small fraction of their size.

Run from the repository root:  python3 -m unittest tools.tests.test_imgpack
"""

import os
import random
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_harness import CFLAGS, ROOT, run_harness  # noqa: E402

CHECKS = 16     # "ok" lines the harness prints when everything holds
MAGIC = 0x314b504d


class Unpacker(unittest.TestCase):
    def test_harness(self):
        run_harness(self, "imgpack_harness",
                    ["tools/tests/imgpack_harness.c", "lib/imgpack/unpack.c"], CHECKS)


class Packer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="minnow-imgpack-")
        cls.exe = os.path.join(cls.tmp.name, "imgpack")
        subprocess.run(["gcc"] + CFLAGS + ["-o", cls.exe,
                        os.path.join(ROOT, "tools/imgpack.c"),
                        os.path.join(ROOT, "lib/imgpack/unpack.c")], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def pack(self, data):
        """The packed form of data (the packer has checked that it unpacks to data)."""
        src, dst = os.path.join(self.tmp.name, "in"), os.path.join(self.tmp.name, "out")
        with open(src, "wb") as f:
            f.write(data)
        run = subprocess.run([self.exe, "-o", dst, src], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True)
        self.assertEqual(run.returncode, 0, run.stdout)
        with open(dst, "rb") as f:
            packed = f.read()
        magic, size, length, reserved = struct.unpack("<4I", packed[:16])
        self.assertEqual((magic, size, length, reserved), (MAGIC, len(data), len(packed) - 16, 0))
        return packed

    def test_small_inputs(self):
        for data in (b"", b"x", b"abcd", b"abcabcabcabc"):
            self.pack(data)

    def test_zeros(self):
        self.assertLess(len(self.pack(bytes(1 << 20))), 64)

    def test_random_bytes(self):
        data = random.Random(1).randbytes(100000)
        self.assertLess(len(self.pack(data)), len(data) * 1.01 + 64)

    def test_repeat_far_apart(self):
        rnd = random.Random(2)
        block = rnd.randbytes(50000)
        data = block + rnd.randbytes(200000) + block + bytes(100000) + block
        self.assertLess(len(self.pack(data)), 250000 * 1.01 + 500)


if __name__ == "__main__":
    unittest.main()
