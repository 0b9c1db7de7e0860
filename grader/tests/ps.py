# Tests of ps through the root shell: every process's real state, joined from PM's table
# and the kernel's (commands/bin/ps.c; handouts/shell.md, "ps: process states").
#
# One parent, ps_session, boots the build's own module list, and types at the root shell:
# a plain `ps` (init and sh waiting for a child in PM, ps itself running, the servers
# blocked in receive), `sleep 100 &` then `ps` (sleep blocked in its call to VFS, select's
# timer), `/test/zombie 100 &` (a child that exits and is never collected) then `ps`,
# `ps -l`, `ps -h`, bad arguments, and after both jobs are killed a last `ps` (the
# zombie's parent is gone and init has collected it).  Each command ends with an
# `echo ==end` whose line the session waits for, so a background job's output (or the
# prompt it comes before) cannot cut a command's output short.

import re

from grader.core import test
from grader.match import CheckFailure

PROMPT = r"^# "
END = "==end"
# A row of ps: PID PPID PGRP UID STATE WCHAN NAME (-l adds ENDPT RTS MISC before NAME).
ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([A-Z?])(s?)\s+(\S+(?: \S+)?)\s+"
                 r"(?:(-?\d+)\s+([0-9a-f-]+)\s+([0-9a-f-]+)\s+)?(\S+)\s*$")
# Servers that must be waiting for work in receive from ANY while ps runs (PM is not: it is
# the one copying the table for ps).
RECEIVERS = ["vfs", "rs", "ds", "vm", "tty", "mfs", "memory"]


def run(q, command):
    """Type command (with `; echo ==end`), wait for the ==end line: its output."""
    start = len(q.output)
    q.send_line("%s; echo %s" % (command, END))
    q.wait_for(r"^%s$" % END, timeout=60)
    q.wait_prompt(PROMPT)      # before the next command: its echo and the prompt never mix
    text = q.output[start:]
    text = text.split("\n", 1)[1] if "\n" in text else ""     # the echoed command line
    return text[:text.rfind(END)]


def rows(text):
    """{name: [row dict, ...]} from ps's output (several processes may share a name)."""
    found = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            row = {"pid": int(m.group(1)), "ppid": int(m.group(2)), "state": m.group(5),
                   "system": m.group(6) == "s", "wchan": m.group(7),
                   "endpt": m.group(8), "rts": m.group(9), "misc": m.group(10),
                   "name": m.group(11), "line": line}
            found.setdefault(row["name"], []).append(row)
    return found


@test(0, "ps from the root shell: states, a background sleep, a zombie, -l, -h, bad options",
      timeout=240)
def ps_session(t):
    q = t.launch(timeout=240)
    q.wait_prompt(PROMPT)
    out = {}
    out["ps"] = run(q, "ps")
    out["sleep"] = run(q, "sleep 100 &")
    out["ps_sleep"] = run(q, "ps")
    q.send_line("/test/zombie 100 &")
    out["zombie"] = q.wait_for(r"^(?:# )?zombie: child (\d+) exited, not collected$",
                               timeout=60).group(1)
    run(q, "echo synced")       # the prompt may have come before or after that line
    out["ps_zombie"] = run(q, "ps")
    out["ps_l"] = run(q, "ps -l")
    out["ps_h"] = run(q, "ps -h; echo status=$?")
    out["ps_bad"] = run(q, "ps -x 2>&1; echo status=$?")
    out["ps_extra"] = run(q, "ps -l extra 2>&1; echo status=$?")
    out["ps_stdout"] = run(q, "ps -q 2>/dev/null | wc -l")
    jobs = [r["pid"] for name in ("sleep", "zombie") for r in rows(out["ps_zombie"]).get(name, [])
            if r["state"] != "Z"]
    out["kill"] = run(q, "kill -9 %s" % " ".join(str(p) for p in jobs))
    out["ps_after"] = run(q, "ps")
    q.stop()
    return out


def the_row(t, table, name, text):
    if name not in table:
        t.fail("ps shows no %s:\n%s" % (name, text))
    return table[name][0]


def expect(t, row, state, wchan, text):
    if row["state"] != state or not re.fullmatch(wchan, row["wchan"]):
        t.fail("ps shows %s as %s %r, expected %s %s:\n%s"
               % (row["name"], row["state"], row["wchan"], state, wchan, text))


@test(4, "ps: init and sh wait for a child in PM (W, sendrec pm), ps runs (R), PM serves "
         "ps (R), the servers wait in receive ANY (Ss)", parent=ps_session)
