# Tests of the hello driver (handouts/hello.md): /dev/hello through the real shell, and its
# SEF callbacks and state hand-over driven directly by an in-guest program.
#
# hello_shell boots the build's own module list (hello is not a boot module: /etc/rc starts
# /service/hello with `service up ... -dev /dev/hello`, under its /etc/system.conf entry)
# and types at the root shell: `cat /dev/hello` twice (the first opens since boot: counts 1
# and 2), a write
# redirection (refused: EACCES), `cat` (3: the refused open did not count),
# /test/hellotest (commands/testprogs/hellotest.c: opens, reads and closes in a loop, EOF,
# short reads, lseek, writes refused), then `cat` again, whose count must be exactly 3 + the
# 30 successful opens hellotest makes + 1; sysinfo shows hello in RS's and DS's tables.
# Then `service down hello` (cat /dev/hello: ENXIO, Device not configured) and `service up
# /service/hello -dev /dev/hello` again (a fresh instance: the count starts at 1).
#
# hello_lu boots VM, RS, DS and commands/tests/hello_lutest.c under the label "hello": it
# calls hello's fresh, live-update and restart init callbacks and its state save itself, in
# one process, so each callback is checked on its own (the hand-over across two processes,
# through `service update`, is grader/tests/update.py).
#
# hello_failinit and hello_crash boot the two rollback variants as plain boot services:
# the first must fail its init (RS refuses it), the second must crash after a good init.
# Updates to either, rolled back by RS, are in grader/tests/update.py.

from grader.core import test
from grader.qemu import EXIT_PANIC
from grader.tests.common import SYSCONF, VM, RS, boot_until, done_line, passes
from grader.tests.shell import output_of, session_outputs

HELLOTEST_CASES = ["loop", "eof", "short", "rewind", "two_opens", "wronly", "rdwr", "write"]
HELLOTEST_OPENS = 30    # successful opens of /dev/hello in hellotest.c, all cases

HELLO_SHELL = [
    "cat /dev/hello",
    "cat /dev/hello; echo status=$?",
    "echo hi > /dev/hello; echo status=$?",
    "cat /dev/hello; echo after the write",
    "/test/hellotest; echo status=$?",
    "cat /dev/hello; echo after hellotest",
    "cat /dev/hello /dev/hello | wc -l",
    "sysinfo -r | grep -c hello",
    "sysinfo -d | grep drv.chr.hello",
    "service down hello; echo status=$?",
    "cat /dev/hello; echo after down",
    "service up /service/hello -dev /dev/hello; echo status=$?",
    "cat /dev/hello; echo after up",
]


@test(0, "boot and use /dev/hello from the root shell", timeout=240)
def hello_shell(t):
    return session_outputs(t, HELLO_SHELL, timeout=240)


@test(4, "cat /dev/hello twice: called 1 times, then called 2 times", parent=hello_shell)
def hello_cat(t):
    t.match(output_of(t, "cat /dev/hello"), r"^Hello, world! \(called 1 times\)$")
    t.match(output_of(t, "cat /dev/hello; echo status=$?"),
            r"^Hello, world! \(called 2 times\)$", r"^status=0$")


@test(3, "writing /dev/hello is refused (EACCES: Permission denied) and not counted",
      parent=hello_shell)
def hello_write(t):
    t.match(output_of(t, "echo hi > /dev/hello; echo status=$?"),
            r"^sh: /dev/hello: Permission denied$", r"^status=[1-9]")
    t.match(output_of(t, "cat /dev/hello; echo after the write"),
            r"^Hello, world! \(called 3 times\)$", r"^after the write$")


@test(5, "open, read, close in a loop counts each open once; EOF, short reads, lseek; "
         "writes refused (EACCES, EBADF)", parent=hello_shell)
def hello_loop(t):
    t.match(output_of(t, "/test/hellotest; echo status=$?"),
            *[r"^hellotest: %s ok$" % c for c in HELLOTEST_CASES],
            r"^hellotest: %d ok, 0 failed$" % len(HELLOTEST_CASES), r"^status=0$",
            no=[r"FAILED"])
    t.match(output_of(t, "cat /dev/hello; echo after hellotest"),
            r"^Hello, world! \(called %d times\)$" % (3 + HELLOTEST_OPENS + 1),
            r"^after hellotest$")
    t.match(output_of(t, "cat /dev/hello /dev/hello | wc -l"), r"^\s*2$")


