# Tests of the `service` requests beyond up/down (handouts/rs.md, "Refresh, edit, run and
# shutdown"): refresh (hello's restart init, its counter starting again; a service that
# ignores SIGTERM; EBUSY while it is being refreshed), edit (privileges changed in the
# running service, arguments and period used by its restart), run (never restarted, its
# exit frees the slot), -dev (the major mapped in VFS by RS, a taken major refused),
# shutdown (nothing restarted afterwards), the EPERM rules (non-root callers, core
# servers, root's kill -9 of a core server), and poweroff telling RS.
#
# One parent (more_session) types a script into the real root shell, some commands built
# from earlier answers (pids from `service lookup` and `ps`); children check the recorded
# outputs.  The only fixed sleeps are where a test checks that something does NOT happen
# (no restart) or lets a background refresh start.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.restart import Session, lookup

# The test labels' privileges, read with -config (handouts/rs.md, "system.conf"); users
# (/test/pingreq) may send to the ping instances.
CONF = " ".join("service %s{users yes;};" % label for label in ("pr", "pe", "pn", "pd", "ps")) \
    + " service hello2 { ipc ds vfs; };"
# pe's entry for `service edit`: DEVIO and port 0x61; bad has an unknown key.
ECONF = "service pe { system DEVIO; io 61; users yes; }; service bad { frobnicate 1; };"
CORE = ("pm", "vm", "rs", "vfs")
KILLABLE = ("vm", "rs", "vfs")   # by pid: PM's is 0, and `kill 0` is the caller's group


def pids_of(ps_text, names):
    """{name: pid} of the processes named names in `ps` output (the last column)."""
    pids = {}
    for line in ps_text.splitlines():
        m = re.match(r"^\s*(\d+)\s+\d+\s+\d+\s+\d+\s.*\s(\S+)$", line)
        if m and m.group(2) in names:
            pids[m.group(2)] = int(m.group(1))
    if set(pids) != set(names):
        raise CheckFailure("ps does not list %s:\n%s" % (", ".join(names), ps_text))
    return pids


def refresh_part(s, v):
    """service refresh: hello, the errors, a service that ignores SIGTERM, EBUSY."""
    v["cat1"] = s.run("cat /dev/hello; cat /dev/hello")
    v["ep0"], v["pid0"] = lookup(s, "hello")
    v["refresh"] = s.run("service refresh hello; echo status=$?")
    v["ep1"], v["pid1"] = lookup(s, "hello")
    v["cat2"] = s.run("cat /dev/hello")
    v["status1"] = s.run("service status | grep '^hello '; sysinfo -r | grep '^hello '")
    v["ref_nosuch"] = s.run("service refresh nosuch; echo status=$?")
    v["ref_vm"] = s.run("service refresh vm; echo status=$?")
    v["ref_usage"] = s.run("service refresh; echo status=$?")
    v["ref_user"] = s.run("/test/asuser 7 /bin/service refresh hello; echo status=$?")
    v["pr_up"] = s.run("service up /service/ping -label pr -args 'pr noterm' "
                       "-config /tmp/m.conf; echo status=$?")
    v["pr_refresh"] = s.run("service refresh pr & sleep 1; service refresh pr; echo busy=$?; "
                            "service down pr; echo busy=$?; service status | grep '^pr '; "
                            "wait; /test/pingreq -w pr")


def edit_part(s, v):
    """service edit: privileges now, arguments and period at the restart; its errors."""
    v["pe_up"] = s.run("service up /service/ping -label pe -args 'pe inb' "
                       "-config /tmp/m.conf; echo status=$?")
    v["pe_ask0"] = s.run("/test/pingreq pe")
    v["pe_edit"] = s.run("service edit /service/ping -label pe -args 'pe2 inb' -period 80 "
                         "-config /tmp/e.conf; echo status=$?")
    v["pe_ask1"] = s.run("/test/pingreq pe; service status | grep '^pe '")
    v["pe_refresh"] = s.run("service refresh pe; echo status=$?; /test/pingreq pe")
    v["ed_bad"] = s.run("service edit /service/ping -label bad -config /tmp/e.conf; "
                        "echo status=$?")
    v["ed_nosuch"] = s.run("service edit /service/ping -label pn -config /tmp/m.conf; "
                           "echo status=$?")
    v["ed_boot"] = s.run("service edit /service/ping -label pm; echo status=$?")
    v["ed_rel"] = s.run("service edit relative/ping -label pe -config /tmp/e.conf; "
                        "echo status=$?")
    v["ed_dev"] = s.run("service edit /service/ping -label pe -dev /dev/hello; echo status=$?")
    v["ed_user"] = s.run("/test/asuser 7 /bin/service edit /service/ping -label pe "
                         "-config /tmp/e.conf; echo status=$?")
    v["ed_usage"] = s.run("service edit; echo status=$?")
    s.run("service down pe")


