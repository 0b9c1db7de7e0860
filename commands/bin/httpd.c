/*
 * httpd - a small static HTTP/1.1 server (handouts/netapps.md, "httpd").
 *
 *   httpd [-p port] [-r root] [-n children] [-t secs]
 *
 * Serves the files under root (default /www) on port (default 80) to any number of
 * clients: the parent accepts and forks one child per connection, at most `children`
 * (default 8) at once (the next accept waits for one to end).  A child reads requests on
 * its connection until the client closes it, asks for "Connection: close" (or speaks
 * HTTP/1.0 without "Connection: keep-alive"), or stays silent for -t seconds (default 10).
 * GET and HEAD only (others: 405 with Allow:).  The target's query is ignored, %XX is
 * decoded, a ".." segment is 403, a directory means its index.html, a missing file 404,
 * one that is not a regular readable file 403; a malformed request is 400 (and closes),
 * a target longer than 1023 bytes 414, a header line longer than 2047 bytes 431, a
 * version other than HTTP/1.x 505.  Every answer has Content-Length and Content-Type
 * (by the extension: commands/lib/http.c).  One line per request on stderr:
 *   httpd: ADDRESS:PORT "METHOD TARGET" STATUS BYTES
 * Exit status: 1 if the port or root cannot be used, 2 for bad usage; it never ends
 * otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include "../lib/http.h"
#include "../lib/netconn.h"

#define BUF_SIZE     65536
#define MAX_HEADERS  100
#define FULL_MAX     (HTTP_PATH_MAX + 256)      /* root and a path */

static const char *root = "/www";
static int idle_secs = 10;

/* One request as read: its line, the connection's fate, the status so far. */
struct request {
	struct request_line rl;
	int keep;               /* keep the connection after the answer */
	int status;             /* 0: fine so far, else the error status to answer */
};

static void
usage(void)
{
	fprintf(stderr, "usage: httpd [-p port] [-r root] [-n children] [-t secs]\n");
	exit(2);
}

/* Write the status line and headers: 0, or -1 if the client is gone. */
static int
send_head(int fd, int code, const char *type, long long len, int keep, const char *extra)
{
	char head[512];
	int n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\nServer: minnow-httpd\r\n"
			 "Content-Type: %s\r\nContent-Length: %lld\r\nConnection: %s\r\n%s\r\n",
			 code, http_reason(code), type, len, keep ? "keep-alive" : "close",
			 extra != NULL ? extra : "");

	return write_all(fd, head, (size_t)n);
}

/* An error answer with a short HTML body (none for HEAD): the body's length, or -1. */
static long long
send_error(int fd, int code, const struct request *rq)
{
	char body[160];
	int n = snprintf(body, sizeof(body), "<html><body><h1>%d %s</h1></body></html>\n",
			 code, http_reason(code));
	const char *allow = code == 405 ? "Allow: GET, HEAD\r\n" : NULL;

	if (send_head(fd, code, "text/html", n, rq->keep, allow) < 0)
		return -1;
	if (strcmp(rq->rl.method, "HEAD") == 0)
		return 0;
	return write_all(fd, body, (size_t)n) < 0 ? -1 : n;
}

/* The status that stat()'s or open()'s errno means. */
static int
status_of_errno(int e)
{
	if (e == ENOENT || e == ENOTDIR || e == ENAMETOOLONG)
		return 404;
	return e == EACCES ? 403 : 500;
}

/* Open the file path names under root (a directory: its index.html): the descriptor,
 * its name in full (FULL_MAX bytes) and *st, or -(the status to answer). */
static int
open_file(const char *path, char *full, struct stat *st)
{
	size_t n;
	int fd;

	n = (size_t)snprintf(full, FULL_MAX, "%s%s", root, path);
	if (stat(full, st) < 0)
		return -status_of_errno(errno);
	if (S_ISDIR(st->st_mode)) {
		snprintf(full + n, FULL_MAX - n, "%sindex.html",
			 full[n - 1] == '/' ? "" : "/");
		if (stat(full, st) < 0)
			return -status_of_errno(errno);
	}
	if (!S_ISREG(st->st_mode))
		return -403;
	if ((fd = open(full, O_RDONLY)) < 0)
		return -status_of_errno(errno);
	return fd;
}

/* Send the file of fd (st its status, name its name) unless HEAD: the bytes of the body, or -1. */
static long long
send_file(int sock, int fd, const struct stat *st, const char *name, const struct request *rq,
	  char *buf)
{
	long long sent = 0;
	ssize_t n;

	if (send_head(sock, 200, http_mime_type(name), (long long)st->st_size, rq->keep,
		      NULL) < 0)
		return -1;
	if (strcmp(rq->rl.method, "HEAD") == 0)
		return 0;
	while (sent < (long long)st->st_size && (n = read(fd, buf, BUF_SIZE)) > 0) {
		if (write_all(sock, buf, (size_t)n) < 0)
			return -1;
		sent += n;
	}
	return sent == (long long)st->st_size ? sent : -1;
}

/* One header line into *rq (its status set on a bad one). */
static void
take_header(char *line, struct request *rq, int *host_seen)
{
	char *name, *value;

	if (http_split_header(line, &name, &value) < 0) {
		rq->status = 400;
		return;
	}
	if (strcasecmp(name, "Host") == 0)
		*host_seen = 1;
	else if (strcasecmp(name, "Connection") == 0 && http_has_token(value, "close"))
		rq->keep = 0;
	else if (strcasecmp(name, "Connection") == 0 && http_has_token(value, "keep-alive"))
		rq->keep = 1;
	else if ((strcasecmp(name, "Content-Length") == 0 && strtol(value, NULL, 10) != 0) ||
		 strcasecmp(name, "Transfer-Encoding") == 0)
		rq->keep = 0;   /* a body this server does not read: close after */
}

