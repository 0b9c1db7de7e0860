# Tests of the disk: at_wini, the ATA driver (drivers/storage/ata), the disk image
# build/home.img (an MBR, one partition with an MFS file system) and /home, which /etc/rc
# mounts with the second MFS, mfs_home (handouts/disk.md).  Every boot gets the disk as its
# primary IDE master (grader/qemu.py): under -snapshot, or persistently on a private copy.
#
# Parents: disk_boot (the shell on the build's disk under -snapshot, the driver in its
# default mode, bus-master DMA: the driver's IDENTIFY, mode and partition lines, mount, a
# 4 MiB file written and verified by /test/disktest with its CRC-32, reads and writes at the
# end of both partitions and of the whole disk, an empty partition), disk_pio (the same
# file and a partition's end with the boot parameter ata=pio: the PIO fallback), disk_nodma
# (QEMU's isapc machine, which has no PCI bus: the driver finds no bus master and falls back
# to PIO by itself), disk_reboot (two boots of one copy of the disk without -snapshot: the first
# writes files, syncs and powers off, the host runs fsck.mfs on the partition in between,
# the second reads them back), disk_none (a boot without a disk).  The write and read times
# of the 4 MiB file (seconds from typing the command to the prompt, measured on the host:
# the guest has no clock finer than a tick) are written to the logs in MiB/s.

import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib

from grader.core import test
from grader.match import CheckFailure

PROMPT = r"^# "
SEED = 12345
BIG_KIB = 4096
PART_KIB = 32768                # build/home.img's partition (tools/mfs/Makefile.inc)
RAW_SECTORS = 1001              # its second, raw partition: not a whole number of blocks
DISK_SECTORS = 2048 + PART_KIB * 2 + RAW_SECTORS


def stream_crc(seed, kib):
    """The CRC-32 of disktest's xorshift32 stream (seed | 1, 4 bytes per step)."""
    x, crc, words = (seed | 1) & 0xFFFFFFFF, 0, []
    for i in range(kib * 256):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        words.append(x)
        if len(words) == 16384:
            crc = zlib.crc32(struct.pack("<%dI" % len(words), *words), crc)
            words = []
    return "%08x" % zlib.crc32(struct.pack("<%dI" % len(words), *words), crc)


def run(q, command):
    """Type command, wait for the prompt: (its output, seconds it took)."""
    start, t0 = len(q.output), time.monotonic()
    q.send_line(command)
    q.wait_prompt(PROMPT)
    text = q.output[start:]
    if re.search(r"^sh: \S+: not found$", text, re.M):
        raise CheckFailure("the shell could not find a command of %r:\n%s" % (command, text))
    return text[:text.rfind("# ")], time.monotonic() - t0


def session(t, commands, **launch):
    """Boot, run each command at the prompt; the running Qemu and {command: (output, s)}."""
    q = t.launch(**launch)
    q.wait_prompt(PROMPT)
    return q, {c: run(q, c) for c in commands}


def rate(t, what, seconds):
    t.log("%s of a %d MiB file: %.2f s, %.2f MiB/s" % (what, BIG_KIB // 1024, seconds,
                                                        BIG_KIB / 1024 / seconds))


# ---- the build's disk, under -snapshot ------------------------------------------------

WRITE = "/test/disktest write /home/big %d %d" % (BIG_KIB, SEED)
VERIFY = "/test/disktest verify /home/big %d %d" % (BIG_KIB, SEED)
BOOT_SCRIPT = [
    "mount",
    WRITE,
    VERIFY,
    "ls -l /home",
    "/test/disktest end /dev/c0d0p0 %d" % (PART_KIB * 1024),
    "/test/disktest end /dev/c0d0p1 %d" % (RAW_SECTORS * 512),
    "/test/disktest end /dev/c0d0 %d" % (DISK_SECTORS * 512),
    "cat /dev/c0d0p2; echo status=$?",
    "/test/disktest verify /home/nope 4 1; echo status=$?",
]


@test(0, "the shell on the disk: mount, a 4 MiB file on /home, the partition's end",
      timeout=300)
def disk_boot(t):
    q, out = session(t, BOOT_SCRIPT, timeout=300)
    q.stop()
    rate(t, "write", out[WRITE][1])
    rate(t, "read (partly from MFS's cache)", out[VERIFY][1])
    return {c: o for c, (o, s) in out.items()}


