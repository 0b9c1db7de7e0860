# ptrace conformance (handouts/ptrace.md): /test/ptracetest (commands/testprogs/ptracetest.c
# and ptraceproc.c) runs its cases in one boot, in three commands so that a hang or a
# failure names its group; each case prints "ptracetest: CASE PASS" or "... FAIL: why",
# and the children below check them one by one.  A case that hangs is killed by the
# program's own watchdog after 10 s (a FAIL line), so one hang cannot eat the boot's time.

from grader.core import test
from grader.tests.shell import PROMPT, output_of, session

# The cases, in the groups of the three commands.
GROUPS = [
    ["exec", "memory", "breakpoint", "regs", "range", "step", "syscall", "sysregs"],
    ["signals", "exit", "errors", "fork"],
    ["attach", "death", "tracerdeath", "uid"],
]
COMMANDS = ["/test/ptracetest %s; echo status=$?" % " ".join(g) for g in GROUPS]
BAD_NAME = "/test/ptracetest nosuch; echo status=$?"


def typed(q, command, timeout):
    """Type command; its output up to the next prompt."""
    start = len(q.output)
    q.send_line(command)
    q.wait_prompt(PROMPT, timeout=timeout)
    text = q.output[start:]
    return text[:text.rfind("# ")]


@test(0, "boot and run /test/ptracetest's cases in three groups", timeout=300)
def ptrace_session(t):
    q, outputs = session(t, [], timeout=300)
    for command, cases in zip(COMMANDS + [BAD_NAME], GROUPS + [[]]):
        # each case's watchdog ends it within 10 s
        outputs.append((command, typed(q, command, timeout=20 + 11 * len(cases))))
    q.stop()
    return outputs


# (points, case, title): one child test per case, named ptrace_<case>.
CASES = [
    (3, "exec", "T_OK: a successful exec stops the tracee with SIGTRAP before its first "
                "instruction (SIGSTOP with TO_ALTEXEC, no stop with TO_NOEXEC); T_OK twice "
                "is EBUSY; T_SETOPT of an unknown option is EINVAL"),
    (2, "memory", "T_GETINS/T_GETDATA read words (-1 too, errno 0); T_SETDATA changes the "
                  "tracee's variable, not the tracer's; unmapped addresses are EFAULT"),
    (3, "breakpoint", "T_SETINS plants int3 in the tracee's text only; it stops there with "
                      "SIGTRAP; the byte and EIP put back (T_SETUSER), it runs on right"),
    (3, "regs", "T_GETUSER reads sane registers; EAX and EFLAGS set with T_SETUSER are what "
                "the tracee sees; segment registers and unaligned offsets are EFAULT"),
    (2, "range", "T_GETRANGE/T_SETRANGE copy data and text both ways (text written only in "
                 "the tracee); bad space or size is EINVAL, a bad address on either side "
                 "EFAULT"),
    (3, "step", "T_STEP runs one instruction: one SIGTRAP per step, EIP moves"),
    (4, "syscall", "T_SYSCALL: entries and leaves alternate; an entry is a SENDREC whose "
                   "message names the call (PM_GETPID to PM), its leave carries the reply; "
                   "exec's stops come in order; the last stop is exit's entry"),
    (2, "sysregs", "T_SYSCALL: registers changed at an entry make the call (EAX set to no IPC "
                   "call fails); T_RESUME from an entry runs the call without a leave stop"),
    (4, "signals", "a signal to a tracee stops it for the tracer, not run until passed on; "
                   "0 drops it; two held signals are reported one per stop, none lost or "
                   "doubled; a bad signal is EINVAL"),
    (2, "exit", "T_EXIT ends the tracee with the tracer's status"),
    (3, "errors", "ESRCH for a process not traced by the caller, EBUSY for a running "
                  "tracee, EINVAL for T_STOP, request 99 and bad signals"),
    (3, "fork", "TO_TRACEFORK: the tracee's child is traced too and starts stopped with "
                "SIGSTOP, reported to the tracer; without it a child is not traced"),
    (3, "attach", "T_ATTACH stops a process with SIGSTOP, a second is EBUSY, T_DETACH lets "
                  "it run on (twice) with its held signals and the one posted; EPERM for "
                  "oneself, PM, VM, RS and VFS, ESRCH for no process; root may attach init, "
                  "and a service (hello: stopped, T_EXIT EPERM, serves again after "
                  "T_DETACH)"),
    (3, "death", "a tracee's stops are its tracer's (with SIGCHLD), not its parent's; its "
                 "death is reported to its tracer before its parent can collect it"),
    (3, "tracerdeath", "a tracer's death detaches its tracee: its held signal is handled and "
                       "it exits normally; a tracee dead and uncollected goes to its parent"),
    (2, "uid", "a non-root tracer may not attach to root's process, another group's "
               "or a service (EPERM), but may to its own"),
]


def group_of(name):
    """The command of the group that runs case name."""
    return next(c for c, g in zip(COMMANDS, GROUPS) if name in g)


def case_test(name):
    """The check of ptracetest's case name."""
    def check(t):
        t.match(output_of(t, group_of(name)), r"^ptracetest: %s PASS$" % name,
                no=[r"^ptracetest: %s FAIL" % name])
    check.__name__ = "ptrace_" + name
    return check


# The cases that prove the ptrace lab (handouts/ptrace.md, "The ptrace lab"): system-call
# stops, attach, resume and detach.
LAB = {"syscall", "sysregs", "signals", "attach", "errors", "tracerdeath", "uid"}

for _points, _name, _title in CASES:
    test(_points, _title, parent=ptrace_session,
         lab="ptrace" if _name in LAB else None)(case_test(_name))


@test(1, "ptracetest's summaries: each group's count, its exit status the number of "
         "failures (1 for an unknown case)", parent=ptrace_session)
def ptrace_summary(t):
    for command, cases in zip(COMMANDS, GROUPS):
        t.match(output_of(t, command), r"^ptracetest: %d passed, 0 failed$" % len(cases),
                r"^status=0$")
    t.match(output_of(t, BAD_NAME), r"^ptracetest: nosuch FAIL: no such case$",
            r"^ptracetest: 0 passed, 1 failed$", r"^status=1$")
