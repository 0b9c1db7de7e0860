# Selftests of grader/qemu.py (and the boot helpers of core.py) against the
# fake QEMU: the command line, boot modules, console I/O, exit statuses and
# how they are described, timeouts and their scaling, and that no process
# survives a timeout, a SIGTERM-ignoring QEMU, or a QEMU with children.

import os
import time
import unittest
from unittest import mock

from grader import core
from grader.config import Config
from grader.match import CheckFailure
from grader.qemu import (EXIT_PANIC, EXIT_POWEROFF, BootError, Prompt, Qemu,
                         default_modules, find_data_module, parse_module,
                         qemu_command)
from grader.selftest.helpers import (fake_config, read_pids, temp_root,
                                     wait_dead)


class CommandTest(unittest.TestCase):
    def test_command_shape(self):
        config = Config(root="/r", qemu="qemu-system-i386", deterministic=True)
        argv = qemu_command(config, "a=b", ["m1 x y", ("m,2", ["p", "q"])],
                            "/t/gdb.sock", "/t/log", halted=True)
        self.assertEqual(argv[:7], ["qemu-system-i386", "-kernel",
                                    "build/kernel/kernel.elf", "-initrd",
                                    "m1 x y,m,,2 p q", "-append",
                                    "a=b netdrv=off debugexit=1"])
        joined = " ".join(argv)
        for part in ("-m 128", "-display none", "-serial stdio",
                     "-monitor none", "-snapshot", "-no-reboot",
                     "-device isa-debug-exit,iobase=0xf4,iosize=0x04",
                     "-gdb unix:/t/gdb.sock,server,nowait", " -S",
                     "-icount shift=0,sleep=off"):
            self.assertIn(part, joined)

    def test_monitor_socket(self):
        config = Config(root="/r", deterministic=False)
        argv = qemu_command(config, "", [], "/s", "/l", monitor_socket="/t/m")
        self.assertEqual(argv[argv.index("-monitor") + 1],
                         "unix:/t/m,server,nowait")

    def test_disk(self):
        root = temp_root(self)
        with open(os.path.join(root, "d.img"), "wb") as f:
            f.write(bytes(512))
        config = Config(root=root, disk="d.img", deterministic=False)
        drive = "file=d.img,format=raw,if=ide,index=0,media=disk"
        argv = qemu_command(config, "", [], "/s", "/l")
        self.assertEqual(argv[argv.index("-drive") + 1], drive)
        self.assertIn("-snapshot", argv)
        argv = qemu_command(config, "", [], "/s", "/l", persistent=True)
        self.assertIn("-drive", argv)
        self.assertNotIn("-snapshot", argv)
        for disk in ("", "missing.img"):
            self.assertNotIn("-drive", qemu_command(config, "", [], "/s", "/l", disk=disk))
        open(os.path.join(root, "a,b.img"), "wb").close()
        with self.assertRaises(BootError):
            qemu_command(Config(root=root, disk="a,b.img"), "", [], "/s", "/l")

    def test_find_data_module(self):
        out = ("boot module 3: build/drivers/memory/memory priv=sys at "
               "0x0020f000, 253860 bytes\nboot module 4: build/rootfs.img "
               "type=data at 0x0024d000, 4194304 bytes\n")
        self.assertEqual(find_data_module(out, "rootfs.img"),
                         (0x24d000, 4194304))
        self.assertEqual(find_data_module(out, "memory"), (0x20f000, 253860))
        self.assertIsNone(find_data_module(out, "nothing"))

    def test_no_modules_no_initrd_and_not_halted(self):
        config = Config(root="/r", deterministic=False)
        argv = qemu_command(config, "", [], "/s", "/l")
        self.assertNotIn("-initrd", argv)
        self.assertNotIn("-S", argv)
        self.assertNotIn("-icount", argv)
        self.assertEqual(argv[argv.index("-append") + 1], "netdrv=off debugexit=1")

    def test_netdrv_given_is_kept(self):
        """/etc/rc's netdrv= boot parameter: netdrv=off unless the test gives one."""
        config = Config(root="/r", deterministic=False)
        for cmdline in ("netdrv=on", "a=1 netdrv=on"):
            argv = qemu_command(config, cmdline, [], "/s", "/l")
            self.assertEqual(argv[argv.index("-append") + 1], cmdline + " debugexit=1")
        argv = qemu_command(config, "xnetdrv=on", [], "/s", "/l")
        self.assertEqual(argv[argv.index("-append") + 1],
                         "xnetdrv=on netdrv=off debugexit=1")

    def test_module_forms(self):
        self.assertEqual(parse_module("a/b c d"), ("a/b", "c d"))
        self.assertEqual(parse_module(("a/b", "c")), ("a/b", "c"))
        self.assertEqual(parse_module(("a/b", ["c", "d"])), ("a/b", "c d"))
        with self.assertRaises(BootError):
            parse_module(("a b", ""))

    def test_default_modules_come_from_modules_txt(self):
        root = temp_root(self)
        config = fake_config(root)
        self.assertEqual(default_modules(config), [])
        os.makedirs(os.path.join(root, "build/boot"))
        with open(os.path.join(root, "build/boot/modules.txt"), "w") as f:
            f.write("build/servers/pm\n\n# comment\nbuild/drivers/tty x=1\n")
        self.assertEqual(default_modules(config),
                         ["build/servers/pm", "build/drivers/tty x=1"])


