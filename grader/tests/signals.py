# Tests of signal handlers through the root shell (handouts/pm.md, "Signal handlers"):
# /test/sigtest (commands/testprogs/sigtest.c) runs each case in the booted system and
# prints one line per case; the children below check them one by one.  The storm case
# sends 1000 signals, each acknowledged, at a process that keeps calling PM and VFS: every
# signal must run its handler exactly once and every call be answered right.  A case that
# hangs is ended by sigtest's watchdog, whose FAILED line ends the session at once; a hang
# that keeps even the watchdog from running ends it 10 s after the watchdog's limit.


import re
import time

from grader.core import test
from grader.match import CheckFailure
from grader.qemu import Prompt
from grader.tests.recovery import flags_of
from grader.tests.shell import PROMPT, output_of, session

SIGTEST = "/test/sigtest; echo status=$?"
# What sigtest prints as a case starts, and what its watchdog prints before it kills
# sigtest (commands/testprogs/sigtest.c).
CASE_START = r"^sigtest: \S+: start \(watchdog (\d+) s\)$"
WATCHDOG = r"^sigtest: \S+ FAILED: still running after \d+ s \(watchdog\)$"
KILL_L = "kill -l"
KILL_USR1 = "sh -c 'kill -USR1 $$'; echo status=$?"
TRAPS = [
    "trap 'echo caught USR1' USR1; kill -USR1 $$; echo after-kill",
    "trap; echo listed",
    "trap - USR1; trap; echo listed-again",
    "sh -c 'trap \"echo got TERM; exit 3\" TERM; kill -TERM $$; echo not-reached'; "
    "echo status=$?",
    "sh -c 'trap \"echo bye\" EXIT; echo hi'",
    "trap x FOO; echo status=$?; trap x KILL; echo status=$?; trap USR1; echo status=$?",
]


# Job control: a foreground job that says "sleeping" once it runs, stopped with ^Z.
SLEEPER = "sh -c 'echo sleeping; exec sleep 100000'"


def typed(q, command, wait_for=None, timeout=30):
    """Type command (wait_for: a line to wait for instead of the prompt); its output."""
    start = len(q.output)
    q.send_line(command)
    if wait_for:
        q.wait_for(wait_for, timeout=timeout)
    else:
        q.wait_prompt(PROMPT, timeout=timeout)
    return q.output[start:]


def run_sigtest(q):
    """Type SIGTEST; its output.  A hung case fails the session at its watchdog line, or
    (no line at all) 10 s after its watchdog's limit."""
    start = len(q.output)
    q.send_line(SIGTEST)
    limit = 30                          # until the first case starts
    while True:
        index, m = q.wait_any([Prompt(PROMPT), WATCHDOG, CASE_START], timeout=limit)
        if index == 0:
            return q.output[start:]
        if index == 1:
            raise CheckFailure("/test/sigtest hung: %s\n%s" % (m.group(0),
                                                                q.output[start:]))
        limit = int(m.group(1)) + 10


def job_control(q):
    """^Z, jobs, ps, bg, fg, ^C on the running shell: the outputs by step."""
    v = {"start": typed(q, SLEEPER, r"^sleeping$")}
    time.sleep(2)                       # let sh -c exec sleep
    start = len(q.output)
    q.send("\x1a")                       # ^Z
    q.wait_prompt(PROMPT, timeout=30)
    v["stop"] = q.output[start:]
    v["status"] = typed(q, "echo status=$?")
    v["jobs"] = typed(q, "jobs; ps | grep -c ' T .*sleep'")
    v["bg"] = typed(q, "bg; jobs")
    v["ps_bg"] = typed(q, "ps | grep -c ' S .*sleep'")
    v["fg"] = typed(q, "fg", r"^sh -c 'echo sleeping; exec sleep 100000'$")
    start = len(q.output)
    q.send("\x03")                       # ^C to the job in the foreground again
    q.wait_prompt(PROMPT, timeout=30)
    v["intr"] = q.output[start:] + typed(q, "echo status=$?; jobs; echo jobs-done")
    v["bad"] = typed(q, "fg; echo status=$?; bg %7; echo status=$?")
    return v


