"""Host unit tests of the network applications (handouts/netapps.md): the HTTP logic httpd
and wget share (commands/lib/http.c), libc's getaddrinfo family (lib/libc/netdb.c), and nc,
wget and httpd themselves built for the host and run against each other and against the
grader's Python peers (grader/tests/hostnet.py) over the host's own TCP and UDP.

  HttpLogic     http_harness.c: URLs, request, header and status lines, safe paths, types,
                chunked bodies whole and in pieces, line reading (one "ok" line per check)
  Netdb         netdb_harness.c with netdb.c compiled for the host (mn_ names) reading a
                hosts file of this test's: names, aliases, comments, services, flags, every
                error, getnameinfo, and numeric answers equal to the host's getaddrinfo
  Programs      httpd on a free port over a temporary root: files, types, 404, 403, 400,
                405, HEAD, keep-alive, 20 concurrent clients; wget from httpd and from
                FileServer (length, chunked, to the close, redirect), its exit statuses;
                nc -l and nc moving 32 MiB with hashes, half-close, nc -z, nc -u

The programs are plain POSIX C, so the same sources as Minnow's /bin run here; what they
cannot show is Minnow's TCP (grader/tests/net_apps.py does that in the guest).

Run from the repository root:  python3 -m unittest tools.tests.test_netapps
"""

import hashlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_harness import run_harness  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, ROOT)
from grader.tests.hostnet import FileServer, free_port, pattern  # noqa: E402

CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror"]
NET_LIB = ["commands/lib/http.c", "commands/lib/netconn.c"]
NETDB_RENAME = ["-D%s=mn_%s" % (f, f) for f in ("getaddrinfo", "freeaddrinfo", "gai_strerror",
                                                "getnameinfo", "gethostbyname")]
HOSTS = """# the hosts file of test_netapps.Netdb
127.0.0.1 localhost
10.1.1.1 alpha a2   # comment
10.1.1.2 beta
10.1.1.5 beta
not-an-address gamma
10.1.1
10.1.1.3\tgamma
# 10.1.1.4 commented
10.1.1.6 x #commented
"""


def gcc(out, sources, extra=()):
    r = subprocess.run(["gcc"] + CFLAGS + list(extra) + ["-o", out] +
                       [os.path.join(ROOT, s) for s in sources],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("host build of %s failed:\n%s" % (out, r.stdout))


class HttpLogic(unittest.TestCase):
    def test_http_logic(self):
        run_harness(self, "http_harness", ["tools/tests/http_harness.c",
                                           "commands/lib/http.c"], 71)


class Netdb(unittest.TestCase):
    def test_netdb(self):
        with tempfile.TemporaryDirectory(prefix="minnow-netdb-") as tmp:
            hosts = os.path.join(tmp, "hosts")
            with open(hosts, "w") as f:
                f.write(HOSTS)
            obj, exe = os.path.join(tmp, "netdb.o"), os.path.join(tmp, "netdb_harness")
            gcc(obj, ["lib/libc/netdb.c"], NETDB_RENAME + ['-DNETDB_HOSTS_FILE="%s"' % hosts,
                                                         "-c"])
            gcc(exe, ["tools/tests/netdb_harness.c"], [obj])
            out = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True,
                                 timeout=60).stdout
        lines = out.splitlines()
        self.assertEqual([l for l in lines if not l.startswith("ok ")], [], out)
        self.assertEqual(len(lines), 45, out)


