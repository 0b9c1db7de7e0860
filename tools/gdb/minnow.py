# minnow.py - gdb commands for debugging Minnow's processes (gdb's Python API).
#
# `make gdb` sources this file from the script tools/gdbinit.sh writes, then calls
# minnow_setup(BUILD, KERNEL, MODULES).  Every user program (server, driver, command, test)
# is linked at the same user addresses, so gdb can hold the symbols of only one of them next
# to the kernel's; these commands read the kernel's process table (proc_table, proc_ptr in
# kernel/proc.h) to know which one that should be:
#
#   minnow-ps              every used slot: endpoint, name, RTS_ and MF_ flags, eip, cr3
#   minnow-proc N|eE|NAME  one process (slot, endpoint or name): saved registers, IPC state
#   minnow-cur             load the symbols of the process whose page directory is in CR3
#   minnow-user PROGRAM    load one program's symbols (a path, or a name found in build/)
#   minnow-bt              the user backtrace of the current process, with its symbols
#   minnow-auto on|off     run minnow-cur at every stop (gdb's hook-stop; on by default)
#   $_minnow_is("NAME")    1 when the current process is called NAME (breakpoint conditions)
#
# A program's ELF is found by name (p_name is the last component of the path it was started
# from) among the ELFs under BUILD/servers, drivers and commands; when several share a name,
# the one whose text matches the process's memory wins.  The flag names come from the
# #defines of kernel/proc.h, so they never disagree with the kernel.
# Documented in handouts/index.md, "Debugging processes".

import os
import re
import struct

import gdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROGRAM_DIRS = ("servers", "drivers", "commands")
state = {"build": os.path.join(ROOT, "build"), "kernel": None, "modules": None,
         "user": None, "auto": True, "elfs": None, "flags": None,
         "last": None}          # ((name, cr3, ELF loaded), note) of the last minnow-cur


def minnow_setup(build, kernel, modules=None):
    """Remember where the build is; called once by the generated gdbinit."""
    state["build"] = os.path.abspath(build)
    state["kernel"] = os.path.abspath(kernel)
    state["modules"] = modules and os.path.abspath(modules)
    state["elfs"] = None
    if gdb.selected_inferior().pid:     # connected: already stopped somewhere
        minnow_stopped()


# ---- the process table -------------------------------------------------------------------

def flag_names():
    """{"RTS": [(bit, name)], "MF": [...]} from kernel/proc.h's #defines."""
    if state["flags"] is None:
        flags = {"RTS": [], "MF": []}
        with open(os.path.join(ROOT, "kernel", "proc.h")) as f:
            for m in re.finditer(r"^#define\s+(RTS|MF)_(\w+)\s+(0x[0-9a-fA-F]+|\d+)\b",
                                 f.read(), re.M):
                if m.group(2) not in ("SET", "UNSET", "ISSET"):
                    flags[m.group(1)].append((int(m.group(3), 0), m.group(2)))
        state["flags"] = flags
    return state["flags"]


def decode(kind, value):
    """RTS/MF flags as names joined by '|' ("-" for none, leftover bits in hex)."""
    names = []
    for bit, name in flag_names()[kind]:
        if value & bit:
            names.append(name)
            value &= ~bit
    if value:
        names.append("%#x" % value)
    return "|".join(names) or "-"


def proc_table():
    """Every slot of proc_table, read in one go, as gdb.Values of struct proc."""
    table = gdb.parse_and_eval("proc_table")
    ptype = table.type.target()
    count = table.type.sizeof // ptype.sizeof
    try:
        raw = gdb.selected_inferior().read_memory(table.address, table.type.sizeof).tobytes()
    except gdb.MemoryError:
        raise gdb.GdbError("minnow: proc_table cannot be read%s"
                           % ("" if cr3_register() else ": paging is not on yet"))
    return [gdb.Value(raw[i * ptype.sizeof:(i + 1) * ptype.sizeof], ptype)
            for i in range(count)]


def name_of(p):
    return p["p_name"].string(length=16).split("\0")[0]


def is_used(p):
    slot_free = [bit for bit, name in flag_names()["RTS"] if name == "SLOT_FREE"][0]
    return not int(p["p_rts_flags"]) & slot_free


def used(procs):
    return [p for p in procs if is_used(p)]


