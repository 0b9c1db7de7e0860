/**
 * @file bdev.h
 * @brief The block driver protocol (MINIX 3.3's BDEV_*): a file server or VFS to a block driver.
 *
 * A block device is read and written at byte positions (64-bit, so devices may be larger
 * than 4 GiB) in whole blocks; the driver says which sizes it accepts (the memory driver's
 * RAM disks: multiples of 4096 bytes at multiples of 4096).  As for character devices
 * (minnow/cdev.h) the data travels only by grant of the sender (m_source), @c user names the
 * process on whose behalf the request is made (never a grant owner), and @c id is echoed in
 * the reply.  The caller usually uses SENDREC; the driver then answers at once.
 *
 * Numbers: requests from BDEV_RQ_BASE (0x500), replies from BDEV_RS_BASE (0x580), as in
 * MINIX 3.3 (both ranges are in minnow/com.h's table).
 *
 * Reply (BDEV_REPLY): @c status is OK or a negated error for open, close and ioctl, and the
 * number of bytes transferred or a negated error for read and write: ENXIO (no such minor),
 * EINVAL (position or size not a multiple of the block size), EIO (position at or past the
 * end; a transfer that runs past the end is cut short instead), EROFS (a read-only minor),
 * EFAULT / EPERM (the kernel refused the grant), ENOTTY (unknown ioctl).
 */
#ifndef MINNOW_BDEV_H
#define MINNOW_BDEV_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/endpoint.h>
#include <minnow/kcall.h>
#include <minnow/cdev.h>

/* ---- requests -------------------------------------------------------------------------- */
#define BDEV_OPEN       (BDEV_RQ_BASE + 0)      /**< open a minor: minor, access, id */
#define BDEV_CLOSE      (BDEV_RQ_BASE + 1)      /**< close a minor: minor, id */
#define BDEV_READ       (BDEV_RQ_BASE + 2)      /**< read: minor, pos, grant, count, flags, id */
#define BDEV_WRITE      (BDEV_RQ_BASE + 3)      /**< write: like BDEV_READ */
#define BDEV_GATHER     (BDEV_RQ_BASE + 4)      /**< vector read (reserved: not implemented) */
#define BDEV_SCATTER    (BDEV_RQ_BASE + 5)      /**< vector write (reserved: not implemented) */
#define BDEV_IOCTL      (BDEV_RQ_BASE + 6)      /**< ioctl: minor, request, grant, user, id */
/** Number of block request types. */
#define BDEV_NR_RQ      7
/** Is @p t a block driver request? */
#define IS_BDEV_RQ(t)   ((t) >= BDEV_RQ_BASE && (t) < BDEV_RQ_BASE + BDEV_NR_RQ)

/* ---- reply ----------------------------------------------------------------------------- */
#define BDEV_REPLY      (BDEV_RS_BASE + 0)      /**< the answer: status, id */

/* ---- field values ---------------------------------------------------------------------- */
#define BDEV_R_BIT      0x01    /**< open access: read */
#define BDEV_W_BIT      0x02    /**< open access: write */
#define BDEV_FORCEWRITE 0x01    /**< write flags: write through any cache */

/** Every block driver request. */
typedef struct {
	devminor_t minor;       /**< the minor device */
	cp_grant_id_t grant;    /**< READ/WRITE/IOCTL: the sender's grant of the buffer */
	uint64_t pos;           /**< READ/WRITE: byte position (a multiple of the block size) */
	uint32_t count;         /**< READ/WRITE: bytes (a multiple of the block size) */
	int flags;              /**< READ/WRITE: BDEV_FORCEWRITE */
	int access;             /**< OPEN: BDEV_R_BIT, BDEV_W_BIT */
	int request;            /**< IOCTL: the ioctl number */
	endpoint_t user;        /**< USER_ENDPT: on whose behalf (never the grant's owner) */
	uint32_t id;            /**< echoed in the reply */
	uint8_t padding[16];    /**< unused */
} mess_bdev;
_Static_assert(sizeof(mess_bdev) == 56, "layout size");

/** The block driver reply. */
typedef struct {
	int status;             /**< bytes transferred, OK or a negated error */
	uint32_t id;            /**< the request's id */
	uint8_t padding[48];    /**< unused */
} mess_bdev_reply;
_Static_assert(sizeof(mess_bdev_reply) == 56, "layout size");

#endif /* MINNOW_BDEV_H */
