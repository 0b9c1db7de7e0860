/*
 * cowtest - copy-on-write after fork, seen from both sides (Minnow only).
 *
 * Usage: cowtest
 * The parent fills COW_PAGES pages of data, then forks.  The child measures VM's free page
 * count (VM_INFO) before writing: the fork may have cost page tables and a stack page, but
 * not a copy of the data (fewer than COW_PAGES / 2 pages gone: "shared").  The child then
 * writes every data page and measures again: each write must have cost a page of its own
 * (at least COW_PAGES more gone: "copied").  Parent and child then write different values
 * into one page and each must read back its own.  After the child is reaped the count must
 * be back where it was before the fork.  Prints "cowtest: ok" and exits 0, or what was
 * wrong and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <minnow/syslib.h>

#define COW_PAGES 64

static volatile int shared_page[1024] __attribute__((aligned(4096))) = { 7 };
static volatile char data[COW_PAGES][4096] __attribute__((aligned(4096)));

/* VM's free pages, or -1. */
static long
free_pages(void)
{
	mess_vm_info info;

	return vm_info(&info) == OK ? (long)info.free_pages : -1;
}

/* The child: measure sharing, then copying; exit 0 if both hold, else 2 or 3. */
static int
child(long before_fork)
{
	long shared = free_pages(), copied;
	int i;

	for (i = 0; i < COW_PAGES; i++)
		data[i][0] = 'c';
	copied = free_pages();
	printf("cowtest: child: %ld pages gone at fork, %ld more after writing %d pages\n",
	       before_fork - shared, shared - copied, COW_PAGES);
	fflush(stdout);
	if (before_fork - shared >= COW_PAGES / 2)
		return 2;
	if (shared - copied < COW_PAGES)
		return 3;
	shared_page[0] = 2;
	sleep(1);               /* the parent writes meanwhile */
	return shared_page[0] == 2 ? 0 : 1;
}

int
main(void)
{
	long before, after;
	pid_t pid;
	int i, st;

	for (i = 0; i < COW_PAGES; i++)
		data[i][0] = 'p';
	before = free_pages();
	printf("cowtest: VM free pages before: %ld\n", before);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("cowtest: fork");
		return 1;
	}
	if (pid == 0)
		_exit(child(before));
	shared_page[0] = 1;
	sleep(1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("cowtest: the child failed (status 0x%x: %s)\n", st,
		       WEXITSTATUS(st) == 2 ? "fork copied the data" :
		       WEXITSTATUS(st) == 3 ? "writes did not copy pages" : "wrong value");
		return 1;
	}
	if (shared_page[0] != 1 || data[0][0] != 'p') {
		printf("cowtest: the parent sees %d/%c, not its own 1/p\n", shared_page[0],
		       data[0][0]);
		return 1;
	}
	after = free_pages();
	printf("cowtest: VM free pages after: %ld\n", after);
	if (after != before) {
		printf("cowtest: %ld pages not given back\n", before - after);
		return 1;
	}
	printf("cowtest: ok\n");
	return 0;
}
