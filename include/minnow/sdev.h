/**
 * @file sdev.h
 * @brief The socket driver protocol (SDEV_*): VFS to a socket driver (inet).
 *
 * A socket is a file descriptor whose filp names no file server vnode but a socket driver
 * and a socket id that driver chose.  VFS finds the driver of a domain (PF_INET) through the
 * map RS gives it (VFS_MAPSOCKET, from the service's system.conf `domain` line) and sends it
 * one request per socket operation, exactly as it talks to a character driver
 * (minnow/cdev.h): every request carries the user process on whose behalf it is made
 * (@c user: for permission decisions only) and an @c id VFS chose, echoed in the reply so
 * that a request that must wait (connect, accept, send, recv) is answered later.  A request
 * that must wait with SDEV_NONBLOCK set is answered at once with EAGAIN (EINPROGRESS for
 * connect, which then completes in the background; SO_ERROR reports how).  VFS cancels a
 * waiting request when the caller gets a signal (SDEV_CANCEL); the driver answers the
 * cancelled request with EINTR (or its result if it completed first) and the cancel itself
 * with nothing.
 *
 * Data is passed by grant only: @c grant (the data buffer) and @c addr_grant (a struct
 * sockaddr) belong to VFS (magic grants naming the user process).
 *
 * Numbers: requests from SDEV_RQ_BASE (0x1900), replies from SDEV_RS_BASE (0x1980)
 * (both ranges are in minnow/com.h's table).
 */
#ifndef MINNOW_SDEV_H
#define MINNOW_SDEV_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

/* ---- requests (VFS -> socket driver) ---------------------------------------------------- */
#define SDEV_SOCKET      (SDEV_RQ_BASE + 0)  /**< socket(param[0] = domain, param[1] = type,
                                                  param[2] = protocol): SDEV_SOCKET_REPLY */
#define SDEV_BIND        (SDEV_RQ_BASE + 1)  /**< bind(sock, addr_grant, addr_len) */
#define SDEV_CONNECT     (SDEV_RQ_BASE + 2)  /**< connect(sock, addr_grant, addr_len); may wait */
#define SDEV_LISTEN      (SDEV_RQ_BASE + 3)  /**< listen(sock, param[0] = backlog) */
#define SDEV_ACCEPT      (SDEV_RQ_BASE + 4)  /**< accept(sock, addr_grant, addr_len = room);
                                                  may wait: SDEV_ACCEPT_REPLY */
#define SDEV_SEND        (SDEV_RQ_BASE + 5)  /**< send(sock, grant, len, addr_grant/addr_len
                                                  (0/0: connected), param[0] = MSG_*); bytes */
#define SDEV_RECV        (SDEV_RQ_BASE + 6)  /**< recv(sock, grant, len, addr_grant, addr_len =
                                                  room, param[0] = MSG_*): SDEV_RECV_REPLY */
#define SDEV_IOCTL       (SDEV_RQ_BASE + 7)  /**< ioctl(sock, param[0] = request, grant) */
#define SDEV_SETSOCKOPT  (SDEV_RQ_BASE + 8)  /**< setsockopt(sock, param[0] = level,
                                                  param[1] = name, grant, len) */
#define SDEV_GETSOCKOPT  (SDEV_RQ_BASE + 9)  /**< getsockopt(..., len = room): status = length */
#define SDEV_GETSOCKNAME (SDEV_RQ_BASE + 10) /**< getsockname(sock, addr_grant, addr_len = room):
                                                  status = the address's length */
#define SDEV_GETPEERNAME (SDEV_RQ_BASE + 11) /**< getpeername: the same; ENOTCONN */
#define SDEV_SHUTDOWN    (SDEV_RQ_BASE + 12) /**< shutdown(sock, param[0] = SHUT_RD/WR/RDWR) */
#define SDEV_CLOSE       (SDEV_RQ_BASE + 13) /**< the last close of the socket's filp */
#define SDEV_CANCEL      (SDEV_RQ_BASE + 14) /**< cancel the waiting request id of user */
#define SDEV_SELECT      (SDEV_RQ_BASE + 15) /**< select(sock, param[0] = SDEV_OP_* |
                                                  SDEV_NOTIFY): SDEV_SEL1_REPLY */
