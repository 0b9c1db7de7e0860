/*
 * probe.c - finding the rtl8139 driver's card (handouts/netdriver.md, "rtl8139";
 * the PCI server's protocol: include/minnow/pci.h).
 *
 * rtl_probe(N) walks the devices the PCI server shows this driver (its ACL: the `pci
 * device` lines of its etc/system.conf entry) with pci_first_dev / pci_next_dev, keeps
 * those whose ids are an 8139 or a clone in rtl_ids[], skips the first N, and reserves the
 * next one: the reservation is what grants the driver the card's I/O ports and IRQ line in
 * the kernel.  No such card is ENXIO; a card reserved by another driver is EBUSY.  It then
 * reads BAR0 (the chip's I/O ports) and the interrupt line from configuration space and
 * turns on I/O decoding and bus mastering (the chip writes the receive ring and reads the
 * transmit buffers itself).
 *
 * rtl_dma_alloc() maps the DMA area once per process: physically contiguous pages from VM
 * (VM_MMAP with VM_MAP_CONTIG, which reports the physical address), the receive ring then
 * the transmit buffers (rtl8139.h).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "rtl8139.h"

#define PCI_CMD         0x04            /* configuration space: command register */
#define PCI_CMD_IO      0x0001          /* decode I/O space */
#define PCI_CMD_MASTER  0x0004          /* may master the bus */
#define PCI_BAR0        0x10
#define PCI_ILR         0x3c            /* interrupt line */

/* The chips this driver drives: the 8139 and boards that are an 8139 under another id. */
static const struct { uint16_t vid, did; } rtl_ids[] = {
	{ 0x10ec, 0x8139 },             /* Realtek RTL8139 (QEMU's rtl8139) */
	{ 0x10ec, 0x8138 },             /* Realtek RTL8139 (B/C) CardBus */
	{ 0x1113, 0x1211 },             /* Accton SMC1211TX */
	{ 0x1186, 0x1300 },             /* D-Link DFE-538TX */
	{ 0x1186, 0x1340 },             /* D-Link DFE-690TXD */
	{ 0x4033, 0x1360 },             /* Addtron AC-1360 */
};

static int
rtl_known(uint16_t vid, uint16_t did)
{
	size_t i;

	for (i = 0; i < sizeof(rtl_ids) / sizeof(rtl_ids[0]); i++)
		if (rtl_ids[i].vid == vid && rtl_ids[i].did == did)
			return 1;
	return 0;
}

/* The index of the instance-th 8139 this driver may see: OK and *devind, or -ENXIO. */
static int
rtl_find(unsigned int instance, int *devind)
{
	uint16_t vid, did;
	int more;

	for (more = pci_first_dev(devind, &vid, &did); more;
	     more = pci_next_dev(devind, &vid, &did)) {
		if (!rtl_known(vid, did))
			continue;
		if (instance-- == 0) {
			rtl.vid = vid;
			rtl.did = did;
			return OK;
		}
	}
	return -ENXIO;
}

/* BAR0's ports, the IRQ line; enable I/O decoding and bus mastering. */
static int
rtl_config(void)
{
	uint32_t base, size;
	int io, r;

	if ((r = pci_get_bar(rtl.devind, PCI_BAR0, &base, &size, &io)) != OK || !io) {
		printf("rtl8139: BAR0 holds no I/O ports (%d)\n", r);
		return r != OK ? r : -ENXIO;
	}
	rtl.irq = pci_attr_r8(rtl.devind, PCI_ILR);
	if (rtl.irq == 0 || rtl.irq >= 16) {
		printf("rtl8139: the card has no IRQ line (%d)\n", rtl.irq);
		return -ENXIO;
	}
	pci_attr_w16(rtl.devind, PCI_CMD,
		     pci_attr_r16(rtl.devind, PCI_CMD) | PCI_CMD_IO | PCI_CMD_MASTER);
	rtl.port = base;                /* the card is ours: rtl_init probes no more */
	return OK;
}

/* Find instance N's card, reserve it, learn its ports and IRQ: OK, -ENXIO, or the PCI
 * server's error (-EBUSY: another driver has it). */
int
rtl_probe(unsigned int instance)
{
	int r;

	if ((r = pci_init()) != OK) {
		printf("rtl8139: no PCI server (%d)\n", r);
		return -ENXIO;
	}
	if ((r = rtl_find(instance, &rtl.devind)) != OK) {
		printf("rtl8139: no card for instance %u\n", instance);
		return r;
	}
	if ((r = pci_reserve_ok(rtl.devind)) != OK) {
		printf("rtl8139: cannot reserve PCI device %d (%d)\n", rtl.devind, r);
		return r > 0 ? -r : r;
	}
	return rtl_config();
}

/* Map the DMA area, physically contiguous: OK or VM's error.  Once per process. */
int
rtl_dma_alloc(void)
{
	message m;
	int r;

	if (rtl.dma != NULL)
		return OK;
	memset(&m, 0, sizeof(m));
	m.m_type = VM_MMAP;
	m.m_vm_mmap.len = DMA_AREA;
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	m.m_vm_mmap.flags = VM_MAP_CONTIG;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	rtl.dma = (uint8_t *)m.m_vm_mmap.addr;
	rtl.dma_phys = m.m_vm_mmap.phys_out;
	memset(rtl.dma, 0, DMA_AREA);
	return OK;
}