@test(2, "/etc/rc started /service/hello; RS lists it; it published drv.chr.hello in DS",
      parent=hello_shell)
def hello_up(t):
    t.match(t.parent_boot, r"^service hello up: endpoint \d+, pid \d+$",
            r"^Minnow: /etc/rc done$")
    t.match(output_of(t, "sysinfo -r | grep -c hello"), r"^\s*1$")
    t.match(output_of(t, "sysinfo -d | grep drv.chr.hello"), r"^drv\.chr\.hello\s+u32\s+hello\s+1$")


@test(4, "service down hello: cat /dev/hello gives ENXIO; service up /service/hello brings "
         "it back with the count at 1", parent=hello_shell)
def hello_down_up(t):
    t.match(output_of(t, "service down hello; echo status=$?"), r"^service hello down$",
            r"^status=0$")
    t.match(output_of(t, "cat /dev/hello; echo after down"),
            r"^cat: /dev/hello: Device not configured$", r"^after down$", no=[r"^Hello"])
    t.match(output_of(t, "service up /service/hello -dev /dev/hello; echo status=$?"),
            r"^service hello up: endpoint \d+, pid \d+$", r"^status=0$")
    t.match(output_of(t, "cat /dev/hello; echo after up"),
            r"^Hello, world! \(called 1 times\)$", r"^after up$")


@test(0, "boot hello's SEF callbacks in a test program (label hello)", timeout=60)
def hello_lu(t):
    return boot_until(t, [VM, RS, "build/servers/ds/ds priv=sys sf=synch",
                          "build/commands/tests/hello_lutest priv=sys label=hello", SYSCONF],
                      [done_line("hello_lutest")], timeout=50)


@test(4, "fresh init announces drv.chr.hello with the count at 0; opens count, writers "
         "and other minors refused", parent=hello_lu)
def hello_lu_fresh(t):
    passes(t, t.parent_boot, "hello_lu_fresh", "hello_lu_opens")


@test(6, "state hand-over: the count and the open minors saved in DS, restored by the "
         "live-update init and deleted; nothing saved: the init fails", lab="sef-lu",
      parent=hello_lu)
def hello_lu_handover(t):
    passes(t, t.parent_boot, "hello_lu_save", "hello_lu_wiped", "hello_lu_lu",
           "hello_lu_deleted", "hello_lu_nothing")


@test(3, "restart init: the count starts again and the driver says it was restarted",
      parent=hello_lu)
def hello_lu_restart(t):
    out = t.parent_boot
    passes(t, out, "hello_lu_restart")
    t.match(out, r"^hello: restarted$", r"^DONE hello_lutest \d+ passed, 0 failed$")


# ---- the rollback variants, booted on their own ----------------------------------------
# Booting each as a service shows that it fails the way its name says (update.py uses them
# as the new version of an update).

DS_SYNCH = "build/servers/ds/ds priv=sys sf=synch"


@test(2, "hello_failinit fails its init (EIO): RS refuses it", timeout=40)
def hello_failinit(t):
    out = t.boot(modules=[VM, RS, DS_SYNCH,
                          "build/drivers/hello/hello_failinit priv=sys label=hello", SYSCONF])
    t.match(out, r"^hello: init fails on purpose \(hello_failinit\)$",
            r"^rs: boot service hello failed its init: EIO$")
    t.assert_exit(out, EXIT_PANIC)


@test(2, "hello_crash panics right after a successful init; the system goes on", timeout=40)
def hello_crash(t):
    out = boot_until(t, [VM, RS, DS_SYNCH, "build/drivers/hello/hello_crash priv=sys label=hello",
                         "build/commands/tests/sef_test priv=sys label=other other", SYSCONF],
                     [r"^rs: service hello \(endpoint \d+\) ", r"^rs: other answered ping$"])
    t.match(out, r"^panic in hello_crash: main: hello_crash crashes on purpose after its init$",
            no=[r"^rs: boot service hello failed"])
