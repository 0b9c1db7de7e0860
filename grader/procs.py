# Child-process bookkeeping for the grader.
#
# Every external program the grader starts (QEMU, gdb, make) runs in its own
# session, so it and anything it forks share one process group that can be
# signalled as a whole.  This module keeps a registry of those groups and
# guarantees they are gone when a test ends, when the grader raises, exits, or
# receives SIGINT/SIGTERM: stop() sends SIGTERM to the group, waits a grace
# period, then sends SIGKILL to the group.

import atexit
import os
import signal
import subprocess
import threading

GRACE_SECONDS = 2.0

_lock = threading.RLock()
_live = set()          # Popen objects whose process group may still exist
_aborting = threading.Event()
_signal_received = []  # signal numbers received, in order


class Aborted(Exception):
    """Raised when a process would start after the grader was interrupted."""


def aborting():
    """True once the grader received SIGINT/SIGTERM."""
    return _aborting.is_set()


def signal_received():
    """The first signal number the grader received, or None."""
    return _signal_received[0] if _signal_received else None


def spawn(argv, **kwargs):
    """Start argv in a new session and register its process group.

    Raises Aborted (after killing the new process) if the grader is being
    interrupted, so nothing can start behind the signal handler's back.
    """
    if aborting():
        raise Aborted("grader interrupted")
    proc = subprocess.Popen(argv, start_new_session=True, **kwargs)
    with _lock:
        _live.add(proc)
    if aborting():
        stop(proc)
        raise Aborted("grader interrupted")
    return proc


def _signal_group(proc, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop(proc, grace=GRACE_SECONDS):
    """Terminate proc's whole process group: SIGTERM, wait, then SIGKILL.

    The SIGKILL is always sent to the group (it is harmless if the group is
    already empty) so that children that ignore SIGTERM, or outlive their
    parent, are reaped too.  Returns the leader's exit status.
    """
    if proc.poll() is None:
        _signal_group(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    _signal_group(proc, signal.SIGKILL)
    status = proc.wait()
    forget(proc)
    return status


def forget(proc):
    """Drop proc from the registry once its group is known to be gone."""
    with _lock:
        _live.discard(proc)


def reap_group(proc):
    """After the leader exited by itself, kill any stragglers in its group."""
    _signal_group(proc, signal.SIGKILL)
    proc.wait()
    forget(proc)


def kill_all():
    """SIGKILL every registered process group immediately."""
    with _lock:
        procs = list(_live)
    for proc in procs:
        _signal_group(proc, signal.SIGKILL)
    for proc in procs:
        try:
            proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        forget(proc)


def _on_signal(signum, frame):
    first = not _aborting.is_set()
    _signal_received.append(signum)
    _aborting.set()
    kill_all()
    if not first:  # second signal: leave at once
        os._exit(128 + signum)


def install_handlers():
    """Make SIGINT/SIGTERM/SIGHUP kill all children and abort the run."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    atexit.register(kill_all)


def sleep_unless_aborting(seconds):
    """Sleep, returning early (True) if the grader is interrupted."""
    return _aborting.wait(seconds)


def reset_for_tests():
    """Forget an earlier interruption (for the grader's own unit tests)."""
    _aborting.clear()
    del _signal_received[:]
