# Tests of the whole system through its root shell: init, sh, the commands, and the
# servers under them (handouts/shell.md).  Each parent boots the build's own module list
# (build/boot/modules.txt: every server and driver, the root image and init), waits for the
# root shell's "# " and types commands at it, one at a time, each after the prompt is back.
#
# Parents: shell_boot (a general script), shell_files (files and directories, then the
# guest's image is saved and checked with fsck.mfs and read back with mfsread.py),
# shell_procs (fork/exec stress with VM's free pages back at the baseline, copy-on-write,
# running out of memory), shell_signals (SIGSEGV on NULL and on text, ^C on a foreground
# sleep), shell_errnos (/test/errnos: every errno case from one process), shell_sysinfo
# (sysinfo: the kernel's, RS's and DS's tables; /test/tables: their requests' errors),
# shell_blkdev (/dev/imgrd, a block special, through VFS: cat, /test/blkdev).
#
# Nothing here sleeps for a fixed time: every step waits for the prompt or for a line the
# guest prints once what comes next is safe (a ^C is typed only after the foreground job
# has printed a line of its own, so its SIGINT cannot reach the shell instead).

import os
import re
import subprocess
import sys
import time

from grader.core import test
from grader.match import CheckFailure

PROMPT = r"^# "


def session(t, commands, timeout=180):
    """Boot to the prompt, type each command after the prompt is back, and return the
    Qemu (still running) and a list of (command, output between it and the next prompt)."""
    q = t.launch(timeout=timeout)
    q.wait_prompt(PROMPT)
    outputs = []
    for command in commands:
        start = len(q.output)
        q.send_line(command)
        q.wait_prompt(PROMPT)
        text = q.output[start:]
        if re.search(r"^sh: \S+: not found$", text, re.M):
            raise CheckFailure("the shell could not find a command of %r:\n%s"
                               % (command, text))
        outputs.append((command, text[:text.rfind("# ")]))
    return q, outputs


def session_outputs(t, commands, timeout=180):
    """session(), then stop the boot: the (command, output) list, for a parent's value."""
    q, outputs = session(t, commands, timeout)
    q.stop()
    return outputs


def output_of(t, command):
    """The output the parent's session recorded for command (its echo line stripped)."""
    for c, text in t.parent_value:
        if c == command:
            return text.split("\n", 1)[1] if "\n" in text else ""
    raise CheckFailure("the session never ran %r" % command)


def free_pages(text):
    m = re.search(r"^free\s+(\d+)", text, re.M)
    if not m:
        raise CheckFailure("no 'free' line in:\n%s" % text)
    return int(m.group(1))


# ---- a general script ----------------------------------------------------------------

SCRIPT = [
    "echo hello 'a  b'",
    "echo to-the-tty > /dev/tty",
    "cat /etc/rc | wc -l",
    "ls /bin | grep -c sh",
    "echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f | wc -l",
    "ls /nope 2>&1; echo status=$?",
    "false && echo no || echo yes",
    "nope; echo status=$?",
    "/test/badelf; echo status=$?",
    "sleep 30 &",
    "kill -9 $!",
    "cd /tmp; mkdir -p d/e; touch d/x; ls d; rm -r d; pwd",
    "ps | grep -c init",
    "mount",
    "exit 3",
    "echo after restart",
]


@test(0, "boot to the root shell and run a script of commands", timeout=240)
def shell_boot(t):
    return t.boot(script=SCRIPT, timeout=240)


@test(3, "init runs /etc/rc, then a root shell", parent=shell_boot)
def shell_init(t):
    t.match(t.parent_boot, r"^Minnow: /etc/rc done$", PROMPT,
            no=[r"^panic", r"^init: (?!shell exited)"])


@test(4, "pipelines and redirections (cat /etc/rc | wc -l counts the image's /etc/rc), "
         "/dev/tty",
      parent=shell_boot)
