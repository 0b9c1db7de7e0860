# /etc/rc starts the network driver of the card that is present (handouts/netdriver.md,
# "At boot").  Boots with QEMU's user networking and one card of a kind, and with none,
# all with the boot parameter netdrv=on (the grader's other boots get netdrv=off: their
# network tests start the instances they test):
#   e1000      QEMU's e1000 (8086:100e): rc starts e1000_0
#   i82559er   (8086:1209): fxp_0
#   i82557b    (8086:1229): fxp_0
#   rtl8139    (10ec:8139): rtl8139_0
#   none       (-nic none): no driver starts, and the boot prints no error
# and one with an e1000 and netdrv=off: no driver starts.  In each boot with a driver,
# `sysinfo -r` (RS's services) lists <drv>_0 and no other network driver, and inet, which rc
# starts after the drivers with netdrv=on only (handouts/inet.md, "Starting inet"); then,
# with rc's inet taken down, /test/dltest run as the service "inet" (the one client an
# instance started without callers= admits; its entry is dltest's, under that name) gets
# DL_CONF answered OK with the card's MAC.
# `sysenv` (the boot parameters rc asks) is checked in the same boots.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.net_common import (CLIENT_CONF, NOISE, PROMPT, add_test, client_conf, run,
                                     value, wait_text)

MAC = "52:54:00:12:36:01"
DRIVERS = ("e1000", "fxp", "rtl8139")
BOOTS = (("e1000", "e1000", "on"), ("i82559er", "fxp", "on"), ("i82557b", "fxp", "on"),
         ("rtl8139", "rtl8139", "on"), ("none", None, "on"), ("e1000", None, "off"))


def inet_conf(root):
    """A system.conf entry "service inet" with dltest's privileges."""
    line = [l for l in client_conf(root) if l.startswith("service dltest")][0]
    return re.sub(r"^service dltest\b", "service inet", line)


def boot(t, model, netdrv):
    """One boot; {"rc": the console up to the prompt, "rs": sysinfo -r, "conf": dltest's
    conf run against each driver's instance 0 that RS lists}."""
    nic = "none" if model == "none" else "user,model=%s,mac=%s" % (model, MAC)
    q = t.launch(cmdline="netdrv=%s" % netdrv, extra_args=["-nic", nic], timeout=90)
    try:
        end = wait_text(q, PROMPT, 0, 60).start()     # then read q.output
        out = {"rc": q.output[:end]}
        out["rs"] = run(q, "sysinfo -r")
        out["sysenv"] = run(q, "sysenv netdrv; sysenv debugexit; sysenv; sysenv nosuch; "
                               "echo status=$?; sysenv a b; echo status=$?")
        run(q, "echo '%s' > %s" % (inet_conf(t.config.root), CLIENT_CONF))
        if re.search(r"^\s*inet\b", out["rs"], re.M):
            run(q, "service down inet")         # rc's: dltest takes its label
        for drv in DRIVERS:
            if re.search(r"^\s*%s_0\b" % drv, out["rs"], re.M):
                start = len(q.output)
                run(q, 'service run /test/dltest -label inet -config %s -args "%s_0 conf"'
                    % (CLIENT_CONF, drv))
                end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()
                out["conf"] = q.output[start:end]
    finally:
        q.stop()
    return out


@test(0, "boot with one network card of each kind (and none) and netdrv=on, and with an "
         "e1000 and netdrv=off: what /etc/rc starts", timeout=600)
def net_boot_session(t):
    results = {}
    for model, drv, netdrv in BOOTS:
        key = "%s_%s" % (model, netdrv)
        try:
            results[key] = boot(t, model, netdrv)
        except CheckFailure as e:
            results[key] = e
    return results


def check_started(t, model, drv):
    """The boot with one model card started drv_0 only, and DL_CONF through it works."""
    out = value(t, "%s_on" % model)
    others = [d for d in DRIVERS if d != drv]
    t.match(out["rs"], r"^\s*%s_0\b" % drv, r"^\s*inet\b",
            no=[r"^\s*%s_\d" % d for d in others] + [r"^\s*%s_[1-9]" % drv])
    if "conf" not in out:
        raise CheckFailure("no DL_CONF run: sysinfo -r shows no %s_0:\n%s" % (drv, out["rs"]))
    t.match(out["conf"], r"^(?:# )?dltest: conf %s_0 status=OK mac=%s$" % (drv, MAC),
            no=NOISE)


for _drv, _models in (("e1000", ("e1000",)), ("fxp", ("i82559er", "i82557b")),
                     ("rtl8139", ("rtl8139",))):
    add_test("net_boot_" + _drv, 2, "rc with %s: %s_0 runs (sysinfo -r) and answers DL_CONF "
             "from inet with the card's MAC" % (" and with ".join("an " + m for m in _models),
                                               _drv), net_boot_session,
             lambda t, drv=_drv, models=_models: [check_started(t, m, drv) for m in models])


@test(2, "rc with no card (-nic none) starts no network driver (inet only) and prints no "
         "error; with an e1000 and netdrv=off neither a driver nor inet",
      parent=net_boot_session)
def net_boot_none(t):
    drivers = [r"^\s*%s_\d" % d for d in DRIVERS]
    t.match(value(t, "none_on")["rs"], r"^\s*inet\b")
    t.match(value(t, "e1000_off")["rs"], r"^\s*pci\b", no=[r"^\s*inet\b"])
    for key in ("none_on", "e1000_off"):
        out = value(t, key)
        t.match(out["rs"], r"^\s*pci\b", no=drivers)
        if "conf" in out:
            raise CheckFailure("%s: a network driver answered DL_CONF" % key)
    t.match(value(t, "none_on")["rc"], r"^Minnow: /etc/rc done$",
            no=[r".*(?:e1000|fxp|rtl8139)", r".*(?:sysenv|lspci|service|sh):",
                r".*(?:[Ee]rror|cannot|not found|usage)"])


@test(1, "sysenv prints a boot parameter's value, every word without a name, nothing and "
         "status 1 for one not set, a usage error for two names", parent=net_boot_session)
def net_boot_sysenv(t):
    for key, netdrv in (("none_on", "on"), ("e1000_off", "off")):
        t.match(value(t, key)["sysenv"], r"^%s$" % netdrv, r"^1$",
                r"^netdrv=%s$" % netdrv, r"^debugexit=1$", r"^status=1$",
                r"^usage: sysenv \[name\]$", r"^status=2$", no=[r"^nosuch"])
