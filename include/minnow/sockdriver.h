/**
 * @file sockdriver.h
 * @brief libsockdriver: the socket driver side of the SDEV_ protocol (minnow/sdev.h) for a
 * service that serves a socket domain, such as inet (handouts/sockets.md, "libsockdriver").
 *
 * The driver fills a struct sockdriver with its entry points and calls sockdriver_task(),
 * which never returns (a server with a receive loop of its own calls sockdriver_init() and
 * passes each SDEV_ request to sockdriver_process() instead): it starts the service (SEF; SIGTERM ends it), receives, refuses
 * every SDEV_ request that is not from VFS (answered EPERM, or dropped), turns each
 * request into one call of an entry point, and sends the answer.  Entry points left NULL
 * answer EOPNOTSUPP (select: always ready; close and cancel: nothing to do).  SEF
 * callbacks the driver sets before sockdriver_task() (its init, a restart's) are kept; a
 * restart without one is a fresh instance (RS's reset), whose sockets VFS counts as gone.
 *
 * Addresses are copied in by the library (at most SOCKDRIVER_ADDR_MAX bytes) and out into
 * the caller's room by it too (cut to the room; the length reported is the whole one).
 * Data is not: an entry point gets a struct sockdriver_data and copies with
 * sockdriver_copyin() and sockdriver_copyout() (the grant belongs to VFS and names the
 * user's buffer; a bad user address is EFAULT there).
 *
 * **Waiting.**  connect, accept, send and recv may have to wait.  Without @c nonblock the
 * entry point may return SOCKDRIVER_SUSPEND: it keeps the struct sockdriver_call (and the
 * data) and answers later with sockdriver_reply(), sockdriver_reply_accept() or
 * sockdriver_reply_recv().  With @c nonblock it answers at once: EAGAIN, or EINPROGRESS for
 * connect, which then completes in the background.  VFS cancels a waiting request when
 * its caller gets a signal: sdr_cancel gets the call, and the driver answers it (with
 * EINTR, or with its result if it completed first) and forgets it.  Every waiting call
 * must be answered exactly once; one whose socket is closed ends with its error first.
 *
 * **Select.**  sdr_select returns the SDEV_OP_* ready now among @c ops; with @c notify the
 * driver remembers the rest and calls sockdriver_reply_select() when one becomes ready.
 */
#ifndef MINNOW_SOCKDRIVER_H
#define MINNOW_SOCKDRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <minnow/errno.h>
#include <minnow/ipc.h>
#include <minnow/sdev.h>

/** An entry point's result: the request waits; the driver answers it later. */
#define SOCKDRIVER_SUSPEND      (-EDONTREPLY)
/** The longest address the library copies in or out. */
#define SOCKDRIVER_ADDR_MAX     ((socklen_t)sizeof(struct sockaddr_storage))

/** A request that may wait: what a later answer needs (keep a copy). */
struct sockdriver_call {
	endpoint_t sc_endpt;            /**< VFS, to answer */
	uint32_t sc_id;                 /**< the request's id */
	endpoint_t sc_user;             /**< on whose behalf */
	cp_grant_id_t sc_addr_grant;    /**< accept, recv: room for the peer's address */
	socklen_t sc_addr_room;         /**< its size */
};

/** A user buffer: copy with sockdriver_copyin() and sockdriver_copyout(). */
struct sockdriver_data {
	endpoint_t sd_endpt;            /**< the grant's owner (VFS) */
	cp_grant_id_t sd_grant;         /**< its grant (GRANT_INVALID: no buffer) */
	size_t sd_len;                  /**< its size */
};

