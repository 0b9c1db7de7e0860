/*
 * socktest.c - the socket path's in-guest test (/test/socktest; grader/tests/sockets.py;
 * handouts/sockets.md, "The test driver"): a user program that uses only libc's socket
 * calls, against the test driver /test/sockdrv (sockdrv.c), which serves SOCKTEST_DOMAIN.
 *
 *   socktest calls    every call's ordinary path: socket, bind, getsockname, datagrams
 *                     (sendto/recvfrom, MSG_TRUNC, sendmsg/recvmsg, connect), a stream
 *                     (listen, connect, accept, send, recv, getpeername), options, ioctl,
 *                     shutdown, accept4 and socket flags, fstat's S_IFSOCK
 *   socktest wait     calls that wait: recv, accept, connect and a send to a full buffer,
 *                     each woken by another process; EINTR by alarm() on recv, accept and
 *                     connect; O_NONBLOCK and MSG_DONTWAIT (EAGAIN, EINPROGRESS); select
 *                     over a socket and a pipe
 *   socktest fd       descriptors: dup, fork inheritance, read/write, close gives the peer
 *                     end of file and EPIPE (SIGPIPE), lseek ESPIPE
 *   socktest errors   ENOTSOCK, EBADF, EAFNOSUPPORT, EFAULT, EPROTOTYPE, EPROTONOSUPPORT,
 *                     EADDRINUSE, ECONNREFUSED, ENOTCONN, EDESTADDRREQ, EMSGSIZE
 *   socktest kill     kill -9 of the driver while a recv waits: EIO, later calls on the old
 *                     socket EIO, close works; the restarted driver serves new sockets
 * Each case prints PASS socktest_<case> or FAIL; DONE at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "sockdrv.h"
#include "testlib.h"

#define BAD_PTR ((void *)16)    /* an address no user program maps */

static struct sockaddr_test
taddr(int port)
{
	struct sockaddr_test a;

	memset(&a, 0, sizeof(a));
	a.st_family = SOCKTEST_DOMAIN;
	a.st_port = (uint16_t)port;
	return a;
}

#define SA(a) ((struct sockaddr *)&(a))

/* A socket of type bound to port (0: unbound), or -1 (FAIL line for name). */
static int
sock_at(const char *name, int type, int port)
{
	struct sockaddr_test a = taddr(port);
	int s = socket(SOCKTEST_DOMAIN, type, 0);

	if (!test_ok(name, s, "socket"))
		return -1;
	if (port != 0 && !test_ok(name, bind(s, SA(a), sizeof(a)), "bind")) {
		close(s);
		return -1;
	}
	return s;
}