def shell_pipes(t):
    with open(os.path.join(t.config.root, "build/rootfs/etc/rc")) as f:
        lines = f.read().count("\n")
    t.match(t.parent_boot, r"^hello a  b$", r"^to-the-tty$", r"^\s*%d$" % lines, r"^\s+2$",
            r"^ls: /nope: No such file or directory$", r"^status=1$", r"^yes$")


@test(3, "command not found, exec format error", parent=shell_boot)
def shell_errors(t):
    t.match(t.parent_boot, r"^sh: nope: not found$", r"^status=127$",
            r"^sh: /test/badelf: Exec format error$", r"^status=126$")


@test(3, "background jobs, kill, directories, ps, mount", parent=shell_boot)
def shell_jobs(t):
    t.match(t.parent_boot, r"^\[1\] \d+$", r"^\[1\] Killed \(SIGKILL, signal 9\)  sleep 30$",
            r"^e\s*$", r"^x\s*$", r"^/tmp$", r"^/dev/imgrd on / type mfs \(rw\)$")


@test(2, "exit restarts the shell", parent=shell_boot)
def shell_restart(t):
    t.match(t.parent_boot, r"^init: shell exited, restarting$", r"^after restart$")


# ---- files and directories, then fsck of the guest's image ---------------------------

FILES = [
    "mkdir /tmp/work",
    "cd /tmp/work",
    "echo 'first line' > a.txt; echo 'second line' >> a.txt",
    "cat a.txt",
    "cp a.txt b.txt; mv b.txt c.txt; ls",
    "mkdir sub; ln a.txt sub/hard; ls sub; wc -l sub/hard",
    "cat /bin/sh > big; cmp /bin/sh big && echo same",
    "rm a.txt; cat sub/hard",
    "rm sub/hard; rmdir sub; rm big; ls",
    "rmdir /tmp/work 2>&1; echo status=$?",
    "rm c.txt; cd /; rmdir /tmp/work; ls /tmp/work 2>&1",
    "mkdir /tmp/keep; echo 'kept for the host' > /tmp/keep/note",
    "sync",
]


def check_image(t, image):
    """fsck.mfs's verdict on image and what mfsread.py reads from it (run here, while the
    boot's private directory still exists)."""
    root = t.config.root
    fsck = subprocess.run([os.path.join(root, "build/tools/fsck.mfs"), image],
                          capture_output=True, text=True)
    mfsread = [sys.executable, os.path.join(root, "tools/mfs/mfsread.py"), image]
    note = subprocess.run(mfsread + ["cat", "/tmp/keep/note"], capture_output=True, text=True)
    tmp = subprocess.run(mfsread + ["ls", "/tmp"], capture_output=True, text=True)
    t.log("fsck.mfs: %s%s" % (fsck.stdout, fsck.stderr))
    return {"fsck_rc": fsck.returncode, "fsck": fsck.stdout + fsck.stderr,
            "note": note.stdout + note.stderr, "tmp": tmp.stdout + tmp.stderr}


@test(0, "files and directories through the shell, then sync", timeout=240)
def shell_files(t):
    q, outputs = session(t, FILES, timeout=240)
    image = os.path.join(t.tmpdir, "rootfs-after.img")
    q.save_data_module("rootfs.img", image)
    q.stop()
    return outputs, check_image(t, image)


@test(4, "create, write, read back, copy, rename, link and delete files and directories",
      parent=shell_files)
def shell_file_ops(t):
    outputs = dict(t.parent_value[0])
    t.match(outputs["cat a.txt"], r"^first line$", r"^second line$")
    t.match(outputs["cp a.txt b.txt; mv b.txt c.txt; ls"], r"^a\.txt$", r"^c\.txt$",
            no=[r"^b\.txt$"])
    t.match(outputs["mkdir sub; ln a.txt sub/hard; ls sub; wc -l sub/hard"], r"^hard$",
            r"^\s*2 sub/hard$")
    t.match(outputs["rm a.txt; cat sub/hard"], r"^first line$")
    t.match(outputs["rmdir /tmp/work 2>&1; echo status=$?"],
            r"^rmdir: /tmp/work: Directory not empty$", r"^status=[1-9]")
    t.match(outputs["rm c.txt; cd /; rmdir /tmp/work; ls /tmp/work 2>&1"],
            r"^ls: /tmp/work: No such file or directory$")
    t.match(outputs[FILES[6]], r"^same$")


