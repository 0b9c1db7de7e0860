# Tests of VM's process memory (servers/vm): fork copy-on-write, exit, the break, and page
# faults turned into SIGSEGV, run by commands/tests/vm_fork.c (see its header).  A second
# boot (vm_cow_boot) runs its roles cowpm and cow: parent, child, grandchild and sibling
# each write after a fork and the others read, and every write is weighed in pages and
# physical addresses (the vm-cow lab's isolation and private-copy tests).

from grader.core import test
from grader.tests.common import VM, boot_until, done_line

T = "build/commands/tests/"


@test(0, "boot: VM fork, exit and break test", timeout=40)
def vm_fork_boot(t):
    return boot_until(t, [T + "vm_fork priv=sys pm", VM, T + "vm_fork priv=sys parent",
                          T + "vm_fork priv=sys textwrite", T + "vm_fork priv=sys mapper",
                          T + "vm_fork priv=user malloc"],
                      [done_line("vm_fork_pm"), done_line("vm_fork_parent"),
                       done_line("vm_fork_mapper"), done_line("vm_fork_malloc"),
                       r"^kernel: vm_fork \(endpoint \d+\) killed by signal 11: sys_kill"],
                      cmdline="vm_sanity=1")


@test(10, "VM_FORK shares pages copy-on-write: few pages at fork, private copies on write",
      lab="vm-cow", parent=vm_fork_boot)
def vm_fork_copies(t):
    t.match(t.parent_boot, r"^PASS vm_exit_bad_endpoint$", r"^PASS vm_fork$",
            *[r"^PASS vm_fork_%s$" % c for c in (
                "bad_parent", "not_pm", "slot_in_use", "shares_pages", "child_privileges",
                "child_allowed", "child_runs", "parent_report", "child_report",
                "separate_memory", "cow_copied_on_write")], no=[r"^FAIL ", r"^panic"])


@test(5, "VM_BRK grows and shrinks the heap; memory above the break is gone",
      parent=vm_fork_boot)
def vm_brk(t):
    t.match(t.parent_boot, r"^PASS vm_brk_child_report$", r"^PASS vm_brk_used$",
            r"^vm: endpoint 40: write fault at 0x[0-9a-f]+ \(eip 0x[0-9a-f]+\): no such memory, SIGSEGV",
            r"^kernel: vm_fork \(endpoint 40\) killed by signal 11: sys_kill",
            no=[r"^FAIL ", r"^panic"])


@test(5, "VM_EXIT gives every page back (free pages back to the count before the fork)",
      lab="vm-cow", parent=vm_fork_boot)
def vm_exit_no_leak(t):
    t.match(t.parent_boot, r"^PASS vm_exit$", r"^PASS vm_exit_frees_everything$",
            r"^DONE vm_fork_pm \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(5, "a write to program text is SIGSEGV (read-only memory)", parent=vm_fork_boot)
def vm_text_readonly(t):
    t.match(t.parent_boot, r"^vm_fork_textwrite: writing into the program text",
            r"^vm: endpoint \d+: write fault at 0x[0-9a-f]+ \(eip 0x[0-9a-f]+\): write to read-only memory, SIGSEGV",
            no=[r"^FAIL vm_fork_textwrite", r"^panic"])


@test(5, "VM_MMAP (eager, contiguous, lazy: kernel copies into untouched pages work), "
      "VM_MUNMAP and VM_MAP_PHYS (device memory only where allowed)",
      parent=vm_fork_boot)
def vm_mmap(t):
    t.match(t.parent_boot, *[r"^PASS vm_%s$" % c for c in (
        "mmap_zero_length", "mmap", "mmap_zeroed_and_usable", "mmap_counts", "mmap_contig",
        "mmap_contig_umap", "mmap_contig_phys", "munmap_wrong_length", "munmap",
        "munmap_contig", "munmap_frees", "map_phys_not_allowed", "map_phys",
        "map_phys_reads_vga", "munmap_phys", "munmap_phys_keeps_device_pages")],
            *[r"^PASS vm_%s$" % c for c in (
                "mmap_lazy", "mmap_lazy_takes_nothing", "lazy_kernel_call_writes",
                "lazy_kernel_call_data", "lazy_one_page_taken",
                "lazy_bad_pointer_still_efault", "lazy_safecopy", "lazy_safecopy_data")],
            r"^DONE vm_fork_mapper \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(5, "malloc grows the break through VM; too much memory fails, the system does not; "
      "a growth that runs out where it needs a new page table gives every page back",
      parent=vm_fork_boot)
def vm_malloc_brk(t):
    t.match(t.parent_boot, *[r"^PASS vm_malloc_%s$" % c for c in (
        "exhausted_brk_fails", "exhausted_gives_back",
        "2mib", "usable", "moved_break", "took_pages", "too_much_fails")],
            r"^DONE vm_fork_malloc \d+ passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(5, "VM's sanity checks (vm_sanity=1) hold through fork, exit, brk and mmap",
      parent=vm_fork_boot)
def vm_sanity_holds(t):
    t.match(t.parent_boot, r"^vm: \d+ of \d+ pages free, sanity checks on",
            r"^DONE vm_fork_pm \d+ passed", r"^DONE vm_fork_mapper \d+ passed",
            no=[r"^panic", r".*sanity: "])


COW_MODULES = [T + "vm_fork priv=sys cowpm", VM, T + "vm_fork priv=sys cow"]


# A passing boot takes about 1 s; a wrong copy-on-write break leaves a process faulting or
# waiting for ever, which fails in 15 s (tools/labs/mutants.py runs the lab's mutants).
@test(0, "boot: copy-on-write seen from parent, child, grandchild and sibling", timeout=15)
def vm_cow_boot(t):
    return boot_until(t, COW_MODULES, [done_line("vm_cow"), done_line("vm_cow_pm")],
                      cmdline="vm_sanity=1")


def cow_cases(t, *cases):
    t.match(t.parent_boot, *[r"^PASS vm_cow_%s$" % c for c in cases],
            no=[r"^FAIL vm_cow_(%s|wait|go)\b" % "|".join(cases), r"^panic", r".*sanity: "])


@test(10, "copy-on-write isolation: a write after fork, by parent, child, grandchild or "
      "sibling, is seen by nobody else (each read after the other's write)",
      lab="vm-cow", parent=vm_cow_boot)
def vm_cow_isolation(t):
    cow_cases(t, "fork", "child_sees_no_parent_write", "parent_sees_no_child_write",
              "parent_keeps_own_writes", "child_keeps_own_writes", "fork_grandchild",
              "grandchild_sees_no_child_write", "grandchild_inherits_child_pages",
              "child_sees_no_grandchild_write", "parent_sees_no_descendant_write",
              "fork_sibling", "sibling_inherits_parent_pages", "parent_sees_no_sibling_write",
              "child_sees_no_sibling_write")


@test(5, "copy-on-write costs: a write to a shared page takes one new page; a write to a "
      "page nobody else maps any more keeps it; every page comes back after the exits",
      lab="vm-cow", parent=vm_cow_boot)
def vm_cow_private_copies(t):
    cow_cases(t, "parent_write_copies", "child_write_copies", "parent_reuses_sole_page",
              "child_reuses_sole_page", "reap_child", "reap_grandchild", "reap_sibling",
              "exit_frees_everything")
    t.match(t.parent_boot, r"^DONE vm_cow \d+ passed, 0 failed")
