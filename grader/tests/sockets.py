# The socket path (handouts/sockets.md): libc's socket calls -> VFS (servers/vfs/socket.c)
# -> the SDEV_ protocol -> a socket driver on libsockdriver.  One boot of the root shell
# starts the test driver /test/sockdrv with `service up` (its system.conf entry maps the
# test domain 31 through RS's VFS_MAPSOCKET) and runs /test/socktest (commands/tests/
# socktest.c, a user program with only libc's socket calls) once per group of cases; the
# last group kills the driver with kill -9 while a recv waits.

from grader.core import test
from grader.tests.shell import output_of, session_outputs

UP = "service up /test/sockdrv -config /test/system.tests; echo status=$?"
BUSY = ("service up /test/sockdrv -label sockdrv2 -config /test/system.tests; echo status=$?; "
        "sysinfo -d | grep -c '^sockdrv2 '")
GROUPS = ("calls", "wait", "fd", "errors", "kill")
COMMANDS = [UP, BUSY] + ["/test/socktest %s; echo status=$?" % g for g in GROUPS]


@test(0, "sockets: the test socket driver under service up, /test/socktest's groups of "
         "cases", timeout=240)
def sockets_session(t):
    return session_outputs(t, COMMANDS, timeout=240)


def group_passed(t, group, cases):
    """Every case of socktest's group passed, and its DONE line says no failure."""
    text = output_of(t, "/test/socktest %s; echo status=$?" % group)
    t.match(text, *[r"^PASS socktest_%s$" % c for c in cases],
            r"^DONE socktest \d+ passed, 0 failed$", r"^status=0$", no=[r"^FAIL "])


@test(1, "service up of a driver with a `domain` line: RS maps the domain in VFS; a second "
         "driver that claims the same domain is refused (EBUSY) and stopped",
      parent=sockets_session)
def sockets_driver_up(t):
    t.match(output_of(t, UP), r"^status=0$")
    t.match(output_of(t, BUSY), r"^rs: VFS cannot map socket domain 31 to sockdrv2: EBUSY$",
            r"^status=[1-9]\d*$", r"^0$")


@test(5, "every call's ordinary path: socket (fstat: S_IFSOCK), bind, getsockname, "
         "sendto/recvfrom, connect on datagrams, sendmsg/recvmsg (MSG_TRUNC, one iovec), "
         "listen/connect/accept, send/recv, getpeername, ioctl, setsockopt/getsockopt, "
         "shutdown, accept4 and socket's SOCK_NONBLOCK/SOCK_CLOEXEC", parent=sockets_session)
def sockets_calls(t):
    group_passed(t, "calls", ["socket", "fstat", "bind", "getsockname", "dgram",
                              "dgram_connect", "sendmsg", "recvmsg_trunc", "msg_iovecs",
                              "stream", "getpeername", "ioctl", "sockopt", "so_type",
                              "sockopt_unknown", "socket_flags", "accept4", "shutdown",
                              "shutdown_send"])


@test(5, "calls that wait: recv, accept, connect and a send to a full buffer woken by "
         "another process; EINTR from alarm() on a waiting recv, accept and connect; "
         "O_NONBLOCK and MSG_DONTWAIT give EAGAIN; select over a socket and a pipe",
      parent=sockets_session)
def sockets_wait(t):
    group_passed(t, "wait", ["recv_waits", "send_full_eagain", "send_waits",
                             "accept_waits", "connect_waits", "eintr_recv", "eintr_accept",
                             "eintr_connect", "eintr_handler", "nonblock_recv", "dontwait",
                             "nonblock_accept", "select_none", "select_pipe",
                             "select_socket", "select_connected"])


@test(3, "sockets are descriptors: dup, fork inheritance, read/write, close gives the peer "
         "end of file and EPIPE (SIGPIPE by default), lseek is ESPIPE",
      parent=sockets_session)
def sockets_fds(t):
    group_passed(t, "fd", ["dup", "fork", "read_write", "lseek", "close_eof", "close_epipe",
                           "sigpipe"])


@test(3, "errors: ENOTSOCK, EBADF, EAFNOSUPPORT (a domain no driver serves), EPROTOTYPE, "
         "EPROTONOSUPPORT, EFAULT (bad address, buffer, length), ECONNREFUSED, ENOTCONN, "
         "EADDRINUSE, EDESTADDRREQ, EINVAL", parent=sockets_session)
def sockets_errors(t):
    group_passed(t, "errors", ["enotsock", "enotsock_name", "ebadf", "eafnosupport",
                               "eprototype", "eprotonosupport", "efault_bind", "efault_len",
                               "econnrefused", "enotconn", "eaddrinuse", "edestaddrreq",
                               "efault_recv", "einval_addrlen"])


@test(3, "kill -9 of the socket driver while a recv waits: the recv ends with EIO, later "
         "calls on its sockets are EIO, close works, and the restarted driver serves new "
         "sockets", parent=sockets_session)
def sockets_driver_killed(t):
    group_passed(t, "kill", ["kill", "kill_waiting_eio", "kill_later_eio", "kill_close",
                             "kill_new_socket"])
