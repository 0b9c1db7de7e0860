# File and system conformance (handouts/vfs.md, "Named FIFOs", "Record locks", "Paths
# relative to a directory", "Read-only mounts"; handouts/pm.md, "Process times",
# "Supplementary groups"; handouts/libc.md, "abort"):
# one boot runs /test/posix_fifo, /test/posix_locks, /test/posix_fileio, /test/posix_select
# and /test/posix_sys (commands/tests/posix_*.c) as
# root and as user 100 (/test/asuser), then the commands mkfifo, chmod, chown and chgrp
# through the shell, and leaves a FIFO in the image, which fsck.mfs must accept and
# mfsread.py list as one.  Each program prints one PASS or FAIL line per case (the rule and
# the errno) and "DONE <program> N passed, M failed"; the children below check them by
# group.  Every blocking case waits 200 ms for the child to block, never more.

import os
import re
import subprocess
import sys

from grader.core import test
from grader.tests.shell import session

PROGRAMS = ["posix_fifo", "posix_locks", "posix_fileio", "posix_select", "posix_sys"]


def run_as(program, user):
    """The command line that runs program as root or as user 100."""
    if user == "root":
        return "/test/%s root; echo status=$?" % program
    return "/test/asuser 100 /test/%s user; echo status=$?" % program


RUNS = [run_as(p, u) for p in PROGRAMS for u in ("root", "user")]
COMMANDS = [
    "mkfifo /tmp/cf; ls -l /tmp/cf; mkfifo /tmp/cf 2>&1; echo status=$?; rm /tmp/cf",
    "mkfifo -m 600 /tmp/cf; ls -l /tmp/cf; rm /tmp/cf",
    "echo x > /tmp/cm; chmod 640 /tmp/cm; ls -l /tmp/cm",
    "chmod u+x,go-w /tmp/cm; ls -l /tmp/cm; chmod a=r /tmp/cm; ls -l /tmp/cm",
    "chmod u=rwx,g=rx,o= /tmp/cm; ls -l /tmp/cm; chmod 4755 /tmp/cm; ls -l /tmp/cm",
    "chmod q+z /tmp/cm 2>&1; echo status=$?",
    "chown 100:7 /tmp/cm; ls -l /tmp/cm; chgrp 9 /tmp/cm; ls -l /tmp/cm",
    "/test/asuser 100 /bin/chown 0 /tmp/cm 2>&1; echo status=$?",
    "chown nosuchuser /tmp/cm 2>&1; echo status=$?; rm /tmp/cm",
    "mkdir /tmp/keepfifo; mkfifo /tmp/keepfifo/p; sync",
]


def check_image(t, image):
    """fsck.mfs's verdict on the saved image and mfsread.py's listing of /tmp/keepfifo."""
    root = t.config.root
    fsck = subprocess.run([os.path.join(root, "build/tools/fsck.mfs"), image],
                          capture_output=True, text=True)
    ls = subprocess.run([sys.executable, os.path.join(root, "tools/mfs/mfsread.py"), image,
                         "ls", "/tmp/keepfifo"], capture_output=True, text=True)
    return {"fsck_rc": fsck.returncode, "fsck": fsck.stdout + fsck.stderr,
            "ls": ls.stdout + ls.stderr}


@test(0, "one boot: the file conformance programs as root and as user 100, then mkfifo, "
         "chmod, chown and chgrp", timeout=240)
def posix_files(t):
    q, outputs = session(t, RUNS + COMMANDS, timeout=240)
    image = os.path.join(t.tmpdir, "rootfs-after.img")
    q.save_data_module("rootfs.img", image)
    q.stop()
    return outputs, check_image(t, image)


def outputs_of(t, command):
    """The output the session recorded for command (its echo line stripped)."""
    for c, text in t.parent_value[0]:
        if c == command:
            return text.split("\n", 1)[1] if "\n" in text else ""
    t.fail("the session never ran %r" % command)


