# Tests of RS starting and stopping services from files, through the `service` command
# typed at the real root shell (handouts/rs.md, "Starting and stopping services").
#
# One parent session (service_session) boots the build's own module list and types a
# script: service up /service/ping (the test service of the root image), lookup, status,
# down (the label leaves DS), up again; every error case (non-root callers through
# /test/asuser, a duplicate label, unknown labels, bad arguments, a missing binary, a file
# that is not an ELF, a boot service, the requests that are not implemented); a service
# whose init fails, one that crashes in its init and one that ignores SIGTERM; VM's free
# pages before and after; and ordinary commands afterwards.  Then the privileges from
# system.conf (ping's mode inb shows what the kernel lets it do under three -config
# entries and its own /etc/system.conf entry) and the refusals: a malformed entry, no
# entry, no file.  Each child checks one part of the recorded outputs.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import session_outputs, free_pages

# The test labels' privileges: entries with the basic calls only (users -- /test/pingreq --
# may send to them), in /tmp/t.conf (the shell writes it), read with -config; ping itself
# has its entry in /etc/system.conf.
CONF = " ".join("service %s{users yes;};" % label
                for label in ("other", "bad", "crash", "stubborn", "again"))
CONF2 = " ".join("service %s%d{users yes;};" % (x, i) for x in "fc" for i in range(3))

SCRIPT = [
    "echo '%s' > /tmp/t.conf; free" % CONF,
    "service up /service/ping -args p1 -period 50; echo status=$?",
    "service lookup ping; echo status=$?",
    "service status",
    "service; echo status=$?; sysinfo -d | grep '^ping '",
    "service down ping; echo status=$?",
    "service lookup ping; echo status=$?; sysinfo -d | grep -c '^ping '",
    "service up /service/ping -label ping -args p2; echo status=$?",
    "service up /service/ping -label ping; echo status=$?",
    "/test/asuser 7 /bin/service up /service/ping -label other -config /tmp/t.conf; "
    "echo status=$?",
    "/test/asuser 7 /bin/service down ping; echo status=$?",
    "/test/asuser 7 /bin/service lookup ping; echo status=$?",
    "service down ping; echo status=$?",
    "service down nosuch; echo status=$?",
    "service down vm; echo status=$?",
    "service down pm; echo status=$?",
    # -label ping: ping's entry in /etc/system.conf, so that the request reaches RS
    "service up /service/nosuch -label ping; echo status=$?",
    "service up /test/badelf -label ping; echo status=$?",
    "service up relative/path; echo status=$?",
    "service up /service/ping -label 'bad label'; echo status=$?",
    "service up /service/ping -period x; echo status=$?",
    "service up; echo status=$?",
    "service lookup; echo status=$?",
    "service frobnicate; echo status=$?",
    "service clone nosuch; echo status=$?",
    "service restart nosuch; echo status=$?",
    "service up /service/ping -label bad -args 'bad fail' -config /tmp/t.conf; echo status=$?",
    "service lookup bad; echo status=$?",
    "service up /service/ping -label crash -args 'crash crash' -config /tmp/t.conf; "
    "echo status=$?",
    "service lookup crash; echo status=$?",
    "service up /service/ping -label stubborn -args 'stubborn noterm' -config /tmp/t.conf; "
    "echo status=$?",
    "service down stubborn; echo status=$?",
    "service lookup stubborn; echo status=$?",
    "service up /service/ping -label again -args again -config /tmp/t.conf; echo status=$?",
    "echo '%s' >> /tmp/t.conf; service down again; echo status=$?" % CONF2,
] + [
    "service up /service/ping -label f%d -args 'f%d fail' -config /tmp/t.conf 2>/dev/null; "
    "service up /service/ping -label c%d -args 'c%d crash' -config /tmp/t.conf 2>/dev/null"
    % (i, i, i, i)
    for i in range(3)
] + [
    "free",
    "echo hello | cat; ls /service",
    "ps",
] + [
    # 41: privileges from system.conf, seen by the service (ping's mode inb reads port 0x61)
    "echo 'service nodev { }; service noio { system DEVIO; }; "
    "service io { system DEVIO; io 61; };' > /tmp/dev.conf",
    "echo 'service ok { };' > /tmp/bad.conf; "
    "echo 'service broken { frobnicate 1; };' >> /tmp/bad.conf; cat /tmp/bad.conf",
    "service up /service/ping -label nodev -args 'nodev inb' -config /tmp/dev.conf; "
    "echo status=$?",
    "service up /service/ping -label noio -args 'noio inb' -config /tmp/dev.conf; "
    "echo status=$?",
    "service up /service/ping -label io -args 'io inb' -config /tmp/dev.conf; echo status=$?",
    "service up /service/ping -args 'p3 inb'; echo status=$?",
    "service down nodev; service down noio; service down io; service down ping; "
    "echo status=$?",
    # 48: a malformed entry, a good entry of a file with errors, no entry, no file
    "service up /service/ping -label broken -config /tmp/bad.conf; echo status=$?; "
    "service lookup broken",
    "service up /service/ping -label ok -config /tmp/bad.conf; echo status=$?; "
    "service down ok",
    "service up /service/ping -label nobody -config /tmp/dev.conf; echo status=$?",
    "service up /service/ping -label nodev -config /tmp/none.conf; echo status=$?",
    "service up /service/ping -label nobody; echo status=$?; service lookup nobody",
    # 53: RS's own checks of the entry, from a program that does not use `service`
    "/test/rsconf; echo status=$?",
]


