/*
 * times.c - process times (handouts/pm.md, "Process times"): PM_TIMES, what times(2)
 * reports.
 *
 * The kernel counts, per process, the clock ticks it ran in user mode and the ticks the
 * kernel spent on its behalf (sys_times).  A process's own times come from there; its
 * children's are PM's: at exit (times_exit, while the kernel slot still exists) PM keeps
 * the dying process's ticks in its entry, and when the parent collects the zombie
 * (times_reaped, from release()) the parent's child times grow by the child's own ticks
 * plus those of the children it had waited for, as POSIX says.
 *
 * PM_TIMES(addr = struct pm_times): OK, or EFAULT; the kernel's failure otherwise.
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

void
times_exit(struct mproc *rmp)
{
	uint32_t u = 0, s = 0;

	if (sys_times(rmp->mp_endpoint, &u, &s, NULL) == OK) {
		rmp->mp_utime = u;
		rmp->mp_stime = s;
	}
}

void
times_reaped(struct mproc *rmp)
{
	struct mproc *pp = &mproc[rmp->mp_parent];

	if (!(rmp->mp_flags & ZOMBIE) || !MP_LIVE(pp))
		return;
	pp->mp_child_utime += rmp->mp_utime + rmp->mp_child_utime;
	pp->mp_child_stime += rmp->mp_stime + rmp->mp_child_stime;
}

int
do_times(message *m)
{
	struct pm_times t;
	int r;

	memset(&t, 0, sizeof(t));
	if ((r = sys_times(mp->mp_endpoint, &t.utime, &t.stime, &t.ticks)) != OK)
		return r;
	t.cutime = mp->mp_child_utime;
	t.cstime = mp->mp_child_stime;
	t.hz = pm_hz();
	if (sys_vircopy(SELF, (vir_bytes)&t, mp->mp_endpoint, m->m_pm.addr, sizeof(t), 0) != OK)
		return -EFAULT;
	return OK;
}
