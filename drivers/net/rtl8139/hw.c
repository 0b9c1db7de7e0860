/*
 * hw.c - the rtl8139 driver's chip control (handouts/netdriver.md, "rtl8139"): port
 * access, reset, receive modes, interrupts, the watchdog and the statistics.
 *
 * Ports: every register is a kernel call (sys_inb .. sys_outl) on BAR0's base plus the
 * offset (rtl8139_reg.h); the kernel allows them once the PCI server has reserved the card
 * for this driver.  A refused port access is a driver bug or lost privileges: a panic.
 *
 * Reset (rtl_reset): unlock the configuration registers to power the chip on (CONFIG1 0),
 * start its clock (HLTCLR 'R': QEMU's model then holds frames back while the ring is full
 * instead of dropping them), then CR's RST bit, which clears itself when done.  The
 * transmitter is set up once (TCR, the four TSAD registers, tx.c); the receiver by
 * rtl_rx_restart, on every mode change and after a bad frame: receiver off, RBSTART, RCR
 * (ring size, WRAP, the accept bits of the mode), CAPR to the ring's start, receiver on.
 * Writing RCR restarts the chip's ring pointers, so the driver's own read offset goes back
 * to 0 too; frames still in the ring are dropped.
 *
 * Interrupts (rtl_intr): read ISR, write the same bits back (acknowledging them), count the
 * receive errors (RER, FOVW FIFO overflow) and ring overflows (RXOVW: ets_OVW only, since
 * the frames lost are in the missed-packet counter, and QEMU's model does not lose the
 * frame: it sets RXOVW and offers the frame again later), let libnetdriver retry a
 * stored read after any receive event and a stored write after TOK/TER (the transmit
 * buffers are reaped first); repeat while ISR shows work, then unmask the IRQ line.  IMR
 * holds ROK, RER, TOK, TER, FOVW, PUN and SERR; not RXOVW: with it masked, QEMU's model
 * stops taking frames from the network while the ring is full rather than dropping them
 * (the chip still sets it in ISR, and it is still counted).
 *
 * The watchdog (rtl_alarm, once a second) does the same work as a lost interrupt would.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "rtl8139.h"
#include "rtl8139_reg.h"

#define RESET_POLLS     100000          /* reads of CR before giving up on a reset */
#define INTR_ROUNDS     16              /* ISR rounds per interrupt */
#define RTL_INTS        (INT_ROK | INT_RER | INT_TOK | INT_TER | INT_FOVW | INT_PUN | \
			 INT_SERR)

uint32_t
rtl_in8(uint32_t reg)
{
	uint32_t v = 0;

	if (sys_inb(rtl.port + reg, &v) != OK)
		panic("rtl_in8: port 0x%x refused", rtl.port + reg);
	return v & 0xff;
}

uint32_t
rtl_in16(uint32_t reg)
{
	uint32_t v = 0;

	if (sys_inw(rtl.port + reg, &v) != OK)
		panic("rtl_in16: port 0x%x refused", rtl.port + reg);
	return v & 0xffff;
}

uint32_t
rtl_in32(uint32_t reg)
{
	uint32_t v = 0;

	if (sys_inl(rtl.port + reg, &v) != OK)
		panic("rtl_in32: port 0x%x refused", rtl.port + reg);
	return v;
}

void
rtl_out8(uint32_t reg, uint32_t value)
{
	if (sys_outb(rtl.port + reg, value & 0xff) != OK)
		panic("rtl_out8: port 0x%x refused", rtl.port + reg);
}

void
rtl_out16(uint32_t reg, uint32_t value)
{
	if (sys_outw(rtl.port + reg, value & 0xffff) != OK)
		panic("rtl_out16: port 0x%x refused", rtl.port + reg);
}

void
rtl_out32(uint32_t reg, uint32_t value)
{
	if (sys_outl(rtl.port + reg, value) != OK)
		panic("rtl_out32: port 0x%x refused", rtl.port + reg);
}

/* Power the chip on and reset it; interrupts masked and clear: OK or -EIO. */
int
rtl_reset(void)
{
	int i;

	rtl_out8(RTL_9346CR, 0xc0);
	rtl_out8(RTL_CONFIG1, 0);
	rtl_out8(RTL_9346CR, 0);
	rtl_out8(RTL_HLTCLR, 'R');
	rtl_out8(RTL_CR, CR_RST);
	for (i = 0; i < RESET_POLLS && (rtl_in8(RTL_CR) & CR_RST); i++)
		;
	if (rtl_in8(RTL_CR) & CR_RST) {
		printf("rtl8139: the chip does not come out of reset\n");
		return -EIO;
	}
	rtl_out16(RTL_IMR, 0);
	rtl_out16(RTL_ISR, 0xffff);
	rtl_out32(RTL_MPC, 0);
	return OK;
}

