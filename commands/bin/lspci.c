/*
 * lspci - the PCI devices the PCI server found (Minnow only; handouts/pci.md, "lspci").
 *
 * Usage: lspci [-nv]
 * Reads /dev/pci, one struct pci_info (minnow/pci.h) per device, every device whatever
 * drivers may see, and prints one line per device:
 *     00:03.0 Ethernet controller: 8086:100e Intel 82540EM Gigabit Ethernet (e1000)
 * (bus:device.function in hex, the class's name, vendor:device, the server's name).
 *   -n  numeric: "00:03.0 0200: 8086:100e" (class code, ids) and nothing else
 *   -v  after each device its command register's decoding and bus-master bits, its BARs
 *       and IRQ line, one per line:
 *           Control: I/O- Mem+ BusMaster+
 *           BAR0: memory at febc0000 (32-bit, size 0x20000)
 *           BAR1: I/O ports at c000 (size 0x40)
 *           IRQ 11
 *       and the endpoint of the driver that reserved it, if any.
 * Anything else is a usage message on stderr and exit status 2; a failed read of /dev/pci
 * is said on stderr and the exit status is 1.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/pci.h>

/* drivers/pci/names.c, shared with the server */
const char *pci_class_name(uint8_t baseclass, uint8_t subclass);

static const char usage_text[] = "usage: lspci [-nv]\n";

/* "+" if bit is set in the command register, else "-". */
static const char *
flag(const struct pci_info *pi, int bit)
{
	return (pi->command & bit) ? "+" : "-";
}

static void
print_verbose(const struct pci_info *pi)
{
	printf("\tControl: I/O%s Mem%s BusMaster%s\n", flag(pi, PCI_CMD_IO_EN),
	       flag(pi, PCI_CMD_MEM_EN), flag(pi, PCI_CMD_MASTER_EN));
	for (int i = 0; i < 6; i++) {
		if (pi->bar[i].size == 0)
			continue;
		if (pi->bar[i].flags & PCI_BAR_IO)
			printf("\tBAR%d: I/O ports at %x (size 0x%x)\n", i, (unsigned)pi->bar[i].base,
			       (unsigned)pi->bar[i].size);
		else
			printf("\tBAR%d: memory at %x (%s, size 0x%x)\n", i,
			       (unsigned)pi->bar[i].base,
			       (pi->bar[i].flags & PCI_BAR_64) ? "64-bit" : "32-bit",
			       (unsigned)pi->bar[i].size);
	}
	if (pi->irq != 0xff)
		printf("\tIRQ %u\n", pi->irq);
	if (pi->owner != NONE)
		printf("\treserved by endpoint %d\n", pi->owner);
}

static void
print_device(const struct pci_info *pi, int numeric, int verbose)
{
	printf("%02x:%02x.%x ", pi->bus, pi->dev, pi->func);
	if (numeric)
		printf("%02x%02x: %04x:%04x\n", pi->baseclass, pi->subclass, pi->vid, pi->did);
	else
		printf("%s: %04x:%04x %s\n", pci_class_name(pi->baseclass, pi->subclass), pi->vid,
		       pi->did, pi->name);
	if (verbose)
		print_verbose(pi);
}

/* Parse the options into *numeric, *verbose: 0, or -1 after the usage message. */
static int
options(int argc, char **argv, int *numeric, int *verbose)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (s[0] != '-' || s[1] == '\0')
			goto bad;
		for (s++; *s != '\0'; s++) {
			if (*s == 'n')
				*numeric = 1;
			else if (*s == 'v')
				*verbose = 1;
			else
				goto bad;
		}
		continue;
bad:
		fprintf(stderr, "lspci: bad argument '%s'\n%s", argv[i], usage_text);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct pci_info pi;
	int fd, numeric = 0, verbose = 0;
	ssize_t n;

	if (options(argc, argv, &numeric, &verbose) != 0)
		return 2;
	if ((fd = open("/dev/pci", O_RDONLY)) < 0) {
		perror("lspci: /dev/pci");
		return 1;
	}
	while ((n = read(fd, &pi, sizeof(pi))) == (ssize_t)sizeof(pi))
		print_device(&pi, numeric, verbose);
	close(fd);
	if (n != 0) {
		if (n < 0)
			perror("lspci: read /dev/pci");
		else
			fprintf(stderr, "lspci: short record (%d bytes)\n", (int)n);
		return 1;
	}
	return 0;
}
