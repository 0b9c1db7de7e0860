# UDP sockets in inet (servers/inet/udp.c, sock.c; handouts/inet.md, "UDP sockets"): inet
# is the socket driver of AF_INET, and /test/udptest (commands/tests/udptest.c, libc's
# socket calls only) uses it.  The grader is the host at the other end of an e1000's wire
# (net_common.py's Link, inet_ip.py's frame builders and checks), 10.0.2.2, and checks the
# guest's datagrams byte for byte, checksums included.
#
# One boot: inet.conf with 10.0.2.15/24, `service up /service/inet`, then e1000_0.
#   local      udptest local: two processes over 127.0.0.1, a connected socket's filter,
#              the bounded receive queue, MSG_TRUNC, select, EINTR, every error case
#   closed     a datagram to port 7777 with no socket on it: ICMP port unreachable
#   echo       udptest echo 7777 in the background; datagrams of odd sizes and the largest
#              (1472 bytes) come back from port 7777 unchanged, checksums right; no ICMP
#   kill       kill -9 of e1000_0 while the grader keeps sending: RS restarts it, inet
#              configures it again, and the echo server's waiting recv (never lost) echoes
#              new datagrams
#   quit       "quit" ends the echo server; the port is closed again (ICMP port unreachable)
#   send       udptest send 10.0.2.2 9999 12: twelve datagrams (sendto, then connect and
#              send), each checked: sizes, bytes, one source port, UDP and IP checksums
#   status     inet's counters: datagrams in and out counted, no packet buffer in use
#   inet_restart  kill -9 of inet: RS restarts it; udptest local passes again and a new
#              echo server answers (the new inet serves AF_INET)
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import re
import struct
import threading
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.inet_ip import (CONF, ETH_ARP, ETH_IP, GUEST_IP, GUEST_MAC, PEER_IP, Peer,
                                  arp, cksum, configured, eth, ip4, ipv4, parse_ip, udp)
from grader.tests.net_common import PEER_MAC, Link, pid_of, run, step, value, wait_text

ECHO_PORT, PEER_PORT, SINK_PORT = 7777, 40000, 9999
ECHO_SIZES = (0, 1, 2, 7, 63, 100, 511, 1000, 1001, 1471, 1472)
SEND_SIZES = (0, 1, 7, 100, 1001, 1472)         # commands/tests/udptest.c
SEND_COUNT = 12
LOCAL_CASES = ("fork", "connect", "filter", "from_peer", "getpeername", "eisconn", "peek",
               "trunc", "queue_bound", "select", "eintr", "nonblock_flag",
               "eaddrnotavail", "eaddrinuse", "ephemeral", "eacces", "root_low", "stream",
               "proto", "edestaddrreq", "emsgsize", "max", "eagain", "enotconn", "limit",
               "after_limit")


def answering_arp(peer, pred):
    """pred, after answering any ARP request for the grader's address on the way."""
    def wrapped(f):
        if len(f) >= 42 and struct.unpack("!H", f[12:14])[0] == ETH_ARP and \
                struct.unpack("!H", f[20:22])[0] == 1 and f[38:42] == ip4(PEER_IP):
            peer.send(eth(peer.guest, PEER_MAC, ETH_ARP,
                          arp(2, PEER_MAC, PEER_IP, peer.guest, GUEST_IP)))
            return False
        return pred(f)
    return wrapped


def is_udp_to(dport):
    def pred(f):
        if len(f) < 42 or struct.unpack("!H", f[12:14])[0] != ETH_IP or f[14 + 9] != 17:
            return False
        hl = (f[14] & 15) * 4
        return struct.unpack("!H", f[14 + hl + 2:14 + hl + 4])[0] == dport
    return pred


def is_unreach(f):
    return len(f) > 36 and struct.unpack("!H", f[12:14])[0] == ETH_IP and f[23] == 1 and \
        f[14 + (f[14] & 15) * 4] == 3


def check_udp(f, sport, dport, data, what):
    """A UDP datagram from the guest to the grader: addresses, ports, length, checksum,
    payload.  Returns its source port."""
    h, u = parse_ip(f)
    if f[0:6] != PEER_MAC or h[12:16] != ip4(GUEST_IP) or h[16:20] != ip4(PEER_IP):
        raise CheckFailure("%s: addressed %s" % (what, h[12:20].hex()))
    src, dst, ulen, usum = struct.unpack("!HHHH", u[:8])
    if (sport is not None and src != sport) or dst != dport or ulen != len(u):
        raise CheckFailure("%s: ports %d -> %d, length %d of %d" % (what, src, dst, ulen,
                                                                     len(u)))
    pseudo = h[12:20] + struct.pack("!BBH", 0, 17, ulen)
    if usum == 0 or cksum(pseudo + u) != 0:
        raise CheckFailure("%s: UDP checksum %#06x is wrong" % (what, usum))
    if u[8:] != data:
        raise CheckFailure("%s: %d bytes differ from the %d sent" % (what, len(u) - 8,
                                                                      len(data)))
    return src


