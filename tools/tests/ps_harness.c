/*
 * ps_harness.c - host harness for ps (commands/bin/ps.c), built and run by test_ps.py.
 *
 * ps.c is compiled unchanged for the host, against the real headers; getsysinfo(), its
 * only way to the system, is replaced by a stub that hands out a made-up PM table and
 * kernel table with one process in each state ps knows (every RTS hold, each IPC call,
 * zombies, a process the kernel does not know, ps itself: the host pid).  With the
 * environment variable PS_HARNESS_FAIL set, the stub fails as a missing PM would (ENOSYS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minnow/kcall.h>
#include <minnow/sysinfo.h>

/* PM's mp_flags bits as PM_GETSYSINFO reports them (servers/pm/glo.h). */
#define IN_USE          0x01
#define ZOMBIE          0x02
#define WAITING         0x04
#define EXITING         0x80
#define NO_ROW          (-99)   /* endpoint with no kernel row */

/* One process: PM's view and the kernel's. */
struct fake {
	int pid, ppid;
	const char *name;
	uint32_t pm_flags;
	endpoint_t endpt;
	uint32_t rts, misc;
	int privflags;
	endpoint_t getfrom, sendto;
};

static const struct fake procs[] = {
	{ 0, 0, "pm", IN_USE, 0, 0, 0, PI_SYS_PROC, NONE, NONE },
	{ 2, 0, "vfs", IN_USE, 1, PI_RTS_RECEIVING, 0, PI_SYS_PROC, ANY, NONE },
	{ 1, 0, "init", IN_USE | WAITING, 10, PI_RTS_RECEIVING, PI_MF_REPLY_PEND, 0, 0, NONE },
	{ 20, 1, "sender", IN_USE, 20, PI_RTS_SENDING, 0, 0, NONE, 1 },
	{ 21, 1, "srsend", IN_USE, 21, PI_RTS_SENDING | PI_RTS_RECEIVING, PI_MF_REPLY_PEND, 0,
	  1, 1 },
	{ 22, 1, "rcvfrom", IN_USE, 22, PI_RTS_RECEIVING, 0, 0, 0, NONE },
	{ 23, 1, "stopped", IN_USE, 23, PI_RTS_PROC_STOP, 0, 0, NONE, NONE },
	{ 24, 1, "traced", IN_USE, 24, PI_RTS_P_STOP, 0, 0, NONE, NONE },
	{ 25, 1, "nopriv", IN_USE, 25, PI_RTS_NO_PRIV, 0, PI_SYS_PROC, NONE, NONE },
	{ 26, 1, "faulting", IN_USE, 26, PI_RTS_PAGEFAULT, 0, 0, NONE, NONE },
	{ 27, 1, "forked", IN_USE, 27, PI_RTS_VMINHIBIT, 0, 0, NONE, NONE },
	{ 28, 1, "vmreq", IN_USE, 28, PI_RTS_VMREQUEST, 0, PI_SYS_PROC, NONE, NONE },
	{ 29, 1, "booting", IN_USE, 29, PI_RTS_BOOTINHIBIT, 0, PI_SYS_PROC, NONE, NONE },
	{ 30, 1, "signaled", IN_USE, 30, PI_RTS_SIGNALED | PI_RTS_SIG_PENDING, 0, 0, NONE, NONE },
	{ 31, 1, "dying", IN_USE, 31, PI_RTS_NO_ENDPOINT | PI_RTS_PROC_STOP, 0, 0, NONE, NONE },
	{ 32, 1, "zombie", IN_USE | ZOMBIE, NO_ROW, 0, 0, 0, NONE, NONE },
	{ 33, 1, "exiting", IN_USE | ZOMBIE | EXITING, 33, PI_RTS_PROC_STOP, 0, 0, NONE, NONE },
	{ 34, 1, "ghost", IN_USE, NO_ROW, 0, 0, 0, NONE, NONE },
	{ 35, 1, "stopsend", IN_USE, 35, PI_RTS_PROC_STOP | PI_RTS_SENDING, PI_MF_REPLY_PEND, 0,
	  NONE, 0 },
	{ 36, 1, "peerless", IN_USE, 36, PI_RTS_RECEIVING, 0, 0, 4242, NONE },
	{ 37, 1, "runnable", IN_USE, 37, 0, 0, 0, NONE, NONE },
	{ -1, 1, "self", IN_USE, 7777, PI_RTS_RECEIVING, PI_MF_REPLY_PEND, 0, 0, NONE },
};
#define NPROCS (sizeof(procs) / sizeof(procs[0]))

static size_t
pm_table(struct pm_procinfo *rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < NPROCS && n < max; i++, n++) {
		memset(&rows[n], 0, sizeof(rows[n]));
		rows[n].pid = procs[i].pid < 0 ? (int32_t)getpid() : procs[i].pid;
		rows[n].ppid = procs[i].ppid;
		rows[n].pgrp = rows[n].pid;
		rows[n].endpt = procs[i].endpt;
		rows[n].flags = procs[i].pm_flags;
		strncpy(rows[n].name, procs[i].name, sizeof(rows[n].name) - 1);
	}
	return n;
}

static size_t
kernel_table(struct proc_info *rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < NPROCS && n < max; i++) {
		if (procs[i].endpt == NO_ROW)
			continue;
		memset(&rows[n], 0, sizeof(rows[n]));
		rows[n].pi_endpoint = procs[i].endpt;
		rows[n].pi_slot = (int)i;
		rows[n].pi_rts_flags = procs[i].rts;
		rows[n].pi_misc_flags = procs[i].misc;
		rows[n].pi_privflags = procs[i].privflags;
		rows[n].pi_getfrom = procs[i].getfrom;
		rows[n].pi_sendto = procs[i].sendto;
		strncpy(rows[n].pi_name, procs[i].name, PROC_NAME_LEN - 1);
		n++;
	}
	return n;
}

int
getsysinfo(int how, void *buf, size_t len)
{
	if (getenv("PS_HARNESS_FAIL") != NULL) {
		errno = ENOSYS;
		return -1;
	}
	if (how == SI_PROC_TAB)
		return (int)(pm_table(buf, len / sizeof(struct pm_procinfo)) *
			     sizeof(struct pm_procinfo));
	if (how == SI_KPROC_TAB)
		return (int)(kernel_table(buf, len / sizeof(struct proc_info)) *
			     sizeof(struct proc_info));
	errno = EINVAL;
	return -1;
}
