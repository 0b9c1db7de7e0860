# Network configuration (servers/inet/ifconf.c, dhcp.c; commands/bin/ifconfig.c, route.c,
# arp.c, netstat.c, dhcpc.c; etc/rc, etc/rs.inet; handouts/inet.md, "Configuration",
# "DHCP", "Starting inet").
#
# First boot: QEMU's user-mode network (-netdev user: its DHCP server, router 10.0.2.2 and
# DNS 10.0.2.3) on an e1000, with netdrv= not off, so /etc/rc starts e1000_0 and inet with
# the shipped /etc/inet.conf (the DHCP form).  The steps:
#   lease      inet's DHCP client leases 10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3;
#              dhcpc shows it and writes /etc/resolv.conf
#   ifconfig   eth0 with 10.0.2.15, 255.255.255.0, QEMU's MAC, UP/RUNNING, counters; lo
#   route      the default route via 10.0.2.2 and 10.0.2.0/24 on eth0
#   netstat    a UDP socket udptest holds (port 7777) and a TCP listener nc holds (port
#              8080, LISTEN) in netstat -a; -r, -i and -s
#   arp        after udptest sends to 10.0.2.2, arp -a shows its MAC (QEMU's router)
#   ping       ping -c 3 10.0.2.2: QEMU's router answers all three (0% loss, status 0)
#   root       as root: arp -s/-d, route add/del (twice: EEXIST, ESRCH), ifconfig down
#              (udptest's datagrams to 10.0.2.2 fail) and up (they go), a new address and
#              back
#   user       as uid 100: every change is refused with "Operation not permitted"
#              (exit 1), reading works
#   bad        bad arguments: usage and exit 2; no such interface ENXIO, a gateway off
#              every network ENETUNREACH, a bad mask EINVAL (exit 1)
#   restart    kill -9 of inet: RS runs /etc/rs.inet, inet comes back and DHCP leases
#              10.0.2.15 again (ifconfig shows it)
# Second boot: an e1000 on the grader's raw wire (net_common.py's Link): the grader is a
# DHCP server that misbehaves.  inet with an inet.conf of the DHCP form:
#   backoff    no answer: DISCOVERs 4, 8 and 16 s apart (RFC 2131's back-off), each with the
#              same xid, from 0.0.0.0 to 255.255.255.255, ports 68 -> 67
#   garbage    replies that are short, truncated, without the end option, with a bad
#              cookie, another xid or MAC, a bad UDP checksum: each ignored and counted
#              (dhcpc), the client still SELECTING
#   exchange   then a good OFFER: a REQUEST naming the offer and the server; the ACK binds
#              the lease (10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3)
#   timers     dhcpc -r: a REQUEST from 10.0.2.15 to the server alone; its ACK gives a
#              lease of 20 s with T1 5 s and T2 10 s, then the grader is silent: a unicast
#              REQUEST at T1 (RENEWING), a broadcast one at T2 (REBINDING), and at 20 s the
#              address is given up and a DISCOVER goes out
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

import re
import struct
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.inet_ip import (ETH_IP, GUEST_MAC, Peer, eth, ip4, ipv4, parse_ip, udp)
from grader.tests.inet_udp import answering_arp
from grader.tests.net_common import BROADCAST, PEER_MAC, Link, pid_of, run, step, value, \
    wait_text

USER_NET = ["-netdev", "user,id=n0", "-device", "e1000,netdev=n0,mac=%s" % GUEST_MAC]
LEASE = (r"^(?:# )?inet: eth0: DHCP lease 10\.0\.2\.15 netmask 255\.255\.255\.0 router "
         r"10\.0\.2\.2 dns 10\.0\.2\.3 from 10\.0\.2\.2 for \d+ s$")
ROUTER_MAC = "52:55:0a:00:02:02"        # QEMU's user-mode router


def lease_step(q):
    wait_text(q, LEASE, 0, 120)
    out = run(q, "dhcpc -w 60; echo status=$?", 90)
    return out + run(q, "cat /etc/resolv.conf")


