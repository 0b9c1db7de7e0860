/*
 * cu.c - the command unit: configure, individual-address setup, transmit, and the
 * statistics dump (handouts/netdriver.md, "fxp").
 *
 * The command blocks are a ring of FXP_NR_CB in the DMA area, each linked to the next for
 * good.  The driver fills the block at cb_head and gives it to the CU; blocks from cb_tail
 * to cb_head are the chip's until it sets their C bit, and fxp_cu_reclaim() takes the
 * finished ones back (counting each transmit, good or bad).  Every block carries the S
 * bit: the CU suspends after it.  Handing over a new block clears the S bit of the one
 * before and resumes the CU (CUC_RESUME); the very first block after a reset is a
 * CUC_START with its address.  So the CU runs through whatever is queued and waits at the
 * end, and the ring needs no end marker.
 *
 * A transmit uses the simplified mode: the frame is copied from the client's buffers
 * (netdriver_copyin) into the block itself, after a header that says "no buffer
 * descriptors" and the byte count; the chip adds the CRC.  When the ring is full the send
 * is SUSPENDed; blocks queued while the ring is half full or more carry the I bit, so the
 * CX interrupt of a finished one lets main.c retry the stored write.  Configure and IA
 * setup are the same blocks with their arguments after the link field; the driver waits
 * for them (fxp_cu_wait) since nothing may be sent before them.
 *
 * Configure: 22 bytes, the 8255x's documented defaults (byte 6: standard transmit blocks
 * and the 82557's 16 statistical counters on every chip; byte 8: MII; byte 18: pad short
 * frames, no CRC in received frames) with the receive filter of the DL_ mode in bytes 15
 * (promiscuous; broadcast refused unless asked) and 21 (every multicast).
 *
 * Statistics: fxp_cu_stat() has the CU dump its counters and zero them (CUC_DUMPRESET, to
 * the dump area whose address the reset loaded), and adds them to the driver's eth_stat_t.
 *
 * Entry points: fxp_cu_init(), fxp_cu_config(), fxp_cu_iasetup(), fxp_cu_send(),
 * fxp_cu_reclaim(), fxp_cu_stat().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "fxp.h"

#define CU_SPINS        100000  /* polls of a block's status before giving up */

static const uint8_t cfg_default[CFG_BYTES] = {
	CFG_BYTES, 0x08, 0x00, 0x00, 0x00, 0x00, 0x32, 0x03, 0x01, 0x00, 0x2e, 0x00,
	0x60, 0x00, 0xf2, 0x48, 0x00, 0x40, 0xf2, 0x80, 0x3f, 0x05,
};

/* Link the ring, point the dump address at the dump area. */
void
fxp_cu_init(void)
{
	unsigned int i;

	for (i = 0; i < FXP_NR_CB; i++) {
		fxp.dma->cb[i].status = 0;
		fxp.dma->cb[i].command = 0;
		fxp.dma->cb[i].link = FXP_PHYS(fxp.dma->cb[(i + 1) % FXP_NR_CB]);
	}
	fxp.cb_head = fxp.cb_tail = fxp.cb_used = 0;
	(void)fxp_scb_cmd(CUC_DUMPADDR, FXP_PHYS(fxp.dma->dump));
}

/* Take back the blocks the CU has finished. */
void
fxp_cu_reclaim(void)
{
	volatile struct fxp_cb *cb;

	while (fxp.cb_used > 0) {
		cb = &fxp.dma->cb[fxp.cb_tail];
		if (!(cb->status & CB_C))
			break;
		if ((cb->command & 0x7) == CB_CMD_TX) {
			if (cb->status & CB_OK)
				fxp.stat.ets_packetT++;
			else
				fxp.stat.ets_sendErr++;
		}
		cb->command = 0;
		fxp.cb_tail = (fxp.cb_tail + 1) % FXP_NR_CB;
		fxp.cb_used--;
	}
}

/* Hand the block at cb_head (its command word without S) to the CU: OK or -EIO. */
static int
cu_queue(uint16_t command)
{
	unsigned int i = fxp.cb_head, prev = (i + FXP_NR_CB - 1) % FXP_NR_CB;
	volatile struct fxp_cb *cb = &fxp.dma->cb[i];

	cb->status = 0;
	cb->command = command | CB_S;
	fxp.cb_head = (i + 1) % FXP_NR_CB;
	fxp.cb_used++;
	if (!fxp.cu_started) {
		fxp.cu_started = 1;
		return fxp_scb_cmd(CUC_START, FXP_PHYS(*cb));
	}
	fxp.dma->cb[prev].command &= (uint16_t)~CB_S;
	return fxp_scb_cmd(CUC_RESUME, 0);
}

