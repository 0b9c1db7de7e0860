/*
 * http_harness.c - host harness of tools/tests/test_netapps.py: commands/lib/http.c (the
 * HTTP logic of httpd and wget) on good and bad URLs, request lines, header lines and status
 * lines, targets with "..", escapes and queries, file types, chunked bodies fed whole and a
 * byte at a time (and malformed ones), and line reading through a pipe.  Prints "ok <what>"
 * for each check that holds and "FAIL <what>" for each that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../commands/lib/http.h"

static void
check(int cond, const char *what)
{
	printf("%s %s\n", cond ? "ok" : "FAIL", what);
}

static int
url_is(const char *s, const char *host, const char *port, const char *path)
{
	struct url u;

	return http_parse_url(s, &u) == 0 && strcmp(u.host, host) == 0 &&
	       strcmp(u.port, port) == 0 && strcmp(u.path, path) == 0;
}

static void
urls(void)
{
	static const char *bad[] = { "ftp://x/", "http://", "http:///x", "http://a b/",
		"http://x:/", "http://x:0/", "http://x:65536/", "http://x:12a/", "http://x/a b",
		"http://x_y/", "x", "" };
	char name[64];
	size_t i;

	check(url_is("http://10.0.2.2:8080/a/b.bin", "10.0.2.2", "8080", "/a/b.bin"), "url port");
	check(url_is("http://localhost", "localhost", "80", "/"), "url no path");
	check(url_is("HTTP://Host.example/x?y=1#frag", "Host.example", "80", "/x?y=1"),
	      "url query kept, fragment dropped");
	check(url_is("http://h?q", "h", "80", "/?q"), "url query without path");
	check(url_is("http://h:65535/", "h", "65535", "/"), "url largest port");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct url u;

		snprintf(name, sizeof(name), "url bad '%s'", bad[i]);
		check(http_parse_url(bad[i], &u) == -1, name);
	}
}

static int
rq_is(const char *line, int status, const char *method, const char *target, int minor)
{
	struct request_line rq;
	int s = http_parse_request_line(line, &rq);

	return s == status && (s != 0 || (strcmp(rq.method, method) == 0 &&
					  strcmp(rq.target, target) == 0 && rq.minor == minor));
}

static void
request_lines(void)
{
	char longline[HTTP_PATH_MAX + 32];

	check(rq_is("GET / HTTP/1.1", 0, "GET", "/", 1), "request GET 1.1");
	check(rq_is("HEAD /a?b HTTP/1.0", 0, "HEAD", "/a?b", 0), "request HEAD 1.0");
	check(rq_is("DELETE /x HTTP/1.1", 0, "DELETE", "/x", 1), "request other method parses");
	check(rq_is("get / HTTP/1.1", 400, 0, 0, 0), "request lower-case method");
	check(rq_is("GET /", 400, 0, 0, 0), "request HTTP/0.9 form");
	check(rq_is("GET  / HTTP/1.1", 400, 0, 0, 0), "request two spaces");
	check(rq_is("GET x HTTP/1.1", 400, 0, 0, 0), "request relative target");
	check(rq_is("GET / HTTP/1.1 ", 400, 0, 0, 0), "request trailing space");
	check(rq_is("GET / HTTP/2.0", 505, 0, 0, 0), "request HTTP/2.0");
	check(rq_is("garbage", 400, 0, 0, 0), "request garbage");
	check(rq_is("", 400, 0, 0, 0), "request empty");
	memset(longline, 'a', sizeof(longline));
	memcpy(longline, "GET /", 5);
	strcpy(longline + HTTP_PATH_MAX + 8, " HTTP/1.1");
	check(rq_is(longline, 414, 0, 0, 0), "request target too long");
}

static void
headers(void)
{
	char l1[] = "Content-Length:  42 \t", l2[] = "Bad Name: x", l3[] = "NoColon",
	     l4[] = ": empty", l5[] = "X:";
	char *n, *v;

	check(http_split_header(l1, &n, &v) == 0 && !strcmp(n, "Content-Length") &&
	      !strcmp(v, "42"), "header trimmed");
	check(http_split_header(l2, &n, &v) == -1, "header space in name");
	check(http_split_header(l3, &n, &v) == -1, "header no colon");
	check(http_split_header(l4, &n, &v) == -1, "header empty name");
	check(http_split_header(l5, &n, &v) == 0 && !strcmp(v, ""), "header empty value");
	check(http_has_token("Keep-Alive, Upgrade", "keep-alive"), "token first");
	check(http_has_token("a ,  close ", "close"), "token blanks");
	check(!http_has_token("closed", "close"), "token not a prefix");
	check(!http_has_token("", "close"), "token empty list");
}

static void
statuses(void)
{
	const char *reason;
	int code = 0;

	check(http_parse_status("HTTP/1.1 404 Not Found", &code, &reason) == 0 && code == 404 &&
	      !strcmp(reason, "Not Found"), "status 404");
	check(http_parse_status("HTTP/1.0 200", &code, &reason) == 0 && code == 200 &&
	      !strcmp(reason, ""), "status no reason");
	check(http_parse_status("HTTP/1.1 20 OK", &code, &reason) == -1, "status two digits");
	check(http_parse_status("HTTP/2 200 OK", &code, &reason) == -1, "status HTTP/2");
	check(http_parse_status("ICY 200 OK", &code, &reason) == -1, "status not HTTP");
	check(!strcmp(http_reason(414), "URI Too Long") && !strcmp(http_reason(999), "Unknown"),
	      "reason phrases");
}

static int
path_is(const char *target, int status, const char *want)
{
	char out[64];
	int s = http_safe_path(target, out, sizeof(out));

	return s == status && (s != 0 || strcmp(out, want) == 0);
}

static void
paths(void)
{
	check(path_is("/a/b.txt?x=../..", 0, "/a/b.txt"), "path query dropped");
	check(path_is("/a%20b%2Fc", 0, "/a b/c"), "path escapes decoded");
	check(path_is("/..", 403, 0), "path /..");
	check(path_is("/a/../../etc/passwd", 403, 0), "path a/../..");
	check(path_is("/%2e%2e/x", 403, 0), "path escaped ..");
	check(path_is("/a/..", 403, 0), "path trailing ..");
	check(path_is("/..a/b..", 0, "/..a/b.."), "path dots inside names");
	check(path_is("/a%00b", 400, 0), "path %00");
	check(path_is("/a%zz", 400, 0), "path bad escape");
	check(path_is("/a%4", 400, 0), "path short escape");
	check(path_is("a", 400, 0), "path relative");
	check(path_is("/0123456789012345678901234567890123456789012345678901234567890123456789",
		      414, 0), "path too long");
	check(!strcmp(http_mime_type("/x/INDEX.HTML"), "text/html") &&
	      !strcmp(http_mime_type("/a.b/c"), "application/octet-stream") &&
	      !strcmp(http_mime_type("/s.css"), "text/css") &&
	      !strcmp(http_mime_type("/d.bin"), "application/octet-stream"), "file types");
}

/* Decode body whole (step 0) or in pieces of step bytes: 1 if the data is want and the
 * decoder is done without error. */
