/**
 * @file socket.h
 * @brief BSD sockets: addresses, the socket calls, their flags and options
 * (handouts/sockets.md).
 *
 * A socket is a file descriptor: read, write, close, dup, fork, select and fcntl(O_NONBLOCK)
 * work on it.  VFS passes each call to the socket driver of the socket's domain (inet for
 * AF_INET); a domain no driver serves is EAFNOSUPPORT, a descriptor that is no socket
 * ENOTSOCK.  Addresses have no length byte (no sa_len): their length is the socklen_t the
 * caller passes.
 */
#ifndef _POSIX_SYS_SOCKET_H
#define _POSIX_SYS_SOCKET_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

typedef uint32_t socklen_t;             /**< the length of a socket address */
typedef uint16_t sa_family_t;           /**< an address family (AF_*) */

/** Every socket address starts with its family. */
struct sockaddr {
	sa_family_t sa_family;          /**< AF_* */
	char sa_data[14];               /**< the family's address */
};

/** Room for any socket address. */
struct sockaddr_storage {
	sa_family_t ss_family;          /**< AF_* */
	char ss_data[126];              /**< the family's address, padded */
};

/** A message for sendmsg() and recvmsg(). */
struct msghdr {
	void *msg_name;                 /**< the address (sendmsg) or room for it (recvmsg) */
	socklen_t msg_namelen;          /**< its length, or the room; out: the length */
	struct iovec *msg_iov;          /**< the data: one buffer (more: EMSGSIZE) */
	int msg_iovlen;                 /**< buffers in msg_iov (1) */
	void *msg_control;              /**< ancillary data: not implemented (ignored) */
	socklen_t msg_controllen;       /**< its length; out: 0 */
	int msg_flags;                  /**< out recvmsg: MSG_TRUNC */
};

/* Address families and protocol families (the same numbers). */
#define AF_UNSPEC       0       /**< unspecified */
#define AF_UNIX         1       /**< local (no driver in Minnow) */
#define AF_LOCAL        AF_UNIX /**< the same */
#define AF_INET         2       /**< IPv4 (inet) */
#define AF_INET6        24      /**< IPv6 (no driver in Minnow) */
#define AF_MAX          32      /**< one past the last family VFS maps */
#define PF_UNSPEC       AF_UNSPEC       /**< unspecified */
#define PF_UNIX         AF_UNIX         /**< local */
#define PF_LOCAL        AF_LOCAL        /**< local */
#define PF_INET         AF_INET         /**< IPv4 */
#define PF_INET6        AF_INET6        /**< IPv6 */

/* Socket types, and the flags socket() and accept4() take with them. */
#define SOCK_STREAM     1       /**< a connection, a byte stream (TCP) */
#define SOCK_DGRAM      2       /**< datagrams (UDP) */
#define SOCK_RAW        3       /**< raw protocol access */
#define SOCK_SEQPACKET  5       /**< a connection of records */
#define SOCK_CLOEXEC    0x10000000      /**< the descriptor is FD_CLOEXEC */
#define SOCK_NONBLOCK   0x20000000      /**< the socket is O_NONBLOCK */

/* send/recv flags. */
#define MSG_OOB         0x0001  /**< out-of-band data */
#define MSG_PEEK        0x0002  /**< look at the data and leave it */
#define MSG_DONTROUTE   0x0004  /**< no routing */
#define MSG_EOR         0x0008  /**< end of record */
#define MSG_TRUNC       0x0010  /**< out: the datagram was longer than the buffer */
#define MSG_CTRUNC      0x0020  /**< out: ancillary data was cut */
#define MSG_WAITALL     0x0040  /**< wait for the whole buffer */
#define MSG_DONTWAIT    0x0080  /**< this call does not wait (EAGAIN) */
#define MSG_NOSIGNAL    0x0400  /**< EPIPE without SIGPIPE */