def cr3_register():
    """CR3's page directory, or 0 while paging is off (the BIOS, GRUB, the early boot)."""
    if not int(gdb.parse_and_eval("$cr0")) & 0x80000000:
        return 0
    return int(gdb.parse_and_eval("$cr3")) & ~0xfff


def current_proc(procs=None):
    """The user process whose page directory CR3 holds (None: the kernel's own).  In user
    mode that is proc_ptr, read first: breakpoint conditions ask at every hit."""
    cr3 = cr3_register()
    if cr3 == 0:
        return None
    if procs is None:
        ptr = gdb.parse_and_eval("proc_ptr")
        if int(ptr) != 0 and int(ptr["p_nr"]) >= 0 and int(ptr["p_cr3"]) == cr3:
            return ptr.dereference()
        procs = proc_table()
    for p in used(procs):
        if int(p["p_nr"]) >= 0 and int(p["p_cr3"]) == cr3:
            return p
    return None


def find_proc(arg, procs):
    """The used slot named by a slot number, an endpoint ("e123") or a process name."""
    live = used(procs)
    if re.fullmatch(r"-?\d+", arg):
        match = [p for p in live if int(p["p_nr"]) == int(arg)]
    elif re.fullmatch(r"e-?\d+", arg):
        match = [p for p in live if int(p["p_endpoint"]) == int(arg[1:])]
    else:
        match = [p for p in live if name_of(p) == arg]
    if not match:
        raise gdb.GdbError("minnow: no process %s (try minnow-ps)" % arg)
    if len(match) > 1:
        gdb.write("minnow: %d processes are called %s; showing slot %d\n"
                  % (len(match), arg, int(match[0]["p_nr"])))
    return match[0]


# ---- programs and their ELFs --------------------------------------------------------------

def elf_text(path):
    """(address, bytes) of the first executable PT_LOAD of an i386 ELF, or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or data[4] != 1:
        return None
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    for i in range(phnum):
        ptype, offset, vaddr, _, filesz, _, flags, _ = \
            struct.unpack_from("<8I", data, phoff + i * phentsize)
        if ptype == 1 and flags & 1 and filesz:
            return vaddr, data[offset:offset + filesz]
    return None


def listed_programs():
    """The paths the boot module list and the root image's list name, in that order."""
    paths = []
    for listing in (state["modules"], os.path.join(state["build"], "rootfs.list")):
        if listing and os.path.exists(listing):
            with open(listing) as f:
                for word in f.read().split():
                    if "/" in word and "=" not in word:
                        paths.append(os.path.abspath(os.path.join(ROOT, word)))
    return paths


def program_elfs():
    """Every user ELF of the build: those the boot and the root image use first."""
    if state["elfs"] is None:
        found = []
        for top in PROGRAM_DIRS:
            for d, _, files in sorted(os.walk(os.path.join(state["build"], top))):
                for name in sorted(files):
                    path = os.path.join(d, name)
                    if "." not in name and os.access(path, os.X_OK):
                        with open(path, "rb") as f:
                            if f.read(4) == b"\x7fELF":
                                found.append(path)
        listed = [p for p in listed_programs() if p in found]
        state["elfs"] = listed + [p for p in found if p not in listed]
    return state["elfs"]


