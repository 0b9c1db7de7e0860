/*
 * init.c - RS's side of the SEF init handshake (minnow/rs.h, minnow/sef.h).
 *
 * send_init() sends a service RS_INIT (type, the public table's grant, its endpoint, its
 * previous endpoint) without blocking (asynsend3, AMF_NOREPLY: RS never blocks on a service)
 * and marks it RS_INITIALIZING.  The service answers with `sendrec` of RS_INIT carrying its
 * init callback's result; do_init_ready() checks the sender is initialising (else the answer
 * is EINVAL), replies OK itself (sendnb: the service waits in the receive half of its
 * sendrec), marks it active and lets the boot go on.  A boot service that fails its first
 * init is fatal: RS panics naming it.  The answer of a service RS_UP started, and of any
 * restart (a boot service's too), goes to up_init_answered() (up.c), which answers the
 * `service` command.  A restart from a replica names the dead instance's frozen image in
 * image_endpoint (a live update the old version's), so the init may copy state out of it
 * (sef_copy_state).  Before the RS_INIT of a fresh start or a restart, the service's PCI
 * ACL goes to the PCI server (pci.c), so its init sees only its devices.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

int
send_init(struct rproc *rp, int type)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_INIT;
	m.m_rs_init.type = type;
	m.m_rs_init.rproctab_gid = rproctab_gid;
	m.m_rs_init.endpoint = rp->r_pub->endpoint;
	m.m_rs_init.old_endpoint = rp->r_old_endpoint;
	m.m_rs_init.image_endpoint = type == SEF_INIT_RESTART ? rp->r_dead_ep :
				     type == SEF_INIT_LU ? rp->r_old_endpoint : NONE;
	if (type == SEF_INIT_FRESH || type == SEF_INIT_RESTART)
		rs_pci_publish(rp);	/* its PCI ACL first (pci.c) */
	rp->r_flags |= RS_INITIALIZING;
	if ((r = asynsend3(rp->r_pub->endpoint, &m, AMF_NOREPLY)) != OK) {
		rp->r_flags &= ~RS_INITIALIZING;
		printf("rs: cannot send RS_INIT to %s: %s\n", rp->r_pub->label, rs_errname(r));
	}
	return r;
}

int
do_init_ready(message *m)
{
	struct rproc *rp = rs_by_endpoint(m->m_source);
	int result = m->m_rs_init.result;

	if (rp == NULL || !(rp->r_flags & RS_INITIALIZING))
		return -EINVAL;			/* nobody asked it to initialise */
	if (rs_updating(rp))
		return update_init_answered(rp, result, m);	/* a live update (update.c) */
	if (!(rp->r_flags & RS_BOOT_SVC) || (rp->r_flags & RS_RESTARTING))
		return up_init_answered(rp, result, m);	/* started by RS_UP, or a restart
							   (up.c) */
	if (result != OK)
		rs_fatal("rs: boot service %s failed its init: %s", rp->r_pub->label,
			 rs_errname(result));
	rp->r_flags = (rp->r_flags & ~RS_INITIALIZING) | RS_ACTIVE;
	memset(m, 0, sizeof(*m));
	m->m_type = OK;
	ipc_sendnb(rp->r_pub->endpoint, m);
	boot_pending--;
	boot_check_done();
	return -EDONTREPLY;		/* answered above, before the boot goes on */
}
