/*
 * ipc_user.c - what a user process may not do: IPC other than SENDREC, kernel calls, and
 * touching kernel memory (handouts/ipc.md, "Privileges"; handouts/boot.md, "The virtual
 * memory layout").
 *
 * Grader: the user-privilege test boots it as a user process:
 *     ipc_user priv=user
 * and expects PASS for every case, "DONE ipc_user ...", then the line
 * "ipc_user: about to touch a kernel address", then the kernel's report of the page fault
 * that kills the process, and nothing more from ipc_user; the system keeps running.
 *
 * Assumed user privileges: the IPC trap mask allows only SENDREC; the kernel-call mask
 * allows only SYS_DIAGCTL (stdio's output without VFS) and SYS_EXIT (exit() without PM).
 * So SEND, RECEIVE, NOTIFY, SENDNB and SENDA are ETRAPDENIED (the trap mask is checked before
 * the endpoint), SENDREC reaches the endpoint checks (EDEADSRCDST, EINVAL), and every other
 * kernel call is ECALLDENIED.  The endpoint used is made up (generation 3 of the last
 * slot), so a kernel that wrongly lets a call through answers EDEADSRCDST instead of
 * blocking.  The test needs no kernel call but sys_diagctl, so it cannot look anything up.
 */
#include <stdio.h>
#include <string.h>
#include "testlib.h"

#define NOBODY          MAKE_ENDPOINT(3, NR_PROCS - 1)
#define KERNEL_ADDRESS  0xF0100000u

static void
ipc_cases(void)
{
	asynmsg_t table[1];
	message m;

	memset(&m, 0, sizeof(m));
	memset(table, 0, sizeof(table));
	table[0].flags = AMF_VALID;
	table[0].dst = NOBODY;
	test_expect("ipc_user_send", ipc_send(NOBODY, &m), -ETRAPDENIED);
	test_expect("ipc_user_receive", ipc_receive(NOBODY, &m, NULL), -ETRAPDENIED);
	test_expect("ipc_user_notify", ipc_notify(NOBODY), -ETRAPDENIED);
	test_expect("ipc_user_sendnb", ipc_sendnb(NOBODY, &m), -ETRAPDENIED);
	test_expect_either("ipc_user_senda", ipc_senda(table, 1), -ETRAPDENIED, -EPERM);
	test_expect("ipc_user_sendrec_dead", ipc_sendrec(NOBODY, &m), -EDEADSRCDST);
	test_expect("ipc_user_sendrec_any", ipc_sendrec(ANY, &m), -EINVAL);
}

static void
kernel_call_cases(void)
{
	uint32_t value, ticks;
	char name[PROC_NAME_LEN];
	int src = 1, dst = 0;

	test_expect("ipc_user_kcall_getinfo", sys_whoami(NULL, name, sizeof(name), NULL),
		-ECALLDENIED);
	test_expect("ipc_user_kcall_times", sys_times(NONE, NULL, NULL, &ticks),
		-ECALLDENIED);
	test_expect("ipc_user_kcall_privctl", sys_privctl(SELF, SYS_PRIV_SET_SYS, NULL),
		-ECALLDENIED);
	test_expect("ipc_user_kcall_devio", sys_inb(0x80, &value), -ECALLDENIED);
	test_expect("ipc_user_kcall_vircopy", sys_vircopy(SELF, (vir_bytes)&src, SELF,
		(vir_bytes)&dst, sizeof(src), 0), -ECALLDENIED);
}

int
main(int argc, char **argv)
{
	volatile uint32_t *kernel = (volatile uint32_t *)KERNEL_ADDRESS;
	uint32_t value;

	test_init("ipc_user", argc, argv);
	ipc_cases();
	kernel_call_cases();
	test_done();
	printf("ipc_user: about to touch a kernel address\n");
	value = *kernel;
	printf("FAIL ipc_user_kernel_read: read 0x%x at 0x%x and lived\n", value,
		KERNEL_ADDRESS);
	return 1;
}
