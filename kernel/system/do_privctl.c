/*
 * do_privctl.c - SYS_PRIVCTL: manage privilege structures (RS's call).
 *
 * Message fields (mess_sys_privctl):
 *   endpt    whose privileges (SELF: the caller; EINVAL if not a live process)
 *   request  SYS_PRIV_ALLOW        let it run: clears RTS_NO_PRIV (EPERM if not held by it)
 *            SYS_PRIV_DISALLOW     stop it: sets RTS_NO_PRIV
 *            SYS_PRIV_SET_SYS      give it its own system priv (only while RTS_NO_PRIV is
 *                                  set, else EPERM; ENOMEM when none is free): defaults,
 *                                  overlaid by the struct priv_spec at arg_ptr if non-zero
 *            SYS_PRIV_SET_USER     give it the shared user priv (only while RTS_NO_PRIV)
 *            SYS_PRIV_ADD_IO       allow the I/O range (struct priv_range) at arg_ptr
 *            SYS_PRIV_ADD_MEM      allow the physical memory range (struct priv_range) at
 *                                  arg_ptr (VM checks device mappings against these)
 *            SYS_PRIV_QUERY_MEM    is the whole range at arg_ptr inside one allowed range?
 *                                  OK if so, EPERM if not
 *            SYS_PRIV_ADD_IRQ      allow the IRQ line whose number is at arg_ptr (an int)
 *            SYS_PRIV_UPDATE_SYS   replace the masks of a running system process with the
 *                                  struct priv_spec at arg_ptr (service edit); EPERM if it
 *                                  has no system priv
 *            SYS_PRIV_SET_SIGMGR   the endpoint at arg_ptr (live, else EINVAL) becomes the
 *                                  signal manager of endpt, which must own a system priv
 *                                  (EPERM): PM while root traces a service (ptrace)
 *            SYS_PRIV_YIELD        make endpt runnable and stop the caller (RS hands over
 *                                  to its new instance)
 *            SYS_PRIV_SET_IPC      replace only endpt's IPC mask with the struct priv_spec
 *                                  at arg_ptr: ps_ipc_all, or exactly the system processes
 *                                  of ps_ipc_to, plus every user process if ps_flags has
 *                                  PI_USER_CALLABLE (a service users call answers them);
 *                                  nothing else of the priv changes.  EPERM if endpt has
 *                                  no system priv.  RS keeps every mask equal to
 *                                  system.conf's ipc lines with it (handouts/rs.md,
 *                                  "system.conf")
 *            anything else         EINVAL
 *   arg_ptr  request argument in the caller (EFAULT if unreadable)
 * Only system processes may call it; ADD_* need a target that owns a system priv (EPERM)
 * and return ENOMEM when its table is full; duplicates are accepted silently.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

static void
apply_spec(struct proc *p, const struct priv_spec *ps)
{
	struct priv *pr = priv(p);
	int i;

	pr->s_flags = SYS_PROC | (ps->ps_flags & ~SYS_PROC);
	pr->s_trap_mask = ps->ps_trap_mask;
	pr->s_k_call_mask[0] = ps->ps_k_call_mask[0];
	pr->s_k_call_mask[1] = ps->ps_k_call_mask[1];
	pr->s_sig_mgr = ps->ps_sig_mgr == SELF ? p->p_endpoint : ps->ps_sig_mgr;
	priv_sync_user(pr);		/* USER_CALLABLE comes from the spec's flags */
	if (ps->ps_ipc_all)
		return;		/* priv_set_sys_defaults allowed every partner */
	memset(pr->s_ipc_to, 0, sizeof(pr->s_ipc_to));
	for (i = 0; i < ps->ps_nr_ipc_to && i < PRIV_SPEC_IPC_TO; i++) {
		struct proc *t = endpoint_proc(ps->ps_ipc_to[i]);

		if (t != NULL && priv(t) != NULL)
			bit_set(pr->s_ipc_to, priv(t)->s_id);
	}
}

