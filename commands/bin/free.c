/*
 * free - memory in use and free, as VM counts it (Minnow only).
 *
 * Usage: free
 * Sends VM_INFO to VM (any process may) and prints total, used and free memory in pages
 * and KiB.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/vm.h>

int
main(void)
{
	message m;
	unsigned long total, freep, kib;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_INFO;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK || m.m_type != OK) {
		fprintf(stderr, "free: VM_INFO failed: %s\n", strerror(r != OK ? -r : -m.m_type));
		return 1;
	}
	total = m.m_vm_info.total_pages;
	freep = m.m_vm_info.free_pages;
	kib = m.m_vm_info.page_size / 1024;
	printf("           pages      KiB\n");
	printf("total  %9lu %8lu\n", total, total * kib);
	printf("used   %9lu %8lu\n", total - freep, (total - freep) * kib);
	printf("free   %9lu %8lu\n", freep, freep * kib);
	return 0;
}