/* Read one request's line and headers into *rq: 1, or 0 if the client closed first. */
static int
read_request(struct rbuf *rb, struct request *rq)
{
	char line[HTTP_LINE_MAX];
	int n, count = 0, host_seen = 0;

	memset(rq, 0, sizeof(*rq));
	strcpy(rq->rl.method, "-");
	strcpy(rq->rl.target, "-");
	while ((n = rbuf_line(rb, line, sizeof(line))) == 0)
		;               /* blank lines before a request are allowed */
	if (n == -1)
		return 0;
	rq->status = n == -2 ? 414 : http_parse_request_line(line, &rq->rl);
	if (rq->status != 0)
		return 1;
	rq->keep = rq->rl.minor >= 1;
	while ((n = rbuf_line(rb, line, sizeof(line))) > 0 && rq->status == 0)
		if (++count > MAX_HEADERS)
			rq->status = 431;
		else
			take_header(line, rq, &host_seen);
	if (n < 0 && rq->status == 0)
		rq->status = n == -2 ? 431 : 400;
	if (rq->status == 0 && rq->rl.minor >= 1 && !host_seen)
		rq->status = 400;
	return 1;
}

/* Answer rq: the status sent; *bytes the body's length (-1 if the client is gone). */
static int
answer(int sock, struct request *rq, char *buf, long long *bytes)
{
	char path[HTTP_PATH_MAX], full[FULL_MAX];
	struct stat st;
	int code = rq->status, fd;

	if (code == 0 && strcmp(rq->rl.method, "GET") != 0 && strcmp(rq->rl.method, "HEAD") != 0)
		code = 405;
	if (code == 0)
		code = http_safe_path(rq->rl.target, path, sizeof(path));
	if (code == 0 && (fd = open_file(path, full, &st)) < 0)
		code = -fd;
	if (code != 0) {
		if (rq->status != 0)
			rq->keep = 0;   /* after a malformed request the stream is lost */
		*bytes = send_error(sock, code, rq);
		return code;
	}
	*bytes = send_file(sock, fd, &st, full, rq, buf);
	close(fd);
	return 200;
}

/* Wait up to idle_secs for the next request when nothing is buffered: 1 if it came. */
static int
next_request_due(struct rbuf *rb)
{
	struct timeval tv = { idle_secs, 0 };
	fd_set rd;

	if (rb->pos < rb->len)
		return 1;
	FD_ZERO(&rd);
	FD_SET(rb->fd, &rd);
	return select(rb->fd + 1, &rd, NULL, NULL, &tv) > 0;
}

/* A child's work: every request on connection sock from peer. */
static void
serve(int sock, const char *peer)
{
	static struct rbuf rb;
	struct request rq;
	char *buf = malloc(BUF_SIZE);
	long long bytes;
	int code;

	rbuf_init(&rb, sock);
	while (buf != NULL && next_request_due(&rb) && read_request(&rb, &rq)) {
		code = answer(sock, &rq, buf, &bytes);
		fprintf(stderr, "httpd: %s \"%s %s\" %d %lld\n", peer, rq.rl.method,
			rq.rl.target, code, bytes);
		if (bytes < 0 || !rq.keep)
			break;
	}
	free(buf);
}

/* Reap ended children (waiting for one while `max` run): the number still running. */
static int
reap(int running, int max)
{
	while (running > 0 && waitpid(-1, NULL, running >= max ? 0 : WNOHANG) > 0)
		running--;
	return running;
}

/* Accept connections forever, a child for each (at most max at once). */
static void
accept_loop(int lfd, int max)
{
	struct sockaddr_in from;
	socklen_t len;
	char peer[32];
	int fd, running = 0;
	pid_t pid;

	for (;;) {
		running = reap(running, max);
		len = sizeof(from);
		if ((fd = accept(lfd, (struct sockaddr *)&from, &len)) < 0) {
			if (errno != EINTR)
				fprintf(stderr, "httpd: accept: %s\n", strerror(errno));
			continue;
		}
		snprintf(peer, sizeof(peer), "%s:%d", inet_ntoa(from.sin_addr), ntohs(from.sin_port));
		if ((pid = fork()) == 0) {
			int one = 1;

			close(lfd);
			/* the head and the body are two writes: without this, Nagle holds the
			 * body until the peer ACKs the head (slirp delays ACKs by ~200 ms) */
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			serve(fd, peer);
			_exit(0);
		}
		if (pid < 0)
			fprintf(stderr, "httpd: fork: %s (connection from %s dropped)\n",
				strerror(errno), peer);
		else
			running++;
		close(fd);
	}
}

int
main(int argc, char **argv)
{
	const char *port = "80";
	struct stat st;
	int c, max = 8, lfd;

	while ((c = getopt(argc, argv, "p:r:n:t:")) != -1) {
		switch (c) {
		case 'p': port = optarg; break;
		case 'r': root = optarg; break;
		case 'n': max = atoi(optarg); break;
		case 't': idle_secs = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind != argc || max < 1 || idle_secs < 1)
		usage();
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "httpd: %s: not a directory\n", root);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((lfd = net_bind("httpd", port, SOCK_STREAM, 16)) < 0)
		return 1;
	fprintf(stderr, "httpd: serving %s on port %s\n", root, port);
	accept_loop(lfd, max);
	return 0;
}
