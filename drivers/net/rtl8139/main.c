/*
 * main.c - the rtl8139 driver (labels rtl8139_N): a Realtek 8139 (QEMU's `-device rtl8139`,
 * PCI 10ec:8139, and the clones etc/system.conf names) behind the DL_ protocol
 * (minnow/dl.h; handouts/netdriver.md, "rtl8139").
 *
 * libnetdriver (minnow/netdriver.h) runs the loop: SEF start-up, the DS announcement
 * `drv.net.<label>`, the caller check, dropping DL_ requests until the first DL_CONF, the
 * checked copy of each vector, storing a write or read that cannot finish now.  This file
 * gives it the card's code:
 *   ndr_init   rtl_init(): find instance N's card (probe.c), reserve it, map the DMA area,
 *              reset the chip, hook its IRQ; the MAC from IDR0..5
 *   ndr_mode   rtl_set_mode() (hw.c): RCR's AAP / AM / AB bits, APM always
 *   ndr_send   rtl_send() (tx.c), ndr_recv rtl_recv() (rx.c)
 *   ndr_intr   rtl_intr(), ndr_alarm rtl_alarm(), ndr_stat rtl_stat(), ndr_stop rtl_halt()
 *
 * Entry point: main().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "rtl8139.h"

struct rtl_card rtl;

/* Hook the card's IRQ line (once) and unmask it; rtl_intr() unmasks it again after each
 * interrupt, once the chip is acknowledged. */
static int
rtl_irq_init(void)
{
	int r;

	if (!rtl.hooked) {
		rtl.hook = RTL_HOOK_BIT;
		if ((r = sys_irqsetpolicy(rtl.irq, 0, &rtl.hook)) != OK)
			return r;
		rtl.hooked = 1;
	}
	return sys_irqenable(&rtl.hook);     /* an interrupt dropped while stopped left it off */
}

/* ndr_init: find, reserve and start instance N's card; its MAC into mac.  libnetdriver
 * calls it again in the same process after a restart (to stop the card the dead instance
 * left, then at the next DL_CONF): the card found, the DMA area and the IRQ hook stay. */
static int
rtl_init(unsigned int instance, uint8_t mac[ETH_ADDR_LEN])
{
	int r;

	if (rtl.port == 0 && (r = rtl_probe(instance)) != OK)
		return r;
	if ((r = rtl_dma_alloc()) != OK) {
		printf("rtl8139: no DMA memory from VM (%d)\n", r);
		return r;
	}
	if ((r = rtl_reset()) != OK)
		return r;
	rtl_read_mac(mac);
	rtl_set_mode(DL_NOMODE);             /* the receiver, and CR's TE for rtl_tx_init */
	rtl_tx_init();
	if ((r = rtl_irq_init()) != OK) {
		printf("rtl8139: cannot hook IRQ %d (%d)\n", rtl.irq, r);
		return r;
	}
	printf("rtl8139: %04x:%04x at port 0x%x, IRQ %d, MAC %02x:%02x:%02x:%02x:%02x:%02x\n",
	       rtl.vid, rtl.did, rtl.port, rtl.irq, mac[0], mac[1], mac[2], mac[3], mac[4],
	       mac[5]);
	return OK;
}

static const struct netdriver rtl_table = {
	.ndr_name = "rtl8139",
	.ndr_init = rtl_init,
	.ndr_stop = rtl_halt,
	.ndr_mode = rtl_set_mode,
	.ndr_send = rtl_send,
	.ndr_recv = rtl_recv,
	.ndr_stat = rtl_stat,
	.ndr_intr = rtl_intr,
	.ndr_alarm = rtl_alarm,
	.ndr_other = NULL,
};

int
main(void)
{
	netdriver_task(&rtl_table);
}