def case_lines(t, program, prefixes):
    """Check that every case of program whose name starts with one of prefixes passed, in
    both runs, and that there was at least one of them in each."""
    for user in ("root", "user"):
        text = outputs_of(t, run_as(program, user))
        cases = [line for line in text.splitlines()
                 if re.match(r"^(PASS|FAIL) (%s)" % "|".join(prefixes), line)]
        if not cases:
            t.fail("%s as %s printed no case of %s:\n%s" % (program, user, prefixes, text))
        failed = [line for line in cases if line.startswith("FAIL")]
        if failed:
            t.fail("%s as %s:\n%s" % (program, user, "\n".join(failed)))


GROUPS = [
    (2, "posix_fifo", "fifo_make", ["fifo_mkfifo", "fifo_mknod"],
     "mkfifo and mknod(S_IFIFO) make a FIFO (stat S_IFIFO, the umask applied), EEXIST, "
     "ENOENT"),
    (3, "posix_fifo", "fifo_nonblock", ["fifo_nonblock", "fifo_read_no_writer", "fifo_rdwr"],
     "FIFO open: O_NONBLOCK reader at once (read 0), O_NONBLOCK writer without reader "
     "ENXIO, O_RDWR at once"),
    (3, "posix_fifo", "fifo_blocking", ["fifo_reader_", "fifo_writer_", "fifo_read_after"],
     "a FIFO reader blocks until a writer opens (and vice versa) and reads end of file "
     "once the writer closed"),
    (2, "posix_fifo", "fifo_epipe", ["fifo_write_no_reader"],
     "writing a FIFO without readers: EPIPE, and SIGPIPE kills"),
    (2, "posix_fifo", "fifo_eintr", ["fifo_open_", "fifo_eintr"],
     "a signal ends a blocked FIFO open with EINTR (and no reader is left)"),
    (1, "posix_fifo", "fifo_partial_write", ["fifo_pipe_"],
     "a signal ends a pipe write blocked after PIPE_BUF of its bytes went in: it returns "
     "PIPE_BUF, not EINTR"),
    (2, "posix_fifo", "fifo_misc", ["fifo_bytes", "fifo_fstat", "fifo_lseek", "fifo_pread", "fifo_perm",
                       "fifo_unlink"],
     "FIFO bytes discarded at the last close, fstat, ESPIPE, permissions, unlink"),
    (3, "posix_locks", "locks_conflicts", ["locks_getlk", "locks_setlk_", "locks_conflict", "locks_read",
                        "locks_beside", "locks_unlock"],
     "record locks: F_GETLK names the holder, a conflicting F_SETLK is EAGAIN, read locks "
     "share"),
    (2, "posix_locks", "locks_ranges", ["locks_split", "locks_merge", "locks_len0", "locks_seek",
                        "locks_negative_len"],
     "record locks: ranges split and merged, l_len 0 to the end, SEEK_CUR, SEEK_END"),
    (3, "posix_locks", "locks_setlkw", ["locks_setlkw"],
     "F_SETLKW waits until the lock goes; a signal ends it with EINTR"),
    (3, "posix_locks", "locks_deadlock", ["locks_edeadlk", "locks_deadlock"],
     "F_SETLKW that would deadlock two processes is EDEADLK"),
    (2, "posix_locks", "locks_release", ["locks_released", "locks_held"],
     "locks are dropped by any close of the file and by exit"),
    (2, "posix_locks", "locks_errors", ["locks_wrlck_on", "locks_rdlck_on", "locks_bad", "locks_negative_start"],
     "record lock errors: EBADF for the fd's open mode and a bad fd, EINVAL"),
    (2, "posix_fileio", "fileio_pread", ["fileio_pread", "fileio_pwrite"],
     "pread and pwrite keep the position; EINVAL, ESPIPE"),
    (2, "posix_fileio", "fileio_vectors", ["fileio_writev", "fileio_readv"],
     "readv and writev in order; no vectors: 0 (EBADF on a wrong fd); EINVAL for a negative "
     "count or IOV_MAX + 1 vectors"),
    (1, "posix_fileio", "fileio_dupfd_unlink", ["fileio_dupfd", "fileio_unlink", "fileio_rmdir"],
     "F_DUPFD_CLOEXEC sets FD_CLOEXEC on the new fd; unlink of a directory is EPERM; an open "
     "directory removed reads empty"),
    (2, "posix_fileio", "fileio_dirs", ["fileio_statvfs", "fileio_dtype", "fileio_rewinddir",
                         "fileio_seekdir"],
     "statvfs flags; readdir's d_type; rewinddir, telldir, seekdir"),
    (2, "posix_fileio", "fileio_umask", ["fileio_umask"], "the umask applies to open, mkdir, mknod, mkfifo"),
    (3, "posix_fileio", "fileio_chown", ["fileio_chown", "fileio_chmod"],
     "chown rules (_POSIX_CHOWN_RESTRICTED, set-id bits cleared, -1 keeps an id); chmod of "
     "another's file EPERM; an ordinary owner's chmod drops S_ISGID for another group"),
    (2, "posix_fileio", "fileio_fchown", ["fileio_fchmod", "fileio_fchown"],
     "fchmod and fchown: the same rules on an open file and on a pipe; EBADF for a closed "
     "descriptor; a user's fchmod of root's file EPERM"),
    (2, "posix_fileio", "fileio_truncate", ["fileio_ftruncate", "fileio_truncate"],
     "truncate and ftruncate grow and shrink; EINVAL, EISDIR, EBADF"),
    (1, "posix_fileio", "fileio_chroot", ["fileio_chroot"],
     "chroot: root only (EPERM), ENOTDIR; the new root bounds absolute paths and \"..\", "
     "getcwd counts from it"),
    (2, "posix_select", "select_ready", ["select_empty", "select_readable", "select_write_end",
                                         "select_eof", "select_file", "select_dev"],
     "select: an empty pipe is not readable, one with a byte is (only it), a write end is "
     "writable, end of file is readable, a regular file is ready in all three sets, "
     "/dev/zero and /dev/null are ready"),
    (2, "posix_select", "select_waits", ["select_timeout", "select_no_fds", "select_woken",
                                         "select_writer", "select_signal"],
     "select: a timeout waits about as long as asked, another process's write wakes it, a "
     "signal ends it with EINTR"),
    (1, "posix_select", "select_errors", ["select_closed", "select_negative", "select_bad"],
     "select: EBADF for a closed descriptor, EINVAL for a negative nfds or a bad timeout"),
    (2, "posix_sys", "sys_abort", ["sys_abort_"],
     "abort() and a failed assert end the process killed by SIGABRT (also blocked, "
     "ignored, or with a handler that returns, which runs first)"),
    (2, "posix_sys", "sys_times", ["sys_times_"],
     "times(): read() of /dev/zero in a loop earns system time, computing user time; "
     "clock() is their sum; a waited child's in tms_cutime/tms_cstime"),
    (2, "posix_sys", "sys_at_lookup", ["sys_at_openat", "sys_at_after_chdir",
                                       "sys_at_absolute", "sys_at_mkdirat",
                                       "sys_at_fchdir", "sys_at_dotdot"],
     "openat and mkdirat resolve a relative path from the directory fd, also after chdir; "
     "an absolute path ignores it; getcwd after fchdir to it"),
    (2, "posix_sys", "sys_at_errors", ["sys_at_ebadf", "sys_at_enotdir", "sys_at_enoent",
                                       "sys_at_fstatat_einval", "sys_at_unlinkat_einval",
                                       "sys_at_faccessat_einval", "sys_at_fchmodat_einval",
                                       "sys_at_linkat_einval"],
     "the *at calls: EBADF for a closed or negative dirfd, ENOTDIR for a file, EINVAL for "
     "unknown flags"),
    (2, "posix_sys", "sys_at_names", ["sys_at_renameat", "sys_at_linkat", "sys_at_symlinkat",
                                      "sys_at_fstatat_nofollow", "sys_at_mk",
                                      "sys_at_unlinkat", "sys_at_removedir"],
     "renameat, linkat (AT_SYMLINK_FOLLOW), symlinkat, readlinkat, mkfifoat, mknodat, "
     "unlinkat (AT_REMOVEDIR), fstatat (AT_SYMLINK_NOFOLLOW)"),
    (2, "posix_sys", "sys_at_attributes", ["sys_at_fchmodat", "sys_at_fchownat",
                                           "sys_at_faccessat", "sys_at_utimensat"],
     "fchmodat (EOPNOTSUPP on a link), fchownat (the link itself; a user's EPERM), "
     "faccessat with AT_EACCESS, utimensat with a directory fd"),
    (2, "posix_sys", "sys_ro", ["sys_ro_"],
     "read-only mounts: root remounts /home with MNT_RDONLY, statvfs has ST_RDONLY, every "
     "modifying call is EROFS, reads work; a user's mount is EPERM"),
    (2, "posix_sys", "sys_groups", ["sys_groups_"],
     "supplementary groups: setgroups/getgroups (root only: EPERM; EINVAL past NGROUPS_MAX "
     "or for a short list), kept by fork and exec (id's groups=), initgroups from "
     "/etc/group opens a group's file and allows chown to the group"),
]


