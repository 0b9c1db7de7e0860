# The shell's language inside Minnow (handouts/shell.md, "The language"): one boot of the
# root shell runs each script of commands/tests/sh (shipped in the image as /test/sh/*.sh)
# with /bin/sh, and the children compare each script's output, line by line, with the
# script's .out file in the tree -- the output the same scripts give on the host
# (tools/tests/test_shell_language.py checks that, and the files equal what dash prints).
# Then multi-line commands are typed at the interactive prompt, one line at a time, each
# after the continuation prompt "> ": a for loop, a here-document, a function, a case and
# a command substitution spanning lines.  Last, a ^C typed while an endless loop's sleep
# runs (typed after the sleeping child itself said "looping", so that it surely has the
# terminal) must end the whole loop, not just the sleep; the rest of the line runs, as after
# a ^C outside a loop (shell.py's pipeline).
# The builtins for scripts (handouts/shell.md, "Builtins for scripts") are scripts too
# (getopts, local, printf, builtins); ulimit -s is typed, as root and as the user ast: a
# lowered stack limit makes /test/posix_stack's deep recursion ("execcheck": it checks the
# soft limit is 256 KiB, then recurses past it) die of SIGSEGV, only root raises the hard
# limit back, and the limit stays in the shell that set it.

import os
import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import PROMPT

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPTS = ["loops", "funcs", "case", "heredoc", "subst", "read", "errexit", "getopts",
           "local", "printf", "builtins"]
STATUS = r"^script-status=(\d+)$"

# Typed one line at a time: each list is one command, its lines after the first typed
# after the "> " prompt.
TYPED = [
    ["for i in 1 2 3", "do", "  echo typed-loop $i", "done"],
    ["cat <<EOF", "typed-heredoc $((6 * 7)) $HOME", "EOF"],
    ["twice() {", "  echo \"typed-func $1$1\"", "}"],
    ["twice ab"],
    ["case /bin/sh in", "  */s[gh]) echo typed-case yes;;", "  *) echo typed-case no;;",
     "esac"],
    ["echo typed-subst $(echo one", "echo two)"],
]


ULIMIT_ROOT = ("/test/posix_stack execcheck; echo unlimited-status=$?; "
               "sh -c 'ulimit -s 256; ulimit -s; ulimit -Hs; /test/posix_stack execcheck; "
               "echo limited-status=$?; ulimit -Hs unlimited; echo raise-status=$?; "
               "ulimit -Hs'; ulimit -s")
ULIMIT_USER = ("su ast -c 'ulimit -s; ulimit -Ss 256; ulimit -Hs; /test/posix_stack execcheck; "
               "echo st=$?; ulimit -s 512; ulimit -Hs; ulimit -Hs unlimited; echo st=$?; "
               "ulimit -s 1024; echo st=$?; ulimit -s x; echo st=$?; ulimit -s'")
ULIMIT = [ULIMIT_ROOT, ULIMIT_USER]


def script_command(name):
    return "sh /test/sh/%s.sh; echo script-status=$?" % name


@test(0, "the shell's language: scripts and multi-line commands typed at the prompt",
      timeout=240)
def posix_sh(t):
    q = t.launch(timeout=240)
    q.wait_prompt(PROMPT)
    outputs = {}
    for name in SCRIPTS:
        start = len(q.output)
        q.send_line(script_command(name))
        q.wait_for(STATUS, timeout=60)
        q.wait_prompt(PROMPT)
        outputs[name] = q.output[start:]
    limits = {}
    for command in ULIMIT:
        start = len(q.output)
        q.send_line(command)
        q.wait_prompt(PROMPT, timeout=60)
        limits[command] = q.output[start:]
    start = len(q.output)
    for lines in TYPED:
        for k, line in enumerate(lines):
            if k > 0:
                q.wait_prompt(r"> ", timeout=30)
            q.send_line(line)
        q.wait_prompt(PROMPT, timeout=30)
    typed = q.output[start:]
    start = len(q.output)
    q.send_line("while true; do sh -c 'echo looping; exec sleep 100'; done; "
                "echo after-the-loop")
    q.wait_for(r"^looping$", timeout=30)
    q.send("\x03")
    q.wait_prompt(PROMPT, timeout=30)
    q.send_line("echo status=$?; echo after-loop")
    q.wait_for(r"^after-loop$", timeout=30)
    loop = q.output[start:]
    q.stop()
    return outputs, typed, loop, limits


def check_script(t, name):
    text = t.parent_value[0][name]
    lines = text.split("\n")
    if not lines or script_command(name) not in lines[0]:
        raise CheckFailure("the command line was not echoed first:\n%s" % text)
    end = next((i for i, l in enumerate(lines) if re.match(STATUS, l)), None)
    if end is None:
        raise CheckFailure("no script-status line:\n%s" % text)
    got = lines[1:end]
    with open(os.path.join(ROOT, "commands/tests/sh", name + ".out")) as f:
        want = f.read().split("\n")[:-1]
    if got != want:
        for i, (g, w) in enumerate(zip(got + ["<end>"] * len(want), want + ["<end>"] * len(got))):
            if g != w:
                raise CheckFailure("/test/sh/%s.sh, line %d of its output:\n  got:  %r\n"
                                   "  want: %r\nwhole output:\n%s" % (name, i + 1, g, w, text))
    t.match(lines[end], r"^script-status=0$")


