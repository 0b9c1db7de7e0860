"""Host unit tests of the userland: the shell (commands/sh) and the everyday commands
(commands/bin), built with the host compiler and run on temporary directories.

The shell and the commands are plain POSIX C, so the same sources that become Minnow's
/bin build on the host too; only ps, sysinfo, sysenv, free, mount, df, poweroff, service and
lspci use Minnow's own requests and are left out here.  Each test runs programs with PATH set to the directory of the
host-built binaries only, and checks their output, their messages and their exit status.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MINNOW_ONLY = {"ps", "sysinfo", "sysenv", "free", "mount", "df", "poweroff", "service", "lspci"}
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror"]
# The network commands link the HTTP logic and socket set-up they share (commands/Makefile.inc's
# NET_LIB_SRCS).
NET_LIB = [os.path.join(ROOT, "commands/lib", f) for f in ("http.c", "netconn.c")]
EXTRA_SOURCES = {"nc": NET_LIB, "wget": NET_LIB, "httpd": NET_LIB}


def build(out, sources):
    r = subprocess.run(["gcc"] + CFLAGS + ["-o", out] + sources, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("host build of %s failed:\n%s" % (out, r.stdout))


def build_userland(bindir, names=None):
    """Build the shell and the commands (those in names, or every portable one) into
    bindir, with "[" a copy of test."""
    build(os.path.join(bindir, "sh"), sorted(glob.glob(os.path.join(ROOT, "commands/sh/*.c"))))
    for src in sorted(glob.glob(os.path.join(ROOT, "commands/bin/*.c"))):
        name = os.path.basename(src)[:-2]
        if (name in names) if names is not None else name not in MINNOW_ONLY:
            build(os.path.join(bindir, name), [src] + EXTRA_SOURCES.get(name, []))
    if names is None or "sed" in names:                 # sed is a directory of files
        build(os.path.join(bindir, "sed"), sorted(glob.glob(os.path.join(ROOT,
                                                                         "commands/sed/*.c"))))
    shutil.copy(os.path.join(bindir, "test"), os.path.join(bindir, "["))


class HostBuilt(unittest.TestCase):
    """A base for the tests of host-built programs: cls.tmp, a temporary directory removed
    at the end, and cls.bin in it, holding the shell and the commands named in COMMANDS
    (None: every portable one)."""
    COMMANDS = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="minnow-%s-" % cls.__name__.lower())
        cls.bin = os.path.join(cls.tmp, "bin")
        os.mkdir(cls.bin)
        build_userland(cls.bin, cls.COMMANDS)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)


class Userland(HostBuilt):
    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp)

    def run_prog(self, argv, stdin=None, env=None):
        e = {"PATH": self.bin, "HOME": self.dir}
        e.update(env or {})
        return subprocess.run(argv, input=stdin, cwd=self.dir, env=e, timeout=20,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def sh(self, script, **kw):
        return self.run_prog([os.path.join(self.bin, "sh"), "-c", script], **kw)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, mode=None):
        with open(self.path(name), "w") as f:
            f.write(text)
        if mode is not None:
            os.chmod(self.path(name), mode)

    def expect(self, r, out=None, status=0, err=None):
        self.assertEqual(r.returncode, status, "status (stderr: %r)" % r.stderr)
        if out is not None:
            self.assertEqual(r.stdout, out)
        if err is not None:
            self.assertIn(err, r.stderr)


class ShellTests(Userland):
    def test_quoting_and_variables(self):
        r = self.sh("X=1; echo 'a  $X' \"c $X\" d\\ e ${X}y \"\" end")
        self.expect(r, "a  $X c 1 d e 1y  end\n")

    def test_unquoted_expansion_splits_fields(self):
        self.expect(self.sh("L='a   b c'; echo $L; echo \"$L\""), "a b c\na   b c\n")

    def test_pathname_expansion(self):
        for n in ("a.c", "b.c", ".h.c", "x.h"):
            self.write(n, "")
        self.expect(self.sh("echo *.c; echo ?.h; echo '*.c'; echo *.zz; echo .*.c"),
                    "a.c b.c\nx.h\n*.c\n*.zz\n.h.c\n")

    def test_status_and_lists(self):
        r = self.sh("false; echo $?; true; echo $?; false && echo no || echo yes; "
                    "true || echo no; true && echo and")
        self.expect(r, "1\n0\nyes\nand\n")

    def test_exit_status(self):
        self.expect(self.sh("exit 3"), "", 3)
        self.expect(self.sh("false"), "", 1)

    def test_not_found(self):
        r = self.sh("nope; echo $?")
        self.expect(r, "127\n", err="sh: nope: not found")

    def test_exec_format_error(self):
        self.write("bad", "this is not a program\n", 0o755)
        r = self.sh("./bad; echo $?")
        self.expect(r, "126\n", err="sh: ./bad: Exec format error")

    def test_pipeline(self):
        self.write("f", "apple\nbanana\ncherry\navocado\n")
        self.expect(self.sh("cat f | grep a | grep -v ban | wc -l"), "      2\n")

    def test_redirections(self):
        r = self.sh("echo hi > out; echo ho >> out; cat < out; ls /nope 2> err; "
                    "cat err; ls /nope 2>&1 | wc -l")
        self.expect(r, "hi\nho\nls: /nope: No such file or directory\n      1\n")

    def test_redirection_failure(self):
        r = self.sh("cat < /nope; echo $?")
        self.expect(r, "1\n", err="sh: /nope: No such file or directory")

    def test_builtin_redirection_is_undone(self):
        r = self.sh("pwd > p; echo after; cat p")
        self.expect(r, "after\n%s\n" % os.path.realpath(self.dir))

    def test_cd_and_pwd(self):
        os.mkdir(self.path("sub"))
        r = self.sh("cd sub; pwd; cd /nope; echo $?")
        self.expect(r, os.path.realpath(self.path("sub")) + "\n1\n",
                    err="cd: /nope: No such file or directory")

    def test_export_and_prefix_assignment(self):
        r = self.sh("export Y=7; env | grep '^Y='; Z=9 env | grep '^Z='; echo \"[$Z]\"; "
                    "unset Y; env | grep -c '^Y='")
        self.expect(r, "Y=7\nZ=9\n[]\n0\n", 1)            # grep found no Y: status 1

    def test_background_and_wait(self):
        r = self.sh("sleep 1 & echo started; wait; echo done $!")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stderr, r"^\[1\] \d+\n$")            # the job's number and pid
        pid = r.stderr.split()[1]
        self.assertEqual(r.stdout, "started\ndone %s\n" % pid)

    def test_killed_by_signal(self):
        r = self.sh("sh -c 'kill -SEGV $$'; echo $?")
        self.expect(r, "139\n", err="Segmentation fault (SIGSEGV, signal 11)")
        r = self.sh("sh -c 'kill -INT $$'; echo $?")
        self.expect(r, "130\n", err="Interrupt (SIGINT, signal 2)")

    def test_script_file_with_arguments(self):
        self.write("s", "# a comment\necho $0 $# $1 $2\ncat f |\n  wc -l\nexit 4\necho not\n")
        self.write("f", "x\ny\n")
        r = self.run_prog([os.path.join(self.bin, "sh"), "s", "one", "two"])
        self.expect(r, "s 2 one two\n      2\n", 4)

    def test_stdin_is_shared_with_commands(self):
        # the shell reads no further than its own line: cat gets the rest
        r = self.run_prog([os.path.join(self.bin, "sh")], stdin="cat\nfrom stdin\necho end\n")
        self.expect(r, "from stdin\necho end\n")

    def test_syntax_errors(self):
        self.expect(self.sh("| echo x"), "", 2, err="sh: syntax error near '|'")
        self.expect(self.sh("echo 'open"), "", 2, err="unexpected end of input")

    def test_interactive_prompt(self):
        r = self.run_prog([os.path.join(self.bin, "sh"), "-i"], stdin="echo hi\nexit 5\n")
        self.expect(r, "hi\n", 5)
        prompt = "# " if os.geteuid() == 0 else "$ "
        self.assertEqual(r.stderr, prompt * 2)

    def test_exec_builtin(self):
        self.expect(self.sh("exec echo replaced; echo never"), "replaced\n")


class CommandTests(Userland):
    def test_ls(self):
        os.mkdir(self.path("d"))
        for n in ("b", "a", ".hidden"):
            self.write("d/" + n, "12345")
        self.expect(self.run_prog(["ls", "d"]), "a\nb\n")
        self.expect(self.run_prog(["ls", "-a", "d"]), ".\n..\n.hidden\na\nb\n")
        r = self.run_prog(["ls", "-l", "d"])
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertRegex(lines[0], r"^-rw.* 5 \d{4}-\d\d-\d\d \d\d:\d\d a$")
        r = self.run_prog(["ls", "d/a", "/nope"])
        self.expect(r, "d/a\n", 1, err="ls: /nope: No such file or directory")

    def test_cat(self):
        self.write("a", "one\n")
        self.write("b", "two\n")
        self.expect(self.run_prog(["cat", "a", "/nope", "b"]), "one\ntwo\n", 1,
                    err="cat: /nope: No such file or directory")
        self.expect(self.run_prog(["cat"], stdin="piped\n"), "piped\n")

    def test_echo(self):
        self.expect(self.run_prog(["echo", "a", "b"]), "a b\n")
        self.expect(self.run_prog(["echo", "-n", "x"]), "x")

    def test_wc(self):
        self.write("f", "one two\nthree\n")
        self.expect(self.run_prog(["wc", "f"]), "      2       3      14 f\n")
        self.expect(self.run_prog(["wc", "-l", "f"]), "      2 f\n")
        self.expect(self.run_prog(["wc", "-w"], stdin="a b c"), "      3\n")
        self.expect(self.run_prog(["wc", "-c", "/nope"]), "", 1, err="wc: /nope:")

    def test_head_tail(self):
        self.write("f", "".join("%d\n" % i for i in range(1, 13)))
        self.expect(self.run_prog(["head", "-n", "2", "f"]), "1\n2\n")
        self.expect(self.run_prog(["head", "f"]), "".join("%d\n" % i for i in range(1, 11)))
        self.expect(self.run_prog(["tail", "-n", "2", "f"]), "11\n12\n")
        self.expect(self.run_prog(["tail", "-3"], stdin="a\nb\nc\nd"), "b\nc\nd")
        self.expect(self.run_prog(["tail", "f"]), "".join("%d\n" % i for i in range(3, 13)))

    def test_grep(self):
        self.write("f", "hello\nworld\nhelp me\nabc\n")
        self.expect(self.run_prog(["grep", "-n", "hel*p", "f"]), "3:help me\n")
        self.expect(self.run_prog(["grep", "-c", "^.b", "f"]), "1\n")
        self.expect(self.run_prog(["grep", "-v", "l", "f"]), "abc\n")
        self.expect(self.run_prog(["grep", "d$", "f"]), "world\n")
        self.expect(self.run_prog(["grep", "-F", ".*", "f"]), "", 1)
        self.expect(self.run_prog(["grep", "x", "/nope"]), "", 2,
                    err="grep: /nope: No such file or directory")

    def test_cp_mv_rm(self):
        self.write("a", "data\n", 0o640)
        os.mkdir(self.path("d"))
        self.expect(self.run_prog(["cp", "a", "b"]), "")
        self.expect(self.run_prog(["cp", "a", "d"]), "")
        with open(self.path("d/a")) as f:
            self.assertEqual(f.read(), "data\n")
        self.assertEqual(os.stat(self.path("b")).st_mode & 0o777, 0o640)
        self.expect(self.run_prog(["cp", "d", "x"]), "", 1, err="cp: d: Is a directory")
        self.expect(self.run_prog(["mv", "b", "c"]), "")
        self.assertFalse(os.path.exists(self.path("b")))
        self.expect(self.run_prog(["rm", "d"]), "", 1, err="rm: d: Is a directory")
        self.expect(self.run_prog(["rm", "-r", "d", "c"]), "")
        self.assertFalse(os.path.exists(self.path("d")) or os.path.exists(self.path("c")))
        self.expect(self.run_prog(["rm", "-f", "nope"]), "")
        self.expect(self.run_prog(["rm", "nope"]), "", 1,
                    err="rm: nope: No such file or directory")

    def test_mkdir_rmdir_ln_touch(self):
        self.expect(self.run_prog(["mkdir", "-p", "x/y/z"]), "")
        self.assertTrue(os.path.isdir(self.path("x/y/z")))
        self.expect(self.run_prog(["mkdir", "x"]), "", 1, err="mkdir: x: File exists")
        self.expect(self.run_prog(["rmdir", "x"]), "", 1, err="rmdir: x:")
        self.expect(self.run_prog(["rmdir", "x/y/z"]), "")
        self.expect(self.run_prog(["touch", "t"]), "")
        self.expect(self.run_prog(["ln", "t", "t2"]), "")
        self.assertEqual(os.stat(self.path("t")).st_nlink, 2)

    def test_cmp(self):
        self.write("a", "abc\nde\n")
        self.write("b", "abc\ndx\n")
        self.expect(self.run_prog(["cmp", "a", "a"]), "")
        self.expect(self.run_prog(["cmp", "a", "b"]), "a b differ: char 6, line 2\n", 1)
        self.expect(self.run_prog(["cmp", "-s", "a", "b"]), "", 1)

    def test_test_and_bracket(self):
        self.write("f", "x")
        cases = [(["-f", "f"], 0), (["-d", "f"], 1), (["-e", "nope"], 1), (["-s", "f"], 0),
                 (["a", "=", "a"], 0), (["a", "!=", "a"], 1), (["-z", ""], 0),
                 (["-n", ""], 1), (["3", "-lt", "5"], 0), (["5", "-le", "4"], 1),
                 (["!", "-e", "nope"], 0), (["-f", "f", "-a", "1", "-eq", "2"], 1),
                 (["x", "-eq", "1"], 2)]
        for args, status in cases:
            self.assertEqual(self.run_prog(["test"] + args).returncode, status, args)
            self.assertEqual(self.run_prog(["["] + args + ["]"]).returncode, status, args)
        self.expect(self.run_prog(["[", "a"]), "", 2, err="missing ']'")

    def test_misc(self):
        self.expect(self.run_prog(["true"]), "", 0)
        self.expect(self.run_prog(["false"]), "", 1)
        self.expect(self.run_prog(["uname", "-a"]),
                    "Minnow minnow 1.0 MINIX-3-style microkernel i386\n")
        self.expect(self.run_prog(["env", "-i", "A=1"]), "A=1\n")
        self.expect(self.run_prog(["sleep", "x"]), "", 2, err="usage: sleep")
        self.expect(self.run_prog(["kill", "-NOPE", "1"]), "", 2, err="unknown signal")
        self.assertIn("9 KILL", self.run_prog(["kill", "-l"]).stdout)


if __name__ == "__main__":
    unittest.main()
