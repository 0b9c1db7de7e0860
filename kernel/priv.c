/*
 * priv.c - the privilege table (see priv.h).
 *
 * Id USER_PRIV_ID is shared by every user process: it may only SENDREC, only to the
 * system processes whose priv has USER_CALLABLE (its s_ipc_to follows those flags:
 * priv_sync_user), and make no kernel calls but the two priv_init and boot.c leave it.  The kernel tasks own the next few ids, so that their
 * notifications (interrupts from HARDWARE, kernel signals from SYSTEM, alarms from CLOCK,
 * SENDA completions from ASYNCM) have a bit in every pending map.  System processes get the
 * others; sys_privctl fills them in (RS at boot: servers/rs/boot.c).
 */
#include <minnow/errno.h>
#include "kernel.h"
#include "proc.h"
#include "priv.h"

struct priv priv_table[NR_PRIVS];

static void
set_task_priv(int id, int slot)
{
	struct priv *pr = &priv_table[id];

	pr->s_id = id;
	pr->s_proc_nr = slot;
	pr->s_flags = SYS_PROC;
	pr->s_sig_mgr = NONE;
	proc_addr(slot)->p_priv = pr;
}

void
priv_init(void)
{
	struct priv *user = &priv_table[USER_PRIV_ID];
	int id;

	for (id = 0; id < NR_PRIVS; id++) {
		priv_table[id].s_id = id;
		priv_table[id].s_proc_nr = NONE;	/* free */
	}
	user->s_trap_mask = 1u << SENDREC;
	user->s_sig_mgr = NONE;
	/*
	 * A user process may print through the kernel's diagnostics call and end itself with
	 * sys_exit, so that it can print and exit in a system without PM or VFS (the kernel's
	 * and IPC tests; stdio's fallback, lib/libc/sysdeps.c).  boot.c takes SYS_EXIT away
	 * when PM runs and SYS_DIAGCTL when init does (a real system: users print through
	 * tty).  Every other kernel call is ECALLDENIED.
	 */
	bit_set(user->s_k_call_mask, SYS_DIAGCTL);
	bit_set(user->s_k_call_mask, SYS_EXIT);
	set_task_priv(HARDWARE_PRIV_ID, HARDWARE);
	set_task_priv(SYSTEM_PRIV_ID, SYSTEM);
	set_task_priv(CLOCK_PRIV_ID, CLOCK);
	set_task_priv(ASYNCM_PRIV_ID, ASYNCM);
	set_task_priv(IDLE_PRIV_ID, IDLE);
}

/* A free system privilege structure, cleared, or NULL. */
struct priv *
priv_alloc(void)
{
	int id;

	for (id = KERNEL_PRIV_IDS; id < NR_PRIVS; id++) {
		struct priv *pr = &priv_table[id];

		if (pr->s_proc_nr != NONE)
			continue;
		memset(pr, 0, sizeof(*pr));
		pr->s_id = id;
		return pr;
	}
	return NULL;
}

void
priv_sync_user(const struct priv *pr)
{
	uint32_t *to = priv_table[USER_PRIV_ID].s_ipc_to;

	if (pr->s_id < KERNEL_PRIV_IDS)
		return;
	if (pr->s_proc_nr != NONE && (pr->s_flags & USER_CALLABLE))
		bit_set(to, pr->s_id);
	else
		bit_unset(to, pr->s_id);
}

/* The defaults of a system process: every trap, every partner, every kernel call, and
 * users may call it (RS's spec narrows all of these: do_privctl.c). */
void
priv_set_sys_defaults(struct priv *pr, struct proc *owner)
{
	int i;

	pr->s_proc_nr = owner->p_nr;
	pr->s_flags = SYS_PROC | PREEMPTIBLE | USER_CALLABLE;
	pr->s_trap_mask = (1u << SEND) | (1u << RECEIVE) | (1u << SENDREC) |
			  (1u << NOTIFY) | (1u << SENDNB) | (1u << SENDA) | (1u << REPLYREC);
	for (i = 0; i < NR_PRIVS; i++)
		bit_set(pr->s_ipc_to, i);
	for (i = 0; i < NR_SYS_CALLS; i++)
		bit_set(pr->s_k_call_mask, i);
	pr->s_sig_mgr = NONE;
	owner->p_priv = pr;
	priv_sync_user(pr);
}

void
priv_free(struct priv *pr)
{
	if (pr->s_id >= KERNEL_PRIV_IDS) {
		pr->s_proc_nr = NONE;
		priv_sync_user(pr);
	}
}
