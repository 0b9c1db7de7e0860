# Tests of signal handlers through the root shell (handouts/pm.md, "Signal handlers"):
# /test/sigtest (commands/testprogs/sigtest.c) runs each case in the booted system and
# prints one line per case; the children below check them one by one.  The storm case
# sends 1000 signals, each acknowledged, at a process that keeps calling PM and VFS: every
# signal must run its handler exactly once and every call be answered right.

from grader.core import test
from grader.tests.shell import output_of, session_outputs

SIGTEST = "/test/sigtest; echo status=$?"
KILL_L = "kill -l"
KILL_USR1 = "sh -c 'kill -USR1 $$'; echo status=$?"


@test(0, "boot and run /test/sigtest from the root shell", timeout=240)
def signals_session(t):
    return session_outputs(t, [SIGTEST, KILL_L, KILL_USR1], timeout=240)


# (points, case, title): one child test per case of sigtest, named signals_<case>.
CASES = [
    (4, "raise", "a handler runs once on raise, with its signal blocked, and returns to the "
                 "exact interrupted state (mask and locals)"),
    (3, "pending", "a blocked signal is pending (sigpending) and runs once when unblocked"),
    (3, "flags", "SA_NODEFER nests the handler; SA_RESETHAND makes the second signal kill"),
    (3, "suspend", "sigsuspend waits with its mask until a handler ran: EINTR, the old mask "
                   "back"),
    (4, "eintr", "a signal ends a pipe read waiting in VFS and a waitpid waiting in PM with "
                 "EINTR"),
    (5, "storm", "1000 signals at a process hammering PM and VFS: every handler run "
                 "counted, no call lost or answered wrong"),
    (4, "alarm", "alarm and pause; a periodic setitimer fires again and again; a child does "
                 "not inherit the timer; SIGALRM's default action ends a process; bad timers "
                 "are EINVAL"),
    (4, "stop", "SIGSTOP stops a child (waitpid WUNTRACED reports it once); it runs nothing, "
                "not even a handler, until SIGCONT; SIGSTOP cannot be caught; SIGKILL ends "
                "a stopped process"),
    (3, "bad", "bad input: SIGKILL and signal 99 cannot be caught (EINVAL); a frame that "
               "does not fit kills with SIGSEGV, the system lives on"),
]
# What a case prints besides its "ok" line.
EXTRA = {
    "storm": [r"^sigtest: storm: 1000 signals, \d+ rounds of calls$"],
    "bad": [r"^sigtest: %d ok, 0 failed$" % len(CASES), r"^status=0$"],
}


def case_test(name):
    """The check of sigtest's case name."""
    def check(t):
        t.match(output_of(t, SIGTEST), r"^sigtest: %s ok$" % name, *EXTRA.get(name, []),
                no=[r"^sigtest: %s FAILED" % name])
    check.__name__ = "signals_" + name
    return check


for _points, _name, _title in CASES:
    test(_points, _title, parent=signals_session)(case_test(_name))


@test(2, "kill -l lists the names (USR1 30, ALRM 14); kill -USR1 by name; the shell names "
         "the signal a job died of", parent=signals_session)
def signals_names(t):
    t.match(output_of(t, KILL_L), r"^ 9 KILL$", r"^14 ALRM$", r"^30 USR1$", r"^31 USR2$")
    t.match(output_of(t, KILL_USR1), r"^User defined signal 1 \(SIGUSR1, signal 30\)$",
            r"^status=158$")
