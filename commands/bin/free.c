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
#include <minnow/syslib.h>

int
main(void)
{
	mess_vm_info info;
	unsigned long total, freep, kib;
	int r;

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
	return 0;
}
