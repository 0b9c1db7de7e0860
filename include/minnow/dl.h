/**
 * @file dl.h
 * @brief The Ethernet data-link protocol (DL_*): a client (inet, or a test service playing
 *        it) to a network driver instance (handouts/netdriver.md).
 *
 * Each network card is driven by a driver instance (label `<driver>_<N>`, e.g. e1000_0) that
 * announces itself in DS (key `drv.net.<label>`, value DS_DRIVER_UP) whenever it starts or
 * restarts.  Until it has seen a DL_CONF it drops every other DL_ request, so a client
 * always configures a (re)started driver first.  The requests:
 *   - DL_CONF: @c mode (DL_PROMISC_REQ, DL_MULTI_REQ, DL_BROAD_REQ bits); the first one
 *     probes and resets the card.  Answer DL_CONF_REPLY: @c status OK and the card's MAC in
 *     @c hwaddr, or ENXIO (no card for this instance).
 *   - DL_WRITEV_S: @c grant (readable by the driver) of a vector of @c count iovec_s_t, each
 *     a grant of one piece of the frame and its size; the whole frame is ETH_MIN_PACK_SIZE
 *     (60) to ETH_MAX_PACK_SIZE (1514) bytes, without the CRC.
 *   - DL_READV_S: the same for the buffers of one received frame (writable grants).
 *   - DL_GETSTAT_S: @c grant of an eth_stat_t the driver fills; answer DL_STAT_REPLY.
 * Answer to a write or read: DL_TASK_REPLY with @c flags DL_PACK_SEND (the frame went to
 * the card) and/or DL_PACK_RECV (a frame of @c count bytes is in the read's buffers).  A
 * write or read that cannot finish now (transmit ring full, nothing received) is stored:
 * the driver answers DL_TASK_REPLY without the flag at once, and sends an unsolicited
 * DL_TASK_REPLY with it when the interrupt completes the request.  A client is never left
 * waiting.  One write and one read may be stored at a time; a second is EBUSY.
 *
 * Errors, in @c status of the reply: EINVAL (vector count outside 1..DL_NR_IOREQ, frame
 * size outside 60..1514 for a write, buffers shorter than 1514 for a read, an unknown mode
 * bit), the kernel's error for a grant the driver cannot copy (EPERM, EFAULT, EINVAL),
 * EBUSY (a write or read is stored already), ENXIO (no card), ENOSYS (unknown request).
 * A refused request leaves the driver and its card unharmed.
 *
 * Drivers answer with asynsend (they never block on a client); a client may use SENDREC
 * for DL_CONF and DL_GETSTAT_S, or asynsend and receive.
 *
 * Numbers: requests from DL_RQ_BASE, replies from DL_RS_BASE (include/minnow/com.h).
 */
#ifndef MINNOW_DL_H
#define MINNOW_DL_H

#include <stdint.h>
#include <minnow/com.h>
#include <minnow/kcall.h>

/* ---- requests (client -> driver) ------------------------------------------------------ */
#define DL_CONF         (DL_RQ_BASE + 0)        /**< configure: mode */
#define DL_GETSTAT_S    (DL_RQ_BASE + 1)        /**< statistics into grant */
#define DL_WRITEV_S     (DL_RQ_BASE + 2)        /**< send one frame: grant, count */
#define DL_READV_S      (DL_RQ_BASE + 3)        /**< receive one frame: grant, count */
/** Is @p t a DL_ request? */
#define IS_DL_RQ(t)     ((t) >= DL_RQ_BASE && (t) <= DL_READV_S)

/* ---- replies (driver -> client) ------------------------------------------------------- */
#define DL_CONF_REPLY   (DL_RS_BASE + 0)        /**< status, hwaddr */
#define DL_STAT_REPLY   (DL_RS_BASE + 1)        /**< status */
#define DL_TASK_REPLY   (DL_RS_BASE + 2)        /**< status, flags, count */

/* ---- DL_CONF modes -------------------------------------------------------------------- */
#define DL_NOMODE       0x0     /**< only frames to the card's own address */
#define DL_PROMISC_REQ  0x1     /**< every frame on the wire */
#define DL_MULTI_REQ    0x2     /**< multicast frames too */
#define DL_BROAD_REQ    0x4     /**< broadcast frames too */
#define DL_MODE_MASK    0x7     /**< every known mode bit */

/* ---- DL_TASK_REPLY flags -------------------------------------------------------------- */
#define DL_NOFLAGS      0x0     /**< neither */
#define DL_PACK_SEND    0x1     /**< the stored or requested write is done */
#define DL_PACK_RECV    0x2     /**< a frame of count bytes was received */

#define ETH_ADDR_LEN            6       /**< bytes of a MAC address */
#define ETH_MIN_PACK_SIZE       60      /**< shortest frame, CRC excluded */
#define ETH_MAX_PACK_SIZE       1514    /**< longest frame, CRC excluded */
#define DL_NR_IOREQ             64      /**< most elements of a DL_ vector */

/** One element of a DL_WRITEV_S / DL_READV_S vector. */
typedef struct {
	cp_grant_id_t iov_grant;        /**< grant of the piece (to the driver) */
	uint32_t iov_size;              /**< its size in bytes */
} iovec_s_t;

/** The statistics record of DL_GETSTAT_S (every counter since the driver instance started). */
typedef struct {
	uint32_t ets_recvErr;           /**< receive errors of any kind */
	uint32_t ets_sendErr;           /**< send errors of any kind */
	uint32_t ets_OVW;               /**< receive buffer overwrites */
	uint32_t ets_CRCerr;            /**< frames with a bad CRC */
	uint32_t ets_frameAll;          /**< frame alignment errors */
	uint32_t ets_missedP;           /**< frames missed: no receive buffer */
	uint32_t ets_packetR;           /**< frames received (and delivered) */
	uint32_t ets_packetT;           /**< frames sent */
	uint32_t ets_transDef;          /**< sends deferred */
	uint32_t ets_collision;         /**< collisions */
	uint32_t ets_transAb;           /**< sends aborted (too many collisions) */
	uint32_t ets_carrSense;         /**< carrier sense lost */
	uint32_t ets_fifoUnder;         /**< transmit FIFO underruns */
	uint32_t ets_fifoOver;          /**< receive FIFO overruns */
	uint32_t ets_CDheartbeat;       /**< collision detect heartbeat failures */
	uint32_t ets_OWC;               /**< out-of-window collisions */
} eth_stat_t;

/** Fields of every DL_ request and reply. */
typedef struct {
	int mode;                       /**< DL_CONF: DL_*_REQ bits */
	cp_grant_id_t grant;            /**< WRITEV/READV: the vector; GETSTAT: the record */
	int count;                      /**< WRITEV/READV: vector elements; TASK_REPLY: frame bytes */
	int flags;                      /**< TASK_REPLY: DL_PACK_* */
	int status;                     /**< replies: OK or a negated error */
	uint8_t hwaddr[ETH_ADDR_LEN];   /**< CONF_REPLY: the card's MAC */
	uint8_t pad[2];                 /**< unused */
} mess_dl;
_Static_assert(sizeof(mess_dl) <= 56, "layout size");

/** Send the DL_ request @p type (DL_CONF's @p mode; a vector or record @p grant and its
 *  @p count) to the driver @p drv with asynsend3(AMF_NOREPLY): the answer comes later as a
 *  message.  OK or asynsend3()'s error (lib/libsys/dl.c). */
int dl_request(endpoint_t drv, int type, int mode, cp_grant_id_t grant, int count);

#endif /* MINNOW_DL_H */
