/*
 * http.c - the pure HTTP/1.1 logic of httpd and wget (http.h says what each function
 * takes): parsing URLs, request lines, header lines and status lines (RFC 9112's
 * grammar, the subset both programs need), decoding chunked bodies in place, turning a
 * request target into a safe relative path, file types by extension, reason phrases, and
 * reading lines then raw bytes from a descriptor through one buffer.  Plain POSIX C:
 * tools/tests/test_http.py builds it for the host.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "http.h"

/* Copy [s, s+n) into out (size bytes) with a NUL: 0, or -1 if it does not fit. */
static int
copy_part(char *out, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* The port text s (decimal 1..65535, n characters) into out: 0, or -1. */
static int
url_port(const char *s, size_t n, char *out)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v == 0 || v > 65535)
		return -1;
	return copy_part(out, 8, s, n);
}

/* "http://host[:port][/path][?query][#fragment]" into *u: 0, or -1 if it is not one. */
int
http_parse_url(const char *s, struct url *u)
{
	size_t hn, i;
	const char *rest, *end;

	if (strncasecmp(s, "http://", 7) != 0)
		return -1;
	s += 7;
	for (hn = 0; s[hn] != '\0' && strchr(":/?#", s[hn]) == NULL; hn++)
		if (!isalnum((unsigned char)s[hn]) && s[hn] != '.' && s[hn] != '-')
			return -1;
	if (hn == 0 || copy_part(u->host, sizeof(u->host), s, hn) < 0)
		return -1;
	rest = s + hn;
	strcpy(u->port, "80");
	if (*rest == ':') {
		for (i = 1; isdigit((unsigned char)rest[i]); i++)
			;
		if (url_port(rest + 1, i - 1, u->port) < 0)
			return -1;
		rest += i;
	}
	end = rest + strcspn(rest, "#");
	for (i = 0; rest + i < end; i++)
		if ((unsigned char)rest[i] <= ' ' || rest[i] == 0x7f)
			return -1;
	if (*rest == '/')
		return copy_part(u->path, sizeof(u->path), rest, (size_t)(end - rest));
	if (*rest != '\0' && *rest != '?' && *rest != '#')
		return -1;
	u->path[0] = '/';
	return copy_part(u->path + 1, sizeof(u->path) - 1, rest, (size_t)(end - rest));
}

/* "METHOD TARGET HTTP/1.x" into *rq: 0, or the status to answer: 400 (malformed), 414
 * (the target too long), 505 (not HTTP/1.x). */
int
http_parse_request_line(const char *line, struct request_line *rq)
{
	size_t m, t;
	const char *target, *version;

	for (m = 0; line[m] >= 'A' && line[m] <= 'Z'; m++)
		;
	if (m == 0 || line[m] != ' ' || copy_part(rq->method, sizeof(rq->method), line, m) < 0)
		return 400;
	target = line + m + 1;
	for (t = 0; (unsigned char)target[t] > ' ' && target[t] != 0x7f; t++)
		;
	if (t == 0 || target[t] != ' ' || target[0] != '/')
		return 400;
	if (copy_part(rq->target, sizeof(rq->target), target, t) < 0)
		return 414;
	version = target + t + 1;
	if (strncmp(version, "HTTP/", 5) != 0 || !isdigit((unsigned char)version[5]) ||
	    version[6] != '.' || !isdigit((unsigned char)version[7]) || version[8] != '\0')
		return 400;
	if (version[5] != '1')
		return 505;
	rq->minor = version[7] - '0';
	return 0;
}

/* "Name: value" (line is changed): *name and *value (blanks trimmed) point into it; 0, or
 * -1 if it is no header line (no colon, an empty name, blanks or controls in the name). */
