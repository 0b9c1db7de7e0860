/*
 * tcptest.c - TCP sockets in inet, from the user's side (/test/tcptest;
 * grader/tests/inet_tcp.py; handouts/inet.md, "TCP"): libc's socket calls only, against
 * inet, the socket driver of AF_INET.
 *
 *   tcptest local          over 127.0.0.1 (no card needed): connect/accept, an echo of
 *                          1 MiB with a checksum (and its speed), half-close, EOF, a zero
 *                          window, ECONNREFUSED, EADDRINUSE and SO_REUSEADDR,
 *                          EINPROGRESS + select + SO_ERROR, EAGAIN, EINTR of a waiting
 *                          accept and recv (and a send's partial count), EPIPE + SIGPIPE,
 *                          ECONNRESET, ENOTCONN, EISCONN, the listen backlog, a socket
 *                          shared by fork, read/write/dup/close, select on a socket and a
 *                          pipe and on a listener, the names, the options, EADDRNOTAVAIL,
 *                          EACCES (a port below 1024), and running out of buffer memory
 *                          and of control blocks (ENOBUFS)
 *   tcptest local ADDR     the same over ADDR (one of inet's own addresses, 10.0.2.15)
 *   tcptest server PORT    a server for the grader: each connection sends a command line
 *                          "send N" (N bytes back, then FIN), "recv" (read to EOF, print
 *                          the count and sum, answer "ok N SUM", FIN), "wait" (print what a
 *                          recv returns: a RST gives ECONNRESET), "quit" (the server ends)
 *   tcptest send ADDR PORT N
 *                          connect to ADDR:PORT, send N bytes of the pattern, shut down
 *                          the sending side, read the peer's answer to EOF and print it
 *   tcptest keep ADDR PORT connect with SO_KEEPALIVE (idle 1 s, probes 1 s apart, 3 of
 *                          them) and wait in recv: print what it returns (ETIMEDOUT when
 *                          the peer stops answering the probes)
 * Each case prints PASS tcptest_<case> or FAIL; DONE at the end.  Data is the pattern
 * byte i = (i * 7 + i / 251) & 0xff; sums are the 32-bit sum of (byte ^ (i & 0xff)) over
 * the stream, printed in hex.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "testlib.h"

#define NR_TCP          40      /* servers/inet/tcp.h: control blocks */
#define BACKLOG_MAX     16      /* servers/inet/tcp.h: TCP_BACKLOG_MAX */
#define PORT0           6001    /* the local cases' first port */
#define ECHO_BYTES      (1024 * 1024)
#define CHUNK           8192

static uint8_t buf[CHUNK], pat[CHUNK];
static uint32_t local_addr = INADDR_LOOPBACK;
static volatile int got_signal;

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

static void
on_signal(int signo)
{
	got_signal = signo;
}

static void
catch(int signo)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(signo, &sa, NULL);
}

/* The pattern's bytes at stream offset off into p (n bytes). */
static void
pattern(uint8_t *p, size_t n, size_t off)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(((off + i) * 7 + (off + i) / 251) & 0xff);
}

/* Add n bytes at stream offset off to sum. */
static uint32_t
sum_add(uint32_t sum, const uint8_t *p, size_t n, size_t off)
{
	for (size_t i = 0; i < n; i++)
		sum += (uint32_t)(p[i] ^ ((off + i) & 0xff));
	return sum;
}

