"""Host unit tests of the MFS tools: tools/mfs/mkfs.c (mkfs.mfs), tools/mfs/fsck.c (fsck.mfs)
and the reader tools/mfs/mfsread.py.

The tests build images from small temporary trees and check that: fsck.mfs finds them clean;
every file reads back byte for byte through mfsread (including files that need single- and
double-indirect zones, with 1024- and 4096-byte blocks); mkfs.mfs is deterministic; each class
of corruption is reported by fsck.mfs with its own message, and no corrupt or truncated image
makes it crash; mkfs.mfs refuses what it cannot build, with a message naming the cause.

They run the binaries in $BUILD/tools (default build/tools; `make unittest` builds them first);
if those are missing the tests build them with make.  Run from the repository root:
    python3 -m unittest tools.tests.test_mfs
"""

import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "mfs"))
import mfsread  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
TOOLS = os.path.join(ROOT, BUILD, "tools")
MKFS = os.path.join(TOOLS, "mkfs.mfs")
FSCK = os.path.join(TOOLS, "fsck.mfs")
MFSREAD = os.path.join(ROOT, "tools", "mfs", "mfsread.py")


def setUpModule():
    if not (os.path.exists(MKFS) and os.path.exists(FSCK)):
        subprocess.run(["make", "-s", "BUILD=" + BUILD, BUILD + "/tools/mkfs.mfs",
                        BUILD + "/tools/fsck.mfs"], cwd=ROOT, check=True)


