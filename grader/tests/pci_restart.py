# The PCI server when a driver or the server itself goes away (handouts/pci.md, "When a
# driver goes", "Restarting the PCI server", "RS never waits"), in one boot with one e1000
# on a UDP wire to the grader (net_common.Link) and the driver instance e1000_0, started
# with a recovery script that does nothing (-script), so that after its death it stays dead
# until `service restart`:
#   kill      kill -9 of e1000_0: lspci -v shows the card free with bus mastering and
#             memory decoding off (its command register, read by the PCI server), and
#             QEMU's `info pci` shows BAR0 unmapped; after `service restart e1000_0` the new
#             instance has reserved it and switched both on again; frames flow
#   pci       kill -9 of the PCI server: RS restarts it, the new server recovers the
#             reservation from DS (its console line), lspci -v shows the card still held
#             by e1000_0's endpoint, a second driver instance for the same card
#             (e1000_1, instance=0) answers DL_CONF EBUSY, and e1000_0 still carries frames
#   hold      /test/faultinj -stop holds the PCI server still (T_STOP) for a few seconds;
#             meanwhile e1000_0 is killed (RS sends DEL_ACL, which waits in RS's SENDA
#             table) and service status, lookup, up and down still answer: all before the
#             server goes on.  Then the server releases the card (bus master off) and a
#             restart of e1000_0 reserves it again.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import SEED
from grader.tests.net_common import (CLIENT_CONF, PROMPT, Link, client_conf, dltest, pid_of,
                                     run, traffic, traffic_ok, wait_text)
from grader.tests.pci import info_pci, lspci_v

N = 300                         # frames each way in a traffic step
HOLD_TICKS = 1200               # the PCI server held still (12 s at 100 Hz)
HOLD_SCRIPT = "/tmp/pci_hold.sh"
E1000 = "8086:100e"
UP = 'service up /service/e1000 -label %s -args "instance=0 callers=%s"'


def restart_e1000(q):
    """service restart e1000_0; wait until the new instance has its card; lspci -v."""
    mark = len(q.output)
    run(q, "service restart e1000_0")
    wait_text(q, r"^(?:# )?rs: service e1000_0 restarted", mark, 60)
    wait_text(q, r"^(?:# )?e1000: instance 0: registers", mark, 60)
    return run(q, "lspci -v")


def session(t):
    link = Link(0, "e1000", "52:54:00:12:34:56")
    q = t.launch(extra_args=link.qemu_args(), timeout=400)
    v = {}
    try:
        wait_text(q, PROMPT, 0, 60)
        run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(t.config.root)))
        run(q, "echo 'echo died >> /tmp/pci_hold.out' > %s" % HOLD_SCRIPT)
        out = run(q, UP % ("e1000_0", "dltest") + " -script " + HOLD_SCRIPT, 60)
        if not re.search(r"^(?:# )?service e1000_0 up", out, re.M):
            raise CheckFailure("service up e1000_0 failed:\n%s" % out)
        v["conf"] = dltest(q, "e1000_0", "conf")     # the first DL_CONF probes
        v["held"] = run(q, "lspci -v")
        v["qemu_held"] = q.monitor("info pci")
        # kill: the card stops until the next instance reserves it
        pid = pid_of(q, "e1000_0")
        v["killed"] = run(q, "kill -9 %d; sleep 1; lspci -v" % pid)
        v["qemu_killed"] = q.monitor("info pci")
        v["restarted"] = restart_e1000(q)
        v["qemu_restarted"] = q.monitor("info pci")
        link.reset()
        v["traffic1"] = traffic(q, [("e1000_0", link, SEED, N)])
        # pci: the reservations survive a restart of the PCI server
        mark = len(q.output)
        run(q, "kill -9 %d" % pid_of(q, "pci"))
        wait_text(q, r"^(?:# )?rs: service pci restarted", mark, 60)
        wait_text(q, r"^(?:# )?pci: \d+ reservations? recovered", mark, 10)
        v["pci_console"] = q.output[mark:]
        v["after_pci"] = run(q, "lspci -v")
        out = run(q, UP % ("e1000_1", "dltest2"), 60)
        v["second"] = out + dltest(q, "e1000_1", "conf")
        run(q, "service down e1000_1", 60)
        link.reset()
        v["traffic2"] = traffic(q, [("e1000_0", link, SEED + 1, N)])
        # hold: RS does not wait on a PCI server that does not answer
        mark = len(q.output)
        pid = pid_of(q, "e1000_0")
        run(q, "service up /test/faultinj -label faultinj -n -args '-stop pci %d'"
            % HOLD_TICKS)
        wait_text(q, r"^(?:# )?faultinj: pci held for", mark, 30)
        v["during"] = run(q, "kill -9 %d; sleep 1; service status; service lookup hello; "
                             "service up /service/ping -args ping; service down ping; "
                             "echo rs-answered" % pid, 60)
        wait_text(q, r"^(?:# )?faultinj: pci goes on", mark, 60)
        v["hold_console"] = q.output[mark:]
        v["after_hold"] = run(q, "sleep 1; lspci -v")
        v["restarted2"] = restart_e1000(q)
    finally:
        q.stop()
    return v


