/*
 * do_exit.c - SYS_EXIT: a system process ends itself.
 *
 * Message fields: none.  The caller never receives a reply (EDONTREPLY).
 * As in MINIX, the kernel raises SIGABRT for the caller's signal manager (RS for a system
 * process, PM for a user process), which cleans up; a process without a manager (a boot
 * without RS or PM: the kernel's and IPC tests) is ended by the kernel at once: its IPC
 * partners are woken with EDEADSRCDST and its slot is freed.
 */
#include <minnow/errno.h>
#include <minnow/signum.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"
#include "../signal.h"

int
do_exit(struct proc *caller, message *m)
{
	(void)m;
	if (priv(caller)->s_sig_mgr != NONE) {
		cause_sig(caller, SIGABRT, "sys_exit");
		return -EDONTREPLY;
	}
	kprintf("kernel: %s (endpoint %d) exited\n", caller->p_name, caller->p_endpoint);
	proc_exit(caller);
	return -EDONTREPLY;
}
