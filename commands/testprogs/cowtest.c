/*
 * cowtest - copy-on-write after fork, seen from both sides (Minnow only).
 *
 * Usage: cowtest
 * The parent fills COW_PAGES pages of data, then forks.  The child measures VM's free page
 * count (VM_INFO) before writing: the fork may have cost page tables and a stack page, but
 * not a copy of the data (fewer than COW_PAGES / 2 pages gone: "shared").  The child then
 * writes every data page and measures again: each write must have cost a page of its own
 * (at least COW_PAGES more gone: "copied").  Then, in turn (a byte on a pipe says when
 * the other side is done): the parent writes 1 into a page, the child must still read the
 * 7 from before the fork and writes 2, the parent must still read its 1 (and its own data
 * pages, which the child wrote).  After the child is reaped the count must be back where
 * it was before the fork.  Prints "cowtest: ok" and exits 0, or what was wrong and exits 1.
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

/* Wait for the other side's byte on fd (it has written its value into shared_page): 1, or
 * 0 if the other side ended first. */
static int
await_byte(int fd)
{
	char c;

	return read(fd, &c, 1) == 1;
}

static void
send_byte(int fd)
{
	if (write(fd, "x", 1) != 1) {
		perror("cowtest: write");
		_exit(4);
	}
}

/* The child: measure sharing, then copying; once the parent has written 1, still read the
 * 7 from before the fork, then write 2.  Exit 0 if all hold, else 1, 2, 3 (see parent())
 * or 4 (the parent ended first). */
static int
child(long before_fork, int to_parent, int from_parent)
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
	if (!await_byte(from_parent))	/* the parent has written 1 */
		return 4;
	if (shared_page[0] != 7)
		return 1;
	shared_page[0] = 2;
	send_byte(to_parent);
	return shared_page[0] == 2 ? 0 : 1;
}

/* The parent's side: write 1 after the fork, then read it back once the child has read its
 * own 7 and written 2. */
static int
parent(pid_t pid, int from_child, int to_child)
{
	int st;

	shared_page[0] = 1;
	send_byte(to_child);
	if (await_byte(from_child) &&	/* the child has written 2 */
	    (shared_page[0] != 1 || data[0][0] != 'p')) {
		printf("cowtest: the parent sees %d/%c, not its own 1/p\n", shared_page[0],
		       data[0][0]);
		return 1;
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("cowtest: the child failed (status 0x%x: %s)\n", st,
		       WEXITSTATUS(st) == 2 ? "fork copied the data" :
		       WEXITSTATUS(st) == 3 ? "writes did not copy pages" :
		       WEXITSTATUS(st) == 1 ? "it saw the parent's write, or lost its own" : "pipe error");
		return 1;
	}
	return 0;
}

int
main(void)
{
	long before, after;
	int up[2], down[2], i;
	pid_t pid;

	for (i = 0; i < COW_PAGES; i++)
		data[i][0] = 'p';
	if (pipe(up) < 0 || pipe(down) < 0) {
		perror("cowtest: pipe");
		return 1;
	}
	before = free_pages();
	printf("cowtest: VM free pages before: %ld\n", before);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("cowtest: fork");
		return 1;
	}
	if (pid == 0) {
		close(up[0]), close(down[1]);
		_exit(child(before, up[1], down[0]));
	}
	close(up[1]), close(down[0]);	/* a child that ends early is EOF */
	if (parent(pid, up[0], down[1]) != 0)
		return 1;
	after = free_pages();
	printf("cowtest: VM free pages after: %ld\n", after);
	if (after != before) {
		printf("cowtest: %ld pages not given back\n", before - after);
		return 1;
	}
	printf("cowtest: ok\n");
	return 0;
}
