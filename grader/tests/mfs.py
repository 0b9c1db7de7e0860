# Tests of MFS and PFS, the file servers (handouts/mfs.md).
#
# One boot carries VM, RS, DS, the memory driver, the root image build/rootfs.img (type=data:
# the driver serves it as /dev/imgrd), MFS and PFS (sf=synch: both are up before the test
# starts) and commands/tests/mfs_test.c booted from a copy whose file is called "vfs", so it
# takes VFS's slot and the file servers take its requests (they answer only VFS).  It speaks
# the file server protocol (include/minnow/fsif.h) to both.  A second copy under its own
# name (argument "other") checks that anyone else is refused.
#
# After the program has unmounted the root image, the grader saves the guest's copy of the
# image (pmemsave through QEMU's monitor: Qemu.save_data_module(), or the gdb stub's
# `monitor` command) and runs the host fsck.mfs on it: every change MFS made must leave a
# consistent file system.

import os
import re
import subprocess
import zlib

from grader.core import test
from grader.tests.common import SYSCONF, VM, RS, MFS, PFS, boot_until, passes

DS = "build/servers/ds/ds priv=sys sf=synch"
MEMORY = "build/drivers/memory/memory priv=sys sf=synch"
ROOTFS = "build/rootfs.img type=data"
AS_VFS = "build/commands/tests/vfs-slot/vfs priv=sys"
OTHER = "build/commands/tests/mfs_test priv=sys other"
RC = "build/rootfs/etc/rc"
FSCK = "build/tools/fsck.mfs"
IMAGE_LINE = r"^memory: /dev/imgrd is module \d+, (\d+) KiB at (0x[0-9a-f]+)$"


def save_image(t, q, dump):
    """Save the guest's copy of the root image to dump: with Qemu.save_data_module() where
    the grader has it, else through QEMU's monitor on the gdb stub."""
    if hasattr(q, "save_data_module"):
        q.save_data_module("rootfs.img", dump)
        return
    found = re.search(IMAGE_LINE, q.complete_output, re.M)
    if found is None:
        return
    # QEMU runs in the tree's root; a relative name, because the monitor would read an
    # absolute one's leading '/' as a division of the size
    name = os.path.relpath(dump, t.config.root)
    t.gdb(q, ["monitor pmemsave %s %d %s" % (found.group(2), int(found.group(1)) * 1024, name)],
          timeout=30)


