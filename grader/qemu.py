# Booting the kernel in QEMU for a test, and talking to its serial console.
#
# A Qemu object is one boot: QEMU started in its own session (process group)
# with the kernel, its boot modules, a private gdb UNIX socket and a private
# temporary directory; the serial console is QEMU's stdin/stdout.  A reader
# thread collects console output; tests wait for regexes, type text, and
# finally get a BootResult (console text, exit status, timed out or not,
# elapsed time).  The kernel leaves QEMU through the isa-debug-exit device, so
# the exit status says whether it powered off cleanly or panicked.
#
# A wait matches complete console lines only: a line still arriving
# ("pipeline=1" of "pipeline=130") cannot satisfy it, so a value a regex
# captures is always the whole value.  The one exception is a Prompt (the
# shell's "# " is never followed by a newline until something is typed),
# which may match the last line before its end.  Once the console has closed
# the last line is final and counts as complete.

import codecs
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import List, Optional

from grader import procs
from grader.match import CheckFailure, compile_regex, quoted, split_lines, tail

# Writing v to port 0xf4 makes QEMU exit with status (v << 1) | 1.
DEBUG_EXIT_PORT = 0xF4
DEBUG_EXIT_POWEROFF = 0x10
DEBUG_EXIT_PANIC = 0x20
EXIT_POWEROFF = (DEBUG_EXIT_POWEROFF << 1) | 1   # 33
EXIT_PANIC = (DEBUG_EXIT_PANIC << 1) | 1         # 65

LINE_END = "\n"         # what send_line() types after the text
SHELL_PROMPT = r"# "    # the shell's prompt, matched at the start of a line
POLL_SECONDS = 0.05
DRAIN_SECONDS = 1.0     # how long to wait for output after QEMU exits


class BootError(CheckFailure):
    """QEMU could not be started (missing kernel, module or binary)."""


# ----------------------------------------------------------------------------
# Boot modules and the QEMU command line


def parse_module(spec):
    """A module as (path, args): "path a b", ("path", "a b") or
    ("path", ["a", "b"])."""
    if isinstance(spec, (tuple, list)):
        path, args = spec[0], spec[1] if len(spec) > 1 else ""
        if not isinstance(args, str):
            args = " ".join(args)
    else:
        parts = str(spec).strip().split(None, 1)
        path, args = parts[0], parts[1] if len(parts) > 1 else ""
    path = os.fspath(path)
    if not path or any(c.isspace() for c in path):
        raise BootError("bad boot module path %r (no spaces allowed)" % path)
    return path, args.strip()


def module_string(spec):
    """The multiboot string of a module: its path, then its arguments."""
    path, args = parse_module(spec)
    return path + (" " + args if args else "")


def initrd_argument(modules):
    """QEMU's -initrd value: modules separated by ',' (escaped as ',,')."""
    return ",".join(module_string(m).replace(",", ",,") for m in modules)


def default_modules(config):
    """Modules listed in the build's modules.txt (one per line, with optional
    arguments); no modules if the file is missing or empty."""
    try:
        with open(config.path(config.modules_list)) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return []
    return [line.strip() for line in lines
            if line.strip() and not line.lstrip().startswith("#")]


def disk_arguments(config, disk):
    """QEMU's options for the disk image disk (None: the config's; "" or a
    missing file: no disk), the primary IDE master."""
    disk = config.disk if disk is None else disk
    if not disk or not os.path.isfile(config.path(disk)):
        return []
    if "," in disk:
        raise BootError("bad disk image path %r (no commas allowed)" % disk)
    return ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk" % disk]