int
http_split_header(char *line, char **name, char **value)
{
	char *colon = strchr(line, ':'), *v, *end, *p;

	if (colon == NULL || colon == line)
		return -1;
	for (p = line; p < colon; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return -1;
	*colon = '\0';
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (end = v + strlen(v); end > v && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	*name = line;
	*value = v;
	return 0;
}

/* Does the comma-separated list value hold token (any case, blanks around)? */
int
http_has_token(const char *value, const char *token)
{
	size_t n = strlen(token), len;
	const char *p = value;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		len = strcspn(p, ",");
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == n && strncasecmp(p, token, n) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

/* "HTTP/1.x DDD reason": 0, *code and *reason (may be ""), or -1. */
int
http_parse_status(const char *line, int *code, const char **reason)
{
	if (strncmp(line, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)line[7]) ||
	    line[8] != ' ')
		return -1;
	line += 9;
	if (!isdigit((unsigned char)line[0]) || !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) || (line[3] != ' ' && line[3] != '\0'))
		return -1;
	*code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
	if (*code < 100)
		return -1;
	*reason = line[3] == ' ' ? line + 4 : line + 3;
	return 0;
}

/* The value of hex digit c, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A request target to the path it names (without query, %XX decoded) in out: 0, or 400
 * (bad escape, NUL, not absolute), 403 (a ".." segment), 414 (longer than size). */
int
http_safe_path(const char *target, char *out, size_t size)
{
	size_t n = 0;
	const char *p, *seg;
	int hi, lo;

	if (*target != '/')
		return 400;
	for (p = target; *p != '\0' && *p != '?' && *p != '#'; p++) {
		char c = *p;

		if (c == '%') {
			if ((hi = hexval(p[1])) < 0 || (lo = hexval(p[2])) < 0 || hi + lo == 0)
				return 400;
			c = (char)(hi * 16 + lo);
			p += 2;
		}
		if (n + 1 >= size)
			return 414;
		out[n++] = c;
	}
	out[n] = '\0';
	for (seg = out; seg != NULL; seg = strchr(seg + 1, '/'))
		if (strncmp(seg, "/..", 3) == 0 && (seg[3] == '/' || seg[3] == '\0'))
			return 403;
	return 0;
}

/* The Content-Type of a file by its extension (application/octet-stream if unknown). */
const char *
http_mime_type(const char *path)
{
	static const char *const types[][2] = {
		{ "html", "text/html" }, { "htm", "text/html" }, { "txt", "text/plain" },
		{ "css", "text/css" }, { "js", "text/javascript" }, { "json", "application/json" },
		{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
		{ "gif", "image/gif" }, { "svg", "image/svg+xml" }, { "pdf", "application/pdf" },
		{ "md", "text/markdown" }, { "c", "text/plain" }, { "h", "text/plain" },
	};
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t i;

	if (dot != NULL && (slash == NULL || dot > slash))
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot + 1, types[i][0]) == 0)
				return types[i][1];
	return "application/octet-stream";
}

/* The reason phrase of status code. */
const char *
http_reason(int code)
{
	switch (code) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default:  return "Unknown";
	}
}

/* The decoder's states: the size's digits, its extension, the LF after it, the data, the
 * CR and LF after it, a trailer line's start and rest, the final LF, the end. */
enum { DC_SIZE, DC_EXT, DC_SIZE_LF, DC_DATA, DC_DATA_CR, DC_DATA_LF, DC_TRAILER,
       DC_TRAILER_LINE, DC_END_LF, DC_DONE };

/* The size line ended: on to the data, or to the trailer after the last chunk. */
static void
size_read(struct dechunk *d)
{
	d->state = d->left == 0 ? DC_TRAILER : DC_DATA;
}

/* The data's line ended: the next chunk's size comes. */
static void
next_chunk(struct dechunk *d)
{
	d->state = DC_SIZE;
	d->left = 0;
	d->digits = 0;
}

/* One byte c outside the data (never DC_DATA): the next state, d->error on bad input. */
static void
dechunk_byte(struct dechunk *d, char c)
{
	int v = hexval((unsigned char)c);

	switch (d->state) {
	case DC_SIZE:
		if (v >= 0 && d->digits < 8) {
			d->left = d->left * 16 + (unsigned long)v;
			d->digits++;
		} else if (d->digits > 0 && (c == ';' || c == ' ' || c == '\t')) {
			d->state = DC_EXT;
		} else if (d->digits > 0 && c == '\r') {
			d->state = DC_SIZE_LF;
		} else if (d->digits > 0 && c == '\n') {
			size_read(d);
		} else {
			d->error = 1;
		}
		break;
	case DC_EXT:
		if (c == '\r')
			d->state = DC_SIZE_LF;
		else if (c == '\n')
			size_read(d);
		break;
	case DC_SIZE_LF:
		if (c == '\n')
			size_read(d);
		else
			d->error = 1;
		break;
	default:
		break;
	}
}

