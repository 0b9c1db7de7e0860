"""Host unit tests of the shell's language (commands/sh): the scripts of commands/tests/sh
(the same ones grader/tests/posix_sh.py runs inside Minnow) give exactly their .out files,
and the parser's and the expansions' edge cases give what POSIX sh gives.

The shell and the commands the scripts use are built for the host with gcc, as
tools/tests/test_userland.py does; PATH holds only them, so the scripts run Minnow's own
commands."""

import glob
import os
import subprocess
import tempfile
import unittest

from tools.tests.test_userland import ROOT, HostBuilt

SCRIPTS = os.path.join(ROOT, "commands/tests/sh")
COMMANDS = ["cat", "wc", "grep", "test", "rm", "mkdir", "rmdir", "sleep", "pwd", "ls", "printf"]


class ShellLanguage(HostBuilt):
    COMMANDS = COMMANDS

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp)

    def run_sh(self, args, stdin=None):
        env = {"PATH": self.bin, "HOME": self.dir, "TMPDIR": self.dir}
        return subprocess.run([os.path.join(self.bin, "sh")] + args, input=stdin,
                              cwd=self.dir, env=env, timeout=20, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)

    def expect(self, script, out, status=0, stdin=None):
        r = self.run_sh(["-c", script], stdin=stdin)
        self.assertEqual((r.stdout, r.returncode), (out, status), script)

    def test_scripts_give_their_out_files(self):
        names = sorted(glob.glob(os.path.join(SCRIPTS, "*.sh")))
        self.assertGreaterEqual(len(names), 7)
        for path in names:
            with self.subTest(script=os.path.basename(path)):
                with open(path[:-3] + ".out") as f:
                    want = f.read()
                r = self.run_sh([path])
                self.assertEqual(r.stdout, want)
                self.assertEqual(r.returncode, 0)
                self.assertEqual(os.listdir(self.dir), [], "the script left files behind")

    def test_syntax_errors_and_incomplete_input(self):
        self.expect("if true; then echo x; done", "sh: syntax error near 'done'\n", 2)
        self.expect("fi", "sh: syntax error near 'fi'\n", 2)
        self.expect("case a in a) echo;; b echo;; esac", "sh: syntax error near 'echo'\n", 2)
        self.expect("while true; do echo", "sh: unexpected end of input\n", 2)
        self.expect("echo $(echo", "sh: unexpected end of input\n", 2)
        self.expect("cat <<EOF\nno end", "sh: unexpected end of input\n", 2)
        self.expect("f() echo", "sh: syntax error near 'echo'\n", 2)

    def test_interactive_continuation_prompt(self):
        r = self.run_sh(["-i"], stdin="for i in 1 2\ndo echo $i\ndone\ncat <<E\nbody\nE\n")
        self.assertEqual(r.stdout, "$ > > 1\n2\n$ > > body\n$ ".replace("$", r.stdout[0]))

    def test_reserved_words_only_where_a_command_starts(self):
        self.expect("echo if then fi done; echo {}", "if then fi done\n{}\n")
        self.expect("{ echo a; echo b; } | wc -l", "      2\n")
        self.expect("if echo c; then :; fi > f; cat f", "c\n")

    def test_break_continue_return_outside(self):
        self.expect("break; continue; echo on", "on\n")
        self.expect("return 3; echo $?", "sh: return: not in a function\n1\n")
        self.expect("f() { while true; do return 4; done; }; f; echo $?", "4\n")

    def test_exit_inside_constructs(self):
        self.expect("for i in 1 2; do exit 6; done; echo no", "", 6)
        self.expect("f() { exit 7; }; f; echo no", "", 7)
        self.expect("echo $(exit 3; echo no) $?", "3\n")

    def test_quoting_in_substitutions(self):
        self.expect("echo \"$(echo ')')\" $(echo '(' \"x\")", ") ( x\n")
        self.expect("x='a  b'; y=$x; echo \"$y\"", "a  b\n")
        self.expect("echo \"`echo \\\"q\\\"`\"", "\"q\"\n")

    def test_empty_dollar_at(self):
        self.expect("f() { echo $#; }; f \"$@\"; set -- ''; f \"$@\"", "0\n1\n")

    def test_glob_brackets_and_quoted_wildcards(self):
        self.expect("echo x > a1; echo x > b2; echo x > '*q'; echo [ab]? [!b]* \\** \"*\"*; "
                    "echo [z]*", "a1 b2 *q a1 *q *q\n[z]*\n")

    def test_arithmetic_errors(self):
        self.expect("echo $((1 / 0))", "sh: arithmetic: 1 / 0: division by zero\n0\n")
        self.expect("x=4; echo $((x << 2 | 1)) $((x >= 4)) $((!x)) $((~0))", "17 1 0 -1\n")

    def test_test_builtin_agrees_with_bin_test(self):
        cases = ["-n ''", "-z ''", "a = a", "a != a", "3 -lt 10", "3 -ge 10", "-d /",
                 "-f /", "! -e /nope", "a = a -a 1 -eq 2", "a = b -o 1 -eq 1", "''", "x"]
        for c in cases:
            want = subprocess.run([os.path.join(self.bin, "test")] + eval_words(c)).returncode
            self.expect("test %s; echo $?; [ %s ]; echo $?" % (c, c), "%d\n%d\n" % (want, want))


def eval_words(s):
    """The words of s as the shell splits them (only '' for an empty word is used here)."""
    return ["" if w == "''" else w for w in s.split()]


if __name__ == "__main__":
    unittest.main()
