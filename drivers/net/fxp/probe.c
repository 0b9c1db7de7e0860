/*
 * probe.c - finding, reserving and resetting the card; its registers; the DMA area
 * (handouts/netdriver.md, "fxp").
 *
 * fxp_probe(N) asks the PCI server for the devices this driver's ACL shows (system.conf's
 * `pci device` lines), skips the first N that are 8255x cards, and reserves the next one:
 * that reservation is what gives the driver the card's I/O ports and IRQ line in the
 * kernel.  It then finds the card's I/O BAR (QEMU's 8255x have the registers twice, as
 * memory at BAR0 and as ports at BAR1; the driver uses the ports, through sys_devio), turns
 * on I/O decoding and bus mastering in the command register (without the second the card's
 * DMA does not reach memory), names the chip by its revision, and maps the DMA area: the
 * command blocks, the receive frame descriptors and the statistics dump in one physically
 * contiguous VM_MMAP region (VM_MAP_CONTIG, which reports its physical address).  No card
 * for the instance, or no PCI server, is ENXIO.
 *
 * fxp_reset() puts the chip in its power-up state (the PORT software reset): a previous
 * instance killed in the middle of its work may have left both units running on memory VM
 * has taken back since.  Then the CU and RU bases are loaded with 0, so that every address
 * the chip is given is a physical one.
 *
 * The registers: fxp_inb() ... fxp_outl() (a refused port access panics: the reservation
 * is gone), fxp_scb_wait() (the chip takes a command from the SCB's command byte and clears
 * it) and fxp_scb_cmd() (a command with its pointer argument).
 *
 * The revisions QEMU models (hw/net/eepro100.c) are 8086:1229 with revision 1-3 (82557
 * A-C), 4-5 (82558 A-B), 6-7 and 12 (82559 A-C), and 8086:1209 with revision 9 (82559ER),
 * 14 (82550, 82562) and 15 (82551).  What differs for this driver: the per-cause interrupt
 * masks exist from the 82558 on (cu.c masks CNA there; an 82557 interrupts on it too).
 *
 * Entry points: fxp_probe(), fxp_reset(), the register functions.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "fxp.h"

#define INTEL_VID       0x8086
#define PCI_CMD         0x04            /* command register (16 bits) */
#define PCI_CMD_IO      0x0001          /* decode I/O space */
#define PCI_CMD_MASTER  0x0004          /* may master the bus (DMA) */
#define PCI_REV         0x08            /* revision (8 bits) */
#define PCI_BAR0        0x10
#define PCI_BAR_LAST    0x24
#define PCI_ILR         0x3c            /* interrupt line (8 bits) */
#define SCB_SPINS       100000          /* polls of the command byte before giving up */
#define RESET_SPINS     20              /* status reads after a reset (each > 1 us) */

static const uint16_t fxp_dids[] = {
	0x1229, 0x1209, 0x1029, 0x1030, 0x1031, 0x1032, 0x1038, 0x1039, 0x103d, 0x1064,
	0x2449,
};

/* Names by PCI revision (the 8255x family's revision ids). */
static const struct {
	uint8_t rev;
	const char *name;
} fxp_revs[] = {
	{ 1, "82557A" }, { 2, "82557B" }, { 3, "82557C" }, { 4, "82558A" }, { 5, "82558B" },
	{ 6, "82559A" }, { 7, "82559B" }, { 8, "82559C" }, { 9, "82559ER" }, { 12, "82559C" },
	{ 13, "82550" }, { 14, "82550/82562" }, { 15, "82551" }, { 16, "82551" },
};

/* One access to register reg (request: DIO_INPUT or DIO_OUTPUT | DIO_BYTE, DIO_WORD or
 * DIO_LONG); a refused one panics (the reservation is gone). */
static uint32_t
fxp_io(int request, int reg, uint32_t value)
{
	uint32_t v = 0;
	int r;

	if ((r = sys_devio(request, fxp.port + reg, value, &v)) != OK)
		panic("fxp_io: port 0x%x (request 0x%x): %d", fxp.port + reg, request, r);
	return v;
}

uint8_t
fxp_inb(int reg)
{
	return (uint8_t)fxp_io(DIO_INPUT | DIO_BYTE, reg, 0);
}

uint16_t
fxp_inw(int reg)
{
	return (uint16_t)fxp_io(DIO_INPUT | DIO_WORD, reg, 0);
}

void
fxp_outb(int reg, uint8_t value)
{
	(void)fxp_io(DIO_OUTPUT | DIO_BYTE, reg, value);
}

void
fxp_outw(int reg, uint16_t value)
{
	(void)fxp_io(DIO_OUTPUT | DIO_WORD, reg, value);
}

void
fxp_outl(int reg, uint32_t value)
{
	(void)fxp_io(DIO_OUTPUT | DIO_LONG, reg, value);
}

/* Wait until the chip has taken the last command: OK, or -EIO if it never does. */
int
fxp_scb_wait(void)
{
	int i;

	for (i = 0; i < SCB_SPINS; i++)
		if (fxp_inb(SCB_CMD) == 0)
			return OK;
	printf("%s: the SCB command byte stays busy\n", fxp.chip);
	return -EIO;
}

