# Core files (handouts/pm.md, "Core files"), typed into the root shell in one boot: no core
# by default (RLIMIT_CORE 0), then `ulimit -c unlimited`, a SIGSEGV with "(core dumped)"
# and status 139, and /test/coretest reading the ELF core back (the signal, the pid, the
# program's name, EIP in the crashing function, a marker word from the data segment); a
# limit of one block cuts the core after its headers; ulimit's errors, and a user who
# lowered the hard limit may not raise it again (EPERM).  Last, a boot on a copy of the disk
# leaves a core in /home, and gdb on the host reads it (core_gdb).

import os
import shlex
import shutil
import subprocess
import sys

from grader.core import test
from grader.gdb import gdb_missing
from grader.tests.shell import PROMPT, output_of, session

NO_CORE = "cd /tmp; /test/coretest crash; echo status=$?; ls core; ulimit -c"
CORE = ("ulimit -c unlimited; ulimit -c; /test/coretest crash; echo status=$?; "
        "/test/coretest check core; echo check=$?")
TINY = ("rm core; ulimit -c 1; /test/coretest crash; echo status=$?; wc -c core; "
        "/test/coretest check core; echo check=$?; rm core; ulimit -c 0")
ERRORS = ("ulimit -c lots; echo status=$?; ulimit -q; echo status=$?; ulimit -a; "
          "/test/asuser 100 /bin/sh -c 'ulimit -c 0; ulimit -c 10; echo status=$?'")
COMMANDS = [NO_CORE, CORE, TINY, ERRORS]


@test(0, "core files from the root shell: none by default, ulimit -c, a core gdb could "
         "read, a limit too small, errors", timeout=120)
def core_session(t):
    q, outputs = session(t, COMMANDS, timeout=120)
    q.stop()
    return outputs


@test(4, "SIGSEGV leaves no core file by default; after ulimit -c unlimited it leaves an "
         "ELF core (the shell says '(core dumped)', status 139) holding the signal, the "
         "pid, the program, EIP in the crashing function and the data", parent=core_session)
def core_dumped(t):
    t.match(output_of(t, NO_CORE), r"^Segmentation fault \(SIGSEGV, signal 11\)$",
            r"^status=139$", r"^ls: core: No such file or directory$", r"^0$",
            no=[r"core dumped"])
    t.match(output_of(t, CORE), r"^unlimited$",
            r"^Segmentation fault \(SIGSEGV, signal 11\) \(core dumped\)$", r"^status=139$",
            r"^coretest: elf core i386, \d+ segments$",
            r"^coretest: signal 11, pid \d+, program coretest$", r"^coretest: eip in crash\(\)$",
            r"^coretest: marker 0x5eed1234$", r"^coretest: check ok$", r"^check=0$")


@test(2, "a core limit of one block (512 bytes) keeps the headers and notes and cuts the "
         "memory; ulimit's bad number and option are errors; a user who lowered the hard "
         "limit cannot raise it (EPERM)", parent=core_session)
def core_limits(t):
    t.match(output_of(t, TINY), r"^Segmentation fault \(SIGSEGV, signal 11\) \(core dumped\)$",
            r"^status=139$", r"^\s*[1-4]\d\d core$",       # at most one block
            r"^coretest: signal 11, pid \d+, program coretest$",
            r"^coretest: check FAILED: no segment holds the marker's address$", r"^check=1$")
    t.match(output_of(t, ERRORS), r"^sh: ulimit: lots: bad number$", r"^status=1$",
            r"^sh: ulimit: usage: ulimit \[-H \| -S\] \[-a \| -c \| -f \| -s \| -u\] "
            r"\[N \| unlimited\]$",
            r"^status=2$", r"^core file size \(blocks, -c\) 0$",
            r"^file size \(blocks, -f\) unlimited$",
            r"^sh: ulimit: -c: Operation not permitted$", r"^status=1$")


@test(3, "gdb on the host reads a core Minnow wrote on /home: the crashing function, the "
         "signal and a global of the program", timeout=120)
def core_gdb(t):
    if gdb_missing(t.config):
        t.skip(gdb_missing(t.config))
    disk = os.path.join(t.tmpdir, "home.img")
    shutil.copyfile(t.config.path("build/home.img"), disk)
    q = t.launch(timeout=120, disk=disk, persistent=True)
    q.wait_prompt(PROMPT)
    q.send_line("cd /home; ulimit -c unlimited; /test/coretest crash; sync")
    q.wait_prompt(PROMPT, timeout=60)
    q.send_line("poweroff")
    q.wait_exit(timeout=60)
    part, core = os.path.join(t.tmpdir, "part.img"), os.path.join(t.tmpdir, "core")
    for argv in ([sys.executable, t.config.path("tools/mkdisk.py"), "--extract", "-o", part,
                  disk],
                 [sys.executable, t.config.path("tools/mfs/mfsread.py"), part, "extract",
                  "/core", core]):
        run = subprocess.run(argv, capture_output=True, text=True)
        if run.returncode != 0:
            t.fail("%s failed: %s" % (" ".join(argv), run.stdout + run.stderr))
    out = subprocess.run(shlex.split(t.config.gdb) + [
        "-batch", "-nx", "-ex", "bt 1", "-ex", "p/x marker",
        t.config.path("build/commands/testprogs/coretest"), core],
        capture_output=True, text=True, timeout=60).stdout
    t.log(out)
    t.match(out, r"^Program terminated with signal SIGSEGV", r"^#0 .*crash \(\)",
            r"^\$1 = 0x5eed1234$")
