#!/usr/bin/env python3
"""make profile: where the guest's instructions go, per process and per function.

The method.  QEMU 7.2 (Debian's qemu-system-x86) is built with TCG plugin support, so a small
plugin of ours, tools/profile/tbprof.c (built into build/tools/tbprof.so with the host gcc),
counts every run of every translation block (TB: straight-line guest code up to a branch)
for the process that is current at the time: the kernel's `proc_ptr`, read from guest memory
(QEMU 7.2's plugin interface cannot read CR3 or other registers; proc_ptr names the same
address space and gives the process's endpoint and name as well).  That count is exact: every
instruction is counted once, in the process it ran for, at the cost of one call per block run
(a whole-system boot runs about 1.5 times slower).  The other methods: `-d exec,nochain` logs
every block too but as a text line each (gigabytes for a boot, minutes to parse) and does not
show CR3, and sampling through the gdb stub takes a millisecond a sample and only estimates.

This script boots a workload in deterministic mode (`-icount shift=0,sleep=off`, as make bench
does) with the plugin loaded, then symbolises each block's address with the right program's
symbols: an address at or above KERNBASE (0xF0000000) with the kernel's (build/kernel/
kernel.elf), one in the kernel information page at KERNINFO_ADDR with the kernel's user-mapped
trampolines, any other with the ELF of the process's program (found in build/ by the name in
its p_name; every user program links at the same addresses, so the name decides).  Blocks that
run before the kernel pages (the firmware, the multiboot loader, the kernel's unpaged start)
belong to the process "-".  A block counts for the function its first instruction is in (a
block never runs past a call or a return, so it seldom spans two functions).

Output: each process's instructions in user mode and in the kernel (while it was the current
process), then the top functions of each process, then the top functions overall.  For the
workloads with a loop of a known size (ipc_roundtrip, safecopy_64k, getpid) the instructions
of the processes in the loop, divided by the loop's size, are set beside make bench's figure
of the same operation (bench/baseline.json, or build/bench.json if newer): they should agree
within a few per cent (the loop has no rdtsc, the programs' start-up and exit count too).

The workload tcp_in (handouts/profiling.md, "Instructions per byte received") is two boots of
the whole system without -icount (QEMU's user network runs in host time) and with an e1000 on
it, inet and e1000_0 started as make bench's TCP boot starts them: TCP_MIB MiB from the host
into the guest's `nc -l > /dev/null`, then the same with an empty connection.  The
difference of each process's instructions (user and kernel, the idle task left out), divided
by the bytes, is its share of the guest instructions per byte received over TCP.  The
transfer's wall time varies, so clock ticks and other periodic work vary with it: run it a few
times to see the spread.

Usage: python3 tools/profile.py WORKLOAD [-n TOP] [--procs N] [--loop N] [--merge] [--raw FILE]
       python3 tools/profile.py --cmd "COMMAND LINE" [...]   the whole system, COMMAND at the
                                                           shell, then poweroff
       python3 tools/profile.py --list
"""
import argparse
import bisect
import collections
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from grader.config import Config  # noqa: E402
from grader.qemu import Qemu, default_modules  # noqa: E402
from grader.match import CheckFailure  # noqa: E402
from grader.tests.hostnet import HostNet, pattern  # noqa: E402
from grader.tests.net_common import wait_text  # noqa: E402
from grader.tests.net_xfer import Driver, Feeder, start_inet  # noqa: E402
from tools.bench import require_poweroff  # noqa: E402

KERNBASE = 0xF0000000
KERNINFO_ADDR = 0xEFFFF000      # include/minnow/kerninfo.h
PAGE = 4096
SMALL_PCT = 0.1                # processes below this share are summed in one line
UNSIZED_SPAN = 0x10000          # how far an assembly label with no size may reach
NO_PROC = "-"
PLUGIN = "build/tools/tbprof.so"
KERNEL = "build/kernel/kernel.elf"
# Where the programs of processes live (searched for an ELF of the process's name).
PROGRAM_DIRS = ["build/servers", "build/drivers", "build/commands"]

