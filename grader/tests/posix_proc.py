# Processes and credentials for portable programs (handouts/vm.md, "Growing stacks";
# handouts/pm.md, "Set-user-id programs" and "Users and su"), in one boot of the root
# shell: /test/posix_stack (growing stacks, RLIMIT_STACK) as root and as user 100 (ast),
# /test/posix_setuid (set-user-id and set-group-id exec, saved ids, access() with the real
# ids, the setuid/seteuid rules), id and su with /etc/passwd and /etc/group.

from grader.core import test
from grader.tests.shell import output_of, session_outputs

STACK_ROOT = "/test/posix_stack; echo status=$?"
STACK_USER = "su ast -c '/test/posix_stack; echo status=$?'"
SETUID = "/test/posix_setuid; echo status=$?"
ID = "id; id -u; id -gn; id ast; su ast -c id; su - ast -c 'pwd; echo $HOME $USER'"
SU_ERRORS = ("su nosuchuser; echo status=$?; su ast -c 'su -c id'; echo status=$?; "
             "/test/asuser 100 /bin/id; head -1 /etc/passwd; grep ast /etc/group")
COMMANDS = [STACK_ROOT, STACK_USER, SETUID, ID, SU_ERRORS]


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
