#!/usr/bin/env python3
"""make bench: Minnow's benchmarks, as guest instruction counts.

QEMU runs without hardware acceleration here, so wall-clock numbers are noise.  Under
`-icount shift=0,sleep=off` the guest's time-stamp counter advances by exactly one per
instruction executed, so a benchmark that reads the TSC around an operation in the guest
measures instructions, repeatably.  The kernel's `ktest=bench` and the in-guest program
commands/bench/ipc_bench print one line per benchmark, `bench: <name> <instructions>` (the
cheapest of several rounds).  This script boots each in deterministic mode, collects the lines,
prints a table and writes build/bench.json.

Usage: python3 tools/bench.py [--json FILE]
"""
import argparse
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from grader.config import Config  # noqa: E402
from grader.qemu import Qemu, default_modules  # noqa: E402

BENCH_LINE = re.compile(r"^bench: (\w+) (\d+)\r?$", re.M)
# What each benchmark measures, for the table.
DESCRIPTIONS = {
    "kernel_memcpy_64k": "64 KiB memcpy inside the kernel",
    "kernel_snprintf_line": "format one boot-log line (ksnprintf)",
    "ipc_roundtrip": "null SENDREC to a server and its reply (user to user)",
    "ipc_trap_refused": "a SENDREC refused at once (kernel entry and exit)",
    "copy_64k_local": "64 KiB memcpy inside a process",
    "safecopy_64k": "64 KiB sys_safecopyfrom through a grant",
    "getpid": "getpid(): a user process's SENDREC to PM and back",
    "fork_exit_wait": "fork(), the child's _exit(0), the parent's wait()",
    "boot_to_prompt": "the whole system from the kernel's first instruction to the shell's "
                      "first prompt",
    "pipe_pingpong": "one byte there and back between two processes through two pipes",
    "pipe_pingpong_fp": "the same with both processes using the FPU at every byte (FPU "
                        "state switched twice)",
    "getpid_system": "getpid() with the whole system running",
    "fork_exit_wait_system": "fork()+_exit()+wait() with the whole system (PM tells VFS of "
                             "the fork and the exit)",
    "live_update_hello": "service update of hello (fork+exec of the command and of the new "
                         "version, prepare, swap, LU init) and the new version's first "
                         "read",
    "live_update_rs": "service update self -label rs: a new RS takes the tables and RS's "
                      "slot (fork+exec of the command and of the new RS)",
    "live_update_vm": "service update self -label vm: a new VM copies the old one's data "
                      "and bss and takes VM's slot",
    "disk_write_4096k": "write a 4 MiB file on /home (MFS, at_wini: DMA) and close it "
                        "(TSC ticks: the CPU's idle waits for the disk count too)",
    "disk_read_4096k": "read that file back and compare it, mostly from the disk (MFS "
                       "caches 192 KiB; idle waits for IRQ 14 count too)",
    "signal_self": "raise(SIGUSR1) to a handler and back through sigreturn (PM alone: no "
                   "VFS_PM_UNPAUSE)",
    "signal_self_system": "the same with the whole system: PM asks VFS to end the "
                          "process's calls first",
    "getpid_traced": "getpid() of a process traced with T_SYSCALL (ptrace): stops at the "
                     "call's entry and leave, each reported to the tracer's waitpid",
    "getpid_traced_system": "the same with the whole system running",
    "crash_recovery": "kill -9 of hello to its next answered read: RS swaps a replica in "
                      "under the old endpoint, hello announces itself, VFS retries (the "
                      "cheapest of 5; idle waits count too)",
}
# The boots: (kernel command line, boot modules).
BOOTS = [
    ("poweroff=1 ktest=bench", []),
    ("poweroff_on_exit=1", ["build/commands/bench/ipc_bench priv=sys server",
                            "build/commands/bench/ipc_bench priv=sys client"]),
    ("", ["build/servers/vm/vm priv=sys", "build/servers/rs/rs",
          "build/servers/ds/ds priv=sys", "build/servers/pm/pm priv=sys",
          "build/commands/bench/pm_bench priv=user", "build/tests/system.conf type=data"]),
]