IPC_BENCH = "build/commands/bench/ipc_bench priv=sys "
PM_BOOT = ["build/servers/vm/vm priv=sys", "build/servers/rs/rs", "build/servers/ds/ds priv=sys",
           "build/servers/pm/pm priv=sys"]
# name: (what, kernel command line, modules (None: the build's), shell command, the bench
# figure a loop of it measures, the processes in that loop).  {loop} is --loop's value.
WORKLOADS = {
    "ipc_roundtrip": ("{loop} null SENDRECs from ipc_bench to the other ipc_bench",
                      "poweroff_on_exit=1", [IPC_BENCH + "server", IPC_BENCH + "loop={loop}"],
                      None, "ipc_roundtrip", ("ipc_bench",)),
    "safecopy_64k": ("{loop} sys_safecopyfrom of a 64 KiB grant, ipc_bench from the other",
                     "poweroff_on_exit=1", [IPC_BENCH + "server", IPC_BENCH + "copyloop={loop}"],
                     None, "safecopy_64k", ("ipc_bench",)),
    "getpid": ("{loop} getpid() of pm_bench (VM, RS, DS, PM alone)", "",
               PM_BOOT + ["build/commands/bench/pm_bench priv=user loop={loop}",
                          "build/tests/system.conf type=data"],
               None, "getpid", ("pm_bench", "pm")),
    "ipc": ("make bench's IPC boot: ipc_bench's four benchmarks", "poweroff_on_exit=1",
            [IPC_BENCH + "server", IPC_BENCH + "client"], None, None, ()),
    "pm": ("make bench's PM boot: pm_bench's benchmarks", "",
           PM_BOOT + ["build/commands/bench/pm_bench priv=user",
                      "build/tests/system.conf type=data"], None, None, ()),
    "ipc_1c": ("the scaling table's IPC boot with 1 client (256 round trips)",
               "poweroff_on_exit=1", [IPC_BENCH + "server many=1", IPC_BENCH + "many=1"],
               None, None, ()),
    "ipc_15c": ("the same with 15 clients of the server (256 round trips each)",
                "poweroff_on_exit=1",
                [IPC_BENCH + "server many=15"] + [IPC_BENCH + "many=15"] * 15, None, None, ()),
    "ktest": ("make bench's kernel boot (ktest=bench)", "poweroff=1 ktest=bench", [], None,
              None, ()),
    "boot": ("the whole system to the shell's prompt and poweroff", "", None, "", None, ()),
    "pipe_pingpong": ("the whole system, /test/pipe_bench", "", None, "/test/pipe_bench",
                      None, ()),
    "spin": ("/test/spin 1000000 at the shell (a busy loop)", "", None, "/test/spin 1000000",
             None, ()),
}


def run(cmd):
    """The standard output of a host command."""
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


# ---- symbols ----------------------------------------------------------------------------------
def parse_nm(text):
    """Sorted (address, size, name) of the code symbols in `nm -n -S --defined-only` output
    (size 0 when nm gives none)."""
    syms = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTWw":
            syms.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
        elif len(parts) == 3 and parts[1] in "tTWw":
            syms.append((int(parts[0], 16), 0, parts[2]))
    return sorted(s for s in syms if not s[2].startswith("."))


class Symtab:
    """One program's functions: address -> name."""

    def __init__(self, syms):
        self.syms = syms
        self.addrs = [s[0] for s in syms]

    def lookup(self, addr):
        """The function holding addr, or "[0x...]" (its page) when no symbol covers it: a
        function holds the addresses up to its size, or (an assembly label with no size) up
        to the next symbol if that is at most UNSIZED_SPAN bytes on."""
        i = bisect.bisect_right(self.addrs, addr) - 1
        if i >= 0:
            start, size, name = self.syms[i]
            if addr < start + size:
                return name
            if size == 0 and i + 1 < len(self.syms) and \
                    addr < self.addrs[i + 1] <= start + UNSIZED_SPAN:
                return name
        return "[%#x]" % (addr & ~(PAGE - 1))


def symtab_of(elf):
    """The Symtab of an ELF file (empty if it has no symbols)."""
    return Symtab(parse_nm(run(["nm", "-n", "-S", "--defined-only", elf])))


