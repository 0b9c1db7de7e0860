# Tests of crash recovery in full (handouts/rs.md, "Crash recovery", "Heartbeats"): a
# restart init that answers ERESTART gets a fresh instance (a reset: new endpoint and pid,
# the label published again); a service that stops answering RS's pings is killed and
# restarted; `-p` keeps a standby replica that the restart swaps in; `-script` runs a
# recovery script with the label, the reason and the restart count instead of restarting,
# and the script's `service restart` works only while the service is dead; 100 kill -9 of
# hello (started with -b) under an in-guest reading loop (commands/testprogs/hellokill.c).
#
# recovery_session types one script into the root shell (commands depend on earlier
# answers: the pids to kill come from `service lookup`); its children check the recorded
# outputs.  Fixed sleeps appear only where time is what is checked (a hang is detected
# within 3 periods) or where the test checks that something does NOT happen.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.restart import Session, lookup, run_session

# The test labels' privileges (handouts/rs.md, "system.conf"): the basic calls only, and
# users (/test/pingreq) may send to them.
CONF = " ".join("service %s{users yes;};" % label
                for label in ("pr", "ph", "pp", "pz", "p1", "pb"))
PERIOD = 100        # ticks: 1 s at the default 100 Hz
# The recovery script: writes its arguments where the test reads them, restarts nothing.
SCRIPT = 'echo "$1 $2 $3" > /tmp/script.out'
KILLS = 100


def script(s):
    """The whole session; returns a dict of named outputs for the children."""
    v = {}
    s.run("echo '%s' > /tmp/c.conf" % CONF)
    s.run("echo '%s' > /tmp/rec.sh" % SCRIPT)
    # reset: ping's restart init is SEF's default (ERESTART)
    v["r_up"] = s.run("service up /service/ping -label pr -args 'pr reset' -config /tmp/c.conf")
    v["r_ep0"], v["r_pid0"] = lookup(s, "pr")
    # a reset takes a few seconds; a restart retried instead never answers: fail fast
    v["r_kill"] = s.run("kill -9 %d; /test/pingreq -w pr; echo status=$?" % v["r_pid0"],
                        timeout=30)
    v["r_ep1"], v["r_pid1"] = lookup(s, "pr")
    v["r_ds"] = s.run("sysinfo -d | grep '^pr '")
    # heartbeats: ping stops answering RS's pings
    v["h_up"] = s.run("service up /service/ping -label ph -args ph -period %d "
                      "-config /tmp/c.conf; echo status=$?" % PERIOD)
    v["h_ep0"], v["h_pid0"] = lookup(s, "ph")
    v["h_calm"] = s.run("sleep 3; service status | grep '^ph '")
    v["h_hang"] = s.run("/test/pingreq ph hang; sleep 3; service status | grep '^ph '")
    v["h_after"] = s.run("sleep 3; service status | grep '^ph '; /test/pingreq ph")
    # -p: the standby replica is swapped in, a new one made
    v["p_up"] = s.run("service up /service/ping -label pp -args pp -p -config /tmp/c.conf")
    v["p_ep0"], v["p_pid0"] = lookup(s, "pp")
    v["p_ps0"] = s.run("service status | grep '^pp '; ps")
    v["p_clone"] = s.run("service clone pp; echo status=$?")
    v["p_kill"] = s.run("kill -9 %d; /test/pingreq -w pp; echo status=$?" % v["p_pid0"])
    v["p_ep1"], v["p_pid1"] = lookup(s, "pp")
    v["p_ps1"] = s.run("service status | grep '^pp '; ps")
    # -script: the script runs instead of a restart; service restart only while dead
    v["z_up"] = s.run("service up /service/ping -label pz -args pz -script /tmp/rec.sh "
                      "-config /tmp/c.conf")
    v["z_busy"] = s.run("service restart pz; echo status=$?")
    v["z_ep0"], v["z_pid0"] = lookup(s, "pz")
    v["z_kill"] = s.run("kill -9 %d; sleep 1; cat /tmp/script.out; "
                        "service status | grep '^pz '" % v["z_pid0"])
    v["z_restart"] = s.run("service restart pz; echo status=$?; /test/pingreq -w pz")
    v["z_ep1"], v["z_pid1"] = lookup(s, "pz")
    v["z_again"] = s.run("service restart pz; echo status=$?")
    v["z_status"] = s.run("service status | grep '^pz '")
    v["s_up"] = s.run("service up /service/ping -label p1 -args p1 -script /etc/rs.single "
                      "-config /tmp/c.conf")
    v["s_kill"] = s.run("kill -9 %d; sleep 2; service lookup p1; echo status=$?"
                        % lookup(s, "p1")[1])
    # back-off: every restart init crashes
    v["b_up"] = s.run("service up /service/ping -label pb -args 'pb crashrestart' "
                      "-config /tmp/c.conf")
    v["b_kill"] = s.run("kill -9 %d; sleep 12; service down pb; echo status=$?"
                        % lookup(s, "pb")[1])
    # bad input
    v["bad"] = s.run("service restart nosuch; echo status=$?; service clone nosuch; "
                     "echo status=$?; service restart pp; echo status=$?")
    v["end"] = s.run("ps")
    return v