def pattern(n, seed):
    """n bytes that differ from block to block (so a misplaced block is noticed)."""
    return b"".join(struct.pack("<I", (i * 2654435761 + seed) & 0xFFFFFFFF)
                    for i in range((n + 3) // 4))[:n]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def load(path):
    return mfsread.MfsImage(read_bytes(path))


def write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def mkfs(*args):
    return subprocess.run([MKFS] + [str(a) for a in args], capture_output=True, text=True,
                          errors="replace")


def fsck(image, *opts):
    return subprocess.run([FSCK] + list(opts) + [image], capture_output=True, text=True,
                          errors="replace")


class MfsCase(unittest.TestCase):
    """A temporary directory, with helpers to make trees and images in it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mfs-test-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def small_tree(self, name="src", big=0):
        """A tree with directories, files of several sizes, a symlink, a hard link and
        devices; `big`: the size of /big/file (0: none)."""
        src = self.path(name)
        os.makedirs(os.path.join(src, "empty"))
        write(os.path.join(src, "etc", "rc"), b'echo "rc: starting"\n')
        write(os.path.join(src, "bin", "tool"), pattern(5000, 1), 0o755)
        write(os.path.join(src, "zero-length"), b"")
        write(os.path.join(src, "a", "b", "c", "deep"), b"deep\n", 0o600)
        os.symlink("../etc/rc", os.path.join(src, "bin", "rc-link"))
        os.link(os.path.join(src, "etc", "rc"), os.path.join(src, "etc", "rc.hard"))
        os.makedirs(os.path.join(src, "dev"))
        write(os.path.join(src, ".devices"),
              b"# devices\n/dev/null c 1 3 0666\n\n/dev/ram b 1 0 0600   # ramdisk\n")
        if big:
            write(os.path.join(src, "big", "file"), pattern(big, 7))
        return src

    def image(self, src, size_kb=2048, *opts, out="fs.img"):
        out = self.path(out)
        r = mkfs("-o", out, "-s", size_kb, *opts, src)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def assert_clean(self, image):
        r = fsck(image)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"fsck: clean: \d+ inodes, \d+ zones used\n$")

    def assert_tree_equal(self, img, src):
        """Every host file under src reads back identically; modes and link counts match."""
        for dirpath, dirs, files in os.walk(src):
            rel = "/" + os.path.relpath(dirpath, src).replace(".", "", 1).lstrip("/")
            names = {n for n, _ in img.listdir(rel)}
            expect = set(dirs + files) - ({".devices"} if dirpath == src else set())
            self.assertTrue(expect <= names, (rel, expect - names))
            for f in files:
                host = os.path.join(dirpath, f)
                if dirpath == src and f == ".devices":
                    continue
                p = rel.rstrip("/") + "/" + f
                ip = img.inode(img.lookup(p))
                st = os.lstat(host)
                if os.path.islink(host):
                    self.assertEqual(img.read_file(p), os.readlink(host).encode())
                    continue
                with open(host, "rb") as h:
                    self.assertEqual(img.read_file(p), h.read(), p)
                self.assertEqual(ip.mode, mfsread.S_IFREG | (st.st_mode & 0o7777), p)
                self.assertEqual(ip.nlinks, st.st_nlink, p)
                self.assertEqual((ip.uid, ip.gid), (0, 0))


class GoodImages(MfsCase):
    def test_small_tree_is_clean_and_reads_back(self):
        src = self.small_tree()
        out = self.image(src)
        self.assert_clean(out)
        img = load(out)
        self.assertEqual(img.block_size, 4096)
        self.assert_tree_equal(img, src)
        null = img.inode(img.lookup("/dev/null"))
        self.assertEqual((null.type, null.rdev(), null.mode & 0o7777),
                         (mfsread.S_IFCHR, (1, 3), 0o666))
        self.assertEqual(img.inode(img.lookup("/dev/ram")).type, mfsread.S_IFBLK)
        self.assertEqual(img.lookup("/etc/rc"), img.lookup("/etc/rc.hard"))
        root = img.inode(1)
        subdirs = sum(os.path.isdir(os.path.join(src, n)) for n in os.listdir(src))
        self.assertEqual(root.nlinks, 2 + subdirs)   # ".", "..", and each subdirectory's ".."
        names = [n for n, _ in img.entries(1)]
        self.assertEqual(names[:2], [".", ".."])
        self.assertEqual(names[2:], sorted(names[2:]))

    def test_double_indirect_4096(self):
        # 7 direct + 1024 single-indirect blocks = 4124 KiB; go past it
        src = self.small_tree(big=(7 + 1024) * 4096 + 3 * 4096 + 123)
        out = self.image(src, 8192)
        self.assert_clean(out)
        img = load(out)
        ip = img.inode(img.lookup("/big/file"))
        self.assertNotEqual(ip.zones[7], 0)
        self.assertNotEqual(ip.zones[8], 0)
        self.assert_tree_equal(img, src)

    def test_double_indirect_1024(self):
        src = self.small_tree(big=(7 + 256) * 1024 + 300 * 1024 + 1)
        out = self.image(src, 2048, "-b", 1024)
        self.assert_clean(out)
        img = load(out)
        self.assertEqual(img.block_size, 1024)
        self.assertNotEqual(img.inode(img.lookup("/big/file")).zones[8], 0)
        self.assert_tree_equal(img, src)

    def test_exact_fit_and_boundaries(self):
        src = self.path("edge")
        for n in (1, 4095, 4096, 4097, 7 * 4096, 7 * 4096 + 1):
            write(os.path.join(src, "f%d" % n), pattern(n, n))
        write(os.path.join(src, "x" * 59), b"longest name\n")
        out = self.image(src, 1024)
        self.assert_clean(out)
        self.assert_tree_equal(load(out), src)

    def test_deterministic(self):
        a = self.image(self.small_tree("one", big=100000), 2048, out="a.img")
        b = self.image(self.small_tree("two", big=100000), 2048, out="b.img")
        self.assertTrue(read_bytes(a) == read_bytes(b), "two runs gave different images")

    def test_fixed_time_stamp(self):
        out = self.image(self.small_tree(), 2048, "-t", 1234567)
        img = load(out)
        for _, _, ip in img.walk():
            self.assertEqual((ip.atime, ip.mtime, ip.ctime), (1234567,) * 3)

    def test_symlink_layout(self):
        """A symbolic link: type 0120000, mode 0777, one link, its target (no NUL) in one
        zone; mfsread shows it as name -> target."""
        out = self.image(self.small_tree(), 2048)
        img = load(out)
        ip = img.inode(img.lookup("/bin/rc-link"))
        self.assertEqual(ip.mode, mfsread.S_IFLNK | 0o777)
        self.assertEqual((ip.nlinks, ip.size), (1, len("../etc/rc")))
        self.assertNotEqual(ip.zones[0], 0)
        self.assertEqual(ip.zones[1:], [0] * 9)
        self.assertEqual(img.read_file("/bin/rc-link"), b"../etc/rc")
        r = subprocess.run([sys.executable, MFSREAD, out, "ls", "/bin"], capture_output=True,
                           text=True)
        self.assertRegex(r.stdout, r"(?m)^lrwxrwxrwx +\d+ +9 rc-link -> \.\./etc/rc$")

    def test_any_time_is_valid(self):
        """fsck checks nothing that depends on the times: any values are clean."""
        out = self.image(self.small_tree(), 2048)
        data = bytearray(read_bytes(out))
        img = mfsread.MfsImage(bytes(data))
        for n, (a, m, c) in enumerate(((-5, 0, 1), (2**31 - 1, 7, 7), (0, -2**31, 12))):
            ino = img.lookup(["/etc/rc", "/bin/rc-link", "/a/b"][n])
            struct.pack_into("<iii", data, img.inode_offset(ino) + 12, a, m, c)
        with open(out, "wb") as f:
            f.write(data)
        self.assert_clean(out)
        img = load(out)
        ip = img.inode(img.lookup("/bin/rc-link"))
        self.assertEqual((ip.atime, ip.mtime, ip.ctime), (2**31 - 1, 7, 7))

    def test_many_entries_directory(self):
        src = self.path("many")
        for i in range(300):   # 302 entries: 5 blocks of 4096 bytes
            write(os.path.join(src, "d", "file%03d" % i), b"%d\n" % i)
        out = self.image(src, 2048)
        self.assert_clean(out)
        img = load(out)
        self.assertEqual(len(img.listdir("/d")), 300)
        self.assertEqual(img.read_file("/d/file299"), b"299\n")


def fsck_minix():
    return shutil.which("fsck.minix") or shutil.which("fsck.minix", path="/usr/sbin:/sbin")


class SecondOpinion(MfsCase):
    @unittest.skipUnless(fsck_minix(), "util-linux fsck.minix is not installed")
    def test_util_linux_fsck_minix_agrees(self):
        """util-linux's fsck.minix (1024-byte blocks only) finds a Minnow image clean."""
        out = self.image(self.small_tree(big=300000), 2048, "-b", 1024)
        r = subprocess.run([fsck_minix(), "-f", out], capture_output=True, text=True,
                           errors="replace")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class MkfsErrors(MfsCase):
    def assert_fails(self, result, *words):
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        for w in words:
            self.assertIn(w, result.stderr)
        self.assertFalse(os.path.exists(self.path("out.img")), "a failed mkfs left an image")

    def test_image_too_small_names_the_file(self):
        src = self.path("src")
        write(os.path.join(src, "small"), b"x")
        write(os.path.join(src, "sub", "huge"), pattern(200 * 1024, 3))
        r = mkfs("-o", self.path("out.img"), "-s", 128, src)
        self.assert_fails(r, "/sub/huge", "no space")

    def test_name_too_long(self):
        src = self.path("src")
        write(os.path.join(src, "y" * 60), b"x")
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, src), "y" * 60, "59")

    def test_too_many_files_for_inodes(self):
        src = self.path("src")
        for i in range(40):
            write(os.path.join(src, "f%d" % i), b"")
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, "-i", 16, src),
                          "too many files")

    def test_too_many_inodes_for_image(self):
        src = self.small_tree()
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 64, "-i", 100000, src),
                          "inodes")

    def test_unsupported_file_type(self):
        src = self.path("src")
        os.makedirs(src)
        os.mkfifo(os.path.join(src, "fifo"))
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, src),
                          "fifo", "unsupported file type")

    def test_bad_manifest(self):
        src = self.small_tree()
        write(os.path.join(src, ".devices"), b"/dev/bad x 1 2 0666\n")
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, src), "line 1")
        write(os.path.join(src, ".devices"), b"/nodir/null c 1 3 0666\n")
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, src), "nodir")
        write(os.path.join(src, ".devices"), b"/etc/rc c 1 3 0666\n")
        self.assert_fails(mkfs("-o", self.path("out.img"), "-s", 1024, src), "already exists")


