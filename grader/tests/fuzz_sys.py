# The system-call fuzzer campaign (handouts/hardening.md, "System-call fuzzer"): one boot of
# the root shell with the disk written through to a private copy (grader/tests/disk.py,
# disk_reboot), /test/sysfuzz run as the ordinary user ast with its scratch directories on
# /home (the disk's MFS) and /tmp (the root MFS).  Around it:
#   - checksums of files outside the scratch directories (/etc, /bin/sh, a file written to
#     /home before the campaign, the listing of /bin) must be the same after it;
#   - the invariants of grader/tests/fuzz_common.py (the shell answers, every service still
#     up, free pages back, no panic);
#   - the guest's root image (saved through QEMU's monitor after a sync) and, after poweroff,
#     the disk's partition must pass the host's fsck.mfs.
# The fuzzer must report no hang, no errno from the system's internal range and no record
# out of order, and so must a short run after it that tests the fuzzer's own harness
# (HARNESS below).  SYSFUZZ_CALLS=N in the environment overrides the number of calls (to
# chase a seed's finding at a size between the two).

import os
import re
import shutil
import subprocess

from grader.core import test
from grader.match import CheckFailure
from grader.tests import fuzz_common as fz
from grader.tests.disk import fsck_partition
from grader.tests.mfs import save_image

CALLS = int(os.environ.get("SYSFUZZ_CALLS", 0)) or fz.count(10000, 500000)
SCALE = max(1.0, CALLS / 10000.0)     # fz.scaled_timeout's factor, SYSFUZZ_CALLS's too
WORKERS = 4
HANG_SECONDS = 20
SCRATCH = ("/home/sysfuzz", "/tmp/sysfuzz")
KEEP = "/home/keep"
# The listings leave out what ast may change there: link counts (a hard link from /tmp, on
# the same file system, to a file in /bin is allowed) and the times of /dev's nodes (ast
# may write /dev/null, and set its times).
CHECKSUMS = ("sha256sum /etc/passwd /etc/group /etc/rc /etc/system.conf /bin/sh /bin/ls "
             "/test/sysfuzz %s; ls -l /bin /etc | awk '{ print $1, $3, $4, $5, $NF }' | "
             "cksum; ls /dev | cksum" % KEEP)
LISTING = "ls -l /bin /etc /dev"
SETUP = ("echo 'written before the campaign' > %s && mkdir %s %s && chown ast %s %s && "
         "echo setup done" % ((KEEP,) + SCRATCH + SCRATCH))
COMMAND = "su ast -c '/test/sysfuzz -v -w %d -t %d %d %d %s/run %s/run; echo status=$?'" % (
    WORKERS, HANG_SECONDS, fz.SEED, CALLS, SCRATCH[0], SCRATCH[1])
SUMMARY = (r"^sysfuzz: calls (\d+), ok (\d+), errors (\d+), faults (\d+), internal_errnos "
           r"(\d+), signals (\d+), workers_killed (\d+), workers_lost (\d+), hangs (\d+), "
           r"bad_records (\d+), sigint_survived (\d+)$")
FIELDS = ("operations", "ok", "errors", "faults", "internal_errnos", "signals",
          "workers_killed", "workers_lost", "hangs", "bad_records", "sigint_survived")
# The harness's own regression case, in the same boot: workers that only make calls which
# cannot wait (sigaction, umask, getcwd), disturbed only with SIGINT (-d i), with a 3-s
# hang limit.  Many catch or ignore SIGINT (fuzzed sigactions), so the parent's SIGINT
# leaves them running: such a worker was once declared hung 3 s later, in whatever call it
# was making (seed 1's "hang in write" at call 4550 of a 500,000-call run), and its
# replacement started before it died, so a record it wrote after the SIGKILL was "out of
# order".
HARNESS_CALLS = 12000
HARNESS = ("su ast -c '/test/sysfuzz -o sigaction,umask,getcwd -d i -k 100 -t 3 %d %d "
           "%s/harness; echo status=$?'" % (fz.SEED, HARNESS_CALLS, SCRATCH[1]))


def fsck_problems(text):
    """The number of problems fsck.mfs reported (0 when it says clean), -1 if neither."""
    if re.search(r"^fsck: clean: ", text, re.M):
        return 0
    m = re.search(r"^fsck: (\d+) problems?", text, re.M)
    return int(m.group(1)) if m else -1


