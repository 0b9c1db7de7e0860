/*
 * ru.c - the receive unit: the ring of receive frame descriptors and the receive filter
 * (handouts/netdriver.md, "fxp").
 *
 * FXP_NR_RFD descriptors in the DMA area are linked in a ring; each holds one frame after
 * its header (the simplified mode).  The RU fills them in order from the one the RU start
 * command named, and stops (RU state "no resources", the RNR interrupt) after filling the
 * one whose command word has the EL bit.  The driver reads them in the same order from
 * rfd_head: a descriptor with the C bit is a frame.  Giving a descriptor back (rfd_recycle)
 * clears its status, gives it the EL bit and takes the bit from rfd_last, the previous end:
 * the free descriptors always run from the RU's position to the one with EL.  When the RU
 * has stopped and the descriptor at rfd_head is free again, fxp_ru_check() restarts it
 * there; frames that arrive while it is stopped are the chip's "resource errors" (the
 * statistics' missed frames).
 *
 * A frame is delivered (netdriver_copyout into the client's buffers) only if the chip says
 * it arrived whole and well (RFD_OK), it is 14 to 1514 bytes long, and the DL_ mode wants
 * it: every frame when promiscuous; a broadcast frame with DL_BROAD_REQ, another multicast
 * one with DL_MULTI_REQ, a unicast one if it is for the card's address.  The chip filters
 * too (configure bytes 15 and 21, cu.c), but not every 8255x model refuses broadcasts when
 * told (QEMU's accept them all), so the driver checks again.  A bad frame is counted in
 * ets_recvErr (and ets_CRCerr, ets_frameAll... by the status's bits) and dropped; a frame
 * the filter drops is not counted.
 *
 * Entry points: fxp_ru_init(), fxp_ru_recv(), fxp_ru_check().
 */
#include <string.h>
#include <minnow/errno.h>
#include "fxp.h"

#define ETH_HDR_LEN     14      /* destination, source, type */
#define RFD_NO_RBD      0xffffffffu

/* Link the descriptors, all free, the last with EL; start the RU at the first. */
void
fxp_ru_init(void)
{
	volatile struct fxp_rfd *rfd;
	unsigned int i;

	for (i = 0; i < FXP_NR_RFD; i++) {
		rfd = &fxp.dma->rfd[i];
		rfd->status = 0;
		rfd->command = i == FXP_NR_RFD - 1 ? RFD_EL : 0;
		rfd->link = FXP_PHYS(fxp.dma->rfd[(i + 1) % FXP_NR_RFD]);
		rfd->rbd_addr = RFD_NO_RBD;
		rfd->count = 0;
		rfd->size = FXP_RFD_BUF;
	}
	fxp.rfd_head = 0;
	fxp.rfd_last = FXP_NR_RFD - 1;
	(void)fxp_scb_cmd(RUC_START, FXP_PHYS(fxp.dma->rfd[0]));
}

/* Give the descriptor at rfd_head back to the RU and move on. */
static void
rfd_recycle(void)
{
	volatile struct fxp_rfd *rfd = &fxp.dma->rfd[fxp.rfd_head];

	rfd->count = 0;
	rfd->status = 0;
	rfd->command = RFD_EL;
	fxp.dma->rfd[fxp.rfd_last].command = 0;
	fxp.rfd_last = fxp.rfd_head;
	fxp.rfd_head = (fxp.rfd_head + 1) % FXP_NR_RFD;
}

/* Count a frame the chip marked bad (or one of an impossible size). */
static void
rfd_bad(uint16_t status)
{
	fxp.stat.ets_recvErr++;
	if (status & RFD_CRC)
		fxp.stat.ets_CRCerr++;
	if (status & RFD_ALIGN)
		fxp.stat.ets_frameAll++;
	if (status & RFD_OVERRUN)
		fxp.stat.ets_fifoOver++;
}

/* Does the DL_ mode want a frame for destination dst? */
static int
ru_wanted(const volatile uint8_t *dst)
{
	static const uint8_t bcast[ETH_ADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t d[ETH_ADDR_LEN];
	int i;

	if (fxp.mode & DL_PROMISC_REQ)
		return 1;
	for (i = 0; i < ETH_ADDR_LEN; i++)
		d[i] = dst[i];
	if (memcmp(d, bcast, ETH_ADDR_LEN) == 0)
		return (fxp.mode & DL_BROAD_REQ) != 0;
	if (d[0] & 1)
		return (fxp.mode & DL_MULTI_REQ) != 0;
	return memcmp(d, fxp.mac, ETH_ADDR_LEN) == 0;
}

/* The next good, wanted frame into the client's buffers (at most max bytes): its size,
 * SUSPEND if there is none, or the copy's error (the frame is dropped then). */
int
fxp_ru_recv(struct netdriver_data *data, size_t max)
{
	volatile struct fxp_rfd *rfd;
	uint16_t status;
	size_t size;
	int r;

	for (;;) {
		rfd = &fxp.dma->rfd[fxp.rfd_head];
		if (!((status = rfd->status) & RFD_C)) {
			fxp_ru_check();
			return SUSPEND;
		}
		size = rfd->count & RFD_COUNT_MASK;
		if (!(status & RFD_OK) || size < ETH_HDR_LEN || size > ETH_MAX_PACK_SIZE) {
			rfd_bad(status);
			rfd_recycle();
			continue;
		}
		if (!ru_wanted(rfd->data)) {
			rfd_recycle();
			continue;
		}
		if (size > max)
			size = max;
		r = netdriver_copyout(data, 0, (const void *)rfd->data, size);
		rfd_recycle();
		if (r != OK)
			return r;
		fxp.stat.ets_packetR++;
		return (int)size;
	}
}

/* Restart the RU if it has stopped and the descriptor at rfd_head is free. */
void
fxp_ru_check(void)
{
	if ((fxp_inb(SCB_STATUS) & SCB_RUS_MASK) == SCB_RUS_READY)
		return;
	if (fxp.dma->rfd[fxp.rfd_head].status & RFD_C)
		return;
	(void)fxp_scb_cmd(RUC_START, FXP_PHYS(fxp.dma->rfd[fxp.rfd_head]));
}
