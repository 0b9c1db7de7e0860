/*
 * dma.c - bus-master DMA for the disk driver (handouts/drivers.md, "Bus-master DMA").
 *
 * The IDE function of QEMU's PIIX3 (a PIIX4 on other boards) is a PCI device whose BAR4
 * holds the I/O base of its bus-master registers, eight per channel; at_wini uses the
 * primary channel's: command (+0), status (+2) and the physical address of the PRD table
 * (+4).  at_wini finds it through the PCI server (handouts/pci.md): its system.conf entry's
 * `pci class 1/1` lets it see the IDE functions; it takes the first whose programming
 * interface says bus-master capable (bit 7), reserves it (which gives at_wini BAR4's ports
 * in the kernel), reads BAR4 with GET_BAR, turns on I/O decoding and bus mastering in its
 * command register, and checks that the kernel lets it reach the registers.  That is
 * dma_probe(), which runs before anything else at init and also stops the engine: a
 * previous instance of the driver killed in the middle of a transfer may have left it
 * running, aimed at pages VM has taken back since.  dma_init() then maps the buffer.
 *
 * The buffer.  The controller knows only physical addresses, so the data goes through a
 * bounce buffer whose pages are physically contiguous: VM_MMAP with VM_MAP_CONTIG, which
 * also reports the physical address.  Its first page holds the PRD table (one page never
 * crosses a 64 KiB boundary, and the table must not); the DMA_BYTES after it hold the data.
 * A PRD (physical region descriptor) describes one region of at most 64 KiB that does not
 * cross a 64 KiB boundary, so prd_fill() cuts the data at each such boundary.
 *
 * One command of up to DMA_SECTORS: a write first copies the caller's data into the buffer.
 * Load the PRD table's address, clear the status's interrupt and error bits, set the
 * direction, write READ DMA or WRITE DMA to the task file, then start the engine.  Wait for
 * IRQ 14 until the status's interrupt (or error) bit is set, stop the engine, read the
 * drive's status (which acknowledges its interrupt) and clear the bus master's bits.  The
 * error bit, or ERR or DF in the drive's status, is EIO.  A read then copies the buffer to
 * the caller.  A stale IRQ notification only costs one more look at the status.
 *
 * Not implemented: DMA straight into the caller's pages (it needs the physical pages behind
 * a grant), a timeout for a drive or a
 * controller that never interrupts, Ultra DMA modes (QEMU's emulation ignores timing).
 *
 * Entry points: dma_probe(), dma_init(), dma_transfer_sectors().
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "ata.h"

/* Configuration registers at_wini looks at (through the PCI server). */
#define PCI_CMD         0x04            /* command (16 bits) */
#define PCI_PIF         0x09            /* programming interface */
#define PCI_BAR4        0x20
#define PCI_CMD_IO      0x0001          /* decode I/O space */
#define PCI_CMD_MASTER  0x0004          /* may master the bus */
#define IDE_PIF_MASTER  0x80            /* programming interface: bus-master capable */

/* The primary channel's bus-master registers, offsets from BAR4's base. */
#define BM_CMD          0               /* bit 0 start, bit 3 direction */
#define BM_STATUS       2               /* bits 1 and 2 are cleared by writing 1 */
#define BM_PRDT         4               /* 32 bits: the PRD table's physical address */
#define BMC_START       0x01            /* run the engine (clear: stop it) */
#define BMC_TO_MEMORY   0x08            /* the controller writes memory: a disk read */
#define BMS_ERROR       0x02            /* the transfer failed on the PCI bus */
#define BMS_IRQ         0x04            /* the drive raised its interrupt line */
#define BMS_DRV0_DMA    0x20            /* "drive 0 can do DMA" (a note for software) */

#define PAGE            4096u
#define BOUNDARY        0x10000u        /* no PRD region and no PRD table crosses 64 KiB */
#define PRD_EOT         0x80000000u     /* the last descriptor of the table */
#define DMA_BYTES       (64u * 1024)
#define DMA_SECTORS     (DMA_BYTES / SECTOR_SIZE)

static uint32_t bm_base;                /* BAR4's I/O base */
static uint32_t *prd;                   /* the PRD table: (address, count | EOT) pairs */
static uint8_t *dma_buf;
static uint32_t prd_phys, buf_phys;

/* Say why DMA is not used; return r. */
static int
no_dma(int r, const char *fmt, ...)
{
	char why[120];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("at_wini: no DMA: %s\n", why);
	return r;
}

/* The first IDE function the PCI server shows us (our ACL: `pci class 1/1`) that can be a
 * bus master: OK and *devindp, or -ENODEV. */
static int
find_ide(int *devindp)
{
	uint16_t vid, did;
	int devind, found;

	for (found = pci_first_dev(&devind, &vid, &did); found;
	     found = pci_next_dev(&devind, &vid, &did))
		if (pci_attr_r8(devind, PCI_PIF) & IDE_PIF_MASTER) {
			*devindp = devind;
			return OK;
		}
	return -ENODEV;
}

static uint32_t
bm_in(uint32_t reg)
{
	uint32_t v = 0;

	if (sys_inb(bm_base + reg, &v) != OK)
		panic("bm_in: sys_inb(0x%x) refused", bm_base + reg);
	return v & 0xff;
}

static void
bm_out(uint32_t reg, uint32_t value)
{
	if (sys_outb(bm_base + reg, value) != OK)
		panic("bm_out: sys_outb(0x%x) refused", bm_base + reg);
}

/* Map the PRD page and the buffer, physically contiguous (VM_MAP_CONTIG): OK or VM's
 * error. */