/* A connected stream pair through a listener on port: *a (client), *b (accepted). */
static int
stream_pair(const char *name, int port, int *a, int *b)
{
	struct sockaddr_test sa = taddr(port);
	int l = sock_at(name, SOCK_STREAM, port), r;

	if (l < 0)
		return -1;
	listen(l, 4);
	*a = socket(SOCKTEST_DOMAIN, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(*a, SA(sa), sizeof(sa));
	if (r != -1 || errno != EINPROGRESS) {
		test_fail(name, "non-blocking connect: %d errno %d, want EINPROGRESS", r, errno);
		close(l);
		return -1;
	}
	*b = accept(l, NULL, NULL);
	close(l);
	fcntl(*a, F_SETFL, 0);
	return test_ok(name, *b, "accept") ? 0 : -1;
}

static void
case_socket(void)
{
	int s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0), d;
	struct stat st;

	d = socket(SOCKTEST_DOMAIN, SOCK_DGRAM, 0);
	if (test_ok("socktest_socket", s, "socket") && test_ok("socktest_socket", d, "socket"))
		test_check("socktest_socket", s != d, "two sockets, one fd %d", s);
	if (test_ok("socktest_fstat", fstat(s, &st), "fstat"))
		test_check("socktest_fstat", S_ISSOCK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	close(s);
	close(d);
}

static void
case_bind_name(void)
{
	struct sockaddr_test a = taddr(0);
	socklen_t len = sizeof(a);
	int s = sock_at("socktest_bind", SOCK_DGRAM, 7);

	if (s < 0)
		return;
	test_pass("socktest_bind");
	if (test_ok("socktest_getsockname", getsockname(s, SA(a), &len), "getsockname"))
		test_check("socktest_getsockname", a.st_port == 7 && len == sizeof(a) &&
			   a.st_family == SOCKTEST_DOMAIN, "port %d len %u", a.st_port,
			   (unsigned)len);
	close(s);
}

static void
case_dgram(void)
{
	int a = sock_at("socktest_dgram", SOCK_DGRAM, 11);
	int b = sock_at("socktest_dgram", SOCK_DGRAM, 12);
	struct sockaddr_test to = taddr(12), from = taddr(0);
	socklen_t flen = sizeof(from);
	char buf[64];
	ssize_t n;

	if (a < 0 || b < 0)
		return;
	sendto(a, "hello", 5, 0, SA(to), sizeof(to));
	n = recvfrom(b, buf, sizeof(buf), 0, SA(from), &flen);
	test_check("socktest_dgram", n == 5 && memcmp(buf, "hello", 5) == 0 &&
		   from.st_port == 11 && flen == sizeof(from), "n %d from %d", (int)n,
		   from.st_port);
	to = taddr(11);
	test_ok("socktest_dgram_connect", connect(b, SA(to), sizeof(to)), "connect");
	flen = sizeof(from);
	if (test_ok("socktest_dgram_connect", getpeername(b, SA(from), &flen), "getpeername") &&
	    test_ok("socktest_dgram_connect", send(b, "back", 4, 0), "send"))
		test_check("socktest_dgram_connect", recv(a, buf, sizeof(buf), 0) == 4 &&
			   from.st_port == 11, "recv or peer %d", from.st_port);
	close(a);
	close(b);
}

static void
case_msg(void)
{
	int a = sock_at("socktest_msg", SOCK_DGRAM, 13), b = sock_at("socktest_msg", SOCK_DGRAM, 14);
	struct sockaddr_test to = taddr(14), from;
	char big[100], small[10];
	struct iovec iov[2] = { { big, sizeof(big) }, { small, sizeof(small) } };
	struct msghdr mh;
	ssize_t n;

	if (a < 0 || b < 0)
		return;
	memset(big, 'x', sizeof(big));
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	mh.msg_iov = iov;
	mh.msg_iovlen = 1;
	test_check("socktest_sendmsg", sendmsg(a, &mh, 0) == sizeof(big), "sendmsg");
	mh.msg_iov = &iov[1];
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	n = recvmsg(b, &mh, 0);
	test_check("socktest_recvmsg_trunc", n == sizeof(small) && (mh.msg_flags & MSG_TRUNC) &&
		   from.st_port == 13, "n %d flags %x from %d", (int)n, mh.msg_flags,
		   from.st_port);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	test_errno("socktest_msg_iovecs", (int)sendmsg(a, &mh, 0), EMSGSIZE,
		   "more than one iovec is not implemented");
	close(a);
	close(b);
}

static void
case_stream(void)
{
	struct sockaddr_test peer;
	socklen_t len = sizeof(peer);
	int a, b, n;
	char buf[32];

	if (stream_pair("socktest_stream", 20, &a, &b) < 0)
		return;
	send(a, "ping", 4, 0);
	n = (int)recv(b, buf, sizeof(buf), 0);
	send(b, "pong!", 5, 0);
	test_check("socktest_stream", n == 4 && recv(a, buf, sizeof(buf), 0) == 5 &&
		   memcmp(buf, "pong!", 5) == 0, "n %d", n);
	if (test_ok("socktest_getpeername", getpeername(b, SA(peer), &len), "getpeername"))
		test_check("socktest_getpeername", peer.st_port >= 1000, "port %d", peer.st_port);
	n = -1;
	send(a, "xyz", 3, 0);
	if (test_ok("socktest_ioctl", ioctl(b, SOCKTEST_IOC_PENDING, &n), "ioctl"))
		test_check("socktest_ioctl", n == 3, "pending %d", n);
	close(a);
	close(b);
}

static void
case_opts(void)
{
	int s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0), one = 1, v = 0;
	socklen_t len = sizeof(v);

	test_ok("socktest_sockopt", setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
		"setsockopt");
	if (test_ok("socktest_sockopt", getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len),
		    "getsockopt"))
		test_check("socktest_sockopt", v == 1 && len == sizeof(v), "v %d len %u", v,
			   (unsigned)len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
	test_check("socktest_so_type", v == SOCK_STREAM, "type %d", v);
	test_errno("socktest_sockopt_unknown", getsockopt(s, SOL_SOCKET, 0x7777, &v, &len),
		   ENOPROTOOPT, "an option the driver lacks");
	close(s);
}

