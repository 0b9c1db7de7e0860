"""Host unit test of the system.conf parser (lib/libsys/sysconf.c, minnow/sysconf.h).

sysconf_dump.c compiles the parser unchanged for the host and prints what it parsed from a
file: every report line, then each entry's fields.  The tests feed it good entries (every
key, comments, the tree's own etc/system.conf) and each kind of error, and check the
reports name the file and line ("system.conf:12: unknown key \"foo\" in service hello"),
that the bad entry is marked bad and that the entries around it stay good.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import re
import subprocess
import tempfile
import time
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-I" + os.path.join(ROOT, "include")]
SOURCES = ["tools/tests/sysconf_dump.c", "lib/libsys/sysconf.c"]
FULL = 0xFFFFFFFF


def com_h():
    """SYS_* numbers from include/minnow/com.h."""
    with open(os.path.join(ROOT, "include/minnow/com.h")) as f:
        return {m.group(1): int(m.group(2))
                for m in re.finditer(r"#define SYS_(\w+)\s+(\d+)", f.read())}


class Parsed:
    """sysconf_dump's output: errors, entries (label -> {field: text}), the error count."""

    def __init__(self, out):
        self.out = out
        self.errors = [l[len("error: "):] for l in out.splitlines() if l.startswith("error: ")]
        self.svc = {}
        self.order = []
        cur = None
        for line in out.splitlines():
            m = re.match(r"service (\S+) line (\d+) (good|bad)$", line)
            if m:
                cur = {"line": int(m.group(2)), "state": m.group(3)}
                self.svc[m.group(1)] = cur
                self.order.append(m.group(1))
            elif line.startswith("  ") and cur is not None:
                key, _, rest = line.strip().partition(" ")
                cur[key] = rest
            elif line.startswith("basic "):
                self.basic = [int(w, 16) for w in line.split()[1:]]
            elif line.startswith("errors "):
                self.count = int(line.split()[1])

    def mask(self, label, key="system"):
        return [int(w, 16) for w in self.svc[label][key].split()]