def program_index(root):
    """{basename: path} of the programs in build/ that a process may run (ELF files)."""
    index = {}
    for top in PROGRAM_DIRS:
        for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
            for f in files:
                path = os.path.join(dirpath, f)
                if "." in f or f in index or not os.access(path, os.X_OK):
                    continue
                with open(path, "rb") as fh:
                    if fh.read(4) == b"\x7fELF":
                        index[f] = path
    return index


def program_for(index, name):
    """The ELF of a process name (p_name may be cut to 15 characters), or None."""
    if name in index:
        return index[name]
    hits = sorted(p for b, p in index.items() if len(name) >= 15 and b.startswith(name))
    return hits[0] if hits else None


class Symboliser:
    """Address -> (module, function) for a process, with the kernel's and each program's
    symbols, loaded once."""

    def __init__(self, root):
        self.root = root
        self.kernel = symtab_of(os.path.join(root, KERNEL))
        self.usermapped = dict((n, a) for a, _s, n in self.kernel.syms).get("usermapped_start")
        self.index = program_index(root)
        self.tabs = {}

    def program(self, name):
        """The Symtab of a process's program (None if not found)."""
        if name not in self.tabs:
            path = program_for(self.index, name)
            self.tabs[name] = symtab_of(path) if path else None
        return self.tabs[name]

    def where(self, proc_name, addr):
        """(module, function) of addr run by process proc_name."""
        return classify(addr, proc_name, self.kernel, self.usermapped, self.program(proc_name))


def classify(addr, proc_name, kernel, usermapped, program):
    """(module, function) of addr: "kernel" for the kernel's addresses (and the user-mapped
    trampolines), the process's name for its own, "boot" before the kernel pages."""
    if addr >= KERNBASE:
        return "kernel", kernel.lookup(addr)
    if KERNINFO_ADDR <= addr < KERNINFO_ADDR + PAGE and usermapped is not None:
        return "kernel", kernel.lookup(addr - KERNINFO_ADDR + usermapped)
    if proc_name == NO_PROC:
        name = kernel.lookup(addr)
        return ("kernel", name) if not name.startswith("[") else ("boot", "[firmware]")
    if program is None:
        return proc_name, "[%#x]" % (addr & ~(PAGE - 1))
    return proc_name, program.lookup(addr)


# ---- the plugin's counts ----------------------------------------------------------------------
def parse_counts(text):
    """({proc index: (endpoint, name)}, [(proc index, vaddr, instructions run)], total) from
    the plugin's output."""
    procs, blocks, total = {}, [], None
    for line in text.splitlines():
        parts = line.split(" ", 3)
        if parts[0] == "proc" and len(parts) == 4:
            procs[int(parts[1])] = (int(parts[2]), parts[3])
        elif parts[0] == "tb":
            p, vaddr, insns, runs = line.split()[1:]
            blocks.append((int(p), int(vaddr, 16), int(insns) * int(runs)))
        elif parts[0] == "total":
            total = int(parts[1])
        elif parts[0] == "lost":
            print("profile: %s instructions not counted (the plugin's table was full)"
                  % parts[1], file=sys.stderr)
    return procs, blocks, total


def aggregate(procs, blocks, where):
    """{(process label, module, function): instructions}; where(name, addr) -> (module,
    function).  A process's label is its name and endpoint ("-" for the boot)."""
    counts = collections.Counter()
    for p, vaddr, n in blocks:
        ep, name = procs[p]
        label = name if name == NO_PROC else "%s(%d)" % (name, ep)
        module, func = where(name, vaddr)
        counts[(label, module, func)] += n
    return counts


def per_process(counts):
    """[(label, user, kernel)] ordered by total, most first."""
    user, kern = collections.Counter(), collections.Counter()
    for (label, module, _f), n in counts.items():
        (kern if module == "kernel" else user)[label] += n
    labels = set(user) | set(kern)
    return sorted(((lb, user[lb], kern[lb]) for lb in labels), key=lambda r: -(r[1] + r[2]))


def top_functions(counts, label=None, n=10):
    """The n biggest [(module, function, instructions)], of one process or (label None) of
    all of them summed."""
    c = collections.Counter()
    for (lb, module, func), k in counts.items():
        if label is None or lb == label:
            c[(module, func)] += k
    return [(m, f, k) for (m, f), k in c.most_common(n)]


