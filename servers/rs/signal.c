/*
 * signal.c - RS as the signal manager of the services (handouts/rs.md, "Signals of services").
 *
 * SEF calls rs_signal_manager() for each kernel signal of a service (it collected them with
 * sys_getksig after a SYSTEM notification carrying SIGKSIG).  A lethal signal (the CPU
 * faults, SIGABRT from sys_exit or panic, SIGKILL, SIGPIPE) means the service crashed: RS
 * reports it and cleans up its slot with sys_clear; a service `service up` started goes
 * to service_gone (down.c), which restarts it (restart.c) unless it was stopping or
 * started with -n, and so does a boot service marked sf=restart (rs_restartable) unless
 * RS_SHUTDOWN came; the other boot services are not restarted (handouts/rs.md, "Boot
 * services").  Any other signal is passed on
 * to the service as a SIGS_SIGNAL_RECEIVED message, which its SEF hands to its signal
 * handler.  The death of an SF_CORE_SRV service is fatal.  When a service dies RS also
 * deletes its label from DS (if DS runs), which deletes the entries the service published
 * and its subscription, and tells their subscribers.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/signum.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Delete rp's label from DS, if DS is up (and is not rp itself). */
static void
unpublish(struct rproc *rp)
{
	struct rproc *ds = rs_by_name("ds");
	int r;

	if (ds == NULL || ds == rp || !(ds->r_flags & RS_ACTIVE) || !(rp->r_flags & RS_ACTIVE))
		return;
	if ((r = ds_delete_label(rp->r_pub->label)) != OK)
		printf("rs: cannot delete the label of %s from DS: %s\n", rp->r_pub->label,
		       rs_errname(r));
}

/* Forget service rp (its process is gone or never ran). */
void
rs_cleanup(struct rproc *rp)
{
	rs_pci_unpublish(rp);		/* pci.c: its PCI ACL, if it had one */
	if ((rp->r_flags & RS_INITIALIZING) && (rp->r_flags & RS_BOOT_SVC))
		boot_pending--;
	rp->r_flags = 0;
	memset(rp->r_pub, 0, sizeof(*rp->r_pub));
	rs_sync_ipc();		/* nobody keeps a right to its privilege id (ipc.c) */
	boot_check_done();
}

int
rs_signal_manager(endpoint_t target, int signo)
{
	struct rproc *rp = rs_by_endpoint(target);
	message m;
	int r;

	if (!sig_lethal_to_system(signo)) {
		memset(&m, 0, sizeof(m));
		m.m_type = SIGS_SIGNAL_RECEIVED;
		m.m_sigs.signo = signo;
		if ((r = asynsend3(target, &m, AMF_NOREPLY)) != OK)
			printf("rs: cannot pass signal %d to endpoint %d: %s\n", signo, target,
			       rs_errname(r));
		return OK;
	}
	if (update_signal(target, signo))
		return -EDEADEPT;		/* a new version died: rolled back (update.c) */
	if (rp != NULL && rs_restartable(rp) &&
	    !((rp->r_flags & RS_BOOT_SVC) && rs_shutting_down)) {
		service_gone(rp, signo);	/* restarted, or PM ends it (down.c) */
		return -EDEADEPT;
	}
	rs_report_death(rp != NULL ? rp->r_pub->label : "?", target, signo);
	if (rp != NULL && (rp->r_pub->sys_flags & SF_CORE_SRV))
		rs_fatal("rs: core service %s died", rp->r_pub->label);
	if ((r = sys_clear(target)) != OK)
		printf("rs: sys_clear(%d) failed: %s\n", target, rs_errname(r));
	if (rp != NULL) {
		unpublish(rp);
		rs_cleanup(rp);
	}
	return -EDEADEPT;
}
