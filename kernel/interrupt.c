/*
 * interrupt.c - interrupt hooks: how a hardware interrupt reaches a user-space driver.
 *
 * A driver hooks a line with sys_irqctl(IRQ_SETPOLICY, irq, policy, bit).  When the line
 * fires, irq_dispatch() sets the driver's chosen bit in its pending-interrupt map and sends
 * it a notification from HARDWARE, whose payload carries the map (several interrupts before
 * the driver receives collapse into one notification).  Unless the hook's policy is
 * IRQ_REENABLE, the line stays masked until the driver calls sys_irqctl(IRQ_ENABLE), so a
 * level-triggered device cannot storm the CPU while its driver is busy; a line whose hooks
 * all belong to a dead driver is masked too.
 */
#include <minnow/errno.h>
#include "kernel.h"
#include "interrupt.h"
#include "priv.h"
#include "proc.h"
#include "ipc.h"

struct irq_hook irq_hooks[NR_IRQ_HOOKS];

void
irq_dispatch(int irq)
{
	struct irq_hook *h;
	int hooked = 0;

	for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS; h++) {
		struct proc *p;

		if (!h->ih_in_use || h->ih_irq != irq || (p = endpoint_proc(h->ih_endpt)) == NULL)
			continue;
		hooked = 1;
		priv(p)->s_int_pending |= 1u << h->ih_notify_bit;
		mini_notify(proc_addr(HARDWARE), h->ih_endpt);
		if (!(h->ih_policy & IRQ_REENABLE))
			h->ih_disabled = 1;
	}
	/* No live hook: its driver died and RS has not yet restarted it under the same
	 * endpoint.  A level-triggered card would interrupt again at once, for ever; the line
	 * stays masked until the new instance hooks it again (IRQ_SETPOLICY unmasks it). */
	if (!hooked || irq_line_disabled(irq))
		pic_mask(irq);
}

/* Is some hook of the line waiting for IRQ_ENABLE?  A shared level-triggered line stays
 * masked until every driver that was told of its interrupt has handled its own device
 * (unmasking it before would interrupt again at once, for as long as the slowest driver
 * takes: a storm). */
int
irq_line_disabled(int irq)
{
	struct irq_hook *h;

	for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS; h++)
		if (h->ih_in_use && h->ih_irq == irq && h->ih_disabled)
			return 1;
	return 0;
}

/* A dying process loses its hooks (lines nobody else hooks are masked again; a line the
 * dead hook kept masked is unmasked if no other hook waits). */
void
irq_release(struct proc *p)
{
	struct irq_hook *h;

	for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS; h++) {
		if (!h->ih_in_use || h->ih_endpt != p->p_endpoint)
			continue;
		h->ih_in_use = 0;
		if (!irq_line_hooked(h->ih_irq))
			pic_mask(h->ih_irq);
		else if (!irq_line_disabled(h->ih_irq))
			pic_unmask(h->ih_irq);
	}
}

/* Does anyone hook the line? */
int
irq_line_hooked(int irq)
{
	struct irq_hook *h;

	for (h = irq_hooks; h < irq_hooks + NR_IRQ_HOOKS; h++)
		if (h->ih_in_use && h->ih_irq == irq)
			return 1;
	return 0;
}
