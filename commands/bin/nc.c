/*
 * nc - netcat: copy standard input to a TCP or UDP peer and what the peer sends to standard
 * output (handouts/netapps.md, "nc").
 *
 *   nc [-uvzN] [-q secs] [-w secs] host port     connect (TCP; -u UDP)
 *   nc -l [-uvN] [-q secs] [-w secs] [-p] port   wait for one peer on port, then the same
 *
 * One loop select()s on standard input and the socket and moves up to 64 KiB per read
 * (UDP: one datagram of at most 1472 bytes per read, what fits one Ethernet frame).  At
 * the end of standard input a TCP nc shuts its sending side down (the peer reads end of
 * file) and goes on printing what the peer sends until the peer closes; it ends when both
 * directions are done.  -q secs quits that many seconds after the end of input instead
 * (-q 0 at once); -N is accepted for compatibility (the shutdown always happens).  UDP has no end of file: a UDP nc runs
 * until interrupted or -q.  -w secs limits the connect and any quiet spell.  -z only
 * probes that a TCP port accepts a connection.  -l: a TCP listener takes one connection;
 * a UDP one talks to whoever sent its first datagram.  Exit status: 0, 1 when a
 * connection or transfer failed (the message names why), 2 for bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "../lib/http.h"
#include "../lib/netconn.h"

#define BUF_SIZE   65536
#define UDP_CHUNK  1472

struct opts {
	int listen, udp, zero, verbose;
	int quit;               /* -q: seconds after the end of input, -1: wait for the peer */
	int wait;               /* -w: connect and quiet limit in seconds, 0: none */
	const char *host, *port;
};

static void
usage(void)
{
	fprintf(stderr, "usage: nc [-uvzN] [-q secs] [-w secs] host port\n"
		"       nc -l [-uvN] [-q secs] [-w secs] [-p] port\n");
	exit(2);
}

/* A decimal count of seconds from an option, or usage. */
static int
seconds(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 86400)
		usage();
	return (int)v;
}

