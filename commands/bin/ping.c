/*
 * ping - send ICMP echo requests (RFC 792) to a host and report the replies
 * (handouts/inet.md, "Raw sockets and ping").
 *
 * Usage: ping [-c count] [-i interval] [-s size] [-W timeout] host
 * host is a dotted quad (inet_pton; names are not looked up here).  Every interval
 * seconds (1; fractions allowed) an echo request with size data bytes (56; at most 8192)
 * goes out, count times (without -c: until interrupted).  Each reply prints a line with
 * its size, sender, icmp_seq, ttl and round-trip time in milliseconds; after the last
 * request ping waits up to timeout seconds (2) for the replies still out, then prints the
 * summary: transmitted, received, % loss and min/avg/max.  SIGINT ends it early, with the
 * summary.
 *
 * It speaks through a raw ICMP socket (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)), which
 * inet gives to root only: another user gets a message saying so.  A reply is one whose
 * IPv4 header is sound, is ICMP echo reply with a right checksum, and carries this
 * process's identifier (its pid) and a sequence number sent.
 *
 * Exit status: 0 if any reply came, 1 if none, 2 on bad arguments, an unknown host, or
 * a socket that cannot be had.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>

#define MAX_DATA        8192            /* inet's largest ICMP message, less its header */
#define ICMP_HDR        8
#define NR_SEQ          1024            /* send times remembered, by seq modulo */

static uint8_t out[ICMP_HDR + MAX_DATA], in[60 + ICMP_HDR + MAX_DATA + 64];
static double sent_at[NR_SEQ];          /* when each seq went out (ms); 0: answered */
static volatile sig_atomic_t stop;      /* SIGINT came */
static long transmitted, received;
static double rtt_min, rtt_max, rtt_sum;

static void
usage(void)
{
	fprintf(stderr, "usage: ping [-c count] [-i interval] [-s size] [-W timeout] host\n");
	exit(2);
}

static void
on_int(int sig)
{
	(void)sig;
	stop = 1;
}

/* Now, in milliseconds since boot. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The number in s (at least lo, at most hi), or usage. */
static double
number(const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "ping: bad number: %s\n", s);
		usage();
	}
	return v;
}

