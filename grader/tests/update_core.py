# Tests of `service update` aimed at the core servers (handouts/rs.md, "Updating RS and VM"):
# RS updates itself (`service update self -label rs`: a new RS takes the service table and
# RS's slot, endpoint and pid), and every rollback leaves the old RS serving: a new RS whose
# init fails (/service/rs_failinit: ERESTART), one that dies in its init (/service/rs_crash:
# EDEADEPT), a program that is not RS (/service/hello: ENOEXEC).  VM updates itself too
# (`service update self -label vm`: the new VM copies the old one's tables and every
# address space stays), and its rollbacks leave the old VM serving with no page lost
# (`-args failinit`, `-args crash`: VM's failing versions are arguments of the same
# program; /service/rs is not VM: ENOEXEC before the swap).  PM and VFS stay EPERM as boot
# services.  After each step RS still supervises: the status listing is the same,
# `service up` and kill -9 of hello work (a restart under hello's endpoint and pid, which
# needs the tables the new RS and the new VM took over).
# Everything is typed into the real root shell.

import re

from grader.core import test
from grader.tests.restart import Session, lookup

def kill_hello(s, restarts):
    """kill -9 hello, read it once it is back (after the back-off of restart 4: 2 s);
    restarts: its restart count after."""
    ep, pid = lookup(s, "hello")
    return (s.run("kill -9 %d; sleep %d; cat /dev/hello" % (pid, 3 if restarts > 3 else 1)),
            (ep, pid, restarts))


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
    v["vm0"] = lookup(s, "vm")
    v["free0"] = s.run("free")
    v["vm"] = s.run("service update self -label vm; echo status=$?")
    v["vm_after"] = s.run("ls /bin | wc -l; echo forked | cat; free")
    v["vm1"] = lookup(s, "vm")
    v["kill4"] = kill_hello(s, 4)
    v["vm2"] = s.run("service update /service/vm -label vm; echo status=$?; "
                     "sh -c 'echo again'; free | grep free")
    for name, update in (("failinit", "self -label vm -args failinit"),
                         ("crash", "self -label vm -args crash"),
                         ("rs", "/service/rs -label vm")):
        v["vm_" + name] = s.run("service update %s; echo status=$?; echo still | cat; "
                                "free | grep free" % update)
    v["vm3"] = lookup(s, "vm")
    for label in ("pm", "vfs"):
        v[label] = s.run("service update self -label %s; echo status=$?" % label)
    v["bad"] = s.run("service update /service/nothere -label rs; echo status=$?; "
                     "/test/asuser 7 /bin/service update self -label rs; echo status=$?")
    v["up"] = s.run("service up /service/ping; echo status=$?; "
                    "service down ping; echo status=$?")
    v["status2"] = s.run("service status")
    return v


@test(0, "service update of RS and VM (and their rollbacks), PM, VFS through the root shell",
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


def free_pages(t, text):
    """The free page count of a `free | grep free` line."""
    m = re.search(r"^free\s+(\d+)\s", text, re.M)
    if not m:
        t.fail("no free line in:\n%s" % text)
    return int(m.group(1))


@test(4, "service update self -label vm (twice): the new VM takes every address space over "
         "under VM's endpoint and pid; fork, exec, exit, pipes and a restart of hello work "
         "on", parent=update_core_session)
def update_vm_self(t):
    v = t.parent_value
    for key in ("vm", "vm2"):
        t.match(v[key], r"^rs: updating vm to /service/vm \(state 1\)$",
                r"^vm: new version, \d+ pages free$",
                r"^rs: service vm updated, endpoint %d, pid %d$" % v["vm0"],
                r"^service vm updated: endpoint %d, pid %d$" % v["vm0"], r"^status=0$",
                no=[r"rolled back", r"panic", r"SIGSEGV"])
    t.match(v["vm_after"], r"^\s*\d+$", r"^forked$")
    t.match(v["vm2"], r"^again$")
    if v["vm1"] != v["vm0"] or v["vm3"] != v["vm0"]:
        t.fail("vm is %r after the update (%r after the rollbacks), not %r"
               % (v["vm1"], v["vm3"], v["vm0"]))
    check_restart(t, v["kill4"])


@test(3, "VM's update rolled back: an init that fails after taking the state (ERESTART), "
         "one that dies (EDEADEPT), a program that is not VM (ENOEXEC, refused before the "
         "swap); the old VM serves on and no page is lost", parent=update_core_session)
def update_vm_rollback(t):
    v = t.parent_value
    for key, why in (("vm_failinit", r"the new version's init failed \(ERESTART\)"),
                     ("vm_crash", r"the new version died \(EDEADEPT\)"),
                     ("vm_rs", r"the new program is not that service \(ENOEXEC\)")):
        t.match(v[key], r"^service: update vm: %s" % why, r"^status=1$", r"^still$",
                no=[r"^rs: service vm updated", r"panic"])
    t.match(v["vm_failinit"], r"^vm: failing the live-update init on purpose$",
            r"^rs: update of vm rolled back: its init failed: EIO$")
    t.match(v["vm_crash"], r"^vm: crashing in the live-update init on purpose$",
            r"^rs: update of vm rolled back: the new version died \(signal 4\)$")
    before = free_pages(t, v["vm2"])
    for key in ("vm_failinit", "vm_crash", "vm_rs"):
        if free_pages(t, v[key]) != before:
            t.fail("%d pages free before the rollbacks, %d after %s"
                   % (before, free_pages(t, v[key]), key))


@test(2, "service update of PM and VFS is EPERM; a missing RS program ENOENT, a non-root "
         "caller EPERM", parent=update_core_session)
def update_core_refused(t):
    v = t.parent_value
    for label in ("pm", "vfs"):
        t.match(v[label], r"^service: update %s: permission denied \(root only; " % label,
                r"^status=1$", no=[r"^rs: updating", r"ENOSYS"])
    t.match(v["bad"], r"^service: update rs: no such program \(ENOENT\)$",
            r"^service: update rs: permission denied", no=[r"^rs: updating", r"status=0"])
