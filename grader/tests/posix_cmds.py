# The commands users expect on any Unix (handouts/commands.md), run on the booted system:
# one boot of the root shell types pipelines of sort, uniq, cut, tr, sed, xargs, find, tee,
# dd, od, cksum, sha256sum, du, basename, dirname, which, yes, seq, expr, diff, more and
# date, and the children below compare each pipeline's output with the exact text it must
# print.  The expected texts of pipelines over the image's own files (/etc) are computed
# from the files the build put there (build/rootfs/etc).  `more` is also run on the
# terminal: it must stop at "--More--", show a line for return and stop for q.
#
# The commands' logic is tested on the host too (tools/tests/test_commands.py); this file
# proves that the same programs run under Minnow's libc, VFS, pipes and fork/exec.

import hashlib
import os
import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import PROMPT, session

SHA_HELLO = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"

# (command, the exact output it must print); None: the child computes it from the image.
PIPELINES = [
    ("seq 1 100 | sort -rn | head -3", "100\n99\n98\n"),
    ("echo hello | sha256sum", SHA_HELLO + "  -\n"),
    ("echo hello | cksum", "3015617425 6\n"),
    ("dd if=/dev/zero bs=512 count=8 2>/tmp/dd.err | od -c | tail -2; cat /tmp/dd.err",
     "*\n0010000\n8+0 records in\n8+0 records out\n"),
    ("find / -name '*.conf' | xargs wc -l | sort -n | tail -3", None),
    ("find /etc -name 'r*' -type f | sort", "/etc/rc\n/etc/rs.inet\n/etc/rs.single\n"),
    ("find /etc -maxdepth 0 -type d -exec echo dir {} \\;", "dir /etc\n"),
    # find's operators and file tests on a tree of known sizes, modes and times
    ("mkdir -p /tmp/ft/a /tmp/ft/locked; echo x > /tmp/ft/a/f.c; echo y > /tmp/ft/g.h; "
     "echo z > /tmp/ft/n.txt; yes abcdefghijklmno | head -n 96 > /tmp/ft/big; "
     "find /tmp/ft -maxdepth 0", "/tmp/ft\n"),
    ("chmod 755 /tmp/ft/a/f.c; chmod 640 /tmp/ft/g.h; chmod 600 /tmp/ft/n.txt /tmp/ft/big; "
     "chmod 700 /tmp/ft/locked; find /tmp/ft -maxdepth 0 -type d", "/tmp/ft\n"),
    ("touch -d 2020-01-01 /tmp/ft/n.txt; touch -d 2021-01-01 /tmp/ft/ref; "
     "chmod 644 /tmp/ft/ref; touch -d 2022-01-01 /tmp/ft/a/f.c /tmp/ft/g.h /tmp/ft/big; "
     "find /tmp/ft -maxdepth 0 -name ft", "/tmp/ft\n"),
    ("find /tmp/ft \\( -name '*.c' -o -name '*.h' \\) -type f | sort",
     "/tmp/ft/a/f.c\n/tmp/ft/g.h\n"),
    ("find /tmp/ft -newer /tmp/ft/ref -type f | sort",
     "/tmp/ft/a/f.c\n/tmp/ft/big\n/tmp/ft/g.h\n"),
    ("find /tmp/ft -size +2 -type f; find /tmp/ft -size 1536c; "
     "find /tmp/ft -type f -size -2 | sort",
     "/tmp/ft/big\n/tmp/ft/big\n/tmp/ft/a/f.c\n/tmp/ft/g.h\n/tmp/ft/n.txt\n/tmp/ft/ref\n"),
    ("find /tmp/ft -type f -perm -u=x; find /tmp/ft -perm 640; "
     "find /tmp/ft -type f -perm -g=r | sort",
     "/tmp/ft/a/f.c\n/tmp/ft/g.h\n/tmp/ft/a/f.c\n/tmp/ft/g.h\n/tmp/ft/ref\n"),
    ("find /tmp/ft -name '*.[ch]' -exec echo got {} + | wc -l; "
     "find /tmp/ft -name '*.[ch]' -exec echo got {} + | tr ' ' '\\n' | sort",
     "      1\n/tmp/ft/a/f.c\n/tmp/ft/g.h\ngot\n"),
    ("/test/asuser 100 /bin/find /tmp/ft -name nothing; echo status=$?",
     "find: /tmp/ft/locked: Permission denied\nstatus=1\n"),
    ("find /tmp/ft \\( -name x; echo status=$?; find /tmp/ft -bogus; echo status=$?",
     "find: unbalanced parentheses: missing )\nstatus=1\n"
     "find: unknown primary: -bogus\nstatus=1\n"),
    ("echo 'hello world' | sed 's/\\(hello\\) \\(world\\)/\\2 \\1/'", "world hello\n"),
    ("seq 1 20 | sed -e '2,18d' -e 's/1/one/g'", "one\none9\n20\n"),
    ("seq 1 10 | sed -n '/^[3-5]$/p;$p'", "3\n4\n5\n10\n"),
    ("sed -n '/^service/p' /etc/system.conf | wc -l", None),
    # sed: a label loop joining lines that end in a backslash, the hold space reversing a
    # file, y, a/i/c (the POSIX backslash-newline form in a -f file, pieces of -e), errors
    ("{ echo 'a\\'; echo b; echo 'c\\'; echo 'd\\'; echo e; } > /tmp/bs; "
     "sed -e ':a' -e '/\\\\$/N; s/\\\\\\n//; ta' /tmp/bs", "ab\ncde\n"),
    ("seq 1 5 | sed '1!G;h;$!d'", "5\n4\n3\n2\n1\n"),
    ("echo hello world | sed 'y/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/'",
     "HELLO WORLD\n"),
    ("seq 1 3 | sed -e '1i\\' -e 'top' -e '2c\\' -e 'two' -e '$a end'",
     "top\n1\ntwo\n3\nend\n"),
    ("echo '2a\\' > /tmp/s.sed; echo 'x\\' >> /tmp/s.sed; echo '  y' >> /tmp/s.sed; "
     "echo '/3/{s/3/three/;p;}' >> /tmp/s.sed; seq 1 3 | sed -n -f /tmp/s.sed",
     "x\n  y\nthree\n"),
    ("printf '1\\n2\\n3\\n4\\n5\\n' > /tmp/si; chmod 640 /tmp/si; "
     "sed -i.bak -e 2d -e '$s/5/five/' /tmp/si; cat /tmp/si; wc -l < /tmp/si.bak; "
     "ls -l /tmp/si | sed 's/ .*//'; sed -n -i '' 1p /tmp/si; cat /tmp/si; "
     "ls /tmp | grep -c '^sed'",
     "1\n3\n4\nfive\n      5\n-rw-r-----\n1\n0\n"),
    ("sed -n 'k'; echo status=$?",
     "sed: -e expression #1, char 1: unknown command: `k'\nstatus=1\n"),
    ("echo 'Hello World' | tr a-z A-Z | tr -s LO | cut -c1-4", "HELO\n"),
    ("echo 'a:b:c' | cut -d: -f2,3", "b:c\n"),
    ("echo 'b a b c a b' | tr ' ' '\\n' | sort | uniq -c", "      2 a\n      3 b\n      1 c\n"),
    ("echo 'b a b c a b' | tr ' ' '\\n' | sort -u | uniq -u | wc -l", "      3\n"),
    ("expr 6 \\* 7; expr length minnow; expr minnow.c : '\\(.*\\)\\.c'", "42\n6\nminnow\n"),
    ("seq 1 5 > /tmp/a; seq 1 6 | sed 3d > /tmp/b; diff /tmp/a /tmp/b; echo status=$?",
     "3d2\n< 3\n5a5\n> 6\nstatus=1\n"),
    ("echo teed | tee /tmp/t1 /tmp/t2 | wc -c; cat /tmp/t1 /tmp/t2", "      5\nteed\nteed\n"),
    ("basename /usr/lib/libc.a .a; dirname /usr/lib/; which sh ls",
     "libc\n/usr\n/bin/sh\n/bin/ls\n"),
    ("yes | head -3; yes no | head -1", "y\ny\ny\nno\n"),
    ("echo hi | od -c; echo AB | od -x", "0000000   h   i  \\n\n0000003\n0000000 4241 000a\n0000003\n"),
    ("seq -w 8 10 | xargs -n 2 echo; seq 1 3 | xargs -I{} echo n{}",
     "08 09\n10\nn1\nn2\nn3\n"),
    ("sha256sum /etc/rc > /tmp/sums; sha256sum -c /tmp/sums", "/etc/rc: OK\n"),
    ("date -d @0 '+%F %T %a %b'; date | wc -w", "1970-01-01 00:00:00 Thu Jan\n      6\n"),
    ("t=$(date +%s); date -s '2020-02-29 12:34:56'; date +%F; date -s @$t > /dev/null; "
     "expr $(date +%s) - $t '<' 3; su ast -c 'date -s @0'; echo status=$?",
     "Sat Feb 29 12:34:56 UTC 2020\n2020-02-29\n1\n"
     "date: cannot set date: Operation not permitted\nstatus=1\n"),
    ("more /etc/rc | sha256sum", None),
    ("du -s /etc", None),
    ("sort -k2,2 -t: -n /tmp/nope; echo status=$?",
     "sort: /tmp/nope: No such file or directory\nstatus=1\n"),
]
# A pager run on the terminal: 60 lines, stopped at the prompt; return, then q.
MORE = "seq 1 60 | more; echo more-done"


