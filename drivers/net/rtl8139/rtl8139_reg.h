/*
 * rtl8139_reg.h - the Realtek 8139's registers as the rtl8139 driver uses them
 * (handouts/netdriver.md, "rtl8139").
 *
 * Every register is an I/O port at an offset from the base in BAR0 (the chip also decodes
 * the same registers as memory through BAR1; the driver uses ports only).  Widths: b 8 bits,
 * w 16, l 32.  Only the chip's plain ("C") mode is used: a receive ring in one buffer and
 * four transmit buffers, no C+ descriptor rings.
 */
#ifndef RTL8139_REG_H
#define RTL8139_REG_H

#define RTL_IDR0        0x00    /* b x6: the station (MAC) address */
#define RTL_MAR0        0x08    /* b x8: the multicast hash filter (all ones: every group) */
#define RTL_TSD0        0x10    /* l x4: transmit status of buffer 0..3 (TSD0 + 4 * n) */
#define RTL_TSAD0       0x20    /* l x4: transmit start (physical) address of buffer 0..3 */
#define RTL_RBSTART     0x30    /* l: receive ring's physical address */
#define RTL_CR          0x37    /* b: command */
#define RTL_CAPR        0x38    /* w: current address of packet read (minus 16) */
#define RTL_CBR         0x3a    /* w: current buffer address: where the chip writes next */
#define RTL_IMR         0x3c    /* w: interrupt mask */
#define RTL_ISR         0x3e    /* w: interrupt status, write 1 to clear */
#define RTL_TCR         0x40    /* l: transmit configuration */
#define RTL_RCR         0x44    /* l: receive configuration */
#define RTL_MPC         0x4c    /* l: missed packet counter (24 bits), cleared by a write */
#define RTL_9346CR      0x50    /* b: EEPROM command; 0xc0 unlocks CONFIG0..4 */
#define RTL_CONFIG1     0x52    /* b: 0 powers the chip on (LWAKE, PMEn low) */
#define RTL_HLTCLR      0x5b    /* b: 'R' runs the chip's clock, 'H' halts it */

/* CR */
#define CR_RST          0x10    /* software reset; reads 1 until it is done */
#define CR_RE           0x08    /* receiver enable */
#define CR_TE           0x04    /* transmitter enable */
#define CR_BUFE         0x01    /* the receive ring is empty */

/* ISR and IMR */
#define INT_ROK         0x0001  /* a frame was received */
#define INT_RER         0x0002  /* a frame with an error was received */
#define INT_TOK         0x0004  /* a transmit finished */
#define INT_TER         0x0008  /* a transmit was aborted */
#define INT_RXOVW       0x0010  /* receive ring full: a frame was dropped */
#define INT_PUN         0x0020  /* packet underrun / link change */
#define INT_FOVW        0x0040  /* receive FIFO overflow */
#define INT_LENCHG      0x2000  /* cable length changed */
#define INT_TIMEOUT     0x4000  /* the timer (TCTR) expired */
#define INT_SERR        0x8000  /* system error on the PCI bus */
#define INT_RX          (INT_ROK | INT_RER | INT_RXOVW | INT_FOVW)
#define INT_TX          (INT_TOK | INT_TER)

/* TSD0..3 */
#define TSD_SIZE        0x00001fff      /* bytes to send (at most 1792) */
#define TSD_OWN         0x00002000      /* the host owns the buffer: DMA to the FIFO done */
#define TSD_TUN         0x00004000      /* transmit FIFO underrun */
#define TSD_TOK         0x00008000      /* the frame was sent */
#define TSD_ERTXTH(n)   ((uint32_t)(n) << 16) /* start sending after n * 32 bytes (0: 8) */
#define TSD_NCC(v)      (((v) >> 24) & 0xf)   /* collisions of this frame */
#define TSD_CDH         0x10000000      /* CD heartbeat failure */
#define TSD_OWC         0x20000000      /* out-of-window collision */
#define TSD_TABT        0x40000000      /* transmit aborted */
#define TSD_CRS         0x80000000      /* carrier sense lost */

/* TCR */
#define TCR_MXDMA_2048  (7u << 8)       /* largest DMA burst: 2048 bytes */
#define TCR_IFG_STD     (3u << 24)      /* the standard inter-frame gap (9.6 us at 10 Mb/s) */

/* RCR */
#define RCR_AAP         0x00000001      /* accept all physical addresses (promiscuous) */
#define RCR_APM         0x00000002      /* accept frames to our own address */
#define RCR_AM          0x00000004      /* accept multicast frames that pass MAR */
#define RCR_AB          0x00000008      /* accept broadcast frames */
#define RCR_WRAP        0x00000080      /* write a frame past the ring's end, not around it */
#define RCR_MXDMA_UNL   (7u << 8)       /* largest receive DMA burst: unlimited */
#define RCR_RBLEN(n)    ((uint32_t)(n) << 11) /* ring size 8 KiB << n, n = 0..3 */
#define RCR_RXFTH_NONE  (7u << 13)      /* move a frame to memory when it is whole */

/* The 4-byte header the chip writes before each frame in the ring. */
#define RXS_ROK         0x0001  /* received OK */
#define RXS_FAE         0x0002  /* frame alignment error */
#define RXS_CRC         0x0004  /* CRC error */
#define RXS_LONG        0x0008  /* longer than 4 KiB */
#define RXS_RUNT        0x0010  /* shorter than 64 bytes */
#define RXS_ISE         0x0020  /* invalid symbol */
#define RX_HDR          4       /* status (w), then length (w) including the 4-byte CRC */
#define RX_CRC          4
#define RX_ALIGN        4       /* each header starts at a multiple of 4 */
#define CAPR_BIAS       16      /* CAPR holds the read offset minus 16 */

#endif /* RTL8139_REG_H */