/* A listening socket on local_addr:port (backlog), or -1. */
static int
listener(int port, int backlog)
{
	struct sockaddr_in a = sin_of(local_addr, port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, SA(a), sizeof(a)) < 0 || listen(fd, backlog) < 0) {
		printf("tcptest: listen on %d: %s\n", port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A socket connected to local_addr:port, or -1. */
static int
connect_to(int port)
{
	struct sockaddr_in a = sin_of(local_addr, port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, SA(a), sizeof(a)) < 0) {
		printf("tcptest: connect to %d: %s\n", port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* A connected pair over a listener on port: *c the connecting end, *s the accepted. */
static int
pair(int port, int *c, int *s)
{
	int l = listener(port, 4);

	*c = *s = -1;
	if (l < 0)
		return -1;
	if ((*c = connect_to(port)) >= 0)
		*s = accept(l, NULL, NULL);
	close(l);
	if (*s < 0 && *c >= 0)
		close(*c);
	return *s >= 0 ? 0 : -1;
}

static void
close_pair(int a, int b)
{
	close(a);
	close(b);
}

/* Write all n bytes of p to fd: 0 or -1. */
static int
write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	ssize_t r;

	while (n > 0) {
		if ((r = write(fd, b, n)) <= 0)
			return -1;
		b += r, n -= (size_t)r;
	}
	return 0;
}

/* Send n bytes of the pattern on fd: 0 or -1. */
static int
send_pattern(int fd, size_t n)
{
	static uint8_t out[CHUNK];

	for (size_t off = 0; off < n; off += CHUNK) {
		size_t k = n - off < CHUNK ? n - off : CHUNK;

		pattern(out, k, off);
		if (write_all(fd, out, k) < 0)
			return -1;
	}
	return 0;
}

/* Read fd to EOF: bytes (-1 on error), their sum in *sum; bad bytes vs the pattern. */
static long
read_all(int fd, uint32_t *sum, long *bad)
{
	long total = 0;
	ssize_t r;

	*sum = 0, *bad = 0;
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		pattern(pat, (size_t)r, (size_t)total);
		for (ssize_t i = 0; i < r; i++)
			*bad += buf[i] != pat[i];
		*sum = sum_add(*sum, buf, (size_t)r, (size_t)total);
		total += r;
	}
	return r < 0 ? -1 : total;
}

static uint32_t
pattern_sum(size_t n)
{
	uint32_t sum = 0;

	for (size_t off = 0; off < n; off += CHUNK) {
		size_t k = n - off < CHUNK ? n - off : CHUNK;

		pattern(pat, k, off);
		sum = sum_add(sum, pat, k, off);
	}
	return sum;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the local cases ------------------------------------------------------------------ */

/* connect, accept, a few bytes each way, the peer's address. */
static void
case_connect(void)
{
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	int l = listener(PORT0, 4), c, s = -1, ok = 0;

	if (l >= 0 && (c = connect_to(PORT0)) >= 0) {
		s = accept(l, SA(from), &flen);
		ok = s >= 0 && flen == sizeof(from) && ntohl(from.sin_addr.s_addr) == local_addr &&
		     write(c, "hello", 5) == 5 && read(s, buf, 16) == 5 &&
		     memcmp(buf, "hello", 5) == 0 && write(s, "world!", 6) == 6 &&
		     read(c, buf, 16) == 6 && memcmp(buf, "world!", 6) == 0;
		close(c);
	}
	test_check("tcptest_connect", ok, "connect/accept/exchange: %s", strerror(errno));
	if (s >= 0)
		close(s);
	if (l >= 0)
		close(l);
}

/* The echo child: read and write back until EOF. */
static int
echo_child(int fd)
{
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(fd, buf, (size_t)r) < 0)
			return 1;
	return r < 0 ? 2 : 0;
}

/* 1 MiB through an echo child and back, checked; a writer child sends. */
static void
case_echo(void)
{
	int c, s, st1 = 0, st2 = 0;
	long n, bad;
	uint32_t sum;
	pid_t echo, writer;
	double t0 = now(), dt;

	if (pair(PORT0 + 1, &c, &s) < 0) {
		test_fail("tcptest_echo", "pair: %s", strerror(errno));
		return;
	}
	if ((echo = fork()) == 0)
		_exit(echo_child(s));
	close(s);
	if ((writer = fork()) == 0)
		_exit(send_pattern(c, ECHO_BYTES) < 0 || shutdown(c, SHUT_WR) < 0 ? 1 : 0);
	n = read_all(c, &sum, &bad);
	dt = now() - t0;
	waitpid(echo, &st1, 0), waitpid(writer, &st2, 0);
	close(c);
	printf("tcptest: echo: %ld bytes back in %.2f s (%.0f KiB/s each way)\n", n, dt,
	       dt > 0 ? n / 1024.0 / dt : 0.0);
	test_check("tcptest_echo", n == ECHO_BYTES && bad == 0 && sum ==
		   pattern_sum(ECHO_BYTES) && st1 == 0 && st2 == 0,
		   "%ld bytes, %ld wrong, sum %#x, children %#x %#x", n, bad, sum, st1, st2);
}

/* shutdown(SHUT_WR): the peer reads EOF and can still send; then close: EOF here. */
static void
case_half_close(void)
{
	int c, s;
	char b[8];

	if (pair(PORT0 + 2, &c, &s) < 0) {
		test_fail("tcptest_half_close", "pair: %s", strerror(errno));
		return;
	}
	test_check("tcptest_half_close", write(c, "abc", 3) == 3 && shutdown(c, SHUT_WR) == 0 &&
		   read(s, b, 8) == 3 && read(s, b, 8) == 0 && write(s, "back", 4) == 4 &&
		   read(c, b, 8) == 4 && memcmp(b, "back", 4) == 0,
		   "after SHUT_WR: %s", strerror(errno));
	close(s);
	test_expect("tcptest_eof", (int)read(c, b, 8), 0);
	test_expect("tcptest_eof_again", (int)read(c, b, 8), 0);
	close(c);
}

/* A small receive buffer and a slow reader: the sender waits on a shut window. */
static void
case_zero_window(void)
{
	int l = socket(AF_INET, SOCK_STREAM, 0), small = 2048, c, s = -1, st = 0;
	struct sockaddr_in a = sin_of(local_addr, PORT0 + 3);
	long n = -1, bad = 0;
	uint32_t sum = 0;
	pid_t pid;

	setsockopt(l, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	if (bind(l, SA(a), sizeof(a)) == 0 && listen(l, 1) == 0 &&
	    (c = connect_to(PORT0 + 3)) >= 0) {
		s = accept(l, NULL, NULL);
		if ((pid = fork()) == 0)
			_exit(send_pattern(c, 40000) < 0 ? 1 : 0);
		close(c);
		sleep(3);                       /* the window is shut meanwhile */
		n = read_all(s, &sum, &bad);
		waitpid(pid, &st, 0);
	}
	test_check("tcptest_zero_window", n == 40000 && bad == 0 && st == 0,
		   "%ld bytes, %ld wrong, writer %#x", n, bad, st);
	close(s), close(l);
}

static void
case_refused(void)
{
	struct sockaddr_in a = sin_of(local_addr, PORT0 + 4);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	test_errno("tcptest_econnrefused", connect(fd, SA(a), sizeof(a)), ECONNREFUSED,
		   "connect to a port nobody listens on");
	close(fd);
}

/* EADDRINUSE against a listener and against TIME_WAIT; SO_REUSEADDR. */
static void
case_addrinuse(void)
{
	struct sockaddr_in a = sin_of(local_addr, PORT0 + 5);
	int l = listener(PORT0 + 5, 2), b = socket(AF_INET, SOCK_STREAM, 0), one = 1, c, s;

	test_errno("tcptest_eaddrinuse", bind(b, SA(a), sizeof(a)), EADDRINUSE,
		   "bind to a port a listener holds");
	close(l), close(b);
	if (pair(PORT0 + 5, &c, &s) == 0) {
		close(s);                       /* this end closes first: TIME_WAIT */
		read(c, buf, 1);
		close(c);
		usleep(300000);
	}
	b = socket(AF_INET, SOCK_STREAM, 0);
	test_errno("tcptest_timewait_inuse", bind(b, SA(a), sizeof(a)), EADDRINUSE,
		   "bind to a port a connection in TIME_WAIT holds");
	setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	test_expect("tcptest_reuseaddr", bind(b, SA(a), sizeof(a)), 0);
	close(b);
}

/* Wait up to secs for fd to be writable: 1 or 0. */
static int
writable(int fd, int secs)
{
	fd_set w;
	struct timeval tv = { secs, 0 };

	FD_ZERO(&w);
	FD_SET(fd, &w);
	return select(fd + 1, NULL, &w, NULL, &tv) == 1 && FD_ISSET(fd, &w);
}

static int
so_error(int fd)
{
	int e = -1;
	socklen_t len = sizeof(e);

	return getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0 ? -1 : e;
}

/* Non-blocking connect: EINPROGRESS, select writable, SO_ERROR (0, or ECONNREFUSED). */
static void
case_inprogress(void)
{
	int l = listener(PORT0 + 6, 2), fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = sin_of(local_addr, PORT0 + 6), z = sin_of(local_addr, PORT0 + 7);
	int r = connect(fd, SA(a), sizeof(a)), e = errno;

	test_check("tcptest_einprogress", r < 0 && e == EINPROGRESS && writable(fd, 3) &&
		   so_error(fd) == 0, "connect %d (%s), then not writable or SO_ERROR %d", r,
		   strerror(e), so_error(fd));
	test_errno("tcptest_eisconn", connect(fd, SA(a), sizeof(a)), EISCONN,
		   "connect on a connected socket");
	close(fd), close(l);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(fd, SA(z), sizeof(z));
	test_check("tcptest_so_error", r < 0 && writable(fd, 3) && so_error(fd) == ECONNREFUSED
		   && so_error(fd) == 0, "a refused non-blocking connect: SO_ERROR not "
		   "ECONNREFUSED once");
	close(fd);
}

/* EAGAIN: recv with nothing, accept with nobody, send with full buffers. */
static void
case_eagain(void)
{
	int l = listener(PORT0 + 8, 2), c, s, sent = 0;
	ssize_t r;

	fcntl(l, F_SETFL, O_NONBLOCK);
	test_errno("tcptest_eagain_accept", accept(l, NULL, NULL), EAGAIN,
		   "non-blocking accept with no connection");
	close(l);
	if (pair(PORT0 + 9, &c, &s) < 0) {
		test_fail("tcptest_eagain", "pair: %s", strerror(errno));
		return;
	}
	fcntl(c, F_SETFL, O_NONBLOCK);
	test_errno("tcptest_eagain_recv", (int)recv(c, buf, 10, 0), EAGAIN,
		   "non-blocking recv with nothing to read");
	while ((r = send(c, pat, sizeof(pat), 0)) > 0 && sent < (4 << 20))
		sent += (int)r;
	test_check("tcptest_eagain", r < 0 && errno == EAGAIN && sent > 0,
		   "send until full: %d bytes, then %s", sent, strerror(errno));
	close_pair(c, s);
}

/* alarm() interrupts a waiting accept and a waiting recv: EINTR. */
static void
case_eintr(void)
{
	int l = listener(PORT0 + 10, 2), c, s;

	catch(SIGALRM);
	alarm(1);
	test_errno("tcptest_eintr_accept", accept(l, NULL, NULL), EINTR,
		   "a signal interrupts a waiting accept");
	close(l);
	if (pair(PORT0 + 11, &c, &s) < 0) {
		test_fail("tcptest_eintr_recv", "pair: %s", strerror(errno));
		return;
	}
	alarm(1);
	test_errno("tcptest_eintr_recv", (int)recv(c, buf, 10, 0), EINTR,
		   "a signal interrupts a waiting recv");
	test_check("tcptest_after_eintr", write(s, "x", 1) == 1 && read(c, buf, 10) == 1,
		   "the socket works after EINTR");
	close_pair(c, s);
}

/* A send waiting for room, interrupted: the bytes it took so far (POSIX), not EINTR. */
static void
case_eintr_send(void)
{
	static uint8_t big[256 * 1024];
	int c, s;
	ssize_t r;

	if (pair(PORT0 + 20, &c, &s) < 0) {
		test_fail("tcptest_eintr_send", "pair: %s", strerror(errno));
		return;
	}
	catch(SIGALRM);
	alarm(1);
	r = send(c, big, sizeof(big), 0);
	test_check("tcptest_eintr_send", r > 0 && r < (ssize_t)sizeof(big),
		   "an interrupted send of %u bytes the peer does not read: %ld (%s)",
		   (unsigned int)sizeof(big), (long)r, r < 0 ? strerror(errno) : "");
	close_pair(c, s);
}

/* select on a listener: readable once a connection waits for accept. */
static void
case_select_accept(void)
{
	int l = listener(PORT0 + 21, 2), c = -1, ready;
	fd_set r;
	struct timeval tv = { 0, 0 };

	FD_ZERO(&r);
	FD_SET(l, &r);
	ready = select(l + 1, &r, NULL, NULL, &tv);
	if (ready == 0)
		c = connect_to(PORT0 + 21);
	FD_ZERO(&r);
	FD_SET(l, &r);
	tv.tv_sec = 2;
	test_check("tcptest_select_accept", ready == 0 && c >= 0 &&
		   select(l + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(l, &r),
		   "a listener is readable only with a connection to accept (first select %d)",
		   ready);
	close(c), close(l);
}

/* EPIPE and SIGPIPE after shutdown(SHUT_WR); ECONNRESET and EPIPE after a reset. */
static void
case_epipe(void)
{
	int c, s;

	if (pair(PORT0 + 12, &c, &s) < 0) {
		test_fail("tcptest_epipe", "pair: %s", strerror(errno));
		return;
	}
	catch(SIGPIPE);
	got_signal = 0;
	shutdown(c, SHUT_WR);
	test_errno("tcptest_epipe", (int)write(c, "x", 1), EPIPE, "write after SHUT_WR");
	test_check("tcptest_sigpipe", got_signal == SIGPIPE, "signal %d, want SIGPIPE",
		   got_signal);
	write(c, "unread", 6);                  /* fails: c is shut; s gets bytes below */
	write(s, "unread", 6);
	usleep(200000);
	close(c);                               /* unread data: RST */
	usleep(200000);
	test_errno("tcptest_econnreset", (int)read(s, buf, 10), ECONNRESET,
		   "read after the peer closed with unread data (RST)");
	test_expect("tcptest_eof_after_reset", (int)read(s, buf, 10), 0);
	test_errno("tcptest_epipe_reset", (int)send(s, "x", 1, MSG_NOSIGNAL), EPIPE,
		   "send after a reset");
	close(s);
}

static void
case_notconn(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	test_errno("tcptest_enotconn_send", (int)send(fd, "x", 1, 0), ENOTCONN,
		   "send on a socket never connected");
	test_errno("tcptest_enotconn_recv", (int)recv(fd, buf, 1, 0), ENOTCONN,
		   "recv on a socket never connected");
	test_errno("tcptest_enotconn_peer", getpeername(fd, SA(a), &len), ENOTCONN,
		   "getpeername on a socket never connected");
	test_errno("tcptest_enotconn_shutdown", shutdown(fd, SHUT_WR), ENOTCONN,
		   "shutdown of a socket never connected");
	close(fd);
}

/* Non-blocking connects beyond the backlog: only backlog of them complete unaccepted. */
static void
case_backlog(void)
{
	int l = listener(PORT0 + 13, 2), fds[5], done = 0, acc = 0, a;
	struct sockaddr_in to = sin_of(local_addr, PORT0 + 13);

	for (int i = 0; i < 5; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fds[i], SA(to), sizeof(to));
	}
	sleep(1);
	for (int i = 0; i < 5; i++)
		done += writable(fds[i], 0) && so_error(fds[i]) == 0;
	fcntl(l, F_SETFL, O_NONBLOCK);
	while ((a = accept(l, NULL, NULL)) >= 0)
		acc++, close(a);
	test_check("tcptest_backlog", done == 2 && acc == 2,
		   "backlog 2: %d connections completed, %d accepted", done, acc);
	for (int i = 0; i < 5; i++)
		close(fds[i]);
	close(l);
}

/* A connected socket inherited by fork: the child writes, the parent reads. */
static void
case_fork(void)
{
	int c, s, st = 0;
	pid_t pid;

	if (pair(PORT0 + 14, &c, &s) < 0) {
		test_fail("tcptest_fork", "pair: %s", strerror(errno));
		return;
	}
	if ((pid = fork()) == 0)
		_exit(write(c, "child!", 6) == 6 ? 0 : 1);
	waitpid(pid, &st, 0);
	test_check("tcptest_fork", st == 0 && read(s, buf, 16) == 6 &&
		   memcmp(buf, "child!", 6) == 0 && write(c, "p", 1) == 1 &&
		   read(s, buf, 16) == 1, "child %#x: %s", st, strerror(errno));
	close_pair(c, s);
}

/* read/write, dup: the socket lives until its last descriptor closes. */
static void
case_dup(void)
{
	int c, s, d;

	if (pair(PORT0 + 15, &c, &s) < 0) {
		test_fail("tcptest_dup", "pair: %s", strerror(errno));
		return;
	}
	d = dup(c);
	close(c);
	test_check("tcptest_dup", d >= 0 && write(d, "dup", 3) == 3 && read(s, buf, 8) == 3,
		   "write on a dup after closing the original: %s", strerror(errno));
	close(d);
	test_expect("tcptest_close_last", (int)read(s, buf, 8), 0);
	close(s);
}

/* select on a pipe and a socket: each is readable when it has data, not before. */
static void
case_select(void)
{
	int c, s, p[2], ok;
	fd_set r;
	struct timeval tv = { 2, 0 };

	if (pair(PORT0 + 16, &c, &s) < 0 || pipe(p) < 0) {
		test_fail("tcptest_select", "pair or pipe: %s", strerror(errno));
		return;
	}
	write(c, "x", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r), FD_SET(s, &r);
	ok = select((p[0] > s ? p[0] : s) + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(s, &r) &&
	     !FD_ISSET(p[0], &r);
	read(s, buf, 1);
	write(p[1], "y", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r), FD_SET(s, &r);
	tv.tv_sec = 2;
	ok = ok && select((p[0] > s ? p[0] : s) + 1, &r, NULL, NULL, &tv) == 1 &&
	     !FD_ISSET(s, &r) && FD_ISSET(p[0], &r);
	test_check("tcptest_select", ok, "select on a socket and a pipe");
	close(p[0]), close(p[1]);
	close_pair(c, s);
}

/* getsockname/getpeername of both ends agree. */
static void
case_names(void)
{
	struct sockaddr_in cn, cp, sn, sp;
	socklen_t l1 = sizeof(cn), l2 = sizeof(cp), l3 = sizeof(sn), l4 = sizeof(sp);
	int c, s;

	if (pair(PORT0 + 17, &c, &s) < 0) {
		test_fail("tcptest_names", "pair: %s", strerror(errno));
		return;
	}
	getsockname(c, SA(cn), &l1), getpeername(c, SA(cp), &l2);
	getsockname(s, SA(sn), &l3), getpeername(s, SA(sp), &l4);
	test_check("tcptest_names", cn.sin_port == sp.sin_port && cp.sin_port == sn.sin_port &&
		   ntohs(sn.sin_port) == PORT0 + 17 && ntohs(cn.sin_port) >= 49152 &&
		   cn.sin_addr.s_addr == sp.sin_addr.s_addr && ntohl(sn.sin_addr.s_addr) ==
		   local_addr, "client %x:%d peer %x:%d; server %x:%d peer %x:%d",
		   ntohl(cn.sin_addr.s_addr), ntohs(cn.sin_port), ntohl(cp.sin_addr.s_addr),
		   ntohs(cp.sin_port), ntohl(sn.sin_addr.s_addr), ntohs(sn.sin_port),
		   ntohl(sp.sin_addr.s_addr), ntohs(sp.sin_port));
	close_pair(c, s);
}

/* getsockopt of int option: the value, or -1000 - errno. */
static int
opt(int fd, int level, int name)
{
	int v = 0;
	socklen_t len = sizeof(v);

	return getsockopt(fd, level, name, &v, &len) < 0 ? -1000 - errno : v;
}

static void
case_options(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, small = 4096, huge = 1 << 24, c, s;

	test_expect("tcptest_so_type", opt(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	test_expect("tcptest_nodelay", opt(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	test_expect("tcptest_keepalive", opt(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	test_expect("tcptest_rcvbuf", opt(fd, SOL_SOCKET, SO_RCVBUF), 4096);
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &huge, sizeof(huge));
	test_expect("tcptest_sndbuf_bounded", opt(fd, SOL_SOCKET, SO_SNDBUF), 65535);
	test_errno("tcptest_enoprotoopt", setsockopt(fd, IPPROTO_TCP, 77, &one, sizeof(one)),
		   ENOPROTOOPT, "an unknown option");
	close(fd);
	if (pair(PORT0 + 18, &c, &s) == 0) {
		test_expect("tcptest_maxseg", opt(c, IPPROTO_TCP, TCP_MAXSEG), 1460);
		test_expect("tcptest_acceptconn", opt(c, SOL_SOCKET, SO_ACCEPTCONN), 0);
		close_pair(c, s);
	}
}

/* bind's and connect's address errors; a port below 1024 is root's. */
static void
case_addr_errors(void)
{
	struct sockaddr_in other = sin_of(0x0A090909, 0), zero = sin_of(local_addr, 0);
	struct sockaddr_in low = sin_of(INADDR_ANY, 81);
	int fd = socket(AF_INET, SOCK_STREAM, 0), st = -1;
	pid_t pid;

	test_errno("tcptest_eaddrnotavail", bind(fd, SA(other), sizeof(other)), EADDRNOTAVAIL,
		   "bind to an address that is not ours");
	test_errno("tcptest_connect_port0", connect(fd, SA(zero), sizeof(zero)), EADDRNOTAVAIL,
		   "connect to port 0");
	close(fd);
	if ((pid = fork()) == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		setuid(1000);
		_exit(bind(c, SA(low), sizeof(low)) < 0 && errno == EACCES ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	test_check("tcptest_eacces", st == 0, "bind to port 81 by uid 1000: child status %#x",
		   st);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	test_expect("tcptest_root_low", bind(fd, SA(low), sizeof(low)), 0);
	close(fd);
}

/* Connections with the largest buffers until inet's buffer memory runs out: ENOBUFS
 * (TCP_MEM_MAX), not a hang; after they close a connection works again. */
static void
case_memory(void)
{
	int l = socket(AF_INET, SOCK_STREAM, 0), big = 65535, small = 2048, c[12], s[12];
	int n = 0, e = 0;
	struct sockaddr_in to = sin_of(local_addr, PORT0 + 22);

	/* Small children (4 KiB), big clients (128 KiB): the clients run out first. */
	setsockopt(l, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	setsockopt(l, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	bind(l, SA(to), sizeof(to));
	listen(l, BACKLOG_MAX);

	for (; n < 12; n++) {
		if ((c[n] = socket(AF_INET, SOCK_STREAM, 0)) < 0) {
			e = errno;              /* out of control blocks: ENOBUFS as well */
			break;
		}
		setsockopt(c[n], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
		setsockopt(c[n], SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
		if (connect(c[n], SA(to), sizeof(to)) < 0) {
			e = errno;
			close(c[n]);
			break;
		}
		s[n] = accept(l, NULL, NULL);
	}
	test_check("tcptest_memory", e == ENOBUFS && n >= 4, "%d connections of 128 KiB, "
		   "then %s (want ENOBUFS)", n, strerror(e));
	while (n > 0)
		n--, close(c[n]), close(s[n]);
	close(l);
	test_check("tcptest_after_memory", pair(PORT0 + 23, c, s) == 0 && write(c[0], "m", 1) ==
		   1 && read(s[0], buf, 1) == 1, "a connection after the memory ran out: %s",
		   strerror(errno));
	close_pair(c[0], s[0]);
}

/* The child of case_limits: hold k sockets until the pipe closes. */
static int
hold(int k, int rd, int wr)
{
	int n = 0;

	while (n < k && socket(AF_INET, SOCK_STREAM, 0) >= 0)
		n++;
	write(wr, &n, sizeof(n));
	read(rd, &k, 1);
	return 0;
}

/* More sockets than inet's table (over two processes: OPEN_MAX is 32): ENOBUFS; after
 * they close, sockets and connections work again. */
static void
case_limits(void)
{
	int up[2], down[2], held = 0, n = 0, fds[32], e = 0, c, s;
	pid_t pid;

	pipe(up), pipe(down);
	if ((pid = fork()) == 0) {
		close(down[1]);
		_exit(hold(NR_TCP / 2, down[0], up[1]));
	}
	read(up[0], &held, sizeof(held));
	while (n < 28 && (fds[n] = socket(AF_INET, SOCK_STREAM, 0)) >= 0)
		n++;
	e = errno;
	test_check("tcptest_limit", n < 28 && e == ENOBUFS && held + n <= NR_TCP,
		   "%d + %d sockets, then %s (want ENOBUFS)", held, n, strerror(e));
	while (n > 0)
		close(fds[--n]);
	close(down[1]);
	waitpid(pid, NULL, 0);
	close(up[0]), close(up[1]), close(down[0]);
	test_check("tcptest_after_limit", pair(PORT0 + 19, &c, &s) == 0 && write(c, "z", 1) == 1
		   && read(s, buf, 1) == 1, "a connection after the limit: %s", strerror(errno));
	close_pair(c, s);
}

static void
local_cases(void)
{
	case_connect(), case_echo(), case_half_close(), case_zero_window();
	case_refused(), case_addrinuse(), case_inprogress(), case_eagain(), case_eintr();
	case_eintr_send(), case_epipe(), case_notconn(), case_backlog(), case_fork();
	case_dup(), case_select(), case_select_accept(), case_names(), case_options();
	case_addr_errors(), case_memory(), case_limits();
}

/* ---- the grader's modes --------------------------------------------------------------- */

/* Read a command line from fd into line (room n): its length, or -1. */
static int
read_line(int fd, char *line, int n)
{
	int k = 0;

	while (k < n - 1 && read(fd, line + k, 1) == 1 && line[k] != '\n')
		k++;
	line[k] = '\0';
	return k;
}

/* One connection of the server: 1 if it was "quit". */
static int
serve(int fd)
{
	char line[64];
	long n, bad;
	uint32_t sum;

	read_line(fd, line, sizeof(line));
	if (!strncmp(line, "send ", 5)) {
		n = atol(line + 5);
		printf("tcptest: server: sent %ld: %s\n", n,
		       send_pattern(fd, (size_t)n) == 0 ? "ok" : strerror(errno));
		shutdown(fd, SHUT_WR);
		read_all(fd, &sum, &bad);
	} else if (!strcmp(line, "recv")) {
		n = read_all(fd, &sum, &bad);
		printf("tcptest: server: got %ld bytes sum %08x bad %ld\n", n, sum, bad);
		snprintf(line, sizeof(line), "ok %ld %08x\n", n, sum);
		write_all(fd, line, strlen(line));
	} else if (!strcmp(line, "wait")) {
		n = read(fd, buf, sizeof(buf));
		printf("tcptest: server: recv: %ld %s\n", n, n < 0 ? strerror(errno) : "");
	}
	close(fd);
	return !strcmp(line, "quit");
}

static void
server(int port)
{
	int l, fd;

	local_addr = INADDR_ANY;
	if ((l = listener(port, 4)) < 0) {
		test_fail("tcptest_server", "listen: %s", strerror(errno));
		return;
	}
	printf("tcptest: server: listening on port %d\n", port);
	while ((fd = accept(l, NULL, NULL)) >= 0)
		if (serve(fd))
			break;
	close(l);
	test_check("tcptest_server", fd >= 0, "accept: %s", strerror(errno));
}

static void
client(const char *addr, int port, long n)
{
	struct sockaddr_in to = sin_of(0, port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), k;
	char answer[128];

	if (inet_pton(AF_INET, addr, &to.sin_addr) != 1 || connect(fd, SA(to), sizeof(to)) < 0) {
		test_fail("tcptest_send", "connect to %s:%d: %s", addr, port, strerror(errno));
		return;
	}
	k = send_pattern(fd, (size_t)n) == 0 && shutdown(fd, SHUT_WR) == 0;
	if (!k)
		printf("tcptest: send: %s\n", strerror(errno));
	k = k ? (int)read(fd, answer, sizeof(answer) - 1) : -1;
	answer[k > 0 ? k : 0] = '\0';
	printf("tcptest: send: %ld bytes sent, sum %08x; answer \"%s\"\n", n, pattern_sum(
	       (size_t)n), k > 0 ? strtok(answer, "\n") : (k == 0 ? "" : strerror(errno)));
	test_check("tcptest_send", k >= 0, "%s", strerror(errno));
	close(fd);
}

static void
keep(const char *addr, int port)
{
	struct sockaddr_in to = sin_of(0, port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, three = 3;
	ssize_t r;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &three, sizeof(three));
	if (inet_pton(AF_INET, addr, &to.sin_addr) != 1 || connect(fd, SA(to), sizeof(to)) < 0) {
		test_fail("tcptest_keep", "connect to %s:%d: %s", addr, port, strerror(errno));
		return;
	}
	r = recv(fd, buf, sizeof(buf), 0);
	printf("tcptest: keep: recv %ld %s\n", (long)r, r < 0 ? strerror(errno) : "");
	test_errno("tcptest_keep", (int)r, ETIMEDOUT, "keepalive probes unanswered");
	close(fd);
}

int
main(int argc, char **argv)
{
	const char *g;

	argc = test_init("tcptest", argc, argv);
	g = argc > 1 ? argv[1] : "local";
	if (!strcmp(g, "local")) {
		if (argc > 2 && inet_pton(AF_INET, argv[2], &local_addr) == 1)
			local_addr = ntohl(local_addr);
		local_cases();
	} else if (!strcmp(g, "server") && argc > 2) {
		server(atoi(argv[2]));
	} else if (!strcmp(g, "send") && argc > 4) {
		client(argv[2], atoi(argv[3]), atol(argv[4]));
	} else if (!strcmp(g, "keep") && argc > 3) {
		keep(argv[2], atoi(argv[3]));
	} else {
		printf("usage: tcptest local [ADDR] | server PORT | send ADDR PORT N | "
		       "keep ADDR PORT\n");
		return 2;
	}
	return test_done() != 0;
}
