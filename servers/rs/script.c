/*
 * script.c - recovery scripts (`service up -script FILE`; handouts/rs.md, "Crash
 * recovery").
 *
 * When the back-off of a service with a script is over, RS does not restart it: it runs
 * `/bin/sh FILE LABEL REASON RESTARTS` as a user process (PM forks it from RS like a
 * service, rs_spawn in up.c, but it gets the shared user privileges: SYS_PRIV_SET_USER),
 * REASON being "terminated" (it died) or "no-heartbeat" (RS killed it, heartbeat.c) and
 * RESTARTS the times it was restarted so far.  The service stays dead, its image frozen,
 * until the script asks: `service restart LABEL` (RS_RESTART, restart.c) or `service down
 * LABEL` (RS_DOWN, down.c).  The script runs as root (RS's uid) with no open files; it
 * leaves no zombie (PM releases RS's children at once).  /etc/rs.single is a script that
 * brings the service down.  A script that cannot be started is reported and the service
 * is restarted instead.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/kcall.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

#define SCRIPT_SHELL    "/bin/sh"

/* Run rp's recovery script: OK, or an error (reported; the caller restarts rp). */
int
script_run(struct rproc *rp)
{
	char args[RS_ARGS_LEN];
	endpoint_t ep;
	int pid, r;

	snprintf(args, sizeof(args), "%s %s %s %d", rp->r_start.script, rp->r_pub->label,
		 rp->r_reason[0] != '\0' ? rp->r_reason : "terminated", rp->r_restarts);
	if ((r = rs_spawn(SCRIPT_SHELL, args, &ep, &pid)) == OK) {
		if ((r = sys_privctl(ep, SYS_PRIV_SET_USER, NULL)) == OK &&
		    (r = sys_privctl(ep, SYS_PRIV_ALLOW, NULL)) == OK) {
			printf("rs: %s: running %s %s (pid %d)\n", rp->r_pub->label,
			       SCRIPT_SHELL, args, pid);
			return OK;
		}
		pm_srv_kill(ep);
	}
	printf("rs: %s: cannot run its script %s: %s\n", rp->r_pub->label, rp->r_start.script,
	       rs_errname(r));
	return r;
}