class SysconfParser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="minnow-sysconf-")
        cls.exe = os.path.join(cls.tmp.name, "sysconf_dump")
        build = subprocess.run(["gcc"] + CFLAGS + ["-o", cls.exe] +
                               [os.path.join(ROOT, s) for s in SOURCES],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
        if build.returncode != 0:
            raise AssertionError("host build failed:\n" + build.stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def parse(self, text, name="system.conf"):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(text)
        return self.parse_file(path)

    def parse_file(self, path):
        run = subprocess.run([self.exe, path], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True, timeout=20)
        self.assertEqual(run.returncode, 0, run.stdout)
        return Parsed(run.stdout)

    def bits(self, *names):
        sys_nr = com_h()
        mask = [0, 0]
        for n in names:
            mask[sys_nr[n] // 32] |= 1 << (sys_nr[n] % 32)
        return mask

    # -- good entries -------------------------------------------------------

    def test_tree_system_conf(self):
        p = self.parse_file(os.path.join(ROOT, "etc/system.conf"))
        self.assertEqual(p.errors, [], p.out)
        self.assertEqual(p.order, ["pm", "ds", "memory", "tty", "log", "hello", "waitdev",
                                   "ping", "pci", "e1000", "inet", "at_wini", "rtl8139", "fxp", "faultinj",
                                   "mfs",
                                   "mfs_home", "mfs_fuzz", "pfs", "vfs"])
        # every ipc line names the service's audited partners (handouts/rs.md, "system.conf")
        ipc = {"pm": "vfs tty", "ds": "vfs mfs mfs_home pfs memory tty log",
               "memory": "ds vfs mfs", "tty": "ds vfs pm", "log": "ds vfs", "hello": "ds vfs",
               "waitdev": "ds vfs", "ping": "rs", "pci": "ds vfs", "inet": "ds vfs pm",
               "at_wini": "ds vfs mfs_home mfs_fuzz vm pci",
               "rtl8139": "ds pci vm inet dltest", "e1000": "ds vm pci inet dltest dltest2",
               "fxp": "ds pci vm inet dltest dltest2",
               "mfs": "ds vfs memory", "mfs_home": "ds vfs at_wini",
               "mfs_fuzz": "ds vfs at_wini", "pfs": "vfs ds",
               "faultinj": "pm vfs", "vfs": "pm ds mfs mfs_home pfs memory tty log"}
        for label in p.order:
            self.assertEqual(p.svc[label]["state"], "good")
            # users reach PM, VFS, DS (RS and VM are the kernel's) and the ping test service
            self.assertEqual(p.svc[label]["users"],
                             "yes" if label in ("pm", "vfs", "ds", "ping") else "no", label)
            self.assertEqual((p.svc[label]["ipc"], p.svc[label]["ipc_to"]), ("list", ipc[label]),
                             label)
            if label == "at_wini":  # its ports and IRQ, and the calls that use them
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("DEVIO", "SDEVIO", "IRQCTL")[i]
                                                 for i in (0, 1)], label)
                self.assertEqual(p.svc[label]["irq"], "14")
            elif label == "e1000":  # registers, memory and IRQ through the reservation
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("IRQCTL")[i]
                                                 for i in (0, 1)], label)
            elif label == "rtl8139":  # ports and IRQ through the PCI server's reservation
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("DEVIO", "IRQCTL")[i]
                                                 for i in (0, 1)], label)
            elif label == "pci":  # configuration ports; grants reserved devices' resources
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("DEVIO", "PRIVCTL")[i]
                                                 for i in (0, 1)], label)
                self.assertEqual(p.svc[label]["io"], "cf8-cff")
            elif label == "fxp":    # a network driver: ports and IRQ from the PCI server
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("DEVIO", "IRQCTL")[i]
                                                 for i in (0, 1)], label)
            elif label in ("ping", "hello", "waitdev", "inet"):     # the basic calls only
                self.assertEqual(p.mask(label), p.basic, label)
            elif label == "faultinj":  # the fault injector: writes into a driver, kills it
                self.assertEqual(p.mask(label), [p.basic[i] | self.bits("TRACE", "KILL")[i]
                                                 for i in (0, 1)], label)
            else:
                self.assertEqual(p.mask(label), [FULL, FULL], label)
        # inet serves AF_INET (2) sockets; no other tree service serves a domain
        self.assertEqual({l: p.svc[l]["domain"] for l in p.order if p.svc[l]["domain"] != "0"},
                         {"inet": "2"})
        tty = p.svc["tty"]
        self.assertEqual(tty["irq"], "1 4")
        self.assertEqual(tty["io"], "3f8-3ff 60-60 64-64 3d4-3d5")
        self.assertEqual(tty["mem"], "b8000-b8fff")

    def test_every_key(self):
        p = self.parse("""# a comment line
service hello {        # a comment after a word
\tsystem DEVIO SAFECOPY IRQCTL;
\tvm MAP_PHYS BRK;
\tipc pm vfs
\t    ds;
\tio 1f0:8 3f6;
\tmem a0000:20000;
\tirq 14 15;
\tuid 1000;
\tsigmgr rs;
\tscheduler KERNEL; priority 4; quantum 200;
\tpci device 8086:100e 10ec:8139;
\tpci class 2/0/0 1;
\tcontrol tty log;
\tusers yes;
\tdomain INET;
};
""")
        self.assertEqual(p.errors, [], p.out)
        h = p.svc["hello"]
        self.assertEqual((h["line"], h["state"]), (2, "good"))
        want = self.bits("DEVIO", "SAFECOPYFROM", "SAFECOPYTO", "IRQCTL")
        self.assertEqual(p.mask("hello"), [p.basic[0] | want[0], p.basic[1] | want[1]])
        # VM_MAP_PHYS is VM_RQ_BASE + 15, VM_BRK + 2
        self.assertEqual(p.mask("hello", "vm"), [(1 << 15) | (1 << 2), 0])
        self.assertEqual(h["ipc"], "list")
        self.assertEqual(h["ipc_to"], "pm vfs ds")
        self.assertEqual(h["io"], "1f0-1f7 3f6-3f6")
        self.assertEqual(h["mem"], "a0000-bffff")
        self.assertEqual(h["irq"], "14 15")
        self.assertEqual(h["uid"], "1000 priority 4 quantum 200")
        self.assertEqual(h["sigmgr"], "'rs' scheduler 'KERNEL'")
        self.assertEqual(h["pci_dev"], "8086100e 10ec8139")
        self.assertEqual(h["pci_sub"], "0 0")
        self.assertEqual(h["pci_class"], "20000 10000")
        self.assertEqual(h["pci_class_mask"], "ffffff ff0000")
        self.assertEqual(h["control"], "tty log")
        self.assertEqual(h["users"], "yes")
        self.assertEqual(h["domain"], "2")

    def test_domain(self):
        """domain by name or number; bad ones are reported; no domain line is 0."""
        p = self.parse("service a { domain 31; };\nservice b { domain UNIX; };\n"
                       "service c { domain 32; };\nservice d { domain INET INET6; };\n"
                       "service e { domain APPLE; };\nservice f { };\n")
        self.assertEqual((p.svc["a"]["domain"], p.svc["b"]["domain"], p.svc["f"]["domain"]),
                         ("31", "1", "0"), p.out)
        want = "domain takes INET, UNIX, LOCAL, INET6 or a number from 1 to 31"
        self.assertEqual(p.errors, ["system.conf:%d: %s in service %s" % (n, want, l)
                                    for n, l in ((3, "c"), (4, "d"), (5, "e"))], p.out)

    def test_pci_lines(self):
        """pci device with and without subsystem ids; pci class masks by the parts given."""
        p = self.parse("service d {\n pci device 8086:100e/1af4:1100 10ec:8139;\n"
                       " pci class 2 2/0 1/1/80;\n};\n"
                       "service e {\n pci device 8086:100e/1af4;\n};\n"
                       "service f {\n pci class 1/2/3/4;\n};\n"
                       "service g {\n pci device 8086:100e:1;\n};\n"
                       "service h {\n pci class 100;\n};\n")
        self.assertEqual(p.errors, [
            'system.conf:6: bad pci device "8086:100e/1af4" in service e',
            'system.conf:9: bad pci class "1/2/3/4" in service f',
            'system.conf:12: bad pci device "8086:100e:1" in service g',
            'system.conf:15: bad pci class "100" in service h'], p.out)
        d = p.svc["d"]
        self.assertEqual(d["state"], "good")
        self.assertEqual(d["pci_dev"], "8086100e 10ec8139")
        self.assertEqual(d["pci_sub"], "1af41100 0")
        self.assertEqual(d["pci_class"], "20000 20000 10180")
        self.assertEqual(d["pci_class_mask"], "ff0000 ffff00 ffffff")

    def test_rc_starts_drivers_by_their_pci_lines(self):
        """/etc/rc's netdrv lines (which driver to start for which card) name exactly the
        ids of each driver's `pci device` line in etc/system.conf (handouts/netdriver.md,
        "At boot"): a card added to one and not the other is caught here."""
        p = self.parse_file(os.path.join(ROOT, "etc/system.conf"))
        with open(os.path.join(ROOT, "etc/rc")) as f:
            rc = re.findall(r"^\s*netdrv (\w+) ([0-9a-f: ]+)$", f.read(), re.M)
        self.assertEqual(sorted(d for d, _ in rc), ["e1000", "fxp", "rtl8139"])
        for drv, ids in rc:
            want = ["%s:%s" % (w[:4], w[4:]) for w in p.svc[drv]["pci_dev"].split()]
            self.assertEqual(ids.split(), want, "etc/rc's %s ids" % drv)

    def run_rc(self, netdrv, cards):
        """Run the tree's etc/rc with the host's sh, its commands stubs that log their
        arguments (lspci -n lists `cards`, sysenv netdrv says `netdrv`), /etc/inet.conf and
        /tmp/inet.conf moved into a temporary directory.  Returns (log lines, the text of
        the conf rc wrote or None)."""
        d = tempfile.mkdtemp(dir=self.tmp.name)
        bindir, log = os.path.join(d, "bin"), os.path.join(d, "log")
        os.mkdir(bindir)
        stub = "#!/bin/sh\necho \"$(basename $0) $*\" >> %s\n" % log
        for cmd in ("service", "mount", "dhcpc"):
            with open(os.path.join(bindir, cmd), "w") as f:
                f.write(stub)
        with open(os.path.join(bindir, "lspci"), "w") as f:
            f.write("#!/bin/sh\n" + "".join("echo '00:0%d.0 0200: %s'\n" % (i + 3, c)
                                            for i, c in enumerate(cards)))
        with open(os.path.join(bindir, "sysenv"), "w") as f:
            f.write("#!/bin/sh\necho '%s'\n" % netdrv)
        for cmd in ("sed", "basename"):
            os.symlink(subprocess.run(["sh", "-c", "command -v " + cmd],
                                      stdout=subprocess.PIPE, universal_newlines=True)
                       .stdout.strip(), os.path.join(bindir, cmd))
        for name in os.listdir(bindir):
            os.chmod(os.path.join(bindir, name), 0o755)
        with open(os.path.join(ROOT, "etc/rc")) as f:
            rc = f.read().replace("/etc/inet.conf", os.path.join(ROOT, "etc/inet.conf"))
        rc = rc.replace("/tmp/inet.conf", os.path.join(d, "inet.conf"))
        subprocess.run(["/bin/sh", "-c", rc], env={"PATH": bindir}, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=20, check=True)
        time.sleep(0.3)                 # the background dhcpc
        with open(log) as f:
            lines = f.read().splitlines()
        conf = os.path.join(d, "inet.conf")
        if not os.path.exists(conf):
            return lines, None
        with open(conf) as f:
            return lines, f.read()

    def test_rc_starts_inet_after_the_drivers(self):
        """/etc/rc (handouts/inet.md, "Starting inet"): with netdrv not off it starts inet
        after the drivers, with /etc/rs.inet as its recovery script and dhcpc waiting for
        the lease; an e1000 (or no card) keeps /etc/inet.conf; a machine whose first card
        is an rtl8139 or fxp gets a copy whose eth0 line names that driver; netdrv=off
        starts neither drivers nor inet."""
        shipped = os.path.join(ROOT, "etc/inet.conf")
        inet = "service up /service/inet -script /etc/rs.inet -args conf="
        lines, conf = self.run_rc("", ["8086:100e"])
        self.assertIn("service up /service/e1000 -label e1000_0", lines)
        self.assertIn(inet + shipped, lines)
        self.assertLess(lines.index("service up /service/e1000 -label e1000_0"),
                        lines.index(inet + shipped))
        self.assertIn("dhcpc -w 120 eth0", lines)
        self.assertIsNone(conf)
        for card, drv in (("10ec:8139", "rtl8139"), ("8086:1229", "fxp")):
            lines, conf = self.run_rc("on", [card])
            self.assertIn("service up /service/%s -label %s_0" % (drv, drv), lines)
            self.assertTrue(any(l.startswith(inet) and l.endswith("/inet.conf") and
                                l != inet + shipped for l in lines), lines)
            self.assertRegex(conf, r"(?m)^eth0 %s 0 \{ default; \};$" % drv)
            self.assertNotRegex(conf, r"(?m)^eth0 e1000 ")
        lines, conf = self.run_rc("on", [])
        self.assertIn(inet + shipped, lines)
        self.assertFalse([l for l in lines if "-label" in l and "_0" in l], lines)
        lines, conf = self.run_rc("off", ["8086:100e", "10ec:8139"])
        self.assertFalse([l for l in lines if "inet" in l or "_0" in l or "dhcpc" in l], lines)

    def test_defaults_and_basic_set(self):
        p = self.parse("service a { };\nservice b { ipc ALL_SYS_PROC; };\n"
                       "service c { system ALL; ipc ALL; };\n")
        self.assertEqual(p.errors, [], p.out)
        self.assertEqual(p.basic, self.bits("EXIT", "SAFECOPYFROM", "SAFECOPYTO", "VSAFECOPY",
                                            "SAFEMEMSET", "SETGRANT", "SAFEMAP", "SAFEREVMAP",
                                            "SAFEUNMAP", "TIMES", "GETINFO", "SETALARM",
                                            "DIAGCTL", "STATECTL"))
        self.assertEqual(p.mask("a"), p.basic)
        self.assertEqual(p.svc["a"]["ipc"], "unset")
        self.assertEqual(p.svc["a"]["users"], "no")
        self.assertEqual(p.svc["a"]["uid"], "-1 priority -1 quantum -1")
        self.assertEqual(p.svc["b"]["ipc"], "ALL_SYS_PROC")
        self.assertEqual(p.mask("c"), [FULL, FULL])
        self.assertEqual(p.svc["c"]["ipc"], "ALL")

    # -- errors: each with its file and line ---------------------------------

    def assert_error(self, text, error, bad=None, good=(), name="system.conf"):
        p = self.parse(text, name)
        self.assertIn(error, p.errors, p.out)
        self.assertEqual(p.count, len(p.errors), p.out)
        if bad is not None:
            self.assertEqual(p.svc[bad]["state"], "bad", p.out)
        for label in good:
            self.assertEqual(p.svc[label]["state"], "good", p.out)
        return p

    def test_unknown_key(self):
        text = "service tty { ipc ALL; };\n\n# hello\nservice hello {\n\tsystem ALL;\n" \
               "\tfoo bar;\n};\nservice log { };\n"
        p = self.assert_error(text, 'system.conf:6: unknown key "foo" in service hello',
                              bad="hello", good=["tty", "log"])
        self.assertEqual(p.errors, ['system.conf:6: unknown key "foo" in service hello'])

    def test_file_name_in_reports(self):
        self.assert_error("service x { bogus; };", 'my.conf:1: unknown key "bogus" in service x',
                          bad="x", name="my.conf")

    def test_bad_values(self):
        text = ("service a {\n system FROB;\n};\nservice b {\n irq 16;\n};\n"
                "service c {\n io zz:2;\n};\nservice d {\n mem 1000:0;\n};\n"
                "service e {\n uid -1;\n};\nservice f {\n pci thing 1:2;\n};\n"
                "service g {\n pci device 8086;\n};\nservice h {\n vm FORKS;\n};\n"
                "service i {\n sigmgr;\n};\nservice j {\n priority 99;\n};\n"
                "service k {\n ipc averyveryverylonglabel;\n};\nservice l {\n users maybe;\n};\n"
                "service ok { irq 0 15; };\n")
        p = self.parse(text)
        self.assertEqual(p.errors, [
            'system.conf:2: unknown kernel call "FROB" in service a',
            'system.conf:5: bad irq "16" in service b',
            'system.conf:8: bad io range "zz:2" in service c',
            'system.conf:11: bad mem range "1000:0" in service d',
            'system.conf:14: uid takes one number from 0 to 65535 in service e',
            'system.conf:17: pci takes "device" or "class" in service f',
            'system.conf:20: bad pci device "8086" in service g',
            'system.conf:23: unknown VM call "FORKS" in service h',
            'system.conf:26: sigmgr takes one label in service i',
            'system.conf:29: priority takes one number from 0 to 15 in service j',
            'system.conf:32: label "averyveryverylonglabel" too long in service k',
            'system.conf:35: users takes yes or no in service l',
        ], p.out)
        for label in "abcdefghijkl":
            self.assertEqual(p.svc[label]["state"], "bad", label)
        self.assertEqual(p.svc["ok"]["state"], "good")
        self.assertEqual(p.svc["ok"]["irq"], "0 15")

    def test_syntax_errors(self):
        self.assert_error("service a { ipc ALL }\nservice b { };\n",
                          'system.conf:1: missing ";" after "ipc" in service a', bad="a",
                          good=["b"])
        self.assert_error("service a { ipc ALL; }\nservice b { };\n",
                          'system.conf:1: missing ";" after "}" in service a', bad="a",
                          good=["b"])
        self.assert_error("service a ipc ALL; };\nservice b { };\n",
                          'system.conf:1: missing "{" in service a', bad="a", good=["b"])
        self.assert_error("service a {\n ipc ALL;\n", 'system.conf:1: missing "}" in service a',
                          bad="a")
        self.assert_error("service a { ipc { ALL; };\nservice b { };\n",
                          'system.conf:1: unexpected "{" in service a', bad="a", good=["b"])
        self.assert_error("junk words;\nservice b { };\n",
                          'system.conf:1: expected "service", found "junk"', good=["b"])
        self.assert_error("service { };\nservice b { };\n",
                          'system.conf:1: bad service label "{"', good=["b"])
        self.assert_error("service b { };\n\nservice b { ipc ALL; };\n",
                          'system.conf:3: duplicate entry (first at line 1) in service b')
        self.assert_error("service", 'system.conf:1: missing label after "service"')

    def test_empty_file(self):
        p = self.parse("# nothing but a comment\n\n")
        self.assertEqual((p.errors, p.order, p.count), ([], [], 0))


if __name__ == "__main__":
    unittest.main()