@test(0, "service up/down/lookup/status and their errors through the root shell", timeout=300)
def service_session(t):
    return session_outputs(t, SCRIPT, timeout=300)


def out(t, i):
    """The output of SCRIPT[i] (its echo line stripped)."""
    command, text = t.parent_value[i]
    if command != SCRIPT[i]:
        raise CheckFailure("the session ran %r where %r was expected" % (command, SCRIPT[i]))
    return text.split("\n", 1)[1] if "\n" in text else ""


@test(5, "service up starts /service/ping: SEF init, endpoint and pid reported, label in DS",
      parent=service_session)
def service_up(t):
    text = out(t, 1)
    t.match(text, r"^ping p1: init fresh, endpoint \d+$",
            r"^service ping up: endpoint \d+, pid \d+$", r"^status=0$")
    ep = re.search(r"^service ping up: endpoint (\d+), pid (\d+)$", text, re.M)
    t.match(out(t, 2), r"^ping: endpoint %s, pid %s$" % (ep.group(1), ep.group(2)),
            r"^status=0$")


@test(4, "service status lists label, endpoint, pid, restarts, period and flags; DS has "
         "the label", 
      parent=service_session)
def service_status(t):
    text = out(t, 3)
    t.match(text, r"^LABEL\s+ENDPOINT\s+PID\s+RESTARTS\s+PERIOD\s+FLAGS$",
            r"^ping\s+\d+\s+\d+\s+0\s+50\s+sys active $",
            r"^vm\s+\d+\s+\d+\s+0\s+0\s+boot sys active",
            r"^pm\s+0\s+\d+\s+0\s+0\s+boot sys active")
    t.match(out(t, 4), r"^ping\s+\d+\s+\d+\s+0\s+50\s+sys active $", r"^status=0$")
    ep = re.search(r"^service ping up: endpoint (\d+)", out(t, 1), re.M).group(1)
    t.match(out(t, 4), r"^ping\s+label\s+rs\s+%s$" % ep)


@test(5, "service down stops it through SEF's SIGTERM; its label is gone (RS and DS); up "
         "again works",
      parent=service_session)
def service_down(t):
    t.match(out(t, 5), r"^ping p1: SIGTERM, exiting$", r"^service ping down$", r"^status=0$")
    t.match(out(t, 6), r"^service: lookup ping: no such service$", r"^status=1$", r"^0$")
    t.match(out(t, 7), r"^ping p2: init fresh, endpoint \d+$", r"^status=0$")


