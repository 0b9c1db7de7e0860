#!/usr/bin/env python3
"""make bench-boot: wall time from starting QEMU to the shell's prompt, both boot paths.

The two ways Minnow boots (handouts/boot.md, "What the loader does"; the measurements:
"The GRUB boot's time"):
  iso     `make qemu`'s: the BIOS boots GRUB from build/minnow.iso, GRUB loads the kernel and
          the boot modules (the commands of build/boot/grub.cfg, built into GRUB's core
          image; the root image packed), then jumps to the kernel, which unpacks it;
  kernel  the grader's: QEMU's own multiboot loader (-kernel, -initrd) loads the kernel and
          the modules of build/boot/modules.txt straight into guest memory.
Each run starts QEMU with the options `make bench-boot` passes: make qemu's (QEMUOPTS and the
CD of ISO_BOOT for the ISO; the /home disk under -snapshot, no display), reads the serial
console and notes two times: the kernel's first line ("loader": everything before the kernel
runs, QEMU's start, the BIOS and, for the ISO, GRUB) and the shell's prompt "# " at the start
of a line ("prompt").  QEMU is then killed.  Wall time under TCG is noisy and the host is
shared, so it boots each path N times (10 by default), alternating the paths, and prints the
median, minimum and maximum of each, with the median of QEMU's own CPU time (user and system,
from /proc: less disturbed by other work on the host than wall time).  No -icount: the BIOS's
and GRUB's time are what is measured.

Usage: make bench-boot, or python3 tools/bootbench.py [-n N] [--path iso|kernel|both]
       [--timeout S] --iso-args "..." --opts "..." --kernel ELF --modules modules.txt
"""
import argparse
import os
import re
import select
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PROMPT = re.compile(rb"(?:^|\n)# ")
FIRST_LINE = re.compile(rb"\n")


def modules_initrd(listing):
    """QEMU's -initrd value for the modules listed in the file listing (modules.txt)."""
    with open(listing) as f:
        lines = [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]
    return ",".join(ln.replace(",", ",,") for ln in lines)


def command(path, args):
    """QEMU's argv for one boot of path ("iso" or "kernel")."""
    qemu = shlex.split(os.environ.get("QEMU", "qemu-system-i386"))
    opts = shlex.split(args.opts)
    if path == "iso":
        return qemu + shlex.split(args.iso_args) + opts
    return qemu + ["-kernel", args.kernel, "-initrd", modules_initrd(args.modules)] + opts


def cpu_seconds(pid):
    """CPU time (user + system, all threads) that process pid has used so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def boot_once(path, args):
    """Boot path once: seconds to the kernel's first line and to the prompt, each as
    (wall, QEMU's CPU time)."""
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(command(path, args), cwd=ROOT, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err)
        out, first = b"", None
        try:
            while time.monotonic() - start < args.timeout:
                ready, _, _ = select.select([proc.stdout], [], [], 0.01)
                if not ready:
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
                now = (time.monotonic() - start, cpu_seconds(proc.pid))
                if first is None and FIRST_LINE.search(out):
                    first = now
                if PROMPT.search(out):
                    return first, now
        finally:
            proc.kill()
            proc.wait()
        err.seek(0)
        sys.exit("bootbench: %s boot reached no prompt in %.0f s\n%s\n%s"
                 % (path, args.timeout, out[-1500:].decode(errors="replace"),
                    err.read().decode(errors="replace")))


def summary(name, values):
    """One table row: median, minimum and maximum of the wall times in values (pairs of
    wall and CPU seconds), then the median CPU time."""
    wall = [w for w, _ in values]
    return "%-14s %8.3f %8.3f %8.3f %10.3f" % (name, statistics.median(wall), min(wall),
                                            max(wall), statistics.median(c for _, c in values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10, help="boots of each path (default 10)")
    ap.add_argument("--path", choices=("iso", "kernel", "both"), default="both")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--iso-args", required=True, help="QEMU's options of the ISO's CD")
    ap.add_argument("--opts", required=True, help="QEMU's other options, both paths")
    ap.add_argument("--kernel", required=True, help="the kernel ELF of the -kernel path")
    ap.add_argument("--modules", required=True, help="its module list (modules.txt)")
    args = ap.parse_args()
    paths = ("iso", "kernel") if args.path == "both" else (args.path,)
    times = {p: ([], []) for p in paths}
    for _ in range(args.n):
        for p in paths:
            first, prompt = boot_once(p, args)
            times[p][0].append(first)
            times[p][1].append(prompt)
    print("boot time in seconds, %d runs each (host load average %s)"
          % (args.n, " ".join("%.2f" % x for x in os.getloadavg())))
    print("%-14s %8s %8s %8s %10s" % ("", "median", "min", "max", "QEMU CPU"))
    for p in paths:
        print(summary(p + " loader", times[p][0]))
        print(summary(p + " prompt", times[p][1]))


if __name__ == "__main__":
    main()
