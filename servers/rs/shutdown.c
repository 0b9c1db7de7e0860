/*
 * shutdown.c - RS_SHUTDOWN: the system is going down, so RS restarts nothing any more
 * (minnow/rs.h; handouts/rs.md, "Refresh, edit, run and shutdown").
 *
 * do_shutdown() sets rs_shutting_down, which service_gone (down.c) checks before it
 * restarts a service, marks every service started by RS_UP and every boot service marked
 * sf=restart not to be restarted (so `service status` shows norestart) and ends the
 * restarts of the former that wait out a back-off or a recovery script (their dead image
 * ends and their slot is freed, as RS_DOWN does; a boot service's image stays frozen).  A
 * restart already under way (its init not answered yet) comes up and is not restarted
 * again if it dies (not implemented: if that init fails, restart.c still tries it again).  RS_REFRESH is EBUSY
 * from now on.  There is no way back: the flag is cleared only by a new boot.
 * `poweroff` sends RS_SHUTDOWN before reboot(); `service shutdown` sends it alone.
 *
 * Entry point: do_shutdown (table.c).
 */
#include <stdio.h>
#include "glo.h"
#include "proto.h"

int rs_shutting_down;

int
do_shutdown(message *m)
{
	struct rproc *rp;

	(void)m;
	if (!rs_shutting_down)
		printf("rs: shutting down: services are no longer restarted\n");
	rs_shutting_down = 1;
	for (rp = rproc; rp < rproc + RS_NR_PUB; rp++) {
		if (!(rp->r_flags & RS_IN_USE) || !rs_restartable(rp) || !rp->r_is_sys)
			continue;
		rp->r_start.flags |= RS_START_NORESTART;
		if ((rp->r_flags & RS_RESTARTING) && !(rp->r_flags & RS_INITIALIZING) &&
		    !(rp->r_flags & RS_BOOT_SVC)) {
			printf("rs: service %s stopped (it was waiting to restart)\n",
			       rp->r_pub->label);
			restart_abandon(rp);	/* restart.c: its dead image ends */
			rs_cleanup(rp);
		}
	}
	return OK;
}
