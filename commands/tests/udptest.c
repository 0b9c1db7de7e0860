/*
 * udptest.c - UDP sockets in inet, from the user's side (/test/udptest;
 * grader/tests/inet_udp.py; handouts/inet.md, "UDP sockets"): libc's socket calls only,
 * against inet, the socket driver of AF_INET.
 *
 *   udptest local        over 127.0.0.1 (no card needed): two processes (fork) exchange
 *                        datagrams of several sizes; a connected socket's filter; the
 *                        receive queue's bound; MSG_TRUNC; select; EINTR by alarm() on a
 *                        waiting recv; the errors (EPROTONOSUPPORT, EADDRNOTAVAIL,
 *                        EADDRINUSE, EACCES, EDESTADDRREQ, EMSGSIZE, EAGAIN, ENOTCONN,
 *                        EISCONN, ENOBUFS when inet's sockets run out)
 *   udptest echo PORT    an echo server on PORT (any address): each datagram goes back to
 *                        its sender; the payload "quit" ends it after its echo
 *   udptest send ADDR PORT N
 *                        N datagrams to ADDR:PORT, datagram k of size SEND_SIZES[k % ...]
 *                        with bytes (k * 31 + i * 7) & 0xff: the first half by sendto, the
 *                        rest by connect and send
 * Each case prints PASS udptest_<case> or FAIL; DONE at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "testlib.h"

#define MAX_DATA        1472    /* the largest datagram inet sends unfragmented */
#define RCVQ_MAX        8       /* servers/inet/inet.h, UDP_RCVQ_MAX */
#define NR_UDP_SOCK     16      /* servers/inet/inet.h: sockets inet has, fewer than
				   OPEN_MAX */
#define LOCAL_PORT      5001    /* the local cases' first port */
#define ROUNDS          12      /* round trips between the two processes */

static const size_t SEND_SIZES[] = { 0, 1, 7, 100, 1001, MAX_DATA };
static uint8_t buf[MAX_DATA + 64], want[MAX_DATA + 64];

static struct sockaddr_in
sin_of(uint32_t addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(addr);
	return a;
}

#define SA(a)   ((struct sockaddr *)&(a))

/* A UDP socket bound to 127.0.0.1:port (0: ephemeral), or -1. */
static int
udp_on(int port)
{
	struct sockaddr_in a = sin_of(INADDR_LOOPBACK, port);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, SA(a), sizeof(a)) < 0) {
		printf("udptest: socket/bind 127.0.0.1:%d: %s\n", port, strerror(errno));
		return -1;
	}
	return fd;
}

/* The local port of fd, or -1. */
static int
port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	return getsockname(fd, SA(a), &len) < 0 ? -1 : ntohs(a.sin_port);
}

static void
fill(uint8_t *p, size_t n, int k)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(k * 31 + i * 7);
}

/* The child of case_fork: ROUNDS datagrams to the parent, each echo checked; exit code. */
static int
fork_child(int parent_port)
{
	struct sockaddr_in to = sin_of(INADDR_LOOPBACK, parent_port);
	int fd = udp_on(0), bad = 0;

	if (fd < 0 || connect(fd, SA(to), sizeof(to)) < 0)
		return 2;
	for (int k = 0; k < ROUNDS; k++) {
		size_t n = (size_t)(k * 123) % (MAX_DATA + 1);

		fill(want, n, k);
		if (send(fd, want, n, 0) != (ssize_t)n || recv(fd, buf, sizeof(buf), 0) !=
		    (ssize_t)n || memcmp(buf, want, n) != 0)
			bad++;
	}
	return bad ? 1 : 0;
}

