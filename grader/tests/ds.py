# Tests of the data store (handouts/ds.md).
#
# One boot carries VM, RS, DS (sf=synch: initialised before anything that uses it), the
# subscriber (commands/tests/ds_test.c, role subs, sf=synch), three fill services (role fill,
# sf=synch: each takes its DS_OWNER_MAX share of the store, so that the main test service
# finds the store full before its own share), the main test service and a user process.
# rs and ds take their fixed slots (2 and 6); the others take the lowest free ones.

from grader.core import test
from grader.tests.common import SYSCONF, VM, RS, boot_until, done_line, passes

DS = "build/servers/ds/ds priv=sys sf=synch"
DT = "build/commands/tests/ds_test "


# A passing boot takes about 1 s; a subscriber never told (or told for ever) waits for its
# last line, which fails in 15 s (tools/labs/mutants.py runs the lab's mutants through it).
@test(0, "boot DS with a test service, a subscriber and a user process", timeout=15)
def ds_boot(t):
    fills = [DT + "priv=sys label=fill%d sf=synch fill" % i for i in (1, 2, 3)]
    return boot_until(t, [VM, RS, DS, DT + "priv=sys label=subs sf=synch subs"] + fills +
                      [DT + "priv=sys label=dstest main", DT + "priv=user user", SYSCONF],
                      [done_line("ds_test"), done_line("ds_test_user"),
                       r"^ds_subs: dstest\.u32\.c = 3$"])


@test(5, "DS registers a label for every boot service; lookups both ways", parent=ds_boot)
def ds_labels(t):
    out = t.parent_boot
    t.match(out, r"^ds: 8 labels from RS's table$")
    passes(t, out, "ds_label_endpt", "ds_label_rs", "ds_label_name", "ds_label_missing",
           "ds_label_name_missing", "ds_publish_label_not_rs", "ds_delete_label_not_rs")


@test(10, "publish, retrieve, overwrite and delete a u32", lab="ds", parent=ds_boot)
def ds_u32(t):
    passes(t, t.parent_boot, "ds_publish_u32", "ds_retrieve_u32", "ds_publish_exists",
           "ds_publish_exists_unchanged", "ds_publish_overwrite", "ds_retrieve_overwritten",
           "ds_delete_u32", "ds_retrieve_deleted", "ds_delete_missing", "ds_retrieve_missing")


@test(10, "strings are cut to the buffer; memory blobs report their length", lab="ds",
      parent=ds_boot)
def ds_str_mem(t):
    passes(t, t.parent_boot, "ds_publish_str", "ds_retrieve_str", "ds_retrieve_str_truncated",
           "ds_publish_mem", "ds_retrieve_mem_length", "ds_retrieve_mem_partial",
           "ds_retrieve_wrong_type", "ds_delete_str", "ds_delete_mem")


@test(10, "DS's errors: key length, type, privacy, ownership, one service's share (ENOSPC), "
      "a full store (ENOMEM)", lab="ds",
      parent=ds_boot)
def ds_errors(t):
    passes(t, t.parent_boot, "ds_key_too_short", "ds_key_too_long", "ds_unknown_type",
           "ds_two_types", "ds_private_retrieve", "ds_public_retrieve",
           "ds_overwrite_not_owner", "ds_delete_not_owner", "ds_owner_full_fill1",
           "ds_owner_full_fill2", "ds_owner_full_fill3", "ds_table_full",
           "ds_table_usable_again")


@test(10, "subscriptions: regex (and its length), ds_check (key, type, owner), overwrite, "
      "delete, DSF_INITIAL, privacy", lab="ds",
      parent=ds_boot)
def ds_subscribe_check(t):
    passes(t, t.parent_boot, "ds_check_no_subscription", "ds_subscribe_bad_regex",
           "ds_subscribe_bad_regex2", "ds_subscribe_bad_type", "ds_subscribe",
           "ds_subscribe_again", "ds_check_empty", "ds_check_published", "ds_check_then_empty",
           "ds_check_overwritten", "ds_check_deleted", "ds_subscribe_initial",
           "ds_check_initial_1", "ds_check_initial_2", "ds_check_initial_hidden",
           "ds_subscribe_any_type", "ds_check_any_type", "ds_subscribe_empty_regex",
           "ds_subscribe_longest_regex")
    t.match(t.parent_boot, r"^DONE ds_test \d+ passed, 0 failed")


@test(5, "a subscriber in another service is notified of every matching u32", lab="ds",
      parent=ds_boot)
def ds_subscriber(t):
    out = t.parent_boot
    t.match(out, r"^ds_subs: dstest\.u32\.a = 1$", r"^ds_subs: dstest\.u32\.b = 2$",
            r"^ds_subs: dstest\.u32\.c = 3$", no=[r"^ds_subs: dstest\.u32\.str",
                                                  r"^ds_subs: init failed"])


@test(5, "a process without a label may not publish, delete, subscribe or check",
      parent=ds_boot)
def ds_no_label(t):
    out = t.parent_boot
    passes(t, out, "ds_user_publish", "ds_user_delete", "ds_user_subscribe", "ds_user_check")
    t.match(out, r"^DONE ds_test_user \d+ passed, 0 failed")