/* SYS_PRIV_SET_IPC: p's IPC mask becomes exactly what the spec at arg names. */
static int
set_ipc(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_spec ps;
	struct priv *pr = priv(p);
	int i;

	if (vm_copy(caller, arg, NULL, (uint32_t)&ps, sizeof(ps)) != OK)
		return -EFAULT;
	memset(pr->s_ipc_to, ps.ps_ipc_all ? 0xFF : 0, sizeof(pr->s_ipc_to));
	if (ps.ps_ipc_all)
		return OK;
	for (i = 0; i < ps.ps_nr_ipc_to && i < PRIV_SPEC_IPC_TO; i++) {
		struct proc *t = endpoint_proc(ps.ps_ipc_to[i]);

		if (t != NULL && !iskernelp(t) && priv(t) != NULL && (priv(t)->s_flags & SYS_PROC))
			bit_set(pr->s_ipc_to, priv(t)->s_id);
	}
	if (ps.ps_flags & PI_USER_CALLABLE)
		bit_set(pr->s_ipc_to, USER_PRIV_ID);
	return OK;
}

static int
owns_sys_priv(struct proc *p)
{
	return priv(p) != NULL && (priv(p)->s_flags & SYS_PROC);
}

static int
set_sys(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_spec ps;
	struct priv *pr;

	if (!RTS_ISSET(p, RTS_NO_PRIV))
		return -EPERM;
	if (arg != 0 && vm_copy(caller, arg, NULL, (uint32_t)&ps, sizeof(ps)) != OK)
		return -EFAULT;
	if (owns_sys_priv(p)) {		/* start over: nothing pending, no grant table */
		int id = priv(p)->s_id;

		pr = priv(p);
		memset(pr, 0, sizeof(*pr));
		pr->s_id = id;
	} else if ((pr = priv_alloc()) == NULL) {
		return -ENOMEM;
	}
	priv_set_sys_defaults(pr, p);
	if (arg != 0)
		apply_spec(p, &ps);
	p->p_priority = SYS_Q;
	return OK;
}

/* Read a range argument; OK or EFAULT/EINVAL. */
static int
read_range(struct proc *caller, vir_bytes arg, struct priv_range *r)
{
	if (vm_copy(caller, arg, NULL, (uint32_t)r, sizeof(*r)) != OK)
		return -EFAULT;
	return r->pr_limit < r->pr_base ? -EINVAL : OK;
}

/* Append range r to a table of n entries (at most max); a duplicate is accepted silently. */
static int
add_range(struct io_range *tab, int *n, int max, const struct priv_range *r)
{
	int i;

	for (i = 0; i < *n; i++)
		if (tab[i].ior_base == r->pr_base && tab[i].ior_limit == r->pr_limit)
			return OK;
	if (*n >= max)
		return -ENOMEM;
	tab[*n].ior_base = r->pr_base;
	tab[(*n)++].ior_limit = r->pr_limit;
	return OK;
}

static int
add_io(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_range r;
	int err;

	if ((err = read_range(caller, arg, &r)) != OK)
		return err;
	if (r.pr_limit > 0xFFFF)
		return -EINVAL;
	return add_range(priv(p)->s_io_tab, &priv(p)->s_nr_io_range, NR_IO_RANGE, &r);
}

static int
add_mem(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_range r;
	int err;

	if ((err = read_range(caller, arg, &r)) != OK)
		return err;
	return add_range(priv(p)->s_mem_tab, &priv(p)->s_nr_mem_range, NR_MEM_RANGE, &r);
}

static int
query_mem(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_range r;
	struct priv *pr = priv(p);
	int err, i;

	if ((err = read_range(caller, arg, &r)) != OK)
		return err;
	for (i = 0; i < pr->s_nr_mem_range; i++)
		if (r.pr_base >= pr->s_mem_tab[i].ior_base && r.pr_limit <= pr->s_mem_tab[i].ior_limit)
			return OK;
	return -EPERM;
}

