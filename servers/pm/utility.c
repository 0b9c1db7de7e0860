/*
 * utility.c - PM's process table: boot-time set-up, lookups by endpoint and pid, pids.
 *
 * At its fresh start PM reads the kernel's process table (sys_getproctab): every live
 * process the kernel started from the boot image gets an entry in the slot of its endpoint,
 * PM as parent (PM itself is pid 0, its own parent) and a pid: init (slot INIT_PROC_NR)
 * gets pid 1, the others 2, 3, ... in slot order.  Everyone starts as root (uid/gid 0) in
 * session and group 0 (PM's).  A process PM did not see at boot (started later by someone
 * other than PM) is adopted the same way on its first request (mproc_of).
 *
 * If the boot image has a VFS (the kernel information page says KIF_VFS), PM then tells it about every process
 * (vfs.c, vfs_init_start); PM also reads the real-time clock once (misc.c, time_init).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/kcall.h>
#include <minnow/kerninfo.h>
#include <minnow/syslib.h>
#include <minnow/vmlayout.h>
#include "glo.h"
#include "proto.h"

struct mproc mproc[NR_PROCS];
struct mproc *pm_mp, *init_mp, *mp;
int procs_in_use;
endpoint_t pm_rs_ep = NONE;
cp_grant_id_t pm_rproctab_gid = GRANT_INVALID;

static struct proc_info proctab[NR_TASKS + NR_PROCS];
static int next_pid = PID_FIRST;

/* Is pid taken by an entry (as a pid, a group or a session)? */
static int
pid_taken(int pid)
{
	struct mproc *rmp;

	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++)
		if ((rmp->mp_flags & IN_USE) && (rmp->mp_pid == pid || rmp->mp_procgrp == pid ||
						 rmp->mp_session == pid))
			return 1;
	return 0;
}

/* The next free pid (round robin over [PID_FIRST, PID_MAX)). */
int
get_free_pid(void)
{
	do {
		if (++next_pid >= PID_MAX)
			next_pid = PID_FIRST;
	} while (pid_taken(next_pid));
	return next_pid;
}

/* Fill entry slot for a process the kernel already runs. */
static struct mproc *
adopt(int slot, endpoint_t ep, const char *name, int pid)
{
	struct mproc *rmp = &mproc[slot];

	memset(rmp, 0, sizeof(*rmp));
	rmp->mp_flags = IN_USE;
	rmp->mp_endpoint = ep;
	rmp->mp_pid = pid;
	rmp->mp_parent = PM_PROC_NR;
	rmp->mp_core_max = 0xFFFFFFFFu;	/* no core files, but anyone may ask for them */
	rmp->mp_stack_cur = USER_STACK_RLIMIT;	/* VM's default too (region.c) */
	rmp->mp_stack_max = 0xFFFFFFFFu;
	rmp->mp_nproc_cur = rmp->mp_nproc_max = CHILD_MAX;
	strncpy(rmp->mp_name, name, sizeof(rmp->mp_name) - 1);
	procs_in_use++;
	return rmp;
}

int
pm_init(int type, sef_init_info_t *info)
{
	int i, r, pid = PID_FIRST;

	(void)type;
	pm_rs_ep = info->rs_endpoint;
	pm_rproctab_gid = info->rproctab_gid;
	if ((r = sys_getproctab(proctab)) != OK)
		panic("cannot read the kernel's process table: %d", r);
	for (i = NR_TASKS; i < NR_TASKS + NR_PROCS; i++) {
		struct proc_info *pi = &proctab[i];
		int slot = i - NR_TASKS;

		if (pi->pi_endpoint == NONE)
			continue;
		if (slot == PM_PROC_NR)
			pm_mp = adopt(slot, pi->pi_endpoint, pi->pi_name, 0);
		else if (slot == INIT_PROC_NR)
			init_mp = adopt(slot, pi->pi_endpoint, pi->pi_name, INIT_PID);
		else
			adopt(slot, pi->pi_endpoint, pi->pi_name, pid++);
	}
	if (pm_mp == NULL)
		panic("PM is not in slot %d", PM_PROC_NR);
	pm_mp->mp_flags |= PM_ITSELF;
	next_pid = pid - 1;
	time_init();
	if (((const struct minnow_kerninfo *)KERNINFO_ADDR)->ki_flags & KIF_VFS)
		vfs_init_start();
	printf("pm: %d processes, init %s, VFS %s\n", procs_in_use,
	       init_mp != NULL ? "runs" : "absent (PM adopts orphans)",
	       vfs_state != VFS_ABSENT ? "runs" : "absent");
	return OK;
}

/* mproc_of() (proto.h) when ep's entry is not live with ep: the live entry of endpoint ep
 * (adopting a process started behind PM's back), or NULL. */
struct mproc *
mproc_of_slow(endpoint_t ep)
{
	struct proc_info pi;
	struct mproc *rmp;
	int slot;

	if (ep < 0 || ep == ANY || ep == NONE || ep == SELF)
		return NULL;
	slot = ENDPOINT_SLOT(ep);
	if (slot < 0 || slot >= NR_PROCS)
		return NULL;
	rmp = &mproc[slot];
	if (MP_LIVE(rmp) && rmp->mp_endpoint == ep)
		return rmp;
	if ((rmp->mp_flags & IN_USE) || sys_getproc(ep, &pi) != OK || pi.pi_endpoint != ep)
		return NULL;
	return adopt(slot, ep, pi.pi_name, get_free_pid());
}

/* The live entry of endpoint ep, or NULL (no adoption). */
struct mproc *
mproc_live(endpoint_t ep)
{
	int slot = ENDPOINT_SLOT(ep);

	if (ep < 0 || ep == ANY || ep == NONE || ep == SELF || slot < 0 || slot >= NR_PROCS)
		return NULL;
	if (!MP_LIVE(&mproc[slot]) || mproc[slot].mp_endpoint != ep)
		return NULL;
	return &mproc[slot];
}

/* The entry (live or zombie) of pid, or NULL. */
struct mproc *
find_pid(int pid)
{
	struct mproc *rmp;

	if (pid <= 0)
		return NULL;
	for (rmp = mproc; rmp < mproc + NR_PROCS; rmp++)
		if ((rmp->mp_flags & IN_USE) && !MP_REAPED(rmp) && rmp->mp_pid == pid)
			return rmp;
	return NULL;
}