/* Wait until the CU has finished the block before cb_head: OK or -EIO. */
static int
cu_wait(void)
{
	volatile struct fxp_cb *cb = &fxp.dma->cb[(fxp.cb_head + FXP_NR_CB - 1) % FXP_NR_CB];
	int i;

	for (i = 0; i < CU_SPINS; i++)
		if (cb->status & CB_C) {
			fxp_cu_reclaim();
			return OK;
		}
	printf("%s: a command block never completes\n", fxp.chip);
	return -EIO;
}

/* Make room for one block (the CU finishing the oldest): OK or -EIO. */
static int
cu_room(void)
{
	int i;

	for (i = 0; i < CU_SPINS; i++) {
		fxp_cu_reclaim();
		if (fxp.cb_used < FXP_NR_CB)
			return OK;
	}
	printf("%s: the command ring stays full\n", fxp.chip);
	return -EIO;
}

/* Run action command cmd with len bytes of argument; wait for it: OK or -EIO. */
static int
cu_action(uint16_t cmd, const uint8_t *arg, size_t len)
{
	volatile struct fxp_cb *cb;
	size_t i;
	int r;

	if ((r = cu_room()) != OK)
		return r;
	cb = &fxp.dma->cb[fxp.cb_head];
	for (i = 0; i < len; i++)
		((volatile uint8_t *)cb)[CB_ARG_OFFSET + i] = arg[i];
	if ((r = cu_queue(cmd)) != OK)
		return r;
	return cu_wait();
}

/* Configure the chip, its receive filter from mode (DL_*_REQ): OK or -EIO. */
int
fxp_cu_config(unsigned int mode)
{
	uint8_t cfg[CFG_BYTES];

	memcpy(cfg, cfg_default, sizeof(cfg));
	if (mode & DL_PROMISC_REQ)
		cfg[CFG_PROMISC_BYTE] |= CFG_PROMISC;
	if (!(mode & (DL_BROAD_REQ | DL_PROMISC_REQ)))
		cfg[CFG_PROMISC_BYTE] |= CFG_NO_BCAST;
	if (mode & (DL_MULTI_REQ | DL_PROMISC_REQ))
		cfg[CFG_MCAST_BYTE] |= CFG_MCAST_ALL;
	return cu_action(CB_CMD_CONFIG, cfg, sizeof(cfg));
}

/* Give the chip its individual (MAC) address: OK or -EIO. */
int
fxp_cu_iasetup(const uint8_t mac[ETH_ADDR_LEN])
{
	return cu_action(CB_CMD_IASETUP, mac, ETH_ADDR_LEN);
}

/* Queue one frame of size bytes from the client's buffers: OK, SUSPEND (the ring is full),
 * or the copy's error. */
int
fxp_cu_send(struct netdriver_data *data, size_t size)
{
	volatile struct fxp_cb *cb;
	uint16_t command = CB_CMD_TX;
	int r;

	fxp_cu_reclaim();
	if (fxp.cb_used == FXP_NR_CB)
		return SUSPEND;
	cb = &fxp.dma->cb[fxp.cb_head];
	if ((r = netdriver_copyin(data, 0, (void *)cb->data, size)) != OK)
		return r;
	cb->tbd_addr = TX_NO_TBD;
	cb->count = (uint16_t)(size | TX_EOF);
	cb->threshold = TX_THRESHOLD;
	cb->tbd_count = 0;
	if (fxp.cb_used >= FXP_NR_CB / 2)
		command |= CB_I;
	return cu_queue(command);
}

/* Add the chip's counters (dumped and zeroed) to the driver's. */
static void
cu_stat_add(const volatile struct fxp_dump *d)
{
	eth_stat_t *s = &fxp.stat;

	s->ets_transAb += d->tx_maxcol;
	s->ets_OWC += d->tx_latecol;
	s->ets_fifoUnder += d->tx_underrun;
	s->ets_carrSense += d->tx_lostcrs;
	s->ets_transDef += d->tx_deferred;
	s->ets_collision += d->tx_totalcol;
	s->ets_sendErr += d->tx_maxcol + d->tx_latecol + d->tx_underrun + d->tx_lostcrs;
	s->ets_CRCerr += d->rx_crc;
	s->ets_frameAll += d->rx_align;
	s->ets_missedP += d->rx_resource;
	s->ets_fifoOver += d->rx_overrun;
	s->ets_CDheartbeat += d->rx_cdt;
	s->ets_recvErr += d->rx_crc + d->rx_align + d->rx_overrun + d->rx_short;
}

/* Dump and zero the chip's counters, add them to fxp.stat. */
void
fxp_cu_stat(void)
{
	volatile struct fxp_dump *d = &fxp.dma->dump;
	int i;

	d->done = 0;
	if (fxp_scb_cmd(CUC_DUMPRESET, 0) != OK)
		return;
	for (i = 0; i < CU_SPINS; i++)
		if (d->done == DUMP_RESET_DONE) {
			cu_stat_add(d);
			return;
		}
	printf("%s: the statistics dump never completes\n", fxp.chip);
}
