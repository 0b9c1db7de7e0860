# Tests of the microkernel core: processes and IPC (handouts/ipc.md).
#
# Each test boots the in-guest test programs of commands/tests/ as boot modules.  Module
# arguments: priv=sys (system process) or priv=user; every word is the program's argv.  The
# programs print "PASS <case>" / "FAIL <case>: <why>" per case and "DONE <program> N passed,
# M failed" at the end.  Most boots include VM (build/servers/vm/vm), which builds the other
# boot processes' address spaces as in MINIX; a boot without VM has the kernel load them.
#
# The ipc lab's boots pass in about 1 s: they time out after 15 s (ipc_deadlock 10 s), so
# that a wrong solution that leaves processes blocked fails fast (tools/labs/mutants.py).

from grader.core import test
from grader.qemu import EXIT_POWEROFF

from grader.tests.common import VM, T, boot_until, done_line, passes


@test(0, "boot with VM: IPC ping-pong", timeout=15)
def ipc_vm_boot(t):
    return boot_until(t, [VM, T + "ipc_pingpong priv=sys server",
                          T + "ipc_pingpong priv=sys client ipc_pingpong 10000"],
                      [done_line("ipc_pingpong")])


@test(5, "VM builds the boot processes' address spaces", parent=ipc_vm_boot)
def vm_loads_boot_processes(t):
    out = t.parent_boot
    t.match(out, r"^boot: process 8 vm, system, entry 0x",
            r"^boot: process 0 ipc_pingpong, system, for VM to load",
            r"^boot: process 1 ipc_pingpong, system, for VM to load",
            r"^vm: \d+ of \d+ pages free")


@test(10, "10,000 SENDREC round trips between two processes", lab="ipc", parent=ipc_vm_boot)
def ipc_pingpong(t):
    out = t.parent_boot
    passes(t, out, "ipc_pingpong_10000", "ipc_pingpong_fastpath", "ipc_pingpong_quit")
    t.match(out, r"^DONE ipc_pingpong 3 passed, 0 failed")


@test(5, "IPC through int $33 when sysenter is switched off", lab="ipc", timeout=15)
def ipc_int_path(t):
    out = boot_until(t, [VM, T + "ipc_pingpong priv=sys server",
                         T + "ipc_pingpong priv=sys client ipc_pingpong 2000"],
                     [done_line("ipc_pingpong")], cmdline="no_sysenter")
    t.match(out, r"^kerninfo: page at 0xeffff000, IPC by int \$33$")
    passes(t, out, "ipc_pingpong_2000")


@test(10, "IPC errors: bad endpoints, pointers and calls; SENDNB; ELOCKED on oneself",
      lab="ipc", timeout=15)
def ipc_errors(t):
    out = boot_until(t, [VM, T + "ipc_errors priv=sys main", T + "ipc_errors priv=sys peer"],
                     [done_line("ipc_errors")])
    t.match(out, r"^DONE ipc_errors \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(10, "notifications collapse and wait while a SENDREC waits for its reply",
      lab="ipc", timeout=15)
