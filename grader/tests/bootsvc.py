# Tests of restarting boot services (handouts/rs.md, "Boot services"): ds, log, pfs, tty,
# memory, mfs and mfs_home are marked sf=restart in the boot image; root's kill -9 of each is handed to
# RS, which swaps a replica of /service/<name> in under the same endpoint and pid, and the
# system goes on: DS keeps its store (sysinfo -d, hello's label), a pipe that was open
# across PFS's death delivers its bytes, the shell reads and prints after tty's death, the
# root file system (served by memory, whose standby replica /etc/rc made) reads and writes
# after memory's death, and so do / and /home after the death of their file servers (mfs,
# mfs_home).  `service refresh`, `clone` and `update` work on them; the core servers stay
# EPERM (kill -9, refresh, update, clone, restart), and `service down` of any boot service
# is EPERM.
#
# bootsvc_session types one script into the root shell (the pids to kill come from
# `service lookup`); its children check the recorded outputs.  The one fixed sleep keeps a
# pipe open while PFS is killed.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.restart import lookup, run_session
from grader.tests.service_more import pids_of

RESTARTABLE = ("ds", "log", "pfs", "tty")
# A writer that puts one line in a pipe, waits while PFS is killed, then another.
PIPE_SH = "echo before-kill; sleep 3; echo after-kill"


def kill_part(s, v):
    """kill -9 of each restartable boot service, and what must still work afterwards."""
    v["status0"] = s.run("service status")
    for label in RESTARTABLE:
        v[label + "_id0"] = lookup(s, label)
    v["ds_kill"] = s.run("kill -9 %d; echo status=$?; sysinfo -d | grep '^hello '; sysinfo -d | grep '^at_wini '"
                         % v["ds_id0"][1])
    v["ds_hello"] = s.run("cat /dev/hello; service lookup hello")
    v["log_kill"] = s.run("kill -9 %d; echo status=$?; echo to-the-log > /dev/log; "
                          "echo log=$?" % v["log_id0"][1])
    s.run("echo '%s' > /tmp/p.sh" % PIPE_SH)
    v["pfs_kill"] = s.run("sh /tmp/p.sh | cat & sleep 1; kill -9 %d; echo status=$?; wait; "
                          "echo piped | cat" % v["pfs_id0"][1])
    v["tty_kill"] = s.run("kill -9 %d; echo status=$?" % v["tty_id0"][1])
    v["tty_after"] = s.run("echo typed-after-tty")
    v["mem_id0"] = lookup(s, "memory")
    v["mem_kill"] = s.run("kill -9 %d; echo status=$?; cat /etc/rc | grep -c service; "
                          "echo written > /tmp/m; cat /tmp/m; ls /bin | grep -c sh; "
                          "service status | grep '^memory '" % v["mem_id0"][1])
    v["mem_id1"] = lookup(s, "memory")
    for label, path in (("mfs", "/tmp/f"), ("mfs_home", "/home/f")):
        v[label + "_id0"] = lookup(s, label)
        v[label + "_kill"] = s.run(
            "echo before > %s; kill -9 %d; echo status=$?; cat %s; echo after >> %s; "
            "cat %s; ls /bin | grep -c sh; service status | grep '^%s '"
            % (path, v[label + "_id0"][1], path, path, path, label))
        v[label + "_id1"] = lookup(s, label)
    for label in RESTARTABLE:
        v[label + "_id1"] = lookup(s, label)
    v["status1"] = s.run("service status")
    # tty killed twice, the second time one second after its restart (well inside RS's 2 s:
    # a back-off however slow the host): RS waits it out, and the shell's write made
    # meanwhile must reach the new instance (it stays pending for the endpoint, not in the
    # dead image)
    v["tty_kill2"] = s.run("kill -9 %d; sleep 1; kill -9 %d; echo status=$?"
                           % (v["tty_id0"][1], v["tty_id0"][1]), timeout=30)
    v["tty_after2"] = s.run("echo typed-after-second-kill", timeout=30)


def request_part(s, v):
    """service refresh, clone (a standby replica swapped in at the next kill), update."""
    v["refresh"] = s.run("service refresh log; echo status=$?; echo refreshed > /dev/log; "
                         "echo log=$?")
    v["clone"] = s.run("service clone ds; echo status=$?; service status | grep '^ds '")
    v["clone_kill"] = s.run("kill -9 %d; echo status=$?; sysinfo -d | grep '^hello '"
                            % lookup(s, "ds")[1])
    v["update"] = s.run("service update /service/pfs -label pfs; echo status=$?; "
                        "echo updated | cat; service update /service/tty -label tty; "
                        "echo status=$?; echo typed-after-update")
    v["restart_busy"] = s.run("service restart ds; echo status=$?")
    v["edit"] = s.run("service edit /service/tty -label tty -period 10; echo status=$?; "
                      "sleep 2; service status | grep '^tty '; echo still-typing")
    v["ids2"] = {label: lookup(s, label) for label in RESTARTABLE}


