#!/usr/bin/env python3
# A stand-in for qemu-system-i386 used by the grader's own tests, so they
# never boot the real kernel.  It accepts QEMU's command line, prints lines
# that look like the kernel's console, and behaves according to `fake=MODE`
# in the -append string:
#
#   fake=ok          print the banner, modules and "boot: done"; exit 33 if
#                    poweroff=1 is also given, else idle
#   fake=panic       print a panic and exit 65
#   fake=hang        print the banner and sleep forever
#   fake=stubborn    like hang, but ignore SIGTERM (needs SIGKILL)
#   fake=child       like hang, plus a child process that ignores SIGTERM
#   fake=shell       a tiny shell on the console: prompt "# ", echo commands,
#                    "exit" powers off
#   fake=reset       exit 0 after logging a triple fault (like -no-reboot)
#   fake=crlf        like ok, with CR LF line endings
#   fake=qemuerror   print an error on stderr and exit 1
#   fake=slowline    print "value=1", pause, then "30" and the newline (a line
#                    a wait sees while it is still arriving), "# " and pause,
#                    then a line "last" with no newline and exit 33
#
# If FAKE_QEMU_PIDFILE is set, every process it starts appends its pid there.

import os
import signal
import subprocess
import sys
import time


def option(argv, name, default=""):
    return argv[argv.index(name) + 1] if name in argv else default


def record_pid():
    path = os.environ.get("FAKE_QEMU_PIDFILE")
    if path:
        with open(path, "a") as f:
            f.write("%d\n" % os.getpid())


def say(text, end="\n"):
    sys.stdout.write(text + end)
    sys.stdout.flush()


def boot_lines(argv, end="\n"):
    cmdline = option(argv, "-append")
    say("Minnow kernel 0.1 (i386)", end)
    say("cmdline: %s %s" % (option(argv, "-kernel"), cmdline), end)
    modules = [m for m in option(argv, "-initrd").split(",") if m]
    for i, module in enumerate(modules):
        size = os.path.getsize(module.split()[0])
        say("boot module %d: %s at 0x%08x, %d bytes"
            % (i, module, 0x200000 + i * 0x10000, size), end)
    say("boot modules: %d" % len(modules), end)
    say("boot: done", end)


def sleep_forever():
    while True:
        time.sleep(60)


def spawn_stubborn_child():
    code = ("import signal, time, os\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "p = os.environ.get('FAKE_QEMU_PIDFILE')\n"
            "open(p, 'a').write('%d\\n' % os.getpid()) if p else None\n"
            "while True: time.sleep(60)\n")
    subprocess.Popen([sys.executable, "-c", code])


def shell():
    say("# ", end="")
    for line in sys.stdin:
        command = line.strip()
        say(command)  # echo, as a terminal would
        if command == "exit":
            sys.exit(33)
        say("you typed: " + command)
        say("# ", end="")
    sleep_forever()


def slow_line():
    say("value=1", end="")
    time.sleep(0.5)
    say("30")
    say("# ", end="")
    time.sleep(0.5)
    say("\nlast", end="")
    sys.exit(33)


def main(argv):
    record_pid()
    cmdline = option(argv, "-append").split()
    mode = next((w[5:] for w in cmdline if w.startswith("fake=")), "ok")
    if mode == "qemuerror":
        sys.stderr.write("qemu-system-i386: could not load kernel\n")
        sys.exit(1)
    if mode == "stubborn":   # before any output, so the test cannot race it
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    boot_lines(argv, "\r\n" if mode == "crlf" else "\n")
    if mode in ("ok", "crlf"):
        if "poweroff=1" in cmdline:
            sys.exit(33)
        sleep_forever()
    if mode == "panic":
        say("panic in kmain: fake panic")
        sys.exit(65)
    if mode == "reset":
        with open(option(argv, "-D"), "w") as f:
            f.write("CPU Reset (CPU 0)\nTriple fault\n")
        sys.exit(0)
    if mode == "child":
        spawn_stubborn_child()
    if mode == "shell":
        shell()
    if mode == "slowline":
        slow_line()
    sleep_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
