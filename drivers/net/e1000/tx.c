/*
 * tx.c - the e1000's transmit ring (handouts/netdriver.md, "e1000"): E1000_TX_NR legacy
 * descriptors, each with one 2 KiB buffer of the driver's DMA memory.
 *
 * A frame is copied from the client's buffers into the buffer of descriptor tx_tail, the
 * descriptor says its length and "end of packet, insert the CRC, report status", and
 * moving TDT past it hands it to the card.  The card sends from TDH up to TDT and sets DD in
 * each descriptor it is done with; e1000_tx_reclaim() walks from tx_clean over those and
 * counts them sent.  The ring is full when the descriptor after tx_tail is tx_clean (one
 * stays empty, so that head equal to tail means "nothing to send"): the frame waits, the
 * request is stored (SUSPEND), and the transmit interrupt retries it.
 *
 * The ring's bring-up, send and reclaim are the netdriver lab's (labs/netdriver;
 * handouts/netdriver.md, "The netdriver lab").
 *
 * Entry points: e1000_tx_init(), e1000_tx_frame(), e1000_tx_reclaim().
 */
#include <stdio.h>
#include <minnow/errno.h>
#include "e1000.h"

int
e1000_tx_init(void)
{
	/* LAB(netdriver) BEGIN: bring the transmit ring up (handouts/netdriver.md, "The rings") */
	for (unsigned int i = 0; i < E1000_TX_NR; i++) {
		e1000.tx[i].buffer = e1000.tx_buf_phys + i * E1000_BUF_SIZE;
		e1000.tx[i].cmd = 0;
		e1000.tx[i].status = 0;
		e1000.tx[i].length = 0;
	}
	e1000.tx_tail = e1000.tx_clean = 0;
	e1000_write(E1000_TDBAL, e1000.tx_phys);
	e1000_write(E1000_TDBAH, 0);
	e1000_write(E1000_TDLEN, E1000_TX_NR * sizeof(struct e1000_tx_desc));
	e1000_write(E1000_TDH, 0);
	e1000_write(E1000_TDT, 0);
	e1000_write(E1000_TIPG, E1000_TIPG_DEFAULT);
	e1000_write(E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP | E1000_TCTL_CT(0x0f) |
		    E1000_TCTL_COLD(0x40));
	return OK;
	/* LAB(netdriver) STUB */
	//~ printf("e1000: LAB(netdriver): e1000_tx_init() is not implemented\n");
	//~ return -ENOSYS;
	/* LAB(netdriver) END */
}

/* LAB(netdriver) BEGIN: reclaim, and send a frame (handouts/netdriver.md, "The rings") */
void
e1000_tx_reclaim(void)
{
	while (e1000.tx_clean != e1000.tx_tail) {
		volatile struct e1000_tx_desc *d = &e1000.tx[e1000.tx_clean];

		if (!(d->status & E1000_TXD_STAT_DD))
			break;
		e1000.stat.ets_packetT++;
		e1000.tx_clean = (e1000.tx_clean + 1) % E1000_TX_NR;
	}
}

int
e1000_tx_frame(struct netdriver_data *data, size_t size)
{
	unsigned int next = (e1000.tx_tail + 1) % E1000_TX_NR;
	volatile struct e1000_tx_desc *d = &e1000.tx[e1000.tx_tail];
	int r;

	e1000_tx_reclaim();
	if (next == e1000.tx_clean)
		return SUSPEND;
	r = netdriver_copyin(data, 0, e1000.tx_buf + e1000.tx_tail * E1000_BUF_SIZE, size);
	if (r != OK)
		return r;
	d->length = (uint16_t)size;
	d->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	d->status = 0;
	__asm__ volatile("" ::: "memory");      /* the descriptor before the tail moves */
	e1000.tx_tail = next;
	e1000_write(E1000_TDT, next);
	return OK;
}
/* LAB(netdriver) STUB */
//~ void
//~ e1000_tx_reclaim(void)
//~ {
//~ 	/* LAB(netdriver): e1000_tx_reclaim() is not implemented */
//~ }
//~
//~ int
//~ e1000_tx_frame(struct netdriver_data *data, size_t size)
//~ {
//~ 	(void)data, (void)size;
//~ 	return -ENOSYS;		/* LAB(netdriver): e1000_tx_frame() is not implemented */
//~ }
/* LAB(netdriver) END */
