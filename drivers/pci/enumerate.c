/*
 * enumerate.c - the PCI server's view of the buses (handouts/pci.md, "Enumeration").
 *
 * Configuration mechanism #1: the server writes the address of one 32-bit word of a
 * function's configuration space to port 0xCF8 (bit 31 enable, bus 23..16, device 15..11,
 * function 10..8, register 7..2) and reads or writes the word, or a byte or halfword of
 * it, at port 0xCFC + (offset & 3).  Both ports are the server's by its system.conf entry
 * (io cf8:8); each access is one sys_devio kernel call.
 *
 * pci_enumerate() walks bus 0; on every device it reads function 0 and, when the header
 * type says multi-function, functions 1..7.  Each function found (vendor id not 0xffff)
 * gets the next slot of pcidev[]: ids, revision, class, subsystem ids (type-0 headers), the
 * IRQ line (0xff when the interrupt pin is 0 or the line unset), and its BARs.  A
 * PCI-to-PCI bridge (header type 1) is recorded like any device and the bus behind it
 * (its secondary bus number) is walked too.
 *
 * BAR sizing: with the function's I/O and memory decoding off (command register), each BAR
 * is written all-ones, read back and restored; the bits that stayed 0 below the type bits
 * give the size.  Bit 0 set: an I/O BAR (16-bit ports); else memory, whose type bits 2..1
 * equal to 2 mean a 64-bit BAR: its next register is the upper half (noted with
 * PCI_BAR_64; a device placed above 4 GiB could not be used and is reported).
 *
 * Entry points: pci_enumerate(), pci_rescan(), pcicfg_read(), pcicfg_write().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "pci.h"

#define PCI_ADDR_PORT   0xcf8
#define PCI_DATA_PORT   0xcfc
#define CMD_DECODE      0x0003  /* I/O space, memory space */

struct pcidev pcidev[NR_PCIDEV];
int nr_pcidev;

/* Select the configuration word of bus/dev/func holding offset port. */
static void
cfg_select(int bus, int dev, int func, int port)
{
	uint32_t addr = 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
			(uint32_t)func << 8 | (uint32_t)(port & 0xfc);
	int r;

	if ((r = sys_outl(PCI_ADDR_PORT, addr)) != OK)
		panic("cfg_select: sys_outl(0xcf8) failed: %d", r);
}

uint32_t
pcicfg_read(int bus, int dev, int func, int port, int width)
{
	uint32_t v = 0;
	int r;

	cfg_select(bus, dev, func, port);
	if (width == 1)
		r = sys_inb(PCI_DATA_PORT + (port & 3), &v);
	else if (width == 2)
		r = sys_inw(PCI_DATA_PORT + (port & 2), &v);
	else
		r = sys_inl(PCI_DATA_PORT, &v);
	if (r != OK)
		panic("pcicfg_read: sys_devio(0xcfc) failed: %d", r);
	return v;
}

void
pcicfg_write(int bus, int dev, int func, int port, int width, uint32_t value)
{
	int r;

	cfg_select(bus, dev, func, port);
	if (width == 1)
		r = sys_outb(PCI_DATA_PORT + (port & 3), value & 0xff);
	else if (width == 2)
		r = sys_outw(PCI_DATA_PORT + (port & 2), value & 0xffff);
	else
		r = sys_outl(PCI_DATA_PORT, value);
	if (r != OK)
		panic("pcicfg_write: sys_devio(0xcfc) failed: %d", r);
}

/* Size BAR i of pi (decoding off): fills pi->bar[i]; 1 if it was a 64-bit BAR (the next
 * register is its upper half). */
static int
size_bar(struct pci_info *pi, int i)
{
	int port = PCI_BAR0 + 4 * i, is64;
	uint32_t orig, probe, mask;

	orig = pcicfg_read(pi->bus, pi->dev, pi->func, port, 4);
	pcicfg_write(pi->bus, pi->dev, pi->func, port, 4, 0xffffffffu);
	probe = pcicfg_read(pi->bus, pi->dev, pi->func, port, 4);
	pcicfg_write(pi->bus, pi->dev, pi->func, port, 4, orig);
	if (probe == 0 || probe == 0xffffffffu)
		return 0;	/* not implemented */
	if (orig & 1) {
		mask = (probe & ~3u) | 0xffff0000u;	/* 16-bit I/O decoders */
		pi->bar[i].base = orig & ~3u;
		pi->bar[i].size = ~mask + 1;
		pi->bar[i].flags = PCI_BAR_IO;
		return 0;
	}
	is64 = ((orig >> 1) & 3) == 2 && i < NR_BAR - 1;
	mask = probe & ~0xfu;
	pi->bar[i].base = orig & ~0xfu;
	pi->bar[i].size = ~mask + 1;
	pi->bar[i].flags = is64 ? PCI_BAR_64 : 0;
	if (is64 && pcicfg_read(pi->bus, pi->dev, pi->func, port + 4, 4) != 0)
		printf("pci: %02x:%02x.%x BAR%d is above 4 GiB: not usable\n", pi->bus, pi->dev,
		       pi->func, i);
	return is64;
}