def run_dev_part(s, v):
    """service run, and -dev: taken majors, bad nodes, hello under another label."""
    v["run"] = s.run("service run /service/ping -label pn -args pn -config /tmp/m.conf; "
                     "echo status=$?; service status | grep '^pn '")
    v["run_exit"] = s.run("/test/pingreq pn exit; sleep 2; service lookup pn; echo status=$?")
    v["run_usage"] = s.run("service run; echo status=$?")
    v["dev_taken"] = s.run("service up /service/ping -label pd -dev /dev/hello "
                           "-config /tmp/m.conf; echo status=$?")
    v["dev_tty"] = s.run("service up /service/ping -label pd -dev /dev/console "
                         "-config /tmp/m.conf; echo status=$?; service lookup pd")
    v["dev_none"] = s.run("service up /service/ping -label pd -dev /dev/nosuch "
                          "-config /tmp/m.conf; echo status=$?")
    v["dev_file"] = s.run("service up /service/ping -label pd -dev /etc/rc "
                          "-config /tmp/m.conf; echo status=$?")
    v["dev_hello2"] = s.run("service down hello; service up /service/hello -label hello2 "
                            "-dev /dev/hello -config /tmp/m.conf; echo status=$?; "
                            "cat /dev/hello; cat /dev/hello")
    v["dev_back"] = s.run("service down hello2; service up /service/hello -dev /dev/hello; "
                          "echo status=$?; cat /dev/hello")


def eperm_part(s, v):
    """Core servers: service down, root's kill -9; non-root shutdown."""
    v["down_core"] = s.run("; ".join("service down %s; echo status=$?" % c for c in CORE))
    pids = pids_of(s.run("ps"), KILLABLE)
    v["kill_core"] = s.run("; ".join("kill -9 %d; echo status=$?" % pids[c] for c in KILLABLE)
                           + "; service lookup vfs; cat /dev/hello")
    v["kill_pids"] = pids
    v["shut_user"] = s.run("/test/asuser 7 /bin/service shutdown; echo status=$?")
    v["run_user"] = s.run("/test/asuser 7 /bin/service run /service/ping -label pn "
                          "-config /tmp/m.conf; echo status=$?")


def shutdown_part(s, v):
    """service shutdown: afterwards nothing is restarted, refresh is EBUSY."""
    v["ps_up"] = s.run("service up /service/ping -label ps -args ps -config /tmp/m.conf; "
                       "echo status=$?")
    v["shutdown"] = s.run("service shutdown; echo status=$?; service status")
    v["shut_exit"] = s.run("/test/pingreq ps exit; sleep 2; service lookup ps; echo status=$?")
    v["shut_refresh"] = s.run("service refresh hello; echo status=$?; service shutdown x; "
                              "echo status=$?")
    pid = lookup(s, "hello")[1]
    v["shut_kill"] = s.run("kill -9 %d; sleep 2; service lookup hello; echo status=$?; "
                           "cat /dev/hello" % pid)


@test(0, "service refresh, edit, run, -dev, shutdown and the EPERM rules through the root "
         "shell", timeout=400)
def more_session(t):
    s = Session(t, 400)
    s.run("echo '%s' > /tmp/m.conf" % CONF)      # two lines: tty's line holds 255 bytes
    s.run("echo '%s' > /tmp/e.conf" % ECONF)
    v = {}
    for part in (refresh_part, edit_part, run_dev_part, eperm_part, shutdown_part):
        part(s, v)
    v["all"] = "".join(text for _, text in s.outputs)
    s.q.stop()
    return v


@test(5, "service refresh hello: stopped, restarted at once with its restart init (a new "
         "instance under the same endpoint and pid), its counter starts again at 1; the "
         "restart is counted",
      parent=more_session)
def refresh_hello(t):
    v = t.parent_value
    t.match(v["cat1"], r"^Hello, world! \(called 1 times\)$",
            r"^Hello, world! \(called 2 times\)$")
    t.match(v["refresh"], r"^rs: refreshing hello$", r"^hello: restarted$",
            r"^service hello refreshed: endpoint %d, pid %d$" % (v["ep1"], v["pid1"]),
            r"^status=0$", no=[r"back-off"])
    if (v["ep1"], v["pid1"]) != (v["ep0"], v["pid0"]):
        t.fail("hello's refresh changed its endpoint/pid %d/%d to %d/%d: a replica swapped "
               "in under the same ones was expected" % (v["ep0"], v["pid0"], v["ep1"], v["pid1"]))
    t.match(v["cat2"], r"^Hello, world! \(called 1 times\)$")
    t.match(v["status1"], r"^hello\s+%d\s+%d\s+1\s+0\s+sys active $" % (v["ep1"], v["pid1"]),
            r"^hello\s+%d\s+%d\s+hello\s+0\s+1\s+sys active$" % (v["ep1"], v["pid1"]))