def etc_files(t):
    """The image's /etc: {name: bytes}."""
    d = os.path.join(t.config.root, "build/rootfs/etc")
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            out[name] = f.read()
    return out


def computed(t, command):
    """The expected output of the pipelines over /etc."""
    etc = etc_files(t)
    if command.startswith("find / -name"):
        counts = sorted((v.count(b"\n"), "/etc/" + k) for k, v in etc.items()
                        if k.endswith(".conf"))
        lines = ["%7d %s" % c for c in counts]
        if len(counts) > 1:
            lines.append("%7d total" % sum(c for c, _ in counts))
        return "".join(l + "\n" for l in lines[-3:])
    if command.startswith("sed -n '/^service/p'"):
        n = sum(1 for l in etc["system.conf"].split(b"\n") if l.startswith(b"service"))
        return "%7d\n" % n
    if command.startswith("more /etc/rc"):
        return hashlib.sha256(etc["rc"]).hexdigest() + "  -\n"
    if command.startswith("du -s"):
        # st_blocks of MFS: 512-byte blocks of whole 4 KiB zones; the directory is one zone
        blocks = 8 + sum((len(v) + 4095) // 4096 * 8 for v in etc.values())
        return "%d\t/etc\n" % blocks
    raise CheckFailure("no expected output for %r" % command)


def run_more(q):
    """Type MORE and drive the pager: its output at the first prompt, after return, and
    after q."""
    start = len(q.output)
    q.send_line(MORE)
    q.wait_prompt(r"--More--", timeout=30)
    first = q.output[start:]
    start = len(q.output)
    q.send("\r")
    q.wait_prompt(r"--More--", timeout=30)
    line = q.output[start:]
    start = len(q.output)
    q.send("q")
    q.wait_prompt(PROMPT, timeout=30)
    return {"first": first, "line": line, "quit": q.output[start:]}


@test(0, "boot and run pipelines of the POSIX commands in the root shell", timeout=180)
def posix_cmds_boot(t):
    q, outputs = session(t, [c for c, _ in PIPELINES], timeout=180)
    more = run_more(q)
    q.stop()
    return outputs + [(MORE, more)]


def output(t, command):
    """The output of command in the session, its echo line stripped, line ends as \\n."""
    for c, text in t.parent_value:
        if c == command:
            text = text.replace("\r\n", "\n")
            return text.split("\n", 1)[1] if "\n" in text else ""
    raise CheckFailure("the session never ran %r" % command)


def check_outputs(t, commands):
    for command in commands:
        want = dict(PIPELINES)[command]
        if want is None:
            want = computed(t, command)
        got = output(t, command)
        if got != want:
            raise CheckFailure("%s\n  printed: %r\n  expected: %r" % (command, got, want))


def pipelines(words):
    """The commands of PIPELINES that contain any of words."""
    return [c for c, _ in PIPELINES if any(re.search(r"\b%s\b" % w, c) for w in words)]


# (points, name, title, the commands whose pipelines the child checks): the children.
GROUPS = [
    (3, "text", "sort -n -r -u -k -t, uniq -c -u, cut -c -d -f and tr (ranges, -s, escapes) "
                "in pipelines; errors name the file", ["sort", "uniq", "cut", "tr"]),
    (3, "sed", "sed: s with groups and g, d, p, q with line, $, /re/ addresses and ranges, "
               "-n, -e, -f; a label loop with N and t, the hold space (1!G;h;$!d), y, a i c, "
               "an error naming the expression and character; -i.bak and -i '' edit in "
               "place keeping the mode and leaving no temporary file", ["sed"]),
    (3, "find", "find (-name, -type, -maxdepth, -exec ; and +, -o and parentheses, -newer, "
                "-size, -perm, an unreadable directory as user 100, errors) | xargs (-n, -I) "
                "| wc | sort | tail", ["find", "xargs"]),
    (3, "bytes", "dd (records summary), od -c -x (with * for repeated lines), cksum and "
                 "sha256sum (known digests, -c)", ["dd", "od", "cksum", "sha256sum"]),
    (3, "misc", "seq, expr, diff (normal format, status 1), tee, basename, dirname, which, "
                "yes, du -s, date (-d @N; -s sets the clock as root, EPERM for ast)",
     ["seq", "expr", "diff", "tee", "basename", "which", "yes",
                                     "du", "date"]),
]


def group_test(name, words):
    """The child that checks the pipelines of the commands in words."""
    def check(t):
        check_outputs(t, pipelines(words))
    check.__name__ = "posix_cmds_" + name
    return check


for _points, _name, _title, _words in GROUPS:
    test(_points, _title, parent=posix_cmds_boot)(group_test(_name, _words))


@test(2, "more: a file through a pipe is copied; on the terminal it stops at --More--, "
         "return shows one more line, q quits", parent=posix_cmds_boot)
def posix_cmds_more(t):
    check_outputs(t, pipelines(["more"]))
    more = dict(t.parent_value)[MORE]
    first = more["first"].replace("\r\n", "\n")
    shown = [int(x) for x in re.findall(r"^(\d+)$", first, re.M)]
    if not shown or shown != list(range(1, len(shown) + 1)) or len(shown) >= 60:
        raise CheckFailure("the first page of more is not 1..n (n < 60):\n%s" % first)
    line = re.findall(r"(\d+)\s*$", more["line"].replace("--More--", "").strip())
    if line != [str(len(shown) + 1)]:
        raise CheckFailure("return after the first page did not show line %d:\n%r"
                           % (len(shown) + 1, more["line"]))
    if not re.search(r"^more-done", more["quit"].replace("\r", "\n"), re.M) or \
            re.search(r"^%d$" % (len(shown) + 2), more["quit"], re.M):
        raise CheckFailure("q did not end more at once:\n%r" % more["quit"])
