/*
 * do_setgrant.c - SYS_SETGRANT: tell the kernel where the caller's grant table is.
 *
 * A grant table lives in its owner's memory (minnow/safecopies.h); the kernel only records
 * its address and number of entries in the owner's priv (s_grant_table, s_grant_entries) and
 * reads entries from there whenever somebody copies through a grant (kernel/grant.c).  libsys
 * calls this when it first makes a grant and again each time the table grows and moves
 * (cpf_reload() re-announces it).  The table need not be readable now: an entry the kernel
 * cannot read later simply grants nothing (EPERM).
 *
 * Only system processes have grant tables: user processes share one priv, so one of them
 * announcing a table would announce it for all (EPERM; their kernel-call mask forbids the
 * call anyway).
 *
 * Message fields (mess_sys_setgrant), read only:
 *   addr  the table, in the caller (ignored when size is 0)
 *   size  its number of entries, 1 .. GRANT_MAX_ENTRIES; 0 removes the table (the caller
 *         then grants nothing); negative or larger: EINVAL.  The table must lie below
 *         USER_TOP without wrapping (EINVAL).
 * Errors: EPERM (not a system process), EINVAL (bad size or address).
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include <minnow/vmlayout.h>
#include "../kernel.h"
#include "../priv.h"
#include "../proc.h"
#include "../system.h"

int
do_setgrant(struct proc *caller, message *m)
{
	struct priv *pr = priv(caller);
	vir_bytes addr = m->m_sys_setgrant.addr;
	int size = m->m_sys_setgrant.size;

	if (!(pr->s_flags & SYS_PROC))
		return -EPERM;
	if (size < 0 || size > GRANT_MAX_ENTRIES)
		return -EINVAL;
	if (size == 0) {
		pr->s_grant_table = 0;
		pr->s_grant_entries = 0;
		return OK;
	}
	if (addr == 0 || addr >= USER_TOP ||
	    (USER_TOP - addr) / sizeof(cp_grant_t) < (vir_bytes)size)
		return -EINVAL;
	pr->s_grant_table = addr;
	pr->s_grant_entries = size;
	return OK;
}