/* The Internet checksum (RFC 1071) of n bytes at p. */
static uint16_t
cksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | (i + 1 < n ? p[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Send echo request seq with size data bytes to to. */
static void
send_echo(int fd, const struct sockaddr_in *to, int id, int seq, size_t size)
{
	uint16_t sum;

	memset(out, 0, ICMP_HDR);
	out[0] = 8;
	out[4] = (uint8_t)(id >> 8), out[5] = (uint8_t)id;
	out[6] = (uint8_t)(seq >> 8), out[7] = (uint8_t)seq;
	for (size_t i = 0; i < size; i++)
		out[ICMP_HDR + i] = (uint8_t)i;
	sum = cksum(out, ICMP_HDR + size);
	out[2] = (uint8_t)(sum >> 8), out[3] = (uint8_t)sum;
	sent_at[seq % NR_SEQ] = now_ms();
	if (sendto(fd, out, ICMP_HDR + size, 0, (const struct sockaddr *)to, sizeof(*to)) < 0)
		printf("ping: sendto: %s\n", strerror(errno));
	else
		transmitted++;
}

/* A datagram of n bytes from the raw socket: print it if it is our echo reply. */
static void
take_reply(size_t n, uint32_t from, int id, int last_seq)
{
	size_t hl = (size_t)(in[0] & 15) * 4;
	const uint8_t *m = in + hl;
	int seq;
	double rtt;
	char addr[INET_ADDRSTRLEN];

	if (n < 20 || in[0] >> 4 != 4 || hl < 20 || n < hl + ICMP_HDR || in[9] != 1)
		return;
	if (m[0] != 0 || cksum(m, n - hl) != 0 || (m[4] << 8 | m[5]) != (id & 0xffff))
		return;
	seq = m[6] << 8 | m[7];
	if (seq > last_seq || sent_at[seq % NR_SEQ] == 0)
		return;		/* not ours, or a duplicate */
	rtt = now_ms() - sent_at[seq % NR_SEQ];
	sent_at[seq % NR_SEQ] = 0;
	received++;
	rtt_sum += rtt;
	rtt_min = received == 1 || rtt < rtt_min ? rtt : rtt_min;
	rtt_max = rtt > rtt_max ? rtt : rtt_max;
	from = htonl(from);
	inet_ntop(AF_INET, &from, addr, sizeof(addr));
	printf("%u bytes from %s: icmp_seq=%d ttl=%d time=%.1f ms\n", (unsigned)(n - hl),
	       addr, seq, in[8], rtt);
}

/* Take replies until the time until (ms) or a signal. */
static void
wait_replies(int fd, double until, int id, int last_seq)
{
	struct sockaddr_in from;
	socklen_t flen;
	struct timeval tv;
	fd_set rd;
	double left;
	ssize_t n;

	while (!stop && (left = until - now_ms()) > 0) {
		FD_ZERO(&rd);
		FD_SET(fd, &rd);
		tv.tv_sec = (long)(left / 1000);
		tv.tv_usec = (long)((left - tv.tv_sec * 1000.0) * 1000);
		if (select(fd + 1, &rd, NULL, NULL, &tv) <= 0)
			continue;
		flen = sizeof(from);
		n = recvfrom(fd, in, sizeof(in), 0, (struct sockaddr *)&from, &flen);
		if (n > 0)
			take_reply((size_t)n, ntohl(from.sin_addr.s_addr), id, last_seq);
	}
}

/* The summary; the exit status. */
static int
summary(const char *host)
{
	printf("--- %s ping statistics ---\n", host);
	printf("%ld packets transmitted, %ld packets received, %ld%% packet loss\n",
	       transmitted, received,
	       transmitted ? (transmitted - received) * 100 / transmitted : 0);
	if (received > 0)
		printf("round-trip min/avg/max = %.1f/%.1f/%.1f ms\n", rtt_min,
		       rtt_sum / received, rtt_max);
	return received > 0 ? 0 : 1;
}

/* A raw ICMP socket, or exit with why not. */
static int
raw_socket(void)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd >= 0)
		return fd;
	if (errno == EACCES || errno == EPERM)
		fprintf(stderr, "ping: raw sockets are root's only; run ping as root (%s)\n",
			strerror(errno));
	else
		fprintf(stderr, "ping: socket: %s (is inet running?)\n", strerror(errno));
	exit(2);
}

int
main(int argc, char **argv)
{
	long count = -1;
	double interval = 1.0, timeout = 2.0;
	size_t size = 56;
	struct sockaddr_in to;
	int c, fd, id = getpid() & 0xffff, seq;

	while ((c = getopt(argc, argv, "c:i:s:W:")) != -1) {
		switch (c) {
		case 'c': count = (long)number(optarg, 1, 1e9); break;
		case 'i': interval = number(optarg, 0.01, 3600); break;
		case 's': size = (size_t)number(optarg, 0, MAX_DATA); break;
		case 'W': timeout = number(optarg, 0, 3600); break;
		default: usage();
		}
	}
	if (optind != argc - 1)
		usage();
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	if (inet_pton(AF_INET, argv[optind], &to.sin_addr) != 1) {
		fprintf(stderr, "ping: unknown host %s (give a dotted quad: names are not "
			"looked up)\n", argv[optind]);
		return 2;
	}
	fd = raw_socket();
	signal(SIGINT, on_int);
	printf("PING %s: %u data bytes\n", argv[optind], (unsigned)size);
	for (seq = 0; !stop && (count < 0 || seq < count); seq++) {
		send_echo(fd, &to, id, seq & 0xffff, size);
		wait_replies(fd, now_ms() + 1000 * (count >= 0 && seq == count - 1 ? timeout :
						    interval), id, seq & 0xffff);
	}
	close(fd);
	return summary(argv[optind]);
}
