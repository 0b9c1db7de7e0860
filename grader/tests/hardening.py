# Hardening: bad input and privileges, in one boot of the root shell.
#
# Least privilege for user processes (handouts/ipc.md, "Privileges"): /test/ipc_reach as
# root and as the ordinary user ast (uid 100).  A user process
# may send only to the system processes that system.conf opens to users (PM, VFS, DS, the
# ping test service) and to RS and VM; everything else is ECALLDENIED from the kernel at
# once; the servers it reaches answer unknown types and a NOTIFY_MESSAGE type; SYS_DIAGCTL
# and SYS_EXIT are no longer a user's.
# A typed line longer than tty's input queue (handouts/tty.md, "The line discipline") is cut
# short and still ends: the shell runs it and the next command.

from grader.core import test
from grader.tests.shell import output_of, session_outputs

ROOT = "/test/ipc_reach; echo status=$?"
USER = "su ast -c '/test/ipc_reach; echo status=$?'"
LONG = "echo " + "x" * 300
AFTER = "echo after the long line"
CASES = (["%s_%s" % (s, w) for s in ("pm", "vfs", "rs", "ds", "vm")
          for w in ("unknown", "notify_type")] +
         ["%s_denied" % d for d in ("tty", "memory", "mfs", "pfs", "log", "hello",
                                     "diagctl", "exit")])


@test(0, "hardening: /test/ipc_reach as root and as ast, a line longer than tty's queue",
      timeout=90)
def privileges_session(t):
    return session_outputs(t, [ROOT, USER, LONG, AFTER], timeout=90)


def reach_passed(t, command):
    t.match(output_of(t, command), *[r"^PASS reach_%s$" % c for c in CASES],
            r"^DONE ipc_reach %d passed, 0 failed$" % len(CASES), r"^status=0$",
            no=[r"^FAIL ", r"^panic"])


@test(5, "a user process (root's shell included) reaches only PM, VFS, RS, DS and VM, which "
         "answer an unknown type and a NOTIFY_MESSAGE type with a refusal; tty, memory, MFS, "
         "PFS, log and hello are ECALLDENIED by the kernel at once; SYS_DIAGCTL and SYS_EXIT "
         "are denied", parent=privileges_session)
def privileges_root(t):
    reach_passed(t, ROOT)


@test(3, "the same as the ordinary user ast (uid 100)", parent=privileges_session)
def privileges_user(t):
    reach_passed(t, USER)


@test(2, "a typed line longer than tty's 256-byte input queue is cut to 255 bytes and still "
         "ends: the shell runs it (echo prints 250 x) and then the next command",
      parent=privileges_session)
def tty_long_line(t):
    t.match(output_of(t, LONG), r"^x{250}$")
    t.match(output_of(t, AFTER), r"^after the long line$")
