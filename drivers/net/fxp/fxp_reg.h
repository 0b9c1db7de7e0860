/*
 * fxp_reg.h - the Intel 8255x (PRO/100) as the fxp driver programs it: the System Control
 * Block (SCB) registers in the card's I/O-port BAR, the commands written to it, the
 * command blocks (CB) of the command unit, the receive frame descriptors (RFD) of the
 * receive unit, the configure bytes, the EEPROM pins and the statistics dump
 * (handouts/netdriver.md, "fxp").
 *
 * The chip has two engines that read their work from host memory by DMA: the command unit
 * (CU) walks a linked list of command blocks (configure, individual-address setup,
 * transmit...), the receive unit (RU) a linked list of RFDs it fills with frames.  The
 * driver starts and resumes them through the SCB's command byte, and both report in the
 * SCB's status word, whose high byte (STAT/ACK) holds the interrupt causes, cleared by
 * writing them back.  Every address the chip sees is a physical one (the CU and RU base
 * registers are loaded with 0).  Everything in memory is little-endian, as the i386 is.
 */
#ifndef FXP_REG_H
#define FXP_REG_H

#include <stdint.h>

/* ---- SCB registers: offsets in the I/O BAR -------------------------------------------- */
#define SCB_STATUS      0x00    /* 8 bits: CU and RU state */
#define SCB_STATACK     0x01    /* 8 bits: interrupt causes; write 1s to acknowledge */
#define SCB_CMD         0x02    /* 8 bits: RU command (bits 0-2), CU command (bits 4-7) */
#define SCB_INTMASK     0x03    /* 8 bits: interrupt masks */
#define SCB_POINTER     0x04    /* 32 bits: the argument of a CU or RU command */
#define SCB_PORT        0x08    /* 32 bits: address | PORT_* (reset, self test) */
#define SCB_EEPROM      0x0e    /* 16 bits: the serial EEPROM's pins */
#define SCB_MDI         0x10    /* 32 bits: the PHY's management interface */
#define FXP_IO_SIZE     0x20    /* the registers the driver uses fit in this much */

/* SCB_STATUS: CU state (bits 6-7) and RU state (bits 2-5). */
#define SCB_CUS_MASK    0xc0
#define SCB_CUS_IDLE    0x00
#define SCB_CUS_SUSP    0x40
#define SCB_RUS_MASK    0x3c
#define SCB_RUS_READY   0x10    /* RU state 4: ready to receive */

/* SCB_STATACK: the interrupt causes. */
#define STAT_CX         0x80    /* the CU finished a command with the I bit */
#define STAT_FR         0x40    /* the RU finished receiving a frame */
#define STAT_CNA        0x20    /* the CU left the active state (suspended or idle) */
#define STAT_RNR        0x10    /* the RU left the ready state (no more RFDs) */
#define STAT_MDI        0x08    /* an MDI read or write finished */
#define STAT_SWI        0x04    /* software interrupt */
#define STAT_FCP        0x01    /* flow-control pause (82558 and later) */
#define STAT_ALL        0xfd

/* SCB_CMD: CU commands (high nibble) and RU commands (low bits). */
#define CUC_START       0x10    /* start the CU at the CB at SCB_POINTER */
#define CUC_RESUME      0x20    /* resume a suspended CU at the next CB */
#define CUC_DUMPADDR    0x40    /* SCB_POINTER: where statistics dumps go */
#define CUC_DUMPRESET   0x70    /* dump the statistics, then zero the counters */
#define CUC_LOADBASE    0x60    /* SCB_POINTER: the CU base (the driver loads 0) */
#define RUC_START       0x01    /* start the RU at the RFD at SCB_POINTER */
#define RUC_ABORT       0x04    /* stop the RU */
#define RUC_LOADBASE    0x06    /* SCB_POINTER: the RU base (the driver loads 0) */

/* SCB_INTMASK: bit 0 masks every interrupt; the per-cause masks (the causes' bit positions
 * in STAT/ACK) exist from the 82558 on; on an 82557 those bits are reserved. */
#define INT_MASK_ALL    0x01
#define INT_MASK_CNA    0x20
#define INT_MASK_FCP    0x04    /* (bit 2 masks FCP, bit 3 early receive) */
#define INT_MASK_ER     0x08

/* SCB_PORT selections (the address bits are 0 for these two). */
#define PORT_RESET      0x0     /* software reset: as at power-up */
#define PORT_SEL_RESET  0x2     /* selective reset: stop both units, keep configuration */

/* SCB_EEPROM: the 93Cxx serial EEPROM's pins. */
#define EE_SK           0x01    /* clock */
#define EE_CS           0x02    /* chip select */
#define EE_DI           0x04    /* data into the EEPROM */
#define EE_DO           0x08    /* data out of the EEPROM */
#define EE_READ_OPCODE  0x6     /* start bit 1, then opcode 10 */
#define EE_MAX_ADDRBITS 8       /* a 256-word EEPROM; 64-word ones have 6 */
#define EE_MAC_WORD     0       /* words 0-2: the MAC address, low byte first */