#define SDEV_NR_RQ       16                  /**< one past the last request's offset */
/** Is @p t a socket driver request? */
#define IS_SDEV_RQ(t)    ((t) >= SDEV_RQ_BASE && (t) < SDEV_RQ_BASE + SDEV_NR_RQ)

/* ---- replies (socket driver -> VFS) ----------------------------------------------------- */
#define SDEV_REPLY        (SDEV_RS_BASE + 0) /**< status (OK, bytes, -errno), id */
#define SDEV_SOCKET_REPLY (SDEV_RS_BASE + 1) /**< status, id, sock = the new socket's id */
#define SDEV_ACCEPT_REPLY (SDEV_RS_BASE + 2) /**< status, id, sock = the new connection's id,
                                                  addr_len = the peer address's length */
#define SDEV_RECV_REPLY   (SDEV_RS_BASE + 3) /**< status = bytes, id, addr_len, flags
                                                  (MSG_TRUNC: the datagram was cut) */
#define SDEV_SEL1_REPLY   (SDEV_RS_BASE + 4) /**< sock, status = ready SDEV_OP_* */
#define SDEV_SEL2_REPLY   (SDEV_RS_BASE + 5) /**< a later select event: sock, status */
#define SDEV_NR_RS        6                  /**< one past the last reply's offset */
/** Is @p t a socket driver's reply? */
#define IS_SDEV_RS(t)     ((t) >= SDEV_RS_BASE && (t) < SDEV_RS_BASE + SDEV_NR_RS)

/* flags (SDEV_SEND, SDEV_RECV, SDEV_CONNECT, SDEV_ACCEPT, SDEV_CLOSE) */
#define SDEV_NONBLOCK    0x01   /**< do not wait: EAGAIN (connect: EINPROGRESS) */
/* select operations */
#define SDEV_OP_RD       0x01   /**< readable (data, a connection to accept, EOF, an error) */
#define SDEV_OP_WR       0x02   /**< writable (room to send, a finished connect) */
#define SDEV_OP_ERR      0x04   /**< an error is pending */
#define SDEV_NOTIFY      0x08   /**< send SDEV_SEL2_REPLY when an op becomes ready */

/** A socket id, chosen by the driver (>= 0). */
typedef int32_t sockid_t;

/** Every socket driver request. */
typedef struct {
	sockid_t sock;          /**< the socket (not SOCKET) */
	uint32_t id;            /**< echoed in the reply; CANCEL: the request to cancel */
	endpoint_t user;        /**< on whose behalf (never the grant's owner) */
	cp_grant_id_t grant;    /**< SEND/RECV/IOCTL/SOCKOPT: the data buffer */
	uint32_t len;           /**< its size */
	cp_grant_id_t addr_grant; /**< BIND/CONNECT/SEND: the address; ACCEPT/RECV/GET*NAME:
	                             room for one */
	uint32_t addr_len;      /**< its length, or the room */
	int32_t flags;          /**< SDEV_NONBLOCK */
	int32_t param[3];       /**< per request, see each request */
	uint8_t padding[12];    /**< unused */
} mess_sdev;
_Static_assert(sizeof(mess_sdev) == 56, "layout size");

/** Every socket driver reply. */
typedef struct {
	int32_t status;         /**< OK, bytes, a negated error; SEL*: ready ops */
	uint32_t id;            /**< the request's id (not SEL*) */
	sockid_t sock;          /**< SOCKET/ACCEPT: the new socket; SEL*: the socket */
	uint32_t addr_len;      /**< ACCEPT/RECV: the address's length */
	int32_t flags;          /**< RECV: MSG_TRUNC */
	uint8_t padding[36];    /**< unused */
} mess_sdev_reply;
_Static_assert(sizeof(mess_sdev_reply) == 56, "layout size");

#endif /* MINNOW_SDEV_H */
