# Tests of the microkernel core beyond the basic IPC primitives: SENDA, IPC masks and stale
# endpoints, and the kernel calls (handouts/ipc.md, handouts/kernel-calls.md).
#
# Each group boots its in-guest test program of commands/tests/ once, in a 0-point parent;
# the scored children read the parent's console and check the PASS lines of one group of
# cases each, and that no FAIL line (of any case) and no panic appeared.  The programs'
# header comments describe their roles and cases:
#   ipc_senda.c   SENDA: immediate and queued delivery, AMF_NOTIFY, AMF_NOREPLY, a target
#                 that dies, bad entries, the table size limit, SENDA from a user process
#   ipc_mask.c    ipc= masks (ECALLDENIED), stale endpoints and slot reuse, partners that
#                 die while one is blocked on them
#   kcall_test.c  kernel calls: dispatch errors, sys_privctl, sys_runctl, sys_kill, signal
#                 managers (sys_getksig/sys_endksig), sys_setalarm, sys_times, sys_getinfo,
#                 sys_devio, sys_umap/sys_physcopy/sys_vircopy, sys_statectl, sys_update,
#                 and a user process dying on a direct `inb`
# The kernel-call boot has no VM, so the kernel loads the modules itself and, with
# poweroff_on_exit=1, powers off once every test process has exited: a clean power-off
# (status 33) shows the system survived everything.  A last test runs the kernel-call and
# SENDA programs together in one such boot.

from grader.core import test
from grader.qemu import EXIT_POWEROFF

from grader.tests.common import VM, T, boot_until  # noqa: F401

NO_FAIL = [r"^FAIL ", r"^panic"]
DONE_TAIL = r"\d+ passed, \d+ failed$"   # the end of a DONE line


def check_cases(t, out, *cases):
    """Every named case printed PASS; no case printed FAIL; no panic."""
    t.match(out, *[r"^PASS %s\b" % c for c in cases], no=NO_FAIL)


# ---- SENDA ---------------------------------------------------------------------------------

SENDA_MODULES = [VM, T + "ipc_senda priv=sys main", T + "ipc_senda priv=sys dest",
                 T + "ipc_senda priv=sys mute", T + "ipc_senda priv=user user"]


@test(0, "senda: boot the SENDA test programs", timeout=40)
def senda_boot(t):
    return boot_until(t, SENDA_MODULES, [r"^DONE ipc_senda " + DONE_TAIL,
                                         r"^DONE ipc_senda_dest " + DONE_TAIL,
                                         r"^DONE ipc_senda_user " + DONE_TAIL])


@test(5, "senda: delivered at once to a waiting receiver, else at its next RECEIVE",
      parent=senda_boot)
def senda_delivery(t):
    check_cases(t, t.parent_boot, "ipc_senda_immediate", "ipc_senda_immediate_received",
                "ipc_senda_queued_pending", "ipc_senda_queued_delivered",
                "ipc_senda_queued_result", "ipc_senda_queued_received")


@test(3, "senda: AMF_NOTIFY brings a notification from ASYNCM", parent=senda_boot)
def senda_notify(t):
    check_cases(t, t.parent_boot, "ipc_senda_notify_done", "ipc_senda_notify_asyncm",
                "ipc_senda_notify_received")


@test(5, "senda: an AMF_NOREPLY message never ends a SENDREC; it waits for a plain RECEIVE",
      parent=senda_boot)
def senda_noreply(t):
    check_cases(t, t.parent_boot, "ipc_senda_noreply_held", "ipc_senda_noreply_still_waiting",
                "ipc_senda_noreply_sendrec_gets_reply", "ipc_senda_noreply_delivered",
                "ipc_senda_noreply_result", "ipc_senda_noreply_received_after")


@test(4, "senda: a pending message to a process that is killed ends with EDEADSRCDST",
      parent=senda_boot)
def senda_dead_target(t):
    out = t.parent_boot
    check_cases(t, out, "ipc_senda_undeliverable_pending", "ipc_senda_kill_target",
                "ipc_senda_killed_target", "ipc_senda_killed_target_notify")
    t.match(out, r"^kernel: ipc_senda \(endpoint \d+\) killed by signal 15: sys_kill")


@test(4, "senda: bad entries (EINVAL, ECALLDENIED, EDEADSRCDST), EDOM, and users (ETRAPDENIED)",
      parent=senda_boot)
