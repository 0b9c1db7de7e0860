# Host peers for the guest's network programs over QEMU's user networking (slirp); no tests
# here (grader/tests/net_apps.py uses it; handouts/netapps.md, "Testing with host peers").
#
# The wire.  HostNet gives QEMU
#   -netdev user,id=u0,net=10.0.2.0/24,host=10.0.2.2,hostfwd=tcp:127.0.0.1:H-:G,...
#   -device e1000,netdev=u0,mac=52:54:00:12:34:56
# QEMU's slirp plays a router at 10.0.2.2: a connection or datagram from the guest to
# 10.0.2.2:PORT reaches the host's 127.0.0.1:PORT, and each hostfwd rule forwards the
# host's 127.0.0.1:H (a free port the grader picks) to the guest's port G (TCP, or UDP with
# udp_ports).  The guest uses the same static address slirp expects, 10.0.2.15/24 with the
# gateway 10.0.2.2 (inet_ip.py's CONF); slirp answers ARP for 10.0.2.2 itself.  -netdev
# also keeps QEMU from adding its default NIC.
#
# The peers, each a daemon thread on 127.0.0.1:
#   FileServer     an HTTP/1.1 server of a generated tree (pattern(): deterministic bytes
#                  from a name and a size) with known SHA-256s; /chunked/NAME sends NAME
#                  in chunked transfer coding, /close/NAME with neither length nor
#                  chunks (the body ends at the close), /redirect/NAME is 302 to /NAME
#   Sink           takes one TCP connection and hashes all it receives until the peer's
#                  end of file (the guest's `nc 10.0.2.2 PORT`)
#   send_stream()  connects to a hostfwd port and sends bytes, then shuts its side down
#                  (to a guest `nc -l`), returning what the guest sent back
#   UdpPeer        a UDP socket that records the datagrams it gets and answers each

import hashlib
import http.server
import socket
import threading
import time

GUEST_MAC = "52:54:00:12:34:56"
HOST_IP = "10.0.2.2"            # the host as the guest sees it through slirp


def free_port(kind=socket.SOCK_STREAM):
    """A port on 127.0.0.1 nobody uses now (QEMU binds it a moment later)."""
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class HostNet:
    """One e1000 on QEMU's user network; tcp_ports and udp_ports are the guest ports that
    get a host port each (self.tcp[guest_port], self.udp[guest_port])."""

    def __init__(self, tcp_ports=(80,), udp_ports=()):
        self.tcp = {g: free_port() for g in tcp_ports}
        self.udp = {g: free_port(socket.SOCK_DGRAM) for g in udp_ports}

    def qemu_args(self, model="e1000", mac=GUEST_MAC):
        fwd = ["hostfwd=tcp:127.0.0.1:%d-:%d" % (h, g) for g, h in self.tcp.items()]
        fwd += ["hostfwd=udp:127.0.0.1:%d-:%d" % (h, g) for g, h in self.udp.items()]
        return ["-netdev", ",".join(["user,id=u0,net=10.0.2.0/24,host=%s" % HOST_IP] + fwd),
                "-device", "%s,netdev=u0,mac=%s" % (model, mac)]

    def url(self, guest_port, path="/"):
        """The host's URL of the guest's HTTP server on guest_port."""
        return "http://127.0.0.1:%d%s" % (self.tcp[guest_port], path)


