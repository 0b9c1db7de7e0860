/*
 * poweroff - write everything back and power the machine off (reboot(RBT_POWEROFF): PM asks
 * VFS to sync, then the kernel powers off; under QEMU with debugexit=1 QEMU exits with
 * status 33).  Usage: poweroff [-h] (-h halts instead).  Root only: EPERM otherwise.
 * First it tells RS the system goes down (RS_SHUTDOWN, as `service shutdown`; handouts/rs.md,
 * "Refresh, edit, run and shutdown"), so that services dying from now on are not
 * restarted; RS's refusal (EPERM for a non-root caller) is not reported: reboot() says it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/ipcstub.h>
#include <minnow/kcall.h>
#include <minnow/rs.h>

/* Tell RS that nothing is to be restarted any more. */
static void
rs_shutdown(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_SHUTDOWN;
	(void)ipc_sendrec(RS_PROC_NR, &m);
}

int
main(int argc, char **argv)
{
	int how = RBT_POWEROFF;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-h") != 0)) {
		fprintf(stderr, "usage: poweroff [-h]\n");
		return 2;
	}
	if (argc == 2)
		how = RBT_HALT;
	rs_shutdown();
	reboot(how);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
