#!/usr/bin/env python3
"""make bench: Minnow's benchmarks, as guest instruction counts.

QEMU runs without hardware acceleration here, so wall-clock numbers are noise.  Under
`-icount shift=0,sleep=off` the guest's time-stamp counter advances by exactly one per
instruction executed, so a benchmark that reads the TSC around an operation in the guest
measures instructions, repeatably.  The kernel's `ktest=bench` and the in-guest program
commands/bench/ipc_bench print one line per benchmark, `bench: <name> <instructions>` (the
cheapest of several rounds).  This script boots each in deterministic mode, collects the lines,
prints a table and writes build/bench.json.

The network drivers (e1000, fxp, rtl8139) get one boot each: one card of the model on a UDP
wire to this script (grader/tests/net_common.py's Link, the net tests' peer), the driver
started as `<driver>_0` and /test/dltest's bench phase (commands/tests/dltest.c) as its
client.  dltest prints `bench: net_<driver>_send` and `_recv`, instructions per 1514-byte
frame through the DL_ protocol; we send the frames it reads, at most 8 beyond its ack.  These
boots run with `-icount shift=0,sleep=on`, not sleep=off: with sleep=off the guest's clock
leaps to the next timer whenever the CPU idles, so while dltest waited for frames from this
(host-time) process its clock raced and its timeouts ran out after a few milliseconds of
wall time, and its idle wait before a receive batch (three clock ticks, for QEMU to deliver
the batch) was over before the frames were in.  The counts do not depend on it: a timed
batch counts only when every read found its frame in the ring already, so no idle time
falls inside it.  After the timed batches dltest streams 2,000 frames each way; we time
them with our own clock, from the frames' arrival: frames/s to and from the host socket, a
second table marked noisy (and "wall" in the JSON, apart from the instruction counts).

TCP through QEMU's user network (slirp) with an e1000 (run_tcp; grader/tests/hostnet.py's
peers): one more boot, without -icount (slirp runs in host time), inet with 10.0.2.15 as
grader/tests/net_xfer.py starts it, then 8 MiB host -> guest into `nc -l > /dev/null`, 8 MiB
guest -> host from `nc` into our Sink (MB/s, 10^6 bytes, from connect to the guest's end
of file, and from the first byte to the last), and 100 sequential HTTP/1.1 GETs of
/hello.txt from httpd through hostfwd (requests/s).  Wall figures too, never checked; the
boot adds about 10 s.  Guest instructions per byte received over TCP are not a figure here
(the TSC under -icount counts the idle waits for slirp too): tools/profile.py's tcp_in
workload counts them with the profiler's plugin, idle left out (two boots, about 30 s).  A
Linux guest on the same QEMU: tools/linux_guest.py (make bench-linux).

The check (`make check` runs it, `tools/bench.py --check`): bench/baseline.json (committed)
holds the instruction counts of the last intended change; a figure more than 5% above its
baseline, or one the run no longer prints, fails the check and is named.  The counts are
deterministic, so 5% is far above any noise; the wall figures (frames/s) are never checked.
A figure more than 5% below says "improved": rewrite the baseline with `make bench-baseline`
(`--update-baseline`) in the commit that made it faster, so the gain cannot be lost unseen.
Each figure is printed beside its target and xv6's figure (issue 15's table: TARGETS).

The scaling table (run_scale; handouts/profiling.md, "The scaling table"): how a cost grows
with the work, fork with 1, 16 and 64 MiB touched, reading files of 256 KiB to 4 MiB, 1 to
15 clients of one server, 0, 100 and as many more processes alive as fork allows.  Four
more boots (about 20 s), after the suite's table; never checked against the baseline and
not measured by --check or --update-baseline; --scale measures and prints it alone (make
bench-scale).

Usage: python3 tools/bench.py [--json FILE] [--check | --update-baseline] [--results FILE]
       [--scale | --no-scale]
       (--results: compare a bench JSON file written earlier instead of measuring)
"""
import argparse
import dataclasses
import json
import os
import re
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from grader.config import Config  # noqa: E402
from grader.match import CheckFailure  # noqa: E402
from grader.qemu import Qemu, default_modules  # noqa: E402
from grader.tests.net_common import (CLIENT_CONF, KIND_ACK, KIND_DATA, Link,  # noqa: E402
                                     client_conf, parse, run as net_run, special_frame,
                                     start_client, wait_text)