def netstat_step(q):
    mark = len(q.output)
    q.send_line("/test/udptest echo 7777 &")
    wait_text(q, r"^(?:# )?udptest: echo: bound to port 7777$", mark, 30)
    run(q, "nc -l 8080 >/dev/null &")
    out = run(q, "sleep 1; netstat -a; echo status=$?")
    for opt in ("-r", "-i", "-s"):
        out += run(q, "netstat %s; echo status=$?" % opt)
    return out


ROOT_CMDS = [
    "arp -s 10.0.2.77 02:00:00:00:00:77; echo s=$?", "arp -a",
    "arp -d 10.0.2.77; echo s=$?", "arp -d 10.0.2.77; echo s=$?",
    "route add -net 192.168.5.0 netmask 255.255.255.0 gw 10.0.2.2; echo s=$?", "route",
    "route add -net 192.168.5.0 netmask 255.255.255.0 gw 10.0.2.2; echo s=$?",
    "route del -net 192.168.5.0 netmask 255.255.255.0; echo s=$?",
    "route del -net 192.168.5.0 netmask 255.255.255.0; echo s=$?",
    "ifconfig eth0 down; echo s=$?", "ifconfig eth0",
    "/test/udptest send 10.0.2.2 9999 2 >/dev/null; echo s=$?",
    "ifconfig eth0 up; echo s=$?", "/test/udptest send 10.0.2.2 9999 2 >/dev/null; echo s=$?",
    "ifconfig eth0 10.0.2.16 netmask 255.255.255.0; echo s=$?", "ifconfig eth0", "route",
    "ifconfig eth0 10.0.2.15; echo s=$?", "ifconfig eth0",
]

USER_CMDS = [
    "/test/asuser 100 /bin/ifconfig eth0 10.0.2.99; echo s=$?",
    "/test/asuser 100 /bin/ifconfig eth0 down; echo s=$?",
    "/test/asuser 100 /bin/route add default gw 10.0.2.3; echo s=$?",
    "/test/asuser 100 /bin/route del default; echo s=$?",
    "/test/asuser 100 /bin/arp -s 10.0.2.77 02:00:00:00:00:77; echo s=$?",
    "/test/asuser 100 /bin/arp -d 10.0.2.2; echo s=$?",
    "/test/asuser 100 /bin/dhcpc -r; echo s=$?",
    "/test/asuser 100 /bin/ifconfig eth0; echo s=$?",
    "/test/asuser 100 /bin/route; echo s=$?",
]

BAD_CMDS = [
    "ifconfig eth7 up; echo s=$?", "ifconfig eth0 300.1.2.3; echo s=$?",
    "ifconfig eth0 netmask 255.0.255.0; echo s=$?", "ifconfig -x; echo s=$?",
    "route add default gw 192.168.77.1; echo s=$?",
    "route add -net 10.9.0.0 netmask 255.255.0.0 gw 10.0.2.2 dev eth5; echo s=$?",
    "route add -net 10.9.0.1 netmask 255.255.0.0 gw 10.0.2.2; echo s=$?",
    "route frob; echo s=$?", "route add -net 10.9.0.0; echo s=$?",
    "arp -s 10.0.2.50 zz:00:00:00:00:01; echo s=$?",
    "arp -s 10.0.2.50 01:00:00:00:00:01; echo s=$?",
    "arp -s 192.168.9.9 02:00:00:00:00:01; echo s=$?", "arp -x; echo s=$?",
    "netstat -x; echo s=$?", "dhcpc -w; echo s=$?", "dhcpc lo; echo s=$?",
]


def commands(q, cmds):
    return "".join("$ %s\n%s" % (c, run(q, c)) for c in cmds)


def restart_step(q):
    pid = pid_of(q, "inet")
    mark = q.output.rfind("\n") + 1
    q.send_line("kill -9 %d" % pid)
    wait_text(q, r"^(?:# )?rs: inet: running /bin/sh /etc/rs\.inet inet", mark, 60)
    wait_text(q, LEASE, mark, 120)
    return run(q, "ifconfig eth0; dhcpc") + "\n" + run(q, "service lookup inet")


