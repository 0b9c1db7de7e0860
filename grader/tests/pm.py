# Tests of the process manager (handouts/pm.md).
#
# One boot carries VM, RS, DS, PM and commands/tests/pm_test.c as a user process: PM gives
# it a pid (its parent is PM, pid 0) and is the signal manager of it and of every child it
# forks.  VM runs its sanity checks (vm_sanity=1) through all the forks and exits.  No init
# runs, so PM adopts orphans itself (getppid() says 1) and reaps them.
#
# The leak checks here (and in every in-guest test) compare VM's free pages through
# testlib's test_free_pages(); testlib_free_pages proves that without VM it fails by name
# and ends the program instead of returning a 0 that equals another 0.

from grader.core import test
from grader.qemu import EXIT_POWEROFF
from grader.tests.common import SYSCONF, VM, RS, PM, boot_until, done_line, passes

DS = "build/servers/ds/ds priv=sys"
PT = "build/commands/tests/pm_test priv=user"


@test(0, "boot VM, RS, DS, PM and a user test process", timeout=90)
def pm_boot(t):
    return boot_until(t, [VM, RS, DS, PM, PT, SYSCONF], [done_line("pm_test")],
                      cmdline="vm_sanity=1", timeout=80)


@test(5, "PM numbers the boot processes; pids, parents, wait without children",
      parent=pm_boot)
def pm_identity(t):
    t.match(t.parent_boot, r"^pm: \d+ processes, init absent")
    passes(t, t.parent_boot, "pm_getpid", "pm_getppid_boot", "pm_wait_no_children",
           "pm_waitpid_wnohang_no_children")


@test(10, "fork and wait: the child's pid and exit status, getpid/getppid both ways",
      parent=pm_boot)
def pm_fork_wait(t):
    passes(t, t.parent_boot, "pm_fork", "pm_wait_exited", "pm_child_getpid", "pm_wait_any")


@test(5, "copy-on-write through fork: each side sees its own global", parent=pm_boot)
def pm_cow(t):
    passes(t, t.parent_boot, "pm_cow_separate")


@test(10, "waitpid WNOHANG with a running child; kill SIGTERM ends it", parent=pm_boot)
def pm_kill(t):
    passes(t, t.parent_boot, "pm_waitpid_wnohang_running", "pm_kill_sigterm",
           "pm_kill_killed", "pm_kill_reaped_gone", "pm_kill_esrch", "pm_kill_einval",
           "pm_kill_self_check", "pm_kill_sigchld_ignored")


@test(10, "a NULL write kills the child with SIGSEGV; its parent's wait sees signal 11",
      parent=pm_boot)
def pm_sigsegv(t):
    passes(t, t.parent_boot, "pm_sigsegv_signaled")


@test(10, "zombies are kept until waited for; orphans are re-parented and reaped",
      parent=pm_boot)
def pm_zombie_orphan(t):
    passes(t, t.parent_boot, "pm_zombie_exited_first", "pm_zombie_exists",
           "pm_zombie_status", "pm_zombie_gone", "pm_orphan_ppid_init",
           "pm_reparent_grandchild", "pm_reparent_reaped", "pm_reparent_memory")


@test(10, "sessions, process groups, user and group ids", parent=pm_boot)
def pm_ids(t):
    passes(t, t.parent_boot, "pm_setsid", "pm_getpgrp", "pm_setsid_leader_eperm",
           "pm_setpgid_session_leader", "pm_root_ids", "pm_setgid", "pm_setuid",
           "pm_setuid_ids", "pm_setuid_eperm", "pm_setuid_same", "pm_kill_eperm",
           "pm_ids_child_exit", "pm_setpgid_child", "pm_waitpid_group")


@test(10, "200 fork/exit/wait in a row; VM's free pages back to the baseline", parent=pm_boot)
def pm_loop(t):
    passes(t, t.parent_boot, "pm_loop", "pm_loop_no_leak")
    t.match(t.parent_boot, r"^vm: \d+ of \d+ pages free, sanity checks on",
            r"^DONE pm_test \d+ passed, 0 failed", no=[r".*sanity: "])


@test(5, "without a VFS: exec is ENOSYS; sigaction, sigprocmask, gettimeofday work",
      parent=pm_boot)
def pm_no_vfs(t):
    passes(t, t.parent_boot, "pm_exec_no_vfs", "pm_sig_calls_no_vfs", "pm_gettimeofday_no_vfs")


TC = "build/commands/tests/testlib_check priv=user"


@test(0, "the in-guest leak checks fail loudly when VM does not answer (testlib)", timeout=40)
def testlib_free_pages(t):
    out = t.boot(cmdline="poweroff_on_exit=1", modules=[TC])
    t.match(out, r"^FAIL testlib_check_vm_info: VM did not answer VM_INFO \(\w+\)",
            r"^DONE testlib_check 0 passed, 1 failed$",
            no=[r"^(PASS|FAIL) testlib_check_free_pages\b", r"^panic"])
    t.assert_exit(out, EXIT_POWEROFF)
    out = boot_until(t, [VM, TC], [done_line("testlib_check")])
    passes(t, out, "testlib_check_free_pages")


@test(5, "reboot(RBT_POWEROFF) through PM powers the machine off (the PM benchmarks run first)",
      timeout=60)
def pm_reboot_poweroff(t):
    out = t.boot(modules=[VM, RS, "build/servers/ds/ds priv=sys", PM,
                          "build/commands/bench/pm_bench priv=user", SYSCONF], timeout=50)
    t.match(out, r"^bench: getpid \d+$", r"^bench: fork_exit_wait \d+$",
            r"^kernel: power off requested by pm$", no=[r"^panic", r"^pm_bench: reboot failed"])
    t.assert_exit(out, EXIT_POWEROFF)
