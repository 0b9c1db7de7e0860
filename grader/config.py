# Settings shared by every part of the grader: where the build puts the
# kernel and its boot-module list, which QEMU and gdb to run, the timeout
# scale and the deterministic switch.  Defaults follow the build's contract;
# each can be overridden by an environment variable (and most by a command
# line option in __main__.py).

import os
import shutil
from dataclasses import dataclass, field


def _env_float(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise SystemExit("grader: %s=%r is not a number" % (name, value))


def _env_flag(name):
    return os.environ.get(name, "").strip().lower() in ("1", "yes", "true", "on")


def _default_gdb():
    gdb = os.environ.get("MINNOW_GDB")
    if gdb:
        return gdb
    if shutil.which("gdb") is None and shutil.which("gdb-multiarch"):
        return "gdb-multiarch"
    return "gdb"


@dataclass
class Config:
    """Everything a test run needs to know about its environment."""

    root: str = field(default_factory=os.getcwd)
    kernel: str = field(default_factory=lambda: os.environ.get(
        "MINNOW_KERNEL", "build/kernel/kernel.elf"))
    modules_list: str = field(default_factory=lambda: os.environ.get(
        "MINNOW_MODULES", "build/boot/modules.txt"))
    grade_dir: str = field(default_factory=lambda: os.environ.get(
        "MINNOW_GRADE_DIR", "build/grade"))
    # The disk every boot gets as its primary IDE master (if the file exists; "" for none):
    # read-only through -snapshot unless a test boots a copy of it persistently.
    disk: str = field(default_factory=lambda: os.environ.get(
        "MINNOW_DISK", "build/home.img"))
    qemu: str = field(default_factory=lambda: os.environ.get(
        "MINNOW_QEMU", "qemu-system-i386"))    # split like a shell would
    gdb: str = field(default_factory=_default_gdb)
    memory_mb: int = 128
    timeout_scale: float = field(default_factory=lambda: _env_float(
        "MINNOW_TIMEOUT_SCALE", 1.0))
    deterministic: bool = field(default_factory=lambda: _env_flag(
        "MINNOW_DETERMINISTIC"))
    verbose: bool = False
    echo_console: bool = False  # copy console output to stdout live

    def path(self, relative):
        """An absolute path for a repository-relative one."""
        return os.path.normpath(os.path.join(self.root, relative))

    def scaled(self, seconds):
        """A timeout multiplied by the timeout scale."""
        return seconds * self.timeout_scale

    def log_path(self, test_name):
        return os.path.join(self.path(self.grade_dir), test_name + ".log")

    def tmp_root(self):
        return os.path.join(self.path(self.grade_dir), "tmp")
