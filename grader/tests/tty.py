# Tests of the tty driver and the log driver (drivers/tty, drivers/log; handouts/tty.md),
# with input typed on the serial line.
#
# One boot carries VM, RS, DS, PM, the tty driver (sf=synch; RS grants it the IRQs, ports and
# memory of its system.conf entry) and two test processes:
#   - commands/tests/tty_test.c booted as "vfs" (a copy in build/commands/tests/vfs/; the
#     kernel gives the VFS slot to the module of that name): it plays VFS to the console,
#     minor 0, and prints "READY <case>" whenever it waits for input; the grader then types
#     that case's bytes (TYPED below) on the serial port;
#   - tty_test again, as a user process with the argument "sig": its children make their
#     own process groups, which the VFS role makes the foreground group (TIOCSPGRP) before
#     the grader types ^C or ^\; waitpid must see SIGINT / SIGQUIT.
# Another boot carries the log driver and commands/tests/log_test.c (CDEV_* on /dev/log; the
# driver's argument callers=log_test lets the program, which is not VFS, use the protocol):
# its console lines would otherwise mix with the echo of typed text.

import re

from grader.core import test
from grader.tests.common import SYSCONF, VM, RS, PM, TTY, LOG, boot_until, done_line, passes

DS = "build/servers/ds/ds priv=sys sf=synch"
TTY_VFS = "build/commands/tests/tty_vfs/vfs priv=sys"
TTY_SIG = "build/commands/tests/tty_test priv=user sig"
LOG_TEST = "build/commands/tests/log_test priv=sys"

# What to type when the VFS role prints "READY <case>" (CR is the serial line's Enter).
TYPED = [
    ("tty_canon_erase", "abc\bd\r"),            # ^H erases the c
    ("tty_canon_kill", "xyz\x15ab\x7fc\r"),     # ^U kills the line, DEL erases the b
    ("tty_canon_eof", "\x04"),                  # ^D at the start of a line: end of file
    ("tty_canon_eof_mid", "hi\x04"),            # ^D in the middle: the line so far
    ("tty_canon_short", "longline\r"),          # read in two pieces
    ("tty_select_notify", "s\r"),
    ("tty_raw_byte", "q"),
    ("tty_raw_vmin3", "xyz"),
    ("tty_intr_nopgrp", "xyz\x03ok\r"),         # ^C without a group: the line is dropped
    ("tty_intr", "junk\x03"),                   # ^C: SIGINT to the group
    ("tty_quit", "more\x1c"),                   # ^\: SIGQUIT
    ("tty_after_signals", "clean\r"),
]


def _ready(name):
    # the echo of typed text may still be on the line (no newline after "hi^D")
    return r".*READY %s$" % re.escape(name)


def _await(q, regex, timeout):
    """Wait for a line matching regex, unless one is there already (each line this
    test waits for appears once, and maybe before one it waited for first)."""
    if not re.search("^(?:%s)" % regex, q.complete_output, re.M):
        q.wait_for(regex, timeout=timeout)


@test(0, "boot the tty driver with a test playing VFS; type on the serial line",
      timeout=120)
def tty_boot(t):
    q = t.launch(modules=[VM, RS, DS, PM, TTY + " sf=synch", TTY_VFS, TTY_SIG, SYSCONF],
                 timeout=110)
    for name, text in TYPED:
        _await(q, _ready(name), 60)
        q.send(text)
    for program in ("tty_test", "tty_sig"):
        _await(q, done_line(program), 60)
    return q.stop()


@test(5, "RS grants the tty driver its IRQs, ports and VGA memory; it announces itself",
      parent=tty_boot)
def tty_announce(t):
    out = t.parent_boot
    t.match(out, no=[r"^rs: tty: .* not granted", r"^tty: no "])
    passes(t, out, "tty_label", "tty_ds_up", "tty_read_unopened", "tty_open_console",
           "tty_open_tty00_enxio", "tty_open_bad_minor")


@test(5, "writes reach the serial line (ONLCR), in chunks, and the VGA screen",
      parent=tty_boot)
