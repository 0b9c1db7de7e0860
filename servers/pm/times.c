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
 * The resident size (ru_maxrss) is a high-water mark of samples: PM asks VM for a
 * process's present pages (VM_INFO with VM_INFO_PROC) whenever the process asks PM_TIMES and
 * once at its exit, and keeps the largest in KiB; a parent's children's figure is the
 * largest of those it waited for (theirs included), as Linux reports it.
 *
 * PM_TIMES(addr = struct pm_times): OK, or EFAULT; the kernel's failure otherwise.  With
 * addr2 (getrusage) PM writes a struct rusage there instead, of the caller (how =
 * RUSAGE_SELF) or of its children waited for, so a bad pointer is EFAULT.
 * times_put_rusage() writes wait4's struct rusage of a reaped child (forkexit.c).
 */
#include <string.h>
#include <sys/resource.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include <minnow/pm.h>
#include <minnow/syslib.h>
#include <minnow/vm.h>
#include "glo.h"
#include "proto.h"

/* Sample rmp's resident size (VM_INFO_PROC) into its high-water mark mp_maxrss. */
static void
rss_sample(struct mproc *rmp)
{
	message m;
	uint32_t kib;

	memset(&m, 0, sizeof(m));
	m.m_type = VM_INFO;
	m.m_vm_info.flags = VM_INFO_PROC;
	m.m_vm_info.endpt = rmp->mp_endpoint;
	if (ipc_sendrec(VM_PROC_NR, &m) != OK || m.m_type != OK)
		return;
	kib = m.m_vm_info.proc_pages * (m.m_vm_info.page_size / 1024);
	if (kib > rmp->mp_maxrss)
		rmp->mp_maxrss = kib;
}

void
times_exit(struct mproc *rmp)
{
	uint32_t u = 0, s = 0;

	rss_sample(rmp);

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
	if (rmp->mp_maxrss > pp->mp_child_maxrss)
		pp->mp_child_maxrss = rmp->mp_maxrss;
	if (rmp->mp_child_maxrss > pp->mp_child_maxrss)
		pp->mp_child_maxrss = rmp->mp_child_maxrss;
}

/* ticks of a clock of hz ticks a second as a struct timeval. */
static void
ticks_timeval(uint32_t ticks, struct timeval *tv)
{
	uint32_t hz = pm_hz();

	tv->tv_sec = (time_t)(ticks / hz);
	tv->tv_usec = (suseconds_t)((unsigned long long)(ticks % hz) * 1000000u / hz);
}

/* A struct rusage of utime and stime ticks and maxrss KiB to addr in process ep: OK or
 * EFAULT. */
static int
put_rusage(endpoint_t ep, uint32_t addr, uint32_t utime, uint32_t stime, uint32_t maxrss)
{
	struct rusage ru;

	memset(&ru, 0, sizeof(ru));
	ticks_timeval(utime, &ru.ru_utime);
	ticks_timeval(stime, &ru.ru_stime);
	ru.ru_maxrss = (long)maxrss;
	if (sys_vircopy(SELF, (vir_bytes)&ru, ep, addr, sizeof(ru), 0) != OK)
		return -EFAULT;
	return OK;
}

/* wait4's struct rusage of zombie rmp (its own ticks and those of the children it waited
 * for, its maxrss) to addr in its parent (0: none wanted): OK or EFAULT. */
int
times_put_rusage(struct mproc *rmp, uint32_t addr)
{
	if (addr == 0)
		return OK;
	return put_rusage(mproc[rmp->mp_parent].mp_endpoint, addr,
			  rmp->mp_utime + rmp->mp_child_utime, rmp->mp_stime + rmp->mp_child_stime,
			  rmp->mp_maxrss > rmp->mp_child_maxrss ? rmp->mp_maxrss :
			  rmp->mp_child_maxrss);
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
	rss_sample(mp);
	t.maxrss = mp->mp_maxrss;
	t.cmaxrss = mp->mp_child_maxrss;
	if (m->m_pm.addr2 != 0) {		/* getrusage */
		if (m->m_pm.how == RUSAGE_SELF)
			return put_rusage(mp->mp_endpoint, m->m_pm.addr2, t.utime, t.stime,
					  t.maxrss);
		return put_rusage(mp->mp_endpoint, m->m_pm.addr2, t.cutime, t.cstime,
				  t.cmaxrss);
	}
	if (sys_vircopy(SELF, (vir_bytes)&t, mp->mp_endpoint, m->m_pm.addr, sizeof(t), 0) != OK)
		return -EFAULT;
	return OK;
}
