/*
 * e1000_reg.h - the Intel PRO/1000 (8254x, "e1000") registers the driver uses, their bits,
 * and the legacy receive and transmit descriptors (handouts/netdriver.md, "e1000").
 *
 * Every register is 32 bits wide, memory-mapped at its offset from BAR0's base
 * (e1000_read / e1000_write in hw.c).  The statistics registers clear when read.  The
 * descriptors live in host memory the card reads and writes by DMA; their addresses are
 * physical.  Facts from Intel's PCI/PCI-X Family of Gigabit Ethernet Controllers Software
 * Developer's Manual, as QEMU's model implements them.
 */
#ifndef E1000_REG_H
#define E1000_REG_H

#include <stdint.h>

/* ---- PCI ---------------------------------------------------------------------------- */
#define E1000_VENDOR_INTEL      0x8086
#define E1000_PCI_BAR0          0x10    /* the registers: a 128 KiB memory BAR */
#define E1000_PCI_IRQ           0x3c    /* the interrupt line register */
#define E1000_PCI_CMD           0x04    /* the command register */
#define E1000_PCI_CMD_MEM       0x0002  /* decode memory accesses */
#define E1000_PCI_CMD_MASTER    0x0004  /* may master the bus (DMA) */

/* ---- general registers -------------------------------------------------------------- */
#define E1000_CTRL      0x0000          /* device control */
#define E1000_STATUS    0x0008          /* device status */
#define E1000_EERD      0x0014          /* EEPROM read */
#define E1000_ICR       0x00c0          /* interrupt cause read (clears on read) */
#define E1000_IMS       0x00d0          /* interrupt mask set */
#define E1000_IMC       0x00d8          /* interrupt mask clear */
#define E1000_RCTL      0x0100          /* receive control */
#define E1000_TCTL      0x0400          /* transmit control */
#define E1000_TIPG      0x0410          /* transmit inter-packet gap */

/* ---- receive ring --------------------------------------------------------------------- */
#define E1000_RDBAL     0x2800          /* descriptor base, low 32 bits */
#define E1000_RDBAH     0x2804          /* descriptor base, high 32 bits */
#define E1000_RDLEN     0x2808          /* ring length in bytes (multiple of 128) */
#define E1000_RDH       0x2810          /* head: the card's next descriptor */
#define E1000_RDT       0x2818          /* tail: one past the last descriptor it may fill */

/* ---- transmit ring -------------------------------------------------------------------- */
#define E1000_TDBAL     0x3800
#define E1000_TDBAH     0x3804
#define E1000_TDLEN     0x3808
#define E1000_TDH       0x3810          /* head: the card's next descriptor to send */
#define E1000_TDT       0x3818          /* tail: one past the last descriptor to send */

/* ---- addresses ------------------------------------------------------------------------ */
#define E1000_MTA       0x5200          /* multicast table: 128 registers */
#define E1000_MTA_NR    128
#define E1000_RAL0      0x5400          /* receive address 0, low 32 bits */
#define E1000_RAH0      0x5404          /* its high 16 bits and the valid bit */
#define E1000_RAH_AV    0x80000000u     /* address valid */

/* ---- statistics (clear on read) -------------------------------------------------------- */
#define E1000_CRCERRS   0x4000          /* CRC errors */
#define E1000_ALGNERRC  0x4004          /* alignment errors */
#define E1000_RXERRC    0x400c          /* receive errors */
#define E1000_MPC       0x4010          /* missed packets (no room in the FIFO) */
#define E1000_ECOL      0x4018          /* excessive collisions (send aborted) */
#define E1000_LATECOL   0x4020          /* late collisions */
#define E1000_COLC      0x4028          /* collisions */
#define E1000_DC        0x4030          /* defers */
#define E1000_TNCRS     0x4034          /* carrier sense lost */
#define E1000_RNBC      0x40a0          /* no receive buffer */
#define E1000_RUC       0x40a4          /* undersized frames */
#define E1000_ROC       0x40ac          /* oversized frames */
#define E1000_GPRC      0x4074          /* good packets received */
#define E1000_GPTC      0x4080          /* good packets sent */

/* ---- CTRL bits -------------------------------------------------------------------------- */
#define E1000_CTRL_ASDE 0x00000020u     /* auto speed detection */
#define E1000_CTRL_SLU  0x00000040u     /* set link up */
#define E1000_CTRL_RST  0x04000000u     /* reset (self-clearing) */

