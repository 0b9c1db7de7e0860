# Tests of crash recovery: RS restarts a service `service up` started when it dies (exit,
# fault, panic, root's kill -9) from a replica under the same endpoint and pid, first at
# once, then with a capped exponential back-off;
# `-n` is not restarted and `service down` stops it for good (handouts/rs.md, "Crash
# recovery").  Everything is typed into the real root shell; /test/pingreq finds ping
# with RS_LOOKUP and sends it a request (or the request that makes it exit, panic or fault).
#
# One parent (restart_session) types a script whose commands depend on earlier answers
# (the pid to kill comes from `service lookup`); children check its recorded outputs.
# Fixed sleeps appear only where the test checks that something does NOT happen (no
# restart) or lets the back-off run; everything else waits for the prompt.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import PROMPT, free_pages

KILLS = 20          # consecutive kill -9 of one service


class Session:
    """The running boot and the (command, output) pairs typed so far."""

    def __init__(self, t, timeout):
        self.q = t.launch(timeout=timeout)
        self.q.wait_prompt(PROMPT)
        self.outputs = []

    def run(self, command, timeout=None):
        """Type command, wait for the prompt (at most timeout seconds, else the
        session's), record and return its output."""
        start = len(self.q.output)
        self.q.send_line(command)
        self.q.wait_prompt(PROMPT, timeout)
        text = self.q.output[start:]
        text = text[:text.rfind("# ")]
        if re.search(r"^sh: \S+: not found$", text, re.M):
            raise CheckFailure("the shell could not find a command of %r:\n%s"
                               % (command, text))
        self.outputs.append((command, text))
        return text


def lookup(s, label):
    """(endpoint, pid) of label from `service lookup`."""
    text = s.run("service lookup %s" % label)
    m = re.search(r"^%s: endpoint (\d+), pid (\d+)$" % label, text, re.M)
    if not m:
        raise CheckFailure("service lookup %s gave:\n%s" % (label, text))
    return int(m.group(1)), int(m.group(2))


# The test labels' privileges (handouts/rs.md, "system.conf"): the basic calls only, in a
# file the shell writes, read with -config.
CONF = " ".join("service %s{users yes;};" % label for label in ("pk", "pn", "pc", "pb"))


def script(s):
    """The whole session; returns a dict of named outputs for the children."""
    s.run("echo '%s' > /tmp/r.conf" % CONF)
    v = {"free0": s.run("free")}
    v["up"] = s.run("service up /service/ping -label pk -args pk -config /tmp/r.conf; "
                    "echo status=$?")
    v["ask0"] = s.run("/test/pingreq pk; echo status=$?")
    v["ep0"], v["pid0"] = lookup(s, "pk")
    v["eperm_user"] = s.run("/test/asuser 7 /bin/kill -9 %d; echo status=$?" % v["pid0"])
    v["eperm_segv"] = s.run("kill -SEGV %d; echo status=$?" % v["pid0"])
    v["kill"] = s.run("kill -9 %d; echo status=$?" % v["pid0"])
    v["ask1"] = s.run("/test/pingreq -w pk; echo status=$?")
    v["ep1"], v["pid1"] = lookup(s, "pk")
    v["ds1"] = s.run("sysinfo -d | grep '^pk '")
    v["status1"] = s.run("service status")
    for how in ("exit", "panic", "fault"):
        v[how] = s.run("/test/pingreq pk %s; /test/pingreq -w pk; echo status=$?" % how)
    v["status2"] = s.run("service status")
    v["storm_up"] = s.run("service up /service/ping -label pb -args pb -b -config /tmp/r.conf; "
                          "echo status=$?")
    v["storm_pid"], v["storm"] = lookup(s, "pb")[1], []
    for i in range(KILLS):
        pid_now = lookup(s, "pb")[1]
        text = s.run("kill -9 %d; /test/pingreq -w pb; echo status=$?" % pid_now)
        v["storm"].append((pid_now, text))
    v["status3"] = s.run("service status")
    v["storm_down"] = s.run("service down pb; echo status=$?")
    v["noauto_up"] = s.run("service up /service/ping -label pn -args pn -n "
                           "-config /tmp/r.conf; echo status=$?")
    v["noauto_ep"], v["noauto_pid"] = lookup(s, "pn")
    v["noauto_kill"] = s.run("kill -9 %d; sleep 2; service lookup pn; echo status=$?; "
                             "sysinfo -d | grep -c '^pn '" % v["noauto_pid"])
    v["crash_up"] = s.run("service up /service/ping -label pc -args 'pc crashrestart' "
                          "-config /tmp/r.conf; echo status=$?")
    v["crash_kill"] = s.run("kill -9 %d; sleep 14; service status" % lookup(s, "pc")[1])
    for _ in range(5):
        v["crash_down"] = s.run("service down pc; echo status=$?")
        if "status=0" in v["crash_down"]:
            break
        s.run("sleep 1")
    v["crash_after"] = s.run("sleep 6; service lookup pc; echo status=$?")
    v["down"] = s.run("service down pk; echo status=$?")
    v["down_after"] = s.run("sleep 3; service lookup pk; echo status=$?")
    v["free1"] = s.run("free")
    v["end"] = s.run("echo hello | cat; ps")
    return v


