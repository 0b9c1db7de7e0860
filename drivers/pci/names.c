/*
 * names.c - names for the devices the PCI server finds (handouts/pci.md, "lspci").
 *
 * A small table of the vendor:device pairs QEMU's PC machine shows (its chipset, its VGA,
 * the network cards the course's drivers serve); any other device is named after its
 * class ("Network controller", "VGA compatible controller", ...) and vendor.  The name is
 * stored in the device's struct pci_info (/dev/pci, DEV_NAME_S).
 *
 * Entry points: pci_name_device(), pci_class_name(), pci_vendor_name().
 */
#include <stdio.h>
#include <string.h>
#include "pci.h"

static const struct {
	uint16_t vid, did;
	const char *name;
} dev_names[] = {
	{ 0x8086, 0x1237, "Intel 82441FX PMC (i440FX host bridge)" },
	{ 0x8086, 0x7000, "Intel 82371SB PIIX3 ISA bridge" },
	{ 0x8086, 0x7010, "Intel 82371SB PIIX3 IDE controller" },
	{ 0x8086, 0x7113, "Intel 82371AB/EB/MB PIIX4 ACPI" },
	{ 0x1234, 0x1111, "QEMU standard VGA" },
	{ 0x8086, 0x100e, "Intel 82540EM Gigabit Ethernet (e1000)" },
	{ 0x8086, 0x1229, "Intel 82557 PRO/100 Ethernet (i82557b)" },
	{ 0x8086, 0x1209, "Intel 82559ER PRO/100 Ethernet (i82559er)" },
	{ 0x10ec, 0x8139, "Realtek RTL8139 Fast Ethernet" },
};

static const struct {
	uint8_t baseclass, subclass;    /* subclass 0xff: any */
	const char *name;
} class_names[] = {
	{ 0x01, 0x01, "IDE interface" },
	{ 0x01, 0x06, "SATA controller" },
	{ 0x01, 0xff, "Mass storage controller" },
	{ 0x02, 0x00, "Ethernet controller" },
	{ 0x02, 0xff, "Network controller" },
	{ 0x03, 0x00, "VGA compatible controller" },
	{ 0x03, 0xff, "Display controller" },
	{ 0x04, 0xff, "Multimedia controller" },
	{ 0x05, 0xff, "Memory controller" },
	{ 0x06, 0x00, "Host bridge" },
	{ 0x06, 0x01, "ISA bridge" },
	{ 0x06, 0x04, "PCI bridge" },
	{ 0x06, 0x80, "Bridge" },
	{ 0x06, 0xff, "Bridge" },
	{ 0x07, 0xff, "Communication controller" },
	{ 0x08, 0xff, "System peripheral" },
	{ 0x0c, 0x03, "USB controller" },
	{ 0x0c, 0xff, "Serial bus controller" },
};

static const struct {
	uint16_t vid;
	const char *name;
} vendor_names[] = {
	{ 0x8086, "Intel" },
	{ 0x1234, "QEMU" },
	{ 0x10ec, "Realtek" },
	{ 0x1af4, "Red Hat (virtio)" },
	{ 0x1b36, "Red Hat (QEMU)" },
};

const char *
pci_class_name(uint8_t baseclass, uint8_t subclass)
{
	size_t i;

	for (i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (class_names[i].baseclass == baseclass &&
		    (class_names[i].subclass == subclass || class_names[i].subclass == 0xff))
			return class_names[i].name;
	return "Unclassified device";
}

const char *
pci_vendor_name(uint16_t vid)
{
	size_t i;

	for (i = 0; i < sizeof(vendor_names) / sizeof(vendor_names[0]); i++)
		if (vendor_names[i].vid == vid)
			return vendor_names[i].name;
	return NULL;
}

/* Fill pi->name: the table's name, else vendor and class. */
void
pci_name_device(struct pci_info *pi)
{
	const char *vendor = pci_vendor_name(pi->vid);
	size_t i;

	for (i = 0; i < sizeof(dev_names) / sizeof(dev_names[0]); i++)
		if (dev_names[i].vid == pi->vid && dev_names[i].did == pi->did) {
			strlcpy(pi->name, dev_names[i].name, sizeof(pi->name));
			return;
		}
	if (vendor != NULL)
		snprintf(pi->name, sizeof(pi->name), "%s %s", vendor,
			 pci_class_name(pi->baseclass, pi->subclass));
	else
		snprintf(pi->name, sizeof(pi->name), "Vendor %04x %s", pi->vid,
			 pci_class_name(pi->baseclass, pi->subclass));
}
