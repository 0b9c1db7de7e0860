/*
 * tx.c - the rtl8139 driver's four transmit buffers (handouts/netdriver.md, "rtl8139").
 *
 * The chip has four transmit slots, each a start address (TSAD0..3, set once to a
 * TX_BUF-byte buffer of the DMA area) and a status register (TSD0..3).  It sends them in
 * order 0, 1, 2, 3, 0... so the driver fills them round-robin: copy the frame into buffer
 * tx_next, write its size to TSD (which clears OWN and starts the transmit).  When the chip
 * is done it sets OWN and TOK (or an error bit) there and raises TOK or TER; rtl_tx_reap()
 * then frees buffers from tx_done on, in order, counting each.  With all four sending,
 * rtl_send answers SUSPEND and libnetdriver stores the write until a buffer is reaped.
 *
 * Not implemented: retrying an aborted transmit (TCR's CLRABT); QEMU never aborts one.
 *
 * Entry points: rtl_tx_init(), rtl_send() (ndr_send), rtl_tx_reap().
 */
#include <minnow/errno.h>
#include "rtl8139.h"
#include "rtl8139_reg.h"

#define TX_THRESHOLD    TSD_ERTXTH(8)   /* start on the wire after 256 bytes in the FIFO */

static uint8_t *
tx_buf(unsigned int i)
{
	return rtl.dma + RX_AREA + i * TX_BUF;
}

/* The transmitter's configuration and the buffers' addresses (after a reset). */
void
rtl_tx_init(void)
{
	unsigned int i;

	rtl_out32(RTL_TCR, TCR_MXDMA_2048 | TCR_IFG_STD);
	for (i = 0; i < TX_BUFS; i++)
		rtl_out32(RTL_TSAD0 + 4 * i, rtl.dma_phys + RX_AREA + i * TX_BUF);
	rtl.tx_next = rtl.tx_done = rtl.tx_busy = 0;
}

/* ndr_send: the frame of size bytes into the next buffer and on its way: OK, SUSPEND (all
 * four busy) or the copy's error. */
int
rtl_send(struct netdriver_data *data, size_t size)
{
	int r;

	if (rtl.tx_busy == TX_BUFS)
		return SUSPEND;
	if (size > TX_BUF)
		return -EINVAL;
	if ((r = netdriver_copyin(data, 0, tx_buf(rtl.tx_next), size)) != OK)
		return r;
	rtl_out32(RTL_TSD0 + 4 * rtl.tx_next, (uint32_t)size | TX_THRESHOLD);
	rtl.tx_next = (rtl.tx_next + 1) % TX_BUFS;
	rtl.tx_busy++;
	return OK;
}

/* Count one finished transmit by its status. */
static void
rtl_tx_count(uint32_t tsd)
{
	eth_stat_t *s = &rtl.stat;

	if (tsd & TSD_TOK)
		s->ets_packetT++;
	if (tsd & (TSD_TUN | TSD_TABT))
		s->ets_sendErr++;
	if (tsd & TSD_TUN)
		s->ets_fifoUnder++;
	if (tsd & TSD_TABT)
		s->ets_transAb++;
	if (tsd & TSD_CRS)
		s->ets_carrSense++;
	if (tsd & TSD_OWC)
		s->ets_OWC++;
	if (tsd & TSD_CDH)
		s->ets_CDheartbeat++;
	s->ets_collision += TSD_NCC(tsd);
}

/* Free the buffers the chip is done with, oldest first: how many. */
int
rtl_tx_reap(void)
{
	uint32_t tsd;
	int n = 0;

	while (rtl.tx_busy > 0) {
		tsd = rtl_in32(RTL_TSD0 + 4 * rtl.tx_done);
		if (!(tsd & (TSD_TOK | TSD_TUN | TSD_TABT)))
			break;
		rtl_tx_count(tsd);
		rtl.tx_done = (rtl.tx_done + 1) % TX_BUFS;
		rtl.tx_busy--;
		n++;
	}
	return n;
}
