/*
 * pci.c - RS publishes the services' PCI access control lists (handouts/pci.md, "The ACL
 * gatekeeper").
 *
 * A service whose system.conf entry has `pci device` or `pci class` lines gets an ACL in
 * the PCI server (label "pci"): rs_pci_publish() sends BUSC_PCI_SET_ACL with a grant to a
 * struct rs_pci made from the entry, just before the service's RS_INIT of a fresh start or
 * a restart (init.c), so the driver's init already sees only its devices.  When the service
 * is gone (down, dead, failed init), rs_pci_unpublish() sends BUSC_PCI_DEL_ACL with its
 * endpoint: the server forgets the ACL and frees what the endpoint reserved.  When the PCI
 * server itself answers its init OK (a start or a restart, up.c), rs_pci_publish_all()
 * sends the ACL of every other running service, since a new server knows none.
 *
 * Each request is a SENDREC (libsys's pci client): the PCI server only answers, never calls
 * RS, so the two cannot deadlock (not implemented: a time limit; a server hung inside a
 * request would hold RS).  Nothing is sent while the server is not running and
 * initialised; an error is said on the console and is not fatal (the service runs without
 * an ACL there, so it can reserve nothing).
 *
 * Entry points: rs_pci_publish(), rs_pci_unpublish(), rs_pci_publish_all().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pci.h>
#include "glo.h"
#include "proto.h"

#define PCI_LABEL       "pci"

/* Does rp's entry name PCI devices? */
static int
has_pci_lines(const struct rproc *rp)
{
	return rp->r_conf != NULL &&
	       (rp->r_conf->sc_nr_pci_dev > 0 || rp->r_conf->sc_nr_pci_class > 0);
}

/* Is the PCI server running (initialised), and not rp itself?  Then pci_init() found it. */
static int
pci_ready(const struct rproc *rp)
{
	struct rproc *pci = rs_by_label(PCI_LABEL);

	return pci != NULL && pci != rp && (pci->r_flags & RS_ACTIVE) &&
	       !(pci->r_flags & (RS_EXITING | RS_RESTARTING)) && pci_init() == OK;
}

/* rp's entry as an ACL. */
static void
make_acl(const struct rproc *rp, struct rs_pci *acl)
{
	const struct sc_service *c = rp->r_conf;
	int i;

	memset(acl, 0, sizeof(*acl));
	strlcpy(acl->label, rp->r_pub->label, sizeof(acl->label));
	acl->endpoint = rp->r_pub->endpoint;
	for (i = 0; i < c->sc_nr_pci_dev && i < RS_NR_PCI_DEVICE; i++) {
		acl->device[i].vid = c->sc_pci_dev[i] >> 16;
		acl->device[i].did = c->sc_pci_dev[i] & 0xffff;
		acl->device[i].sub_vid = c->sc_pci_sub[i] >> 16;
		acl->device[i].sub_did = c->sc_pci_sub[i] & 0xffff;
	}
	acl->nr_device = i;
	for (i = 0; i < c->sc_nr_pci_class && i < RS_NR_PCI_CLASS; i++) {
		acl->class[i].pciclass = c->sc_pci_class[i];
		acl->class[i].mask = c->sc_pci_class_mask[i];
	}
	acl->nr_class = i;
}

void
rs_pci_publish(struct rproc *rp)
{
	static struct rs_pci acl;       /* granted to the server during the call */
	int r;

	if (!has_pci_lines(rp) || !pci_ready(rp))
		return;
	make_acl(rp, &acl);
	if ((r = pci_set_acl(&acl)) != OK)
		printf("rs: cannot give %s its PCI ACL: %s\n", rp->r_pub->label, rs_errname(r));
}

void
rs_pci_unpublish(struct rproc *rp)
{
	int r;

	if (!has_pci_lines(rp) || rp->r_pub->endpoint == NONE || !pci_ready(rp))
		return;
	if ((r = pci_del_acl(rp->r_pub->endpoint)) != OK)
		printf("rs: cannot delete the PCI ACL of %s: %s\n", rp->r_pub->label,
		       rs_errname(r));
}

void
rs_pci_publish_all(struct rproc *pci)
{
	if (strcmp(pci->r_pub->label, PCI_LABEL) != 0)
		return;
	for (int i = 0; i < RS_NR_PUB; i++)
		if (&rproc[i] != pci && (rproc[i].r_flags & RS_IN_USE) &&
		    (rproc[i].r_flags & (RS_ACTIVE | RS_INITIALIZING)))
			rs_pci_publish(&rproc[i]);
}
