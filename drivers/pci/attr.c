/*
 * attr.c - configuration-space access for drivers (handouts/pci.md, "Requests"):
 * BUSC_PCI_ATTR_R8/R16/R32, BUSC_PCI_ATTR_W8/W16/W32 and BUSC_PCI_GET_BAR.
 *
 * A read needs a device visible to the caller (EPERM); a write needs the device reserved
 * by the caller (EPERM otherwise: nobody changes a device it has not taken).  The offset
 * (m_pci.port) must lie inside the 256-byte configuration space and be a multiple of the
 * width (EINVAL).  GET_BAR takes the BAR's register offset (0x10, 0x14 ... 0x24) and
 * answers the base, size and flags found at enumeration (EINVAL if no BAR is there).
 *
 * Entry points: do_attr(), do_get_bar().
 */
#include <minnow/errno.h>
#include "pci.h"

/* The width in bytes of an ATTR request, and whether it writes. */
static int
attr_width(int type, int *write)
{
	*write = type >= BUSC_PCI_ATTR_W8;
	switch (type) {
	case BUSC_PCI_ATTR_R8: case BUSC_PCI_ATTR_W8: return 1;
	case BUSC_PCI_ATTR_R16: case BUSC_PCI_ATTR_W16: return 2;
	default: return 4;
	}
}

int
do_attr(message *m)
{
	int devind = m->m_pci.devind, port = m->m_pci.port, write, width, r;
	struct pci_info *pi;

	width = attr_width(m->m_type, &write);
	if ((r = pci_dev_ok(m->m_source, devind)) != OK)
		return r;
	if (port < 0 || port > PCI_CFG_SIZE - width || port % width != 0)
		return -EINVAL;
	pi = &pcidev[devind].info;
	if (write) {
		if (pi->owner != m->m_source)
			return -EPERM;
		pcicfg_write(pi->bus, pi->dev, pi->func, port, width, m->m_pci.value);
		return OK;
	}
	m->m_pci.value = pcicfg_read(pi->bus, pi->dev, pi->func, port, width);
	return OK;
}

int
do_get_bar(message *m)
{
	int devind = m->m_pci.devind, port = m->m_pci.port, i, r;
	struct pci_info *pi;

	if ((r = pci_dev_ok(m->m_source, devind)) != OK)
		return r;
	if (port < PCI_BAR0 || port >= PCI_BAR0 + 4 * NR_BAR || port % 4 != 0)
		return -EINVAL;
	pi = &pcidev[devind].info;
	i = (port - PCI_BAR0) / 4;
	if (pi->bar[i].size == 0)
		return -EINVAL;
	m->m_pci.base = pi->bar[i].base;
	m->m_pci.size = pi->bar[i].size;
	m->m_pci.flags = pi->bar[i].flags;
	return OK;
}
