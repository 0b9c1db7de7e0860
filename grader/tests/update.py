# Tests of live update: `service update` replaces the running hello driver by a new version
# that keeps its endpoint, pid, descriptors and state, and every way RS rolls an update back
# (handouts/rs.md, "Live update").  Everything is typed into the real root shell.
#
# One parent (update_session) types a script whose checks depend on earlier answers (the
# count before an update, the endpoint and pid from `service lookup`); children check its
# recorded outputs.  /test/hellohold (commands/testprogs/hellohold.c) opens /dev/hello, reads,
# and reads again on the same descriptor once the shell creates a file: it holds a
# descriptor across an update (and keeps hello from being protocol-free, state 3, which is
# how the timeout is provoked).  No fixed sleep: `hellohold -w` waits for the file hellohold
# creates once its descriptor is open.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.restart import Session, lookup

HELLO = r"^Hello, world! \(called (\d+) times\)$"


def called(n, who=""):
    """The line a read of /dev/hello gives at count n (after hellohold's "who: ")."""
    return r"^%sHello, world! \(called %d times\)$" % (who, n)


def count(t, text):
    """The N of the first hello line in text."""
    m = re.search(HELLO, text, re.M)
    if not m:
        raise CheckFailure("no hello line in:\n%s" % text)
    return int(m.group(1))


def hold(update):
    """A command line: hellohold holds a descriptor while update runs."""
    return ("/test/hellohold /tmp/go & /test/hellohold -w /tmp/go.open; %s; echo status=$?; "
            "echo > /tmp/go; wait; rm /tmp/go /tmp/go.open" % update)


def script(s):
    """The whole session; returns a dict of named outputs for the children."""
    v = {"ep0_pid0": lookup(s, "hello"), "cat0": s.run("cat /dev/hello")}
    v["up"] = s.run("service update /service/hello -label hello; echo status=$?")
    v["cat1"] = s.run("cat /dev/hello")
    v["ep1_pid1"] = lookup(s, "hello")
    v["status1"] = s.run("service status | grep '^hello '")
    v["fd"] = s.run(hold("service update self -label hello"))
    v["cat2"] = s.run("cat /dev/hello")
    v["failinit"] = s.run("service update /service/hello_failinit -label hello; "
                          "echo status=$?")
    v["cat3"] = s.run("cat /dev/hello")
    v["crash"] = s.run("service update /service/hello_crash -label hello; echo status=$?")
    v["cat4"] = s.run("cat /dev/hello")
    v["ep4_pid4"] = lookup(s, "hello")
    v["timeout"] = s.run(hold("service update self -label hello; "
                              "service update self -label hello -state 3 -maxtime 1000"))
    v["cat5"] = s.run("cat /dev/hello")
    v["pfree"] = s.run("service update self -label hello -state 3; echo status=$?")
    v["cat6"] = s.run("cat /dev/hello; service status | grep '^hello '")
    # three lines (a shell line holds 255 characters), the two jobs running across them
    v["busy"] = (s.run("/test/hellohold /tmp/go & /test/hellohold -w /tmp/go.open; "
                       "service update self -label hello -state 3 -maxtime 8000 & "
                       "/test/hellohold -u hello") +
                 s.run("service status | grep '^hello '; service update self -label hello; "
                       "echo status=$?; service down hello; echo status=$?") +
                 s.run("echo > /tmp/go; wait; rm /tmp/go /tmp/go.open"))
    v["cat6b"] = s.run("cat /dev/hello; service status | grep '^hello '")
    v["bad"] = [s.run(c + "; echo status=$?") for c in (
        "service update /service/hello -label nosuch",
        "service update /service/nothere -label hello",
        "service update /service/hello -label hello -maxtime 20001",
        "service update /service/hello -label hello -state 99",
        "service update /service/hello -label pm",
        "/test/asuser 7 /bin/service update /service/hello -label hello",
    )]
    v["refused"] = s.run("service update self -label hello -state 9; echo status=$?")
    v["cat7"] = s.run("cat /dev/hello")
    return v


@test(0, "live update of hello and its rollbacks, through the root shell", timeout=400)
def update_session(t):
    s = Session(t, 400)
    v = script(s)
    s.q.stop()
    return v


@test(6, "service update: the counter goes on, endpoint and pid stay, no restart",
      lab="sef-lu",
      parent=update_session)
def update_counter(t):
    v = t.parent_value
    n = count(t, v["cat0"])
    t.match(v["up"], r"^rs: updating hello to /service/hello \(state 1\)$",
            r"^rs: service hello updated, endpoint %d, pid %d$" % v["ep0_pid0"],
            r"^service hello updated: endpoint %d, pid %d$" % v["ep0_pid0"], r"^status=0$",
            no=[r"rolled back", r"hello: restarted"])
    t.match(v["cat1"], called(n + 1))
    if v["ep1_pid1"] != v["ep0_pid0"]:
        t.fail("endpoint and pid were %s before the update and %s after"
               % (v["ep0_pid0"], v["ep1_pid1"]))
    t.match(v["status1"], r"^hello\s+%d\s+%d\s+0\s+0\s+sys active $" % v["ep0_pid0"])


@test(5, "a descriptor opened before the update reads the same count after it; "
         "service update self works", lab="sef-lu",
      parent=update_session)
