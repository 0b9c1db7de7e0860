/*
 * ptrace.c - PM_PTRACE: a tracer's requests (minnow/ptrace.h; handouts/ptrace.md,
 * "Tracer and tracee" and "Requests").  The stops and the bookkeeping they act on are trace.c's.
 *
 * Who may trace whom:
 *  - T_OK: any user process, about itself: its parent becomes its tracer (EBUSY if it is
 *    traced already; EPERM for a system process or an orphan PM adopted).
 *  - T_ATTACH(pid): ESRCH unless pid is a live process; EPERM if the caller is a system
 *    process, if the target is the caller, PM, VM, RS or VFS (the tracer itself needs
 *    them), if a caller that is not root targets another system process or lacks the
 *    target's real, effective and saved user and group ids (a set-uid target is refused,
 *    even after it set its effective id back to the real one); EBUSY
 *    if it is traced already.  The target then stops with SIGSTOP for the tracer.  A
 *    service root traces has PM as its signal manager meanwhile (trace.c); T_EXIT of it
 *    is EPERM (RS ends services).
 *  - Every other request: ESRCH unless pid is a live tracee of the caller, EBUSY unless it
 *    is stopped for it (TRACE_STOPPED); an unknown request is EINVAL (T_STOP too: the
 *    kernel's alone); a signal to post outside 0..NSIG-1 is EINVAL.
 *
 * Memory and registers go through the kernel (sys_trace); ranges are copied here with
 * sys_vircopy, except writes into text, which go word by word through T_SETINS (the
 * process's own text is read-only).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/pm.h>
#include <minnow/ptrace.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* May the caller (mp) start tracing live process cp?  OK, -EPERM or -EBUSY.  (A helper
 * of attach(), hence "unused" while the ptrace lab is open.) */
static int __attribute__((unused))
may_attach(const struct mproc *cp)
{
	if (is_system(mp->mp_endpoint) || cp == mp || (cp->mp_flags & PM_ITSELF) ||
	    cp->mp_endpoint == VM_PROC_NR || cp->mp_endpoint == RS_PROC_NR ||
	    cp->mp_endpoint == VFS_PROC_NR)
		return -EPERM;
	if (mp->mp_effuid != 0 && is_system(cp->mp_endpoint))
		return -EPERM;		/* only root traces services */
	if (mp->mp_effuid != 0 &&
	    (cp->mp_realuid != mp->mp_effuid || cp->mp_effuid != mp->mp_effuid ||
	     cp->mp_saveduid != mp->mp_effuid || cp->mp_realgid != mp->mp_effgid ||
	     cp->mp_effgid != mp->mp_effgid || cp->mp_savedgid != mp->mp_effgid))
		return -EPERM;
	return cp->mp_tracer != NULL ? -EBUSY : OK;
}

/* T_ATTACH: the caller traces process pid, which stops. */
static int
attach(int pid)
{
	struct mproc *cp = find_pid(pid);
	int r;

	if (pid == pm_mp->mp_pid)
		return -EPERM;		/* PM itself (pid 0, which find_pid never finds) */
	if (cp == NULL || !MP_LIVE(cp))
		return -ESRCH;
	/* LAB(ptrace) BEGIN: T_ATTACH: check, record the tracer, stop the target for it */
	if ((r = may_attach(cp)) != OK)
		return r;
	if ((r = trace_sys_take(cp)) != OK)
		return r;		/* a service: PM becomes its signal manager */
	cp->mp_tracer = mp;
	cp->mp_trace_opts = TO_NOEXEC;
	trace_signal(cp, SIGSTOP);
	return OK;
	/* LAB(ptrace) STUB */
	//~ (void)r;
	//~ return -ENOSYS;
	/* LAB(ptrace) END */
}

/* T_OK: the caller's parent traces it. */
static int
trace_me(void)
{
	struct mproc *pp = &mproc[mp->mp_parent];

	if (mp->mp_tracer != NULL)
		return -EBUSY;
	if (is_system(mp->mp_endpoint) || (pp->mp_flags & PM_ITSELF) || !MP_LIVE(pp))
		return -EPERM;
	mp->mp_tracer = pp;
	mp->mp_trace_opts = 0;
	return OK;
}

/* T_SETRANGE into text: word by word through the kernel (read-only pages). */
static int
set_text(struct mproc *cp, uint32_t addr, const uint8_t *buf, uint32_t len)
{
	uint32_t word, at, i;
	int r;

	while (len > 0) {
		at = addr & ~3u;
		if ((r = sys_trace(T_GETINS, cp->mp_endpoint, at, &word)) != OK)
			return r;
		for (i = addr - at; i < 4 && len > 0; i++, addr++, len--)
			((uint8_t *)&word)[i] = *buf++;
		if ((r = sys_trace(T_SETINS, cp->mp_endpoint, at, &word)) != OK)
			return r;
	}
	return OK;
}

