/*
 * ata.h - what the files of the ATA disk driver share (handouts/disk.md): the task-file
 * registers of the primary IDE channel, the status bits and commands it uses, the minor
 * numbers, and the entry points of the task-file and PIO engine (pio.c) and of the
 * bus-master DMA engine (dma.c; handouts/drivers.md, "Bus-master DMA").
 */
#ifndef ATA_ATA_H
#define ATA_ATA_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/driver.h>

/* The primary channel's command block (0x1f0-0x1f7) and control block (0x3f6). */
#define ATA_CMD_PORT    0x1f0
#define ATA_DATA        (ATA_CMD_PORT + 0)  /* 16-bit data port */
#define ATA_ERROR       (ATA_CMD_PORT + 1)  /* read: error bits */
#define ATA_FEATURES    (ATA_CMD_PORT + 1)  /* write: command parameter */
#define ATA_COUNT       (ATA_CMD_PORT + 2)  /* sector count (0 means 256) */
#define ATA_LBA_LOW     (ATA_CMD_PORT + 3)  /* LBA bits 0-7 */
#define ATA_LBA_MID     (ATA_CMD_PORT + 4)  /* LBA bits 8-15 */
#define ATA_LBA_HIGH    (ATA_CMD_PORT + 5)  /* LBA bits 16-23 */
#define ATA_DRIVE       (ATA_CMD_PORT + 6)  /* drive select, LBA bits 24-27 */
#define ATA_STATUS      (ATA_CMD_PORT + 7)  /* read: status (reading it acknowledges the IRQ) */
#define ATA_COMMAND     (ATA_CMD_PORT + 7)  /* write: command */
#define ATA_CTL         0x3f6           /* write: device control (nIEN, SRST) */
#define ATA_IRQ         14
#define CTL_SRST        0x04            /* device control: software reset of the channel */

#define DRIVE_LBA_MASTER 0xe0           /* LBA addressing, drive 0 */

#define ST_BSY          0x80            /* busy: no other bit is valid */
#define ST_DRDY         0x40            /* drive ready */
#define ST_DF           0x20            /* drive fault */
#define ST_DRQ          0x08            /* data request: a data block can move */
#define ST_ERR          0x01            /* error: see ATA_ERROR */

#define CMD_READ        0x20            /* READ SECTORS: one sector per DRQ block */
#define CMD_WRITE       0x30            /* WRITE SECTORS */
#define CMD_READ_MULT   0xc4            /* READ MULTIPLE: mult sectors per DRQ block */
#define CMD_WRITE_MULT  0xc5            /* WRITE MULTIPLE */
#define CMD_SET_MULT    0xc6            /* SET MULTIPLE MODE: count = sectors per block */
#define CMD_IDENTIFY    0xec            /* IDENTIFY DEVICE: 256 words */
#define CMD_READ_DMA    0xc8            /* READ DMA: the controller moves the data */
#define CMD_WRITE_DMA   0xca            /* WRITE DMA */

#define SECTOR_SIZE     512
#define MAX_MULT        8               /* 8 sectors = 4096 bytes, SYS_SDEVIO's limit */
#define MAX_SECTORS     256             /* per command (28-bit LBA: count 0 means 256) */

/* Minors (MINIX's c0d0 numbering): 0 the whole disk, 1-4 its primary partitions. */
#define NR_PARTITIONS   4
#define DEV_PER_DRIVE   (1 + NR_PARTITIONS)

/** Where a transfer's data comes from or goes to: a caller's grant, or a local buffer. */
struct ata_io {
	endpoint_t endpt;               /**< the grant's owner; SELF: the buffer @c local */
	cp_grant_id_t grant;            /**< the caller's grant (unused for SELF) */
	uint8_t *local;                 /**< the driver's own buffer (SELF only) */
};

/** The drive, as ata_identify() found it. */
struct ata_drive {
	uint32_t sectors;               /**< LBA28 capacity (IDENTIFY words 60-61) */
	int mult;                       /**< sectors per DRQ block (1: no multiple mode) */
	int dma;                        /**< the drive can do DMA (IDENTIFY word 49 bit 8) */
	char model[41];                 /**< the model string (IDENTIFY words 27-46) */
};

/** The master drive of the primary channel. */
extern struct ata_drive drive;

/** Read a task-file register (panics if the kernel refuses). */
uint32_t ata_in(uint32_t port);
/** Write a task-file register (panics if the kernel refuses). */
void ata_out(uint32_t port, uint32_t value);
/** Wait until not BSY and (@p want 0, or a bit of @p want, ERR or DF): the status. */
uint32_t ata_wait(uint32_t want);
/** Wait until not BSY, load the task file and write command @p cmd (1..256 sectors). */
void ata_command(uint32_t cmd, uint32_t lba, uint32_t count);
/** Copy @p bytes between @p buf and @p io's data at @p off (to the caller if @p to_caller). */
int ata_io_copy(int to_caller, const struct ata_io *io, size_t off, uint8_t *buf,
		size_t bytes);
/** IDENTIFY the master drive by polling: OK, or -ENXIO (no ATA disk) or -EIO. */
int ata_identify(void);
/** Hook and enable IRQ 14: OK or the kernel's error. */
int ata_irq_init(void);
/** SET MULTIPLE MODE to drive.mult sectors (back to 1 if the drive refuses): OK. */
int ata_set_multiple(void);
/** One ATA command of @p count sectors at @p lba, @p off bytes into @p io's data. */
typedef int (*ata_command_fn)(int do_write, uint32_t lba, uint32_t count,
			      const struct ata_io *io, size_t off);
/** Split a transfer into commands of at most @p max sectors, each done by @p one: OK, or
 *  the first error. */
int ata_split(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io, uint32_t max,
	      ata_command_fn one);
/** PIO: read (@p do_write 0) or write @p count sectors at @p lba through @p io: OK or an
 *  error. */
int pio_transfer_sectors(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io);

/** Find the bus-master IDE controller, enable it, stop its engine: OK, or an error (said
 *  why). */
int dma_probe(void);
/** After dma_probe() and IDENTIFY: check the drive, map the DMA buffer: OK, or an error
 *  (said why). */
int dma_init(void);
/** DMA: like pio_transfer_sectors(), through the bus master (dma_init() succeeded). */
int dma_transfer_sectors(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io);

#endif /* ATA_ATA_H */
