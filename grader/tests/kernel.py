# Tests of the bare kernel: banner and clean power-off, boot modules, running
# in the higher half, command line, timer, the page-fault panic path, and
# debugging with gdb.  They check the lines the kernel prints on COM1:
#
#   Minnow kernel 0.1 (i386)
#   cmdline: <the kernel command line>
#   memory: lower <n> KiB, upper <n> KiB, <n> map entries
#   boot module <i>: <name-and-args> at 0x<8 hex>, <n> bytes
#   boot modules: <count>
#   paging: running at eip 0x<8 hex>, esp 0x<8 hex>
#   paging: boot cr0=0x<8 hex> cr3=0x<8 hex> cr4=0x<8 hex> pde[0x000]=0x<8 hex> pde[0x3c0]=0x<8 hex>
#   paging: low identity mapping released
#   timer: PIT at <hz> Hz
#   timer: ticking (<n> ticks)
#   boot: done
#   ktest: timer <n> ticks at <hz> Hz took <cycles> TSC cycles     (ktest=timer)

import re
import shutil
import subprocess

from grader.core import test
from grader.gdb import minnow_script
from grader.qemu import EXIT_PANIC, EXIT_POWEROFF

KERNEL_BASE = 0xF0000000
HEX = r"0x[0-9a-fA-F]{8}"


@test(0, "boot with poweroff=1", timeout=15)
def boot_poweroff(t):
    """One boot whose output several scored tests below inspect."""
    return t.boot(cmdline="poweroff=1 foo=bar")


@test(10, "kernel prints its banner, boots and powers off", lab="boot",
      parent=boot_poweroff)
def kernel_banner(t):
    out = t.parent_boot
    t.match(out, r"^Minnow kernel \d+\.\d+ \(i386\)",
            r"^memory: lower \d+ KiB, upper \d+ KiB, \d+ map entries",
            r"^boot: done", no=[r"^panic"])
    t.assert_exit(out, EXIT_POWEROFF)


# The boot lab's contract for the bootstrap page directory (handouts/boot.md): the kernel's
# first 4 MiB mapped at 0 and at KERNBASE by present, writable, supervisor-only 4 MiB pages
# (PS); CR4.PSE, CR0.PG and CR0.WP on; CR3 the bootstrap directory.  A PDE's accessed and
# dirty bits (0x20, 0x40) are the CPU's, not the lab's.
BOOT_PDE = 0x00000083           # frame 0, PS | W | P
PDE_CPU_BITS = 0x60
CR0_PG, CR0_WP, CR4_PSE = 0x80000000, 0x00010000, 0x00000010


@test(10, "kernel runs in the higher half", lab="boot", parent=boot_poweroff)
def kernel_runs_high(t):
    """The kernel reports the EIP and ESP it really runs at, its control registers and its
    bootstrap PDEs (read through the high mapping); all are checked against the kernel ELF
    and the lab's contract."""
    out = t.parent_boot
    run = t.find(out, r"^paging: running at eip (%s), esp (%s)$" % (HEX, HEX))
    regs = t.find(out, r"^paging: boot cr0=(%s) cr3=(%s) cr4=(%s) pde\[0x000\]=(%s) "
                  r"pde\[0x3c0\]=(%s)$" % ((HEX,) * 5))
    t.match(out, r"^paging: low identity mapping released")
    eip, esp = int(run.group(1), 16), int(run.group(2), 16)
    cr0, cr3, cr4, low_pde, high_pde = (int(regs.group(i), 16) for i in range(1, 6))
    symbols = nm_addresses(t.config.path(t.config.kernel))
    text_end, image_end = symbols.get("_etext"), symbols.get("_end")
    t.assert_true(text_end is not None and image_end is not None,
                  "nm found no _etext/_end in the kernel ELF")
    t.assert_true(KERNEL_BASE <= eip < text_end,
                  "EIP 0x%08x is not in the high kernel's text (0x%08x-0x%08x)"
                  % (eip, KERNEL_BASE, text_end))
    t.assert_true(KERNEL_BASE <= esp < image_end,
                  "ESP 0x%08x is not on a stack in the high kernel image" % esp)
    t.assert_equal(cr3, symbols.get("__k_unpaged_boot_pgdir"),
                   "CR3 vs. nm's address of the bootstrap page directory")
    t.assert_true(cr0 & CR0_PG and cr0 & CR0_WP, "CR0=0x%08x: PG and WP must be set" % cr0)
    t.assert_true(cr4 & CR4_PSE, "CR4=0x%08x: PSE must be set" % cr4)
    for name, pde in (("identity PDE 0x000", low_pde), ("KERNBASE PDE 0x3c0", high_pde)):
        t.assert_true(pde & ~PDE_CPU_BITS == BOOT_PDE,
                      "%s is 0x%08x: want 0x%08x give or take the CPU's accessed/dirty bits"
                      " (frame 0, present, writable, supervisor-only, 4 MiB)"
                      % (name, pde, BOOT_PDE))