# ---- running the workload ---------------------------------------------------------------------
def kernel_layout(root):
    """The plugin's arguments that describe the kernel: proc_ptr, the paged text, struct
    proc's offsets (from the kernel's symbols and debug information)."""
    elf = os.path.join(root, KERNEL)
    syms = {p[2]: int(p[0], 16) for p in (l.split() for l in run(["nm", elf]).splitlines())
            if len(p) == 3}
    gdb = run(["gdb", "-nx", "-batch", "-ex", "print/d &((struct proc *)0)->p_endpoint",
               "-ex", "print/d &((struct proc *)0)->p_name",
               "-ex", "print/d sizeof(((struct proc *)0)->p_name)", elf])
    ep_off, name_off, name_len = [int(v) for v in re.findall(r"^\$\d+ = (\d+)", gdb, re.M)]
    return {"proc_ptr": syms["proc_ptr"], "kernbase": KERNBASE, "text": syms["_text"],
            "etext": syms["_etext"], "end": syms["_end"], "ep_off": ep_off,
            "name_off": name_off, "name_len": name_len}


def plugin_arg(root, out):
    """QEMU's -plugin argument."""
    args = ",".join("%s=%#x" % kv for kv in kernel_layout(root).items())
    return "%s,%s,out=%s" % (os.path.join(root, PLUGIN), args, out)


def boot(config, cmdline, modules, command, plugin, timeout):
    """Boot with the plugin; at the shell run command (None: no shell, the workload powers
    off itself) and poweroff.  The console output."""
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(config, tmp, cmdline=cmdline, modules=modules, timeout=timeout,
                  extra_args=["-plugin", plugin]) as q:
            if command is not None:
                q.wait_prompt(r"^# ")
                if command:
                    q.send_line(command)
                    q.wait_prompt(r"^# ")
                q.send_line("poweroff")
            q.wait_exit()
        return require_poweroff(q.result(), "profile: the boot")


def bench_figures(root):
    """make bench's figures: build/bench.json if newer than bench/baseline.json."""
    paths = [os.path.join(root, p) for p in ("bench/baseline.json", "build/bench.json")]
    paths = sorted((p for p in paths if os.path.exists(p)), key=os.path.getmtime)
    if not paths:
        return {}
    with open(paths[-1]) as f:
        return json.load(f).get("results", {})


# ---- the TCP workload: guest instructions per byte received ---------------------------------
TCP_MIB = 8
TCP_PORT = 5000
TCP_WHAT = ("%d MiB host -> guest over TCP (slirp, e1000) into `nc -l %d > /dev/null`, minus "
            "the same boot with an empty connection, per byte" % (TCP_MIB, TCP_PORT))
IDLE = "idle"                   # the kernel's idle task (kernel/proc.c): not counted


def tcp_boot(config, plugin, mib, timeout):
    """Boot the whole system without -icount (slirp runs in host time) with the plugin and
    an e1000 on QEMU's user network; inet and e1000 as make bench's TCP boot starts them;
    mib MiB from the host into the guest's `nc -l`; poweroff."""
    net = HostNet(tcp_ports=(TCP_PORT,))
    d = Driver("e1000", "e1000", mib << 20, "")
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(dataclasses.replace(config, deterministic=False), tmp,
                  modules=default_modules(config), timeout=timeout,
                  extra_args=net.qemu_args() + ["-plugin", plugin]) as q:
            start_inet(q, d)
            mark = len(q.output)
            q.send_line("nc -l -v %d < /dev/null > /dev/null; echo tcp_in=$?" % TCP_PORT)
            wait_text(q, r"^(?:# )?nc: listening on port %d$" % TCP_PORT, mark, 60)
            feed = Feeder(net.tcp[TCP_PORT], pattern("tcp_in", 1 << 20), mib)
            wait_text(q, r"^(?:# )?tcp_in=0$", mark, timeout)
            feed.thread.join(30)
            if feed.error or feed.sent != mib << 20:
                raise CheckFailure("sent %d of %d bytes" % (feed.sent, mib << 20))
            q.send_line("poweroff")
            q.wait_exit()
        return require_poweroff(q.result(), "profile: the TCP boot")


