/*
 * ata.c - at_wini, the ATA disk driver (label "at_wini", major 3; handouts/disk.md): the
 * master drive of the primary IDE channel as a block device, with its MBR partitions.
 *
 * It is a libdriver block driver (include/minnow/driver.h, minnow/bdev.h).  Minors follow
 * MINIX's c0d0 numbering: 0 is the whole disk (/dev/c0d0), 1-4 its primary partitions
 * (/dev/c0d0p0..p3); other minors, and partitions the table leaves empty, are ENXIO.  The
 * sector size is 512: a position or size that is not a multiple of it is EINVAL, a position
 * at or past the end of the minor is EIO, and a transfer that runs past the end is cut
 * short (the BDEV rules).
 *
 * Transfer modes.  The data moves by bus-master DMA (dma.c) when the PCI server shows at_wini
 * a bus-master IDE controller and dma_probe() and dma_init() succeed, and by PIO (pio.c) otherwise, or
 * when asked: the argument "pio" (`service up ... -args pio`, or a boot module word) or the
 * boot parameter ata=pio.  The mode line at start says which (handouts/drivers.md,
 * "Bus-master DMA"); every transfer of one run of the driver uses the same mode.
 *
 * SEF init (fresh start and restart alike): find the bus master (dma_probe(), which also
 * stops a DMA engine a previous instance left running), IDENTIFY the drive, hook IRQ 14,
 * set the multiple mode, choose the mode (dma_init() maps the buffer), read the partition
 * table from sector 0, print what was found, then driver_announce() publishes
 * drv.blk.at_wini.  With no disk the driver says so and its init fails (ENXIO): RS ends it
 * and the system boots on without it.  An instance that has a predecessor (old_endpoint)
 * first resets the channel (SRST).
 * at_wini is a service in /service that /etc/rc starts with `service up -p`; RS restarts it
 * when it dies, from the standby replica, under the dead instance's endpoint and pid: its
 * restart init is its fresh init (a predecessor makes it reset the channel first), and
 * VFS and MFS see the restart in the driver's new announcement (handouts/drivers.md,
 * "Restarting a block driver").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "ata.h"

#define MBR_TABLE       446             /* offset of the partition table in sector 0 */
#define MBR_ENTRY       16
#define MBR_SIGNATURE   510             /* 0x55 0xaa */

/* A minor's extent, in sectors; size 0: not present. */
static struct {
	uint32_t base, size;
	uint8_t type;
} part[DEV_PER_DRIVE];

static int have_disk;
static int use_dma;                     /* transfers go through dma.c, not pio.c */
static int pio_asked;                   /* the argument "pio" */

