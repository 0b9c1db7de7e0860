# The network applications (handouts/netapps.md): getaddrinfo (lib/libc/netdb.c, through
# /test/gaitest), nc, httpd and wget (commands/bin), with the grader's host peers on QEMU's
# user network (hostnet.py: hostfwd for host -> guest, 10.0.2.2 for guest -> host).
#
# One boot: an e1000 on the user network, inet.conf with 10.0.2.15/24 and the gateway
# 10.0.2.2 (slirp's own addresses), `service up /service/inet`, then e1000_0.  The steps:
#   gai        gaitest: numeric addresses, localhost, names and aliases of /etc/hosts, the
#              built-in services, AI_PASSIVE/NUMERICHOST/NUMERICSERV/CANONNAME, every
#              error (EAI_NONAME, EAI_SERVICE, EAI_FAMILY, EAI_SOCKTYPE, EAI_BADFLAGS),
#              getnameinfo; nc and wget naming an unknown host, wget's bad URL
#   udp        `nc -u 10.0.2.2 PORT`: a line to the grader's UDP peer and its answer
#              back; then /www/data.bin (256 KiB) as 1472-byte datagrams, in order
#   udp_listen `nc -u -l 7000` behind hostfwd: the grader's datagrams printed, the
#              guest's line answers the first sender
# TCP (inet's SOCK_STREAM) from here on:
#   httpd      httpd on port 80 behind hostfwd; Python's urllib: /, /hello.txt,
#              /style.css, /sub/, /data.bin byte for byte with their Content-Types; 404,
#              403 for "..", 400 for garbage, 405 for POST, HEAD, keep-alive (two
#              requests on one http.client connection), curl when the host has it
#   many       200 requests one after the other, then 20 at once from threads, all
#              byte-correct; httpd logged a line for each
#   wget       the guest fetches from the grader's FileServer at 10.0.2.2: 1 MiB to a
#              file (sha256sum in the guest matches), by Content-Length, chunked coding,
#              to the close, and through a redirect (each to a file, then hashed); 404 -> exit 1, refused -> exit 1,
#              and from its own httpd as http://localhost/ (/etc/hosts)
#   wget_big   16 MiB (MINNOW_FUZZ=full: 64 MiB) to standard output | sha256sum
#   nc         host -> guest `nc -l 5000 > file` and guest -> host `... | nc 10.0.2.2 P`,
#              1 MiB each, hashed both ends; nc -z on an open and a closed port
#   nc_big     16 MiB (MINNOW_FUZZ=full: 64) each way (`nc -l | sha256sum`, `... | nc`), the rate logged
#   pipe       wget -O - | sha256sum and nc -l | sha256sum, 1 MiB each: the TCP reader's
#              output a pipe whose reader runs at once
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import hashlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

from grader.core import test
from grader.match import CheckFailure
from grader.tests.hostnet import (HOST_IP, FileServer, HostNet, Sink, UdpPeer, free_port,
                                  pattern, send_stream, sha256)
from grader.tests.inet_ip import CONF, configured
from grader.tests.net_common import run, step, value, wait_text

HTTP_PORT, NC_PORT, UDP_PORT = 80, 5000, 7000
MIB = 1 << 20
# 64 MiB takes about 25 s each way (TCG): make check moves 16 MiB, MINNOW_FUZZ=full in the
# environment 64 MiB (handouts/netapps.md, as net_xfer.py does).
FULL = os.environ.get("MINNOW_FUZZ", "").strip().lower() == "full"
WGET_BIG = NC_BIG = (64 if FULL else 16) * MIB
G = r"^(?:# )?"                 # a guest line, perhaps after the prompt


def www(config, name):
    """The bytes of /www/<name> as the build staged them (build/rootfs/www)."""
    with open(config.path(os.path.join("build/rootfs/www", name)), "rb") as f:
        return f.read()


def guest_hash(out, what):
    m = re.search(r"^(?:# )?([0-9a-f]{64})\b", out, re.M)
    if not m:
        raise CheckFailure("no sha256sum of %s in:\n%s" % (what, out[-1500:]))
    return m.group(1)