def user_session(t):
    q = t.launch(cmdline="netdrv=on", extra_args=USER_NET, timeout=600)
    results = {}
    try:
        wait_text(q, r"^# ", 0, 90)
        step(results, "lease", lambda: lease_step(q))
        step(results, "ifconfig", lambda: run(q, "ifconfig; echo status=$?"))
        step(results, "route", lambda: run(q, "route; echo status=$?"))
        step(results, "netstat", lambda: netstat_step(q))
        step(results, "arp", lambda: run(q, "/test/udptest send 10.0.2.2 9999 2 >/dev/null; "
                                         "sleep 1; arp -a; echo status=$?", 60))
        step(results, "ping", lambda: run(q, "ping -c 3 10.0.2.2; echo status=$?", 60))
        step(results, "root", lambda: commands(q, ROOT_CMDS))
        step(results, "user", lambda: commands(q, USER_CMDS))
        step(results, "bad", lambda: commands(q, BAD_CMDS))
        step(results, "restart", lambda: restart_step(q))
    finally:
        q.stop()
    results["console"] = q.output
    return results


@test(0, "boot with QEMU's user-mode network on an e1000 and netdrv=on: /etc/rc starts "
         "e1000_0 and inet, whose DHCP client leases eth0's address", timeout=600)
def inet_conf_session(t):
    return user_session(t)


@test(3, "DHCP from QEMU's user network: 10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3; "
         "dhcpc shows the lease and writes /etc/resolv.conf", parent=inet_conf_session)
def inet_conf_dhcp(t):
    t.match(value(t, "lease"), r"^eth0: BOUND xid 0x[0-9a-f]+$",
            r"^address 10\.0\.2\.15 netmask 255\.255\.255\.0$",
            r"^router 10\.0\.2\.2 dns 10\.0\.2\.3 server 10\.0\.2\.2$",
            r"^lease \d+ s t1 \d+ s t2 \d+ s since \d+ s$",
            r"^sent discover [1-9]\d* request [1-9]\d*; taken offer [1-9]\d* ack [1-9]\d* ",
            r"^status=0$", r"^nameserver 10\.0\.2\.3$")


@test(2, "ifconfig: eth0 with 10.0.2.15, 255.255.255.0, QEMU's MAC, UP and RUNNING, and "
         "its counters; lo", parent=inet_conf_session)
def inet_conf_ifconfig(t):
    out = value(t, "ifconfig")
    t.match(out, r"^eth0: flags=0x43<UP,BROADCAST,RUNNING> mtu 1500$",
            r"^\s+inet 10\.0\.2\.15 netmask 255\.255\.255\.0 broadcast 10\.0\.2\.255 \(dhcp\)$",
            r"^\s+ether %s driver e1000_0$" % GUEST_MAC,
            r"^lo: flags=0x49<UP,LOOPBACK,RUNNING> mtu 1500$",
            r"^\s+inet 127\.0\.0\.1 netmask 255\.0\.0\.0$", r"^status=0$")
    m = re.search(r"eth0:.*?RX packets (\d+) bytes (\d+).*?TX packets (\d+) bytes (\d+)", out,
                  re.S)
    if not m or min(int(x) for x in m.groups()) < 2 or int(m.group(4)) < 2 * 300:
        raise CheckFailure("eth0's counters after a DHCP exchange: %s"
                           % (m.group(0) if m else "missing"))


@test(2, "route: the default route via 10.0.2.2 and 10.0.2.0/24 on eth0",
      parent=inet_conf_session)
def inet_conf_route(t):
    t.match(value(t, "route"), r"^Destination\s+Gateway\s+Genmask\s+Flags\s+Iface$",
            r"^default\s+10\.0\.2\.2\s+0\.0\.0\.0\s+UG\s+eth0$",
            r"^10\.0\.2\.0\s+0\.0\.0\.0\s+255\.255\.255\.0\s+U\s+eth0$",
            r"^127\.0\.0\.0\s+0\.0\.0\.0\s+255\.0\.0\.0\s+U\s+lo$", r"^status=0$")


@test(2, "netstat -a lists the UDP socket and the TCP listener programs hold; -r, -i and -s",
      parent=inet_conf_session)
