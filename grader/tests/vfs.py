# Tests of the virtual file system (handouts/vfs.md; minnow/vfs.h).
#
# One boot carries VM, RS, DS, the memory driver with the root image, MFS and PFS (sf=synch:
# RS starts each and waits for its init, in this order), VFS (which mounts MFS on
# /dev/imgrd as "/" and PFS for pipes as soon as it runs), PM, and
# commands/tests/vfs_test.c as a user process.  The tty and log drivers are not booted, so
# /dev/log has no driver (ENXIO).

from grader.core import test
from grader.tests.common import (SYSCONF, VM, RS, PM, DS, MEMORY, ROOTFS, MFS, PFS, VFS,
                                 boot_until, passes)

VT = "build/commands/tests/vfs_test priv=user"
TTY = "build/drivers/tty/tty priv=sys"
VT_TTY = "build/commands/tests/vfs_test priv=user tty"


@test(0, "boot VFS with MFS, PFS, the memory driver and a user test process", timeout=120)
def vfs_boot(t):
    return boot_until(t, [VM, RS, DS, MEMORY, ROOTFS, MFS, PFS, VFS, PM, VT, SYSCONF],
                      [r"^DONE vfs_test \d+ passed, \d+ failed$"], timeout=110)


@test(10, "read, lseek and fstat a file of the root image; EBADF, EFAULT", parent=vfs_boot)
def vfs_read_file(t):
    passes(t, t.parent_boot, "vfs_open_rc", "vfs_read_rc", "vfs_fstat_rc", "vfs_lseek_end",
           "vfs_lseek_set", "vfs_read_after_lseek", "vfs_lseek_negative", "vfs_read_efault",
           "vfs_write_rdonly_ebadf", "vfs_close", "vfs_close_ebadf", "vfs_read_ebadf",
           "vfs_read_ebadf_range")


@test(10, "path lookup: '.', '..', trailing slashes, ENOENT, ENOTDIR, EISDIR, "
      "ENAMETOOLONG, EFAULT, EACCES", parent=vfs_boot)
def vfs_lookup(t):
    passes(t, t.parent_boot, "vfs_stat_root", "vfs_stat_dotdot", "vfs_stat_root_dotdot",
           "vfs_stat_dev_null", "vfs_stat_enoent", "vfs_open_enoent", "vfs_open_enotdir",
           "vfs_open_trailing_slash", "vfs_open_dir_write_eisdir", "vfs_open_o_directory",
           "vfs_open_enametoolong", "vfs_path_enametoolong", "vfs_open_efault",
           "vfs_stat_efault", "vfs_access_rc", "vfs_access_x_root", "vfs_read_dir_eisdir")


@test(10, "create, write, read back, append, rename, truncate, unlink", parent=vfs_boot)
def vfs_create(t):
    passes(t, t.parent_boot, "vfs_create", "vfs_write_file", "vfs_create_excl_eexist",
           "vfs_read_back", "vfs_append", "vfs_rename", "vfs_rename_old_gone", "vfs_trunc",
           "vfs_unlink", "vfs_unlink_gone", "vfs_unlink_enoent", "vfs_unlink_dir_eperm")


@test(10, "mkdir, rmdir, getdents, chdir, fchdir, getcwd", parent=vfs_boot)
def vfs_dirs(t):
    passes(t, t.parent_boot, "vfs_mkdir", "vfs_mkdir_eexist", "vfs_rmdir_enotempty",
           "vfs_rmdir_enotdir", "vfs_getdents", "vfs_getdents_end", "vfs_getdents_enotdir",
           "vfs_chdir", "vfs_getcwd", "vfs_relative_open", "vfs_chdir_enotdir",
           "vfs_unlink_relative", "vfs_chdir_dotdot", "vfs_getcwd_erange", "vfs_fchdir",
           "vfs_rmdir", "vfs_rmdir_gone")


@test(10, "dup, dup2, fcntl, EMFILE", parent=vfs_boot)
def vfs_fds(t):
    passes(t, t.parent_boot, "vfs_dup", "vfs_dup_shares_offset", "vfs_dup2", "vfs_dup2_ebadf",
           "vfs_fcntl_dupfd", "vfs_fcntl_getfd", "vfs_fcntl_setfd", "vfs_fcntl_getfl",
           "vfs_fcntl_einval", "vfs_fcntl_ebadf", "vfs_emfile")


@test(10, "pipes: data, select, ESPIPE, EAGAIN, end of file; more pipes holding bytes than "
      "VFS has buffers, fstat's st_size, VFS's ring across its end", parent=vfs_boot)
