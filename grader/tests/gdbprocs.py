# The gdb commands for Minnow's processes (tools/gdb/minnow.py; handouts/index.md,
# "Debugging processes"), run against one real boot of the build's own module list.
#
# QEMU starts halted; gdb sources the script `make gdb` runs (tools/gdbinit.sh), takes the
# address of sh's bench_first_prompt from sh's symbols (minnow-user sh), sets a hardware
# breakpoint there that stops only in sh ($_minnow_is("sh")), then loads vm's symbols
# instead and lets the system boot.  When the root shell is about to print its first "# ",
# gdb stops in sh, in user mode, and the checks are:
#   - minnow-auto swapped vm's symbols for the ELF of the process whose page directory is in
#     CR3: build/commands/bin/sh; `info symbol $pc` names bench_first_prompt in that file;
#     minnow-bt's backtrace reaches sh's main (commands/sh/main.c);
#   - minnow-ps lists the boot servers at their fixed slots (include/minnow/endpoint.h:
#     PM_PROC_NR ...) with endpoints of those slots, init, and sh marked both as the running
#     process (*) and as the address space (>), runnable;
#   - minnow-proc sh prints its saved registers.
# Skipped (not failed) when gdb, or its Python, is missing on this machine.

import re

from grader.core import test
from grader.gdb import gdb_missing, minnow_script

# name in p_name -> the *_PROC_NR of include/minnow/endpoint.h
FIXED = {"pm": "PM", "vfs": "VFS", "rs": "RS", "memory": "MEM", "tty": "TTY", "ds": "DS",
         "mfs": "MFS", "vm": "VM", "pfs": "PFS", "init": "INIT"}
GENERATION_SIZE = 32768
REGS = "(unsigned) $pc + (unsigned) $sp + (unsigned) $fp"   # minnow-bt puts them back   # ENDPOINT_GENERATION_SIZE
PS_ROW = re.compile(r"^([* ])([> ])\s+(-?\d+)\s+(-?\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+0x[0-9a-f]{8}"
                    r"\s+0x[0-9a-f]{8}$", re.M)


def fixed_slots(t):
    with open(t.config.path("include/minnow/endpoint.h")) as f:
        nr = dict(re.findall(r"#define (\w+)_PROC_NR\s+(\d+)", f.read()))
    return {name: int(nr[macro]) for name, macro in FIXED.items()}


def ps_rows(t, g):
    rows = {}
    for m in PS_ROW.finditer(str(g)):
        rows.setdefault(m.group(5), []).append(
            {"running": m.group(1) == "*", "space": m.group(2) == ">", "slot": int(m.group(3)),
             "endpoint": int(m.group(4)), "rts": m.group(6)})
    if not rows:
        t.fail("minnow-ps printed no process rows:\n%s" % g)
    return rows


def idle_user_backtrace(t, g):
    """Stopped in the kernel's idle, minnow-cur names the process of CR3 and loads its own
    ELF; minnow-bt prints that process's backtrace from its saved registers down to main,
    and puts gdb's registers back."""
    after = str(g)[str(g).index("Breakpoint 2, "):]
    m = t.find(after, r"^minnow: current process (\S+) \(slot \d+, endpoint \d+\): symbols "
                      r"of (\S+)$")
    t.assert_true(m.group(2).split("/")[-1] == m.group(1),
                  "minnow-cur loaded %s for %s" % (m.group(2), m.group(1)))
    t.match(after, r"^#\d+\s+(0x[0-9a-f]+ in )?main \(", r"^same 1$")


@test(5, "gdb: at sh's first prompt minnow-auto loads sh's symbols, minnow-ps lists the "
         "servers at their slots, minnow-bt reaches sh's main", timeout=60)
def gdb_processes(t):
    why = gdb_missing(t.config)
    if why:
        t.skip(why)
    q = t.launch(halted=True)
    script = t.write_file("minnow.gdb", minnow_script(t.config))
    g = t.gdb(q, ["source " + script, "minnow-user sh",
                  "set $prompt_pc = (unsigned) &bench_first_prompt",
                  'hbreak *$prompt_pc if $_minnow_is("sh")', "minnow-user vm", "continue",
                  "info symbol $pc", "minnow-bt", "minnow-ps", "minnow-proc sh",
                  "delete", "hbreak idle", "continue", "minnow-cur",
                  "set $was = " + REGS, "minnow-bt", 'printf "same %d\\n", $was == ' + REGS,
                  "kill"], timeout=50)
    t.match(g, r"^minnow: symbols of build/servers/vm/vm$",
            r"^Breakpoint 1, bench_first_prompt \(\) at commands/sh/main\.c:\d+$",
            r"^minnow: current process sh \(slot \d+, endpoint \d+\): symbols of "
            r"build/commands/bin/sh$",
            r"^bench_first_prompt in section \.text of \S*/build/commands/bin/sh$",
            r"^#\d+\s+(0x[0-9a-f]+ in )?main \(.*\) at commands/sh/main\.c:\d+$",
            r"^sh: slot \d+, endpoint \d+, cr3 0x[0-9a-f]{8}",
            r"^  eip\s+0x[0-9a-f]{8}\s+eflags", no=[r"^Python Exception", r"^Error"])
    idle_user_backtrace(t, g)
    rows = ps_rows(t, g)
    for name, slot in sorted(fixed_slots(t).items()):
        if name not in rows:
            t.fail("minnow-ps does not list %s:\n%s" % (name, g))
        row = rows[name][0]
        t.assert_true(row["slot"] == slot and row["endpoint"] % GENERATION_SIZE == slot,
                      "minnow-ps: %s at slot %d, endpoint %d; expected slot %d"
                      % (name, row["slot"], row["endpoint"], slot))
    sh = [r for r in rows.get("sh", []) if r["running"] and r["space"]]
    t.assert_true(len(sh) == 1 and sh[0]["rts"] == "-" and
                  sh[0]["endpoint"] % GENERATION_SIZE == sh[0]["slot"],
                  "minnow-ps does not mark one runnable sh as running (*) and as the address "
                  "space (>):\n%s" % g)
    t.assert_true(sum(r["running"] for rs in rows.values() for r in rs) == 1,
                  "minnow-ps marks more than one process as running:\n%s" % g)