def inet_conf_netstat(t):
    t.match(value(t, "netstat"),
            r"^Proto Recv-Q Send-Q Local Address\s+Foreign Address\s+State$",
            r"^udp\s+0\s+0\s+\*:7777\s+\*:\*\s*$",
            r"^tcp\s+0\s+0\s+\*:8080\s+\*:\*\s+LISTEN$",
            r"^default\s+10\.0\.2\.2\s+0\.0\.0\.0\s+UG\s+eth0$",
            r"^eth0\s+1500\s+[1-9]\d*\s+\d+\s+\d+\s+[1-9]\d*\s+\d+\s+\d+\s+BRU$",
            r"^udp_out\s+\d+$", r"^ip_in\s+[1-9]\d*$", no=[r"^status=[^0]"])


@test(1, "arp -a shows QEMU's router after the guest sent it datagrams",
      parent=inet_conf_session)
def inet_conf_arp(t):
    t.match(value(t, "arp"), r"^\? \(10\.0\.2\.2\) at %s \[ether\] on eth0 \(\d+ s\)$"
            % ROUTER_MAC, r"^status=0$")


@test(2, "ping 10.0.2.2 through QEMU's user network: three echo replies, 0% loss, status 0",
      parent=inet_conf_session)
def inet_conf_ping(t):
    t.match(value(t, "ping"),
            r"^\d+ bytes from 10\.0\.2\.2: icmp_seq=0 ttl=\d+ time=[\d.]+ ms$",
            r"^\d+ bytes from 10\.0\.2\.2: icmp_seq=2 ttl=\d+ time=[\d.]+ ms$",
            r"^3 packets transmitted, 3 packets received, 0% packet loss$", r"^status=0$")


@test(3, "as root: arp -s/-d, route add/del (EEXIST, ESRCH the second time), ifconfig "
         "down/up and a new address, with the table following", parent=inet_conf_session)
def inet_conf_root(t):
    out = value(t, "root")
    t.match(out, r"^\? \(10\.0\.2\.77\) at 02:00:00:00:00:77 \[ether\] PERM on eth0$",
            r"^arp: 10\.0\.2\.77: No such process$",
            r"^192\.168\.5\.0\s+10\.0\.2\.2\s+255\.255\.255\.0\s+UG\s+eth0$",
            r"^route: add: File exists$", r"^route: del: No such process$",
            r"^eth0: flags=0x42<BROADCAST,RUNNING> mtu 1500$",
            r"^\s+inet 10\.0\.2\.16 netmask 255\.255\.255\.0 broadcast 10\.0\.2\.255$",
            r"^default\s+10\.0\.2\.2\s+0\.0\.0\.0\s+UG\s+eth0$",
            r"^\s+inet 10\.0\.2\.15 netmask 255\.255\.255\.0 broadcast 10\.0\.2\.255$")
    if [int(s) for s in re.findall(r"^s=(\d+)$", out, re.M)] != [0, 0, 1, 0, 1, 0, 1, 0, 1,
                                                                   0, 0, 0, 0]:
        raise CheckFailure("exit statuses %s" % re.findall(r"^s=(\d+)$", out, re.M))


@test(2, "as a user: every change is refused (EPERM, exit 1); reading works",
      parent=inet_conf_session)
def inet_conf_user(t):
    out = value(t, "user")
    if out.count("Operation not permitted (root only)") != 7:
        raise CheckFailure("want 7 EPERM messages:\n%s" % out)
    if [int(s) for s in re.findall(r"^s=(\d+)$", out, re.M)] != [1] * 7 + [0, 0]:
        raise CheckFailure("exit statuses %s" % re.findall(r"^s=(\d+)$", out, re.M))
    t.match(out, r"^\s+inet 10\.0\.2\.15 netmask", r"^default\s+10\.0\.2\.2")


@test(2, "bad arguments: usage and exit 2; no such interface, gateway off every network, "
         "bad mask and MAC refused with their errno (exit 1)", parent=inet_conf_session)
def inet_conf_bad(t):
    out = value(t, "bad")
    want = [1, 2, 1, 2, 1, 1, 1, 2, 2, 2, 1, 1, 2, 2, 2, 1]
    got = [int(s) for s in re.findall(r"^s=(\d+)$", out, re.M)]
    if got != want:
        raise CheckFailure("exit statuses %s, want %s:\n%s" % (got, want, out))
    t.match(out, r"^ifconfig: eth7: .*Device not configured$",
            r"^ifconfig: bad address \"300\.1\.2\.3\"",
            r"^usage: ifconfig", r"^route: add: Network is unreachable$",
            r"^route: add: Invalid argument$", r"^arp: bad MAC address",
            r"^arp: 10\.0\.2\.50: Invalid argument$",
            r"^arp: 192\.168\.9\.9: Network is unreachable$", r"^usage: netstat",
            r"^usage: dhcpc", r"^usage: route")