class BootTest(unittest.TestCase):
    def setUp(self):
        self.root = temp_root(self)
        self.config = fake_config(self.root)
        self.pidfile = os.path.join(self.root, "pids")
        patcher = mock.patch.dict(os.environ, {"FAKE_QEMU_PIDFILE": self.pidfile})
        patcher.start()
        self.addCleanup(patcher.stop)

    def qemu(self, cmdline, timeout=10, **kwargs):
        tmp = os.path.join(self.root, "tmp-%d" % time.monotonic_ns())
        os.makedirs(tmp)
        q = Qemu(self.config, tmp, cmdline=cmdline, timeout=timeout, **kwargs)
        self.addCleanup(q.stop)
        return q.start()

    def test_clean_power_off(self):
        r = self.qemu("fake=ok poweroff=1").wait_exit()
        self.assertEqual(r.status, EXIT_POWEROFF)
        self.assertTrue(r.powered_off and not r.timed_out and not r.stopped)
        self.assertIn("Minnow kernel 0.1 (i386)\n", r.output)
        self.assertEqual(r.ending(), "QEMU exited with status 33 (clean power-off)")

    def test_modules_reach_the_guest(self):
        mod = os.path.join(self.root, "mod.bin")
        with open(mod, "wb") as f:
            f.write(b"x" * 777)
        r = self.qemu("poweroff=1", modules=[(mod, "a1 a2")]).wait_exit()
        self.assertRegex(r.output, r"boot module 0: %s a1 a2 at 0x[0-9a-f]{8}, "
                                   r"777 bytes" % mod)

    def test_missing_module_or_kernel_or_qemu(self):
        with self.assertRaisesRegex(BootError, "boot module not found"):
            self.qemu("", modules=["/nonexistent/mod"])
        self.config.kernel = "build/kernel/none.elf"
        with self.assertRaisesRegex(BootError, "kernel not found"):
            self.qemu("")
        self.config = fake_config(self.root, qemu="/nonexistent/qemu")
        with self.assertRaisesRegex(BootError, "QEMU not found"):
            self.qemu("")

    def test_crlf_output_is_normalised(self):
        r = self.qemu("fake=crlf poweroff=1").wait_exit()
        self.assertNotIn("\r", r.output)
        self.assertIn("\nboot: done\n", r.output)

    def test_panic_reset_and_qemu_error_are_described(self):
        r = self.qemu("fake=panic").wait_exit()
        self.assertEqual((r.status, r.panicked), (EXIT_PANIC, True))
        self.assertIn("(kernel panic)", r.ending())
        r = self.qemu("fake=reset").wait_exit()
        self.assertEqual(r.ending(),
                         "QEMU exited with status 0: guest reset (triple fault)")
        r = self.qemu("fake=qemuerror").wait_exit()
        self.assertIn("status 1 (QEMU error: qemu-system-i386: could not load "
                      "kernel)", r.ending())

    def test_wait_for_send_and_shell(self):
        q = self.qemu("fake=shell")
        m = q.wait_for(r"cmdline: (\S+)")
        self.assertEqual(m.group(1), self.config.kernel)
        q.wait_prompt(r"# ")
        q.send_line("hello")
        self.assertEqual(q.wait_for(r"you typed: (\w+)").group(1), "hello")
        self.assertTrue(q.shell(["one", "two"]))
        self.assertIn("you typed: two\n# ", q.output)
        q.send_line("exit")
        self.assertEqual(q.wait_exit().status, EXIT_POWEROFF)

    def test_a_partial_line_cannot_satisfy_a_wait(self):
        # "value=1" arrives 0.5 s before "30\n": a wait that looked at the
        # line still arriving would capture 1 (the shell test's old flake)
        q = self.qemu("fake=slowline")
        started = time.monotonic()
        self.assertEqual(q.wait_for(r"^value=(\d+)").group(1), "130")
        self.assertGreaterEqual(time.monotonic() - started, 0.4)
        self.assertEqual(q.wait_prompt(r"# ").group(0), "# ")
        self.assertNotIn("last", q.output)   # matched before its line ended

    def test_a_wait_anchored_at_the_end_needs_the_whole_line(self):
        q = self.qemu("fake=slowline")
        self.assertEqual(q.wait_for(r"^value=\d+$").group(0), "value=130")

    def test_a_prompt_matches_an_incomplete_line_a_regex_does_not(self):
        q = self.qemu("fake=slowline")
        q.wait_for(r"^value=")
        with self.assertRaises(CheckFailure):
            q.wait_for(r"^# ", timeout=0.3)   # "# " is there, but not a line
        self.assertEqual(q.wait_any([r"^nothing", Prompt(r"^# ")])[0], 1)

    def test_the_last_line_counts_once_the_console_closes(self):
        q = self.qemu("fake=slowline")
        self.assertEqual(q.wait_for(r"^last$").group(0), "last")
        self.assertEqual(q.wait_exit().status, EXIT_POWEROFF)

    def test_wait_for_fails_if_qemu_exits_first(self):
        q = self.qemu("fake=panic")
        with self.assertRaises(CheckFailure) as cm:
            q.wait_for(r"never")
        self.assertIn("MISSING 'never': QEMU exited with status 65", str(cm.exception))

    def assert_all_gone(self, count):
        pids = read_pids(self.pidfile, count)
        self.assertEqual(wait_dead(pids, timeout=1), [], "processes survived")

    def test_timeout_kills_qemu(self):
        q = self.qemu("fake=hang", timeout=0.5)
        r = q.wait_exit()
        self.assertTrue(r.timed_out and r.stopped)
        self.assertIsNone(r.status)
        self.assertLess(r.elapsed, 3)
        self.assertIn("timed out after", r.ending())
        self.assert_all_gone(1)

    def test_timeouts_are_scaled(self):
        self.config.timeout_scale = 0.2
        started = time.monotonic()
        with self.assertRaises(CheckFailure) as cm:
            self.qemu("fake=hang", timeout=2).wait_for("never")
        self.assertLess(time.monotonic() - started, 1.5)
        self.assertIn("timed out after 0.4 s waiting for 'never'", str(cm.exception))

    def test_sigterm_is_escalated_to_sigkill(self):
        q = self.qemu("fake=stubborn")
        q.wait_for("boot: done")
        started = time.monotonic()
        r = q.stop()
        self.assertGreaterEqual(time.monotonic() - started, 1.5)
        self.assertTrue(r.stopped)
        self.assert_all_gone(1)

    def test_children_of_qemu_are_killed(self):
        q = self.qemu("fake=child")
        q.wait_for("boot: done")
        read_pids(self.pidfile, 2)
        q.stop()
        self.assert_all_gone(2)


