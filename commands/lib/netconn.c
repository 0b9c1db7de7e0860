/*
 * netconn.c - connecting and binding sockets for nc and wget (netconn.h says what each
 * function takes).  Names go through getaddrinfo() (libc's netdb.c: numeric addresses,
 * /etc/hosts, no DNS); a connect's time limit is alarm(): SIGALRM, caught without
 * SA_RESTART, interrupts the waiting connect() with EINTR, reported as "timed out".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netdb.h>
#include <arpa/inet.h>
#include "netconn.h"

static void
on_alarm(int sig)
{
	(void)sig;		/* only to interrupt connect() */
}

/* Connect fd to ai's address within timeout seconds (0: none): 0, or -1 with errno. */
static int
connect_within(int fd, const struct addrinfo *ai, int timeout)
{
	struct sigaction sa, old;
	int r, e;

	if (timeout <= 0)
		return connect(fd, ai->ai_addr, ai->ai_addrlen);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	alarm((unsigned)timeout);
	r = connect(fd, ai->ai_addr, ai->ai_addrlen);
	e = errno;
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	errno = r < 0 && e == EINTR ? ETIMEDOUT : e;
	return r;
}

int
net_connect(const char *prog, const char *host, const char *port, int socktype,
	    int timeout, int *why)
{
	struct addrinfo hints, *res;
	char text[INET_ADDRSTRLEN];
	int fd, err;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = socktype;
	if ((err = getaddrinfo(host, port, &hints, &res)) != 0) {
		fprintf(stderr, "%s: %s port %s: %s\n", prog, host, port,
			err == EAI_NONAME ? "unknown host (not an address, not in /etc/hosts)"
					  : gai_strerror(err));
		if (why != NULL)
			*why = 0;
		return -1;
	}
	inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, text, sizeof(text));
	if ((fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol)) < 0 ||
	    connect_within(fd, res, timeout) < 0) {
		err = errno;
		fprintf(stderr, "%s: connect to %s port %d: %s\n", prog, text,
			ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port),
			err == ETIMEDOUT ? "timed out" : strerror(err));
		if (fd >= 0)
			close(fd);
		fd = -1;
		if (why != NULL)
			*why = err;
	}
	freeaddrinfo(res);
	return fd;
}

int
net_bind(const char *prog, const char *port, int socktype, int backlog)
{
	struct addrinfo hints, *res;
	int fd, one = 1, err;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = socktype;
	hints.ai_flags = AI_PASSIVE;
	if ((err = getaddrinfo(NULL, port, &hints, &res)) != 0) {
		fprintf(stderr, "%s: port %s: %s\n", prog, port, gai_strerror(err));
		return -1;
	}
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) < 0 ||
	    (socktype == SOCK_STREAM && listen(fd, backlog) < 0)) {
		fprintf(stderr, "%s: port %s: %s\n", prog, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

double
net_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
