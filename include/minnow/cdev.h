/**
 * @file cdev.h
 * @brief The character driver protocol (MINIX 3.3's CDEV_*): VFS to a character driver.
 *
 * VFS (or, in the driver tests, a program playing VFS) sends a character driver one request
 * per operation on a device special file: open, close, read, write, ioctl, cancel and select.
 * Every request names the minor device, the user process on whose behalf it is made
 * (@c user, the USER_ENDPT of MINIX: for permission decisions only, never the owner of a
 * grant) and an @c id the caller chose, which the reply carries back so that the caller can
 * match replies that come later (a driver answers every request at once, or, for a request
 * that must wait, later with chardriver_reply_task(); see minnow/driver.h).
 *
 * Data is always passed by grant, never by address: the grant belongs to the sender of the
 * request (m_source), which made it for the driver (or, for VFS, a magic grant naming the
 * user process).  The driver copies with sys_safecopyto() / sys_safecopyfrom() naming
 * m_source as the granter.
 *
 * Numbers: requests from CDEV_RQ_BASE (0x400), replies from CDEV_RS_BASE (0x480), as in
 * MINIX 3.3 (both ranges are in minnow/com.h's table).
 *
 * Replies (CDEV_REPLY): @c status is OK or a negated error for open, close, ioctl and cancel;
 * for read and write it is the number of bytes transferred (0 = end of file) or a negated
 * error.  The errors a driver uses: ENXIO (no such minor), EFAULT / EPERM (the kernel refused
 * the grant), EACCES / EROFS (the minor cannot be written), EINVAL (bad position or size),
 * EIO (past the end, or a request for a minor this driver instance has not opened:
 * see driver_receive()), ENOTTY (unknown ioctl), EAGAIN (would block with CDEV_NONBLOCK).
 */
#ifndef MINNOW_CDEV_H
#define MINNOW_CDEV_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>

/* ---- requests (VFS -> driver) ---------------------------------------------------------- */
#define CDEV_OPEN       (CDEV_RQ_BASE + 0)      /**< open a minor: minor, access, user, id */
#define CDEV_CLOSE      (CDEV_RQ_BASE + 1)      /**< close a minor: minor, id */
#define CDEV_READ       (CDEV_RQ_BASE + 2)      /**< read: minor, pos, grant, count, flags, user, id */
#define CDEV_WRITE      (CDEV_RQ_BASE + 3)      /**< write: like CDEV_READ */
#define CDEV_IOCTL      (CDEV_RQ_BASE + 4)      /**< ioctl: minor, request, grant, flags, user, id */
#define CDEV_CANCEL     (CDEV_RQ_BASE + 5)      /**< cancel the pending request id of user */
#define CDEV_SELECT     (CDEV_RQ_BASE + 6)      /**< select: minor, ops (CDEV_OP_*) */
/** Number of character request types. */
#define CDEV_NR_RQ      7
/** Is @p t a character driver request? */
#define IS_CDEV_RQ(t)   ((t) >= CDEV_RQ_BASE && (t) < CDEV_RQ_BASE + CDEV_NR_RQ)

/* ---- replies (driver -> VFS) ----------------------------------------------------------- */
#define CDEV_REPLY      (CDEV_RS_BASE + 0)      /**< the answer to a request: status, id */
#define CDEV_SEL1_REPLY (CDEV_RS_BASE + 1)      /**< the answer to CDEV_SELECT: minor, status = ready ops */
#define CDEV_SEL2_REPLY (CDEV_RS_BASE + 2)      /**< a later select event: minor, status = ready ops */
/** Is @p t a character driver reply? */
#define IS_CDEV_RS(t)   ((t) >= CDEV_RS_BASE && (t) < CDEV_RS_BASE + 3)

/* ---- field values ---------------------------------------------------------------------- */
#define CDEV_R_BIT      0x01    /**< open access: read */
#define CDEV_W_BIT      0x02    /**< open access: write */
#define CDEV_NOCTTY     0x04    /**< open access: do not make it the controlling tty */
#define CDEV_NONBLOCK   0x01    /**< read/write/ioctl flags: do not block (EAGAIN instead) */
#define CDEV_OP_RD      0x01    /**< select: readable */
#define CDEV_OP_WR      0x02    /**< select: writable */
#define CDEV_OP_ERR     0x04    /**< select: an error condition */
#define CDEV_NOTIFY     0x08    /**< select: send CDEV_SEL2_REPLY when an op becomes ready */

/** A minor device number. */
typedef int devminor_t;
/** The caller's id of a request, echoed in the reply. */
typedef uint32_t cdev_id_t;

/** Every character driver request. */
typedef struct {
	devminor_t minor;       /**< the minor device */
	cp_grant_id_t grant;    /**< READ/WRITE/IOCTL: the sender's grant of the buffer */
	uint64_t pos;           /**< READ/WRITE: byte position */
	uint32_t count;         /**< READ/WRITE: bytes to transfer */
	int flags;              /**< READ/WRITE/IOCTL: CDEV_NONBLOCK; SELECT: CDEV_OP_* and CDEV_NOTIFY */
	int access;             /**< OPEN: CDEV_R_BIT, CDEV_W_BIT, CDEV_NOCTTY */
	int request;            /**< IOCTL: the ioctl number */
	endpoint_t user;        /**< USER_ENDPT: on whose behalf (never the grant's owner) */
	cdev_id_t id;           /**< echoed in the reply; CANCEL: the request to cancel */
	uint8_t padding[16];    /**< unused */
} mess_cdev;
_Static_assert(sizeof(mess_cdev) == 56, "layout size");

/** Every character driver reply. */
typedef struct {
	int status;             /**< bytes transferred, OK, a negated error; SEL*: ready ops */
	cdev_id_t id;           /**< the request's id (CDEV_REPLY) */
	devminor_t minor;       /**< CDEV_SEL1_REPLY / CDEV_SEL2_REPLY: the minor */
	uint8_t padding[44];    /**< unused */
} mess_cdev_reply;
_Static_assert(sizeof(mess_cdev_reply) == 56, "layout size");

#endif /* MINNOW_CDEV_H */