class ContextTest(unittest.TestCase):
    """t.boot() and friends, run through core.Run with the fake QEMU."""

    def run_one(self, func, **options):
        reg = core.Registry()
        reg.test(1, **options)(func)
        config = fake_config(temp_root(self))
        self.config = config
        return core.Run(config, reg.select()).run_all()[0]

    def test_boot_stop_regex_and_log_file(self):
        def stops(t):
            r = t.boot(cmdline="fake=hang", stop=r"boot: done")
            t.assert_true(r.stopped and not r.timed_out, r.ending())
            t.match(r, r"^Minnow kernel", r"^boot: done")
        outcome = self.run_one(stops)
        self.assertTrue(outcome.passed, outcome.message)
        with open(self.config.log_path("stops")) as f:
            log = f.read()
        self.assertIn("Minnow kernel 0.1", log)
        self.assertIn("stopped by the grader", log)

    def test_failed_boot_check_explains_how_boot_ended(self):
        def times_out(t):
            t.match(t.boot(cmdline="fake=hang", timeout=0.3), r"^never")
        outcome = self.run_one(times_out)
        self.assertFalse(outcome.passed)
        self.assertIn("MISSING '^never'", outcome.message)
        self.assertIn("boot ended: timed out after", outcome.message)
        self.assertTrue(os.path.exists(self.config.log_path("times_out")))

    def test_assert_exit_message(self):
        def exits(t):
            t.assert_exit(t.boot(cmdline="fake=panic"), EXIT_POWEROFF)
        outcome = self.run_one(exits)
        self.assertIn("expected: QEMU exited with status 33 (clean power-off)",
                      outcome.message)
        self.assertIn("got:      QEMU exited with status 65 (kernel panic)",
                      outcome.message)

    def test_script_mode(self):
        def script(t):
            r = t.boot(cmdline="fake=shell", script=["ls", "cat x"])
            t.match(r, r"^you typed: ls", r"^you typed: cat x")
            t.assert_count(r, r"^# ", 3)
        outcome = self.run_one(script)
        self.assertTrue(outcome.passed, outcome.message)


if __name__ == "__main__":
    unittest.main()
