# Tests of PM with a VFS present (handouts/pm.md): the PM <-> VFS
# protocol, exec, sigaction/sigprocmask, getsysinfo, gettimeofday.
#
# One boot carries VM, RS, DS, PM, a fake VFS (commands/tests/pm_vfs.c, built as
# build/commands/tests/pm_vfs/vfs so the kernel gives it VFS's slot and sets KIF_VFS) and
# commands/tests/pm_calls.c as a user process.  The fake VFS checks the protocol from its
# side (its own PASS/FAIL lines and DONE pm_vfs) and holds every VFS_PM_FORK answer back
# and VFS_PM_INIT answer back for a few ticks; pm_calls checks the calls from a process's
# side.  A second boot runs pm_calls with the argument "reboot": PM must have VFS write
# everything back before it powers off.

from grader.core import test
from grader.qemu import EXIT_POWEROFF
from grader.tests.common import SYSCONF, VM, RS, PM, boot_until, done_line, passes

DS = "build/servers/ds/ds priv=sys"
FAKE_VFS = "build/commands/tests/pm_vfs/vfs priv=sys"
CALLS = "build/commands/tests/pm_calls priv=user"


@test(0, "boot VM, RS, DS, PM, a fake VFS and a user test process", timeout=90)
def pm_vfs_boot(t):
    return boot_until(t, [VM, RS, DS, PM, FAKE_VFS, CALLS, SYSCONF],
                      [done_line("pm_calls"), done_line("pm_vfs")],
                      cmdline="vm_sanity=1", timeout=80)


@test(5, "PM announces every boot process to VFS and keeps calls until VFS answers",
      parent=pm_vfs_boot)
def pm_vfs_init(t):
    t.match(t.parent_boot, r"^pm: \d+ processes, init absent \(PM adopts orphans\), VFS runs",
            r"^pm_vfs: PM announced \d+ processes")
    passes(t, t.parent_boot, "pm_vfs_init", "pm_calls_first_fork", "pm_calls_vfs_stats",
           "pm_calls_vfs_knows_me")


@test(10, "fork, exit, setsid and setuid go through VFS; answers wait for VFS's",
      parent=pm_vfs_boot)
def pm_vfs_fork_exit(t):
    passes(t, t.parent_boot, "pm_calls_fork_gated", "pm_calls_exit_told",
           "pm_calls_setsid_told", "pm_calls_setuid", "pm_calls_setuid_told",
           "pm_calls_setuid_eperm", "pm_calls_ids_child")
    t.match(t.parent_boot, r"^DONE pm_vfs \d+ passed, 0 failed", no=[r"^pm: VFS answer"])


@test(5, "a fork VFS refuses fails cleanly; SIGKILL during a child's VFS_PM_FORK waits",
      parent=pm_vfs_boot)
def pm_vfs_fork_edges(t):
    passes(t, t.parent_boot, "pm_calls_fork_refused", "pm_calls_fork_refused_no_leak",
           "pm_calls_fork_refused_no_child", "pm_calls_kill_in_fork_pid",
           "pm_calls_kill_in_fork_timing", "pm_calls_kill_in_fork")
    t.match(t.parent_boot, r"^DONE pm_vfs \d+ passed, 0 failed")


@test(10, "exec: VFS's errors reach execve, PM's own checks, death after the point of "
          "no return, a successful exec", parent=pm_vfs_boot)
def pm_vfs_exec(t):
    passes(t, t.parent_boot, "pm_calls_exec_enoexec", "pm_calls_exec_enoent",
           "pm_calls_exec_enametoolong", "pm_calls_exec_e2big_libc",
           "pm_calls_exec_e2big_pm", "pm_calls_exec_einval_len",
           "pm_calls_exec_einval_nul", "pm_calls_exec_efault", "pm_calls_exec_gone",
           "pm_vfs_exec_frame", "pm_calls_exec_name", "pm_calls_exec_ign_kept",
           "pm_calls_exec_mask_kept", "pm_calls_exec_jump")


@test(10, "sigaction SIG_IGN/SIG_DFL, sigprocmask blocks then delivers, SIGCHLD ignored",
      parent=pm_vfs_boot)
def pm_vfs_signals(t):
    passes(t, t.parent_boot, "pm_calls_sigaction_zero", "pm_calls_sigaction_range",
           "pm_calls_sigaction_sigkill", "pm_calls_sigaction_handler",
           "pm_calls_sigaction_handler_old",
           "pm_calls_sigaction_efault", "pm_calls_sigaction_old_dfl",
           "pm_calls_signal_old", "pm_calls_sig_ign_kill", "pm_calls_signal_old_ign",
           "pm_calls_sig_dfl_kills", "pm_calls_sig_ign_inherited",
           "pm_calls_sigprocmask_how", "pm_calls_sigprocmask_efault",
           "pm_calls_sigmask_read", "pm_calls_blocked_survives",
           "pm_calls_unblock_delivers", "pm_calls_sigchld_child", "pm_calls_sigchld_ignored",
           "pm_calls_sigchld_sig_ign")


@test(5, "getsysinfo lists PM's and the kernel's processes; gettimeofday and time",
      parent=pm_vfs_boot)
def pm_vfs_sysinfo_time(t):
    passes(t, t.parent_boot, "pm_calls_sysinfo_proc", "pm_calls_sysinfo_kproc",
           "pm_calls_sysinfo_short", "pm_calls_sysinfo_rows", "pm_calls_sysinfo_einval",
           "pm_calls_sysinfo_efault", "pm_calls_gettimeofday", "pm_calls_time_2024",
           "pm_calls_time_agrees", "pm_calls_time_efault")
    t.match(t.parent_boot, r"^DONE pm_calls \d+ passed, 0 failed")


@test(5, "100 fork/exit/wait with VFS: every exit's second half frees its memory",
      parent=pm_vfs_boot)
def pm_vfs_loop(t):
    passes(t, t.parent_boot, "pm_calls_loop", "pm_calls_loop_no_leak")
    t.match(t.parent_boot, r"^DONE pm_calls \d+ passed, 0 failed", no=[r".*sanity: "])


@test(5, "reboot with VFS: VFS_PM_REBOOT first, then the power goes off", timeout=60)
def pm_vfs_reboot(t):
    out = t.boot(modules=[VM, RS, DS, PM, FAKE_VFS, CALLS + " reboot", SYSCONF], timeout=50)
    t.match(out, r"^PASS pm_calls_first_fork", r"^pm_calls: rebooting$", r"^pm_vfs: REBOOT$",
            r"^kernel: power off requested by pm$", no=[r"^panic", r"^FAIL ",
                                                       r"^pm_calls: reboot failed"])
    t.assert_exit(out, EXIT_POWEROFF)
