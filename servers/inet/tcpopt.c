/*
 * tcpopt.c - the socket options of TCP sockets (setsockopt/getsockopt through sock.c's
 * router; handouts/inet.md, "TCP sockets").
 *
 * SOL_SOCKET: SO_REUSEADDR, SO_KEEPALIVE (tcp_timer.c's keepalive), SO_SNDBUF and
 * SO_RCVBUF (cut to TCP_BUF_MIN..TCP_BUF_MAX; they take effect for a connection that has
 * not started yet: a started one keeps its buffers, EISCONN), SO_ERROR (read and
 * cleared), SO_TYPE and SO_ACCEPTCONN (read only).  IPPROTO_TCP: TCP_NODELAY (no Nagle,
 * tcp_out.c), TCP_MAXSEG (read only: the MSS we send), TCP_KEEPIDLE, TCP_KEEPINTVL and
 * TCP_KEEPCNT (1..TCP_KEEP_LIMIT).  Every value is an int; a shorter one is EINVAL, an
 * unknown option ENOPROTOOPT.
 *
 * Entry points: tcp_setsockopt(), tcp_getsockopt().
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <minnow/sockdriver.h>
#include "glo.h"
#include "proto.h"

#define TCP_KEEP_LIMIT  (24 * 3600)     /* the largest keepalive value taken */

/* Where int option (level, name) of t lives (NULL: not a settable one). */
static int *
int_option(struct tcb *t, int level, int name)
{
	if (level == SOL_SOCKET && name == SO_REUSEADDR)
		return &t->reuseaddr;
	if (level == SOL_SOCKET && name == SO_KEEPALIVE)
		return &t->keepalive;
	if (level == IPPROTO_TCP && name == TCP_NODELAY)
		return &t->nodelay;
	if (level == IPPROTO_TCP && name == TCP_KEEPIDLE)
		return &t->keepidle;
	if (level == IPPROTO_TCP && name == TCP_KEEPINTVL)
		return &t->keepintvl;
	if (level == IPPROTO_TCP && name == TCP_KEEPCNT)
		return &t->keepcnt;
	return NULL;
}

/* Set SO_SNDBUF or SO_RCVBUF of t to v. */
static int
set_buf(struct tcb *t, uint32_t *size, int v)
{
	if (t->snd.buf != NULL || (t->state != TCPS_CLOSED && t->state != TCPS_LISTEN))
		return -EISCONN;
	*size = v < TCP_BUF_MIN ? TCP_BUF_MIN : v > TCP_BUF_MAX ? TCP_BUF_MAX : (uint32_t)v;
	return OK;
}

int
tcp_setsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
	       socklen_t len)
{
	struct tcb *t = tcp_get(sock);
	int v, *p;

	if (t == NULL)
		return -EBADF;
	if (len < (socklen_t)sizeof(int))
		return -EINVAL;
	if (sockdriver_copyin(data, 0, &v, sizeof(v)) != OK)
		return -EFAULT;
	if (level == SOL_SOCKET && name == SO_SNDBUF)
		return set_buf(t, &t->sndbuf, v);
	if (level == SOL_SOCKET && name == SO_RCVBUF)
		return set_buf(t, &t->rcvbuf, v);
	if ((p = int_option(t, level, name)) == NULL)
		return -ENOPROTOOPT;
	if (p == &t->keepidle || p == &t->keepintvl || p == &t->keepcnt) {
		if (v < 1 || v > TCP_KEEP_LIMIT)
			return -EINVAL;
		*p = v;
	} else {
		*p = v != 0;
	}
	if (p == &t->keepalive || p == &t->keepidle)
		tcp_keep_reset(t);
	if (p == &t->nodelay && v)
		tcp_output(t);
	return OK;
}

/* The value of read-only or computed option (level, name) into *v: OK or ENOPROTOOPT. */
static int
get_other(struct tcb *t, int level, int name, int *v)
{
	if (level == SOL_SOCKET && name == SO_SNDBUF)
		*v = (int)t->sndbuf;
	else if (level == SOL_SOCKET && name == SO_RCVBUF)
		*v = (int)t->rcvbuf;
	else if (level == SOL_SOCKET && name == SO_ERROR)
		*v = t->error, t->error = 0;
	else if (level == SOL_SOCKET && name == SO_TYPE)
		*v = SOCK_STREAM;
	else if (level == SOL_SOCKET && name == SO_ACCEPTCONN)
		*v = t->state == TCPS_LISTEN;
	else if (level == IPPROTO_TCP && name == TCP_MAXSEG)
		*v = TCPS_SYNCED(t->state) ? t->mss : TCP_MSS;
	else
		return -ENOPROTOOPT;
	return OK;
}

int
tcp_getsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
	       socklen_t *len)
{
	struct tcb *t = tcp_get(sock);
	int v, *p, r;

	if (t == NULL)
		return -EBADF;
	if (*len < (socklen_t)sizeof(int))
		return -EINVAL;
	if ((p = int_option(t, level, name)) != NULL)
		v = *p;
	else if ((r = get_other(t, level, name, &v)) != OK)
		return r;
	*len = sizeof(int);
	return sockdriver_copyout(data, 0, &v, sizeof(v)) == OK ? OK : -EFAULT;
}