class Programs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="minnow-netapps-")
        cls.bin = {}
        for name in ("nc", "wget", "httpd"):
            cls.bin[name] = os.path.join(cls.tmp, name)
            gcc(cls.bin[name], ["commands/bin/%s.c" % name] + NET_LIB)
        cls.www = os.path.join(cls.tmp, "www")
        os.makedirs(os.path.join(cls.www, "sub"))
        cls.files = {"index.html": b"<html>index</html>\n", "a.txt": b"text\n",
                     "sub/index.html": b"<p>sub</p>\n", "big.bin": pattern("big", 3 << 20)}
        for name, data in cls.files.items():
            with open(os.path.join(cls.www, name), "wb") as f:
                f.write(data)
        cls.port = free_port()
        cls.log = open(os.path.join(cls.tmp, "httpd.log"), "w+")
        cls.httpd = subprocess.Popen([cls.bin["httpd"], "-p", str(cls.port), "-r", cls.www,
                                      "-t", "2"], stderr=cls.log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.httpd.kill()
        cls.httpd.wait()
        cls.log.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def get(self, path, method="GET"):
        try:
            with urllib.request.urlopen(urllib.request.Request(self.url(path), method=method),
                                        timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def raw_status(self, data):
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as c:
            c.sendall(data)
            reply = c.recv(4096)
        return int(reply.split()[1])

    def run_cmd(self, *args, stdin=None, timeout=60):
        return subprocess.run(list(args), input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)

    def test_httpd_files(self):
        for path, name, ctype in (("/", "index.html", "text/html"),
                                  ("/a.txt", "a.txt", "text/plain"),
                                  ("/sub", "sub/index.html", "text/html"),
                                  ("/big.bin?q", "big.bin", "application/octet-stream")):
            status, headers, body = self.get(path)
            self.assertEqual((status, headers["Content-Type"], body),
                             (200, ctype, self.files[name]), path)
        self.assertEqual(self.get("/missing")[0], 404)
        status, headers, body = self.get("/a.txt", "HEAD")
        self.assertEqual((status, headers["Content-Length"], body), (200, "5", b""))

    def test_httpd_errors(self):
        for req, want in ((b"GET /../x HTTP/1.1\r\nHost: h\r\n\r\n", 403),
                          (b"GET /%2E%2E/x HTTP/1.1\r\nHost: h\r\n\r\n", 403),
                          (b"garbage\r\n\r\n", 400),
                          (b"GET / HTTP/1.1\r\n\r\n", 400),
                          (b"PUT / HTTP/1.1\r\nHost: h\r\n\r\n", 405),
                          (b"GET /" + b"x" * 2000 + b" HTTP/1.1\r\n\r\n", 414),
                          (b"GET / HTTP/1.1\r\nHost: h\r\nX: " + b"y" * 3000 + b"\r\n\r\n", 431),
                          (b"GET / HTTP/3.0\r\nHost: h\r\n\r\n", 505)):
            self.assertEqual(self.raw_status(req), want, req[:50])

    def test_httpd_keepalive(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("GET", "/a.txt")
        r = c.getresponse()
        self.assertEqual((r.status, r.read()), (200, b"text\n"))
        sock = c.sock
        c.request("GET", "/")
        r = c.getresponse()
        self.assertEqual((r.status, r.read(), c.sock is sock), (200, self.files["index.html"],
                                                                True))
        c.close()

    def test_httpd_concurrent(self):
        errors = []

        def one(k):
            path, name = ("/big.bin", "big.bin") if k % 5 == 0 else ("/a.txt", "a.txt")
            status, _, body = self.get(path)
            if (status, body) != (200, self.files[name]):
                errors.append((k, status, len(body)))
        threads = [threading.Thread(target=one, args=(k,)) for k in range(20)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        self.assertEqual(errors, [])

    def test_wget(self):
        out = os.path.join(self.tmp, "got.bin")
        r = self.run_cmd(self.bin["wget"], "-O", out, self.url("/big.bin"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), self.files["big.bin"])
        self.assertIn(b"100% 3145728 of 3145728 bytes", r.stderr)
        r = self.run_cmd(self.bin["wget"], "-q", self.url("/nope"), timeout=30)
        self.assertEqual((r.returncode, r.stdout), (1, b""))
        self.assertIn(b"404 Not Found", r.stderr)
        self.assertEqual(self.run_cmd(self.bin["wget"], "http//x").returncode, 2)
        self.assertEqual(self.run_cmd(self.bin["wget"]).returncode, 2)
        r = self.run_cmd(self.bin["wget"], "http://127.0.0.1:%d/" % free_port())
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"Connection refused", r.stderr)

    def test_wget_default_name(self):
        r = subprocess.run([self.bin["wget"], "-q", self.url("/sub/")], cwd=self.tmp,
                           stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.tmp, "index.html"), "rb") as f:
            self.assertEqual(f.read(), self.files["sub/index.html"])

    def test_wget_codings(self):
        data = pattern("codings", 300001)
        srv = FileServer({"d": data})
        try:
            for mode in ("", "chunked/", "close/", "redirect/"):
                r = self.run_cmd(self.bin["wget"], "-q", "-O", "-",
                                 "http://127.0.0.1:%d/%sd" % (srv.port, mode))
                self.assertEqual((r.returncode, r.stdout == data), (0, True),
                                 "%s: %s" % (mode, r.stderr))
        finally:
            srv.close()

    def test_nc_tcp(self):
        port, size = free_port(), 32 << 20
        data = pattern("nc", 1 << 20) * (size >> 20)
        server = subprocess.Popen([self.bin["nc"], "-l", "-v", str(port)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.3)
        got = {}

        def serve():
            got["out"], got["err"] = server.communicate(b"reply from the listener\n", 60)
        th = threading.Thread(target=serve)
        th.start()
        t0 = time.monotonic()
        r = self.run_cmd(self.bin["nc"], "127.0.0.1", str(port), stdin=data)
        th.join(60)
        self.assertEqual((r.returncode, server.returncode), (0, 0), r.stderr)
        self.assertEqual(hashlib.sha256(got["out"]).hexdigest(), hashlib.sha256(data).hexdigest())
        self.assertEqual(r.stdout, b"reply from the listener\n")
        self.assertLess(time.monotonic() - t0, 30)

    def test_nc_zero_and_refused(self):
        r = self.run_cmd(self.bin["nc"], "-z", "-v", "127.0.0.1", str(self.port))
        self.assertEqual(r.returncode, 0)
        self.assertIn(b"succeeded", r.stderr)
        r = self.run_cmd(self.bin["nc"], "-z", "127.0.0.1", str(free_port()))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"Connection refused", r.stderr)
        r = self.run_cmd(self.bin["nc"], "no.such.host", "80")
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"unknown host", r.stderr)
        self.assertEqual(self.run_cmd(self.bin["nc"], "-l").returncode, 2)

    def test_nc_udp(self):
        port = free_port(socket.SOCK_DGRAM)
        server = subprocess.Popen([self.bin["nc"], "-u", "-l", "-q", "1", str(port)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        server.stdin.write(b"pong\n")          # sent once the first datagram names a peer
        server.stdin.close()
        time.sleep(0.3)
        r = self.run_cmd(self.bin["nc"], "-u", "-q", "2", "127.0.0.1", str(port),
                         stdin=b"ping\n")
        server.wait(30)
        out = server.stdout.read()
        server.stdout.close()
        server.stderr.close()
        self.assertEqual((r.returncode, r.stdout), (0, b"pong\n"))
        self.assertEqual(out, b"ping\n")


if __name__ == "__main__":
    unittest.main()