/* (a) two processes over 127.0.0.1: the parent echoes, checking each sender's address. */
static void
case_fork(void)
{
	struct sockaddr_in from;
	socklen_t flen;
	int fd = udp_on(LOCAL_PORT), st = 0, wrong = 0;
	pid_t pid;

	if (fd < 0 || (pid = fork()) < 0) {
		test_fail("udptest_fork", "socket or fork: %s", strerror(errno));
		return;
	}
	if (pid == 0)
		_exit(fork_child(LOCAL_PORT));
	for (int k = 0; k < ROUNDS; k++) {
		ssize_t n;

		flen = sizeof(from);
		if ((n = recvfrom(fd, buf, sizeof(buf), 0, SA(from), &flen)) < 0)
			break;
		if (flen != sizeof(from) || from.sin_family != AF_INET ||
		    ntohl(from.sin_addr.s_addr) != INADDR_LOOPBACK)
			wrong++;
		sendto(fd, buf, (size_t)n, 0, SA(from), flen);
	}
	waitpid(pid, &st, 0);
	test_check("udptest_fork", WIFEXITED(st) && WEXITSTATUS(st) == 0 && !wrong,
		   "child status %#x, %d wrong source addresses", st, wrong);
	close(fd);
}

/* A connected socket takes datagrams from its peer only; getpeername. */
static void
case_connected(void)
{
	int a = udp_on(LOCAL_PORT + 1), b = udp_on(LOCAL_PORT + 2), c = udp_on(0);
	struct sockaddr_in pa = sin_of(INADDR_LOOPBACK, LOCAL_PORT + 1), tb, peer;
	socklen_t plen = sizeof(peer);

	tb = sin_of(INADDR_LOOPBACK, LOCAL_PORT + 2);
	test_check("udptest_connect", connect(b, SA(pa), sizeof(pa)) == 0, "connect: %s",
		   strerror(errno));
	sendto(c, "stranger", 8, 0, SA(tb), sizeof(tb));
	test_errno("udptest_filter", (int)recv(b, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "a connected socket drops datagrams from others than its peer");
	sendto(a, "peer", 4, 0, SA(tb), sizeof(tb));
	test_expect("udptest_from_peer", (int)recv(b, buf, sizeof(buf), MSG_DONTWAIT), 4);
	test_check("udptest_getpeername", getpeername(b, SA(peer), &plen) == 0 &&
		   ntohs(peer.sin_port) == LOCAL_PORT + 1, "getpeername: %s", strerror(errno));
	test_errno("udptest_eisconn", (int)sendto(b, "x", 1, 0, SA(pa), sizeof(pa)), EISCONN,
		   "sendto with an address on a connected socket");
	close(a), close(b), close(c);
}

/* The receive queue holds RCVQ_MAX datagrams; more are dropped.  MSG_TRUNC, MSG_PEEK. */
static void
case_queue(void)
{
	int a = udp_on(LOCAL_PORT + 3), b = udp_on(0), got = 0;
	struct sockaddr_in ta = sin_of(INADDR_LOOPBACK, LOCAL_PORT + 3);
	struct msghdr m;
	struct iovec v = { buf, 10 };

	for (int k = 0; k < RCVQ_MAX + 4; k++)
		sendto(b, want, 100, 0, SA(ta), sizeof(ta));
	memset(&m, 0, sizeof(m));
	m.msg_iov = &v, m.msg_iovlen = 1;
	test_expect("udptest_peek", (int)recv(a, buf, sizeof(buf), MSG_PEEK), 100);
	test_check("udptest_trunc", recvmsg(a, &m, 0) == 10 && (m.msg_flags & MSG_TRUNC),
		   "recvmsg of 10 bytes of 100: flags %#x", m.msg_flags);
	got = 1;
	while (recv(a, buf, sizeof(buf), MSG_DONTWAIT) == 100)
		got++;
	test_expect("udptest_queue_bound", got, RCVQ_MAX);
	close(a), close(b);
}

/* select: not readable, then readable once a datagram is queued. */
static void
case_select(void)
{
	int a = udp_on(LOCAL_PORT + 4), b = udp_on(0), r1, r2;
	struct sockaddr_in ta = sin_of(INADDR_LOOPBACK, LOCAL_PORT + 4);
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;

	FD_ZERO(&rd), FD_ZERO(&wr);
	FD_SET(a, &rd), FD_SET(a, &wr);
	r1 = select(a + 1, &rd, &wr, NULL, &tv);
	r1 = r1 == 1 && !FD_ISSET(a, &rd) && FD_ISSET(a, &wr);
	sendto(b, "sel", 3, 0, SA(ta), sizeof(ta));
	FD_ZERO(&rd), FD_SET(a, &rd);
	tv.tv_sec = 5;
	r2 = select(a + 1, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(a, &rd);
	test_check("udptest_select", r1 && r2, "before: %d, after a datagram: %d", r1, r2);
	close(a), close(b);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* (e) a waiting recv interrupted by a signal: EINTR; the socket still works after. */
static void
case_eintr(void)
{
	struct sigaction sa;
	int a = udp_on(LOCAL_PORT + 5);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	test_errno("udptest_eintr", (int)recv(a, buf, sizeof(buf), 0), EINTR,
		   "a signal interrupts a waiting recv");
	test_errno("udptest_nonblock_flag",
		   fcntl(a, F_SETFL, O_NONBLOCK) < 0 ? 0 : (int)recv(a, buf, sizeof(buf), 0),
		   EAGAIN, "recv on an O_NONBLOCK socket with nothing queued");
	close(a);
}

/* bind's errors; EACCES for a port below 1024 in a child that is not root. */
static void
case_bind_errors(void)
{
	struct sockaddr_in other = sin_of(0x0A090909, 0), any = sin_of(INADDR_ANY, 0);
	int a = udp_on(LOCAL_PORT + 6), b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), st = 0;
	struct sockaddr_in dup = sin_of(INADDR_ANY, LOCAL_PORT + 6), low = sin_of(0, 80);
	int c80;
	pid_t pid;

	test_errno("udptest_eaddrnotavail", bind(b, SA(other), sizeof(other)), EADDRNOTAVAIL,
		   "bind to an address that is not ours");
	test_errno("udptest_eaddrinuse", bind(b, SA(dup), sizeof(dup)), EADDRINUSE,
		   "bind to a port another socket holds");
	test_check("udptest_ephemeral", bind(b, SA(any), sizeof(any)) == 0 &&
		   port_of(b) >= 49152, "port 0 gives %d", port_of(b));
	if ((pid = fork()) == 0) {
		int c = socket(AF_INET, SOCK_DGRAM, 0);

		setuid(1000);
		_exit(bind(c, SA(low), sizeof(low)) < 0 && errno == EACCES ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	test_check("udptest_eacces", WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "bind to port 80 as uid 1000 was not EACCES");
	test_check("udptest_root_low", bind(c80 = socket(AF_INET, SOCK_DGRAM, 0), SA(low),
		   sizeof(low)) == 0, "bind to port 80 as root: %s", strerror(errno));
	close(c80);
	close(a), close(b);
}

/* The errors of socket, send, recv and getpeername; running out of sockets. */
static void
case_errors(void)
{
	struct sockaddr_in to = sin_of(INADDR_LOOPBACK, LOCAL_PORT);
	int fd = socket(AF_INET, SOCK_DGRAM, 0), fds[40], n = 0, e;
	socklen_t len = sizeof(to);

	test_errno("udptest_stream", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP),
		   EPROTONOSUPPORT, "a stream socket of protocol UDP");
	test_errno("udptest_proto", socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT,
		   "a datagram socket of protocol TCP");
	test_errno("udptest_edestaddrreq", (int)send(fd, "x", 1, 0), EDESTADDRREQ,
		   "send without a peer");
	test_errno("udptest_emsgsize", (int)sendto(fd, want, MAX_DATA + 1, 0, SA(to),
		   sizeof(to)), EMSGSIZE, "a datagram over 1472 bytes");
	test_expect("udptest_max", (int)sendto(fd, want, MAX_DATA, 0, SA(to), sizeof(to)),
		    MAX_DATA);
	test_errno("udptest_eagain", (int)recv(fd, buf, 1, MSG_DONTWAIT), EAGAIN,
		   "MSG_DONTWAIT with nothing queued");
	test_errno("udptest_enotconn", getpeername(fd, SA(to), &len), ENOTCONN,
		   "getpeername without a peer");
	while (n < 40 && (fds[n] = socket(AF_INET, SOCK_DGRAM, 0)) >= 0)
		n++;
	e = errno;
	test_check("udptest_limit", n < NR_UDP_SOCK && e == ENOBUFS,
		   "%d more sockets, then %s (want ENOBUFS: inet's table is full before the "
		   "process's descriptors)", n, strerror(e));
	while (n > 0)
		close(fds[--n]);
	test_check("udptest_after_limit", (fds[0] = socket(AF_INET, SOCK_DGRAM, 0)) >= 0,
		   "socket after closing them: %s", strerror(errno));
	close(fds[0]);
	close(fd);
}

/* echo PORT: send each datagram back to its sender until "quit". */
static void
echo(int port)
{
	struct sockaddr_in a = sin_of(INADDR_ANY, port), from;
	socklen_t flen;
	ssize_t n;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), count = 0;

	if (fd < 0 || bind(fd, SA(a), sizeof(a)) < 0) {
		test_fail("udptest_echo", "socket/bind: %s", strerror(errno));
		return;
	}
	printf("udptest: echo: bound to port %d\n", port);
	for (;;) {
		flen = sizeof(from);
		if ((n = recvfrom(fd, buf, sizeof(buf), 0, SA(from), &flen)) < 0) {
			test_fail("udptest_echo", "recvfrom: %s", strerror(errno));
			return;
		}
		if (sendto(fd, buf, (size_t)n, 0, SA(from), flen) != n)
			printf("udptest: echo: sendto: %s\n", strerror(errno));
		count++;
		if (n == 4 && memcmp(buf, "quit", 4) == 0)
			break;
	}
	printf("udptest: echo: %d datagrams echoed\n", count);
	close(fd);
	test_pass("udptest_echo");
}

/* send ADDR PORT N: the datagrams the grader checks. */
static void
send_to(const char *addr, int port, int count)
{
	struct sockaddr_in to;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), bad = 0;

	to = sin_of(0, port);
	if (fd < 0 || inet_pton(AF_INET, addr, &to.sin_addr) != 1) {
		test_fail("udptest_send", "socket or address %s", addr);
		return;
	}
	for (int k = 0; k < count; k++) {
		size_t n = SEND_SIZES[k % (sizeof(SEND_SIZES) / sizeof(SEND_SIZES[0]))];

		fill(want, n, k);
		if (k == count / 2 && connect(fd, SA(to), sizeof(to)) < 0)
			bad++;
		if ((k < count / 2 ? sendto(fd, want, n, 0, SA(to), sizeof(to)) :
		     send(fd, want, n, 0)) != (ssize_t)n)
			bad++;
		usleep(50000);		/* ARP's pending queue is short */
	}
	printf("udptest: send: %d datagrams from port %d\n", count, port_of(fd));
	test_check("udptest_send", bad == 0, "%d calls failed", bad);
	close(fd);
}

int
main(int argc, char **argv)
{
	const char *g;

	argc = test_init("udptest", argc, argv);
	g = argc > 1 ? argv[1] : "local";
	if (!strcmp(g, "local")) {
		fill(want, sizeof(want), 1);
		case_fork(), case_connected(), case_queue(), case_select(), case_eintr();
		case_bind_errors(), case_errors();
	} else if (!strcmp(g, "echo") && argc > 2) {
		echo(atoi(argv[2]));
	} else if (!strcmp(g, "send") && argc > 4) {
		send_to(argv[2], atoi(argv[3]), atoi(argv[4]));
	} else {
		printf("usage: udptest local | echo PORT | send ADDR PORT N\n");
		return 2;
	}
	return test_done() != 0;
}
