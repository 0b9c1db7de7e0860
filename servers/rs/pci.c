/*
 * pci.c - RS publishes the services' PCI access control lists (handouts/pci.md, "The ACL
 * gatekeeper").
 *
 * A service whose system.conf entry has `pci device` or `pci class` lines gets an ACL in
 * the PCI server (label "pci"): rs_pci_publish() sends BUSC_PCI_SET_ACL with a grant to a
 * struct rs_pci made from the entry, flagged PCI_ACL_NEW, just before the service's RS_INIT
 * of a fresh start or a restart (init.c), so the driver's init already sees only its
 * devices.  When the service is gone (down, dead, failed init), rs_pci_unpublish() sends
 * BUSC_PCI_DEL_ACL with its endpoint: the server forgets the ACL, frees what the endpoint
 * reserved and stops those cards.  When the PCI server itself answers its init OK (a start
 * or a restart, up.c), rs_pci_publish_all() sends the ACL of every other running service
 * (without PCI_ACL_NEW: their reservations stay), since a new server knows none.
 *
 * RS never waits on the PCI server (handouts/pci.md, "RS never waits"): each request goes
 * with asynsend3 (SENDA), and the server answers the same way; rs_pci_answer() takes the
 * answer in RS's loop (table.c) and says an error on the console.  A server that hangs or
 * is dead holds nothing of RS: the requests wait in RS's SENDA table (a full table is said
 * on the console), and a restarted server gets every ACL again anyway.  The kernel hands a
 * receiver its SENDA messages before its blocked senders, so a SET_ACL reaches the server
 * before the SENDREC of the driver whose RS_INIT followed it; but it may deliver two of
 * RS's own entries out of order (a freed table slot is reused), so each request carries a
 * sequence number (m_pci.value) and the server ignores one older than what it applied for
 * the same label or endpoint.  Each service's ACL lives in its own buffer here, granted to
 * the server once (again when the server's endpoint changes).  Nothing is sent while the
 * server is not running and initialised: a server that restarts takes its reservations
 * back from DS (drivers/pci/saved.c) and gets the ACLs from rs_pci_publish_all().
 *
 * Entry points: rs_pci_publish(), rs_pci_unpublish(), rs_pci_publish_all(), rs_pci_answer().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/pci.h>
#include <minnow/sef.h>
#include "glo.h"
#include "proto.h"

#define PCI_LABEL       "pci"

static uint32_t pci_seq;        /* the sequence number of RS's last request */

/* Each service's ACL, by rproc slot, and its grant to the server. */
static struct {
	struct rs_pci acl;      /* read by the server when it takes the request */
	cp_grant_id_t grant;    /* valid when granted */
	endpoint_t grantee;     /* the server's endpoint it was made for */
	int granted;
} acl_buf[RS_NR_PUB];

/* Does rp's entry name PCI devices? */
static int
has_pci_lines(const struct rproc *rp)
{
	return rp->r_conf != NULL &&
	       (rp->r_conf->sc_nr_pci_dev > 0 || rp->r_conf->sc_nr_pci_class > 0);
}

/* The PCI server's endpoint if it runs (initialised) and is not rp itself, else NONE. */
static endpoint_t
pci_endpoint(const struct rproc *rp)
{
	struct rproc *pci = rs_by_label(PCI_LABEL);

	if (pci == NULL || pci == rp || !(pci->r_flags & RS_ACTIVE) ||
	    (pci->r_flags & (RS_EXITING | RS_RESTARTING)))
		return NONE;
	return pci->r_pub->endpoint;
}

/* Send m (type, fields) to the server at pci without waiting, numbered. */
static void
send_pci(endpoint_t pci, message *m, const struct rproc *rp)
{
	int r;

	m->m_pci.value = ++pci_seq;
	if ((r = asynsend3(pci, m, AMF_NOREPLY)) != OK)
		printf("rs: cannot send %s's PCI ACL request: %s\n", rp->r_pub->label,
		       rs_errname(r));
}

/* The grant of slot i's buffer to the server at pci: OK or an error. */
static int
grant_acl(int i, endpoint_t pci)
{
	if (acl_buf[i].granted && acl_buf[i].grantee == pci)
		return OK;
	if (acl_buf[i].granted)
		cpf_revoke(acl_buf[i].grant);
	acl_buf[i].granted = 0;
	acl_buf[i].grant = cpf_grant_direct(pci, (vir_bytes)&acl_buf[i].acl,
					    sizeof(acl_buf[i].acl), CPF_READ);
	if (acl_buf[i].grant < 0)
		return acl_buf[i].grant;
	acl_buf[i].grantee = pci;
	acl_buf[i].granted = 1;
	return OK;
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

/* Send rp's ACL (flags: PCI_ACL_NEW or 0). */
static void
publish(struct rproc *rp, int flags)
{
	endpoint_t pci = pci_endpoint(rp);
	int i = rp - rproc, r;
	message m;

	if (!has_pci_lines(rp) || pci == NONE)
		return;
	if ((r = grant_acl(i, pci)) != OK) {
		printf("rs: cannot grant %s's PCI ACL: %s\n", rp->r_pub->label, rs_errname(r));
		return;
	}
	make_acl(rp, &acl_buf[i].acl);
	memset(&m, 0, sizeof(m));
	m.m_type = BUSC_PCI_SET_ACL;
	m.m_pci.grant = acl_buf[i].grant;
	m.m_pci.len = sizeof(acl_buf[i].acl);
	m.m_pci.flags = flags;
	send_pci(pci, &m, rp);
}

void
rs_pci_publish(struct rproc *rp)
{
	publish(rp, PCI_ACL_NEW);
}

void
rs_pci_unpublish(struct rproc *rp)
{
	endpoint_t pci = pci_endpoint(rp);
	message m;

	if (!has_pci_lines(rp) || rp->r_pub->endpoint == NONE || pci == NONE)
		return;
	memset(&m, 0, sizeof(m));
	m.m_type = BUSC_PCI_DEL_ACL;
	m.m_pci.endpt = rp->r_pub->endpoint;
	send_pci(pci, &m, rp);
}

int
rs_pci_answer(const message *m, int status)
{
	struct rproc *pci, *rp;

	if (IPC_STATUS_CALL(status) != SENDA || m->m_type > 0 ||
	    (pci = rs_by_label(PCI_LABEL)) == NULL || m->m_source != pci->r_pub->endpoint)
		return 0;
	if (m->m_type != OK) {
		rp = rs_by_endpoint(m->m_pci.endpt);
		printf("rs: the PCI server refused request %u (%s): %s\n", m->m_pci.value,
		       rp != NULL ? rp->r_pub->label : "?", rs_errname(m->m_type));
	}
	return 1;
}

void
rs_pci_publish_all(struct rproc *pci)
{
	if (strcmp(pci->r_pub->label, PCI_LABEL) != 0)
		return;
	for (int i = 0; i < RS_NR_PUB; i++)
		if (&rproc[i] != pci && (rproc[i].r_flags & RS_IN_USE) &&
		    (rproc[i].r_flags & (RS_ACTIVE | RS_INITIALIZING)))
			publish(&rproc[i], 0);
}
