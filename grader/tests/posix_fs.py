# The POSIX file-time and symbolic-link conformance tests (handouts/vfs.md, "File times" and
# "Symbolic links"; handouts/mfs.md, "File times"): one boot runs /test/posix_times and
# /test/posix_symlink (commands/tests/posix_times.c, posix_symlink.c) as root and then as
# user 100 (/test/asuser), and the commands that show times and links (touch, stat, ls -l,
# ln -s, readlink) at the shell.  Each program prints "PASS <case>" or "FAIL <case>: <rule>
# <errno>" per case and a DONE line; the children check one area each.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import output_of, session

RUNS = [
    "/test/posix_times; echo status=$?",
    "/test/asuser 100 /test/posix_times; echo status=$?",
    "/test/posix_symlink; echo status=$?",
    "/test/asuser 100 /test/posix_symlink; echo status=$?",
]
TIMES_ROOT, TIMES_USER, SYMLINK_ROOT, SYMLINK_USER = RUNS
TOUCH = ("touch -d 2001-02-03T04:05:06 /home/tt; stat -c '%Y %X %F' /home/tt; "
         "touch -a -t 200102030405.07 /home/tt; stat -c '%Y %X' /home/tt; ls -l /home/tt")

LINKS = ("ln -s /etc/rc /home/rclink; ls -l /home/rclink; readlink /home/rclink; "
         "head -1 /home/rclink | wc -l; ln -s /bin /home/binlink; /home/binlink/echo via-link; "
         "cd /home/binlink; pwd; cd /")
LOOP = "ln -s /home/loopb /home/loopa; ln -s /home/loopa /home/loopb; cat /home/loopa; echo status=$?"
COMMANDS = RUNS + [TOUCH, LINKS, LOOP, "rm -f /home/rclink /home/binlink /home/loopa /home/loopb /tmp/psym.tohome; echo cleaned"]


@test(0, "boot; run the POSIX time and symbolic-link programs as root and as user 100; "
         "touch, stat, ls -l, ln -s, readlink at the shell", timeout=300)
def posix_fs_session(t):
    q, outputs = session(t, COMMANDS, timeout=300)
    q.stop()
    return outputs


def check_program(t, command, program, least):
    """command ran program to its DONE line with no FAIL and at least least PASS lines (every
    case of that run: one that printed nothing is missing)."""
    text = output_of(t, command)
    fails = re.findall(r"^FAIL .*$", text, re.M)
    if fails:
        raise CheckFailure("%s:\n%s" % (command, "\n".join(fails)))
    passed = len(re.findall(r"^PASS ", text, re.M))
    if passed < least:
        raise CheckFailure("%s: only %d cases passed (want %d):\n%s" % (command, passed,
                                                                         least, text))
    t.match(text, r"^DONE %s %d passed, 0 failed$" % (program, passed), r"^status=0$")


@test(4, "file times as root: read sets atime, write and truncate mtime and ctime, chmod, "
         "chown, link, unlink ctime, directory entries mtime and ctime, utime/utimes/"
         "utimensat/futimens, pipes", parent=posix_fs_session)
def posix_fs_times_root(t):
    check_program(t, TIMES_ROOT, "posix_times", 31)


@test(3, "file times as user 100: the same rules, and utime's permission rules (now: "
         "owner or write permission, else EACCES; given times: owner, else EPERM)",
      parent=posix_fs_session)
def posix_fs_times_user(t):
    check_program(t, TIMES_USER, "posix_times", 32)


@test(4, "symbolic links as root: symlink, readlink, lstat, links followed in the middle "
         "and at the end, relative and absolute targets, across mount points, ELOOP, "
         "ENAMETOOLONG, unlink/rename/rmdir/mkdir of a link, O_CREAT through a dangling "
         "link", parent=posix_fs_session)
def posix_fs_symlink_root(t):
    check_program(t, SYMLINK_ROOT, "posix_symlink", 36)


@test(3, "symbolic links as user 100: the same, and search permission on the target's "
         "directories", parent=posix_fs_session)
def posix_fs_symlink_user(t):
    check_program(t, SYMLINK_USER, "posix_symlink", 35)


@test(2, "touch -d/-t/-a sets times, stat -c prints them, ls -l shows the mtime",
      parent=posix_fs_session)
def posix_fs_touch(t):
    t.match(output_of(t, TOUCH), r"^981173106 981173106 regular( empty)? file$",
            r"^981173106 981173107$",
            r"^-rw-.* 0 2001-02-03 04:05 /home/tt$")


@test(2, "ln -s, ls -l shows name -> target, readlink; a link to a directory runs a "
         "program and is a working directory (pwd is the real path); a loop is ELOOP",
      parent=posix_fs_session)
def posix_fs_links(t):
    t.match(output_of(t, LINKS), r"^lrwxrwxrwx .* 7 \S+ \S+ /home/rclink -> /etc/rc$",
            r"^/etc/rc$", r"^\s*1$", r"^via-link$", r"^/bin$")
    t.match(output_of(t, LOOP), r"(?i)^cat: /home/loopa: .*(loop|links).*$", r"^status=1$")