class Corruption(MfsCase):
    """Each corruption class on a copy of a clean image, and fsck's message for it."""

    def setUp(self):
        super().setUp()
        self.clean = self.image(self.small_tree(big=50000), 1024, "-b", 1024)
        self.data = bytearray(read_bytes(self.clean))
        self.img = mfsread.MfsImage(bytes(self.data))

    def check(self, data, *messages):
        bad = self.path("bad.img")
        with open(bad, "wb") as f:
            f.write(data)
        r = fsck(bad)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertRegex(r.stdout, r"fsck: \d+ problems?\n$")
        for m in messages:
            self.assertIn(m, r.stdout)
        return r.stdout

    def inode_field(self, ino, fmt, offset, value):
        struct.pack_into(fmt, self.data, self.img.inode_offset(ino) + offset, value)

    def flip_bit(self, map_block, n):
        self.data[map_block * self.img.block_size + n // 8] ^= 1 << (n % 8)

    def test_zone_bitmap_bit_cleared(self):
        ino = self.img.lookup("/etc/rc")
        zone = self.img.inode(ino).zones[0]
        self.flip_bit(self.img.zmap_block, zone - self.img.firstdatazone + 1)
        self.check(self.data, "fsck: zone %d: used by inode %d, but free in the zone bitmap"
                   % (zone, ino))

    def test_zone_bitmap_bit_set(self):
        zone = self.img.zones - 1
        self.flip_bit(self.img.zmap_block, zone - self.img.firstdatazone + 1)
        self.check(self.data, "fsck: zone %d: marked in use in the zone bitmap, but no "
                   "inode uses it" % zone)

    def test_inode_bitmap_bits(self):
        used, free = self.img.lookup("/bin/tool"), self.img.ninodes
        self.flip_bit(2, used)
        self.flip_bit(2, free)
        self.check(self.data, "fsck: inode %d: in use, but free in the inode bitmap" % used,
                   "fsck: inode %d: free, but marked in use in the inode bitmap" % free)

    def test_symlink_size(self):
        ino = self.img.lookup("/bin/rc-link")
        self.inode_field(ino, "<i", 8, 0)
        self.check(self.data, "fsck: inode %d: symbolic link of size 0 (1..1023)" % ino)

    def test_symlink_without_zone(self):
        ino = self.img.lookup("/bin/rc-link")
        zone = self.img.inode(ino).zones[0]
        self.inode_field(ino, "<I", 24, 0)
        self.check(self.data, "fsck: inode %d: symbolic link without a data zone" % ino,
                   "fsck: zone %d: marked in use in the zone bitmap, but no inode uses it"
                   % zone)

    def test_symlink_target_nul(self):
        ino = self.img.lookup("/bin/rc-link")
        zone = self.img.inode(ino).zones[0]
        self.data[zone * self.img.block_size + 3] = 0
        self.check(self.data, "fsck: inode %d: symbolic link target holds a NUL byte" % ino)

    def test_wrong_link_count(self):
        ino = self.img.lookup("/bin/tool")
        self.inode_field(ino, "<H", 2, 2)
        self.check(self.data, "fsck: inode %d: link count 2, but 1 directory entry names it"
                   % ino)

    def test_zone_used_twice(self):
        a, b = self.img.lookup("/bin/tool"), self.img.lookup("/etc/rc")
        za = self.img.inode(a).zones[0]
        self.inode_field(b, "<I", 24, za)
        self.check(self.data, "fsck: zone %d: used twice, by inode %d and by inode %d"
                   % (za, a, b))

    def test_directory_without_dotdot(self):
        ino = self.img.lookup("/a/b")
        zone = self.img.inode(ino).zones[0]
        off = zone * self.img.block_size + 64 + 4   # entry 1 (".."), its name
        self.assertEqual(bytes(self.data[off:off + 3]), b"..\0")
        self.data[off:off + 3] = b"up\0"
        self.check(self.data, 'fsck: inode %d: directory has 0 ".." entries' % ino)

    def test_directory_without_dot(self):
        ino = self.img.lookup("/empty")
        zone = self.img.inode(ino).zones[0]
        struct.pack_into("<I", self.data, zone * self.img.block_size, 0)
        self.check(self.data, 'fsck: inode %d: directory has 0 "." entries' % ino,
                   "fsck: inode %d: link count 2, but 1 directory entry names it" % ino)

    def test_zone_out_of_range(self):
        ino = self.img.lookup("/bin/tool")
        self.inode_field(ino, "<I", 24 + 4, self.img.zones + 100)
        self.inode_field(ino, "<I", 24 + 8, 3)     # the zone bitmap: metadata, not data
        self.check(self.data, "fsck: inode %d: zone %d out of range" % (ino, self.img.zones + 100),
                   "fsck: inode %d: zone 3 out of range" % ino)

    def test_zone_past_end_of_file(self):
        ino = self.img.lookup("/etc/rc")
        self.inode_field(ino, "<i", 8, 0)            # size 0, but zone[0] stays
        self.check(self.data, "fsck: inode %d: zone" % ino, "past the end of the file")

    def test_truncated_images(self):
        n = len(self.data)
        self.check(self.data[:n // 2], "image truncated")
        self.check(self.data[:3 * 1024], "image truncated inside the bitmaps")
        self.check(self.data[:100], "too small to hold a superblock")
        self.check(b"", "too small to hold a superblock")

    def test_bad_superblock(self):
        bad = bytearray(self.data)
        struct.pack_into("<H", bad, 1024 + 24, 0x1234)
        self.check(bad, "magic")
        bad = bytearray(self.data)
        struct.pack_into("<H", bad, 1024 + 28, 512)
        self.check(bad, "block size 512")
        bad = bytearray(self.data)
        struct.pack_into("<I", bad, 1024, 0xFFFFFFF0)
        self.check(bad, "superblock")

    def test_fuzz_never_crashes(self):
        """Random corruption of the metadata and directory blocks: fsck ends with 0 or 1."""
        rnd = random.Random(1)
        hot = self.img.firstdatazone * self.img.block_size + 8 * self.img.block_size
        for i in range(300):
            data = bytearray(self.data)
            for _ in range(rnd.randint(1, 40)):
                data[rnd.randrange(1024, hot)] = rnd.getrandbits(8)
            if i % 10 == 0:
                data = data[:rnd.randrange(len(data))]
            bad = self.path("fuzz.img")
            with open(bad, "wb") as f:
                f.write(data)
            r = fsck(bad)
            self.assertIn(r.returncode, (0, 1), "fsck crashed on case %d: %s" % (i, r.stderr))
            self.assertEqual(r.stderr, "")


class Sanitized(MfsCase):
    """fsck.mfs built with AddressSanitizer and UBSan, on corrupt images (skipped if the host
    compiler cannot build it)."""

    def test_fuzz_under_sanitizers(self):
        exe = self.path("fsck.asan")
        r = subprocess.run(["gcc", "-std=gnu11", "-O1", "-g", "-fsanitize=address,undefined",
                            "-fno-sanitize-recover=all", "-I", os.path.join(ROOT, "include"),
                            "-o", exe, os.path.join(ROOT, "tools", "mfs", "fsck.c")],
                           capture_output=True, text=True,
                          errors="replace")
        if r.returncode != 0:
            self.skipTest("no sanitizer build: " + r.stderr[-200:])
        clean = self.image(self.small_tree(big=300000), 1024, "-b", 1024)
        data0 = read_bytes(clean)
        img = mfsread.MfsImage(data0)
        hot = img.firstdatazone * img.block_size + 16 * img.block_size
        rnd = random.Random(2)
        for i in range(150):
            data = bytearray(data0)
            for _ in range(rnd.randint(1, 60)):
                data[rnd.randrange(1024, hot)] = rnd.getrandbits(8)
            if i % 7 == 0:
                data = data[:rnd.randrange(len(data))]
            bad = self.path("fuzz.img")
            with open(bad, "wb") as f:
                f.write(data)
            r = subprocess.run([exe, bad], capture_output=True, text=True, errors="replace",
                               env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"))
            self.assertIn(r.returncode, (0, 1), "case %d: %s" % (i, r.stderr[-2000:]))


if __name__ == "__main__":
    unittest.main()
