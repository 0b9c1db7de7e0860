"""Host unit tests of the profiler's pure parts (tools/profile.py) and of make bench's
baseline check (tools/bench.py): the symboliser (address -> function over a synthetic symbol
table, the address spaces: kernel, user-mapped page, the process's program, the boot), the
plugin's output parser, the per-process sums, and the check's comparison.  The QEMU run itself
is tested by the grader (grader/tests/profile.py).

Run from the repository root:  python3 -m unittest tools.tests.test_profile
"""

import unittest

from tools import bench, profile

# nm -n -S --defined-only, as nm prints it: sized functions, an assembly label with no size,
# a data symbol (ignored) and a section symbol (ignored).
NM_TEXT = """\
00001000 00000010 T first
00001010 00000020 t second
00001040 D some_data
00001100 T label_no_size
00001180 00000008 T after_label
00001200 t .hidden
"""

KERNEL_NM = """\
f0100000 00000100 T ipc_trap
f0100100 00000080 T do_ipc
f0200000 00000010 T usermapped_start
f0200100 00000008 T usermapped_ipc_int
"""


class SymtabTest(unittest.TestCase):
    def setUp(self):
        self.tab = profile.Symtab(profile.parse_nm(NM_TEXT))

    def test_parse_keeps_code_only(self):
        names = [s[2] for s in self.tab.syms]
        self.assertEqual(names, ["first", "second", "label_no_size", "after_label"])

    def test_inside_sized_functions(self):
        self.assertEqual(self.tab.lookup(0x1000), "first")
        self.assertEqual(self.tab.lookup(0x100F), "first")
        self.assertEqual(self.tab.lookup(0x1010), "second")
        self.assertEqual(self.tab.lookup(0x102F), "second")

    def test_past_a_function_end_is_unknown(self):
        self.assertEqual(self.tab.lookup(0x1030), "[0x1000]")
        self.assertEqual(self.tab.lookup(0x1188), "[0x1000]")
        self.assertEqual(self.tab.lookup(0xFFF), "[0x0]")

    def test_label_without_size_reaches_next_symbol(self):
        self.assertEqual(self.tab.lookup(0x1100), "label_no_size")
        self.assertEqual(self.tab.lookup(0x117F), "label_no_size")
        self.assertEqual(self.tab.lookup(0x1180), "after_label")

    def test_label_without_size_does_not_reach_far(self):
        tab = profile.Symtab([(0x1000, 0, "end_marker"), (0x900000, 4, "far")])
        self.assertEqual(tab.lookup(0x2000), "[0x2000]")


class ClassifyTest(unittest.TestCase):
    def setUp(self):
        self.kernel = profile.Symtab(profile.parse_nm(KERNEL_NM))
        self.user = profile.Symtab(profile.parse_nm(NM_TEXT))
        self.um = 0xF0200000

    def where(self, addr, proc="pm", program=True):
        return profile.classify(addr, proc, self.kernel, self.um,
                                self.user if program else None)

    def test_kernel_addresses_use_kernel_symbols(self):
        self.assertEqual(self.where(0xF0100120), ("kernel", "do_ipc"))

    def test_user_addresses_use_the_process_program(self):
        self.assertEqual(self.where(0x1014), ("pm", "second"))

    def test_user_mapped_page_is_the_kernel_trampoline(self):
        self.assertEqual(self.where(profile.KERNINFO_ADDR + 0x100),
                         ("kernel", "usermapped_ipc_int"))

    def test_unknown_program_names_the_page(self):
        self.assertEqual(self.where(0x8049123, program=False), ("pm", "[0x8049000]"))

    def test_before_the_kernel_pages(self):
        self.assertEqual(self.where(0x7FE1234, proc=profile.NO_PROC), ("boot", "[firmware]"))


PLUGIN_OUT = """\
proc 0 2147483647 -
proc 1 0 pm
proc 2 5 ls
tb 0 fffffff0 1 1
tb 1 1000 4 100
tb 1 f0100010 10 7
tb 2 1000 4 3
tb 2 f0100100 2 50
total 583
"""


