#!/usr/bin/env python3
"""mfsread.py - read an MFS image (the MINIX v3 layout of include/minnow/mfs.h) from the host.

A small, read-only reader for tests and for the grader: it lists directories, shows inodes
and extracts files, following direct, single- and double-indirect zones.  Python standard
library only.

    python3 tools/mfs/mfsread.py IMAGE ls [PATH]        # one line per entry: mode ino size name
    python3 tools/mfs/mfsread.py IMAGE cat PATH         # the file's bytes on stdout
    python3 tools/mfs/mfsread.py IMAGE tree             # every path with its inode and type
    python3 tools/mfs/mfsread.py IMAGE extract PATH DEST  # copy a file out

As a module:  img = MfsImage(open(path, "rb").read()); img.read_file("/etc/rc");
img.listdir("/dev") -> [(name, ino), ...]; img.lookup(path) -> inode number;
img.inode(ino) -> Inode.  It trusts the image only as far as it must: a zone number outside
the image raises MfsError (use fsck.mfs to check an image, not this).
"""

import struct
import sys

SUPER_OFFSET = 1024
MAGIC = 0x4D5A
IMAP_BLOCK = 2
ROOT_INO = 1
INODE_SIZE = 64
DIRENT_SIZE = 64
NR_DZONES = 7
S_IFMT = 0o170000
S_IFREG = 0o100000
S_IFDIR = 0o040000
S_IFCHR = 0o020000
S_IFBLK = 0o060000
S_IFLNK = 0o120000
S_IFIFO = 0o010000

# struct mfs_super (32 bytes) and struct mfs_inode (64 bytes), little-endian.
SUPER_FMT = "<IHHHHHHiIHHHBB"
INODE_FMT = "<HHHHiiii10I"


class MfsError(Exception):
    """The image cannot be read as MFS (bad superblock, zone outside the image, no such path)."""


class Inode:
    """One decoded inode: mode, nlinks, uid, gid, size, atime, mtime, ctime, zones[10]."""

    def __init__(self, raw):
        f = struct.unpack(INODE_FMT, raw)
        self.mode, self.nlinks, self.uid, self.gid, self.size = f[0:5]
        self.atime, self.mtime, self.ctime = f[5:8]
        self.zones = list(f[8:18])

    @property
    def type(self):
        return self.mode & S_IFMT

    def is_dir(self):
        return self.type == S_IFDIR

    def rdev(self):
        """(major, minor) of a device inode."""
        return (self.zones[0] >> 8) & 0xFF, self.zones[0] & 0xFF


