/*
 * rtl8139.h - the rtl8139 driver's shared state and the entry points of its files
 * (handouts/netdriver.md, "rtl8139").
 *
 *   main.c   the struct netdriver libnetdriver calls, and main()
 *   probe.c  finding instance N's card through the PCI server, reserving it, the DMA memory
 *   hw.c     port access, reset, receive modes, interrupts, the watchdog, statistics
 *   rx.c     the receive ring, walked from CAPR to CBR
 *   tx.c     the four transmit buffers, used round-robin
 *
 * The DMA memory is one physically contiguous area from VM: the receive ring (RX_RING bytes
 * plus RX_SLACK past its end, see rx.c), then the four transmit buffers of TX_BUF bytes.
 */
#ifndef RTL8139_H
#define RTL8139_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/netdriver.h>

#define RX_RING_LOG     2                       /* RBLEN: 8 KiB << 2 = 32 KiB */
#define RX_RING         (8192u << RX_RING_LOG)
/* Past the ring's end, for a frame the chip writes on past it (WRAP): a real chip stores at
 * most 4 KiB, but QEMU's model takes any datagram its network layer passes (up to 68 KiB)
 * and writes it whole, so the slack is that large and such a frame lands in our memory. */
#define RX_SLACK        (72u * 1024)
#define TX_BUFS         4                       /* the chip has four, TSD0..3 */
#define TX_BUF          2048u                   /* one frame, 4-byte aligned */
#define RX_AREA         ((RX_RING + RX_SLACK + 4095u) & ~4095u)
#define DMA_AREA        (RX_AREA + TX_BUFS * TX_BUF)

#define RTL_HOOK_BIT    0                       /* the bit of our IRQ in ndr_intr's mask */

/** One card: where it is and where its DMA memory is. */
struct rtl_card {
	int devind;                     /**< the PCI server's index */
	uint16_t vid;                   /**< its PCI vendor id */
	uint16_t did;                   /**< its PCI device id */
	uint32_t port;                  /**< BAR0's I/O base */
	int irq;                        /**< its IRQ line */
	int hook;                       /**< the kernel's hook id for it */
	int hooked;                     /**< the IRQ is hooked (once per process) */
	uint8_t *dma;                   /**< DMA area: the ring, then the transmit buffers */
	uint32_t dma_phys;              /**< the DMA area's physical address */
	unsigned int mode;              /**< DL_*_REQ bits in force */
	uint32_t rx_off;                /**< the ring offset of the next frame to read */
	unsigned int tx_next;           /**< the buffer the next frame goes to */
	unsigned int tx_done;           /**< the oldest buffer still sending */
	unsigned int tx_busy;           /**< buffers given to the chip and not reaped */
	eth_stat_t stat;                /**< the counters DL_GETSTAT_S reports */
};

extern struct rtl_card rtl;

/* probe.c */
int rtl_probe(unsigned int instance);
int rtl_dma_alloc(void);

/* hw.c */
uint32_t rtl_in8(uint32_t reg);
uint32_t rtl_in16(uint32_t reg);
uint32_t rtl_in32(uint32_t reg);
void rtl_out8(uint32_t reg, uint32_t value);
void rtl_out16(uint32_t reg, uint32_t value);
void rtl_out32(uint32_t reg, uint32_t value);
int rtl_reset(void);
void rtl_read_mac(uint8_t mac[6]);
void rtl_set_mode(unsigned int mode);
void rtl_rx_restart(void);
void rtl_halt(void);
void rtl_intr(unsigned int mask);
void rtl_alarm(uint32_t stamp);
void rtl_stat(eth_stat_t *stat);

/* rx.c */
int rtl_recv(struct netdriver_data *data, size_t max);
int rtl_rx_pending(void);
int rtl_rx_header_ok(uint16_t status, uint16_t len);

/* tx.c */
void rtl_tx_init(void);
int rtl_send(struct netdriver_data *data, size_t size);
int rtl_tx_reap(void);

#endif /* RTL8139_H */