from grader.tests.hostnet import HOST_IP, HostNet, Sink, pattern  # noqa: E402
from grader.tests.net_xfer import Driver, Feeder, put_file, start_inet  # noqa: E402

BENCH_LINE = re.compile(r"^bench: (\w+) (\d+)\r?$", re.M)
# What each benchmark measures, for the table.
DESCRIPTIONS = {
    "kernel_memcpy_64k": "64 KiB memcpy inside the kernel",
    "kernel_snprintf_line": "format one boot-log line (ksnprintf)",
    "ipc_roundtrip": "null SENDREC to a server and its reply (user to user; the server "
                     "answers and receives in one REPLYREC)",
    "ipc_roundtrip_split": "the same with the server's answer a SENDNB and its receive "
                           "apart (three traps)",
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
for _drv in ("e1000", "fxp", "rtl8139"):
    DESCRIPTIONS.update({
        "net_%s_send" % _drv: "DL_WRITEV_S of a 1514-byte frame to %s to its DL_TASK_REPLY "
                              "(the cheapest batch of 8, per frame; transmit interrupts "
                              "falling in it count)" % _drv,
        "net_%s_recv" % _drv: "DL_READV_S to its DL_TASK_REPLY with a 1514-byte frame "
                              "waiting in %s's ring (the cheapest batch of 8, per frame; the "
                              "receive interrupts ran before it: not counted)" % _drv,
        "net_%s_out_fps" % _drv: "1514-byte frames from dltest through %s to our socket, "
                                 "one write at a time" % _drv,
        "net_%s_in_fps" % _drv: "1514-byte frames from our socket through %s to dltest, "
                                "8 ahead of its acks" % _drv,
    })
DESCRIPTIONS.update({
    "tcp_e1000_in_MBps": "MB/s host -> guest over TCP through slirp, e1000, 8 MiB into "
                         "nc -l > /dev/null",
    "tcp_e1000_out_MBps": "MB/s guest -> host over TCP through slirp, e1000, 8 MiB from nc",
    "http_e1000_rps": "HTTP/1.1 GETs of /hello.txt per second, one at a time, host -> "
                      "httpd through hostfwd",
})
# The boots: (kernel command line, boot modules).
BOOTS = [
    ("poweroff=1 ktest=bench", []),
    ("poweroff_on_exit=1", ["build/commands/bench/ipc_bench priv=sys server",
                            "build/commands/bench/ipc_bench priv=sys client"]),
    ("", ["build/servers/vm/vm priv=sys", "build/servers/rs/rs",
          "build/servers/ds/ds priv=sys", "build/servers/pm/pm priv=sys",
          "build/commands/bench/pm_bench priv=user", "build/tests/system.conf type=data"]),
]


def require_poweroff(out, what):
    """The console output of a QEMU run (grader.qemu's result) that must have powered off
    cleanly; exits with its ending and last output otherwise.  what names the run."""
    if not out.powered_off:
        sys.exit("%s did not power off cleanly (%s)\n%s"
                 % (what, out.ending(), out.output[-2000:]))
    return out.output


def run_boot(config, cmdline, modules):
    """Boot once and return {name: instructions} from the bench lines."""
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(config, tmp, cmdline=cmdline, modules=modules, timeout=60) as q:
            q.wait_exit()
        output = require_poweroff(q.result(), "bench: the benchmark boot")
    return {m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(output)}


def run_system(config, disk=True):
    """Boot the whole system (the build's module list, init told "bench"), take the shell's
    boot_to_prompt line, run /test/pipe_bench at the prompt (and
    /test/pipe_bench fp), /test/lu_bench (live update of
    hello, three times), /test/disktest writing and reading a 4 MiB file on /home (the disk
    under -snapshot; only if disk), /test/hellokill killing hello (started again with -b: no back-off) 5
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
            for verb, name in (("write", "disk_write"), ("verify", "disk_read"))[:2 * disk]:
                q.send_line("/test/disktest %s /home/bench 4096 1 bench" % verb)
                q.wait_for(r"^bench: %s_4096k \d+" % name)
                q.wait_prompt(r"^# ")
            q.send_line("service down hello; service up /service/hello -dev /dev/hello -b; "
                        "/test/hellokill 5 bench")
            q.wait_for(r"^bench: crash_recovery \d+")
            q.wait_prompt(r"^# ")
            q.send_line("/test/pm_bench")
            q.wait_exit()
        output = require_poweroff(q.result(), "bench: the system boot")
    found = {m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(output)}
    return {(n + "_system" if n in ("getpid", "fork_exit_wait", "signal_self", "getpid_traced")
             else n): v
            for n, v in found.items()}


# The scaling table (run_scale, make bench-scale; handouts/profiling.md, "The scaling
# table"): for each row group, its title, the unit of work, and the figures' name pattern
# with the amounts of work n.  ipc_bench prints scale_ipc_<K>c, scale_bench the others.
SCALE_IPC_CLIENTS = (1, 4, 15)      # 16 boot modules at most: the server and 15
SCALE_SPARE = 4     # scale_bench.c's SPARE
SCALE_GROUPS = [
    ("fork()+_exit()+wait(), parent with n MiB touched", "MiB", "scale_fork_%dm", (1, 16, 64)),
    ("read() a file of n KiB from the root MFS (/dev/imgrd)", "KiB", "scale_read_%dk",
     (1024, 4096, 16384)),
    ("null round trip, n clients of one server", "trip", "scale_ipc_%dc", SCALE_IPC_CLIENTS),
    ("getpid() with n more processes alive", "call", "scale_getpid_%dp", None),
    ("fork()+_exit()+wait() with n more processes alive", "fork", "scale_forkp_%dp", None),
]


def run_scale(config):
    """The scaling figures: one boot of ipc_bench per number of clients, then the whole
    system running /test/scale_bench at the prompt.  {name: instructions}."""
    found = {}
    bench = "build/commands/bench/ipc_bench priv=sys"
    for k in SCALE_IPC_CLIENTS:
        modules = ["%s server many=%d" % (bench, k)] + ["%s many=%d" % (bench, k)] * k
        found.update(run_boot(config, "poweroff_on_exit=1", modules))
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(config, tmp, timeout=300) as q:
            q.wait_prompt(r"^# ")
            q.send_line("/test/scale_bench; echo scale_bench status $?")
            q.wait_for(r"^scale_bench status \d+", timeout=280)
            output = q.output
    if not re.search(r"^scale_bench status 0\r?$", output, re.M):
        sys.exit("bench: /test/scale_bench failed\n%s" % output[-2000:])
    found.update({m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(output)
                  if m.group(1).startswith("scale_")})
    return found


def scale_amounts(found, pattern, amounts):
    """The amounts of work n of pattern's figures in found: amounts, or (None) whatever
    numbers the guest printed (the process counts it reached), in increasing order."""
    if amounts is not None:
        return amounts
    rx = re.compile("^" + pattern.replace("%d", r"(\d+)") + "$")
    return sorted(int(m.group(1)) for m in map(rx.match, found) if m)


def scale_table(found):
    """The scaling table as text lines: per group each amount of work n, the instructions,
    the instructions per unit of work, and the extra instructions per extra unit against the
    group's first row (the growth, with the fixed cost left out)."""
    lines = ["%-8s %14s %12s %14s" % ("n", "instructions", "per unit", "extra per unit")]
    for title, unit, pattern, amounts in SCALE_GROUPS:
        lines.append("%s (unit: %s)" % (title, unit))
        first = None
        for n in scale_amounts(found, pattern, amounts):
            count = found.get(pattern % n)
            if count is None:
                lines.append("%-8d %14s" % (n, "-"))
                continue
            per = count / n if unit in ("MiB", "KiB") else count
            extra = "%.1f" % ((count - first[1]) / (n - first[0])) if first else "-"
            first = first or (n, count)
            lines.append("%-8d %14d %12.1f %14s" % (n, count, per, extra))
    if "scale_alive_max" in found:
        lines.append("fork() made %d processes before EAGAIN (NR_PROCS is 256: 1,000 cannot "
                     "be alive); the last rows have %d of them killed again"
                     % (found["scale_alive_max"], SCALE_SPARE))
    return lines


# The network drivers: (driver, QEMU's model of its card).
NET_CARDS = [("e1000", "e1000"), ("fxp", "i82559er"), ("rtl8139", "rtl8139")]
NET_WINDOW = 8                  # frames we may be ahead of dltest's ack: its BENCH_BATCH
NET_MAC = "52:54:00:12:34:56"


def net_rates(link, n):
    """Frames per second (wall) of dltest's bench stream of n frames each way: (to us: from
    the first to the last of its seq-1 frames; from us: from its ack before the stream's
    first read to its last ack), from the arrival times of the guest's frames."""
    with link.cond:
        frames = list(zip(link.frames, link.times))
    out = [t for f, t in frames if len(f) == 1514 and (parse(f) or (0,))[0] == 1]
    acks = [(parse(f)[1], t) for f, t in frames if (parse(f) or (0, 0, -1))[2] == KIND_ACK]
    last_ack, t_end = acks[-1]
    first = last_ack - n
    t_start = next(t for a, t in acks if a >= first)
    return ((len(out) - 1) / (out[-1] - out[0]) if len(out) > 1 else 0.0,
            n / (t_end - t_start) if t_end > t_start else 0.0)


def run_net(config, driver, model):
    """Boot the whole system with one card of model on a UDP wire to us, start its driver
    and /test/dltest's bench phase, send it 1514-byte frames (flow-controlled by its acks)
    until it is done; its bench lines, and the stream's frames/s to and from us."""
    link = Link(0, model, NET_MAC)
    try:
        with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
            with Qemu(dataclasses.replace(config, deterministic=False), tmp,
                      modules=default_modules(config), timeout=120,
                      extra_args=["-icount", "shift=0,sleep=on"] + link.qemu_args()) as q:
                try:
                    out = net_session(config, q, link, driver)
                except CheckFailure as e:
                    sys.exit("bench: the %s boot: %s" % (driver, e))
        found = {m.group(1): int(m.group(2)) for m in BENCH_LINE.finditer(out)}
        m = re.search(r"^(?:# )?dltest: bench stream (\d+) frames", out, re.M)
        if len(found) != 2 or not m or "DONE dltest 4 passed, 0 failed" not in out:
            sys.exit("bench: dltest's bench phase on %s failed:\n%s" % (driver, out[-2000:]))
        rates = net_rates(link, int(m.group(1)))
    finally:
        link.close()
    return found, {"net_%s_out_fps" % driver: rates[0], "net_%s_in_fps" % driver: rates[1]}


def net_session(config, q, link, driver):
    """At the shell: the driver's instance, dltest's bench phase; the console text of the
    run."""
    q.wait_prompt(r"^# ")
    net_run(q, "; ".join("echo '%s' >> %s" % (l, CLIENT_CONF)
                         for l in client_conf(config.root)))
    net_run(q, 'service up /service/%s -label %s_0 -args "instance=0 callers=dltest"'
            % (driver, driver))
    start = start_client(q, driver + "_0", "bench")
    m = wait_text(q, r"^(?:# )?(?:bench: net_\w+_send \d+|DONE dltest)", start)
    if "DONE" in m.group(0):
        return q.output[start:]
    th, stop = link.pump_thread(0, 1 << 30, window=NET_WINDOW, frame=lambda seq: special_frame(
        KIND_DATA, link.guest_mac, size=1514))
    wait_text(q, r"^(?:# )?DONE dltest", start, 60)
    stop.set()
    th.join(5)
    return q.output[start:]


TCP_BYTES = 8 << 20
HTTP_REQUESTS = 100


def run_tcp(config):
    """Boot with an e1000 on QEMU's user network, inet and httpd; TCP MB/s each way and
    HTTP requests/s (wall clock)."""
    net = HostNet(tcp_ports=(80, 5000))
    d = Driver("e1000", "e1000", TCP_BYTES, "")
    with tempfile.TemporaryDirectory(dir=config.tmp_root()) as tmp:
        with Qemu(dataclasses.replace(config, deterministic=False), tmp,
                  modules=default_modules(config), timeout=300,
                  extra_args=net.qemu_args()) as q:
            try:
                return tcp_session(q, net, d)
            except CheckFailure as e:
                sys.exit("bench: the TCP boot: %s" % e)


def tcp_session(q, net, d):
    start_inet(q, d)
    data = pattern("bench", 1 << 20)
    put_file(q, "bench1m", data)
    mark = len(q.output)
    q.send_line("nc -l -v 5000 < /dev/null > /dev/null; echo bench_in=$?")
    wait_text(q, r"^(?:# )?nc: listening on port 5000$", mark, 30)
    t0 = time.monotonic()
    feed = Feeder(net.tcp[5000], data, TCP_BYTES >> 20)
    wait_text(q, r"^(?:# )?bench_in=0$", mark, 120)
    feed.thread.join(30)
    t_in = time.monotonic() - t0
    sink = Sink()
    loop = "i=0; while [ $i -lt %d ]; do cat /tmp/bench1m; i=$((i+1)); done" % (TCP_BYTES >> 20)
    net_run(q, "(%s) | nc %s %d" % (loop, HOST_IP, sink.port), 120)
    n, _, t_out = sink.wait(30)
    if feed.error or feed.sent != TCP_BYTES or n != TCP_BYTES:
        raise CheckFailure("TCP streams: sent %d, got %d of %d" % (feed.sent, n, TCP_BYTES))
    return {"tcp_e1000_in_MBps": TCP_BYTES / 1e6 / t_in,
            "tcp_e1000_out_MBps": TCP_BYTES / 1e6 / t_out,
            "http_e1000_rps": http_rate(q, net)}


def http_rate(q, net):
    """HTTP_REQUESTS GETs of /hello.txt, one after the other: requests per second."""
    mark = len(q.output)
    q.send_line("httpd -p 80 &")
    wait_text(q, r"^(?:# )?httpd: serving /www on port 80", mark, 30)
    t0 = time.monotonic()
    for _ in range(HTTP_REQUESTS):
        with urllib.request.urlopen(net.url(80, "/hello.txt"), timeout=30) as r:
            if r.status != 200 or not r.read():
                raise CheckFailure("httpd answered %d" % r.status)
    return HTTP_REQUESTS / (time.monotonic() - t0)


# ---- the baseline and the check -----------------------------------------------------------
BASELINE = "bench/baseline.json"
REGRESSION = 0.05               # --check fails on a figure more than 5% above its baseline
# Issue 15's table: benchmark -> (target, xv6-x86's figure on the same QEMU), in guest
# instructions (None: none).  fork_exit_wait's target is a tenth of xv6's (eager copy).
TARGETS = {
    "ipc_roundtrip": (600, None),
    "ipc_trap_refused": (120, None),
    "getpid": (1397, 1397),
    "pipe_pingpong": (27250, 27250),
    "fork_exit_wait": (197933, 1979330),
}
# Figures whose TSC span includes idle waits for I/O the host times (the disk's DMA, the
# boot's disk reads): runs differed by up to 100 times (disk_read_4096k), so --check shows
# them but never fails on them.  (boot_to_prompt without idle time is not measured.)
UNCHECKED = {"boot_to_prompt", "disk_write_4096k", "disk_read_4096k"}
SAFECOPY_TARGET = 0.95          # copy_64k_local / safecopy_64k: safecopy near memcpy speed


def compare(baseline, results, tolerance=REGRESSION, unchecked=UNCHECKED):
    """Each figure against its baseline: [(name, baseline, now, verdict)], verdict one of
    "ok", "regressed" (more than tolerance above), "improved" (more than tolerance below:
    time to update the baseline), "missing" (in the baseline, not measured), "new", or
    "unchecked" (a name in unchecked)."""
    rows = []
    for name in list(baseline) + [n for n in results if n not in baseline]:
        base, now = baseline.get(name), results.get(name)
        if name in unchecked:
            verdict = "unchecked"
        elif now is None:
            verdict = "missing"
        elif base is None:
            verdict = "new"
        elif now > base * (1 + tolerance):
            verdict = "regressed"
        elif now < base * (1 - tolerance):
            verdict = "improved"
        else:
            verdict = "ok"
        rows.append((name, base, now, verdict))
    return rows


def failures(rows):
    """The rows that fail the check: regressed or missing figures."""
    return [r for r in rows if r[3] in ("regressed", "missing")]


def fmt(n):
    return "-" if n is None else "%d" % n


def table(results, baseline):
    """The figures beside their baseline, change, target and xv6 figure, as text lines."""
    lines = ["%-22s %12s %12s %7s %9s %9s %-9s %s" % (
        "benchmark", "instructions", "baseline", "change", "target", "xv6", "verdict", "what")]
    for name, base, now, verdict in compare(baseline, results):
        target, xv6 = TARGETS.get(name, (None, None))
        change = "%+.1f%%" % (100.0 * (now - base) / base) if now and base else "-"
        lines.append("%-22s %12s %12s %7s %9s %9s %-9s %s" % (
            name, fmt(now), fmt(base), change, fmt(target), fmt(xv6), verdict,
            DESCRIPTIONS.get(name, "")))
    if results.get("copy_64k_local") and results.get("safecopy_64k"):
        lines.append("64 KiB memcpy / safecopy: %.2f (target >= %.2f)" % (
            results["copy_64k_local"] / results["safecopy_64k"], SAFECOPY_TARGET))
    return lines


def load_results(path):
    """The instruction counts of a bench JSON file ({} if there is none)."""
    try:
        with open(path) as f:
            return json.load(f)["results"]
    except FileNotFoundError:
        return {}


def write_json(path, results, wall):
    """Write a bench JSON file: the counts and (apart) the wall figures."""
    with open(path, "w") as f:
        json.dump({"unit": "guest instructions (qemu -icount shift=0)",
                   "results": results,
                   "wall_unit": "per second, host wall clock: frames (*_fps), MB (*_MBps), "
                                "HTTP requests (*_rps) (noisy: not for comparisons "
                                "between runs)",
                   "wall": {n: round(r, 2) for n, r in wall.items()}}, f, indent=2)
        f.write("\n")


def measure(config, checked_only=False):
    """Every boot of the suite: (instruction counts, wall figures).  checked_only (--check)
    leaves out what the check never compares: the TCP/HTTP boot (wall figures only) and the
    disk benchmarks (UNCHECKED)."""
    results, wall = {}, {}
    for cmdline, modules in BOOTS:
        results.update(run_boot(config, cmdline, modules))
    results.update(run_system(config, disk=not checked_only))
    for driver, model in NET_CARDS:
        found, rates = run_net(config, driver, model)
        results.update(found)
        wall.update(rates)
    if not checked_only:
        wall.update(run_tcp(config))
    if not results:
        sys.exit("bench: the guest printed no bench lines")
    return results, wall


def main():
    ap = argparse.ArgumentParser(description="Minnow benchmarks (guest instructions)")
    ap.add_argument("--json", default="build/bench.json")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a figure is more than 5%% above " + BASELINE)
    ap.add_argument("--update-baseline", action="store_true",
                    help="write the figures to %s (after an intended change)" % BASELINE)
    ap.add_argument("--results", help="compare this bench JSON file instead of measuring")
    ap.add_argument("--scale", action="store_true",
                    help="only the scaling table (make bench-scale)")
    ap.add_argument("--no-scale", action="store_true",
                    help="without the scaling table (--check never measures it)")
    args = ap.parse_args()
    config = Config(deterministic=True)
    root = config.root
    if args.scale:
        os.makedirs(config.tmp_root(), exist_ok=True)
        print("\n".join(scale_table(run_scale(config))))
        return 0
    if args.results:
        results, wall = load_results(args.results), {}
    else:
        os.makedirs(config.tmp_root(), exist_ok=True)
        results, wall = measure(config, checked_only=args.check)
        write_json(args.json, results, wall)
    baseline = load_results(os.path.join(root, BASELINE))
    print("\n".join(table(results, baseline)))
    if wall:
        print("\n%-24s %14s  %s" % ("wall clock (noisy)", "per second", "what"))
        for name, rate in wall.items():
            print("%-24s %14.1f  %s" % (name, rate, DESCRIPTIONS.get(name, "")))
    if not args.results:
        print("written to %s" % args.json)
    if not (args.results or args.check or args.update_baseline or args.no_scale):
        print("\nscaling (guest instructions; per unit: per MiB, KiB, round trip, call)")
        print("\n".join(scale_table(run_scale(config))))
    if args.update_baseline:
        write_json(os.path.join(root, BASELINE), results, {})
        print("baseline %s rewritten" % BASELINE)
    elif args.check:
        return check_verdict(compare(baseline, results), bool(baseline))
    return 0


def check_verdict(rows, have_baseline):
    """--check's verdict, printed: 1 if a figure regressed or is missing, else 0."""
    if not have_baseline:
        print("bench --check: no %s (make bench-baseline writes it)" % BASELINE)
        return 1
    bad = failures(rows)
    for name, base, now, verdict in bad:
        print("bench --check: %s %s: %s against the baseline's %s (more than %d%% worse)"
              % (name, verdict, fmt(now), fmt(base), round(REGRESSION * 100)))
    print("bench --check: %s (%d figures, %d regressed or missing)"
          % ("FAIL" if bad else "OK", len(rows), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