IDENTIFY_LINE = r"^at_wini: c0d0: QEMU HARDDISK, %d sectors \(%d MiB\), LBA28, " % (
    DISK_SECTORS, DISK_SECTORS // 2048)
PIO_MODE = r"PIO, \d+ sectors per interrupt$"


@test(3, "at_wini identifies the disk and reads its partition table", parent=disk_boot)
def disk_identify(t):
    t.match(t.parent_boot, IDENTIFY_LINE + r"(DMA|%s)$" % PIO_MODE,
            r"^at_wini: c0d0p0: type 0x81, start 2048, %d sectors \(%d KiB\)$"
            % (PART_KIB * 2, PART_KIB),
            r"^at_wini: c0d0p1: type 0x7f, start %d, %d sectors \(%d KiB\)$"
            % (2048 + PART_KIB * 2, RAW_SECTORS, RAW_SECTORS // 2),
            no=[r"^at_wini: c0d0p[23]", r"^panic", r"^mount: "])


@test(4, "on the default machine at_wini finds the PIIX IDE bus master and uses DMA",
      parent=disk_boot)
def disk_dma(t):
    t.match(t.parent_boot,
            r"^at_wini: bus-master IDE 8086:70[0-9a-f]{2} at PCI 0:\d+\.\d+, registers at "
            r"0x[0-9a-f]+$",
            r"^at_wini: DMA buffer 64 KiB at physical 0x[0-9a-f]+, PRD table at 0x[0-9a-f]+$",
            IDENTIFY_LINE + r"DMA$",
            no=[r"^at_wini: no DMA", r"^at_wini: PIO", IDENTIFY_LINE + "PIO"])


@test(3, "/etc/rc mounts the disk's first partition on /home", parent=disk_boot)
def disk_mount(t):
    t.match(t.parent_value["mount"], r"^/dev/imgrd on / type mfs \(rw\)$",
            r"^/dev/c0d0p0 on /home type mfs_home \(rw\)$")


@test(5, "a 4 MiB file written to /home reads back byte for byte (CRC-32 checked on the host)",
      parent=disk_boot)
def disk_bigfile(t):
    crc = stream_crc(SEED, BIG_KIB)
    t.match(t.parent_value[WRITE], r"^disktest: wrote %d bytes, crc32 %s$" % (BIG_KIB * 1024, crc))
    t.match(t.parent_value[VERIFY],
            r"^disktest: verified %d bytes, crc32 %s$" % (BIG_KIB * 1024, crc))
    t.match(t.parent_value["ls -l /home"], r"^-rw-r--r-- .* %d [-\d]+ [:\d]+ big$" % (BIG_KIB * 1024))


@test(4, "bad input: I/O at and past the end of two partitions (one not a whole number of "
         "blocks) and of the disk, an empty partition (ENXIO), a missing file",
      parent=disk_boot)
def disk_bad_input(t):
    for dev in ("/dev/c0d0p0 %d" % (PART_KIB * 1024), "/dev/c0d0p1 %d" % (RAW_SECTORS * 512),
                "/dev/c0d0 %d" % (DISK_SECTORS * 512)):
        t.match(t.parent_value["/test/disktest end " + dev], r"^disktest: last_sector ok$",
                r"^disktest: across_end ok$", r"^disktest: last_block ok$",
                r"^disktest: big_across_end ok$", r"^disktest: big_write_end ok$",
                r"^disktest: small_write_tail ok$",
                r"^disktest: at_end ok$", r"^disktest: past_end ok$",
                r"^disktest: write_end ok$", r"^disktest: 9 ok, 0 failed$")
    t.match(t.parent_value["cat /dev/c0d0p2; echo status=$?"],
            r"^cat: /dev/c0d0p2: Device not configured$", r"^status=1$")
    t.match(t.parent_value["/test/disktest verify /home/nope 4 1; echo status=$?"],
            r"^disktest: FAILED: open /home/nope: No such file or directory$", r"^status=1$")


# ---- the PIO fallback, asked for with the boot parameter ata=pio ----------------------

PIO_SCRIPT = [WRITE, VERIFY, "/test/disktest end /dev/c0d0p1 %d" % (RAW_SECTORS * 512)]


@test(0, "the shell on the disk with at_wini in PIO mode (ata=pio): a 4 MiB file, an end",
      timeout=300)
def disk_pio(t):
    q, out = session(t, PIO_SCRIPT, timeout=300, cmdline="ata=pio")
    q.stop()
    rate(t, "PIO write", out[WRITE][1])
    rate(t, "PIO read (partly from MFS's cache)", out[VERIFY][1])
    return {c: o for c, (o, s) in out.items()}


@test(3, "with ata=pio at_wini says PIO was asked for and does not touch the bus master",
      parent=disk_pio)
def disk_pio_mode(t):
    t.match(t.parent_boot,
            r"^at_wini: PIO asked for by the boot parameter ata=pio: DMA not tried$",
            IDENTIFY_LINE + PIO_MODE,
            no=[r"^at_wini: bus-master", r"^at_wini: DMA", IDENTIFY_LINE + "DMA"])


@test(4, "in PIO mode a 4 MiB file on /home reads back byte for byte, and reads at and "
         "past a partition's end are cut short or 0", parent=disk_pio)
def disk_pio_data(t):
    crc = stream_crc(SEED, BIG_KIB)
    t.match(t.parent_value[WRITE], r"^disktest: wrote %d bytes, crc32 %s$" % (BIG_KIB * 1024, crc))
    t.match(t.parent_value[VERIFY],
            r"^disktest: verified %d bytes, crc32 %s$" % (BIG_KIB * 1024, crc))
    t.match(t.parent_value[PIO_SCRIPT[2]], r"^disktest: big_across_end ok$",
            r"^disktest: big_write_end ok$", r"^disktest: past_end ok$",
            r"^disktest: 9 ok, 0 failed$")


# ---- no PCI bus at all: QEMU's isapc machine ------------------------------------------

NODMA_SCRIPT = ["mount", "/test/disktest write /home/small 512 7",
                "/test/disktest verify /home/small 512 7"]


@test(4, "on a machine without PCI (isapc) at_wini finds no bus master and falls back to PIO",
      timeout=200)
def disk_nodma(t):
    q, out = session(t, NODMA_SCRIPT, timeout=200, extra_args=("-M", "isapc", "-cpu", "qemu32"))
    q.stop()
    t.match(q.result(), r"^at_wini: no DMA: no bus-master IDE controller on PCI$",
            IDENTIFY_LINE + PIO_MODE, no=[r"^at_wini: bus-master", r"^panic"])
    crc = stream_crc(7, 512)
    t.match(out[NODMA_SCRIPT[0]][0], r"^/dev/c0d0p0 on /home type mfs_home \(rw\)$")
    t.match(out[NODMA_SCRIPT[1]][0], r"^disktest: wrote %d bytes, crc32 %s$" % (512 * 1024, crc))
    t.match(out[NODMA_SCRIPT[2]][0], r"^disktest: verified %d bytes, crc32 %s$" % (512 * 1024, crc))


# ---- two boots of one copy of the disk ------------------------------------------------

FIRST = [
    "echo 'written before the reboot' > /home/note",
    "mkdir /home/dir",
    WRITE.replace("/home/big", "/home/dir/big"),
    "sync",
]
SECOND = [
    "cat /home/note",
    VERIFY.replace("/home/big", "/home/dir/big"),
    "ls /home",
]


def fsck_partition(t, disk):
    """fsck.mfs of the first partition of disk, cut out by tools/mkdisk.py: (rc, output)."""
    root = t.config.root
    part = os.path.join(t.tmpdir, "part.img")
    cut = subprocess.run([sys.executable, os.path.join(root, "tools/mkdisk.py"), "--extract",
                          "-o", part, disk], capture_output=True, text=True)
    if cut.returncode != 0:
        return cut.returncode, cut.stdout + cut.stderr
    fsck = subprocess.run([os.path.join(root, "build/tools/fsck.mfs"), part],
                          capture_output=True, text=True)
    return fsck.returncode, fsck.stdout + fsck.stderr


@test(0, "two boots of one copy of the disk, poweroff between them, fsck.mfs in between",
      timeout=400)
def disk_reboot(t):
    disk = os.path.join(t.tmpdir, "home.img")
    shutil.copyfile(t.config.path("build/home.img"), disk)
    q, first = session(t, FIRST, timeout=200, disk=disk, persistent=True)
    q.send_line("poweroff")
    end = q.wait_exit(timeout=60)
    fsck = fsck_partition(t, disk)
    t.log("fsck.mfs after the first boot: %s" % fsck[1])
    q, second = session(t, SECOND, timeout=200, disk=disk, persistent=True)
    q.stop()
    rate(t, "read after the reboot (from the disk)", second[SECOND[1]][1])
    return {"first_end": end.ending(), "powered_off": end.powered_off, "fsck": fsck,
            "first": {c: o for c, (o, s) in first.items()},
            "second": {c: o for c, (o, s) in second.items()}}


@test(3, "the first boot powers off cleanly and fsck.mfs finds the partition clean",
      parent=disk_reboot)
def disk_fsck(t):
    v = t.parent_value
    if not v["powered_off"]:
        t.fail("the first boot did not power off: %s" % v["first_end"])
    rc, text = v["fsck"]
    if rc != 0 or "clean" not in text:
        t.fail("fsck.mfs of the guest's partition:\n%s" % text)


@test(5, "files on /home survive poweroff and a second boot of the same disk",
      parent=disk_reboot)
def disk_persist(t):
    second = t.parent_value["second"]
    t.match(second["cat /home/note"], r"^written before the reboot$")
    t.match(second[SECOND[1]], r"^disktest: verified %d bytes, crc32 %s$"
            % (BIG_KIB * 1024, stream_crc(SEED, BIG_KIB)))
    t.match(second["ls /home"], r"^dir$", r"^note$")


# ---- no disk --------------------------------------------------------------------------

@test(3, "without a disk at_wini says so and exits; the system boots, / still mounted",
      timeout=200)
def disk_none(t):
    q, out = session(t, ["mount", "ls /home; echo status=$?"], timeout=200, disk="")
    q.stop()
    t.match(q.result(), r"^at_wini: no ATA disk on the primary channel \(-?\d+\): exiting$",
            r"^Minnow: /etc/rc done$", no=[r"^panic", r"^at_wini: c0d0"])
    t.match(out["mount"][0], r"^/dev/imgrd on / type mfs \(rw\)$", no=[r".* on /home "])
    t.match(out["ls /home; echo status=$?"][0], r"^status=0$")