def send_udp(peer, data, sport=PEER_PORT, dport=ECHO_PORT, ident=1):
    peer.send(eth(peer.guest, PEER_MAC, ETH_IP,
                  ipv4(PEER_IP, GUEST_IP, 17, udp(PEER_IP, GUEST_IP, sport, dport, data),
                       ident=ident)))


def echo_once(peer, k, size):
    data = bytes((k * 11 + i * 5) & 0xff for i in range(size))
    send_udp(peer, data, ident=k)
    f = peer.wait(answering_arp(peer, lambda f: is_udp_to(PEER_PORT)(f) or is_unreach(f)),
                  what="echo of datagram %d (%d bytes)" % (k, size))
    if is_unreach(f):
        raise CheckFailure("datagram %d to the echo server got ICMP unreachable" % k)
    check_udp(f, ECHO_PORT, PEER_PORT, data, "echo %d" % k)
    return "echo %d: %d bytes ok" % (k, size)


def closed_step(peer):
    """A datagram to a port no socket holds: ICMP port unreachable quoting it."""
    peer.new_frames()
    send_udp(peer, b"anyone there?", ident=77)
    f = peer.wait(answering_arp(peer, is_unreach), what="ICMP port unreachable")
    _, m = parse_ip(f)
    if m[1] != 3 or m[8 + 20 + 2:8 + 20 + 4] != struct.pack("!H", ECHO_PORT):
        raise CheckFailure("not a port unreachable for port %d: %s" % (ECHO_PORT, m[:40].hex()))
    return "port %d closed: ICMP port unreachable" % ECHO_PORT


def echo_step(q, peer):
    mark = len(q.output)
    q.send_line("/test/udptest echo %d &" % ECHO_PORT)
    wait_text(q, r"^(?:# )?udptest: echo: bound to port %d$" % ECHO_PORT, mark, 30)
    peer.new_frames()
    return [echo_once(peer, k, size) for k, size in enumerate(ECHO_SIZES)]


def kill_step(q, peer):
    """kill -9 e1000_0 while a thread sends a datagram every 0.1 s; once inet configured
    the new instance, new datagrams are echoed."""
    stop = threading.Event()

    def flow():
        k = 1000
        while not stop.is_set():
            send_udp(peer, b"flowing %d" % k, ident=k & 0xffff)
            k += 1
            time.sleep(0.1)
    th = threading.Thread(target=flow, daemon=True)
    pid = pid_of(q, "e1000_0")
    mark = len(q.output)
    th.start()
    try:
        q.send_line("kill -9 %d" % pid)
        wait_text(q, r"^(?:# )?rs: service e1000_0 restarted", mark, 60)
        wait_text(q, configured("e1000", 1), mark, 30)
        time.sleep(1)
    finally:
        stop.set()
        th.join()
    time.sleep(0.5)
    peer.new_frames()
    return ["e1000_0 killed and configured again"] + \
        [echo_once(peer, 2000 + k, size) for k, size in enumerate((5, 1472, 333, 64, 1))]


def quit_step(q, peer):
    """"quit" ends the echo server (its lines are searched from the console's start: the
    background job's output may come before the shell's prompt of an earlier command)."""
    send_udp(peer, b"quit", ident=99)
    f = peer.wait(answering_arp(peer, is_udp_to(PEER_PORT)), what="the echo of quit")
    check_udp(f, ECHO_PORT, PEER_PORT, b"quit", "echo of quit")
    m = wait_text(q, r"^(?:# )?udptest: echo: \d+ datagrams echoed$", 0, 30)
    wait_text(q, r"^(?:# )?PASS udptest_echo$", 0, 30)
    time.sleep(0.5)
    return [m.group(0), closed_step(peer)]


def send_step(q, peer):
    peer.new_frames()
    mark = len(q.output)
    q.send_line("/test/udptest send %s %d %d" % (PEER_IP, SINK_PORT, SEND_COUNT))
    ports, out = set(), []
    for k in range(SEND_COUNT):
        size = SEND_SIZES[k % len(SEND_SIZES)]
        data = bytes((k * 31 + i * 7) & 0xff for i in range(size))
        f = peer.wait(answering_arp(peer, is_udp_to(SINK_PORT)), timeout=10,
                      what="datagram %d of udptest send" % k)
        ports.add(check_udp(f, None, SINK_PORT, data, "datagram %d" % k))
        out.append("datagram %d: %d bytes ok" % (k, size))
    if len(ports) != 1 or min(ports) < 49152:
        raise CheckFailure("source ports %s: want one ephemeral port" % sorted(ports))
    wait_text(q, r"^(?:# )?DONE udptest \d+ passed, 0 failed$", mark, 30)
    return out + ["source port %d" % min(ports)]


