# Running gdb in batch mode against one boot's private gdb socket.
#
# Tests that need the debugger start QEMU halted (-S), then call run_gdb()
# with a list of gdb commands.  gdb connects with `target remote <socket>`
# (gdb accepts a UNIX socket path there), runs the commands and exits; its
# combined output comes back in a GdbResult for regex checks.  gdb runs in its
# own process group and is killed on timeout like QEMU.
#
# minnow_script() is the script `make gdb` runs (tools/gdbinit.sh) without its
# `target remote`, for a test to `source` after run_gdb has connected: it
# brings the minnow-* commands of tools/gdb/minnow.py.  gdb_missing() says why
# gdb (with Python, which those commands need) cannot run here, for t.skip().

import os
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from typing import List, Optional

from grader import procs
from grader.match import CheckFailure

SOCKET_WAIT_SECONDS = 5.0


@dataclass
class GdbResult:
    """The outcome of one batch gdb run."""

    output: str
    status: Optional[int]
    timed_out: bool
    command: List[str] = field(default_factory=list)

    def __str__(self):
        return self.output


def gdb_command(config, socket_path, commands, elf=None):
    """argv for a batch gdb that loads elf, connects, and runs commands."""
    argv = shlex.split(config.gdb) + ["-batch", "-nx",
            "-ex", "set pagination off", "-ex", "set confirm off",
            "-ex", "file " + (elf or config.kernel),
            "-ex", "target remote " + socket_path]
    for command in commands:
        argv += ["-ex", command]
    return argv


def gdb_missing(config):
    """None if config's gdb runs and has Python; else why not (for t.skip)."""
    argv = shlex.split(config.gdb)
    if not argv or shutil.which(argv[0]) is None:
        return "gdb not found: %r (install gdb, or set MINNOW_GDB)" % config.gdb
    try:
        out = subprocess.run(argv + ["-batch", "-nx", "-ex", "python print(6 * 7)"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return "%r does not run: %s" % (config.gdb, e)
    if b"42" not in out.split():
        return "%r has no Python (the minnow-* commands need it)" % config.gdb
    return None


def minnow_script(config):
    """The text of `make gdb`'s script for this build, minus `target remote`."""
    kernel = config.path(config.kernel)
    build = os.path.dirname(os.path.dirname(kernel))
    script = subprocess.run([config.path("tools/gdbinit.sh"), "/nonexistent/gdb.sock",
                             kernel, config.path(config.modules_list), build],
                            stdout=subprocess.PIPE, universal_newlines=True,
                            cwd=config.root, check=True).stdout
    return "".join(line for line in script.splitlines(True)
                   if not line.startswith("target remote "))


def wait_for_socket(path, timeout=SOCKET_WAIT_SECONDS):
    """QEMU creates its gdb socket shortly after starting; wait for it."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise CheckFailure("QEMU's gdb socket %s never appeared" % path)
        if procs.sleep_unless_aborting(0.02):
            raise procs.Aborted("grader interrupted")


def run_gdb(config, socket_path, commands, timeout=30, elf=None):
    """Run gdb in batch mode; return a GdbResult (never raises on a gdb
    error: check the output)."""
    wait_for_socket(socket_path)
    argv = gdb_command(config, socket_path, commands, elf)
    try:
        proc = procs.spawn(argv, cwd=config.root, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except FileNotFoundError:
        raise CheckFailure("gdb not found: %r (set MINNOW_GDB)" % config.gdb)
    timed_out = False
    try:
        out, _ = proc.communicate(timeout=config.scaled(timeout))
    except subprocess.TimeoutExpired:
        timed_out = True
        procs.stop(proc)
        out, _ = proc.communicate()
    procs.reap_group(proc)
    text = out.decode(errors="replace")
    return GdbResult(text, None if timed_out else proc.returncode,
                     timed_out, argv)
