/*
 * context.c - choosing the next process and switching to it.
 *
 * switch_to_user() is the only way out of the kernel to a process.  It picks the most
 * urgent runnable process (pick_proc), idling with interrupts on until there is one, loads
 * its page directory if it differs from the current one (the kernel's own mappings are
 * global, so they survive), points the TSS at its register save area when it is not the
 * process that was running (that one's is there already), sets CR0.TS for its
 * FPU state (fpu.c), and resumes it.
 */
#include "../../kernel.h"
#include "../../proc.h"
#include "fpu.h"
#include "x86.h"

/* Nothing can run: wait for an interrupt with IDLE as the current process. */
static void
idle(void)
{
	proc_ptr = proc_addr(IDLE);
	intr_enable_and_halt();
	intr_disable();
}

void
switch_to_user(void)
{
	struct proc *p;

	for (;;) {
		while ((p = pick_proc()) == NULL)
			idle();
		if (!(p->p_misc_flags & MF_SC_ANY) || !sc_trace_leave(p))
			break;	/* (a traced call's leave stops it: sctrace.c) */
	}
	if (read_cr3() != p->p_cr3)
		write_cr3(p->p_cr3);
	if (p != proc_ptr) {	/* (the same process again: the TSS points at it already) */
		proc_ptr = p;
		tss_set_kstack((uint32_t)(&p->p_reg + 1));
	}
	fpu_switch_to(p);
	restore_user_context(p);
}