@test(5, "EBUSY for a duplicate label, EPERM for non-root callers (lookup is for anyone)",
      parent=service_session)
def service_eperm_ebusy(t):
    t.match(out(t, 8), r"^service: up /service/ping: busy", r"^status=1$")
    t.match(out(t, 9), r"^service: up /service/ping: permission denied", r"^status=1$",
            no=[r"init fresh"])
    t.match(out(t, 10), r"^service: down ping: permission denied", r"^status=1$")
    t.match(out(t, 11), r"^ping: endpoint \d+, pid \d+$", r"^status=0$")
    t.match(out(t, 12), r"^service ping down$", r"^status=0$")


@test(5, "ESRCH for an unknown label, EPERM for core servers (service down vm, pm)",
      parent=service_session)
def service_esrch_core(t):
    t.match(out(t, 13), r"^service: down nosuch: no such service$", r"^status=1$")
    t.match(out(t, 14), r"^service: down vm: permission denied", r"^status=1$")
    t.match(out(t, 15), r"^service: down pm: permission denied", r"^status=1$")


@test(5, "ENOENT for a missing binary, ENOEXEC for a file that is not an ELF",
      parent=service_session)
def service_enoent_enoexec(t):
    t.match(out(t, 16), r"^service: up /service/nosuch: No such file or directory$",
            r"^status=1$")
    t.match(out(t, 17), r"^service: up /test/badelf: Exec format error$", r"^status=1$")


@test(4, "EINVAL and usage errors for bad arguments; ENOSYS for what is not implemented",
      parent=service_session)
def service_einval(t):
    t.match(out(t, 18), r"^service: up relative/path: invalid argument$", r"^status=1$")
    t.match(out(t, 19), r"^service: up /service/ping: invalid argument$", r"^status=1$")
    t.match(out(t, 20), r"^service: up: bad arguments$", r"^status=2$")
    t.match(out(t, 21), r"^usage: service up", r"^status=2$")
    t.match(out(t, 22), r"^usage: service up", r"^status=2$")
    t.match(out(t, 23), r"^service: unknown command frobnicate$", r"^status=2$")
    t.match(out(t, 24), r"^service: clone nosuch: no such service$", r"^status=1$")
    t.match(out(t, 25), r"^service: restart nosuch: no such service$", r"^status=1$")


@test(5, "a service whose init fails (or crashes) is reported and cleaned up",
      parent=service_session)
def service_init_fails(t):
    t.match(out(t, 26), r"^ping bad: failing init with EIO$",
            r"^rs: service bad failed its init: EIO$",
            r"^service: up /service/ping: Input/output error$", r"^status=1$")
    t.match(out(t, 27), r"^service: lookup bad: no such service$", r"^status=1$")
    t.match(out(t, 28), r"^ping crash: dividing by zero in init$",
            r"^rs: service crash \(endpoint \d+\) died of signal 8$",
            r"^service: up /service/ping: the service died during its initialisation$",
            r"^status=1$")
    t.match(out(t, 29), r"^service: lookup crash: no such service$", r"^status=1$")


@test(4, "a service that ignores SIGTERM is killed by service down", parent=service_session)
def service_down_kill(t):
    t.match(out(t, 31), r"^ping stubborn: SIGTERM ignored$",
            r"^rs: service stubborn ignored SIGTERM: SIGKILL$", r"^service stubborn down$",
            r"^status=0$")
    t.match(out(t, 32), r"^service: lookup stubborn: no such service$", r"^status=1$")


# The servers' heaps (VFS reads each program into a malloc'd buffer) may keep up to this
# many pages more or fewer between two `free`s; one leaked service would cost more (its
# ELF alone is 11 pages, plus stack and page tables), and 6 failed starts ran in between.
HEAP_SLACK = 16


@test(5, "no leak: VM's free pages come back after every up, down and failure (6 more "
         "failed starts at the end); no service process is left; the system goes on",
      parent=service_session)