@test(4, "service refresh errors: unknown label (ESRCH), core server and non-root (EPERM), "
         "no label (usage)", parent=more_session)
def refresh_errors(t):
    v = t.parent_value
    t.match(v["ref_nosuch"], r"^service: refresh nosuch: no such service$", r"^status=1$")
    t.match(v["ref_vm"], r"^service: refresh vm: permission denied", r"^status=1$")
    t.match(v["ref_usage"], r"^usage: service ", r"^status=2$")
    t.match(v["ref_user"], r"^service: refresh hello: permission denied", r"^status=1$",
            no=[r"^rs: refreshing"])


@test(4, "service refresh of a service that ignores SIGTERM: SIGKILL, then the restart; "
         "refresh and down meanwhile are EBUSY; status shows exiting refreshing",
      parent=more_session)
def refresh_stubborn(t):
    v = t.parent_value
    t.match(v["pr_up"], r"^status=0$")
    t.match(v["pr_refresh"], r"^ping pr: SIGTERM ignored$",
            r"^service: refresh pr: busy", r"^busy=1$",
            r"^service: down pr: busy", r"^busy=1$",
            r"^pr\s+\d+\s+\d+\s+0\s+0\s+sys active exiting refreshing $",
            r"^rs: service pr ignored SIGTERM: SIGKILL$",
            r"^ping pr: init restart, endpoint \d+, old endpoint \d+$",
            r"^service pr refreshed: endpoint \d+, pid \d+$",
            r"^pingreq pr: endpoint \d+ answered 1$")


@test(5, "service edit: the running service gets its new entry's privileges at once (inb "
         "denied, then allowed); period shown; arguments and entry used by its restart",
      parent=more_session)
def edit_privileges(t):
    v = t.parent_value
    t.match(v["pe_up"], r"^ping pe: inb 0x61: -104$", r"^status=0$")     # ECALLDENIED
    t.match(v["pe_ask0"], r"^ping pe: inb 0x61: -104$",
            r"^pingreq pe: endpoint \d+ answered 1$")
    t.match(v["pe_edit"], r"^service pe edited$", r"^status=0$", no=[r"init"])
    t.match(v["pe_ask1"], r"^ping pe: inb 0x61: 0$", r"^pingreq pe: endpoint \d+ answered 2$",
            r"^pe\s+\d+\s+\d+\s+0\s+80\s+sys active $")
    t.match(v["pe_refresh"], r"^ping pe2: init restart", r"^service pe refreshed",
            r"^status=0$", r"^ping pe2: inb 0x61: 0$",
            r"^pingreq pe: endpoint \d+ answered 1$")


@test(4, "service edit errors: a malformed entry (FILE:LINE), unknown label (ESRCH), boot "
         "service and non-root (EPERM), bad path (EINVAL), -dev (usage)", parent=more_session)
def edit_errors(t):
    v = t.parent_value
    t.match(v["ed_bad"], r'^service: /tmp/e.conf:1: unknown key "frobnicate" in service bad$',
            r"^service: edit bad: the entry of bad in /tmp/e.conf has errors: not changed$",
            r"^status=1$")
    t.match(v["ed_nosuch"], r"^service: edit /service/ping: no such service$", r"^status=1$")
    t.match(v["ed_boot"], r"^service: edit /service/ping: permission denied", r"^status=1$")
    t.match(v["ed_rel"], r"^service: edit relative/ping: invalid argument$", r"^status=1$")
    t.match(v["ed_dev"], r"^service: edit: bad arguments$", r"^usage: service ", r"^status=2$")
    t.match(v["ed_user"], r"^service: edit /service/ping: permission denied", r"^status=1$")
    t.match(v["ed_usage"], r"^service: edit: bad arguments$", r"^status=2$")
    t.match(v["all"], no=[r"^rs: service pe edited.*relative"])


@test(4, "service run: norestart in status; its exit frees the slot, no restart; usage "
         "without a path", parent=more_session)