def nm_addresses(elf):
    """{symbol: address} of the ELF according to nm ({} if nm is missing)."""
    if shutil.which("nm") is None:
        return {}
    out = subprocess.run(["nm", elf], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True)
    symbols = {}
    for line in out.stdout.splitlines():
        fields = line.split()
        if len(fields) == 3:
            symbols[fields[2]] = int(fields[0], 16)
    return symbols


@test(5, "kernel command line is passed through", parent=boot_poweroff)
def kernel_cmdline(t):
    t.match(t.parent_boot, r"^cmdline: .*\bfoo=bar\b", r"^cmdline: .*\bpoweroff=1\b")


@test(10, "boot modules are loaded with their arguments", timeout=15)
def boot_modules(t):
    sizes = [1000, 5000, 12345]
    paths = [t.write_file("mod%d.bin" % i, bytes(range(256)) * (n // 256)
                          + b"x" * (n % 256)) for i, n in enumerate(sizes)]
    names = [paths[0], paths[1] + " arg1 arg2", paths[2]]
    out = t.boot(cmdline="poweroff=1", modules=names)
    t.match(out, r"^boot modules: 3$", r"^boot: done")
    last_index = None
    for name, size in zip(names, sizes):
        m = t.find(out, r"^boot module (\d+): %s at (%s), (\d+) bytes$"
                   % (re.escape(name), HEX))
        index, address = int(m.group(1)), int(m.group(2), 16)
        t.assert_equal(int(m.group(3)), size, "size of module %s" % name)
        t.assert_true(address % 4096 == 0,
                      "module %s at 0x%08x is not page-aligned" % (name, address))
        t.assert_true(last_index is None or index == last_index + 1,
                      "modules are not numbered in order: %d after %s"
                      % (index, last_index))
        last_index = index


# Under QEMU's -icount shift=0 one guest instruction is one nanosecond of virtual time, the
# PIT counts virtual time and the TSC reads virtual nanoseconds: a tick at hz Hz is
# 10^9 / hz TSC cycles, whatever the host's speed or load.
ICOUNT = ["-icount", "shift=0,sleep=off"]
TSC_HZ_UNDER_ICOUNT = 10**9
RATE_TOLERANCE = 0.02       # the PIT's divisor rounding is far below this


def measured_rate(t, out):
    """Ticks per second of virtual time from the line ktest=timer prints."""
    m = t.find(out, r"^ktest: timer (\d+) ticks at (\d+) Hz took (\d+) TSC cycles$")
    ticks, cycles = int(m.group(1)), int(m.group(3))
    t.assert_true(ticks > 0 and cycles > 0, "nothing measured: %s" % m.group(0))
    return ticks * TSC_HZ_UNDER_ICOUNT / cycles


@test(5, "timer ticks at the requested rate (ticks counted against the TSC under -icount)",
      timeout=15)
def timer_ticks(t):
    for hz in (250, 1000):
        out = t.boot(cmdline="poweroff=1 ktest=timer hz=%d" % hz, modules=[],
                     extra_args=[] if t.config.deterministic else ICOUNT)
        t.match(out, r"^timer: PIT at %d Hz$" % hz, r"^timer: ticking \(\d+ ticks\)$",
                r"^ktest: timer \d+ ticks at %d Hz " % hz)
        rate = measured_rate(t, out)
        if abs(rate - hz) > hz * RATE_TOLERANCE:
            t.fail("asked for %d Hz, the timer ticks at %.1f Hz of virtual time:\n%s"
                   % (hz, rate, t.find(out, r"^ktest: timer .*").group(0)))
        t.assert_exit(out, EXIT_POWEROFF)


@test(10, "page fault is reported with a backtrace", lab="boot", timeout=15)
def page_fault_panic(t):
    out = t.boot(cmdline="ktest=pagefault")
    t.match(out, r"^boot: done", r".*cr2=0xdead0000", r"^trap: page fault",
            r"^panic in \w+: ", r"^backtrace:",
            r"^\s+#\d+ 0x[0-9a-fA-F]+ \w+\+0x[0-9a-fA-F]+")
    t.assert_exit(out, EXIT_PANIC)


@test(5, "gdb stops at a hardware breakpoint on kmain", timeout=30)
def gdb_breakpoint(t):
    q = t.launch(cmdline="poweroff=1", halted=True)
    g = t.gdb(q, ["hbreak kmain", "continue", "bt", "detach"], timeout=20)
    t.match(g, r"(Thread \d+ hit )?Breakpoint 1, (0x[0-9a-fA-F]+ in )?kmain \(",
            r"#0\s+(0x[0-9a-fA-F]+ in )?kmain \(")
    t.assert_exit(q.wait_exit(timeout=10), EXIT_POWEROFF)


@test(5, "the low identity mapping is really gone after boot", timeout=15)
def identity_map_released(t):
    out = t.boot(cmdline="ktest=lowmem")
    t.match(out, r"^paging: low identity mapping released", r"^ktest: running lowmem",
            r"^trap: page fault .* at 0x00100000", r".*cr2=0x00100000",
            r"^panic in ktest_lowmem: ")
    t.assert_exit(out, EXIT_PANIC)


@test(5, "other CPU exceptions are reported and named", timeout=15)
def divide_error_panic(t):
    out = t.boot(cmdline="ktest=divide")
    t.match(out, r"^trap: divide error \(vector 0\) in kernel mode",
            r"^\s+eip=0x[0-9a-f]{8} cs=0x0008", r"^panic in ktest_divide: ",
            r"^\s+#0 0x[0-9a-f]{8} ktest_divide\+0x[0-9a-f]+", no=[r"^ktest: divide returned"])
    t.assert_exit(out, EXIT_PANIC)


@test(5, "panic() names its caller and prints a full backtrace", timeout=15)
def panic_backtrace(t):
    out = t.boot(cmdline="ktest=panic")
    t.match(out, r"^panic in ktest_panic: deliberate panic \(ktest=panic\)",
            r"^\s+#0 0x[0-9a-f]{8} ktest_panic\+", r"^\s+#\d 0x[0-9a-f]{8} ktest_run\+",
            r"^\s+#\d 0x[0-9a-f]{8} kmain\+")
    t.assert_exit(out, EXIT_PANIC)


@test(5, "boot messages are kept in the diagnostics buffer", timeout=15)
def kmess_buffer(t):
    out = t.boot(cmdline="poweroff=1 ktest=kmess")
    m = t.find(out, r"^kmess: (\d+) bytes buffered, first line: Minnow kernel \d+\.\d+ \(i386\)$")
    t.assert_true(int(m.group(1)) > 200, "the buffer holds only %s bytes" % m.group(1))
    t.assert_exit(out, EXIT_POWEROFF)


@test(5, "bad boot parameters are reported and replaced by defaults", timeout=15)
def bad_boot_params(t):
    out = t.boot(cmdline="poweroff=1 hz=abc ktest=nosuch")
    t.match(out, r"^bootparam: hz=abc is not a decimal number; using 100",
            r"^timer: PIT at 100 Hz", r"^ktest: unknown test 'nosuch'", r"^boot: done")
    t.assert_exit(out, EXIT_POWEROFF)
    out = t.boot(cmdline="poweroff=1 hz=5")
    t.match(out, r"^timer: hz=5 is out of range 19\.\.10000; using 100",
            r"^timer: PIT at 100 Hz", r"^boot: done")
    t.assert_exit(out, EXIT_POWEROFF)


@test(5, "gdb stops in a server with its symbols (minnow-user)", timeout=40)
def gdb_user_program(t):
    q = t.launch(cmdline="", halted=True,
                 modules=["build/servers/vm/vm priv=sys",
                          "build/commands/tests/ipc_pingpong priv=sys server"])
    # the minnow-user command exactly as `make gdb` defines it (tools/gdbinit.sh)
    path = t.write_file("minnow.gdb", minnow_script(t.config))
    g = t.gdb(q, ["source " + path, "minnow-user build/servers/vm/vm", "hbreak alloc_init",
                  "continue", "bt", "kill"], timeout=30)
    t.match(g, r"(Thread \d+ hit )?Breakpoint 1, (0x[0-9a-fA-F]+ in )?alloc_init \(",
            r"#0\s+(0x[0-9a-fA-F]+ in )?alloc_init \(", r"#1\s+0x[0-9a-fA-F]+ in main \(")