@test(3, "loops: for, while, until, break n, continue n, $((...)), $#, shift, [...] globs",
      parent=posix_sh)
def posix_sh_loops(t):
    check_script(t, "loops")


@test(3, "functions: arguments, return, recursion through $(...), redefinition",
      parent=posix_sh)
def posix_sh_funcs(t):
    check_script(t, "funcs")


@test(2, "case: glob and bracket patterns, alternatives, quoted patterns", parent=posix_sh)
def posix_sh_case(t):
    check_script(t, "case")


@test(3, "here-documents: expanded, quoted, <<-, into loops, files and pipelines",
      parent=posix_sh)
def posix_sh_heredoc(t):
    check_script(t, "heredoc")


@test(2, "command substitution ($(...), backquotes, nested) and ${...} expansions",
      parent=posix_sh)
def posix_sh_subst(t):
    check_script(t, "subst")


@test(2, "read: names, -r, IFS, status 1 at end of file", parent=posix_sh)
def posix_sh_read(t):
    check_script(t, "read")


@test(2, "set -e, set -x, set --, sh -c with arguments, sh script args, subshells",
      parent=posix_sh)
def posix_sh_errexit(t):
    check_script(t, "errexit")


@test(3, "multi-line commands typed at the prompt continue with \"> \"", parent=posix_sh)
def posix_sh_typed(t):
    t.match(t.parent_value[1], r"^typed-loop 1$", r"^typed-loop 2$", r"^typed-loop 3$",
            r"^typed-heredoc 42 /\S*$", r"^typed-func abab$", r"^typed-case yes$",
            r"^typed-subst one two$", no=[r"^sh: "])


@test(2, "^C during a loop typed at the prompt ends the whole loop, the line goes on",
      parent=posix_sh)
def posix_sh_loop_intr(t):
    text = t.parent_value[2]
    t.match(text, r"^looping$", r"^after-the-loop$", r"^status=0$", r"^after-loop$")
    if len(re.findall(r"^looping$", text, re.M)) != 1:
        raise CheckFailure("the loop went on after the ^C:\n%s" % text)


@test(3, "getopts: clusters, attached and separate arguments, --, operands, silent mode, "
         "OPTIND=1 and a function's local OPTIND", parent=posix_sh)
def posix_sh_getopts(t):
    check_script(t, "getopts")


@test(3, "local: restored at return, at the end and after a failure; recursion (factorial, "
         "fib); dynamic scope; exported locals", parent=posix_sh)
def posix_sh_local(t):
    check_script(t, "local")


@test(3, "printf (builtin and /bin/printf): conversions, widths, '*', the format reused, "
         "escapes, %b and \\c, numeric arguments, errors with status 1", parent=posix_sh)
def posix_sh_printf(t):
    check_script(t, "printf")


@test(2, "type, command -v/-V, command past a function, readonly, unset -f",
      parent=posix_sh)
def posix_sh_builtins(t):
    check_script(t, "builtins")


SEGV = r"Segmentation fault \(SIGSEGV, signal 11\)"


def check_lines(t, command, want):
    """The output of the typed command, line by line, must be want (regexes); VM's report
    of the fault ("vm: endpoint ...: write fault ... SIGSEGV") does not count."""
    text = t.parent_value[3][command]
    lines = [l.rstrip("\r") for l in text.split("\n")]
    if not lines or command not in lines[0]:
        raise CheckFailure("the command line was not echoed first:\n%s" % text)
    got = [l for l in lines[1:] if not re.match(PROMPT, l) and not l.startswith("vm: ")]
    for i, w in enumerate(want):
        if i >= len(got) or not re.fullmatch(w, got[i]):
            raise CheckFailure("line %d of the output: want %r\nwhole output:\n%s" %
                               (i + 1, w, text))
    if len(got) > len(want):
        raise CheckFailure("more output than expected:\n%s" % text)


@test(3, "ulimit -s as root: a lowered stack limit kills a deep recursion with SIGSEGV, root "
         "raises the hard limit back, the limit stays in the shell that set it",
      parent=posix_sh)
def posix_sh_ulimit_root(t):
    check_lines(t, ULIMIT_ROOT, ["unlimited-status=24", "256", "256", SEGV,
                                 "limited-status=139", "raise-status=0", "unlimited", "8192"])


@test(3, "ulimit -s as a user (ast): lowering works and kills the recursion, raising the hard "
         "limit is EPERM (status 1), a bad number is status 1", parent=posix_sh)
def posix_sh_ulimit_user(t):
    eperm = "sh: ulimit: -s: Operation not permitted"
    check_lines(t, ULIMIT_USER, ["8192", "unlimited", SEGV, "st=139", "512", eperm, "st=1",
                                 eperm, "st=1", "sh: ulimit: x: bad number", "st=1", "512"])