@test(4, "the image the guest leaves passes fsck.mfs and holds what the shell wrote",
      parent=shell_files)
def shell_fsck(t):
    found = t.parent_value[1]
    if found["fsck_rc"] != 0 or "clean" not in found["fsck"]:
        t.fail("fsck.mfs found problems in the guest's image:\n%s" % found["fsck"])
    if found["note"] != "kept for the host\n":
        t.fail("/tmp/keep/note in the saved image reads %r" % found["note"])
    if "work" in found["tmp"].split():
        t.fail("/tmp/work is still in the image after rmdir:\n%s" % found["tmp"])


# ---- processes and memory ---------------------------------------------------------------

PROCS = [
    "free",
    "/test/forkstress 300",
    "free",
    "/test/cowtest",
    "free",
    "/test/memhog; echo status=$?",
    "echo still up",
    "free",
    "free",
]


@test(0, "fork/exec stress, copy-on-write and running out of memory", timeout=300)
def shell_procs(t):
    return session_outputs(t, PROCS, timeout=300)


@test(5, "300 children fork, exec /bin/true and are reaped; VM's free pages come back",
      parent=shell_procs)
def shell_forkstress(t):
    outs = [o for _, o in t.parent_value]
    t.match(outs[1], r"^forkstress: 300 children ran /bin/true and were reaped$")
    before, after = free_pages(outs[0]), free_pages(outs[2])
    if before != after:
        t.fail("VM had %d free pages before 300 fork/exec/exits and %d after"
               % (before, after))


@test(5, "copy-on-write: the fork shares pages, a write copies one, each side sees its own",
      parent=shell_procs)
def shell_cow(t):
    out = output_of(t, "/test/cowtest")
    t.match(out, r"^cowtest: child: \d+ pages gone at fork, \d+ more after writing 64 pages$",
            r"^cowtest: ok$")
    if free_pages(t.parent_value[2][1]) != free_pages(t.parent_value[4][1]):
        t.fail("VM's free pages changed across cowtest")


@test(4, "running out of memory: malloc fails with ENOMEM, the system stays up",
      parent=shell_procs)
def shell_enomem(t):
    t.match(output_of(t, "/test/memhog; echo status=$?"), r"^memhog: ENOMEM after \d+ KiB$",
            r"^status=0$")
    t.match(output_of(t, "echo still up"), r"^still up$")
    # Either free after memhog may be one page short for a moment, the page back at the
    # next exec (a server's heap top, which VFS gives back after an exec: malloc_trim; which
    # free it hits moves with the servers' layout): the first was with the network
    # drivers' tree, the second with the shared loop's inline dispatch (a session with six
    # frees after memhog: 25711, 25710, then 25711 four times).  A leak stays short in
    # both, so the better of the two must be back at the session's first.
    after = max(free_pages(t.parent_value[7][1]), free_pages(t.parent_value[8][1]))
    if after != free_pages(t.parent_value[0][1]):
        t.fail("VM's free pages did not come back after memhog (%d before, %d after)"
               % (free_pages(t.parent_value[0][1]), after))


# ---- signals -----------------------------------------------------------------------------

# A foreground sleep that says when it runs: sh -c's child of the shell has the terminal
# and SIGINT's default action before it prints, and exec keeps both for sleep.  Long even
# when -icount races through idle time.
SLEEPER = "sh -c 'echo sleeping; exec sleep 100000'"
# A pipeline whose last member prints the first line that came through both pipes: then
# every member has exec'd (each set SIGINT to its default first) and the job has the
# terminal.
PIPELINE = ("sh -c 'echo flowing; exec cat /dev/zero' | cat | "
            "sh -c 'head -n 1; exec cat > /dev/null'; echo pipeline=$?")


