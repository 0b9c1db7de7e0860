/*
 * sctrace.c - system-call tracing: a traced process stops when one of its system calls
 * enters and when it leaves (sys_trace T_SYSCALL; handouts/ptrace.md, "Tracing system
 * calls").
 *
 * A system call here is an IPC trap.  Three p_misc_flags bits carry the state:
 *   MF_SC_TRACE    the tracer asked for the next event (sys_trace T_SYSCALL sets it)
 *   MF_SC_ENTERED  the entry of the call the process is rewound to was reported: when the
 *                  process traps again, the call runs without another stop
 *   MF_SC_ACTIVE   a traced call is running: with MF_SC_TRACE its leave is reported when the
 *                  process next returns to user mode
 * Entry: the trap is not performed; the process is rewound to its trap instruction (as
 * vmreq.c does for a page the kernel needs) and SIGTRAP goes to its signal manager, PM, which
 * stops it for the tracer.  The tracer may read the request (EBX points at it) and change the
 * registers; when it resumes the process, the process traps again and the call runs, with
 * whatever registers it then has.  Leave: as the process is about to return to user mode
 * with MF_SC_ACTIVE and MF_SC_TRACE, both go and SIGTRAP is raised instead.  So every
 * T_SYSCALL gives one event, entry and leave alternating; T_RESUME or T_STEP after an entry
 * lets the call run with no leave event.
 *
 * A stop that PM delays (sys_runctl RC_DELAY) waits for a reported entry to be done too:
 * do_runctl answers EBUSY for MF_SC_ENTERED as for a send, and sc_trace_ran() raises
 * SIGSNDELAY once the call has run without leaving the process sending.
 *
 * Entry points: sc_trace_enter(), sc_trace_ran() (the IPC trap, arch/i386/exception.c),
 * sc_trace_leave() (switch_to_user), sc_trace_rewound() (vmreq.c).
 */
#include <minnow/signum.h>
#include "kernel.h"
#include "proc.h"
#include "ipc.h"
#include "signal.h"
#include "vmreq.h"

/* LAB(ptrace) BEGIN: the entry stop: report the call instead of running it (once) */
int
sc_trace_enter(struct proc *p)
{
	if (p->p_misc_flags & MF_SC_ENTERED) {
		p->p_misc_flags = (p->p_misc_flags & ~MF_SC_ENTERED) | MF_SC_ACTIVE;
		return 0;		/* the reported call: run it */
	}
	if (!(p->p_misc_flags & MF_SC_TRACE))
		return 0;
	p->p_misc_flags = (p->p_misc_flags & ~MF_SC_TRACE) | MF_SC_ENTERED;
	vmreq_rewind(p);		/* it makes the call again when resumed */
	cause_sig(p, SIGTRAP, "system call entry");
	return 1;
}
/* LAB(ptrace) STUB */
//~ int
//~ sc_trace_enter(struct proc *p)
//~ {
//~ 	if (p->p_misc_flags & MF_SC_TRACE)
//~ 		panic("LAB(ptrace): sc_trace_enter() does not stop %s at a system call", p->p_name);
//~ 	return 0;
//~ }
/* LAB(ptrace) END */

void
sc_trace_ran(struct proc *p)
{
	if ((p->p_misc_flags & MF_SIG_DELAY) && !RTS_ISSET(p, RTS_SENDING))
		send_finished(p);	/* a stop delayed for this call happens now */
}

/* LAB(ptrace) BEGIN: the leave stop: on the way back to user mode */
int
sc_trace_leave(struct proc *p)
{
	uint32_t flags = p->p_misc_flags;

	if (!(flags & MF_SC_ACTIVE))
		return 0;
	p->p_misc_flags &= ~MF_SC_ACTIVE;
	if (!(flags & MF_SC_TRACE))
		return 0;		/* resumed without T_SYSCALL: no leave event */
	p->p_misc_flags &= ~MF_SC_TRACE;
	cause_sig(p, SIGTRAP, "system call leave");
	return 1;
}
/* LAB(ptrace) STUB */
//~ int
//~ sc_trace_leave(struct proc *p)
//~ {
//~ 	if (p->p_misc_flags & MF_SC_ACTIVE)
//~ 		panic("LAB(ptrace): sc_trace_leave() does not stop %s leaving a call", p->p_name);
//~ 	return 0;
//~ }
/* LAB(ptrace) END */

void
sc_trace_rewound(struct proc *p)
{
	if (p->p_misc_flags & MF_SC_ACTIVE)	/* the same call comes again: no new entry */
		p->p_misc_flags = (p->p_misc_flags & ~MF_SC_ACTIVE) | MF_SC_ENTERED;
}
