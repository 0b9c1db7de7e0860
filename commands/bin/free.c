/*
 * free - memory in use and free, as VM counts it, and VM's own checks (Minnow only).
 *
 * Usage: free [-s]
 * Sends VM_INFO to VM (any process may) and prints total, used and free memory in pages
 * and KiB.  With -s it also asks VM to run its bookkeeping checks now (VM_SANITY, root
 * only; handouts/hardening.md, "Invariants") and prints one verdict line:
 *     vm sanity: ok (N processes, M mapped pages)
 *     vm sanity: FAILED: <the first inconsistency VM found>
 *     vm sanity: not checked: <why> (not root, ...)
 * Exit status: 0, or 1 if VM_INFO failed or the checks did not pass.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <minnow/ipcstub.h>
#include <minnow/syslib.h>

/* VM_SANITY, asked again while PM is busy (EAGAIN): the verdict line; 0 if the checks ran
 * and passed. */
static int
sanity(void)
{
	message m;
	int r, tries;

	for (tries = 0; tries < 50; tries++) {
		memset(&m, 0, sizeof(m));
		m.m_type = VM_SANITY;
		if ((r = ipc_sendrec(VM_PROC_NR, &m)) == OK)
			r = m.m_type;
		if (r != -EAGAIN)
			break;
		usleep(20000);
	}
	if (r == OK) {
		printf("vm sanity: ok (%u processes, %u mapped pages)\n",
		       (unsigned)m.m_vm_sanity.processes, (unsigned)m.m_vm_sanity.pages);
		return 0;
	}
	if (r == -EIO) {
		m.m_vm_sanity.why[sizeof(m.m_vm_sanity.why) - 1] = '\0';
		printf("vm sanity: FAILED: %s\n", m.m_vm_sanity.why);
	} else {
		printf("vm sanity: not checked: %s\n", strerror(-r));
	}
	return 1;
}

int
main(int argc, char **argv)
{
	mess_vm_info info;
	unsigned long total, freep, kib;
	int r, check = argc > 1 && strcmp(argv[1], "-s") == 0;

	if (argc > 2 || (argc == 2 && !check)) {
		fprintf(stderr, "usage: free [-s]\n");
		return 1;
	}
	if ((r = vm_info(&info)) != OK) {
		fprintf(stderr, "free: VM_INFO failed: %s\n", strerror(-r));
		return 1;
	}
	total = info.total_pages;
	freep = info.free_pages;
	kib = info.page_size / 1024;
	printf("           pages      KiB\n");
	printf("total  %9lu %8lu\n", total, total * kib);
	printf("used   %9lu %8lu\n", total - freep, (total - freep) * kib);
	printf("free   %9lu %8lu\n", freep, freep * kib);
	return check ? sanity() : 0;
}
