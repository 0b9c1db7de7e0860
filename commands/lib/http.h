/*
 * http.h - the pure HTTP/1.1 logic httpd and wget share (commands/lib/http.c): URLs, the
 * request line, header lines, the status line, chunked transfer coding, safe paths, file
 * types, and a buffered line reader over a descriptor.  No sockets here: the host unit test
 * tools/tests/test_http.py checks every function.  handouts/netapps.md, "httpd", "wget".
 */
#ifndef COMMANDS_HTTP_H
#define COMMANDS_HTTP_H

#include <stddef.h>
#include <sys/types.h>

#define HTTP_HOST_MAX   256     /* a URL's host part, with its NUL */
#define HTTP_PATH_MAX   1024    /* a request target or a URL's path, with its NUL */
#define HTTP_LINE_MAX   2048    /* a request or header line, with its NUL */

/* An http:// URL taken apart: host, port (decimal text, "80" by default), path ("/" if
 * none; the query stays on it). */
struct url {
	char host[HTTP_HOST_MAX];
	char port[8];
	char path[HTTP_PATH_MAX];
};

/* A request line "METHOD TARGET HTTP/1.x" taken apart. */
struct request_line {
	char method[16];
	char target[HTTP_PATH_MAX];
	int minor;              /* HTTP/1.minor: 0 or 1 */
};

/* The state of a chunked body's decoder (http_dechunk). */
struct dechunk {
	int state;              /* DC_* in http.c */
	unsigned long left;     /* bytes left in the current chunk, or its size so far */
	int digits;             /* hex digits of the size read */
	int done;               /* the last chunk and the trailer have been read */
	int error;              /* the body is not chunked coding */
};

/* A descriptor read through a buffer, for lines then raw bytes. */
struct rbuf {
	int fd;
	size_t pos, len;
	char buf[16384];
};

int http_parse_url(const char *s, struct url *u);
int http_parse_request_line(const char *line, struct request_line *rq);
int http_split_header(char *line, char **name, char **value);
int http_has_token(const char *value, const char *token);
int http_parse_status(const char *line, int *code, const char **reason);
int http_safe_path(const char *target, char *out, size_t size);
const char *http_mime_type(const char *path);
const char *http_reason(int code);
size_t http_dechunk(struct dechunk *d, char *buf, size_t n);
void rbuf_init(struct rbuf *rb, int fd);
int rbuf_line(struct rbuf *rb, char *line, size_t size);
ssize_t rbuf_read(struct rbuf *rb, char *out, size_t size);
int write_all(int fd, const void *buf, size_t n);

#endif /* COMMANDS_HTTP_H */
