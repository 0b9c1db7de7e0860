/*
 * fxp.h - the fxp driver's shared state and the entry points of its files
 * (handouts/netdriver.md, "fxp").
 *
 * One driver process drives one card (its instance).  main.c is the struct netdriver that
 * libnetdriver calls; probe.c finds, reserves and resets the card and maps the DMA area;
 * eeprom.c reads the MAC address from the serial EEPROM; cu.c is the command unit (the ring
 * of command blocks: configure, IA setup, transmit) and the statistics dump; ru.c is the
 * receive unit (the ring of receive frame descriptors) and the receive filter.  The
 * registers and the in-memory structures are in fxp_reg.h.
 */
#ifndef FXP_H
#define FXP_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/dl.h>
#include <minnow/netdriver.h>
#include "fxp_reg.h"

#define FXP_NR_CB       16      /* command blocks in the CU's ring */
#define FXP_NR_RFD      160     /* receive frame descriptors in the RU's ring: more than
				 * the frames a peer sends ahead of its acks */
#define FXP_HOOK_BIT    0       /* the IRQ hook's bit in HARDWARE notifications */

/** The DMA area: one physically contiguous VM_MMAP region (probe.c). */
struct fxp_dma {
	struct fxp_cb cb[FXP_NR_CB];    /**< the command block ring */
	struct fxp_rfd rfd[FXP_NR_RFD]; /**< the receive frame area */
	struct fxp_dump dump;           /**< where CUC_DUMPRESET writes the counters */
};

/** The card and the driver's state. */
struct fxp {
	uint32_t port;                  /**< the I/O BAR's base */
	int irq;                        /**< IRQ line */
	int hook;                       /**< the kernel's hook id for it */
	uint8_t rev;                    /**< PCI revision: which 8255x */
	uint16_t did;                   /**< PCI device id */
	const char *chip;               /**< its name */
	uint8_t mac[ETH_ADDR_LEN];      /**< its MAC (from the EEPROM) */
	unsigned int mode;              /**< DL_*_REQ bits */
	volatile struct fxp_dma *dma;   /**< the chip writes it: every access is volatile */
	uint32_t dma_phys;              /**< its physical address */
	unsigned int cb_head;           /**< the CU: the next block to fill */
	unsigned int cb_tail;           /**< the oldest block the chip still has ([tail, head)) */
	unsigned int cb_used;           /**< blocks the chip has */
	int cu_started;                 /**< a CUC_START has been given since the reset */
	unsigned int rfd_head;          /**< the RU: the next RFD to look at */
	unsigned int rfd_last;          /**< the RFD with RFD_EL */
	eth_stat_t stat;                /**< counters since the driver started */
};

extern struct fxp fxp;

/* The physical address of a field of the DMA area. */
#define FXP_PHYS(field) \
	(fxp.dma_phys + (uint32_t)((uintptr_t)&(field) - (uintptr_t)fxp.dma))

/* probe.c */
int fxp_probe(unsigned int instance);
void fxp_reset(void);
uint8_t fxp_inb(int reg);
uint16_t fxp_inw(int reg);
void fxp_outb(int reg, uint8_t value);
void fxp_outw(int reg, uint16_t value);
void fxp_outl(int reg, uint32_t value);
int fxp_scb_wait(void);
int fxp_scb_cmd(uint8_t cmd, uint32_t pointer);

/* eeprom.c */
void fxp_eeprom_mac(uint8_t mac[ETH_ADDR_LEN]);

/* cu.c */
void fxp_cu_init(void);
int fxp_cu_config(unsigned int mode);
int fxp_cu_iasetup(const uint8_t mac[ETH_ADDR_LEN]);
int fxp_cu_send(struct netdriver_data *data, size_t size);
void fxp_cu_reclaim(void);
void fxp_cu_stat(void);

/* ru.c */
void fxp_ru_init(void);
int fxp_ru_recv(struct netdriver_data *data, size_t max);
void fxp_ru_check(void);

#endif /* FXP_H */
