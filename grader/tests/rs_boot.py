# Tests of SEF and RS's boot protocol (handouts/rs.md).
#
# Each boot carries VM, RS and test services (commands/tests/sef_test.c) as modules.  With a
# module named "rs" the kernel makes only VM and RS system processes and holds the rest
# until RS gives them privileges (SYSCONF: a label with an entry is a system service, one
# without a user process), starts them with the SEF init handshake
# (sf=synch: RS waits for that service's init before starting the next one) and, once every
# answer is in, pings each service once.  RS is the signal manager of the services.
# rs_sysinfo_no_ds: the sysinfo command as a boot user process reads RS's table
# (RS_GETSYSINFO) and reports clearly that DS, absent, cannot give its entries.

from grader.core import test
from grader.tests.common import SYSCONF, VM, RS, PM, boot_until
from grader.qemu import EXIT_PANIC

SEF = "build/commands/tests/sef_test priv=sys "


@test(0, "boot VM, RS and two SEF services (one synch)", timeout=40)
def rs_boot(t):
    return boot_until(t, [VM, RS, SEF + "label=first sf=synch first", SEF + "label=second second",
                          SYSCONF],
                      [r"^rs: first answered ping$", r"^rs: second answered ping$",
                       r"^rs: vm answered ping$"])


@test(5, "RS starts each service with SEF's init handshake", parent=rs_boot)
def rs_boot_init(t):
    out = t.parent_boot
    t.match(out, r"^boot: process 2 rs, system, for VM to load",
            r"^boot: process 0 sef_test, waits for RS, for VM to load",
            r"^sef_test first: init fresh \(endpoint 0, old endpoint 31743\)$",
            r"^sef_test second: init fresh \(endpoint 1, old endpoint 31743\)$",
            r"^PASS sef_test_first_table", r"^PASS sef_test_second_table",
            r"^sef_test first: running$", r"^sef_test second: running$",
            r"^rs: boot done, 3 services initialised$", no=[r"^FAIL", r"^panic"])


@test(5, "an SF_SYNCH_BOOT service finishes its init before the next one starts",
      parent=rs_boot)
def rs_boot_synch(t):
    lines = t.parent_boot.lines
    init = [i for i, l in enumerate(lines) if l.startswith("sef_test first: init fresh")]
    start = [i for i, l in enumerate(lines) if l.startswith("sef_test second: start")]
    t.assert_true(init and start and init[0] < start[0],
                  "'sef_test first: init fresh' must come before 'sef_test second: start'")


@test(5, "each service (and VM) answers RS's ping through SEF", parent=rs_boot)
def rs_boot_ping(t):
    t.match(t.parent_boot, r"^rs: first answered ping$", r"^rs: second answered ping$",
            r"^rs: vm answered ping$")


@test(5, "a boot service whose init fails makes RS panic", timeout=40)
def rs_boot_init_fails(t):
    out = t.boot(modules=[VM, RS, SEF + "label=good good", SEF + "label=bad bad fail", SYSCONF])
    t.match(out, r"^sef_test bad: failing init with EIO$",
            r"^rs: boot service bad failed its init: EIO$")
    t.assert_exit(out, EXIT_PANIC)


@test(5, "RS, the signal manager, reports a service that divides by zero; the system goes on",
      timeout=40)
def rs_service_crash(t):
    out = boot_until(t, [VM, RS, SEF + "label=crash crash divzero", SEF + "label=other other",
                         SYSCONF],
                     [r"^rs: service crash \(endpoint 0\) died of signal 8$",
                      r"^rs: other answered ping$"])
    t.match(out, r"^sef_test crash: dividing by zero$", no=[r"^panic", r"not reached"])


@test(5, "a non-lethal signal reaches the service's SEF signal handler through RS",
      timeout=40)
def rs_service_signal(t):
    out = boot_until(t, [VM, RS, SEF + "label=sig sig sigterm", SYSCONF],
                     [r"^sef_test sig: signal 15$"])
    t.match(out, r"^sef_test sig: signal 15$", no=[r"^panic", r"died of signal"])


@test(5, "a user process among the boot modules gets the user privileges from RS", timeout=40)
def rs_boot_user(t):
    out = boot_until(t, [VM, RS, "build/commands/tests/libc_basic priv=user", SEF + "label=s s",
                         SYSCONF],
                     [r"^DONE libc_basic \d+ passed, \d+ failed$", r"^rs: s answered ping$"])
    t.match(out, r"^DONE libc_basic \d+ passed, 0 failed", no=[r"^panic"])


@test(5, "the default boot image (make qemu's) starts RS, DS and VM", timeout=40)
def boot_image(t):
    out = boot_until(t, None, [r"^rs: ds answered ping$", r"^rs: vm answered ping$"])
    t.match(out, r"^boot: process 2 rs, system, for VM to load",
            r"^boot: process 6 ds, waits for RS, for VM to load",
            r"^boot: process 8 vm, system, entry 0x", r"^ds: \d+ labels from RS's table$",
            r"^rs: boot done, \d+ services initialised$", no=[r"^panic", r"^FAIL"])


@test(4, "sysinfo in a boot without DS: RS's table, and a clear error for DS's", timeout=40)
def rs_sysinfo_no_ds(t):
    sysinfo = "build/commands/bin/sysinfo -r -d"
    out = boot_until(t, [VM, RS, PM, SEF + "label=s s", sysinfo, SYSCONF],
                     [r"^sysinfo: cannot get DS's entries: .+$"])
    t.match(out, r"^RS: \d+ entries$", r"^s\s+\d+\s+\S+\s+sef_test\s+0\s+0\s+boot sys active",
            r"^sysinfo: cannot get DS's entries: .+$", no=[r"^panic", r"^DS: "])
