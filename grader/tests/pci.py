# The PCI server (handouts/pci.md), in one boot of the root shell with two more network
# cards than the grader's default e1000 (-device rtl8139 -device i82559er):
#   - lspci, lspci -n and lspci -v against QEMU's own `info pci` through the monitor: every
#     device's bus/slot/function and ids, every BAR (I/O or memory, base, size) and every
#     IRQ line; QEMU's chipset and the three cards have their names; a bad option is a
#     usage error;
#   - the gatekeeper from a driver's side: /test/pci_test as the service pcitest1, whose
#     system.conf entry (commands/tests/system.conf) names only 10ec:8139: it sees only the
#     RTL8139, other devices are EPERM, bad indexes, offsets and BARs EINVAL, its port
#     access EPERM before the reservation and OK after, SET_ACL/DEL_ACL from it EPERM, an
#     unknown request ENOSYS; its GET_BAR matches lspci; a second instance (pcitest2, the
#     same ACL) gets EBUSY, and once `service down pcitest1` has run, RS's DEL_ACL freed the
#     card and the second reserves it; after `service refresh pci` the new server has the
#     second's ACL again from RS (it sees only the RTL8139), still knows it as the card's
#     owner (the reservation came back from DS) and the card can be reserved.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import run

EXTRA = ("-device", "rtl8139", "-device", "i82559er")
LSPCI = ["lspci", "lspci -n", "lspci -v", "lspci -x; echo status=$?"]
FIRST = ("service up /test/pci_test -label pcitest1 -config /test/system.tests; "
         "echo status=$?")
SECOND = ("service up /test/pci_test -label pcitest2 -config /test/system.tests -args second; "
          "echo status=$?")
FIRST_CASES = ["init", "only_acl", "ids", "attr_vid", "attr_bad", "write_unowned", "range",
               "not_visible", "bar", "bar_bad", "devio_before", "reserve", "devio_after",
               "write_owned", "acl_not_rs", "unknown", "names"]
SECOND_CASES = ["busy", "after_down", "acl_restart"]


def wait_line(q, start, regex, timeout=60):
    """Wait for regex on a console line printed since start (maybe already there)."""
    if not re.search(regex, q.output[start:], re.M):
        q.wait_for(regex, timeout=timeout)


@test(0, "the PCI server: lspci and QEMU's info pci, /test/pci_test as two services with "
         "the RTL8139 in their ACL", timeout=150)
def pci_session(t):
    q = t.launch(timeout=140, extra_args=EXTRA)
    q.wait_prompt(r"^# ")
    out = {c: run(q, c) for c in LSPCI}
    out["info pci"] = q.monitor("info pci")
    start = len(q.output)
    out["first"] = run(q, FIRST, timeout=60)
    wait_line(q, start, r"^(?:# )?DONE pci_test \d+ passed")
    out["second"] = run(q, SECOND, timeout=60)
    wait_line(q, start, r"^(?:# )?pcitest second: waiting")
    out["lspci held"] = run(q, "lspci -v")
    out["down"] = run(q, "service down pcitest1; echo status=$?", timeout=60)
    wait_line(q, start, r"^(?:# )?pcitest second: waiting for a new pci")
    out["refresh"] = run(q, "service refresh pci; echo status=$?", timeout=60)
    wait_line(q, start, r"^(?:# )?DONE pci_test_second \d+ passed")
    out["down2"] = run(q, "service down pcitest2; echo status=$?", timeout=60)
    out["console"] = q.output[start:]
    q.stop()
    return out


def cases_passed(t, statuses, program, cases):
    """Each command of statuses answered status=0, and program printed PASS for every case
    (the line may follow the shell's prompt) and its DONE line with 0 failed."""
    out = t.parent_value
    for key in statuses:
        t.match(out[key], r"^status=0$")
    t.match(out["console"], *[r"^(?:# )?PASS pcitest_%s$" % c for c in cases],
            r"^(?:# )?DONE %s %d passed, 0 failed$" % (program, len(cases)),
            no=[r"^(?:# )?FAIL pcitest", r"^panic"])


