/*
 * cowtest - copy-on-write after fork, seen from both sides (Minnow only).
 *
 * Usage: cowtest
 * Parent and child write different values into the same global page after fork; each
 * must read back its own value.  VM's free page count (VM_INFO) is printed before the fork
 * and after the child is reaped.  Prints "cowtest: ok" and exits 0, or what was wrong
 * and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <minnow/ipc.h>
#include <minnow/ipcstub.h>
#include <minnow/vm.h>

static volatile int shared_page[1024] __attribute__((aligned(4096))) = { 7 };

/* VM's free pages, or -1. */
static long
free_pages(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_INFO;
	if (ipc_sendrec(VM_PROC_NR, &m) != OK || m.m_type != OK)
		return -1;
	return (long)m.m_vm_info.free_pages;
}

int
main(void)
{
	long before = free_pages(), after;
	pid_t pid;
	int st;

	printf("cowtest: VM free pages before: %ld\n", before);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("cowtest: fork");
		return 1;
	}
	if (pid == 0) {
		shared_page[0] = 2;
		sleep(1);               /* the parent writes meanwhile */
		_exit(shared_page[0] == 2 ? 0 : 1);
	}
	shared_page[0] = 1;
	sleep(1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		printf("cowtest: the child saw the wrong value (status 0x%x)\n", st);
		return 1;
	}
	if (shared_page[0] != 1) {
		printf("cowtest: the parent sees %d, not its own 1\n", shared_page[0]);
		return 1;
	}
	after = free_pages();
	printf("cowtest: VM free pages after: %ld\n", after);
	printf("cowtest: ok\n");
	return 0;
}