def run_session(t, script_of, timeout):
    """Boot, run script_of(session), stop: its dict, with every output under "all"."""
    s = Session(t, timeout)
    v = script_of(s)
    v["all"] = "".join(text for _, text in s.outputs)
    s.q.stop()
    return v


@test(0, "crash recovery: kill -9, exit, panic, fault, -n, back-off, down, through the "
         "root shell", timeout=600)
def restart_session(t):
    return run_session(t, script, 600)


@test(5, "kill -9 by root: RS restarts the service at once from a replica swapped in "
         "with SEF_INIT_RESTART, keeping its endpoint and pid and its DS label; a request "
         "answered",
      parent=restart_session)
def restart_kill9(t):
    v = t.parent_value
    t.match(v["up"], r"^service pk up: endpoint \d+, pid \d+$", r"^status=0$")
    t.match(v["ask0"], r"^pingreq pk: endpoint %d answered 1$" % v["ep0"], r"^status=0$")
    t.match(v["kill"] + v["ask1"], r"^status=0$",
            r"^rs: service pk \(endpoint %d\) died of signal 9$" % v["ep0"],
            r"^rs: restarting pk \(restart 1\)$",
            r"^rs: pk: new replica \(pid \d+\) swapped in, endpoint %d, pid %d$"
            % (v["ep0"], v["pid0"]),
            r"^ping pk: init restart, endpoint %d, old endpoint %d$" % (v["ep0"], v["ep0"]),
            r"^rs: service pk restarted, endpoint %d, pid %d \(restart 1\)$"
            % (v["ep1"], v["pid1"]),
            r"^pingreq pk: endpoint %d answered 1$" % v["ep1"],
            no=[r"^rs: pk restarts in"])
    if v["ep1"] != v["ep0"] or v["pid1"] != v["pid0"]:
        t.fail("the restarted pk has endpoint %d / pid %d, not %d / %d: the replica was not "
               "swapped in under the old endpoint" % (v["ep1"], v["pid1"], v["ep0"], v["pid0"]))
    t.match(v["ds1"], r"^pk\s+label\s+rs\s+%d$" % v["ep1"])
    t.match(v["status1"], r"^pk\s+%d\s+%d\s+1\s+0\s+sys active $" % (v["ep1"], v["pid1"]))


@test(3, "a user's kill -9 of a service and root's SIGSEGV (a signal lethal to a system "
         "process) are refused with EPERM, and the service is not restarted",
      parent=restart_session)
def restart_kill_eperm(t):
    v = t.parent_value
    t.match(v["eperm_user"], r"^kill: %d: Operation not permitted$" % v["pid0"],
            r"^status=1$", no=[r"^rs: "])
    t.match(v["eperm_segv"], r"^kill: %d: Operation not permitted$" % v["pid0"],
            r"^status=1$", no=[r"^rs: "])


@test(4, "a service that exits, panics or faults after its init is restarted and answers",
      parent=restart_session)
def restart_exit_panic_fault(t):
    v = t.parent_value
    signals = {"exit": r"6 \(SIGABRT: it ended itself with sys_exit\)",
               "panic": r"6 \(SIGABRT: it ended itself with sys_exit\)", "fault": "8"}
    for n, how in enumerate(("exit", "panic", "fault")):
        t.match(v[how], r"^pingreq pk: sent %s to endpoint \d+: no answer \(-\d+\)$" % how,
                r"^rs: service pk \(endpoint \d+\) died of signal %s$" % signals[how],
                r"^rs: restarting pk \(restart %d\)$" % (n + 2),
                r"^rs: service pk restarted, endpoint \d+, pid \d+ \(restart %d\)$" % (n + 2),
                r"^pingreq pk: endpoint \d+ answered 1$", r"^status=0$")
    t.match(v["panic"], r"panic.*ping pk: panic on request")
    t.match(v["status2"], r"^pk\s+\d+\s+\d+\s+4\s+0\s+sys active $")