def text_matches(path):
    """True/False: does the ELF's text match memory in the current address space (None:
    that memory could not be read, e.g. a page not yet brought in)."""
    text = elf_text(path)
    if text is None:
        return False
    vaddr, data = text
    inferior = gdb.selected_inferior()
    for off in (0, len(data) // 2, max(0, len(data) - 256)):
        chunk = data[off:off + 256]
        try:
            if inferior.read_memory(vaddr + off, len(chunk)).tobytes() != chunk:
                return False
        except gdb.MemoryError:
            return None
    return True


def elf_for(name, verify):
    """The build's ELF of program name (p_name may be cut to 15 characters).  With verify,
    prefer the candidate whose text is in memory now.  Returns (path, note)."""
    candidates = [p for p in program_elfs()
                  if os.path.basename(p) == name or
                  (len(name) == 15 and os.path.basename(p).startswith(name))]
    if not candidates:
        return None, "no ELF called %s under %s" % (name, state["build"])
    if not verify:
        return candidates[0], ""
    unknown = []
    for path in candidates:
        ok = text_matches(path)
        if ok:
            return path, ""
        if ok is None:
            unknown.append(path)
    if unknown:
        return unknown[0], "its text is not in memory: not checked"
    return None, "no ELF called %s matches its memory (rebuilt since boot?)" % name


def relative(path):
    return os.path.relpath(path) if path else "-"


def load_user(path):
    """Swap the loaded user program's symbols for path's (None: kernel symbols only)."""
    if path == state["user"]:
        return False
    confirm = gdb.parameter("confirm")
    gdb.execute("set confirm off", to_string=True)
    try:
        if state["user"]:
            gdb.execute("remove-symbol-file %s" % state["user"], to_string=True)
            state["user"] = None
        if path:
            gdb.execute("add-symbol-file %s" % path, to_string=True)
            state["user"] = path
    finally:
        gdb.execute("set confirm %s" % ("on" if confirm else "off"), to_string=True)
    return True


def load_current(quiet):
    """Load the symbols of the process whose address space is current."""
    p = current_proc()
    if p is None:
        changed = load_user(None)
        if changed or not quiet:
            gdb.write("minnow: CR3 is no process's page directory: kernel symbols only\n")
        return None
    name = name_of(p)
    key = (name, int(p["p_cr3"]), state["user"])   # unchanged since the last stop?
    if quiet and state["last"] and state["last"][0] == key:
        return p                # the same process as at the last stop: nothing to do
    path, note = elf_for(name, verify=True)
    state["last"] = ((name, int(p["p_cr3"]), path), note)
    changed = load_user(path)
    if changed or not quiet or note:
        gdb.write("minnow: current process %s (slot %d, endpoint %d): %s%s\n"
                  % (name, int(p["p_nr"]), int(p["p_endpoint"]),
                     "symbols of " + relative(path) if path else "kernel symbols only",
                     "; " + note if note else ""))
    return p


# ---- commands ------------------------------------------------------------------------------

class Ps(gdb.Command):
    """List the kernel's process table: every used slot.
Columns: slot, endpoint, name, RTS_ flags (why it cannot run; - when runnable), MF_ flags,
saved eip, page directory (cr3).  '*' marks proc_ptr (the process the kernel runs or last
ran), '>' the process whose page directory is in CR3 (whose symbols minnow-cur loads).
Usage: minnow-ps"""

    def __init__(self):
        super().__init__("minnow-ps", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        procs = proc_table()
        cur = gdb.parse_and_eval("proc_ptr")
        base = int(gdb.parse_and_eval("&proc_table[0]"))
        size = gdb.lookup_type("struct proc").sizeof
        running = (int(cur) - base) // size
        here = current_proc(procs)
        gdb.write("   %5s %8s  %-15s %-24s %-12s %-10s %s\n"
                  % ("slot", "endpoint", "name", "rts flags", "misc", "eip", "cr3"))
        for i, p in enumerate(procs):
            if not is_used(p):
                continue
            mark = ("*" if i == running else " ") + \
                   (">" if here is not None and int(here["p_nr"]) == int(p["p_nr"]) else " ")
            gdb.write("%s %5d %8d  %-15s %-24s %-12s 0x%08x 0x%08x\n"
                      % (mark, int(p["p_nr"]), int(p["p_endpoint"]), name_of(p),
                         decode("RTS", int(p["p_rts_flags"])),
                         decode("MF", int(p["p_misc_flags"])),
                         int(p["p_reg"]["tf_eip"]), int(p["p_cr3"])))


REGS = (("eax", "ebx", "ecx", "edx"), ("esi", "edi", "ebp", "esp"),
        ("eip", "eflags", "cs", "ss"), ("ds", "es", "fs", "gs"), ("vector", "err"))


class Proc(gdb.Command):
    """Show one process: its saved registers (p_reg), flags and IPC state.
The process is a slot number (minnow-ps's first column), eNUMBER for an endpoint, or a name.
Usage: minnow-proc 3 | minnow-proc e8 | minnow-proc vm"""

    def __init__(self):
        super().__init__("minnow-proc", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: minnow-proc SLOT|eENDPOINT|NAME")
        p = find_proc(arg.strip(), proc_table())
        gdb.write("%s: slot %d, endpoint %d, cr3 0x%08x, priority %d\n"
                  % (name_of(p), int(p["p_nr"]), int(p["p_endpoint"]), int(p["p_cr3"]),
                     int(p["p_priority"])))
        gdb.write("  rts %s, misc %s\n" % (decode("RTS", int(p["p_rts_flags"])),
                                           decode("MF", int(p["p_misc_flags"]))))
        gdb.write("  getfrom %d, sendto %d, ticks user %d sys %d\n"
                  % (int(p["p_getfrom_e"]), int(p["p_sendto_e"]), int(p["p_user_ticks"]),
                     int(p["p_sys_ticks"])))
        for row in REGS:
            gdb.write("  " + "  ".join("%-6s 0x%08x" % (r, int(p["p_reg"]["tf_" + r]))
                                       for r in row) + "\n")
        eip = int(p["p_reg"]["tf_eip"])
        here = current_proc()
        if here is not None and int(here["p_nr"]) == int(p["p_nr"]) and state["user"]:
            gdb.write("  at " + gdb.execute("info symbol 0x%x" % eip, to_string=True))


class Cur(gdb.Command):
    """Load the symbols of the process whose address space is current.
That is the process whose page directory (p_cr3) is in the CR3 register: the one running,
or the last one to run when the kernel or IDLE runs.  Its name (p_name) picks its ELF under
build/ (servers, drivers, commands); the kernel's symbols stay loaded.
Usage: minnow-cur"""

    def __init__(self):
        super().__init__("minnow-cur", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        load_current(quiet=False)


class User(gdb.Command):
    """Load the symbols of one user program next to the kernel's.
PROGRAM is a path to its ELF, or a name looked up under build/ like minnow-cur does.
Breakpoints then resolve in that program: a user address is the same in every process, so
add a condition to stop only in one (hbreak alloc_init if $_minnow_is("vm")).
Without an argument, drop the user program's symbols.
Usage: minnow-user build/servers/vm/vm | minnow-user vm"""

    def __init__(self):
        super().__init__("minnow-user", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if not arg:
            load_user(None)
            return
        path = os.path.abspath(arg) if os.path.exists(arg) else elf_for(arg, False)[0]
        if path is None or elf_text(path) is None:
            raise gdb.GdbError("minnow-user: no user program ELF %s" % arg)
        load_user(path)
        gdb.write("minnow: symbols of %s\n" % relative(path))


class Bt(gdb.Command):
    """Print the user backtrace of the current process, with its symbols.
Stopped in user mode, that is bt.  Stopped in the kernel, the process's user registers are
those it saved when it entered the kernel (p_reg): gdb's registers are set to them for the
backtrace and put back afterwards.
Usage: minnow-bt"""

    def __init__(self):
        super().__init__("minnow-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        p = load_current(quiet=True)
        if p is None:
            raise gdb.GdbError("minnow-bt: no process's address space is current")
        if int(gdb.parse_and_eval("$cs")) & 3 == 3:
            gdb.execute("bt " + arg, from_tty)
            return
        saved = {r: int(gdb.parse_and_eval("$" + r)) for r in ("eip", "esp", "ebp")}
        try:
            for r in saved:
                gdb.execute("set $%s = %d" % (r, int(p["p_reg"]["tf_" + r])), to_string=True)
            gdb.write(gdb.execute("bt " + arg, to_string=True))
        finally:
            for r, v in saved.items():
                gdb.execute("set $%s = %d" % (r, v), to_string=True)


class Auto(gdb.Command):
    """Load the current process's symbols at every stop (on), or leave them (off).
Usage: minnow-auto on|off"""

    def __init__(self):
        super().__init__("minnow-auto", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        if arg.strip() not in ("on", "off"):
            raise gdb.GdbError("usage: minnow-auto on|off (now %s)"
                               % ("on" if state["auto"] else "off"))
        state["auto"] = arg.strip() == "on"


class Is(gdb.Function):
    """$_minnow_is("NAME"): 1 when the process whose address space is current is NAME.
For conditions on breakpoints in user code, which every process shares the addresses of."""

    def __init__(self):
        super().__init__("_minnow_is")

    def invoke(self, name):
        p = current_proc()
        return 1 if p is not None and name_of(p) == name.string() else 0


def minnow_stopped():
    """gdb's hook-stop: runs before gdb prints where it stopped, so that line already
    names the current process's function."""
    if state["auto"] and state["kernel"]:
        try:
            load_current(quiet=True)
        except (gdb.error, gdb.GdbError) as e:
            gdb.write("minnow-auto: %s\n" % e)


for command in (Ps, Proc, Cur, User, Bt, Auto, Is):
    command()
gdb.execute("define hook-stop\npython minnow_stopped()\nend", to_string=True)
