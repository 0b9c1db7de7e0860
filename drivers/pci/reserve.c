/*
 * reserve.c - BUSC_PCI_RESERVE: a driver takes a device (handouts/pci.md, "The ACL
 * gatekeeper").
 *
 * Checks, in order: the index is a device (EINVAL); the caller has an ACL that shows the
 * device (EPERM: a caller without an ACL may look at devices but never reserve one);
 * nobody else holds it (EBUSY; reserving one's own device again is OK).  Then the kernel
 * gives the caller the device's resources: sys_privctl(caller, SYS_PRIV_ADD_IO) for every
 * I/O BAR, SYS_PRIV_ADD_MEM for every memory BAR (so VM maps it: VM_MAP_PHYS checks the
 * ranges) and SYS_PRIV_ADD_IRQ for its IRQ line.  Only when all succeeded is the device
 * the caller's; a kernel error is the answer.  The resources stay the process's until it
 * ends (the kernel has no call to take one back); DEL_ACL makes the device free again
 * (acl.c).
 *
 * Entry point: do_reserve().
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
	if (pi->owner == who)
		return OK;
	if (pi->owner != NONE)
		return -EBUSY;
	if ((r = grant_resources(who, pi)) != OK)
		return r;
	pi->owner = who;
	return OK;
}
