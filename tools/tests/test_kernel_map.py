"""Host unit test: kernel/kernel.h's opening comment, the map of the kernel, names every
file of kernel/ (sources, headers, the link script; kernel/system/do_*.c as one group).

Run from the repository root:  python3 -m unittest tools.tests.test_kernel_map
"""

import os
import re
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KERNEL = os.path.join(ROOT, "kernel")
MAPPED_SUFFIXES = (".c", ".h", ".S", ".ld")


def map_text(kernel_h):
    """The opening comment of kernel.h."""
    m = re.match(r"\s*/\*(.*?)\*/", kernel_h, re.S)
    return m.group(1) if m else ""


def kernel_files(root=KERNEL):
    """Paths below kernel/ that the map must name (kernel/system/do_*.c are one entry)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        if rel == "system":
            files.append("system/do_*.c")
            continue
        files += [os.path.normpath(os.path.join(rel, f)) for f in sorted(filenames)
                  if f.endswith(MAPPED_SUFFIXES)]
    return files


def unmapped(text, files):
    """The files whose name the map does not mention."""
    return [f for f in files if os.path.basename(f) not in text]


class KernelMapTest(unittest.TestCase):

    def test_map_names_every_kernel_file(self):
        with open(os.path.join(KERNEL, "kernel.h"), encoding="utf-8") as f:
            text = map_text(f.read())
        files = kernel_files()
        self.assertIn("ipc.c", files)
        self.assertIn("arch/i386/entry.S", files)
        self.assertEqual(unmapped(text, files), [])

    def test_a_file_missing_from_the_map_is_found(self):
        text = "/* - ipc.c  the primitives\n - system/do_*.c  handlers */"
        self.assertEqual(unmapped(map_text(text), ["ipc.c", "system/do_*.c", "signal.c"]),
                         ["signal.c"])


if __name__ == "__main__":
    unittest.main()