def ps_states(t):
    text = t.parent_value["ps"]
    t.match(text, r"^  PID  PPID  PGRP  UID STATE WCHAN\s+NAME$")
    table = rows(text)
    expect(t, the_row(t, table, "init", text), "W", "sendrec pm", text)
    expect(t, the_row(t, table, "sh", text), "W", "sendrec pm", text)
    expect(t, the_row(t, table, "ps", text), "R", "-", text)
    expect(t, the_row(t, table, "pm", text), "R", "-", text)
    for name in RECEIVERS:
        row = the_row(t, table, name, text)
        expect(t, row, "S", "receive ANY", text)
        t.assert_true(row["system"], "%s is not marked as a system process:\n%s"
                      % (name, text))
    t.assert_true(not the_row(t, table, "sh", text)["system"],
                  "sh is marked as a system process:\n%s" % text)
    runnable = [r["name"] for rs in table.values() for r in rs if r["state"] == "R"]
    if sorted(runnable) != ["pm", "ps"]:
        t.fail("ps shows as runnable %s, expected only pm and ps:\n%s" % (runnable, text))


@test(3, "ps: a background sleep is blocked in its call to VFS (S, sendrec vfs)",
      parent=ps_session)
def ps_sleep(t):
    v = t.parent_value
    pid = int(t.find(v["sleep"], r"^(?:# )?\[1\] (\d+)$").group(1))
    text = v["ps_sleep"]
    sleeps = [r for r in rows(text).get("sleep", []) if r["pid"] == pid]
    if not sleeps:
        t.fail("ps shows no sleep with pid %d:\n%s" % (pid, text))
    expect(t, sleeps[0], "S", "sendrec vfs", text)


@test(3, "ps: a child that exited and was not collected is a zombie (Z); gone once its "
         "parent is killed (init collects it)", parent=ps_session)
def ps_zombie(t):
    v = t.parent_value
    pid = int(v["zombie"])
    text = v["ps_zombie"]
    table = rows(text)
    zombies = [r for rs in table.values() for r in rs if r["pid"] == pid]
    if not zombies:
        t.fail("ps shows no process with the zombie's pid %d:\n%s" % (pid, text))
    expect(t, zombies[0], "Z", "-|exiting", text)
    parent = [r for r in table.get("zombie", []) if r["pid"] == zombies[0]["ppid"]]
    if not parent:
        t.fail("ps shows no zombie parent with pid %d:\n%s" % (zombies[0]["ppid"], text))
    expect(t, parent[0], "S", "sendrec vfs", text)
    after = v["ps_after"]
    if any(r["pid"] == pid for rs in rows(after).values() for r in rs):
        t.fail("the zombie %d is still listed after its parent was killed:\n%s"
               % (pid, after))
    if "zombie" in rows(after) or "sleep" in rows(after):
        t.fail("a killed job is still listed:\n%s" % after)


@test(2, "ps -l: the endpoint and the kernel's RTS and MISC flags", parent=ps_session)
def ps_long(t):
    text = t.parent_value["ps_l"]
    t.match(text, r"^  PID  PPID  PGRP  UID STATE WCHAN\s+ENDPT\s+RTS MISC NAME$")
    table = rows(text)
    vfs = the_row(t, table, "vfs", text)
    # vfs has the fixed endpoint 1 and is blocked receiving (RTS_RECEIVING, 0x8).
    if vfs["endpt"] != "1" or vfs["rts"] != "8" or vfs["misc"] != "0":
        t.fail("ps -l shows vfs as endpoint %s, rts %s, misc %s; expected 1, 8, 0:\n%s"
               % (vfs["endpt"], vfs["rts"], vfs["misc"], text))
    # init waits for PM's reply to its SENDREC: RTS_RECEIVING and MF_REPLY_PEND.
    init = the_row(t, table, "init", text)
    if init["rts"] != "8" or init["misc"] != "1":
        t.fail("ps -l shows init with rts %s, misc %s; expected 8, 1:\n%s"
               % (init["rts"], init["misc"], text))


@test(2, "ps -h explains the columns (status 0); a bad option or an operand is a usage "
         "message on stderr and status 2", parent=ps_session)
def ps_usage(t):
    v = t.parent_value
    t.match(v["ps_h"], r"^usage: ps \[-l\] \[-h\]$", r"^STATE: R runnable", r"^WCHAN: ",
            r"^status=0$")
    t.match(v["ps_bad"], r"^ps: bad argument '-x'$", r"^usage: ps \[-l\] \[-h\]$",
            r"^status=2$", no=[r"^\s+PID"])
    t.match(v["ps_extra"], r"^ps: bad argument 'extra'$", r"^status=2$", no=[r"^\s+PID"])
    t.match(v["ps_stdout"], r"^\s*0$")
