# Tests of the userland on the whole system: init, the shell and the commands
# (handouts/shell.md).  Each boot uses the build's own module list (build/boot/modules.txt:
# every server and driver, the root image and init), waits for the root shell's "# " and types
# commands at it.

from grader.core import test

SCRIPT = [
    "echo hello 'a  b'",
    "ls /bin | grep -c sh",
    "echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f | wc -l",
    "ls /nope 2>&1; echo status=$?",
    "false && echo no || echo yes",
    "nope; echo status=$?",
    "/test/badelf; echo status=$?",
    "/test/segv; echo status=$?",
    "/test/forkstress 20",
    "/test/cowtest",
    "/test/e2big",
    "/test/efault",
    "sleep 30 &",
    "kill -9 $!; sleep 1",
    "cd /tmp; mkdir -p d/e; touch d/x; ls d; rm -r d; ls -a /tmp | wc -l",
    "ps | grep -c init",
    "mount",
    "exit 3",
    "echo after restart",
]


@test(0, "boot to the root shell and run a script of commands", timeout=180)
def shell_boot(t):
    return t.boot(script=SCRIPT, timeout=180)


@test(3, "init runs /etc/rc, then a root shell", parent=shell_boot)
def shell_init(t):
    t.match(t.parent_boot, r"^Minnow: /etc/rc done$", r"^# ", no=[r"^panic", r"^init: "
                                                                      r"(?!shell exited)"])


@test(3, "pipes and redirections", parent=shell_boot)
def shell_pipes(t):
    t.match(t.parent_boot, r"^hello a  b$", r"^1$", r"^\s+2$",
            r"^ls: /nope: No such file or directory$", r"^status=1$", r"^yes$")


@test(3, "command not found, exec format error, death by a signal", parent=shell_boot)
def shell_errors(t):
    t.match(t.parent_boot, r"^sh: nope: not found$", r"^status=127$",
            r"^sh: /test/badelf: Exec format error$", r"^status=126$",
            r"^Segmentation fault \(SIGSEGV, signal 11\)$", r"^status=139$")


@test(3, "fork and exec under load, copy-on-write, E2BIG, EFAULT", parent=shell_boot)
def shell_stress(t):
    t.match(t.parent_boot, r"^forkstress: 20 children ran /bin/true and were reaped$",
            r"^cowtest: ok$", r"^e2big: .*E2BIG as expected", r"^efault: .*EFAULT as expected")


@test(3, "background jobs, kill, files and directories, ps, mount", parent=shell_boot)
def shell_jobs(t):
    t.match(t.parent_boot, r"^\[1\] \d+$", r"^\[1\] Killed \(SIGKILL, signal 9\)  sleep 30$",
            r"^e\s*$", r"^x\s*$", r"^/dev/imgrd on / type mfs \(rw\)$")


@test(2, "exit restarts the shell", parent=shell_boot)
def shell_restart(t):
    t.match(t.parent_boot, r"^init: shell exited, restarting$", r"^after restart$")
