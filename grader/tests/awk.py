# awk, the portable program of real size (commands/awk: a POSIX awk of a few thousand lines
# of C using stdio, malloc, qsort, floating point, popen, regex and setjmp/longjmp),
# run on the booted system: one boot of the root shell types awk programs -- a
# word-frequency pipeline, a report of floating-point averages printed through a pipe to
# sort, -F and -v, recursive user functions, getline from a command, sub/gsub/match and
# dynamic regular expressions, printf's conversions -- and the error cases (a syntax
# error names its line, a missing file, division by zero deep in a recursion: each a
# message and exit status 2).  The children compare each command's output with the exact
# text it must print; expectations over the image's own files are computed from the files
# the build put there (build/rootfs/etc).
#
# The same sources are tested on the host with glibc (tools/tests/test_awk.py); this file
# proves they build with the rules of every user program and run under Minnow's libc
# (its stdio, printf's floating point, regex, popen) and kernel (the FPU, fork/exec, pipes).

import os

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import output_of, session

SETUP = [
    "echo 'the cat saw the dog the end' > /tmp/w; echo 'a dog saw a cat' >> /tmp/w",
    "echo 'ann math 90' > /tmp/s; echo 'bob math 72' >> /tmp/s; echo 'ann art 85' >> /tmp/s;"
    " echo 'bob art 64' >> /tmp/s; echo 'cy math 81' >> /tmp/s",
    "echo 'BEGIN {' > /tmp/bad; echo ' print 1 +* 2' >> /tmp/bad; echo '}' >> /tmp/bad",
]

# (group, command, the exact output; None: computed from the image by expected()).
COMMANDS = [
    ("words", "awk '{for(i=1;i<=NF;i++) c[$i]++} END{for(w in c) print c[w], w}' /tmp/w"
              " | sort -rn | head -4", "3 the\n2 saw\n2 dog\n2 cat\n"),
    ("words", "awk '{n+=NF; c+=length($0)+1} END{print NR, n, c}' /etc/rc", None),
    ("report", "awk '{s[$1]+=$3; n[$1]++; t+=$3; q+=$3*$3} END{for(k in s) printf"
               " \"%-4s%7.2f\\n\", k, s[k]/n[k] | \"sort\"; close(\"sort\");"
               " printf \"mean %.3f sd %.4g\\n\", t/NR, sqrt(q/NR-(t/NR)^2)}' /tmp/s",
     "ann   87.50\nbob   68.00\ncy    81.00\nmean 78.400 sd 9.308\n"),
    ("report", "awk 'BEGIN{printf \"%5.2f|%e|%g|%d|%x|%c|%-4s|%s\\n\", 3.14159, 12345.678,"
               " 0.0001, -7.9, 255, 65, \"ab\", 1/3}'",
     " 3.14|1.234568e+04|0.0001|-7|ff|A|ab  |0.333333\n"),
    ("report", "awk 'BEGIN{printf \"%a %A %.2a %-12a|\\n\", 1, 255.5, 1/3, -0.75}'",
     "0x1p+0 0X1.FFP+7 0x1.55p-2 -0x1.8p-1   |\n"),
    ("options", "echo 'a:b:c' | awk -F: -v pre=X '{print pre $2, NF; print $NF}'",
     "Xb 3\nc\n"),
    ("options", "awk 'function fib(n){return n<2?n:fib(n-1)+fib(n-2)} function fact(n){return"
                " n<=1?1:n*fact(n-1)} BEGIN{print fib(20), fact(15), fact(3)/4}'",
     "6765 1307674368000 1.5\n"),
    ("io", "awk 'BEGIN{while ((\"ls /etc\" | getline f) > 0) n++; close(\"ls /etc\");"
           " \"echo hello world\" | getline; print n, $2, NR}'", None),
    ("io", "awk 'BEGIN{for(i=5;i>0;i--) print i*i | \"sort -n\"; close(\"sort -n\");"
           " print \"after\"}'", "1\n4\n9\n16\n25\nafter\n"),
    ("regex", "echo 'foo bar foo' | awk '{n=gsub(/foo/,\"[&]\"); sub(/bar/,\"B\");"
              " print n, $0, match($0,/B.*/), RSTART, RLENGTH, NF}'",
     "2 [foo] B [foo] 7 7 7 3\n"),
    ("regex", "awk -v re='^s.w$' '$3 ~ re {print NR, $2} /cat$/' /tmp/w",
     "1 cat\n2 dog\na dog saw a cat\n"),
    ("regex", "echo 'a1b22c333d' | awk 'BEGIN{RS=\"[0-9]+\"} {printf \"<%s>\", $0} END{print NR}';"
              " awk 'BEGIN{RS=\" (saw|the) \"} {printf \"%s|\", $0}' /tmp/w; echo",
     "<a><b><c><d\n>4\nthe cat|the dog|end\na dog|a cat\n|\n"),
    ("errors", "awk 'BEGIN{x = 1 +}'; echo status=$?",
     "awk: syntax error near '}' at source line 1\nstatus=2\n"),
    ("errors", "awk -f /tmp/bad; echo status=$?",
     "awk: syntax error near '*' at source line 2\nstatus=2\n"),
    ("errors", "awk '{print}' /nonexistent; echo status=$?",
     "awk: can't open file /nonexistent\nstatus=2\n"),
    ("errors", "awk 'function f(n){return n ? f(n-1) : 1/n} BEGIN{print f(50)}';"
               " echo status=$?", "awk: division by zero at source line 1\nstatus=2\n"),
    ("errors", "awk; echo status=$?",
     "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\nstatus=2\n"),
]