def qemu_command(config, cmdline, modules, gdb_socket, debug_log,
                 halted=False, memory=None, extra_args=(), monitor_socket=None,
                 disk=None, persistent=False):
    """The argv that boots the kernel (relative paths are relative to the
    repository root, which is QEMU's working directory).  With
    monitor_socket, QEMU's human monitor listens there (for pmemsave).
    The disk (see disk_arguments) is written through only if persistent;
    otherwise -snapshot keeps every write in a temporary overlay."""
    monitor = ("unix:%s,server,nowait" % monitor_socket if monitor_socket
               else "none")
    argv = shlex.split(config.qemu) + ["-kernel", config.kernel]
    if modules:
        argv += ["-initrd", initrd_argument(modules)]
    # The boot parameter netdrv=off, unless the test gives netdrv= itself: /etc/rc starts
    # no network driver for the cards present and no inet (the network tests start their
    # own).
    if not re.search(r"(?:^| )netdrv=", cmdline):
        cmdline += " netdrv=off"
    argv += ["-append", (cmdline + " debugexit=1").strip(),
             "-m", str(memory or config.memory_mb),
             "-display", "none", "-serial", "stdio", "-monitor", monitor,
             "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
             "-gdb", "unix:%s,server,nowait" % gdb_socket,
             "-d", "cpu_reset", "-D", debug_log]
    argv += disk_arguments(config, disk)
    if not persistent:
        argv.append("-snapshot")
    if halted:
        argv.append("-S")
    if config.deterministic:
        argv += ["-icount", "shift=0,sleep=off"]
    return argv + list(extra_args)


# ----------------------------------------------------------------------------
# How a boot ended


def describe_status(status, triple_fault=False, stderr=""):
    """Explain a QEMU exit status in words."""
    if status == EXIT_POWEROFF:
        return "QEMU exited with status 33 (clean power-off)"
    if status == EXIT_PANIC:
        return "QEMU exited with status 65 (kernel panic)"
    if status == 0:
        why = "triple fault" if triple_fault else "triple fault?"
        return "QEMU exited with status 0: guest reset (%s)" % why
    if status < 0:
        return "QEMU was killed by signal %d" % -status
    if status & 1 and status > 1:
        return ("QEMU exited with status %d (the kernel wrote 0x%x to "
                "isa-debug-exit)" % (status, status >> 1))
    last = stderr.strip().splitlines()[-1:] or ["no message"]
    return "QEMU exited with status %d (QEMU error: %s)" % (status, last[0])


@dataclass
class BootResult:
    """Everything known about one finished boot."""

    output: str                 # console text, LF line endings
    status: Optional[int]       # exit status if QEMU exited by itself
    timed_out: bool             # the test gave up waiting
    stopped: bool               # the grader stopped QEMU
    elapsed: float              # seconds from start to end
    triple_fault: bool = False  # QEMU's reset log saw a triple fault
    stderr: str = ""            # QEMU's own messages
    command: List[str] = field(default_factory=list)
    stop_reason: str = ""

    @property
    def lines(self):
        return split_lines(self.output)

    @property
    def exited(self):
        return self.status is not None

    @property
    def powered_off(self):
        return self.status == EXIT_POWEROFF

    @property
    def panicked(self):
        return self.status == EXIT_PANIC

    def ending(self):
        """One line saying how the boot ended."""
        if self.status is not None:
            return describe_status(self.status, self.triple_fault, self.stderr)
        if self.timed_out:
            return "timed out after %.1f s (%s)" % (self.elapsed, self.stop_reason)
        return "stopped by the grader after %.1f s (%s)" % (
            self.elapsed, self.stop_reason or "test finished")

    def __str__(self):
        return self.output


# ----------------------------------------------------------------------------
# Console output collection


class _Console:
    """Console text collected by a reader thread, with a condition variable
    so waiters wake up when new text arrives or the stream ends."""

    def __init__(self, echo=None):
        self.cond = threading.Condition()
        self.text = ""
        self.eof = False
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._held_cr = ""
        self._echo = echo

    def _normalize(self, chunk):
        chunk = self._held_cr + chunk
        self._held_cr = ""
        if chunk.endswith("\r"):
            chunk, self._held_cr = chunk[:-1], "\r"
        return chunk.replace("\r\n", "\n").replace("\r", "\n")

    def feed(self, data):
        chunk = self._normalize(self._decoder.decode(data, final=not data))
        if self._echo and chunk:
            self._echo(chunk)
        with self.cond:
            self.text += chunk
            self.eof = self.eof or not data
            self.cond.notify_all()

    def read_from(self, fd):
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            self.feed(data)
            if not data:
                return


class Prompt:
    """A regex a wait may match on the last console line before that line is
    complete (a prompt); every other regex matches complete lines only."""

    def __init__(self, regex):
        self.regex = regex.regex if isinstance(regex, Prompt) else regex

    def __repr__(self):
        return "Prompt(%r)" % (self.regex,)


