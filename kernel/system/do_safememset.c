/*
 * do_safememset.c - SYS_SAFEMEMSET: fill part of a granted range with one byte value.
 *
 * The caller is the grantee, as for SYS_SAFECOPYTO (do_safecopy.c), and the grant must allow
 * CPF_WRITE.  A driver uses it to clear a client's buffer (reading past the end of a device
 * returns zeroes) without first filling a buffer of its own and copying it.
 *
 * Message fields (mess_sys_safememset), read only:
 *   granter  the endpoint whose grant table holds the grant
 *   grant    the grant id
 *   offset   where the fill starts inside the granted range
 *   pattern  the byte value (only its low 8 bits count)
 *   bytes    how many bytes; offset + bytes must lie inside the granted range (EPERM)
 * Errors: those of verify_grant() (EINVAL, EPERM, ELOOP); EINVAL if a magic grant names a
 * dead process; EFAULT if a page of the range is missing (the fill may be partly done).
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../grant.h"

#define FILL_CHUNK 256

int
do_safememset(struct proc *caller, message *m)
{
	static char fill[FILL_CHUNK];
	size_t bytes = m->m_sys_safememset.bytes, chunk;
	vir_bytes where;
	endpoint_t owner_e;
	struct proc *owner;
	int r;

	r = verify_grant(m->m_sys_safememset.granter, caller->p_endpoint,
		m->m_sys_safememset.grant, bytes, CPF_WRITE, m->m_sys_safememset.offset,
		&where, &owner_e);
	if (r != OK)
		return r;
	if ((owner = endpoint_proc(owner_e)) == NULL)
		return -EINVAL;
	memset(fill, m->m_sys_safememset.pattern, sizeof(fill));
	for (; bytes > 0; bytes -= chunk, where += chunk) {
		chunk = bytes < FILL_CHUNK ? bytes : FILL_CHUNK;
		if ((r = vm_copy(NULL, (vir_bytes)fill, owner, where, chunk)) != OK)
			return r;
	}
	return OK;
}
