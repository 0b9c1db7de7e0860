#!/usr/bin/env python3
"""Build a disk image with an MBR partition table around one file system image.

The disk is: sector 0 the MBR (no boot code; one primary partition entry, the others empty,
signature 0x55 0xaa), empty sectors up to --start (default 2048, the usual 1 MiB alignment),
then the partition image, whose size must be a multiple of 512.  The partition's type is
--type (default 0x81, MINIX's).  The CHS fields hold 0xfe/0xff/0xff ("use the LBA fields"),
which is all the disk driver reads (drivers/storage/ata/ata.c).  Also: --extract reads the
first partition of a disk image back out to a file (the grader checks it with fsck.mfs).

Usage: mkdisk.py [--start N] [--type T] -o disk.img partition.img
       mkdisk.py --extract disk.img -o partition.img
"""
import argparse
import struct
import sys

SECTOR = 512
TABLE = 446


def mbr(start, sectors, ptype):
    """The 512-byte MBR with one partition of sectors sectors at start."""
    entry = struct.pack("<B3sB3sII", 0x00, b"\xfe\xff\xff", ptype, b"\xfe\xff\xff",
                        start, sectors)
    sector = bytearray(SECTOR)
    sector[TABLE:TABLE + 16] = entry
    sector[510:512] = b"\x55\xaa"
    return bytes(sector)


def first_partition(disk):
    """(start, sectors) of the first used entry of disk's MBR."""
    head = disk[:SECTOR]
    if head[510:512] != b"\x55\xaa":
        raise ValueError("no MBR signature")
    for i in range(4):
        ptype, = struct.unpack_from("<B", head, TABLE + 16 * i + 4)
        start, sectors = struct.unpack_from("<II", head, TABLE + 16 * i + 8)
        if ptype != 0 and sectors != 0:
            return start, sectors
    raise ValueError("no partition")


def build(args):
    with open(args.image, "rb") as f:
        part = f.read()
    if len(part) % SECTOR != 0 or not part:
        sys.exit("mkdisk: %s: size %d is not a positive multiple of %d"
                 % (args.image, len(part), SECTOR))
    with open(args.output, "wb") as f:
        f.write(mbr(args.start, len(part) // SECTOR, args.type))
        f.write(bytes((args.start - 1) * SECTOR))
        f.write(part)


def extract(args):
    with open(args.image, "rb") as f:
        disk = f.read()
    try:
        start, sectors = first_partition(disk)
    except ValueError as e:
        sys.exit("mkdisk: %s: %s" % (args.image, e))
    with open(args.output, "wb") as f:
        f.write(disk[start * SECTOR:(start + sectors) * SECTOR])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--start", type=int, default=2048)
    ap.add_argument("--type", type=lambda s: int(s, 0), default=0x81)
    ap.add_argument("--extract", action="store_true")
    ap.add_argument("-o", dest="output", required=True)
    ap.add_argument("image")
    args = ap.parse_args()
    if args.start < 1:
        sys.exit("mkdisk: --start must be at least 1")
    extract(args) if args.extract else build(args)


if __name__ == "__main__":
    main()
