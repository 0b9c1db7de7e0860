/*
 * probe.c - finding this instance's card and making it usable (handouts/netdriver.md,
 * "e1000"): the PCI server's client finds, reserves and describes it, VM maps its registers
 * and gives the DMA memory.
 *
 * The devices the driver's ACL shows (system.conf's `pci device` lines) are walked with
 * pci_first_dev / pci_next_dev; the ones of the e1000 family are counted, and instance N
 * takes the one after the first N (none left: ENXIO).  Reserving it (pci_reserve_ok) is
 * what gives the driver its memory range and IRQ in the kernel.  BAR0 is the 128 KiB of
 * registers: VM_MAP_PHYS maps them.  The IRQ is the configuration register 0x3c; memory
 * decoding and bus mastering are switched on in the command register.  The rings and
 * their buffers are one VM_MAP_CONTIG region (physically contiguous, its physical address
 * reported): the receive descriptors, the transmit descriptors, then the buffers.
 *
 * All this happens once per process: a second e1000_probe() (a restarted instance probes
 * at start-up and again on its first DL_CONF) finds everything in place.
 *
 * Entry point: e1000_probe().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "e1000.h"

#define PAGE            4096u
#define RING_BYTES(n)   (((n) * 16u + PAGE - 1) / PAGE * PAGE)
#define DMA_BYTES       (RING_BYTES(E1000_RX_NR) + RING_BYTES(E1000_TX_NR) + \
			 (E1000_RX_NR + E1000_TX_NR) * E1000_BUF_SIZE)

/* The e1000 family's device ids (QEMU's e1000, e1000-82544gc, e1000-82545em and kin). */
static const uint16_t e1000_ids[] = {
	0x100e, 0x100f, 0x100c, 0x1004, 0x1000, 0x1001, 0x1008, 0x1009, 0x100d, 0x1010,
	0x1011, 0x1012, 0x1015, 0x1016, 0x1017, 0x101e, 0x1026, 0x1027, 0x1028, 0x1075,
	0x1076, 0x1077, 0x1078, 0x1079, 0x107a, 0x107b, 0x107c,
};

static int probed;              /* e1000 is filled in */
static uint32_t bar0;           /* the registers' physical address */

/* Is vid:did an e1000? */
static int
is_e1000(uint16_t vid, uint16_t did)
{
	if (vid != E1000_VENDOR_INTEL)
		return 0;
	for (size_t i = 0; i < sizeof(e1000_ids) / sizeof(e1000_ids[0]); i++)
		if (e1000_ids[i] == did)
			return 1;
	return 0;
}

/* The devind of the card after the first `instance` ones: OK, or ENXIO. */
static int
find_card(unsigned int instance, int *devind)
{
	uint16_t vid, did;
	int r;

	if ((r = pci_init()) != OK)
		return r;
	for (r = pci_first_dev(devind, &vid, &did); r == 1; r = pci_next_dev(devind, &vid, &did))
		if (is_e1000(vid, did) && instance-- == 0)
			return OK;
	return -ENXIO;
}

/* A VM_MMAP or VM_MAP_PHYS of len bytes: OK and *addr (and *phys for a contiguous one). */
static int
vm_map(int type, uint32_t phys, uint32_t len, uint32_t *addr, uint32_t *phys_out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_vm_mmap.len = len;
	m.m_vm_mmap.prot = VM_PROT_WRITE;
	m.m_vm_mmap.phys = phys;
	m.m_vm_mmap.flags = type == VM_MMAP ? VM_MAP_CONTIG : 0;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK)
		return r;
	if (m.m_type != OK)
		return m.m_type;
	*addr = m.m_vm_mmap.addr;
	if (phys_out != NULL)
		*phys_out = m.m_vm_mmap.phys_out;
	return OK;
}

/* Map BAR0, read the IRQ line, let the card decode memory and master the bus. */
static int
map_registers(void)
{
	uint32_t base, size, addr;
	int ioflag, r;

	if ((r = pci_get_bar(e1000.devind, E1000_PCI_BAR0, &base, &size, &ioflag)) != OK)
		return r;
	if (ioflag || size == 0)
		return -ENXIO;
	bar0 = base;
	if ((r = vm_map(VM_MAP_PHYS, base, size, &addr, NULL)) != OK)
		return r;
	e1000.regs = (volatile uint8_t *)addr;
	e1000.irq = pci_attr_r8(e1000.devind, E1000_PCI_IRQ);
	pci_attr_w16(e1000.devind, E1000_PCI_CMD, pci_attr_r16(e1000.devind, E1000_PCI_CMD) |
		     E1000_PCI_CMD_MEM | E1000_PCI_CMD_MASTER);
	return OK;
}

/* The rings and buffers: one physically contiguous region. */
static int
alloc_dma(void)
{
	uint32_t addr, phys;
	int r;

	if ((r = vm_map(VM_MMAP, 0, DMA_BYTES, &addr, &phys)) != OK)
		return r;
	e1000.rx = (struct e1000_rx_desc *)addr;
	e1000.rx_phys = phys;
	addr += RING_BYTES(E1000_RX_NR), phys += RING_BYTES(E1000_RX_NR);
	e1000.tx = (struct e1000_tx_desc *)addr;
	e1000.tx_phys = phys;
	addr += RING_BYTES(E1000_TX_NR), phys += RING_BYTES(E1000_TX_NR);
	e1000.rx_buf = (uint8_t *)addr;
	e1000.rx_buf_phys = phys;
	e1000.tx_buf = e1000.rx_buf + E1000_RX_NR * E1000_BUF_SIZE;
	e1000.tx_buf_phys = phys + E1000_RX_NR * E1000_BUF_SIZE;
	return OK;
}

int
e1000_probe(unsigned int instance)
{
	int r;

	if (probed)
		return OK;
	if ((r = find_card(instance, &e1000.devind)) != OK)
		return r;
	if ((r = pci_reserve_ok(e1000.devind)) != OK)
		return r;
	if ((r = map_registers()) != OK || (r = alloc_dma()) != OK) {
		printf("e1000: cannot map the card or its rings (%d)\n", r);
		return r;
	}
	e1000.hook = 0;         /* the bit of our interrupt notifications */
	if ((r = sys_irqsetpolicy(e1000.irq, 0, &e1000.hook)) != OK) {
		printf("e1000: cannot hook IRQ %d (%d)\n", e1000.irq, r);
		return r;
	}
	printf("e1000: instance %u: registers at 0x%x, IRQ %d, rings at 0x%x-0x%x\n", instance,
	       (unsigned int)bar0, e1000.irq, (unsigned int)e1000.rx_phys,
	       (unsigned int)(e1000.rx_phys + DMA_BYTES - 1));
	probed = 1;
	return OK;
}