def root_image_problems(t, q):
    """fsck.mfs of the guest's root image, saved after a sync: (problems, output)."""
    dump = os.path.join(t.tmpdir, "rootfs-after.img")
    save_image(t, q, dump)
    if not os.path.exists(dump):
        return -1, "the root image could not be saved"
    run = subprocess.run([t.config.path("build/tools/fsck.mfs"), dump],
                         capture_output=True, text=True)
    return fsck_problems(run.stdout + run.stderr), run.stdout + run.stderr


def campaign(t, q, command=COMMAND, calls=CALLS, timeout=int(240 * SCALE)):
    """Run the fuzzer: its output and its counters."""
    out = fz.run(q, command, timeout=timeout)
    t.log("seed %d, %d calls:\n%s" % (fz.SEED, calls, out))
    m = re.search(SUMMARY, out, re.M)
    if not m:
        raise CheckFailure("no summary line from sysfuzz (seed %d):\n%s" % (fz.SEED, out))
    return out, dict(zip(FIELDS, (int(g) for g in m.groups())))


def harness_case(t, q):
    """The harness's regression case (HARNESS): its counters, and what is wrong with them
    (None: no hang, no record out of order, and a worker did live on after the parent's
    SIGINT, the case it guards against)."""
    out, figures = campaign(t, q, HARNESS, HARNESS_CALLS, timeout=120)
    if figures["hangs"] or figures["bad_records"] or "status=0" not in out:
        return figures, ("sysfuzz's harness case reported hangs or records out of order "
                         "(seed %d):\n%s" % (fz.SEED, out))
    if figures["sigint_survived"] == 0:
        return figures, ("sysfuzz's harness case: no worker lived on after the parent's "
                         "SIGINT, so the case proved nothing (seed %d):\n%s" % (fz.SEED, out))
    return figures, None


@test(10, "system-call fuzzer: %d random calls from %d workers as ast on /home and /tmp, "
          "workers killed at random: no hang, no internal errno, the invariants hold, files "
          "outside the scratch directories unchanged, both file systems pass fsck.mfs"
      % (CALLS, WORKERS), timeout=int(180 + 240 * SCALE))
def fuzz_sys(t):
    disk = os.path.join(t.tmpdir, "home.img")
    shutil.copyfile(t.config.path("build/home.img"), disk)
    q = t.launch(disk=disk, persistent=True)
    q.wait_prompt(fz.PROMPT, timeout=120)
    if "setup done" not in fz.run(q, SETUP):
        raise CheckFailure("could not make the scratch directories")
    before = fz.run(q, CHECKSUMS)
    listing = fz.run(q, LISTING)
    base = fz.baseline(q)
    out, figures = campaign(t, q)
    harness, harness_problem = harness_case(t, q)
    t.log("processes after the campaign:\n%s" % fz.run(q, "ps"))
    inv = fz.invariants(t, q, base, slack=0)
    after = fz.run(q, CHECKSUMS)
    listing_after = fz.run(q, LISTING)
    t.log("listing lines that changed:\n%s" % "\n".join(
        line for line in listing_after.splitlines() if line not in listing.splitlines()))
    fz.run(q, "sync")
    root_problems, root_text = root_image_problems(t, q)
    t.log("fsck.mfs of the root image after the campaign:\n%s" % root_text)
    q.send_line("poweroff")
    end = q.wait_exit(timeout=60)
    rc, text = fsck_partition(t, disk)
    t.log("fsck.mfs of /home after poweroff:\n%s" % text)
    home_problems = fsck_problems(text)
    changed = [line for line in before.splitlines() if line not in after.splitlines()]
    fz.record(t, "syscalls", panics=0, leaked_pages=max(0, inv["free_before"] - inv["free_after"]),
              corrupted_files=max(0, root_problems) + max(0, home_problems) + len(changed),
              harness_hangs=harness["hangs"], harness_bad_records=harness["bad_records"],
              harness_sigint_survived=harness["sigint_survived"], **figures)
    if figures["hangs"] or figures["internal_errnos"] or "status=0" not in out:
        t.fail("sysfuzz reported hangs or internal errnos (seed %d):\n%s" % (fz.SEED, out))
    if harness_problem:
        t.fail(harness_problem)
    if figures["operations"] < CALLS:
        t.fail("sysfuzz made %d of %d calls (seed %d)" % (figures["operations"], CALLS, fz.SEED))
    if changed:
        t.fail("files outside the scratch directories changed:\n%s\nafter:\n%s"
               % ("\n".join(changed), after))
    if root_problems != 0:
        t.fail("fsck.mfs of the root image after the campaign:\n%s" % root_text)
    if not end.powered_off:
        t.fail("the boot did not power off: %s" % end.ending())
    if rc != 0 or home_problems != 0:
        t.fail("fsck.mfs of /home's partition after the campaign:\n%s" % text)