/* Socket options (level SOL_SOCKET). */
#define SOL_SOCKET      0xffff  /**< the level of the options below */
#define SO_DEBUG        0x0001  /**< debugging */
#define SO_ACCEPTCONN   0x0002  /**< it listens (read only) */
#define SO_REUSEADDR    0x0004  /**< bind may reuse a local address */
#define SO_KEEPALIVE    0x0008  /**< keep connections alive */
#define SO_DONTROUTE    0x0010  /**< no routing */
#define SO_BROADCAST    0x0020  /**< may send broadcasts */
#define SO_LINGER       0x0080  /**< linger on close (struct linger) */
#define SO_OOBINLINE    0x0100  /**< out-of-band data inline */
#define SO_REUSEPORT    0x0200  /**< bind may reuse a port */
#define SO_SNDBUF       0x1001  /**< the send buffer's size */
#define SO_RCVBUF       0x1002  /**< the receive buffer's size */
#define SO_SNDLOWAT     0x1003  /**< send low-water mark */
#define SO_RCVLOWAT     0x1004  /**< receive low-water mark */
#define SO_SNDTIMEO     0x1005  /**< send timeout */
#define SO_RCVTIMEO     0x1006  /**< receive timeout */
#define SO_ERROR        0x1007  /**< the pending error, cleared when read (read only) */
#define SO_TYPE         0x1008  /**< the socket's type (read only) */

/** SO_LINGER's value. */
struct linger {
	int l_onoff;                    /**< linger at all */
	int l_linger;                   /**< for how many seconds */
};

/* shutdown() */
#define SHUT_RD         0       /**< no more receiving */
#define SHUT_WR         1       /**< no more sending (the peer sees end of file) */
#define SHUT_RDWR       2       /**< neither */

#define SOMAXCONN       128     /**< the largest listen() backlog a driver takes */

/** A new socket of @p domain, @p type (| SOCK_NONBLOCK | SOCK_CLOEXEC), @p protocol: its fd. */
int socket(int domain, int type, int protocol);
/** Give socket @p fd the local address @p addr. */
int bind(int fd, const struct sockaddr *addr, socklen_t len);
/** Connect socket @p fd to @p addr (a stream: waits for the connection; O_NONBLOCK:
 *  EINPROGRESS). */
int connect(int fd, const struct sockaddr *addr, socklen_t len);
/** Let socket @p fd accept connections, @p backlog of them waiting. */
int listen(int fd, int backlog);
/** The next connection of listening socket @p fd: a new fd; its peer's address in @p addr
 *  (NULL: not wanted), *@p len is the room in, the length out. */
int accept(int fd, struct sockaddr *addr, socklen_t *len);
/** accept() with SOCK_NONBLOCK and SOCK_CLOEXEC in @p flags for the new fd. */
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
/** Send @p len bytes of @p buf on connected socket @p fd: bytes sent. */
ssize_t send(int fd, const void *buf, size_t len, int flags);
/** Receive at most @p len bytes into @p buf: bytes (0: the peer shut down). */
ssize_t recv(int fd, void *buf, size_t len, int flags);
/** send() to address @p to (NULL: the connected peer). */
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen);
/** recv() with the sender's address in @p from (NULL: not wanted). */
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen);
/** sendto() of @p msg (one iovec: more is EMSGSIZE; ancillary data ignored). */
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
/** recvfrom() into @p msg (one iovec: more is EMSGSIZE); msg_flags gets MSG_TRUNC. */
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
/** Shut down reading, writing or both (SHUT_*). */
int shutdown(int fd, int how);
/** The local address of socket @p fd. */
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
/** The address of the peer of socket @p fd (ENOTCONN). */
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);
/** Set option @p name of @p level to @p len bytes at @p val. */
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
/** Read option @p name of @p level into @p val; *@p len: the room in, the length out. */
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);

#endif /* _POSIX_SYS_SOCKET_H */