def group_test(name, program, prefixes):
    """The check of one group of cases: named posix_<name>."""
    def check(t):
        case_lines(t, program, prefixes)
    check.__name__ = "posix_" + name
    return check


for _points, _program, _name, _prefixes, _title in GROUPS:
    test(_points, _title, parent=posix_files)(group_test(_name, _program, _prefixes))


@test(1, "every conformance run ends with its DONE line, 0 failed, status 0",
      parent=posix_files)
def posix_files_summary(t):
    for program in PROGRAMS:
        for user in ("root", "user"):
            t.match(outputs_of(t, run_as(program, user)),
                    r"^DONE %s \d+ passed, 0 failed$" % program, r"^status=0$")


@test(2, "mkfifo makes a FIFO (ls -l: p, the umask applied, -m exact; EEXIST)",
      parent=posix_files)
def posix_files_mkfifo(t):
    t.match(outputs_of(t, COMMANDS[0]), r"^prw-r--r-- .* /tmp/cf$",
            r"^mkfifo: /tmp/cf: File exists$", r"^status=1$")
    t.match(outputs_of(t, COMMANDS[1]), r"^prw------- .* /tmp/cf$")


@test(2, "chmod: octal and symbolic modes (u+x,go-w  a=r  u=rwx,g=rx,o=), set-uid",
      parent=posix_files)
