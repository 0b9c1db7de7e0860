/*
 * pio.c - the task file and the ATA PIO engine of the disk driver (handouts/disk.md, "The
 * ATA registers"): register access and waiting (shared with the DMA engine, dma.c),
 * IDENTIFY, SET MULTIPLE MODE, and READ/WRITE (MULTIPLE) with 28-bit LBA on the primary
 * channel's master drive, driven by IRQ 14.  PIO is what the driver uses when bus-master
 * DMA is not available or not wanted (ata.c).
 *
 * Ports are reached through the kernel (sys_inb / sys_outb for the task file, sys_sdevio for
 * a whole DRQ block of data words); the driver owns the ranges 0x1f0-0x1f7 and 0x3f6 and
 * IRQ 14 (its entry in /etc/system.conf).
 *
 * Waiting.  ata_wait() first reads the status register (which also acknowledges the
 * drive's interrupt); only if the drive is not yet in the wanted state does it block in a
 * receive from HARDWARE, then it looks again.  So a notification left over from an earlier
 * command (the status was already good and the IRQ came after) costs one extra loop, and
 * never makes the driver move data before DRQ.  IDENTIFY polls instead (bounded), since a
 * missing drive raises no interrupt.  Not implemented: a timeout for a drive that stops
 * answering mid-command, the slave drive and the secondary channel, LBA48.
 *
 * Entry points: ata_in(), ata_out(), ata_wait(), ata_command(), ata_io_copy(),
 * ata_identify(), ata_irq_init(), ata_set_multiple(), pio_transfer_sectors().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "ata.h"

#define ATA_HOOK_BIT    0
#define POLL_LIMIT      100000

struct ata_drive drive;
static int ata_hook = ATA_HOOK_BIT;
static uint8_t blockbuf[MAX_MULT * SECTOR_SIZE];

uint32_t
ata_in(uint32_t port)
{
	uint32_t v = 0xff;

	if (sys_inb(port, &v) != OK)
		panic("ata_in: sys_inb(0x%x) refused", port);
	return v & 0xff;
}

void
ata_out(uint32_t port, uint32_t value)
{
	if (sys_outb(port, value) != OK)
		panic("ata_out: sys_outb(0x%x) refused", port);
}

/* Poll until BSY clears: the status, or -1 after POLL_LIMIT reads. */
static int
ata_poll(void)
{
	uint32_t st;
	int i;

	for (i = 0; i < POLL_LIMIT; i++)
		if (!((st = ata_in(ATA_STATUS)) & ST_BSY))
			return (int)st;
	return -1;
}

/* Copy IDENTIFY's string of n words at w (bytes swapped in each word), trailing blanks cut. */
static void
id_string(char *dst, const uint16_t *w, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = (char)(w[i] >> 8);
		dst[2 * i + 1] = (char)(w[i] & 0xff);
	}
	dst[2 * n] = '\0';
	for (i = 2 * n - 1; i >= 0 && dst[i] == ' '; i--)
		dst[i] = '\0';
}

/* IDENTIFY the master drive (polling): OK and drive filled in, or -ENXIO (no ATA disk). */
int
ata_identify(void)
{
	uint16_t id[256];
	uint32_t st;
	int r;

	ata_out(ATA_DRIVE, DRIVE_LBA_MASTER);
	st = ata_in(ATA_STATUS);
	if (st == 0x00 || st == 0xff)
		return -ENXIO;          /* nothing answers on the bus */
	ata_out(ATA_COUNT, 0);
	ata_out(ATA_LBA_LOW, 0);
	ata_out(ATA_LBA_MID, 0);
	ata_out(ATA_LBA_HIGH, 0);
	ata_out(ATA_COMMAND, CMD_IDENTIFY);
	if ((r = ata_poll()) < 0 || (r & (ST_ERR | ST_DRQ)) != ST_DRQ)
		return -ENXIO;          /* no drive, or an ATAPI one (aborts IDENTIFY) */
	if (sys_sdevio(DIO_INPUT | DIO_WORD, ATA_DATA, id, 256) != OK)
		return -EIO;
	if (!(id[49] & 0x0200))
		return -ENXIO;          /* no LBA: CHS-only drives are not supported */
	drive.sectors = (uint32_t)id[60] | ((uint32_t)id[61] << 16);
	drive.mult = (id[47] & 0xff) >= MAX_MULT ? MAX_MULT : 1;
	drive.dma = (id[49] & 0x0100) != 0;
	id_string(drive.model, id + 27, 20);
	return drive.sectors > 0 ? OK : -ENXIO;
}

/* Hook IRQ 14 (re-enabled by the kernel after each notification). */
int
ata_irq_init(void)
{
	int r;

	ata_hook = ATA_HOOK_BIT;
	if ((r = sys_irqsetpolicy(ATA_IRQ, IRQ_REENABLE, &ata_hook)) != OK)
		return r;
	return sys_irqenable(&ata_hook);
}

