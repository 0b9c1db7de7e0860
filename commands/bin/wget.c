/*
 * wget - fetch one URL over HTTP/1.1 to a file or standard output (handouts/netapps.md,
 * "wget").
 *
 *   wget [-q] [-O file | -O -] [-T secs] http://host[:port]/path
 *
 * Sends "GET path HTTP/1.1" with Host: and Connection: close, and reads the body the
 * response announces: Content-Length bytes, chunked transfer coding, or everything up to
 * the close.  Redirects (301, 302, 303, 307, 308 with Location:) are followed up to 5
 * times.  The file is -O's, else the path's last element, else index.html; -O - is
 * standard output.  Unless -q, a line on stderr at each tenth of a known length and a
 * summary with the rate.  -T limits the connect (default 30 s).  Exit status: 0; 1 when
 * the server answers other than 2xx (the message gives its status line), the connection
 * fails (the message says why: unknown host, refused, timed out) or the body is cut
 * short; 2 for a bad URL or usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../lib/http.h"
#include "../lib/netconn.h"

#define BUF_SIZE       65536
#define MAX_REDIRECTS  5

/* What the response's head said. */
struct response {
	int code;
	char reason[64];
	long long length;               /* Content-Length, -1: none */
	int chunked;
	char location[HTTP_PATH_MAX];   /* Location:, "" if none */
};

static int quiet;

static void
usage(void)
{
	fprintf(stderr, "usage: wget [-q] [-O file | -O -] [-T secs] http://host[:port]/path\n");
	exit(2);
}

/* The default file name: the path's last element (no query), else index.html. */
static void
default_name(const char *path, char *out, size_t size)
{
	size_t end = strcspn(path, "?"), start = end, n;
	const char *last;

	while (start > 0 && path[start - 1] != '/')
		start--;
	last = path + start;
	n = end - start;

	if (n == 0 || n >= size || (n <= 2 && strncmp(last, "..", n) == 0))
		snprintf(out, size, "index.html");
	else
		snprintf(out, size, "%.*s", (int)n, last);
}

