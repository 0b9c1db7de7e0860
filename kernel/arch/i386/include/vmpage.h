/*
 * vmpage.h - the translation of a process's address through its own page table, inline.
 *
 * vm_page_quick() is the common case of every translation the kernel makes for a message
 * (pagetable.c's page_ptr(), the IPC delivery in ipc.c): the page-directory entry, then the
 * page-table entry, read through the kernel's direct map of physical memory.  It answers
 * NULL for anything it does not handle, present or not (a 4 MiB page, a frame beyond the
 * direct map, an address in the kernel's range, a missing or read-only page): the caller
 * then takes its long way, which tells these apart and records a fault for VM (vmreq.c).
 */
#ifndef MINNOW_I386_VMPAGE_H
#define MINNOW_I386_VMPAGE_H

#include "mmu.h"

/*
 * Kernel address of byte va of p, whose page table exists (p_cr3 != 0), if va's page is
 * mapped with the PTE bits need (PTE_P | PTE_U, and PTE_W to write) in an ordinary 4 KiB
 * page below KERN_DIRECT_MAX; else NULL.  Two memory reads and three tests.
 */
static inline __attribute__((always_inline)) char *
vm_page_quick(const struct proc *p, vir_bytes va, uint32_t need)
{
	uint32_t pde, pte;

	/* (va at KERNBASE and above: the kernel's entries, 4 MiB pages without PTE_U) */
	pde = ((const uint32_t *)KP2V(p->p_cr3))[PDX(va)];
	if ((pde & (need | PTE_PS)) != need)
		return NULL;
	pte = ((const uint32_t *)KP2V(pde & ~(PAGE_SIZE - 1)))[(va >> 12) & 0x3FF];
	if ((pte & need) != need || (pte & ~(PAGE_SIZE - 1)) >= KERN_DIRECT_MAX)
		return NULL;
	return KP2V((pte & ~(PAGE_SIZE - 1)) | (va & (PAGE_SIZE - 1)));
}

#endif /* MINNOW_I386_VMPAGE_H */