/* T_SETRANGE: pr->pr_size bytes from the tracer into cp. */
static int
set_range(struct mproc *cp, const struct ptrace_range *pr)
{
	uint8_t buf[256];
	uint32_t done, n;
	int r;

	if (pr->pr_space == TS_DATA)
		return sys_vircopy(mp->mp_endpoint, (vir_bytes)pr->pr_ptr, cp->mp_endpoint,
				   pr->pr_addr, pr->pr_size, 0) == OK ? OK : -EFAULT;
	for (done = 0; done < pr->pr_size; done += n) {
		n = pr->pr_size - done < sizeof(buf) ? pr->pr_size - done : sizeof(buf);
		if (sys_vircopy(mp->mp_endpoint, (vir_bytes)pr->pr_ptr + done, SELF,
				(vir_bytes)buf, n, 0) != OK)
			return -EFAULT;
		if ((r = set_text(cp, pr->pr_addr + done, buf, n)) != OK)
			return r;
	}
	return OK;
}

/* T_GETRANGE, T_SETRANGE: the struct ptrace_range at addr in the tracer. */
static int
do_range(struct mproc *cp, int req, vir_bytes addr)
{
	struct ptrace_range pr;

	if (sys_vircopy(mp->mp_endpoint, addr, SELF, (vir_bytes)&pr, sizeof(pr), 0) != OK)
		return -EFAULT;
	if ((pr.pr_space != TS_INS && pr.pr_space != TS_DATA) || pr.pr_size == 0 ||
	    pr.pr_size > 0x7FFFFFFFu)
		return -EINVAL;
	if (req == T_SETRANGE)
		return set_range(cp, &pr);
	return sys_vircopy(cp->mp_endpoint, pr.pr_addr, mp->mp_endpoint, (vir_bytes)pr.pr_ptr,
			   pr.pr_size, 0) == OK ? OK : -EFAULT;
}

/* T_RESUME, T_STEP, T_SYSCALL: post sig, then let cp run unless more signals wait. */
static int
resume(struct mproc *cp, int req, int sig)
{
	/* LAB(ptrace) BEGIN: post the signal, keep cp stopped while held signals remain */
	if (sig != 0 && sig_proc(cp, sig, SIGF_TRACER))
		return OK;		/* it died of it */
	if (!MP_LIVE(cp) || trace_held(cp))
		return OK;		/* the tracer's next waitpid reports the next one */
	cp->mp_flags &= ~TRACE_STOPPED;
	return sys_trace(req, cp->mp_endpoint, 0, NULL);
	/* LAB(ptrace) STUB */
	//~ (void)cp, (void)req, (void)sig;
	//~ return -ENOSYS;
	/* LAB(ptrace) END */
}

/* T_EXIT: end cp with exit status code; the tracer is answered when that is complete. */
static int
force_exit(struct mproc *cp, uint32_t code)
{
	cp->mp_flags |= TRACE_EXIT;
	cp->mp_fork_parent = mp->mp_endpoint;	/* (trace_exit_answer) */
	exit_proc(cp, (int)(code & 0xFF) << 8);
	return SUSPEND;
}

/* A request on stopped tracee cp. */
static int
on_tracee(struct mproc *cp, message *m)
{
	int req = m->m_pm.how, sig = (int)m->m_pm.len;
	uint32_t data = m->m_pm.len;

	switch (req) {
	case T_GETINS:
	case T_GETDATA:
	case T_GETUSER:
		return sys_trace(req, cp->mp_endpoint, m->m_pm.addr, &m->m_pm.len);
	case T_SETINS:
	case T_SETDATA:
	case T_SETUSER:
		return sys_trace(req, cp->mp_endpoint, m->m_pm.addr, &data);
	case T_GETRANGE:
	case T_SETRANGE:
		return do_range(cp, req, m->m_pm.addr);
	case T_SETOPT:
		if (data & ~(uint32_t)TO_ALL)
			return -EINVAL;
		cp->mp_trace_opts = (int)data;
		return OK;
	case T_EXIT:
		if (cp->mp_flags & TRACE_SYSMGR)
			return -EPERM;	/* a service ends through RS */
		return force_exit(cp, data);
	}
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (req == T_DETACH) {
		trace_detach(cp, sig);
		return OK;
	}
	return resume(cp, req, sig);
}

int
do_ptrace(message *m)
{
	int req = m->m_pm.how;
	struct mproc *cp;

	if (req == T_OK)
		return trace_me();
	if (req == T_ATTACH)
		return attach(m->m_pm.pid);
	if (req < T_GETINS || req > T_SETRANGE)
		return -EINVAL;
	cp = find_pid(m->m_pm.pid);
	if (cp == NULL || !MP_LIVE(cp) || cp->mp_tracer != mp)
		return -ESRCH;
	if (!(cp->mp_flags & TRACE_STOPPED))
		return -EBUSY;
	return on_tracee(cp, m);
}