@test(0, "signals: SIGSEGV reported by the shell, ^C on a foreground sleep", timeout=240)
def shell_signals(t):
    q, outputs = session(t, ["/test/segv; echo status=$?", "/test/segv text; echo status=$?"],
                         timeout=240)
    q.send_line(SLEEPER)
    q.wait_for(r"^sleeping$", timeout=30)
    started = time.monotonic()
    q.send("\x03")
    q.wait_prompt(PROMPT, timeout=30)
    took = time.monotonic() - started
    q.send_line("echo status=$?; echo alive")
    q.wait_for(r"^alive$")
    q.wait_prompt(PROMPT)
    start = len(q.output)
    q.send_line(PIPELINE)
    q.wait_for(r"^flowing$", timeout=30)
    q.send("\x03")
    q.wait_for(r"^pipeline=\d+$", timeout=30)
    pipeline = q.output[start:]
    q.wait_prompt(PROMPT)
    start = len(q.output)
    q.send("echo never-run")            # ^C at the prompt, the line half typed
    time.sleep(0.5)
    q.send("\x03")
    q.wait_prompt(PROMPT, timeout=30)
    q.send_line("echo status=$?; echo after-prompt-intr")
    q.wait_for(r"^after-prompt-intr$", timeout=30)
    prompt_intr = q.output[start:]
    q.stop()
    return outputs, took, pipeline, prompt_intr


@test(4, "SIGSEGV for a NULL write and a write to text, reported by the shell",
      parent=shell_signals)
def shell_segv(t):
    (c1, o1), (c2, o2) = t.parent_value[0]
    for out in (o1, o2):
        t.match(out, r"^Segmentation fault \(SIGSEGV, signal 11\)$", r"^status=139$")
    t.match(t.parent_boot, r".*write to read-only memory, SIGSEGV$", no=[r"^panic"])


@test(4, "^C kills the foreground sleep (status 130) and the shell stays",
      parent=shell_signals)
def shell_ctrl_c(t):
    t.match(t.parent_boot, r"^Interrupt \(SIGINT, signal 2\)$", r"^status=130$", r"^alive$")
    if t.parent_value[1] > 20:
        t.fail("the prompt took %.1f s to come back after ^C" % t.parent_value[1])


@test(2, "^C ends a whole pipeline, reported once", parent=shell_signals)
def shell_ctrl_c_pipeline(t):
    out = t.parent_value[2]
    t.match(out, r"^Interrupt \(SIGINT, signal 2\)$", r"^pipeline=130$")
    if out.count("Interrupt (SIGINT") != 1:
        t.fail("the shell reported the pipeline's SIGINT %d times:\n%s"
               % (out.count("Interrupt (SIGINT"), out))


# ---- errno cases -------------------------------------------------------------------------

ERRNO_CASES = ["ENOENT", "EISDIR", "ENOTDIR", "EBADF", "EBADF_close", "EFAULT",
               "EINVAL_whence", "EEXIST", "ENOTEMPTY", "ENAMETOOLONG", "ESPIPE", "EPIPE",
               "ENOEXEC", "EACCES", "ENOENT_exec", "E2BIG", "ECHILD", "ESRCH"]


@test(0, "bad input from a user program gets its errno", timeout=180)
def shell_errnos(t):
    return session_outputs(t, ["/test/errnos; echo status=$?", "/test/efault",
                               "/test/e2big", "cat /etc 2>&1", "echo still up"],
                           timeout=180)


@test(6, "ENOENT, EISDIR, ENOTDIR, EBADF, EFAULT, EEXIST, ENOTEMPTY, ENAMETOOLONG, ESPIPE, "
         "EPIPE, ENOEXEC, EACCES, E2BIG, ECHILD, ESRCH", parent=shell_errnos)
