/*
 * pci_standin.c - THROWAWAY stand-in for the PCI server's client (lib/libsys/pci.c on the
 * h27-pci branch), deleted once that branch is merged.  Reads configuration space of bus
 * 0 itself (mechanism #1); "reserve" does nothing (system.conf grants io/mem/irq).
 */
#include <minnow/errno.h>
#include <minnow/pci.h>
#include <minnow/syslib.h>

static uint32_t
cfg_r32(int devind, int reg)
{
	uint32_t v = ~0u;

	sys_outl(0xcf8, 0x80000000u | (uint32_t)devind << 8 | (reg & 0xfc));
	sys_inl(0xcfc, &v);
	return v;
}

static void
cfg_w32(int devind, int reg, uint32_t v)
{
	sys_outl(0xcf8, 0x80000000u | (uint32_t)devind << 8 | (reg & 0xfc));
	sys_outl(0xcfc, v);
}

int pci_init(void) { return OK; }

int
pci_next_dev(int *devind, uint16_t *vid, uint16_t *did)
{
	for (int d = *devind + 8; d < 32 * 8; d += 8) {
		uint32_t id = cfg_r32(d, 0);

		if ((id & 0xffff) != 0xffff) {
			*devind = d, *vid = id & 0xffff, *did = id >> 16;
			return 1;
		}
	}
	return 0;
}

int
pci_first_dev(int *devind, uint16_t *vid, uint16_t *did)
{
	*devind = -8;
	return pci_next_dev(devind, vid, did);
}

int pci_reserve_ok(int devind) { (void)devind; return OK; }

uint8_t
pci_attr_r8(int devind, int port)
{
	return (uint8_t)(cfg_r32(devind, port) >> ((port & 3) * 8));
}

uint16_t
pci_attr_r16(int devind, int port)
{
	return (uint16_t)(cfg_r32(devind, port) >> ((port & 2) * 8));
}

void
pci_attr_w16(int devind, int port, uint16_t value)
{
	uint32_t v = cfg_r32(devind, port);
	int sh = (port & 2) * 8;

	cfg_w32(devind, port, (v & ~(0xffffu << sh)) | (uint32_t)value << sh);
}

int
pci_get_bar(int devind, int port, uint32_t *base, uint32_t *size, int *ioflag)
{
	uint32_t bar = cfg_r32(devind, port), sz;

	cfg_w32(devind, port, ~0u);
	sz = cfg_r32(devind, port);
	cfg_w32(devind, port, bar);
	*ioflag = bar & 1;
	*base = bar & (*ioflag ? ~3u : ~15u);
	*size = ~(sz & (*ioflag ? ~3u : ~15u)) + 1;
	return OK;
}
