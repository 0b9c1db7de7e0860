"""Host unit test: no source file of the tree includes a .c file.

A source shared by several programs (lib/libc/string.c, lib/libexec/*.c) is compiled once per
set of flags by the build and linked where it is needed (kernel/Makefile.inc,
lib/Makefile.inc); including it from another .c file would hide it from the build's object
lists, the compilation database and the reader.  The checker also runs on doctored text, to
show that it sees each way of writing such an include.

Run from the repository root:  python3 -m unittest tools.tests.test_no_c_includes
"""

import os
import re
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SKIP_DIRS = {"build", ".git", "__pycache__"}
SOURCE_SUFFIXES = (".c", ".h", ".S")
C_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+\.c)[>"]', re.M)


def c_includes(text):
    """The .c files a C or assembly source includes."""
    return C_INCLUDE.findall(text)


def tree_sources(root=ROOT):
    """Paths (relative to root) of every C, header and assembly source of the tree."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.endswith(SOURCE_SUFFIXES):
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return found


class NoCIncludesTest(unittest.TestCase):

    def test_tree_has_sources(self):
        sources = tree_sources()
        self.assertIn("kernel/main.c", sources)
        self.assertIn("lib/libc/string.c", sources)
        self.assertGreater(len(sources), 100)

    def test_no_source_includes_a_c_file(self):
        offenders = []
        for path in tree_sources():
            with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
                for included in c_includes(f.read()):
                    offenders.append("%s includes %s" % (path, included))
        self.assertEqual(offenders, [])

    def test_checker_sees_c_includes(self):
        self.assertEqual(c_includes('#include "../lib/libc/string.c"\n'), ["../lib/libc/string.c"])
        self.assertEqual(c_includes("#  include <exec_elf.c>\n"), ["exec_elf.c"])
        self.assertEqual(c_includes('int x;\n\t# include "a.c"\n'), ["a.c"])

    def test_checker_ignores_headers_and_prose(self):
        self.assertEqual(c_includes('#include "libexec.h"\n#include <string.h>\n'), [])
        self.assertEqual(c_includes("/* built from string.c, not #included */\n"), [])


if __name__ == "__main__":
    unittest.main()