def info_pci(text):
    """QEMU's `info pci` as {(bus, dev, func): {"ids", "class", "irq", "bars"}}."""
    devs, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^\s*Bus\s+(\d+), device\s+(\d+), function (\d+):", line)
        if m:
            cur = devs.setdefault(tuple(int(x) for x in m.groups()),
                                  {"irq": None, "bars": {}})
            continue
        if cur is None:
            continue
        m = re.match(r"^\s*(.+): PCI device ([0-9a-f]{4}):([0-9a-f]{4})$", line)
        if m:
            cur["class"], cur["ids"] = m.group(1), "%s:%s" % (m.group(2), m.group(3))
        m = re.match(r"^\s*IRQ (\d+), pin", line)
        if m:
            cur["irq"] = int(m.group(1))
        m = re.match(r"^\s*BAR(\d): (I/O|.*memory) at 0x([0-9a-f]+) \[0x([0-9a-f]+)\]", line)
        if m and int(m.group(1)) < 6:
            base, end = int(m.group(3), 16), int(m.group(4), 16)
            cur["bars"][int(m.group(1))] = ("io" if m.group(2) == "I/O" else "mem", base,
                                            end - base + 1)
    return devs


def lspci_v(text):
    """lspci -v as {(bus, dev, func): {"ids", "class", "name", "irq", "bars"}}."""
    devs, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^([0-9a-f]{2}):([0-9a-f]{2})\.([0-7]) (.+): ([0-9a-f]{4}:[0-9a-f]{4}) "
                     r"(.*)$", line)
        if m:
            cur = devs.setdefault(tuple(int(x, 16) for x in m.groups()[:3]),
                                  {"class": m.group(4), "ids": m.group(5), "name": m.group(6),
                                   "irq": None, "bars": {}, "owner": None})
            continue
        m = re.match(r"^\tBAR(\d): (I/O ports|memory) at ([0-9a-f]+) \((?:\S+, )?size "
                     r"0x([0-9a-f]+)\)$", line)
        if m and cur is not None:
            cur["bars"][int(m.group(1))] = ("io" if m.group(2) == "I/O ports" else "mem",
                                            int(m.group(3), 16), int(m.group(4), 16))
        m = re.match(r"^\tIRQ (\d+)$", line)
        if m and cur is not None:
            cur["irq"] = int(m.group(1))
        m = re.match(r"^\treserved by endpoint (\d+)$", line)
        if m and cur is not None:
            cur["owner"] = int(m.group(1))
    return devs


@test(4, "lspci -v lists every device QEMU's info pci shows, with the same bus, slot, "
         "function, vendor:device, BARs (kind, base, size) and IRQ line",
      parent=pci_session)
def pci_lspci_matches_qemu(t):
    qemu = info_pci(t.parent_value["info pci"])
    ours = lspci_v(t.parent_value["lspci -v"])
    if len(qemu) < 7:
        raise CheckFailure("QEMU's info pci shows %d devices (want the chipset and three "
                           "cards):\n%s" % (len(qemu), t.parent_value["info pci"]))
    if sorted(qemu) != sorted(ours):
        raise CheckFailure("lspci -v shows %s, QEMU %s:\n%s" % (sorted(ours), sorted(qemu),
                                                              t.parent_value["lspci -v"]))
    for slot, want in qemu.items():
        got = ours[slot]
        for key in ("ids", "bars", "irq"):
            if got[key] != want[key]:
                raise CheckFailure("%02x:%02x.%x %s: lspci %r, QEMU %r\n%s\n%s"
                                   % (slot + (key, got[key], want[key],
                                              t.parent_value["lspci -v"],
                                              t.parent_value["info pci"])))


