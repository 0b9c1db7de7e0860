/*
 * rlimit.c - getrlimit and setrlimit: PM_GETRLIMIT, PM_SETRLIMIT (minnow/pm.h,
 * <sys/resource.h>; handouts/pm.md, "Core files" and "The process limit", handouts/vm.md,
 * "Growing stacks"), and the process limit fork checks (nproc_check).
 *
 * Three resources have limits, each a soft value (in force) and a hard one (its ceiling):
 *   RLIMIT_CORE   the core file's size (mp_core_cur/max; core.c): 0 and unlimited at first
 *   RLIMIT_STACK  how far the stack may grow (mp_stack_cur/max): USER_STACK_RLIMIT (8 MiB)
 *                 and unlimited at first.  VM enforces the soft value, so PM tells VM every
 *                 change (VM_STACK_LIMIT) before answering; VM keeps it over fork and exec,
 *                 as PM does, and never lets a stack pass USER_STACK_MAX.
 *   RLIMIT_NPROC  how many processes (zombies included) the caller's real uid may own
 *                 (mp_nproc_cur/max): CHILD_MAX and CHILD_MAX at first.  fork() checks it
 *                 (nproc_check); an effective uid 0 is exempt.  Whatever the limits, an
 *                 ordinary user's fork also fails while only ROOT_SLOTS process slots are
 *                 free: those are root's, so that root can log in and kill a fork bomb.
 * The soft limit may not exceed the hard one (EINVAL); only root raises the hard one
 * (EPERM); other resources are EINVAL (not implemented).  Fork and exec keep the limits.
 *
 * Entry points: do_getrlimit, do_setrlimit (table.c), nproc_check (forkexit.c).
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/vm.h>
#include "glo.h"
#include "proto.h"

/* The soft and hard limit fields of resource res in rmp; EINVAL for an unknown one. */
static int
limit_fields(struct mproc *rmp, int res, uint32_t **cur, uint32_t **max)
{
	switch (res) {
	case RLIMIT_CORE:
		*cur = &rmp->mp_core_cur, *max = &rmp->mp_core_max;
		return OK;
	case RLIMIT_STACK:
		*cur = &rmp->mp_stack_cur, *max = &rmp->mp_stack_max;
		return OK;
	case RLIMIT_NPROC:
		*cur = &rmp->mp_nproc_cur, *max = &rmp->mp_nproc_max;
		return OK;
	default:
		return -EINVAL;
	}
}

/* May rmp fork?  OK, or EAGAIN: its real uid owns RLIMIT_NPROC processes already, or only
 * ROOT_SLOTS slots are free (both: unless its effective uid is root). */
int
nproc_check(const struct mproc *rmp)
{
	const struct mproc *cp;
	uint32_t mine = 0;
	int free_slots = 0;

	if (rmp->mp_effuid == 0)
		return OK;
	for (cp = mproc + INIT_PROC_NR + 1; cp < mproc + NR_PROCS; cp++) {
		if (!(cp->mp_flags & IN_USE))
			free_slots++;
		else if (cp->mp_realuid == rmp->mp_realuid)
			mine++;
	}
	if (free_slots <= ROOT_SLOTS || mine >= rmp->mp_nproc_cur)
		return -EAGAIN;
	return OK;
}

/* Tell VM rmp's new stack limit (VM_STACK_LIMIT): OK or VM's error. */
static int
tell_vm_stack(struct mproc *rmp, uint32_t limit)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_STACK_LIMIT;
	m.m_vm_proc.endpt = rmp->mp_endpoint;
	m.m_vm_proc.addr = limit;
	if ((r = ipc_sendrec(VM_PROC_NR, &m)) != OK || (r = m.m_type) != OK)
		printf("pm: VM_STACK_LIMIT of %s failed: %d\n", rmp->mp_name, r);
	return r;
}

int
do_getrlimit(message *m)
{
	uint32_t *cur, *max;
	int r;

	if ((r = limit_fields(mp, m->m_pm.how, &cur, &max)) != OK)
		return r;
	m->m_pm.len = *cur;
	m->m_pm.len2 = *max;
	return OK;
}

int
do_setrlimit(message *m)
{
	uint32_t *cur, *max, want = m->m_pm.len, want_max = m->m_pm.len2;
	int r;

	if ((r = limit_fields(mp, m->m_pm.how, &cur, &max)) != OK)
		return r;
	if (want > want_max)
		return -EINVAL;
	if (want_max > *max && mp->mp_effuid != 0)
		return -EPERM;
	if (m->m_pm.how == RLIMIT_STACK && (r = tell_vm_stack(mp, want)) != OK)
		return r;
	*cur = want;
	*max = want_max;
	return OK;
}