def background_tty(q):
    """A background reader of the terminal: stopped by SIGTTIN, then read in the
    foreground; one that ignores SIGTTIN gets EIO.  The outputs by step."""
    v = {"bg": typed(q, "cat &"), "jobs": typed(q, "sleep 1; jobs")}
    v["fg"] = typed(q, "fg", r"^cat$")
    time.sleep(1)
    start = len(q.output)
    q.send_line("typed-to-cat")
    q.wait_for(r"^typed-to-cat$(?s:.*)^typed-to-cat$", timeout=30)   # echo, then cat's copy
    q.send("\x04")                       # ^D: cat ends
    q.wait_prompt(PROMPT, timeout=30)
    v["read"] = q.output[start:]
    v["ignored"] = typed(q, "sh -c 'trap \"\" TTIN; exec cat' & sleep 1; jobs")
    v["tostop"] = typed(q, "stty tostop; stty; sh -c 'echo bg-write' & sleep 1; jobs")
    v["tostop_fg"] = typed(q, "stty -tostop; stty; fg; stty nonsense; echo status=$?")
    return v


def service_signals(q):
    """Root's and a user's signals to a service: the outputs by step."""
    typed(q, "echo 'service psig { users yes; };' > /tmp/sig.conf")
    v = {"up": typed(q, "service up /service/ping -label psig -args psig -config /tmp/sig.conf")}
    m = re.search(r"^psig: endpoint \d+, pid (\d+)$", typed(q, "service lookup psig"), re.M)
    if not m:
        raise CheckFailure("service lookup psig gave no pid")
    pid = int(m.group(1))
    v["usr1"] = typed(q, "kill -USR1 %d; echo status=$?; sleep 1" % pid)
    v["segv"] = typed(q, "kill -SEGV %d; echo status=$?" % pid)
    v["user"] = typed(q, "/test/asuser 100 /bin/kill -9 %d; echo status=$?" % pid)
    v["status"] = typed(q, "service status | grep '^psig '; service down psig")
    return v


@test(0, "boot and run /test/sigtest, kill and job control (^Z, jobs, bg, fg) from the "
         "root shell", timeout=240)
def signals_session(t):
    q, outputs = session(t, [], timeout=240)
    for command in [SIGTEST, KILL_L, KILL_USR1] + TRAPS:
        if command == SIGTEST:
            text = run_sigtest(q)
        else:
            text = typed(q, command, timeout=60)   # a hang fails in 60 s, not 240
        outputs.append((command, text[:text.rfind("# ")]))
    jobs = job_control(q)
    tty = background_tty(q)
    services = service_signals(q)
    q.stop()
    return outputs + [("jobs", jobs), ("tty", tty), ("services", services)]


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
    (3, "restart", "SA_RESTART: an interrupted pipe read and waitpid go on after the "
                   "handler; select is never made again (EINTR)"),
    (5, "storm", "1000 signals at a process hammering PM and VFS: every handler run "
                 "counted, no call lost or answered wrong"),
    (4, "alarm", "alarm and pause; a periodic setitimer fires again and again; a child does "
                 "not inherit the timer; SIGALRM's default action ends a process; bad timers "
                 "are EINVAL"),
    (4, "stop", "SIGSTOP stops a child (waitpid WUNTRACED reports it once); it runs nothing, "
                "not even a handler, until SIGCONT; SIGSTOP cannot be caught; SIGKILL ends "
                "a stopped process"),
    (2, "sigreturn", "a (signo, code, scp) handler that longjmps inside itself and leaves "
                     "with sigreturn(scp) resumes the interrupted code (SIGPWR; SIGIOT, "
                     "_NSIG)"),
    (3, "vtimer", "ITIMER_VIRTUAL and ITIMER_PROF count the process's own time: periodic "
                  "SIGVTALRM and SIGPROF while it computes, none while it sleeps; a zero "
                  "value stops the timer; 10^9 s is EINVAL"),
    (2, "spinner", "a handler installed with signal() before fork reaches a child that "
                   "only computes (no call), 20 times, the signal sent at once or after a "
                   "few ticks"),
    (3, "bad", "bad input: SIGKILL and signal 99 cannot be caught (EINVAL); a frame that "
               "does not fit kills with SIGSEGV, the system lives on"),
]
# What a case prints besides its "ok" line.
EXTRA = {
    "storm": [r"^sigtest: storm: 1000 signals, \d+ rounds of calls$"],
    "bad": [r"^sigtest: %d ok, 0 failed$" % len(CASES), r"^status=0$"],
}


# The cases that prove the runctl lab (handouts/pm.md, "The runctl lab"): every one needs
# a process stopped outside its sends.
RUNCTL = {"raise", "suspend", "eintr", "storm", "stop"}


def case_test(name):
    """The check of sigtest's case name."""
    def check(t):
        t.match(output_of(t, SIGTEST), r"^sigtest: %s ok$" % name, *EXTRA.get(name, []),
                no=[r"^sigtest: %s FAILED" % name])
    check.__name__ = "signals_" + name
    return check


for _points, _name, _title in CASES:
    test(_points, _title, parent=signals_session,
         lab="runctl" if _name in RUNCTL else None)(case_test(_name))


