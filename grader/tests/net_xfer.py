# Transfers that survive the network driver's death (handouts/inet.md, "Surviving a
# driver's crash"): TCP streams through QEMU's user network (hostnet.py) while the grader
# kills the NIC driver with `kill -9` and replaces it with `service update`, and then kills
# inet itself.
#
# Each session boots with one card of a model on the user network, inet.conf with
# 10.0.2.15/24 and the gateway 10.0.2.2, `service up /service/inet`, then <drv>_0.  A
# transfer runs in the background of the guest's shell (`( ... ) &`); the grader watches
# its own end's byte count and, at evenly spread points of the first half of the stream,
# types a disruption at the shell: `kill -9` of <drv>_0 (RS restarts it) or `service
# update` of it (RS replaces it by a new copy of its program).  After each it waits until
# RS says the driver is back and inet says it configured it again (its restarts counter,
# which counts updates too, one higher).  The transfer must then end byte-correct (SHA-256
# on both sides), after the last disruption.
#   e1000 (16 MiB each way; MINNOW_FUZZ=full: 64 MiB, more disruptions)
#     out      guest -> host: `nc 10.0.2.2 P` fed /tmp/x1m 16 times, into the grader's Sink;
#              5 kills and 2 updates
#     in       host -> guest: the grader's stream to a guest `nc -l 5000 | sha256sum`
#              through hostfwd; 5 kills and 2 updates
#     inet     a connection the host keeps open to a guest `nc -l 5001`: a line through
#              it, the driver killed, a second line through it (it survived); then
#              `kill -9` of inet: RS restarts it, inet configures the driver again, the
#              guest's nc ends with an error (VFS ends a call on a dead socket driver's
#              socket with EIO), the host's side sees the reset or end of file; a new
#              wget of 1 MiB from the grader and a new 1 MiB host -> guest stream pass
#   fxp (i82559ER) and rtl8139: 8 MiB each way, 2 kills and an update each way
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import hashlib
import os
import re
import socket
import threading
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.hostnet import HOST_IP, FileServer, HostNet, Sink, pattern, sha256
from grader.tests.inet_ip import CONF, configured
from grader.tests.net_common import pid_of, run, step, value, wait_text

FULL = os.environ.get("MINNOW_FUZZ", "").strip().lower() == "full"
MIB = 1 << 20
IN_PORT, OLD_PORT = 5000, 5001
G = r"^(?:# )?"                 # a guest line, perhaps after the prompt
HASH = G + r"([0-9a-f]{64})\b"
E1000_PLAN = "kkukkuk" * (3 if FULL else 1)     # k: kill -9, u: service update
E1000_SIZE = (64 if FULL else 16) * MIB
STALL = 60                      # seconds without progress that fail a transfer
SLACK = 512 * 1024              # bytes the grader's end goes past a disruption's point


class Driver:
    """One card model and its driver: the bytes each way and the disruptions (a plan
    string of k and u) during each transfer."""

    def __init__(self, drv, model, size, plan):
        self.drv, self.model, self.size, self.plan = drv, model, size, plan
        self.label = drv + "_0"
        self.restarts = 0       # inet's count of new instances since the first


def start_inet(q, d):
    """At the first prompt: inet.conf with 10.0.2.15/24, inet, then <drv>_0, configured."""
    wait_text(q, r"^# ", 0, 60)
    run(q, "echo '%s' > /tmp/inet.conf" % (CONF % d.drv))
    start = len(q.output)
    run(q, "service up /service/inet -args conf=/tmp/inet.conf")
    wait_text(q, G + r"inet: lo: 127\.0\.0\.1 answered .*$", start, 30)
    run(q, 'service up /service/%s -label %s -args "instance=0"' % (d.drv, d.label))
    return wait_text(q, configured(d.drv, 0), start, 30).group(0)


def disrupt(q, d, how):
    """kill -9 (how "k") or service update ("u") of <drv>_0; wait until RS has it back
    and inet configured it again: (seconds from the command to inet's line, the console
    offset of that line's end)."""
    mark, t0 = len(q.output), time.monotonic()
    if how == "k":
        q.send_line("kill -9 %d" % pid_of(q, d.label))
    else:
        q.send_line("service update /service/%s -label %s" % (d.drv, d.label))
    word = "restarted" if how == "k" else "updated"
    wait_text(q, r"^(?:# )?rs: service %s %s" % (d.label, word), mark, 60)
    d.restarts += 1
    m = wait_text(q, configured(d.drv, d.restarts), mark, 60)
    return time.monotonic() - t0, m.end()