def pattern(name, size):
    """size deterministic bytes for name (SHA-256 in counter mode)."""
    seed, out, k = name.encode(), bytearray(), 0
    while len(out) < size:
        out += hashlib.sha256(seed + k.to_bytes(8, "little")).digest() * 64
        k += 1
    return bytes(out[:size])


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class _FileHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        self.server.log.append(self.requestline)

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        mode, name = (parts[0], "/".join(parts[1:])) if len(parts) > 1 else ("", parts[0])
        body = self.server.files.get(name)
        if body is None or mode not in ("", "chunked", "close", "redirect"):
            return self.send_error(404)
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "/" + name)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        getattr(self, "_body_" + (mode or "length"))(body)

    def _body_length(self, body):
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for pos in range(0, len(body), 65536):  # in pieces: self.server.sent counts them
            self.wfile.write(body[pos:pos + 65536])
            self.server.sent += len(body[pos:pos + 65536])

    def _body_close(self, body):
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _body_chunked(self, body):
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pos, k = 0, 0
        while pos < len(body):          # odd chunk sizes, an extension on some
            n = min(len(body) - pos, 1 + (k * 7919) % 40000)
            ext = ";k=%d" % k if k % 3 == 0 else ""
            self.wfile.write(b"%x%s\r\n" % (n, ext.encode()) + body[pos:pos + n] + b"\r\n")
            pos, k = pos + n, k + 1
        self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")


class FileServer:
    """An HTTP server on 127.0.0.1 (self.port) of files {name: bytes}; self.log holds the
    request lines it served; sent() is the body bytes written so far (with Content-Length)."""

    def __init__(self, files):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FileHandler)
        self.httpd.daemon_threads = True
        self.httpd.files, self.httpd.log, self.httpd.sent = dict(files), [], 0
        self.port = self.httpd.server_address[1]
        self.log = self.httpd.log
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def sent(self):
        return self.httpd.sent

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Sink:
    """A TCP listener on 127.0.0.1 (self.port) for one connection: hashes what comes until
    the peer's end of file (self.count: the bytes so far; while self.limit is set and
    reached, it stops reading).  wait() -> (bytes, sha256 hex, seconds from first byte)."""

    def __init__(self, reply=b""):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.reply, self.result, self.count, self.limit = reply, None, 0, None
        self.done = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        h, n, t0 = hashlib.sha256(), 0, None
        try:
            c, _ = self.sock.accept()
            with c:
                c.sendall(self.reply)
                while True:
                    while self.limit is not None and n >= self.limit:
                        time.sleep(0.01)
                    data = c.recv(1 << 16 if self.limit is not None else 1 << 20)
                    if not data:
                        break
                    t0 = t0 or time.monotonic()
                    h.update(data)
                    n += len(data)
                    self.count = n
            self.result = (n, h.hexdigest(), time.monotonic() - (t0 or time.monotonic()))
        except OSError as e:
            self.result = e
        self.done.set()

    def wait(self, timeout):
        if not self.done.wait(timeout):
            raise TimeoutError("no end of the guest's stream within %d s" % timeout)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def close(self):
        self.sock.close()


def send_stream(port, chunks, timeout):
    """Connect to 127.0.0.1:port, send each chunk (bytes) of the iterable, shut down the
    sending side, and read until the peer closes: (bytes sent, seconds, bytes received)."""
    c = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    t0, sent, got = time.monotonic(), 0, bytearray()
    with c:
        for chunk in chunks:
            c.sendall(chunk)
            sent += len(chunk)
        c.shutdown(socket.SHUT_WR)
        while True:
            data = c.recv(65536)
            if not data:
                break
            got += data
    return sent, time.monotonic() - t0, bytes(got)


class UdpPeer:
    """A UDP socket on 127.0.0.1 (self.port): records each datagram (self.got: (data,
    address)) and answers it with answer(data) unless that is None."""

    def __init__(self, answer=lambda data: b"ack:" + data):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.answer, self.got = answer, []
        self.cond = threading.Condition()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                data, addr = self.sock.recvfrom(65536)
            except OSError:
                return
            with self.cond:
                self.got.append((data, addr))
                self.cond.notify_all()
            reply = self.answer(data)
            if reply is not None:
                self.sock.sendto(reply, addr)

    def wait(self, count, timeout):
        """Wait until count datagrams came (at most timeout seconds): self.got."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.got) < count and time.monotonic() < deadline:
                self.cond.wait(0.1)
        return list(self.got)

    def send(self, data, port):
        self.sock.sendto(data, ("127.0.0.1", port))

    def close(self):
        self.sock.close()