@test(2, "lspci names QEMU's devices (host bridge 8086:1237, PIIX3 8086:7000 and its IDE "
         "controller, PIIX4 ACPI, the VGA, e1000, RTL8139, i82559er) and their classes; "
         "lspci -n shows class codes and ids; a bad option is a usage error",
      parent=pci_session)
def pci_lspci_names(t):
    out = t.parent_value
    t.match(out["lspci"],
            r"^00:00\.0 Host bridge: 8086:1237 Intel 82441FX",
            r"^00:01\.0 ISA bridge: 8086:7000 Intel 82371SB PIIX3 ISA",
            r"^00:01\.1 IDE interface: 8086:7010 Intel 82371SB PIIX3 IDE",
            r"^00:01\.3 Bridge: 8086:7113 Intel .*PIIX4 ACPI",
            r"^00:02\.0 VGA compatible controller: 1234:1111 QEMU",
            r"^00:[0-9a-f]{2}\.0 Ethernet controller: 8086:100e Intel 82540EM",
            r"^00:[0-9a-f]{2}\.0 Ethernet controller: 10ec:8139 Realtek RTL8139",
            r"^00:[0-9a-f]{2}\.0 Ethernet controller: 8086:1209 Intel .*PRO/100")
    t.match(out["lspci -n"], r"^00:00\.0 0600: 8086:1237$", r"^00:01\.1 0101: 8086:7010$",
            r"^00:[0-9a-f]{2}\.0 0200: 10ec:8139$", no=[r".*Intel"])
    t.match(out["lspci -x; echo status=$?"], r"^lspci: bad argument '-x'$",
            r"^usage: lspci \[-nv\]$", r"^status=2$")


@test(5, "a driver whose ACL names only 10ec:8139 sees only the RTL8139 (FIRST_DEV, "
         "NEXT_DEV, IDS, attribute reads of the vendor id); other devices EPERM; bad "
         "indexes, offsets and BARs EINVAL; attribute writes only after its reservation; "
         "SET_ACL and DEL_ACL from it EPERM; an unknown request ENOSYS; the names",
      parent=pci_session)
def pci_acl_driver(t):
    cases_passed(t, ["first"], "pci_test", FIRST_CASES)


@test(4, "sys_devio on the card's I/O BAR is EPERM before the reservation and OK after; "
         "GET_BAR gives what lspci -v shows; lspci -v shows the card reserved",
      parent=pci_session)
def pci_reserve_ports(t):
    out = t.parent_value
    t.match(out["console"], r"^(?:# )?PASS pcitest_devio_before$",
            r"^(?:# )?PASS pcitest_devio_after$")
    m = re.search(r"^(?:# )?pcitest bar ([0-9a-f]{2}):([0-9a-f]{2})\.([0-7]) BAR0 io ([0-9a-f]+) "
                  r"([0-9a-f]+)$", out["console"], re.M)
    if not m:
        raise CheckFailure("no 'pcitest bar' line:\n%s" % out["console"])
    slot = tuple(int(x, 16) for x in m.groups()[:3])
    dev = lspci_v(out["lspci -v"]).get(slot)
    want = ("io", int(m.group(4), 16), int(m.group(5), 16))
    if dev is None or dev["bars"].get(0) != want:
        raise CheckFailure("GET_BAR says %r for %s, lspci -v %r" % (
            want, slot, dev and dev["bars"].get(0)))
    held = lspci_v(out["lspci held"]).get(slot)
    if held is None or held["owner"] is None:
        raise CheckFailure("lspci -v does not show the card reserved:\n%s"
                           % out["lspci held"])


@test(4, "a second driver with the same ACL gets EBUSY; after `service down` of the "
         "first, RS's DEL_ACL has released the card and the second reserves it; after a "
         "restart of the PCI server (service refresh pci) RS has given the new server the "
         "running driver's ACL again and the reservation survived",
      parent=pci_session)
def pci_busy_then_free(t):
    # the second prints while the shell's prompt is on the line
    cases_passed(t, ["second", "down", "refresh", "down2"], "pci_test_second", SECOND_CASES)
