/*
 * saved.c - the reservations outlive the PCI server (handouts/pci.md, "Restarting the PCI
 * server").
 *
 * Who holds which device is state only this server has: RS gives a restarted server the
 * ACLs again, but nobody else knows the reservations.  So the server keeps them in DS, the
 * store a restarted service takes its state back from: after every change of owner,
 * pci_save_owners() publishes the DS memory entry "pci.owners" (private to the label "pci",
 * overwritten each time): a count and one (bus, device, function, owner endpoint) per
 * reserved device.  Bus/device/function, not devind: a device's index is the order of
 * enumeration, which a new instance repeats but a RESCAN may have extended.
 *
 * pci_recover_owners(), in the init of a restart (main.c), after the enumeration, reads the
 * entry back and gives each device its owner again if the owner still lives (GET_PROC);
 * the device of a driver that died meanwhile is released and its card stopped
 * (pci_release_dev).  A driver that died while the server was away is thus found either
 * now, or by RS's SET_ACL of its restart, or by do_reserve's check (pci_owner_alive):
 * a device whose owner is gone is free.
 *
 * Entry points: pci_save_owners(), pci_recover_owners(), pci_owner_alive().
 */
#include <stddef.h>
#include <stdio.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include "pci.h"

#define OWNERS_KEY      "pci.owners"

/* The DS entry: n owners, each by bus/dev/func. */
static struct {
	int n;
	struct {
		uint8_t bus, dev, func, pad;
		endpoint_t owner;
	} dev[NR_PCIDEV];
} saved;

/* Bytes of the entry with n owners. */
static size_t
saved_size(int n)
{
	return offsetof(typeof(saved), dev) + (size_t)n * sizeof(saved.dev[0]);
}

int
pci_owner_alive(endpoint_t who)
{
	struct proc_info p;

	return sys_getproc(who, &p) == OK && p.pi_endpoint == who;
}

void
pci_save_owners(void)
{
	static int complained;
	int i, r;

	saved.n = 0;
	for (i = 0; i < nr_pcidev; i++) {
		const struct pci_info *pi = &pcidev[i].info;

		if (pi->owner == NONE)
			continue;
		saved.dev[saved.n].bus = pi->bus, saved.dev[saved.n].dev = pi->dev;
		saved.dev[saved.n].func = pi->func, saved.dev[saved.n].owner = pi->owner;
		saved.n++;
	}
	r = ds_publish_mem(OWNERS_KEY, &saved, saved_size(saved.n),
			   DSF_OVERWRITE | DSF_PRIV_RETRIEVE | DSF_PRIV_SUBSCRIBE);
	if (r != OK && !complained++)
		printf("pci: cannot save the reservations in DS: %d\n", r);
}

/* The index of the device at bus/dev/func, or -1. */
static int
devind_of(int bus, int dev, int func)
{
	for (int i = 0; i < nr_pcidev; i++)
		if (pcidev[i].info.bus == bus && pcidev[i].info.dev == dev &&
		    pcidev[i].info.func == func)
			return i;
	return -1;
}

void
pci_recover_owners(void)
{
	size_t len = sizeof(saved);
	int i, d, kept = 0;

	if (ds_retrieve_mem(OWNERS_KEY, &saved, &len) != OK || saved.n < 0 ||
	    saved.n > NR_PCIDEV || len != saved_size(saved.n))
		return;		/* nothing reserved, or nothing saved */
	for (i = 0; i < saved.n; i++) {
		d = devind_of(saved.dev[i].bus, saved.dev[i].dev, saved.dev[i].func);
		if (d < 0)
			continue;
		pcidev[d].info.owner = saved.dev[i].owner;
		if (pci_owner_alive(saved.dev[i].owner))
			kept++;
		else
			pci_release_dev(d);	/* its driver died meanwhile: stop the card */
	}
	pci_save_owners();
	printf("pci: %d reservation%s recovered\n", kept, kept == 1 ? "" : "s");
}
