/*
 * replica.c - replicas: the processes a restart swaps in (handouts/rs.md, "Crash
 * recovery").
 *
 * A replica is a copy of a service's program made like a first start, fork+exec through
 * PM with the service's privileges (rs_make_copy, up.c), but never allowed to run by
 * itself.  replica_swap() restarts a dead service with one: the standby replica a `-p`
 * service keeps (or that RS_CLONE made), else one made now; vm_update(dead, replica)
 * has VM swap its records and the kernel the two slots (sys_update: both must be
 * "updatable", the dead image held by RTS_SIG_PENDING, the replica by RTS_NO_PRIV), so the
 * new code runs under the dead instance's endpoint, with its pid (PM's record of that slot
 * stays), its DS label, its privilege id and the clients queued on it, while the dead
 * image moves to the replica's slot (r_dead_ep), to be ended once the restart init
 * answers OK (restart.c).  Then SYS_PRIV_ALLOW and RS_INIT(SEF_INIT_RESTART).
 *
 * Entry points: replica_make (standby), replica_swap, replica_drop, do_clone (RS_CLONE).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Make a standby replica of rp: OK, or an error (reported). */
int
replica_make(struct rproc *rp)
{
	int r;

	if ((r = rs_make_copy(rp, &rp->r_replica_ep, &rp->r_replica_pid)) != OK) {
		rp->r_replica_ep = NONE;
		printf("rs: cannot make a replica of %s: %s\n", rp->r_pub->label, rs_errname(r));
		return r;
	}
	printf("rs: %s: standby replica ready, pid %d\n", rp->r_pub->label, rp->r_replica_pid);
	return OK;
}

/* End rp's standby replica, if any. */
void
replica_drop(struct rproc *rp)
{
	if (rp->r_replica_ep == NONE)
		return;
	pm_srv_kill(rp->r_replica_ep);
	rp->r_replica_ep = NONE;
}

/* Restart dead rp from a replica under its own endpoint: OK (RS_INIT sent), or an error
 * (no dead image to swap with, no replica, a refused swap: the caller resets). */
int
replica_swap(struct rproc *rp)
{
	endpoint_t ep = rp->r_pub->endpoint, copy;
	int pid, r, standby = rp->r_replica_ep != NONE;

	if (rp->r_dead_ep == NONE || rp->r_dead_ep != ep)
		return -EINVAL;
	if (standby) {
		copy = rp->r_replica_ep;
		pid = rp->r_replica_pid;
		rp->r_replica_ep = NONE;
	} else if ((r = rs_make_copy(rp, &copy, &pid)) != OK) {
		return r;
	}
	/* LAB(rs-recovery) BEGIN: swap the replica in under the dead instance's endpoint */
	if ((r = vm_update(ep, copy)) != OK) {
		pm_srv_kill(copy);
		return r;
	}
	rp->r_dead_ep = copy;		/* the dead image, now in the replica's slot */
	printf("rs: %s: %s replica (pid %d) swapped in, endpoint %d, pid %d\n",
	       rp->r_pub->label, standby ? "standby" : "new", pid, ep, rp->r_pid);
	sys_getuptime(&rp->r_start_ticks);
	if ((r = sys_privctl(ep, SYS_PRIV_ALLOW, NULL)) != OK)
		return r;
	return send_init(rp, SEF_INIT_RESTART);
	/* LAB(rs-recovery) STUB */
	//~ (void)pid;
	//~ (void)standby;
	//~ pm_srv_kill(copy);
	//~ printf("rs: LAB rs-recovery: replica_swap() not implemented\n");
	//~ return -ENOSYS;
	/* LAB(rs-recovery) END */
}

/* RS_CLONE(label): give a running service a standby replica (and keep one). */
int
do_clone(message *m)
{
	struct rproc *rp;
	int r;

	if ((r = rs_label_of(m, &rp)) != OK)
		return r;
	if (!rs_restartable(rp))
		return -EPERM;		/* a boot service RS does not restart */
	if (!(rp->r_flags & RS_ACTIVE) || (rp->r_flags & RS_EXITING))
		return -EBUSY;
	if (rp->r_replica_ep != NONE)
		return -EEXIST;
	rp->r_start.flags |= RS_START_REPLICA;
	return replica_make(rp);
}
