# Tests of system.conf (handouts/rs.md, "system.conf"): RS reads it at boot from its data
# module and gives each boot service the privileges of its entry.
#
# sysconf_default: the default image boots with no system.conf report, every service
# answers RS's ping, and the root shell finds the same file installed as /etc/system.conf.
# sysconf_doctored: the default image with a doctored system.conf (written to the test's
# directory, replacing etc/system.conf as the last boot module): an unknown key in log's
# entry and a bad irq in an extra entry.  RS reports both with file and line, does not start
# log, starts everything else; the shell comes up, RS's table has no log, /dev/log has no
# driver, and the console (tty, whose hardware comes from its entry) works.
# sysconf_privileges: VM, RS and four sef_test services whose entries use a call list, an
# ipc list, ALL_SYS_PROC, sigmgr, irq/io/mem and system ALL; gdb reads the kernel's privilege
# structures once all have answered RS's ping, and the children compare them with the file.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.qemu import default_modules

PROMPT = r"^# "
CONF = "etc/system.conf"


def boot_labels(t):
    """The labels of the default image's programs (label=NAME, else the file name)."""
    labels = []
    for module in default_modules(t.config):
        words = module.split()
        named = [w[6:] for w in words[1:] if w.startswith("label=")]
        if "type=data" not in words[1:]:
            labels.append(named[0] if named else words[0].rsplit("/", 1)[-1])
    return labels


def boot_services(t, without=()):
    """The labels RS initialises in the default image: every entry of system.conf whose
    label is a boot program's (ping's is for `service up`), and VM (which has its
    privileges from the kernel), less those in `without`."""
    with open(t.config.path(CONF)) as f:
        labels = re.findall(r"^service\s+(\S+)", f.read(), re.M)
    boot = boot_labels(t)
    return [label for label in labels + ["vm"] if label in boot and label not in without]
LOG_ENTRY = "service log {"


def session(t, modules, commands, timeout=120):
    """Boot with modules (None: the default image) to the prompt, type each command, and
    return the console output and [(command, its output)]."""
    q = t.launch(modules=modules, timeout=timeout)
    q.wait_prompt(PROMPT)
    outputs = []
    for command in commands:
        start = len(q.output)
        q.send_line(command)
        q.wait_prompt(PROMPT)
        text = q.output[start:]
        outputs.append((command, text[:text.rfind("# ")]))
    out = q.stop()
    return out, outputs


def output_of(outputs, command):
    for c, text in outputs:
        if c == command:
            return text.split("\n", 1)[1] if "\n" in text else ""
    raise CheckFailure("the session never ran %r" % command)


def doctored_conf(t):
    """Write the doctored file; return (its path, log's bad line, the extra entry's line)."""
    with open(t.config.path(CONF)) as f:
        lines = f.read().split("\n")
    if LOG_ENTRY not in lines:
        raise CheckFailure("%s has no line %r" % (CONF, LOG_ENTRY))
    at = lines.index(LOG_ENTRY) + 1
    lines.insert(at, "\tfoo\tbar;\t\t# not a key")
    lines += ["", "service extra {", "\tsystem ALL;", "\tirq 99;", "};", ""]
    extra_irq = len(lines) - 2      # 1-based number of the irq line
    return t.write_file("system.conf", "\n".join(lines)), at + 1, extra_irq


@test(0, "default image: system.conf read without errors, installed as /etc/system.conf",
      timeout=120)
def sysconf_default(t):
    return session(t, None, ["grep -v '^#' /etc/system.conf", "wc -c /etc/system.conf"])


@test(5, "every boot service gets its entry: no report, all answer RS's ping; "
      "/etc/system.conf is the boot module's file", parent=sysconf_default)
def sysconf_default_checks(t):
    out, outputs = t.parent_value
    services = boot_services(t)
    t.match(out, r"^rs: boot done, %d services initialised$" % len(services),
            *[r"^rs: %s answered ping$" % s for s in services],
            no=[r"^rs: system\.conf:", r"not started", r"^panic"])
    with open(t.config.path(CONF)) as f:
        text = f.read()
    want = [l.rstrip() for l in text.splitlines() if not l.startswith("#")]
    got = [l.rstrip() for l in output_of(outputs, "grep -v '^#' /etc/system.conf").splitlines()]
    t.assert_true(got == want, "/etc/system.conf's lines differ from %s's:\n%s"
                  % (CONF, "\n".join(got[:20])))
    size = output_of(outputs, "wc -c /etc/system.conf")
    t.assert_true(re.search(r"^\s*%d\b" % len(text.encode()), size, re.M),
                  "/etc/system.conf is not %d bytes long: %s" % (len(text.encode()), size))


@test(0, "a doctored system.conf: an unknown key in log's entry, a bad irq elsewhere",
      timeout=120)
