"""Host unit tests of the shell's builtins for portable scripts (commands/sh): local,
getopts, printf (the builtin and /bin/printf, one implementation: commands/lib/printf.h),
echo (the builtin and /bin/echo: commands/lib/echo.h), ulimit, command, type, readonly and
unset -f -- their output, their messages and their exit status, the error cases included
(handouts/shell.md, "Builtins for scripts").  The expected outputs are what dash prints,
except where a comment says otherwise (messages, and a few statuses POSIX leaves open).

The shell and the commands are built for the host with gcc, as
tools/tests/test_userland.py does; PATH holds only them."""

import os
import resource
import subprocess
import unittest

from tools.tests.test_userland import HostBuilt

COMMANDS = ["cat", "echo", "printf", "test", "true"]


class ShellBuiltins(HostBuilt):
    COMMANDS = COMMANDS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        os.chmod(cls.tmp, 0o755)        # readable by the unprivileged user of the ulimit case

    def run_sh(self, script, user=None, argv0=None):
        env = {"PATH": self.bin, "HOME": self.tmp}
        prog = [os.path.join(self.bin, "sh"), "-c", script]
        if argv0 is not None:
            prog = [os.path.join(self.bin, argv0)]
        kw = {}
        if user is not None:
            kw = {"user": user, "group": user, "extra_groups": []}
        return subprocess.run(prog, cwd=self.tmp, env=env, timeout=20,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, **kw)

    def expect(self, script, out, status=0, err=""):
        r = self.run_sh(script)
        self.assertEqual((r.stdout, r.returncode, r.stderr), (out, status, err), script)

    # ---- local ----
    def test_local_restored_at_return_end_and_failure(self):
        self.expect("x=g; f() { local x=l; echo $x; return 3; }; f; echo $? $x", "l\n3 g\n")
        self.expect("x=g; f() { local x; x=l; }; f; echo $x", "g\n")
        self.expect("unset x; f() { local x=1; }; f; echo ${x-unset}", "unset\n")
        self.expect("x=g; f() { local x=l; false; }; f; echo $? $x", "1 g\n")
        # set -e ends the function (and the shell) in the middle: a subshell shows the
        # variable was restored on the way out of the function.
        self.expect("x=g; f() { local x=l; false; echo no; }; (set -e; f); echo $? $x",
                    "1 g\n")

    def test_local_dynamic_scope_and_recursion(self):
        self.expect("x=g; a() { local x=a; b; }; b() { echo $x; }; a; b", "a\ng\n")
        self.expect("f() { local n=$1; [ $n -le 1 ] && { r=1; return; }; f $((n - 1)); "
                    "r=$((n * r)); }; f 10; echo $r", "3628800\n")
        self.expect("x=g; f() { local x; echo ${x-unset}; }; f", "g\n")  # dash keeps it
        self.expect("f() { local x=1 y=2; echo $x$y; }; f; echo ${x-u}${y-u}", "12\nuu\n")

    def test_local_exported_and_errors(self):
        self.expect("export E=o; f() { local E=i; sh -c 'echo $E'; }; f; sh -c 'echo $E'",
                    "i\no\n")
        self.expect("local x=1; echo $?", "2\n", err="sh: local: not in a function\n")
        self.expect("f() { local 1x=2; }; f; echo $?", "2\n",
                    err="sh: local: 1x: bad variable name\n")
        self.expect("readonly R=1; f() { local R=2; }; f; echo $? $R", "1 1\n",
                    err="sh: R: is read only\n")

    # ---- getopts ----
    def test_getopts_patterns(self):
        loop = ('while getopts ab:c o "$@"; do printf "%s<%s>" $o "${OPTARG-}"; done; '
                'echo " $OPTIND"')
        for args, out in [("-a -c x", "a<>c<> 3"), ("-ac", "a<>c<> 2"),
                          ("-bARG -a", "b<ARG>a<> 3"), ("-b ARG x", "b<ARG> 3"),
                          ("-cbARG", "c<>b<ARG> 2"), ("-a -- -c", "a<> 3"),
                          ("x -a", " 1"), ("- -a", " 1"), ("", " 1")]:
            self.expect("set -- %s; %s" % (args, loop), out + "\n")

    def test_getopts_optarg_optind_and_status(self):
        self.expect('getopts a o -a; echo $? $o $OPTIND ${OPTARG-unset}', "0 a 2 unset\n")
        self.expect('getopts a o x; echo $? $o $OPTIND', "1 ? 1\n")
        self.expect('getopts ab o -ab; echo $o $OPTIND; getopts ab o -ab; echo $o $OPTIND;'
                    'getopts ab o -ab; echo $? $o $OPTIND', "a 2\nb 2\n1 ? 2\n")
        self.expect('set -- -a; getopts a o; getopts a o; echo $?; OPTIND=1; getopts a o;'
                    'echo $? $o', "1\n0 a\n")

    def test_getopts_errors_and_silent_mode(self):
        self.expect('getopts a o -x; echo $? $o ${OPTARG-unset}', "0 ? unset\n",
                    err="sh: getopts: illegal option -- x\n")
        self.expect('getopts a: o -a; echo $? $o ${OPTARG-unset}', "0 ? unset\n",
                    err="sh: getopts: option requires an argument -- a\n")
        self.expect('getopts :a o -x; echo $? $o $OPTARG', "0 ? x\n")
        self.expect('getopts :a: o -a; echo $? $o $OPTARG', "0 : a\n")
        self.expect('getopts a; echo $?', "2\n",
                    err="sh: getopts: usage: getopts optstring name [arg...]\n")
        self.expect('getopts a 1o -a; echo $?', "2\n",
                    err="sh: getopts: 1o: bad variable name\n")

    # ---- printf ----
    PRINTF_CASES = [
        (["%s|%5s|%-5s|%.2s|\\n", "a", "b", "c", "defg"], "a|    b|c    |de|\n", 0),
        (["%d %i %u %o %x %X\\n", "42", "-7", "-1", "8", "255", "255"],
         "42 -7 18446744073709551615 10 ff FF\n", 0),
        (["%5.2f|%e|%g|%G\\n", "3.14159", "12345.678", "0.0001", "1e20"],
         " 3.14|1.234568e+04|0.0001|1E+20\n", 0),
        (["[%*d][%-*d][%.*f]\\n", "5", "42", "4", "7", "2", "2.71828"],
         "[   42][7   ][2.72]\n", 0),
        (["%s-%s\\n", "a", "b", "c"], "a-b\nc-\n", 0),
        (["%d %d %d %d\\n", "'A", "0x1f", "010", "+5"], "65 31 8 5\n", 0),
        (["%c%c|%3c|%.3d\\n", "hello", "w", "x", "5"], "hw|  x|005\n", 0),
        (["%b|%b|%b\\n", "a\\tb", "\\0101", "\\1010"], "a\tb|A|A0\n", 0),
        (["x\\101\\0101\\\\\\q\\n"], "xA\x081\\\\q\n", 0),
        (["%b%s\\n", "stop\\cnot", "never"], "stop", 0),
        (["%#o %#x %+d % d %05d\\n", "8", "255", "3", "3", "42"], "010 0xff +3  3 00042\n", 0),
        (["100%%\\n"], "100%\n", 0),
        (["%d %s|\\n", "1"], "1 |\n", 0),
        (["once\\n", "extra"], "once\n", 0),
        (["--", "%s\\n", "after --"], "after --\n", 0),
        (["%d\\n", "abc"], "0\n", 1),
        (["%d\\n", "12abc"], "12\n", 1),
        (["%d\\n", "99999999999999999999"], "9223372036854775807\n", 1),
        (["a%zb\\n", "1"], "a", 1),     # dash: status 2
        ([], "", 2),
    ]
    PRINTF_ERRORS = {
        "abc": "printf: abc: expected numeric value\n",
        "12abc": "printf: 12abc: not completely converted\n",
        "99999999999999999999": "printf: 99999999999999999999: Numerical result out of range\n",
        "a%zb\\n": "printf: %z: invalid directive\n",
        "": "printf: usage: printf format [argument...]\n",
    }

    def test_printf_builtin_and_program_agree(self):
        for args, out, status in self.PRINTF_CASES:
            quoted = " ".join("'%s'" % a.replace("'", "'\\''") for a in args)
            err = "".join(self.PRINTF_ERRORS.get(a, "") for a in args or [""])
            for how in ("printf %s", "exec printf %s"):
                with self.subTest(how=how, args=args):
                    self.expect(how % quoted, out, status, err)

    # ---- echo ----
    def test_echo_builtin_and_program_agree(self):
        for how in ("echo %s", "(exec echo %s)"):
            self.expect(" ; ".join(how % a for a in ("-n a", "b 'c  d' '\\t'", "-n",
                                                     "-e x", "")),
                        "ab c  d \\t\n-e x\n\n")

    # ---- ulimit ----
    def test_ulimit_prints_and_lowers_the_stack_limit(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        core = resource.getrlimit(resource.RLIMIT_CORE)[0]

        def show(v, unit=1024):
            return "unlimited" if v == resource.RLIM_INFINITY else str(v // unit)
        self.expect("ulimit -s; ulimit -H -s; ulimit", "%s\n%s\nunlimited\n" %
                    (show(soft), show(hard)))
        self.expect("ulimit -s 1024; ulimit -s; ulimit -Hs; ulimit -S -s 512; ulimit -s; "
                    "ulimit -Hs; sh -c 'ulimit -s'", "1024\n1024\n512\n1024\n512\n")
        self.expect("ulimit -s 1024; ulimit -a",
                    "core file size (blocks, -c) %s\nfile size (blocks, -f) unlimited\n"
                    "stack size (kbytes, -s) 1024\nprocesses (-u) %s\n"
                    % (show(core, 512), show(resource.getrlimit(resource.RLIMIT_NPROC)[0], 1)))

    def test_ulimit_errors(self):
        self.expect("ulimit -s abc; echo $?", "1\n", err="sh: ulimit: abc: bad number\n")
        self.expect("ulimit -s -5; echo $?", "2\n",
                    err="sh: ulimit: usage: ulimit [-H | -S] [-a | -c | -f | -s | -u] "
                        "[N | unlimited]\n")
        self.expect("ulimit -s 99999999999999999999; echo $?", "1\n",
                    err="sh: ulimit: 99999999999999999999: out of range\n")
        self.expect("ulimit -x; echo $?", "2\n",
                    err="sh: ulimit: usage: ulimit [-H | -S] [-a | -c | -f | -s | -u] "
                        "[N | unlimited]\n")
        self.expect("ulimit -s 1024; ulimit -Ss 2048; echo $?", "1\n",
                    err="sh: ulimit: -s: Invalid argument\n")
        self.expect("ulimit -f 10; ulimit -f; ulimit -Sf 20; echo $?", "10\n1\n",
                    err="sh: ulimit: -f: Invalid argument\n")

    def test_ulimit_raising_the_hard_limit_is_eperm_for_a_user(self):
        user = 65534 if os.geteuid() == 0 else None     # nobody
        r = self.run_sh("ulimit -s 1024; ulimit -s 2048; echo $?; ulimit -Hs unlimited; "
                        "echo $?; ulimit -s 512; ulimit -s", user=user)
        self.assertEqual((r.stdout, r.returncode), ("1\n1\n512\n", 0))
        self.assertEqual(r.stderr, "sh: ulimit: -s: Operation not permitted\n" * 2)

    # ---- command, type, readonly, unset -f ----
    def test_command_and_type(self):
        cat = os.path.join(self.bin, "cat")
        self.expect("f() { :; }; type f echo if cat", "f is a shell function\necho is a "
                    "shell builtin\nif is a shell keyword\ncat is %s\n" % cat)
        self.expect("f() { :; }; command -v f echo cat", "f\necho\n%s\n" % cat)
        self.expect("command -V cat", "cat is %s\n" % cat)
        self.expect("command -v nope; echo $?", "127\n")
        self.expect("type nope; echo $?", "127\n", err="sh: nope: not found\n")
        self.expect("cat() { echo func; }; echo x | cat; echo y | command cat; "
                    "command -p cat </dev/null; echo $?", "func\ny\n0\n")
        self.expect("command nope; echo $?", "127\n", err="sh: nope: not found\n")
        self.expect("command -x; echo $?", "2\n", err="sh: command: -x: bad option\n")
        self.expect("command; echo $?", "0\n")

    def test_readonly_and_unset(self):
        self.expect("readonly a=1 b; readonly; echo ${b-unset}",
                    "readonly b\nreadonly a='1'\nunset\n")
        self.expect("readonly a=1; a=2; echo no", "", 2, "sh: a: is read only\n")
        self.expect("readonly a=1; unset a; echo $? $a", "1 1\n",
                    err="sh: unset: a: is read only\n")
        self.expect("readonly a=1; read a <<E\nx\nE\necho $? $a", "1 1\n",
                    err="sh: a: is read only\n")
        self.expect("readonly 1a; echo $?", "1\n", err="sh: readonly: 1a: bad variable name\n")
        self.expect("f() { echo f; }; unset -f f; f; echo $?", "127\n",
                    err="sh: f: not found\n")
        self.expect("v=1; unset -v v; echo ${v-unset}", "unset\n")


if __name__ == "__main__":
    unittest.main()