/* ---- command blocks ------------------------------------------------------------------- */
/* Status word: set by the CU when it has finished the block. */
#define CB_C            0x8000  /* complete */
#define CB_OK           0x2000  /* without error */
/* Command word. */
#define CB_EL           0x8000  /* the last block: the CU goes idle after it */
#define CB_S            0x4000  /* suspend the CU after this block */
#define CB_I            0x2000  /* interrupt (CX) when done */
#define CB_CMD_IASETUP  0x0001  /* individual address (MAC) setup */
#define CB_CMD_CONFIG   0x0002  /* configure */
#define CB_CMD_TX       0x0004  /* transmit (simplified mode: data in the block) */
#define TX_NO_TBD       0xffffffffu  /* transmit: no buffer descriptor array */
#define TX_EOF          0x8000  /* transmit byte count: the whole frame is in the block */
#define TX_THRESHOLD    0xe0    /* start sending after 0xe0 * 8 bytes are in the FIFO */

#define FXP_CB_DATA     1520    /* bytes after a block's header: a frame or arguments */

/** A command block: 16 bytes of header, then the command's data. */
struct fxp_cb {
	uint16_t status;        /**< the chip's: complete, OK */
	uint16_t command;       /**< the command, and its end-of-list, suspend, interrupt bits */
	uint32_t link;          /**< physical address of the next block */
	uint32_t tbd_addr;      /**< transmit: TX_NO_TBD; configure/IA: the data starts here */
	uint16_t count;         /**< transmit: bytes | TX_EOF */
	uint8_t threshold;      /**< transmit: TX_THRESHOLD */
	uint8_t tbd_count;      /**< transmit: 0 */
	uint8_t data[FXP_CB_DATA]; /**< the frame, or the command's arguments */
};
/* Configure and IA setup put their data right after the link field (offset 8). */
#define CB_ARG_OFFSET   8

/* ---- receive frame descriptors -------------------------------------------------------- */
/* Status word (set by the RU when the frame is in). */
#define RFD_C           0x8000  /* complete */
#define RFD_OK          0x2000  /* received without error */
#define RFD_CRC         0x0800  /* bad CRC */
#define RFD_ALIGN       0x0400  /* alignment error */
#define RFD_NORES       0x0200  /* ran out of buffer space */
#define RFD_OVERRUN     0x0100  /* DMA overrun */
#define RFD_SHORT       0x0080  /* frame too short */
/* Command word. */
#define RFD_EL          0x8000  /* the last RFD: the RU runs out of resources after it */
/* Actual count: bytes (bits 0-13); real chips also set EOF and F (QEMU does not). */
#define RFD_COUNT_MASK  0x3fff

#define FXP_RFD_BUF     1520    /* a frame of up to 1520 bytes, so that one a little too
				 * long arrives whole and is counted as bad */

/** A receive frame descriptor (simplified mode: the frame follows the header). */
struct fxp_rfd {
	uint16_t status;        /**< the chip's: RFD_C, RFD_OK and the error bits */
	uint16_t command;       /**< RFD_EL on the last one */
	uint32_t link;          /**< physical address of the next RFD */
	uint32_t rbd_addr;      /**< 0xffffffff: no receive buffer descriptor */
	uint16_t count;         /**< bytes received (RFD_COUNT_MASK) */
	uint16_t size;          /**< bytes the buffer holds: FXP_RFD_BUF */
	uint8_t data[FXP_RFD_BUF]; /**< the frame */
};

/* ---- configure ------------------------------------------------------------------------ */
#define CFG_BYTES       22      /* configure bytes the 8255x take (byte 0 says so) */
#define CFG_PROMISC_BYTE 15
#define CFG_PROMISC     0x01    /* byte 15: receive every frame */
#define CFG_NO_BCAST    0x02    /* byte 15: refuse broadcast frames */
#define CFG_MCAST_BYTE  21
#define CFG_MCAST_ALL   0x08    /* byte 21: receive every multicast frame */

/* ---- statistics dump ------------------------------------------------------------------ */
#define DUMP_RESET_DONE 0xa007  /* written after the counters by CUC_DUMPRESET */

/** The statistical counters the 8255x dump (the 82557's set: configure byte 6 bit 5 asks
 *  the later chips for the same 16 counters), and the completion word after them. */
struct fxp_dump {
	uint32_t tx_good;       /**< frames sent */
	uint32_t tx_maxcol;     /**< sends aborted: too many collisions */
	uint32_t tx_latecol;    /**< late collisions */
	uint32_t tx_underrun;   /**< transmit DMA underruns */
	uint32_t tx_lostcrs;    /**< carrier sense lost */
	uint32_t tx_deferred;   /**< sends deferred */
	uint32_t tx_single;     /**< sends after one collision */
	uint32_t tx_multiple;   /**< sends after several collisions */
	uint32_t tx_totalcol;   /**< collisions in all */
	uint32_t rx_good;       /**< frames received */
	uint32_t rx_crc;        /**< CRC errors */
	uint32_t rx_align;      /**< alignment errors */
	uint32_t rx_resource;   /**< frames lost: no RFD */
	uint32_t rx_overrun;    /**< receive DMA overruns */
	uint32_t rx_cdt;        /**< collision detect errors */
	uint32_t rx_short;      /**< frames too short */
	uint32_t done;          /**< DUMP_RESET_DONE when the dump is complete */
};
_Static_assert(sizeof(struct fxp_cb) == 1536, "fxp_cb layout");
_Static_assert(sizeof(struct fxp_rfd) == 1536, "fxp_rfd layout");
_Static_assert(sizeof(struct fxp_dump) == 68, "fxp_dump layout");

#endif /* FXP_REG_H */