@test(5, "when a service dies, RS deletes its label and DS drops its entries", timeout=60)
def ds_service_death(t):
    out = boot_until(t, [VM, RS, DS, DT + "priv=sys label=crasher sf=synch crash",
                         DT + "priv=sys label=watch watch", SYSCONF],
                     [r"^DONE ds_test_watch \d+ passed, \d+ failed"], timeout=50)
    t.match(out, r"^rs: service crasher \(endpoint 0\) died of signal 8$",
            r"^DONE ds_test_watch \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic", r"not reached"])
    passes(t, out, "ds_watch_subscribe", "ds_watch_initial", "ds_watch_label", "ds_watch_ready",
           "ds_watch_key_gone", "ds_watch_check_after", "ds_watch_label_gone")


@test(4, "a user process lists the store (DS_GETSYSINFO): private values hidden, EFAULT",
      parent=ds_boot)
def ds_user_getsysinfo(t):
    passes(t, t.parent_boot, "ds_user_getsysinfo", "ds_user_getsysinfo_public",
           "ds_user_getsysinfo_private", "ds_user_getsysinfo_efault")


# Mapped-memory values (DSF_TYPE_MAP, servers/ds/map.c): one boot of
# commands/tests/dsmap_test.c as the reader (module 0: PM's slot, so that it may VM_EXIT
# the dead), the publisher and a helper that dies writing a read-only mapping; VM's sanity
# checks on.
DM = "build/commands/tests/dsmap_test priv=sys "


@test(0, "boot DS with a map publisher, a reader and a helper", timeout=60)
def dsmap_boot(t):
    return boot_until(t, [DM + "label=dsmrd reader", VM, RS, DS, DM + "label=dsmpub pub",
                          DM + "label=dsmhelp helper", SYSCONF],
                      [done_line("dsmap_test")], cmdline="vm_sanity=1", timeout=50)


def dsmap_passes(t, *cases):
    """Each case passed (a failing case fails its own group only); no panic, VM kept its
    sanity, the publisher published."""
    t.match(t.parent_boot, *[r"^PASS %s$" % c for c in cases],
            no=[r"^FAIL %s\b" % c for c in cases] +
               [r"^panic", r".*sanity: ", r"^dsmap_pub: publish failed", r"^FAIL dsmap_published"])


@test(4, "map values: retrieve gives DS's grant and the size; the grant's limits hold",
      parent=dsmap_boot)
def dsmap_retrieve(t):
    dsmap_passes(t, "dsmap_retrieve", "dsmap_retrieve_same_grant", "dsmap_retrieve_ro",
                 "dsmap_ro_map_writable", "dsmap_map_beyond_size")


@test(6, "map values: the reader maps the publisher's pages; writes are seen both ways",
      parent=dsmap_boot)
def dsmap_sharing(t):
    dsmap_passes(t, "dsmap_map_rw", "dsmap_publisher_write_seen", "dsmap_reader_write_seen",
                 "dsmap_map_ro")


@test(5, "map values: ESRCH, EINVAL (alignment, size), EPERM (grant, owner, private), EEXIST",
      parent=dsmap_boot)
def dsmap_errors(t):
    dsmap_passes(t, "dsmap_retrieve_missing", "dsmap_other_type", "dsmap_private",
                 "dsmap_publish_unaligned",
                 "dsmap_publish_bad_size", "dsmap_publish_size_zero", "dsmap_ds_bad_size",
                 "dsmap_ds_size_beyond_grant", "dsmap_ds_unreadable_grant",
                 "dsmap_publish_exists", "dsmap_overwrite_not_owner", "dsmap_delete_not_owner",
                 "dsmap_delete_missing", "dsmap_own_publish", "dsmap_own_delete")


@test(4, "map values: writing a read-only mapping is SIGSEGV and changes nothing",
      parent=dsmap_boot)
def dsmap_readonly(t):
    dsmap_passes(t, "dsmap_helper_reads", "dsmap_readonly_write", "dsmap_helper_freed")
    t.match(t.parent_boot, r"^rs: service dsmhelp \(endpoint \d+\) died of signal 11$")


@test(5, "map values: overwrite, delete and the publisher's saferevmap take mappings back",
      parent=dsmap_boot)
def dsmap_withdraw(t):
    dsmap_passes(t, "dsmap_republish", "dsmap_republish_unmaps", "dsmap_republish_old_grant",
                 "dsmap_republish_new_value", "dsmap_delete", "dsmap_delete_unmaps",
                 "dsmap_delete_grant_revoked", "dsmap_deleted", "dsmap_publisher_revmap",
                 "dsmap_publisher_revmap_unmaps", "dsmap_map_again",
                 "dsmap_withdraw_no_leak")


@test(4, "map values: the publisher's exit takes the entry and the mappings; VM frees its "
      "pages", parent=dsmap_boot)
def dsmap_publisher_exit(t):
    dsmap_passes(t, "dsmap_exit_label_gone", "dsmap_exit_unmaps", "dsmap_exit_entry_gone",
                 "dsmap_exit_vm_exit", "dsmap_exit_frees")
    t.match(t.parent_boot, r"^DONE dsmap_test \d+ passed, 0 failed")
