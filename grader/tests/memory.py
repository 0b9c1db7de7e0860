# Tests of the memory driver and libdriver (handouts/drivers.md).
#
# memory_packed_root boots the build's whole module list with the root image packed
# (build/rootfs.pack, include/minnow/imgpack.h), as the ISO of make qemu carries it: the
# kernel unpacks it at boot, and the memory driver and the shell see the plain image.
#
# One boot carries VM, RS, DS, the memory driver (drivers/memory, sf=synch: it has announced
# itself in DS before the next module starts), the root image build/rootfs.img as a data
# module (type=data: no process; the driver serves it as /dev/imgrd) and
# commands/tests/mem_test.c, a system process that plays VFS: it speaks the CDEV_* and
# BDEV_* protocols (include/minnow/cdev.h, bdev.h) to the driver with grants.

import os

from grader.core import test
from grader.qemu import default_modules
from grader.tests.common import SYSCONF, VM, RS, boot_until, passes

DS = "build/servers/ds/ds priv=sys sf=synch"
# callers=mem_test: the driver takes CDEV_* and BDEV_* from the test program, which is not VFS
# (handouts/drivers.md, "Who may call a driver")
MEMORY = "build/drivers/memory/memory priv=sys sf=synch callers=mem_test"
ROOTFS = "build/rootfs.img type=data"
MT = "build/commands/tests/mem_test priv=sys"


@test(0, "boot the memory driver, the root image and a test playing VFS", timeout=60)
def memory_boot(t):
    return boot_until(t, [VM, RS, DS, MEMORY, ROOTFS, MT, SYSCONF],
                      [r"^DONE mem_test \d+ passed, \d+ failed$"], timeout=50)


@test(5, "the root image is a data module; the driver announces itself in DS",
      parent=memory_boot)
def memory_announce(t):
    out = t.parent_boot
    t.match(out, r"^boot: module \d+ is data, no process$",
            r"^memory: /dev/imgrd is module \d+, %d KiB at 0x[0-9a-f]+$"
            % (os.path.getsize("build/rootfs.img") // 1024))
    passes(t, out, "mem_label", "mem_ds_chr_up", "mem_ds_blk_up")


@test(10, "/dev/null and /dev/zero through CDEV_OPEN/READ/WRITE with grants",
      parent=memory_boot)
def memory_null_zero(t):
    passes(t, t.parent_boot, "mem_open_null", "mem_null_read_eof", "mem_null_write",
           "mem_open_zero", "mem_zero_read", "mem_zero_write", "mem_close_zero")


@test(10, "driver errors: unknown minors, bad grants, read-only /dev/mem, ioctl",
      parent=memory_boot)
def memory_errors(t):
    passes(t, t.parent_boot, "mem_open_bad_minor", "mem_open_kmem", "mem_open_imgrd_as_char",
           "mem_open_mem_write", "mem_zero_revoked_grant", "mem_zero_readonly_grant",
           "mem_zero_grant_too_small", "mem_ioctl_enotty", "mem_open_mem",
           "mem_physmem_read", "mem_physmem_write")


@test(5, "libdriver: requests for unopened minors are refused; SEND gets an async reply; "
         "an unknown type and a NOTIFY_MESSAGE-typed SENDREC are ENOSYS",
      parent=memory_boot)
def memory_libdriver(t):
    passes(t, t.parent_boot, "mem_read_unopened", "mem_bdev_read_unopened", "mem_async_reply",
           "mem_unknown_enosys", "mem_notify_type_enosys")


@test(10, "/dev/imgrd: the MFS superblock, bounds, alignment, write and read back",
      parent=memory_boot)
def memory_imgrd(t):
    passes(t, t.parent_boot, "mem_image_module", "mem_bdev_open_ram", "mem_bdev_open_null",
           "mem_bdev_open_imgrd", "mem_imgrd_superblock", "mem_imgrd_size",
           "mem_imgrd_past_end", "mem_imgrd_far_past_end", "mem_imgrd_cut_at_end",
           "mem_imgrd_unaligned_pos", "mem_imgrd_unaligned_size", "mem_imgrd_write",
           "mem_imgrd_read_back", "mem_imgrd_restore", "mem_imgrd_revoked_grant",
           "mem_imgrd_close")
    t.match(t.parent_boot, r"^DONE mem_test \d+ passed, 0 failed")


@test(5, "the root image packed, as make qemu's ISO carries it: the kernel unpacks it and "
         "the system runs from it to the shell", timeout=60)
def memory_packed_root(t):
    modules = [m.replace("build/rootfs.img ", "build/rootfs.pack ", 1)
               for m in default_modules(t.config)]
    t.assert_true(any(m.startswith("build/rootfs.pack ") for m in modules),
                  "no build/rootfs.img module in build/boot/modules.txt")
    size = os.path.getsize("build/rootfs.img")
    with open("etc/rc") as f:
        rc_lines = len(f.read().splitlines())
    q = t.launch(modules=modules)
    q.wait_prompt()
    q.send_line("cat /etc/rc | wc -l")
    q.wait_prompt()
    out = q.stop()
    t.match(out, r"^boot: module \d+ unpacked, %d bytes at 0x[0-9a-f]{8}$" % size,
            r"^memory: /dev/imgrd is module \d+, %d KiB at 0x[0-9a-f]+$" % (size // 1024),
            r"^\s*%d\s*$" % rc_lines, no=[r"^panic"])