def e1000_dev(t, text, what):
    """The e1000's record in lspci -v output text (with its Control flags); what names the
    step for the failure message."""
    devs = lspci_v(text)
    found = [(slot, d) for slot, d in devs.items() if d["ids"] == E1000]
    if len(found) != 1:
        raise CheckFailure("%s: lspci -v shows %d e1000 cards:\n%s" % (what, len(found), text))
    slot, dev = found[0]
    m = re.search(r"^%02x:%02x\.%x .*\n\tControl: I/O([+-]) Mem([+-]) BusMaster([+-])$"
                  % slot, text, re.M)
    if not m:
        raise CheckFailure("%s: no Control line for the e1000 in lspci -v:\n%s" % (what, text))
    dev["io"], dev["mem"], dev["master"] = (g == "+" for g in m.groups())
    dev["slot"] = slot
    return dev


def qemu_bar0(text, slot):
    """The base of BAR0 of the device at slot in QEMU's info pci (unmapped: all ones)."""
    dev = info_pci(text).get(slot)
    if dev is None or 0 not in dev["bars"]:
        raise CheckFailure("QEMU's info pci has no BAR0 at %s:\n%s" % (slot, text))
    return dev["bars"][0][1]


@test(0, "the PCI server when drivers and the server itself die: one e1000 on a UDP wire",
      timeout=420)
def pci_restart_session(t):
    return session(t)


@test(4, "kill -9 of a NIC driver: the PCI server frees its card and stops it (lspci -v: "
         "bus mastering and memory decoding off; QEMU: BAR0 unmapped) until the restarted "
         "driver reserves it and switches both on; frames flow again",
      parent=pci_restart_session)
def pci_restart_busmaster_off(t):
    v = t.parent_value
    held = e1000_dev(t, v["held"], "running")
    if not (held["master"] and held["mem"]) or held["owner"] is None:
        raise CheckFailure("the running driver's card is not reserved with bus mastering "
                           "on:\n%s" % v["held"])
    dead = e1000_dev(t, v["killed"], "after kill -9")
    if dead["master"] or dead["mem"] or dead["owner"] is not None:
        raise CheckFailure("after kill -9 of e1000_0 its card is still %s:\n%s"
                           % ("reserved" if dead["owner"] is not None else
                              "bus master" if dead["master"] else "decoding memory",
                              v["killed"]))
    base = held["bars"][0][1]
    if qemu_bar0(v["qemu_held"], held["slot"]) != base:
        raise CheckFailure("QEMU's BAR0 differs from lspci's while the driver runs")
    if qemu_bar0(v["qemu_killed"], held["slot"]) == base:
        raise CheckFailure("QEMU still decodes the dead driver's BAR0:\n%s" % v["qemu_killed"])
    new = e1000_dev(t, v["restarted"], "after service restart")
    if not (new["master"] and new["mem"]) or new["owner"] is None:
        raise CheckFailure("the restarted driver did not reserve its card and switch bus "
                           "mastering on:\n%s" % v["restarted"])
    if qemu_bar0(v["qemu_restarted"], held["slot"]) != base:
        raise CheckFailure("QEMU does not decode BAR0 again after the restart")
    traffic_ok(t, v["traffic1"], "e1000_0", N)


@test(4, "kill -9 of the PCI server while e1000_0 holds its card: the new server recovers "
         "the reservation (DS), a second driver for the card gets EBUSY, the first keeps "
         "carrying frames", parent=pci_restart_session)
def pci_restart_keeps_reservations(t):
    v = t.parent_value
    before = e1000_dev(t, v["restarted"], "before the PCI server's restart")
    held = sum(1 for d in lspci_v(v["restarted"]).values() if d["owner"] is not None)
    t.match(v["pci_console"], r"^(?:# )?pci: %d reservations? recovered$" % held)
    after = e1000_dev(t, v["after_pci"], "after the PCI server's restart")
    if after["owner"] != before["owner"] or not after["master"]:
        raise CheckFailure("after the PCI server's restart the e1000 is held by %s (was %s), "
                           "bus master %s:\n%s" % (after["owner"], before["owner"],
                                                   after["master"], v["after_pci"]))
    t.match(v["second"], r"^(?:# )?dltest: conf e1000_1 status=EBUSY ")
    traffic_ok(t, v["traffic2"], "e1000_0", N)


@test(4, "RS never waits on the PCI server: while it is held still, a driver's death, "
         "service status, lookup, up and down all answer; when it goes on it frees and "
         "stops the dead driver's card, which the restarted driver reserves again",
      parent=pci_restart_session)
def pci_restart_rs_not_blocked(t):
    v = t.parent_value
    t.match(v["during"], r"^rs-answered$", r"^e1000_0\s", r"^(?:# )?rs: service ping up",
            no=[r"^(?:# )?panic"])
    text = v["hold_console"]
    answered = re.search(r"^rs-answered$", text, re.M)
    went_on = re.search(r"^(?:# )?faultinj: pci goes on", text, re.M)
    if answered is None or went_on is None or went_on.start() < answered.start():
        raise CheckFailure("the PCI server went on before RS answered the commands: the "
                           "hold was too short to tell:\n%s" % text)
    dead = e1000_dev(t, v["after_hold"], "after the hold")
    if dead["master"] or dead["owner"] is not None:
        raise CheckFailure("the DEL_ACL RS sent during the hold did not free and stop the "
                           "card:\n%s" % v["after_hold"])
    new = e1000_dev(t, v["restarted2"], "after the second restart")
    if not new["master"] or new["owner"] is None:
        raise CheckFailure("the driver could not reserve its card again:\n%s"
                           % v["restarted2"])