/* Size every BAR of a type-0 header (type-1: the two of a bridge). */
static void
size_bars(struct pcidev *pd, int nr)
{
	struct pci_info *pi = &pd->info;
	uint32_t cmd = pcicfg_read(pi->bus, pi->dev, pi->func, PCI_CMD, 2);
	int i;

	pcicfg_write(pi->bus, pi->dev, pi->func, PCI_CMD, 2, cmd & ~CMD_DECODE);
	for (i = 0; i < nr; i++)
		if (size_bar(pi, i))
			pd->bar_64[i++] = 1;	/* i + 1 is the upper half: no BAR of its own */
	pcicfg_write(pi->bus, pi->dev, pi->func, PCI_CMD, 2, cmd);
}

/* Record bus/dev/func (vendor vid) in the next slot: its header type, or -1 if full. */
static int
record(int bus, int dev, int func, uint16_t vid)
{
	struct pcidev *pd;
	struct pci_info *pi;
	int headt;

	if (nr_pcidev >= NR_PCIDEV) {
		printf("pci: more than %d devices: %02x:%02x.%x ignored\n", NR_PCIDEV, bus, dev, func);
		return -1;
	}
	pd = &pcidev[nr_pcidev++];
	memset(pd, 0, sizeof(*pd));
	pi = &pd->info;
	pi->bus = bus, pi->dev = dev, pi->func = func;
	pi->vid = vid;
	pi->did = pcicfg_read(bus, dev, func, PCI_DID, 2);
	pi->rev = pcicfg_read(bus, dev, func, PCI_REV, 1);
	pi->infclass = pcicfg_read(bus, dev, func, PCI_CLASS, 1);
	pi->subclass = pcicfg_read(bus, dev, func, PCI_CLASS + 1, 1);
	pi->baseclass = pcicfg_read(bus, dev, func, PCI_CLASS + 2, 1);
	pi->owner = NONE;
	headt = pcicfg_read(bus, dev, func, PCI_HEADT, 1) & 0x7f;
	pi->irq = pcicfg_read(bus, dev, func, PCI_ILR, 1);
	if (pcicfg_read(bus, dev, func, PCI_ILR + 1, 1) == 0 || pi->irq == 0 || pi->irq >= 16)
		pi->irq = 0xff;		/* no interrupt pin, or no line routed */
	if (headt == 0) {
		pi->sub_vid = pcicfg_read(bus, dev, func, PCI_SUBVID, 2);
		pi->sub_did = pcicfg_read(bus, dev, func, PCI_SUBDID, 2);
	}
	size_bars(pd, headt == 0 ? NR_BAR : headt == 1 ? 2 : 0);
	pci_name_device(pi);
	return headt;
}

static void scan_bus(int bus, int depth);

/* Probe one function; walk the bus behind it if it is a bridge.  0: nothing there. */
static int
probe_func(int bus, int dev, int func, int depth)
{
	uint16_t vid = pcicfg_read(bus, dev, func, PCI_VID, 2);
	int headt, sec;

	if (vid == 0xffff)
		return 0;
	if ((headt = record(bus, dev, func, vid)) == 1) {
		sec = pcicfg_read(bus, dev, func, PPB_SECBUS, 1);
		if (sec > bus && sec < NR_PCIBUS)
			scan_bus(sec, depth + 1);
	}
	return 1;
}

/* Walk every device of bus (depth: bridges crossed, bounding a bad topology). */
static void
scan_bus(int bus, int depth)
{
	int dev, func;

	if (depth >= NR_PCIBUS)
		return;
	for (dev = 0; dev < 32; dev++) {
		if (!probe_func(bus, dev, 0, depth))
			continue;
		if (!(pcicfg_read(bus, dev, 0, PCI_HEADT, 1) & 0x80))
			continue;	/* single-function device */
		for (func = 1; func < 8; func++)
			probe_func(bus, dev, func, depth);
	}
}

int
pci_enumerate(void)
{
	nr_pcidev = 0;
	scan_bus(0, 0);
	return OK;	/* none: a machine without PCI (QEMU -M isapc) */
}

/* Is bus/dev/func already in the table? */
static int
known(int bus, int dev, int func)
{
	for (int i = 0; i < nr_pcidev; i++)
		if (pcidev[i].info.bus == bus && pcidev[i].info.dev == dev &&
		    pcidev[i].info.func == func)
			return 1;
	return 0;
}

/* Walk bus again, adding the functions not yet known (indexes never change). */
int
pci_rescan(int bus)
{
	int dev, func;

	if (bus < 0 || bus >= NR_PCIBUS)
		return -EINVAL;
	for (dev = 0; dev < 32; dev++)
		for (func = 0; func < 8; func++) {
			uint16_t vid = pcicfg_read(bus, dev, func, PCI_VID, 2);

			if (vid != 0xffff && !known(bus, dev, func))
				record(bus, dev, func, vid);
			if (func == 0 && (vid == 0xffff ||
			    !(pcicfg_read(bus, dev, 0, PCI_HEADT, 1) & 0x80)))
				break;
		}
	return OK;
}