def run_boot(config, cmdline, modules):
    """Boot once and return {name: instructions} from the bench lines."""
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(config, tmp, cmdline=cmdline, modules=modules, timeout=60) as q:
            q.wait_exit()
        out = q.result()
    if not out.powered_off:
        sys.exit("bench: the benchmark boot did not power off cleanly (%s)\n%s"
                 % (out.ending(), out.output[-2000:]))
    return {m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(out.output)}


def run_system(config):
    """Boot the whole system (the build's module list, init told "bench"), take the shell's
    boot_to_prompt line, run /test/pipe_bench at the prompt (and
    /test/pipe_bench fp), /test/lu_bench (live update of
    hello, three times), /test/disktest writing and reading a 4 MiB file on /home (the disk
    under -snapshot), /test/hellokill killing hello (started again with -b: no back-off) 5
    times, then /test/pm_bench (which powers off); pm_bench's lines get the suffix
    _system."""
    modules = [m + " bench" if m.split()[0].endswith("/init") else m
               for m in default_modules(config)]
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(config, tmp, modules=modules, timeout=120) as q:
            q.wait_for(r"^bench: boot_to_prompt \d+")
            q.wait_prompt(r"^# ")
            q.send_line("/test/pipe_bench")
            q.wait_for(r"^bench: pipe_pingpong \d+")
            q.wait_prompt(r"^# ")
            q.send_line("/test/pipe_bench fp")
            q.wait_for(r"^bench: pipe_pingpong_fp \d+")
            q.wait_prompt(r"^# ")
            for label in ("hello", "rs", "vm"):
                q.send_line("/test/lu_bench %s" % label)
                q.wait_for(r"^bench: live_update_%s \d+" % label)
                q.wait_prompt(r"^# ")
            for verb, name in (("write", "disk_write"), ("verify", "disk_read")):
                q.send_line("/test/disktest %s /home/bench 4096 1 bench" % verb)
                q.wait_for(r"^bench: %s_4096k \d+" % name)
                q.wait_prompt(r"^# ")
            q.send_line("service down hello; service up /service/hello -dev /dev/hello -b; "
                        "/test/hellokill 5 bench")
            q.wait_for(r"^bench: crash_recovery \d+")
            q.wait_prompt(r"^# ")
            q.send_line("/test/pm_bench")
            q.wait_exit()
        out = q.result()
    if not out.powered_off:
        sys.exit("bench: the system boot did not power off cleanly (%s)\n%s"
                 % (out.ending(), out.output[-2000:]))
    found = {m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(out.output)}
    return {(n + "_system" if n in ("getpid", "fork_exit_wait", "signal_self", "getpid_traced")
             else n): v
            for n, v in found.items()}


def main():
    ap = argparse.ArgumentParser(description="Minnow benchmarks (guest instructions)")
    ap.add_argument("--json", default="build/bench.json")
    args = ap.parse_args()
    config = Config(deterministic=True)
    os.makedirs(config.tmp_root(), exist_ok=True)
    results = {}
    for cmdline, modules in BOOTS:
        results.update(run_boot(config, cmdline, modules))
    results.update(run_system(config))
    if not results:
        sys.exit("bench: the guest printed no bench lines")
    print("%-24s %14s  %s" % ("benchmark", "instructions", "what"))
    for name, count in results.items():
        print("%-24s %14d  %s" % (name, count, DESCRIPTIONS.get(name, "")))
    with open(args.json, "w") as f:
        json.dump({"unit": "guest instructions (qemu -icount shift=0)",
                   "results": results}, f, indent=2)
    print("written to %s" % args.json)


if __name__ == "__main__":
    main()
