/*
 * df - free space of every mounted file system (Minnow only).
 *
 * Usage: df
 * For each mount getvfsstat() reports, statvfs() of its directory gives the block counts;
 * printed in KiB: Filesystem, size, used, available, use%, mounted on.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#define MAX_MOUNTS 16

int
main(void)
{
	static struct statvfs mnt[MAX_MOUNTS];
	struct statvfs st;
	int n = getvfsstat(mnt, sizeof(mnt)), rc = 0;

	if (n < 0) {
		fprintf(stderr, "df: %s\n", strerror(errno));
		return 1;
	}
	printf("%-12s %9s %9s %9s %4s %s\n", "Filesystem", "KiB", "Used", "Avail", "Use%",
	       "Mounted on");
	for (int i = 0; i < n && i < MAX_MOUNTS; i++) {
		unsigned long kb, total, avail, used;

		if (statvfs(mnt[i].f_mntonname, &st) != 0) {
			fprintf(stderr, "df: %s: %s\n", mnt[i].f_mntonname, strerror(errno));
			rc = 1;
			continue;
		}
		kb = st.f_frsize / 1024 > 0 ? st.f_frsize / 1024 : 1;
		total = st.f_blocks * kb;
		avail = st.f_bavail * kb;
		used = (st.f_blocks - st.f_bfree) * kb;
		printf("%-12s %9lu %9lu %9lu %3lu%% %s\n", mnt[i].f_mntfromname, total, used, avail,
		       total > 0 ? (used * 100 + total - 1) / total : 0UL, mnt[i].f_mntonname);
	}
	return rc;
}
