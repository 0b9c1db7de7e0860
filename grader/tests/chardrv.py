# Tests of a character driver whose reads wait, restarted under a waiting read
# (handouts/drivers.md, "A driver whose reads wait"; handouts/vfs.md, "Driver restarts").
# One boot of the build's own module list, typed into the root shell: /service/waitdev
# (drivers/waitdev) is started by the test itself, then /test/waittest
# (commands/testprogs/waittest.c) runs each part:
#   basic     write then read; a read that waits until a write; O_NONBLOCK; a waiting read
#             whose process is killed (CDEV_CANCEL); bad buffers (EFAULT, driver unharmed)
#   kill      root's kill -9 of waitdev while a child's read waits in it: the read ends
#             with EIO (not a hang), a fresh open works, the old descriptor is EIO
#   refresh   the same with `service refresh waitdev`
#   down      `service down waitdev` under a waiting read: EIO; then open is ENXIO
# and `cat /dev/waitdev` after the down must say ENXIO ("Device not configured").

from grader.core import test
from grader.tests.shell import output_of, session_outputs

UP = "service up /service/waitdev -dev /dev/waitdev; echo status=$?"
BASIC_CASES = ("open", "echo", "nonblock", "wait_pending", "wait", "cancel_pending", "cancel",
               "cancel_next", "signal_pending", "signal", "signal_cancelled", "efault_read",
               "efault_kept", "efault_write", "efault_wait", "efault_wait_kept", "alive")
RESTART_CASES = ("open", "pending", "woken", "new_open", "new_io", "stale_read",
                 "stale_write", "stale_close")
DOWN_CASES = ("open", "pending", "down", "woken", "enxio")
COMMANDS = [UP] + ["/test/waittest %s; echo status=$?" % p
                   for p in ("basic", "kill", "refresh", "down")] + \
           ["cat /dev/waitdev; echo status=$?"]


@test(0, "start /service/waitdev and run /test/waittest basic, kill, refresh and down",
      timeout=150)
def chardrv_session(t):
    return session_outputs(t, COMMANDS, timeout=150)


def waittest_ok(t, part, cases):
    """waittest PART printed "ok" for every one of cases and ended with status 0."""
    t.match(output_of(t, "/test/waittest %s; echo status=$?" % part),
            *[r"^waittest: %s ok$" % c for c in cases],
            r"^waittest: %d ok, 0 failed$" % len(cases), r"^status=0$", no=[r"FAILED"])


@test(4, "/dev/waitdev: write then read, a read that waits for a write, O_NONBLOCK, a "
         "waiting reader killed (cancel), one interrupted by a caught signal (EINTR), bad "
         "buffers EFAULT with the driver unharmed",
      parent=chardrv_session)
def chardrv_basic(t):
    t.match(output_of(t, UP), r"^service waitdev up: endpoint \d+, pid \d+$", r"^status=0$")
    waittest_ok(t, "basic", BASIC_CASES)


@test(5, "kill -9 of waitdev under a waiting read: the read ends with EIO, a fresh open "
         "works, the old descriptor is EIO", parent=chardrv_session)
def chardrv_kill(t):
    waittest_ok(t, "kill", ("kill",) + RESTART_CASES)


@test(3, "service refresh waitdev under a waiting read: the read ends with EIO, a fresh "
         "open works, the old descriptor is EIO", parent=chardrv_session)
def chardrv_refresh(t):
    waittest_ok(t, "refresh", ("refresh",) + RESTART_CASES)


@test(3, "service down waitdev under a waiting read: the read ends with EIO; then opening "
         "/dev/waitdev is ENXIO", parent=chardrv_session)
def chardrv_down(t):
    waittest_ok(t, "down", DOWN_CASES)
    t.match(output_of(t, "cat /dev/waitdev; echo status=$?"),
            r"^cat: /dev/waitdev: Device not configured$", r"^status=1$")