class CountsTest(unittest.TestCase):
    def setUp(self):
        self.procs, self.blocks, self.total = profile.parse_counts(PLUGIN_OUT)
        self.kernel = profile.Symtab(profile.parse_nm(KERNEL_NM))
        user = profile.Symtab(profile.parse_nm(NM_TEXT))
        progs = {"pm": user, "ls": profile.Symtab([(0x1000, 4, "ls_main")])}

        def where(name, addr):
            return profile.classify(addr, name, self.kernel, 0xF0200000, progs.get(name))
        self.counts = profile.aggregate(self.procs, self.blocks, where)

    def test_parse(self):
        self.assertEqual(self.procs[2], (5, "ls"))
        self.assertIn((1, 0x1000, 400), self.blocks)
        self.assertEqual(self.total, 583)

    def test_totals_add_up(self):
        self.assertEqual(sum(self.counts.values()), self.total)

    def test_same_address_two_programs(self):
        self.assertEqual(self.counts[("pm(0)", "pm", "first")], 400)
        self.assertEqual(self.counts[("ls(5)", "ls", "ls_main")], 12)

    def test_per_process_user_and_kernel(self):
        rows = profile.per_process(self.counts)
        self.assertEqual(rows[0], ("pm(0)", 400, 70))
        self.assertEqual(rows[1], ("ls(5)", 12, 100))

    def test_top_functions_overall(self):
        top = profile.top_functions(self.counts, None, 2)
        self.assertEqual(top, [("pm", "first", 400), ("kernel", "do_ipc", 100)])

    def test_per_op_is_the_difference_per_round(self):
        base = {("ls(5)", "ls", "ls_main"): 2, ("ls(5)", "kernel", "do_ipc"): 0}
        spec = ("", "", None, None, "ls_run", ("ls",))
        lines = profile.per_op_report(self.counts, base, spec, 10, 5, 11)
        self.assertTrue(lines[0].startswith("per operation: 11 instructions"), lines[0])
        self.assertIn("(+0.0%)", lines[0])
        self.assertIn("10.0", lines[2])
        self.assertIn("kernel:do_ipc (in ls)", lines[2])

    def test_per_op_merge_sums_the_loop_processes(self):
        spec = ("", "", None, None, "both", ("ls", "pm"))
        lines = profile.per_op_report(self.counts, {}, spec, 1, 5, None, merge=True)
        self.assertTrue(lines[0].startswith("per operation: 582 instructions"), lines[0])
        self.assertIn("400.0", lines[2])
        self.assertIn("pm:first (in ls+pm)", lines[2])
        self.assertIn("kernel:do_ipc (in ls+pm)", lines[3])


class BenchCheckTest(unittest.TestCase):
    BASE = {"getpid": 1000, "pipe_pingpong": 20000, "gone": 5}

    def verdicts(self, now):
        return {r[0]: r[3] for r in bench.compare(self.BASE, now)}

    def test_within_five_percent_is_ok(self):
        v = self.verdicts({"getpid": 1050, "pipe_pingpong": 19001, "gone": 5})
        self.assertEqual(v, {"getpid": "ok", "pipe_pingpong": "ok", "gone": "ok"})
        self.assertEqual(bench.failures(bench.compare(self.BASE, {"getpid": 1050,
                                                                  "pipe_pingpong": 20000,
                                                                  "gone": 5})), [])

    def test_regression_fails_and_is_named(self):
        rows = bench.compare(self.BASE, {"getpid": 1051, "pipe_pingpong": 20000, "gone": 5})
        self.assertEqual(bench.failures(rows), [("getpid", 1000, 1051, "regressed")])

    def test_missing_figure_fails(self):
        rows = bench.compare(self.BASE, {"getpid": 1000, "pipe_pingpong": 20000})
        self.assertEqual(bench.failures(rows), [("gone", 5, None, "missing")])

    def test_improvement_and_new_figures_pass(self):
        rows = bench.compare(self.BASE, {"getpid": 900, "pipe_pingpong": 20000, "gone": 5,
                                         "fresh": 7})
        self.assertEqual({r[0]: r[3] for r in rows}["getpid"], "improved")
        self.assertEqual(rows[-1], ("fresh", None, 7, "new"))
        self.assertEqual(bench.failures(rows), [])

    def test_unchecked_figures_never_fail(self):
        rows = bench.compare({"disk": 100}, {"disk": 300}, unchecked={"disk"})
        self.assertEqual(rows, [("disk", 100, 300, "unchecked")])
        self.assertEqual(bench.failures(rows), [])

    def test_table_shows_target_and_xv6(self):
        lines = bench.table({"getpid": 2650}, {"getpid": 2650})
        row = next(l for l in lines if l.startswith("getpid"))
        self.assertEqual(row.split()[1:7], ["2650", "2650", "+0.0%", "1397", "1397", "ok"])


if __name__ == "__main__":
    unittest.main()