def tty_write(t):
    out = t.parent_boot
    t.match(out, r"^tty_test: written through the tty$", r"^tty_test: long L{584}$")
    passes(t, out, "tty_write_marker", "tty_write_long", "tty_write_empty", "tty_vga_screen")


@test(5, "ioctls: TCGETS defaults, TIOCGWINSZ, TIOCGPGRP, ENOTTY, EINVAL; EAGAIN; select",
      parent=tty_boot)
def tty_ioctl(t):
    passes(t, t.parent_boot, "tty_tcgets_defaults", "tty_winsize", "tty_ioctl_enotty",
           "tty_pgrp_none", "tty_setpgrp_einval", "tty_tcgets_bad_grant",
           "tty_read_nonblock_eagain", "tty_select_idle")


@test(10, "canonical input: erase (^H, DEL), kill (^U), ^D, echo, a line in two reads",
      parent=tty_boot)
def tty_canonical(t):
    out = t.parent_boot
    passes(t, out, "tty_canon_erase", "tty_canon_kill", "tty_canon_eof",
           "tty_canon_eof_mid", "tty_canon_short", "tty_canon_rest")
    t.match(out, r"^abc\x08 \x08d$", r"^xyz(\x08 \x08){3}ab\x08 \x08c$", r"^hi$",
            r"^longline$")


@test(5, "a suspended read: select with a later CDEV_SEL2_REPLY, EIO, CANCEL gives EINTR",
      parent=tty_boot)
def tty_suspend(t):
    passes(t, t.parent_boot, "tty_select_notify_none", "tty_select_notify",
           "tty_select_ready", "tty_select_read", "tty_second_read_eio", "tty_cancel_eintr")


@test(10, "raw mode after TCSETS: TCGETS round trip, VMIN 1 and 3 without echo, VMIN 0, VTIME",
      parent=tty_boot)
def tty_raw(t):
    out = t.parent_boot
    passes(t, out, "tty_tcsets_raw", "tty_tcgets_roundtrip", "tty_raw_byte", "tty_raw_vmin3",
           "tty_raw_vmin0_empty", "tty_raw_vtime_timeout", "tty_tcsetsf_restore")
    t.match(out, no=[r"^q$", r"^xyz$"])


@test(10, "^C and ^\\ signal the foreground process group through PM; without one ^C "
      "drops the line", parent=tty_boot)
def tty_signals(t):
    out = t.parent_boot
    passes(t, out, "tty_intr_nopgrp", "tty_intr_setpgrp", "tty_intr_getpgrp",
           "tty_quit_setpgrp", "tty_quit_getpgrp", "tty_sig_sigint", "tty_sig_sigquit",
           "tty_after_signals", "tty_close")
    t.match(out, r"^xyz\^C$", r"^ok$", r"^junk\^C$", r"^more\^\\$", r"^clean$",
            r"^DONE tty_test \d+ passed, 0 failed", r"^DONE tty_sig \d+ passed, 0 failed")


@test(0, "boot the log driver with a test playing VFS", timeout=60)
def log_boot(t):
    return boot_until(t, [VM, RS, DS, LOG + " sf=synch callers=log_test", LOG_TEST, SYSCONF],
                      [done_line("log_test")], timeout=50)


@test(10, "/dev/log: write (printed on the console), read back, a read waits for a write, "
      "cancel, select, a full ring", parent=log_boot)
def log_driver(t):
    out = t.parent_boot
    t.match(out, r"^log_test: hello through /dev/log$")
    passes(t, out, "log_label", "log_ds_up", "log_open", "log_open_bad_minor",
           "log_read_empty_eagain", "log_select_empty", "log_write", "log_select_ready",
           "log_read_back", "log_read_consumed", "log_ioctl_enotty", "log_write_wakes",
           "log_read_suspended", "log_second_read_eio", "log_cancel_eintr",
           "log_select_notify_none", "log_select_notify", "log_read_third", "log_write_big",
           "log_overflow_keeps_newest", "log_close")
    t.match(out, r"^DONE log_test \d+ passed, 0 failed")