def eperm_part(s, v):
    """What stays refused: core servers; service down of a boot service."""
    v["refused"] = s.run("service refresh vfs; echo status=$?; service update /service/ds "
                         "-label pm; echo status=$?; service clone vfs; echo status=$?; "
                         "service restart pm; echo status=$?; service down ds; "
                         "echo status=$?; service refresh nosuch; echo status=$?")
    pids = pids_of(s.run("ps"), ("rs", "vm", "vfs"))
    v["kill_fixed"] = s.run("; ".join("kill -9 %d; echo status=$?" % pids[c]
                                      for c in ("rs", "vm", "vfs")) + "; ls /service")
    v["kill_user"] = s.run("/test/asuser 7 /bin/kill -9 %d; echo status=$?"
                           % lookup(s, "ds")[1])


def script(s):
    v = {}
    for part in (kill_part, request_part, eperm_part):
        part(s, v)
    return v


@test(0, "boot services: kill -9 of ds, log, pfs, tty, memory; refresh, clone, update; the EPERM "
         "rules, through the root shell", timeout=300)
def bootsvc_session(t):
    return run_session(t, script, 300)


def same_ids(t, v, before, after):
    for label in RESTARTABLE:
        if v[label + before] != v[label + after]:
            t.fail("%s: endpoint and pid %s before, %s after" % (label, v[label + before],
                                                               v[label + after]))


@test(5, "kill -9 of ds, log, pfs and tty by root: each restarted from /service under the "
         "same endpoint and pid, the restart counted in service status",
      parent=bootsvc_session)
def bootsvc_kill_same_ids(t):
    v = t.parent_value
    same_ids(t, v, "_id0", "_id1")
    for label in RESTARTABLE:
        ep, pid = v[label + "_id0"]
        t.match(v["all"], r"^rs: restarting %s \(restart 1\)$" % label,
                r"^rs: %s: new replica \(pid \d+\) swapped in, endpoint %d, pid %d$"
                % (label, ep, pid))
        t.match(v["status1"], r"^%s\s+%d\s+%d\s+1\s+0\s+boot sys active" % (label, ep, pid))
        t.match(v["status0"], r"^%s\s+%d\s+%d\s+0\s+0\s+boot sys active" % (label, ep, pid))
    for k in ("ds_kill", "log_kill", "pfs_kill", "tty_kill"):
        t.match(v[k], r"^status=0$")


@test(5, "after the restarts: DS kept its store (hello's and at_wini's labels, hello "
         "served), /dev/log writable, a pipe open across PFS's death delivers both lines, "
         "the shell reads and prints after tty's death, and after a second one at once "
         "(a back-off)", parent=bootsvc_session)
def bootsvc_kill_works(t):
    v = t.parent_value
    t.match(v["ds_kill"], r"^ds: restarted, \d+ entries kept$", r"^hello\s", r"^at_wini\s")
    t.match(v["ds_hello"], r"^Hello, world! \(called \d+ times\)$",
            r"^hello: endpoint \d+, pid \d+$")
    t.match(v["log_kill"], r"^log: restarted, state kept$", r"^log=0$")
    t.match(v["pfs_kill"], r"^pfs: restarted$", r"^before-kill$", r"^after-kill$",
            r"^piped$")
    t.match(v["tty_kill"] + v["tty_after"], r"^tty: restarted, state kept$",
            r"^typed-after-tty$")
    t.match(v["tty_kill2"] + v["tty_after2"], r"^rs: tty restarts in \d+ ms \(back-off\)$",
            r"^tty: restarted, state kept$", r"^status=0$", r"^typed-after-second-kill$")
    t.match(v["all"], no=[r"fresh start", r"without the old", r"Input/output error"])


@test(3, "kill -9 of memory (the root file system's driver): its standby replica is "
         "swapped in under the same endpoint and pid, the root file system reads and "
         "writes on", parent=bootsvc_session)