@test(0, "crash recovery in full: reset, heartbeats, -p, -script, service restart and "
         "clone, through the root shell", timeout=120)
def recovery_session(t):
    return run_session(t, script, 120)


def flags_of(text, label):
    """The restart count and flag words of label's `service status` row in text."""
    m = re.search(r"^%s\s+-?\d+\s+\S+\s+(\d+)\s+\d+\s+(.*)$" % label, text, re.M)
    if not m:
        raise CheckFailure("no status row of %s in:\n%s" % (label, text))
    return int(m.group(1)), m.group(2).split()


@test(4, "a restart init answering ERESTART gets a reset: a fresh instance with a new "
         "endpoint and pid, its label published again in DS",
      lab="rs-recovery", parent=recovery_session)
def recovery_reset(t):
    v = t.parent_value
    t.match(v["r_kill"], r"^rs: service pr \(endpoint %d\) died of signal 9$" % v["r_ep0"],
            r"^rs: pr refused the restart \(ERESTART\): reset, new endpoint$",
            r"^ping pr: init fresh, endpoint %d$" % v["r_ep1"],
            r"^pingreq pr: endpoint %d answered 1$" % v["r_ep1"], r"^status=0$")
    if v["r_ep1"] == v["r_ep0"] or v["r_pid1"] == v["r_pid0"]:
        t.fail("after the reset pr still has endpoint %d / pid %d" % (v["r_ep1"], v["r_pid1"]))
    t.match(v["r_ds"], r"^pr\s+label\s+rs\s+%d$" % v["r_ep1"])


@test(5, "heartbeats: a service that answers RS's pings is left alone; one that stops "
         "answering is killed and restarted (reason no-heartbeat) within 3 periods, and "
         "its new instance answers",
      lab="rs-recovery", parent=recovery_session)
def recovery_heartbeat(t):
    v = t.parent_value
    t.match(v["h_up"], r"^service ph up: endpoint \d+, pid \d+$", r"^status=0$")
    restarts, flags = flags_of(v["h_calm"], "ph")
    if restarts != 0 or "active" not in flags:
        t.fail("ph, answering its pings, was restarted or is not active:\n%s" % v["h_calm"])
    t.match(v["h_hang"], r"^ping ph: not answering pings any more$",
            r"^rs: ph did not answer its pings for \d+ ticks \(period %d\): SIGKILL$" % PERIOD,
            r"^rs: service ph \(endpoint %d\) died of signal 9$" % v["h_ep0"],
            r"^rs: service ph restarted, endpoint %d, pid %d \(restart 1\)$"
            % (v["h_ep0"], v["h_pid0"]))
    ticks = int(re.search(r"for (\d+) ticks", v["h_hang"]).group(1))
    if ticks >= 3 * PERIOD:
        t.fail("the hang was detected %d ticks after the last answer (period %d)"
               % (ticks, PERIOD))
    restarts, flags = flags_of(v["h_hang"], "ph")
    if restarts != 1 or "active" not in flags:
        t.fail("3 s (3 periods) after the hang, ph was not restarted and running:\n%s"
               % v["h_hang"])
    restarts, _ = flags_of(v["h_after"], "ph")
    if restarts != 1:
        t.fail("the restarted ph, which answers its pings, was restarted again")
    t.match(v["h_after"], r"^pingreq ph: endpoint %d answered 1$" % v["h_ep0"])


@test(4, "-p: a standby replica waits (status 'replica', in ps); the crash swaps it in "
         "(no fork at the crash), keeping endpoint and pid, and a new standby is made; "
         "service clone says EEXIST",
      lab="rs-recovery", parent=recovery_session)
def recovery_standby(t):
    v = t.parent_value
    m = re.search(r"^rs: pp: standby replica ready, pid (\d+)$", v["p_up"], re.M)
    if not m:
        t.fail("no standby replica of pp:\n%s" % v["p_up"])
    r0 = int(m.group(1))
    _, flags = flags_of(v["p_ps0"], "pp")
    if "replica" not in flags:
        t.fail("service status does not show pp's replica:\n%s" % v["p_ps0"])
    t.match(v["p_ps0"], r"^\s+%d\s" % r0)
    t.match(v["p_clone"], r"^service: clone pp: it has a standby replica already \(EEXIST\)$",
            r"^status=1$")
    t.match(v["p_kill"], r"^rs: pp: standby replica \(pid %d\) swapped in, endpoint %d, "
            r"pid %d$" % (r0, v["p_ep0"], v["p_pid0"]),
            r"^rs: pp: standby replica ready, pid \d+$",
            r"^pingreq pp: endpoint %d answered 1$" % v["p_ep0"], r"^status=0$",
            no=[r"^rs: pp: new replica"])
    r1 = int(re.findall(r"^rs: pp: standby replica ready, pid (\d+)$", v["p_kill"], re.M)[-1])
    if (v["p_ep1"], v["p_pid1"]) != (v["p_ep0"], v["p_pid0"]) or r1 == r0:
        t.fail("after the crash pp is %d/%d (was %d/%d), its standby pid %d (was %d)"
               % (v["p_ep1"], v["p_pid1"], v["p_ep0"], v["p_pid0"], r1, r0))
    t.match(v["p_ps1"], r"^\s+%d\s" % r1, no=[r"^\s+%d\s" % r0])


