/*
 * rproc.c - RS's service table: the private rproc[] and the public rprocpub[] (one slot
 * each, same index), lookups, error names for RS's messages, and its report of a death.
 *
 * rprocpub[] is what every service may read (RS grants it read-only to ANY and sends the
 * grant id in RS_INIT): label, endpoint, sys_flags and program name of each service.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

struct rproc rproc[RS_NR_PUB];
struct rprocpub rprocpub[RS_NR_PUB];
cp_grant_id_t rproctab_gid = GRANT_INVALID;
endpoint_t rs_self = NONE;
struct kinfo rs_kinfo;
int boot_pending, boot_started, boot_done;

/* A free slot, cleared and linked to its public half; NULL if the table is full. */
struct rproc *
rs_alloc(void)
{
	int i;

	for (i = 0; i < RS_NR_PUB; i++) {
		if (rproc[i].r_flags & RS_IN_USE)
			continue;
		memset(&rproc[i], 0, sizeof(rproc[i]));
		memset(&rprocpub[i], 0, sizeof(rprocpub[i]));
		rproc[i].r_pub = &rprocpub[i];
		rproc[i].r_flags = RS_IN_USE;
		rproc[i].r_pid = -1;
		rproc[i].r_old_endpoint = NONE;
		rproc[i].r_caller = NONE;
		rproc[i].r_dead_ep = NONE;	/* restart.c, replica.c */
		rproc[i].r_replica_ep = NONE;
		rprocpub[i].in_use = 1;
		return &rproc[i];
	}
	return NULL;
}

struct rproc *
rs_by_endpoint(endpoint_t ep)
{
	int i;

	for (i = 0; i < RS_NR_PUB; i++)
		if ((rproc[i].r_flags & RS_IN_USE) && rprocpub[i].endpoint == ep)
			return &rproc[i];
	return NULL;
}

/* The service whose label or program name is name. */
struct rproc *
rs_by_name(const char *name)
{
	int i;

	for (i = 0; i < RS_NR_PUB; i++)
		if ((rproc[i].r_flags & RS_IN_USE) && (strcmp(rprocpub[i].label, name) == 0 ||
						       strcmp(rprocpub[i].proc_name, name) == 0))
			return &rproc[i];
	return NULL;
}

/* Does RS start rp again when it dies, and may it be refreshed, updated or cloned?  A
 * service RS_UP started, or a boot service marked sf=restart (handouts/rs.md, "Boot
 * services"); not the other boot services (core servers, and those a restart cannot
 * recover). */
int
rs_restartable(const struct rproc *rp)
{
	return !(rp->r_flags & RS_BOOT_SVC) || (rp->r_pub->sys_flags & SF_RESTART);
}

/* "EIO" for -EIO (or EIO); "error N" for the rest (static buffer). */
const char *
rs_errname(int r)
{
	static const struct { int e; const char *n; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
		{ EIO, "EIO" }, { ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" }, { EINVAL, "EINVAL" }, { EAGAIN, "EAGAIN" },
		{ ENOSYS, "ENOSYS" }, { ECALLDENIED, "ECALLDENIED" },
		{ EDEADSRCDST, "EDEADSRCDST" }, { ENOTREADY, "ENOTREADY" },
		{ ERESTART, "ERESTART" }, { EDEADEPT, "EDEADEPT" }, { ENOEXEC, "ENOEXEC" },
	};
	static char buf[24];
	unsigned i;

	if (r < 0)
		r = -r;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == r)
			return names[i].n;
	snprintf(buf, sizeof(buf), "error %d", r);
	return buf;
}

/* Print that the service label (endpoint ep) died of signal signo.  SIGABRT is how the
 * kernel reports a service's own sys_exit or panic (kernel/system/do_exit.c), so that one
 * says so rather than looking like an abort (without the word "panic": a panic prints its
 * own line, and console checks look for that word). */
void
rs_report_death(const char *label, endpoint_t ep, int signo)
{
	printf("rs: service %s (endpoint %d) died of signal %d%s\n", label, ep, signo,
	       signo == SIGABRT ? " (SIGABRT: it ended itself with sys_exit)" : "");
}
