"""Host unit test of the trace command's decoder (commands/trace/decode.c and calls.c;
handouts/ptrace.md, "The trace command").

trace_harness.c compiles the decoder unchanged for the host against the real protocol
headers (their i386 layout assertions switched off, as in test_ps.py) and feeds it
made-up requests and replies of PM, VFS and VM, other protocols and primitives, with the
tracee's memory a buffer of the harness: paths and data come out quoted and escaped, cut
after 48 bytes; failures name their errno; a call never answered ends in "= ?".  The
booted command is grader/tests/trace.py's.

Run from the repository root:  python3 -m unittest discover -s tools/tests
"""

import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Static_assert(a,b)=",
          "-I" + os.path.join(ROOT, "include")]
SOURCES = ["commands/trace/decode.c", "commands/trace/calls.c", "tools/tests/trace_harness.c"]

# case -> the line the decoder must write for it.
EXPECTED = {
    "open": 'open("/etc/motd", O_RDONLY) = 3',
    "open_fail": 'open("/nope/x", O_WRONLY|O_CREAT|O_TRUNC, 0644) = '
                 '-1 ENOENT (No such file or directory)',
    "read": r'read(3, "Welcome to Minnow\n", 1024) = 18',
    "read_long": 'read(0, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"..., 100) = 62',
    "read_unanswered": "read(0, 0x10100, 100) = ?",
    "write": r'write(1, "a\tb\"\\\1\n", 7) = 7',
    "close": "close(3) = 0",
    "close_fail": "close(9) = -1 EBADF (Bad file descriptor)",
    "pipe2": "pipe2(0) = 0 [3, 4]",
    "lseek": "lseek(3, 100, SEEK_CUR) = 150",
    "rename": 'rename("old", "new") = 0',
    "stat_badpath": "stat(0xdead0000, 0x10300) = -1 EFAULT (Bad address)",
    "access": 'access("/bin/sh", R_OK|X_OK) = 0',
    "fcntl": "fcntl(4, F_SETFD, 1) = 0",
    "fork": "fork() = 42",
    "waitpid": "waitpid(-1, 0) = 42 [exited 3]",
    "waitpid_killed": "waitpid(42, WNOHANG) = 42 [killed by SIGKILL]",
    "kill": "kill(42, SIGINT) = 0",
    "getpid": "getpid() = 7 (ppid 1)",
    "getuid": "getuid() = 0 (effective 100)",
    "exit": "exit(3) = ?",
    "sigaction": "sigaction(SIGTERM, 0x10400, 0x0) = 0",
    "ptrace": "ptrace(T_SYSCALL, 42, 0x0, 2) = 0",
    "exec": r'exec("/bin/cat", ["cat", "-n", "a\tb"]) = 0',
    "exec_fail": 'exec("/bin/nope", ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", ...]) = '
                 '-1 ENOENT (No such file or directory)',
    "exec_badframe": 'exec("/x", 0xdead0000) = -1 EFAULT (Bad address)',
    "rs": "RS 0x705 = 0",
    "pm_unknown": "PM 0x963 = -1 ENOSYS (Function not implemented)",
    "no_protocol": "0x42 = 0",
    "brk": "brk(0x8100000) = 0 (break 0x8100000)",
    "mmap": "mmap(8192, 1) = 0x40000000",
    "send": "send(1) close(5) = 0",
    "notify": "notify(5) = 0",
    "receive": "receive(ANY) = 0",
    "ipc_fail": "sync() = -1 EINVAL (Invalid argument) [IPC]",
    "odd_errno": "sync() = -1 errno 250",
    "badmsg": "sendrec(1, 0xdead0000) = ?",
}


class TraceDecoder(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="minnow-trace-")
        exe = os.path.join(cls.tmp.name, "trace_harness")
        build = subprocess.run(["gcc"] + CFLAGS + ["-o", exe] +
                               [os.path.join(ROOT, s) for s in SOURCES],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
        if build.returncode != 0:
            raise RuntimeError("host build of the trace decoder failed:\n" + build.stdout)
        r = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True, timeout=20)
        cls.lines = {}
        for line in r.stdout.splitlines():
            name, _, text = line.partition(": ")
            cls.lines[name] = text

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_case(self):
        self.assertEqual(sorted(self.lines), sorted(EXPECTED))
        for name, text in EXPECTED.items():
            with self.subTest(case=name):
                self.assertEqual(self.lines[name], text)

    def test_strings_are_cut(self):
        # 48 bytes of a 62-byte read, then "..."; the escapes of write count as one byte each
        self.assertIn('KL"...', self.lines["read_long"])
        self.assertNotIn("...", self.lines["write"])


if __name__ == "__main__":
    unittest.main()