/* Read or write count sectors at lba (inside the disk) in the chosen mode. */
static int
transfer_sectors(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io)
{
	if (use_dma)
		return dma_transfer_sectors(do_write, lba, count, io);
	return pio_transfer_sectors(do_write, lba, count, io);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Read the MBR and fill part[1..4]; an entry outside the disk is ignored (and said so). */
static int
read_partitions(void)
{
	static uint8_t mbr[SECTOR_SIZE];
	struct ata_io io = { .endpt = SELF, .grant = GRANT_INVALID, .local = mbr };
	int i, r;

	part[0].base = 0;
	part[0].size = drive.sectors;
	if ((r = transfer_sectors(0, 0, 1, &io)) != OK)
		return r;
	if (mbr[MBR_SIGNATURE] != 0x55 || mbr[MBR_SIGNATURE + 1] != 0xaa) {
		printf("at_wini: c0d0: no partition table\n");
		return OK;
	}
	for (i = 0; i < NR_PARTITIONS; i++) {
		const uint8_t *e = mbr + MBR_TABLE + i * MBR_ENTRY;
		uint32_t base = le32(e + 8), size = le32(e + 12);

		if (e[4] == 0 || size == 0)
			continue;
		if (base >= drive.sectors || size > drive.sectors - base) {
			printf("at_wini: c0d0p%d: outside the disk, ignored\n", i);
			continue;
		}
		part[1 + i].base = base;
		part[1 + i].size = size;
		part[1 + i].type = e[4];
		printf("at_wini: c0d0p%d: type 0x%02x, start %u, %u sectors (%u KiB)\n", i, e[4],
		       base, size, size / 2);
	}
	return OK;
}

static int
ata_open(devminor_t minor, int access)
{
	(void)access;
	if (!have_disk || minor < 0 || minor >= DEV_PER_DRIVE || part[minor].size == 0)
		return -ENXIO;
	return OK;
}

static int
ata_transfer(devminor_t minor, int do_write, uint64_t pos, endpoint_t endpt,
	     cp_grant_id_t grant, size_t size, int flags)
{
	struct ata_io io = { .endpt = endpt, .grant = grant, .local = NULL };
	uint64_t first, count;
	int r;

	(void)flags;
	if (ata_open(minor, 0) != OK)
		return -ENXIO;
	if (pos % SECTOR_SIZE != 0 || size % SECTOR_SIZE != 0)
		return -EINVAL;
	first = pos / SECTOR_SIZE;
	if (first >= part[minor].size)
		return -EIO;
	count = size / SECTOR_SIZE;
	if (count > part[minor].size - first)
		count = part[minor].size - first;
	r = transfer_sectors(do_write, part[minor].base + (uint32_t)first, (uint32_t)count, &io);
	return r != OK ? r : (int)(count * SECTOR_SIZE);
}

static const struct blockdriver ata_tab = {
	.bdr_open = ata_open,
	.bdr_transfer = ata_transfer,
};

/* Was PIO asked for?  How (the argument "pio", the boot parameter ata=pio), or NULL. */
static const char *
pio_wanted(void)
{
	char cmdline[256], *w;

	if (pio_asked)
		return "the argument pio";
	if (sys_getcmdline(cmdline, sizeof(cmdline)) != OK)
		return NULL;
	cmdline[sizeof(cmdline) - 1] = '\0';
	for (w = strtok(cmdline, " "); w != NULL; w = strtok(NULL, " "))
		if (strcmp(w, "ata=pio") == 0)
			return "the boot parameter ata=pio";
	return NULL;
}

/* Before IDENTIFY: unless PIO was asked for, find the bus master and stop an engine a
 * previous instance may have left running.  1 if DMA may be used. */
static int
mode_probe(void)
{
	const char *how = pio_wanted();

	if (how != NULL) {
		printf("at_wini: PIO asked for by %s: DMA not tried\n", how);
		return 0;
	}
	return dma_probe() == OK;
}

/* After IDENTIFY: choose DMA or PIO and say which. */
static void
mode_choose(int probed)
{
	use_dma = probed && dma_init() == OK;
	if (use_dma)
		printf("at_wini: c0d0: %s, %u sectors (%u MiB), LBA28, DMA\n", drive.model,
		       drive.sectors, drive.sectors / 2048);
	else
		printf("at_wini: c0d0: %s, %u sectors (%u MiB), LBA28, PIO, %d sectors per "
		       "interrupt\n", drive.model, drive.sectors, drive.sectors / 2048, drive.mult);
}

/* A restart (handouts/drivers.md, "Restarting a block driver"): the predecessor may have
 * died in the middle of a command, with the drive still waiting for data; a software reset
 * of the channel (SRST set, then cleared, interrupts enabled) puts it back to idle. */
static void
ata_reset(void)
{
	uint32_t st = 0;
	int i;

	if (sys_outb(ATA_CTL, CTL_SRST) != OK || sys_outb(ATA_CTL, 0) != OK)
		return;
	for (i = 0; i < 100000 && sys_inb(ATA_STATUS, &st) == OK && (st & ST_BSY); i++)
		;
}

/* SEF fresh init, also of the fresh instance that replaces a dead one; with no disk the
 * init fails (ENXIO), so RS ends the driver and `service up` reports it. */
static int
ata_init(int type, sef_init_info_t *info)
{
	int r, probed;

	(void)type;
	memset(part, 0, sizeof(part));
	have_disk = use_dma = 0;
	if (info->old_endpoint != NONE)
		ata_reset();	/* a predecessor died, perhaps in the middle of a command */
	probed = mode_probe();
	if ((r = ata_identify()) != OK) {
		printf("at_wini: no ATA disk on the primary channel (%d): exiting\n", r);
		return -ENXIO;
	}
	if ((r = ata_irq_init()) != OK)
		panic("ata_init: cannot hook IRQ %d: %d", ATA_IRQ, r);
	ata_set_multiple();
	mode_choose(probed);
	if ((r = read_partitions()) != OK)
		printf("at_wini: c0d0: cannot read the partition table (%d)\n", r);
	have_disk = 1;
	if ((r = driver_announce(DRIVER_BLK)) != OK)
		printf("at_wini: driver_announce failed (%d)\n", r);
	if (info->old_endpoint != NONE)
		printf("at_wini: restarted\n");
	return OK;
}

int
main(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "pio") == 0)
			pio_asked = 1;
	sef_setcb_init_fresh(ata_init);
	sef_setcb_init_restart(ata_init);
	sef_setcb_signal_handler(sef_cb_signal_handler_term);
	sef_startup();
	if (!have_disk)
		exit(0);
	driver_task(NULL, &ata_tab);
}