/* Wait until the drive is not busy and (want == 0 or some bit of want or ERR is set):
 * the status. */
uint32_t
ata_wait(uint32_t want)
{
	message m;
	uint32_t st;
	int r;

	for (;;) {
		st = ata_in(ATA_STATUS);
		if (!(st & ST_BSY) && (want == 0 || (st & (want | ST_ERR | ST_DF))))
			return st;
		if ((r = sef_receive(HARDWARE, &m)) != OK)
			panic("ata_wait: receive from HARDWARE failed: %d", r);
	}
}

/* SET MULTIPLE MODE to drive.mult sectors; on refusal fall back to one. */
int
ata_set_multiple(void)
{
	uint32_t st;

	if (drive.mult == 1)
		return OK;
	ata_out(ATA_DRIVE, DRIVE_LBA_MASTER);
	ata_out(ATA_COUNT, (uint32_t)drive.mult);
	ata_out(ATA_COMMAND, CMD_SET_MULT);
	st = ata_wait(0);
	if (st & (ST_ERR | ST_DF))
		drive.mult = 1;
	return OK;
}

/* Load the task file and start command cmd on count (1..256) sectors at lba. */
void
ata_command(uint32_t cmd, uint32_t lba, uint32_t count)
{
	ata_wait(0);
	ata_out(ATA_DRIVE, DRIVE_LBA_MASTER | ((lba >> 24) & 0x0f));
	ata_out(ATA_COUNT, count & 0xff);
	ata_out(ATA_LBA_LOW, lba & 0xff);
	ata_out(ATA_LBA_MID, (lba >> 8) & 0xff);
	ata_out(ATA_LBA_HIGH, (lba >> 16) & 0xff);
	ata_out(ATA_COMMAND, cmd);
}

/* Move bytes between buf and the caller's data at offset off. */
int
ata_io_copy(int to_caller, const struct ata_io *io, size_t off, uint8_t *buf, size_t bytes)
{
	if (io->endpt == SELF) {
		if (to_caller)
			memcpy(io->local + off, buf, bytes);
		else
			memcpy(buf, io->local + off, bytes);
		return OK;
	}
	if (to_caller)
		return sys_safecopyto(io->endpt, io->grant, off, (vir_bytes)buf, bytes);
	return sys_safecopyfrom(io->endpt, io->grant, off, (vir_bytes)buf, bytes);
}

/* One DRQ block of n sectors at byte offset off of io: OK, -EIO (drive error) or a copy
 * error (the command is then left to finish on its own). */
static int
ata_block(int do_write, uint32_t n, const struct ata_io *io, size_t off)
{
	uint32_t words = n * SECTOR_SIZE / 2;
	int r;

	if ((ata_wait(ST_DRQ) & (ST_ERR | ST_DF | ST_DRQ)) != ST_DRQ)
		return -EIO;
	if (do_write) {
		if ((r = ata_io_copy(0, io, off, blockbuf, n * SECTOR_SIZE)) != OK)
			return r;
		return sys_sdevio(DIO_OUTPUT | DIO_WORD, ATA_DATA, blockbuf, words);
	}
	if ((r = sys_sdevio(DIO_INPUT | DIO_WORD, ATA_DATA, blockbuf, words)) != OK)
		return r;
	return ata_io_copy(1, io, off, blockbuf, n * SECTOR_SIZE);
}

/* One command of count (1..256) sectors at lba, data at byte offset off of io. */
static int
ata_one_command(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io,
		size_t off)
{
	uint32_t cmd, done, n;
	int r;

	if (drive.mult > 1)
		cmd = do_write ? CMD_WRITE_MULT : CMD_READ_MULT;
	else
		cmd = do_write ? CMD_WRITE : CMD_READ;
	ata_command(cmd, lba, count);
	for (done = 0; done < count; done += n) {
		n = count - done < (uint32_t)drive.mult ? count - done : (uint32_t)drive.mult;
		if ((r = ata_block(do_write, n, io, off + done * SECTOR_SIZE)) != OK)
			return r;
	}
	if (do_write && (ata_wait(0) & (ST_ERR | ST_DF)))
		return -EIO;
	return OK;
}

/* Split a transfer of count sectors at lba into commands of at most max sectors, each done
 * by one(): OK, or the first command's error. */
int
ata_split(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io, uint32_t max,
	  ata_command_fn one)
{
	uint32_t done, n;
	int r;

	for (done = 0; done < count; done += n) {
		n = count - done < max ? count - done : max;
		if ((r = one(do_write, lba + done, n, io, (size_t)done * SECTOR_SIZE)) != OK)
			return r;
	}
	return OK;
}

/* PIO: read or write count sectors at lba (inside the disk): OK or an error. */
int
pio_transfer_sectors(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io)
{
	return ata_split(do_write, lba, count, io, MAX_SECTORS, ata_one_command);
}
