#!/usr/bin/env python3
"""make bench-linux: Minnow's TCP and HTTP figures next to a Linux guest on the same QEMU.

An instructor tool, not part of `make check` or `make bench`: it needs apt-get and network
access to Debian's archive.  What it needs: a Debian host with apt-get and dpkg-deb,
the i386 architecture added (`dpkg --add-architecture i386 && apt-get update`), and
qemu-system-i386 (the same binary the grader boots Minnow with, grader/config.py's qemu).

How it fetches and builds (everything cached under build/linux/, never committed):
  1. `apt-get download` of linux-image-686 (the kernel package it depends on; Debian's
     i386 kernel, e1000 built as a module) and busybox-static, both :i386, unpacked with
     `dpkg-deb -x` in a temporary directory, keeping only vmlinuz, e1000.ko and busybox.
     A second run finds them and skips this step.
  2. An initramfs (cpio "newc", gzip; cpio_entry writes it): busybox, e1000.ko, and an
     /init (INIT below) that loads e1000, sets eth0 to 10.0.2.15/24 with gateway
     10.0.2.2 (the static address slirp expects; Minnow's inet uses the same), then runs
     the three workloads in turn and says on the serial console when each is ready and
     done ("lg: ..." lines).

How it measures (the same wire and the same clocks as tools/bench.py's run_tcp): QEMU's
user network (slirp) with one e1000 (grader/tests/hostnet.py's HostNet: hostfwd of guest
ports 80 and 5000), no -icount (slirp runs in host time), wall clock on the host:
  tcp_e1000_in_MBps   8 MiB host -> guest into `nc -l -p 5000 > /dev/null`, from the host's
                      connect to the guest's "lg: in_done" line (after nc saw end of file)
  tcp_e1000_out_MBps  8 MiB of zeros from `dd | nc 10.0.2.2 PORT` into our listener, from
                      its first byte to its last
  http_e1000_rps      100 sequential HTTP/1.1 GETs of /hello.txt from busybox httpd
10^6 bytes to the MB.  Minnow's figures come from tools/bench.py's run_tcp in the same
invocation (one Minnow boot, about 10 s), unless --linux-only.

Usage: make bench-linux            (builds Minnow first)
       python3 tools/linux_guest.py [--linux-only] [--mib N]
"""
import argparse
import dataclasses
import glob
import gzip
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from grader.config import Config  # noqa: E402
from grader.tests.hostnet import HostNet  # noqa: E402

CACHE = os.path.join(ROOT, "build", "linux")
PACKAGES = ("linux-image-686:i386", "busybox-static:i386")
HTTP_REQUESTS = 100
FIGURES = ("tcp_e1000_in_MBps", "tcp_e1000_out_MBps", "http_e1000_rps")

# The guest's /init: busybox sh.  lg_mib= and lg_sink= come on the kernel command line.
INIT = r"""#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
arg() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" /proc/cmdline; }
MIB=$(arg lg_mib); SINK=$(arg lg_sink)
insmod /lib/e1000.ko
ifconfig lo 127.0.0.1 up
ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up
route add default gw 10.0.2.2
mkdir -p /www
echo "hello from the Linux guest" > /www/hello.txt
echo "lg: kernel $(uname -r)"
sleep 1
nc -l -p 5000 < /dev/null > /dev/null &
sleep 1
echo "lg: listening"
wait $!
echo "lg: in_done=$?"
dd if=/dev/zero bs=65536 count=$((MIB * 16)) 2>/dev/null | nc 10.0.2.2 $SINK
echo "lg: out_done"
httpd -p 80 -h /www
sleep 1
echo "lg: httpd"
read line
echo "lg: bye"
poweroff -f
"""


# ---- fetching and building ------------------------------------------------------------------
def fetch():
    """The two packages under CACHE, downloaded once; the three files we use taken out of
    them (the rest is not kept: the Makefile includes every *.d under build/):
    (vmlinuz, e1000.ko, busybox) paths."""
    os.makedirs(CACHE, exist_ok=True)
    if not glob.glob(os.path.join(CACHE, "linux-image-*.deb")):
        dep = subprocess.run(["apt-cache", "depends", PACKAGES[0]], capture_output=True,
                             text=True, check=True).stdout
        image = [ln.split()[-1] for ln in dep.splitlines() if "Depends:" in ln][0]
        subprocess.run(["apt-get", "download", image], cwd=CACHE, check=True)
    if not glob.glob(os.path.join(CACHE, "busybox-static_*.deb")):
        subprocess.run(["apt-get", "download", PACKAGES[1]], cwd=CACHE, check=True)
    wanted = {"vmlinuz": ("linux-image-*.deb", "boot/vmlinuz-*"),
              "e1000.ko": ("linux-image-*.deb", "lib/modules/*/kernel/drivers/net/ethernet/"
                                                "intel/e1000/e1000.ko"),
              "busybox": ("busybox-static_*.deb", "bin/busybox")}
    for name, (deb, member) in wanted.items():
        if not os.path.exists(os.path.join(CACHE, name)):
            take(glob.glob(os.path.join(CACHE, deb))[0], member, os.path.join(CACHE, name))
    return tuple(os.path.join(CACHE, n) for n in wanted)