static void
parse(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->quit = -1;
	while ((c = getopt(argc, argv, "lp:uq:Nw:zv")) != -1) {
		switch (c) {
		case 'l': o->listen = 1; break;
		case 'p': o->port = optarg; break;
		case 'u': o->udp = 1; break;
		case 'q': o->quit = seconds(optarg); break;
		case 'N': break;
		case 'w': o->wait = seconds(optarg); break;
		case 'z': o->zero = 1; break;
		case 'v': o->verbose = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (o->listen && o->port == NULL && argc == 1)
		o->port = argv[0];
	else if (!o->listen && o->port == NULL && argc == 2) {
		o->host = argv[0];
		o->port = argv[1];
	} else if (!(o->listen && o->port != NULL && argc == 0))
		usage();
	if (o->zero && (o->listen || o->udp))
		usage();
}

/* The select() time limit now: the -q countdown after the end of input, else -w, else
 * none (NULL). */
static struct timeval *
limit(const struct opts *o, double eof_at, struct timeval *tv)
{
	double left = -1;

	if (eof_at >= 0 && o->quit >= 0)
		left = o->quit - (net_now() - eof_at);
	if (o->wait > 0 && (left < 0 || o->wait < left))
		left = o->wait;
	if (eof_at >= 0 && o->quit >= 0 && left < 0)
		left = 0;
	if (left < 0)
		return NULL;
	tv->tv_sec = (long)left;
	tv->tv_usec = (long)((left - (double)tv->tv_sec) * 1e6);
	return tv;
}

/* Standard input to the socket: 0 at its end (shutting TCP's sending side), 1 after
 * sending, -1 on an error. */
static int
from_stdin(int sock, const struct opts *o, char *buf)
{
	ssize_t n = read(0, buf, o->udp ? UDP_CHUNK : BUF_SIZE);

	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0) {
		if (!o->udp)
			shutdown(sock, SHUT_WR);
		return 0;
	}
	if (write_all(sock, buf, (size_t)n) < 0) {
		fprintf(stderr, "nc: send: %s\n", strerror(errno));
		return -1;
	}
	return 1;
}

/* The socket to standard output: 0 when the peer closed (TCP; an empty UDP datagram is
 * no end), 1 after writing, -1 on an error. */
static int
to_stdout(int sock, const struct opts *o, char *buf)
{
	ssize_t n = recv(sock, buf, BUF_SIZE, 0);

	if (n < 0 && errno == EINTR)
		return 1;
	if (n < 0) {
		fprintf(stderr, "nc: receive: %s\n", strerror(errno));
		return -1;
	}
	if (n == 0)
		return o->udp ? 1 : 0;
	if (write_all(1, buf, (size_t)n) < 0) {
		fprintf(stderr, "nc: write: %s\n", strerror(errno));
		return -1;
	}
	return 1;
}

/* Copy both ways until both are done (standard input ended and the peer closed), -q runs
 * out, -w sees nothing, or an error: the exit status. */
static int
pump(int sock, const struct opts *o)
{
	char *buf = malloc(BUF_SIZE);
	int in_open = 1, net_open = 1, r = 0;
	double eof_at = -1;
	struct timeval tv;
	fd_set rd;

	if (buf == NULL) {
		fprintf(stderr, "nc: out of memory\n");
		return 1;
	}
	while (r >= 0 && (in_open || net_open)) {
		FD_ZERO(&rd);
		if (in_open)
			FD_SET(0, &rd);
		if (net_open)
			FD_SET(sock, &rd);
		if ((r = select(sock + 1, &rd, NULL, NULL, limit(o, eof_at, &tv))) == 0)
			break;          /* -q ran out, or -w saw nothing */
		if (r < 0) {
			r = errno == EINTR ? 0 : -1;
			continue;
		}
		if (in_open && FD_ISSET(0, &rd) && (r = from_stdin(sock, o, buf)) == 0) {
			in_open = 0;
			eof_at = net_now();
		}
		if (r >= 0 && net_open && FD_ISSET(sock, &rd) && (r = to_stdout(sock, o, buf)) == 0)
			net_open = 0;   /* the peer closed: standard input may still go out */
	}
	free(buf);
	return r < 0 ? 1 : 0;
}

/* Wait for the first datagram on a UDP socket, print it and talk to its sender: 0, -1. */
static int
udp_first_peer(int fd, const struct opts *o)
{
	char buf[UDP_CHUNK];
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);

	if (n < 0 || connect(fd, (struct sockaddr *)&from, len) < 0) {
		fprintf(stderr, "nc: udp: %s\n", strerror(errno));
		return -1;
	}
	if (o->verbose)
		fprintf(stderr, "nc: datagram from %s port %d\n", inet_ntoa(from.sin_addr),
			ntohs(from.sin_port));
	return write_all(1, buf, (size_t)n);
}

/* nc -l: the socket of the one peer, or -1 after a message. */
static int
listen_peer(const struct opts *o)
{
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	int lfd = net_bind("nc", o->port, o->udp ? SOCK_DGRAM : SOCK_STREAM, 1), fd;

	if (lfd >= 0 && o->verbose)
		fprintf(stderr, "nc: listening on port %s%s\n", o->port, o->udp ? " (udp)" : "");
	if (lfd < 0 || o->udp)
		return lfd < 0 || udp_first_peer(lfd, o) == 0 ? lfd : -1;
	do
		fd = accept(lfd, (struct sockaddr *)&from, &len);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		fprintf(stderr, "nc: accept: %s\n", strerror(errno));
	else if (o->verbose)
		fprintf(stderr, "nc: connection from %s port %d\n", inet_ntoa(from.sin_addr),
			ntohs(from.sin_port));
	close(lfd);
	return fd;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int fd, status;

	parse(argc, argv, &o);
	if (o.listen)
		fd = listen_peer(&o);
	else
		fd = net_connect("nc", o.host, o.port, o.udp ? SOCK_DGRAM : SOCK_STREAM, o.wait,
				 NULL);
	if (fd < 0)
		return 1;
	if (o.verbose && !o.listen)
		fprintf(stderr, "nc: connect to %s port %s (%s) succeeded\n", o.host, o.port,
			o.udp ? "udp" : "tcp");
	status = o.zero ? 0 : pump(fd, &o);
	close(fd);
	return status;
}
