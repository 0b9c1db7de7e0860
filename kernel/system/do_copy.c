/*
 * do_copy.c - SYS_VIRCOPY and SYS_PHYSCOPY: copy bytes between address spaces.
 *
 * Message fields (mess_sys_copy):
 *   src_endpt, src_addr   the source: a process (SELF for the caller) and an address in it;
 *                         for SYS_PHYSCOPY, NONE means src_addr is a physical address
 *   dst_endpt, dst_addr   the destination, the same way
 *   nr_bytes              how many bytes (at most COPY_MAX, else EINVAL)
 *   flags                 CP_FLAG_TRY: no effect (not implemented: failing at once; a
 *                         missing page VM can bring in is brought in, kernel/vmreq.c)
 * Errors: EINVAL (dead endpoint, NONE in a vircopy, too many bytes), EFAULT (a page of
 * either range missing or, for the destination, read-only; physical memory outside RAM).
 * These calls bypass grants, so only trusted system processes (VM, PM, RS) have them in
 * their kernel-call masks; every other service copies through grants (sys_safecopy*).
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

#define COPY_MAX (64u * 1024 * 1024)

/* Resolve one side: *p is the process, or NULL for physical memory (physcopy only). */
static int
copy_side(struct proc *caller, endpoint_t e, vir_bytes addr, uint32_t len, int phys_ok,
	  struct proc **p, vir_bytes *kaddr)
{
	*kaddr = addr;
	if (e == SELF)
		e = caller->p_endpoint;
	if (e == NONE && phys_ok) {
		if (addr + len < addr || addr + len > kernel_direct_top())
			return -EFAULT;
		*p = NULL;
		*kaddr = (vir_bytes)KP2V(addr);
		return OK;
	}
	if ((*p = endpoint_proc(e)) == NULL || iskernelp(*p))
		return -EINVAL;
	return OK;
}

static int
do_some_copy(struct proc *caller, message *m, int phys_ok)
{
	mess_sys_copy *c = &m->m_sys_copy;
	struct proc *src, *dst;
	vir_bytes sa, da;
	int r;

	if (c->nr_bytes > COPY_MAX)
		return -EINVAL;
	if ((r = copy_side(caller, c->src_endpt, c->src_addr, c->nr_bytes, phys_ok, &src, &sa)) != OK ||
	    (r = copy_side(caller, c->dst_endpt, c->dst_addr, c->nr_bytes, phys_ok, &dst, &da)) != OK)
		return r;
	return vm_copy(src, sa, dst, da, c->nr_bytes);
}

int
do_vircopy(struct proc *caller, message *m)
{
	return do_some_copy(caller, m, 0);
}

int
do_physcopy(struct proc *caller, message *m)
{
	return do_some_copy(caller, m, 1);
}