def disrupt_during(q, d, plan, progress, total, gate=None):
    """Each disruption of plan once progress() (the grader's byte count) passes its point
    in the first half of total; returns (the console offset where inet's line after the
    last one ends, notes).
    gate, if given, has a limit the grader's end stops at: SLACK past the next point, so
    that every disruption lands while the stream flows, however fast it runs, and the
    stream cannot end before the last one."""
    notes, end = [], 0
    points = [total * (i + 1) // (2 * len(plan)) for i in range(len(plan))]
    for i, how in enumerate(plan):
        point = points[i]
        if gate is not None:
            gate.limit = point + SLACK
        at, since = progress(), time.monotonic()
        while at < point:
            if time.monotonic() - since > STALL:
                raise CheckFailure("the stream stalled at %d bytes for %d s after %s; the "
                                   "console's end:\n%s" % (at, STALL, "; ".join(notes) or
                                                           "no disruption", q.output[-3000:]))
            time.sleep(0.05)
            if progress() != at:
                at, since = progress(), time.monotonic()
        secs, end = disrupt(q, d, how)
        notes.append("%s at %.1f MiB: back in %.1f s" % ("kill -9" if how == "k" else "update",
                                                         at / MIB, secs))
    if gate is not None:
        gate.limit = None
    return end, notes


def stream_hash(seed, size):
    h = hashlib.sha256()
    for _ in range(size // MIB):
        h.update(seed)
    return h.hexdigest()


def put_file(q, name, data):
    """/tmp/<name> in the guest with data, through wget from a FileServer; hash-checked."""
    srv = FileServer({name: data})
    try:
        out = run(q, "wget -q -O /tmp/%s http://%s:%d/%s; sha256sum /tmp/%s"
                  % (name, HOST_IP, srv.port, name, name), 300)
        m = re.search(HASH, out, re.M)
        if not m or m.group(1) != sha256(data):
            raise CheckFailure("could not put /tmp/%s in the guest:\n%s" % (name, out))
    finally:
        srv.close()


def check_after(q, mark, done, what):
    """The transfer's end (the match done) must come after the last disruption."""
    if done.start() < mark:
        raise CheckFailure("%s ended before the last disruption was over: the test proved "
                           "nothing; the console's end:\n%s" % (what, q.output[-2000:]))


def out_step(q, d):
    """guest -> host: nc to the grader's Sink while the driver is disrupted."""
    data = pattern("x1m", MIB)
    put_file(q, "x1m", data)
    sink = Sink()
    try:
        count, start, t0 = d.size // MIB, len(q.output), time.monotonic()
        loop = "i=0; while [ $i -lt %d ]; do cat /tmp/x1m; i=$((i+1)); done" % count
        q.send_line("((%s) | nc %s %d; echo xfer_out=$?) &" % (loop, HOST_IP, sink.port))
        mark, notes = disrupt_during(q, d, d.plan, lambda: sink.count, d.size, sink)
        done = wait_text(q, G + r"xfer_out=(\d+)$", start, 600)
        n, digest, _ = sink.wait(60)
        secs = time.monotonic() - t0
        if done.group(1) != "0" or n != d.size or digest != stream_hash(data, d.size):
            raise CheckFailure("guest -> host: nc exit %s, the grader got %d bytes (want %d), "
                               "hash %s; %s" % (done.group(1), n, d.size,
                                                "ok" if digest == stream_hash(data, d.size)
                                                else "wrong", "; ".join(notes)))
        check_after(q, mark, done, "guest -> host")
    finally:
        sink.close()
    return "%d MiB guest -> host in %.1f s with %s; hash ok\n%s" % (
        d.size // MIB, secs, d.plan, "\n".join(notes))


class Feeder:
    """Sends count copies of data to 127.0.0.1:port and shuts its side down, in a thread;
    self.sent counts the bytes (while self.limit is set and reached, it waits);
    self.error is the OSError that ended it, if one did."""

    def __init__(self, port, data, count):
        self.sent, self.error, self.limit = 0, None, None
        self.thread = threading.Thread(target=self._run, args=(port, data, count), daemon=True)
        self.thread.start()

    def _run(self, port, data, count):
        try:
            with socket.socket() as c:
                c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)   # sent ~ delivered
                c.settimeout(600)
                c.connect(("127.0.0.1", port))
                for _ in range(count):
                    for pos in range(0, len(data), 65536):
                        while self.limit is not None and self.sent >= self.limit:
                            time.sleep(0.01)
                        c.sendall(data[pos:pos + 65536])
                        self.sent += len(data[pos:pos + 65536])
                c.shutdown(socket.SHUT_WR)
                while c.recv(65536):
                    pass
        except OSError as e:
            self.error = e


def in_step(q, d, net):
    """host -> guest: the grader's stream to `nc -l` while the driver is disrupted."""
    data = pattern("to-guest", MIB)
    start, t0 = len(q.output), time.monotonic()
    q.send_line("(nc -l -v %d < /dev/null | sha256sum; echo xfer_in=$?) &" % IN_PORT)
    wait_text(q, G + r"nc: listening on port %d$" % IN_PORT, start, 30)
    feed = Feeder(net.tcp[IN_PORT], data, d.size // MIB)
    mark, notes = disrupt_during(q, d, d.plan, lambda: feed.sent, d.size, feed)
    done = wait_text(q, G + r"xfer_in=(\d+)$", start, 600)
    secs = time.monotonic() - t0
    feed.thread.join(30)
    m = re.search(HASH, q.output[start:done.end()], re.M)
    want = stream_hash(data, d.size)
    if feed.error or feed.sent != d.size or not m or m.group(1) != want:
        raise CheckFailure("host -> guest: the grader sent %d of %d bytes (%s); the guest's "
                           "hash %s, want %s; %s" % (feed.sent, d.size, feed.error or "no error",
                                                    m.group(1) if m else "missing", want,
                                                    "; ".join(notes)))
    check_after(q, mark, done, "host -> guest")
    return "%d MiB host -> guest in %.1f s with %s; hash ok\n%s" % (
        d.size // MIB, secs, d.plan, "\n".join(notes))


def old_connection(net):
    """A host connection to the guest's `nc -l OLD_PORT`, with a timeout for reads."""
    c = socket.create_connection(("127.0.0.1", net.tcp[OLD_PORT]), timeout=30)
    c.settimeout(30)
    return c


def host_sees(c):
    """What the host's end of the old connection sees after inet's death: it sends a line
    (the new inet answers the unknown connection with RST) and reads."""
    try:
        c.sendall(b"after inet's death\n")
        got = c.recv(100)
        return "end of file" if got == b"" else "data %r" % got
    except ConnectionResetError:
        return "connection reset"
    except socket.timeout:
        return "nothing within 30 s"
    except OSError as e:
        return "error %s" % e


def inet_step(q, d, net):
    """The driver's death does not end an open connection; inet's own death does (EIO to
    the guest's owner); the new inet serves new connections."""
    start = len(q.output)
    q.send_line("(nc -l -v %d < /dev/null; echo old_nc=$?) &" % OLD_PORT)
    wait_text(q, G + r"nc: listening on port %d$" % OLD_PORT, start, 30)
    c = old_connection(net)
    notes = []
    try:
        c.sendall(b"line-one\n")
        wait_text(q, G + r"line-one$", start, 30)
        notes.append("driver: " + "; ".join(disrupt_during(q, d, "k", lambda: 1, 1)[1]))
        c.sendall(b"line-two\n")
        wait_text(q, G + r"line-two$", start, 60)
        notes.append("the open connection carried a line after the driver's death")
        mark = len(q.output)
        q.send_line("kill -9 %d" % pid_of(q, "inet"))
        wait_text(q, r"^(?:# )?rs: service inet restarted", mark, 60)
        wait_text(q, configured(d.drv, 0), mark, 60)
        end = wait_text(q, G + r"old_nc=(\d+)$", start, 60)
        err = re.search(G + r"(nc: (?:receive|send|write): .*)$", q.output[start:end.end()],
                        re.M)
        if end.group(1) == "0" or not err:
            raise CheckFailure("the guest's nc on the old connection: exit %s, %s"
                               % (end.group(1), err.group(1) if err else "no error line"))
        notes.append("inet killed: the guest's nc said %r and exited %s; the host's end: %s"
                     % (err.group(1).strip(), end.group(1), host_sees(c)))
    finally:
        c.close()
    notes.append(new_connections(q, net))
    return "\n".join(notes)


def new_connections(q, net):
    """After inet's restart: wget of 1 MiB and 1 MiB host -> guest, both hash-checked."""
    data = pattern("after.bin", MIB)
    srv = FileServer({"after.bin": data})
    try:
        out = run(q, "wget -q -O - http://%s:%d/after.bin | sha256sum" % (HOST_IP, srv.port),
                  300)
    finally:
        srv.close()
    m = re.search(HASH, out, re.M)
    if not m or m.group(1) != sha256(data):
        raise CheckFailure("wget after inet's restart: wrong or no hash:\n" + out[-1500:])
    start = len(q.output)
    q.send_line("nc -l -v %d < /dev/null | sha256sum" % IN_PORT)
    wait_text(q, G + r"nc: listening on port %d$" % IN_PORT, start, 30)
    feed = Feeder(net.tcp[IN_PORT], pattern("to-guest", MIB), 1)
    feed.thread.join(300)
    m = wait_text(q, HASH, start, 60)
    if feed.error or m.group(1) != stream_hash(pattern("to-guest", MIB), MIB):
        raise CheckFailure("host -> guest after inet's restart: %s, hash %s"
                           % (feed.error or "sent", m.group(1)))
    return "new connections after inet's restart: wget 1 MiB and 1 MiB to nc -l, hashes ok"


def session(t, d, inet=False):
    net = HostNet(tcp_ports=(IN_PORT, OLD_PORT))
    q = t.launch(extra_args=net.qemu_args(model=d.model), timeout=1800)
    results = {}
    try:
        step(results, "up", lambda: start_inet(q, d))
        if isinstance(results["up"], CheckFailure):
            return results
        step(results, "out", lambda: out_step(q, d))
        step(results, "in", lambda: in_step(q, d, net))
        if inet:
            step(results, "inet", lambda: inet_step(q, d, net))
    finally:
        q.stop()
    results["console"] = q.output
    return results


def _logged(t, name):
    v = value(t, name)
    t.log(v if isinstance(v, str) else repr(v))
    t.log("%s: %.1f s" % (name, value(t, name + "_seconds")))
    return v


def register(drv, model, size, plan, inet, points):
    d = Driver(drv, model, size, plan)
    mib, kills, updates = size // MIB, plan.count("k"), plan.count("u")
    what = "%d kill -9%s" % (kills, " and %d service update" % updates if updates else "")

    def run_session(t):
        return session(t, d, inet)

    parent = test(0, "boot with QEMU's %s card (the %s driver) on QEMU's user network; "
                     "inet with 10.0.2.15; TCP transfers while the driver dies" % (model, drv),
                  timeout=1800)(named(run_session, "net_xfer_%s" % drv))
    checks = [("out", "guest -> host %d MiB through nc, %s of %s_0 during it: byte-correct"
               % (mib, what, drv)),
              ("in", "host -> guest %d MiB to nc -l through hostfwd, %s of %s_0 during it: "
               "byte-correct" % (mib, what, drv))]
    if inet:
        checks.append(("inet", "an open connection survives kill -9 of %s_0; kill -9 of inet "
                       "ends it with an error, inet comes back and new connections work"
                       % drv))
    for name, title in checks:
        test(points, title, parent=parent)(named(lambda t, n=name: _logged(t, n),
                                                 "net_xfer_%s_%s" % (drv, name)))


def named(func, name):
    func.__name__ = name
    return func


register("e1000", "e1000", E1000_SIZE, E1000_PLAN, True, 4)
register("fxp", "i82559er", 8 * MIB, "kuk", False, 2)
register("rtl8139", "rtl8139", 8 * MIB, "kuk", False, 2)