/* Send the request for u on fd: 0, or -1 after a message. */
static int
send_request(int fd, const struct url *u)
{
	char req[HTTP_PATH_MAX + HTTP_HOST_MAX + 128];
	int n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s%s%s\r\n"
			 "User-Agent: minnow-wget/1.0\r\nAccept: */*\r\nConnection: close\r\n\r\n",
			 u->path, u->host, strcmp(u->port, "80") ? ":" : "",
			 strcmp(u->port, "80") ? u->port : "");

	if (write_all(fd, req, (size_t)n) < 0) {
		fprintf(stderr, "wget: sending the request: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* One header line into *r. */
static void
take_header(char *line, struct response *r)
{
	char *name, *value;

	if (http_split_header(line, &name, &value) < 0)
		return;
	if (strcasecmp(name, "Content-Length") == 0)
		r->length = strtoll(value, NULL, 10);
	else if (strcasecmp(name, "Transfer-Encoding") == 0)
		r->chunked = http_has_token(value, "chunked");
	else if (strcasecmp(name, "Location") == 0)
		snprintf(r->location, sizeof(r->location), "%s", value);
}

/* The status line and headers into *r: 0, or -1 after a message. */
static int
read_head(struct rbuf *rb, struct response *r)
{
	char line[HTTP_LINE_MAX];
	const char *reason;
	int n;

	memset(r, 0, sizeof(*r));
	r->length = -1;
	if ((n = rbuf_line(rb, line, sizeof(line))) < 0 ||
	    http_parse_status(line, &r->code, &reason) < 0) {
		fprintf(stderr, "wget: %s\n", n == -1 ? "the server closed without answering"
							: "not an HTTP response");
		return -1;
	}
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	while ((n = rbuf_line(rb, line, sizeof(line))) > 0)
		take_header(line, r);
	if (n < 0) {
		fprintf(stderr, "wget: the response's header is cut short or too long\n");
		return -1;
	}
	return 0;
}

/* A progress line each time another tenth of a known length (over 64 KiB) is in. */
static void
progress(long long got, long long total, int *tenth)
{
	int now = total > 0 ? (int)(got * 10 / total) : 0;

	if (quiet || total <= BUF_SIZE || now <= *tenth)
		return;
	*tenth = now;
	fprintf(stderr, "wget: %3d%% %lld of %lld bytes\n", now * 10, got, total);
}

/* Copy the body to out: the bytes written, or -1 after a message. */
static long long
copy_body(struct rbuf *rb, const struct response *r, int out, char *buf)
{
	struct dechunk d;
	long long got = 0, want = r->chunked ? -1 : r->length;
	size_t room;
	ssize_t n;
	int tenth = 0;

	memset(&d, 0, sizeof(d));
	while (want < 0 || got < want) {
		room = want < 0 || want - got > BUF_SIZE ? BUF_SIZE : (size_t)(want - got);
		if ((n = rbuf_read(rb, buf, room)) <= 0)
			break;
		if (r->chunked && ((n = (ssize_t)http_dechunk(&d, buf, (size_t)n)), d.error))
			break;
		if (write_all(out, buf, (size_t)n) < 0) {
			fprintf(stderr, "wget: writing: %s\n", strerror(errno));
			return -1;
		}
		got += n;
		progress(got, want, &tenth);
		if (r->chunked && d.done)
			return got;
	}
	if ((want >= 0 && got < want) || (r->chunked && !d.done)) {
		fprintf(stderr, "wget: the body is cut short after %lld bytes%s\n", got,
			d.error ? " (bad chunked coding)" : "");
		return -1;
	}
	return got;
}

/* Follow r's Location from u (an absolute http:// URL or a path on the same server):
 * 0, or -1 if it is neither. */
static int
redirect(struct url *u, const struct response *r)
{
	if (r->location[0] == '/')
		return snprintf(u->path, sizeof(u->path), "%s", r->location) <
			(int)sizeof(u->path) ? 0 : -1;
	return http_parse_url(r->location, u);
}

/* Connect and read the head for u, following redirects: the socket (its head in *r and
 * buffered in rb), or -1 after a message. */
static int
open_url(struct url *u, struct rbuf *rb, struct response *r, int timeout)
{
	int fd, hops;

	for (hops = 0; hops <= MAX_REDIRECTS; hops++) {
		if ((fd = net_connect("wget", u->host, u->port, SOCK_STREAM, timeout, NULL)) < 0)
			return -1;
		rbuf_init(rb, fd);
		if (send_request(fd, u) < 0 || read_head(rb, r) < 0) {
			close(fd);
			return -1;
		}
		if (r->code / 100 != 3 || r->location[0] == '\0')
			return fd;
		close(fd);
		if (redirect(u, r) < 0) {
			fprintf(stderr, "wget: bad redirect to '%s'\n", r->location);
			return -1;
		}
		if (!quiet)
			fprintf(stderr, "wget: %d: redirected to http://%s:%s%s\n", r->code, u->host,
				u->port, u->path);
	}
	fprintf(stderr, "wget: more than %d redirects\n", MAX_REDIRECTS);
	return -1;
}

/* Fetch u into the file name (or "-"): the exit status. */
static int
fetch(struct url *u, const char *name, int timeout)
{
	static struct rbuf rb;
	struct response r;
	char *buf = malloc(BUF_SIZE);
	double start = net_now();
	long long got = -1;
	int fd = buf != NULL ? open_url(u, &rb, &r, timeout) : -1, out = 1;

	if (fd >= 0 && r.code / 100 != 2)
		fprintf(stderr, "wget: http://%s:%s%s: %d %s\n", u->host, u->port, u->path,
			r.code, r.reason);
	else if (fd >= 0 && strcmp(name, "-") != 0 &&
		 (out = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		fprintf(stderr, "wget: %s: %s\n", name, strerror(errno));
	else if (fd >= 0)
		got = copy_body(&rb, &r, out, buf);
	if (got >= 0 && !quiet)
		fprintf(stderr, "wget: saved '%s': %lld bytes in %.1f s (%.0f KiB/s)\n",
			strcmp(name, "-") ? name : "(stdout)", got, net_now() - start,
			(double)got / 1024.0 / (net_now() - start + 1e-6));
	if (out > 1)
		close(out);
	if (fd >= 0)
		close(fd);
	free(buf);
	return got >= 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	static struct url u;
	char name[256];
	const char *out = NULL;
	int c, timeout = 30;

	while ((c = getopt(argc, argv, "qO:T:")) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'O': out = optarg; break;
		case 'T': timeout = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind != argc - 1)
		usage();
	if (http_parse_url(argv[optind], &u) < 0) {
		fprintf(stderr, "wget: bad URL '%s' (want http://host[:port]/path)\n",
			argv[optind]);
		usage();
	}
	default_name(u.path, name, sizeof(name));
	return fetch(&u, out != NULL ? out : name, timeout);
}
