/**
 * @file interrupt.h
 * @brief Interrupt hooks of user-space drivers (interrupt.c, system/do_irqctl.c).
 */
#ifndef MINNOW_INTERRUPT_H
#define MINNOW_INTERRUPT_H

#include <minnow/endpoint.h>

/** Most hooks in the system. */
#define NR_IRQ_HOOKS 32

/** One driver's hook on one line. */
struct irq_hook {
	int ih_in_use;          /**< slot taken */
	endpoint_t ih_endpt;    /**< the driver */
	int ih_irq;             /**< the line */
	int ih_notify_bit;      /**< bit the driver sees in its notification map */
	int ih_policy;          /**< IRQ_REENABLE or 0 */
	int ih_disabled;        /**< fired and waiting for IRQ_ENABLE */
};

struct proc;

/** All hooks. */
extern struct irq_hook irq_hooks[NR_IRQ_HOOKS];
/** Is some hook on @p irq waiting for IRQ_ENABLE (the line stays masked)? */
int irq_line_disabled(int irq);
/** Does any hook use @p irq? */
int irq_line_hooked(int irq);
/** Drop the hooks of a process that goes away. */
void irq_release(struct proc *p);

#endif