def inet_restart_step(q, peer):
    """kill -9 of inet itself: RS restarts it (its sockets die with it); the new inet serves
    AF_INET again: udptest local passes, and a new echo server answers the grader."""
    pid = pid_of(q, "inet")
    mark = len(q.output)
    q.send_line("kill -9 %d" % pid)
    wait_text(q, r"^(?:# )?rs: service inet restarted", mark, 60)
    wait_text(q, configured("e1000", 0), mark, 30)
    out = run(q, "/test/udptest local; echo status=$?", 180)
    mark = len(q.output)
    q.send_line("/test/udptest echo %d &" % ECHO_PORT)
    wait_text(q, r"^(?:# )?udptest: echo: bound to port %d$" % ECHO_PORT, mark, 30)
    peer.new_frames()
    out += "\n" + echo_once(peer, 3000, 777)
    send_udp(peer, b"quit", ident=98)
    peer.wait(answering_arp(peer, is_udp_to(PEER_PORT)), what="the echo of quit")
    return out


def start_inet(q):
    """At the first prompt: inet.conf with 10.0.2.15/24, inet, then e1000_0, configured."""
    wait_text(q, r"^# ", 0, 60)
    run(q, "echo '%s' > /tmp/inet.conf" % (CONF % "e1000"))
    start = len(q.output)
    run(q, "service up /service/inet -args conf=/tmp/inet.conf")
    wait_text(q, r"^(?:# )?inet: lo: 127\.0\.0\.1 answered .*$", start, 30)
    run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
    wait_text(q, configured("e1000", 0), start, 30)


def session(t):
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=360)
    peer = Peer(link)
    results = {}
    try:
        start_inet(q)
        step(results, "local", lambda: run(q, "/test/udptest local; echo status=$?", 180))
        step(results, "closed", lambda: closed_step(peer))
        step(results, "echo", lambda: echo_step(q, peer))
        step(results, "kill", lambda: kill_step(q, peer))
        step(results, "quit", lambda: quit_step(q, peer))
        step(results, "send", lambda: send_step(q, peer))
        mark = len(q.output)
        step(results, "status", lambda: run(q, "kill -USR1 %d; sleep 1" % pid_of(q, "inet"))
             + wait_text(q, r"^(?:# )?inet: eth0: .*$", mark, 10).group(0))
        step(results, "inet_restart", lambda: inet_restart_step(q, peer))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on a UDP wire to the grader; inet and e1000_0 with a static "
         "address; /test/udptest uses UDP sockets through libc", timeout=360)
def inet_udp_session(t):
    return session(t)


@test(4, "UDP over 127.0.0.1 between two processes; a connected socket's filter; the "
         "bounded receive queue, MSG_TRUNC, MSG_PEEK, select, EINTR and every error case",
      parent=inet_udp_session)
def inet_udp_local(t):
    t.match(value(t, "local"), *[r"^PASS udptest_%s\b" % c for c in LOCAL_CASES],
            r"^DONE udptest \d+ passed, 0 failed$", r"^status=0$", no=[r"^FAIL "])


@test(2, "a datagram to a port no socket holds gets ICMP port unreachable, before the echo "
         "server binds it and after it closes it", parent=inet_udp_session)
def inet_udp_closed(t):
    value(t, "closed")
    if "ICMP port unreachable" not in value(t, "quit")[1]:
        raise CheckFailure("no port unreachable after the echo server closed its socket")


@test(4, "an echo server on port 7777 returns the grader's datagrams (%d sizes, odd ones "
         "and 1472 bytes) byte for byte with right checksums" % len(ECHO_SIZES),
      parent=inet_udp_session)
def inet_udp_echo(t):
    value(t, "echo")
    value(t, "quit")


@test(3, "kill -9 of e1000_0 while datagrams flow: inet configures the new instance, the "
         "echo server's waiting recv is not lost and echoes again", parent=inet_udp_session)
def inet_udp_kill(t):
    value(t, "kill")


@test(3, "the guest's datagrams to the grader (sendto, then connect and send): sizes, "
         "bytes, one ephemeral source port, UDP and IP checksums", parent=inet_udp_session)
def inet_udp_send(t):
    value(t, "send")


@test(1, "inet counts datagrams in and out, and no packet buffer stays in use",
      parent=inet_udp_session)
def inet_udp_status(t):
    m = re.search(r"udp_in (\d+) udp_out (\d+) udp_dropped \d+", value(t, "status"))
    if not m or int(m.group(1)) < len(ECHO_SIZES) or int(m.group(2)) < SEND_COUNT:
        raise CheckFailure("inet's UDP counters: %s" % (m.group(0) if m else "missing"))
    t.match(value(t, "status"), r"^(?:# )?inet: status \(SIGUSR1\): pbufs 0 in use, peak \d+")


@test(2, "kill -9 of inet: RS restarts it and the new inet serves AF_INET sockets again "
         "(udptest local, an echo)", parent=inet_udp_session)
def inet_udp_restart(t):
    t.match(value(t, "inet_restart"), *[r"^PASS udptest_%s\b" % c for c in LOCAL_CASES],
            r"^DONE udptest \d+ passed, 0 failed$", r"^status=0$", r"^echo 3000: 777 bytes ok$",
            no=[r"^FAIL "])
