# Helpers shared by the test modules that boot in-guest test programs (no tests here).
#
# The in-guest programs (commands/tests/) print "PASS <case>" / "FAIL <case>: <why>" per
# case and "DONE <program> N passed, M failed" at the end; these helpers boot them and wait
# for those lines.  Module strings: the ELF's path, then the words the kernel reads in a
# boot without RS (priv=sys|user, ipc=), the words RS reads (label=, sf=synch), type=data,
# and the program's own arguments.  A boot with RS carries SYSCONF (last: the memory driver
# serves the first data module): RS gives a module system privileges if its label has an
# entry there (etc/system.conf plus commands/tests/system.conf), user privileges otherwise,
# and ignores priv=.

VM = "build/servers/vm/vm priv=sys"
RS = "build/servers/rs/rs"
PM = "build/servers/pm/pm priv=sys"
MFS = "build/servers/mfs/mfs priv=sys sf=synch"
PFS = "build/servers/pfs/pfs priv=sys sf=synch"
TTY = "build/drivers/tty/tty priv=sys"
LOG = "build/drivers/log/log priv=sys"

# init: the first user process (slot INIT_PROC_NR, pid 1, user privileges): opens
# /dev/console as fds 0-2, runs /bin/sh /etc/rc, then a root shell "/bin/sh -i" for ever.
INIT = "build/commands/init/init"
SYSCONF = "build/tests/system.conf type=data"
T = "build/commands/tests/"


def done_line(program):
    """The DONE line of a test program, to its end (waits see complete lines only)."""
    return r"^DONE %s \d+ passed, \d+ failed$" % program


def boot_until(t, modules, done, cmdline="", timeout=None):
    """Boot with modules and wait until every regex in done has appeared (any order) on a
    complete line.  timeout: the test's declared one unless a value is given."""
    q = t.launch(cmdline=cmdline, modules=modules, timeout=timeout)
    left = list(done)
    while left:
        index, _ = q.wait_any(left)
        left.pop(index)
    return q.stop()


def passes(t, out, *cases):
    """Every named case passed and no FAIL or panic line appeared."""
    t.match(out, *[r"^PASS %s\b" % c for c in cases], no=[r"^FAIL ", r"^panic"])


# VFS (sf=synch: RS starts it, after DS, the memory driver and the file servers listed
# before it in a boot, and waits for its init).
VFS = "build/servers/vfs/vfs priv=sys sf=synch"
MEMORY = "build/drivers/memory/memory priv=sys sf=synch"
ROOTFS = "build/rootfs.img type=data"
DS = "build/servers/ds/ds priv=sys"