def take(deb, member, dest):
    """Unpack deb in a temporary directory and move the file matching member to dest."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        os.rename(sorted(glob.glob(os.path.join(tmp, member)))[-1], dest)


def build_initramfs(e1000, busybox):
    """CACHE/initramfs.cpio.gz from busybox, e1000.ko and INIT (rebuilt every run: cheap)."""
    files = [(d, b"", 0o40755) for d in ("bin", "lib", "proc", "sys", "dev")]
    files += [("tmp", b"", 0o41777), ("init", INIT.encode(), 0o100755)]
    for path, src in (("bin/busybox", busybox), ("lib/e1000.ko", e1000)):
        with open(src, "rb") as f:
            files.append((path, f.read(), 0o100755))
    out = os.path.join(CACHE, "initramfs.cpio.gz")
    with gzip.open(out, "wb", compresslevel=1) as f:
        for ino, (path, data, mode) in enumerate(files + [("TRAILER!!!", b"", 0)], 1):
            f.write(cpio_entry(ino, path, data, mode))
    return out


def cpio_entry(ino, path, data, mode):
    """One member of a cpio archive in the "newc" format the kernel unpacks: a 110-byte
    ASCII header (magic 070701, thirteen 8-digit hex fields: inode, mode, uid, gid, links,
    mtime, size, four device numbers, name size, checksum), the name with its NUL and the
    data, each padded to a multiple of 4 bytes."""
    name = path.encode() + b"\0"
    fields = (ino, mode, 0, 0, 2 if mode & 0o40000 else 1, 0, len(data), 0, 0, 0, 0,
              len(name), 0)
    head = b"070701" + b"".join(b"%08X" % v for v in fields) + name
    return pad4(head) + pad4(data)


def pad4(b):
    """b with NULs to a multiple of 4 bytes."""
    return b + b"\0" * (-len(b) % 4)


# ---- the Linux boot -----------------------------------------------------------------------
class Console:
    """QEMU with its serial port on stdio; self.text grows as the guest prints."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.text, self.lock = "", threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            with self.lock:
                self.text += chunk.decode("latin-1")

    def wait(self, line, timeout):
        """Seconds on the host clock when `line` appears on the console (exit if never)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if line in self.text:
                    return time.monotonic()
            time.sleep(0.005)
        self.stop()
        sys.exit("linux_guest: no %r within %d s; the console said:\n%s"
                 % (line, timeout, self.text[-3000:]))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def receive(listener, n, out):
    """Accept one connection and read n bytes: out gets (bytes, seconds first to last)."""
    c, _ = listener.accept()
    got, t0 = 0, None
    with c:
        while got < n:
            data = c.recv(1 << 20)
            if not data:
                break
            t0 = t0 or time.monotonic()
            got += len(data)
    out.extend([got, time.monotonic() - (t0 or time.monotonic())])


def run_linux(kernel, initrd, qemu, mib):
    """Boot the Linux guest and run the three workloads: (figures, kernel release)."""
    net = HostNet(tcp_ports=(80, 5000))
    listener = socket.create_server(("127.0.0.1", 0))
    argv = qemu + ["-kernel", kernel, "-initrd", initrd, "-m", "256",
                   "-append", "console=ttyS0 quiet panic=-1 lg_mib=%d lg_sink=%d"
                   % (mib, listener.getsockname()[1]),
                   "-display", "none", "-serial", "stdio", "-monitor", "none",
                   "-no-reboot"] + net.qemu_args()
    con = Console(argv)
    try:
        con.wait("lg: listening", 300)
        release = con.text.split("lg: kernel ")[1].split()[0]
        n = mib << 20
        t0 = time.monotonic()
        with socket.create_connection(("127.0.0.1", net.tcp[5000]), timeout=60) as c:
            block = bytes(range(256)) * 4096
            for _ in range(n // len(block)):
                c.sendall(block)
            c.shutdown(socket.SHUT_WR)
            t_in = con.wait("lg: in_done=0", 120) - t0
        out = []
        th = threading.Thread(target=receive, args=(listener, n, out), daemon=True)
        th.start()
        con.wait("lg: out_done", 120)
        th.join(30)
        if not out or out[0] != n:
            sys.exit("linux_guest: guest -> host got %s of %d bytes" % (out[:1], n))
        con.wait("lg: httpd", 30)
        rps = http_rate(net)
        con.proc.stdin.write(b"\n")
        con.proc.stdin.flush()
        con.wait("lg: bye", 30)
        return {FIGURES[0]: n / 1e6 / t_in, FIGURES[1]: n / 1e6 / out[1],
                FIGURES[2]: rps}, release
    finally:
        con.stop()
        listener.close()


def http_rate(net):
    """HTTP_REQUESTS sequential GETs of /hello.txt: requests per second."""
    t0 = time.monotonic()
    for _ in range(HTTP_REQUESTS):
        with urllib.request.urlopen(net.url(80, "/hello.txt"), timeout=30) as r:
            if r.status != 200 or not r.read():
                sys.exit("linux_guest: httpd answered %d" % r.status)
    return HTTP_REQUESTS / (time.monotonic() - t0)


def run_minnow():
    """Minnow's three figures from tools/bench.py's TCP boot."""
    import bench
    config = Config(deterministic=True)
    os.makedirs(config.tmp_root(), exist_ok=True)
    return bench.run_tcp(dataclasses.replace(config))


def main():
    ap = argparse.ArgumentParser(description="Minnow's TCP/HTTP figures next to Linux's")
    ap.add_argument("--linux-only", action="store_true", help="skip the Minnow boot")
    ap.add_argument("--mib", type=int, default=8, help="MiB each way (default 8)")
    args = ap.parse_args()
    kernel, e1000, busybox = fetch()
    initrd = build_initramfs(e1000, busybox)
    qemu = Config().qemu.split()
    linux, release = run_linux(kernel, initrd, qemu, args.mib)
    minnow = {} if args.linux_only else run_minnow()
    print("%s, %s, Linux %s (Debian linux-image-686), busybox-static"
          % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), qemu[0], release))
    print("%-20s %10s %10s" % ("figure (wall clock)", "Minnow", "Linux"))
    for name in FIGURES:
        m = "%.2f" % minnow[name] if name in minnow else "-"
        print("%-20s %10s %10.2f" % (name, m, linux[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