/** A socket driver's entry points (NULL: see the file's text). */
struct sockdriver {
	/** socket(domain, type, protocol) for @p user: the new socket's id (>= 0) or an error
	 *  (EPROTONOSUPPORT, EPROTOTYPE, ENOBUFS...). */
	sockid_t (*sdr_socket)(int domain, int type, int protocol, endpoint_t user);
	/** Bind @p sock to @p addr (@p len bytes). */
	int (*sdr_bind)(sockid_t sock, const struct sockaddr *addr, socklen_t len,
			endpoint_t user);
	/** Connect @p sock to @p addr: OK, an error, SOCKDRIVER_SUSPEND (a stream; answer
	 *  with sockdriver_reply()), or with @p nonblock EINPROGRESS. */
	int (*sdr_connect)(sockid_t sock, const struct sockaddr *addr, socklen_t len,
			   endpoint_t user, const struct sockdriver_call *call, int nonblock);
	/** Let @p sock accept connections, @p backlog waiting at most. */
	int (*sdr_listen)(sockid_t sock, int backlog);
	/** The next connection of listening @p sock: its socket id, with the peer's address in
	 *  @p addr and its length in *@p len; an error; or SOCKDRIVER_SUSPEND (answer with
	 *  sockdriver_reply_accept()); with @p nonblock EAGAIN instead of waiting. */
	sockid_t (*sdr_accept)(sockid_t sock, struct sockaddr *addr, socklen_t *len,
			       endpoint_t user, const struct sockdriver_call *call, int nonblock);
	/** Send @p len bytes of @p data (to @p addr if @p addr_len > 0) with MSG_* @p flags:
	 *  bytes sent, an error (EPIPE: VFS sends SIGPIPE), or SOCKDRIVER_SUSPEND (answer with
	 *  sockdriver_reply()). */
	int (*sdr_send)(sockid_t sock, const struct sockdriver_data *data, size_t len,
			const struct sockaddr *addr, socklen_t addr_len, int flags,
			const struct sockdriver_call *call, int nonblock);
	/** Receive at most @p len bytes into @p data: bytes (0: end of file), with the
	 *  sender's address in @p addr / *@p addr_len (0: none) and MSG_TRUNC in *@p rflags;
	 *  an error; or SOCKDRIVER_SUSPEND (answer with sockdriver_reply_recv()). */
	int (*sdr_recv)(sockid_t sock, const struct sockdriver_data *data, size_t len,
			struct sockaddr *addr, socklen_t *addr_len, int *rflags, int flags,
			const struct sockdriver_call *call, int nonblock);
	/** ioctl @p request on @p sock with its argument in @p data. */
	int (*sdr_ioctl)(sockid_t sock, unsigned long request,
			 const struct sockdriver_data *data, endpoint_t user);
	/** Set option @p name of @p level to the @p len bytes in @p data. */
	int (*sdr_setsockopt)(sockid_t sock, int level, int name,
			      const struct sockdriver_data *data, socklen_t len);
	/** Copy option @p name of @p level into @p data (room *@p len); *@p len = its length. */
	int (*sdr_getsockopt)(sockid_t sock, int level, int name,
			      const struct sockdriver_data *data, socklen_t *len);
	/** The local address of @p sock into @p addr, its length in *@p len. */
	int (*sdr_getsockname)(sockid_t sock, struct sockaddr *addr, socklen_t *len);
	/** The peer's address (ENOTCONN). */
	int (*sdr_getpeername)(sockid_t sock, struct sockaddr *addr, socklen_t *len);
	/** Shut down SHUT_RD, SHUT_WR or SHUT_RDWR. */
	int (*sdr_shutdown)(sockid_t sock, int how);
	/** The last descriptor of @p sock is closed: free it (answer its waiting calls). */
	int (*sdr_close)(sockid_t sock);
	/** VFS cancels @p call (its id and user): answer it now, EINTR unless it is done. */
	void (*sdr_cancel)(sockid_t sock, const struct sockdriver_call *call);
	/** The SDEV_OP_* of @p ops ready now; @p notify: tell the rest later. */
	unsigned int (*sdr_select)(sockid_t sock, unsigned int ops, int notify);
	/** Any other message (notifications included), or NULL. */
	void (*sdr_other)(const message *m, int ipc_status);
};

/** Serve requests with the entry points of @p sdp for ever. */
void sockdriver_task(const struct sockdriver *sdp) __attribute__((noreturn));
/** Use the entry points of @p sdp for sockdriver_process() (a server with its own loop). */
void sockdriver_init(const struct sockdriver *sdp);
/** Handle message @p m, received with IPC status word @p ipc_status, as sockdriver_task()
 *  would: an SDEV_ request from VFS is served and answered, a refused one answered EPERM
 *  or dropped, anything else goes to sdr_other (a SENDREC without it: ENOSYS). */
void sockdriver_process(const message *m, int ipc_status);

/** Answer waiting @p call (connect, send, or any other) with @p status. */
void sockdriver_reply(const struct sockdriver_call *call, int status);
/** Answer waiting accept @p call: the connection @p sock (or an error in @p sock) and its
 *  peer's address (@p addr, @p len; copied into the caller's room). */
void sockdriver_reply_accept(const struct sockdriver_call *call, sockid_t sock,
			     const struct sockaddr *addr, socklen_t len);
/** Answer waiting recv @p call with @p status bytes (or an error), the sender's address
 *  (@p addr, @p len; 0: none) and @p rflags (MSG_TRUNC). */
void sockdriver_reply_recv(const struct sockdriver_call *call, int status,
			   const struct sockaddr *addr, socklen_t len, int rflags);
/** Tell VFS that @p ops (SDEV_OP_*) of @p sock are ready now (after a select with notify). */
void sockdriver_reply_select(sockid_t sock, unsigned int ops);

/** Copy @p len bytes at @p off of user buffer @p data to @p ptr: OK or EFAULT. */
int sockdriver_copyin(const struct sockdriver_data *data, size_t off, void *ptr, size_t len);
/** Copy @p len bytes from @p ptr to @p off of user buffer @p data: OK or EFAULT. */
int sockdriver_copyout(const struct sockdriver_data *data, size_t off, const void *ptr,
		       size_t len);

#endif /* MINNOW_SOCKDRIVER_H */