def shell_errno_cases(t):
    out = output_of(t, "/test/errnos; echo status=$?")
    t.match(out, *[r"^errnos: %s ok$" % c for c in ERRNO_CASES],
            r"^errnos: %d ok, 0 failed$" % len(ERRNO_CASES), r"^status=0$",
            no=[r"FAILED"])
    t.match(output_of(t, "/test/efault"), r"^efault: read: Bad address \(EFAULT as expected\)$")
    t.match(output_of(t, "/test/e2big"), r"^e2big: .*\(E2BIG as expected\)$")
    t.match(output_of(t, "cat /etc 2>&1"), r"^cat: /etc: Is a directory$")
    t.match(output_of(t, "echo still up"), r"^still up$")


# ---- a block special file: /dev/imgrd through VFS ---------------------------------------

BLKDEV = ["cat /dev/imgrd | wc -c", "/test/blkdev; echo status=$?", "cat /dev/ram 2>&1",
          "ls /etc | grep -c rc"]
BLKDEV_CASES = ["stat", "magic", "unaligned", "size", "end", "seek_end", "write", "enxio"]


@test(0, "block specials: /dev/imgrd read, seeked and written from the shell", timeout=240)
def shell_blkdev(t):
    return session_outputs(t, BLKDEV, timeout=240)


@test(3, "cat /dev/imgrd reads the whole root image; /dev/ram (no such minor) is ENXIO",
      parent=shell_blkdev)
def shell_blkdev_cat(t):
    size = os.path.getsize(os.path.join(t.config.root, "build/rootfs.img"))
    t.match(output_of(t, "cat /dev/imgrd | wc -c"), r"^\s*%d$" % size)
    t.match(output_of(t, "cat /dev/ram 2>&1"), r"^cat: /dev/ram: Device not configured$")
    t.match(output_of(t, "ls /etc | grep -c rc"), r"^\s*[1-9]")


@test(4, "block special I/O: the superblock's magic, unaligned reads and writes, the end of "
         "the device, lseek", parent=shell_blkdev)
def shell_blkdev_io(t):
    size = os.path.getsize(os.path.join(t.config.root, "build/rootfs.img"))
    out = output_of(t, "/test/blkdev; echo status=$?")
    t.match(out, r"^magic 0x4d5a$", r"^size %d$" % size,
            *[r"^blkdev: %s ok$" % c for c in BLKDEV_CASES],
            r"^blkdev: %d ok, 0 failed$" % len(BLKDEV_CASES), r"^status=0$", no=[r"FAILED"])


# ---- the system's tables: sysinfo -k, -r, -d ---------------------------------------------

SYSINFO = ["sysinfo -k", "sysinfo -r", "sysinfo -d", "sysinfo -x; echo status=$?",
           "/test/tables; echo status=$?"]
# The boot services RS must list, by label (each is also the kernel's name of its process).
RS_SERVICES = ["pm", "rs", "ds", "memory", "tty", "log", "mfs", "pfs", "vfs", "vm"]
# Their fixed endpoints (include/minnow/endpoint.h; log takes the free slot 4).
FIXED_ENDPOINTS = {"pm": 0, "vfs": 1, "rs": 2, "memory": 3, "tty": 5, "ds": 6, "mfs": 7,
                   "vm": 8, "pfs": 9}
# Keys the drivers publish when they are up (driver_announce) and their owners.
DS_DRIVER_KEYS = [("drv.chr.tty", "tty"), ("drv.blk.memory", "memory"), ("drv.chr.log", "log")]
TABLE_CASES = ["rs_rows", "rs_partial", "rs_count", "rs_efault", "rs_readonly", "rs_rowsize",
               "rs_up_eperm", "rs_down_eperm", "ds_rows", "ds_partial", "ds_count", "ds_efault",
               "ds_readonly", "ds_rowsize", "ds_publish_eperm", "pm_srv_fork_eperm",
               "pm_srv_kill_eperm"] + \
    ["%s_%s" % (case, srv) for srv in ("pm", "vfs", "rs", "ds", "vm")
     for case in ("unknown", "notify_type")]


