"""Host unit tests of the POSIX text and file commands of commands/bin (handouts/commands.md):
sort, uniq, cut, tr, sed, grep's regular expressions, xargs, find, tee, dd, od, cksum,
sha256sum, du, basename, dirname, which, yes, seq, expr, diff, more and date.

Each command is one portable C file; here it is built with the host compiler and glibc and
run on inputs whose right outputs are known: fixed texts, digests from Python's hashlib and
a CRC written here from the POSIX definition, sorted() for sort, and for diff the edit script
applied back to the first file.  Errors must name the file and the errno text, and bad
options give a usage message and exit status 1 or 2.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import glob
import hashlib
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
import unittest
from multiprocessing.pool import ThreadPool

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror"]
COMMANDS = ["sort", "uniq", "cut", "tr", "sed", "grep", "xargs", "find", "tee", "dd", "od",
            "cksum", "sha256sum", "du", "basename", "dirname", "which", "yes", "seq",
            "expr", "diff", "more", "date", "echo", "cat", "false"]


def posix_cksum(data):
    """The POSIX cksum CRC of data, bit by bit from the definition."""
    crc = 0
    n = len(data)
    tail = b""
    while n:
        tail += bytes([n & 0xff])
        n >>= 8
    for b in data + tail:
        crc ^= b << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xffffffff
    return ~crc & 0xffffffff


BUILD = {}


def setUpModule():
    """Build the commands once for every class of this file."""
    BUILD["tmp"] = tempfile.mkdtemp(prefix="minnow-commands-")
    BUILD["bin"] = os.path.join(BUILD["tmp"], "bin")
    os.mkdir(BUILD["bin"])
    with ThreadPool(2) as pool:                 # the machine's two cores
        failures = [f for f in pool.map(build, COMMANDS) if f]
    if failures:
        raise RuntimeError("host build failed:\n" + "\n".join(failures))


def build(name):
    """Build commands/bin/<name>.c (or the files of commands/<name>/, as sed) into
    BUILD["bin"]: the compiler's messages on failure."""
    srcs = sorted(glob.glob(os.path.join(ROOT, "commands/%s/*.c" % name))) or \
        [os.path.join(ROOT, "commands/bin/%s.c" % name)]
    r = subprocess.run(["gcc"] + CFLAGS + ["-o", os.path.join(BUILD["bin"], name)] + srcs,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    return r.stdout if r.returncode != 0 else None


def tearDownModule():
    shutil.rmtree(BUILD["tmp"], ignore_errors=True)


class Commands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = BUILD["tmp"]
        cls.bin = BUILD["bin"]

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp)

    def run_cmd(self, argv, stdin="", binary=False):
        """Run a command of the build (argv[0] a name) in the test's directory."""
        data = stdin.encode() if isinstance(stdin, str) else stdin
        r = subprocess.run([os.path.join(self.bin, argv[0])] + argv[1:], input=data,
                           cwd=self.dir, env={"PATH": self.bin}, timeout=20,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if not binary:
            r.stdout = r.stdout.decode("latin-1")
        r.stderr = r.stderr.decode("latin-1")
        return r

    def expect(self, argv, out, stdin="", status=0, err=None):
        r = self.run_cmd(argv, stdin)
        self.assertEqual((r.stdout, r.returncode), (out, status),
                         "%s (stderr: %r)" % (argv, r.stderr))
        if err is not None:
            self.assertIn(err, r.stderr)
        return r

    def usage(self, argv, status, stdin=""):
        r = self.run_cmd(argv, stdin)
        self.assertEqual(r.returncode, status, "%s: %r" % (argv, r.stderr))
        self.assertIn("usage: %s" % argv[0], r.stderr)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        with open(self.path(name), "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)

    def read(self, name):
        with open(self.path(name)) as f:
            return f.read()

    def missing(self, argv, status=1):
        """argv names the missing file /nope: the error names it with the errno text."""
        r = self.run_cmd(argv)
        self.assertEqual(r.returncode, status, "%s: %r" % (argv, r.stderr))
        self.assertIn("%s: /nope: No such file or directory" % argv[0], r.stderr)


class TextTests(Commands):
    def test_sort(self):
        lines = ["10", "9", "-3", "2.5", "2.45", "0", "-0.5", "100", "abc", "Abc", "b 2"]
        text = "".join(l + "\n" for l in lines)
        self.expect(["sort"], "".join(l + "\n" for l in sorted(lines)), text)
        self.expect(["sort", "-r"], "".join(l + "\n" for l in sorted(lines, reverse=True)),
                    text)
        nums = "-3\n-0.5\n0\nAbc\nabc\nb 2\n2.45\n2.5\n9\n10\n100\n"   # words are 0
        self.expect(["sort", "-n"], nums, text)
        self.expect(["sort", "-rn"], "".join(reversed(nums.splitlines(True))), text)
        self.expect(["sort", "-u"], "a\nb\nc\n", "b\na\nb\nc\na\n")
        self.expect(["sort", "-t:", "-k2,2", "-n"], "c:1:z\nb:2:y\na:10:x\n",
                    "a:10:x\nb:2:y\nc:1:z\n")
        self.expect(["sort", "-k2"], "c 1\nb 2\na 3\n", "b 2\na 3\nc 1\n")
        self.expect(["sort", "-u", "-k2"], "x 1\nz 2\n", "x 1\ny 1\nz 2\n")
        self.write("f1", "b\n")
        self.write("f2", "a\nc")
        self.expect(["sort", "f1", "f2"], "a\nb\nc\n")
        self.usage(["sort", "-q"], 2)
        self.usage(["sort", "-k", "x"], 2)
        self.missing(["sort", "/nope"])

    def test_sort_random_numbers(self):
        rng = random.Random(11)
        nums = [rng.randint(-10 ** 12, 10 ** 12) for _ in range(500)]
        text = "".join("%d\n" % n for n in nums)
        self.expect(["sort", "-n"], "".join("%d\n" % n for n in sorted(nums)), text)

    def test_uniq(self):
        text = "a\na\nb\nc\nc\nc\na\n"
        self.expect(["uniq"], "a\nb\nc\na\n", text)
        self.expect(["uniq", "-c"], "      2 a\n      1 b\n      3 c\n      1 a\n", text)
        self.expect(["uniq", "-d"], "a\nc\n", text)
        self.expect(["uniq", "-u"], "b\na\n", text)
        self.write("in", text)
        self.expect(["uniq", "-d", "in", "out"], "")
        with open(self.path("out")) as f:
            self.assertEqual(f.read(), "a\nc\n")
        self.usage(["uniq", "-x"], 2)
        self.missing(["uniq", "/nope"])

    def test_cut(self):
        text = "root:x:0:0:root:/root\nbob:x:1000\nnodelim\n"
        self.expect(["cut", "-d:", "-f1,3-"], "root:0:0:root:/root\nbob:1000\nnodelim\n", text)
        self.expect(["cut", "-s", "-d:", "-f2"], "x\nx\n", text)
        self.expect(["cut", "-c1-3,7-"], "helworld\n", "hello world\n")
        self.expect(["cut", "-c", "-2,5"], "abe\n", "abcdef\n")
        self.expect(["cut", "-f2"], "b\n", "a\tb\tc\n")
        self.usage(["cut", "-d:"], 2)
        self.usage(["cut", "-f", "0"], 2)
        self.missing(["cut", "-f1", "/nope"])

    def test_tr(self):
        self.expect(["tr", "a-z", "A-Z"], "HELLO, WORLD\n", "Hello, World\n")
        self.expect(["tr", "[:lower:]", "[:upper:]"], "HELLO\n", "hello\n")
        self.expect(["tr", "-s", "a-c "], "abcdd ee\n", "aabbccdd  ee\n")
        self.expect(["tr", "-d", "0-9"], "hello  world\n", "hello 123 world\n")
        self.expect(["tr", "-cd", "0-9\\n"], "123\n", "hello 123 world\n")
        self.expect(["tr", "-s", " ", "\\n"], "a\nb\nc\n", "a b  c\n")
        self.expect(["tr", "abc", "x"], "xxx\n", "abc\n")
        self.expect(["tr", "\\101", "z"], "zB\n", "AB\n")
        self.usage(["tr", "-d"], 1)
        self.usage(["tr", "a"], 1)

    def test_grep_regular_expressions(self):
        text = "abc\nfoo(bar)\nabab\nx.y\nxzy\n"
        self.expect(["grep", "-n", "a[b-c]"], "1:abc\n3:abab\n", text)
        self.expect(["grep", "^\\(ab\\)\\1$"], "abab\n", text)
        self.expect(["grep", "x\\.y"], "x.y\n", text)
        self.expect(["grep", "[^a-z(]$"], "foo(bar)\n", text)
        r = self.run_cmd(["grep", "\\(a"], text)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unmatched \\(", r.stderr)


class SedTests(Commands):
    def test_substitute(self):
        self.expect(["sed", "s/o/0/g"], "hell0 w0rld\nf00 bar\n", "hello world\nfoo bar\n")
        self.expect(["sed", "s/\\(hello\\) \\(world\\)/\\2 \\1 [&]/"],
                    "world hello [hello world]\n", "hello world\n")
        self.expect(["sed", "s/a/b/2"], "aba\n", "aaa\n")
        self.expect(["sed", "s/a/b/2g"], "abb\n", "aaa\n")
        self.expect(["sed", "s/b*/-/g"], "-a-c-\n", "abc\n")
        self.expect(["sed", "s|/|\\\\|"], "a\\b\n", "a/b\n")
        self.expect(["sed", "s/x/\\&/"], "&\n", "x\n")
        self.expect(["sed", "-n", "s/a/A/p"], "A\n", "a\nb\n")
        self.expect(["sed", "s/[0-9][0-9]*/<&>/g"], "a<12>b<3>\n", "a12b3\n")
        self.expect(["sed", "s/ /\\n/"], "a\nb\n", "a b\n")

    def test_addresses(self):
        seq = "".join("%d\n" % i for i in range(1, 11))
        self.expect(["sed", "-n", "3,5p;$p"], "3\n4\n5\n10\n", seq)
        self.expect(["sed", "2,/5/d"], "1\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "3q"], "1\n2\n3\n", seq)
        self.expect(["sed", "-n", "/2/,/4/!p"], "1\n5\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-n", "$="], "10\n", seq)
        self.expect(["sed", "-n", "/1/p"], "1\n10\n", seq)
        self.expect(["sed", "5,2d"], "1\n2\n3\n4\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-e", "s/1/one/", "-e", "s/2/two/;="], "1\none\n2\ntwo\n3\n3\n",
                    "1\n2\n3\n")

    def test_files_and_errors(self):
        self.write("a", "x\ny\n")
        self.write("b", "z\n")
        self.expect(["sed", "-n", "$p", "a", "b"], "z\n")
        self.expect(["sed", "-n", "2p", "a", "b"], "y\n")
        r = self.run_cmd(["sed", "p", "/nope", "a"])
        self.assertEqual((r.stdout, r.returncode), ("x\nx\ny\ny\n", 2))
        self.assertIn("sed: /nope: No such file or directory", r.stderr)
        self.usage(["sed"], 1)
        self.usage(["sed", "-z", "p"], 1)
        for bad in ["s/a/b", "k", "s/a/b/z", "s/\\(/x/", "/x"]:
            r = self.run_cmd(["sed", bad], "a\n")
            self.assertEqual(r.returncode, 1, bad)
            self.assertTrue(r.stderr.startswith("sed: "), bad)


    def test_in_place(self):
        """sed -i: each file on its own ($, line numbers), a missing final newline kept,
        the mode kept, GNU's -i.bak and BSD's -i '' / -i .orig, q drops the rest of the
        file and leaves later files alone; errors (the results GNU sed 4.8 gives)."""
        path = self.path
        self.write("a", "1\n2\n3\n")
        self.write("b", "x\ny")
        os.chmod(path("a"), 0o640)
        self.expect(["sed", "-i", "-e", "$s/$/!/", "-e", "1d", "a", "b"], "")
        self.assertEqual((self.read("a"), self.read("b")), ("2\n3!\n", "y!"))
        self.assertEqual(os.stat(path("a")).st_mode & 0o777, 0o640)
        self.expect(["sed", "-n", "-i.bak", "1p", "a"], "")
        self.assertEqual((self.read("a"), self.read("a.bak")), ("2\n", "2\n3!\n"))
        self.expect(["sed", "-i", ".orig", "s/2/two/", "a"], "")
        self.assertEqual((self.read("a"), self.read("a.orig")), ("two\n", "2\n"))
        self.expect(["sed", "-i", "", "s/two/2/", "a"], "")
        self.assertEqual(self.read("a"), "2\n")
        self.write("c", "1\n2\n3\n")
        self.write("d", "4\n")
        self.expect(["sed", "-i", "2q", "c", "d"], "")
        self.assertEqual((self.read("c"), self.read("d")), ("1\n2\n", "4\n"))
        self.assertEqual(sorted(os.listdir(self.dir)), ["a", "a.bak", "a.orig", "b", "c", "d"])
        r = self.run_cmd(["sed", "-i", "p", "nope", "d"])
        self.assertEqual((r.returncode, self.read("d")), (2, "4\n4\n"))
        self.assertIn("sed: can't read nope", r.stderr)
        r = self.run_cmd(["sed", "-i", "p", "/dev/null"])
        self.assertEqual(r.returncode, 4)
        self.assertIn("not a regular file", r.stderr)
        r = self.run_cmd(["sed", "-i", "p"])
        self.assertEqual(r.returncode, 1)

    def test_blocks_and_negation(self):
        seq = "".join("%d\n" % i for i in range(1, 11))
        self.expect(["sed", "-n", "/[13579]$/{s/$/ odd/;p;}"],
                    "1 odd\n3 odd\n5 odd\n7 odd\n9 odd\n", seq)
        self.expect(["sed", "-n", "2,8{/[3-6]/!{p}}"], "2\n7\n8\n", seq)     # nested, no ;
        self.expect(["sed", "1d;3,4!{s/^/-/}"], "-2\n3\n4\n-5\n", "1\n2\n3\n4\n5\n")
        self.expect(["sed", "-n", "$!{$!p}"], "1\n2\n", "1\n2\n3\n")
        self.expect(["sed", "-n", "/start/,/end/{//!p}"], "b\nc\n", "a\nstart\nb\nc\nend\nd\n")

    def test_text_commands(self):
        seq = "1\n2\n3\n"
        self.expect(["sed", "2a\\\n  two and\\\na half"], "1\n2\n  two and\na half\n3\n", seq)
        self.expect(["sed", "1i\\\ntop"], "top\n1\n2\n3\n", seq)
        self.expect(["sed", "$a   end"], "1\n2\n3\nend\n", seq)            # one-line form
        self.expect(["sed", "1a\\  kept"], "1\n  kept\n2\n3\n", seq)
        self.expect(["sed", "-e", "1i\\", "-e", "first", "-e", "3a last; not a command"],
                    "first\n1\n2\n3\nlast; not a command\n", seq)
        self.expect(["sed", "2c\\\nchanged"], "1\nchanged\n3\n", seq)
        self.expect(["sed", "1,2c\\\nboth"], "both\n3\n", seq)             # once, at the end
        self.expect(["sed", "2!c X"], "X\n2\nX\n", seq)
        self.expect(["sed", "a x\\ty\\nz\\\\"], "1\nx\ty\nz\\\n", "1\n")
        self.expect(["sed", "1{a after\n}"], "1\nafter\n2\n", "1\n2\n")
        self.write("r.txt", "r\n")
        self.expect(["sed", "1a one\n1i zero\n1r r.txt"], "zero\n1\none\nr\n", "1\n")

    def test_y(self):
        self.expect(["sed", "y/abc/xyz/"], "xxyyzz\n", "aabbcc\n")
        self.expect(["sed", "y,a\\,b,\\n\\\\c,"], "\n\\c\n", "a,b\n")
        self.expect(["sed", "N;N;y/\\n/,/"], "1,2,3\n", "1\n2\n3\n")

    def test_next_lines(self):
        seq = "".join("%d\n" % i for i in range(1, 8))
        self.expect(["sed", "n;d"], "1\n3\n5\n7\n", seq)
        self.expect(["sed", "-n", "n;p"], "2\n4\n6\n", seq)
        self.expect(["sed", "$!N;s/\\n/-/"], "1-2\n3-4\n5-6\n7\n", seq)
        self.expect(["sed", "N"], "1\n2\n3\n", "1\n2\n3\n")   # N on the last line prints
        self.expect(["sed", "$!N;/^\\(.*\\)\\n\\1$/!P;D"], "1\n2\n3\n", "1\n1\n2\n3\n3\n")
        self.expect(["sed", "-n", "N;N;P"], "1\n4\n", seq)
        self.expect(["sed", "N;N;D"], "4\n5\n6\n7\n", seq)
        self.expect(["sed", "-n", "/a/{n;p}"], "b\n", "a\nb\nc\n")
        self.expect(["sed", "1a app\nN;s/^/>/"], "app\n>1\n2\n", "1\n2\n")   # a before n/N

    def test_hold_space(self):
        seq = "".join("%d\n" % i for i in range(1, 6))
        self.expect(["sed", "1!G;h;$!d"], "5\n4\n3\n2\n1\n", seq)               # tac
        self.expect(["sed", "-n", "H;${x;s/\\n/,/g;s/^,//;p}"], "1,2,3,4,5\n", seq)
        self.expect(["sed", "x;$!d;x"], "5\n", seq)
        self.expect(["sed", "-n", "x;$p"], "4\n", seq)
        self.expect(["sed", "g"], "\n\n", "a\nb\n")                             # empty hold
        self.expect(["sed", "G"], "a\n\n", "a\n")
        self.expect(["sed", "-n", "h;n;G;p"], "2\n1\n4\n3\n", "1\n2\n3\n4\n")

    def test_branches(self):
        self.expect(["sed", "-e", ":a", "-e", "/\\\\$/N; s/\\\\\\n//; ta"], "ab\ncde\n",
                    "a\\\nb\nc\\\nd\\\ne\n")
        self.expect(["sed", ":a;s/xx/x/;ta"], "x\n", "xxxx\n")
        self.expect(["sed", "/x/b end;s/^/no /;:end"], "x\nno y\n", "x\ny\n")
        self.expect(["sed", "s/^/>/;t;s/$/</"], ">a\n", "a\n")                # t to the end
        self.expect(["sed", "s/q/Q/;tdone;s/$/!/;:done"], "a!\nQ\n", "a\nq\n")
        self.expect(["sed", "s/a/X/;N;tx;s/^/NO/;b;:x;s/^/YES/"], "NOXb\ncd\n", "ab\ncd\n")
        self.expect(["sed", "-n", "{b};p"], "", "x\n")
        self.expect(["sed", ":a;N;$!ba;s/\\n/ /g"], "1 2 3\n", "1\n2\n3\n")

    def test_small_commands(self):
        seq = "".join("%d\n" % i for i in range(1, 11))
        self.expect(["sed", "="], "1\na\n2\nb\n", "a\nb\n")
        self.expect(["sed", "-n", "2,3{=;p}"], "2\n2\n3\n3\n", seq)
        self.expect(["sed", "-n", "l"], "a\\tb\\\\c\\001\\351$\n", b"a\tb\\c\x01\xe9\n")
        self.expect(["sed", "-n", "N;l"], "a\\nb$\n", "a\nb\n")
        self.expect(["sed", "-n", "l"], ("x" * 69 + "\\\n") * 2 + "x" * 12 + "$\n",
                    "x" * 150 + "\n")
        self.expect(["sed", "-n", "l"], "a" * 68 + "\\\n\\001b$\n", "a" * 68 + "\x01b\n")
        self.expect(["sed", "2q"], "1\n2\n", seq)
        self.expect(["sed", "-n", "2{p;q}"], "2\n", seq)
        self.expect(["sed", "2q5"], "1\n2\n", seq, status=5)
        self.expect(["sed", "1a after\n1q"], "1\nafter\n", seq)     # q writes the a text
        self.write("rf", "r1\nr2\n")
        self.expect(["sed", "r rf"], "1\nr1\nr2\n2\nr1\nr2\n", "1\n2\n")
        self.expect(["sed", "1r nonexistent"], "1\n2\n", "1\n2\n")
        self.expect(["sed", "-n", "/[24]/w out; x.txt\n$p"], "10\n", seq)
        with open(self.path("out; x.txt")) as f:
            self.assertEqual(f.read(), "2\n4\n")
        self.expect(["sed", "w out2\nw out2"], "a\n", "a\n")          # one file per name
        with open(self.path("out2")) as f:
            self.assertEqual(f.read(), "a\na\n")

    def test_s_flags(self):
        self.expect(["sed", "-n", "s/b/B/w sout\np"], "aBc\nd\n", "abc\nd\n")
        with open(self.path("sout")) as f:
            self.assertEqual(f.read(), "aBc\n")
        self.expect(["sed", "-n", "s/b/B/w /dev/stdout"], "aBc\n", "abc\n")
        self.expect(["sed", "s/a/b/3"], "aab\n", "aaa\n")
        self.expect(["sed", "-n", "s/a/b/gp"], "bbb\n", "aaa\nccc\n")
        self.expect(["sed", "s/x*/-/2"], "a-bc\n", "abc\n")
        self.expect(["sed", "s/\\(.\\)\\(.\\)/\\2\\1/g"], "badcfe\n", "abcdef\n")
        self.expect(["sed", "s/a/\\\n/"], "b\nb\n", "bab\n")                  # \newline
        self.expect(["sed", "s/a/&&/g"], "aabcaa\n", "abca\n")
        self.expect(["sed", "s/[/]/X/g"], "aXbXc\n", "a/b/c\n")              # / in a set
        self.expect(["sed", "N;s/a\\nb/joined/"], "joined\n", "a\nb\n")       # \n in re
        self.expect(["sed", "N;s/[^\\n]*$/<&>/"], "a\n<b>\n", "a\nb\n")
        self.expect(["sed", "s/a/b/;s//c/"], "bca\n", "aaa\n")                # // reused
        self.expect(["sed", "/a/s//X/g"], "bXnXnX\n", "banana\n")

    def test_address_forms(self):
        seq = "".join("%d\n" % i for i in range(1, 11))
        self.expect(["sed", "\\,2,d"], "1\n3\n4\n5\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-n", "\\;1;p"], "1\n10\n", seq)
        self.expect(["sed", "-n", "\\x\\xx,4p"], "x\n3\n4\n", "1\nx\n3\n4\n5\n")
        self.expect(["sed", "-n", "/2/,/[0-9]/p"], "2\n3\n", seq)   # the end checked after
        self.expect(["sed", "-n", "/1/,/1/p"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-n", "4,2p"], "4\n", seq)              # end before start: one line
        self.expect(["sed", "-n", "/4/,2p"], "4\n", seq)
        self.expect(["sed", "-n", "$,1p"], "10\n", seq)
        self.expect(["sed", "-n", "/9/,$p"], "9\n10\n", seq)
        self.expect(["sed", "-n", "2,4!p"], "1\n5\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-n", " 1 , 3 ! p"], "4\n5\n6\n7\n8\n9\n10\n", seq)
        self.expect(["sed", "-n", "/a/,/b/{/a/!p}"], "x\nb\n", "a\nx\nb\ny\n")
        self.expect(["sed", "2,4{N;N;N;d}"], "1\n6\n7\n8\n9\n10\n", seq)  # n/N past the end
        # a range from a line number N read inside another command starts at the next line
        self.expect(["sed", "-n", "1{N;N};2,/5/p"], "1\n2\n3\n4\n5\n", seq)
        self.expect(["sed", "-n", "1{N;N};2,3p"], "1\n2\n3\n", seq)
        self.expect(["sed", "-n", "2{N;N};2,3p"], "", seq)
        self.expect(["sed", "-n", "2q\n3,1p"], "", seq)                    # q then a newline

    def test_script_sources(self):
        self.write("script", "# a comment\n/2/{\n  s/2/two/\n  p\n}\n$a\\\nend\\\n  indented\n")
        self.expect(["sed", "-f", "script"], "1\ntwo\ntwo\n3\nend\n  indented\n", "1\n2\n3\n")
        self.write("n.sed", "#n\n2p\n")
        self.expect(["sed", "-f", "n.sed"], "2\n", "1\n2\n3\n")
        self.expect(["sed", "#n\np"], "x\n", "x\n")
        self.expect(["sed", "  #n\np"], "x\nx\n", "x\n")         # #n only as the first chars
        self.expect(["sed", "-e", "s/1/one/", "-f", "n.sed", "-e", "$p"], "one\n2\n2\n3\n3\n",
                    "1\n2\n3\n")   # #n in a later piece is a comment
        self.expect(["sed", "-e", "2{", "-e", "s/2/X/", "-e", "}"], "1\nX\n", "1\n2\n")

    def test_missing_newline(self):
        self.expect(["sed", "p"], "a\na\nb\nb", "a\nb")
        self.expect(["sed", "$a end"], "a\nb\nend\n", "a\nb")
        self.expect(["sed", "s/b/B/"], "B", "b")
        self.write("nonl", "x")
        self.expect(["sed", "p", "nonl", "nonl"], "x\nx\nx\nx")
        # the missing newline goes with the text through the hold space (as GNU sed)
        self.expect(["sed", "x"], "\na\n", "a\nc")
        self.expect(["sed", "G"], "a\n\nc\n\n", "a\nc")
        self.expect(["sed", "x;G"], "\na\na\nc", "a\nc")
        self.expect(["sed", "H;x"], "\na\na\nc", "a\nc")

    def test_errors(self):
        for script, message in [
                ("k", "-e expression #1, char 1: unknown command: `k'"),
                ("p;;  k", "-e expression #1, char 6: unknown command: `k'"),
                ("s/a/b", "-e expression #1, char 5: unterminated `s' command"),
                ("b nowhere", "can't find label for jump to `nowhere'"),
                ("a", "-e expression #1, char 1: expected \\ after `a', `c' or `i'"),
                ("$!{p", "-e expression #1, char 0: unmatched `{'"),
                ("}", "-e expression #1, char 1: unexpected `}'"),
                ("0p", "-e expression #1, char 2: invalid usage of line address 0"),
                ("1,2q", "-e expression #1, char 4: command only uses one address"),
                (":", "-e expression #1, char 1: \":\" lacks a label"),
                ("1:a", "-e expression #1, char 2: : doesn't want any addresses"),
                ("s/a/b/gg", "-e expression #1, char 8: multiple `g' options to `s' command"),
                ("s/a/b/0", "-e expression #1, char 7: number option to `s' command may not "
                            "be zero"),
                ("s/a/\\1/", "-e expression #1, char 7: invalid reference \\1 on `s' "
                             "command's RHS"),
                ("s/a/b/q", "-e expression #1, char 7: unknown option to `s'"),
                ("r", "-e expression #1, char 1: missing filename in r/R/w/W commands"),
                ("pq", "-e expression #1, char 2: extra characters after command"),
                ("!!p", "-e expression #1, char 2: multiple `!'s"),
                ("y/a/", "-e expression #1, char 4: unterminated `y' command"),
                ("y/ab/x/", "-e expression #1, char 7: strings for `y' command are different "
                            "lengths"),
                ("/abc", "-e expression #1, char 4: unterminated address regex"),
                ("1,p", "-e expression #1, char 3: unexpected `,'"),
                ("1#x", "-e expression #1, char 2: comments don't accept any addresses"),
                ("s/\\(/x/", "-e expression #1, char 7: unmatched \\(")]:
            r = self.run_cmd(["sed", script], "a\n")
            self.assertEqual((r.stdout, r.returncode, r.stderr), ("", 1, "sed: %s\n" % message),
                             script)
        r = self.run_cmd(["sed", "-e", "p", "-e", "k"])
        self.assertEqual((r.returncode, r.stderr),
                         (1, "sed: -e expression #2, char 1: unknown command: `k'\n"))
        self.write("bad.sed", "p\n\n  k\n")
        r = self.run_cmd(["sed", "-f", "bad.sed"])
        self.assertEqual((r.returncode, r.stderr),
                         (1, "sed: file bad.sed line 3: unknown command: `k'\n"))
        r = self.run_cmd(["sed", "-f", "/nope"])
        self.assertEqual((r.returncode, r.stderr),
                         (1, "sed: couldn't open file /nope: No such file or directory\n"))
        r = self.run_cmd(["sed", "w /nope/x"], "a\n")
        self.assertEqual((r.returncode, r.stderr),
                         (4, "sed: couldn't open file /nope/x: No such file or directory\n"))


class FileTests(Commands):
    def make_tree(self):
        for d in ["t/a/b", "t/c"]:
            os.makedirs(self.path(d))
        for f in ["t/x.c", "t/a/y.c", "t/a/b/z.h", "t/c/w.txt"]:
            self.write(f, "line\n" * (len(f)))

    def test_find(self):
        self.make_tree()
        r = self.run_cmd(["find", "t"])
        self.assertEqual(sorted(r.stdout.split()), ["t", "t/a", "t/a/b", "t/a/b/z.h",
                                                    "t/a/y.c", "t/c", "t/c/w.txt", "t/x.c"])
        r = self.run_cmd(["find", "t", "-name", "*.c"])
        self.assertEqual(sorted(r.stdout.split()), ["t/a/y.c", "t/x.c"])
        r = self.run_cmd(["find", "t", "-type", "d", "-maxdepth", "1"])
        self.assertEqual(sorted(r.stdout.split()), ["t", "t/a", "t/c"])
        r = self.run_cmd(["find", "t", "-name", "[xz].?", "-exec", "echo", "got", "{}", ";"])
        self.assertEqual(sorted(r.stdout.splitlines()), ["got t/a/b/z.h", "got t/x.c"])
        r = self.run_cmd(["find", "t", "!", "-type", "d", "-mindepth", "2", "-name", "[!z]*"])
        self.assertEqual(sorted(r.stdout.split()), ["t/a/y.c", "t/c/w.txt"])
        r = self.run_cmd(["find", "t", "-name", "*.h", "-exec", "false", ";", "-print"])
        self.assertEqual(r.stdout, "")
        self.missing(["find", "/nope"])

    def find(self, args, status=0):
        """The sorted lines find prints for args (and checks its status)."""
        r = self.run_cmd(["find"] + args)
        self.assertEqual(r.returncode, status, "%s: %r" % (args, r.stderr))
        return sorted(r.stdout.splitlines())

    def test_find_operators(self):
        self.make_tree()
        self.assertEqual(self.find(["t", "-name", "*.c", "-o", "-name", "*.h"]),
                         ["t/a/b/z.h", "t/a/y.c", "t/x.c"])
        # -a binds tighter than -o: (-type f -a -name *.c) -o (-type d -a -name a)
        self.assertEqual(self.find(["t", "-type", "f", "-name", "*.c", "-o", "-type", "d",
                                    "-name", "a"]), ["t/a", "t/a/y.c", "t/x.c"])
        self.assertEqual(self.find(["t", "(", "-name", "*.c", "-o", "-name", "*.h", ")",
                                    "-name", "[xz]*"]), ["t/a/b/z.h", "t/x.c"])
        self.assertEqual(self.find(["t", "!", "(", "-type", "d", "-o", "-name", "*.c", ")"]),
                         ["t/a/b/z.h", "t/c/w.txt"])
        self.assertEqual(self.find(["t", "-type", "d", "-a", "!", "-name", "t"]),
                         ["t/a", "t/a/b", "t/c"])
        # -print is implied only without an action: here only y.c is printed
        self.assertEqual(self.find(["t", "-name", "x.c", "-o", "-name", "y.c", "-print"]),
                         ["t/a/y.c"])
        self.assertEqual(self.find(["t", "-name", "x.c", "-print", "-print"]),
                         ["t/x.c", "t/x.c"])
        self.assertEqual(self.find(["t", "-name", "a", "-prune", "-o", "-print"]),
                         ["t", "t/c", "t/c/w.txt", "t/x.c"])
        self.assertEqual(self.find(["t", "-path", "t/a/*"]), ["t/a/b", "t/a/b/z.h", "t/a/y.c"])
        r = self.run_cmd(["find", "t/a", "-depth"])
        self.assertEqual(r.stdout.splitlines()[-1], "t/a")           # contents first

    def test_find_file_tests(self):
        self.make_tree()
        self.write("t/c/big", b"\0" * 2000)
        os.chmod(self.path("t/x.c"), 0o755)
        os.chmod(self.path("t/a/y.c"), 0o640)
        os.chmod(self.path("t/c/w.txt"), 0o600)
        os.chmod(self.path("t/c/big"), 0o604)
        self.write("t/ref", "")
        os.chmod(self.path("t/ref"), 0o644)
        os.chmod(self.path("t/a/b/z.h"), 0o644)
        old, ref = time.time() - 10 * 86400, time.time() - 5 * 86400
        os.utime(self.path("t/c/w.txt"), (old, old))
        os.utime(self.path("t/ref"), (ref, ref))
        self.assertEqual(self.find(["t", "-newer", "t/ref", "-type", "f"]),
                         ["t/a/b/z.h", "t/a/y.c", "t/c/big", "t/x.c"])
        self.assertEqual(self.find(["t", "-mtime", "+7"]), ["t/c/w.txt"])
        self.assertEqual(self.find(["t", "-mtime", "5", "-o", "-mtime", "-1", "-name", "*.h"]),
                         ["t/a/b/z.h", "t/ref"])
        self.assertEqual(self.find(["t", "-size", "+2", "-type", "f"]), ["t/c/big"])  # 4 blocks
        self.assertEqual(self.find(["t", "-size", "4", "-type", "f"]), ["t/c/big"])
        self.assertEqual(self.find(["t", "-size", "-1"]), ["t/ref"])       # 0 blocks
        self.assertEqual(self.find(["t", "-size", "2000c"]), ["t/c/big"])
        self.assertEqual(self.find(["t", "-size", "+1k", "-size", "-3k"]), ["t/c/big"])
        self.assertEqual(self.find(["t", "-size", "45c"]), ["t/a/b/z.h", "t/c/w.txt"])
        self.assertEqual(self.find(["t", "-perm", "755", "-type", "f"]), ["t/x.c"])
        self.assertEqual(self.find(["t", "-perm", "u=rw,g=r"]), ["t/a/y.c"])
        self.assertEqual(self.find(["t", "-perm", "-u=x", "-type", "f"]), ["t/x.c"])
        self.assertEqual(self.find(["t", "-perm", "-640", "-type", "f"]),
                         ["t/a/b/z.h", "t/a/y.c", "t/ref", "t/x.c"])
        self.assertEqual(self.find(["t", "-perm", "/o=r", "-name", "[wb]*", "-type", "f"]), ["t/c/big"])
        self.assertEqual(self.find(["t", "-links", "+2"]), ["t", "t/a"])
        self.assertEqual(self.find(["t", "-type", "d", "-links", "2"]), ["t/a/b", "t/c"])
        uid, gid = os.getuid(), os.getgid()
        self.assertEqual(len(self.find(["t", "-user", str(uid)])), 10)
        self.assertEqual(self.find(["t", "-user", str(uid + 1)]), [])
        self.assertEqual(len(self.find(["t", "-group", str(gid), "-name", "x.c"])), 1)
        self.assertEqual(self.find(["t", "-maxdepth", "1", "-mindepth", "1", "-type", "d"]),
                         ["t/a", "t/c"])

    def test_find_exec(self):
        self.make_tree()
        r = self.run_cmd(["find", "t", "-name", "*.c", "-exec", "echo", "X", "{}", "+"])
        self.assertEqual(r.stdout.split()[0], "X")
        self.assertEqual(sorted(r.stdout.split()), ["X", "t/a/y.c", "t/x.c"])
        self.assertEqual(len(r.stdout.splitlines()), 1)                 # one run for both
        self.assertEqual(self.find(["t", "-type", "f", "-exec", "echo", "[{}]", ";"]),
                         ["[t/a/b/z.h]", "[t/a/y.c]", "[t/c/w.txt]", "[t/x.c]"])
        self.assertEqual(self.find(["t", "-type", "f", "-exec", "false", ";", "-o", "-print"]),
                         ["t", "t/a", "t/a/b", "t/a/b/z.h", "t/a/y.c", "t/c", "t/c/w.txt",
                          "t/x.c"])
        self.assertEqual(self.find(["t", "-name", "*.c", "-exec", "false", "{}", "+"], 1), [])
        for i in range(400):                             # 40 KB of paths: several runs
            self.write("t/c/long-%s-%04d" % ("x" * 80, i), "")
        r = self.run_cmd(["find", "t/c", "-name", "long*", "-exec", "echo", "{}", "+"])
        self.assertGreater(len(r.stdout.splitlines()), 1)
        self.assertEqual(len(r.stdout.split()), 400)
        r = self.run_cmd(["find", "t", "-name", "*.c", "-ok", "echo", "ok", "{}", ";"],
                         stdin="y\nn\n")
        self.assertEqual(len(r.stdout.splitlines()), 1)
        self.assertEqual(r.stderr.count(" > ? "), 2)

    def test_find_errors(self):
        self.make_tree()
        for args, message in [
                (["-bogus"], "find: unknown primary: -bogus"),
                (["-name"], "find: missing argument to -name"),
                (["-type", "q"], "find: -type: bad argument: q"),
                (["-size", "x"], "find: bad number in -size"),
                (["-perm", "q"], "find: bad mode in -perm q"),
                (["-exec", "echo"], "find: missing argument to -exec"),
                (["(", "-name", "x"], "find: unbalanced parentheses: missing )"),
                (["-name", "x", ")"], "find: unbalanced parentheses: unexpected )"),
                (["(", ")"], "find: empty parentheses"),
                (["-name", "x", "-o"], "find: expected an expression after -o"),
                (["-newer", "/nope"], "find: /nope: No such file or directory"),
                (["-user", "no-such-user"], "find: -user: unknown user: no-such-user")]:
            r = self.run_cmd(["find", "t"] + args)
            self.assertEqual((r.stdout, r.returncode), ("", 1), args)
            self.assertTrue(r.stderr.startswith(message), "%s: %r" % (args, r.stderr))

    def test_find_unreadable_directory(self):
        """A directory find cannot read is reported; find goes on and exits 1.  As root the
        check runs as user nobody (setpriv), since root reads every directory."""
        self.make_tree()
        os.chmod(self.path("t/a"), 0)
        argv = [os.path.join(self.bin, "find"), "t"]
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                self.skipTest("running as root without setpriv")
            for d in (self.tmp, self.dir):
                os.chmod(d, 0o755)
            argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + argv
        r = subprocess.run(argv, cwd=self.dir, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        os.chmod(self.path("t/a"), 0o755)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "find: t/a: Permission denied\n")
        self.assertEqual(sorted(r.stdout.split()), ["t", "t/a", "t/c", "t/c/w.txt", "t/x.c"])

    def test_xargs(self):
        seq = "".join("%d\n" % i for i in range(1, 8))
        self.expect(["xargs", "-n", "3", "echo"], "1 2 3\n4 5 6\n7\n", seq)
        self.expect(["xargs"], "1 2 3 4 5 6 7\n", seq)
        self.expect(["xargs", "-n1"], "a\nb c\nd e\n", "a 'b c' d\\ e\n")
        self.expect(["xargs", "-I{}", "echo", "[{}]", "{}"], "[x] x\n[y y] y y\n",
                    "x\n  y y\n")
        self.expect(["xargs", "false"], "", "a\n", status=123)
        r = self.run_cmd(["xargs", "nope"], "a\n")
        self.assertEqual(r.returncode, 127)
        self.assertIn("xargs: nope: No such file or directory", r.stderr)
        self.usage(["xargs", "-n", "0"], 1)

    def test_tee(self):
        self.expect(["tee", "f1", "f2"], "hi\n", "hi\n")
        self.expect(["tee", "-a", "f1"], "ho\n", "ho\n")
        with open(self.path("f1")) as f:
            self.assertEqual(f.read(), "hi\nho\n")
        r = self.expect(["tee", "f2", "/nope/x"], "again\n", "again\n", status=1)
        self.assertIn("tee: /nope/x: No such file or directory", r.stderr)
        with open(self.path("f2")) as f:
            self.assertEqual(f.read(), "again\n")
        self.usage(["tee", "-x"], 2)

    def test_dd(self):
        data = bytes(range(256)) * 10
        self.write("in", data)
        r = self.run_cmd(["dd", "if=in", "bs=100", "skip=3", "count=4"], binary=True)
        self.assertEqual(r.stdout, data[300:700])
        self.assertEqual(r.stderr, "4+0 records in\n4+0 records out\n")
        r = self.run_cmd(["dd", "if=in", "of=out", "bs=1k"])
        self.assertEqual(r.stderr, "2+1 records in\n2+1 records out\n")
        with open(self.path("out"), "rb") as f:
            self.assertEqual(f.read(), data)
        self.run_cmd(["dd", "of=out", "bs=4", "seek=1", "count=1"], stdin=b"ABCDEFGH")
        with open(self.path("out"), "rb") as f:
            self.assertEqual(f.read(), data[:4] + b"ABCD")
        r = self.run_cmd(["dd", "bs=1b", "count=2"], stdin=b"x" * 2000, binary=True)
        self.assertEqual((len(r.stdout), r.stderr), (1024, "2+0 records in\n2+0 records out\n"))
        self.usage(["dd", "foo"], 1)
        self.usage(["dd", "bs=0"], 1)
        self.missing(["dd", "if=/nope"])

    def test_od(self):
        text = b"hello, world!!!!xyz\x01\n\x00\xff\t"
        self.write("f", text)
        self.expect(["od", "f"], "0000000 062550 066154 026157 073440 071157 062154 020441 "
                    "020441\n0000020 074570 000572 000012 004777\n0000030\n")
        lines = self.run_cmd(["od", "-c", "f"]).stdout.splitlines()
        self.assertEqual(lines, [
            "0000000   h   e   l   l   o   ,       w   o   r   l   d   !   !   !   !",
            "0000020   x   y   z 001  \\n  \\0 377  \\t",
            "0000030"])
        self.expect(["od", "-x"], "0000000 4241 0a43\n0000004\n", "ABC\n")
        self.expect(["od", "-b", "-A", "d"], "0000000 101 102 103 012\n0000004\n", "ABC\n")
        self.expect(["od"], "0000000 041101 005103\n0000004\n", "ABC\n")
        self.expect(["od", "-A", "n", "-c"], "   A   B\n", "AB")
        self.expect(["od", "-A", "x", "-c", "-b"],
                    "000000   A   B\n        101 102\n000002\n", "AB")
        zeros = "0000000  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0\n"
        self.expect(["od", "-c"], zeros + "*\n0010000\n", "\0" * 4096)
        self.assertEqual(len(self.run_cmd(["od", "-v", "-c"], "\0" * 64).stdout.splitlines()), 5)
        self.usage(["od", "-A", "q"], 2)
        self.missing(["od", "/nope"])

    def test_cksum_and_sha256sum(self):
        rng = random.Random(5)
        blobs = {"empty": b"", "hello": b"hello\n", "big": bytes(rng.randrange(256)
                                                                for _ in range(200000))}
        for name, data in blobs.items():
            self.write(name, data)
            self.expect(["cksum", name], "%d %d %s\n" % (posix_cksum(data), len(data), name))
            self.expect(["sha256sum", name], "%s  %s\n" % (hashlib.sha256(data).hexdigest(),
                                                           name))
        self.expect(["cksum"], "3015617425 6\n", "hello\n")
        for n in (55, 56, 63, 64, 65, 119, 120):         # padding edges of SHA-256
            self.expect(["sha256sum"], "%s  -\n" % hashlib.sha256(b"a" * n).hexdigest(),
                        "a" * n)
        self.missing(["cksum", "/nope"])
        self.missing(["sha256sum", "/nope"])
        self.usage(["cksum", "-x"], 1)
        self.usage(["sha256sum", "-x"], 2)

    def test_sha256sum_check(self):
        self.write("a", "one\n")
        self.write("b", "two\n")
        sums = self.run_cmd(["sha256sum", "a", "b"]).stdout
        self.write("sums", sums)
        self.expect(["sha256sum", "-c", "sums"], "a: OK\nb: OK\n")
        self.write("b", "changed\n")
        r = self.expect(["sha256sum", "-c", "sums"], "a: OK\nb: FAILED\n", status=1)
        self.assertIn("1 computed checksum(s) did NOT match", r.stderr)

    def test_du(self):
        self.make_tree()
        r = self.run_cmd(["du", "t"])
        lines = [l.split("\t") for l in r.stdout.splitlines()]
        sizes = {p: int(n) for n, p in lines}
        self.assertEqual(set(sizes), {"t", "t/a", "t/a/b", "t/c"})
        st = {p: os.lstat(self.path(p)).st_blocks for p in
              ["t", "t/a", "t/a/b", "t/c", "t/x.c", "t/a/y.c", "t/a/b/z.h", "t/c/w.txt"]}
        self.assertEqual(sizes["t/a/b"], st["t/a/b"] + st["t/a/b/z.h"])
        self.assertEqual(sizes["t"], sum(st.values()))
        self.assertEqual(lines[-1][1], "t")
        self.expect(["du", "-s", "t"], "%d\tt\n" % sum(st.values()))
        self.expect(["du", "-sk", "t"], "%d\tt\n" % ((sum(st.values()) + 1) // 2))
        r = self.run_cmd(["du", "-a", "t"])
        self.assertIn("%d\tt/x.c" % st["t/x.c"], r.stdout.splitlines())
        self.usage(["du", "-x"], 2)
        self.missing(["du", "/nope"])


class SmallTests(Commands):
    def test_basename_dirname(self):
        cases = [("/a/b/", "b", "/a"), ("a", "a", "."), ("/", "/", "/"), ("/a", "a", "/"),
                 ("a/b//c.c", "c.c", "a/b"), ("//a//", "a", "/")]
        for path, base, dir_ in cases:
            self.expect(["basename", path], base + "\n")
            self.expect(["dirname", path], dir_ + "\n")
        self.expect(["basename", "a/b.c", ".c"], "b\n")
        self.expect(["basename", ".c", ".c"], ".c\n")
        self.usage(["basename"], 1)
        self.usage(["dirname", "a", "b"], 1)

    def test_which(self):
        r = self.run_cmd(["which", "sort", "nope", "cat"])
        self.assertEqual((r.stdout, r.returncode),
                         ("%s/sort\n%s/cat\n" % (self.bin, self.bin), 1))
        self.expect(["which", os.path.join(self.bin, "sed")], os.path.join(self.bin, "sed") + "\n")
        self.usage(["which"], 2)

    def test_yes(self):
        p = subprocess.Popen([os.path.join(self.bin, "yes"), "a", "b"], stdout=subprocess.PIPE)
        first = [p.stdout.readline() for _ in range(3)]
        p.stdout.close()
        p.wait(timeout=10)
        self.assertEqual(first, [b"a b\n"] * 3)

    def test_seq(self):
        self.expect(["seq", "3"], "1\n2\n3\n")
        self.expect(["seq", "-w", "8", "10"], "08\n09\n10\n")
        self.expect(["seq", "-s,", "1", "2", "10"], "1,3,5,7,9\n")
        self.expect(["seq", "-s", ":", "3", "-1", "1"], "3:2:1\n")
        self.expect(["seq", "-w", "-5", "3", "5"], "-5\n-2\n01\n04\n")
        self.expect(["seq", "5", "1"], "")
        r = self.run_cmd(["seq", "x"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("seq: invalid number: x", r.stderr)
        self.usage(["seq"], 1)
        self.usage(["seq", "1", "0", "3"], 1)

    def test_expr(self):
        cases = [(["1", "+", "2", "*", "3"], "7\n", 0), (["(", "1", "+", "2", ")", "*", "3"],
                                                          "9\n", 0),
                 (["10", "/", "3", "%", "2"], "1\n", 0), (["abc", "<", "abd"], "1\n", 0),
                 (["10", "<", "9"], "0\n", 1), (["hello", ":", "hel*"], "4\n", 0),
                 (["hello.c", ":", "\\(.*\\)\\.c"], "hello\n", 0),
                 (["x", ":", "\\(y\\)"], "\n", 1),
                 (["length", "hello"], "5\n", 0), (["substr", "hello", "2", "3"], "ell\n", 0),
                 (["index", "hello", "l"], "3\n", 0), (["0", "|", "foo"], "foo\n", 0),
                 (["1", "&", "0"], "0\n", 1), (["-5", "+", "3"], "-2\n", 0),
                 (["5", "=", "5"], "1\n", 0), (["a", "!=", "a"], "0\n", 1),
                 (["", "|", "0"], "0\n", 1)]
        for argv, out, status in cases:
            self.expect(["expr"] + argv, out, status=status)
        for argv, status in [(["1", "/", "0"], 3), (["1", "+"], 2), (["a", "+", "1"], 2),
                             (["(", "1"], 2), (["1", "2"], 2), ([], 2)]:
            r = self.run_cmd(["expr"] + argv)
            self.assertEqual(r.returncode, status, argv)
            self.assertTrue(r.stderr.startswith("expr: "), argv)

    def test_date(self):
        fmt = "+%Y-%m-%d %H:%M:%S %s %a %A %b %B %j %e %y %Z %T %D %F %% %n%t%q"
        for t, want in [(0, "1970-01-01 00:00:00 0 Thu Thursday Jan January 001  1 70 UTC "
                            "00:00:00 01/01/70 1970-01-01 % \n\t%q\n"),
                        (951782400, "2000-02-29 00:00:00 951782400 Tue Tuesday Feb February "
                                    "060 29 00 UTC 00:00:00 02/29/00 2000-02-29 % \n\t%q\n"),
                        (4102444799, "2099-12-31 23:59:59 4102444799 Thu Thursday Dec "
                                     "December 365 31 99 UTC 23:59:59 12/31/99 2099-12-31 % "
                                     "\n\t%q\n"),
                        (-86400, "1969-12-31 00:00:00 -86400 Wed Wednesday Dec December 365 "
                                 "31 69 UTC 00:00:00 12/31/69 1969-12-31 % \n\t%q\n")]:
            self.expect(["date", "-u", "-d", "@%d" % t, fmt], want)
        self.expect(["date", "-d", "@1234567890"], "Fri Feb 13 23:31:30 UTC 2009\n")
        r = self.run_cmd(["date", "+%s"])
        self.assertLessEqual(abs(int(r.stdout) - int(time.time())), 2)
        self.usage(["date", "-x"], 1)
        self.usage(["date", "-d", "tomorrow"], 1)

    def test_more_without_tty(self):
        self.write("f", "one\ntwo\n")
        self.expect(["more", "f"], "one\ntwo\n")
        self.expect(["more"], "x\n", "x\n")
        self.missing(["more", "/nope"])


class DiffTests(Commands):
    def apply(self, old, script):
        """Apply a normal-format diff to the lines old: the new lines."""
        out, i = [], 0
        lines = script.splitlines()
        k = 0
        while k < len(lines):
            m = re.match(r"^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$", lines[k])
            self.assertIsNotNone(m, "bad hunk line %r in\n%s" % (lines[k], script))
            a1, a2, op = int(m.group(1)), int(m.group(2) or m.group(1)), m.group(3)
            b1, b2 = int(m.group(4)), int(m.group(5) or m.group(4))
            start = a1 if op == "a" else a1 - 1
            out += old[i:start]
            i = start
            k += 1
            if op != "a":
                for j in range(a1, a2 + 1):
                    self.assertEqual(lines[k], "< " + old[j - 1])
                    k += 1
                i = a2
            if op == "c":
                self.assertEqual(lines[k], "---")
                k += 1
            if op != "d":
                for _ in range(b1, b2 + 1):
                    out.append(lines[k][2:])
                    k += 1
        return out + old[i:]

    def test_normal_format(self):
        self.write("a", "a\nb\nc\nd\ne\nf\n")
        self.write("b", "a\nx\nc\nd\nf\ng\nh\n")
        self.expect(["diff", "a", "b"], "2c2\n< b\n---\n> x\n5d4\n< e\n6a6,7\n> g\n> h\n",
                    status=1)
        self.expect(["diff", "a", "a"], "")
        self.write("e", "")
        self.expect(["diff", "e", "a"], "0a1,6\n> a\n> b\n> c\n> d\n> e\n> f\n", status=1)
        self.expect(["diff", "a", "-"], "1,6d0\n< a\n< b\n< c\n< d\n< e\n< f\n", stdin="",
                    status=1)
        self.usage(["diff", "a"], 2)
        self.missing(["diff", "a", "/nope"], 2)

    def test_random_files(self):
        rng = random.Random(7)
        for _ in range(30):
            old = [rng.choice("abcde") for _ in range(rng.randrange(40))]
            new = [rng.choice("abcde") for _ in range(rng.randrange(40))]
            self.write("old", "".join(l + "\n" for l in old))
            self.write("new", "".join(l + "\n" for l in new))
            r = self.run_cmd(["diff", "old", "new"])
            self.assertEqual(r.returncode, int(old != new))
            self.assertEqual(self.apply(old, r.stdout), new)
            # minimal: the lines kept are a longest common subsequence
            deleted = len(re.findall(r"^< ", r.stdout, re.M))
            self.assertEqual(len(old) - deleted, self.lcs(old, new))

    @staticmethod
    def lcs(a, b):
        row = [0] * (len(b) + 1)
        for x in a:
            prev = 0
            for j, y in enumerate(b):
                cur = row[j + 1]
                row[j + 1] = prev + 1 if x == y else max(row[j + 1], row[j])
                prev = cur
        return row[-1]


if __name__ == "__main__":
    unittest.main()