def sysconf_doctored(t):
    path, log_line, extra_line = doctored_conf(t)
    modules = [m for m in default_modules(t.config) if not m.startswith(CONF + " ")]
    if len(modules) != len(default_modules(t.config)) - 1:
        raise CheckFailure("the default image has no %s module" % CONF)
    modules.append(path + " type=data")
    out, outputs = session(t, modules, ["sysinfo -r", "echo hello > /dev/log; echo status=$?",
                                        "echo still here"])
    return out, outputs, log_line, extra_line


@test(10, "each error is reported with file and line; log is not started, the rest is up",
      parent=sysconf_doctored)
def sysconf_doctored_report(t):
    out, _, log_line, extra_line = t.parent_value
    t.match(out, r'^rs: system\.conf:%d: unknown key "foo" in service log$' % log_line,
            r'^rs: system\.conf:%d: bad irq "99" in service extra$' % extra_line,
            r"^rs: service log not started: its system\.conf entry has errors$",
            r"^rs: boot done, %d services initialised$" % len(boot_services(t, ["log"])),
            *[r"^rs: %s answered ping$" % s for s in boot_services(t, ["log"])],
            no=[r"^rs: log answered ping$", r"^panic"])


@test(5, "without log the shell works: RS's table has no log, /dev/log has no driver",
      parent=sysconf_doctored)
def sysconf_doctored_shell(t):
    _, outputs, _, _ = t.parent_value
    table = output_of(outputs, "sysinfo -r")
    t.assert_true(re.search(r"^tty\s", table, re.M) and re.search(r"^vfs\s", table, re.M),
                  "sysinfo -r lists no tty or vfs:\n" + table)
    t.assert_true(not re.search(r"^log\s", table, re.M),
                  "sysinfo -r lists log, which must not run:\n" + table)
    dev = output_of(outputs, "echo hello > /dev/log; echo status=$?")
    t.assert_true(re.search(r"^status=[1-9]\d*$", dev, re.M),
                  "writing /dev/log without its driver must fail:\n" + dev)
    t.assert_true("still here" in output_of(outputs, "echo still here"),
                  "the shell stopped answering")


# sysconf_privileges: four sef_test services whose entries differ, and the kernel's view of
# what RS gave each, read by gdb once every service has answered RS's ping.
PRIV_CONF = """# written by grader/tests/sysconf.py
service pa {
\tsystem\tPRIVCTL DEVIO;
\tipc\tpb;
\tsigmgr\tpb;
\tirq\t3;
\tio\t2f8:8;
\tmem\ta0000:1000;
};
service pb { ipc ALL_SYS_PROC; };
service pc { system ALL; };
service pd { ipc pb; };
"""
SEF = "build/commands/tests/sef_test "
NR_TASKS = 5
BASIC = ["EXIT", "SAFECOPYFROM", "SAFECOPYTO", "VSAFECOPY", "SAFEMEMSET", "SETGRANT", "SAFEMAP",
         "SAFEREVMAP", "SAFEUNMAP", "TIMES", "GETINFO", "SETALARM", "DIAGCTL", "STATECTL"]


def call_mask(t, names):
    """The 64-bit kernel-call mask of names (numbers from include/minnow/com.h)."""
    with open(t.config.path("include/minnow/com.h")) as f:
        nr = {m.group(1): int(m.group(2))
              for m in re.finditer(r"#define SYS_(\w+)\s+(\d+)", f.read())}
    return sum(1 << nr[n] for n in names)


@test(0, "system.conf entries with call lists, an ipc list, ALL_SYS_PROC, sigmgr, resources",
      timeout=60)
def sysconf_privileges(t):
    conf = t.write_file("system.conf", PRIV_CONF)
    q = t.launch(modules=["build/servers/vm/vm", "build/servers/rs/rs", SEF + "label=pa pa",
                          SEF + "label=pb pb", SEF + "label=pc pc", SEF + "label=pd pd",
                          conf + " type=data"])
    left = [r"^rs: %s answered ping$" % label for label in ["pa", "pb", "pc", "pd", "vm"]]
    while left:
        left.pop(q.wait_any(left)[0])
    eps = {l: int(m) for l, m in re.findall(r"^sef_test (\w+): init fresh \(endpoint (\d+),",
                                            q.output, re.M)}
    eps.update(rs=2, vm=8)
    cmds = []
    for label, ep in sorted(eps.items()):
        p = "proc_table[%d].p_priv->" % (NR_TASKS + ep)
        cmds.append('printf "%s id %%d sigmgr %%d calls %%x %%x ipc %%x %%x %%x\\n", %ss_id, '
                    '%ss_sig_mgr, %ss_k_call_mask[0], %ss_k_call_mask[1], %ss_ipc_to[0], '
                    '%ss_ipc_to[1], %ss_ipc_to[2]' % ((label,) + (p,) * 7))
        cmds.append('printf "%s hw irq %%d:%%d io %%d:%%x-%%x mem %%d:%%x-%%x\\n", %ss_nr_irq, '
                    '%ss_irq_tab[0], %ss_nr_io_range, %ss_io_tab[0].ior_base, '
                    '%ss_io_tab[0].ior_limit, %ss_nr_mem_range, %ss_mem_tab[0].ior_base, '
                    '%ss_mem_tab[0].ior_limit' % ((label,) + (p,) * 8))
    g = t.gdb(q, cmds + ["detach"], timeout=30)
    out = q.stop()
    return out, eps, str(g)


