/*
 * socket.c - the BSD socket calls as requests to VFS (minnow/vfs.h, VFS_SOCKET ..
 * VFS_SHUTDOWN; handouts/sockets.md): socket, bind, connect, listen, accept, accept4,
 * send, recv, sendto, recvfrom, sendmsg, recvmsg, shutdown, getsockname, getpeername,
 * setsockopt, getsockopt.
 *
 * VFS passes each to the socket's driver.  An address's length travels in and comes back
 * in an out field; a length pointer that cannot be read or written is EFAULT here (the
 * address itself is checked by the driver's copy).  sendmsg and recvmsg take one iovec
 * (not implemented: gathering several, EMSGSIZE; ancillary data is ignored and
 * msg_controllen comes back 0).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <minnow/vfs.h>
#include "libc_private.h"

/* Fill v with fd, buffer (buf, len), flags and mode. */
static void
fill(mess_vfs *v, int fd, const void *buf, size_t len, int flags, int mode)
{
	memset(v, 0, sizeof(*v));
	v->fd = fd;
	v->buf = (uint32_t)(uintptr_t)buf;
	v->len = (uint32_t)len;
	v->flags = flags;
	v->mode = mode;
}

/* A call with fd, buffer (buf, len), flags and mode. */
static int
sock_call(int type, int fd, const void *buf, size_t len, int flags, int mode, mess_vfs *v)
{
	fill(v, fd, buf, len, flags, mode);
	return __libc_vfs_call(type, v);
}

int
socket(int domain, int type, int protocol)
{
	mess_vfs v;

	memset(&v, 0, sizeof(v));
	v.mode = domain;
	v.flags = type;
	v.offset_lo = (uint32_t)protocol;
	return __libc_vfs_result(__libc_vfs_call(VFS_SOCKET, &v));
}

int
bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	mess_vfs v;

	return __libc_vfs_result(sock_call(VFS_BIND, fd, addr, len, 0, 0, &v));
}

int
connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	mess_vfs v;

	return __libc_vfs_result(sock_call(VFS_CONNECT, fd, addr, len, 0, 0, &v));
}

int
listen(int fd, int backlog)
{
	mess_vfs v;

	return __libc_vfs_result(sock_call(VFS_LISTEN, fd, NULL, 0, 0, backlog, &v));
}

int
shutdown(int fd, int how)
{
	mess_vfs v;

	return __libc_vfs_result(sock_call(VFS_SHUTDOWN, fd, NULL, 0, 0, how, &v));
}

/* The room *len says (0 for a NULL addr), or EFAULT (len unreadable: NULL). */
static int
room_of(const struct sockaddr *addr, const socklen_t *len, socklen_t *room)
{
	if (addr == NULL) {
		*room = 0;
		return OK;
	}
	if (len == NULL)
		return -EFAULT;
	*room = *len;
	return OK;
}

/* A call whose out offset_lo is an address's (or option's) length, stored in *len. */
static int
len_out_call(int type, int fd, void *buf, socklen_t *len, int flags, int mode)
{
	socklen_t room;
	mess_vfs v;
	int r;

	if ((r = room_of(buf, len, &room)) != OK)
		return __libc_vfs_result(r);
	if ((r = sock_call(type, fd, buf, room, flags, mode, &v)) >= 0 && len != NULL && buf)
		*len = v.offset_lo;
	return __libc_vfs_result(r);
}

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return len_out_call(VFS_ACCEPT, fd, addr, len, flags, 0);
}

int
accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

int
getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	if (addr == NULL)
		return __libc_vfs_result(-EFAULT);
	return len_out_call(VFS_GETSOCKNAME, fd, addr, len, 0, 0);
}

int
getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	if (addr == NULL)
		return __libc_vfs_result(-EFAULT);
	return len_out_call(VFS_GETPEERNAME, fd, addr, len, 0, 0);
}

int
getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	if (val == NULL || len == NULL)
		return __libc_vfs_result(-EFAULT);
	return len_out_call(VFS_GETSOCKOPT, fd, val, len, name, level);
}

int
setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	mess_vfs v;

	return __libc_vfs_result(sock_call(VFS_SETSOCKOPT, fd, val, len, name, level, &v));
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
       socklen_t tolen)
{
	mess_vfs v;

	fill(&v, fd, buf, len, flags, 0);
	v.name = (uint32_t)(uintptr_t)to;
	v.name_len = to != NULL ? tolen : 0;
	return __libc_vfs_result(__libc_vfs_call(VFS_SENDTO, &v));
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

/* recvfrom, with the out MSG_TRUNC in *rflags (may be NULL). */
static ssize_t
recv_call(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
	  socklen_t *fromlen, int *rflags)
{
	socklen_t room;
	mess_vfs v;
	int r;

	if ((r = room_of(from, fromlen, &room)) != OK)
		return __libc_vfs_result(r);
	fill(&v, fd, buf, len, flags, 0);
	v.name = (uint32_t)(uintptr_t)from;
	v.name_len = room;
	if ((r = __libc_vfs_call(VFS_RECVFROM, &v)) >= 0) {
		if (from != NULL)
			*fromlen = v.offset_lo;
		if (rflags != NULL)
			*rflags = v.offset_hi;
	}
	return __libc_vfs_result(r);
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
	 socklen_t *fromlen)
{
	return recv_call(fd, buf, len, flags, from, fromlen, NULL);
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	return recv_call(fd, buf, len, flags, NULL, NULL, NULL);
}

/* The one buffer of msg: OK, EMSGSIZE (more than one) or EINVAL (none). */
static int
one_iov(const struct msghdr *msg)
{
	if (msg == NULL)
		return -EFAULT;
	if (msg->msg_iovlen > 1)
		return -EMSGSIZE;
	if (msg->msg_iovlen < 1 || msg->msg_iov == NULL)
		return -EINVAL;
	return OK;
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
	int r;

	if ((r = one_iov(msg)) != OK)
		return __libc_vfs_result(r);
	return sendto(fd, msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len, flags,
		      msg->msg_name, msg->msg_namelen);
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
	int r;

	if ((r = one_iov(msg)) != OK)
		return __libc_vfs_result(r);
	msg->msg_controllen = 0;
	msg->msg_flags = 0;
	return recv_call(fd, msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len, flags,
			 msg->msg_name, &msg->msg_namelen, &msg->msg_flags);
}