@test(3, "kill -9 of inet: RS runs /etc/rs.inet, inet comes back and DHCP leases "
         "10.0.2.15 again", parent=inet_conf_session)
def inet_conf_restart(t):
    t.match(value(t, "restart"), r"^\s+inet 10\.0\.2\.15 netmask 255\.255\.255\.0",
            r"^eth0: BOUND xid", r"^(?:# )?inet: endpoint \d+, pid \d+$")


# ---- the misbehaving DHCP server ------------------------------------------------------

SERVER_IP = "10.0.2.2"
COOKIE = b"\x63\x82\x53\x63"


def dhcp_of(f):
    """The DHCP message of a frame from the guest to port 67, or None."""
    if len(f) < 42 or struct.unpack("!H", f[12:14])[0] != ETH_IP or f[23] != 17:
        return None
    h, u = parse_ip(f)
    if struct.unpack("!HH", u[:4]) != (68, 67):
        return None
    return h, u[8:]


def options_of(m):
    """The options of DHCP message m as {code: value} (checked as it goes)."""
    if m[236:240] != COOKIE:
        raise CheckFailure("no magic cookie in the guest's DHCP message")
    opts, i = {}, 240
    while i < len(m) and m[i] != 255:
        if m[i] == 0:
            i += 1
            continue
        opts[m[i]] = m[i + 2:i + 2 + m[i + 1]]
        i += 2 + m[i + 1]
    if i >= len(m):
        raise CheckFailure("the guest's DHCP options have no end")
    return opts


def reply(xid, mac, mtype, yiaddr="10.0.2.15", opts=None, cookie=COOKIE, end=True):
    """A server's DHCP message (BOOTREPLY) with option 53 = mtype and opts."""
    m = struct.pack("!BBBBIHHIIII", 2, 1, 6, 0, xid, 0, 0, 0, 0, 0, 0)
    m = m[:16] + ip4(yiaddr) + ip4(SERVER_IP) + m[24:]
    m += mac + bytes(10) + bytes(64 + 128) + cookie
    o = bytes([53, 1, mtype])
    for code, val in (opts if opts is not None else GOOD_OPTS):
        o += bytes([code, len(val)]) + val
    return m + o + (b"\xff" if end else b"")


GOOD_OPTS = [(54, ip4(SERVER_IP)), (1, ip4("255.255.255.0")), (3, ip4("10.0.2.2")),
             (6, ip4("10.0.2.3")), (51, struct.pack("!I", 3600))]


def send_reply(peer, msg, bad_sum=False):
    peer.send(eth(peer.guest, PEER_MAC, ETH_IP,
                  ipv4(SERVER_IP, "255.255.255.255", 17,
                       udp(SERVER_IP, "255.255.255.255", 67, 68, msg, bad_sum=bad_sum))))


def wait_dhcp(peer, mtype, timeout, what, broadcast=True):
    """The next DHCP message of type mtype: (when it came, (IP header, message)).  ARP
    requests for the server's address are answered on the way."""
    found = []

    def pred(f):
        d = dhcp_of(f)
        if d is None or options_of(d[1]).get(53) != bytes([mtype]):
            return False
        found.append((time.monotonic(), d))
        return True
    f = peer.wait(answering_arp(peer, pred), timeout=timeout, what=what)
    if (f[0:6] == BROADCAST) != broadcast:
        raise CheckFailure("%s %ssent to the Ethernet broadcast address"
                           % (what, "not " if broadcast else ""))
    return found[0]