def fsck_guest_image(t, q):
    """Save the guest's root image and check it with fsck.mfs: the checker's output, or why
    it could not run."""
    dump = os.path.join(t.tmpdir, "rootfs-after.img")
    save_image(t, q, dump)
    if not os.path.exists(dump):
        return "the image could not be saved"
    run = subprocess.run([FSCK, dump], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return run.stdout.decode(errors="replace") + "exit status %d\n" % run.returncode


# The ENOSPC cases fill the image block by block: 14 s on a lightly loaded machine, past 50 s
# on a loaded one, so the limits leave room.
@test(0, "boot MFS and PFS with a test program playing VFS", timeout=150)
def mfs_boot(t):
    q = t.launch(modules=[VM, RS, DS, MEMORY, ROOTFS, MFS, PFS, AS_VFS, OTHER, SYSCONF],
                 timeout=140)
    left = [r"^DONE mfs_test \d+ passed, \d+ failed$",
            r"^DONE mfs_test_other \d+ passed, \d+ failed$"]
    while left:
        index, _ = q.wait_any(left)
        left.pop(index)
    fsck = fsck_guest_image(t, q)
    t.log("=== fsck.mfs of the image after the test ===\n" + fsck)
    q.stop()
    return fsck


@test(10, "mount the root image; LOOKUP, PUTNODE, STAT, READ of /etc/rc", parent=mfs_boot)
def mfs_mount_read(t):
    out = t.parent_boot
    passes(t, out, "mfs_before_mount", "mfs_readsuper_bad_label", "mfs_readsuper_bad_magic",
           "mfs_readsuper_bad_block_size", "mfs_restore_super", "mfs_readsuper",
           "mfs_readsuper_busy", "mfs_lookup_etc", "mfs_lookup_dotdot",
           "mfs_lookup_root_dotdot", "mfs_lookup_dot", "mfs_lookup_enoent",
           "mfs_lookup_enotdir", "mfs_lookup_nametoolong", "mfs_lookup_bad_ino",
           "mfs_putnode_etc", "mfs_lookup_tmp", "mfs_lookup_rc", "mfs_stat_rc", "mfs_read_rc",
           "mfs_read_rc_middle", "mfs_read_rc_eof", "mfs_putnode_too_many", "mfs_putnode_rc",
           "mfs_putnode_unknown")
    with open(RC, "rb") as f:
        data = f.read()
    t.match(out, r"^INFO mfs_test /etc/rc %d bytes crc32 0x%08x$"
            % (len(data), zlib.crc32(data) & 0xffffffff))


@test(5, "GETDENTS: struct dirent records, position cookies, small buffers", parent=mfs_boot)
def mfs_getdents(t):
    staged = os.listdir(os.path.join(t.config.root, "build/rootfs"))
    names = sorted([".", ".."] + [n for n in staged if n != ".devices"])  # the node manifest
    m = re.search(r"^INFO mfs_test root:(.*)$", t.parent_boot.output, re.M)
    if not m or sorted(m.group(1).split()) != names:
        t.fail("the root directory read through MFS is %r; the image was staged with %r"
               % (m.group(1) if m else None, " ".join(names)))
    passes(t, t.parent_boot, "mfs_getdents_root", "mfs_getdents_small", "mfs_getdents_dev",
           "mfs_getdents_too_small", "mfs_getdents_notdir")


@test(5, "STATVFS, SYNC and UNMOUNT", parent=mfs_boot)
def mfs_unmount(t):
    passes(t, t.parent_boot, "mfs_statvfs_start", "mfs_leave_tree", "mfs_sync", "mfs_unmount_busy",
           "mfs_unmount",
           "mfs_unmounted")
    t.match(t.parent_boot, r"^DONE mfs_test \d+ passed, 0 failed")


@test(10, "create, write, read back, holes, indirect zones, EFBIG, FTRUNC, unlinked but open",
      parent=mfs_boot)
def mfs_write(t):
    passes(t, t.parent_boot, "mfs_create", "mfs_create_eexist", "mfs_create_dot",
           "mfs_create_in_file", "mfs_write", "mfs_read_back", "mfs_stat_written",
           "mfs_write_dir", "mfs_unlink_f1", "mfs_unlinked_gone", "mfs_unlinked_still_readable",
           "mfs_unlinked_links", "mfs_unlinked_putnode", "mfs_unlinked_freed",
           "mfs_write_indirect", "mfs_write_double_indirect", "mfs_read_indirect",
           "mfs_read_double_indirect", "mfs_read_hole", "mfs_stat_blocks", "mfs_write_efbig",
           "mfs_ftrunc_efbig", "mfs_ftrunc_shrink", "mfs_ftrunc_freed", "mfs_ftrunc_grow",
           "mfs_ftrunc_grow_zeros", "mfs_ftrunc_dir")


@test(10, "MKDIR, RMDIR, LINK, UNLINK: link counts and every errno", parent=mfs_boot)
def mfs_dirs(t):
    passes(t, t.parent_boot, "mfs_mkdir", "mfs_mkdir_dotdot", "mfs_mkdir_eexist",
           "mfs_unlink_dir", "mfs_rmdir_notempty", "mfs_rmdir_dot", "mfs_rmdir_dotdot",
           "mfs_rmdir_file", "mfs_rmdir_enoent", "mfs_link", "mfs_link_count",
           "mfs_link_eexist", "mfs_link_dir", "mfs_link_into_file", "mfs_unlink_link",
           "mfs_unlink_link_count", "mfs_unlink", "mfs_rmdir", "mfs_rmdir_links",
           "mfs_mkdir_again", "mfs_link_emlink", "mfs_links_removed", "mfs_rmdir_grown")


@test(10, "RENAME: files, directories (.. fixed), replacing, every errno", parent=mfs_boot)
def mfs_rename(t):
    passes(t, t.parent_boot, "mfs_rename_file", "mfs_rename_file_moved", "mfs_rename_enoent",
           "mfs_rename_dot", "mfs_rename_to_dotdot", "mfs_rename_into_self",
           "mfs_rename_into_itself", "mfs_rename_file_over_dir", "mfs_rename_dir_over_file",
           "mfs_rename_dir_over_full", "mfs_rename_replace_file", "mfs_rename_replaced_freed",
           "mfs_rename_dir", "mfs_rename_dir_dotdot", "mfs_rename_dir_over_empty",
           "mfs_rename_dir_replaced", "mfs_rename_same")


@test(5, "CHMOD, CHOWN, MKNOD; unknown requests; only VFS is served", parent=mfs_boot)
def mfs_attrs(t):
    passes(t, t.parent_boot, "mfs_chmod", "mfs_chown", "mfs_mknod", "mfs_mknod_dir",
           "mfs_unlink_mknod", "mfs_bad_request", "mfs_not_vfs_eperm", "pfs_not_vfs_eperm")


@test(10, "ENOSPC for zones and inodes; STATVFS counts come back after deleting",
      parent=mfs_boot)
def mfs_enospc(t):
    passes(t, t.parent_boot, "mfs_write_enospc", "mfs_mkdir_enospc", "mfs_mkdir_enospc_undone",
           "mfs_unlink_fill", "mfs_create_enospc",
           "mfs_rmdir_after_enospc", "mfs_statvfs_counts", "mfs_statvfs_back")


@test(10, "PFS: NEWNODE, write, read from the front, a full pipe, FTRUNC, PUTNODE",
      parent=mfs_boot)
def pfs_pipes(t):
    passes(t, t.parent_boot, "pfs_before_mount", "pfs_readsuper", "pfs_newnode", "pfs_write",
           "pfs_stat", "pfs_read_front", "pfs_read_rest", "pfs_read_empty", "pfs_write_full",
           "pfs_write_when_full", "pfs_read_full", "pfs_ftrunc", "pfs_read_after_ftrunc",
           "pfs_lookup_enosys", "pfs_putnode", "pfs_freed")


@test(10, "the image MFS leaves after the test passes fsck.mfs", parent=mfs_boot)
def mfs_fsck(t):
    fsck = t.parent_value
    if not re.search(r"^fsck: clean: ", fsck, re.M) or "exit status 0" not in fsck:
        t.fail("fsck.mfs of the guest's image after the test:\n" + fsck)
