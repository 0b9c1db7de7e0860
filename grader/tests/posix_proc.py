# Processes and credentials for portable programs (handouts/vm.md, "Growing stacks";
# handouts/pm.md, "Set-user-id programs" and "Users and su"), in one boot of the root
# shell: /test/posix_stack (growing stacks, RLIMIT_STACK) as root and as user 100 (ast),
# /test/posix_setuid (set-user-id and set-group-id exec, saved ids, access() with the real
# ids, the setuid/seteuid rules), id and su with /etc/passwd and /etc/group; /test/posix_res
# (getrusage, wait4, setting the clock, issetugid, RLIMIT_FSIZE: handouts/pm.md) as root and
# as ast, and `ulimit -f` in the shell.

from grader.core import test
from grader.tests.shell import output_of, session_outputs

STACK_ROOT = "/test/posix_stack; echo status=$?"
STACK_USER = "su ast -c '/test/posix_stack; echo status=$?'"
SETUID = "/test/posix_setuid; echo status=$?"
ID = ("id; id -u; id -gn; id -un ast; id ast; su ast -c id; "
      "su - ast -c 'pwd; echo $HOME $USER $LOGNAME $PATH'; "
      "/test/posix_setuid suid-copy /bin/id /tmp/suid_id; su ast -c /tmp/suid_id; "
      "su ast -c '/tmp/suid_id -u; /tmp/suid_id -ru'; rm /tmp/suid_id")
SU_ERRORS = ("su nosuchuser; echo status=$?; su ast -c 'su -c id'; echo status=$?; "
             "/test/asuser 100 /bin/id; head -1 /etc/passwd; grep ast /etc/group")
RES_ROOT = "/test/posix_res; echo status=$?"
RES_USER = "su ast -c '/test/posix_res; echo status=$?'"
ULIMIT_F = ("(ulimit -f 1; ulimit -f; seq 1 1000 > /tmp/ulf; echo status=$?); wc -c /tmp/ulf; "
            "ulimit -f; rm /tmp/ulf")
COMMANDS = [STACK_ROOT, STACK_USER, SETUID, ID, SU_ERRORS, RES_ROOT, RES_USER, ULIMIT_F]


@test(0, "processes and credentials: posix_stack as root and as ast, posix_setuid, id, su",
      timeout=150)
def posix_proc_session(t):
    return session_outputs(t, COMMANDS, timeout=150)


def program_passed(t, command, program, cases):
    """Every case line of program in the output of command passed, DONE with no failure."""
    text = output_of(t, command)
    t.match(text, *[r"^PASS %s_%s$" % (program, c) for c in cases],
            r"^DONE %s \d+ passed, 0 failed$" % program, r"^status=0$",
            no=[r"^FAIL "])


STACK_CASES = ["default_limit", "deep_recursion", "large_locals", "read_into_new_stack",
               "handler_grows", "setrlimit_errors", "limit_segv", "limit_arrays_segv",
               "limit_kept_by_exec", "fork_copies"]


@test(6, "a stack grows on demand: deep recursion, two 256 KiB local arrays, a read(2) and "
         "a signal handler below the stack; RLIMIT_STACK 8 MiB by default, lowered it ends "
         "an overflow with SIGSEGV, exec keeps it, fork copies a grown stack (as root)",
      parent=posix_proc_session)
def posix_proc_stack_root(t):
    program_passed(t, STACK_ROOT, "posix_stack", STACK_CASES)


@test(3, "the same stack cases as the ordinary user ast (uid 100, through su); raising "
         "the hard RLIMIT_STACK is EPERM for the user", parent=posix_proc_session)
def posix_proc_stack_user(t):
    program_passed(t, STACK_USER, "posix_stack", STACK_CASES)


@test(6, "set-user-id and set-group-id programs: chmod keeps S_ISUID/S_ISGID, a set-uid root "
         "copy run by uid 100 has euid 0 and ruid 100, open() uses the effective ids and "
         "access() the real ones, seteuid drops and takes back the saved id (no user may trace it meanwhile), setuid as "
         "root sets all three, EPERM cases, a traced exec keeps its ids",
      parent=posix_proc_session)