def expect(out, *regexes):
    """Each regex must match a line of out (the guest's text); CheckFailure otherwise."""
    for r in regexes:
        if not re.search(G + r, out, re.M):
            raise CheckFailure("no line matching %r in:\n%s" % (r, out[-2000:]))
    return out


# ---- the steps that need no TCP -----------------------------------------------------

GAI_CASES = [
    ("localhost http", r"gai: localhost http -> 127\.0\.0\.1 port 80 stream proto 6$"),
    ("-t stream minnow 8080", r"gai: minnow 8080 -> 10\.0\.2\.15 port 8080 stream proto 6$"),
    ("-t dgram gateway 53", r"gai: gateway 53 -> 10\.0\.2\.2 port 53 dgram proto 17$"),
    ("-t stream HOST 1", r"gai: HOST 1 -> 10\.0\.2\.2 port 1 stream proto 6$"),
    ("-c -t stream loopback 7", r"gai: loopback 7 -> 127\.0\.0\.1 port 7 stream proto 6 "
                                r"canon loopback$"),
    ("10.1.2.3 echo", r"gai: 10\.1\.2\.3 echo -> 10\.1\.2\.3 port 7 dgram proto 17$"),
    ("-p - 80", r"gai: - 80 -> 0\.0\.0\.0 port 80 stream proto 6$"),
    ("- 80", r"gai: - 80 -> 127\.0\.0\.1 port 80 dgram proto 17$"),
    ("127.0.0.1 ntp", r"gai: 127\.0\.0\.1 ntp -> 127\.0\.0\.1 port 123 dgram proto 17$"),
    ("nosuchhost 80", r"gai: nosuchhost 80: EAI_NONAME "),
    ("-n localhost 80", r"gai: localhost 80: EAI_NONAME "),
    ("-N 127.0.0.1 http", r"gai: 127\.0\.0\.1 http: EAI_NONAME "),
    ("- -", r"gai: - -: EAI_NONAME "),
    ("-t stream 127.0.0.1 ntp", r"gai: 127\.0\.0\.1 ntp: EAI_SERVICE "),
    ("127.0.0.1 70000", r"gai: 127\.0\.0\.1 70000: EAI_SERVICE "),
    ("-f 24 localhost 80", r"gai: localhost 80: EAI_FAMILY "),
    ("-t 9 localhost 80", r"gai: localhost 80: EAI_SOCKTYPE "),
    ("-c - 80", r"gai: - 80: EAI_BADFLAGS "),
    ("-r 127.0.0.1 80", r"gni: 127\.0\.0\.1 80 -> localhost http$"),
    ("-r -n 10.0.2.2 8080", r"gni: 10\.0\.2\.2 8080 -> 10\.0\.2\.2 8080$"),
    ("-r 10.9.9.9 443", r"gni: 10\.9\.9\.9 443 -> 10\.9\.9\.9 https$"),
]


def gai_step(q):
    out = ""
    for k in range(0, len(GAI_CASES), 4):      # the console takes lines of limited length
        out += run(q, "; ".join("/test/gaitest %s" % a for a, _ in GAI_CASES[k:k + 4]), 60)
    expect(out, *[r for _, r in GAI_CASES])
    out += run(q, "nc nosuchhost 80; echo nc=$?; wget -q http://nosuchhost/x; echo wget=$?; "
                  "wget ftp://x/y; echo bad=$?", 60)
    return expect(out, r"nc: nosuchhost port 80: unknown host", r"nc=1$",
                  r"wget: nosuchhost port 80: unknown host", r"wget=1$",
                  r"wget: bad URL 'ftp://x/y'", r"bad=2$")