def ipc_notify(t):
    out = boot_until(t, [VM, T + "ipc_notify priv=sys sink ipc_notify",
                         T + "ipc_notify priv=sys source ipc_notify"],
                     [done_line("ipc_notify_sink"), done_line("ipc_notify_source")])
    t.match(out, r"^DONE ipc_notify_sink \d+ passed, 0 failed",
            r"^DONE ipc_notify_source \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


# A wrong deadlock check blocks the three processes for good: 10 s is 15 times what a passing
# run takes, so that mutants of the lab are caught quickly (tools/labs/mutants.py).
@test(10, "deadlocks: two senders, two receivers, a cycle of three: ELOCKED", lab="ipc",
      timeout=10)
def ipc_deadlock(t):
    out = boot_until(t, [VM, T + "ipc_deadlock priv=sys a", T + "ipc_deadlock priv=sys b",
                         T + "ipc_deadlock priv=sys c"],
                     [done_line("ipc_deadlock_a"), done_line("ipc_deadlock_b"),
                      done_line("ipc_deadlock_c")])
    passes(t, out, "ipc_deadlock_elocked", "ipc_deadlock_receive_elocked",
           "ipc_deadlock_cycle3_elocked", "ipc_deadlock_hello2", "ipc_deadlock_hop_received")
    t.match(out, r"^DONE ipc_deadlock_a \d+ passed, 0 failed",
            r"^DONE ipc_deadlock_b \d+ passed, 0 failed",
            r"^DONE ipc_deadlock_c \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(10, "a caller queue: first come first served, RECEIVE from one sender, queued SENDREC",
      lab="ipc", timeout=15)
def ipc_queue(t):
    out = boot_until(t, [VM, T + "ipc_queue priv=sys recv"] + [T + "ipc_queue priv=sys send"] * 3,
                     [done_line("ipc_queue_recv")] +
                     [done_line("ipc_queue_s%d" % k) for k in (1, 2, 3)])
    passes(t, out, "ipc_queue_by_source", "ipc_queue_fifo_first", "ipc_queue_sendrec_status",
           "ipc_queue_s3_reply")
    t.match(out, *[r"^DONE ipc_queue_%s \d+ passed, 0 failed" % p
                   for p in ("recv", "s1", "s2", "s3")], no=[r"^FAIL ", r"^panic"])


@test(5, "REPLYREC: an answer and the next receive in one call; a failed answer is dropped "
         "and the receive still happens; EFAULT sends nothing; users are refused",
      lab="ipc", timeout=15)
def ipc_replyrec(t):
    out = boot_until(t, [VM, T + "ipc_replyrec priv=sys server", T + "ipc_replyrec priv=sys client",
                         T + "ipc_replyrec priv=user user"],
                     [done_line("ipc_replyrec_server"), done_line("ipc_replyrec_client"),
                      done_line("ipc_replyrec_user")])
    passes(t, out, "replyrec_none_receives", "replyrec_answer_then_receive",
           "replyrec_not_waiting", "replyrec_dead_destination", "replyrec_any_destination",
           "replyrec_self_destination", "replyrec_readonly_buffer", "replyrec_unmapped_buffer",
           "replyrec_quit", "replyrec_answer_seen", "replyrec_next_answer_seen",
           "replyrec_nothing_sent_on_efault", "replyrec_user_refused")
    t.match(out, *[r"^DONE ipc_replyrec_%s \d+ passed, 0 failed" % p
                   for p in ("server", "client", "user")], no=[r"^FAIL ", r"^panic"])


@test(10, "a user process may only SENDREC and dies touching the kernel", timeout=30)
def ipc_user_privileges(t):
    out = t.boot(cmdline="poweroff_on_exit=1", modules=[T + "ipc_user priv=user"])
    t.match(out, r"^DONE ipc_user \d+ passed, 0 failed",
            r"^ipc_user: about to touch a kernel address",
            r"^kernel: ipc_user \(endpoint 0\) killed by signal 11: page fault \(read 0xf0100000\)",
            no=[r"^FAIL ", r"^panic"])
    t.assert_exit(out, EXIT_POWEROFF)


@test(5, "a user page fault goes to VM, which raises SIGSEGV; the system goes on", timeout=40)
def user_fault_to_vm(t):
    out = boot_until(t, [VM, T + "ipc_user priv=user", T + "ipc_pingpong priv=sys server",
                         T + "ipc_pingpong priv=sys client ipc_pingpong 100"],
                     [r"^kernel: ipc_user .* killed by signal 11: sys_kill", done_line("ipc_pingpong")])
    t.match(out, r"^vm: endpoint 0: read fault at 0xf0100000 \(eip 0x[0-9a-f]+\): no such memory, SIGSEGV",
            r"^kernel: ipc_user \(endpoint 0\) killed by signal 11: sys_kill",
            r"^DONE ipc_pingpong 3 passed, 0 failed", no=[r"^panic"])


@test(5, "a corrupt boot module is refused with ENOEXEC; the rest boots", timeout=40)
def bad_boot_module(t):
    junk = t.write_file("junk.elf", b"\x7fELF" + bytes(200))
    out = boot_until(t, [VM, junk + " priv=sys", T + "ipc_pingpong priv=sys server",
                         T + "ipc_pingpong priv=sys client ipc_pingpong 100"],
                     [done_line("ipc_pingpong")])
    t.match(out, r"^vm: boot module \S*junk.elf priv=sys not started: not an i386 ELF executable",
            r"^DONE ipc_pingpong 3 passed, 0 failed", no=[r"^panic"])
    out = t.boot(cmdline="poweroff_on_exit=1", modules=[junk, T + "libc_basic priv=user"])
    t.match(out, r"^boot: module 0 \(\S*junk.elf\) not started: not an i386 ELF executable \(ENOEXEC\)",
            r"^DONE libc_basic \d+ passed, 0 failed")
    t.assert_exit(out, EXIT_POWEROFF)


@test(5, "the user C library works in a process", timeout=30)
def libc_basic(t):
    out = t.boot(cmdline="poweroff_on_exit=1", modules=[T + "libc_basic priv=user"])
    t.match(out, r"^DONE libc_basic \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])
    t.assert_exit(out, EXIT_POWEROFF)
