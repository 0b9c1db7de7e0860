/*
 * reserve.c - BUSC_PCI_RESERVE: a driver takes a device (handouts/pci.md, "The ACL
 * gatekeeper").
 *
 * Checks, in order: the index is a device (EINVAL); the caller has an ACL that shows the
 * device (EPERM: a caller without an ACL may look at devices but never reserve one);
 * nobody else holds it (EBUSY, unless the holder is no longer a process: saved.c; reserving one's own device again is OK, and grants the
 * resources again: the new version of a live update keeps the endpoint, not the old
 * version's privileges).  Then the kernel
 * gives the caller the device's resources: sys_privctl(caller, SYS_PRIV_ADD_IO) for every
 * I/O BAR, SYS_PRIV_ADD_MEM for every memory BAR (so VM maps it: VM_MAP_PHYS checks the
 * ranges) and SYS_PRIV_ADD_IRQ for its IRQ line.  Only when all succeeded is the device
 * the caller's; a kernel error is the answer.  The resources stay the process's until it
 * ends (the kernel has no call to take one back); DEL_ACL makes the device free again
 * (acl.c).  Every change of owner is saved in DS (saved.c), for a restart of this server.
 *
 * Releasing a device (pci_release_dev: its driver is gone, or restarts) also stops the
 * card: bus mastering off in its command register, so it starts no more DMA into memory
 * that VM may give to someone else now, and I/O and memory decoding off, so nothing
 * reaches it until the next owner (every driver switches on what it uses after its
 * reservation).  An IDE function (class 1/1) keeps its decoding: its legacy ports
 * (0x1f0...) are decoded under the same bit and the disk driver has them by its io line
 * whether it holds the device or not.
 *
 * Entry points: do_reserve(), pci_release_dev().
 */
#include <stdio.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "pci.h"

/* Give who the resources of device pi: OK or the kernel's error. */
static int
grant_resources(endpoint_t who, const struct pci_info *pi)
{
	struct priv_range range;
	int i, irq, r;

	for (i = 0; i < NR_BAR; i++) {
		if (pi->bar[i].size == 0)
			continue;
		range.pr_base = pi->bar[i].base;
		range.pr_limit = pi->bar[i].base + pi->bar[i].size - 1;
		r = sys_privctl(who, (pi->bar[i].flags & PCI_BAR_IO) ? SYS_PRIV_ADD_IO :
				SYS_PRIV_ADD_MEM, &range);
		if (r != OK) {
			printf("pci: reserve %02x:%02x.%x for %d: BAR%d: sys_privctl %d\n", pi->bus,
			       pi->dev, pi->func, who, i, r);
			return r;
		}
	}
	if (pi->irq != 0xff) {
		irq = pi->irq;
		if ((r = sys_privctl(who, SYS_PRIV_ADD_IRQ, &irq)) != OK) {
			printf("pci: reserve %02x:%02x.%x for %d: IRQ %d: sys_privctl %d\n",
			       pi->bus, pi->dev, pi->func, who, irq, r);
			return r;
		}
	}
	return OK;
}

int
do_reserve(message *m)
{
	endpoint_t who = m->m_source;
	int devind = m->m_pci.devind, r;
	struct pci_info *pi;

	if (devind < 0 || devind >= nr_pcidev)
		return -EINVAL;
	if (!acl_has(who) || !acl_visible(who, devind))
		return -EPERM;
	pi = &pcidev[devind].info;
	if (pi->owner != NONE && pi->owner != who && !pci_owner_alive(pi->owner))
		pci_release_dev(devind);	/* saved.c: its owner died unseen */
	if (pi->owner == who)
		return grant_resources(who, pi);        /* a live update's new version */
	if (pi->owner != NONE)
		return -EBUSY;
	if ((r = grant_resources(who, pi)) != OK)
		return r;
	pi->owner = who;
	pci_save_owners();	/* saved.c */
	return OK;
}

void
pci_release_dev(int devind)
{
	struct pci_info *pi = &pcidev[devind].info;
	uint32_t off = PCI_CMD_MASTER_EN, cmd;

	if (!(pi->baseclass == 0x01 && pi->subclass == 0x01))
		off |= PCI_CMD_IO_EN | PCI_CMD_MEM_EN;
	cmd = pcicfg_read(pi->bus, pi->dev, pi->func, PCI_CMD, 2);
	pcicfg_write(pi->bus, pi->dev, pi->func, PCI_CMD, 2, cmd & ~off);
	pi->owner = NONE;
	pci_save_owners();
}
