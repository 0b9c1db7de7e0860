/*
 * edit.c - RS_EDIT: change a running service's privileges, and what its next restart
 * runs (minnow/rs.h; handouts/rs.md, "Refresh, edit, run and shutdown").
 *
 * The request carries a struct rs_start as RS_UP's does (`service edit PATH [-label L]
 * [-args ...] [-period T] [-config FILE]`: the label's system.conf entry, parsed by the
 * `service` command); RS checks it the same way (rs_read_start, up.c: EINVAL for a bad
 * rs_start or an entry that is not the label's, has errors or counts out of range).  The
 * label must name a service RS_UP started or a boot service RS restarts (sf=restart:
 * handouts/rs.md, "Boot services"; ESRCH for no service, EPERM for the other boot
 * services) that is up and initialised (EBUSY while starting, stopping, restarting or
 * being updated).  So `service edit /service/tty -label tty -period 100` gives a boot
 * service heartbeats.  Then:
 *   - its kernel privileges are replaced at once: sys_privctl(SYS_PRIV_UPDATE_SYS) with
 *     the calls and IPC targets of the new entry (RS stays its signal manager); the irq,
 *     io and mem of the new entry are added (grant_resources).  Not implemented: taking
 *     away irq lines and ranges the old entry granted (the kernel can only add them; a
 *     restart starts from the new entry alone);
 *   - the path, arguments, period and entry are kept for its next restart (the period and
 *     the program name in the public table change at once); its flags (-n) and its
 *     device (-dev) stay as RS_UP set them.
 * Answered at once: OK, or the error (the slot is unchanged if the kernel refused).
 *
 * Entry point: do_edit (table.c).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Replace the kernel privileges of rp, running, by those of entry conf. */
static int
edit_privileges(struct rproc *rp, const struct sc_service *conf)
{
	const struct sc_service *old = rp->r_conf;
	struct priv_spec ps;
	int r;

	rp->r_conf = conf;
	memset(&ps, 0, sizeof(ps));
	rs_conf_spec(rp, &ps);
	rs_conf_targets(rp, &ps);
	ps.ps_sig_mgr = rs_self;	/* RS handles every service's signals */
	if ((r = sys_privctl(rp->r_pub->endpoint, SYS_PRIV_UPDATE_SYS, &ps)) == OK)
		grant_resources(rp);
	rp->r_conf = old;
	return r;
}

/* Keep rs as what rp's next restart runs; its flags and device stay. */
static void
edit_start(struct rproc *rp, const struct rs_start *rs)
{
	uint32_t flags = rp->r_start.flags, major = rp->r_start.dev_major;
	char dev[RS_DEV_LEN];

	strlcpy(dev, rp->r_start.dev, sizeof(dev));
	rp->r_start = *rs;
	rp->r_start.flags = flags;
	rp->r_start.dev_major = major;
	strlcpy(rp->r_start.dev, dev, sizeof(rp->r_start.dev));
	rp->r_conf = &rp->r_start.conf;
	rp->r_period = heartbeat_period(rs->period);
	strlcpy(rp->r_pub->proc_name, strrchr(rs->path, '/') + 1, RS_MAX_LABEL_LEN);
}

int
do_edit(message *m)
{
	static struct rs_start rs;
	struct rproc *rp;
	int r;

	if ((r = rs_read_start(m, &rs)) != OK)
		return r;
	if ((rp = rs_by_label(rs.label)) == NULL)
		return -ESRCH;
	if (!rs_restartable(rp))
		return -EPERM;		/* a core server, or a boot service never restarted */
	if (!(rp->r_flags & RS_ACTIVE) ||
	    (rp->r_flags & (RS_EXITING | RS_RESTARTING | RS_UPDATING)))
		return -EBUSY;
	if ((r = edit_privileges(rp, &rs.conf)) != OK) {
		printf("rs: cannot edit the privileges of %s: %s\n", rp->r_pub->label,
		       rs_errname(r));
		return r;
	}
	edit_start(rp, &rs);
	rs_sync_ipc();		/* its partners' masks follow its new ipc line (ipc.c) */
	printf("rs: service %s edited (path %s, period %u)\n", rp->r_pub->label,
	       rp->r_start.path, (unsigned)rp->r_period);
	return OK;
}
