/*
 * dma.c - bus-master DMA for the disk driver (handouts/drivers.md, "Bus-master DMA").
 *
 * The IDE function of QEMU's PIIX3 (a PIIX4 on other boards) is a PCI device whose BAR4
 * holds the I/O base of its bus-master registers, eight per channel; at_wini uses the
 * primary channel's: command (+0), status (+2) and the physical address of the PRD table
 * (+4).  Minnow has no PCI server, so dma_init() reads configuration space itself through
 * configuration mechanism #1 (address to port 0xcf8, data at 0xcfc): it scans bus 0 for a
 * mass-storage IDE function able to be a bus master (class 01, subclass 01, programming
 * interface bit 7), reads BAR4, turns on I/O decoding and bus mastering in its command
 * register, and checks that at_wini's privileges (system.conf) reach the registers.  That is
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
 * a grant), PCI buses other than 0 (QEMU's i440FX has one), a timeout for a drive or a
 * controller that never interrupts, Ultra DMA modes (QEMU's emulation ignores timing).
 *
 * Entry points: dma_probe(), dma_init(), dma_transfer_sectors().
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "ata.h"

/* PCI configuration mechanism #1. */
#define PCI_ADDR        0xcf8           /* write: enable | bus | device | function | reg */
#define PCI_DATA        0xcfc           /* read/write: the 32-bit register selected */
#define PCI_ENABLE      0x80000000u
#define PCI_SLOTS       32
#define PCI_FUNCS       8
#define PCI_ID          0x00            /* vendor ID (bits 0-15), device ID (16-31) */
#define PCI_CMD         0x04            /* command (bits 0-15), status (16-31) */
#define PCI_CLASS       0x08            /* revision, prog. interface, subclass, class */
#define PCI_HEADER      0x0c            /* bits 16-23: header type, bit 23: multi-function */
#define PCI_BAR4        0x20
#define PCI_CMD_IO      0x0001          /* decode I/O space */
#define PCI_CMD_MASTER  0x0004          /* may master the bus */
#define PCI_MULTI_FN    0x00800000u
#define IDE_CLASS       0x0101          /* mass storage, IDE */
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

/* Select register reg of function dev (bus << 16 | slot << 11 | function << 8). */
static int
pci_select(uint32_t dev, uint32_t reg)
{
	return sys_outl(PCI_ADDR, PCI_ENABLE | dev | (reg & 0xfc));
}

static int
pci_read(uint32_t dev, uint32_t reg, uint32_t *value)
{
	int r;

	if ((r = pci_select(dev, reg)) != OK)
		return r;
	return sys_inl(PCI_DATA, value);
}

static int
pci_write(uint32_t dev, uint32_t reg, uint32_t value)
{
	int r;

	if ((r = pci_select(dev, reg)) != OK)
		return r;
	return sys_outl(PCI_DATA, value);
}

/* Is function dev a bus-master IDE controller?  1 yes, 0 no, or a kernel error. */
static int
pci_is_ide(uint32_t dev)
{
	uint32_t cls;
	int r;

	if ((r = pci_read(dev, PCI_CLASS, &cls)) != OK)
		return r;
	return (cls >> 16) == IDE_CLASS && ((cls >> 8) & IDE_PIF_MASTER);
}

/* Scan bus 0 for a bus-master IDE function: OK and *devp, -ENODEV, or a kernel error. */
static int
pci_find_ide(uint32_t *devp)
{
	uint32_t slot, fn, dev, id, hdr;
	int r;

	for (slot = 0; slot < PCI_SLOTS; slot++) {
		for (fn = 0; fn < PCI_FUNCS; fn++) {
			dev = slot << 11 | fn << 8;
			if ((r = pci_read(dev, PCI_ID, &id)) != OK)
				return r;
			if ((id & 0xffff) == 0xffff && fn == 0)
				break;                  /* no device in this slot */
			if ((id & 0xffff) != 0xffff && (r = pci_is_ide(dev)) != 0) {
				*devp = dev;
				return r < 0 ? r : OK;
			}
			if (fn == 0 && (r = pci_read(dev, PCI_HEADER, &hdr)) != OK)
				return r;
			if (fn == 0 && !(hdr & PCI_MULTI_FN))
				break;                  /* a single-function device */
		}
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

/* Find the controller, enable it, reach its registers: OK, or an error (said why). */
static int
dma_controller(void)
{
	uint32_t dev, id, bar, cmd, st;
	int r;

	if ((r = pci_find_ide(&dev)) != OK)
		return r == -ENODEV ? no_dma(r, "no bus-master IDE controller on PCI bus 0")
				    : no_dma(r, "PCI configuration ports refused (%d)", r);
	if ((r = pci_read(dev, PCI_ID, &id)) != OK || (r = pci_read(dev, PCI_BAR4, &bar)) != OK ||
	    (r = pci_read(dev, PCI_CMD, &cmd)) != OK)
		return no_dma(r, "PCI configuration read failed (%d)", r);
	if (!(bar & 1) || (bar & 0xfff0) == 0)
		return no_dma(-ENODEV, "BAR4 holds no I/O base (0x%x)", bar);
	bm_base = bar & 0xfff0;
	cmd = (cmd & 0xffff) | PCI_CMD_IO | PCI_CMD_MASTER;
	if ((r = pci_write(dev, PCI_CMD, cmd)) != OK)
		return no_dma(r, "cannot enable bus mastering (%d)", r);
	if ((r = sys_inb(bm_base + BM_STATUS, &st)) != OK)
		return no_dma(r, "registers at 0x%x not in at_wini's io (system.conf): %d",
			      bm_base, r);
	printf("at_wini: bus-master IDE %04x:%04x at PCI 0:%u.%u, registers at 0x%x\n",
	       id & 0xffff, id >> 16, dev >> 11 & 0x1f, dev >> 8 & 7, bm_base);
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