@test(2, "kill -l lists the names (USR1 30, ALRM 14); kill -USR1 by name; the shell names "
         "the signal a job died of", parent=signals_session)
def signals_names(t):
    t.match(output_of(t, KILL_L), r"^ 9 KILL$", r"^14 ALRM$", r"^30 USR1$", r"^31 USR2$")
    t.match(output_of(t, KILL_USR1), r"^User defined signal 1 \(SIGUSR1, signal 30\)$",
            r"^status=158$")


@test(5, "job control: ^Z stops the foreground job ([1]+ Stopped (SIGTSTP), $? 146, ps "
         "shows T), "
         "bg continues it in the background, fg brings it back and ^C ends it; fg and bg "
         "without a job say so", parent=signals_session, lab="runctl")
def signals_job_control(t):
    v = dict(t.parent_value)["jobs"]
    text = r"sh -c 'echo sleeping; exec sleep 100000'"
    t.match(v["stop"], r"^\^Z$", r"^\[1\]\+ Stopped \(SIGTSTP\)  %s$" % text)
    t.match(v["status"], r"^status=146$")      # 128 + SIGTSTP (18)
    t.match(v["jobs"], r"^\[1\]\+ Stopped \(SIGTSTP\)  %s$" % text, r"^1$")
    t.match(v["bg"], r"^\[1\] %s &$" % text, r"^\[1\] Running  %s$" % text)
    t.match(v["ps_bg"], r"^1$")
    t.match(v["intr"], r"^Interrupt \(SIGINT, signal 2\)$", r"^status=130$", r"^jobs-done$",
            no=[r"^\[1\]"])
    t.match(v["bad"], r"^sh: fg: current: no such job$", r"^status=1$",
            r"^sh: bg: %7: no such job$", r"^status=1$")


@test(3, "a background job that reads the terminal is stopped by SIGTTIN and reads once "
         "brought to the foreground; one that ignores SIGTTIN gets EIO; with stty tostop a "
         "background writer is stopped by SIGTTOU and writes after fg",
         parent=signals_session)
def signals_tty_background(t):
    v = dict(t.parent_value)["tty"]
    t.match(v["jobs"], r"^\[1\]\+ Stopped \(SIGTTIN\)  cat$")
    t.match(v["read"], r"^typed-to-cat$", r"^typed-to-cat$")
    t.match(v["ignored"], r"^cat: stdin: Input/output error$", no=[r"Stopped"])
    t.match(v["tostop"], r"^icanon isig echo echoe tostop icrnl opost$",
            r"^\[1\]\+ Stopped \(SIGTTOU\)  sh -c 'echo bg-write'$", no=[r"^bg-write$"])
    t.match(v["tostop_fg"], r"^icanon isig echo echoe -tostop icrnl opost$", r"^bg-write$",
            r"^stty: unknown setting 'nonsense'$", r"^status=1$")


@test(4, "trap: an action runs after the command the signal interrupted; trap lists, - "
         "resets; a script's TERM trap exits with its status; EXIT runs at the end; bad "
         "signals, KILL and a missing signal are errors", parent=signals_session)
def signals_trap(t):
    t.match(output_of(t, TRAPS[0]), r"^caught USR1$", r"^after-kill$")
    t.match(output_of(t, TRAPS[1]), r"^trap -- 'echo caught USR1' USR1$", r"^listed$")
    t.match(output_of(t, TRAPS[2]), r"^listed-again$", no=[r"USR1"])
    t.match(output_of(t, TRAPS[3]), r"^got TERM$", r"^status=3$", no=[r"not-reached"])
    t.match(output_of(t, TRAPS[4]), r"^hi$", r"^bye$")
    t.match(output_of(t, TRAPS[5]), r"^sh: trap: FOO: bad signal$", r"^status=1$",
            r"^sh: trap: KILL: cannot be trapped$", r"^status=1$",
            r"^sh: trap: usage: trap \[ACTION \| -\] SIGNAL\.\.\.$", r"^status=2$")


@test(3, "signals to a service: root's SIGUSR1 reaches its SEF signal callback (no restart); "
         "root's SIGSEGV and a user's SIGKILL are EPERM", parent=signals_session)
def signals_services(t):
    v = dict(t.parent_value)["services"]
    t.match(v["usr1"], r"^ping psig: signal 30$", r"^status=0$")
    t.match(v["segv"], r"^kill: \d+: Operation not permitted$", r"^status=1$")
    t.match(v["user"], r"^kill: \d+: Operation not permitted$", r"^status=1$")
    restarts, _ = flags_of(v["status"], "psig")
    if restarts != 0:
        t.fail("psig was restarted %d times by signals that are not lethal or refused"
               % restarts)
