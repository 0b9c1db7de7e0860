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

import re

from grader.core import test
from grader.match import CheckFailure
from grader.qemu import default_modules

PROMPT = r"^# "
CONF = "etc/system.conf"
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
    t.match(out, r"^rs: boot done, 9 services initialised$",
            *[r"^rs: %s answered ping$" % s
              for s in ["pm", "ds", "memory", "tty", "log", "mfs", "pfs", "vfs", "vm"]],
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
            r"^rs: boot done, 8 services initialised$",
            *[r"^rs: %s answered ping$" % s
              for s in ["pm", "ds", "memory", "tty", "mfs", "pfs", "vfs", "vm"]],
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
