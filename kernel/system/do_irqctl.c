/*
 * do_irqctl.c - SYS_IRQCTL: hook, unhook, enable and disable interrupt lines.
 *
 * Message fields (mess_sys_irqctl):
 *   request   IRQ_SETPOLICY: hook line `vector` for the caller; notifications from HARDWARE
 *             will carry bit `hook_id` (0..31, as passed in) of the map; out: hook_id is the
 *             kernel's hook number, to pass to the other requests
 *             IRQ_RMPOLICY / IRQ_ENABLE / IRQ_DISABLE: on the hook numbered hook_id
 *             (EINVAL unless the caller owns it)
 *   vector    IRQ_SETPOLICY: the line, 0..15 (EINVAL), allowed by the caller's priv (EPERM);
 *             line 0 is the kernel's clock (EBUSY)
 *   policy    IRQ_REENABLE: keep the line enabled after each interrupt
 * A caller that hooks a line with a notify bit it already hooked it with gets that hook
 * back, with the new policy and enabled (a driver restarted under its endpoint, whose
 * dead instance's hooks stay: handouts/rs.md, "Boot services").  ENOSPC when every hook
 * is in use.  A line that several hooks share is unmasked only when none of them waits
 * for its IRQ_ENABLE (kernel/interrupt.c, irq_line_disabled).
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../interrupt.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

static int
irq_allowed(struct proc *p, int irq)
{
	int i;

	for (i = 0; i < priv(p)->s_nr_irq; i++)
		if (priv(p)->s_irq_tab[i] == irq)
			return 1;
	return 0;
}

static int
set_policy(struct proc *caller, mess_sys_irqctl *c)
{
	struct irq_hook *h;

	if (c->vector < 0 || c->vector >= 16 || c->hook_id < 0 || c->hook_id >= 32)
		return -EINVAL;
	if (c->vector == 0)
		return -EBUSY;
	if (!irq_allowed(caller, c->vector))
		return -EPERM;
	for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS; h++)
		if (h->ih_in_use && h->ih_endpt == caller->p_endpoint &&
		    h->ih_irq == c->vector && h->ih_notify_bit == c->hook_id)
			break;		/* hooked before under this endpoint: reused */
	if (h == irq_hooks + NR_IRQ_HOOKS)
		for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS && h->ih_in_use; h++)
			;
	if (h < irq_hooks + NR_IRQ_HOOKS) {
		h->ih_in_use = 1;
		h->ih_endpt = caller->p_endpoint;
		h->ih_irq = c->vector;
		h->ih_notify_bit = c->hook_id;
		h->ih_policy = c->policy;
		h->ih_disabled = 0;
		c->hook_id = (int)(h - irq_hooks);
		if (!irq_line_disabled(c->vector))
			pic_unmask(c->vector);
		return OK;
	}
	return -ENOSPC;
}

int
do_irqctl(struct proc *caller, message *m)
{
	mess_sys_irqctl *c = &m->m_sys_irqctl;
	struct irq_hook *h;

	if (c->request == IRQ_SETPOLICY)
		return set_policy(caller, c);
	if (c->hook_id < 0 || c->hook_id >= NR_IRQ_HOOKS)
		return -EINVAL;
	h = &irq_hooks[c->hook_id];
	if (!h->ih_in_use || h->ih_endpt != caller->p_endpoint)
		return -EINVAL;
	switch (c->request) {
	case IRQ_RMPOLICY:
		h->ih_in_use = 0;
		if (!irq_line_hooked(h->ih_irq))
			pic_mask(h->ih_irq);
		return OK;
	case IRQ_ENABLE:
		h->ih_disabled = 0;
		if (!irq_line_disabled(h->ih_irq))
			pic_unmask(h->ih_irq);
		return OK;
	case IRQ_DISABLE:
		h->ih_disabled = 1;
		if (irq_line_disabled(h->ih_irq))
			pic_mask(h->ih_irq);
		return OK;
	default:
		return -EINVAL;
	}
}