def update_fd_self(t):
    v = t.parent_value
    n = count(t, v["cat1"])
    t.match(v["fd"], called(n + 1, "hellohold: before: "),
            r"^service hello updated: endpoint %d, pid %d$" % v["ep0_pid0"], r"^status=0$",
            called(n + 1, "hellohold: after: "),
            no=[r"hellohold: after: \w+:"])
    t.match(v["cat2"], called(n + 2))


@test(5, "update to hello_failinit: its init fails, RS rolls back (ERESTART), the old "
         "version serves on with its count", lab="sef-lu",
      parent=update_session)
def update_failinit(t):
    v = t.parent_value
    n = count(t, v["cat2"])
    t.match(v["failinit"], r"^hello: init fails on purpose \(hello_failinit\)$",
            r"^rs: update of hello rolled back: its init failed: EIO$",
            r"^service: update hello: the new version's init failed \(ERESTART\): rolled "
            r"back, the old version goes on with its state$", r"^status=1$")
    t.match(v["cat3"], called(n + 1))


@test(5, "update to hello_crash: it dies after its init, RS rolls back (EDEADEPT), the old "
         "version serves on with its count, same endpoint and pid", lab="sef-lu",
      parent=update_session)
def update_crash(t):
    v = t.parent_value
    n = count(t, v["cat3"])
    t.match(v["crash"],
            r"^panic in hello_crash: main: hello_crash crashes on purpose after its init$",
            r"^rs: update of hello rolled back: the new version died \(signal 6\)$",
            r"^service: update hello: the new version died \(EDEADEPT\): rolled back, the "
            r"old version goes on with its state$", r"^status=1$",
            no=[r"hello: restarted", r"^rs: restarting hello"])
    t.match(v["cat4"], called(n + 1))
    if v["ep4_pid4"] != v["ep0_pid0"]:
        t.fail("endpoint and pid changed by the rollback: %s, then %s"
               % (v["ep0_pid0"], v["ep4_pid4"]))


@test(5, "a prepare that never becomes ready (protocol-free with a descriptor open, held "
         "across an update) times out: EINTR, the update is cancelled and hello serves on",
      lab="sef-lu", parent=update_session)
def update_timeout(t):
    v = t.parent_value
    n = count(t, v["cat4"])
    t.match(v["timeout"], called(n + 1, "hellohold: before: "),
            r"^service hello updated: endpoint %d, pid %d$" % v["ep0_pid0"],
            r"^rs: update of hello cancelled: EINTR$",
            r"^service: update hello: not ready within maxtime \(EINTR\): update cancelled, "
            r"the old version goes on$", r"^status=1$",
            called(n + 1, "hellohold: after: "))
    t.match(v["cat5"], called(n + 2))
    t.match(v["pfree"], r"^service hello updated: endpoint %d, pid %d$" % v["ep0_pid0"],
            r"^status=0$")
    t.match(v["cat6"], called(n + 3),
            r"^hello\s+%d\s+%d\s+0\s+0\s+sys active $" % v["ep0_pid0"])


@test(3, "a state hello does not know (custom state 9): its SEF refuses it at once "
         "(EINVAL), the update is cancelled, hello serves on", lab="sef-lu",
      parent=update_session)
def update_state_refused(t):
    v = t.parent_value
    t.match(v["refused"], r"^rs: updating hello to /service/hello \(state 9\)$",
            r"^rs: update of hello cancelled: EINVAL$",
            r"^service: update hello: invalid argument$", r"^status=1$",
            no=[r"EINTR", r"updated"])
    n = count(t, v["cat6b"])
    t.match(v["cat7"], called(n + 1))


@test(4, "bad updates: unknown label, missing program, maxtime or state out of range, "
         "PM, a user: plain messages, exit status 1, nothing started",
      parent=update_session)
def update_errors(t):
    v = t.parent_value
    want = [
        r"^service: update nosuch: no such service$",
        r"^service: update hello: no such program \(ENOENT\)$",
        r"^service: update hello: invalid argument$",
        r"^service: update hello: invalid argument$",
        r"^service: update pm: permission denied \(root only; of the boot services only "
        r"those marked sf=restart can be updated\)$",
        r"^service: update hello: permission denied \(root only; of the boot services only "
        r"those marked sf=restart can be updated\)$",
    ]
    for text, w in zip(v["bad"], want):
        t.match(text, w, r"^status=1$", no=[r"^rs: updating"])


@test(4, "a protocol-free update waits while a descriptor is open and completes once it is "
         "closed; meanwhile hello is listed as updating and another update or a down is "
         "EBUSY", lab="sef-lu", parent=update_session)
def update_busy_then_ready(t):
    v = t.parent_value
    n = count(t, v["cat6"])
    t.match(v["busy"], called(n + 1, "hellohold: before: "),
            r"^hello\s+%d\s+%d\s+0\s+0\s+sys active updating $" % v["ep0_pid0"],
            r"^service: update hello: busy \(another update runs, or the service is starting, "
            r"stopping or restarting\)$",
            r"^service: down hello: busy \(the label or device is taken, the service is "
            r"starting, stopping, restarting or being updated, or the system is shutting "
            r"down\)$",
            called(n + 1, "hellohold: after: "),
            r"^service hello updated: endpoint %d, pid %d$" % v["ep0_pid0"],
            no=[r"EINTR", r"^rs: update of hello cancelled"])
    if v["busy"].count("status=1") != 2:
        t.fail("the second update and the down should both fail (status=1 twice):\n%s"
               % v["busy"])
    t.match(v["cat6b"], called(n + 2),
            r"^hello\s+%d\s+%d\s+0\s+0\s+sys active $" % v["ep0_pid0"])