@test(5, "%d consecutive kill -9 of a service up with -b (no back-off): each restarts it at "
         "once, and it answers; its pid stays the same, the count reaches %d, no memory is "
         "lost" % (KILLS, KILLS), parent=restart_session)
def restart_storm(t):
    v = t.parent_value
    t.match(v["storm_up"], r"^service pb up: endpoint \d+, pid \d+$", r"^status=0$")
    pids = set()
    for i, (pid, text) in enumerate(v["storm"]):
        t.match(text, r"^rs: restarting pb \(restart %d\)$" % (i + 1),
                r"^pingreq pb: endpoint \d+ answered 1$", r"^status=0$",
                no=[r"^panic", r"^rs: pb restarts in "])
        pids.add(pid)
    if pids != {v["storm_pid"]}:
        t.fail("the %d kills hit the pids %s, not %d alone"
               % (KILLS, sorted(pids), v["storm_pid"]))
    t.match(v["status3"], r"^pb\s+\d+\s+\d+\s+%d\s+0\s+sys active $" % KILLS)
    t.match(v["storm_down"], r"^service pb down$", r"^status=0$")
    before, after = free_pages(v["free0"]), free_pages(v["free1"])
    if after < before - 16:
        t.fail("VM had %d free pages before and %d after the restarts" % (before, after))


@test(3, "service up -n: a killed service is not restarted, its label leaves DS",
      parent=restart_session)
def restart_norestart(t):
    v = t.parent_value
    t.match(v["noauto_up"], r"^service pn up: endpoint \d+, pid \d+$", r"^status=0$")
    t.match(v["noauto_kill"],
            r"^rs: service pn \(endpoint %d\) died of signal 9$" % v["noauto_ep"],
            r"^service: lookup pn: no such service$", r"^status=1$", r"^0$",
            no=[r"^rs: restarting pn", r"^ping pn: init restart"])


@test(5, "a service whose restart init crashes is retried with a capped exponential "
         "back-off (500, 1000, 2000, 4000 ms, never more), never in a hot loop; service "
         "down during the back-off stops it for good", parent=restart_session)
def restart_backoff(t):
    v = t.parent_value
    t.match(v["crash_up"], r"^service pc up: endpoint \d+, pid \d+$", r"^status=0$")
    text = v["crash_kill"]
    t.match(text, r"^rs: restarting pc \(restart 1\)$",
            r"^ping pc: dividing by zero in restart init$",
            r"^rs: pc restarts in 500 ms \(back-off\)$",
            r"^rs: pc restarts in 1000 ms \(back-off\)$",
            r"^rs: pc restarts in 2000 ms \(back-off\)$",
            r"^rs: pc restarts in 4000 ms \(back-off\)$",
            r"^pc\s+\S+\s+\S+\s+\d+\s+0\s+sys restarting $",
            no=[r"^rs: pc restarts in (?!500 |1000 |2000 |4000 )\d+ ms"])
    waits = [int(w) for w in re.findall(r"^rs: pc restarts in (\d+) ms", text, re.M)]
    if waits[:4] != [500, 1000, 2000, 4000]:
        t.fail("the back-offs were %s, not 500, 1000, 2000, 4000 then 4000" % waits)
    tries = len(re.findall(r"^rs: restarting pc ", text, re.M))
    if tries > 7:
        t.fail("pc was restarted %d times in 14 s: a hot loop" % tries)
    t.match(v["crash_down"], r"^service pc down$", r"^status=0$")
    t.match(v["crash_after"], r"^service: lookup pc: no such service$", r"^status=1$",
            no=[r"^rs: restarting pc", r"^ping pc:"])


@test(3, "service down stops a restarted service for good; the system goes on",
      parent=restart_session)
def restart_down(t):
    v = t.parent_value
    t.match(v["down"], r"^ping pk: SIGTERM, exiting$", r"^service pk down$", r"^status=0$")
    t.match(v["down_after"], r"^service: lookup pk: no such service$", r"^status=1$",
            no=[r"^rs: restarting pk"])
    t.match(v["end"], r"^hello$", no=[r"\bping$"])
    if re.search(r"^panic in (?!ping)|^pm: |^vfs: |^rs: .*fatal", v["all"], re.M):
        t.fail("a server complained:\n%s" % v["all"])