@test(5, "-script: on a crash RS runs the script with label, reason and restart count "
         "instead of restarting; service restart works only while the service is dead "
         "(EBUSY otherwise); /etc/rs.single brings the service down",
      lab="rs-recovery", parent=recovery_session)
def recovery_script(t):
    v = t.parent_value
    t.match(v["z_busy"], r"^service: restart pz: busy .*$", r"^status=1$")
    t.match(v["z_kill"], r"^rs: pz: running /bin/sh /tmp/rec.sh pz terminated 0 \(pid \d+\)$",
            r"^pz terminated 0$", no=[r"^rs: restarting pz", r"^ping pz: init restart"])
    _, flags = flags_of(v["z_kill"], "pz")
    if "restarting" not in flags or "active" in flags:
        t.fail("pz should be dead, waiting for its script:\n%s" % v["z_kill"])
    t.match(v["z_restart"], r"^service pz restarting$", r"^status=0$",
            r"^rs: restarting pz \(restart 1\)$",
            r"^pingreq pz: endpoint %d answered 1$" % v["z_ep0"])
    if (v["z_ep1"], v["z_pid1"]) != (v["z_ep0"], v["z_pid0"]):
        t.fail("service restart did not keep pz's endpoint and pid")
    t.match(v["z_again"], r"^service: restart pz: busy .*$", r"^status=1$")
    t.match(v["z_status"], r"^pz\s+%d\s+%d\s+1\s+0\s+sys active $" % (v["z_ep0"], v["z_pid0"]))
    t.match(v["s_kill"], r"^rs: p1: running /bin/sh /etc/rs.single p1 terminated 0 ",
            r"^rs: service p1 stopped \(it was waiting to restart\)$",
            r"^service: lookup p1: no such service$", r"^status=1$",
            no=[r"^rs: restarting p1"])


@test(4, "back-off: a service whose restart init crashes waits 500, 1000, 2000, then "
         "4000 ms (capped) between tries, never in a hot loop", lab="rs-recovery",
      parent=recovery_session)
def recovery_backoff(t):
    v = t.parent_value
    text = v["b_kill"]
    t.match(text, r"^rs: restarting pb \(restart 1\)$", r"^service pb down$", r"^status=0$")
    waits = [int(w) for w in re.findall(r"^rs: pb restarts in (\d+) ms", text, re.M)]
    if waits[:5] != [500, 1000, 2000, 4000, 4000] or set(waits[5:]) - {4000}:
        t.fail("the back-offs were %s, not 500, 1000, 2000, 4000, 4000 (capped)" % waits)


@test(2, "bad input: service restart / clone of an unknown label (ESRCH), service restart "
         "of a running service (EBUSY); the system goes on",
      lab="rs-recovery", parent=recovery_session)
def recovery_bad_input(t):
    v = t.parent_value
    t.match(v["bad"], r"^service: restart nosuch: no such service$",
            r"^service: clone nosuch: no such service$",
            r"^service: restart pp: busy .*$", r"^status=1$")
    if len(re.findall(r"^status=1$", v["bad"], re.M)) != 3:
        t.fail("not every bad request failed:\n%s" % v["bad"])
    if re.search(r"^panic in (?!ping)|^pm: |^vfs: |^rs: .*fatal", v["all"], re.M):
        t.fail("a server complained:\n%s" % v["all"])


@test(6, "%d kill -9 of hello (service up -b) under a reading loop: every line read is "
         "well formed, hello keeps its endpoint and pid, and serves afterwards" % KILLS,
      lab="rs-recovery", timeout=120)
def recovery_hello_storm(t):
    s = Session(t, 120)
    s.run("service down hello")
    up = s.run("service up /service/hello -dev /dev/hello -b; echo status=$?")
    text = s.run("/test/hellokill %d; echo status=$?" % KILLS)
    after = s.run("cat /dev/hello; service status | grep '^hello '")
    s.q.stop()
    t.match(up, r"^service hello up: endpoint \d+, pid \d+$", r"^status=0$")
    t.match(text, r"^hellokill: %d kills, endpoint \d+ and pid \d+ kept$" % KILLS,
            r"^hellokill: reader: [1-9]\d* reads ok, 0 bad, \d+ EIO, \d+ ENXIO$",
            r"^status=0$", no=[r"FAILED", r"^panic", r"back-off"])
    t.match(after, r"^Hello, world! \(called \d+ times\)$",
            r"^hello\s+\d+\s+\d+\s+%d\s+0\s+sys active $" % KILLS)