def senda_errors(t):
    out = t.parent_boot
    check_cases(t, out, "ipc_senda_bad_flags", "ipc_senda_kernel_task", "ipc_senda_dead_dst",
                "ipc_senda_notify_err", "ipc_senda_empty_untouched", "ipc_senda_too_large",
                "ipc_senda_stop", "ipc_senda_user")
    t.match(out, r"^DONE ipc_senda \d+ passed, 0 failed",
            r"^DONE ipc_senda_dest \d+ passed, 0 failed",
            r"^DONE ipc_senda_user 1 passed, 0 failed")


# ---- IPC masks, stale endpoints, dying partners ----------------------------------------------

MASK_MODULES = [VM, T + "ipc_mask priv=sys main", T + "ipc_mask priv=sys restricted ipc=vm",
                T + "ipc_mask priv=sys gone", T + "ipc_mask priv=sys server",
                T + "ipc_mask priv=sys deaf"]


@test(0, "mask: boot the IPC mask and stale endpoint test programs", timeout=40)
def mask_boot(t):
    return boot_until(t, MASK_MODULES, [r"^DONE ipc_mask " + DONE_TAIL,
                                          r"^DONE ipc_mask_restricted " + DONE_TAIL])


@test(5, "mask: a process started with ipc=vm gets ECALLDENIED sending to anyone else",
      parent=mask_boot)
def mask_denied(t):
    out = t.parent_boot
    check_cases(t, out, "ipc_mask_send_denied", "ipc_mask_sendnb_denied",
                "ipc_mask_notify_denied", "ipc_mask_sendrec_denied", "ipc_mask_senda_denied",
                "ipc_mask_allowed_target", "ipc_mask_restricted_receives",
                "ipc_mask_unrestricted_sender")
    t.match(out, r"^DONE ipc_mask_restricted \d+ passed, 0 failed")


@test(5, "mask: IPC to a dead process's endpoint is EDEADSRCDST, even once its slot is reused",
      parent=mask_boot)
def mask_stale_endpoint(t):
    check_cases(t, t.parent_boot, "ipc_mask_stale_getproc", "ipc_mask_stale_send",
                "ipc_mask_stale_sendrec", "ipc_mask_stale_notify", "ipc_mask_stale_sendnb",
                "ipc_mask_reuse_slot", "ipc_mask_reuse_new_generation",
                "ipc_mask_reuse_old_getproc", "ipc_mask_reuse_old_send",
                "ipc_mask_reuse_new_alive", "ipc_mask_reuse_cleared")


@test(5, "mask: a partner that dies wakes its blocked SENDREC or SEND with EDEADSRCDST",
      parent=mask_boot)
def mask_partner_dies(t):
    out = t.parent_boot
    check_cases(t, out, "ipc_mask_server_got_request", "ipc_mask_sendrec_partner_died",
                "ipc_mask_main_sending_to_deaf", "ipc_mask_send_partner_died")
    t.match(out, r"^DONE ipc_mask \d+ passed, 0 failed")


# ---- kernel calls ------------------------------------------------------------------------------

KCALL_MODULES = [T + "kcall_test priv=sys main", T + "kcall_test priv=sys peer",
                 T + "kcall_test priv=sys victim", T + "kcall_test priv=user user",
                 T + "kcall_test priv=sys server 1", T + "kcall_test priv=sys server 2"]


# A passing boot takes about 1 s; 15 s is enough under load, and a wrong sys_runctl that
# leaves the programs blocked fails in 15 s, not 40 (tools/labs/mutants.py runs it often).
@test(0, "kcall: boot the kernel-call test programs (no VM, poweroff_on_exit=1)", timeout=15)
def kcall_boot(t):
    return t.boot(cmdline="poweroff_on_exit=1", modules=KCALL_MODULES)


@test(3, "kcall: sys_getinfo, sys_times and unknown kernel calls (EBADREQUEST)",
      parent=kcall_boot)
def kcall_info(t):
    check_cases(t, t.parent_boot, "kcall_test_whoami", "kcall_test_get_hz",
                "kcall_test_get_uptime", "kcall_test_times_self", "kcall_test_times_none",
                "kcall_test_times_dead", "kcall_test_get_proc", "kcall_test_get_proc_dead",
                "kcall_test_get_proc_short", "kcall_test_get_proctab_short",
                "kcall_test_getinfo_unknown", "kcall_test_kmess_banner",
                "kcall_test_get_cmdline", "kcall_test_unknown_call_hole",
                "kcall_test_unknown_call_end")


