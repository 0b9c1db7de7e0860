/*
 * rx.c - the e1000's receive ring (handouts/netdriver.md, "e1000"): E1000_RX_NR legacy
 * descriptors, each owning one 2 KiB buffer of the driver's DMA memory.
 *
 * The card fills descriptors from RDH on, as long as RDH has not caught up with RDT; the
 * driver looks at rx_next, the oldest descriptor the card may have filled.  When its status
 * has DD the frame is complete: length bytes in its buffer (the CRC stripped: RCTL.SECRC).
 * The driver copies it to the client's buffers and gives the descriptor back by moving RDT
 * onto it (the ring starts with RDT = E1000_RX_NR - 1: all but one descriptor are the
 * card's).  A frame the card marks bad (errors set, or not ending in its buffer) or one
 * longer than ETH_MAX_PACK_SIZE is counted in ets_recvErr and skipped, never delivered;
 * a broadcast frame the mode does not admit is skipped (rx_unwanted).
 *
 * The ring's bring-up and walk are the netdriver lab's (labs/netdriver; handouts/netdriver.md,
 * "The netdriver lab"); rx_unwanted() is given.
 *
 * Entry points: e1000_rx_init(), e1000_rx_frame().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include "e1000.h"

int
e1000_rx_init(void)
{
	/* LAB(netdriver) BEGIN: bring the receive ring up (handouts/netdriver.md, "The rings") */
	for (unsigned int i = 0; i < E1000_RX_NR; i++) {
		e1000.rx[i].buffer = e1000.rx_buf_phys + i * E1000_BUF_SIZE;
		e1000.rx[i].status = 0;
		e1000.rx[i].errors = 0;
		e1000.rx[i].length = 0;
	}
	e1000.rx_next = 0;
	e1000_write(E1000_RDBAL, e1000.rx_phys);
	e1000_write(E1000_RDBAH, 0);
	e1000_write(E1000_RDLEN, E1000_RX_NR * sizeof(struct e1000_rx_desc));
	e1000_write(E1000_RDH, 0);
	e1000_write(E1000_RDT, E1000_RX_NR - 1);
	e1000_write(E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_SECRC | E1000_RCTL_BSIZE_2048);
	return OK;
	/* LAB(netdriver) STUB */
	//~ printf("e1000: LAB(netdriver): e1000_rx_init() is not implemented\n");
	//~ return -ENOSYS;
	/* LAB(netdriver) END */
}

/* A broadcast frame the mode does not admit: RCTL.MPE (multicast) lets broadcast in
 * too, since a broadcast address is a multicast one; without DL_BROAD_REQ or
 * DL_PROMISC_REQ the driver drops it.  (Marked unused: the lab's stub does not call it.) */
static int __attribute__((unused))
rx_unwanted(const uint8_t *frame, size_t len)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	return !(e1000.mode & (DL_BROAD_REQ | DL_PROMISC_REQ)) && len >= 6 &&
	       memcmp(frame, bcast, 6) == 0;
}

/* LAB(netdriver) BEGIN: walk the receive ring (handouts/netdriver.md, "The rings") */
/* Give descriptor rx_next back to the card and move on. */
static void
rx_give_back(void)
{
	volatile struct e1000_rx_desc *d = &e1000.rx[e1000.rx_next];

	d->status = 0;
	e1000_write(E1000_RDT, e1000.rx_next);
	e1000.rx_next = (e1000.rx_next + 1) % E1000_RX_NR;
}

/* Is the filled descriptor d a frame to deliver? */
static int
rx_good(volatile struct e1000_rx_desc *d)
{
	return d->errors == 0 && (d->status & E1000_RXD_STAT_EOP) &&
	       d->length <= ETH_MAX_PACK_SIZE;
}

int
e1000_rx_frame(struct netdriver_data *data, size_t max)
{
	for (;;) {
		volatile struct e1000_rx_desc *d = &e1000.rx[e1000.rx_next];
		const uint8_t *frame;
		size_t len;
		int r;

		if (!(d->status & E1000_RXD_STAT_DD))
			return SUSPEND;
		__asm__ volatile("" ::: "memory");      /* the status before the data */
		if (!rx_good(d)) {
			e1000.stat.ets_recvErr++;
			rx_give_back();
			continue;
		}
		len = d->length < max ? d->length : max;
		frame = e1000.rx_buf + e1000.rx_next * E1000_BUF_SIZE;
		if (rx_unwanted(frame, len)) {
			rx_give_back();
			continue;
		}
		r = netdriver_copyout(data, 0, frame, len);
		rx_give_back();
		if (r != OK)
			return r;
		e1000.stat.ets_packetR++;
		return (int)len;
	}
}
/* LAB(netdriver) STUB */
//~ int
//~ e1000_rx_frame(struct netdriver_data *data, size_t max)
//~ {
//~ 	(void)data, (void)max;
//~ 	return -ENOSYS;		/* LAB(netdriver): e1000_rx_frame() is not implemented */
//~ }
/* LAB(netdriver) END */