def bootsvc_kill_memory(t):
    v = t.parent_value
    ep, pid = v["mem_id0"]
    t.match(v["all"], r"^rs: memory: standby replica ready, pid \d+$")
    t.match(v["mem_kill"], r"^status=0$",
            r"^rs: memory: standby replica \(pid \d+\) swapped in, endpoint %d, pid %d$"
            % (ep, pid), r"^written$", r"^memory\s+%d\s+%d\s+1\s+0\s+boot sys active" % (ep, pid),
            no=[r"Input/output error", r"panic"])
    if v["mem_id1"] != v["mem_id0"]:
        t.fail("memory: endpoint and pid %s before, %s after" % (v["mem_id0"], v["mem_id1"]))


@test(3, "kill -9 of mfs (the root file system, from the standby replica /etc/rc made) and "
         "of mfs_home (/home): restarted under the same endpoint and pid with every table "
         "kept; a file written before the kill reads back and grows after it",
      parent=bootsvc_session)
def bootsvc_kill_mfs(t):
    v = t.parent_value
    t.match(v["all"], r"^rs: mfs: standby replica ready, pid \d+$")
    for label in ("mfs", "mfs_home"):
        ep, pid = v[label + "_id0"]
        t.match(v[label + "_kill"], r"^status=0$", r"^mfs: restarted, state kept$",
                r"^rs: %s: (standby|new) replica \(pid \d+\) swapped in, endpoint %d, pid %d$"
                % (label, ep, pid), r"^before$", r"^after$",
                r"^%s\s+%d\s+%d\s+1\s+0\s+boot sys active" % (label, ep, pid),
                no=[r"Input/output error", r"panic", r"refused"])
        if v[label + "_id1"] != v[label + "_id0"]:
            t.fail("%s: endpoint and pid %s before, %s after"
                   % (label, v[label + "_id0"], v[label + "_id1"]))


@test(4, "service refresh log, clone ds (the standby replica swapped in at the next kill), "
         "update pfs and tty: same endpoints and pids; restart of a running ds is EBUSY; "
         "service edit gives tty heartbeats, which it answers",
      parent=bootsvc_session)
def bootsvc_requests(t):
    v = t.parent_value
    t.match(v["refresh"], r"^rs: refreshing log$", r"^log: restarted, state kept$", r"^status=0$",
            r"^log=0$")
    t.match(v["clone"], r"^rs: ds: standby replica ready, pid \d+$", r"^status=0$",
            r"^ds\s+\d+\s+\d+\s+1\s+0\s+boot sys active replica")
    t.match(v["clone_kill"], r"^rs: ds: standby replica \(pid \d+\) swapped in",
            r"^ds: restarted, \d+ entries kept$", r"^hello\s")
    t.match(v["update"], r"^pfs: new version, pipes kept$", r"^status=0$", r"^updated$",
            r"^tty: new version, state kept$", r"^typed-after-update$")
    t.match(v["restart_busy"], r"^service: restart ds: busy", r"^status=1$")
    t.match(v["edit"], r"^rs: service tty edited \(path /service/tty, period 50\)$",
            r"^status=0$", r"^tty\s+\d+\s+\d+\s+\d+\s+50\s+boot sys active",
            r"^still-typing$", no=[r"did not answer", r"died"])
    for label in RESTARTABLE:
        if v["ids2"][label] != v[label + "_id0"]:
            t.fail("%s: %s at boot, %s after refresh/clone/update"
                   % (label, v[label + "_id0"], v["ids2"][label]))


@test(4, "still refused: refresh vfs, update pm, clone vfs, restart pm, down ds "
         "(EPERM), an unknown label (ESRCH); root's kill -9 of rs, vm, vfs and a "
         "user's kill -9 of ds (EPERM)", parent=bootsvc_session)
def bootsvc_eperm(t):
    v = t.parent_value
    t.match(v["refused"], r"^service: refresh vfs: permission denied",
            r"^service: update pm: permission denied",
            r"^service: clone vfs: permission denied",
            r"^service: restart pm: permission denied",
            r"^service: down ds: permission denied",
            r"^service: refresh nosuch: no such service", no=[r"^status=0$"])
    t.match(v["kill_fixed"], r"^kill: \d+: Operation not permitted$", r"^ds$", r"^pfs$",
            no=[r"^status=0$", r"died of signal"])
    if len(re.findall(r"^kill: \d+: Operation not permitted$", v["kill_fixed"], re.M)) != 3:
        raise CheckFailure("not every kill -9 of rs, vm, vfs was refused:\n%s"
                           % v["kill_fixed"])
    t.match(v["kill_user"], r"^kill: \d+: Operation not permitted$", r"^status=1$")