/* Give the chip command cmd with argument pointer: OK or -EIO. */
int
fxp_scb_cmd(uint8_t cmd, uint32_t pointer)
{
	int r;

	if ((r = fxp_scb_wait()) != OK)
		return r;
	fxp_outl(SCB_POINTER, pointer);
	fxp_outb(SCB_CMD, cmd);
	return OK;
}

/* Is did one of the 8255x's device ids? */
static int
fxp_known(uint16_t vid, uint16_t did)
{
	size_t i;

	if (vid != INTEL_VID)
		return 0;
	for (i = 0; i < sizeof(fxp_dids) / sizeof(fxp_dids[0]); i++)
		if (fxp_dids[i] == did)
			return 1;
	return 0;
}

/* The devind of instance's card: 1, or 0 when there are fewer cards. */
static int
fxp_find(unsigned int instance, int *devind, uint16_t *did)
{
	uint16_t vid;
	int more;

	for (more = pci_first_dev(devind, &vid, did); more;
	     more = pci_next_dev(devind, &vid, did)) {
		if (!fxp_known(vid, *did))
			continue;
		if (instance-- == 0)
			return 1;
	}
	return 0;
}

/* The first I/O BAR of the card into fxp.port: OK or -ENXIO. */
static int
fxp_io_bar(int devind)
{
	uint32_t base, size;
	int reg, io;

	for (reg = PCI_BAR0; reg <= PCI_BAR_LAST; reg += 4) {
		if (pci_get_bar(devind, reg, &base, &size, &io) != OK || !(io & PCI_BAR_IO))
			continue;
		if (base == 0 || size < FXP_IO_SIZE)
			continue;
		fxp.port = base;
		return OK;
	}
	return -ENXIO;
}

/* The chip's name by its revision. */
static const char *
fxp_chip(uint8_t rev)
{
	size_t i;

	for (i = 0; i < sizeof(fxp_revs) / sizeof(fxp_revs[0]); i++)
		if (fxp_revs[i].rev == rev)
			return fxp_revs[i].name;
	return "8255x";
}

/* Map the DMA area (physically contiguous): OK or VM's error. */
static int
fxp_dma_map(void)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_MMAP;
	m.m_vm_mmap.len = sizeof(struct fxp_dma);
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	m.m_vm_mmap.flags = VM_MAP_CONTIG;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	fxp.dma = (volatile struct fxp_dma *)m.m_vm_mmap.addr;
	fxp.dma_phys = m.m_vm_mmap.phys_out;
	return OK;
}

/* Take the device: reserve it, find its ports, IRQ and revision, enable it. */
static int
fxp_take(int devind)
{
	uint16_t cmd;
	int r;

	if ((r = pci_reserve_ok(devind)) != OK) {
		printf("fxp: cannot reserve PCI device %d: %d\n", devind, r);
		return r < 0 ? r : -r;
	}
	if ((r = fxp_io_bar(devind)) != OK) {
		printf("fxp: PCI device %d has no I/O BAR\n", devind);
		return r;
	}
	fxp.irq = pci_attr_r8(devind, PCI_ILR);
	fxp.rev = pci_attr_r8(devind, PCI_REV);
	fxp.chip = fxp_chip(fxp.rev);
	cmd = pci_attr_r16(devind, PCI_CMD);
	pci_attr_w16(devind, PCI_CMD, cmd | PCI_CMD_IO | PCI_CMD_MASTER);
	return OK;
}

/* Find instance's card, reserve and enable it, map the DMA area: OK, -ENXIO (no card or
 * no PCI server), or the error that stopped it. */
int
fxp_probe(unsigned int instance)
{
	int devind, r;

	fxp.chip = "fxp";
	if ((r = pci_init()) != OK) {
		printf("fxp: no PCI server (%d)\n", r);
		return -ENXIO;
	}
	if (!fxp_find(instance, &devind, &fxp.did)) {
		printf("fxp: no card for instance %u\n", instance);
		return -ENXIO;
	}
	if ((r = fxp_take(devind)) != OK)
		return r;
	if (fxp.dma == NULL && (r = fxp_dma_map()) != OK) {
		printf("fxp: no DMA memory from VM (%d)\n", r);
		return r;
	}
	printf("%s: 8086:%04x revision %u at port 0x%x, IRQ %d\n", fxp.chip, fxp.did,
	       fxp.rev, fxp.port, fxp.irq);
	return OK;
}

/* Software reset, then the CU and RU bases to 0; interrupts masked. */
void
fxp_reset(void)
{
	int i;

	fxp_outl(SCB_PORT, PORT_RESET);
	for (i = 0; i < RESET_SPINS; i++)
		(void)fxp_inb(SCB_STATUS);
	fxp_outb(SCB_INTMASK, INT_MASK_ALL);
	(void)fxp_scb_cmd(CUC_LOADBASE, 0);
	(void)fxp_scb_cmd(RUC_LOADBASE, 0);
	fxp.cu_started = 0;
}
