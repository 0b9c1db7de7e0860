/*
 * do_abort.c - SYS_ABORT: stop the whole system.
 *
 * Message fields (mess_sys_abort):
 *   how   RBT_HALT (halt the CPU), RBT_POWEROFF (power off; QEMU exits with status 33 when
 *         booted with debugexit=1), RBT_PANIC (panic naming the caller).  Else EINVAL.
 * Used by PM for reboot(2), by RS when it cannot go on, and by in-guest test runners.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

int
do_abort(struct proc *caller, message *m)
{
	switch (m->m_sys_abort.how) {
	case RBT_POWEROFF:
		kprintf("kernel: power off requested by %s\n", caller->p_name);
		arch_poweroff();
	case RBT_HALT:
		kprintf("kernel: halt requested by %s\n", caller->p_name);
		arch_halt_after_panic();
	case RBT_PANIC:
		panic("sys_abort(RBT_PANIC) from %s", caller->p_name);
	default:
		return -EINVAL;
	}
}
