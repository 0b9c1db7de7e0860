# Shared helpers for the grader's selftests: a Config that boots the fake
# QEMU inside a temporary "repository", and checks on whether a process is
# still alive (zombies count as dead).

import os
import sys
import tempfile
import time

from grader.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE_QEMU = os.path.join(HERE, "fake_qemu.py")
FIXTURES = os.path.join(HERE, "fixtures")
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))


def fake_qemu_command():
    return "%s %s" % (sys.executable, FAKE_QEMU)


def fake_config(root, **overrides):
    """A Config whose QEMU is the fake and whose kernel is any existing
    file, with logs under root/build/grade."""
    config = Config(root=root, qemu=fake_qemu_command(), kernel=FAKE_QEMU,
                    modules_list="build/boot/modules.txt",
                    grade_dir="build/grade", timeout_scale=1.0,
                    deterministic=False)
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


def temp_root(testcase):
    """A temporary directory removed when the test case ends."""
    tmp = tempfile.TemporaryDirectory(prefix="grader-selftest-")
    testcase.addCleanup(tmp.cleanup)
    return tmp.name


def alive(pid):
    """True if pid exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def read_pids(path, count, timeout=10.0):
    """Wait until path lists at least `count` pids; return them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path) as f:
                pids = [int(x) for x in f.read().split()]
        except FileNotFoundError:
            pids = []
        if len(pids) >= count:
            return pids
        time.sleep(0.05)
    raise AssertionError("only %d of %d pids appeared in %s"
                         % (len(pids), count, path))


def wait_dead(pids, timeout=5.0):
    """Wait for every pid to die; return those still alive."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        living = [p for p in pids if alive(p)]
        if not living:
            return []
        time.sleep(0.05)
    return [p for p in pids if alive(p)]
