/*
 * e1000.h - what the e1000 driver's files share (drivers/net/e1000; handouts/netdriver.md,
 * "e1000"): the one card an instance drives, and each file's functions.
 *
 * The files: main.c (the struct netdriver and its entry points), probe.c (finding,
 * reserving and mapping the card, the DMA memory), hw.c (the register layer: reset, EEPROM
 * and MAC, receive filter, link, statistics, interrupt causes), rx.c and tx.c (the rings).
 */
#ifndef E1000_H
#define E1000_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/netdriver.h>
#include "e1000_reg.h"

#define E1000_RX_NR     256             /* receive descriptors (a multiple of 8) */
#define E1000_TX_NR     64              /* transmit descriptors (a multiple of 8) */
#define E1000_BUF_SIZE  2048            /* bytes of each receive and transmit buffer */

/** The card of this instance. */
struct e1000 {
	int devind;                     /**< the PCI server's index of the card */
	volatile uint8_t *regs;         /**< BAR0, mapped */
	int irq;                        /**< its interrupt line */
	int hook;                       /**< the kernel's IRQ hook id */
	uint8_t mac[6];                 /**< from the EEPROM */
	int link_up;                    /**< STATUS.LU when last looked at */
	unsigned int mode;              /**< DL_*_REQ bits of the last DL_CONF */

	struct e1000_rx_desc *rx;       /**< the receive ring */
	uint32_t rx_phys;	/**< (see the descriptor layout) */
	uint8_t *rx_buf;                /**< E1000_RX_NR buffers */
	uint32_t rx_buf_phys;	/**< (see the descriptor layout) */
	unsigned int rx_next;           /**< the next descriptor the card fills */

	struct e1000_tx_desc *tx;       /**< the transmit ring */
	uint32_t tx_phys;	/**< (see the descriptor layout) */
	uint8_t *tx_buf;                /**< E1000_TX_NR buffers */
	uint32_t tx_buf_phys;	/**< (see the descriptor layout) */
	unsigned int tx_tail;           /**< the next free descriptor (TDT) */
	unsigned int tx_clean;          /**< the oldest descriptor not yet reclaimed */

	eth_stat_t stat;                /**< counters since the instance started */
};

extern struct e1000 e1000;

/* probe.c */
int e1000_probe(unsigned int instance);

/* hw.c: the register layer */
uint32_t e1000_read(uint32_t reg);
void e1000_write(uint32_t reg, uint32_t value);
void e1000_reset(void);
int e1000_read_mac(uint8_t mac[6]);
void e1000_set_mode(unsigned int mode);
int e1000_link(void);
void e1000_update_stats(void);
uint32_t e1000_causes(void);
void e1000_irq_on(void);
void e1000_irq_off(void);

/* rx.c */
int e1000_rx_init(void);
int e1000_rx_frame(struct netdriver_data *data, size_t max);

/* tx.c */
int e1000_tx_init(void);
int e1000_tx_frame(struct netdriver_data *data, size_t size);
void e1000_tx_reclaim(void);

#endif /* E1000_H */