def kernel_endpoints(text):
    """name -> endpoint from the rows of `sysinfo -k` (SLOT ENDPT NAME ...)."""
    found = {}
    for m in re.finditer(r"^\s*-?\d+\s+(-?\d+)\s+(\S+)\s", text, re.M):
        found.setdefault(m.group(2), int(m.group(1)))
    return found


@test(0, "sysinfo: the kernel's, RS's and DS's tables from the root shell", timeout=180)
def shell_sysinfo(t):
    return session_outputs(t, SYSINFO, timeout=180)


@test(4, "sysinfo -r: RS lists every boot service with the kernel's endpoint for it",
      parent=shell_sysinfo)
def shell_sysinfo_rs(t):
    kernel = kernel_endpoints(output_of(t, "sysinfo -k"))
    out = output_of(t, "sysinfo -r")
    rows = re.findall(r"^(\S+)\s+(-?\d+)\s+(\d+|-)\s+(\S+)\s+\d+\s+\d+\s+(.*)$", out, re.M)
    t.match(out, r"^RS: %d entries$" % len(rows), r"^init\s+10\s+1\s+init\s.*\buser active$")
    by_label = {r[0]: r for r in rows}
    for label in RS_SERVICES:
        if label not in by_label:
            t.fail("sysinfo -r has no row for %s:\n%s" % (label, out))
        endpoint, state = int(by_label[label][1]), by_label[label][4]
        if kernel.get(label) != endpoint:
            t.fail("RS says %s is endpoint %d, the kernel's table says %s:\n%s"
                   % (label, endpoint, kernel.get(label), out))
        if FIXED_ENDPOINTS.get(label, endpoint) != endpoint:
            t.fail("RS says %s is endpoint %d, not %d (minnow/endpoint.h)"
                   % (label, endpoint, FIXED_ENDPOINTS[label]))
        if not state.startswith("boot sys active"):
            t.fail("RS's state of %s is %r, not 'boot sys active'" % (label, state))


@test(4, "sysinfo -d: DS lists every service's label and the drivers' up keys",
      parent=shell_sysinfo)
def shell_sysinfo_ds(t):
    kernel = kernel_endpoints(output_of(t, "sysinfo -k"))
    out = output_of(t, "sysinfo -d")
    rows = re.findall(r"^(\S+)\s+(u32|str|mem|label)\s+(\S+)\s+(.*)$", out, re.M)
    t.match(out, r"^DS: %d entries$" % len(rows))
    want = [r"^%s\s+label\s+rs\s+%d$" % (re.escape(l), kernel.get(l, -1)) for l in RS_SERVICES]
    want += [r"^%s\s+u32\s+%s\s+1$" % (re.escape(k), o) for k, o in DS_DRIVER_KEYS]
    t.match(out, *want)


@test(3, "RS_GETSYSINFO and DS_GETSYSINFO from a user: partial buffers, EFAULT, EINVAL; "
         "other RS requests EPERM", parent=shell_sysinfo)
def shell_sysinfo_errors(t):
    out = output_of(t, "/test/tables; echo status=$?")
    t.match(out, *[r"^tables: %s ok$" % c for c in TABLE_CASES],
            r"^tables: %d ok, 0 failed$" % len(TABLE_CASES), r"^status=0$", no=[r"FAILED"])
    t.match(output_of(t, "sysinfo -x; echo status=$?"), r"^usage: sysinfo \[-k\] \[-r\] \[-d\] \[-i\]$",
            r"^status=2$")


@test(3, "^C at the prompt drops the half-typed line and prints a fresh prompt ($? 130)",
      parent=shell_signals)
def shell_ctrl_c_prompt(t):
    text = t.parent_value[3]
    t.match(text, r"^status=130$", r"^after-prompt-intr$", no=[r"^never-run$"])