def tcp_counts(config, mib, raw, timeout):
    """{(process name, "user" or "kernel"): instructions} of one tcp_boot of mib MiB."""
    tcp_boot(config, plugin_arg(config.root, os.path.abspath(raw)), mib, timeout)
    with open(raw) as f:
        procs, blocks, _total = parse_counts(f.read())
    by_proc = collections.Counter()
    for p, vaddr, n in blocks:
        kern = vaddr >= KERNBASE or KERNINFO_ADDR <= vaddr < KERNINFO_ADDR + PAGE
        by_proc[(procs[p][1], "kernel" if kern else "user")] += n
    return by_proc


def per_byte(full, empty, nbytes):
    """[(process, user, kernel instructions per byte)] of the difference full - empty, the
    idle task left out, most first; and the sum over the processes."""
    names = set(name for name, _mode in full) - {IDLE}
    rows = [(name, *((full[(name, m)] - empty.get((name, m), 0)) / nbytes
                     for m in ("user", "kernel"))) for name in names]
    rows.sort(key=lambda r: -(r[1] + r[2]))
    return rows, sum(r[1] + r[2] for r in rows)


def tcp_in_report(config, raw, timeout):
    """The tcp_in workload: two boots (TCP_MIB MiB and an empty connection) and the
    difference per byte received, per process, as text lines."""
    full = tcp_counts(config, TCP_MIB, raw, timeout)
    empty = tcp_counts(config, 0, raw, timeout)
    rows, total = per_byte(full, empty, TCP_MIB << 20)
    lines = ["profile: tcp_in (%s)" % TCP_WHAT,
             "guest instructions per byte received over TCP: %.2f" % total,
             "%-16s %10s %10s %10s %6s" % ("process", "user/B", "kernel/B", "total/B", "%")]
    for name, u, k in rows:
        if abs(pct(u + k, total)) >= SMALL_PCT:
            lines.append("%-16s %10.3f %10.3f %10.3f %5.1f%%" % (name, u, k, u + k,
                                                             pct(u + k, total)))
    return lines


# ---- the report -------------------------------------------------------------------------------
def pct(n, total):
    return 100.0 * n / total if total else 0.0


def report(counts, total, top, show_procs):
    """The tables, as text lines."""
    lines = ["%-22s %14s %14s %14s %6s" % ("process(endpoint)", "user", "kernel", "total", "%")]
    rows = per_process(counts)
    small = [r for r in rows if pct(r[1] + r[2], total) < SMALL_PCT]
    for label, u, k in rows:
        if pct(u + k, total) >= SMALL_PCT:
            lines.append("%-22s %14d %14d %14d %5.1f%%" % (label, u, k, u + k,
                                                          pct(u + k, total)))
    if small:
        lines.append("(%d more processes under %.1f%% each: %d instructions)"
                     % (len(small), SMALL_PCT, sum(u + k for _l, u, k in small)))
    for label, u, k in rows[:show_procs]:
        lines.append("")
        lines.append("== %s: %d instructions (%.1f%% of all)" % (label, u + k, pct(u + k, total)))
        lines += function_rows(top_functions(counts, label, top), u + k)
    lines.append("")
    lines.append("== all processes: %d instructions" % total)
    lines += function_rows(top_functions(counts, None, top), total)
    return lines


def function_rows(funcs, total):
    """One line per (module, function, instructions): count, % of total, module:function."""
    return ["  %12d %5.1f%%  %s:%s" % (n, pct(n, total), m, f) for m, f, n in funcs]


def loop_check(per_op, figure, figure_name):
    """The loop's instructions per operation beside make bench's figure."""
    line = "per operation: %.0f instructions" % per_op
    if figure:
        line += "; make bench's %s: %d (%+.1f%%)" % (figure_name, figure,
                                                   pct(per_op - figure, figure))
    return line