def posix_proc_setuid(t):
    program_passed(t, SETUID, "posix_setuid",
                   ["chmod_keeps_bits", "user_rules", "exec_euid", "exec_gid_unchanged",
                    "open_effective", "access_real", "seteuid_drop", "seteuid_eperm",
                    "ptrace_saved", "seteuid_saved", "setuid_all", "uid_run", "exec_egid", "setgid_user",
                    "setegid_saved", "setgid_eperm", "gid_run", "traced_no_change",
                    "traced_run"])
    t.match(output_of(t, SETUID), r"^DONE posix_setuid_uid 9 passed, 0 failed$",
            r"^DONE posix_setuid_gid 4 passed, 0 failed$",
            r"^DONE posix_setuid_traced 1 passed, 0 failed$")


@test(4, "id prints the ids with their names from /etc/passwd and /etc/group (euid= for a "
         "set-user-id id run by ast; groups=: the supplementary groups); su becomes ast "
         "with its groups from /etc/group (su - starts in the home directory "
         "with a fresh environment); su of an unknown user and su by a non-root user fail "
         "with a message (Minnow has no passwords)", parent=posix_proc_session)
def posix_proc_users(t):
    t.match(output_of(t, ID), r"^uid=0\(root\) gid=0\(root\) groups=0\(root\)$", r"^0$",
            r"^root$", r"^ast$",
            r"^uid=100\(ast\) gid=100\(users\) groups=100\(users\),10\(staff\)$",
            r"^uid=100\(ast\) gid=100\(users\) groups=100\(users\),10\(staff\)$",
            r"^/$", r"^/ ast ast /bin$",
            r"^uid=100\(ast\) gid=100\(users\) euid=0\(root\) "
            r"groups=100\(users\),10\(staff\)$", r"^0$", r"^100$")
    t.match(output_of(t, SU_ERRORS), r"^su: nosuchuser: no such user$", r"^status=1$",
            r"^su: Operation not permitted \(Minnow has no passwords: only root may su\)$",
            r"^status=1$", r"^uid=100\(ast\) gid=0\(root\) groups=0\(root\)$",
            r"^root:\*:0:0:System Administrator:/:/bin/sh$", r"^users:\*:100:ast$")


RES_COMMON = ["getrusage_efault", "getrusage_bad_pointer", "maxrss", "children_maxrss",
              "wait4", "wait4_efault", "wait4_efault_kept", "wait4_efault_late",
              "wait4_efault_late_kept", "wait3", "settime_clock", "issetugid_plain",
              "cuserid", "fsize_default", "fsize_ignored", "fsize_caught", "fsize_kills",
              "fsize_inherited", "fsize_errors"]


@test(4, "getrusage: EFAULT for a bad pointer, a nonzero ru_maxrss that grows, the children's; "
         "wait4/wait3 with the child's rusage, EFAULT keeps the child; RLIMIT_FSIZE: a write "
         "stops at the limit, then SIGXFSZ and EFBIG (caught, ignored, default kills), truncate "
         "EFBIG, fork and exec keep it; cuserid; issetugid (as root)",
      parent=posix_proc_session)
def posix_proc_res_root(t):
    program_passed(t, RES_ROOT, "posix_res",
                   RES_COMMON + ["settime_nsec", "settime_nsec_negative", "settime",
                                 "adjtime", "settimeofday", "stime", "issetugid_setuid",
                                 "issetugid_suid"])


@test(2, "the same resource cases as the user ast; setting the clock is EPERM, raising the "
         "hard RLIMIT_FSIZE is EPERM", parent=posix_proc_session)
def posix_proc_res_user(t):
    program_passed(t, RES_USER, "posix_res", RES_COMMON + ["settime_eperm"])


@test(1, "ulimit -f 1 in a subshell: seq dies of SIGXFSZ after 512 bytes (status 153, the "
         "shell names the signal); the parent shell stays unlimited", parent=posix_proc_session)
def posix_proc_ulimit_f(t):
    t.match(output_of(t, ULIMIT_F), r"^1$", r"File size limit exceeded", r"^status=153$",
            r"^\s*512 /tmp/ulf$", r"^unlimited$")