@test(6, "kcall: sys_privctl errors, SET_USER/SET_SYS, and a restricted kernel-call mask",
      parent=kcall_boot)
def kcall_privctl(t):
    check_cases(t, t.parent_boot, "kcall_test_privctl_dead", "kcall_test_privctl_kernel_task",
                "kcall_test_privctl_allow_not_held", "kcall_test_privctl_set_sys_not_held",
                "kcall_test_privctl_set_user_not_held", "kcall_test_privctl_unknown",
                "kcall_test_privctl_add_io_bad_range", "kcall_test_privctl_add_irq_bad",
                "kcall_test_privctl_disallow_holds", "kcall_test_privctl_user_flags",
                "kcall_test_privctl_add_io_user", "kcall_test_privctl_add_irq_user",
                "kcall_test_privctl_sys_flags", "kcall_test_privctl_allow_runs",
                "kcall_test_mask_removed_call", "kcall_test_mask_kept_call",
                "kcall_test_mask_removed_kill", "kcall_test_mask_trap", "kcall_test_mask_ipc_to",
                "kcall_test_get_priv", "kcall_test_set_sys_clears_notifications",
                "kcall_test_defaults_calls")


@test(5, "kcall: sys_runctl stops and resumes; RC_DELAY waits for a send to finish",
      parent=kcall_boot, lab="runctl")
def kcall_runctl(t):
    check_cases(t, t.parent_boot, "kcall_test_runctl_bad_action",
                "kcall_test_runctl_kernel_task", "kcall_test_runctl_dead",
                "kcall_test_stop_flag", "kcall_test_stop_halts_progress",
                "kcall_test_resume_progress", "kcall_test_stopped_holds_message",
                "kcall_test_resumed_answers", "kcall_test_delay_stop_busy",
                "kcall_test_delay_stop_not_yet", "kcall_test_delayed_send_arrives",
                "kcall_test_delay_stop_after_send", "kcall_test_delayed_send_result",
                "kcall_test_delay_stop_idle_stops", "kcall_test_delay_stop_idle_resume")


@test(3, "kcall: sys_kill errors; a process without a signal manager is killed",
      parent=kcall_boot)
def kcall_kill(t):
    out = t.parent_boot
    check_cases(t, out, "kcall_test_kill_kernel_task", "kcall_test_kill_signal_zero",
                "kcall_test_kill_signal_too_big", "kcall_test_kill_dead",
                "kcall_test_kill", "kcall_test_kill_no_manager")
    t.match(out, r"^kernel: kcall_test \(endpoint 2\) killed by signal 15: sys_kill")


@test(6, "kcall: a signal manager collects signals with sys_getksig and releases with sys_endksig",
      parent=kcall_boot)
def kcall_signal_manager(t):
    check_cases(t, t.parent_boot, "kcall_test_endksig_not_manager",
                "kcall_test_endksig_kernel_task", "kcall_test_sigmgr_get_priv",
                "kcall_test_sigmgr_peer_held",
                "kcall_test_sigmgr_notified", "kcall_test_getksig", "kcall_test_getksig_none",
                "kcall_test_getksig_keeps_held", "kcall_test_sigmgr_stopped_until_endksig",
                "kcall_test_sigmgr_notified_again", "kcall_test_endksig_new_signal_keeps_held",
                "kcall_test_getksig_second", "kcall_test_endksig", "kcall_test_endksig_releases",
                "kcall_test_endksig_twice", "kcall_test_sigmgr_delay_stop",
                "kcall_test_sigsndelay_notified", "kcall_test_sigsndelay",
                "kcall_test_sigsndelay_send_result", "kcall_test_exit_notified",
                "kcall_test_exit_is_sigabrt", "kcall_test_exit_waits_for_manager",
                "kcall_test_clear_self", "kcall_test_clear", "kcall_test_clear_frees_slot",
                "kcall_test_clear_dead")


@test(3, "kcall: sys_setalarm notifies from CLOCK on time; cancelling returns the time left",
      parent=kcall_boot)
def kcall_alarm(t):
    check_cases(t, t.parent_boot, "kcall_test_alarm_set", "kcall_test_alarm_fires",
                "kcall_test_alarm_on_time", "kcall_test_alarm_cancel",
                "kcall_test_alarm_cancel_again", "kcall_test_alarm_absolute_fires")


