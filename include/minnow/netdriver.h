/**
 * @file netdriver.h
 * @brief libnetdriver (lib/libnetdriver): the loop of every network driver, speaking the
 *        DL_ protocol (minnow/dl.h) for the card-specific code (handouts/netdriver.md).
 *
 * A network driver is its card's code behind a struct netdriver; the library does the rest:
 *   - SEF start-up (netdriver_task): fresh start and restart both announce the instance in
 *     DS (netdriver_announce: `drv.net.<label>` = DS_DRIVER_UP) and start dropping DL_
 *     requests until the first DL_CONF; SIGTERM stops the card and exits;
 *   - the caller check: DL_ requests only from the DS label "inet" or the labels named in the
 *     driver's `callers=LABEL,...` argument (as libdriver's); others get EPERM or are dropped;
 *   - the first DL_CONF calls ndr_init (probe with the PCI server, skipping `instance=N`
 *     cards, reserve, map, reset); every DL_CONF then calls ndr_mode;
 *   - DL_WRITEV_S / DL_READV_S: the vector is copied in and checked (count, grants, sizes),
 *     then ndr_send / ndr_recv move one frame through netdriver_copyin / netdriver_copyout.
 *     A call that answers SUSPEND is stored: the client gets a DL_TASK_REPLY without the flag
 *     now, and the library retries the stored request when the driver calls netdriver_send()
 *     / netdriver_recv() (after an interrupt), sending the unsolicited DL_TASK_REPLY then;
 *   - DL_GETSTAT_S: ndr_stat fills the record, which the library copies out;
 *   - interrupts (notify from HARDWARE) go to ndr_intr, alarms to ndr_alarm (the watchdog:
 *     netdriver_task sets a one-second alarm while the card is up), anything else to ndr_other.
 */
#ifndef MINNOW_NETDRIVER_H
#define MINNOW_NETDRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/dl.h>
#include <minnow/ipc.h>

/** ndr_send / ndr_recv: the frame cannot move now; store the request. */
#define SUSPEND         (-998)

/** One DL_WRITEV_S or DL_READV_S being served: the client's checked vector. */
struct netdriver_data {
	endpoint_t endpt;               /**< the client */
	iovec_s_t iovec[DL_NR_IOREQ];   /**< its vector */
	unsigned int count;             /**< elements used */
	size_t size;                    /**< bytes in all of them */
};

/** A network driver's card-specific code. */
struct netdriver {
	const char *ndr_name;           /**< "e1000": messages and the DS key use it */
	/** Find instance @p instance's card, reserve, map and reset it; its MAC into @p mac.
	 *  OK, or ENXIO (no such card). */
	int (*ndr_init)(unsigned int instance, uint8_t mac[ETH_ADDR_LEN]);
	/** Stop the card (SIGTERM, or before a live update). */
	void (*ndr_stop)(void);
	/** Set the receive filter: DL_*_REQ bits. */
	void (*ndr_mode)(unsigned int mode);
	/** Put one frame of @p size bytes (60..1514) from @p data on the wire: OK or SUSPEND. */
	int (*ndr_send)(struct netdriver_data *data, size_t size);
	/** Copy the next received frame into @p data (at most @p max bytes): its size, or
	 *  SUSPEND if there is none. */
	int (*ndr_recv)(struct netdriver_data *data, size_t max);
	/** Fill in the driver's statistics. */
	void (*ndr_stat)(eth_stat_t *stat);
	/** An interrupt: @p mask holds the hook ids (bits) that fired. */
	void (*ndr_intr)(unsigned int mask);
	/** The watchdog alarm (once a second while the card is up); may be NULL. */
	void (*ndr_alarm)(uint32_t stamp);
	/** Any other message; may be NULL. */
	void (*ndr_other)(const message *m, int ipc_status);
};

/** SEF start-up and the driver's loop; never returns. */
void netdriver_task(const struct netdriver *ndp) __attribute__((noreturn));
/** Announce this instance in DS and expect a DL_CONF before anything else. */
int netdriver_announce(void);
/** The `instance=N` argument (0 without one). */
unsigned int netdriver_instance(void);
/** Copy @p size bytes at offset @p off of the frame in @p data into @p ptr: OK or an error. */
int netdriver_copyin(struct netdriver_data *data, size_t off, void *ptr, size_t size);
/** Copy @p size bytes from @p ptr to offset @p off of the client's buffers: OK or an error. */
int netdriver_copyout(struct netdriver_data *data, size_t off, const void *ptr, size_t size);
/** Retry the stored write, if any (call after a transmit interrupt). */
void netdriver_send(void);
/** Retry the stored read, if any (call after a receive interrupt). */
void netdriver_recv(void);

#endif /* MINNOW_NETDRIVER_H */
