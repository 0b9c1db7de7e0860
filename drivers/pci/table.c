/*
 * table.c - the PCI server's call table: BUSC_PCI_* type -> handler, and who may send it
 * (handouts/pci.md, "Requests").
 *
 * SET_ACL and DEL_ACL come only from RS (srv_rs_only: anyone else is answered EPERM);
 * every other request from anyone the kernel lets talk to the server (system.conf's ipc
 * lines: the drivers that name pci).  A type without a row (BUSC_RQ_BASE + 5, + 6, or
 * beyond GET_BAR) is answered ENOSYS.  CDEV_* requests (/dev/pci) come only from VFS and
 * go to libdriver's character half, which answers them itself.  A request that came by
 * SENDREC is answered by the loop (SENDNB: the caller waits); one that came by SENDA (RS
 * sends SET_ACL and DEL_ACL so, to never wait on this server) is answered here with
 * asynsend3, so the server never waits on RS either.
 *
 * Entry points: pci_dispatch(), the dispatch hook of the loop (main.c); pci_dev_ok().
 */
#include <stdio.h>
#include <minnow/driver.h>
#include <minnow/sef.h>
#include <minnow/srv.h>
#include <minnow/syslib.h>
#include "pci.h"

typedef int (*pci_handler_t)(message *m);
SRV_ROW_TYPE(pci_call, pci_handler_t);

#define CALL(type, handler, who) [(type) - BUSC_RQ_BASE] = { #type, (who), (handler) }

static const struct pci_call pci_calls[] = {
	CALL(BUSC_PCI_INIT,        do_init,      srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_FIRST_DEV,   do_first_dev, srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_NEXT_DEV,    do_next_dev,  srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_FIND_DEV,    do_find_dev,  srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_IDS,         do_ids,       srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_RESERVE,     do_reserve,   srv_anyone),   /* reserve.c */
	CALL(BUSC_PCI_ATTR_R8,     do_attr,      srv_anyone),   /* attr.c */
	CALL(BUSC_PCI_ATTR_R16,    do_attr,      srv_anyone),
	CALL(BUSC_PCI_ATTR_R32,    do_attr,      srv_anyone),
	CALL(BUSC_PCI_ATTR_W8,     do_attr,      srv_anyone),
	CALL(BUSC_PCI_ATTR_W16,    do_attr,      srv_anyone),
	CALL(BUSC_PCI_ATTR_W32,    do_attr,      srv_anyone),
	CALL(BUSC_PCI_RESCAN,      do_rescan,    srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_DEV_NAME_S,  do_dev_name,  srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_SLOT_NAME_S, do_slot_name, srv_anyone),   /* devices.c */
	CALL(BUSC_PCI_SET_ACL,     do_set_acl,   srv_rs_only),  /* acl.c */
	CALL(BUSC_PCI_DEL_ACL,     do_del_acl,   srv_rs_only),  /* acl.c */
	CALL(BUSC_PCI_GET_BAR,     do_get_bar,   srv_anyone),   /* attr.c */
};

/* Is devind a device who may look at?  OK, EINVAL (no such index) or EPERM. */
int
pci_dev_ok(endpoint_t who, int devind)
{
	if (devind < 0 || devind >= nr_pcidev)
		return -EINVAL;
	return acl_visible(who, devind) ? OK : -EPERM;
}

/* Answer m, which came by SENDA, with asynsend3: result r, the out fields. */
static void
answer_async(message *m, int r)
{
	message out = *m;
	int s;

	out.m_type = r;
	if ((s = asynsend3(m->m_source, &out, AMF_NOREPLY)) != OK)
		printf("pci: cannot answer %d: %d\n", m->m_source, s);
}

int
pci_dispatch(message *m, int status)
{
	const struct pci_call *c;
	int r;

	if (IS_CDEV_RQ(m->m_type)) {
		if ((r = srv_admit("CDEV_*", srv_vfs_only, m, status)) != OK)
			return r;
		chardriver_process(&pci_cdev, m, status);
		return -EDONTREPLY;	/* answered with CDEV_REPLY */
	}
	c = SRV_ROW(pci_calls, SRV_NR(pci_calls), BUSC_RQ_BASE, m->m_type);
	if ((r = SRV_ADMIT(c, m, status)) == OK)
		r = c->handler(m);
	if (IPC_STATUS_CALL(status) != SENDA || r == -EDONTREPLY)
		return r;
	answer_async(m, r);
	return -EDONTREPLY;
}
