# TCP in inet (servers/inet/tcp*.c; handouts/inet.md, "TCP").  One boot as inet_udp.py's:
# inet.conf with 10.0.2.15/24, `service up /service/inet`, then e1000_0 on the grader's
# wire; the grader is the host 10.0.2.2 at the frame level and speaks TCP itself
# (tcp_peer.py), checking every segment the guest sends (checksums, numbers, options).
#   local      tcptest local: every local case over 127.0.0.1
#   local_eth  tcptest local 10.0.2.15: the same over the card's own address (through lo)
# Guest lines may follow the shell's prompt on the same console line: the patterns allow
# a "# " before them.

from grader.core import test
from grader.tests.inet_ip import GUEST_MAC, Peer
from grader.tests.inet_udp import start_inet
from grader.tests.net_common import Link, run, step, value

LOCAL_CASES = ("connect", "echo", "half_close", "eof", "eof_again", "zero_window",
               "econnrefused", "eaddrinuse", "timewait_inuse", "reuseaddr", "einprogress",
               "eisconn", "so_error", "eagain_accept", "eagain_recv", "eagain",
               "eintr_accept", "eintr_recv", "after_eintr", "epipe", "sigpipe",
               "econnreset", "eof_after_reset", "epipe_reset", "enotconn_send",
               "enotconn_recv", "enotconn_peer", "enotconn_shutdown", "backlog", "fork",
               "dup", "close_last", "select", "names", "so_type", "nodelay", "keepalive",
               "rcvbuf", "sndbuf_bounded", "enoprotoopt", "maxseg", "acceptconn", "limit",
               "after_limit")


def session(t):
    link = Link(0, "e1000", GUEST_MAC)
    q = t.launch(extra_args=link.qemu_args(), timeout=600)
    peer = Peer(link)
    results = {}
    try:
        start_inet(q)
        step(results, "local", lambda: run(q, "/test/tcptest local; echo status=$?", 300))
        step(results, "local_eth",
             lambda: run(q, "/test/tcptest local 10.0.2.15; echo status=$?", 300))
    finally:
        q.stop()
        link.close()
    results["console"] = q.output
    return results


@test(0, "boot with an e1000 on a wire to the grader; inet and e1000_0 with a static "
         "address; /test/tcptest uses TCP sockets through libc", timeout=600)
def inet_tcp_session(t):
    return session(t)


def local_ok(t, name):
    t.match(value(t, name), *[r"^PASS tcptest_%s\b" % c for c in LOCAL_CASES],
            r"^DONE tcptest \d+ passed, 0 failed$", r"^status=0$", no=[r"^FAIL "])


@test(6, "TCP over 127.0.0.1: connect/accept, a 1 MiB echo, half-close, a zero window, "
         "every error case, the backlog, fork, dup, select, names, options, limits",
      parent=inet_tcp_session)
def inet_tcp_local(t):
    local_ok(t, "local")


@test(2, "the same local cases over the card's own address 10.0.2.15",
      parent=inet_tcp_session)
def inet_tcp_local_eth(t):
    local_ok(t, "local_eth")
