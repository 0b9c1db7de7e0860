/*
 * netconn.h - the socket set-up nc and wget share (commands/lib/netconn.c): connect to a
 * host and port by getaddrinfo() with a time limit, or bind a local port, each saying
 * what went wrong on stderr in words ("unknown host", "Connection refused", "timed
 * out").  handouts/netapps.md, "nc".
 */
#ifndef COMMANDS_NETCONN_H
#define COMMANDS_NETCONN_H

#include <sys/socket.h>

/* A socket of socktype connected to host's port (a number or a service name), within
 * timeout seconds (0: no limit): its descriptor, or -1 after a message on stderr that
 * starts with prog; *why (if not NULL) gets errno or ETIMEDOUT, or 0 for a name that does
 * not resolve. */
int net_connect(const char *prog, const char *host, const char *port, int socktype,
		int timeout, int *why);
/* A socket of socktype bound to port on every local address (SO_REUSEADDR; a stream one
 * listening with backlog): its descriptor, or -1 after a message on stderr. */
int net_bind(const char *prog, const char *port, int socktype, int backlog);
/* The seconds since an arbitrary start, for rates and time limits. */
double net_now(void);

#endif /* COMMANDS_NETCONN_H */
