/*
 * poweroff - write everything back and power the machine off (reboot(RBT_POWEROFF): PM asks
 * VFS to sync, then the kernel powers off; under QEMU with debugexit=1 QEMU exits with
 * status 33).  Usage: poweroff [-h] (-h halts instead).  Root only: EPERM otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/kcall.h>

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
	reboot(how);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
