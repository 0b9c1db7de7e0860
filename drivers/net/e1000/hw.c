/*
 * hw.c - the e1000's register layer (handouts/netdriver.md, "e1000"): register access
 * through the mapped BAR0, reset, the MAC address from the EEPROM, the receive filter, the
 * link status, the statistics counters and the interrupt causes.  The rings are rx.c's and
 * tx.c's; this file knows nothing of descriptors.
 *
 * Reset sets CTRL.RST (the card clears it when done), then asks for the link (CTRL.SLU,
 * with speed detection), masks every interrupt and reads ICR to drop stale causes.  The MAC
 * address is EEPROM words 0..2, read one at a time through EERD; it goes into receive
 * address 0 (RAL0/RAH0, valid bit set), the one unicast address the filter accepts
 * without RCTL.UPE.  The statistics registers clear when read, so e1000_update_stats()
 * adds them to the instance's counters (the watchdog and DL_GETSTAT_S call it).
 *
 * Entry points: e1000_read(), e1000_write(), e1000_reset(), e1000_read_mac(),
 * e1000_set_mode(), e1000_link(), e1000_update_stats(), e1000_causes(), e1000_irq_on(),
 * e1000_irq_off().
 */
#include <stdio.h>
#include <minnow/errno.h>
#include "e1000.h"

#define EERD_TRIES      100000          /* polls of EERD.DONE before giving up */
#define RESET_TRIES     100000          /* polls of CTRL.RST */

/* The causes the driver handles. */
#define E1000_INT_MINE  (E1000_INT_TXDW | E1000_INT_TXQE | E1000_INT_LSC | E1000_INT_RXDMT0 | \
			 E1000_INT_RXO | E1000_INT_RXT0)

uint32_t
e1000_read(uint32_t reg)
{
	return *(volatile uint32_t *)(e1000.regs + reg);
}

void
e1000_write(uint32_t reg, uint32_t value)
{
	*(volatile uint32_t *)(e1000.regs + reg) = value;
}

void
e1000_reset(void)
{
	eth_stat_t keep;
	int i;

	e1000_write(E1000_IMC, ~0u);
	e1000_write(E1000_CTRL, e1000_read(E1000_CTRL) | E1000_CTRL_RST);
	for (i = 0; i < RESET_TRIES && (e1000_read(E1000_CTRL) & E1000_CTRL_RST); i++)
		;
	e1000_write(E1000_CTRL, e1000_read(E1000_CTRL) | E1000_CTRL_SLU | E1000_CTRL_ASDE);
	e1000_write(E1000_IMC, ~0u);
	(void)e1000_read(E1000_ICR);
	for (i = 0; i < E1000_MTA_NR; i++)
		e1000_write(E1000_MTA + 4 * i, 0);
	keep = e1000.stat;              /* counts from before the reset are not ours */
	e1000_update_stats();
	e1000.stat = keep;
}

/* One EEPROM word through EERD: OK and *word, or EIO (no answer). */
static int
eeprom_read(unsigned int addr, uint16_t *word)
{
	uint32_t v = 0;
	int i;

	e1000_write(E1000_EERD, E1000_EERD_ADDR(addr) | E1000_EERD_START);
	for (i = 0; i < EERD_TRIES; i++)
		if ((v = e1000_read(E1000_EERD)) & E1000_EERD_DONE)
			break;
	if (i == EERD_TRIES)
		return -EIO;
	*word = E1000_EERD_DATA(v);
	return OK;
}

int
e1000_read_mac(uint8_t mac[6])
{
	uint16_t w;
	int i, r;

	for (i = 0; i < 3; i++) {
		if ((r = eeprom_read(i, &w)) != OK)
			return r;
		mac[2 * i] = w & 0xff;
		mac[2 * i + 1] = w >> 8;
	}
	e1000_write(E1000_RAL0, mac[0] | mac[1] << 8 | mac[2] << 16 | (uint32_t)mac[3] << 24);
	e1000_write(E1000_RAH0, mac[4] | mac[5] << 8 | E1000_RAH_AV);
	return OK;
}

void
e1000_set_mode(unsigned int mode)
{
	uint32_t rctl = e1000_read(E1000_RCTL);

	rctl &= ~(E1000_RCTL_UPE | E1000_RCTL_MPE | E1000_RCTL_BAM);
	if (mode & DL_PROMISC_REQ)
		rctl |= E1000_RCTL_UPE | E1000_RCTL_MPE;
	if (mode & DL_MULTI_REQ)
		rctl |= E1000_RCTL_MPE;
	if (mode & DL_BROAD_REQ)
		rctl |= E1000_RCTL_BAM;
	e1000_write(E1000_RCTL, rctl);
}

int
e1000_link(void)
{
	uint32_t st = e1000_read(E1000_STATUS);
	static const int speed[4] = { 10, 100, 1000, 1000 };
	int up = (st & E1000_STATUS_LU) != 0;

	if (up != e1000.link_up) {
		if (up)
			printf("e1000: link up, %d Mb/s, %s duplex\n", speed[E1000_STATUS_SPEED(st)],
			       (st & E1000_STATUS_FD) ? "full" : "half");
		else
			printf("e1000: link down\n");
	}
	e1000.link_up = up;
	return up;
}

void
e1000_update_stats(void)
{
	eth_stat_t *s = &e1000.stat;
	uint32_t crc = e1000_read(E1000_CRCERRS), algn = e1000_read(E1000_ALGNERRC);
	uint32_t rxerr = e1000_read(E1000_RXERRC), roc = e1000_read(E1000_ROC);
	uint32_t ruc = e1000_read(E1000_RUC), mpc = e1000_read(E1000_MPC);
	uint32_t ecol = e1000_read(E1000_ECOL), latecol = e1000_read(E1000_LATECOL);

	s->ets_CRCerr += crc;
	s->ets_frameAll += algn;
	s->ets_recvErr += crc + algn + rxerr + roc + ruc;
	s->ets_missedP += mpc;
	s->ets_fifoOver += mpc;
	s->ets_transAb += ecol;
	s->ets_OWC += latecol;
	s->ets_sendErr += ecol + latecol;
	s->ets_collision += e1000_read(E1000_COLC);
	s->ets_transDef += e1000_read(E1000_DC);
	s->ets_carrSense += e1000_read(E1000_TNCRS);
	(void)e1000_read(E1000_RNBC);   /* the ring was full: counted by MPC when dropped */
	(void)e1000_read(E1000_GPRC);   /* frames are counted as delivered / sent (rx.c, tx.c) */
	(void)e1000_read(E1000_GPTC);
}

uint32_t
e1000_causes(void)
{
	return e1000_read(E1000_ICR);
}

void
e1000_irq_on(void)
{
	e1000_write(E1000_IMS, E1000_INT_MINE);
}

void
e1000_irq_off(void)
{
	e1000_write(E1000_IMC, ~0u);
}