def profile(config, spec, loop, raw, timeout):
    """Boot the workload spec (a WORKLOADS entry) with the plugin: (counts, total, wall
    seconds)."""
    _what, cmdline, modules, command, _figure, _names = spec
    if modules is None:
        modules = default_modules(config)
    modules = [m.format(loop=loop) for m in modules]
    start = time.time()
    boot(config, cmdline, modules, command, plugin_arg(config.root, os.path.abspath(raw)),
         timeout)
    wall = time.time() - start
    with open(raw) as f:
        procs, blocks, total = parse_counts(f.read())
    return aggregate(procs, blocks, Symboliser(config.root).where), total, wall


def main():
    ap = argparse.ArgumentParser(description="profile a Minnow workload (guest instructions "
                                             "per process and function)")
    ap.add_argument("workload", nargs="?", help="one of --list")
    ap.add_argument("--cmd", help="a shell command line to profile on the whole system")
    ap.add_argument("--list", action="store_true", help="list the workloads")
    ap.add_argument("-n", "--top", type=int, default=12, help="functions per table")
    ap.add_argument("--procs", type=int, default=4, help="processes with their own table")
    ap.add_argument("--loop", type=int, default=2000, help="size of the loop workloads")
    ap.add_argument("--merge", action="store_true",
                    help="loop workloads: sum each function over the loop's processes")
    ap.add_argument("--raw", help="keep the plugin's counts in this file")
    ap.add_argument("--timeout", type=int, default=300)
    args = ap.parse_args()
    if args.list or not (args.workload or args.cmd):
        for name, w in WORKLOADS.items():
            print("%-14s %s" % (name, w[0].format(loop=args.loop)))
        print("%-14s %s" % ("tcp_in", TCP_WHAT))
        return 0 if args.list else 2
    if args.cmd is not None:
        spec = ("the whole system, then at the shell: " + args.cmd, "", None, args.cmd,
                None, ())
    elif args.workload in WORKLOADS or args.workload == "tcp_in":
        spec = WORKLOADS.get(args.workload)
    else:
        sys.exit("profile: no workload %r (--list shows them)" % args.workload)
    config = Config(deterministic=True)
    os.makedirs(config.tmp_root(), exist_ok=True)
    raw = args.raw or os.path.join(config.tmp_root(), "profile-%d.txt" % os.getpid())
    if spec is None:
        print("\n".join(tcp_in_report(config, raw, args.timeout)))
        if not args.raw:
            os.unlink(raw)
        return 0
    counts, total, wall = profile(config, spec, args.loop, raw, args.timeout)
    print("profile: %s (%s): %d guest instructions, %.1f s under the profiler"
          % (args.workload or "--cmd", spec[0].format(loop=args.loop), total, wall))
    if spec[4]:
        # The same boot with an empty loop: the difference is the loop alone.
        base, _t, _w = profile(config, spec, 0, raw, args.timeout)
        print("\n".join(per_op_report(counts, base, spec, args.loop, args.top,
                                      bench_figures(config.root).get(spec[4]), args.merge)))
    if not args.raw:
        os.unlink(raw)
    print("\n".join(report(counts, total, args.top, args.procs)))
    return 0


def per_op_report(counts, base, spec, loop, top, figure, merge=False):
    """The loop alone (counts of the loop of `loop` minus those of the empty loop, base) per
    round: the total beside make bench's figure, then the top functions (merge: summed over
    the loop's processes), as text lines."""
    names = spec[5]
    diff = collections.Counter({k: v - base.get(k, 0) for k, v in counts.items()
                                if k[0].split("(")[0] in names})
    per_op = sum(diff.values()) / max(loop, 1)
    lines = [loop_check(per_op, figure, spec[4]),
             "  (%s, loop of %d minus loop of 0, per round; top functions:)"
             % ("+".join(names), loop)]
    funcs = collections.Counter()
    for (lb, module, func), n in diff.items():
        funcs[("+".join(names) if merge else lb.split("(")[0], module, func)] += n
    for (proc, module, func), n in funcs.most_common(top):
        lines.append("  %10.1f %5.1f%%  %s:%s (in %s)" % (n / max(loop, 1), pct(n, loop * per_op),
                                                       module, func, proc))
    return lines + [""]


if __name__ == "__main__":
    sys.exit(main())
