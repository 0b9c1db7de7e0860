/*
 * dev.c - `service up -dev NODE`: the device a service drives, mapped in VFS (minnow/rs.h;
 * handouts/rs.md, "Refresh, edit, run and shutdown").
 *
 * The `service` command stats NODE and sends its major in rs_start.dev_major.  Before a
 * slot is taken, dev_check() refuses a major that another service RS started already has
 * (EBUSY; also one waiting out a restart back-off, whose endpoint VFS does not know).
 * Once the service's first init has answered OK (up.c), dev_map() tells VFS that the
 * major belongs to the label (VFS_MAPDRIVER, path = the label, fd = the major; VFS looks
 * the label up in DS, where it was published before the init).  VFS refuses a major
 * whose driver (another label) is running, a boot driver such as tty (EBUSY).  The
 * mapping outlives the service's instances: a restarted driver publishes its DS
 * driver-up key and VFS learns its new endpoint by the label (servers/vfs/device.c).
 * A service whose system.conf entry has a `domain` line (a socket driver such as inet) is
 * mapped the same way: VFS_MAPSOCKET with the label and the domain (handouts/sockets.md).
 * RS blocks on VFS only (a core server that never waits on RS).
 *
 * After a restart, dev_restarted() maps the socket domain again with mode 1: the new
 * instance has the dead one's endpoint, so only this tells VFS that the dead instance's
 * sockets are gone (handouts/sockets.md, "Errors").
 *
 * Entry points: dev_check (do_up), dev_map, dev_restarted (up_init_answered).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include <minnow/vfs.h>
#include "glo.h"
#include "proto.h"

int
dev_check(const struct rs_start *rs)
{
	const struct rproc *rp;

	if (rs->dev_major == 0)
		return OK;
	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++)
		if ((rp->r_flags & RS_IN_USE) && rp->r_is_sys &&
		    rp->r_start.dev_major == rs->dev_major)
			return -EBUSY;
	return OK;
}

/* The service's system.conf `domain`, if any: VFS_MAPSOCKET (path = the label, fd = the
 * domain, mode = 1 after a restart: the sockets of the dead instance are stale, though the
 * new one has its endpoint); VFS refuses a domain another running driver serves (EBUSY). */
static int
sock_map(struct rproc *rp, int restarted)
{
	message m;
	int r, domain = rp->r_conf != NULL ? rp->r_conf->sc_domain : 0;

	if (domain == 0)
		return OK;
	memset(&m, 0, sizeof(m));
	m.m_type = VFS_MAPSOCKET;
	m.m_vfs.name = (uint32_t)rp->r_pub->label;
	m.m_vfs.name_len = strlen(rp->r_pub->label) + 1;
	m.m_vfs.fd = domain;
	m.m_vfs.mode = restarted;
	if ((r = ipc_sendrec(VFS_PROC_NR, &m)) == OK)
		r = m.m_type;
	if (r != OK)
		printf("rs: VFS cannot map socket domain %d to %s: %s\n", domain,
		       rp->r_pub->label, rs_errname(r));
	return r;
}

int
dev_map(struct rproc *rp)
{
	message m;
	int r;

	if ((r = sock_map(rp, 0)) != OK || rp->r_start.dev_major == 0)
		return r;
	memset(&m, 0, sizeof(m));
	m.m_type = VFS_MAPDRIVER;
	m.m_vfs.name = (uint32_t)rp->r_pub->label;
	m.m_vfs.name_len = strlen(rp->r_pub->label) + 1;
	m.m_vfs.fd = (int32_t)rp->r_start.dev_major;
	if ((r = ipc_sendrec(VFS_PROC_NR, &m)) == OK)
		r = m.m_type;
	if (r != OK)
		printf("rs: VFS cannot map major %u to %s: %s\n", (unsigned)rp->r_start.dev_major,
		       rp->r_pub->label, rs_errname(r));
	return r;
}

/* rp was restarted (a new instance under the dead one's endpoint): a socket driver's
 * domain is mapped again, so VFS ends the calls and sockets of the dead instance (EIO). */
void
dev_restarted(struct rproc *rp)
{
	(void)sock_map(rp, 1);
}
