# Tests of drivers that die and come back (handouts/vfs.md, "Driver restarts" and "Block
# driver restarts"; handouts/drivers.md, "Restarting a block driver").  One boot on a
# private copy of the disk (not -snapshot), typed into the root shell:
#   /test/drvtest hello      a descriptor of /dev/hello opened before root's kill -9 of
#                            hello: read and ioctl EIO, select ready at once (no hang), close
#                            works, and a new open reads the restarted instance's line
#   /test/drvtest disk ...   at_wini killed KILLS times, 2.5 s apart, while a child writes,
#                            syncs and verifies a 4 MiB file on /home round after round
#   /test/drvtest blk ...    the same, BLK_KILLS times, on the raw partition /dev/c0d0p1
#                            itself (VFS talks to the driver, no file server)
#   service status, poweroff; then the host runs fsck.mfs on the partition (disk.py's way).

import os
import re
import shutil

from grader.core import test
from grader.tests.disk import fsck_partition, run, PROMPT

KILLS = 20
HELLO = "/test/drvtest hello; echo status=$?"
DISK = "/test/drvtest disk /home/drv %d; echo status=$?" % KILLS
BLK_KILLS = 4
BLK = "/test/drvtest blk /dev/c0d0p1 %d; echo status=$?" % BLK_KILLS
HELLO_CASES = ("before", "kill", "new_open", "stale_read", "stale_ioctl", "stale_select",
               "stale_again", "stale_close", "after")


@test(0, "kill -9 of hello under an open descriptor, and of at_wini %d times under a "
         "4 MiB write-and-verify loop on /home; poweroff, fsck.mfs" % KILLS, timeout=300)
def driverup_session(t):
    disk = os.path.join(t.tmpdir, "home.img")
    shutil.copyfile(t.config.path("build/home.img"), disk)
    q = t.launch(timeout=300, disk=disk, persistent=True)
    q.wait_prompt(PROMPT)
    out = {}
    for command in (HELLO, DISK, BLK, "service status", "ls -l /home"):
        out[command], seconds = run(q, command)
        t.log("%s: %.1f s" % (command, seconds))
    q.send_line("poweroff")
    end = q.wait_exit(timeout=60)
    fsck = fsck_partition(t, disk)
    t.log("fsck.mfs after the kills: %s" % fsck[1])
    return {"out": out, "powered_off": end.powered_off, "end": end.ending(), "fsck": fsck}


@test(4, "an old descriptor of /dev/hello after a kill -9: read and ioctl EIO, select "
         "ready at once (not a hang), close works; a new open reaches the new instance",
      parent=driverup_session)
def driverup_hello_stale(t):
    t.match(t.parent_value["out"][HELLO],
            *[r"^drvtest: %s ok$" % c for c in HELLO_CASES],
            r"^drvtest: %d ok, 0 failed$" % len(HELLO_CASES), r"^status=0$",
            no=[r"FAILED"])


@test(6, "at_wini killed %d times while a 4 MiB file is written and verified on /home: "
         "every round's bytes correct, every kill restarted under the same endpoint and pid" % KILLS, parent=driverup_session)
def driverup_disk_kills(t):
    text = t.parent_value["out"][DISK]
    t.match(text, *[r"^drvtest: kill %d: pid \d+$" % i for i in range(1, KILLS + 1)],
            r"^drvtest: writer: \d+ rounds, 0 failed$",
            r"^drvtest: disk: %d kills, writer status 0$" % KILLS, r"^status=0$",
            no=[r"FAILED", r"^drvtest: kill \d+: pid -1$"])
    rounds = int(re.search(r"^drvtest: writer: (\d+) rounds", text, re.M).group(1))
    if rounds < 2:
        t.fail("the writer ran only %d round(s): the kills did not hit I/O in flight" % rounds)
    m = re.search(r"^at_wini\s+\d+\s+\d+\s+(\d+)", t.parent_value["out"]["service status"],
                  re.M)
    if not m or int(m.group(1)) < KILLS + BLK_KILLS:
        t.fail("service status does not count %d restarts of at_wini:\n%s"
               % (KILLS + BLK_KILLS, t.parent_value["out"]["service status"]))
    same_instance(t, text, t.parent_value["out"]["service status"])


def same_instance(t, text, status):
    """Every restart of at_wini in text kept the endpoint and pid of status's row."""
    row = re.search(r"^at_wini\s+(\d+)\s+(\d+)\s", status, re.M)
    restarts = re.findall(r"^rs: service at_wini restarted, endpoint (\d+), pid (\d+)", text,
                          re.M)
    if not restarts:
        t.fail("no restart of at_wini reported on the console:\n%s" % text)
    moved = [r for r in restarts if r != (row.group(1), row.group(2))]
    if moved:
        t.fail("at_wini (endpoint %s, pid %s) was restarted under another endpoint or pid: %s"
               % (row.group(1), row.group(2), moved))


@test(3, "at_wini killed %d times while 256 KiB of the block special /dev/c0d0p1 are "
         "written and read back through VFS: every round correct, no hang" % BLK_KILLS,
      parent=driverup_session)
def driverup_blk_kills(t):
    text = t.parent_value["out"][BLK]
    t.match(text, *[r"^drvtest: kill %d: pid \d+$" % i for i in range(1, BLK_KILLS + 1)],
            r"^drvtest: writer: \d+ rounds, 0 failed$",
            r"^drvtest: disk: %d kills, writer status 0$" % BLK_KILLS, r"^status=0$",
            no=[r"FAILED", r"^drvtest: kill \d+: pid -1$"])


@test(3, "after the %d kills the system powers off cleanly and fsck.mfs finds /home clean"
      % KILLS, parent=driverup_session)
def driverup_fsck(t):
    v = t.parent_value
    if not v["powered_off"]:
        t.fail("the boot did not power off: %s" % v["end"])
    rc, text = v["fsck"]
    if rc != 0 or "clean" not in text:
        t.fail("fsck.mfs of the guest's partition:\n%s" % text)
    t.match(v["out"]["ls -l /home"], r"^-rw-r--r-- .* 4194304 [-\d]+ [:\d]+ drv$")
