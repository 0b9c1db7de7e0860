/*
 * main.c - fxp, the driver of Intel's PRO/100 cards (the 8255x family: QEMU's i82557b,
 * i82559er and their relatives), one card per driver instance, on libnetdriver
 * (handouts/netdriver.md, "fxp").
 *
 * libnetdriver runs the loop and speaks the DL_ protocol; this file is the struct
 * netdriver it calls.  The first DL_CONF calls fxp_init: find instance N's card and
 * reserve it (probe.c), reset it, read its MAC address from the EEPROM (eeprom.c), set up
 * the command and receive rings (cu.c, ru.c), configure the chip, give it its address,
 * hook its IRQ and unmask its interrupts.  Every DL_CONF then sets the receive filter
 * (fxp_mode: a configure command).  Writes and reads go to cu.c and ru.c.
 *
 * Interrupts: the SCB's STAT/ACK byte says why; writing the same bits back acknowledges
 * them (the line is level-triggered and may be shared, so the driver acknowledges before
 * it unmasks the line again with sys_irqenable).  A finished frame or a stopped RU
 * retries the stored read; a finished command block the stored write.  The one-second
 * watchdog alarm does the same, in case an interrupt was lost.
 *
 * Statistics: frames sent and delivered, and bad frames, are counted by the driver; the
 * chip's own error counters are dumped and added at each DL_GETSTAT_S (cu.c).
 *
 * Entry point: main(), which hands the struct netdriver to netdriver_task().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "fxp.h"

struct fxp fxp;

/* Hook the card's IRQ line (once: libnetdriver may call fxp_init again, after a restart's
 * reset): OK or the kernel's error. */
static int
fxp_irq_init(void)
{
	static int hooked;
	int r;

	if (!hooked) {
		fxp.hook = FXP_HOOK_BIT;
		if ((r = sys_irqsetpolicy(fxp.irq, 0, &fxp.hook)) != OK)
			return r;
		hooked = 1;
	}
	return sys_irqenable(&fxp.hook);
}

/* Unmask the chip's interrupts (and mask CNA where the chip can: 82558 and later). */
static void
fxp_int_enable(void)
{
	fxp_outb(SCB_INTMASK, fxp.rev >= 4 ? INT_MASK_CNA | INT_MASK_FCP | INT_MASK_ER : 0);
}

/* ndr_init: the first DL_CONF.  OK and the MAC, or -ENXIO (no card) or another error. */
static int
fxp_init(unsigned int instance, uint8_t mac[ETH_ADDR_LEN])
{
	int r;

	if ((r = fxp_probe(instance)) != OK)
		return r;
	fxp_reset();
	fxp_eeprom_mac(fxp.mac);
	fxp_cu_init();
	fxp_ru_init();
	if ((r = fxp_cu_config(fxp.mode)) != OK || (r = fxp_cu_iasetup(fxp.mac)) != OK)
		return r;
	if ((r = fxp_irq_init()) != OK) {
		printf("%s: cannot hook IRQ %d: %d\n", fxp.chip, fxp.irq, r);
		return r;
	}
	fxp_int_enable();
	memcpy(mac, fxp.mac, ETH_ADDR_LEN);
	printf("%s: MAC %02x:%02x:%02x:%02x:%02x:%02x\n", fxp.chip, mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5]);
	return OK;
}

/* ndr_stop: mask the interrupts and stop both units (SIGTERM, a live update). */
static void
fxp_stop(void)
{
	if (fxp.port == 0)
		return;
	fxp_outb(SCB_INTMASK, INT_MASK_ALL);
	fxp_outl(SCB_PORT, PORT_SEL_RESET);
}

/* ndr_mode: the receive filter. */
static void
fxp_mode(unsigned int mode)
{
	int r;

	fxp.mode = mode;
	if ((r = fxp_cu_config(mode)) != OK)
		printf("%s: configure for mode 0x%x failed: %d\n", fxp.chip, mode, r);
}

/* ndr_stat: the driver's counters, with the chip's added. */
static void
fxp_stat(eth_stat_t *stat)
{
	fxp_cu_reclaim();
	fxp_cu_stat();
	*stat = fxp.stat;
}

/* Take back finished blocks, restart the RU if it stopped, retry what is stored. */
static void
fxp_poll(void)
{
	fxp_cu_reclaim();
	fxp_ru_check();
	netdriver_send();
	netdriver_recv();
}

/* ndr_intr: acknowledge the causes, then serve them. */
static void
fxp_intr(unsigned int mask)
{
	uint8_t stat;
	int r;

	if (!(mask & (1u << FXP_HOOK_BIT)) || fxp.port == 0)
		return;
	if ((stat = fxp_inb(SCB_STATACK) & STAT_ALL) != 0)
		fxp_outb(SCB_STATACK, stat);
	fxp_poll();
	if ((r = sys_irqenable(&fxp.hook)) != OK)
		printf("%s: cannot unmask IRQ %d: %d\n", fxp.chip, fxp.irq, r);
}

/* ndr_alarm: the watchdog. */
static void
fxp_alarm(uint32_t stamp)
{
	(void)stamp;
	if (fxp.port != 0)
		fxp_poll();
}

static const struct netdriver fxp_table = {
	.ndr_name = "fxp",
	.ndr_init = fxp_init,
	.ndr_stop = fxp_stop,
	.ndr_mode = fxp_mode,
	.ndr_send = fxp_cu_send,
	.ndr_recv = fxp_ru_recv,
	.ndr_stat = fxp_stat,
	.ndr_intr = fxp_intr,
	.ndr_alarm = fxp_alarm,
	.ndr_other = NULL,
};

int
main(void)
{
	netdriver_task(&fxp_table);
}
