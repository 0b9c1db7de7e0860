/*
 * mount - list the mounted file systems, or mount one (Minnow only).
 *
 * Usage: mount                         list: "what on where type fs (rw|ro)"
 *        mount [-r] special directory label
 * The list comes from getvfsstat(); mounting is mount() (VFS_MOUNT: special, directory,
 * the label of the file server, MNT_RDONLY with -r).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/mount.h>

#define MAX_MOUNTS 16

static int
list(void)
{
	static struct statvfs mnt[MAX_MOUNTS];
	int n = getvfsstat(mnt, sizeof(mnt));

	if (n < 0) {
		fprintf(stderr, "mount: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < n && i < MAX_MOUNTS; i++)
		printf("%s on %s type %s (%s)\n", mnt[i].f_mntfromname, mnt[i].f_mntonname,
		       mnt[i].f_fstypename, (mnt[i].f_flag & ST_RDONLY) ? "ro" : "rw");
	return 0;
}

int
main(int argc, char **argv)
{
	int i = 1, flags = 0;

	if (argc == 1)
		return list();
	if (strcmp(argv[i], "-r") == 0) {
		flags = MNT_RDONLY;
		i++;
	}
	if (argc - i != 3) {
		fprintf(stderr, "usage: mount [-r] special directory label\n");
		return 2;
	}
	if (mount(argv[i], argv[i + 1], argv[i + 2], flags) != 0) {
		fprintf(stderr, "mount: %s on %s: %s\n", argv[i], argv[i + 1], strerror(errno));
		return 1;
	}
	return 0;
}
