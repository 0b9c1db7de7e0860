/*
 * do_vsafecopy.c - SYS_VSAFECOPY: a vector of safe copies in one kernel call.
 *
 * A server that moves several pieces (a driver filling a scattered request) saves a kernel
 * call per piece.  Each element (struct vscp_vec, minnow/safecopies.h) is one safecopyfrom or
 * safecopyto, checked exactly as by SYS_SAFECOPYFROM/TO (do_safecopy.c): exactly one of
 * v_from and v_to must be SELF, the other is the granter; v_to == SELF copies from the grant
 * into the caller's v_addr (needs CPF_READ), v_from == SELF copies the caller's v_addr into
 * the grant (needs CPF_WRITE).  The elements run in order and the call stops at the first
 * that fails: the ones before it have been done.
 *
 * Message fields (mess_sys_vsafecopy), read only:
 *   vec_addr  the array of struct vscp_vec, in the caller (unreadable: EFAULT)
 *   vec_size  its number of elements, 0 .. SCPVEC_NR (else EINVAL)
 * Errors: EINVAL (bad size; an element with both or neither side SELF), EFAULT, and every
 * error of a single safe copy (EINVAL, EPERM, ELOOP, EFAULT).
 */
#include <minnow/errno.h>
#include <minnow/safecopies.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"
#include "../grant.h"

/* One element: decide its direction, then copy as SYS_SAFECOPYFROM/TO would. */
static int
vscp_one(struct proc *caller, const struct vscp_vec *v)
{
	if ((v->v_from == SELF) == (v->v_to == SELF))
		return -EINVAL;
	if (v->v_to == SELF)
		return safecopy(caller, v->v_from, v->v_gid, v->v_offset, v->v_addr,
			v->v_bytes, CPF_READ);
	return safecopy(caller, v->v_to, v->v_gid, v->v_offset, v->v_addr, v->v_bytes,
		CPF_WRITE);
}

int
do_vsafecopy(struct proc *caller, message *m)
{
	static struct vscp_vec vec[SCPVEC_NR];	/* the kernel runs one call at a time */
	int i, n = m->m_sys_vsafecopy.vec_size, r;

	if (n < 0 || n > SCPVEC_NR)
		return -EINVAL;
	if (vm_copy(caller, m->m_sys_vsafecopy.vec_addr, NULL, (vir_bytes)vec,
		    (size_t)n * sizeof(vec[0])) != OK)
		return -EFAULT;
	for (i = 0; i < n; i++)
		if ((r = vscp_one(caller, &vec[i])) != OK)
			return r;
	return OK;
}