def udp_step(t, q):
    peer = UdpPeer()
    try:
        out = run(q, "echo hello-udp | nc -u -q 3 %s %d; echo status=$?" % (HOST_IP, peer.port),
                  60)
        got = peer.wait(1, 5)
        if not got or got[0][0] != b"hello-udp\n":
            raise CheckFailure("the grader's UDP peer got %r, want b'hello-udp\\n'" % got[:3])
        expect(out, r"ack:hello-udp$", r"status=0$")
        peer.got.clear()
        peer.answer = lambda data: None
        data = www(t.config, "data.bin")
        out += run(q, "nc -u -q 2 %s %d < /www/data.bin; echo status=$?" % (HOST_IP, peer.port),
                   120)
        got = peer.wait(-(-len(data) // 1472), 10)
        joined = b"".join(d for d, _ in got)
        sizes = sorted(set(len(d) for d, _ in got))
        if joined != data:
            raise CheckFailure("the grader got %d datagrams, %d bytes (sizes %s); /www/data.bin "
                               "is %d bytes%s" % (len(got), len(joined), sizes[:5], len(data),
                                                  ", the same bytes out of order"
                                                  if sorted(joined) == sorted(data) else ""))
        return expect(out, r"status=0$") + "\n%d datagrams, sizes %s" % (len(got), sizes)
    finally:
        peer.close()


def udp_listen_step(q, net):
    peer = UdpPeer(answer=lambda data: None)
    try:
        mark = len(q.output)
        q.send_line("echo pong | nc -u -l -v -q 3 %d; echo udp_listen=$?" % UDP_PORT)
        wait_text(q, G + r"nc: listening on port %d \(udp\)$" % UDP_PORT, mark, 30)
        peer.send(b"ping-1\n", net.udp[UDP_PORT])
        got = peer.wait(1, 10)
        peer.send(b"ping-2\n", net.udp[UDP_PORT])
        wait_text(q, G + r"udp_listen=\d+$", mark, 30)
        out = q.output[mark:]
        if [d for d, _ in got][:1] != [b"pong\n"]:
            raise CheckFailure("the grader got %r from nc -u -l, want b'pong\\n'" % got)
        return expect(out, r"ping-1$", r"ping-2$", r"udp_listen=0$")
    finally:
        peer.close()


# ---- httpd --------------------------------------------------------------------------

def fetch(url, method="GET", timeout=30):
    """(status, headers, body) of one request with urllib (errors too)."""
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def raw(port, data, timeout=30):
    """Send data on a new connection to 127.0.0.1:port; all that comes back until close."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as c:
        c.sendall(data)
        out = b""
        while True:
            d = c.recv(65536)
            if not d:
                return out
            out += d


def check_get(net, path, want, ctype, out):
    status, headers, body = fetch(net.url(HTTP_PORT, path))
    if status != 200 or body != want or headers.get("Content-Type") != ctype:
        raise CheckFailure("GET %s: %s, %s, %d bytes (want 200, %s, %d bytes%s)"
                           % (path, status, headers.get("Content-Type"), len(body), ctype,
                              len(want), "" if body == want else ", different bytes"))
    out.append("GET %s: 200 %s %d bytes ok" % (path, ctype, len(body)))


def status_of(reply):
    m = re.match(rb"HTTP/1\.1 (\d{3}) ", reply)
    return int(m.group(1)) if m else None


def httpd_start(q):
    mark = len(q.output)
    q.send_line("httpd -p %d &" % HTTP_PORT)
    return wait_text(q, G + r"httpd: serving /www on port %d$" % HTTP_PORT, mark, 30).group(0)


def httpd_errors(net, out):
    port = net.tcp[HTTP_PORT]
    close = b"Host: x\r\nConnection: close\r\n\r\n"     # not kept open for 10 s
    cases = [(b"GET /../etc/passwd HTTP/1.1\r\n" + close, 403),
             (b"GET /sub/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + close, 403),
             (b"this is not HTTP\r\n\r\n", 400),
             (b"GET /hello.txt HTTP/1.1\r\n\r\n", 400),          # no Host:
             (b"POST /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
             (b"GET /" + b"a" * 1500 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
             (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
             (b"GET /nope.html HTTP/1.0\r\n\r\n", 404)]
    for req, want in cases:
        got = status_of(raw(port, req))
        if got != want:
            raise CheckFailure("%r: status %s, want %d" % (req[:60], got, want))
        out.append("%r -> %d" % (req[:40], got))


def httpd_head_keepalive(net, out):
    c = http.client.HTTPConnection("127.0.0.1", net.tcp[HTTP_PORT], timeout=30)
    try:
        c.request("HEAD", "/hello.txt")
        r = c.getresponse()
        body = r.read()
        if r.status != 200 or body or r.getheader("Content-Length") != "60":
            raise CheckFailure("HEAD /hello.txt: %d, Content-Length %s, %d body bytes"
                               % (r.status, r.getheader("Content-Length"), len(body)))
        sock = c.sock
        for path in ("/index.html", "/style.css"):
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            if r.status != 200 or c.sock is not sock or r.getheader("Connection") != \
                    "keep-alive":
                raise CheckFailure("keep-alive: GET %s on the same connection: %d, %s"
                                   % (path, r.status, r.getheader("Connection")))
        out.append("HEAD, then two GETs on one connection: ok")
    finally:
        c.close()


def curl_check(t, net, out):
    curl = shutil.which("curl")
    if curl is None:
        out.append("curl: not installed on the host, check skipped")
        return
    r = subprocess.run([curl, "-s", "-f", "--max-time", "60", net.url(HTTP_PORT, "/data.bin")],
                       stdout=subprocess.PIPE, timeout=90)
    if r.returncode != 0 or r.stdout != www(t.config, "data.bin"):
        raise CheckFailure("curl /data.bin: exit %d, %d bytes" % (r.returncode, len(r.stdout)))
    out.append("curl /data.bin: %d bytes ok" % len(r.stdout))


def httpd_step(t, q, net):
    out = [httpd_start(q)]
    index, sub = www(t.config, "index.html"), www(t.config, "sub/index.html")
    check_get(net, "/", index, "text/html", out)
    check_get(net, "/hello.txt", www(t.config, "hello.txt"), "text/plain", out)
    check_get(net, "/style.css", www(t.config, "style.css"), "text/css", out)
    check_get(net, "/sub/", sub, "text/html", out)
    check_get(net, "/sub", sub, "text/html", out)
    check_get(net, "/data.bin?x=1", www(t.config, "data.bin"), "application/octet-stream", out)
    httpd_errors(net, out)
    httpd_head_keepalive(net, out)
    curl_check(t, net, out)
    return "\n".join(out)


def many_step(t, q, net):
    files = {p: www(t.config, p.strip("/") or "index.html")
             for p in ("/", "/hello.txt", "/style.css", "/index.html")}
    paths = sorted(files)
    t0 = time.monotonic()
    for k in range(200):
        p = paths[k % len(paths)]
        status, _, body = fetch(net.url(HTTP_PORT, p))
        if status != 200 or body != files[p]:
            raise CheckFailure("request %d of 200 (GET %s): %d, %d bytes" % (k, p, status,
                                                                             len(body)))
    seq = time.monotonic() - t0
    files["/data.bin"] = www(t.config, "data.bin")
    errors, threads = [], []

    def one(k):
        p = "/data.bin" if k % 4 == 0 else paths[k % len(paths)]
        try:
            status, _, body = fetch(net.url(HTTP_PORT, p), timeout=120)
            if status != 200 or body != files[p]:
                errors.append("GET %s: %d, %d bytes" % (p, status, len(body)))
        except OSError as e:
            errors.append("GET %s: %s" % (p, e))
    t0 = time.monotonic()
    for k in range(20):
        threads.append(threading.Thread(target=one, args=(k,)))
        threads[-1].start()
    for th in threads:
        th.join(180)
    if errors:
        raise CheckFailure("%d of 20 concurrent requests failed: %s" % (len(errors), errors[:5]))
    return "200 sequential requests in %.1f s; 20 concurrent in %.1f s" % (
        seq, time.monotonic() - t0)


# ---- wget ---------------------------------------------------------------------------

def wget_step(t, q, srv):
    one = pattern("1m.bin", MIB)
    base = "http://%s:%d" % (HOST_IP, srv.port)
    cmd = ("wget -O /tmp/1m.bin %s/1m.bin; echo status=$?; sha256sum /tmp/1m.bin; rm /tmp/1m.bin"
           % base)
    t0 = time.monotonic()
    out = run(q, cmd, 180)
    secs = time.monotonic() - t0
    expect(out, r"wget: saved '/tmp/1m.bin': %d bytes" % MIB, r"status=0$")
    if guest_hash(out, "1m.bin") != sha256(one):
        raise CheckFailure("the guest's 1m.bin differs from the grader's:\n" + out[-1500:])
    small = pattern("small.bin", 100000)
    for mode in ("chunked", "close", "redirect"):
        o = run(q, "wget -q -O /tmp/small.bin %s/%s/small.bin; sha256sum /tmp/small.bin; "
                   "rm /tmp/small.bin" % (base, mode), 120)
        if guest_hash(o, mode) != sha256(small):
            raise CheckFailure("wget of /%s/small.bin: wrong bytes:\n%s" % (mode, o[-1500:]))
        out += o
    out += run(q, "wget %s/missing.bin; echo missing=$?; wget -T 20 http://%s:%d/x; "
                  "echo refused=$?; wget -q -O - http://localhost/hello.txt" %
               (base, HOST_IP, closed_port()), 120)
    expect(out, r"wget: http://10\.0\.2\.2:%d/missing\.bin: 404 " % srv.port, r"missing=1$",
           r"wget: connect to 10\.0\.2\.2 port \d+: Connection refused", r"refused=1$",
           r"Hello from Minnow\.$")
    return out + "\n1 MiB in %.1f s" % secs


def closed_port():
    """A host port nothing listens on (slirp's connect to it is refused)."""
    return free_port()


def wget_big_step(q, srv):
    data = pattern("big.bin", WGET_BIG)
    t0 = time.monotonic()
    out = run(q, "wget -q -O - http://%s:%d/big.bin | sha256sum" % (HOST_IP, srv.port), 600)
    secs = time.monotonic() - t0
    if guest_hash(out, "big.bin") != sha256(data):
        raise CheckFailure("the guest's hash of %d MiB differs:\n%s" % (WGET_BIG // MIB, out))
    return "%d MiB in %.1f s (%.0f KiB/s)" % (WGET_BIG // MIB, secs, WGET_BIG / 1024 / secs)


# ---- nc over TCP --------------------------------------------------------------------

def nc_to_guest(q, net, size, timeout, to_file=False):
    """The grader sends size bytes to `nc -l` in the guest, which pipes them to sha256sum
    (to_file: writes /home/ncin on the disk, then hashes it): seconds until the guest's
    hash (hashing included)."""
    data = pattern("to-guest", MIB)
    mark = len(q.output)
    q.send_line("nc -l -v %d < /dev/null %s; echo nc_in=$?" % (
        NC_PORT, "> /home/ncin; sha256sum /home/ncin; rm /home/ncin" if to_file else
        "| sha256sum"))
    wait_text(q, G + r"nc: listening on port %d$" % NC_PORT, mark, 30)
    t0 = time.monotonic()
    sent, _, _ = send_stream(net.tcp[NC_PORT], (data for _ in range(size // MIB)), timeout)
    m = wait_text(q, G + r"([0-9a-f]{64})\b", mark, timeout)
    secs = time.monotonic() - t0        # until the guest's hash: the guest's FIN came early
    wait_text(q, G + r"nc_in=0$", mark, 30)
    want = hashlib.sha256()
    for _ in range(size // MIB):
        want.update(data)
    if sent != size or m.group(1) != want.hexdigest():
        raise CheckFailure("host -> guest %d bytes: the guest's hash %s, want %s"
                           % (sent, m.group(1), want.hexdigest()))
    return secs


def nc_from_guest(q, size, timeout):
    """`nc 10.0.2.2 P` sends /tmp/1m.bin size/1 MiB times to the grader: seconds."""
    data = pattern("from-guest", MIB)
    sink = Sink()
    try:
        count = size // MIB
        loop = "i=0; while [ $i -lt %d ]; do cat /tmp/nc1m; i=$((i+1)); done" % count
        out = run(q, "(%s) | nc %s %d; echo nc_out=$?" % (loop, HOST_IP, sink.port), timeout)
        n, digest, secs = sink.wait(30)
        want = hashlib.sha256()
        for _ in range(count):
            want.update(data)
        if n != size or digest != want.hexdigest():
            raise CheckFailure("guest -> host: the grader got %d bytes (want %d), hash %s"
                               % (n, size, "ok" if digest == want.hexdigest() else "wrong"))
        expect(out, r"nc_out=0$")
        return secs
    finally:
        sink.close()


def nc_prepare(t, q):
    """/tmp/nc1m in the guest: 1 MiB of pattern("from-guest"), from the grader's FileServer."""
    srv = FileServer({"nc1m": pattern("from-guest", MIB)})
    try:
        out = run(q, "wget -q -O /tmp/nc1m http://%s:%d/nc1m; sha256sum /tmp/nc1m"
                  % (HOST_IP, srv.port), 300)
        if guest_hash(out, "nc1m") != sha256(pattern("from-guest", MIB)):
            raise CheckFailure("could not put /tmp/nc1m in the guest:\n" + out)
    finally:
        srv.close()


def nc_step(t, q, net):
    nc_prepare(t, q)
    a = nc_to_guest(q, net, MIB, 180, to_file=True)
    b = nc_from_guest(q, MIB, 180)
    out = run(q, "nc -z -v 127.0.0.1 %d; echo open=$?; nc -z 127.0.0.1 81; echo closed=$?"
              % HTTP_PORT, 60)
    expect(out, r"nc: connect to 127\.0\.0\.1 port 80 \(tcp\) succeeded$", r"open=0$",
           r"nc: connect to 127\.0\.0\.1 port 81: Connection refused$", r"closed=1$")
    return out + "\n1 MiB to the guest in %.1f s, 1 MiB from it in %.1f s" % (a, b)


def nc_big_step(q, net):
    limit = 600
    a = nc_to_guest(q, net, NC_BIG, limit)
    b = nc_from_guest(q, NC_BIG, limit)
    mib = NC_BIG // MIB
    return "%d MiB to the guest in %.1f s (%.0f KiB/s), from it in %.1f s (%.0f KiB/s)" % (
        mib, a, NC_BIG / 1024 / a, b, NC_BIG / 1024 / b)


def pipe_step(q, net, srv):
    """A TCP reader whose output is a pipe to a process that reads it at once: wget -O - |
    sha256sum and nc -l | sha256sum, 1 MiB each."""
    out = run(q, "wget -q -O - http://%s:%d/1m.bin | sha256sum" % (HOST_IP, srv.port), 90)
    if guest_hash(out, "wget | sha256sum") != sha256(pattern("1m.bin", MIB)):
        raise CheckFailure("wget | sha256sum: wrong hash:\n" + out)
    return out + "\nnc -l | sha256sum: 1 MiB in %.1f s" % nc_to_guest(q, net, MIB, 90)


# ---- the session --------------------------------------------------------------------

def start_inet(q):
    wait_text(q, r"^# ", 0, 60)
    run(q, "echo '%s' > /tmp/inet.conf" % (CONF % "e1000"))
    start = len(q.output)
    run(q, "service up /service/inet -args conf=/tmp/inet.conf")
    wait_text(q, G + r"inet: lo: 127\.0\.0\.1 answered .*$", start, 30)
    run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
    wait_text(q, configured("e1000", 0), start, 30)


def guarded(q, results, name, func):
    """step(), and after a failure Ctrl-C and a fresh prompt, so that a command left hanging
    does not take the later steps with it."""
    def checked():
        try:
            return func()
        except (OSError, ValueError, http.client.HTTPException) as e:
            raise CheckFailure("%s: %s: %s" % (name, type(e).__name__, e))
    step(results, name, checked)
    if isinstance(results[name], CheckFailure) and q.running():
        q.send("\x03")
        time.sleep(1)
        try:
            run(q, "echo resync", 30)
        except CheckFailure:
            pass


def session(t):
    net = HostNet(tcp_ports=(HTTP_PORT, NC_PORT), udp_ports=(UDP_PORT,))
    srv = FileServer({"1m.bin": pattern("1m.bin", MIB), "small.bin": pattern("small.bin", 100000),
                      "big.bin": pattern("big.bin", WGET_BIG)})
    q = t.launch(extra_args=net.qemu_args(), timeout=1500)
    results = {}
    try:
        step(results, "up", lambda: start_inet(q))
        if isinstance(results["up"], CheckFailure):
            return results
        guarded(q, results, "gai", lambda: gai_step(q))
        guarded(q, results, "udp", lambda: udp_step(t, q))
        guarded(q, results, "udp_listen", lambda: udp_listen_step(q, net))
        guarded(q, results, "httpd", lambda: httpd_step(t, q, net))
        if not isinstance(results["httpd"], CheckFailure):
            guarded(q, results, "many", lambda: many_step(t, q, net))
        guarded(q, results, "wget", lambda: wget_step(t, q, srv))
        if not isinstance(results["wget"], CheckFailure):
            guarded(q, results, "wget_big", lambda: wget_big_step(q, srv))
        guarded(q, results, "nc", lambda: nc_step(t, q, net))
        if not isinstance(results["nc"], CheckFailure):
            guarded(q, results, "nc_big", lambda: nc_big_step(q, net))
        guarded(q, results, "pipe", lambda: pipe_step(q, net, srv))
    finally:
        q.stop()
        srv.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on QEMU's user network (hostfwd to the guest's ports 80, 5000 "
         "and UDP 7000); inet with 10.0.2.15; nc, httpd and wget against the grader's host "
         "peers", timeout=1500)
def net_apps_session(t):
    r = session(t)
    for k, v in r.items():
        if k.endswith("_seconds"):
            t.log("%s: %.1f s" % (k, v))
    return r


def _logged(t, name):
    v = value(t, name)
    t.log(v if isinstance(v, str) else repr(v))
    return v


@test(2, "getaddrinfo/getnameinfo: numeric addresses, localhost, /etc/hosts names and "
         "aliases, built-in services, the AI_ flags and every EAI_ error; nc and wget name "
         "an unknown host; wget's bad URL exits 2", parent=net_apps_session)
def net_apps_gai(t):
    _logged(t, "gai")


@test(2, "nc -u: a line to the grader's UDP peer and its answer back; 256 KiB as 1472-byte "
         "datagrams in order", parent=net_apps_session)
def net_apps_nc_udp(t):
    _logged(t, "udp")


@test(1, "nc -u -l behind hostfwd: the grader's datagrams printed, the guest answers the "
         "first sender", parent=net_apps_session)
def net_apps_nc_udp_listen(t):
    _logged(t, "udp_listen")


@test(4, "(needs TCP) httpd: files byte for byte with their types, directories, 404, 403 "
         "for '..', 400, 405, 414, 505, HEAD, keep-alive, curl", parent=net_apps_session)
def net_apps_httpd(t):
    _logged(t, "httpd")


@test(3, "(needs TCP) httpd: 200 requests in a row, then 20 at once, all byte-correct",
      parent=net_apps_session)
def net_apps_httpd_many(t):
    _logged(t, "many")


@test(4, "(needs TCP) wget from the grader's server: 1 MiB to a file (hash matches), "
         "chunked, to-the-close and redirected bodies, 404 and refused exit 1, localhost",
      parent=net_apps_session)
def net_apps_wget(t):
    _logged(t, "wget")


@test(2, "(needs TCP) wget of %d MiB, hash matches" % (WGET_BIG // MIB),
      parent=net_apps_session)
def net_apps_wget_big(t):
    _logged(t, "wget_big")


@test(3, "(needs TCP) nc: 1 MiB host -> guest nc -l and guest nc -> host, hashed both "
         "ends; nc -z on an open and a closed port", parent=net_apps_session)
def net_apps_nc(t):
    _logged(t, "nc")


@test(2, "(needs TCP) nc: %d MiB each way, hashed, the rate logged" % (NC_BIG // MIB),
      parent=net_apps_session)
def net_apps_nc_big(t):
    _logged(t, "nc_big")


@test(1, "(needs TCP) a TCP reader writing into a pipe that is read at once: wget -O - | "
         "sha256sum and nc -l | sha256sum, 1 MiB each", parent=net_apps_session)
def net_apps_pipe(t):
    _logged(t, "pipe")