static void
case_flags(void)
{
	int s = socket(SOCKTEST_DOMAIN, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int a, b, l, c;
	struct sockaddr_test sa = taddr(21);

	test_check("socktest_socket_flags", (fcntl(s, F_GETFL) & O_NONBLOCK) &&
		   (fcntl(s, F_GETFD) & FD_CLOEXEC), "flags %x fd %x", fcntl(s, F_GETFL),
		   fcntl(s, F_GETFD));
	close(s);
	if ((l = sock_at("socktest_accept4", SOCK_STREAM, 21)) < 0)
		return;
	listen(l, 2);
	a = socket(SOCKTEST_DOMAIN, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(a, SA(sa), sizeof(sa));
	b = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	c = fcntl(b, F_GETFL);
	test_check("socktest_accept4", b >= 0 && (c & O_NONBLOCK) &&
		   (fcntl(b, F_GETFD) & FD_CLOEXEC), "fd %d flags %x", b, c);
	close(a);
	close(b);
	close(l);
}

static void
case_shutdown(void)
{
	int a, b;
	char buf[8];

	if (stream_pair("socktest_shutdown", 22, &a, &b) < 0)
		return;
	signal(SIGPIPE, SIG_IGN);
	test_ok("socktest_shutdown", shutdown(a, SHUT_WR), "shutdown");
	test_check("socktest_shutdown", recv(b, buf, sizeof(buf), 0) == 0, "no end of file");
	test_errno("socktest_shutdown_send", (int)send(a, "x", 1, 0), EPIPE,
		   "a send after shutdown(SHUT_WR)");
	close(a);
	close(b);
}

/* ---- calls that wait ---- */

static volatile int alarmed;

static void
on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

/* SIGALRM in 1 s, with a handler that does not restart calls. */
static void
alarm_soon(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarmed = 0;
	alarm(1);
}

/* Fork a child that sleeps 1 s and runs fn(arg) then exits; its pid. */
static int
later(void (*fn)(int), int arg)
{
	int pid = fork();

	if (pid == 0) {
		sleep(1);
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void
child_send(int fd)
{
	send(fd, "late", 4, 0);
}

static void
child_connect(int port)
{
	struct sockaddr_test a = taddr(port);
	int s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0);

	connect(s, SA(a), sizeof(a));
	send(s, "c", 1, 0);
	sleep(1);
}

static void
child_accept(int l)
{
	int s = accept(l, NULL, NULL);

	sleep(1);
	close(s);
}

static void
child_drain(int fd)
{
	char buf[512];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static void
case_wakes(void)
{
	int a, b, l, s, pid, n;
	char buf[8192];
	struct sockaddr_test sa = taddr(31);

	if (stream_pair("socktest_recv_waits", 30, &a, &b) < 0)
		return;
	pid = later(child_send, a);
	n = (int)recv(b, buf, sizeof(buf), 0);
	test_check("socktest_recv_waits", n == 4 && memcmp(buf, "late", 4) == 0, "n %d", n);
	waitpid(pid, NULL, 0);
	memset(buf, 'f', sizeof(buf));
	fcntl(a, F_SETFL, O_NONBLOCK);
	while (send(a, buf, sizeof(buf), 0) > 0)
		;
	test_check("socktest_send_full_eagain", errno == EAGAIN, "errno %d", errno);
	fcntl(a, F_SETFL, 0);
	pid = later(child_drain, b);
	n = (int)send(a, "more", 4, 0);
	test_check("socktest_send_waits", n == 4, "send %d errno %d", n, errno);
	waitpid(pid, NULL, 0);
	close(a);
	close(b);
	if ((l = sock_at("socktest_accept_waits", SOCK_STREAM, 31)) < 0)
		return;
	listen(l, 2);
	pid = later(child_connect, 31);
	s = accept(l, NULL, NULL);
	test_check("socktest_accept_waits", s >= 0 && recv(s, buf, 1, 0) == 1, "accept %d", s);
	waitpid(pid, NULL, 0);
	close(s);
	pid = later(child_accept, l);
	s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0);
	test_ok("socktest_connect_waits", connect(s, SA(sa), sizeof(sa)), "connect");
	test_check("socktest_connect_waits", recv(s, buf, 1, 0) == 0, "no end of file");
	waitpid(pid, NULL, 0);
	close(s);
	close(l);
}

static void
case_eintr(void)
{
	int d = sock_at("socktest_eintr_recv", SOCK_DGRAM, 32), l, s;
	struct sockaddr_test sa = taddr(33);
	char buf[8];

	alarm_soon();
	test_errno("socktest_eintr_recv", (int)recv(d, buf, sizeof(buf), 0), EINTR,
		   "a signal ends a waiting recv");
	close(d);
	if ((l = sock_at("socktest_eintr_accept", SOCK_STREAM, 33)) < 0)
		return;
	listen(l, 1);
	alarm_soon();
	test_errno("socktest_eintr_accept", accept(l, NULL, NULL), EINTR,
		   "a signal ends a waiting accept");
	s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0);
	alarm_soon();
	test_errno("socktest_eintr_connect", connect(s, SA(sa), sizeof(sa)), EINTR,
		   "a signal ends a waiting connect");
	close(s);
	close(l);
	test_check("socktest_eintr_handler", alarmed, "the handler did not run");
}

static void
case_nonblock(void)
{
	int d = sock_at("socktest_nonblock", SOCK_DGRAM, 34), l = sock_at("socktest_nonblock",
									 SOCK_STREAM, 35);
	char buf[8];

	fcntl(d, F_SETFL, O_NONBLOCK);
	test_errno("socktest_nonblock_recv", (int)recv(d, buf, sizeof(buf), 0), EAGAIN,
		   "O_NONBLOCK recv with nothing there");
	fcntl(d, F_SETFL, 0);
	test_errno("socktest_dontwait", (int)recv(d, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "MSG_DONTWAIT");
	listen(l, 1);
	fcntl(l, F_SETFL, O_NONBLOCK);
	test_errno("socktest_nonblock_accept", accept(l, NULL, NULL), EAGAIN,
		   "O_NONBLOCK accept with no connection");
	close(d);
	close(l);
}

static void
case_select(void)
{
	int a, b, p[2], pid, n, err = -1;
	struct timeval tv = { 0, 0 };
	socklen_t len = sizeof(err);
	fd_set rd;

	if (stream_pair("socktest_select", 36, &a, &b) < 0 || pipe(p) < 0)
		return;
	FD_ZERO(&rd);
	FD_SET(b, &rd);
	FD_SET(p[0], &rd);
	n = select((b > p[0] ? b : p[0]) + 1, &rd, NULL, NULL, &tv);
	test_check("socktest_select_none", n == 0, "%d ready", n);
	write(p[1], "x", 1);
	FD_SET(b, &rd);
	FD_SET(p[0], &rd);
	n = select((b > p[0] ? b : p[0]) + 1, &rd, NULL, NULL, NULL);
	test_check("socktest_select_pipe", n == 1 && FD_ISSET(p[0], &rd) && !FD_ISSET(b, &rd),
		   "%d ready", n);
	read(p[0], &n, 1);
	pid = later(child_send, a);
	FD_ZERO(&rd);
	FD_SET(b, &rd);
	FD_SET(p[0], &rd);
	n = select((b > p[0] ? b : p[0]) + 1, &rd, NULL, NULL, NULL);
	test_check("socktest_select_socket", n == 1 && FD_ISSET(b, &rd), "%d ready", n);
	waitpid(pid, NULL, 0);
	FD_ZERO(&rd);
	FD_SET(a, &rd);
	n = select(a + 1, NULL, &rd, NULL, &tv);
	getsockopt(a, SOL_SOCKET, SO_ERROR, &err, &len);
	test_check("socktest_select_connected", n == 1 && err == 0, "%d writable, SO_ERROR %d",
		   n, err);
	close(a);
	close(b);
	close(p[0]);
	close(p[1]);
}

/* ---- descriptors ---- */

static void
case_fds(void)
{
	int a, b, c, pid, n;
	char buf[16];

	if (stream_pair("socktest_dup", 40, &a, &b) < 0)
		return;
	c = dup(a);
	close(a);
	send(c, "dup", 3, 0);
	n = (int)recv(b, buf, sizeof(buf), 0);
	test_check("socktest_dup", n == 3, "recv %d", n);
	pid = fork();
	if (pid == 0) {
		send(c, "kid", 3, 0);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	n = (int)recv(b, buf, sizeof(buf), 0);
	test_check("socktest_fork", n == 3 && memcmp(buf, "kid", 3) == 0, "recv %d", n);
	n = (int)write(b, "rw", 2);
	test_check("socktest_read_write", n == 2 && read(c, buf, sizeof(buf)) == 2 &&
		   memcmp(buf, "rw", 2) == 0, "write %d", n);
	test_errno("socktest_lseek", (int)lseek(c, 0, SEEK_SET), ESPIPE, "a socket cannot seek");
	close(c);
	test_check("socktest_close_eof", read(b, buf, sizeof(buf)) == 0, "no end of file");
	signal(SIGPIPE, SIG_IGN);
	test_errno("socktest_close_epipe", (int)write(b, "x", 1), EPIPE, "the peer closed");
	signal(SIGPIPE, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		write(b, "x", 1);
		_exit(0);
	}
	waitpid(pid, &n, 0);
	test_check("socktest_sigpipe", WIFSIGNALED(n) && WTERMSIG(n) == SIGPIPE,
		   "status %x", n);
	close(b);
}

/* ---- errors ---- */

static void
case_errors(void)
{
	int f = open("/etc/rc", O_RDONLY), s = socket(SOCKTEST_DOMAIN, SOCK_STREAM, 0), d;
	struct sockaddr_test a = taddr(50), b = taddr(51);
	socklen_t len = sizeof(a);
	char buf[8];

	test_errno("socktest_enotsock", listen(f, 1), ENOTSOCK, "listen on a file");
	test_errno("socktest_enotsock_name", getsockname(f, SA(a), &len), ENOTSOCK, "a file");
	test_errno("socktest_ebadf", bind(99, SA(a), sizeof(a)), EBADF, "fd 99 is not open");
	test_errno("socktest_eafnosupport", socket(SOCKTEST_UNMAPPED, SOCK_STREAM, 0),
		   EAFNOSUPPORT, "a domain no driver serves");
	test_errno("socktest_eprototype", socket(SOCKTEST_DOMAIN, SOCK_RAW, 0), EPROTOTYPE,
		   "the driver has no raw sockets");
	test_errno("socktest_eprotonosupport", socket(SOCKTEST_DOMAIN, SOCK_DGRAM, 5),
		   EPROTONOSUPPORT, "protocol 5");
	test_errno("socktest_efault_bind", bind(s, BAD_PTR, sizeof(a)), EFAULT, "a bad address");
	test_errno("socktest_efault_len", getsockname(s, SA(a), NULL), EFAULT, "no length");
	test_errno("socktest_econnrefused", connect(s, SA(b), sizeof(b)), ECONNREFUSED,
		   "nobody listens on port 51");
	test_errno("socktest_enotconn", (int)send(s, "x", 1, 0), ENOTCONN, "not connected");
	d = sock_at("socktest_eaddrinuse", SOCK_DGRAM, 50);
	test_errno("socktest_eaddrinuse", bind(socket(SOCKTEST_DOMAIN, SOCK_DGRAM, 0), SA(a),
					       sizeof(a)), EADDRINUSE, "port 50 is taken");
	test_errno("socktest_edestaddrreq", (int)send(d, "x", 1, 0), EDESTADDRREQ,
		   "an unconnected datagram socket");
	sendto(d, "abc", 3, 0, SA(a), sizeof(a));
	test_errno("socktest_efault_recv", (int)recv(d, BAD_PTR, 3, 0), EFAULT, "a bad buffer");
	test_errno("socktest_einval_addrlen", bind(s, SA(a), 1000), EINVAL, "an address of 1000 "
		   "bytes");
	(void)buf;
	close(f);
	close(s);
	close(d);
}

/* ---- the driver dies ---- */

static void
child_recv(int fd)
{
	char buf[8];
	int r = (int)recv(fd, buf, sizeof(buf), 0);

	_exit(r < 0 && errno == EIO ? 0 : 1);
}

static int
new_socket_works(void *arg)
{
	int s = socket(SOCKTEST_DOMAIN, SOCK_DGRAM, 0);

	(void)arg;
	if (s < 0)
		return 0;
	close(s);
	return 1;
}

static void
case_kill(void)
{
	int d = sock_at("socktest_kill", SOCK_DGRAM, 60), pid, drv = 0, st = -1;
	char buf[8];

	if (d < 0 || !test_ok("socktest_kill", ioctl(d, SOCKTEST_IOC_PID, &drv), "ioctl"))
		return;
	pid = fork();
	if (pid == 0)
		child_recv(d);
	sleep(1);
	test_ok("socktest_kill", kill(drv, SIGKILL), "kill -9 of the driver");
	waitpid(pid, &st, 0);
	test_check("socktest_kill_waiting_eio", WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "the waiting recv did not end with EIO (status %x)", st);
	test_errno("socktest_kill_later_eio", (int)recv(d, buf, sizeof(buf), MSG_DONTWAIT), EIO,
		   "a socket of the dead driver");
	test_check("socktest_kill_close", close(d) == 0, "close: %s", strerror(errno));
	test_check("socktest_kill_new_socket", test_poll(new_socket_works, NULL, 15),
		   "no new socket within 15 s of the restart");
	test_pass("socktest_kill");
}

int
main(int argc, char **argv)
{
	const char *g;

	argc = test_init("socktest", argc, argv);
	g = argc > 1 ? argv[1] : "all";
	if (!strcmp(g, "calls") || !strcmp(g, "all")) {
		case_socket(), case_bind_name(), case_dgram(), case_msg(), case_stream();
		case_opts(), case_flags(), case_shutdown();
	}
	if (!strcmp(g, "wait") || !strcmp(g, "all"))
		case_wakes(), case_eintr(), case_nonblock(), case_select();
	if (!strcmp(g, "fd") || !strcmp(g, "all"))
		case_fds();
	if (!strcmp(g, "errors") || !strcmp(g, "all"))
		case_errors();
	if (!strcmp(g, "kill"))
		case_kill();
	return test_done() != 0;
}