def posix_files_chmod(t):
    t.match(outputs_of(t, COMMANDS[2]), r"^-rw-r----- .* /tmp/cm$")
    t.match(outputs_of(t, COMMANDS[3]), r"^-rwxr----- .* /tmp/cm$", r"^-r--r--r-- .* /tmp/cm$")
    t.match(outputs_of(t, COMMANDS[4]), r"^-rwxr-x--- .* /tmp/cm$", r"^-rwsr-xr-x .* /tmp/cm$")
    t.match(outputs_of(t, COMMANDS[5]), r"^chmod: invalid mode q\+z$", r"^status=2$")


@test(2, "chown owner:group and chgrp (numbers; names from /etc/passwd), a user's EPERM",
      parent=posix_files)
def posix_files_chown(t):
    t.match(outputs_of(t, COMMANDS[6]), r"^-\S+ +\d+ +100 +7 .* /tmp/cm$",
            r"^-\S+ +\d+ +100 +9 .* /tmp/cm$")
    t.match(outputs_of(t, COMMANDS[7]), r"^chown: /tmp/cm: Operation not permitted$",
            r"^status=1$")
    t.match(outputs_of(t, COMMANDS[8]), r"^chown: unknown user nosuchuser$", r"^status=2$")


@test(2, "a FIFO in the image: fsck.mfs finds it clean, mfsread.py lists it as p",
      parent=posix_files)
def posix_files_fsck(t):
    found = t.parent_value[1]
    if found["fsck_rc"] != 0 or "clean" not in found["fsck"]:
        t.fail("fsck.mfs found problems in the guest's image:\n%s" % found["fsck"])
    if not re.search(r"^p\S+ .* p$", found["ls"], re.M):
        t.fail("mfsread.py ls /tmp/keepfifo does not list the FIFO p:\n%s" % found["ls"])