@test(4, "kcall: sys_devio only on ports added with SYS_PRIV_ADD_IO (the CMOS clock)",
      parent=kcall_boot)
def kcall_devio(t):
    check_cases(t, t.parent_boot, "kcall_test_devio_no_ranges", "kcall_test_add_io_self",
                "kcall_test_devio_outb", "kcall_test_devio_inb", "kcall_test_devio_cmos_seconds",
                "kcall_test_devio_outside", "kcall_test_devio_crosses_limit",
                "kcall_test_devio_bad_size", "kcall_test_devio_bad_request")


@test(3, "kcall: a user process gets ECALLDENIED and dies on a direct inb; the system goes on",
      parent=kcall_boot)
def kcall_user(t):
    out = t.parent_boot
    check_cases(t, out, "kcall_test_user_kill_denied", "kcall_test_user_runctl_denied",
                "kcall_test_user_setalarm_denied")
    t.match(out, r"^DONE kcall_test_user 3 passed, 0 failed",
            r"^kcall_test_user: about to execute inb",
            r"^kernel: kcall_test \(endpoint 3\) killed by signal 11: general protection "
            r"\(vector 13\)", r"^DONE kcall_test \d+ passed, 0 failed",
            no=NO_FAIL + [r"^FAIL kcall_test_user_inb"])


@test(4, "kcall: sys_umap, sys_physcopy and sys_vircopy move the right bytes", parent=kcall_boot)
def kcall_copy(t):
    check_cases(t, t.parent_boot, "kcall_test_umap", "kcall_test_umap_offset",
                "kcall_test_physcopy_read", "kcall_test_physcopy_write",
                "kcall_test_umap_unmapped", "kcall_test_umap_empty", "kcall_test_umap_kernel_task",
                "kcall_test_physcopy_beyond_ram", "kcall_test_vircopy_from_peer",
                "kcall_test_vircopy_peer_sees", "kcall_test_vircopy_none",
                "kcall_test_vircopy_dead", "kcall_test_vircopy_unmapped")


@test(3, "kcall: sys_statectl(CLEAR_IPC_REFS) wakes blocked partners with EDEADSRCDST",
      parent=kcall_boot)
def kcall_statectl(t):
    check_cases(t, t.parent_boot, "kcall_test_statectl_unknown", "kcall_test_clear_ipc_refs",
                "kcall_test_clear_wakes_receiver", "kcall_test_clear_ipc_refs_again",
                "kcall_test_clear_wakes_sender")


@test(3, "kcall: sys_update swaps a server and its replica under the old endpoints; a blocked "
         "send follows its code",
      parent=kcall_boot)
def kcall_update(t):
    check_cases(t, t.parent_boot, "kcall_test_update_before", "kcall_test_update_runnable",
                "kcall_test_update_same", "kcall_test_update_kernel_task",
                "kcall_test_update_dead", "kcall_test_update",
                "kcall_test_update_new_code_old_endpoint",
                "kcall_test_update_old_code_new_endpoint", "kcall_test_update_sending",
                "kcall_test_update_send_follows_code", "kcall_test_update_no_slot_left_sending",
                "kcall_test_update_swapped_back")


@test(4, "kcall: the system survives every kernel-call test and powers off cleanly",
      parent=kcall_boot)
def kcall_survives(t):
    out = t.parent_boot
    t.match(out, r"^DONE kcall_test \d+ passed, 0 failed",
            r"^DONE kcall_test_user \d+ passed, 0 failed", no=NO_FAIL)
    t.assert_exit(out, EXIT_POWEROFF)


@test(5, "kcall/senda: both suites at once without VM; no panic, a clean power-off", timeout=40)
def kcall_senda_survive(t):
    """Ten processes without VM: ipc_senda's mute lands in slot 8 (VM_PROC_NR), which must
    then be an ordinary process, killed by sys_kill like any other."""
    modules = KCALL_MODULES + [m for m in SENDA_MODULES if m != VM]
    out = t.boot(cmdline="poweroff_on_exit=1", modules=modules)
    t.match(out, r"^DONE kcall_test \d+ passed, 0 failed",
            r"^DONE kcall_test_user \d+ passed, 0 failed",
            r"^DONE ipc_senda \d+ passed, 0 failed",
            r"^DONE ipc_senda_dest \d+ passed, 0 failed",
            r"^DONE ipc_senda_user 1 passed, 0 failed", no=NO_FAIL)
    t.assert_exit(out, EXIT_POWEROFF)