def backoff_step(peer):
    """Four DISCOVERs, unanswered: same xid, from 0.0.0.0, intervals near 4, 8, 16 s."""
    times, xids, out = [], set(), []
    for k in range(4):
        t, (h, m) = wait_dhcp(peer, 1, 40, "DISCOVER %d" % (k + 1))
        if h[12:16] != ip4("0.0.0.0") or h[16:20] != ip4("255.255.255.255"):
            raise CheckFailure("DISCOVER %d from %s to %s" % (k + 1, h[12:16].hex(),
                                                               h[16:20].hex()))
        if m[28:34] != peer.guest or m[10] & 0x80 == 0:
            raise CheckFailure("DISCOVER %d: chaddr %s, flags %s" % (k + 1, m[28:34].hex(),
                                                                    m[10:12].hex()))
        times.append(t)
        xids.add(m[4:8])
    gaps = [b - a for a, b in zip(times, times[1:])]
    for gap, want in zip(gaps, (4, 8, 16)):
        if not want - 1.5 <= gap <= want + 3:
            raise CheckFailure("DISCOVER intervals %s, want about 4, 8, 16 s"
                               % ["%.1f" % g for g in gaps])
        out.append("interval %.0f s (want %d)" % (gap, want))
    if len(xids) != 1:
        raise CheckFailure("the DISCOVERs of one exchange have %d xids" % len(xids))
    return out, struct.unpack("!I", xids.pop())[0]


def garbage(xid, mac):
    """(name, message, bad UDP checksum) of each reply the client must ignore."""
    offer = reply(xid, mac, 2)
    return [
        ("short", offer[:200], False),
        ("no_end", reply(xid, mac, 2, end=False), False),
        ("truncated_option", offer[:240] + bytes([53, 1, 2, 54, 40]) + ip4(SERVER_IP), False),
        ("bad_cookie", reply(xid, mac, 2, cookie=b"\x63\x82\x53\x64"), False),
        ("wrong_xid", reply(xid ^ 0x5a5a, mac, 2), False),
        ("wrong_mac", reply(xid, bytes([2, 0, 0, 0, 0, 9]), 2), False),
        ("bad_checksum", offer, True),
        ("bad_mask", reply(xid, mac, 2, opts=GOOD_OPTS + [(1, ip4("255.0.255.0"))]), False),
        ("no_server", reply(xid, mac, 2, opts=GOOD_OPTS[1:]), False),
        ("bad_type", reply(xid, mac, 9), False),
        ("type_len", offer[:240] + bytes([53, 2, 2, 2, 255]), False),
        ("ack_unasked", reply(xid, mac, 5), False),
    ]


def garbage_step(q, peer, xid):
    cases = garbage(xid, peer.guest)
    for _, msg, bad in cases:
        send_reply(peer, msg, bad_sum=bad)
        time.sleep(0.2)
    out = run(q, "dhcpc; echo status=$?")
    m = re.search(r"ignored (\d+)", out)
    if not m or int(m.group(1)) != len(cases) or "eth0: SELECTING" not in out:
        raise CheckFailure("after %d bad replies dhcpc says:\n%s" % (len(cases), out))
    return [name for name, _, _ in cases] + [out]


def exchange_step(q, peer, xid):
    peer.new_frames()
    send_reply(peer, reply(xid, peer.guest, 2))
    _, (h, m) = wait_dhcp(peer, 3, 10, "the REQUEST after the OFFER")
    o = options_of(m)
    if struct.unpack("!I", m[4:8])[0] != xid or o.get(50) != ip4("10.0.2.15") or \
            o.get(54) != ip4(SERVER_IP):
        raise CheckFailure("REQUEST: xid %s, requested %s, server %s" % (
            m[4:8].hex(), o.get(50, b"").hex(), o.get(54, b"").hex()))
    mark = q.output.rfind("\n") + 1      # the line start: the prompt may end the text
    send_reply(peer, reply(xid, peer.guest, 5))
    wait_text(q, r"^(?:# )?inet: eth0: DHCP lease 10\.0\.2\.15 netmask 255\.255\.255\.0 "
                 r"router 10\.0\.2\.2 dns 10\.0\.2\.3 from 10\.0\.2\.2 for 3600 s$", mark, 20)
    return run(q, "ifconfig eth0; route; dhcpc")


