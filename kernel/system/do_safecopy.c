/*
 * do_safecopy.c - SYS_SAFECOPYFROM and SYS_SAFECOPYTO: copy through a memory grant.
 *
 * The caller is the grantee: it names a granter and one of the granter's grant ids, and
 * copies between the granted range and a buffer of its own (safecopy(), kernel/grant.c).  safecopyfrom reads the grant
 * (the entry must allow CPF_READ), safecopyto writes it (CPF_WRITE).  The caller's own
 * endpoint is what verify_grant() (kernel/grant.c) checks the grant against: no field names
 * the grantee, so nobody can use a grant meant for somebody else.
 *
 * Message fields (mess_sys_safecopy), all read, none written:
 *   granter  the endpoint whose grant table holds the grant (EINVAL if not alive)
 *   grant    the grant id (index + generation, minnow/safecopies.h; negative: EINVAL)
 *   offset   where the copy starts inside the granted range
 *   address  the caller's own buffer
 *   bytes    how many bytes; offset + bytes must lie inside the granted range (EPERM)
 * Errors: EINVAL, EPERM, ELOOP from verify_grant(); EINVAL if a magic grant names a dead
 * process; EFAULT if a page of either buffer is missing and VM cannot bring it in (the copy
 * may have been partly done).  A missing page VM can make present is brought in and the
 * call made again (kernel/vmreq.c).  CPF_TRY: no effect (not implemented: failing at once).
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../grant.h"

int
do_safecopy_from(struct proc *caller, message *m)
{
	return safecopy(caller, m->m_sys_safecopy.granter, m->m_sys_safecopy.grant,
		m->m_sys_safecopy.offset, m->m_sys_safecopy.address, m->m_sys_safecopy.bytes,
		CPF_READ);
}

int
do_safecopy_to(struct proc *caller, message *m)
{
	return safecopy(caller, m->m_sys_safecopy.granter, m->m_sys_safecopy.grant,
		m->m_sys_safecopy.offset, m->m_sys_safecopy.address, m->m_sys_safecopy.bytes,
		CPF_WRITE);
}