def vfs_pipes(t):
    passes(t, t.parent_boot, "vfs_pipe2", "vfs_pipe_write", "vfs_select_pipe_ready",
           "vfs_pipe_read", "vfs_pipe_espipe", "vfs_pipe_read_wrong_end",
           "vfs_select_timeout", "vfs_pipe_eagain", "vfs_pipe_eof", "vfs_pipe_many",
           "vfs_pipe_fstat_size", "vfs_pipe_many_data", "vfs_pipe_ring")


@test(5, "pipes across fork; EPIPE and SIGPIPE", parent=vfs_boot)
def vfs_pipe_fork(t):
    passes(t, t.parent_boot, "vfs_pipe_fork", "vfs_pipe_epipe")


@test(5, "devices: /dev/null and /dev/zero through the memory driver; ENXIO",
      parent=vfs_boot)
def vfs_devices(t):
    passes(t, t.parent_boot, "vfs_open_dev_null", "vfs_write_dev_null", "vfs_read_dev_null",
           "vfs_read_dev_zero", "vfs_open_blk_enxio", "vfs_open_no_driver_enxio")


@test(5, "getvfsstat; mapdriver is RS's only, VM_EXEC_* VFS's only; unknown calls",
      parent=vfs_boot)
def vfs_misc(t):
    passes(t, t.parent_boot, "vfs_getvfsstat", "vfs_mapdriver_eperm", "vfs_unknown_call",
           "vm_exec_newmem_eperm")


@test(5, "a killed or exiting process lets go of its fds and its waiting read; 150 rounds "
      "of pipe, fork, create and unlink leak no filp or vnode",
      parent=vfs_boot)
def vfs_exit(t):
    passes(t, t.parent_boot, "vfs_kill_blocked_reader", "vfs_exit_cancels_read",
           "vfs_exit_closes_fds", "vfs_no_leaks")


@test(15, "exec: runs a program written to /tmp with its argv, envp and fds (FD_CLOEXEC "
      "closed); ENOENT, EACCES, ENOEXEC, E2BIG, EINVAL; memory comes back", parent=vfs_boot)
def vfs_exec(t):
    passes(t, t.parent_boot, "vfs_exec_write_program", "vfs_exec_enoent",
           "vfs_exec_eacces_noexec", "vfs_exec_eacces_dir", "vfs_exec_enoexec",
           "vfs_exec_truncated", "vfs_exec_e2big", "vfs_exec_bad_frame", "vfs_exec_runs",
           "vfs_exec_text_readonly", "vfs_exec_pages_back")


@test(5, "mount and umount: EINVAL, ENOTDIR, EBUSY", parent=vfs_boot)
def vfs_mount(t):
    passes(t, t.parent_boot, "vfs_mount_not_blk", "vfs_mount_bad_label", "vfs_mount_enotdir",
           "vfs_mount_busy_dev", "vfs_mount_busy_root", "vfs_umount_root_ebusy",
           "vfs_umount_einval")


@test(10, "umask, chmod, truncate, link; EACCES and EPERM after setuid", parent=vfs_boot)
def vfs_attrs(t):
    passes(t, t.parent_boot, "vfs_umask", "vfs_umask_applied", "vfs_ioctl_enotty",
           "vfs_chmod", "vfs_chmod_stat", "vfs_truncate", "vfs_truncate_size",
           "vfs_truncate_dir", "vfs_link", "vfs_link_nlink", "vfs_link_eexist",
           "vfs_link_dir_eperm", "vfs_permissions_setuid")


@test(10, "the console through VFS: write, select with a timeout, a typed line, a killed "
      "reader's request cancelled", timeout=120)
def vfs_tty(t):
    q = t.launch(modules=[VM, RS, DS, MEMORY, TTY, ROOTFS, MFS, PFS, VFS, PM, VT_TTY, SYSCONF],
                 timeout=110)
    q.wait_for(r"READY vfs_tty_read$", timeout=90)
    q.send("abc\r")
    q.wait_for(r"READY vfs_tty_after_cancel$", timeout=30)
    q.send("xyz\r")
    q.wait_for(r"DONE vfs_test \d+ passed, \d+ failed$", timeout=30)
    out = q.stop()
    t.match(out, r"vfs-tty-out")
    passes(t, out, "vfs_tty_open", "vfs_tty_write", "vfs_tty_select_timeout",
           "vfs_tty_select_ready", "vfs_tty_read", "vfs_tty_kill_reader",
           "vfs_tty_after_cancel")
