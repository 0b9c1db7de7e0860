/*
 * ipc.c - system.conf's ipc lines as the kernel's IPC masks (handouts/rs.md, "system.conf").
 *
 * An ipc line names a service's partners: the services it sends requests to, or that send
 * requests to it.  A line works both ways: when A's line names B, A may send to B and B to
 * A (B answers A), so a driver started long after VFS names `vfs` and VFS may call it.
 * Every system process may also talk to RS, VM and PM both ways (its start, memory and
 * exit go through them), and a service users may call (`users yes`) may answer users.
 * ALL (or no ipc key) names every process, ALL_SYS_PROC every system service.  RS itself
 * and VM, made by the kernel, name every process.
 *
 * The kernel knows only masks ("may A send to B?"), so RS turns the lines into one mask per
 * service with a restricted line: its own names, plus every running service whose line
 * names it.  The masks change whenever a service comes or goes, so RS recomputes them
 * all then (rs_sync_ipc(): at boot, when a service starts, ends or is edited) with
 * sys_privctl(SYS_PRIV_SET_IPC).  A label that is not running is left out until it runs.
 *
 * Entry points: rs_conf_targets() (the mask of one service, into a struct priv_spec),
 * rs_sync_ipc() (every restricted service's mask, pushed to the kernel).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/endpoint.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Does rp's entry restrict its IPC (a list or ALL_SYS_PROC)? */
static int
restricted(const struct rproc *rp)
{
	return rp->r_conf != NULL &&
	       (rp->r_conf->sc_ipc == SC_IPC_LIST || rp->r_conf->sc_ipc == SC_IPC_SYS);
}

/* A running system service (RS's table: the processes RS knows as services). */
static int
running_sys(const struct rproc *rp)
{
	return (rp->r_flags & RS_IN_USE) && rp->r_is_sys && rp->r_pub->endpoint != NONE;
}

/* Does the ipc line of `from` name service `to`? */
static int
names(const struct rproc *from, const struct rproc *to)
{
	const struct sc_service *c = from->r_conf;
	int i;

	if (!restricted(from))
		return 1;	/* RS, VM, ALL or no ipc key: everyone */
	if (to->r_pub->endpoint == PM_PROC_NR && strcmp(to->r_pub->label, "pm") == 0)
		return 1;	/* every line names PM (a process's exit goes through it) */
	if (c->sc_ipc == SC_IPC_SYS)
		return to->r_is_sys;
	for (i = 0; i < c->sc_nr_ipc; i++)
		if (strcmp(c->sc_ipc_to[i], to->r_pub->label) == 0)
			return 1;
	return 0;
}

/* Add ep to the targets of ps (once). */
static void
add_target(struct priv_spec *ps, endpoint_t ep)
{
	int i;

	for (i = 0; i < ps->ps_nr_ipc_to; i++)
		if (ps->ps_ipc_to[i] == ep)
			return;
	if (ps->ps_nr_ipc_to < PRIV_SPEC_IPC_TO)
		ps->ps_ipc_to[ps->ps_nr_ipc_to++] = ep;
	else
		printf("rs: more than %d IPC partners; %d left out\n", PRIV_SPEC_IPC_TO, ep);
}

void
rs_conf_targets(const struct rproc *rp, struct priv_spec *ps)
{
	const struct rproc *xp;

	if (!restricted(rp))
		return;		/* ps_ipc_all stays set */
	ps->ps_ipc_all = 0;
	ps->ps_nr_ipc_to = 0;
	for (xp = rproc; xp < rproc + RS_NR_PUB; xp++)
		if (running_sys(xp) && (names(rp, xp) || names(xp, rp)))
			add_target(ps, xp->r_pub->endpoint);
}

void
rs_sync_ipc(void)
{
	struct priv_spec ps;
	struct rproc *rp;
	int r;

	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!running_sys(rp) || !restricted(rp) || rp->r_pub->endpoint == rs_self)
			continue;
		memset(&ps, 0, sizeof(ps));
		ps.ps_flags = rp->r_conf->sc_users ? PI_USER_CALLABLE : 0;
		rs_conf_targets(rp, &ps);
		r = sys_privctl(rp->r_pub->endpoint, SYS_PRIV_SET_IPC, &ps);
		if (r != OK && r != -EINVAL)	/* EINVAL: it has just gone */
			printf("rs: cannot set the IPC mask of %s: %s\n", rp->r_pub->label,
			       rs_errname(r));
	}
}