static int
dechunk_is(const char *body, size_t step, const char *want, int error)
{
	struct dechunk d;
	char buf[256], out[256];
	size_t n = strlen(body), pos = 0, k, got = 0;

	memset(&d, 0, sizeof(d));
	while (pos < n && !d.done && !d.error) {
		k = step == 0 || n - pos < step ? n - pos : step;
		memcpy(buf, body + pos, k);
		k = http_dechunk(&d, buf, k);
		memcpy(out + got, buf, k);
		got += k;
		pos += step == 0 ? n : step;
	}
	if (error)
		return d.error;
	return !d.error && d.done && got == strlen(want) && memcmp(out, want, got) == 0;
}

static void
chunks(void)
{
	const char *body = "5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nT: x\r\n\r\nEXTRA";
	size_t step;
	int all = 1;

	check(dechunk_is(body, 0, "hello 0123456789", 0), "chunked whole");
	for (step = 1; step < 12; step++)
		all &= dechunk_is(body, step, "hello 0123456789", 0);
	check(all, "chunked in pieces of 1..11 bytes");
	check(dechunk_is("0\r\n\r\n", 1, "", 0), "chunked empty body");
	check(dechunk_is("3\nabc\n0\n\n", 0, "abc", 0), "chunked bare LF");
	check(dechunk_is("x\r\n", 0, 0, 1), "chunked size not hex");
	check(dechunk_is("3\r\nabcd\r\n", 0, 0, 1), "chunked data longer than size");
	check(dechunk_is("123456789\r\n", 0, 0, 1), "chunked size too large");
	check(dechunk_is("\r\n", 0, 0, 1), "chunked no size");
}

static void
lines(void)
{
	static struct rbuf rb;
	char line[16], rest[64];
	int fds[2];
	ssize_t r;
	const char *in = "GET / HTTP/1.1\r\nHost: x\r\n\r\nabcdefghijklmnopqrstuvwxyz!tail";

	if (pipe(fds) < 0)
		return;
	(void)!write(fds[1], in, strlen(in));
	close(fds[1]);
	rbuf_init(&rb, fds[0]);
	check(rbuf_line(&rb, line, sizeof(line)) == 14 && !strcmp(line, "GET / HTTP/1.1"),
	      "line CRLF stripped");
	check(rbuf_line(&rb, line, sizeof(line)) == 7 && !strcmp(line, "Host: x"), "line two");
	check(rbuf_line(&rb, line, sizeof(line)) == 0, "line empty");
	check(rbuf_line(&rb, line, sizeof(line)) == -2, "line too long");
	r = rbuf_read(&rb, rest, sizeof(rest));
	check(r == 15 && !memcmp(rest, "qrstuvwxyz!tail", 15), "raw bytes after the long line");
	check(rbuf_line(&rb, line, sizeof(line)) == -1, "line at the end");
	close(fds[0]);
}

int
main(void)
{
	urls();
	request_lines();
	headers();
	statuses();
	paths();
	chunks();
	lines();
	return 0;
}
