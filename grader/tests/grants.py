# Tests of memory grants and safe copies (handouts/grants.md; lab "grants").
#
# One boot runs the in-guest grant tests: grant_owner (the granter, which runs every case
# and prints one PASS/FAIL line each) and its grant_peer helpers, all as boot modules (see
# commands/tests/grant_owner.c).  Module order matters: the peer "vfs" must be module 1 so
# that it runs in slot VFS_PROC_NR, the only one whose magic grants the kernel honours.
# With poweroff_on_exit=1 the kernel powers off when the last process has exited.
#
# The parent is not tagged with the lab (like the boot lab's parent): --lab grants runs it
# anyway, as the parent of the lab's tests.  Each scored child checks the PASS lines of one group of cases and that no line of that
# group (nor any panic) says FAIL, so a failure names the broken case.

from grader.core import test

TESTS = "build/commands/tests/"
GRANT_MODULES = [
    TESTS + "grant_owner priv=sys",
    TESTS + "grant_peer priv=sys vfs",
    TESTS + "grant_peer priv=sys server",
    TESTS + "grant_peer priv=sys third",
    TESTS + "grant_peer priv=sys relay",
    TESTS + "grant_peer user 0",     # 0: grant_owner's endpoint (module 0)
]


# A passing boot takes about 1 s; a grant walk that never ends hangs the owner, which then
# fails in 15 s (tools/labs/mutants.py runs the lab's mutants through this boot).
@test(0, "grants: boot the grant test programs", timeout=15)
def grants_boot(t):
    """Boot once; the children read the PASS/FAIL lines."""
    return t.boot(cmdline="poweroff_on_exit=1", modules=GRANT_MODULES,
                  stop=r"^DONE grant_owner \d+ passed, \d+ failed")


def check_cases(t, *cases):
    """Every case printed PASS, none printed FAIL, and the owner got to its end."""
    out = t.parent_boot
    t.match(out, *[r"^PASS grant_%s\b" % c for c in cases],
            no=[r"^FAIL grant_%s\b" % c for c in cases] + [r"^FAIL grant_peer", r"^panic"])
    t.match(out, r"^DONE grant_owner \d+ passed")


@test(8, "grants: in-range copies work; past the end or the wrong direction is EPERM",
      lab="grants", parent=grants_boot)
def grants_direct(t):
    check_cases(t, "copy_in_range", "copy_offset", "copy_past_end", "copy_too_long",
                "copy_overflow", "copyto_readonly", "copyto_write", "copyfrom_writeonly")


@test(5, "grants: a third party cannot use somebody else's grant", lab="grants",
      parent=grants_boot)
def grants_third_party(t):
    check_cases(t, "third_party", "any_grantee", "indirect_wrong_grantee", "magic_vfs_third")


@test(6, "grants: revoked grants fail at once; a reused slot ignores the old id",
      lab="grants", parent=grants_boot)
def grants_revoke(t):
    check_cases(t, "revoke_first_copy", "revoke", "revoked_copy", "revoke_twice",
                "reuse_slot", "reuse_old_id", "reuse_new_id", "wrong_generation",
                "indirect_root_revoked", "getgrants", "reserved_unusable", "reserved_filled",
                "disabled")


@test(6, "grants: indirect chains work; too long or cyclic chains are ELOOP", lab="grants",
      parent=grants_boot)
def grants_indirect(t):
    check_cases(t, "indirect_chain3", "indirect_offset", "indirect_past_end",
                "indirect_no_write", "indirect_depth5", "indirect_depth6", "indirect_selfref")


@test(5, "grants: only VFS's magic grants work", lab="grants", parent=grants_boot)
def grants_magic(t):
    check_cases(t, "magic_not_vfs", "magic_vfs_read", "magic_vfs_write", "magic_vfs_past_end",
                "magic_vfs_revoked")


@test(5, "grants: sys_vsafecopy checks every element and stops at the first failure",
      lab="grants", parent=grants_boot)
def grants_vsafecopy(t):
    check_cases(t, "vsafecopy", "vsafecopy_both_self", "vsafecopy_no_self",
                "vsafecopy_too_many", "vsafecopy_stops")


@test(3, "grants: sys_safememset fills a writable grant only", lab="grants",
      parent=grants_boot)
def grants_safememset(t):
    check_cases(t, "safememset", "safememset_readonly", "safememset_past_end")


@test(6, "grants: bad ids, granters and buffers give EINVAL, EPERM or EFAULT; an entry "
      "in use but not valid, or just past the table's end, is EPERM",
      lab="grants", parent=grants_boot)
def grants_bad_arguments(t):
    check_cases(t, "bad_id", "bad_granter", "stale_granter", "index_beyond_table",
                "granter_without_table", "kernel_granter", "bad_local_buffer",
                "kernel_local_buffer", "unmapped_granted_memory", "try_unmapped",
                "hand_table", "hand_table_copy", "used_not_valid", "index_at_table_end",
                "hand_table_reload")


@test(6, "grants: the libsys table grows and sys_setgrant checks its arguments",
      lab="grants", parent=grants_boot)
def grants_table(t):
    check_cases(t, "lib_no_access", "lib_bad_access", "lib_wrapping_range", "lib_revoke_bad",
                "table_growth", "table_growth_first", "table_growth_last",
                "setgrant_negative", "setgrant_too_big", "setgrant_kernel_addr",
                "setgrant_rejected_keeps_table", "setgrant_remove",
                "no_table_after_remove", "reload", "reload_copy",
                "user_setgrant", "user_safecopy", "user_cpf")
