/*
 * main.c - the e1000 driver (QEMU's -device e1000, Intel 82540EM 8086:100e, and the rest of
 * the 8254x family): its struct netdriver for libnetdriver, which runs the DL_ protocol
 * (handouts/netdriver.md, "e1000").
 *
 * ndr_init (the first DL_CONF): probe (probe.c), reset, MAC, both rings, interrupts on.
 * ndr_stop: interrupts off and a reset, so the card stops using the DMA memory.  An
 * interrupt reads the causes (which acknowledges them), notes a link change, reclaims sent
 * descriptors and lets the library retry its stored write and read, then unmasks the line.
 * The one-second watchdog folds the statistics registers into the counters, looks at the
 * link and retries the stored requests too (a lost interrupt costs a second, not a hang).
 *
 * Entry point: main().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "e1000.h"

struct e1000 e1000;

static int
ndr_init(unsigned int instance, uint8_t mac[ETH_ADDR_LEN])
{
	int r;

	if ((r = e1000_probe(instance)) != OK)
		return r;
	e1000_reset();
	if ((r = e1000_read_mac(e1000.mac)) != OK) {
		printf("e1000: cannot read the EEPROM (%d)\n", r);
		return r;
	}
	if ((r = e1000_rx_init()) != OK || (r = e1000_tx_init()) != OK)
		return r;
	e1000.link_up = -1;
	e1000_link();
	e1000_irq_on();
	sys_irqenable(&e1000.hook);
	memcpy(mac, e1000.mac, ETH_ADDR_LEN);
	return OK;
}

static void
ndr_stop(void)
{
	e1000_irq_off();
	e1000_write(E1000_RCTL, 0);
	e1000_write(E1000_TCTL, 0);
	e1000_reset();
}

static void
ndr_mode(unsigned int mode)
{
	e1000.mode = mode;
	e1000_set_mode(mode);
}

static int
ndr_send(struct netdriver_data *data, size_t size)
{
	return e1000_tx_frame(data, size);
}

static int
ndr_recv(struct netdriver_data *data, size_t max)
{
	return e1000_rx_frame(data, max);
}

static void
ndr_stat(eth_stat_t *stat)
{
	e1000_tx_reclaim();
	e1000_update_stats();
	*stat = e1000.stat;
}

/* Whatever an interrupt or the watchdog may have made possible. */
static void
progress(void)
{
	e1000_tx_reclaim();
	netdriver_send();
	netdriver_recv();
}

static void
ndr_intr(unsigned int mask)
{
	uint32_t causes;

	if (!(mask & (1u << 0)))
		return;
	causes = e1000_causes();
	if (causes & E1000_INT_LSC)
		e1000_link();
	if (causes & E1000_INT_RXO)
		e1000.stat.ets_OVW++;
	progress();
	sys_irqenable(&e1000.hook);
}

static void
ndr_alarm(uint32_t stamp)
{
	(void)stamp;
	e1000_update_stats();
	e1000_link();
	progress();
}

static const struct netdriver e1000_table = {
	.ndr_name = "e1000",
	.ndr_init = ndr_init,
	.ndr_stop = ndr_stop,
	.ndr_mode = ndr_mode,
	.ndr_send = ndr_send,
	.ndr_recv = ndr_recv,
	.ndr_stat = ndr_stat,
	.ndr_intr = ndr_intr,
	.ndr_alarm = ndr_alarm,
};

int
main(void)
{
	netdriver_task(&e1000_table);
}
