# Tests of safemap: mapping a granter's pages through a grant with CPF_MAP (sys_safemap,
# sys_saferevmap_gid/addr, sys_safeunmap; kernel/system/do_safemap.c, servers/vm/safemap.c).
#
# One boot runs commands/tests/safemap_owner.c (slot 0, PM's, so that it may free its dead
# peers' memory with VM_EXIT as PM would), VM, and two safemap_peer helpers, with VM's
# sanity checks on.  The owner prints one PASS/FAIL line per case (see its header); both
# peers end by SIGSEGV on purpose: the grantee touching a mapping its granter revoked, the
# other writing a read-only mapping.  Each scored child checks one group of cases.

from grader.core import test
from grader.tests.common import VM, boot_until, done_line

T = "build/commands/tests/"
SAFEMAP_MODULES = [
    T + "safemap_owner priv=sys",
    VM,
    T + "safemap_peer priv=sys grantee",
    T + "safemap_peer priv=sys other",
]


@test(0, "boot: the safemap test programs", timeout=60)
def safemap_boot(t):
    return boot_until(t, SAFEMAP_MODULES, [done_line("safemap_owner")],
                      cmdline="vm_sanity=1")


def check_cases(t, *cases):
    """Every case printed PASS, none of them FAIL, the owner finished, VM kept its sanity
    (a failing case fails its own group only)."""
    out = t.parent_boot
    t.match(out, *[r"^PASS safemap_%s$" % c for c in cases],
            no=[r"^FAIL safemap_%s\b" % c for c in cases] +
               [r"^FAIL safemap_peer", r"^panic", r".*sanity: "])
    t.match(out, r"^DONE safemap_owner \d+ passed")


@test(6, "safemap: the grantee and the granter share pages, read-only or writable",
      parent=safemap_boot)
def safemap_sharing(t):
    check_cases(t, "map", "peer_reads", "sees_owner_writes", "map_writable",
                "owner_sees_peer_writes", "peer_sees_owner_again")


@test(6, "safemap: no map bit, a bad grant or a third party is EPERM/EINVAL as for a "
      "safe copy; unaligned is EINVAL, out of range EPERM", parent=safemap_boot)
def safemap_errors(t):
    check_cases(t, "no_map_bit", "unaligned_offset", "unaligned_address", "unaligned_size",
                "zero_size", "out_of_range", "past_end", "unaligned_grant",
                "write_needs_write", "bad_id", "revoked_grant", "bad_granter",
                "third_party", "address_taken", "kernel_address", "kerninfo_address",
                "vm_refuses_direct",
                "revmap_bad_id", "unmap_unaligned", "unmap_nothing")


@test(4, "safemap: safeunmap by the grantee; indirect grants; saferevmap by address",
      parent=safemap_boot)
def safemap_unmap_indirect(t):
    check_cases(t, "unmap", "unmap_twice", "revmap_not_granter", "indirect",
                "indirect_reads", "revmap_addr", "revmap_addr_removed",
                "revmap_addr_only_covering")


@test(5, "safemap: saferevmap by grant id; the grantee's next access is SIGSEGV",
      parent=safemap_boot)
def safemap_revoke(t):
    check_cases(t, "revmap_gid", "revoked_access_faults", "vm_exit_grantee")
    t.match(t.parent_boot,
            r"^safemap_owner: the grantee now reads revoked memory",
            r"^vm: endpoint \d+: read fault at 0x80060000 \(eip 0x[0-9a-f]+\): "
            r"no such memory, SIGSEGV",
            r"^kernel: safemap_peer \(endpoint \d+\) killed by signal 11: sys_kill")


@test(5, "safemap: writing a read-only mapping is SIGSEGV and changes nothing",
      parent=safemap_boot)
def safemap_readonly(t):
    check_cases(t, "owner_maps_peer_page", "owner_reads_peer_page", "readonly_map",
                "readonly_reads", "readonly_write_faults", "readonly_unchanged")
    t.match(t.parent_boot,
            r"^vm: endpoint \d+: write fault at 0x80070000 \(eip 0x[0-9a-f]+\): "
            r"write to read-only memory, SIGSEGV")


@test(4, "safemap: a granter's fork gives the child a copy; granter and grantee still share",
      parent=safemap_boot)
def safemap_fork(t):
    check_cases(t, "fork_granter", "fork_keeps_sharing", "fork_child_has_copy",
                "fork_child_freed")


@test(6, "safemap: a shared page is freed with its last mapping, whichever side goes first "
      "(VM_INFO); VM's sanity checks hold", parent=safemap_boot)
def safemap_freeing(t):
    check_cases(t, "map_mmap", "granter_unmap_keeps_page", "survives_granter_unmap",
                "last_unmap_frees", "grantee_exit_frees", "vm_exit_granter",
                "survives_granter_exit", "granter_exit_then_unmap_frees")
    t.match(t.parent_boot, r"^vm: \d+ of \d+ pages free, sanity checks on")