/* The bytes after the data and the trailer's lines (dechunk_byte's other states). */
static void
dechunk_tail(struct dechunk *d, char c)
{
	switch (d->state) {
	case DC_DATA_CR:        /* CR LF after the data; a bare LF is taken too */
		if (c == '\r')
			d->state = DC_DATA_LF;
		else if (c == '\n')
			next_chunk(d);
		else
			d->error = 1;
		break;
	case DC_DATA_LF:
		if (c == '\n')
			next_chunk(d);
		else
			d->error = 1;
		break;
	case DC_TRAILER:
		d->state = c == '\r' ? DC_END_LF : c == '\n' ? DC_DONE : DC_TRAILER_LINE;
		break;
	case DC_TRAILER_LINE:
		if (c == '\n')
			d->state = DC_TRAILER;
		break;
	case DC_END_LF:
		if (c == '\n')
			d->state = DC_DONE;
		else
			d->error = 1;
		break;
	default:
		dechunk_byte(d, c);
	}
}

/* Decode n bytes of a chunked body in buf in place: the count of data bytes now at buf's
 * start.  d->done once the last chunk and trailer are read (bytes after them are not
 * data), d->error on a malformed body (decoding stops). */
size_t
http_dechunk(struct dechunk *d, char *buf, size_t n)
{
	size_t in = 0, out = 0, k;

	while (in < n && !d->error && d->state != DC_DONE) {
		if (d->state == DC_DATA) {
			k = n - in < d->left ? n - in : d->left;
			memmove(buf + out, buf + in, k);
			in += k;
			out += k;
			if ((d->left -= k) == 0)
				d->state = DC_DATA_CR;
			continue;
		}
		dechunk_tail(d, buf[in++]);
	}
	d->done = d->state == DC_DONE;
	return out;
}

void
rbuf_init(struct rbuf *rb, int fd)
{
	rb->fd = fd;
	rb->pos = rb->len = 0;
}

/* Refill rb's empty buffer: the bytes read, 0 at the end, -1 on an error. */
static ssize_t
rbuf_fill(struct rbuf *rb)
{
	ssize_t r;

	do
		r = read(rb->fd, rb->buf, sizeof(rb->buf));
	while (r < 0 && errno == EINTR);
	rb->pos = 0;
	rb->len = r > 0 ? (size_t)r : 0;
	return r;
}

/* The next line (up to LF, without CR LF) into line (size bytes): its length, -1 at the
 * end of input (or an error) before any byte, -2 if longer than size - 1 (the rest of
 * the line is left unread). */
int
rbuf_line(struct rbuf *rb, char *line, size_t size)
{
	size_t n = 0;
	char c;

	for (;;) {
		if (rb->pos == rb->len && rbuf_fill(rb) <= 0) {
			if (n == 0)
				return -1;
			break;
		}
		if ((c = rb->buf[rb->pos++]) == '\n')
			break;
		if (n + 1 >= size)
			return -2;
		line[n++] = c;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return (int)n;
}

/* Up to size bytes: the buffer's first, else one read() straight into out. */
ssize_t
rbuf_read(struct rbuf *rb, char *out, size_t size)
{
	ssize_t r;
	size_t k;

	if (rb->pos < rb->len) {
		k = rb->len - rb->pos < size ? rb->len - rb->pos : size;
		memcpy(out, rb->buf + rb->pos, k);
		rb->pos += k;
		return (ssize_t)k;
	}
	do
		r = read(rb->fd, out, size);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Write all n bytes (again after short writes and EINTR): 0, or -1 with errno. */
int
write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}