/* ---- STATUS bits ------------------------------------------------------------------------ */
#define E1000_STATUS_LU         0x00000002u     /* link up */
#define E1000_STATUS_SPEED(s)   (((s) >> 6) & 3)  /* 0: 10, 1: 100, 2 and 3: 1000 Mb/s */
#define E1000_STATUS_FD         0x00000001u     /* full duplex */

/* ---- EERD bits ---------------------------------------------------------------------------- */
#define E1000_EERD_START        0x00000001u     /* start a read */
#define E1000_EERD_DONE         0x00000010u     /* the read is done */
#define E1000_EERD_ADDR(a)      ((uint32_t)(a) << 8)    /* word address */
#define E1000_EERD_DATA(v)      ((uint16_t)((v) >> 16)) /* the word read */

/* ---- interrupt causes (ICR, IMS, IMC) ------------------------------------------------------ */
#define E1000_INT_TXDW          0x00000001u     /* a descriptor was written back */
#define E1000_INT_TXQE          0x00000002u     /* the transmit queue is empty */
#define E1000_INT_LSC           0x00000004u     /* link status changed */
#define E1000_INT_RXDMT0        0x00000010u     /* receive descriptors running low */
#define E1000_INT_RXO           0x00000040u     /* receive overrun */
#define E1000_INT_RXT0          0x00000080u     /* receive timer: a frame arrived */

/* ---- RCTL bits ------------------------------------------------------------------------------ */
#define E1000_RCTL_EN           0x00000002u     /* receiver enabled */
#define E1000_RCTL_UPE          0x00000008u     /* unicast promiscuous */
#define E1000_RCTL_MPE          0x00000010u     /* multicast promiscuous */
#define E1000_RCTL_BAM          0x00008000u     /* accept broadcast */
#define E1000_RCTL_BSIZE_2048   0x00000000u     /* 2048-byte buffers (BSEX clear) */
#define E1000_RCTL_SECRC        0x04000000u     /* strip the CRC */

/* ---- TCTL and TIPG ---------------------------------------------------------------------------- */
#define E1000_TCTL_EN           0x00000002u     /* transmitter enabled */
#define E1000_TCTL_PSP          0x00000008u     /* pad short packets */
#define E1000_TCTL_CT(n)        ((uint32_t)(n) << 4)    /* collision threshold */
#define E1000_TCTL_COLD(n)      ((uint32_t)(n) << 12)   /* collision distance */
#define E1000_TIPG_DEFAULT      (10u | (8u << 10) | (6u << 20)) /* IPGT, IPGR1, IPGR2 */

/* ---- descriptors ------------------------------------------------------------------------------ */
/** A legacy receive descriptor: the card fills the buffer, then length, status, errors. */
struct e1000_rx_desc {
	uint64_t buffer;        /* physical address of the buffer */
	uint16_t length;        /* bytes the card wrote */
	uint16_t checksum;
	uint8_t status;         /* E1000_RXD_STAT_* */
	uint8_t errors;         /* E1000_RXD_ERR_*: nonzero is a bad frame */
	uint16_t special;
};
#define E1000_RXD_STAT_DD       0x01    /* descriptor done */
#define E1000_RXD_STAT_EOP      0x02    /* end of packet */

/** A legacy transmit descriptor: the driver fills buffer, length, cmd; the card sets DD. */
struct e1000_tx_desc {
	uint64_t buffer;        /* physical address of the frame */
	uint16_t length;        /* its size */
	uint8_t cso;
	uint8_t cmd;            /* E1000_TXD_CMD_* */
	uint8_t status;         /* E1000_TXD_STAT_DD once sent */
	uint8_t css;
	uint16_t special;
};
#define E1000_TXD_CMD_EOP       0x01    /* end of packet */
#define E1000_TXD_CMD_IFCS      0x02    /* insert the CRC */
#define E1000_TXD_CMD_RS        0x08    /* report status (write DD back) */
#define E1000_TXD_STAT_DD       0x01    /* descriptor done */

_Static_assert(sizeof(struct e1000_rx_desc) == 16, "rx descriptor");
_Static_assert(sizeof(struct e1000_tx_desc) == 16, "tx descriptor");

#endif /* E1000_REG_H */