def run_once(t):
    v = t.parent_value
    t.match(v["run"], r"^ping pn: init fresh", r"^service pn running: endpoint \d+, pid \d+$",
            r"^status=0$", r"^pn\s+\d+\s+\d+\s+0\s+0\s+sys active norestart $")
    t.match(v["run_exit"], r"^ping pn: exiting on request$",
            r"^service: lookup pn: no such service$", r"^status=1$",
            no=[r"^rs: restarting pn", r"init restart"])
    t.match(v["run_usage"], r"^usage: service ", r"^status=2$")


@test(5, "-dev: RS maps the node's major to the label in VFS (hello served under label "
         "hello2); a taken major is EBUSY; a missing node or a file is refused",
      parent=more_session)
def dev_mapping(t):
    v = t.parent_value
    t.match(v["dev_taken"], r"^service: up /service/ping: busy", r"^status=1$",
            no=[r"init fresh"])
    t.match(v["dev_tty"], r"^rs: VFS cannot map major 4 to pd: EBUSY$",
            r"^service: up /service/ping: busy", r"^status=1$",
            r"^service: lookup pd: no such service$")
    t.match(v["dev_none"], r"^service: up /service/ping: -dev /dev/nosuch: No such file",
            r"^status=1$", no=[r"init fresh"])
    t.match(v["dev_file"], r"^service: up /service/ping: -dev /etc/rc: not a device",
            r"^status=1$", no=[r"init fresh"])
    t.match(v["dev_hello2"], r"^service hello down$", r"^service hello2 up: ", r"^status=0$",
            r"^Hello, world! \(called 1 times\)$", r"^Hello, world! \(called 2 times\)$")
    t.match(v["dev_back"], r"^service hello2 down$", r"^service hello up: ", r"^status=0$",
            r"^Hello, world! \(called 1 times\)$")


@test(4, "EPERM: service down of pm, vm, rs, vfs; root's kill -9 of vm, rs, vfs is "
         "refused and they go on; a non-root service shutdown and run", parent=more_session)
def eperm_core(t):
    v = t.parent_value
    for c in CORE:
        t.match(v["down_core"], r"^service: down %s: permission denied" % c)
    for c in KILLABLE:
        t.match(v["kill_core"], r"^kill: %d: Operation not permitted$" % v["kill_pids"][c])
    t.match(v["down_core"], no=[r"^status=0$"])
    t.match(v["kill_core"], r"^vfs: endpoint 1, pid", r"^Hello, world!",
            no=[r"^status=0$", r"died of signal"])
    t.match(v["shut_user"], r"^service: shutdown: permission denied", r"^status=1$",
            no=[r"^rs: shutting down"])
    t.match(v["run_user"], r"^service: run /service/ping: permission denied", r"^status=1$",
            no=[r"init fresh"])


@test(5, "service shutdown: every service marked norestart; one that exits or is killed "
         "afterwards is not restarted; refresh is EBUSY", parent=more_session)
def shutdown_norestart(t):
    v = t.parent_value
    t.match(v["shutdown"], r"^rs: shutting down: services are no longer restarted$",
            r"^service: shutdown: RS restarts no service from now on$", r"^status=0$",
            r"^hello\s+\d+\s+\d+\s+0\s+0\s+sys active norestart $",
            r"^ps\s+\d+\s+\d+\s+0\s+0\s+sys active norestart $",
            r"^vm\s+\d+\s+\d+\s+0\s+0\s+boot sys active $")
    t.match(v["shut_exit"], r"^ping ps: exiting on request$",
            r"^service: lookup ps: no such service$", r"^status=1$",
            no=[r"^rs: restarting ps"])
    t.match(v["shut_refresh"], r"^service: refresh hello: busy", r"^status=1$",
            r"^usage: service ", r"^status=2$")
    t.match(v["shut_kill"], r"^rs: service hello \(endpoint \d+\) died of signal 9$",
            r"^service: lookup hello: no such service$", r"^status=1$",
            no=[r"^rs: restarting hello", r"^hello: restarted", r"^Hello, world"])


@test(3, "poweroff tells RS first (RS_SHUTDOWN), then powers off; a user's poweroff is "
         "refused by RS and by PM", timeout=120)
def poweroff_shutdown(t):
    s = Session(t, 120)
    user = s.run("/test/asuser 7 /bin/poweroff; echo status=$?")
    t.match(user, r"^poweroff: Operation not permitted$", r"^status=1$",
            no=[r"^rs: shutting down"])
    start = len(s.q.output)
    s.q.send_line("poweroff")
    end = s.q.wait_exit(timeout=60)
    if not end.powered_off:
        t.fail("poweroff did not power off: %s" % end.ending())
    t.match(s.q.output[start:], r"^rs: shutting down: services are no longer restarted$")