/* The station address from IDR0..5. */
void
rtl_read_mac(uint8_t mac[6])
{
	int i;

	for (i = 0; i < 6; i++)
		mac[i] = rtl_in8(RTL_IDR0 + i);
}

/* RCR for the mode in force: our own address always, the rest as DL_CONF asked. */
static uint32_t
rtl_rcr(void)
{
	uint32_t rcr = RCR_APM | RCR_WRAP | RCR_MXDMA_UNL | RCR_RBLEN(RX_RING_LOG) |
		       RCR_RXFTH_NONE;

	if (rtl.mode & DL_PROMISC_REQ)
		rcr |= RCR_AAP | RCR_AM | RCR_AB;
	if (rtl.mode & DL_MULTI_REQ)
		rcr |= RCR_AM;
	if (rtl.mode & DL_BROAD_REQ)
		rcr |= RCR_AB;
	return rcr;
}

/* Restart the receiver on an empty ring (every mode change, and after a bad frame). */
void
rtl_rx_restart(void)
{
	rtl_out8(RTL_CR, CR_TE);
	rtl_out32(RTL_RBSTART, rtl.dma_phys);
	rtl_out32(RTL_RCR, rtl_rcr());
	rtl.rx_off = 0;
	rtl_out16(RTL_CAPR, (0u - CAPR_BIAS) & 0xffff);
	rtl_out8(RTL_CR, CR_RE | CR_TE);
	rtl_out16(RTL_IMR, RTL_INTS);
}

/* ndr_mode: the receive filter for DL_*_REQ bits; MAR passes every multicast group. */
void
rtl_set_mode(unsigned int mode)
{
	int i;

	rtl.mode = mode;
	for (i = 0; i < 8; i++)
		rtl_out8(RTL_MAR0 + i, (mode & (DL_MULTI_REQ | DL_PROMISC_REQ)) ? 0xff : 0);
	rtl_rx_restart();
}

/* ndr_stop: receiver and transmitter off, interrupts masked (SIGTERM, live update). */
void
rtl_halt(void)
{
	if (rtl.port == 0)
		return;
	rtl_out16(RTL_IMR, 0);
	rtl_out8(RTL_CR, 0);
	rtl_out16(RTL_ISR, 0xffff);
}

/* Count the receive errors ISR reports. */
static void
rtl_rx_errors(uint32_t isr)
{
	if (isr & INT_RER)
		rtl.stat.ets_recvErr++;
	if (isr & INT_RXOVW)
		rtl.stat.ets_OVW++;     /* the ring was full; lost frames are in MPC */
	if (isr & INT_FOVW) {
		rtl.stat.ets_recvErr++;
		rtl.stat.ets_fifoOver++;
	}
}

/* ndr_intr: acknowledge and handle what ISR shows, then unmask the IRQ line. */
void
rtl_intr(unsigned int mask)
{
	uint32_t isr;
	int round, r;

	if (!(mask & (1u << RTL_HOOK_BIT)) || rtl.port == 0)
		return;
	for (round = 0; round < INTR_ROUNDS; round++) {
		if ((isr = rtl_in16(RTL_ISR)) == 0)
			break;
		rtl_out16(RTL_ISR, isr);
		rtl_rx_errors(isr);
		if (isr & INT_TX) {
			rtl_tx_reap();
			netdriver_send();
		}
		if ((isr & INT_RX) || rtl_rx_pending())
			netdriver_recv();
	}
	if ((r = sys_irqenable(&rtl.hook)) != OK)
		panic("rtl_intr: sys_irqenable: %d", r);
}

/* ndr_alarm: what a lost interrupt would have done. */
void
rtl_alarm(uint32_t stamp)
{
	(void)stamp;
	if (rtl.port == 0)
		return;
	if (rtl_tx_reap() > 0)
		netdriver_send();
	if (rtl_rx_pending())
		netdriver_recv();
}

/* ndr_stat: the counters, with the chip's missed-packet count folded in. */
void
rtl_stat(eth_stat_t *stat)
{
	if (rtl.port != 0) {
		rtl.stat.ets_missedP += rtl_in32(RTL_MPC) & 0xffffff;
		rtl_out32(RTL_MPC, 0);
	}
	*stat = rtl.stat;
}