static int
update_sys(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv_spec ps;

	if (vm_copy(caller, arg, NULL, (uint32_t)&ps, sizeof(ps)) != OK)
		return -EFAULT;
	if (ps.ps_ipc_all) {
		int i;

		for (i = 0; i < NR_PRIVS; i++)
			bit_set(priv(p)->s_ipc_to, i);
	}
	apply_spec(p, &ps);
	return OK;
}

/* SYS_PRIV_SET_SIGMGR: the endpoint at arg becomes p's signal manager. */
static int
set_sig_mgr(struct proc *caller, struct proc *p, vir_bytes arg)
{
	endpoint_t e;

	if (vm_copy(caller, arg, NULL, (uint32_t)&e, sizeof(e)) != OK)
		return -EFAULT;
	if (endpoint_proc(e) == NULL)
		return -EINVAL;
	priv(p)->s_sig_mgr = e;
	return OK;
}

static int
add_irq(struct proc *caller, struct proc *p, vir_bytes arg)
{
	struct priv *pr = priv(p);
	int irq, i;

	if (vm_copy(caller, arg, NULL, (uint32_t)&irq, sizeof(irq)) != OK)
		return -EFAULT;
	if (irq < 0 || irq >= 16)
		return -EINVAL;
	for (i = 0; i < pr->s_nr_irq; i++)
		if (pr->s_irq_tab[i] == irq)
			return OK;
	if (pr->s_nr_irq >= NR_IRQ)
		return -ENOMEM;
	pr->s_irq_tab[pr->s_nr_irq++] = irq;
	return OK;
}

int
do_privctl(struct proc *caller, message *m)
{
	endpoint_t e = m->m_sys_privctl.endpt;
	struct proc *p = endpoint_proc(e == SELF ? caller->p_endpoint : e);
	vir_bytes arg = m->m_sys_privctl.arg_ptr;

	if (!owns_sys_priv(caller))
		return -EPERM;
	if (p == NULL || iskernelp(p))
		return -EINVAL;
	switch (m->m_sys_privctl.request) {
	case SYS_PRIV_ALLOW:
		if (!RTS_ISSET(p, RTS_NO_PRIV) || priv(p) == NULL)
			return -EPERM;
		RTS_UNSET(p, RTS_NO_PRIV);
		return OK;
	case SYS_PRIV_DISALLOW:
		RTS_SET(p, RTS_NO_PRIV);
		return OK;
	case SYS_PRIV_SET_SYS:
		return set_sys(caller, p, arg);
	case SYS_PRIV_SET_USER:
		if (!RTS_ISSET(p, RTS_NO_PRIV))
			return -EPERM;
		if (owns_sys_priv(p))
			priv_free(priv(p));
		p->p_priv = &priv_table[USER_PRIV_ID];
		p->p_priority = USER_Q;
		return OK;
	case SYS_PRIV_ADD_IO:
		return owns_sys_priv(p) ? add_io(caller, p, arg) : -EPERM;
	case SYS_PRIV_ADD_IRQ:
		return owns_sys_priv(p) ? add_irq(caller, p, arg) : -EPERM;
	case SYS_PRIV_ADD_MEM:
		return owns_sys_priv(p) ? add_mem(caller, p, arg) : -EPERM;
	case SYS_PRIV_QUERY_MEM:
		return owns_sys_priv(p) ? query_mem(caller, p, arg) : -EPERM;
	case SYS_PRIV_UPDATE_SYS:
		return owns_sys_priv(p) ? update_sys(caller, p, arg) : -EPERM;
	case SYS_PRIV_SET_SIGMGR:
		return owns_sys_priv(p) ? set_sig_mgr(caller, p, arg) : -EPERM;
	case SYS_PRIV_SET_IPC:
		return owns_sys_priv(p) ? set_ipc(caller, p, arg) : -EPERM;
	case SYS_PRIV_YIELD:
		RTS_UNSET(p, RTS_PROC_STOP | RTS_NO_PRIV);
		RTS_SET(caller, RTS_PROC_STOP);
		return OK;
	default:
		return -EINVAL;
	}
}