def timers_step(q, peer):
    """Renew by hand, then a 20 s lease with T1 5 s and T2 10 s left unanswered."""
    peer.new_frames()
    run(q, "dhcpc -r; echo status=$?")
    _, (h, m) = wait_dhcp(peer, 3, 10, "the REQUEST of dhcpc -r", broadcast=False)
    if h[12:16] != ip4("10.0.2.15") or h[16:20] != ip4(SERVER_IP) or \
            m[12:16] != ip4("10.0.2.15"):
        raise CheckFailure("renewal REQUEST from %s to %s, ciaddr %s" % (
            h[12:16].hex(), h[16:20].hex(), m[12:16].hex()))
    xid = struct.unpack("!I", m[4:8])[0]
    short = GOOD_OPTS[:-1] + [(51, struct.pack("!I", 20)), (58, struct.pack("!I", 5)),
                              (59, struct.pack("!I", 10))]
    send_reply(peer, reply(xid, peer.guest, 5, opts=short))
    acked = time.monotonic()
    out = []
    for what, bcast, want in (("RENEWING", False, 5), ("REBINDING", True, 10)):
        t, (h, m) = wait_dhcp(peer, 3, 15, "the REQUEST at " + what, broadcast=bcast)
        if m[12:16] != ip4("10.0.2.15"):
            raise CheckFailure("%s REQUEST without ciaddr" % what)
        if not want - 1.5 <= t - acked <= want + 3:
            raise CheckFailure("%s REQUEST %.1f s after the ACK, want %d" % (what, t - acked,
                                                                          want))
        out.append("%s REQUEST %.0f s after the ACK" % (what, t - acked))
    t, (h, m) = wait_dhcp(peer, 1, 20, "the DISCOVER after the lease ended")
    if not 20 - 1.5 <= t - acked <= 20 + 3:
        raise CheckFailure("DISCOVER %.1f s after the ACK, want 20 (the lease)" % (t - acked))
    out.append("DISCOVER %.0f s after the ACK" % (t - acked))
    return out + [run(q, "ifconfig eth0; dhcpc")]


def wire_session(t):
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=360)
    peer = Peer(link)
    results = {}
    try:
        wait_text(q, r"^# ", 0, 60)
        run(q, "echo 'eth0 e1000 0 { default; };' > /tmp/dhcp.conf")
        run(q, "service up /service/inet -args conf=/tmp/dhcp.conf")
        run(q, 'service up /service/e1000 -label e1000_0 -args "instance=0"')
        xid = None

        def backoff():
            nonlocal xid
            r, xid = backoff_step(peer)
            return r
        step(results, "backoff", backoff)
        if xid is not None:
            step(results, "garbage", lambda: garbage_step(q, peer, xid))
            step(results, "exchange", lambda: exchange_step(q, peer, xid))
            step(results, "timers", lambda: timers_step(q, peer))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on the grader's wire; inet with a DHCP inet.conf line, the "
         "grader a DHCP server that misbehaves", timeout=360)
def inet_dhcp_session(t):
    return wire_session(t)


@test(2, "no answer: DISCOVERs from 0.0.0.0 to the broadcast, one xid, 4, 8 and 16 s apart",
      parent=inet_dhcp_session)
def inet_dhcp_backoff(t):
    value(t, "backoff")


@test(3, "short, truncated, endless, wrong-xid, wrong-MAC, bad-checksum and otherwise bad "
         "replies are ignored and counted", parent=inet_dhcp_session)
def inet_dhcp_garbage(t):
    value(t, "garbage")


@test(3, "dhcpc -r renews with the server; a 20 s lease: REQUEST to the server at T1, "
         "broadcast at T2, and at its end the address is given up and DISCOVER sent",
      parent=inet_dhcp_session)
def inet_dhcp_timers(t):
    v = value(t, "timers")
    t.match(v[-1], r"^eth0: flags=0x43<UP,BROADCAST,RUNNING>", r"^\s+inet \(none\)",
            r"^eth0: SELECTING xid", no=[r"10\.0\.2\.15"])


@test(2, "then a good OFFER gets a REQUEST naming it and its server, and the ACK binds "
         "10.0.2.15/24 with the default route via 10.0.2.2", parent=inet_dhcp_session)
def inet_dhcp_exchange(t):
    t.match(value(t, "exchange"), r"^\s+inet 10\.0\.2\.15 netmask 255\.255\.255\.0",
            r"^default\s+10\.0\.2\.2\s+0\.0\.0\.0\s+UG\s+eth0$", r"^eth0: BOUND xid",
            r"^sent discover 4 request 1; taken offer 1 ack 1 nak 0; ignored 12$")