class MfsImage:
    """A read-only view of an MFS image held in a bytes object."""

    def __init__(self, data):
        self.data = data
        if len(data) < SUPER_OFFSET + 32:
            raise MfsError("image too small for a superblock")
        f = struct.unpack_from(SUPER_FMT, data, SUPER_OFFSET)
        (self.ninodes, _, self.imap_blocks, self.zmap_blocks, self.firstdatazone,
         self.log_zone_size, self.flags, self.max_size, self.zones, self.magic, _,
         self.block_size, self.disk_version, _) = f
        if self.magic != MAGIC:
            raise MfsError("bad magic 0x%04x" % self.magic)
        if self.block_size not in (1024, 2048, 4096):
            raise MfsError("bad block size %d" % self.block_size)
        self.zmap_block = IMAP_BLOCK + self.imap_blocks
        self.itable_block = self.zmap_block + self.zmap_blocks

    # ---- blocks and inodes ---------------------------------------------------------------
    def block(self, zone):
        """The bytes of block `zone`."""
        start = zone * self.block_size
        if zone >= self.zones or start + self.block_size > len(self.data):
            raise MfsError("zone %d outside the image" % zone)
        return self.data[start:start + self.block_size]

    def inode_offset(self, ino):
        """Byte offset of inode `ino` in the image."""
        if not 1 <= ino <= self.ninodes:
            raise MfsError("inode %d out of range" % ino)
        return self.itable_block * self.block_size + (ino - 1) * INODE_SIZE

    def inode(self, ino):
        off = self.inode_offset(ino)
        return Inode(self.data[off:off + INODE_SIZE])

    def _indirect(self, zone):
        return struct.unpack("<%dI" % (self.block_size // 4), self.block(zone))

    def bmap(self, ip, idx):
        """The zone holding block `idx` of inode `ip` (0 for a hole)."""
        per = self.block_size // 4
        if idx < NR_DZONES:
            return ip.zones[idx]
        idx -= NR_DZONES
        if idx < per:
            return self._indirect(ip.zones[7])[idx] if ip.zones[7] else 0
        idx -= per
        if idx >= per * per or not ip.zones[8]:
            return 0
        outer = self._indirect(ip.zones[8])[idx // per]
        return self._indirect(outer)[idx % per] if outer else 0

    def read_inode_data(self, ip):
        """All `size` bytes of inode `ip` (holes read as zeros)."""
        bs, out = self.block_size, bytearray()
        for idx in range((ip.size + bs - 1) // bs):
            zone = self.bmap(ip, idx)
            out += self.block(zone) if zone else bytes(bs)
        return bytes(out[:ip.size])

    # ---- directories and paths -------------------------------------------------------------
    def entries(self, ino):
        """The entries of directory `ino` as (name, inode) pairs, in disk order."""
        ip = self.inode(ino)
        if not ip.is_dir():
            raise MfsError("inode %d is not a directory" % ino)
        data, out = self.read_inode_data(ip), []
        for off in range(0, len(data) - DIRENT_SIZE + 1, DIRENT_SIZE):
            d_ino, = struct.unpack_from("<I", data, off)
            name = data[off + 4:off + DIRENT_SIZE].split(b"\0", 1)[0]
            if d_ino:
                out.append((name.decode("utf-8", "surrogateescape"), d_ino))
        return out

    def lookup(self, path):
        """The inode number of absolute or relative `path` (from the root)."""
        ino = ROOT_INO
        for part in [p for p in path.split("/") if p]:
            found = dict(self.entries(ino)).get(part)
            if found is None:
                raise MfsError("%s: no such file or directory" % path)
            ino = found
        return ino

    def listdir(self, path="/"):
        """The entries of directory `path`, without "." and ".."."""
        return [(n, i) for n, i in self.entries(self.lookup(path)) if n not in (".", "..")]

    def read_file(self, path):
        """The contents of the file (or symlink target) at `path`."""
        ip = self.inode(self.lookup(path))
        if ip.type not in (S_IFREG, S_IFLNK):
            raise MfsError("%s: not a regular file" % path)
        return self.read_inode_data(ip)

    def walk(self, path="/", ino=ROOT_INO):
        """Yield (path, inode number, Inode) for every name below `path`, depth first."""
        for name, child in self.entries(ino):
            if name in (".", ".."):
                continue
            full = path.rstrip("/") + "/" + name
            ip = self.inode(child)
            yield full, child, ip
            if ip.is_dir():
                yield from self.walk(full, child)


def mode_string(mode):
    """`ls -l`-style mode, e.g. drwxr-xr-x."""
    kind = {S_IFDIR: "d", S_IFCHR: "c", S_IFBLK: "b", S_IFLNK: "l",
            S_IFIFO: "p"}.get(mode & S_IFMT, "-")
    bits = [ch if mode & (1 << (8 - i)) else "-" for i, ch in enumerate("rwxrwxrwx")]
    for flag, pos, ch in ((0o4000, 2, "s"), (0o2000, 5, "s"), (0o1000, 8, "t")):
        if mode & flag:
            bits[pos] = ch if bits[pos] == "x" else ch.upper()
    return kind + "".join(bits)


def describe(img, name, ino):
    """One `ls` line: mode, inode, size (major, minor), name (and a link's -> target)."""
    ip = img.inode(ino)
    size = "%d, %d" % ip.rdev() if ip.type in (S_IFCHR, S_IFBLK) else str(ip.size)
    if ip.type == S_IFLNK:
        name += " -> " + img.read_inode_data(ip).decode(errors="replace")
    return "%s %5d %8s %s" % (mode_string(ip.mode), ino, size, name)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(argv[1], "rb") as f:
            img = MfsImage(f.read())
        cmd, args = argv[2], argv[3:]
        if cmd == "ls":
            for name, ino in sorted(img.listdir(args[0] if args else "/")):
                print(describe(img, name, ino))
        elif cmd == "cat" and len(args) == 1:
            sys.stdout.buffer.write(img.read_file(args[0]))
        elif cmd == "tree":
            for path, ino, _ in img.walk():
                print(describe(img, path, ino))
        elif cmd == "extract" and len(args) == 2:
            with open(args[1], "wb") as out:
                out.write(img.read_file(args[0]))
        else:
            sys.stderr.write(__doc__)
            return 2
    except (MfsError, OSError, struct.error) as e:
        sys.stderr.write("mfsread: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
