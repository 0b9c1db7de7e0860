/*
 * acl.c - the gatekeeper's access control lists (handouts/pci.md, "The ACL gatekeeper").
 *
 * RS sends BUSC_PCI_SET_ACL with a grant to a struct rs_pci (a service's label, endpoint and
 * its system.conf `pci device` / `pci class` lines) before the service's init runs, and
 * BUSC_PCI_DEL_ACL with the endpoint when the service is gone.  Only RS may send either
 * (table.c answers anyone else EPERM).  One ACL per label.  SET_ACL with PCI_ACL_NEW (a
 * start or a restart) first releases what the label's previous endpoint and the new
 * endpoint held (a restart may keep the endpoint); without it (RS gives a restarted PCI
 * server every running service's ACL again) the reservations stay.  DEL_ACL releases every
 * reservation of the endpoint.  Releasing a device stops the card (reserve.c's
 * pci_release_dev: bus mastering off), so a dead driver's card cannot write into memory
 * that is someone else's now.
 *
 * RS sends both asynchronously, so the kernel may deliver a service's DEL_ACL and the
 * SET_ACL of its restart in either order: each carries RS's sequence number (m_pci.value),
 * a slot remembers the last one it applied (also after a DEL_ACL: the label and endpoint
 * stay in the free slot until another label takes it), and an older request for the same
 * label or endpoint is answered OK and ignored.
 *
 * A device is visible to a caller whose ACL names its vendor:device (and subsystem ids,
 * when given) or whose class patterns match its class code; a caller without an ACL sees
 * every device (it may read, never reserve: reserve.c).
 *
 * Entry points: do_set_acl(), do_del_acl(), acl_visible(), acl_has(), acl_release().
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "pci.h"

static struct {
	int in_use;             /* acl is in force (else: a free slot, or a deleted ACL) */
	uint32_t seq;           /* RS's sequence number of the last SET or DEL applied */
	struct rs_pci acl;
} acls[NR_ACL];

/* The ACL of endpoint who, or NULL. */
static const struct rs_pci *
acl_of(endpoint_t who)
{
	for (int i = 0; i < NR_ACL; i++)
		if (acls[i].in_use && acls[i].acl.endpoint == who)
			return &acls[i].acl;
	return NULL;
}

int
acl_has(endpoint_t who)
{
	return acl_of(who) != NULL;
}

/* Does acl allow device pi? */
static int
acl_allows(const struct rs_pci *acl, const struct pci_info *pi)
{
	uint32_t cls = (uint32_t)pi->baseclass << 16 | pi->subclass << 8 | pi->infclass;
	int i;

	for (i = 0; i < acl->nr_device; i++) {
		if (acl->device[i].vid != pi->vid || acl->device[i].did != pi->did)
			continue;
		if (acl->device[i].sub_vid == 0 && acl->device[i].sub_did == 0)
			return 1;
		if (acl->device[i].sub_vid == pi->sub_vid && acl->device[i].sub_did == pi->sub_did)
			return 1;
	}
	for (i = 0; i < acl->nr_class; i++)
		if ((cls & acl->class[i].mask) == (acl->class[i].pciclass & acl->class[i].mask))
			return 1;
	return 0;
}

int
acl_visible(endpoint_t who, int devind)
{
	const struct rs_pci *acl = acl_of(who);

	return acl == NULL || acl_allows(acl, &pcidev[devind].info);
}

void
acl_release(endpoint_t who)
{
	for (int i = 0; i < nr_pcidev; i++)
		if (pcidev[i].info.owner == who)
			pci_release_dev(i);	/* reserve.c: free, the card stopped */
}

/* The slot for label (its old ACL or the one deleted last, else a free one), or -1. */
static int
slot_for(const char *label)
{
	int i, free_slot = -1;

	for (i = 0; i < NR_ACL; i++) {
		if (acls[i].acl.label[0] != '\0' &&
		    strncmp(acls[i].acl.label, label, sizeof(acls[i].acl.label)) == 0)
			return i;
		if (!acls[i].in_use && free_slot < 0)
			free_slot = i;
	}
	return free_slot;
}

int
do_set_acl(message *m)
{
	struct rs_pci acl;
	int r, i;

	if (m->m_pci.len != (int)sizeof(acl))
		return -EINVAL;
	if ((r = sys_safecopyfrom(m->m_source, m->m_pci.grant, 0, (vir_bytes)&acl,
				   sizeof(acl))) != OK)
		return r;
	acl.label[sizeof(acl.label) - 1] = '\0';
	if (acl.nr_device < 0 || acl.nr_device > RS_NR_PCI_DEVICE || acl.nr_class < 0 ||
	    acl.nr_class > RS_NR_PCI_CLASS || acl.label[0] == '\0')
		return -EINVAL;
	m->m_pci.endpt = acl.endpoint;		/* for the answer (table.c) */
	if ((i = slot_for(acl.label)) < 0)
		return -ENOMEM;
	if (acls[i].acl.label[0] != '\0' && acls[i].seq > m->m_pci.value)
		return OK;				/* an older request: a newer one is in */
	if (m->m_pci.flags & PCI_ACL_NEW) {
		if (acls[i].in_use && acls[i].acl.endpoint != acl.endpoint)
			acl_release(acls[i].acl.endpoint);	/* its old instance */
		acl_release(acl.endpoint);	/* a restart under the same endpoint */
	}
	for (int j = 0; j < NR_ACL; j++)		/* an endpoint has one ACL */
		if (j != i && acls[j].in_use && acls[j].acl.endpoint == acl.endpoint)
			acls[j].in_use = 0;
	acls[i].in_use = 1;
	acls[i].seq = m->m_pci.value;
	acls[i].acl = acl;
	return OK;
}

int
do_del_acl(message *m)
{
	endpoint_t who = m->m_pci.endpt;

	for (int i = 0; i < NR_ACL; i++) {
		if (acls[i].acl.label[0] == '\0' || acls[i].acl.endpoint != who)
			continue;
		if (acls[i].seq > m->m_pci.value)
			return OK;			/* older than the SET_ACL in force */
		acls[i].in_use = 0;
		acls[i].seq = m->m_pci.value;
	}
	acl_release(who);
	return OK;
}