def etc_file(t, name):
    with open(os.path.join(t.config.root, "build/rootfs/etc", name), "rb") as f:
        return f.read()


def expected(t, command):
    """The output of the commands over the image's own files."""
    if "/etc/rc" in command:
        rc = etc_file(t, "rc").decode()
        lines = rc.split("\n")[:-1] if rc.endswith("\n") else rc.split("\n")
        words = sum(len(l.replace("\t", " ").split()) for l in lines)
        return "%d %d %d\n" % (len(lines), words, sum(len(l) + 1 for l in lines))
    if "ls /etc" in command:
        n = len(os.listdir(os.path.join(t.config.root, "build/rootfs/etc")))
        return "%d world %d\n" % (n, n + 1)
    raise CheckFailure("no expected output for %r" % command)


@test(0, "boot and run awk programs in the root shell", timeout=180)
def awk_boot(t):
    q, outputs = session(t, SETUP + [c for _, c, _ in COMMANDS], timeout=180)
    q.stop()
    return outputs


def group_test(group):
    """The child that checks the commands of group."""
    def check(t):
        for g, command, want in COMMANDS:
            if g != group:
                continue
            if want is None:
                want = expected(t, command)
            got = output_of(t, command).replace("\r\n", "\n")
            if got != want:
                raise CheckFailure("%s\n  printed: %r\n  expected: %r" % (command, got, want))
    check.__name__ = "awk_" + group
    return check


# (points, group, title): the children.
GROUPS = [
    (2, "words", "awk word frequencies through sort | head; NR, NF and length over /etc/rc"),
    (2, "report", "awk report: averages in associative arrays, printf %f %e %g %d %x %c %s "
                  "%a %A with widths, printed through a pipe to sort"),
    (2, "options", "awk -F and -v; recursive user functions (fib, factorial)"),
    (2, "io", "awk getline from a command (var and $0 forms, NR), close, output to a pipe"),
    (2, "regex", "awk gsub with &, sub, match (RSTART, RLENGTH), dynamic regex from -v; a "
                 "multi-character RS is a regular expression"),
    (2, "errors", "awk errors exit 2 with a message: syntax error with its line (program "
                  "text and -f file), missing file, division by zero in a recursion, usage"),
]

for _points, _group, _title in GROUPS:
    test(_points, _title, parent=awk_boot)(group_test(_group))