def _regex_of(wanted):
    """The regex of a wait's argument (a regex or a Prompt)."""
    return wanted.regex if isinstance(wanted, Prompt) else wanted


def _line_start(regex):
    """regex anchored at the start of a line (for searching a whole text)."""
    pattern = compile_regex(_regex_of(regex))
    return re.compile("^(?:%s)" % pattern.pattern, pattern.flags | re.M)


def complete_end(text, closed=False):
    """Where the complete lines of text end: after its last newline, or at
    its end once the console has closed (the last line is then final)."""
    return len(text) if closed else text.rfind("\n") + 1


def _echo_stdout(chunk):
    sys.stdout.write(chunk)
    sys.stdout.flush()


# ----------------------------------------------------------------------------
# One boot


_MODULE_LINE = re.compile(
    r"^boot module \d+: (\S+)[^\n]* at (0x[0-9a-fA-F]+), (\d+) bytes", re.M)


def find_data_module(output, name):
    """(address, size) of the first module line whose path contains name."""
    for m in _MODULE_LINE.finditer(output):
        if name in m.group(1):
            return int(m.group(2), 16), int(m.group(3))
    return None


def _read_until_prompt(sock, deadline):
    """Read from the monitor socket until its "(qemu) " prompt."""
    data = b""
    while not data.endswith(b"(qemu) "):
        if time.monotonic() > deadline:
            raise CheckFailure("QEMU's monitor did not answer: %r" % data[-200:])
        chunk = sock.recv(4096)
        if not chunk:
            raise CheckFailure("QEMU's monitor closed the connection")
        data += chunk
    return data.decode(errors="replace")


def _socket_dir(tmpdir):
    """A directory for the gdb socket: the boot's own, unless its path is too
    long for a UNIX socket or contains a comma (QEMU's option separator)."""
    path = os.path.join(tmpdir, "gdb.sock")
    if len(path) < 100 and "," not in path:
        return tmpdir, False
    return tempfile.mkdtemp(prefix="minnow-gdb-"), True


