#!/usr/bin/env python3
"""Build a disk image with an MBR partition table around one file system image.

The disk is: sector 0 the MBR (no boot code; primary partition entries, the others empty,
signature 0x55 0xaa), empty sectors up to --start (default 2048, the usual 1 MiB alignment),
then the partition image, whose size must be a multiple of 512.  The partition's type is
--type (default 0x81, MINIX's).  With --raw N a second partition of N zero sectors (type
0x7f, "reserved for experiments") follows the first: N need not be a multiple of 8, so the
tests can read a device whose size is not a whole number of 4096-byte blocks.  The CHS fields hold 0xfe/0xff/0xff ("use the LBA fields"),
which is all the disk driver reads (drivers/storage/ata/ata.c).  Also: --extract reads the
first partition of a disk image back out to a file (the grader checks it with fsck.mfs).

Usage: mkdisk.py [--start N] [--type T] [--raw N] -o disk.img partition.img
       mkdisk.py --extract disk.img -o partition.img
"""
import argparse
import struct
import sys

SECTOR = 512
TABLE = 446


def mbr(parts):
    """The 512-byte MBR with the partitions parts, a list of (start, sectors, type)."""
    sector = bytearray(SECTOR)
    for i, (start, sectors, ptype) in enumerate(parts):
        sector[TABLE + 16 * i:TABLE + 16 * i + 16] = struct.pack(
            "<B3sB3sII", 0x00, b"\xfe\xff\xff", ptype, b"\xfe\xff\xff", start, sectors)
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
    parts = [(args.start, len(part) // SECTOR, args.type)]
    if args.raw > 0:
        parts.append((args.start + len(part) // SECTOR, args.raw, 0x7f))
    with open(args.output, "wb") as f:
        f.write(mbr(parts))
        f.write(bytes((args.start - 1) * SECTOR))
        f.write(part)
        f.write(bytes(args.raw * SECTOR))


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
    ap.add_argument("--raw", type=int, default=0)
    ap.add_argument("--extract", action="store_true")
    ap.add_argument("-o", dest="output", required=True)
    ap.add_argument("image")
    args = ap.parse_args()
    if args.start < 1:
        sys.exit("mkdisk: --start must be at least 1")
    extract(args) if args.extract else build(args)


if __name__ == "__main__":
    main()
