# Running gdb in batch mode against one boot's private gdb socket.
#
# Tests that need the debugger start QEMU halted (-S), then call run_gdb()
# with a list of gdb commands.  gdb connects with `target remote <socket>`
# (gdb accepts a UNIX socket path there), runs the commands and exits; its
# combined output comes back in a GdbResult for regex checks.  gdb runs in its
# own process group and is killed on timeout like QEMU.

import os
import shlex
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
