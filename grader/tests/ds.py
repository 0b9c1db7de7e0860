# Tests of the data store (minix-design.md section 10).
#
# One boot carries VM, RS, DS (sf=synch: initialised before anything that uses it), the
# subscriber (commands/tests/ds_test.c, role subs, sf=synch), the main test service and a
# user process.  rs and ds take their fixed slots (2 and 6); subs, dstest and user take
# the lowest free ones (0, 1, 3).

from grader.core import test
from grader.tests.common import VM, RS, boot_until, done_line, passes

DS = "build/servers/ds/ds priv=sys sf=synch"
DT = "build/commands/tests/ds_test "


@test(0, "boot DS with a test service, a subscriber and a user process", timeout=60)
def ds_boot(t):
    return boot_until(t, [VM, RS, DS, DT + "priv=sys label=subs sf=synch subs",
                          DT + "priv=sys label=dstest main", DT + "priv=user user"],
                      [done_line("ds_test"), done_line("ds_test_user"),
                       r"^ds_subs: dstest\.u32\.c = 3$"], timeout=50)


@test(5, "DS registers a label for every boot service; lookups both ways", parent=ds_boot)
def ds_labels(t):
    out = t.parent_boot
    t.match(out, r"^ds: 5 labels from RS's table$")
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


@test(10, "DS's errors: key length, type, privacy, ownership, full table", lab="ds",
      parent=ds_boot)
def ds_errors(t):
    passes(t, t.parent_boot, "ds_key_too_short", "ds_key_too_long", "ds_unknown_type",
           "ds_two_types", "ds_private_retrieve", "ds_public_retrieve",
           "ds_overwrite_not_owner", "ds_delete_not_owner", "ds_table_full",
           "ds_table_usable_again")


@test(10, "subscriptions: regex, ds_check, overwrite, delete, DSF_INITIAL, privacy", lab="ds",
      parent=ds_boot)
def ds_subscribe_check(t):
    passes(t, t.parent_boot, "ds_check_no_subscription", "ds_subscribe_bad_regex",
           "ds_subscribe_bad_regex2", "ds_subscribe_bad_type", "ds_subscribe",
           "ds_subscribe_again", "ds_check_empty", "ds_check_published", "ds_check_then_empty",
           "ds_check_overwritten", "ds_check_deleted", "ds_subscribe_initial",
           "ds_check_initial_1", "ds_check_initial_2", "ds_check_initial_hidden")
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
                         DT + "priv=sys label=watch watch"],
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
