/*
 * do_umap.c - SYS_UMAP: the physical address behind a process's virtual range.
 *
 * Message fields (mess_sys_umap):
 *   endpt      the process (SELF for the caller; EINVAL if not live)
 *   vir_addr   the virtual address
 *   nr_bytes   the range must be present and physically contiguous (else EFAULT)
 *   phys_addr  out: the physical address of vir_addr
 * Drivers use it to hand DMA addresses to devices.
 */
#include <minnow/errno.h>
#include "../kernel.h"
#include "../proc.h"
#include "../system.h"

#define PAGE 4096u

int
do_umap(struct proc *caller, message *m)
{
	endpoint_t e = m->m_sys_umap.endpt == SELF ? caller->p_endpoint : m->m_sys_umap.endpt;
	struct proc *p = endpoint_proc(e);
	uint32_t va = m->m_sys_umap.vir_addr, len = m->m_sys_umap.nr_bytes, first, pa, off;

	if (p == NULL || iskernelp(p))
		return -EINVAL;
	if (len == 0 || va + len < va)
		return -EINVAL;
	if (pt_lookup(p->p_cr3, va, 0, &first) != OK)
		return -EFAULT;
	for (off = PAGE - (va & (PAGE - 1)); off < len; off += PAGE) {
		if (pt_lookup(p->p_cr3, va + off, 0, &pa) != OK || pa != first + off)
			return -EFAULT;
	}
	m->m_sys_umap.phys_addr = first;
	return OK;
}