class Qemu:
    """A running (or finished) boot of the kernel.

    Use as a context manager, or call stop() when done:

        with Qemu(config, tmpdir, cmdline="poweroff=1", timeout=10) as q:
            q.wait_for(r"^boot: done")
            q.send_line("ls")
        result = q.result()
    """

    def __init__(self, config, tmpdir, cmdline="", modules=None, timeout=30,
                 halted=False, memory=None, extra_args=(), echo=False,
                 disk=None, persistent=False):
        self.config = config
        self.disk = disk
        self.persistent = persistent
        self.tmpdir = tmpdir
        self.cmdline = cmdline
        self.modules = default_modules(config) if modules is None else list(modules)
        self.timeout = config.scaled(timeout)
        self.halted = halted
        self.memory = memory
        self.extra_args = list(extra_args)
        self.console = _Console(_echo_stdout if echo else None)
        self.proc = None
        self.timed_out = False
        self.stop_reason = ""
        self._result = None
        self._stopped = False
        self._exit_seen = None
        self._pos = 0
        sock_dir, self._own_sock_dir = _socket_dir(tmpdir)
        self.gdb_socket = os.path.join(sock_dir, "gdb.sock")
        self.monitor_socket = os.path.join(sock_dir, "mon.sock")
        self.debug_log = os.path.join(tmpdir, "qemu-debug.log")
        self.stderr_path = os.path.join(tmpdir, "qemu-stderr.txt")
        self.command = []

    # -- starting and stopping ------------------------------------------

    def _check_files(self):
        if not os.path.isfile(self.config.path(self.config.kernel)):
            raise BootError("kernel not found: %s (did the build succeed?)"
                            % self.config.kernel)
        for spec in self.modules:
            path = parse_module(spec)[0]
            if not os.path.isfile(self.config.path(path)):
                raise BootError("boot module not found: %s" % path)

    def start(self):
        """Start QEMU; the console reader runs in a background thread."""
        self._check_files()
        self.command = qemu_command(
            self.config, self.cmdline, self.modules, self.gdb_socket,
            self.debug_log, self.halted, self.memory, self.extra_args,
            self.monitor_socket, self.disk, self.persistent)
        with open(self.stderr_path, "wb") as err:
            try:
                self.proc = procs.spawn(
                    self.command, cwd=self.config.root, stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=err)
            except FileNotFoundError:
                raise BootError("QEMU not found: %r (set MINNOW_QEMU)"
                                % self.config.qemu)
        if self.console._echo:
            _echo_stdout("+ %s\n" % " ".join(self.command))
        self.started_at = time.monotonic()
        self.deadline = self.started_at + self.timeout
        self._reader = threading.Thread(
            target=self.console.read_from, args=(self.proc.stdout.fileno(),),
            daemon=True)
        self._reader.start()
        return self

    def __enter__(self):
        return self.start() if self.proc is None else self

    def __exit__(self, *exc):
        self.stop()
        return False

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, reason=""):
        """Stop QEMU (if it is still running) and collect the result."""
        if self._result is not None or self.proc is None:
            return self._result
        if self.proc.poll() is None:
            self.stop_reason = self.stop_reason or reason
            procs.stop(self.proc)
            self._stopped = True
        else:
            procs.reap_group(self.proc)
            self._stopped = False
        self.ended_at = time.monotonic()
        self._reader.join(timeout=DRAIN_SECONDS)
        self._close_pipes()
        self._result = self._make_result()
        self._cleanup_socket_dir()
        return self._result

    def _close_pipes(self):
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def _cleanup_socket_dir(self):
        if self._own_sock_dir:
            shutil.rmtree(os.path.dirname(self.gdb_socket), ignore_errors=True)

    def _read_file(self, path):
        try:
            with open(path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def _make_result(self):
        status = None if self._stopped else self.proc.returncode
        return BootResult(
            output=self.output, status=status, timed_out=self.timed_out,
            stopped=self._stopped, elapsed=self.ended_at - self.started_at,
            triple_fault="Triple fault" in self._read_file(self.debug_log),
            stderr=self._read_file(self.stderr_path), command=self.command,
            stop_reason=self.stop_reason)

    def result(self):
        """The BootResult; stops QEMU first if it is still running."""
        return self.stop()

    # -- console output --------------------------------------------------

    @property
    def output(self):
        """All console text so far (LF line endings)."""
        with self.console.cond:
            return self.console.text

    def _deadline_for(self, timeout):
        if timeout is None:
            return self.deadline
        return min(self.deadline, time.monotonic() + self.config.scaled(timeout))

    @property
    def complete_output(self):
        """The console text up to the end of its last complete line."""
        with self.console.cond:
            text = self.console.text
            return text[:complete_end(text, self.console.eof)]

    def _search(self, patterns):
        """The earliest match of any pattern after the cursor; a (pattern,
        partial) pair with partial False sees complete lines only."""
        text = self.console.text
        end = complete_end(text, self.console.eof)
        if text[end - 1:end] == "\n":
            end -= 1    # the text stops where the line does: '$' meets it
        found = []
        for index, (pattern, partial) in enumerate(patterns):
            if not partial and end <= 0:
                continue    # no complete line yet
            m = pattern.search(text, self._pos, len(text) if partial else end)
            if m:
                found.append((m.start(), index, m))
        return min(found, key=lambda f: f[:2])[1:] if found else None

    def wait_any(self, regexes, timeout=None):
        """Wait until one of regexes matches the start of a complete console
        line that appeared since the last match (a Prompt may also match the
        line still arriving); return (index, match).  Raises CheckFailure on
        timeout or if QEMU exits first."""
        patterns = [(_line_start(r), isinstance(r, Prompt)) for r in regexes]
        deadline = self._deadline_for(timeout)
        finished = False
        with self.console.cond:
            while True:
                found = self._search(patterns)   # once more after finishing
                if found:
                    self._pos = found[1].end()
                    return found
                if finished:
                    break
                finished = self._wait_step(deadline)
        self._fail_wait(regexes, deadline)

    def _wait_step(self, deadline):
        """Wait a little for more output; True when waiting should end."""
        if procs.aborting():
            raise procs.Aborted("grader interrupted")
        if self.console.eof:
            return True
        if not self.running() and self._exited_long_ago():
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return True
        self.console.cond.wait(min(remaining, POLL_SECONDS))
        return False

    def _exited_long_ago(self):
        """QEMU exited but a child keeps the console open: stop draining."""
        if self._exit_seen is None:
            self._exit_seen = time.monotonic()
        return time.monotonic() - self._exit_seen > DRAIN_SECONDS

    def _fail_wait(self, regexes, deadline):
        wanted = " or ".join(quoted(_regex_of(r)) for r in regexes)
        if self.console.eof:   # the console closed: QEMU is exiting
            self._await_exit(DRAIN_SECONDS)
        if self.running():
            self.timed_out = True
            self.stop_reason = "waiting for %s" % wanted
            why = "timed out after %.1f s waiting for %s" % (
                time.monotonic() - self.started_at, wanted)
        else:
            result = self.stop()
            why = "MISSING %s: %s first" % (wanted, result.ending())
        raise CheckFailure(why + "\n" + tail(self.output))

    def _await_exit(self, seconds):
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass

    def wait_for(self, regex, timeout=None):
        """Wait for regex at the start of a new complete console line (or a
        Prompt); return the match object (see wait_any)."""
        return self.wait_any([regex], timeout)[1]

    def wait_prompt(self, prompt=SHELL_PROMPT, timeout=None):
        """Wait for a prompt: regex at the start of a new console line, which
        may still be incomplete; return the match object."""
        return self.wait_any([Prompt(prompt)], timeout)[1]

    def wait_exit(self, timeout=None):
        """Wait for QEMU to exit by itself; return its BootResult.  On
        timeout QEMU is killed and the result says timed_out."""
        deadline = self._deadline_for(timeout)
        while self.running() and time.monotonic() < deadline:
            if procs.sleep_unless_aborting(POLL_SECONDS):
                raise procs.Aborted("grader interrupted")
        if self.running():
            self.timed_out = True
            return self.stop("waiting for QEMU to exit")
        return self.stop()

    # -- QEMU's monitor: guest memory to a file ---------------------------

    def monitor(self, command, timeout=10):
        """Run one command in QEMU's human monitor and return its output."""
        deadline = time.monotonic() + self.config.scaled(timeout)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(self.config.scaled(timeout))
            sock.connect(self.monitor_socket)
            _read_until_prompt(sock, deadline)
            sock.sendall(command.encode() + b"\n")
            return _read_until_prompt(sock, deadline)

    def data_module(self, name):
        """(physical address, size) of the boot module whose path contains
        name, from the kernel's "boot module N: ... at 0x..., N bytes" line."""
        found = find_data_module(self.complete_output, name)
        if found is None:
            raise CheckFailure("no boot module line for %r in the console "
                               "output" % name)
        return found

    def save_data_module(self, name, path):
        """Write the guest's current copy of boot module name (e.g. the root
        image the memory driver serves, with every write made to it) to
        path, through the monitor's pmemsave."""
        addr, size = self.data_module(name)
        self.monitor('pmemsave 0x%x %d "%s"' % (addr, size, path))
        deadline = time.monotonic() + self.config.scaled(10)
        while time.monotonic() < deadline:
            if os.path.isfile(path) and os.path.getsize(path) == size:
                return path
            time.sleep(POLL_SECONDS)
        raise CheckFailure("pmemsave of %s did not write %d bytes to %s"
                           % (name, size, path))

    # -- console input ---------------------------------------------------

    def send(self, text):
        """Type text into the serial console."""
        try:
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise CheckFailure("cannot type %r: QEMU is no longer running\n%s"
                               % (text, tail(self.output)))

    def send_line(self, text, end=LINE_END):
        """Type text followed by Enter."""
        self.send(text + end)

    def shell(self, commands, prompt=SHELL_PROMPT, stop=None):
        """Shell-script mode: each time the prompt appears type the next
        command; return after the prompt comes back after the last one.
        If `stop` (a complete line) matches first, return early.  Returns
        True if the script ran to the end."""
        regexes = [Prompt(prompt)] + ([stop] if stop else [])
        for command in list(commands) + [None]:
            index, _ = self.wait_any(regexes)
            if index == 1:
                return False
            if command is not None:
                self.send_line(command)
        return True