def priv_rows(t):
    _, _, g = t.parent_value
    rows = {}
    for m in re.finditer(r"^(\w+) id (\d+) sigmgr (-?\d+) calls (\w+) (\w+) ipc (\w+) (\w+) (\w+)$",
                         g, re.M):
        rows[m.group(1)] = {"id": int(m.group(2)), "sigmgr": int(m.group(3)),
                            "calls": int(m.group(5), 16) << 32 | int(m.group(4), 16),
                            "ipc": int(m.group(8), 16) << 64 | int(m.group(7), 16) << 32 |
                            int(m.group(6), 16)}
    for m in re.finditer(r"^(\w+) hw (.*)$", g, re.M):
        rows.setdefault(m.group(1), {})["hw"] = m.group(2)
    for label in ["pa", "pb", "pc", "pd", "rs", "vm"]:
        if "id" not in rows.get(label, {}):
            raise CheckFailure("gdb did not read the privileges of %s:\n%s" % (label, g))
    return rows


@test(5, "system: the listed kernel calls plus the basic set; ALL is every call",
      parent=sysconf_privileges)
def sysconf_priv_calls(t):
    rows = priv_rows(t)
    want = call_mask(t, BASIC + ["PRIVCTL", "DEVIO"])
    t.assert_true(rows["pa"]["calls"] == want, "pa's kernel calls are %#x, not %#x"
                  % (rows["pa"]["calls"], want))
    t.assert_true(rows["pb"]["calls"] == call_mask(t, BASIC), "pb's kernel calls are %#x, not "
                  "the basic set %#x" % (rows["pb"]["calls"], call_mask(t, BASIC)))
    t.assert_true(rows["pc"]["calls"] == (1 << 64) - 1, "pc (system ALL) has kernel calls %#x"
                  % rows["pc"]["calls"])


@test(5, "ipc: a line works both ways, with RS and VM for everyone: pa (ipc pb) reaches pb "
      "and those whose line names it (pb, pc), not pd (ipc pb); ALL_SYS_PROC every system "
      "service; sigmgr names the signal manager", parent=sysconf_privileges)
def sysconf_priv_ipc(t):
    rows = priv_rows(t)
    _, eps, _ = t.parent_value
    bit = {l: 1 << rows[l]["id"] for l in rows}
    want_pa = bit["rs"] | bit["vm"] | bit["pb"] | bit["pc"]
    t.assert_true(rows["pa"]["ipc"] == want_pa, "pa (ipc pb) may send to %#x, not %#x"
                  % (rows["pa"]["ipc"], want_pa))
    want_pd = bit["rs"] | bit["vm"] | bit["pb"] | bit["pc"]
    t.assert_true(rows["pd"]["ipc"] == want_pd, "pd (ipc pb) may send to %#x, not %#x"
                  % (rows["pd"]["ipc"], want_pd))
    want_pb = bit["rs"] | bit["vm"] | bit["pa"] | bit["pb"] | bit["pc"] | bit["pd"]
    t.assert_true(rows["pb"]["ipc"] == want_pb, "pb (ALL_SYS_PROC) may send to %#x, not %#x"
                  % (rows["pb"]["ipc"], want_pb))
    t.assert_true(rows["pa"]["sigmgr"] == eps["pb"], "pa's signal manager is %d, not pb (%d)"
                  % (rows["pa"]["sigmgr"], eps["pb"]))
    t.assert_true(rows["pb"]["sigmgr"] == eps["rs"], "pb's signal manager is %d, not RS"
                  % rows["pb"]["sigmgr"])
    t.assert_true(rows["pc"]["ipc"] & want_pb == want_pb, "pc (no ipc key: ALL) may send to "
                  "%#x only" % rows["pc"]["ipc"])


@test(5, "irq, io and mem reach the kernel's tables; an entry without them has none",
      parent=sysconf_privileges)
def sysconf_priv_resources(t):
    rows = priv_rows(t)
    t.assert_true(rows["pa"].get("hw") == "irq 1:3 io 1:2f8-2ff mem 1:a0000-a0fff",
                  "pa's resources: %s" % rows["pa"].get("hw"))
    t.assert_true(rows["pb"].get("hw", "").startswith("irq 0:0 io 0:0-0 mem 0:"),
                  "pb has resources it was not given: %s" % rows["pb"].get("hw"))
