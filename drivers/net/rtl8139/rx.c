/*
 * rx.c - the rtl8139 driver's receive ring (handouts/netdriver.md, "rtl8139").
 *
 * The chip writes every accepted frame into one ring of RX_RING (32 KiB) bytes at RBSTART:
 * a 4-byte header (status, then length including the 4-byte CRC), the frame, its CRC, then
 * padding to the next multiple of 4.  CBR is the offset the chip writes next; the driver
 * reads at rx_off, and tells the chip how far it has read by writing CAPR, which by the
 * chip's convention holds that offset minus 16.  The ring is empty when CBR equals rx_off.
 *
 * WRAP: RCR's WRAP bit is set, so a frame that reaches the end of the ring is written on
 * past it (into RX_SLACK, rtl8139.h) instead of continuing at the start; the next header
 * starts at the wrapped offset.  Every frame is therefore one contiguous piece of memory,
 * copied to the client in one netdriver_copyout.  A header never straddles the end either:
 * headers start at multiples of 4 and the ring's size is one.  (QEMU's model honours WRAP
 * for rings below 64 KiB only, one more reason for 32.)
 *
 * A bad frame is counted in the statistics (ets_recvErr, and ets_CRCerr / ets_frameAll by
 * its status bits) and never delivered.  If its header is still sound, ROK set and a
 * length the chip can store (at most 4 KiB with the CRC), the frame is only skipped: its
 * length is not that of an Ethernet frame (64..1518 with the CRC; QEMU's model stores a
 * longer frame the wire gives it).  Otherwise (no ROK, an error bit, an impossible length)
 * the length cannot be trusted to find the next header, and the receiver is restarted on
 * an empty ring (hw.c, rtl_rx_restart): the frames behind it are lost.
 *
 * Entry points: rtl_recv() (ndr_recv), rtl_rx_pending(), rtl_rx_header_ok().
 */
#include <stdio.h>
#include <minnow/errno.h>
#include "rtl8139.h"
#include "rtl8139_reg.h"

#define RXS_BAD         (RXS_FAE | RXS_CRC | RXS_LONG | RXS_RUNT | RXS_ISE)
#define RX_MIN_LEN      (ETH_MIN_PACK_SIZE + RX_CRC)
#define RX_MAX_LEN      (ETH_MAX_PACK_SIZE + RX_CRC)
#define RX_MAX_STORED   (4096 + RX_CRC)         /* the longest frame the chip stores */

/* Is there a frame at rx_off? */
int
rtl_rx_pending(void)
{
	return rtl.dma != NULL && rtl_in16(RTL_CBR) % RX_RING != rtl.rx_off;
}

/* Does the header describe a good frame? */
int
rtl_rx_header_ok(uint16_t status, uint16_t len)
{
	return (status & RXS_ROK) && !(status & RXS_BAD) && len >= RX_MIN_LEN &&
	       len <= RX_MAX_LEN;
}

/* Past the frame of len bytes at rx_off: tell the chip with CAPR. */
static void
rtl_rx_advance(uint16_t len)
{
	rtl.rx_off = ((rtl.rx_off + RX_HDR + len + RX_ALIGN - 1) & ~(RX_ALIGN - 1u)) % RX_RING;
	rtl_out16(RTL_CAPR, (rtl.rx_off - CAPR_BIAS) & 0xffff);
}

/* Count a bad frame; skip it if its header is sound, else start the ring again.  Is the
 * ring still usable (the frame skipped)? */
static int
rtl_rx_bad(uint16_t status, uint16_t len)
{
	int sound = (status & RXS_ROK) && !(status & RXS_BAD) && len >= RX_CRC &&
		    len <= RX_MAX_STORED;
	uint32_t off = rtl.rx_off;	/* where it was: a restart moves it */

	rtl.stat.ets_recvErr++;
	if (status & RXS_CRC)
		rtl.stat.ets_CRCerr++;
	if (status & RXS_FAE)
		rtl.stat.ets_frameAll++;
	if (!sound)
		rtl_rx_restart();	/* before the line: a test sends its next frame on it */
	printf("rtl8139: bad frame at ring offset %u (status 0x%04x, length %u): %s\n",
	       (unsigned)off, status, len, sound ? "skipped" : "receiver restarted");
	return sound;
}

/* ndr_recv: the next frame into the client's buffers; its size, SUSPEND if there is none,
 * or the copy's error (the frame then stays for the next read). */
int
rtl_recv(struct netdriver_data *data, size_t max)
{
	const volatile uint8_t *hdr;
	uint16_t status, len;
	size_t size;
	int r;

	for (;;) {
		if (!rtl_rx_pending())
			return SUSPEND;
		hdr = rtl.dma + rtl.rx_off;
		status = (uint16_t)(hdr[0] | hdr[1] << 8);
		len = (uint16_t)(hdr[2] | hdr[3] << 8);
		if (rtl_rx_header_ok(status, len))
			break;
		if (rtl_rx_bad(status, len))
			rtl_rx_advance(len);
	}
	size = len - RX_CRC;
	if (size > max)
		return -EINVAL;
	r = netdriver_copyout(data, 0, rtl.dma + rtl.rx_off + RX_HDR, size);
	if (r != OK)
		return r;
	rtl_rx_advance(len);
	rtl.stat.ets_packetR++;
	return (int)size;
}
