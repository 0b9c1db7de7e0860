# Tests of `service update` aimed at the core servers (handouts/rs.md, "Updating RS and VM"):
# RS updates itself (`service update self -label rs`: a new RS takes the service table and
# RS's slot, endpoint and pid), and every rollback leaves the old RS serving: a new RS whose
# init fails (/service/rs_failinit: ERESTART), one that dies in its init (/service/rs_crash:
# EDEADEPT), a program that is not RS (/service/hello: ENOEXEC).  VM itself is refused with
# ENOSYS (not implemented), PM and VFS stay EPERM as boot services.  After each step RS
# still supervises: the status listing is the same, `service up` and kill -9 of hello work
# (a restart under hello's endpoint and pid, which needs the table the new RS took over).
# Everything is typed into the real root shell.

import re

from grader.core import test
from grader.tests.restart import Session, lookup

ENOSYS = r"^service: update vm: not implemented \(ENOSYS\): VM cannot be updated live$"


def kill_hello(s, restarts):
    """kill -9 hello, read it once it is back; restarts: its restart count after."""
    ep, pid = lookup(s, "hello")
    return s.run("kill -9 %d; sleep 1; cat /dev/hello" % pid), (ep, pid, restarts)


def script(s):
    """The whole session; returns a dict of named outputs for the children."""
    v = {"status0": s.run("service status"), "rs0": lookup(s, "rs"),
         "hello0": lookup(s, "hello")}
    v["self"] = s.run("service update self -label rs; echo status=$?")
    v["rs1"] = lookup(s, "rs")
    v["status1"] = s.run("service status")
    v["kill1"] = kill_hello(s, 1)
    v["self2"] = s.run("service update /service/rs -label rs; echo status=$?")
    v["kill2"] = kill_hello(s, 2)
    for name in ("rs_failinit", "rs_crash", "hello"):
        v[name] = s.run("service update /service/%s -label rs; echo status=$?" % name)
    v["kill3"] = kill_hello(s, 3)
    v["rs3"] = lookup(s, "rs")
    for label in ("vm", "pm", "vfs"):
        v[label] = s.run("service update self -label %s; echo status=$?" % label)
    v["bad"] = s.run("service update /service/nothere -label rs; echo status=$?; "
                     "/test/asuser 7 /bin/service update self -label rs; echo status=$?")
    v["up"] = s.run("service up /service/ping; echo status=$?; "
                    "service down ping; echo status=$?")
    v["status2"] = s.run("service status")
    return v


@test(0, "service update of RS (and its rollbacks), VM, PM, VFS through the root shell",
      timeout=180)
def update_core_session(t):
    s = Session(t, 180)
    v = script(s)
    s.q.stop()
    return v


def status_rows(text):
    """The status listing without the restart counts of hello (which the test changes)."""
    return [re.sub(r"^(hello\s.*)$", "hello", l) for l in text.splitlines()
            if l.strip()]


def check_restart(t, text_key):
    """kill -9 hello was followed by a restart under its endpoint and pid."""
    text, (ep, pid, n) = text_key
    t.match(text, r"^rs: service hello restarted, endpoint %d, pid %d \(restart %d\)$"
            % (ep, pid, n), r"^Hello, world! \(called 1 times\)$")


@test(4, "service update self -label rs: a new RS takes over under RS's endpoint and pid "
         "with the whole service table (the listing is the same, it restarts a killed "
         "hello), twice", parent=update_core_session)
def update_rs_self(t):
    v = t.parent_value
    for key in ("self", "self2"):
        t.match(v[key], r"^rs: updating rs to /service/rs \(pid \d+\)$",
                r"^rs: RS updated, endpoint %d, pid %d$" % v["rs0"],
                r"^service rs updated: endpoint %d, pid %d$" % v["rs0"], r"^status=0$",
                no=[r"rolled back", r"panic"])
    if v["rs1"] != v["rs0"] or v["rs3"] != v["rs0"]:
        t.fail("rs is %r after the update (%r after the rollbacks), not %r"
               % (v["rs1"], v["rs3"], v["rs0"]))
    if status_rows(v["status0"]) != status_rows(v["status1"]):
        t.fail("service status changed across RS's update:\n%s\n---\n%s"
               % (v["status0"], v["status1"]))
    check_restart(t, v["kill1"])
    check_restart(t, v["kill2"])


@test(3, "RS's update rolled back: a new RS whose init fails (ERESTART), one that dies in "
         "its init (EDEADEPT), a program that is not RS (ENOEXEC); the old RS serves on",
      parent=update_core_session)
def update_rs_rollback(t):
    v = t.parent_value
    for key, why in (("rs_failinit", r"the new version's init failed \(ERESTART\)"),
                     ("rs_crash", r"the new version died \(EDEADEPT\)"),
                     ("hello", r"the new program is not that service \(ENOEXEC\)")):
        t.match(v[key], r"^rs: updating rs to /service/%s \(pid \d+\)$" % key,
                r"^rs: update of rs rolled back: \w+; the old RS goes on$",
                r"^service: update rs: %s" % why, r"^status=1$",
                no=[r"^rs: RS updated", r"panic"])
    check_restart(t, v["kill3"])
    t.match(v["up"], r"^service ping up: endpoint \d+, pid \d+$", r"^status=0$",
            no=[r"status=[1-9]"])


@test(2, "service update of VM is ENOSYS with RS's console line; of PM and VFS EPERM; a "
         "missing RS program ENOENT, a non-root caller EPERM", parent=update_core_session)
def update_core_refused(t):
    v = t.parent_value
    t.match(v["vm"], r"^rs: update of vm refused: not implemented: live update of VM itself$",
            ENOSYS, r"^status=1$", no=[r"^rs: updating"])
    for label in ("pm", "vfs"):
        t.match(v[label], r"^service: update %s: permission denied \(root only; " % label,
                r"^status=1$", no=[r"^rs: updating", r"ENOSYS"])
    t.match(v["bad"], r"^service: update rs: no such program \(ENOENT\)$",
            r"^service: update rs: permission denied", no=[r"^rs: updating", r"status=0"])