def service_no_leak(t):
    t.match(out(t, 33), r"^status=0$")
    t.match(out(t, 34), r"^service again down$", r"^status=0$")
    for i in range(35, 38):
        t.match(out(t, i), r"^rs: service f%d failed its init: EIO$" % (i - 35),
                r"^rs: service c%d \(endpoint \d+\) died of signal 8$" % (i - 35))
    before, after = free_pages(out(t, 0)), free_pages(out(t, 38))
    if after < before - HEAP_SLACK:
        t.fail("VM had %d free pages before the services and %d after: more than the "
               "servers' heaps explain" % (before, after))
    t.match(out(t, 39), r"^hello$", r"^ping$", no=[r"^panic", r"^rs: .*fatal"])
    t.match(out(t, 40), r"^.*\binit$", no=[r"^.*\bping$"])
    for _, text in t.parent_value:
        if re.search(r"^panic|^pm: |^vfs: ", text, re.M):
            t.fail("a server complained:\n%s" % text)


@test(5, "service up gives the privileges of the label's system.conf entry: no DEVIO, the "
         "kernel call is denied; DEVIO without the port, refused; DEVIO and io 61, allowed",
      parent=service_session)
def service_conf_privileges(t):
    t.match(out(t, 43), r"^ping nodev: inb 0x61: -104$", r"^status=0$")   # ECALLDENIED
    t.match(out(t, 44), r"^ping noio: inb 0x61: -1$", r"^status=0$")      # EPERM
    t.match(out(t, 45), r"^ping io: inb 0x61: 0$", r"^status=0$")
    t.match(out(t, 46), r"^ping p3: inb 0x61: -104$", r"^status=0$")     # /etc/system.conf
    t.match(out(t, 47), r"^service nodev down$", r"^service noio down$", r"^service io down$",
            r"^service ping down$", r"^status=0$")


@test(5, "service up refuses a malformed entry (FILE:LINE reported), a label without an "
         "entry (ENOENT, label and file named) and a missing -config file; nothing started",
      parent=service_session)
def service_conf_errors(t):
    t.match(out(t, 48), r'^service: /tmp/bad.conf:2: unknown key "frobnicate" in service '
            r'broken$',
            r"^service: up broken: the entry of broken in /tmp/bad.conf has errors: not "
            r"started$", r"^status=1$", r"^service: lookup broken: no such service$",
            no=[r"init fresh"])
    t.match(out(t, 49), r'^service: /tmp/bad.conf:2: unknown key "frobnicate"',
            r"^ping ping: init fresh", r"^service ok up: ",
            r"^status=0$", r"^service ok down$")
    t.match(out(t, 50), r"^service: up nobody: no entry for nobody in /tmp/dev.conf "
            r"\(ENOENT\)$", r"^status=1$", no=[r"init fresh"])
    t.match(out(t, 51), r"^service: up nodev: cannot open /tmp/none.conf: No such file or "
            r"directory$", r"^status=1$", no=[r"init fresh"])
    t.match(out(t, 52), r"^service: up nobody: no entry for nobody in /etc/system.conf "
            r"\(ENOENT\)$", r"^status=1$", r"^service: lookup nobody: no such service$",
            no=[r"init fresh"])


RSCONF_CASES = ["other_label", "marked_bad", "io_count", "ipc_count", "ipc_label",
                "bad_ipc_kind", "good"]


@test(4, "RS checks the entry RS_UP carries: another label's, one marked bad, counts out of "
         "range, an unterminated label, an unknown ipc kind are EINVAL; the good one starts",
      parent=service_session)
def service_conf_rs_checks(t):
    t.match(out(t, 53), *[r"^rsconf: %s ok$" % c for c in RSCONF_CASES],
            r"^rsconf: %d ok, 0 failed$" % len(RSCONF_CASES), r"^status=0$",
            r"^ping rsconf: init fresh", no=[r"FAILED"])