static int
dma_alloc(void)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_MMAP;
	m.m_vm_mmap.len = PAGE + DMA_BYTES;
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	m.m_vm_mmap.flags = VM_MAP_CONTIG;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	prd = (uint32_t *)m.m_vm_mmap.addr;
	prd_phys = m.m_vm_mmap.phys_out;
	dma_buf = (uint8_t *)(m.m_vm_mmap.addr + PAGE);
	buf_phys = prd_phys + PAGE;
	return OK;
}

/* Find the controller, reserve and enable it, reach its registers: OK, or an error (said
 * why). */
static int
dma_controller(void)
{
	uint32_t size, st;
	uint16_t vid, did;
	int r, devind, ioflag;
	char slot[16];

	if ((r = pci_init()) != OK)
		return no_dma(r, "no PCI server (%d)", r);
	if ((r = find_ide(&devind)) != OK)
		return no_dma(r, "no bus-master IDE controller on PCI");
	if ((r = pci_reserve_ok(devind)) != OK)
		return no_dma(r, "cannot reserve the IDE controller (%d)", r);
	if ((r = pci_get_bar(devind, PCI_BAR4, &bm_base, &size, &ioflag)) != OK ||
	    !(ioflag & PCI_BAR_IO) || bm_base == 0)
		return no_dma(-ENODEV, "BAR4 holds no I/O base (%d)", r);
	pci_attr_w16(devind, PCI_CMD, pci_attr_r16(devind, PCI_CMD) | PCI_CMD_IO | PCI_CMD_MASTER);
	if ((r = sys_inb(bm_base + BM_STATUS, &st)) != OK)
		return no_dma(r, "registers at 0x%x refused by the kernel: %d", bm_base, r);
	pci_ids(devind, &vid, &did);
	if (pci_slot_name(devind, slot, sizeof(slot)) != OK)
		strlcpy(slot, "?", sizeof(slot));
	else if (strchr(slot, '.') != NULL)
		*strchr(slot, '.') = ':';	/* "0.1.1" -> "0:1.1", lspci's bus:dev.func */
	printf("at_wini: bus-master IDE %04x:%04x at PCI %s, registers at 0x%x\n", vid, did,
	       slot, bm_base);
	return OK;
}

/* Find the bus-master IDE controller, enable it, stop its engine: OK, or an error (said
 * why). */
int
dma_probe(void)
{
	int r;

	if ((r = dma_controller()) != OK)
		return r;
	bm_out(BM_CMD, 0);
	bm_out(BM_STATUS, BMS_IRQ | BMS_ERROR | BMS_DRV0_DMA);
	return OK;
}

/* After dma_probe() and IDENTIFY: check the drive, map the DMA buffer: OK, or an error
 * (said why). */
int
dma_init(void)
{
	int r;

	if (!drive.dma)
		return no_dma(-ENODEV, "the drive does not do DMA (IDENTIFY word 49)");
	if ((r = dma_alloc()) != OK)
		return no_dma(r, "no physically contiguous buffer from VM (%d)", r);
	printf("at_wini: DMA buffer %u KiB at physical 0x%x, PRD table at 0x%x\n",
	       DMA_BYTES / 1024, buf_phys, prd_phys);
	return OK;
}

/* Describe bytes (1..DMA_BYTES) of the buffer in the PRD table, cut at 64 KiB
 * boundaries. */
static void
prd_fill(uint32_t bytes)
{
	uint32_t pa = buf_phys, n, i = 0;

	while (bytes > 0) {
		n = BOUNDARY - (pa & (BOUNDARY - 1));
		if (n > bytes)
			n = bytes;
		prd[2 * i] = pa;
		prd[2 * i + 1] = n & 0xffff;    /* a count of 0 means 64 KiB */
		pa += n;
		bytes -= n;
		i++;
	}
	prd[2 * i - 1] |= PRD_EOT;
}

/* Wait for IRQ 14 until the bus master reports the interrupt or an error: its status. */
static uint32_t
dma_wait(void)
{
	message m;
	uint32_t st;
	int r;

	while (!((st = bm_in(BM_STATUS)) & (BMS_IRQ | BMS_ERROR)))
		if ((r = sef_receive(HARDWARE, &m)) != OK)
			panic("dma_wait: receive from HARDWARE failed: %d", r);
	return st;
}

/* One DMA command of count (1..DMA_SECTORS) sectors at lba, data at offset off of io. */
static int
dma_one_command(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io,
		size_t off)
{
	uint32_t dir = do_write ? 0 : BMC_TO_MEMORY, bytes = count * SECTOR_SIZE, bst, st;
	int r;

	if (do_write && (r = ata_io_copy(0, io, off, dma_buf, bytes)) != OK)
		return r;
	prd_fill(bytes);
	if (sys_outl(bm_base + BM_PRDT, prd_phys) != OK)
		panic("dma_one_command: sys_outl(0x%x) refused", bm_base + BM_PRDT);
	bm_out(BM_STATUS, BMS_IRQ | BMS_ERROR | BMS_DRV0_DMA);
	bm_out(BM_CMD, dir);
	ata_command(do_write ? CMD_WRITE_DMA : CMD_READ_DMA, lba, count);
	bm_out(BM_CMD, dir | BMC_START);
	bst = dma_wait();
	bm_out(BM_CMD, dir);
	st = ata_wait(0);
	bm_out(BM_STATUS, BMS_IRQ | BMS_ERROR | BMS_DRV0_DMA);
	if ((bst & BMS_ERROR) || (st & (ST_ERR | ST_DF)))
		return -EIO;
	return do_write ? OK : ata_io_copy(1, io, off, dma_buf, bytes);
}

/* DMA: read or write count sectors at lba (inside the disk): OK or an error. */
int
dma_transfer_sectors(int do_write, uint32_t lba, uint32_t count, const struct ata_io *io)
{
	return ata_split(do_write, lba, count, io, DMA_SECTORS, dma_one_command);
}
